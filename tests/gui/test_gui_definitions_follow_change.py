"""Buy-in ▸ Definitions: an edit of one term reads that term, never the whole glossary.

A glossary grows with the plan (a large plan holds thousands of terms). Typing into one term, or
recording a leader's stance on it, reads that term again and repaints its row; the glossary and
the matrix are not reset. Every edit, its undo and its redo leave the page showing what the plan
file holds.
"""

from __future__ import annotations

import cProfile
import pstats
from pathlib import Path

from helpers import type_into_cell, window_on
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from offsite.domain.values import Stance
from offsite.services import definitions
from offsite.services.generated import make_plan
from offsite.services.plans import open_plan


def _definitions_tab(qtbot, make_window, path: Path):  # type: ignore[no-untyped-def]
    window, page = window_on(make_window, path, "buyin")
    page.ui.matrixView.setFocus()
    qtbot.keyClick(page.ui.matrixView, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert page.ui.tabs.currentWidget() is page.definitions
    return window, page.definitions


def _counted_reads(monkeypatch) -> list[int]:  # type: ignore[no-untyped-def]
    """How many terms each read of the glossary returned, from now on."""
    counts: list[int] = []
    read = definitions.read_definitions

    def counting(plan, ids=None):  # type: ignore[no-untyped-def]
        found = read(plan, ids)
        counts.append(len(found))
        return found

    monkeypatch.setattr(definitions, "read_definitions", counting)
    return counts


def _counted_resets(tab) -> list[int]:  # type: ignore[no-untyped-def]
    """A list that grows by one each time the glossary or the matrix is reset."""
    resets: list[int] = []
    tab.glossary.modelReset.connect(lambda: resets.append(1))
    tab.matrix.modelReset.connect(lambda: resets.append(1))
    return resets


def _typing_work(qtbot, tab) -> int:  # type: ignore[no-untyped-def]
    """Python function calls of one definition retyped in the glossary, from Enter to the repaint."""
    row = tab.glossary.rowCount() // 2
    type_into_cell(qtbot, tab.ui.glossaryView, tab.glossary.index(row, 1), "Warm up")
    profile = cProfile.Profile()
    profile.enable()
    type_into_cell(qtbot, tab.ui.glossaryView, tab.glossary.index(row, 1), "Accepted by sales")
    QApplication.processEvents()
    profile.disable()
    return int(pstats.Stats(profile).total_calls)  # type: ignore[attr-defined]


def _shows_the_file(tab) -> None:  # type: ignore[no-untyped-def]
    with open_plan(tab.document.plan.path, readonly=True) as plan:
        on_disk = definitions.read_definitions(plan)
    assert tab.rows == on_disk
    shown = [tuple(tab.glossary.index(r, c).data() for c in range(2)) for r in range(tab.glossary.rowCount())]
    assert shown == [(d.term, d.definition) for d in on_disk]
    bought = tab.matrix.columnCount() - 1
    assert [tab.matrix.index(r, bought).data() == "✓ Yes" for r in range(tab.matrix.rowCount())] == [
        d.bought_in for d in on_disk
    ]


def test_typing_a_definition_reads_one_term_at_any_size(qtbot, make_window, tmp_path, monkeypatch) -> None:
    work = []
    for size in (20, 400):
        path = tmp_path / f"glossary-{size}.offsite"
        make_plan(path, objectives=30, definitions=size).close()
        window, tab = _definitions_tab(qtbot, make_window, path)
        assert tab.glossary.rowCount() == size
        reads = _counted_reads(monkeypatch)
        resets = _counted_resets(tab)
        work.append(_typing_work(qtbot, tab))
        assert reads, "the term typed into was not read again"
        assert set(reads) == {1}, reads  # the term typed into, and nothing else
        assert resets == []
        assert tab.glossary.index(size // 2, 1).data() == "Accepted by sales"
        _shows_the_file(tab)
        monkeypatch.undo()
        window.close()
    small, large = work
    # Twenty times the terms, the same work: reading the glossary again would be ~20 times the calls.
    assert large <= small * 1.2, work


def test_every_glossary_edit_and_its_undo_leave_the_page_equal_to_the_file(
    qtbot, make_window, tmp_path
) -> None:
    path = tmp_path / "glossary.offsite"
    make_plan(path, objectives=12, definitions=6).close()
    window, tab = _definitions_tab(qtbot, make_window, path)
    stack = window.document.undo_stack

    def step() -> None:
        QApplication.processEvents()
        _shows_the_file(tab)
        stack.undo()
        _shows_the_file(tab)
        stack.redo()
        _shows_the_file(tab)

    type_into_cell(qtbot, tab.ui.glossaryView, tab.glossary.index(2, 0), "Pipeline")
    step()
    # A stance recorded by one key in the matrix: that term's row, and whether it is bought in.
    matrix = tab.ui.matrixView
    matrix.setFocus()
    for column in range(tab.matrix.columnCount() - 1):
        matrix.setCurrentIndex(tab.matrix.index(3, column))
        qtbot.keyClick(matrix, Qt.Key.Key_A)
    assert tab.matrix.index(3, tab.matrix.columnCount() - 1).data() == "✓ Yes"
    assert tab.rows[3].stance_of(window.document.view().leaders[0].id) is Stance.AGREED
    step()
    # A term added, and one removed: the rows are placed by the plan's order.
    assert tab.add_term()
    QApplication.processEvents()
    step()
    tab.ui.glossaryView.setFocus()
    tab.ui.glossaryView.setCurrentIndex(tab.glossary.index(1, 0))
    qtbot.keyClick(tab.ui.glossaryView, Qt.Key.Key_Delete)
    assert tab.glossary.rowCount() == 6
    step()
    stack.undo()
    QApplication.processEvents()
    _shows_the_file(tab)
    assert tab.glossary.rowCount() == 7
