"""The "Work back" tab in a real main window, driven from the keyboard; each test reads the plan file back."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QLineEdit

from offsite.domain.exercises import Exercise
from offsite.domain.values import CompanyGoalView
from offsite.gui.brainstorm.workback import (
    GOAL_PLACEHOLDER,
    FunnelCommand,
    WorkBackTab,
    goal_summary,
    parse_quarters,
    parse_weights,
)
from offsite.gui.shell import MainWindow
from offsite.services import brainstorm
from offsite.services.plans import create_plan
from offsite.services.prepare import add_company_goal, add_team

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@dataclass
class Room:
    window: MainWindow
    tab: WorkBackTab
    teams: dict[str, int]
    goals: dict[str, int]

    @property
    def plan(self):  # type: ignore[no-untyped-def]
        assert self.window.document is not None
        return self.window.document.plan

    def team_goals(self) -> list[tuple[str, int, str | None, float | None, str]]:
        names = {i: n for n, i in self.teams.items()}
        return [
            (g.statement, g.depth, names.get(g.team_id) if g.team_id else None, g.target, g.unit)
            for g in brainstorm.read_brainstorm(self.plan).team_goals
            if g.company_goal_id == self.tab.goal_id
        ]

    def funnel(self):  # type: ignore[no-untyped-def]
        return brainstorm.read_brainstorm(self.plan).funnel(self.goals["revenue"])

    def table(self) -> list[tuple[str, list[str]]]:
        model = self.tab.funnel_model
        return [
            (
                str(model.headerData(row, Qt.Orientation.Vertical)),
                [str(model.index(row, column).data()) for column in range(model.columnCount())],
            )
            for row in range(model.rowCount())
        ]


def _show_tab(window: MainWindow) -> WorkBackTab:
    window.show_view("brainstorm")
    page = window.phase_pages["brainstorm"]
    tab = page.tabs["Work back"]  # type: ignore[attr-defined]
    page.ui.exercises.setCurrentWidget(tab)  # type: ignore[attr-defined]
    assert isinstance(tab, WorkBackTab)
    assert tab.isVisible()
    return tab


def _open(make_window, path: Path, *, readonly: bool = False) -> Room:  # type: ignore[no-untyped-def]
    window = make_window()
    assert window.open_path(path, readonly=readonly)
    tab = _show_tab(window)
    view = window.document.view()  # type: ignore[union-attr]
    teams = {t.name: t.id for t in view.teams}
    goals = {"revenue" if "revenue" in g.statement else "retention": g.id for g in view.goals}
    return Room(window, tab, teams, goals)


@pytest.fixture
def plan_path(tmp_path: Path) -> Path:
    path = tmp_path / "workback.offsite"
    plan = create_plan(path, "Work back")
    add_team(plan, "Sales")
    add_team(plan, "Marketing")
    add_company_goal(plan, "Grow revenue 50% in 2027", baseline=20, target=30, unit="M USD")
    add_company_goal(plan, "Keep 95% of customers")
    plan.close()
    return path


@pytest.fixture
def room(make_window, plan_path: Path) -> Room:  # type: ignore[no-untyped-def]
    return _open(make_window, plan_path)


def _editor(view: QAbstractItemView) -> QLineEdit:
    assert view.state() == QAbstractItemView.State.EditingState
    editors = [e for e in view.findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1
    return editors[0]


def _finish(qtbot, view: QAbstractItemView, key: Qt.Key = Qt.Key.Key_Return) -> None:  # type: ignore[no-untyped-def]
    editor = view.focusWidget()
    qtbot.keyClick(editor, key)
    if key == Qt.Key.Key_Return:
        qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState, timeout=15_000)


def _type_into(qtbot, edit: QLineEdit, text: str) -> None:  # type: ignore[no-untyped-def]
    """Replace the field's text by typing, as a leader does (select all, type, Enter)."""
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, CTRL)
    if text:
        qtbot.keyClicks(edit, text)
    else:
        qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def _all_text(room: Room) -> str:
    return " ".join(" ".join([label, *cells]) for label, cells in room.table()).lower()


