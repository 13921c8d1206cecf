"""The "Team switch" tab, driven from the keyboard: pairs, time boxes, both versions, notes, candidates."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QMainWindow

from offsite.domain.exercises import Exercise, SwitchItemKind, SwitchSide
from offsite.gui.app import make_application
from offsite.gui.brainstorm import BrainstormPage
from offsite.gui.brainstorm.switch import MARK_ROLE, ONE_SIDE_ROLE, SideModel, SwitchTab
from offsite.gui.document import PlanDocument
from offsite.services.brainstorm import add_switch_item, add_team_switch, read_brainstorm
from offsite.services.changes import Kind
from offsite.services.plans import create_plan, open_plan, read_plan
from offsite.services.prepare import add_team

PLAYED, REAL = SwitchSide.PLAYED, SwitchSide.REAL
GOAL, PLAN = SwitchItemKind.GOAL, SwitchItemKind.PLAN
CTRL, SHIFT, ALT = (
    Qt.KeyboardModifier.ControlModifier,
    Qt.KeyboardModifier.ShiftModifier,
    Qt.KeyboardModifier.AltModifier,
)


@dataclass
class Setup:
    window: QMainWindow
    tab: SwitchTab
    document: PlanDocument
    sales: int
    marketing: int
    failures: list[str] = field(default_factory=list)

    def switches(self):  # type: ignore[no-untyped-def]
        return read_brainstorm(self.document.plan).switches

    def items(self, side: SwitchSide) -> list[tuple[str, str]]:
        (switch,) = self.switches()
        return [(i.kind.value, i.text) for i in switch.side(side)]


def _open(qtbot, path: Path, *, readonly: bool = False) -> Setup:  # type: ignore[no-untyped-def]
    make_application([])
    document = PlanDocument(open_plan(path, readonly=readonly))
    tab = SwitchTab(document)
    window = QMainWindow()
    window.setCentralWidget(BrainstormPage(document, [("Team switch", tab)]))
    if readonly:
        tab.make_read_only()
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    teams = {t.name: t.id for t in document.view().teams}
    setup = Setup(window, tab, document, teams["Sales"], teams["Marketing"])
    document.failed.connect(setup.failures.append)
    return setup


@pytest.fixture
def plan_path(tmp_path: Path) -> Path:
    path = tmp_path / "switch.offsite"
    plan = create_plan(path, "Switch")
    add_team(plan, "Sales")
    add_team(plan, "Marketing")
    plan.close()
    return path


def _close(setup: Setup) -> None:
    setup.window.close()
    setup.document.close()
    QApplication.processEvents()


@pytest.fixture
def empty(qtbot, plan_path: Path) -> Iterator[Setup]:  # type: ignore[no-untyped-def]
    setup = _open(qtbot, plan_path)
    yield setup
    _close(setup)


@pytest.fixture
def paired(qtbot, plan_path: Path) -> Iterator[Setup]:  # type: ignore[no-untyped-def]
    """Marketing plays Sales, with nothing recorded yet."""
    plan = open_plan(plan_path)
    teams = {t.name: t.id for t in read_plan(plan).teams}
    add_team_switch(plan, teams["Marketing"], teams["Sales"])
    plan.close()
    setup = _open(qtbot, plan_path)
    yield setup
    _close(setup)


def _choose(combo, name: str) -> None:  # type: ignore[no-untyped-def]
    combo.setCurrentIndex(combo.findText(name))


def _editor(view: QAbstractItemView) -> QLineEdit:
    assert view.state() == QAbstractItemView.State.EditingState
    editors = [e for e in view.findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1
    return editors[0]


def _type_and_enter(qtbot, view: QAbstractItemView, text: str, *, placeholder: str | None = None) -> None:  # type: ignore[no-untyped-def]
    editor = _editor(view)
    if placeholder is not None:
        assert editor.text() == placeholder
        assert editor.selectedText() == placeholder  # typing replaces it
    else:
        editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState, timeout=15_000)


def _add(qtbot, setup: Setup, side: SwitchSide, kind: SwitchItemKind, text: str) -> None:  # type: ignore[no-untyped-def]
    """Select the side's group row of ``kind`` and press Enter: a new item, typed over."""
    tab = setup.tab
    view = tab.views[side]
    view.setFocus()
    view.setCurrentIndex(tab.models[side].group_index(kind))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    _type_and_enter(qtbot, view, text, placeholder="New goal" if kind is GOAL else "New plan step")


