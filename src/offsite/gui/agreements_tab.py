"""One tab of the Agreements page: the agreements of one kind in a table that edits in place as the
Definitions glossary does, the buy-in matrix under it (``stances.StanceMatrix``), and what the kind
adds: the journey's swimlane, the decision rights' business model, the incentives' warnings.

Type to edit a cell; Insert (or Ctrl+Shift+E) adds a row after the selected one, its first cell open;
Delete removes; Escape in a new row's first cell takes it back; Alt+Up / Alt+Down move; Alt+I goes
to the matrix and back. Every edit is one service verb in one undo step, and reads again only the
agreements it touched.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSize, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableView,
    QWidget,
)

from offsite.domain.agreements import (
    BUSINESS_MODELS,
    DECISION_AREAS,
    DEFAULT_JOURNEY,
    AgreementKind,
    AgreementView,
)
from offsite.domain.language import QT_TRANSLATE_NOOP, translate
from offsite.domain.values import Change, Kind, Stance
from offsite.gui.agreements_models import (
    AddAllCommand,
    AgreementBuyInModel,
    AgreementDelegate,
    AgreementsModel,
    MoveCommand,
    name_choices,
    summary,
)
from offsite.gui.commands import CreateCommand, RemoveCommand, UpdateCommand
from offsite.gui.delegates import edit_new_row, setup_editable_table, take_back_on_escape
from offsite.gui.document import EditCommand, PlanDocument
from offsite.gui.fit import keep_wrapped_text_whole, show_rows, stack_columns_when_narrow
from offsite.gui.forms import Form
from offsite.gui.keys import shortcut
from offsite.gui.page import Page
from offsite.gui.rich_text import literal as esc
from offsite.gui.stances import MATRIX_HINT_SHORT, LeaderHeader, StanceMatrix
from offsite.gui.swimlane import LANE_H, MARGIN, SwimlaneView, swimlane_area
from offsite.gui.theme import INK_ON_TINT, tone

if TYPE_CHECKING:
    from offsite.domain.journey import Swimlane
    from offsite.gui.projection import Projection


#: Adds a row to the table on screen, from anywhere on the page (Insert too, in the table).
ADD_KEY = "Ctrl+Shift+E"
#: Goes from a tab's table to its buy-in matrix and back.
SWITCH_KEY = "Alt+I"


def keys_hint() -> str:
    """The line of keys under a tab: the table's, then the matrix's (the keys of ``stances``)."""
    table = translate(
        "AgreementsTab",
        "Alt+1…Alt+5 tabs · {switch} table ⇄ matrix. Table: type to edit a cell · Insert or {add} "
        "add · Delete remove · Escape on a new row takes it back · Alt+Up/Alt+Down move.",
    ).format(switch=SWITCH_KEY, add=ADD_KEY)
    # The matrix's keys in the words every matrix uses (Buy-in's, Definitions').
    return f"{table} {translate('StanceMatrix', MATRIX_HINT_SHORT)}"


#: What each tab says above its table.
INTROS = {
    AgreementKind.JOURNEY_STAGE: QT_TRANSLATE_NOOP(
        "AgreementsTab",
        "The stages a customer goes through, who owns each, what both teams say, "
        "and what hands the customer on to the next stage, by when.",
    ),
    AgreementKind.HAND_OFF: QT_TRANSLATE_NOOP(
        "AgreementsTab",
        "For each lead source: who gets the leads and how, how fast they answer, and "
        "what happens on a miss; the definition the leads meet and the metric the check-ins track.",
    ),
    AgreementKind.DECISION_RIGHT: QT_TRANSLATE_NOOP(
        "AgreementsTab",
        "Who makes each call, who is consulted first, and why, given the business model the leaders chose.",
    ),
    AgreementKind.INCENTIVE: QT_TRANSLATE_NOOP(
        "AgreementsTab",
        "What each team is paid or recognised for, and the shared objective it ties "
        "to. An incentive no shared objective asks for is marked ⚠.",
    ),
    AgreementKind.PRACTICE: QT_TRANSLATE_NOOP(
        "AgreementsTab",
        "What the teams do together, how often at the least, and the metric their "
        "check-ins count after the offsite.",
    ),
}
#: The offer on an empty table of the kinds that have a starter set.
STARTERS = {
    AgreementKind.JOURNEY_STAGE: (
        QT_TRANSLATE_NOOP(
            "AgreementsTab",
            "<b>No journey yet.</b> Start from the usual journey (awareness to renewal and advocacy), its "
            "stages owned by the plan's Marketing and Sales teams, then make it yours.",
        ),
        QT_TRANSLATE_NOOP("AgreementsTab", "Start from the usual &journey"),
    ),
    AgreementKind.DECISION_RIGHT: (
        QT_TRANSLATE_NOOP(
            "AgreementsTab",
            "<b>No decision rights yet.</b> Start from the decisions the teams most often disagree on: "
            "go-to-market, pricing, messaging and lead scoring.",
        ),
        QT_TRANSLATE_NOOP("AgreementsTab", "Add the usual &decisions"),
    ),
}
NOT_CHOSEN = QT_TRANSLATE_NOOP("AgreementsTab", "Not chosen")
#: The light tint of an offer on an empty table (style.qss's ``QFrame#suggestBox``).
OFFER_TINT = "#eef5fd"
#: The table's rows kept in view; the matrix's likewise.
TABLE_ROWS, MATRIX_ROWS = 4, 3
#: The narrowest the tab shows the stance box beside the history.
SIDE_BY_SIDE = 560


class AgreementsTabForm(Form):
    ui_file = "agreements_tab.ui"
    introLabel: QLabel
    modelBox: QGroupBox
    modelCombo: QComboBox
    whyEdit: QLineEdit
    suggestBox: QFrame
    startLabel: QLabel
    startButton: QPushButton
    splitter: QSplitter
    tableView: QTableView
    diagramHost: QWidget
    addButton: QPushButton
    removeButton: QPushButton
    upButton: QPushButton
    downButton: QPushButton
    summaryLabel: QLabel
    warningLabel: QLabel
    matrixView: QTableView
    stanceBox: QGroupBox
    cellLabel: QLabel
    stanceCombo: QComboBox
    recordButton: QPushButton
    commentEdit: QLineEdit
    historyList: QListWidget
    bottomRow: QHBoxLayout
    keysHint: QLabel


class AgreementsTab(Page):
    """The agreements of one kind: the table, its buy-in matrix, and what that kind adds."""

    def __init__(self, document: PlanDocument, kind: AgreementKind) -> None:
        super().__init__(document)
        self.kind = kind
        self.ui = ui = AgreementsTabForm.setup(self)
        self.setObjectName(f"agreements_{kind.value}")
        names = {f.name for f in ui_fields(kind)}
        shows = {Kind.AGREEMENT, Kind.AGREEMENT_STANCE, Kind.LEADER, Kind.TEAM}
        if names & {"metric_id", "objective_id"}:
            shows |= {Kind.OBJECTIVE, Kind.METRIC}
        if "definition_id" in names:
            shows.add(Kind.DEFINITION)
        if kind is AgreementKind.DECISION_RIGHT:
            shows.add(Kind.PLAN)
        self.shows = frozenset(shows)
        self.rows: tuple[AgreementView, ...] = ()
        self._row_of: dict[int, int] = {}
        self._definitions: dict[int, str] = {}
        self._choices: dict[str, list[tuple[Any, str]]] = {}
        self._shown_why = ""
        self.read_only = False

        self.table = AgreementsModel(
            kind, self._edit, self._team_names, self._leader_names, self.choices, self
        )
        view = ui.tableView
        view.setModel(self.table)
        columns = ", ".join(f.shown_label.lower() for f in ui_fields(kind))
        view.setAccessibleName(f"{kind.shown_heading}: {columns}")
        delegate = AgreementDelegate(self._team_choices, self._leader_choices, self.choices, view)
        delegate.rejected.connect(document.failed)
        setup_editable_table(view, delegate)
        view.setAlternatingRowColors(True)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 170)
        header.setMinimumSectionSize(90)
        view.selectionModel().currentRowChanged.connect(self._table_row_changed)
        view.installEventFilter(self)

        self.matrix = AgreementBuyInModel(kind, self)
        self.stances = StanceMatrix(
            document,
            ui.matrixView,
            self.matrix,
            combo=ui.stanceCombo,
            comment=ui.commentEdit,
            button=ui.recordButton,
            cell_label=ui.cellLabel,
            history_list=ui.historyList,
            command=self._stance_command,
            history=lambda a: a.stances,
            leaders=lambda: document.view().leaders,
        )
        ui.matrixView.setAccessibleName(
            translate("AgreementsTab", "{kinds} buy-in matrix: {items} by leaders").format(
                kinds=kind.shown_heading, items=kind.shown_plural
            )
        )
        ui.matrixView.verticalHeader().setMaximumWidth(200)
        leaders = ui.matrixView.horizontalHeader()
        if isinstance(leaders, LeaderHeader):
            leaders.set_floor(80)
        ui.matrixView.selectionModel().currentRowChanged.connect(self._matrix_row_changed)

        ui.introLabel.setText(translate("AgreementsTab", INTROS[kind]))
        ui.keysHint.setText(keys_hint())
        noun = kind.shown_noun
        ui.addButton.setText(translate("AgreementsTab", "&Add {noun}").format(noun=noun))
        ui.addButton.setToolTip(
            translate("AgreementsTab", "Add a {noun} (Insert in the table, or {key})").format(
                noun=noun, key=ADD_KEY
            )
        )
        ui.removeButton.setToolTip(
            translate(
                "AgreementsTab", "Remove the selected {noun} and its buy-in (Delete in the table)"
            ).format(noun=noun)
        )
        ui.upButton.setToolTip(
            translate("AgreementsTab", "Move the selected {noun} up (Alt+Up in the table)").format(noun=noun)
        )
        ui.downButton.setToolTip(
            translate("AgreementsTab", "Move the selected {noun} down (Alt+Down in the table)").format(
                noun=noun
            )
        )
        ui.addButton.clicked.connect(self.add_row)
        ui.removeButton.clicked.connect(self.remove_row)
        ui.upButton.clicked.connect(lambda: self.move_row(-1))
        ui.downButton.clicked.connect(lambda: self.move_row(+1))
        starter = STARTERS.get(kind)
        if starter is not None:
            ui.startLabel.setText(translate("AgreementsTab", starter[0]))
            ui.startButton.setText(translate("AgreementsTab", starter[1]))
            ui.startButton.clicked.connect(self.add_starters)
        ui.suggestBox.setVisible(False)

        self.diagram: SwimlaneView | None = None
        if kind is AgreementKind.JOURNEY_STAGE:
            self.diagram = SwimlaneView(ui.diagramHost)
            self.diagram.stageClicked.connect(self.select_agreement)
            self.diagram_area = area = swimlane_area(self.diagram, ui.diagramHost)
            area.setAccessibleName(translate("AgreementsTab", "Customer journey diagram"))
            # Two whole lanes (sales and marketing) and the scroll bar in view; a third scrolls, or
            # the splitter gives it room.
            bar = area.horizontalScrollBar().sizeHint().height()
            ui.diagramHost.setMinimumHeight(2 * LANE_H + 2 * MARGIN + bar + 2)
            diagram_layout = ui.diagramHost.layout()
            assert diagram_layout is not None  # agreements_tab.ui gives the host its layout
            diagram_layout.addWidget(area)
            ui.splitter.setStretchFactor(0, 2)
            ui.splitter.setStretchFactor(1, 3)
        else:
            ui.diagramHost.hide()

        ui.modelBox.setVisible(kind is AgreementKind.DECISION_RIGHT)
        if kind is AgreementKind.DECISION_RIGHT:
            ui.modelCombo.addItem(translate("AgreementsTab", NOT_CHOSEN), "")
            for model in BUSINESS_MODELS:
                shown = translate("Agreements", model)
                ui.modelCombo.addItem(shown[:1].upper() + shown[1:], model)
            ui.modelCombo.activated.connect(lambda _i: self._save_business_model("business_model"))
            ui.whyEdit.editingFinished.connect(lambda: self._save_business_model("business_model_why"))

        # Alt+I goes from the table to the buy-in matrix and back: Tab moves between the cells.
        self._switch_key = shortcut(QKeySequence(SWITCH_KEY), self, self.switch_table_and_matrix)
        show_rows(view, TABLE_ROWS)
        # On the tint of the offer, whatever the desktop's palette: dark text on the light tint,
        # painted by the label itself so it reads wherever it is drawn.
        ui.startLabel.setStyleSheet(f"color: {INK_ON_TINT}; background: {OFFER_TINT};")
        stack_columns_when_narrow(ui.bottomRow, self, SIDE_BY_SIDE)
        keep_wrapped_text_whole(self)
        self._layout().invalidate()  # measured before the minimums above were set

    def minimumSizeHint(self) -> QSize:
        """The tab asks for every part's preferred height (the stance box whole under the matrix):
        squeezed to their minimums with its wrapped lines, the parts would overlap. A hint, not a
        minimum, so the tab asks for it only while on screen (the page sizes for its current tab)."""
        hint = super().minimumSizeHint()
        return QSize(hint.width(), max(hint.height(), self._layout().sizeHint().height()))

    def _layout(self) -> QLayout:
        layout = self.layout()
        assert layout is not None  # agreements_tab.ui lays the tab out
        return layout

    # -- names and choices ----------------------------------------------------------------------
    def _team_names(self) -> dict[int, str]:
        return {t.id: t.name for t in self.document.view().teams}

    def _leader_names(self) -> dict[int, str]:
        return {p.id: p.name for p in self.document.view().leaders}

    def _team_choices(self) -> list[tuple[int, str]]:
        return [(t.id, t.name) for t in self.document.view().teams]

    def _leader_choices(self) -> list[tuple[int, str]]:
        return [(p.id, p.name) for p in self.document.view().leaders]

    def choices(self, name: str) -> list[tuple[Any, str]]:
        """What the column ``name`` offers (metrics, definitions, objectives, cadences), read once per change."""
        if not self._choices:
            self._choices = name_choices(self.document, self._definitions)
        return self._choices.get(name, [])

    def _read_definitions(self) -> None:
        if Kind.DEFINITION in self.shows:
            from offsite.services import definitions

            self._definitions = {d.id: d.term for d in definitions.read_definitions(self.document.plan)}

    # -- loading --------------------------------------------------------------------------------
    def load(self, document: PlanDocument) -> None:
        from offsite.services import agreements

        self._read_definitions()
        self._choices = {}
        mine = tuple(a for a in agreements.read_agreements(document.plan) if a.kind == self.kind.value)
        self._set_rows(mine, whole=True)
        self._show_business_model()

    def _set_rows(self, rows: tuple[AgreementView, ...], *, whole: bool) -> None:
        self.rows = rows
        self._row_of = {a.id: row for row, a in enumerate(rows)}
        self._read_warnings()
        view = self.document.view()
        self.table.set_rows(rows)
        self.matrix.set_items(rows, view.leaders, self._team_names())
        self._show_state()

    def update_to(self, change: Change) -> None:
        """An edit of some agreements reads those again and repaints their rows alone.

        Every tab hears of every agreement's edit: one of another kind is left alone. A change of
        leaders or teams, or one whose rows are not known, reads this kind's agreements again.
        """
        rows = change.rows
        if rows is None or change.kinds & {Kind.LEADER, Kind.TEAM}:
            self.reload()
            return
        if change.kinds & {Kind.OBJECTIVE, Kind.METRIC, Kind.DEFINITION}:
            if Kind.DEFINITION in change.kinds:
                self._read_definitions()
            self._choices = {}
            self._read_warnings()
            self.table.repaint()
        if Kind.PLAN in change.kinds:
            self._show_business_model()
        if change.kinds & {Kind.AGREEMENT, Kind.AGREEMENT_STANCE}:
            ids = set(rows.get(Kind.AGREEMENT, ()))
            if rows.get(Kind.AGREEMENT_STANCE) and not ids:
                self.reload()  # a stance whose agreement the edit did not name
                return
            self._patch(ids, Kind.AGREEMENT in change.reordered)
        self._show_state()
        self.projectionChanged.emit()

    def _patch(self, ids: set[int], reordered: bool) -> None:
        from offsite.services import agreements

        if not ids and not reordered:
            return
        fresh = {
            a.id: a for a in agreements.read_agreements(self.document.plan, ids) if a.kind == self.kind.value
        }
        at = self._row_of
        gone = {i for i in ids if i not in fresh and i in at}
        if reordered or gone or any(i not in at for i in fresh):
            if not (fresh or gone or any(i in at for i in ids)) and not reordered:
                return
            old = {a.id: a for a in self.rows if a.id not in gone}
            order = agreements.agreement_order(self.document.plan)
            self._set_rows(
                tuple(fresh.get(i) or old[i] for i in order if i in fresh or i in old), whole=False
            )
            return
        if not fresh:
            return
        changed = {at[i]: a for i, a in fresh.items()}
        rows_now = list(self.rows)
        for row, agreement in changed.items():
            rows_now[row] = agreement
        self.rows = tuple(rows_now)
        if self.kind is AgreementKind.INCENTIVE:  # only the incentives the edit touched are judged again
            from offsite.services import agreements

            warnings = {i: w for i, w in self.table.warnings.items() if i not in fresh}
            self.table.warnings = warnings | agreements.incentive_warnings(self.document.plan, fresh)
        self.table.replace_rows(changed)
        self.matrix.replace_items(changed)

    def _read_warnings(self) -> None:
        if self.kind is AgreementKind.INCENTIVE:
            from offsite.services import agreements

            self.table.warnings = agreements.incentive_warnings(self.document.plan)
            self.table.repaint()

    def _show_state(self) -> None:
        """The summary, the starter offer, the diagram, the warning and the buttons, for ``self.rows``."""
        ui = self.ui
        empty = not self.rows
        ui.suggestBox.setVisible(empty and self.kind in STARTERS and not self.read_only)
        ui.summaryLabel.setText(summary(self.kind, self.rows, self.document.view().leaders))
        for button in (ui.removeButton, ui.upButton, ui.downButton):
            button.setEnabled(not empty and not self.read_only)
        if not ui.tableView.currentIndex().isValid() and self.rows:
            ui.tableView.setCurrentIndex(self.table.index(0, 0))
        self.stances.refresh()
        show_rows(ui.matrixView, MATRIX_ROWS, sideways=True)
        self._show_diagram()
        self._show_warning()

    def swimlane(self) -> Swimlane:
        """The journey as the diagram, the projector and the PDF lay it out."""
        from offsite.domain.journey import Stage, lay_out

        leaders = self._leader_names()
        metrics = dict(self.choices("metric_id"))
        stages = [
            Stage(
                a.id,
                a.title,
                a.team_id,
                owner=leaders.get(a.owner_id, "") if a.owner_id is not None else "",
                message=a.message,
                trigger=a.trigger,
                service_level=a.service_level,
                metric=str(metrics.get(a.metric_id, "")) if a.metric_id is not None else "",
                bought_in=a.bought_in,
            )
            for a in self.rows
        ]
        return lay_out(stages, self._team_names())

    def _show_diagram(self) -> None:
        if self.diagram is not None:
            current = self.current_agreement()
            self.diagram.set_swimlane(self.swimlane(), current.id if current else None)
            self._reveal_stage()
            # No stages, no diagram: the table and the offer take the room. The tab's layout
            # honours the splitter's own minimum, not its hint.
            drawn = bool(self.rows)
            self.ui.diagramHost.setVisible(drawn)
            extra = self.ui.diagramHost.minimumHeight() + self.ui.splitter.handleWidth() if drawn else 0
            self.ui.splitter.setMinimumHeight(self.ui.tableView.minimumHeight() + extra)

    def _reveal_stage(self) -> None:
        """Scroll the diagram sideways to the selected stage (a long journey does not fit)."""
        assert self.diagram is not None
        rect = self.diagram.stage_rects.get(self.diagram.current_id or -1)
        if rect is not None:
            centre = rect.center()
            self.diagram_area.ensureVisible(
                round(centre.x()), round(centre.y()), round(rect.width() / 2 + 20), 0
            )

    def _show_warning(self) -> None:
        current = self.current_agreement()
        warning = self.table.warnings.get(current.id, "") if current is not None else ""
        # The tone is read as it is shown: it follows the desktop's palette, light or dark.
        self.ui.warningLabel.setText(
            f"<span style='color:{tone('advice')}'>⚠ {esc(warning)}</span>" if warning else ""
        )
        self.ui.warningLabel.setVisible(bool(warning))

    def _show_business_model(self) -> None:
        if self.kind is not AgreementKind.DECISION_RIGHT:
            return
        details = self.document.view().details
        combo = self.ui.modelCombo
        combo.setCurrentIndex(max(0, combo.findData(details.business_model)))
        # A why being typed is kept; one as last shown follows the plan (an undo, another window).
        if self.ui.whyEdit.text() == self._shown_why or not self.ui.whyEdit.hasFocus():
            self.ui.whyEdit.setText(details.business_model_why)
        self._shown_why = details.business_model_why

    # -- the table, the diagram and the matrix on the same agreement --------------------------------
    def _table_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        matrix = self.ui.matrixView
        if current.isValid() and matrix.currentIndex().row() != current.row():
            matrix.setCurrentIndex(self.matrix.index(current.row(), max(0, matrix.currentIndex().column())))
        if self.diagram is not None:
            agreement = self.current_agreement()
            self.diagram.set_current(agreement.id if agreement else None)
            self._reveal_stage()
        self._show_warning()
        self.projectionChanged.emit()

    def _matrix_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        table = self.ui.tableView
        if current.isValid() and table.currentIndex().row() != current.row():
            table.setCurrentIndex(self.table.index(current.row(), max(0, table.currentIndex().column())))

    def current_agreement(self) -> AgreementView | None:
        index = self.ui.tableView.currentIndex()
        return self.rows[index.row()] if index.isValid() and index.row() < len(self.rows) else None

    def select_agreement(self, agreement_id: int) -> None:
        row = self._row_of.get(agreement_id)
        if row is not None:
            self.ui.tableView.setCurrentIndex(self.table.index(row, 0))
            self.ui.tableView.setFocus(Qt.FocusReason.MouseFocusReason)

    def first_focus(self) -> QWidget:
        """Where Alt+n puts the keyboard: the starter offer on an empty table, else the table."""
        return self.ui.startButton if self.ui.suggestBox.isVisibleTo(self) else self.ui.tableView

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.ui.suggestBox.isVisibleTo(self) and not self.ui.startButton.hasFocus():
            self.ui.startButton.setFocus()

    def switch_table_and_matrix(self) -> None:
        """From the table to the matrix (on the same agreement), from anywhere else to the table."""
        target = self.ui.tableView if self.ui.matrixView.hasFocus() else self.ui.matrixView
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- edits ----------------------------------------------------------------------------------
    def _edit(self, row_id: int, name: str, value: Any) -> None:
        if isinstance(value, str) and name == "title":
            value = value.strip()
        self.document.execute(
            UpdateCommand(
                self.document,
                translate("AgreementsTab", "Edit {noun}").format(noun=self.kind.shown_noun),
                Kind.AGREEMENT,
                row_id,
                {name: value},
            )
        )

    def _stance_command(self, agreement_id: int, leader_id: int, stance: Stance, comment: str) -> EditCommand:
        from offsite.services import agreements

        doc = self.document
        return CreateCommand(
            doc,
            translate("AgreementsTab", "Record {stance} on a {noun}").format(
                stance=stance.label.lower(), noun=self.kind.shown_noun
            ),
            Kind.AGREEMENT_STANCE,
            lambda: agreements.record_agreement_stance(doc.plan, agreement_id, leader_id, stance, comment),
            touches={Kind.AGREEMENT: frozenset({agreement_id})},
        )

    def add_row(self) -> bool:
        """Add a row after the selected one (at the end when none is), its first cell open for typing."""
        from offsite.services import agreements

        if self.read_only:
            return False
        doc, kind = self.document, self.kind
        current = self.current_agreement()
        after = current.id if current is not None else None
        title = translate("AgreementsTab", "New {noun}").format(noun=kind.shown_noun)
        command = CreateCommand(
            doc,
            translate("AgreementsTab", "Add a {noun}").format(noun=kind.shown_noun),
            Kind.AGREEMENT,
            lambda: agreements.add_agreement(doc.plan, kind, title, after=after),
            also=(Kind.AGREEMENT_STANCE,),
        )
        if not doc.execute(command) or command.created_id is None:
            return False
        row = self.table.row_of(command.created_id)
        if row >= 0:
            view = self.ui.tableView
            edit_new_row(view, self.table.index(row, 0))
            take_back_on_escape(view, command, self._after_take_back)
        return True

    def _after_take_back(self) -> None:
        self.first_focus().setFocus()

    def add_starters(self) -> bool:
        """The usual journey (teams matched to the plan's by name) or the usual decisions, as one undo step."""
        if self.read_only or self.rows:
            return False
        if self.kind is AgreementKind.JOURNEY_STAGE:
            teams = {t.name.casefold(): t.id for t in self.document.view().teams}
            adds = [(stage, {"team_id": teams.get(team.casefold())}) for stage, team in DEFAULT_JOURNEY]
            text = translate("AgreementsTab", "Start from the usual journey")
        elif self.kind is AgreementKind.DECISION_RIGHT:
            adds = [(area, {}) for area in DECISION_AREAS]
            text = translate("AgreementsTab", "Add the usual decisions")
        else:
            return False
        if not self.document.execute(AddAllCommand(self.document, text, adds, self.kind)):
            return False
        if self.rows:
            self.ui.tableView.setCurrentIndex(self.table.index(0, 0))
        self.ui.tableView.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def remove_row(self) -> None:
        if self.read_only:
            return
        agreement = self.current_agreement()
        if agreement is None:
            self.document.failed.emit(
                translate("AgreementsTab", "Select a {noun} to remove first.").format(
                    noun=self.kind.shown_noun
                )
            )
            return
        row = self.ui.tableView.currentIndex().row()
        column = max(0, self.ui.tableView.currentIndex().column())
        self.document.execute(
            RemoveCommand(
                self.document,
                translate("AgreementsTab", "Remove “{title}”").format(title=agreement.title),
                Kind.AGREEMENT,
                agreement.id,
                also=(Kind.AGREEMENT_STANCE,),
            )
        )
        if self.table.rowCount():
            self.ui.tableView.setCurrentIndex(self.table.index(min(row, self.table.rowCount() - 1), column))

    def move_row(self, steps: int) -> None:
        """Move the selected row ``steps`` places (negative: up), the selection with it."""
        if self.read_only:
            return
        agreement = self.current_agreement()
        if agreement is None:
            return
        column = max(0, self.ui.tableView.currentIndex().column())
        if steps < 0:
            text = translate("AgreementsTab", "Move “{title}” up").format(title=agreement.title)
        else:
            text = translate("AgreementsTab", "Move “{title}” down").format(title=agreement.title)
        command = MoveCommand(self.document, text, agreement.id, steps)
        if self.document.execute(command):
            row = self._row_of.get(agreement.id)
            if row is not None:
                self.ui.tableView.setCurrentIndex(self.table.index(row, column))

    def _save_business_model(self, name: str) -> None:
        """Save the model chosen (``business_model``) or its why as typed (``business_model_why``)."""
        if self.read_only:
            return
        details = self.document.view().details
        if name == "business_model":
            value = self.ui.modelCombo.currentData() or ""
            text = translate("AgreementsTab", "Choose the business model")
        else:
            value = self.ui.whyEdit.text().strip()
            text = translate("AgreementsTab", "Say why this business model")
        if value != getattr(details, name):
            self.document.execute(UpdateCommand(self.document, text, Kind.PLAN, details.id, {name: value}))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        view = self.ui.tableView
        if (
            watched is view
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and view.state() != QAbstractItemView.State.EditingState
            and not self.read_only
        ):
            key, modifiers = event.key(), event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if key == Qt.Key.Key_Delete and not modifiers:
                self.remove_row()
                return True
            if key == Qt.Key.Key_Insert and not modifiers:
                self.add_row()
                return True
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and modifiers == Qt.KeyboardModifier.AltModifier:
                self.move_row(-1 if key == Qt.Key.Key_Up else 1)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.rows and self.kind in STARTERS:
                self.add_starters()
                return True
        return super().eventFilter(watched, event)

    def make_read_only(self) -> None:
        super().make_read_only()
        self.read_only = True
        self.stances.read_only = True
        self.ui.suggestBox.setVisible(False)
        self._switch_key.setEnabled(True)  # going from the table to the matrix changes nothing

    # -- the projector --------------------------------------------------------------------------
    def projection(self) -> Projection | None:
        from offsite.gui.agreements_projection import agreement_projection, journey_projection

        leaders = self.document.view().leaders
        line = summary(self.kind, self.rows, leaders)
        if self.kind is AgreementKind.JOURNEY_STAGE:
            current = self.current_agreement()
            return journey_projection(self.swimlane(), current.id if current else None, line)
        current = self.current_agreement()
        warning = self.table.warnings.get(current.id, "") if current is not None else ""
        return agreement_projection(
            self.kind, current, self._cells(), leaders, self._team_names(), line, warning
        )

    def _cells(self) -> list[tuple[str, str]]:
        """The selected agreement's fields as the table shows them (label, text), blanks left out."""
        index = self.ui.tableView.currentIndex()
        if not index.isValid():
            return []
        cells = []
        for column, field in enumerate(self.table.fields):
            if column == 0:
                continue
            value = getattr(self.rows[index.row()], field.name)
            if value in (None, ""):
                continue
            text = self.table._display(field, value)
            cells.append((field.shown_header, text))
        return cells


def ui_fields(kind: AgreementKind) -> tuple[Any, ...]:
    from offsite.domain.agreements import FIELDS

    return FIELDS[kind]