def _fill_funnel(qtbot, room: Room) -> None:  # type: ignore[no-untyped-def]
    ui = room.tab.ui
    for edit, text in (
        (ui.revenueEdit, "1,000,000"),
        (ui.dealSizeEdit, "10000"),
        (ui.winRateEdit, "25"),
        (ui.sqlRateEdit, "50"),
        (ui.mqlRateEdit, "40"),
        (ui.leadRateEdit, "20"),
        (ui.quartersEdit, "Q1, Q2, Q3"),
    ):
        _type_into(qtbot, edit, text)


# -- the demo plan ---------------------------------------------------------------------------------


def test_the_demo_plan_shows_its_work_back_tree_and_funnel(demo_window, answered) -> None:  # type: ignore[no-untyped-def]
    tab = _show_tab(demo_window)
    assert tab.ui.goalCombo.currentText() == "Grow revenue 50% in 2027"
    assert "(+50%)" in tab.ui.goalSummary.text()
    shown = [
        (tab.model.index_of(g.id).data(), tab.model.index_of(g.id, 1).data(), g.depth)
        for g in tab.model.goals
    ]
    assert shown[:2] == [
        ("Close 10 M USD of new business", "Sales", 0),
        ("Book 180 outbound meetings a quarter", "Sales", 1),
    ]
    assert ("Raise MQL to SQL conversion to 30%", "Marketing", 1) in shown
    assert tab.ui.revenueEdit.text() == "10,000,000"
    assert tab.ui.weightsRadio.isChecked()
    assert tab.ui.weightsEdit.text() == "20, 25, 25, 30"
    room = Room(demo_window, tab, {}, {})
    rows = dict(room.table())
    assert list(rows) == ["Q1 2027", "Q2 2027", "Q3 2027", "Q4 2027", "Total"]
    assert rows["Q2 2027"][4] == "1,400"  # the MQLs the Marketing goal promises
    assert rows["Total"][0] == "10,000,000"
    assert "inf" not in _all_text(room)
    assert "nan" not in _all_text(room)

    tab.ui.goalCombo.setCurrentIndex(1)  # the retention goal: its own tree, no funnel yet
    assert [tab.model.index_of(g.id).data() for g in tab.model.goals] == ["Renew 95% of contracts on time"]
    assert tab.ui.revenueEdit.text() == ""
    assert tab.funnel_model.rowCount() == 0
    assert "Enter the revenue target." in tab.ui.messagesLabel.text()
    assert answered.errors == []


# -- team goals --------------------------------------------------------------------------------------