def _pair_texts(tab: SwitchTab) -> list[str]:
    listing = tab.ui.pairsList
    return [listing.item(row).text().split("\n")[0] for row in range(listing.count())]


# -- pairs -------------------------------------------------------------------------------------


def test_a_pair_is_added_and_removed_and_undo_brings_it_back(qtbot, empty: Setup) -> None:
    tab = empty.tab
    assert "No pair yet" in _pair_texts(tab)[0]
    assert not tab.ui.playedView.isEnabled()
    _choose(tab.ui.playerCombo, "Marketing")
    _choose(tab.ui.playedCombo, "Sales")
    qtbot.keyClick(tab.ui.playedCombo, Qt.Key.Key_D, ALT)  # A&dd pair (an animated click)
    qtbot.waitUntil(lambda: len(empty.switches()) == 1)
    (switch,) = empty.switches()
    assert (switch.player_team_id, switch.played_team_id) == (empty.marketing, empty.sales)
    assert (switch.prepare_minutes, switch.present_minutes) == (20, 10)
    assert _pair_texts(tab) == ["Marketing plays Sales"]
    assert "Marketing plays Sales" in tab.ui.pairTitle.text()
    assert tab.ui.realTitle.text().startswith("<b>Sales' own</b>")
    assert tab.ui.playedView.isEnabled()
    assert tab.ui.playedView.hasFocus()  # ready to record the players' first goal
    assert tab.ui.playerCombo.currentText() == "Sales"  # the return match is offered next

    _choose(tab.ui.playerCombo, "Marketing")
    _choose(tab.ui.playedCombo, "Sales")
    tab.ui.addPairButton.click()  # the same pair again: selected, not doubled
    assert len(empty.switches()) == 1
    assert tab.ui.statusLabel.text() == "Marketing plays Sales is already a pair: it is selected."

    tab.ui.pairsList.setFocus()
    qtbot.keyClick(tab.ui.pairsList, Qt.Key.Key_Delete)
    assert empty.switches() == ()
    assert "Removed the pair Marketing plays Sales" in tab.ui.statusLabel.text()
    empty.document.undo_stack.undo()
    assert [s.id for s in empty.switches()] == [switch.id]
    assert _pair_texts(tab) == ["Marketing plays Sales"]
    empty.document.undo_stack.redo()
    assert empty.switches() == ()


def test_a_team_playing_itself_is_refused_on_the_status_line(qtbot, empty: Setup) -> None:
    tab = empty.tab
    _choose(tab.ui.playerCombo, "Sales")
    _choose(tab.ui.playedCombo, "Sales")
    tab.ui.addPairButton.click()
    assert empty.switches() == ()
    assert tab.ui.statusLabel.text() == "A team cannot play itself: choose another team to play."
    assert tab.ui.statusLabel.property("guidance") == "advice"  # shown as a warning
    assert empty.failures == []  # no modal dialog
    assert empty.document.undo_stack.count() == 0


def test_time_boxes_are_edited_and_one_burst_is_one_undo_step(qtbot, paired: Setup) -> None:
    spin = paired.tab.ui.prepareSpin
    assert spin.value() == 20
    assert spin.suffix() == " min"
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "35")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert paired.switches()[0].prepare_minutes == 35
    assert "35 min to prepare" in paired.tab.ui.pairsList.item(0).text()
    present = paired.tab.ui.presentSpin
    present.setFocus()
    qtbot.keyClick(present, Qt.Key.Key_Up)
    assert paired.switches()[0].present_minutes == 11
    paired.document.undo_stack.undo()
    assert paired.switches()[0].present_minutes == 10
    paired.document.undo_stack.undo()  # both keystrokes of "35" at once
    assert paired.switches()[0].prepare_minutes == 20
    assert spin.value() == 20


