"""The Brainstorm phase's work follows what an edit changed, never the size of the plan.

During the workshop leaders type into why-statements and candidates. A statement committed in a
chain, or a character typed into a candidate's wording, patches the one row it touched: the
brainstorm is not read whole again, no model is reset, and the Python work is the same on a plan
of 30 objectives as on one of 600 (counted in function calls, never in seconds). Every kind of
brainstorm edit, and its undo and redo, leaves the patched brainstorm equal to the plan read
afresh from the file, and each tab showing what that fresh read holds.
"""

from __future__ import annotations

import cProfile
import pstats
from pathlib import Path

from helpers import window_on
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit

from offsite.domain import ranking
from offsite.domain.exercises import BrainstormView, SwitchItemKind, SwitchSide
from offsite.gui.brainstorm.candidates import CandidatesTab
from offsite.gui.brainstorm.chains import ChainsTab
from offsite.gui.brainstorm.switch import SwitchTab
from offsite.gui.brainstorm.workback import WorkBackTab
from offsite.services.brainstorm import read_brainstorm
from offsite.services.generated import make_plan
from offsite.services.plans import open_plan


def _tab(window, title: str):  # type: ignore[no-untyped-def]
    page = window.phase_pages["brainstorm"]
    tab = page.tabs[title]
    page.ui.exercises.setCurrentWidget(tab)
    QApplication.processEvents()
    return tab


def _open_generated(make_window, tmp_path: Path, objectives: int):  # type: ignore[no-untyped-def]
    path = tmp_path / f"plan-{objectives}.offsite"
    make_plan(path, objectives=objectives).close()
    return window_on(make_window, path, "brainstorm")[0]


def _profiled(window, act, models) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    """(function calls, whole brainstorm reads, model resets) of ``act()``."""
    resets: list[int] = []
    for model in models:
        model.modelReset.connect(lambda: resets.append(1))
    reads_before = window.document.whole_brainstorm_reads
    profile = cProfile.Profile()
    profile.enable()
    act()
    QApplication.processEvents()
    profile.disable()
    calls = pstats.Stats(profile).total_calls  # type: ignore[attr-defined]
    return int(calls), window.document.whole_brainstorm_reads - reads_before, len(resets)


def _statement_work(qtbot, window) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    """The work of committing a statement typed into a why-chain (F2, type, Enter): the Enter."""
    tab: ChainsTab = _tab(window, "Ask why")
    column = next(iter(tab.columns.values()))
    view = column.view

    def edit(text: str) -> QLineEdit:
        view.setFocus()
        view.setCurrentIndex(column.model.index(0, 0))
        qtbot.keyClick(view, Qt.Key.Key_F2)
        editor = next(e for e in view.findChildren(QLineEdit) if e.isVisible())
        editor.end(False)
        qtbot.keyClicks(editor, text)
        return editor

    qtbot.keyClick(edit(" x"), Qt.Key.Key_Return)  # the first edit builds what every later one reuses
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)
    QApplication.processEvents()  # its editor goes
    editor = edit(" y")
    work = _profiled(window, lambda: qtbot.keyClick(editor, Qt.Key.Key_Return), [column.model])
    assert view.state() != QAbstractItemView.State.EditingState
    shown = column.model.data(column.model.index(0, 0), Qt.ItemDataRole.EditRole)
    assert shown.endswith(" x y")  # the chain shows what was typed
    assert view.currentIndex() == column.model.index(0, 0)  # and the statement stays selected
    return work


def _candidate_work(qtbot, window) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    """The work of one character typed into the selected candidate's wording."""
    tab: CandidatesTab = _tab(window, "Candidates")
    tab.ui.poolView.setCurrentIndex(tab.model.index(3, 1))
    edit = tab.ui.textEdit
    edit.setFocus()
    edit.end(False)
    for _ in range(3):  # the first keystrokes of a burst start its undo step: not what is counted
        qtbot.keyClick(edit, "x")
    work = _profiled(window, lambda: qtbot.keyClick(edit, "y"), [tab.model])
    row = tab.model.row_at(tab.ui.poolView.currentIndex().row())
    assert row is not None
    assert row.candidate.text.endswith("xxxy")
    assert edit.hasFocus()
    assert edit.cursorPosition() == len(edit.text())
    return work