def test_team_goals_are_added_edited_nested_and_removed_from_the_keyboard(
    qtbot, room: Room, answered
) -> None:  # type: ignore[no-untyped-def]
    tree = room.tab.tree
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Return, CTRL)  # a goal right under the company goal
    editor = _editor(tree)
    assert editor.text() == GOAL_PLACEHOLDER
    assert editor.selectedText() == GOAL_PLACEHOLDER
    qtbot.keyClicks(editor, "Close 10 M of new business")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)  # on to the team cell
    qtbot.waitUntil(lambda: isinstance(tree.focusWidget(), QComboBox), timeout=15_000)
    combo = tree.focusWidget()
    assert isinstance(combo, QComboBox)
    qtbot.keyClicks(combo, "Sal")
    assert combo.currentText() == "Sales"
    qtbot.keyClick(combo, Qt.Key.Key_Tab)  # on to the target
    target = _editor(tree)
    qtbot.keyClicks(target, "10")
    qtbot.keyClick(target, Qt.Key.Key_Tab)
    unit = _editor(tree)
    qtbot.keyClicks(unit, "M USD")
    _finish(qtbot, tree)
    assert room.team_goals() == [("Close 10 M of new business", 0, "Sales", 10.0, "M USD")]

    qtbot.keyClick(tree, Qt.Key.Key_Return)  # work back: a goal under it, for the same team
    qtbot.keyClicks(_editor(tree), "Book 180 meetings a quarter")
    _finish(qtbot, tree)
    qtbot.keyClick(tree, Qt.Key.Key_Return, SHIFT)  # a goal beside it
    qtbot.keyClicks(_editor(tree), "Run 4 events")
    _finish(qtbot, tree)
    assert room.team_goals() == [
        ("Close 10 M of new business", 0, "Sales", 10.0, "M USD"),
        ("Book 180 meetings a quarter", 1, "Sales", None, ""),
        ("Run 4 events", 1, "Sales", None, ""),
    ]

    qtbot.keyClick(tree, Qt.Key.Key_Up)
    qtbot.keyClick(tree, Qt.Key.Key_F2)  # edit the statement in place
    editor = _editor(tree)
    editor.selectAll()
    qtbot.keyClicks(editor, "Book 200 meetings a quarter")
    _finish(qtbot, tree)
    assert room.team_goals()[1][0] == "Book 200 meetings a quarter"

    qtbot.keyClick(tree, Qt.Key.Key_Up)
    assert room.tab.current_goal().statement == "Close 10 M of new business"  # type: ignore[union-attr]
    qtbot.keyClick(tree, Qt.Key.Key_Delete)  # takes the goals under it along
    assert room.team_goals() == []
    assert "and the 2 goals under it" in room.tab.ui.statusLabel.text()

    qtbot.keyClick(tree, Qt.Key.Key_Z, CTRL)  # the window's undo, from the tree
    assert [g[:2] for g in room.team_goals()] == [
        ("Close 10 M of new business", 0),
        ("Book 200 meetings a quarter", 1),
        ("Run 4 events", 1),
    ]
    qtbot.keyClick(tree, Qt.Key.Key_Z, CTRL | SHIFT)  # redo
    assert room.team_goals() == []
    room.window.document.undo_stack.undo()  # type: ignore[union-attr]
    room.window.document.undo_stack.undo()  # type: ignore[union-attr]
    assert room.team_goals()[1][0] == "Book 180 meetings a quarter"
    assert answered.errors == []


def test_a_goal_edited_to_blank_or_a_target_that_is_no_number_is_left_as_it_was(
    qtbot, room: Room, answered
) -> None:  # type: ignore[no-untyped-def]
    tree = room.tab.tree
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Return)  # nothing selected: a goal under the company goal
    qtbot.keyClicks(_editor(tree), "Deliver 1,400 MQLs a quarter")
    _finish(qtbot, tree)
    qtbot.keyClick(tree, Qt.Key.Key_F2)
    editor = _editor(tree)
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    _finish(qtbot, tree)
    qtbot.keyClick(tree, Qt.Key.Key_Right)
    qtbot.keyClick(tree, Qt.Key.Key_Right)  # the target cell
    assert tree.currentIndex().column() == 2
    qtbot.keyClicks(tree, "lots")  # typing starts the edit
    _finish(qtbot, tree)
    assert room.team_goals() == [("Deliver 1,400 MQLs a quarter", 0, None, None, "")]
    assert "not a number" in room.tab.ui.statusLabel.text()
    assert answered.errors == []
    qtbot.keyClick(tree, Qt.Key.Key_F2)  # a good target next: the refusal no longer stands on the line
    qtbot.keyClicks(_editor(tree), "1400")
    _finish(qtbot, tree)
    assert room.team_goals()[0][3] == 1400
    assert "not a number" not in room.tab.ui.statusLabel.text()


def test_each_company_goal_has_its_own_tree(qtbot, room: Room) -> None:  # type: ignore[no-untyped-def]
    tree = room.tab.tree
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Return, CTRL)
    qtbot.keyClicks(_editor(tree), "Close more")
    _finish(qtbot, tree)
    combo = room.tab.ui.goalCombo
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert room.tab.goal_id == room.goals["retention"]
    assert room.tab.model.goals == []
    qtbot.keyClick(combo, Qt.Key.Key_Up)
    assert [g.statement for g in room.tab.model.goals] == ["Close more"]


