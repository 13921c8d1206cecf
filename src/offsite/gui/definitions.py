"""Buy-in ▸ Definitions: the glossary both teams mean the same thing by, with each leader's buy-in.

The glossary is edited in place (typing edits a cell, Ctrl+Shift+D adds a term, Delete removes
one, Escape in a new term's editor takes it back). The matrix under it works as the objectives
matrix does (``stances.StanceMatrix``): one key records a stance on the selected cell.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from offsite.domain.language import QT_TRANSLATE_NOOP, translate
from offsite.domain.signoff import DefinitionView, in_sentence
from offsite.domain.values import Change, Kind, Stance
from offsite.gui.commands import CreateCommand, RemoveCommand, UpdateCommand
from offsite.gui.delegates import FieldDelegate, edit_new_row, setup_editable_table, take_back_on_escape
from offsite.gui.document import EditCommand, PlanDocument
from offsite.gui.fit import keep_wrapped_text_whole, show_rows, stack_columns_when_narrow
from offsite.gui.forms import Form
from offsite.gui.models import DefinitionBuyInModel, Field, FieldType, RowsModel
from offsite.gui.page import Page
from offsite.gui.stances import MATRIX_HINT_SHORT, LeaderHeader, StanceMatrix
from offsite.services import definitions

#: The classic first entry, offered while the glossary is empty; the leaders then make it theirs.
#: Plan content, in the words sales teams use everywhere: not translated.
SUGGESTED_TERM = "Sales qualified lead"
SUGGESTED_DEFINITION = (
    "A lead sales has accepted to work now: it fits the ideal customer profile, has a confirmed "
    "need and timing, and a sales rep has spoken with them."
)
#: Made at import: ``translate("DefinitionsTab", EVERYONE)`` where it is shown.
EVERYONE = QT_TRANSLATE_NOOP("DefinitionsTab", "Everyone")


def definition_fields() -> tuple[Field, ...]:
    """The glossary's columns, titled in the leader's language (made when the tab is)."""
    return (
        Field(translate("DefinitionsTab", "Term"), "term"),
        Field(translate("DefinitionsTab", "Definition"), "definition"),
        Field(
            translate("DefinitionsTab", "Owning team"),
            "team_id",
            FieldType.TEAM,
            translate("DefinitionsTab", "Whose leaders must agree; everyone's when no team owns it"),
        ),
    )


#: The glossary's term and owning-team columns, as wide as a laptop at 100% allows.
TERM_WIDTH, TEAM_WIDTH = 200, 150
#: Terms the buy-in matrix keeps in view, whatever the height of the leaders' names above them.
MATRIX_ROWS = 3
#: The narrowest the tab shows the stance box beside the definition's history (each ~250 px).
SIDE_BY_SIDE = 560

#: Made at import: ``translate("DefinitionsTab", KEYS_HINT)`` where it is shown, the matrix's keys after it.
KEYS_HINT = QT_TRANSLATE_NOOP(
    "DefinitionsTab",
    "Glossary: type to edit a cell · Ctrl+Shift+D add a term · Delete remove · Escape on a new term "
    "takes it back. ",
)


class DefinitionsForm(Form):
    ui_file = "definitions_tab.ui"
    introLabel: QLabel
    suggestBox: QFrame
    suggestLabel: QLabel
    suggestButton: QPushButton
    glossaryView: QTableView
    addButton: QPushButton
    removeButton: QPushButton
    summaryLabel: QLabel
    keysHint: QLabel
    matrixView: QTableView
    stanceBox: QGroupBox
    cellLabel: QLabel
    stanceCombo: QComboBox
    recordButton: QPushButton
    commentEdit: QLineEdit
    definitionHistory: QListWidget
    bottomRow: QHBoxLayout


class GlossaryModel(RowsModel):
    """The glossary's rows; a definition no team owns belongs to everyone."""

    def _display(self, field: Field, value: Any) -> str:
        if field.type is FieldType.TEAM and value is None:
            return translate("DefinitionsTab", EVERYONE)
        return super()._display(field, value)