# -- items ---------------------------------------------------------------------------------------


def test_items_are_added_edited_and_removed_from_the_keyboard(qtbot, paired: Setup) -> None:
    tab, stack = paired.tab, paired.document.undo_stack
    _add(qtbot, paired, PLAYED, GOAL, "More leads for Sales")
    _add(qtbot, paired, REAL, GOAL, "Close bigger deals")
    view = tab.views[PLAYED]
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_L, ALT)  # Add p&lan step, on the side that has the focus
    qtbot.waitUntil(lambda: view.state() == QAbstractItemView.State.EditingState)
    _type_and_enter(qtbot, view, "Discount at quarter end", placeholder="New plan step")
    qtbot.keyClick(view, Qt.Key.Key_Return)  # another plan step
    _type_and_enter(qtbot, view, "Call every lead", placeholder="New plan step")
    assert paired.items(PLAYED) == [
        ("goal", "More leads for Sales"),
        ("plan", "Discount at quarter end"),
        ("plan", "Call every lead"),
    ]
    assert paired.items(REAL) == [("goal", "Close bigger deals")]

    qtbot.keyClick(view, Qt.Key.Key_Up)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    _type_and_enter(qtbot, view, "Discount to hit the number")
    assert paired.items(PLAYED)[1] == ("plan", "Discount to hit the number")

    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert paired.items(PLAYED) == [("goal", "More leads for Sales"), ("plan", "Call every lead")]
    assert tab.current_item(PLAYED).text == "Call every lead"  # the next one is selected
    stack.undo()
    assert paired.items(PLAYED)[1] == ("plan", "Discount to hit the number")
    stack.undo()  # the edit
    assert paired.items(PLAYED)[1] == ("plan", "Discount at quarter end")
    stack.redo()
    stack.redo()
    assert [text for _, text in paired.items(PLAYED)] == ["More leads for Sales", "Call every lead"]


def test_items_move_and_change_kind_from_the_keyboard(qtbot, paired: Setup) -> None:
    (switch,) = paired.switches()
    plan = paired.document.plan
    first = add_switch_item(plan, switch.id, PLAYED, PLAN, "First step").id
    add_switch_item(plan, switch.id, PLAYED, PLAN, "Second step")
    paired.document.notify({Kind.SWITCH_ITEM})
    tab = paired.tab
    tab.select_item(PLAYED, first)
    view = tab.views[PLAYED]
    qtbot.keyClick(view, Qt.Key.Key_Down, ALT)
    assert paired.items(PLAYED) == [("plan", "Second step"), ("plan", "First step")]
    assert tab.current_item(PLAYED).id == first
    qtbot.keyClick(view, Qt.Key.Key_T, CTRL)
    assert paired.items(PLAYED)[1] == ("goal", "First step")
    assert "is now a goal" in tab.ui.statusLabel.text()
    paired.document.undo_stack.undo()
    paired.document.undo_stack.undo()
    assert paired.items(PLAYED) == [("plan", "First step"), ("plan", "Second step")]


# -- the comparison ------------------------------------------------------------------------------