# -- the funnel --------------------------------------------------------------------------------------


def test_typed_inputs_recompute_the_table_and_are_saved_one_undo_step_per_field(
    qtbot, room: Room, answered
) -> None:  # type: ignore[no-untyped-def]
    _fill_funnel(qtbot, room)
    # By hand: 1,000,000 / 3 = 333,333.33 a quarter → 33.3 deals, rounded up to 34; 34 / 25% = 136
    # opportunities; / 50% = 272 SQLs; / 40% = 680 MQLs; / 20% = 3,400 leads. Totals are the sums.
    assert room.table() == [
        ("Q1", ["333,333.33", "34", "136", "272", "680", "3,400"]),
        ("Q2", ["333,333.33", "34", "136", "272", "680", "3,400"]),
        ("Q3", ["333,333.33", "34", "136", "272", "680", "3,400"]),
        ("Total", ["1,000,000", "102", "408", "816", "2,040", "10,200"]),
    ]
    funnel = room.funnel()
    assert (funnel.revenue_target, funnel.average_deal_size, funnel.win_rate) == (1_000_000, 10_000, 25)
    assert (funnel.sql_to_opportunity, funnel.mql_to_sql, funnel.lead_to_mql) == (50, 40, 20)
    assert funnel.quarters == ("Q1", "Q2", "Q3")
    assert funnel.weights is None

    _type_into(qtbot, room.tab.ui.winRateEdit, "50")  # recomputed as it is typed
    assert room.table()[-1][1][1:3] == ["102", "204"]
    qtbot.keyClick(room.tab.ui.winRateEdit, Qt.Key.Key_Z, CTRL)  # the whole burst is one step
    assert room.funnel().win_rate == 25
    assert room.tab.ui.winRateEdit.text() == "25"
    assert room.table()[-1][1][2] == "408"
    qtbot.keyClick(room.tab.ui.winRateEdit, Qt.Key.Key_Z, CTRL)
    assert room.funnel().quarters == ()  # the quarters, typed as one burst, are gone
    assert room.tab.ui.quartersEdit.text() == ""
    assert room.funnel().lead_to_mql == 20
    assert answered.errors == []


def test_quarters_split_by_weights(qtbot, room: Room, answered) -> None:  # type: ignore[no-untyped-def]
    _fill_funnel(qtbot, room)
    ui = room.tab.ui
    _type_into(qtbot, ui.quartersEdit, "Q1 2027, Q2 2027")
    ui.weightsRadio.setFocus()
    qtbot.keyClick(ui.weightsRadio, Qt.Key.Key_Space)
    assert ui.weightsEdit.text() == "50, 50"  # an even start to adjust
    _type_into(qtbot, ui.weightsEdit, "1, 3")
    assert [row[1][0] for row in room.table()] == ["250,000", "750,000", "1,000,000"]
    assert room.funnel().weights == (1.0, 3.0)

    _type_into(qtbot, ui.weightsEdit, "1, 3, 5")  # one weight too many: a message, no table
    assert room.table() == []
    assert "Give one weight per quarter: there are 2 quarters and 3 weights." in ui.messagesLabel.text()
    assert ui.weightsEdit.property("problem") == "blocking"
    assert room.funnel().weights == (1.0, 3.0)  # the file keeps the last split that holds

    ui.evenRadio.setFocus()
    qtbot.keyClick(ui.evenRadio, Qt.Key.Key_Space)
    assert room.funnel().weights is None
    assert [row[1][0] for row in room.table()] == ["500,000", "500,000", "1,000,000"]
    assert answered.errors == []


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("winRateEdit", "0", "A win rate of 0% means no opportunity ever closes; enter a rate above 0%."),
        ("dealSizeEdit", "", "Enter the average deal size."),
        ("leadRateEdit", "150", "A rate is between 0% and 100%"),
        ("revenueEdit", "ten million", "Enter the revenue target as a number."),
        ("dealSizeEdit", "0", "Enter an average deal size above zero."),
    ],
)
def test_an_input_that_blocks_shows_a_message_and_no_table(  # type: ignore[no-untyped-def]
    qtbot, room: Room, answered, field: str, typed: str, message: str
) -> None:
    _fill_funnel(qtbot, room)
    edit = getattr(room.tab.ui, field)
    _type_into(qtbot, edit, typed)
    assert message in room.tab.ui.messagesLabel.text()
    assert room.tab.funnel_model.rowCount() == 0
    assert room.table() == []
    assert edit.property("problem") == "blocking"
    assert answered.errors == []  # no dialog while typing, even for what the file refuses
    if field == "leadRateEdit":
        assert room.funnel().lead_to_mql == 15  # the last figure typed that holds; 150% is not saved
        assert (
            "Not saved until fixed: the lead-to-MQL rate (the plan keeps 15)."
            in room.tab.ui.messagesLabel.text()
        )


