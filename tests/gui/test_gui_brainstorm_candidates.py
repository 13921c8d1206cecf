"""The Candidates tab: typing candidates in, filtering, the SMART check, votes, the shortlist and promotion.

Every action goes through real key presses or clicks, and each test reads the plan file back.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMainWindow

from offsite.domain.exercises import BrainstormView, Exercise, SmartCriterion
from offsite.domain.ranking import ELIGIBILITY_RULE
from offsite.gui.brainstorm import BrainstormPage
from offsite.gui.brainstorm.candidates import CandidatesTab, PoolModel
from offsite.gui.document import PlanDocument
from offsite.services import brainstorm, prepare
from offsite.services.changes import Kind
from offsite.services.plans import read_plan
from offsite.store import PlanFile


@dataclass
class Room:
    tab: CandidatesTab
    document: PlanDocument
    plan: PlanFile
    failures: list[str]
    teams: dict[str, int]
    leaders: dict[str, int]
    candidates: dict[str, int]

    def pool(self) -> BrainstormView:
        return brainstorm.read_brainstorm(self.plan)

    def shown(self) -> list[str]:
        model = self.tab.model
        return [model.index(row, 1).data() for row in range(model.rowCount())]

    def select(self, qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
        view = self.tab.ui.poolView
        row = self.shown().index(text)
        rect = view.visualRect(self.tab.model.index(row, 1))
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert self.tab.ui.textEdit.text() == text


@pytest.fixture
def room(qtbot, plan: PlanFile) -> Iterator[Room]:  # type: ignore[no-untyped-def]
    teams = {name: prepare.add_team(plan, name).id for name in ("Sales", "Marketing")}
    leaders = {
        "Maya": prepare.add_leader(plan, "Maya Osei", team_id=teams["Sales"]).id,
        "Priya": prepare.add_leader(plan, "Priya Raman", team_id=teams["Marketing"]).id,
    }
    wordings = [
        ("Grow pipeline 30% by Q2 2027", "Sales"),
        ("Hire two SDRs", "Sales"),
        ("Win more deals", "Sales"),
        ("Publish 2 case studies per quarter", "Marketing"),
        ("Better onboarding", "Marketing"),
    ]
    candidates = {text: brainstorm.add_candidate(plan, text, teams[team]).id for text, team in wordings}
    node = brainstorm.add_why_node(plan, teams["Marketing"], "Predictable revenue")
    node_uid = brainstorm.read_brainstorm(plan).node(node.id).uid  # type: ignore[union-attr]
    candidates["Make revenue predictable"] = brainstorm.add_candidate(
        plan, "Make revenue predictable", teams["Marketing"], Exercise.WHY_CHAIN, node_uid
    ).id
    document = PlanDocument(plan)
    failures: list[str] = []
    document.failed.connect(failures.append)
    window = QMainWindow()
    qtbot.addWidget(window)
    tab = CandidatesTab(document)
    window.setCentralWidget(BrainstormPage(document, [("Candidates", tab)]))
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    yield Room(tab, document, plan, failures, teams, leaders, candidates)
    document.undo_stack.clear()
    window.close()
    QApplication.processEvents()


def test_the_pool_model_passes_the_model_tester(qtmodeltester, room: Room) -> None:
    qtmodeltester.check(room.tab.model)
    assert isinstance(room.tab.model, PoolModel)
    assert room.tab.model.rowCount() == 6
    row = room.shown().index("Make revenue predictable")
    assert room.tab.model.index(row, 3).data().startswith("Marketing's ask-why chain › ")
    assert room.tab.model.index(row, 6).data() == "0/5"


def test_typing_a_candidate_and_enter_adds_it_to_the_filtered_team(qtbot, room: Room) -> None:
    ui = room.tab.ui
    ui.teamFilter.setCurrentIndex(ui.teamFilter.findData(room.teams["Marketing"]))
    assert ui.addTeamCombo.currentData() == room.teams["Marketing"]
    ui.addEdit.setFocus()
    qtbot.keyClicks(ui.addEdit, "Run 6 webinars by June")
    qtbot.keyClick(ui.addEdit, Qt.Key.Key_Return)

    added = [c for c in room.pool().candidates if c.text == "Run 6 webinars by June"]
    assert len(added) == 1
    assert added[0].exercise is Exercise.DIRECT
    assert added[0].team_id == room.teams["Marketing"]
    assert ui.addEdit.text() == ""
    assert "Run 6 webinars by June" in room.shown()
    assert ui.textEdit.text() == "Run 6 webinars by June"  # the new one is selected
    room.document.undo_stack.undo()
    assert not [c for c in room.pool().candidates if c.text == "Run 6 webinars by June"]


def test_filters_by_team_and_by_exercise(room: Room) -> None:
    ui = room.tab.ui
    ui.teamFilter.setCurrentIndex(ui.teamFilter.findData(room.teams["Sales"]))
    assert sorted(room.shown()) == ["Grow pipeline 30% by Q2 2027", "Hire two SDRs", "Win more deals"]
    ui.teamFilter.setCurrentIndex(0)
    ui.exerciseFilter.setCurrentIndex(ui.exerciseFilter.findText("Ask why"))
    assert room.shown() == ["Make revenue predictable"]
    ui.teamFilter.setCurrentIndex(ui.teamFilter.findData(room.teams["Sales"]))
    assert room.shown() == []
    assert ui.detailStack.currentIndex() == 0  # nothing selected: the hint page
    ui.exerciseFilter.setCurrentIndex(ui.exerciseFilter.findText("Typed in"))
    assert len(room.shown()) == 3


def test_smart_answers_and_notes_are_saved_with_hints_shown(qtbot, room: Room) -> None:
    room.select(qtbot, "Grow pipeline 30% by Q2 2027")
    measurable = room.tab.findChild(type(room.tab.ui.impactCombo), "smart_measurable")
    assert measurable is not None
    measurable.setFocus()
    qtbot.keyClick(measurable, Qt.Key.Key_Down)  # — → Yes
    cid = room.candidates["Grow pipeline 30% by Q2 2027"]
    assert room.pool().candidate(cid).mark(SmartCriterion.MEASURABLE).value is True  # type: ignore[union-attr]

    timely = room.tab.findChild(type(room.tab.ui.impactCombo), "smart_timely")
    timely.setFocus()
    qtbot.keyClick(timely, Qt.Key.Key_Down)
    qtbot.keyClick(timely, Qt.Key.Key_Down)  # — → Yes → No
    note = room.tab.findChild(type(room.tab.ui.addEdit), "smart_measurable_note")
    note.setFocus()
    qtbot.keyClicks(note, "30% of last year")
    candidate = room.pool().candidate(cid)
    assert candidate.mark(SmartCriterion.TIMELY).value is False  # type: ignore[union-attr]
    assert candidate.mark(SmartCriterion.MEASURABLE).note == "30% of last year"  # type: ignore[union-attr]
    row = room.shown().index("Grow pipeline 30% by Q2 2027")
    assert room.tab.model.index(row, 6).data() == "1/5"

    hint = lambda name: room.tab.findChild(type(room.tab.ui.ruleLabel), f"smart_{name}_hint").text()  # noqa: E731
    assert hint("measurable") == "✓ hint: a number is present"
    assert hint("timely") == "✓ hint: a period or date is present"
    assert hint("specific") == "✓ hint: a team owns it"
    room.select(qtbot, "Better onboarding")
    assert hint("measurable") == "● hint: no number yet"
    assert hint("timely") == "● hint: no period or date"

    room.document.undo_stack.undo()  # the note (one typing burst)
    assert room.pool().candidate(cid).mark(SmartCriterion.MEASURABLE).note == ""  # type: ignore[union-attr]


def test_impact_is_saved_and_undone(qtbot, room: Room) -> None:
    room.select(qtbot, "Hire two SDRs")
    combo = room.tab.ui.impactCombo
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # none → 1 → 2
    cid = room.candidates["Hire two SDRs"]
    assert room.pool().candidate(cid).impact == 2  # type: ignore[union-attr]
    room.document.undo_stack.undo()
    assert room.pool().candidate(cid).impact == 1  # type: ignore[union-attr]


def test_votes_within_the_budget_are_saved_and_beyond_it_refused(qtbot, room: Room) -> None:
    maya = room.leaders["Maya"]
    brainstorm.vote(room.plan, maya, room.candidates["Hire two SDRs"], 2)
    room.document.notify({Kind.VOTE})
    room.select(qtbot, "Win more deals")
    spin, left = room.tab._dots[maya]
    assert left.text() == "1 of 3 dots left"
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_Up)
    cid = room.candidates["Win more deals"]
    assert room.pool().candidate(cid).dots == 1  # type: ignore[union-attr]
    assert room.tab._dots[maya][1].text() == "0 of 3 dots left"

    qtbot.keyClick(spin, Qt.Key.Key_Up)  # a fourth dot
    assert room.failures == [
        "Maya Osei has only 1 dot left for this candidate (2 of 3 are on others); take one back first."
    ]
    assert room.pool().dots_used(maya) == 3
    assert room.pool().candidate(cid).dots == 1  # type: ignore[union-attr]
    assert room.tab._dots[maya][0].value() == 1  # the spin box shows the file, not the refused value


def test_ranking_by_dots_or_impact_changes_the_order(qtbot, room: Room) -> None:
    c = room.candidates
    brainstorm.vote(room.plan, room.leaders["Maya"], c["Hire two SDRs"], 3)
    brainstorm.vote(room.plan, room.leaders["Priya"], c["Better onboarding"], 1)
    brainstorm.set_impact(room.plan, c["Win more deals"], 5)
    brainstorm.set_impact(room.plan, c["Hire two SDRs"], 2)
    room.document.notify({Kind.VOTE, Kind.CANDIDATE})
    assert room.shown()[:3] == ["Hire two SDRs", "Better onboarding", "Win more deals"]
    combo = room.tab.ui.rankByCombo
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # Dots → Impact
    assert combo.currentText() == "Impact"
    assert room.shown()[:2] == ["Win more deals", "Hire two SDRs"]
    assert [room.tab.model.index(r, 0).data() for r in range(3)] == ["1", "2", "3"]


def test_keep_the_top_n_marks_the_shortlist_and_promotion_keeps_the_origin(qtbot, room: Room) -> None:
    c, maya, priya = room.candidates, room.leaders["Maya"], room.leaders["Priya"]
    brainstorm.vote(room.plan, maya, c["Hire two SDRs"], 2)
    brainstorm.vote(room.plan, maya, c["Win more deals"], 1)
    brainstorm.vote(room.plan, priya, c["Grow pipeline 30% by Q2 2027"], 1)
    brainstorm.vote(room.plan, priya, c["Make revenue predictable"], 2)
    room.document.notify({Kind.VOTE})
    ui = room.tab.ui
    assert ui.ruleLabel.text() == ELIGIBILITY_RULE
    ui.topNSpin.setFocus()
    qtbot.keyClick(ui.topNSpin, Qt.Key.Key_Down)  # keep the top 2
    assert room.pool().top_n == 2
    assert ui.shortlistButton.text() == "&Keep the top 2 per team"

    room.select(qtbot, "Make revenue predictable")
    assert not ui.promoteButton.isEnabled()  # nothing is shortlisted yet
    qtbot.mouseClick(ui.shortlistButton, Qt.MouseButton.LeftButton)
    marked = {
        room.tab.model.index(r, 1).data()
        for r in range(room.tab.model.rowCount())
        if room.tab.model.index(r, 7).data() == "✓ shortlisted"
    }
    # Sales: SDRs (2 dots), then pipeline and deals (1 dot each; pipeline created first) → top 2.
    # Marketing: only "Make revenue predictable" has dots; the others are not eligible.
    assert marked == {"Hire two SDRs", "Grow pipeline 30% by Q2 2027", "Make revenue predictable"}

    assert ui.promoteButton.isEnabled()
    qtbot.mouseClick(ui.promoteButton, Qt.MouseButton.LeftButton)
    objectives = [o for o in read_plan(room.plan).objectives if o.statement == "Make revenue predictable"]
    assert len(objectives) == 1
    assert objectives[0].origin_label.startswith("Marketing's ask-why chain › ")
    assert objectives[0].team_ids == (room.teams["Marketing"],)
    row = room.shown().index("Make revenue predictable")
    assert room.tab.model.index(row, 7).data() == "→ objective"
    assert not ui.promoteButton.isEnabled()

    room.document.undo_stack.undo()
    assert not [o for o in read_plan(room.plan).objectives if o.statement == "Make revenue predictable"]
    assert room.tab.model.index(row, 7).data() == "✓ shortlisted"
    assert ui.promoteButton.isEnabled()


def test_editing_the_wording_and_the_dot_budget_is_saved(qtbot, room: Room) -> None:
    room.select(qtbot, "Better onboarding")
    edit = room.tab.ui.textEdit
    edit.setFocus()
    edit.end(False)
    qtbot.keyClicks(edit, " in Q3")
    assert room.pool().candidate(room.candidates["Better onboarding"]).text == "Better onboarding in Q3"  # type: ignore[union-attr]
    spin = room.tab.ui.budgetSpin
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_Up)
    assert room.pool().dot_budget == 4
    assert room.tab._dots[room.leaders["Maya"]][1].text() == "4 of 4 dots left"
    room.document.undo_stack.undo()
    assert room.pool().dot_budget == 3


def test_delete_removes_a_candidate_with_its_votes_and_undo_brings_both_back(qtbot, room: Room) -> None:
    brainstorm.vote(room.plan, room.leaders["Maya"], room.candidates["Hire two SDRs"], 2)
    room.document.notify(frozenset({Kind.VOTE}))
    room.select(qtbot, "Hire two SDRs")
    view = room.tab.ui.poolView
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert "Hire two SDRs" not in room.shown()
    assert "Hire two SDRs" not in [c.text for c in room.pool().candidates]
    assert room.pool().votes == ()
    assert room.tab.current_candidate() is not None  # the next one is selected, ready for another Delete
    room.document.undo_stack.undo()
    restored = next(c for c in room.pool().candidates if c.text == "Hire two SDRs")
    assert restored.id == room.candidates["Hire two SDRs"]
    assert room.pool().dots_used(room.leaders["Maya"]) == 2
    assert "Hire two SDRs" in room.shown()
    assert room.failures == []


def _walk_pool_to(qtbot, room: Room, text: str) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+Home in the pool, then ↓ until ``text`` is the selected candidate."""
    view = room.tab.ui.poolView
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    while room.tab.current_candidate().text != text:  # type: ignore[union-attr]
        row = view.currentIndex().row()
        qtbot.keyClick(view, Qt.Key.Key_Down)
        assert view.currentIndex().row() == row + 1, f"{text} is not in the pool"


