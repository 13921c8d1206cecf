"""A newly added row is on screen, selected and open for typing, in every table with an Add."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit

from offsite.services import agenda, definitions, objectives, prepare
from offsite.services.plans import open_plan, read_plan

MANY = 24  # more rows than any of these tables shows at 1280×800


@pytest.fixture
def crowded(tmp_path: Path, demo_plan_bytes: bytes) -> Path:
    """The demo plan with long tables: leaders, goals, metrics, agenda items and glossary terms."""
    path = tmp_path / "crowded.offsite"
    path.write_bytes(demo_plan_bytes)
    with open_plan(path) as plan:
        objective = read_plan(plan).objectives[0].id
        for number in range(1, MANY + 1):
            prepare.add_leader(plan, f"Leader {number}", "", None)
            prepare.add_company_goal(plan, f"Goal {number}")
            objectives.add_metric(plan, objective, f"Metric {number}")
            agenda.add_agenda_item(plan, f"Item {number}", 10)
            definitions.add_definition(plan, f"Term {number}", "")
    return path


@pytest.fixture
def window(make_window, crowded: Path):  # type: ignore[no-untyped-def]
    window = make_window()
    assert window.open_path(crowded)
    return window


def assert_ready_for_typing(qtbot, view: QAbstractItemView, row: int, column: int = 0) -> QLineEdit:  # type: ignore[no-untyped-def]
    """The new row is current, wholly inside the view's viewport, and its cell's editor has the keys."""
    QApplication.processEvents()  # what the user sees once the click has been handled
    current = view.currentIndex()
    assert (current.row(), current.column()) == (row, column)
    assert view.selectionModel().isRowSelected(row, current.parent())
    assert view.viewport().rect().contains(view.visualRect(current)), "the new row is out of view"
    assert view.state() == QAbstractItemView.State.EditingState
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    assert view.isAncestorOf(editor)
    return editor


def type_and_enter(qtbot, view: QAbstractItemView, editor: QLineEdit, text: str) -> None:  # type: ignore[no-untyped-def]
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)


def test_a_new_leader_is_scrolled_into_view_and_typed_at_once(qtbot, window, crowded: Path) -> None:
    page = window.phase_pages["prepare"]
    view = page.ui.leadersView
    before = page.leaders.rowCount()
    qtbot.mouseClick(page.ui.addLeaderButton, Qt.MouseButton.LeftButton)
    editor = assert_ready_for_typing(qtbot, view, before)
    type_and_enter(qtbot, view, editor, "Ines Duarte")
    with open_plan(crowded, readonly=True) as plan:
        assert read_plan(plan).leaders[-1].name == "Ines Duarte"


def test_a_new_company_goal_is_scrolled_into_view_and_typed_at_once(qtbot, window) -> None:
    page = window.phase_pages["prepare"]
    before = page.goals.rowCount()
    qtbot.mouseClick(page.ui.addGoalButton, Qt.MouseButton.LeftButton)
    editor = assert_ready_for_typing(qtbot, page.ui.goalsView, before)
    type_and_enter(qtbot, page.ui.goalsView, editor, "Win 40 new logos")
    assert page.goals.index(before, 0).data() == "Win 40 new logos"


def test_a_new_agenda_item_is_scrolled_into_view_and_typed_at_once(qtbot, window) -> None:
    panel = window.phase_pages["prepare"].agenda
    before = panel.table.rowCount()
    panel.table.setFocus()
    qtbot.keyClick(
        panel.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    editor = assert_ready_for_typing(qtbot, panel.table, before)
    type_and_enter(qtbot, panel.table, editor, "Lunch")
    qtbot.waitUntil(
        lambda: panel.table.item(before, 0) is not None and panel.table.item(before, 0).text() == "Lunch"
    )


def test_a_new_metric_is_scrolled_into_view_and_typed_at_once(qtbot, window) -> None:
    window.show_view("plan")
    page = window.phase_pages["plan"]
    before = page.metrics.rowCount()
    assert before > MANY
    qtbot.mouseClick(page.ui.addMetricButton, Qt.MouseButton.LeftButton)
    editor = assert_ready_for_typing(qtbot, page.ui.metricsView, before)
    type_and_enter(qtbot, page.ui.metricsView, editor, "Pipeline coverage")
    assert page.metrics.index(before, 0).data() == "Pipeline coverage"


def test_a_new_glossary_term_is_scrolled_into_view_and_typed_at_once(qtbot, window) -> None:
    window.show_view("buyin")
    page = window.phase_pages["buyin"]
    page.ui.tabs.setCurrentWidget(page.definitions)
    tab = page.definitions
    before = tab.glossary.rowCount()
    qtbot.mouseClick(tab.ui.addButton, Qt.MouseButton.LeftButton)
    editor = assert_ready_for_typing(qtbot, tab.ui.glossaryView, before)
    type_and_enter(qtbot, tab.ui.glossaryView, editor, "Pipeline")
    assert tab.glossary.index(before, 0).data() == "Pipeline"


def test_a_new_objective_is_shown_in_the_list_and_its_statement_takes_the_keys(
    qtbot, window, crowded: Path
) -> None:
    with open_plan(crowded) as plan:
        team = read_plan(plan).teams[0].id
        for number in range(1, MANY + 1):
            objectives.add_objective(plan, f"Objective {number}", (team,))
    window.show_view("plan")
    page = window.phase_pages["plan"]
    page.reload()
    tree = page.ui.objectivesView
    tree.setCurrentIndex(page.tree.index_of(read_objective_id(crowded, "Objective 1")))
    qtbot.mouseClick(page.ui.addObjectiveButton, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    current = tree.currentIndex()
    assert page.tree.objective_at(current).statement == "New objective"
    assert tree.viewport().rect().contains(tree.visualRect(current)), "the new objective is out of view"
    assert page.ui.statementEdit.hasFocus()


def read_objective_id(path: Path, statement: str) -> int:
    with open_plan(path, readonly=True) as plan:
        return next(o.id for o in read_plan(plan).objectives if o.statement == statement)


def test_a_new_team_switch_goal_is_scrolled_into_view_and_typed_at_once(qtbot, window, crowded: Path) -> None:
    from offsite.domain.exercises import SwitchItemKind, SwitchSide
    from offsite.services.brainstorm import add_switch_item, read_brainstorm

    with open_plan(crowded) as plan:
        for switch in read_brainstorm(plan).switches:
            for number in range(1, MANY + 1):
                add_switch_item(plan, switch.id, SwitchSide.PLAYED, SwitchItemKind.GOAL, f"Goal {number}")
    window.show_view("brainstorm")
    page = window.phase_pages["brainstorm"]
    tab = page.tabs["Team switch"]
    page.ui.exercises.setCurrentWidget(tab)
    tab.reload()
    view, model = tab.views[SwitchSide.PLAYED], tab.models[SwitchSide.PLAYED]
    group = model.group_index(SwitchItemKind.GOAL)
    before = model.rowCount(group)
    view.setFocus()
    view.setCurrentIndex(group)
    qtbot.keyClick(view, Qt.Key.Key_Return)  # Enter on the Goals group adds a goal
    QApplication.processEvents()
    current = view.currentIndex()
    assert current.parent() == model.group_index(SwitchItemKind.GOAL)
    assert current.row() == before
    assert view.viewport().rect().contains(view.visualRect(current)), "the new goal is out of view"
    assert view.state() == QAbstractItemView.State.EditingState
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    assert editor.text() == "New goal"


def test_a_newly_parked_item_is_selected_and_in_view_while_the_keys_stay_put(
    qtbot, window, crowded: Path
) -> None:
    from offsite.services.parking import park

    with open_plan(crowded) as plan:
        for number in range(1, MANY + 1):
            park(plan, f"Parked {number}", "Prepare")
    window.parking.reload()
    field = window.phase_pages["prepare"].ui.venueEdit
    field.setFocus()
    qtbot.keyClick(
        field, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.waitUntil(window.parking.capture.isVisible)
    qtbot.keyClicks(window.parking.capture.edit, "Travel budget")
    qtbot.keyClick(window.parking.capture.edit, Qt.Key.Key_Return)
    QApplication.processEvents()
    lot = window.parking.panel.list
    current = lot.currentIndex()
    assert current.data().startswith("Travel budget")
    assert lot.viewport().rect().contains(lot.visualRect(current)), "the parked item is out of view"