def test_the_comparison_marks_what_appears_on_one_side_only(qtbot, paired: Setup) -> None:
    _add(qtbot, paired, PLAYED, GOAL, "Qualified leads for the sales team")
    _add(qtbot, paired, PLAYED, PLAN, "Discount at quarter end")
    _add(qtbot, paired, REAL, GOAL, "Sales team wants qualified leads")
    tab = paired.tab
    played, real = tab.models[PLAYED], tab.models[REAL]
    matched, alone = (played.index(row, 0, played.group_index(kind)) for kind, row in ((GOAL, 0), (PLAN, 0)))
    real_goal = real.index(0, 0, real.group_index(GOAL))

    assert matched.data(MARK_ROLE) == "✓ Also in Sales' own: “Sales team wants qualified leads”"
    assert matched.data(ONE_SIDE_ROLE) is False
    assert matched.data(Qt.ItemDataRole.BackgroundRole) is None
    assert real_goal.data(MARK_ROLE).startswith("✓ Also in the players' version")
    assert alone.data(MARK_ROLE) == "● Only in the players' version"
    assert alone.data(ONE_SIDE_ROLE) is True
    assert alone.data(Qt.ItemDataRole.BackgroundRole) is not None  # colour as well as words
    assert "Only in the players' version" in alone.data(Qt.ItemDataRole.ToolTipRole)
    assert tab.ui.ruleLabel.text().startswith("Two items match when they share at least two significant")

    # The real team adds a step the players had not seen: marked on its side.
    _add(qtbot, paired, REAL, PLAN, "Drop accounts outside the ideal profile")
    step = real.index(0, 0, real.group_index(PLAN))
    assert step.data(MARK_ROLE) == "● Only in Sales' own"


# -- empathy notes --------------------------------------------------------------------------------


def test_empathy_notes_save_as_you_type_with_one_undo_step_per_burst(qtbot, paired: Setup) -> None:
    tab, stack = paired.tab, paired.document.undo_stack
    assert tab.ui.playerNoteLabel.text() == "<b>Marketing</b> (the players) — what we had not seen"
    note = tab.ui.playerNote
    note.setFocus()
    qtbot.keyClicks(note, "They rarely discount")

    def text(team_id: int) -> str | None:
        found = paired.switches()[0].note(team_id)
        return found.text if found is not None else None

    assert text(paired.marketing) == "They rarely discount"
    assert text(paired.sales) is None
    assert stack.count() == 1

    other = tab.ui.playedNote
    other.setFocus()  # the first burst ends when the focus leaves
    qtbot.keyClicks(other, "They need fewer leads")
    note.setFocus()
    qtbot.keyClick(note, Qt.Key.Key_End, CTRL)
    qtbot.keyClicks(note, ", ever")
    assert text(paired.marketing) == "They rarely discount, ever"
    assert text(paired.sales) == "They need fewer leads"
    assert stack.count() == 3

    stack.undo()
    assert text(paired.marketing) == "They rarely discount"
    assert note.toPlainText() == "They rarely discount"
    stack.undo()
    assert text(paired.sales) is None
    stack.undo()
    assert text(paired.marketing) is None
    assert note.toPlainText() == ""
    stack.redo()
    assert text(paired.marketing) == "They rarely discount"


# -- candidates ---------------------------------------------------------------------------------


def test_an_item_becomes_a_candidate_for_the_played_team(qtbot, paired: Setup) -> None:
    _add(qtbot, paired, PLAYED, GOAL, "Close as many deals as we can")
    tab = paired.tab
    view = tab.views[PLAYED]
    qtbot.keyClick(view, Qt.Key.Key_K, CTRL | SHIFT)
    (candidate,) = read_brainstorm(paired.document.plan).candidates
    assert candidate.text == "Close as many deals as we can"
    assert candidate.team_id == paired.sales
    assert candidate.exercise is Exercise.TEAM_SWITCH
    assert candidate.origin_label == (
        "Team switch, Marketing plays Sales › Sales' goal (as the players saw it): "
        "“Close as many deals as we can”"
    )
    assert tab.ui.statusLabel.text() == "Added to Sales' candidates: “Close as many deals as we can”"
    index = view.currentIndex()
    assert "★ candidate" in index.data(MARK_ROLE)
    paired.document.undo_stack.undo()
    assert read_brainstorm(paired.document.plan).candidates == ()


def test_making_a_candidate_without_an_item_says_what_to_do(qtbot, paired: Setup) -> None:
    paired.tab.make_candidate()
    assert read_brainstorm(paired.document.plan).candidates == ()
    assert paired.tab.ui.statusLabel.text() == "Select a goal or plan step to make it a candidate."


# -- read-only and the demo -----------------------------------------------------------------------


