"""An edit's work follows what it changed, never the size of the plan, and shows exactly what is saved.

After the plan is open, a keystroke on the Plan page patches the one objective it typed into: the
plan view is not read whole again, the objectives tree is not reset, and the Python work of one
keystroke is the same on a plan of 30 objectives as on one of 600 (counted in function calls,
never in seconds). Every kind of edit a facilitator makes on the Plan and Buy-in pages, and its
undo and redo, leaves the patched view equal to the plan read afresh from the file, and the tree
showing what a tree built from that fresh read shows.
"""

from __future__ import annotations

import cProfile
import pstats
from pathlib import Path

from helpers import window_on
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication

from offsite.domain.values import ObjectiveList, Stance
from offsite.gui.models import ObjectivesModel
from offsite.services.generated import make_plan
from offsite.services.plans import open_plan, read_plan


def _open_generated(make_window, tmp_path: Path, objectives: int):  # type: ignore[no-untyped-def]
    path = tmp_path / f"plan-{objectives}.offsite"
    make_plan(path, objectives=objectives).close()
    return window_on(make_window, path, "plan")[0]


def _keystroke_work(qtbot, window) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    """(function calls, whole-plan reads, tree resets) of one character typed into the statement."""
    page = window.phase_pages["plan"]
    edit = page.ui.statementEdit
    edit.setFocus()
    edit.end(False)
    for _ in range(3):  # the first keystrokes of a burst start its undo step: not what is counted
        qtbot.keyClick(edit, "x")
    resets = []
    page.tree.modelReset.connect(lambda: resets.append(1))
    reads_before = window.document.whole_reads
    profile = cProfile.Profile()
    profile.enable()
    qtbot.keyClick(edit, "y")
    QApplication.processEvents()
    profile.disable()
    calls = pstats.Stats(profile).total_calls  # type: ignore[attr-defined]
    return int(calls), window.document.whole_reads - reads_before, len(resets)


def _tree_rows(model: ObjectivesModel) -> list[tuple[str, ...]]:
    """Every row of the tree, each heading's listed whole (as scrolling to its end would)."""
    rows = []
    for g in range(model.rowCount()):
        heading = model.index(g, 0)
        model.fetch_all(heading)
        rows.append((str(model.data(heading)),))
        for r in range(model.rowCount(heading)):
            rows.append(
                tuple(str(model.data(model.index(r, c, heading))) for c in range(model.columnCount()))
            )
    return rows


def _agrees_with_the_file(window) -> None:  # type: ignore[no-untyped-def]
    """The view the screens show is the plan on disk, and so is the objectives tree."""
    with open_plan(window.document.plan.path, readonly=True) as plan:
        fresh = read_plan(plan)
    assert window.document.view() == fresh
    assert window.document.objective_list() == ObjectiveList.of(fresh)  # the Plan page's lines, patched too
    fresh_tree = ObjectivesModel()
    fresh_tree.set_view(fresh)
    assert _tree_rows(window.phase_pages["plan"].tree) == _tree_rows(fresh_tree)


def test_a_keystroke_costs_the_same_on_a_plan_twenty_times_larger(qtbot, make_window, tmp_path) -> None:
    small = _open_generated(make_window, tmp_path, 30)
    small_calls, small_reads, small_resets = _keystroke_work(qtbot, small)
    small.close()
    large = _open_generated(make_window, tmp_path, 600)
    large_calls, large_reads, large_resets = _keystroke_work(qtbot, large)

    assert (small_reads, small_resets) == (0, 0)
    assert (large_reads, large_resets) == (0, 0)
    # Twenty times the objectives, the same work: a whole-plan read would be ~20 times the calls.
    assert large_calls <= small_calls * 1.2, (small_calls, large_calls)
    page = large.phase_pages["plan"]
    shown = page.tree.data(page.tree.index_of(page.current_id))
    assert shown.endswith("xxxy")  # the tree shows what was typed
    _agrees_with_the_file(large)


def test_every_plan_edit_and_its_undo_leaves_the_screen_equal_to_the_file(qtbot, demo_window) -> None:
    window = demo_window
    window.show_view("plan")
    page = window.phase_pages["plan"]
    document = window.document
    view = document.view()
    sales = next(t for t in view.teams if t.name == "Sales")
    marketing = next(t for t in view.teams if t.name == "Marketing")
    steps: list[str] = []

    def check(step: str) -> None:
        steps.append(step)
        QApplication.processEvents()
        _agrees_with_the_file(window)

    def undo_redo(step: str) -> None:
        document.undo_stack.undo()
        check(f"undo {step}")
        document.undo_stack.redo()
        check(f"redo {step}")

    # Type into the statement and the method of the selected objective.
    qtbot.keyClicks(page.ui.statementEdit, " now")
    check("statement")
    page.ui.methodEdit.setFocus()
    qtbot.keyClicks(page.ui.methodEdit, " Weekly.")
    check("method")
    undo_redo("method")

    # Add an objective (Ctrl+Shift+O), name it, give it a second team, add a metric.
    page.tree.index_of(page.current_id)
    qtbot.keyClick(
        page, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    check("add objective")
    added = page.current_id
    qtbot.keyClicks(page.ui.statementEdit, " Grow partners")
    check("name the new objective")
    for i in range(page.ui.teamsList.count()):
        item = page.ui.teamsList.item(i)
        if item.data(Qt.ItemDataRole.UserRole) in (sales.id, marketing.id):
            item.setCheckState(Qt.CheckState.Checked)
    check("share with a second team")
    assert page.tree.group_at(page.tree.index_of(added)).key == "shared"
    undo_redo("share")
    page.add_metric()
    check("add metric")
    undo_redo("add metric")

    # Move it, then remove it; undo brings it back where it was.
    page.move_objective(-1)
    check("move")
    page.remove_objective()
    check("remove")
    assert document.view().objective(added) is None
    undo_redo("remove")

    # A stance recorded on the Buy-in page shows in the Plan page's Buy-in column.
    window.show_view("buyin")
    buyin = window.phase_pages["buyin"]
    objective = document.view().objectives[0]
    leader = next(p for p in document.view().leaders if p.team_id in objective.team_ids)
    assert buyin.document.execute(buyin._command(objective.id, leader.id, Stance.DECLINED, "Not this year"))
    window.show_view("plan")
    check("stance")
    undo_redo("stance")
    assert document.whole_reads == 1, steps  # read once when opened; every edit since patched it


def test_an_edit_of_a_team_reads_the_plan_again_and_shows_it(qtbot, demo_window) -> None:
    """A team renamed touches every objective of it: the whole view is read, and the tree heading follows."""
    window = demo_window
    window.show_view("plan")
    page = window.phase_pages["plan"]
    reads = window.document.whole_reads
    window.show_view("prepare")
    prepare = window.phase_pages["prepare"]
    team = window.document.view().teams[0]
    from offsite.domain.values import Kind
    from offsite.gui.commands import UpdateCommand

    assert window.document.execute(
        UpdateCommand(window.document, "Edit team", Kind.TEAM, team.id, {"name": "Field Sales"})
    )
    assert prepare is not None
    window.show_view("plan")
    QApplication.processEvents()
    assert window.document.whole_reads == reads + 1
    headings = [str(page.tree.data(page.tree.index(g, 0))) for g in range(page.tree.rowCount(QModelIndex()))]
    assert any(h.startswith("Field Sales") for h in headings), headings
    _agrees_with_the_file(window)
