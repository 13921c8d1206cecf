"""The Plan page of a plan of thousands of objectives opens with the work of a screenful, and every
objective stays within reach of the keyboard.

Opening the page reads the objectives as lines and the selected one whole, never every metric and
stance; the tree lists a batch of each team's objectives and asks for the text of the rows on screen
only. Counted in calls and rows (never in seconds), the same on a plan of 300 objectives as on one
of 3,000. Down, Page Down and End walk past the rows listed so far; an objective added at the end of
a long team is listed, selected and scrolled to.
"""

from __future__ import annotations

import cProfile
import pstats
from pathlib import Path

import pytest
from helpers import window_on
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication

from offsite.domain.values import ObjectiveLine
from offsite.gui.models import FETCH_BATCH, group_objectives
from offsite.services.generated import make_plan
from offsite.services.plans import open_plan, read_plan


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    """Generated plans of 300 and 3,000 objectives (made once: the larger takes seconds)."""
    folder = tmp_path_factory.mktemp("large")
    made = {}
    for objectives in (300, 3000):
        made[objectives] = folder / f"plan-{objectives}.offsite"
        make_plan(made[objectives], objectives=objectives).close()
    return made


def _copy(plans: dict[int, Path], objectives: int, tmp_path: Path) -> Path:
    path = tmp_path / f"plan-{objectives}.offsite"
    path.write_bytes(plans[objectives].read_bytes())
    return path


def _calls(stats: pstats.Stats, function: str) -> int:
    """How many times the functions named ``function`` were called under the profile."""
    return sum(
        counts[1]
        for (_file, _line, name), counts in stats.stats.items()  # type: ignore[attr-defined]
        if name == function
    )


def _open_plan_page(make_window, path: Path) -> tuple[object, dict[str, int]]:  # type: ignore[no-untyped-def]
    """Open ``path`` on the Plan page, painted; what it took: tree cells asked, metric and stance rows read."""
    window = make_window()
    profile = cProfile.Profile()
    profile.enable()
    assert window.open_path(path)
    window.show_view("plan")
    page = window.phase_pages["plan"]
    page.ui.objectivesView.viewport().repaint()
    QApplication.processEvents()
    profile.disable()
    stats = pstats.Stats(profile)
    work = {
        "cells asked": _calls(stats, "data"),
        "metrics read": _calls(stats, "_metric"),
        "whole reads": window.document.whole_reads,
    }
    return window, work


def _listed(page) -> int:  # type: ignore[no-untyped-def]
    """How many objectives the tree lists as rows now."""
    tree = page.tree
    return sum(tree.rowCount(tree.index(g, 0)) for g in range(tree.rowCount(QModelIndex())))


def test_opening_the_plan_page_does_a_screenfuls_work_at_ten_times_the_objectives(
    make_window, plans, tmp_path
) -> None:
    small, small_work = _open_plan_page(make_window, _copy(plans, 300, tmp_path))
    small.close()
    large, large_work = _open_plan_page(make_window, _copy(plans, 3000, tmp_path))
    page = large.phase_pages["plan"]

    # The selected objective shows whole: its statement, and its metrics in the table.
    selected = page.current_objective()
    assert page.ui.statementEdit.text() == selected.statement
    assert page.metrics.rowCount() == len(selected.metrics) > 0
    # Nothing but the selected objective's metrics was read, and no whole plan.
    assert large_work["whole reads"] == 0, large_work
    assert large_work["metrics read"] == len(selected.metrics), large_work
    # The tree asked for the cells on screen: as many at 3,000 objectives as at 300.
    assert large_work["cells asked"] <= small_work["cells asked"] * 1.2, (small_work, large_work)
    assert _listed(page) < 3000 / 4


