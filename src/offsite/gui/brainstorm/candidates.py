"""The Candidates tab of the Brainstorm phase: one pool, a SMART check, votes, a shortlist, promotion.

The shortlist is part of the plan: "Keep the top N per team" records the pool's current top N
eligible candidates of each team (``services.shortlist``, ranked as the pool is), Space puts the
selected candidate on it or takes it off, and "Shortlist only" shows just the kept ones. Each is
an undoable edit, and a shortlisted candidate can be promoted to an objective that remembers
where it came from.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QWidget,
)

from offsite.domain import ranking
from offsite.domain.exercises import BrainstormView, CandidateView, Exercise, SmartCriterion
from offsite.domain.formatting import format_number
from offsite.domain.language import QT_TRANSLATE_NOOP, translate
from offsite.domain.smart import CRITERION_LABELS, CRITERION_QUESTIONS, smart_hints
from offsite.domain.values import Change, Kind
from offsite.exchange import drafts
from offsite.gui.binding import FieldBinding
from offsite.gui.brainstorm.common import BrainstormVerb, ids_of, patched_brainstorm
from offsite.gui.commands import CreateCommand, RemoveCommand, VerbCommand
from offsite.gui.delegates import reveal_row
from offsite.gui.document import PlanDocument, Rows
from offsite.gui.fit import keep_wrapped_text_whole, rows_height, stack_when_narrow, watch_resize
from offsite.gui.forms import Form
from offsite.gui.keys import shortcut
from offsite.gui.models import ID_ROLE, sync_rows
from offsite.gui.page import Page
from offsite.gui.projection import Projection, Ranked, ranking_projection
from offsite.gui.theme import INK_ON_TINT, tone
from offsite.services import brainstorm, changes, shortlist

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

#: The exercise filter's choices, in the order the phase runs them.
#: English keys: shown as translate("CandidatesTab", ...), as are SMART_CHOICES' texts.
EXERCISE_NAMES: dict[Exercise, str] = {
    Exercise.WHY_CHAIN: QT_TRANSLATE_NOOP("CandidatesTab", "Ask why"),
    Exercise.WORK_BACK: QT_TRANSLATE_NOOP("CandidatesTab", "Work back"),
    Exercise.FUNNEL: QT_TRANSLATE_NOOP("CandidatesTab", "Funnel"),
    Exercise.TEAM_SWITCH: QT_TRANSLATE_NOOP("CandidatesTab", "Team switch"),
    Exercise.DIRECT: QT_TRANSLATE_NOOP("CandidatesTab", "Typed in"),
    Exercise.CARRIED_OVER: QT_TRANSLATE_NOOP("CandidatesTab", "Carried over"),
}
SMART_CHOICES: tuple[tuple[str, bool | None], ...] = (
    ("—", None),
    (QT_TRANSLATE_NOOP("CandidatesTab", "Yes"), True),
    (QT_TRANSLATE_NOOP("CandidatesTab", "No"), False),
)
# Undo steps of the SMART questions, whole for each (the criterion's name is English in the plan).
_MARK = {
    "specific": QT_TRANSLATE_NOOP("CandidatesTab", "Mark specific"),
    "measurable": QT_TRANSLATE_NOOP("CandidatesTab", "Mark measurable"),
    "achievable": QT_TRANSLATE_NOOP("CandidatesTab", "Mark achievable"),
    "realistic": QT_TRANSLATE_NOOP("CandidatesTab", "Mark realistic"),
    "timely": QT_TRANSLATE_NOOP("CandidatesTab", "Mark timely"),
}
_NOTE = {
    "specific": QT_TRANSLATE_NOOP("CandidatesTab", "specific note"),
    "measurable": QT_TRANSLATE_NOOP("CandidatesTab", "measurable note"),
    "achievable": QT_TRANSLATE_NOOP("CandidatesTab", "achievable note"),
    "realistic": QT_TRANSLATE_NOOP("CandidatesTab", "realistic note"),
    "timely": QT_TRANSLATE_NOOP("CandidatesTab", "timely note"),
}
SHORTLISTED_BACKGROUND = "#d6f2dd"
#: The keys of this tab for Help ▸ Keyboard shortcuts: (keys, what they do).
KEYS = (
    ("↑ / ↓", QT_TRANSLATE_NOOP("Shortcuts", "In the pool: choose a candidate")),
    ("Delete", QT_TRANSLATE_NOOP("Shortcuts", "In the pool: remove the selected candidate")),
    ("Enter", QT_TRANSLATE_NOOP("Shortcuts", "In the new-candidate field: add it to the pool")),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Tab, then ↑ / ↓"),
        QT_TRANSLATE_NOOP("Shortcuts", "Give or take back a leader's dots on the selected candidate"),
    ),
    ("Alt+R", QT_TRANSLATE_NOOP("Shortcuts", "Rank by dots or impact")),
    ("Alt+K", QT_TRANSLATE_NOOP("Shortcuts", "Keep the top N of each team as the shortlist")),
    (
        "Space",
        QT_TRANSLATE_NOOP(
            "Shortcuts", "In the pool: put the selected candidate on the shortlist, or take it off"
        ),
    ),
    ("Alt+S", QT_TRANSLATE_NOOP("Shortcuts", "Show the shortlist only, or the whole pool")),
    ("Alt+P", QT_TRANSLATE_NOOP("Shortcuts", "Promote the selected shortlisted candidate to an objective")),
)
#: The narrowest the tab shows the detail beside the pool (whose columns then leave its text room).
SIDE_BY_SIDE = 900
#: Stacked, the pool keeps this many candidates in view above the detail.
STACKED_ROWS = 5
#: The pool's columns beside the candidate's text (which takes the rest), wide enough for their
#: titles and values on one line.
POOL_WIDTHS = {0: 30, 2: 76, 3: 112, 4: 48, 5: 60, 6: 62, 7: 104}
FROM_COLUMN, SHORTLIST_COLUMN = 3, 7
#: Narrower than this, the Candidate column takes room from the others: From goes (the detail
#: shows where a candidate came from), then Shortlist narrows to its title, a word to a line.
CANDIDATE_READABLE = 130
PROMOTED_FOREGROUND = "#14632f"
#: The pool's Shortlist column: a candidate kept, or one already made an objective.
SHORTLISTED = QT_TRANSLATE_NOOP("CandidatesTab", "✓ shortlisted")
PROMOTED = QT_TRANSLATE_NOOP("CandidatesTab", "→ objective")


class CandidatesForm(Form):
    ui_file = "brainstorm_candidates.ui"
    splitter: QSplitter
    teamFilter: QComboBox
    exerciseFilter: QComboBox
    rankByCombo: QComboBox
    poolView: QTableView
    addEdit: QLineEdit
    addTeamCombo: QComboBox
    shortlistButton: QPushButton
    shortlistOnlyCheck: QCheckBox
    promoteButton: QPushButton
    removeButton: QPushButton
    ruleLabel: QLabel
    detailScroll: QScrollArea
    detailStack: QStackedWidget
    textEdit: QLineEdit
    teamLabel: QLabel
    originLabel: QLabel
    smartBox: QGroupBox
    smartGrid: QGridLayout
    impactCombo: QComboBox
    dotsPane: QWidget
    dotsGrid: QGridLayout
    budgetSpin: QSpinBox
    topNSpin: QSpinBox


@dataclass(frozen=True, slots=True)
class PoolRow:
    """A candidate as the pool shows it: its place in the ranking and in the shortlist."""

    candidate: CandidateView
    rank: int
    team: str
    shortlisted: bool
    #: The leader's draft it was merged from, if any.
    draft: drafts.DraftOrigin | None = None

    @property
    def id(self) -> int:
        return self.candidate.id


def origin_text(candidate: CandidateView) -> str:
    """Where the candidate came from, in words; a typed-in one says so."""
    return candidate.origin_label or translate("CandidatesTab", "Typed in")


def pool_origin(row: PoolRow) -> str:
    """The pool's From column: the leader's draft a merge brought it from, else its exercise."""
    if row.draft is not None:
        leader = row.draft.leader_name
        draft = (
            translate("CandidatesTab", "{leader}’ draft")
            if leader.endswith("s")
            else translate("CandidatesTab", "{leader}’s draft")
        )
        return draft.format(leader=leader)
    return origin_text(row.candidate)


def full_origin(candidate: CandidateView, draft: drafts.DraftOrigin | None) -> str:
    """Every line of where the candidate came from: its exercise, and the draft that brought it."""
    return origin_text(candidate) + (f"\n{draft.label}" if draft is not None else "")


def smart_summary(candidate: CandidateView) -> str:
    """How many SMART questions were answered yes, e.g. "4/5"."""
    return f"{sum(m.value is True for m in candidate.smart)}/{len(candidate.smart)}"


#: The pool in rank order: the domain's ranking, which the PDF's shortlist prints too.
rank_pool = ranking.rank_pool


class PoolModel(QAbstractTableModel):
    """The candidate pool, best first: rank, text, team, origin, dots, impact, SMART, status."""

    # English keys, shown as translate("CandidatesTab", ...).
    HEADERS = (
        "#",
        QT_TRANSLATE_NOOP("CandidatesTab", "Candidate"),
        QT_TRANSLATE_NOOP("CandidatesTab", "Team"),
        QT_TRANSLATE_NOOP("CandidatesTab", "From"),
        QT_TRANSLATE_NOOP("CandidatesTab", "Dots"),
        QT_TRANSLATE_NOOP("CandidatesTab", "Impact"),
        QT_TRANSLATE_NOOP("CandidatesTab", "SMART"),
        QT_TRANSLATE_NOOP("CandidatesTab", "Shortlist"),
    )
    TOOLTIPS = {
        0: QT_TRANSLATE_NOOP("CandidatesTab", "Place in the ranking of the whole pool"),
        4: QT_TRANSLATE_NOOP("CandidatesTab", "Dots placed by all leaders"),
        5: QT_TRANSLATE_NOOP("CandidatesTab", "Impact score, 1 to 5"),
        6: QT_TRANSLATE_NOOP("CandidatesTab", "SMART questions answered yes"),
    }

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[PoolRow] = []
        self._row_of: dict[int, int] = {}

    def set_rows(self, rows: Sequence[PoolRow]) -> None:
        """Show ``rows``: rows gone are removed, new ones inserted, moved ones moved and changed
        ones repainted; never a reset, so the selection and the scroll position stay."""
        by_id = {r.id: r for r in self._rows}
        changed = {r.id for r in rows if r.id in by_id and by_id[r.id] != r}
        by_id.update({r.id: r for r in rows})

        def put(ids: list[int]) -> None:
            self._rows = [by_id[i] for i in ids]
            self._row_of = {i: n for n, i in enumerate(ids)}

        inserted = sync_rows(self, QModelIndex(), [r.id for r in self._rows], [r.id for r in rows], put)
        put([r.id for r in rows])
        for candidate_id in changed - set(inserted):
            self._repaint(self._row_of[candidate_id])

    def update_candidate(self, candidate: CandidateView) -> bool:
        """Repaint the row of ``candidate`` (shown, ranked and filtered as before); False when not shown."""
        row = self._row_of.get(candidate.id)
        if row is None:
            return False
        self._rows[row] = replace(self._rows[row], candidate=candidate)
        self._repaint(row)
        return True

    def _repaint(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))

    def row_at(self, row: int) -> PoolRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, candidate_id: int) -> int:
        return self._row_of.get(candidate_id, -1)

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return translate("CandidatesTab", self.HEADERS[section])
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = self.TOOLTIPS.get(section)
            return None if tip is None else translate("CandidatesTab", tip)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        candidate, column = row.candidate, index.column()
        if role == ID_ROLE:
            return candidate.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 1:
                return candidate.text
            if column == 3:
                return full_origin(candidate, row.draft)
            if column == 6:
                answers = {
                    True: translate("CandidatesTab", "yes"),
                    False: translate("CandidatesTab", "no"),
                    None: translate("CandidatesTab", "not judged"),
                }
                return "\n".join(
                    f"{translate('Smart', CRITERION_LABELS[m.criterion.value])}: " + answers[m.value]
                    for m in candidate.smart
                )
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (0, 4, 5, 6):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole and row.shortlisted:
            return QBrush(QColor(SHORTLISTED_BACKGROUND))
        if role == Qt.ItemDataRole.ForegroundRole and column == 7 and candidate.objective_id is not None:
            return QBrush(QColor(PROMOTED_FOREGROUND if row.shortlisted else tone("promoted")))
        if role == Qt.ItemDataRole.ForegroundRole and row.shortlisted:
            return QBrush(QColor(INK_ON_TINT))  # the tint is light on any desktop
        return None

    @staticmethod
    def _display(row: PoolRow, column: int) -> str:
        candidate = row.candidate
        if column == 0:
            return str(row.rank)
        if column == 1:
            return candidate.text.replace("\n", " ") or translate("CandidatesTab", "(no wording yet)")
        if column == 2:
            return row.team
        if column == 3:
            return pool_origin(row)
        if column == 4:
            return str(candidate.dots) if candidate.dots else ""
        if column == 5:
            return "" if candidate.impact is None else str(candidate.impact)
        if column == 6:
            return smart_summary(candidate)
        if candidate.objective_id is not None:
            return translate("CandidatesTab", PROMOTED)
        return translate("CandidatesTab", SHORTLISTED) if row.shortlisted else ""


class _SmartRow:
    """One SMART question: a yes/no/unset choice, a note, and (for three) the app's hint."""

    def __init__(self, tab: CandidatesTab, grid: QGridLayout, criterion: SmartCriterion, line: int) -> None:
        self.criterion = criterion
        name = translate("Smart", CRITERION_LABELS[criterion.value])
        question = translate("Smart", CRITERION_QUESTIONS[criterion.value])
        label = QLabel(name)
        label.setToolTip(question)
        self.combo = QComboBox()
        self.combo.setObjectName(f"smart_{criterion.value}")
        self.combo.setAccessibleName(
            translate("CandidatesTab", "{criterion}: yes or no").format(criterion=name)
        )
        self.combo.setToolTip(question)
        for text, value in SMART_CHOICES:
            self.combo.addItem(translate("CandidatesTab", text), value)
        label.setBuddy(self.combo)
        self.note = QLineEdit()
        self.note.setObjectName(f"smart_{criterion.value}_note")
        self.note.setPlaceholderText(translate("CandidatesTab", "Note"))
        self.note.setAccessibleName(translate("CandidatesTab", "{criterion}: note").format(criterion=name))
        self.hint = QLabel()
        self.hint.setWordWrap(True)  # a longer language wraps the hint instead of widening the detail
        self.hint.setObjectName(f"smart_{criterion.value}_hint")
        grid.addWidget(label, 2 * line, 0)
        grid.addWidget(self.combo, 2 * line, 1)
        grid.addWidget(self.note, 2 * line, 2)
        grid.addWidget(self.hint, 2 * line + 1, 2)  # beneath the note, so the note keeps its width
        self.binding = FieldBinding(
            tab.document,
            self.note,
            Kind.CANDIDATE,
            f"smart_{criterion.value}_note",
            translate("CandidatesTab", _NOTE[criterion.value]),
            lambda: tab.current_id,
        )
        self.combo.activated.connect(lambda _i: tab.set_smart(criterion, self.combo.currentData()))

    def show(self, candidate: CandidateView, hint: tuple[bool, str] | None) -> None:
        mark = candidate.mark(self.criterion)
        self.combo.setCurrentIndex(max(0, self.combo.findData(mark.value)))
        self.binding.show(mark.note)
        self.hint.setVisible(hint is not None)
        if hint is not None:
            ok, text = hint
            self.hint.setText(("✓ " if ok else "● ") + text)
            guidance = "ok" if ok else "advice"
            if self.hint.property("guidance") != guidance:  # restyled, the whole tab is laid out again
                self.hint.setProperty("guidance", guidance)
                self.hint.style().unpolish(self.hint)
                self.hint.style().polish(self.hint)