def test_a_rate_of_100_percent_asks_but_still_computes(qtbot, room: Room) -> None:  # type: ignore[no-untyped-def]
    _fill_funnel(qtbot, room)
    _type_into(qtbot, room.tab.ui.winRateEdit, "100")
    assert (
        "A win rate of 100% means every opportunity closes — is that right?"
        in room.tab.ui.messagesLabel.text()
    )
    assert room.table()[-1][1][1:3] == ["102", "102"]
    assert room.tab.ui.winRateEdit.property("problem") == "advice"
    text = _all_text(room)
    assert "inf" not in text
    assert "nan" not in text


# -- candidates --------------------------------------------------------------------------------------


def test_a_team_goal_becomes_a_candidate_for_its_team(qtbot, room: Room, answered) -> None:  # type: ignore[no-untyped-def]
    plan = room.plan
    goal_id = brainstorm.add_team_goal(
        plan, room.goals["revenue"], "Deliver 1,400 MQLs a quarter", team_id=room.teams["Marketing"]
    ).id
    room.window.document.notify({brainstorm.Kind.TEAM_GOAL})  # type: ignore[union-attr]
    room.tab.select_goal(goal_id)
    qtbot.keyClick(room.tab.tree, Qt.Key.Key_K, CTRL | SHIFT)
    (candidate,) = brainstorm.read_brainstorm(plan).candidates
    assert candidate.text == "Deliver 1,400 MQLs a quarter"
    assert candidate.team_id == room.teams["Marketing"]
    assert candidate.exercise is Exercise.WORK_BACK
    assert candidate.origin_label == (
        "Work back from “Grow revenue 50% in 2027” › Marketing: “Deliver 1,400 MQLs a quarter”"
    )
    assert (
        room.tab.ui.statusLabel.text()
        == "Added to the candidates for Marketing: “Deliver 1,400 MQLs a quarter”"
    )
    room.window.document.undo_stack.undo()  # type: ignore[union-attr]
    assert brainstorm.read_brainstorm(plan).candidates == ()
    assert answered.errors == []