def test_typing_into_a_statement_or_a_candidate_costs_the_same_on_a_plan_twenty_times_larger(
    qtbot, make_window, tmp_path
) -> None:
    small = _open_generated(make_window, tmp_path, 30)
    small_statement = _statement_work(qtbot, small)
    small_candidate = _candidate_work(qtbot, small)
    small.close()
    large = _open_generated(make_window, tmp_path, 600)
    large_statement = _statement_work(qtbot, large)
    large_candidate = _candidate_work(qtbot, large)

    for small_work, large_work in ((small_statement, large_statement), (small_candidate, large_candidate)):
        assert small_work[1:] == (0, 0), small_work  # no whole brainstorm read, no model reset
        assert large_work[1:] == (0, 0), large_work
        # Twenty times the objectives (and candidates), the same work: a whole read would be ~20 times.
        assert large_work[0] <= small_work[0] * 1.2, (small_work, large_work)
    _agrees_with_the_file(large)


def _fresh(window) -> BrainstormView:  # type: ignore[no-untyped-def]
    with open_plan(window.document.plan.path, readonly=True) as plan:
        return read_brainstorm(plan)


def _agrees_with_the_file(window) -> None:  # type: ignore[no-untyped-def]
    """The brainstorm the tabs share is the plan on disk, and each tab shows it."""
    QApplication.processEvents()
    fresh = _fresh(window)
    assert window.document.brainstorm() == fresh
    tabs = window.phase_pages["brainstorm"].tabs
    chains: ChainsTab = tabs["Ask why"]
    if not chains._stale:
        for team_id, column in chains.columns.items():
            assert column.model.nodes == [n for n in fresh.nodes if n.team_id == team_id]
    pool: CandidatesTab = tabs["Candidates"]
    if not pool._stale and not pool.ui.shortlistOnlyCheck.isChecked():
        ranked = ranking.rank_pool(fresh, pool.rank_by())
        by_uid = {c.uid: c for c in fresh.candidates}
        shown = [pool.model.row_at(r) for r in range(pool.model.rowCount())]
        assert [(r.candidate, r.rank) for r in shown if r] == [(by_uid[r.uid], r.rank) for r in ranked]
    workback: WorkBackTab = tabs["Work back"]
    if not workback._stale:
        goals = [g for g in fresh.team_goals if g.company_goal_id == workback.goal_id]
        assert workback.model.goals == goals
    switch: SwitchTab = tabs["Team switch"]
    if not switch._stale and switch.switch_id is not None:
        held = next(w for w in fresh.switches if w.id == switch.switch_id)
        for side, model in switch.models.items():
            shown_items = [
                model.item_at(model.index_of(i))
                for i in (*model.ids(SwitchItemKind.GOAL), *model.ids(SwitchItemKind.PLAN))
            ]
            assert sorted(i.id for i in shown_items if i) == sorted(i.id for i in held.side(side))
            assert all(i in held.side(side) for i in shown_items)


