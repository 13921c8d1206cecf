"""The Buy-in phase: the objectives × leaders matrix (stances recorded live, each history), with
the glossary of data definitions and the review of overlaps beside it as tabs.

The matrix behaviour lives in ``stances.StanceMatrix``, shared with the definitions tab; the tabs
beside the matrix are given by whoever builds the page (the window's shell), so this module knows
neither of them.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableView,
    QTabWidget,
    QWidget,
)

from offsite.domain.buyin import current_stances, is_bought_in
from offsite.domain.language import QT_TRANSLATE_NOOP, translate
from offsite.domain.signoff import in_sentence
from offsite.domain.values import Change, Kind, Stance
from offsite.gui.commands import CreateCommand
from offsite.gui.document import EditCommand, PlanDocument
from offsite.gui.fit import keep_wrapped_text_whole, show_rows, stack_columns_when_narrow
from offsite.gui.forms import Form
from offsite.gui.keys import shortcut
from offsite.gui.models import BuyInModel
from offsite.gui.page import Page
from offsite.gui.stances import MATRIX_HINT, STANCE_KEYS, StanceMatrix
from offsite.services import buyin

if TYPE_CHECKING:
    from offsite.gui.projection import Projection

#: Objectives the matrix keeps in view on any screen (the page scrolls down to make room).
MATRIX_ROWS = 3
#: The narrowest the tab shows the stance form beside the history; narrower, the history goes below.
SIDE_BY_SIDE = 560

#: What each stance key does, for Help ▸ Keyboard shortcuts (the stance's label, whole sentences to translate).
_RECORD_KEYS = {
    Stance.AGREED: QT_TRANSLATE_NOOP("Shortcuts", "In a matrix: record “Agreed”"),
    Stance.DISCUSSING: QT_TRANSLATE_NOOP("Shortcuts", "In a matrix: record “Discussing”"),
    Stance.CHANGES_REQUESTED: QT_TRANSLATE_NOOP("Shortcuts", "In a matrix: record “Changes requested”"),
    Stance.DECLINED: QT_TRANSLATE_NOOP("Shortcuts", "In a matrix: record “Declined”"),
    Stance.PENDING: QT_TRANSLATE_NOOP("Shortcuts", "In a matrix: record “Pending”"),
}

#: The keys of this page for Help ▸ Keyboard shortcuts: (keys, what they do). Made at import, so
#: the descriptions are marked in the "Shortcuts" context for the dialog to translate where it shows them.
KEYS = (
    (
        "Alt+1 … Alt+3",
        QT_TRANSLATE_NOOP("Shortcuts", "Go to Objectives, Definitions or Overlaps (focus in its table)"),
    ),
    *((QKeySequence(key.value).toString(), _RECORD_KEYS[stance]) for key, stance in STANCE_KEYS.items()),
    (
        "Enter",
        QT_TRANSLATE_NOOP(
            "Shortcuts", "In a matrix: type a comment, then Enter records it with the stance the cell shows"
        ),
    ),
    (
        "Ctrl+Shift+D",
        QT_TRANSLATE_NOOP(
            "Shortcuts", "Definitions: add a term (Enter on an empty glossary adds “Sales qualified lead”)"
        ),
    ),
    (
        "Delete",
        QT_TRANSLATE_NOOP("Shortcuts", "Definitions: remove the selected term (undo brings its buy-in back)"),
    ),
    (
        "M / J / K",
        QT_TRANSLATE_NOOP(
            "Shortcuts", "Overlaps: merge, adjust or keep the selected finding (Enter confirms)"
        ),
    ),
    (
        "Ctrl+Shift+G",
        QT_TRANSLATE_NOOP("Shortcuts", "Overlaps: show the selected objective on the Plan page"),
    ),
    ("Ctrl+Shift+F", QT_TRANSLATE_NOOP("Shortcuts", "Overlaps: show open findings only, or all of them")),
)


class BuyInForm(Form):
    ui_file = "buyin_page.ui"
    pageTitle: QLabel
    pageIntro: QLabel
    tabs: QTabWidget
    objectivesTab: QWidget
    summaryLabel: QLabel
    matrixView: QTableView
    stanceBox: QGroupBox
    cellLabel: QLabel
    stanceCombo: QComboBox
    commentEdit: QLineEdit
    recordButton: QPushButton
    keysHint: QLabel
    historyList: QListWidget
    bottomRow: QHBoxLayout


class BuyInPage(Page):
    """The objectives matrix (first tab), with the Definitions and Overlaps tabs beside it."""

    shows = frozenset({Kind.OBJECTIVE, Kind.LEADER, Kind.TEAM, Kind.STANCE})

    def __init__(self, document: PlanDocument, definitions: Page, overlaps: Page) -> None:
        """``definitions`` and ``overlaps`` are the tabs beside the matrix (Alt+2, Alt+3)."""
        super().__init__(document)
        self.ui = ui = BuyInForm.setup(self)
        # On a scaled screen the intro takes three lines, not the tabs' room; on a narrow one the
        # summary wraps, the matrix keeps rows to read and the history goes under the stance.
        keep_wrapped_text_whole(ui.pageIntro, ui.objectivesTab)
        stack_columns_when_narrow(ui.bottomRow, ui.objectivesTab, SIDE_BY_SIDE)
        self.matrix = BuyInModel(self)
        #: The objectives bought in, kept as edits come so the summary never recounts the plan.
        self._bought: set[int] = set()
        self.stances = StanceMatrix(
            document,
            ui.matrixView,
            self.matrix,
            combo=ui.stanceCombo,
            comment=ui.commentEdit,
            button=ui.recordButton,
            cell_label=ui.cellLabel,
            history_list=ui.historyList,
            command=self._command,
            history=lambda o: [e for e in document.view().stances if e.objective_id == o.id],
            leaders=lambda: document.view().leaders,
        )
        ui.keysHint.setText(
            translate("StanceMatrix", MATRIX_HINT)
            + translate("BuyInPage", " · Alt+2 Definitions · Alt+3 Overlaps")
        )
        self.definitions, self.overlaps = definitions, overlaps
        ui.tabs.addTab(self.definitions, translate("BuyInPage", "Definitions"))
        ui.tabs.addTab(self.overlaps, translate("BuyInPage", "Overlaps"))
        self.tab_pages: list[QWidget] = [ui.objectivesTab, self.definitions, self.overlaps]
        self._tab_keys: list[QShortcut] = []
        for number, tab in enumerate(self.tab_pages, start=1):
            ui.tabs.setTabToolTip(number - 1, f"{ui.tabs.tabText(number - 1)} (Alt+{number})")
            tab_key = shortcut(
                QKeySequence(f"Alt+{number}"),
                self,
                partial(self.go_to_tab, tab),
                Qt.ShortcutContext.WindowShortcut,  # from the navigation list too, while this page shows
            )
            self._tab_keys.append(tab_key)
        for tab in (self.definitions, self.overlaps):
            tab.projectionChanged.connect(lambda t=tab: self._tab_projection_changed(t))
        ui.tabs.currentChanged.connect(lambda _index: self.projectionChanged.emit())
        ui.matrixView.selectionModel().currentChanged.connect(lambda *_: self.projectionChanged.emit())

    def go_to_tab(self, tab: QWidget) -> None:
        """Show ``tab`` with the keyboard in its first table, ready for its keys."""
        self.ui.tabs.setCurrentWidget(tab)
        first = getattr(tab, "first_focus", None)
        target = first() if callable(first) else self.ui.matrixView
        if target is not None:
            target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def first_focus(self) -> QWidget:
        return self.ui.matrixView

    def _tab_projection_changed(self, tab: Page) -> None:
        if self.ui.tabs.currentWidget() is tab:
            self.projectionChanged.emit()

    def projection(self) -> Projection | None:
        """The objective under discussion with its buy-in row, or what the current tab projects."""
        tab = self.ui.tabs.currentWidget()
        if tab is self.ui.objectivesTab:
            from offsite.gui.projection import buyin_projection

            cell = self.stances.cell()
            objective_id, leader_id = (cell[0].id, cell[1]) if cell else (None, None)
            return buyin_projection(self.document.view(), objective_id, leader_id)
        if isinstance(tab, Page):
            tab.ensure_loaded()
            return tab.projection()
        return None

    def _command(self, objective_id: int, leader_id: int, stance: Stance, comment: str) -> EditCommand:
        doc = self.document
        return CreateCommand(
            doc,
            translate("BuyInPage", "Record {stance}").format(stance=in_sentence(stance.label)),
            Kind.STANCE,
            lambda: buyin.record_stance(doc.plan, objective_id, leader_id, stance, comment),
            touches={Kind.OBJECTIVE: {objective_id}},
        )

    def load(self, document: PlanDocument) -> None:
        view = document.view()
        self.matrix.set_view(view)
        stances = current_stances(view.stances)
        self._bought = {o.id for o in view.objectives if is_bought_in(o, view.leaders, stances)}
        self._show_summary(len(view.objectives))
        self.stances.refresh()
        # The leaders' names set the header's height; many leaders scroll the matrix sideways.
        show_rows(self.ui.matrixView, MATRIX_ROWS, sideways=True)

    def update_to(self, change: Change) -> None:
        """A stance or an edit of some objectives repaints their rows and recounts them alone."""
        view = self.document.view()
        if (
            change.objectives is None
            or change.kinds & {Kind.TEAM, Kind.LEADER}
            or not self.matrix.patch(view, change.objectives)
        ):
            self.reload()
            return
        touched = change.objectives
        stances = current_stances(e for e in view.stances if e.objective_id in touched)
        for objective_id in touched:
            objective = view.objective(objective_id)
            if objective is not None and is_bought_in(objective, view.leaders, stances):
                self._bought.add(objective_id)
            else:
                self._bought.discard(objective_id)
        self._show_summary(len(view.objectives))
        self.stances.refresh()
        self.projectionChanged.emit()

    def _show_summary(self, total: int) -> None:
        bought = len(self._bought)
        counts = {"bought": bought, "total": total}
        if bought == total:
            summary = translate("BuyInPage", "<b>{bought} of {total}</b> objectives bought in.")
        else:
            summary = translate(
                "BuyInPage",
                "<b>{bought} of {total}</b> objectives bought in. "
                "Cells with a dash are leaders whose team does not own the objective.",
            )
        self.ui.summaryLabel.setText(summary.format(**counts))

    def record(self, stance: Stance, comment: str = "") -> bool:
        """Record ``stance`` for the selected cell; True when it reached the plan."""
        return self.stances.record(stance, comment)

    def record_from_form(self) -> None:
        self.stances.record_from_form()

    def make_read_only(self) -> None:
        super().make_read_only()
        self.stances.read_only = True
        self.definitions.make_read_only()
        self.overlaps.make_read_only()
        for tab_key in self._tab_keys:  # going from tab to tab changes nothing
            tab_key.setEnabled(True)