def test_a_figure_becomes_a_candidate_for_the_team_its_stage_belongs_to(qtbot, room: Room, answered) -> None:  # type: ignore[no-untyped-def]
    _fill_funnel(qtbot, room)
    table = room.tab.ui.funnelTable
    table.setFocus()
    table.setCurrentIndex(room.tab.funnel_model.index(0, 0))
    for _ in range(4):
        qtbot.keyClick(table, Qt.Key.Key_Right)  # Q1 MQLs
    assert room.tab.ui.figureLabel.text() == "Selected: 680 MQLs in Q1"
    assert room.tab.ui.figureTeamCombo.currentText() == "Marketing"
    qtbot.keyClick(table, Qt.Key.Key_K, CTRL | SHIFT)

    qtbot.keyClick(table, Qt.Key.Key_End, CTRL)  # the total leads ...
    for _ in range(4):
        qtbot.keyClick(table, Qt.Key.Key_Left)  # ... then the total deals
    assert room.tab.ui.figureTeamCombo.currentText() == "Sales"
    room.tab.ui.figureCandidateButton.click()

    first, second = brainstorm.read_brainstorm(room.plan).candidates
    assert (first.text, first.team_id, first.exercise) == (
        "Marketing: 680 MQLs in Q1",
        room.teams["Marketing"],
        Exercise.FUNNEL,
    )
    assert first.origin_label == "Reverse funnel for “Grow revenue 50% in 2027” › 680 MQLs in Q1"
    assert first.origin_uid == room.funnel().uid
    assert (second.text, second.team_id) == ("Sales: 102 deals in total", room.teams["Sales"])
    assert "Added to the candidates for Sales: “Sales: 102 deals in total”" in room.tab.ui.statusLabel.text()
    assert answered.errors == []


# -- read-only ---------------------------------------------------------------------------------------