def test_opening_the_plan_page_reads_the_lines_of_the_rows_it_lists_not_one_per_objective(
    make_window, plans, tmp_path, monkeypatch
) -> None:
    """Each team's heading says how many objectives it holds, counted by the plan file; the lines
    read (statement, period, teams) are those of the rows listed, a batch under each heading: as
    many at 3,000 objectives as at 300, where a line per objective would be ten times as many."""
    built: list[int] = []
    make_line = ObjectiveLine.__init__

    def counted(line: ObjectiveLine, *args: object, **kwargs: object) -> None:
        make_line(line, *args, **kwargs)  # type: ignore[arg-type]
        built.append(line.id)

    monkeypatch.setattr(ObjectiveLine, "__init__", counted)
    read = {}
    for objectives in (300, 3000):
        built.clear()
        path = _copy(plans, objectives, tmp_path)
        window, page = window_on(make_window, path, "plan")
        page.ui.objectivesView.viewport().repaint()
        QApplication.processEvents()
        read[objectives] = len(built)
        monkeypatch.undo()  # the whole plan, read below to compare, builds a line per objective
        with open_plan(path, readonly=True) as plan:
            groups = group_objectives(read_plan(plan))
        monkeypatch.setattr(ObjectiveLine, "__init__", counted)
        tree = page.tree
        headings = [tree.index(g, 0) for g in range(tree.rowCount(QModelIndex()))]
        assert [tree.data(h) for h in headings] == [f"{g.title}  ({len(g.objectives)})" for g in groups]
        shown = [tree.data(tree.index(r, 0, headings[0])) for r in range(20)]
        assert shown == [o.statement for o in groups[0].objectives[:20]]
        assert page.ui.statementEdit.text() == page.current_objective().statement
        window.close()

    # At most two batches under each heading: its first, and the next as the screen came near it.
    assert read[3000] <= 2 * FETCH_BATCH * len(headings), read
    assert read[3000] < read[300] * 1.5, read


def test_the_keyboard_reaches_every_objective_past_the_rows_listed(
    qtbot, make_window, plans, tmp_path
) -> None:
    window, page = window_on(make_window, _copy(plans, 3000, tmp_path), "plan")
    tree = page.ui.objectivesView
    with open_plan(window.document.plan.path, readonly=True) as plan:
        groups = group_objectives(read_plan(plan))
    first = groups[0]
    assert _listed(page) < 3000 / 4  # a batch per team: the rest come as they are needed

    # Page Down walks down the first team's objectives past its first batch, never into the next team.
    tree.setFocus()
    tree.setCurrentIndex(page.tree.index_of(first.objectives[0].id))
    while page.tree.objective_at(tree.currentIndex()) is not None and tree.currentIndex().row() < 150:
        qtbot.keyClick(tree, Qt.Key.Key_PageDown)
    row = tree.currentIndex().row()
    assert page.current_id == first.objectives[row].id
    assert page.ui.statementEdit.text() == first.objectives[row].statement
    # Down from there is the next objective of the same team.
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    assert page.current_id == first.objectives[row + 1].id

    # End is the last objective of the plan's last team, shown in the editor.
    qtbot.keyClick(tree, Qt.Key.Key_End)
    last = groups[-1].objectives[-1]
    assert page.current_id == last.id
    assert page.ui.statementEdit.text() == last.statement
    assert tree.viewport().rect().intersects(tree.visualRect(tree.currentIndex()))


def test_an_objective_added_to_a_long_team_is_listed_selected_and_scrolled_to(
    qtbot, make_window, plans, tmp_path
) -> None:
    window, page = window_on(make_window, _copy(plans, 3000, tmp_path), "plan")
    tree = page.ui.objectivesView
    first = page.tree.groups[0]
    assert len(first.objectives) > 300
    tree.setFocus()
    tree.setCurrentIndex(page.tree.index_of(first.objectives[0].id))

    qtbot.keyClick(
        page, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    added = page.current_id
    assert page.tree.groups[0].objectives[-1].id == added  # the team's last, far past the rows listed
    current = tree.currentIndex()
    assert page.tree.objective_at(current).id == added
    assert tree.viewport().rect().intersects(tree.visualRect(current))
    assert page.ui.statementEdit.hasFocus()
    qtbot.keyClicks(page.ui.statementEdit, "Win partners")
    assert page.tree.data(page.tree.index_of(added)) == "Win partners"
    assert window.document.whole_reads == 0  # every edit patched what the page had read

    # Undone, the selection goes back among the rows listed; redone, the objective is shown again.
    window.document.undo_stack.undo()
    window.document.undo_stack.undo()
    assert not page.tree.index_of(added).isValid()
    window.document.undo_stack.redo()
    page.select_objective(added)
    assert page.tree.objective_at(tree.currentIndex()).id == added
    assert tree.viewport().rect().intersects(tree.visualRect(tree.currentIndex()))