def test_every_brainstorm_edit_and_its_undo_leaves_the_tabs_equal_to_the_file(qtbot, demo_window) -> None:
    window = demo_window
    document = window.document
    window.show_view("brainstorm")
    stack = document.undo_stack
    steps: list[str] = []
    refused: list[str] = []
    document.failed.connect(refused.append)

    def check(step: str) -> None:
        steps.append(f"{step} ({document.whole_brainstorm_reads}) {refused}")
        _agrees_with_the_file(window)

    def undo_redo(step: str) -> None:
        stack.undo()
        check(f"undo {step}")
        stack.redo()
        check(f"redo {step}")

    # -- Ask why: add, edit, move, link, remove --------------------------------------------
    chains: ChainsTab = _tab(window, "Ask why")
    column = next(c for c in chains.columns.values() if c.model.rowCount())
    view = column.view
    view.setFocus()
    view.setCurrentIndex(column.model.index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)  # why? — a new answer, its editor open
    editor = next(e for e in view.findChildren(QLineEdit) if e.isVisible())
    qtbot.keyClicks(editor, "Because the pipeline is thin")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    check("answer")
    added = column.current_node()
    assert added is not None
    assert added.text == "Because the pipeline is thin"
    assert view.isExpanded(
        column.model.index_of(added.parent_id or 0)
    )  # the answer shows under its statement
    undo_redo("edit answer")
    qtbot.keyClick(view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)  # shallower
    check("outdent")
    undo_redo("outdent")
    view.setCurrentIndex(column.model.index_of(added.id))
    qtbot.keyClick(view, Qt.Key.Key_Tab)  # deeper again
    check("indent")
    others = [c for c in chains.columns.values() if c is not column and c.model.rowCount()]
    if others:
        others[0].view.setCurrentIndex(others[0].model.index(0, 0))
        chains.link_as_theme()
        check("link a theme")
        undo_redo("link a theme")
    view.setFocus()
    view.setCurrentIndex(column.model.index_of(added.id))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    check("remove statement")
    undo_redo("remove statement")
    if chains.current_suggestion() is not None:
        chains.dismiss_suggestion()
        check("dismiss a suggestion")
        undo_redo("dismiss a suggestion")
    view.setFocus()
    view.setCurrentIndex(column.model.index(0, 0))
    qtbot.keyClick(
        view, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    check("statement made a candidate")

    # -- Candidates: add, type, SMART, impact, dots, shortlist, promote, remove ---------------
    pool: CandidatesTab = _tab(window, "Candidates")
    pool.ui.addEdit.setFocus()
    qtbot.keyClicks(pool.ui.addEdit, "Double partner-sourced pipeline by Q3")
    qtbot.keyClick(pool.ui.addEdit, Qt.Key.Key_Return)
    check("add candidate")
    candidate_id = pool.current_id
    assert candidate_id is not None
    assert document.brainstorm().candidate(candidate_id).text == "Double partner-sourced pipeline by Q3"  # type: ignore[union-attr]
    undo_redo("add candidate")
    pool._select(candidate_id)
    pool.ui.textEdit.setFocus()
    pool.ui.textEdit.end(False)
    qtbot.keyClicks(pool.ui.textEdit, " 2027")
    check("type into candidate")
    undo_redo("type into candidate")
    pool.set_smart(next(iter(pool.smart)).criterion, True)
    check("SMART mark")
    undo_redo("SMART mark")
    pool.set_impact(5)
    check("impact")
    undo_redo("impact")
    vote = document.brainstorm().votes[0]  # every leader of the demo has placed all their dots
    pool._select(vote.candidate_id)
    spin, _left = pool._dots[vote.leader_id]
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_Down)  # a dot taken back...
    check("dot taken back")
    undo_redo("dot taken back")
    stack.undo()
    check("dot taken back, undone")
    qtbot.keyClick(spin, Qt.Key.Key_Down)
    pool._select(candidate_id)
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_Up)  # ...and placed on the new candidate
    check("dots")
    assert document.brainstorm().candidate(candidate_id).dots == 1  # type: ignore[union-attr]
    undo_redo("dots")
    pool._select(candidate_id)
    pool.ui.poolView.setFocus()
    qtbot.keyClick(pool.ui.poolView, Qt.Key.Key_Space)  # on the shortlist
    check("shortlist")
    assert document.brainstorm().candidate(candidate_id).shortlisted  # type: ignore[union-attr]
    undo_redo("shortlist")
    # A top candidate taken off the shortlist by hand, then "Keep the top N" puts it back.
    top = next(c for c in document.brainstorm().candidates if c.shortlisted and c.dots)  # type: ignore[union-attr]
    pool._select(top.id)
    pool.ui.poolView.setFocus()
    qtbot.keyClick(pool.ui.poolView, Qt.Key.Key_Space)
    assert not document.brainstorm().candidate(top.id).shortlisted  # type: ignore[union-attr]
    qtbot.mouseClick(pool.ui.shortlistButton, Qt.MouseButton.LeftButton)
    check("keep the top")
    assert document.brainstorm().candidate(top.id).shortlisted  # type: ignore[union-attr]
    undo_redo("keep the top")
    stack.undo()
    check("keep the top, undone")
    assert not document.brainstorm().candidate(top.id).shortlisted  # type: ignore[union-attr]
    stack.undo()  # and the candidate taken off by hand is back on
    check("taken off by hand, undone")
    pool._select(candidate_id)
    pool.promote()
    check("promote")
    undo_redo("promote")
    stack.undo()  # back to shortlisted, not promoted: the candidate can go
    check("undo promote")
    pool._select(candidate_id)
    pool.remove()
    check("remove candidate")
    undo_redo("remove candidate")

    # -- Work back: add a goal, type, remove --------------------------------------------------
    workback: WorkBackTab = _tab(window, "Work back")
    workback.tree.setFocus()
    workback.add_goal("top")
    qtbot.keyClicks(QApplication.focusWidget(), "Grow renewals")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    check("add team goal")
    undo_redo("add team goal")
    goal = workback.current_goal()
    assert goal is not None
    workback._edit_goal(goal.id, "unit", "deals")
    check("edit team goal")
    undo_redo("edit team goal")
    workback.remove_goal()
    check("remove team goal")
    undo_redo("remove team goal")
    revenue = workback.inputs["revenue_target"]
    revenue.setFocus()
    revenue.selectAll()
    qtbot.keyClicks(revenue, "12000000")
    check("type into the funnel")
    assert document.brainstorm().funnel(workback.goal_id).revenue_target == 12_000_000  # type: ignore[union-attr]
    undo_redo("type into the funnel")

    # -- Team switch: add an item, type, move, remove; a note ------------------------------------
    switch: SwitchTab = _tab(window, "Team switch")
    assert switch.current_switch() is not None
    switch.views[SwitchSide.PLAYED].setFocus()
    switch.add_item(SwitchItemKind.GOAL, SwitchSide.PLAYED)
    qtbot.keyClicks(QApplication.focusWidget(), "Win the mid-market")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    check("add switch item")
    undo_redo("add switch item")
    item = switch.current_item(SwitchSide.PLAYED)
    assert item is not None
    switch.move_item(SwitchSide.PLAYED, -1)
    check("move switch item")
    undo_redo("move switch item")
    switch.ui.playerNote.setFocus()
    qtbot.keyClicks(switch.ui.playerNote, " They carry quota too.")
    check("empathy note")
    undo_redo("empathy note")
    switch.select_item(SwitchSide.PLAYED, item.id)
    switch.remove_item(SwitchSide.PLAYED)
    check("remove switch item")
    undo_redo("remove switch item")

    # Opened once; every edit since patched it (a dot budget is not among them).
    assert document.whole_brainstorm_reads == 1, "\n".join(steps)


def test_the_pool_is_never_reset_when_a_candidate_is_added_or_removed(qtbot, demo_window) -> None:
    """A candidate added or removed inserts or removes its row: the others keep their place on screen."""
    window = demo_window
    window.show_view("brainstorm")
    pool: CandidatesTab = _tab(window, "Candidates")
    resets: list[int] = []
    pool.model.modelReset.connect(lambda: resets.append(1))
    inserted: list[int] = []
    pool.model.rowsInserted.connect(lambda _parent, first, last: inserted.append(last - first + 1))
    pool.ui.addEdit.setFocus()
    qtbot.keyClicks(pool.ui.addEdit, "Open two partner regions")
    qtbot.keyClick(pool.ui.addEdit, Qt.Key.Key_Return)
    pool.remove()
    assert resets == []
    assert inserted == [1]
    assert pool.model.rowCount(QModelIndex()) == len(window.document.brainstorm().candidates)