def test_a_read_only_plan_shows_everything_and_changes_nothing(
    qtbot, make_window, tmp_path: Path, demo_plan_bytes: bytes
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "demo.offsite"
    path.write_bytes(demo_plan_bytes)
    room = _open(make_window, path, readonly=True)
    tab = room.tab
    assert room.window.document.readonly  # type: ignore[union-attr]
    before = brainstorm.read_brainstorm(room.plan)
    assert tab.funnel_model.rowCount() == 5
    assert tab.ui.revenueEdit.isReadOnly()
    assert tab.ui.quartersEdit.isReadOnly()
    assert not tab.ui.newGoalButton.isEnabled()
    assert not tab.ui.figureCandidateButton.isEnabled()
    assert not tab.ui.weightsRadio.isEnabled()
    assert tab.ui.goalCombo.isEnabled()  # looking at another goal changes nothing
    tab.select_goal(tab.model.goals[0].id)
    for key, modifiers in (
        (Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_F2, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_K, CTRL | SHIFT),
    ):
        qtbot.keyClick(tab.tree, key, modifiers)
    assert tab.tree.state() != QAbstractItemView.State.EditingState
    tab.ui.revenueEdit.setFocus()
    qtbot.keyClicks(tab.ui.revenueEdit, "5")
    assert tab.ui.revenueEdit.text() == "10,000,000"
    assert brainstorm.read_brainstorm(room.plan) == before


def test_a_plan_without_company_goals_says_where_to_add_one(make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "empty.offsite"
    create_plan(path, "Empty").close()
    room = _open(make_window, path)
    assert "add one in Prepare" in room.tab.ui.goalSummary.text()
    assert not room.tab.ui.newGoalButton.isEnabled()
    assert not room.tab.ui.revenueEdit.isEnabled()
    assert room.tab.funnel_model.rowCount() == 0


# -- pieces ------------------------------------------------------------------------------------------


def test_typed_quarters_and_weights_are_read_leniently() -> None:
    assert parse_quarters(" Q1 2027, Q2 2027 ;Q3 2027, ") == ("Q1 2027", "Q2 2027", "Q3 2027")
    assert parse_weights("20, 25 / 25  30%") == (20.0, 25.0, 25.0, 30.0)
    (bad,) = parse_weights("x")
    assert bad != bad  # NaN: the checks then say "enter every weight as a number"


def test_a_company_goal_reads_as_from_to_by() -> None:
    import datetime as dt

    goal = CompanyGoalView(1, "Grow revenue", 20, 30, "M USD", dt.date(2027, 12, 31))
    assert goal_summary(goal) == "From 20 to 30 M USD (+50%) by 31 December 2027"
    assert goal_summary(CompanyGoalView(2, "Grow", None, 5, "", None)) == "Target 5"


def test_funnel_edits_of_one_burst_merge_into_one_step(plan_path: Path) -> None:
    from offsite.gui.app import make_application
    from offsite.gui.document import PlanDocument
    from offsite.services.plans import open_plan

    make_application([])
    document = PlanDocument(open_plan(plan_path))
    goal_id = document.view().goals[0].id
    try:
        assert document.execute(FunnelCommand(document, "Edit", goal_id, {"win_rate": 2}, merge_key="a"))
        for value in (25, 250 / 10):
            assert document.execute(
                FunnelCommand(document, "Edit", goal_id, {"win_rate": value}, merge_key="b")
            )
        assert document.undo_stack.count() == 2  # the creation, then the burst
        document.undo_stack.undo()
        assert brainstorm.read_brainstorm(document.plan).funnel(goal_id).win_rate == 2  # type: ignore[union-attr]
        document.undo_stack.undo()
        assert brainstorm.read_brainstorm(document.plan).funnel(goal_id) is None
        document.undo_stack.redo()
        document.undo_stack.redo()
        assert brainstorm.read_brainstorm(document.plan).funnel(goal_id).win_rate == 25  # type: ignore[union-attr]
    finally:
        document.close()
        QApplication.processEvents()


def test_the_tab_does_not_load_pandas_until_it_computes() -> None:
    code = "import sys, offsite.gui.brainstorm.workback, offsite.gui.shell; print('pandas' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_escape_on_a_new_goal_takes_it_back(qtbot, room: Room) -> None:  # type: ignore[no-untyped-def]
    tree = room.tab.tree
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Return, CTRL)
    qtbot.keyClicks(_editor(tree), "Close 10 M of new business")
    _finish(qtbot, tree)
    stack = room.window.document.undo_stack  # type: ignore[union-attr]
    steps = stack.count()
    qtbot.keyClick(tree, Qt.Key.Key_Return)  # work back: a new goal under it
    assert [g[0] for g in room.team_goals()] == ["Close 10 M of new business", GOAL_PLACEHOLDER]
    qtbot.keyClick(_editor(tree), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: tree.state() != QAbstractItemView.State.EditingState, timeout=15_000)
    assert [g[0] for g in room.team_goals()] == ["Close 10 M of new business"]
    assert stack.count() == steps
    assert room.tab.current_goal() is not None
    assert room.tab.current_goal().statement == "Close 10 M of new business"  # type: ignore[union-attr]


def test_typing_somewhere_else_in_a_funnel_field_is_a_new_undo_step(qtbot, room: Room) -> None:  # type: ignore[no-untyped-def]
    _fill_funnel(qtbot, room)
    quarters = room.tab.ui.quartersEdit
    quarters.setFocus()
    qtbot.keyClick(quarters, Qt.Key.Key_End)
    qtbot.keyClicks(quarters, ", Q4")
    qtbot.keyClick(quarters, Qt.Key.Key_Home)  # still in the field: the caret goes to the start
    qtbot.keyClicks(quarters, "Q0, ")
    assert room.funnel().quarters == ("Q0", "Q1", "Q2", "Q3", "Q4")
    qtbot.keyClick(quarters, Qt.Key.Key_Z, CTRL)  # takes back the quarter typed at the start only
    assert room.funnel().quarters == ("Q1", "Q2", "Q3", "Q4")
    assert quarters.text() == "Q1, Q2, Q3, Q4"
    qtbot.mouseClick(
        quarters, Qt.MouseButton.LeftButton, pos=QPoint(quarters.width() - 4, quarters.height() // 2)
    )
    qtbot.keyClicks(quarters, ", Q5")  # after a click at the end: again a step of its own
    qtbot.keyClick(quarters, Qt.Key.Key_Z, CTRL)
    assert room.funnel().quarters == ("Q1", "Q2", "Q3", "Q4")
    qtbot.keyClick(quarters, Qt.Key.Key_Z, CTRL)
    assert room.funnel().quarters == ("Q1", "Q2", "Q3")