def test_a_read_only_plan_shows_everything_and_changes_nothing(
    qtbot, tmp_path: Path, demo_plan_bytes: bytes
) -> None:
    path = tmp_path / "demo.offsite"
    path.write_bytes(demo_plan_bytes)
    setup = _open(qtbot, path, readonly=True)
    try:
        tab = setup.tab
        assert _pair_texts(tab) == ["Marketing plays Sales", "Sales plays Marketing"]
        assert tab.ui.pairsList.isEnabled()  # choosing the pair to see is allowed
        tab.ui.pairsList.setCurrentRow(1)
        assert "Sales plays Marketing" in tab.ui.pairTitle.text()
        view = tab.views[PLAYED]
        view.setFocus()
        view.setCurrentIndex(tab.models[PLAYED].index(0, 0, tab.models[PLAYED].group_index(GOAL)))
        before = read_brainstorm(setup.document.plan)
        for key, modifiers in (
            (Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier),
            (Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier),
            (Qt.Key.Key_F2, Qt.KeyboardModifier.NoModifier),
            (Qt.Key.Key_K, CTRL | SHIFT),
            (Qt.Key.Key_T, CTRL),
        ):
            qtbot.keyClick(view, key, modifiers)
        assert view.state() != QAbstractItemView.State.EditingState
        assert read_brainstorm(setup.document.plan) == before
        assert tab.ui.playerNote.isReadOnly()
        assert tab.ui.prepareSpin.isReadOnly()
        for button in (tab.ui.addPairButton, tab.ui.addGoalButton, tab.ui.candidateButton):
            assert not button.isEnabled()
        assert setup.document.undo_stack.count() == 0
    finally:
        _close(setup)


def test_the_demo_plan_shows_both_pairs_their_versions_and_notes(qtbot, demo_window) -> None:
    window = demo_window
    window.show_view("brainstorm")
    page = window.phase_pages["brainstorm"]
    tab = page.tabs["Team switch"]
    assert isinstance(tab, SwitchTab)
    page.ui.exercises.setCurrentWidget(tab)
    assert _pair_texts(tab) == ["Marketing plays Sales", "Sales plays Marketing"]
    assert len(tab.models[PLAYED].ids(PLAN)) == 2
    assert len(tab.models[REAL].ids(GOAL)) == 1
    assert "fewer, better ones" in tab.ui.playerNote.toPlainText()
    tab.ui.pairsList.setCurrentRow(1)
    played = tab.models[PLAYED]
    goal = played.index(0, 0, played.group_index(GOAL))
    assert goal.data() == "Generate as many leads as the budget allows"
    assert goal.data(MARK_ROLE).startswith("✓ Also in Marketing's own: “Move budget")
    step = played.index(0, 0, played.group_index(PLAN))
    assert step.data(MARK_ROLE) == "● Only in the players' version"
    assert "pipeline now" in tab.ui.playedNote.toPlainText()


def test_the_side_model_passes_the_model_tester(qtmodeltester, paired: Setup) -> None:
    (switch,) = paired.switches()
    plan = paired.document.plan
    add_switch_item(plan, switch.id, REAL, GOAL, "A goal")
    add_switch_item(plan, switch.id, REAL, PLAN, "A step")
    add_switch_item(plan, switch.id, REAL, PLAN, "Another step")
    paired.document.notify({Kind.SWITCH_ITEM})
    model = paired.tab.models[REAL]
    assert isinstance(model, SideModel)
    assert model.rowCount() == 2
    qtmodeltester.check(model)


def test_escape_on_a_new_item_takes_it_back(qtbot, paired: Setup) -> None:
    tab, stack = paired.tab, paired.document.undo_stack
    _add(qtbot, paired, PLAYED, GOAL, "More leads for Sales")
    steps = stack.count()
    view = tab.views[PLAYED]
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)  # a new goal, its placeholder ready to type over
    assert paired.items(PLAYED) == [("goal", "More leads for Sales"), ("goal", "New goal")]
    qtbot.keyClick(_editor(view), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState, timeout=15_000)
    assert paired.items(PLAYED) == [("goal", "More leads for Sales")]
    assert stack.count() == steps  # no step to undo, none to redo