class GlossaryDelegate(FieldDelegate):
    """The house editors, with "Everyone" for no owning team."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Any) -> QWidget:
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QComboBox) and editor.count() and editor.itemData(0) is None:
            editor.setItemText(0, translate("DefinitionsTab", EVERYONE))
        return editor


class DefinitionsTab(Page):
    #: A sentence saying why typed text was not taken.
    rejected = Signal(str)
    shows = frozenset({Kind.DEFINITION, Kind.DEFINITION_STANCE, Kind.LEADER, Kind.TEAM})

    def __init__(self, document: PlanDocument) -> None:
        super().__init__(document)
        self.ui = ui = DefinitionsForm.setup(self)
        self.rows: tuple[DefinitionView, ...] = ()
        self._row_of: dict[int, int] = {}  # each term's row
        self._bought = 0  # how many terms are bought in
        self.read_only = False

        self.glossary = GlossaryModel(definition_fields(), self._edit, self._team_names, self)
        ui.glossaryView.setModel(self.glossary)
        delegate = GlossaryDelegate(self._team_choices, ui.glossaryView)
        delegate.rejected.connect(self.rejected)
        setup_editable_table(ui.glossaryView, delegate)
        ui.glossaryView.setAlternatingRowColors(True)
        header = ui.glossaryView.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, TERM_WIDTH)
        header.resizeSection(2, TEAM_WIDTH)
        ui.glossaryView.selectionModel().currentRowChanged.connect(self._glossary_row_changed)
        ui.glossaryView.installEventFilter(self)

        self.matrix = DefinitionBuyInModel(self)
        self.stances = StanceMatrix(
            document,
            ui.matrixView,
            self.matrix,
            combo=ui.stanceCombo,
            comment=ui.commentEdit,
            button=ui.recordButton,
            cell_label=ui.cellLabel,
            history_list=ui.definitionHistory,
            command=self._stance_command,
            history=lambda d: d.stances,
            leaders=lambda: document.view().leaders,
        )
        ui.matrixView.verticalHeader().setMaximumWidth(180)
        leaders = ui.matrixView.horizontalHeader()
        if isinstance(leaders, LeaderHeader):  # a definition's stances are short: narrower columns
            leaders.set_floor(80)
        ui.matrixView.selectionModel().currentRowChanged.connect(self._matrix_row_changed)

        ui.keysHint.setText(
            translate("DefinitionsTab", KEYS_HINT) + translate("StanceMatrix", MATRIX_HINT_SHORT)
        )
        # On a narrow or scaled screen the page scrolls down rather than squeeze: the glossary and
        # the matrix keep rows to read, wrapped text its lines, the history goes under the stance.
        show_rows(ui.glossaryView, 3)
        stack_columns_when_narrow(ui.bottomRow, self, SIDE_BY_SIDE)
        keep_wrapped_text_whole(self)
        ui.addButton.setToolTip(translate("DefinitionsTab", "Add a term to the glossary (Ctrl+Shift+D)"))
        ui.addButton.clicked.connect(self.add_term)
        ui.removeButton.setToolTip(
            translate("DefinitionsTab", "Remove the selected term and its buy-in (Delete in the glossary)")
        )
        ui.removeButton.clicked.connect(self.remove_term)
        ui.suggestButton.clicked.connect(self.add_suggested)
        QShortcut(QKeySequence("Ctrl+Shift+D"), self, self.add_term)

    # -- loading -------------------------------------------------------------------------
    def _team_names(self) -> dict[int, str]:
        return {t.id: t.name for t in self.document.view().teams}

    def _team_choices(self) -> list[tuple[int, str]]:
        return [(t.id, t.name) for t in self.document.view().teams]

    def load(self, document: PlanDocument) -> None:
        view = document.view()
        self._set_rows(definitions.read_definitions(document.plan))
        self.glossary.set_rows(self.rows)
        self.matrix.set_items(self.rows, view.leaders, self._team_names())
        self._show_state()

    def _set_rows(self, rows: tuple[DefinitionView, ...]) -> None:
        self.rows = rows
        self._row_of = {d.id: row for row, d in enumerate(rows)}
        self._bought = sum(d.bought_in for d in rows)

    def update_to(self, change: Change) -> None:
        """An edit of some terms or their buy-in reads those terms again and repaints their rows alone.

        A glossary grows with the plan (thousands of terms in a large one): typing in one must not
        read the others. A change to the leaders or teams, or one whose rows are not known, reads
        the glossary again; a term added, removed or put back places the rows by the plan's order.
        """
        rows = change.rows
        if rows is None or change.kinds & {Kind.LEADER, Kind.TEAM}:
            self.reload()
            return
        ids = set(rows.get(Kind.DEFINITION, ()))
        if rows.get(Kind.DEFINITION_STANCE) and not ids:
            self.reload()  # a stance whose term the edit did not name
            return
        fresh = {d.id: d for d in definitions.read_definitions(self.document.plan, ids)}
        at = self._row_of
        if (
            Kind.DEFINITION in change.reordered
            or any(i not in fresh for i in ids)
            or any(i not in at for i in fresh)
        ):
            old = {d.id: d for d in self.rows}
            order = definitions.definition_order(self.document.plan)
            self._set_rows(tuple(fresh.get(i) or old[i] for i in order if i in fresh or i in old))
            view = self.document.view()
            self.glossary.set_rows(self.rows)
            self.matrix.set_items(self.rows, view.leaders, self._team_names())
        else:
            changed = {at[i]: d for i, d in fresh.items()}
            rows_now = list(self.rows)
            for row, d in changed.items():
                self._bought += int(d.bought_in) - int(rows_now[row].bought_in)
                rows_now[row] = d
            self.rows = tuple(rows_now)
            self.glossary.replace_rows(changed)
            self.matrix.replace_items(changed)
        self._show_state()
        self.projectionChanged.emit()

    def _show_state(self) -> None:
        """The summary, the offer of a first term and what the buttons can do, for ``self.rows``."""
        empty = not self.rows
        self.ui.suggestBox.setVisible(empty and not self.read_only)
        self.ui.summaryLabel.setText(
            translate("DefinitionsTab", "No terms yet.")
            if empty
            else translate("DefinitionsTab", "<b>{bought} of {total}</b> definitions bought in.").format(
                bought=self._bought, total=len(self.rows)
            )
        )
        self.ui.removeButton.setEnabled(not empty and not self.read_only)
        if not self.ui.glossaryView.currentIndex().isValid() and self.rows:
            self.ui.glossaryView.setCurrentIndex(self.glossary.index(0, 0))
        self.stances.refresh()
        # The leaders' names set the header's height; many leaders scroll the matrix sideways.
        show_rows(self.ui.matrixView, MATRIX_ROWS, sideways=True)

    def first_focus(self) -> QWidget:
        """Where Alt+2 puts the keyboard: the offer on an empty glossary, else the glossary."""
        return self.ui.suggestButton if self.ui.suggestBox.isVisibleTo(self) else self.ui.glossaryView

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.ui.suggestBox.isVisibleTo(self) and not self.ui.suggestButton.hasFocus():
            self.ui.suggestButton.setFocus()

    # -- keeping the glossary and the matrix on the same term -----------------------------
    def _glossary_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        matrix = self.ui.matrixView
        if current.isValid() and matrix.currentIndex().row() != current.row():
            column = max(0, matrix.currentIndex().column())
            matrix.setCurrentIndex(self.matrix.index(current.row(), column))

    def _matrix_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        glossary = self.ui.glossaryView
        if current.isValid() and glossary.currentIndex().row() != current.row():
            column = max(0, glossary.currentIndex().column())
            glossary.setCurrentIndex(self.glossary.index(current.row(), column))

    def current_definition(self) -> DefinitionView | None:
        index = self.ui.glossaryView.currentIndex()
        return self.rows[index.row()] if index.isValid() and index.row() < len(self.rows) else None

    # -- edits ---------------------------------------------------------------------------
    def _edit(self, row_id: int, name: str, value: Any) -> None:
        if name == "term" and isinstance(value, str):
            value = value.strip()
        self.document.execute(
            UpdateCommand(
                self.document,
                translate("DefinitionsTab", "Edit definition"),
                Kind.DEFINITION,
                row_id,
                {name: value},
            )
        )

    def _stance_command(
        self, definition_id: int, leader_id: int, stance: Stance, comment: str
    ) -> EditCommand:
        doc = self.document
        return CreateCommand(
            doc,
            translate("DefinitionsTab", "Record {stance} on a definition").format(
                stance=in_sentence(stance.label)
            ),
            Kind.DEFINITION_STANCE,
            lambda: definitions.record_definition_stance(doc.plan, definition_id, leader_id, stance, comment),
            touches={Kind.DEFINITION: frozenset({definition_id})},
        )

    def _add(self, term: str, definition: str, column: int) -> bool:
        if self.read_only:
            return False
        doc = self.document
        command = CreateCommand(
            doc,
            translate("DefinitionsTab", "Add “{term}” to the glossary").format(term=term),
            Kind.DEFINITION,
            lambda: definitions.add_definition(doc.plan, term, definition),
            also=(Kind.DEFINITION_STANCE,),
        )
        if not doc.execute(command) or command.created_id is None:
            return False
        row = self.glossary.row_of(command.created_id)
        if row >= 0:
            view = self.ui.glossaryView
            edit_new_row(view, self.glossary.index(row, column))
            take_back_on_escape(view, command, self._after_take_back)
        return True

    def _after_take_back(self) -> None:
        if self.rows:
            self.ui.glossaryView.setCurrentIndex(self.glossary.index(len(self.rows) - 1, 0))
        self.first_focus().setFocus()

    def add_term(self) -> bool:
        """Add a term named "New term" (numbered when taken), its name open for typing."""
        taken = {d.term.casefold() for d in self.rows}
        term, number = translate("DefinitionsTab", "New term"), 2
        while term.casefold() in taken:
            term, number = translate("DefinitionsTab", "New term {number}").format(number=number), number + 1
        return self._add(term, "", 0)

    def add_suggested(self) -> bool:
        """Add "Sales qualified lead" with a starter definition, open for the leaders to reword."""
        return self._add(SUGGESTED_TERM, SUGGESTED_DEFINITION, 1)

    def remove_term(self) -> None:
        if self.read_only:
            return
        definition = self.current_definition()
        if definition is None:
            self.document.failed.emit(translate("DefinitionsTab", "Select a term to remove first."))
            return
        row = self.ui.glossaryView.currentIndex().row()
        self.document.execute(
            RemoveCommand(
                self.document,
                translate("DefinitionsTab", "Remove “{term}”").format(term=definition.term),
                Kind.DEFINITION,
                definition.id,
                also=(Kind.DEFINITION_STANCE,),
            )
        )
        if self.glossary.rowCount():
            self.ui.glossaryView.setCurrentIndex(
                self.glossary.index(min(row, self.glossary.rowCount() - 1), 0)
            )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        view = self.ui.glossaryView
        if watched is view and event.type() == QEvent.Type.Resize:
            self._fit_glossary_columns()
        if (
            watched is view
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and view.state() != QAbstractItemView.State.EditingState
            and not self.read_only
        ):
            if event.key() == Qt.Key.Key_Delete and not event.modifiers():
                self.remove_term()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.rows:
                self.add_suggested()
                return True
        return super().eventFilter(watched, event)

    def _fit_glossary_columns(self) -> None:
        """On a narrow screen the term and its team give up room, so the definition stays readable."""
        width = self.ui.glossaryView.viewport().width()
        header = self.ui.glossaryView.horizontalHeader()
        header.resizeSection(0, min(TERM_WIDTH, int(width * 0.35)))
        header.resizeSection(2, min(TEAM_WIDTH, int(width * 0.25)))

    def make_read_only(self) -> None:
        super().make_read_only()
        self.read_only = True
        self.stances.read_only = True
        self.ui.suggestBox.setVisible(False)
