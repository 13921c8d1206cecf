"""The "Ask why" tab, driven from the keyboard: chains per team, themes, suggestions, candidates."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QMainWindow

from offsite.domain.exercises import Exercise
from offsite.gui.app import make_application
from offsite.gui.brainstorm import BrainstormPage
from offsite.gui.brainstorm.chains import ANSWER_PLACEHOLDER, ChainModel, ChainsTab
from offsite.gui.document import PlanDocument
from offsite.services.brainstorm import add_why_node, read_brainstorm
from offsite.services.changes import Kind
from offsite.services.plans import create_plan, open_plan
from offsite.services.prepare import add_team


@dataclass
class Setup:
    window: QMainWindow
    tab: ChainsTab
    document: PlanDocument
    sales: int
    marketing: int


def _open(qtbot, path: Path) -> Setup:  # type: ignore[no-untyped-def]
    make_application([])
    document = PlanDocument(open_plan(path))
    tab = ChainsTab(document)
    window = QMainWindow()
    window.setCentralWidget(BrainstormPage(document, [("Ask why", tab)]))
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    teams = {t.name: t.id for t in document.view().teams}
    return Setup(window, tab, document, teams["Sales"], teams["Marketing"])


@pytest.fixture
def plan_path(tmp_path: Path) -> Path:
    path = tmp_path / "chains.offsite"
    plan = create_plan(path, "Chains")
    add_team(plan, "Sales")
    add_team(plan, "Marketing")
    plan.close()
    return path


@pytest.fixture
def chains(qtbot, plan_path: Path) -> Iterator[Setup]:  # type: ignore[no-untyped-def]
    setup = _open(qtbot, plan_path)
    yield setup
    setup.window.close()
    setup.document.close()
    QApplication.processEvents()


def _texts(setup: Setup, team_id: int) -> list[tuple[str, int]]:
    return [(n.text, n.depth) for n in read_brainstorm(setup.document.plan).nodes if n.team_id == team_id]


def _editor(setup: Setup, team_id: int) -> QLineEdit:
    view = setup.tab.column(team_id).view
    assert view.state() == QAbstractItemView.State.EditingState
    editors = [e for e in view.findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1
    return editors[0]


def _type_and_enter(qtbot, setup: Setup, team_id: int, text: str) -> None:  # type: ignore[no-untyped-def]
    view = setup.tab.column(team_id).view
    editor = _editor(setup, team_id)
    assert editor.selectedText() == editor.text()  # the placeholder is selected: typing replaces it
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState, timeout=15_000)


def _selected_text(setup: Setup, team_id: int) -> str:
    node = setup.tab.column(team_id).current_node()
    assert node is not None
    return node.text


def test_a_chain_is_built_edited_and_pruned_from_the_keyboard(qtbot, chains: Setup) -> None:
    sales, tab = chains.sales, chains.tab
    view = tab.column(sales).view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # a new statement
    _type_and_enter(qtbot, chains, sales, "Sales exists to close deals")
    assert _texts(chains, sales) == [("Sales exists to close deals", 0)]

    qtbot.keyClick(view, Qt.Key.Key_Return)  # why?
    assert _editor(chains, sales).text() == ANSWER_PLACEHOLDER
    _type_and_enter(qtbot, chains, sales, "Deals bring revenue")
    qtbot.keyClick(view, Qt.Key.Key_Return)
    _type_and_enter(qtbot, chains, sales, "Revenue pays for growth")
    assert _texts(chains, sales) == [
        ("Sales exists to close deals", 0),
        ("Deals bring revenue", 1),
        ("Revenue pays for growth", 2),
    ]
    assert _selected_text(chains, sales) == "Revenue pays for growth"

    qtbot.keyClick(view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)  # shallower
    assert _texts(chains, sales)[2] == ("Revenue pays for growth", 1)
    assert _selected_text(chains, sales) == "Revenue pays for growth"
    qtbot.keyClick(view, Qt.Key.Key_Tab)  # deeper again, under the statement above
    assert _texts(chains, sales)[2] == ("Revenue pays for growth", 2)
    assert _selected_text(chains, sales) == "Revenue pays for growth"
    assert view.hasFocus()  # Tab did not move the focus away
    qtbot.keyClick(  # Ctrl+Shift+Tab is the previous exercise tab, not "shallower"
        view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert _texts(chains, sales)[2] == ("Revenue pays for growth", 2)

    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = _editor(chains, sales)
    editor.selectAll()
    qtbot.keyClicks(editor, "Revenue funds hiring")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState, timeout=15_000)
    assert _texts(chains, sales)[2] == ("Revenue funds hiring", 2)

    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert _selected_text(chains, sales) == "Deals bring revenue"
    qtbot.keyClick(view, Qt.Key.Key_Delete)  # takes its answer along
    assert _texts(chains, sales) == [("Sales exists to close deals", 0)]
    assert _selected_text(chains, sales) == "Sales exists to close deals"
    chains.document.undo_stack.undo()
    assert _texts(chains, sales) == [
        ("Sales exists to close deals", 0),
        ("Deals bring revenue", 1),
        ("Revenue funds hiring", 2),
    ]
    chains.document.undo_stack.undo()  # the edit
    assert _texts(chains, sales)[2] == ("Revenue pays for growth", 2)


def test_escape_on_a_new_answer_takes_it_back(qtbot, chains: Setup) -> None:
    sales, tab = chains.sales, chains.tab
    add_why_node(chains.document.plan, sales, "Sales exists to close deals")
    chains.document.notify(frozenset({Kind.WHY_NODE}))
    view = tab.column(sales).view
    view.setFocus()
    view.setCurrentIndex(tab.column(sales).model.index(0, 0))
    steps = chains.document.undo_stack.count()

    qtbot.keyClick(view, Qt.Key.Key_Return)  # why?
    assert _texts(chains, sales) == [("Sales exists to close deals", 0), (ANSWER_PLACEHOLDER, 1)]
    qtbot.keyClick(_editor(chains, sales), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState, timeout=15_000)
    assert _texts(chains, sales) == [("Sales exists to close deals", 0)]  # no "Why?" left behind
    assert _selected_text(chains, sales) == "Sales exists to close deals"
    assert chains.document.undo_stack.count() == steps  # nothing to undo either

    qtbot.keyClick(view, Qt.Key.Key_F2)  # Escape while editing an old statement changes nothing
    qtbot.keyClick(_editor(chains, sales), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState, timeout=15_000)
    assert _texts(chains, sales) == [("Sales exists to close deals", 0)]


def test_nodes_of_two_teams_link_as_a_theme_and_unlink(qtbot, chains: Setup) -> None:
    plan, tab = chains.document.plan, chains.tab
    sales_root = add_why_node(plan, chains.sales, "Sales exists to close deals").id
    marketing_root = add_why_node(plan, chains.marketing, "Marketing exists to generate leads").id
    chains.document.notify({Kind.WHY_NODE})
    tab.select(tab.column(chains.sales), sales_root)
    assert tab.picked_nodes()[0].id == sales_root
    tab.link_as_theme()
    assert read_brainstorm(plan).themes == ()  # one team only: refused
    tab.select(tab.column(chains.marketing), marketing_root)
    qtbot.keyClick(tab.column(chains.marketing).view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    (theme,) = read_brainstorm(plan).themes
    assert set(theme.node_ids) == {sales_root, marketing_root}
    assert theme.name == "Sales exists to close deals"
    model = tab.column(chains.sales).model
    assert "◆ Sales exists to close deals" in model.index_of(sales_root).data()

    tree = tab.ui.themesTree
    tree.setFocus()
    tree.setCurrentItem(tree.topLevelItem(0))
    qtbot.keyClick(tree, Qt.Key.Key_F2)  # rename the theme in place
    editor = tree.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Predictable revenue")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: read_brainstorm(plan).themes[0].name == "Predictable revenue", timeout=15_000)
    assert "◆ Predictable revenue" in model.index_of(sales_root).data()
    assert tree.topLevelItem(0).text(0) == "Predictable revenue"
    chains.document.undo_stack.undo()
    assert read_brainstorm(plan).themes[0].name == "Sales exists to close deals"
    assert tree.topLevelItem(0).text(0) == "Sales exists to close deals"

    tree.setCurrentItem(tree.topLevelItem(0).child(1))
    tab.ui.unlinkButton.click()
    assert read_brainstorm(plan).themes[0].node_ids == (sales_root,)
    chains.document.undo_stack.undo()
    assert set(read_brainstorm(plan).themes[0].node_ids) == {sales_root, marketing_root}


def _similar_answers(setup: Setup) -> tuple[int, int]:
    plan = setup.document.plan
    sales_root = add_why_node(plan, setup.sales, "Sales exists to close deals").id
    marketing_root = add_why_node(plan, setup.marketing, "Marketing exists to generate leads").id
    first = add_why_node(plan, setup.sales, "Predictable revenue for the company", sales_root).id
    second = add_why_node(plan, setup.marketing, "Company revenue becomes predictable", marketing_root).id
    add_why_node(plan, setup.marketing, "The brand must be known", marketing_root)
    setup.document.notify({Kind.WHY_NODE})
    return first, second


def test_a_suggestion_is_accepted_as_a_theme(qtbot, chains: Setup) -> None:
    first, second = _similar_answers(chains)
    tab = chains.tab
    assert len(tab.suggestions) == 1
    assert tab.ui.ruleLabel.text().startswith("Offsite suggests")
    assert "predictable" in tab.ui.suggestionsList.item(0).text()
    tab.ui.acceptButton.click()
    (theme,) = read_brainstorm(chains.document.plan).themes
    assert set(theme.node_ids) == {first, second}
    assert tab.suggestions == []  # linked pairs are not suggested again


def test_a_dismissed_suggestion_stays_hidden_after_reopening(qtbot, chains: Setup, plan_path: Path) -> None:
    _similar_answers(chains)
    chains.tab.ui.dismissButton.click()
    assert chains.tab.suggestions == []
    assert len(read_brainstorm(chains.document.plan).dismissed) == 1
    chains.window.close()
    chains.document.close()
    again = _open(qtbot, plan_path)
    try:
        assert again.tab.suggestions == []
        assert again.tab.ui.suggestionsList.item(0).text() == "No suggestion at the moment."
    finally:
        again.window.close()
        again.document.close()


def test_a_node_becomes_a_candidate_with_its_origin(qtbot, chains: Setup) -> None:
    first, _second = _similar_answers(chains)
    tab = chains.tab
    tab.select(tab.column(chains.sales), first)
    qtbot.keyClick(
        tab.column(chains.sales).view,
        Qt.Key.Key_K,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    (candidate,) = read_brainstorm(chains.document.plan).candidates
    assert candidate.text == "Predictable revenue for the company"
    assert candidate.exercise is Exercise.WHY_CHAIN
    assert candidate.team_id == chains.sales
    assert candidate.origin_label == "Sales' ask-why chain › “Predictable revenue for the company”"


def test_teams_shown_side_by_side_can_be_chosen(qtbot, chains: Setup) -> None:
    tab = chains.tab
    assert list(tab.columns) == [chains.sales, chains.marketing]
    tab.team_buttons[chains.marketing].click()
    assert list(tab.columns) == [chains.sales]
    tab.team_buttons[chains.marketing].click()
    assert list(tab.columns) == [chains.sales, chains.marketing]


def test_the_chain_model_passes_the_model_tester(qtmodeltester, chains: Setup) -> None:
    _similar_answers(chains)
    model = chains.tab.column(chains.marketing).model
    assert isinstance(model, ChainModel)
    assert model.rowCount() == 1
    qtmodeltester.check(model)