def hints_for(candidate: CandidateView) -> dict[SmartCriterion, tuple[bool, str]]:
    """What the app sees in the wording: a team and enough words, a number, a period or date."""
    hints = smart_hints(candidate.text, candidate.team_id is not None)
    if not hints.has_team:
        specific = (False, translate("CandidatesTab", "hint: no owning team"))
    elif hints.word_count < 3:
        specific = (False, translate("CandidatesTab", "hint: a few more words"))
    else:
        specific = (True, translate("CandidatesTab", "hint: a team owns it"))
    return {
        SmartCriterion.SPECIFIC: specific,
        SmartCriterion.MEASURABLE: (
            hints.has_number,
            translate("CandidatesTab", "hint: a number is present")
            if hints.has_number
            else translate("CandidatesTab", "hint: no number yet"),
        ),
        SmartCriterion.TIMELY: (
            hints.has_period,
            translate("CandidatesTab", "hint: a period or date is present")
            if hints.has_period
            else translate("CandidatesTab", "hint: no period or date"),
        ),
    }


class CandidatesTab(Page):
    shows = frozenset(
        {
            Kind.CANDIDATE,
            Kind.VOTE,
            Kind.TEAM,
            Kind.LEADER,
            Kind.PLAN,
            Kind.OBJECTIVE,
            Kind.WHY_NODE,
            Kind.TEAM_GOAL,
            Kind.SWITCH_ITEM,
        }
    )

    def __init__(self, document: PlanDocument) -> None:
        super().__init__(document)
        self.ui = ui = CandidatesForm.setup(self)
        self.current_id: int | None = None
        self._syncing = False
        self.pool = BrainstormView()
        self._shortlist: set[str] = set()
        self._filling = False
        self._dots: dict[int, tuple[QSpinBox, QLabel]] = {}
        self._leaders: list[tuple[int, str]] = []
        #: Candidates a leader's draft brought, by uid: read again with every reload.
        self.draft_origins: dict[str, drafts.DraftOrigin] = {}

        self.model = PoolModel(self)
        view = ui.poolView
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setTabKeyNavigation(False)  # rows are chosen with ↑/↓; Tab goes on to the detail, no trap
        view.verticalHeader().setVisible(False)
        # A candidate reads whole: its text wraps onto a second line instead of ending in "…"
        # (two lines per row, so the long "From" trail of a candidate does not swallow the list).
        view.setWordWrap(True)
        rows = view.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(2 * view.fontMetrics().lineSpacing() + 10)
        view.setAlternatingRowColors(False)
        header = view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # Each column at least as wide as its title, which runs longer in some languages ("Wirkung").
        # The title as the header draws it: bold, with the style sheet's padding.
        bold = QFont(header.font())
        bold.setWeight(QFont.Weight.DemiBold)
        titles = QFontMetrics(bold)
        self._pool_widths = {
            column: max(
                width,
                titles.horizontalAdvance(translate("CandidatesTab", PoolModel.HEADERS[column])) + 2 * 6 + 2,
            )
            for column, width in POOL_WIDTHS.items()
        }
        for column, width in self._pool_widths.items():
            header.resizeSection(column, width)
        # On a narrow (or scaled) screen the pool fits its width rather than scroll sideways.
        self._narrow_pool: bool | None = None
        watch_resize(view.viewport(), self._fit_pool_columns)
        view.selectionModel().currentChanged.connect(self._on_current_changed)
        ui.splitter.setSizes([650, 400])
        ui.splitter.setStretchFactor(0, 3)
        ui.splitter.setStretchFactor(1, 2)
        # Beside the detail the pool's columns leave its text a few words; on a narrower (or
        # scaled) screen the detail goes below the pool, which keeps rows to read at a glance.
        keep_wrapped_text_whole(self)
        stack_when_narrow(ui.splitter, SIDE_BY_SIDE, {view: rows_height(view, STACKED_ROWS, sideways=True)})

        ui.teamFilter.addItem(translate("CandidatesTab", "All teams"), None)
        ui.exerciseFilter.addItem(translate("CandidatesTab", "All exercises"), None)
        for exercise, name in EXERCISE_NAMES.items():
            ui.exerciseFilter.addItem(translate("CandidatesTab", name), exercise.value)
        ui.rankByCombo.addItem(translate("CandidatesTab", "Dots"), "dots")
        ui.rankByCombo.addItem(translate("CandidatesTab", "Impact"), "impact")
        ui.addTeamCombo.addItem(translate("CandidatesTab", "No team"), None)
        ui.teamFilter.currentIndexChanged.connect(self._on_team_filter)
        ui.exerciseFilter.currentIndexChanged.connect(lambda _i: self._show_pool())
        ui.rankByCombo.currentIndexChanged.connect(lambda _i: self._show_pool())
        ui.addEdit.returnPressed.connect(self.add_from_edit)
        ui.shortlistButton.clicked.connect(self.keep_top)
        ui.shortlistButton.setToolTip(
            translate(
                "CandidatesTab",
                "Record the best-ranked candidates of each team as the shortlist (Alt+K); promote them from "
                "there. Space puts the selected candidate on it or takes it off.",
            )
        )
        ui.shortlistOnlyCheck.toggled.connect(lambda _on: self._show_pool())
        shortcut(
            QKeySequence(Qt.Key.Key_Space), view, self.toggle_shortlisted, Qt.ShortcutContext.WidgetShortcut
        )
        ui.promoteButton.clicked.connect(self.promote)
        ui.removeButton.clicked.connect(self.remove)
        shortcut(QKeySequence(Qt.Key.Key_Delete), view, self.remove, Qt.ShortcutContext.WidgetShortcut)
        ui.promoteButton.setToolTip(
            translate("CandidatesTab", "Make the selected shortlisted candidate an objective of its team.")
        )
        ui.ruleLabel.setText(translate("Ranking", ranking.ELIGIBILITY_RULE))
        ui.ruleLabel.setProperty("guidance", "advice")

        self.text = FieldBinding(
            document,
            ui.textEdit,
            Kind.CANDIDATE,
            "text",
            translate("CandidatesTab", "candidate"),
            lambda: self.current_id,
        )
        self.smart = [
            _SmartRow(self, ui.smartGrid, criterion, line) for line, criterion in enumerate(SmartCriterion)
        ]
        ui.smartGrid.setColumnStretch(2, 1)
        ui.impactCombo.addItem(translate("CandidatesTab", "none"), None)
        for score in range(ranking.IMPACT_MIN, ranking.IMPACT_MAX + 1):
            ui.impactCombo.addItem(str(score), score)
        ui.impactCombo.activated.connect(lambda _i: self.set_impact(ui.impactCombo.currentData()))
        ui.dotsGrid.setColumnStretch(2, 1)
        for spin in (ui.budgetSpin, ui.topNSpin):
            spin.setKeyboardTracking(False)
        ui.budgetSpin.valueChanged.connect(lambda v: self._settings(dot_budget=v))
        ui.topNSpin.valueChanged.connect(lambda v: self._settings(top_n=v))

    def _fit_pool_columns(self) -> None:
        """Keep the Candidate column readable in the pool's width: a narrow pool hides From, and a
        narrower one gives Shortlist the width of its title (its words then wrap, one a line)."""
        view = self.ui.poolView
        room = view.viewport().width() - CANDIDATE_READABLE
        others = sum(self._pool_widths.values())
        hide_from = others > room
        narrow = others - self._pool_widths[FROM_COLUMN] > room
        if view.isColumnHidden(FROM_COLUMN) != hide_from:
            view.setColumnHidden(FROM_COLUMN, hide_from)
        if narrow != self._narrow_pool:  # only on a crossing: a width the user dragged stays
            self._narrow_pool = narrow
            header = view.horizontalHeader()
            bold = QFont(header.font())
            bold.setWeight(QFont.Weight.DemiBold)
            # The title as the header draws it (bold, with the style sheet's padding), and the
            # longest word of a status: each word on a line of its own, none cut.
            words = (
                f"{translate('CandidatesTab', SHORTLISTED)} {translate('CandidatesTab', PROMOTED)}".split()
            )
            title = QFontMetrics(bold).horizontalAdvance(
                translate("CandidatesTab", PoolModel.HEADERS[SHORTLIST_COLUMN])
            )
            word = max(view.fontMetrics().horizontalAdvance(word) for word in words)
            need = max(title, word) + 2 * 6 + 2
            header.resizeSection(SHORTLIST_COLUMN, need if narrow else self._pool_widths[SHORTLIST_COLUMN])

    # -- loading -------------------------------------------------------------------------
    def load(self, document: PlanDocument) -> None:
        self.pool = document.brainstorm()
        self.draft_origins = drafts.read_origins(document.plan)
        view = document.view()
        self._filling = True
        try:
            teams = [(t.id, t.name) for t in view.teams]
            _fill_combo(self.ui.teamFilter, translate("CandidatesTab", "All teams"), teams)
            _fill_combo(self.ui.addTeamCombo, translate("CandidatesTab", "No team"), teams)
            self.ui.budgetSpin.setValue(self.pool.dot_budget)
            self.ui.topNSpin.setValue(self.pool.top_n)
        finally:
            self._filling = False
        self.ui.shortlistButton.setText(
            translate("CandidatesTab", "&Keep the top {count} per team").format(
                count=format_number(self.pool.top_n)
            )
        )
        if self.current_id is not None and self.pool.candidate(self.current_id) is None:
            self.current_id = None
        self._show_pool()

    def update_to(self, change: Change) -> None:
        """Repaint the candidates ``change`` touched. Typing into a candidate (its wording, a
        SMART note) repaints its row and the detail, whatever the pool's size; what can move it
        in the ranking (dots, impact, the shortlist, a candidate added or removed) ranks the pool
        again and moves, inserts or removes rows (never a reset: the selection stays)."""
        pool = patched_brainstorm(self.document, change)
        if pool is None or Kind.PLAN in change.kinds:
            self.reload()
            return
        before, self.pool = self.pool, pool
        touched = set(ids_of(change, Kind.CANDIDATE, Kind.VOTE))
        for objective_id in ids_of(change, Kind.OBJECTIVE):
            found = (v.promoted_from(objective_id) for v in (before, pool))
            touched.update(i for i in found if i is not None)
        if Kind.CANDIDATE in change.reordered or any(
            _ranked_as(before.candidate(i)) != _ranked_as(pool.candidate(i)) for i in touched
        ):
            self._show_pool()
            return
        for candidate_id in touched:
            candidate = pool.candidate(candidate_id)
            if candidate is not None:
                self.model.update_candidate(candidate)
        if self.current_id in touched or Kind.VOTE in change.kinds:  # dots left show in the detail
            self._fill_detail()
        self.projectionChanged.emit()

    def rank_by(self) -> ranking.RankBy:
        return "impact" if self.ui.rankByCombo.currentData() == "impact" else "dots"

    def _show_pool(self) -> None:
        pool, view = self.pool, self.document.view()
        names: dict[int | None, str] = {t.id: t.name for t in view.teams}
        ranked = rank_pool(pool, self.rank_by())
        self._shortlist = {c.uid for c in pool.candidates if c.shortlisted}
        only = self.ui.shortlistOnlyCheck.isChecked()
        by_uid = {c.uid: c for c in pool.candidates}
        team_id = self.ui.teamFilter.currentData()
        exercise = self.ui.exerciseFilter.currentData()
        no_team = translate("CandidatesTab", "No team")
        rows = [
            PoolRow(
                by_uid[r.uid],
                r.rank,
                names.get(by_uid[r.uid].team_id, no_team),
                r.uid in self._shortlist,
                self.draft_origins.get(r.uid),
            )
            for r in ranked
        ]
        rows = [
            r
            for r in rows
            if (team_id is None or r.candidate.team_id == team_id)
            and (exercise is None or r.candidate.exercise.value == exercise)
            and (not only or r.shortlisted)
        ]
        self._syncing = True  # rows removed or moved move Qt's current row: the pool's choice stands
        try:
            self.model.set_rows(rows)
        finally:
            self._syncing = False
        if self.current_id is not None and self.model.row_of(self.current_id) < 0:
            self.current_id = None
        if self.current_id is None and rows:
            self.current_id = rows[0].id
        self._select(self.current_id)
        self._fill_detail()
        self.projectionChanged.emit()

    def first_view(self) -> QWidget | None:
        """Where Alt+4 puts the keyboard: the pool."""
        return self.ui.poolView

    def projection(self) -> Projection | None:
        """The pool as ranked and filtered on screen: dots, the shortlist, the selected candidate."""
        rows = []
        for row in range(self.model.rowCount()):
            shown = self.model.row_at(row)
            if shown is None:
                continue
            rows.append(
                Ranked(
                    shown.rank,
                    shown.candidate.text,
                    shown.team,
                    shown.candidate.dots,
                    shortlisted=shown.shortlisted,
                    promoted=shown.candidate.objective_id is not None,
                    current=shown.id == self.current_id,
                )
            )
        top_n = self.pool.top_n if self._shortlist else None
        return ranking_projection(rows, by=self.rank_by(), top_n=top_n)

    def _select(self, candidate_id: int | None) -> None:
        row = self.model.row_of(candidate_id) if candidate_id is not None else -1
        selection = self.ui.poolView.selectionModel()
        index = self.model.index(row, 0) if row >= 0 else QModelIndex()
        if index.isValid() and selection.currentIndex().row() != row:
            selection.setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing:
            return
        row = self.model.row_at(current.row()) if current.isValid() else None
        if row is not None and row.id != self.current_id:
            self.current_id = row.id
            self._fill_detail()
            self.projectionChanged.emit()

    def current_candidate(self) -> CandidateView | None:
        return None if self.current_id is None else self.pool.candidate(self.current_id)

    def _fill_detail(self) -> None:
        candidate = self.current_candidate()
        ui = self.ui
        ui.detailStack.setCurrentIndex(0 if candidate is None else 1)
        ui.promoteButton.setEnabled(
            candidate is not None and candidate.uid in self._shortlist and candidate.objective_id is None
        )
        ui.removeButton.setEnabled(candidate is not None and not self.property("readOnly"))
        if candidate is None:
            return
        view = self.document.view()
        team = view.team(candidate.team_id) if candidate.team_id is not None else None
        self._filling = True
        try:
            self.text.show(candidate.text)
            ui.teamLabel.setText(team.name if team else translate("CandidatesTab", "No team"))
            origin = full_origin(candidate, self.draft_origins.get(candidate.uid))
            if candidate.objective_id is not None:
                objective = view.objective(candidate.objective_id)
                if objective is not None:
                    origin += "\n" + translate("CandidatesTab", "→ objective “{objective}”").format(
                        objective=objective.statement
                    )
            ui.originLabel.setText(origin)
            hints = hints_for(candidate)
            for row in self.smart:
                row.show(candidate, hints.get(row.criterion))
            ui.impactCombo.setCurrentIndex(max(0, ui.impactCombo.findData(candidate.impact)))
            self._fill_dots(candidate, [(p.id, p.name) for p in view.leaders])
        finally:
            self._filling = False

    def _fill_dots(self, candidate: CandidateView, leaders: list[tuple[int, str]]) -> None:
        grid = self.ui.dotsGrid
        if leaders != self._leaders:
            while grid.count():
                item = grid.takeAt(0)
                widget = item.widget() if item is not None else None
                if widget is not None:
                    widget.deleteLater()
            self._dots = {}
            for line, (leader_id, name) in enumerate(leaders):
                label = QLabel(name)
                spin = QSpinBox()
                spin.setObjectName(f"dots_{leader_id}")
                spin.setAccessibleName(translate("CandidatesTab", "Dots from {leader}").format(leader=name))
                spin.setKeyboardTracking(False)
                spin.setReadOnly(bool(self.property("readOnly")))  # leaders' rows appear after locking too
                label.setBuddy(spin)
                left = QLabel()
                grid.addWidget(label, line, 0)
                grid.addWidget(spin, line, 1)
                grid.addWidget(left, line, 2)
                spin.valueChanged.connect(lambda value, who=leader_id: self.set_dots(who, value))
                self._dots[leader_id] = (spin, left)
            if not leaders:
                grid.addWidget(
                    QLabel(translate("CandidatesTab", "Add leaders on the Prepare page to vote.")), 0, 0, 1, 3
                )
            self._leaders = list(leaders)
        budget = self.pool.dot_budget
        mine = {v.leader_id: v.dots for v in self.pool.votes if v.candidate_id == candidate.id}
        for leader_id, (spin, left) in self._dots.items():
            if spin.maximum() != budget:
                spin.setRange(0, budget)
            if spin.value() != mine.get(leader_id, 0):
                spin.setValue(mine.get(leader_id, 0))
            remaining = max(0, budget - self.pool.dots_used(leader_id))
            left.setText(
                translate("CandidatesTab", "{remaining} of {budget} dots left").format(
                    remaining=format_number(remaining), budget=format_number(budget)
                )
            )

    # -- edits ---------------------------------------------------------------------------
    def _on_team_filter(self, _index: int) -> None:
        team_id = self.ui.teamFilter.currentData()
        if team_id is not None and not self._filling:
            self.ui.addTeamCombo.setCurrentIndex(max(0, self.ui.addTeamCombo.findData(team_id)))
        if not self._filling:
            self._show_pool()

    def add_from_edit(self) -> None:
        text = self.ui.addEdit.text().strip()
        if not text:
            return
        doc = self.document
        team_id = self.ui.addTeamCombo.currentData()
        command = CreateCommand(
            doc,
            translate("CandidatesTab", "Add candidate"),
            Kind.CANDIDATE,
            lambda: brainstorm.add_candidate(doc.plan, text, team_id, Exercise.DIRECT),
        )
        if doc.execute(command):
            self.ui.addEdit.clear()
            if self.ui.exerciseFilter.currentData() not in (None, Exercise.DIRECT.value):
                self.ui.exerciseFilter.setCurrentIndex(0)
            if self.ui.teamFilter.currentData() not in (None, team_id):
                self.ui.teamFilter.setCurrentIndex(0)
            self.current_id = command.created_id
            self._show_pool()
            # The typing stays in the add field for the next one; the new candidate shows selected.
            reveal_row(self.ui.poolView, self.ui.poolView.currentIndex())

    def _verb(
        self,
        text: str,
        kinds: Sequence[Kind],
        do: Callable[[], Any],
        undo: Callable[[Mapping[str, Any]], object] | None = None,
        *,
        rows: Rows | None = None,
        reordered: Sequence[Kind] = (),
    ) -> bool:
        """Run a verb as an undoable edit; with ``rows`` (what it touches) the pool repaints those alone."""
        if self._filling:
            return False
        if rows is None:
            return self.document.execute(VerbCommand(self.document, text, kinds, do, undo))
        command = BrainstormVerb(self.document, text, kinds, do, undo, rows=rows, reordered=reordered)
        return self.document.execute(command)

    def set_smart(self, criterion: SmartCriterion, value: bool | None) -> None:
        candidate_id, plan = self.current_id, self.document.plan
        if candidate_id is None:
            return
        self._verb(
            translate("CandidatesTab", _MARK[criterion.value]),
            [Kind.CANDIDATE],
            lambda: brainstorm.set_smart(plan, candidate_id, criterion, value),
            lambda previous: changes.update_fields(plan, Kind.CANDIDATE, candidate_id, previous),
            rows={Kind.CANDIDATE: {candidate_id}},
        )

    def set_impact(self, impact: int | None) -> None:
        candidate_id, plan = self.current_id, self.document.plan
        if candidate_id is None:
            return
        self._verb(
            translate("CandidatesTab", "Score impact"),
            [Kind.CANDIDATE],
            lambda: brainstorm.set_impact(plan, candidate_id, impact),
            lambda previous: changes.update_fields(plan, Kind.CANDIDATE, candidate_id, previous),
            rows={Kind.CANDIDATE: {candidate_id}},
        )

    def set_dots(self, leader_id: int, dots: int) -> None:
        candidate_id, plan = self.current_id, self.document.plan
        if candidate_id is None:
            return
        self._verb(
            translate("CandidatesTab", "Vote"),
            [Kind.VOTE, Kind.CANDIDATE],
            lambda: brainstorm.vote(plan, leader_id, candidate_id, dots),
            lambda previous: brainstorm.vote(plan, leader_id, candidate_id, previous["dots"]),
            rows={Kind.VOTE: {candidate_id}, Kind.CANDIDATE: {candidate_id}},
        )

    def _settings(self, **values: int) -> None:
        plan = self.document.plan
        self._verb(
            translate("CandidatesTab", "Change voting rules"),
            [Kind.PLAN],
            lambda: brainstorm.set_brainstorm_settings(plan, **values),
            lambda previous: brainstorm.set_brainstorm_settings(plan, **previous),
            rows={Kind.PLAN: set()},
        )

    def keep_top(self) -> None:
        """Record each team's current top N as the shortlist (undo gives back the one before)."""
        plan, by = self.document.plan, self.rank_by()
        touched: set[int] = set()  # the shortlist before and after: the rows that can change

        def keep() -> changes.Updated:
            kept = shortlist.keep_top(plan, by)
            touched.update(kept.previous["shortlist"], shortlist.shortlisted_ids(plan))
            return kept

        self._verb(
            translate("CandidatesTab", "Keep the top {count} per team").format(
                count=format_number(self.pool.top_n)
            ),
            [Kind.CANDIDATE],
            keep,
            lambda previous: shortlist.set_shortlist(plan, previous["shortlist"]),
            rows={Kind.CANDIDATE: touched},
        )

    def toggle_shortlisted(self) -> None:
        """Put the selected candidate on its team's shortlist, or take it off."""
        candidate, plan = self.current_candidate(), self.document.plan
        if candidate is None:
            self.document.failed.emit(
                translate("CandidatesTab", "Select a candidate to put on the shortlist first.")
            )
            return
        on = not candidate.shortlisted
        self._verb(
            translate("CandidatesTab", "Shortlist candidate")
            if on
            else translate("CandidatesTab", "Take candidate off the shortlist"),
            [Kind.CANDIDATE],
            lambda: shortlist.set_shortlisted(plan, candidate.id, on),
            lambda previous: changes.update_fields(plan, Kind.CANDIDATE, candidate.id, previous),
            rows={Kind.CANDIDATE: {candidate.id}},
        )

    def promote(self) -> None:
        candidate = self.current_candidate()
        if candidate is None or candidate.uid not in self._shortlist:
            self.document.failed.emit(
                translate(
                    "CandidatesTab", "Keep the top N per team first, then promote a shortlisted candidate."
                )
            )
            return
        plan = self.document.plan
        teams = [] if candidate.team_id is None else [candidate.team_id]
        promoted = self._verb(
            translate("CandidatesTab", "Promote to objective"),
            [Kind.OBJECTIVE, Kind.CANDIDATE],
            lambda: brainstorm.promote_candidate(plan, candidate.id, team_ids=teams),
            rows={Kind.CANDIDATE: {candidate.id}},
        )
        if promoted:
            # The Promote button has just turned itself off, and Qt hands its focus to the next
            # button (Remove): one more Space would remove a candidate. The facilitator works down
            # the shortlist, so the keyboard goes back to the promoted row, selected, ready for ↓.
            self.current_id = candidate.id
            self._select(candidate.id)
            self.ui.poolView.setFocus(Qt.FocusReason.OtherFocusReason)

    def remove(self) -> None:
        """Remove the selected candidate with its dots; the next one in the list is selected."""
        candidate = self.current_candidate()
        if candidate is None:
            self.document.failed.emit(translate("CandidatesTab", "Select a candidate to remove first."))
            return
        row = self.ui.poolView.currentIndex().row()
        command = RemoveCommand(
            self.document,
            translate("CandidatesTab", "Remove candidate"),
            Kind.CANDIDATE,
            candidate.id,
            also=(Kind.VOTE,),
        )
        if self.document.execute(command):
            rows = self.model.rowCount()
            if rows:
                self.ui.poolView.setCurrentIndex(self.model.index(min(row, rows - 1), 1))
            self.ui.poolView.setFocus()


def _ranked_as(candidate: CandidateView | None) -> tuple[Any, ...] | None:
    """What places a candidate in the pool (its rank, the filters, the shortlist); not its words."""
    if candidate is None:
        return None
    return (candidate.dots, candidate.impact, candidate.shortlisted, candidate.team_id, candidate.exercise)


def _fill_combo(combo: QComboBox, first: str, choices: list[tuple[int, str]]) -> None:
    """Offer ``first`` (None) and the choices, keeping the current choice when it still exists."""
    wanted = [(None, first), *choices]
    existing = [(combo.itemData(i), combo.itemText(i)) for i in range(combo.count())]
    if existing == wanted:
        return
    current = combo.currentData()
    combo.clear()
    for data, text in wanted:
        combo.addItem(text, data)
    combo.setCurrentIndex(max(0, combo.findData(current)))