def _keys_are_on_the_promoted_row(qtbot, room: Room, text: str) -> None:  # type: ignore[no-untyped-def]
    view = room.tab.ui.poolView
    qtbot.waitUntil(lambda: room.pool().candidate(room.candidates[text]).objective_id is not None)  # type: ignore[union-attr]
    row = room.shown().index(text)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
    assert view.currentIndex().row() == row
    assert view.selectionModel().isRowSelected(row)
    assert room.tab.model.index(row, 7).data() == "→ objective"
    assert room.tab.ui.textEdit.text() == text
    assert view.hasFocus()


def test_after_promote_the_keyboard_is_on_the_promoted_candidate_not_on_remove(qtbot, room: Room) -> None:  # type: ignore[no-untyped-def]
    c, maya = room.candidates, room.leaders["Maya"]
    brainstorm.vote(room.plan, maya, c["Hire two SDRs"], 2)
    brainstorm.vote(room.plan, maya, c["Win more deals"], 1)
    room.document.notify({Kind.VOTE})
    ui, view = room.tab.ui, room.tab.ui.poolView
    qtbot.mouseClick(ui.shortlistButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: room.pool().candidate(c["Win more deals"]).shortlisted)  # type: ignore[union-attr]
    window = view.window()
    window.activateWindow()  # keys and mnemonics reach the active window, as on a real desktop
    qtbot.waitUntil(window.isActiveWindow)

    # ↓ to "Win more deals", Tab on to Promote to objective, Space.
    _walk_pool_to(qtbot, room, "Win more deals")
    for _ in range(12):
        if QApplication.focusWidget() is ui.promoteButton:
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is ui.promoteButton
    qtbot.keyClick(ui.promoteButton, Qt.Key.Key_Space)
    _keys_are_on_the_promoted_row(qtbot, room, "Win more deals")
    assert not ui.removeButton.hasFocus()

    # The keys go on from there: ↑ to the next shortlisted one and Alt+P promotes it the same way.
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert room.tab.current_candidate().text == "Hire two SDRs"  # type: ignore[union-attr]
    qtbot.keyClick(view, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    _keys_are_on_the_promoted_row(qtbot, room, "Hire two SDRs")
    assert room.failures == []


def _kept(plan: PlanFile) -> set[str]:
    """The shortlist as the plan file holds it."""
    return {c.text for c in brainstorm.read_brainstorm(plan).candidates if c.shortlisted}


def test_the_shortlist_is_kept_in_the_plan_by_keys_and_undone(qtbot, room: Room, tmp_path) -> None:  # type: ignore[no-untyped-def]
    c, maya, priya = room.candidates, room.leaders["Maya"], room.leaders["Priya"]
    brainstorm.vote(room.plan, maya, c["Hire two SDRs"], 2)
    brainstorm.vote(room.plan, priya, c["Make revenue predictable"], 2)
    room.document.notify({Kind.VOTE})
    ui, view = room.tab.ui, room.tab.ui.poolView
    room.tab.window().activateWindow()  # mnemonics route to the active window, as on a real desktop
    qtbot.waitUntil(lambda: QApplication.activeWindow() is room.tab.window())

    # Alt+K records the top of each team in the plan file, not just on screen.
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: room.document.undo_stack.count() == 1)  # a mnemonic clicks after a beat
    assert _kept(room.plan) == {"Hire two SDRs", "Make revenue predictable"}
    assert room.document.undo_stack.undoText() == "Keep the top 3 per team"

    # Space puts the selected candidate on the shortlist, and takes it off again.
    room.select(qtbot, "Better onboarding")
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert _kept(room.plan) == {"Hire two SDRs", "Make revenue predictable", "Better onboarding"}
    row = room.shown().index("Better onboarding")
    assert room.tab.model.index(row, 7).data() == "✓ shortlisted"
    room.select(qtbot, "Hire two SDRs")
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert _kept(room.plan) == {"Make revenue predictable", "Better onboarding"}

    # Alt+S shows the shortlist only.
    qtbot.keyClick(view, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(ui.shortlistOnlyCheck.isChecked)
    assert ui.shortlistOnlyCheck.isChecked()
    assert sorted(room.shown()) == ["Better onboarding", "Make revenue predictable"]

    # Each step is undone in turn, down to no shortlist at all.
    room.document.undo_stack.undo()
    assert "Hire two SDRs" in _kept(room.plan)
    room.document.undo_stack.undo()
    room.document.undo_stack.undo()
    assert _kept(room.plan) == set()

    # Reopening the file shows the same shortlist.
    room.document.undo_stack.redo()
    room.plan.close()
    from offsite.store.planfile import open_plan_file

    with open_plan_file(room.plan.path) as reopened:
        assert _kept(reopened) == {"Hire two SDRs", "Make revenue predictable"}
