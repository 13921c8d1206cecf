"""Buy-in ▸ Overlaps on a plan of hundreds of objectives: found on a worker while the window stays
usable, listed fifty at a time per group, and after an edit only the edited objective looked at again."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from offsite.domain.values import Kind
from offsite.gui import overlap_finder
from offsite.gui.commands import UpdateCommand
from offsite.gui.overlaps import BUSY_SUMMARY, FINDING_TEXT, KEY_ROLE, MORE_ROLE, SHOWN_AT_FIRST
from offsite.services.generated import make_plan
from offsite.services.objectives import add_metric
from offsite.services.plans import read_plan

OBJECTIVES = 400  # more than overlap_finder.AT_ONCE: reviewed on a worker
SHARING = 60  # objectives of four teams that track "Pipeline coverage": many pairs to list


@pytest.fixture(scope="module")
def large_plan_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("large") / "large.offsite"
    plan = make_plan(path, objectives=OBJECTIVES, teams=4)
    for objective in read_plan(plan).objectives[:SHARING]:
        add_metric(plan, objective.id, "Pipeline coverage")
    plan.close()
    return path.read_bytes()


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Holds every review on its worker until the test lets it go, so the test sees the tab while
    the worker works, whatever the speed of the machine."""
    go = threading.Event()
    review = overlap_finder._review

    def held(*args):  # type: ignore[no-untyped-def]
        assert threading.current_thread() is not threading.main_thread()  # never on the UI thread
        go.wait(timeout=60)
        return review(*args)

    monkeypatch.setattr(overlap_finder, "_review", held)
    return go


def headings(tab) -> list[str]:  # type: ignore[no-untyped-def]
    return [tab.tree.item(row, 0).text() for row in range(tab.tree.rowCount())]


def group(tab, name: str):  # type: ignore[no-untyped-def]
    return next(
        tab.tree.item(r, 0) for r in range(tab.tree.rowCount()) if tab.tree.item(r, 0).text().startswith(name)
    )


def test_a_large_plan_finds_its_overlaps_on_a_worker_and_lists_them_fifty_at_a_time(  # type: ignore[no-untyped-def]
    qtbot, make_window, tmp_path: Path, large_plan_bytes: bytes, gate: threading.Event, answered
) -> None:
    path = tmp_path / "large.offsite"
    path.write_bytes(large_plan_bytes)
    window = make_window()
    assert window.open_path(path)
    window.show_view("buyin")
    buyin = window.phase_pages["buyin"]
    buyin.ui.matrixView.setFocus()
    qtbot.keyClick(buyin.ui.matrixView, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    tab = buyin.overlaps
    assert buyin.ui.tabs.currentWidget() is tab

    # The worker is finding overlaps: the tab says so and settles nothing meanwhile...
    assert tab.busy
    assert tab.ui.summaryLabel.text() == BUSY_SUMMARY
    assert headings(tab) == [FINDING_TEXT]
    qtbot.keyClick(tab.ui.findingsView, Qt.Key.Key_K)
    assert not tab.ui.resolveBox.isVisible()
    assert "still finding overlaps" in answered.errors[-1]
    # ...and the rest of the window answers: the Plan page opens, the Review page says it is counting.
    window.show_view("plan")
    assert window.current_view() == "plan"
    window.show_view("review")
    assert window.phase_pages["review"].ui.scoreLabel.text() == "…"
    window.show_view("buyin")
    assert tab.busy

    gate.set()
    qtbot.waitUntil(lambda: not tab.busy, timeout=60_000)
    shared = group(tab, "Shared metric name")
    found = int(shared.text().split(" · ")[1].split(" finding")[0])
    assert found > 2 * SHOWN_AT_FIRST
    # The group lists its first fifty, then a line that lists the next fifty.
    assert shared.rowCount() == SHOWN_AT_FIRST + 1
    more = shared.child(SHOWN_AT_FIRST, 0)
    assert more.data(MORE_ROLE)
    assert more.text() == f"Show {SHOWN_AT_FIRST} more ({found - SHOWN_AT_FIRST:,} not listed yet)…"
    tab.ui.findingsView.setExpanded(shared.index(), True)
    tab.ui.findingsView.setCurrentIndex(more.index())
    tab.ui.findingsView.setFocus()
    assert "list the next findings" in tab.ui.resolutionLabel.text()
    qtbot.keyClick(tab.ui.findingsView, Qt.Key.Key_Return)
    assert shared.rowCount() == 2 * SHOWN_AT_FIRST + 1
    assert shared.child(2 * SHOWN_AT_FIRST, 0).text().startswith(f"Show {SHOWN_AT_FIRST} more")
    # The first of the newly listed findings is selected, ready to settle.
    current = tab.current_entry()
    assert current is not None
    assert current.key == shared.child(SHOWN_AT_FIRST, 0).data(KEY_ROLE)
    assert "Pipeline coverage" in tab.ui.detailLabel.text()
    # The Review page counts every finding, listed or not.
    window.show_view("review")
    review = window.phase_pages["review"].ui
    qtbot.waitUntil(lambda: review.scoreLabel.text() != "…", timeout=60_000)
    table = review.componentsTable
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "Overlaps resolved")
    assert table.item(row, 2).text().endswith(f" of {tab.review.found}")


def test_after_an_edit_only_the_edited_objective_is_looked_at_again(  # type: ignore[no-untyped-def]
    qtbot, make_window, tmp_path: Path, large_plan_bytes: bytes
) -> None:
    path = tmp_path / "large.offsite"
    path.write_bytes(large_plan_bytes)
    window = make_window()
    assert window.open_path(path)
    window.show_view("buyin")
    buyin = window.phase_pages["buyin"]
    buyin.ui.tabs.setCurrentWidget(buyin.overlaps)
    tab = buyin.overlaps
    qtbot.waitUntil(lambda: not tab.busy and tab.review.found > 0, timeout=60_000)
    finder = overlap_finder.finder_of(window.document)
    assert finder.current is not None
    assert finder.current.reindexed == OBJECTIVES
    before, before_settled = tab.review.found, tab.review.settled
    # One objective (past the first sixty) now tracks "Pipeline coverage" in its wording too: it
    # is the only one indexed again, at once (a small edit of a plan reviewed already), and the
    # tab shows the review of the edited plan without a "Finding overlaps…" in between.
    view = window.document.view()
    edited = view.objectives[SHARING + 1]
    statement = f"{edited.statement} with the pipeline coverage shared"
    assert window.document.execute(
        UpdateCommand(window.document, "Edit statement", Kind.OBJECTIVE, edited.id, {"statement": statement})
    )
    assert not tab.busy
    assert finder.current.view is window.document.view()
    assert finder.current.reindexed == 1
    assert tab.review.found >= before
    window.undo_action.trigger()
    assert not tab.busy
    assert finder.current.view is window.document.view()
    assert finder.current.reindexed == 1
    assert tab.review.found == before
    # Settling a finding is as quick: the list is never taken away to be found again.
    tab.select(next(e.key for e in tab.entries if e.is_open))
    tab.ui.findingsView.setFocus()
    qtbot.keyClick(tab.ui.findingsView, Qt.Key.Key_K)
    qtbot.keyClicks(tab.ui.noteEdit, "Different buyers")
    qtbot.keyClick(tab.ui.noteEdit, Qt.Key.Key_Return)
    assert not tab.busy
    assert finder.current.reindexed == 0
    assert tab.current_entry().resolution is not None
    assert tab.review.settled == before_settled + 1
