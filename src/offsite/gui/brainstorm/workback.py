"""The "Work back" tab: a company goal broken into team goals, and the reverse funnel per quarter.

Keyboard first, in the team goals: Enter works back (a goal under the selected one), Shift+Enter
adds a goal beside it, Ctrl+Enter a goal right under the company goal; F2 (or typing) edits the
selected cell, Tab moves to the next cell while editing, Delete removes. In the funnel, every input
is saved as it is typed (one undo step per typing burst) and the table is recomputed at once.
Ctrl+Shift+K makes a candidate of the selected goal or figure. The table is plain Python
(``offsite.domain.funnel``): typing into the funnel loads no data-frame library.

The team goals' tree is in ``workback_goals``, the funnel half of the tab in ``workback_funnel_tab``
and its models in ``workback_funnel``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QWidget

from offsite.domain.exercises import Exercise, TeamGoalView
from offsite.domain.formatting import format_number
from offsite.domain.language import QT_TRANSLATE_NOOP, plural, translate
from offsite.domain.values import Change, Kind
from offsite.gui.brainstorm.common import (
    claim_key,
    ids_of,
    make_candidate,
    patched_brainstorm,
    quote,
    removal,
    select_row,
)
from offsite.gui.brainstorm.workback_funnel import FunnelCommand, goal_summary, parse_quarters, parse_weights
from offsite.gui.brainstorm.workback_funnel_tab import FunnelTab, WorkBackForm
from offsite.gui.brainstorm.workback_goals import GoalDelegate, GoalModel, GoalTreeView
from offsite.gui.commands import CreateCommand, RemoveCommand, UpdateCommand
from offsite.gui.delegates import take_back_on_escape
from offsite.gui.document import PlanDocument
from offsite.gui.fit import keep_wrapped_text_whole, stack_when_narrow
from offsite.gui.keys import shortcut
from offsite.services import brainstorm

__all__ = [
    "GOAL_PLACEHOLDER",
    "KEYS",
    "KEYS_HINT",
    "FunnelCommand",
    "WorkBackForm",
    "WorkBackTab",
    "goal_summary",
    "parse_quarters",
    "parse_weights",
]

# A new goal's words until the leader types theirs: written in the leader's language (translate it
# where it is used; the language is chosen after import).
GOAL_PLACEHOLDER = QT_TRANSLATE_NOOP("WorkBackTab", "New team goal")

KEYS_HINT = QT_TRANSLATE_NOOP(
    "WorkBackTab",
    "Keys in the team goals: Enter work back (a goal under the selected one) · Shift+Enter a goal "
    "beside it · Ctrl+Enter a goal under the company goal · F2 or typing edits a cell · Tab next cell "
    "(editing) · Delete remove · Ctrl+Z undo · Ctrl+Shift+K make a candidate of the selected goal or figure",
)
#: The same keys for Help ▸ Keyboard shortcuts: (keys, what they do).
KEYS = (
    ("Enter", QT_TRANSLATE_NOOP("Shortcuts", "Work back: a goal under the selected one")),
    ("Shift+Enter", QT_TRANSLATE_NOOP("Shortcuts", "A goal beside the selected one")),
    ("Ctrl+Enter", QT_TRANSLATE_NOOP("Shortcuts", "A goal right under the company goal")),
    ("F2", QT_TRANSLATE_NOOP("Shortcuts", "Edit the selected cell (or just start typing)")),
    ("Tab", QT_TRANSLATE_NOOP("Shortcuts", "Next cell, while editing")),
    ("Delete", QT_TRANSLATE_NOOP("Shortcuts", "Remove the selected goal")),
    (
        "Ctrl+Shift+K",
        QT_TRANSLATE_NOOP("Shortcuts", "Make a candidate of the selected goal or funnel figure"),
    ),
)
#: The narrowest the tab shows the team goals and the funnel side by side (each about 440 px).
SIDE_BY_SIDE = 880


class WorkBackTab(FunnelTab):
    shows = frozenset({Kind.TEAM_GOAL, Kind.FUNNEL, Kind.TEAM, Kind.GOAL})

    def __init__(self, document: PlanDocument) -> None:
        super().__init__(document)
        ui = self.ui
        self.selected_goal_id: int | None = None
        ui.keysHint.setText(translate("WorkBackTab", KEYS_HINT))
        ui.splitter.setStretchFactor(0, 1)
        ui.splitter.setStretchFactor(1, 1)
        ui.splitter.setSizes([480, 570])  # the funnel table needs its stages side by side
        keep_wrapped_text_whole(self)

        # The team goals, in a tree built here (it visits cells like a table).
        self.tree = tree = GoalTreeView(ui.goalsArea)
        tree.setObjectName("goalsTree")
        tree.setAccessibleName(translate("WorkBackTab", "Team goals worked back from the company goal"))
        self.model = GoalModel(self._edit_goal, tree)
        tree.setModel(self.model)
        self.delegate = GoalDelegate(tree, self._team_choices)
        self.delegate.rejected.connect(ui.statusLabel.setText)
        tree.setItemDelegate(self.delegate)
        tree.setWordWrap(True)
        tree.setUniformRowHeights(False)
        tree.setAllColumnsShowFocus(False)
        tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        tree.setIndentation(18)
        tree.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 124), (2, 64), (3, 80)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            # Never narrower than the column's title, which is longer in some languages ("Zielwert").
            tree.setColumnWidth(column, max(width, header.sectionSizeFromContents(column).width()))
        header.sectionResized.connect(lambda *_: tree.doItemsLayout())
        area = ui.goalsArea.layout()
        assert area is not None  # the .ui gives the goals' area a layout
        area.addWidget(tree)
        # Side by side the goals need their team, target and unit columns and room for the goal
        # beside the funnel's fields; on a narrower (or scaled) screen the funnel goes below.
        stack_when_narrow(ui.splitter, SIDE_BY_SIDE, {tree: 200, ui.funnelTable: 190})
        tree.installEventFilter(self)
        tree.viewport().installEventFilter(self)
        tree.selectionModel().currentChanged.connect(self._on_current_goal)

        ui.goalCombo.currentIndexChanged.connect(lambda _row: self._goal_chosen())
        ui.newGoalButton.clicked.connect(lambda: self.add_goal("top"))
        ui.subGoalButton.clicked.connect(lambda: self.add_goal("child"))
        ui.removeGoalButton.clicked.connect(lambda: self.remove_goal())
        ui.goalCandidateButton.clicked.connect(lambda: self.make_goal_candidate())
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        shortcut(QKeySequence("Ctrl+Shift+K"), self, self.make_candidate, context)

    # -- loading ---------------------------------------------------------------------------------
    def load(self, document: PlanDocument) -> None:
        if document.readonly and not self.property("readOnly"):
            self.make_read_only()
        view = document.view()
        self.teams = view.teams
        self.company_goals = view.goals
        self.brainstorm = document.brainstorm()
        changed_goal = self._fill_goal_combo()
        self._fill_goals()
        self._fill_figure_teams()
        self._show_funnel(force=changed_goal)
        self._enable_buttons()

    def update_to(self, change: Change) -> None:
        """Repaint the team goals ``change`` touched (one typed into repaints its row alone; one
        added, moved or removed comes, moves or goes, nothing reset) and the funnel it changed."""
        bs = patched_brainstorm(self.document, change)
        if bs is None:
            self.reload()
            return
        self.brainstorm = bs
        edited = ids_of(change, Kind.TEAM_GOAL)
        if Kind.TEAM_GOAL in change.reordered or (Kind.TEAM_GOAL in change.kinds and not edited):
            self._fill_goals()
        elif edited:
            shown = (bs.team_goal(i) for i in edited)
            self.model.update_items([g for g in shown if g is not None and g.company_goal_id == self.goal_id])
        if Kind.FUNNEL in change.kinds:
            self._show_funnel()
        self._enable_buttons()

    def _fill_goal_combo(self) -> bool:
        """Fill the company-goal chooser, keeping the chosen goal; True when the goal shown changed."""
        combo = self.ui.goalCombo
        wanted = [(g.id, g.statement) for g in self.company_goals]
        shown = [(combo.itemData(i), combo.itemText(i)) for i in range(combo.count())]
        previous = self.goal_id
        combo.blockSignals(True)
        try:
            if wanted != shown:
                combo.clear()
                for goal_id, statement in wanted:
                    combo.addItem(statement, goal_id)
            ids = [goal_id for goal_id, _ in wanted]
            if self.goal_id not in ids:
                with_work = [g.company_goal_id for g in self.brainstorm.team_goals] + [
                    f.company_goal_id for f in self.brainstorm.funnels
                ]
                self.goal_id = next((i for i in ids if i in with_work), ids[0] if ids else None)
            combo.setCurrentIndex(ids.index(self.goal_id) if self.goal_id in ids else -1)
        finally:
            combo.blockSignals(False)
        goal = self.company_goal()
        self.ui.goalSummary.setText(
            goal_summary(goal)
            if goal
            else translate("WorkBackTab", "No company goal yet: add one in Prepare, then work back from it.")
        )
        return self.goal_id != previous

    def _goal_chosen(self) -> None:
        goal_id = self.ui.goalCombo.currentData()
        if goal_id == self.goal_id:
            return
        self.goal_id = goal_id
        self.selected_goal_id = None
        self._shown = {}
        self._end_burst()
        self.ui.statusLabel.clear()
        self.reload()
        self._show_funnel(force=True)

    def _fill_goals(self) -> None:
        names = {t.id: t.name for t in self.teams}
        goals = [g for g in self.brainstorm.team_goals if g.company_goal_id == self.goal_id]
        for goal_id in self.model.set_goals(goals, names):  # expand what is new, as it comes
            index = self.model.index_of(goal_id)
            self.tree.expand(index)
            if index.parent().isValid():
                self.tree.expand(index.parent())
        if self.selected_goal_id is not None:
            index = self.model.index_of(self.selected_goal_id, max(self.tree.currentIndex().column(), 0))
            if not index.isValid():
                self.selected_goal_id = None
            elif self.tree.currentIndex() != index:
                self.tree.selectionModel().setCurrentIndex(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
                )

    def _team_choices(self) -> list[tuple[int, str]]:
        return [(t.id, t.name) for t in self.teams]

    def first_view(self) -> QWidget | None:
        """Where Alt+2 puts the keyboard: the team goals."""
        return self.tree

    # -- what is selected -----------------------------------------------------------------------
    def current_goal(self) -> TeamGoalView | None:
        return self.model.goal_at(self.tree.currentIndex())

    def _on_current_goal(self, current: QModelIndex, _previous: QModelIndex) -> None:
        goal = self.model.goal_at(current)
        if goal is not None:
            self.selected_goal_id = goal.id
        self._enable_buttons()

    def _enable_buttons(self) -> None:
        super()._enable_buttons()
        if self.readonly:
            return
        has_goal = self.goal_id is not None
        selected = self.current_goal() is not None
        self.ui.newGoalButton.setEnabled(has_goal)
        self.ui.subGoalButton.setEnabled(has_goal)
        self.ui.removeGoalButton.setEnabled(selected)
        self.ui.goalCandidateButton.setEnabled(selected)
        self.tree.setEnabled(has_goal)

    def select_goal(self, goal_id: int, *, column: int = 0, edit: bool = False) -> None:
        """Make ``goal_id`` the selected goal (opening the editor of ``column`` when asked)."""
        if self._stale:
            self.reload()
        self.selected_goal_id = goal_id
        index = self.model.index_of(goal_id, column)
        if not index.isValid():
            return
        select_row(self.tree, index, rows=True, edit=edit)

    # -- keyboard ---------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Resize and watched is self.tree.viewport():
            self.tree.doItemsLayout()  # statements re-wrap at the new width
            return False
        if watched is not self.tree:
            return super().eventFilter(watched, event)  # the funnel's fields and table
        if kind == QEvent.Type.FocusIn:
            self._active = "goals"
        if (
            isinstance(event, QKeyEvent)
            and not self.readonly
            and self.tree.state() != QAbstractItemView.State.EditingState
            and claim_key(event, self._key_action(event))
        ):
            return True
        return super().eventFilter(watched, event)

    def _key_action(self, event: QKeyEvent) -> Callable[[], None] | None:
        key = event.key()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if modifiers == Qt.KeyboardModifier.NoModifier:
                return lambda: self.add_goal("child")
            if modifiers == Qt.KeyboardModifier.ShiftModifier:
                return lambda: self.add_goal("sibling")
            if modifiers == Qt.KeyboardModifier.ControlModifier:
                return lambda: self.add_goal("top")
        if key == Qt.Key.Key_Delete and modifiers == Qt.KeyboardModifier.NoModifier:
            return self.remove_goal
        return None

    # -- team goal edits ------------------------------------------------------------------------
    def add_goal(self, where: str) -> None:
        """Add a goal: "top" right under the company goal, "child" under the selected, "sibling" beside it."""
        if self.goal_id is None:
            self.document.failed.emit(
                translate("WorkBackTab", "Add a company goal in Prepare first, then work back from it.")
            )
            return
        selected = self.current_goal()
        parent_id: int | None = None
        team_id: int | None = None
        if selected is not None and where == "child":
            parent_id, team_id = selected.id, selected.team_id
        elif selected is not None and where == "sibling":
            parent_id, team_id = self.model.parent_id(selected), selected.team_id
        doc, company_goal_id = self.document, self.goal_id
        label = (
            translate("WorkBackTab", "Work back")
            if where == "child"
            else translate("WorkBackTab", "Add team goal")
        )
        placeholder = translate("WorkBackTab", GOAL_PLACEHOLDER)
        command = CreateCommand(
            doc,
            label,
            Kind.TEAM_GOAL,
            lambda: brainstorm.add_team_goal(
                doc.plan, company_goal_id, placeholder, team_id=team_id, parent_id=parent_id
            ),
        )
        if doc.execute(command) and command.created_id is not None:
            self.select_goal(command.created_id, edit=True)
            before = selected.id if selected is not None else None
            take_back_on_escape(
                self.tree, command, None if before is None else (lambda: self.select_goal(before))
            )

    def _edit_goal(self, goal_id: int, field: str, value: Any) -> None:
        if field == "statement":
            label = translate("WorkBackTab", "Edit team goal")
        elif field == "team_id":
            label = translate("WorkBackTab", "Change goal's team")
        elif field == "target":
            label = translate("WorkBackTab", "Edit goal target")
        elif field == "unit":
            label = translate("WorkBackTab", "Edit goal unit")
        else:
            label = f"Edit goal {field}"
        if self.document.execute(
            UpdateCommand(self.document, label, Kind.TEAM_GOAL, goal_id, {field: value})
        ):
            self.ui.statusLabel.clear()  # an earlier refusal no longer applies

    def remove_goal(self) -> None:
        """Remove the selected goal with the goals under it; the one above it is selected next."""
        goal = self.current_goal()
        if goal is None:
            return
        subtree, following = removal(self.model.goals, goal.id)
        if self.document.execute(
            RemoveCommand(
                self.document, translate("WorkBackTab", "Remove team goal"), Kind.TEAM_GOAL, goal.id
            )
        ):
            self.selected_goal_id = following
            if following is not None:
                self.select_goal(following)
            count = len(subtree)
            shown = quote(goal.statement, 70)
            if count == 1:
                removed = translate("WorkBackTab", "Removed {goal} · Ctrl+Z puts it back").format(goal=shown)
            else:
                removed = plural(
                    count - 1,
                    translate(
                        "WorkBackTab", "Removed {goal} and the {count} goal under it · Ctrl+Z puts it back"
                    ),
                    translate(
                        "WorkBackTab", "Removed {goal} and the {count} goals under it · Ctrl+Z puts it back"
                    ),
                ).format(goal=shown, count=format_number(count - 1))
            self.ui.statusLabel.setText(removed)

    # -- candidates ---------------------------------------------------------------------------
    def make_candidate(self) -> None:
        """Ctrl+Shift+K: a candidate of the selected figure when the funnel has the focus, else of the goal."""
        if self.readonly:
            return
        if self._active == "funnel":
            self.make_figure_candidate()
        else:
            self.make_goal_candidate()

    def make_goal_candidate(self) -> None:
        goal = self.current_goal()
        if goal is None:
            self.document.failed.emit(translate("WorkBackTab", "Select a team goal to make it a candidate."))
            return
        if make_candidate(self.document, goal.statement, goal.team_id, Exercise.WORK_BACK, goal.uid):
            team = self.model.team_name(goal)
            added = (
                translate("WorkBackTab", "Added to the candidates for {team}: {candidate}")
                if team
                else translate("WorkBackTab", "Added to the candidates (no team yet): {candidate}")
            )
            self.ui.statusLabel.setText(added.format(team=team, candidate=quote(goal.statement, 70)))
