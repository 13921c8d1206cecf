"""Buy-in ▸ Objectives: the stance form always speaks for the cell the facilitator has selected.

A comment typed for one leader never lands on another, and Enter records the stance the cell
shows, not whatever the stance box held from before. Driven by arrow keys, Enter and typing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication

from offsite.domain.values import Stance, StanceEvent
from offsite.exchange.pdf import export_pdf
from offsite.services import buyin
from offsite.services.plans import open_plan, read_plan

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def focused():  # type: ignore[no-untyped-def]
    return QApplication.focusWidget()


def stances_on_disk(path: Path) -> tuple[StanceEvent, ...]:
    with open_plan(path, readonly=True) as plan:
        return read_plan(plan).stances


def ids(path: Path, statement: str, leader: str) -> tuple[int, int]:
    with open_plan(path, readonly=True) as plan:
        view = read_plan(plan)
    objective = next(o for o in view.objectives if o.statement == statement)
    return objective.id, next(p.id for p in view.leaders if p.name == leader)


@pytest.fixture
def demo_path(tmp_path: Path, demo_plan_bytes: bytes) -> Path:
    """The demo plan where Lena has declined “Own the category” (the cell the room argues over)."""
    path = tmp_path / "demo.offsite"
    path.write_bytes(demo_plan_bytes)
    objective_id, lena = ids(path, "Own the category", "Lena Fischer")
    with open_plan(path) as plan:
        buyin.record_stance(plan, objective_id, lena, Stance.DECLINED, "Not this budget year.")
    return path


def open_matrix(qtbot, make_window, path: Path):  # type: ignore[no-untyped-def]
    """The window on ``path`` with the keyboard in the buy-in matrix, as Ctrl+5 then Alt+1 leave it."""
    window = make_window()
    assert window.open_path(path)
    qtbot.keyClick(focused() or window, Qt.Key.Key_5, CTRL)
    assert window.current_view() == "buyin"
    page = window.phase_pages["buyin"]
    qtbot.keyClick(focused() or window, Qt.Key.Key_1, ALT)
    qtbot.waitUntil(lambda: focused() is page.ui.matrixView)
    return page


def column_of(page, leader_id: int) -> int:  # type: ignore[no-untyped-def]
    return next(c for c in range(page.matrix.columnCount()) if page.matrix.leader_id(c) == leader_id)


def walk_to(qtbot, page, objective_id: int, leader_id: int) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+Home, then the arrow keys down to the objective's row and across to the leader's column."""
    matrix = page.ui.matrixView
    row, column = page.matrix.row_of(objective_id), column_of(page, leader_id)
    qtbot.keyClick(matrix, Qt.Key.Key_Home, CTRL)
    for _ in range(row):
        qtbot.keyClick(matrix, Qt.Key.Key_Down)
    for _ in range(column):
        qtbot.keyClick(matrix, Qt.Key.Key_Right)
    assert (matrix.currentIndex().row(), matrix.currentIndex().column()) == (row, column)


def test_enter_then_a_comment_records_the_stance_the_selected_cell_shows(  # type: ignore[no-untyped-def]
    qtbot, make_window, demo_path: Path
) -> None:
    page = open_matrix(qtbot, make_window, demo_path)
    ui = page.ui
    objective_id, lena = ids(demo_path, "Own the category", "Lena Fischer")
    walk_to(qtbot, page, objective_id, lena)
    assert ui.matrixView.currentIndex().data() == "Declined"
    assert "Lena Fischer" in ui.cellLabel.text()
    assert "Own the category" in ui.cellLabel.text()

    before = len(stances_on_disk(demo_path))
    qtbot.keyClick(ui.matrixView, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: focused() is ui.commentEdit)
    qtbot.keyClicks(ui.commentEdit, "Revisit after the Q1 budget review")
    qtbot.keyClick(ui.commentEdit, Qt.Key.Key_Return)

    after = stances_on_disk(demo_path)
    assert len(after) == before + 1
    latest = max(after, key=lambda e: e.id)
    assert (latest.objective_id, latest.leader_id, latest.stance, latest.comment) == (
        objective_id,
        lena,
        Stance.DECLINED,
        "Revisit after the Q1 budget review",
    )
    assert ui.matrixView.currentIndex().data() == "Declined"
    assert ui.stanceCombo.currentText() == "Declined"
    newest = ui.historyList.item(0).text()
    assert newest.endswith("Lena Fischer: Declined — “Revisit after the Q1 budget review”")
    assert ui.commentEdit.text() == ""


def test_a_comment_left_half_typed_never_lands_on_the_next_cell_chosen_by_keys(  # type: ignore[no-untyped-def]
    qtbot, make_window, demo_path: Path
) -> None:
    page = open_matrix(qtbot, make_window, demo_path)
    ui = page.ui
    objective_id, lena = ids(demo_path, "One funnel view", "Lena Fischer")
    walk_to(qtbot, page, objective_id, lena)
    assert ui.matrixView.currentIndex().data() == "Changes requested"

    # Enter, a comment and another stance for Lena… then Shift+Tab back to the matrix, ↓ to the next row.
    before = stances_on_disk(demo_path)
    qtbot.keyClick(ui.matrixView, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: focused() is ui.commentEdit)
    qtbot.keyClicks(ui.commentEdit, "Coverage 3.5x for enterprise")
    qtbot.keyClick(ui.commentEdit, Qt.Key.Key_Backtab, SHIFT)
    assert focused() is ui.stanceCombo
    qtbot.keyClick(ui.stanceCombo, Qt.Key.Key_End)  # the last choice: Declined
    assert ui.stanceCombo.currentText() == "Declined"
    qtbot.keyClick(ui.stanceCombo, Qt.Key.Key_Backtab, SHIFT)
    assert focused() is ui.matrixView
    qtbot.keyClick(ui.matrixView, Qt.Key.Key_Down)
    next_objective = page.matrix.item(ui.matrixView.currentIndex().row())
    assert next_objective.statement == "Expand happy customers"
    shown = ui.matrixView.currentIndex().data()
    assert shown == "—"  # Lena's team does not own it: no stance yet

    # The form now speaks for the new cell; nothing was recorded for either leader by moving.
    assert ui.commentEdit.text() == ""
    assert ui.stanceCombo.currentText() == Stance.PENDING.label
    assert "Expand happy customers" in ui.cellLabel.text()
    assert stances_on_disk(demo_path) == before

    # Enter, Enter on the new cell records what it shows, without the words meant for the other one.
    qtbot.keyClick(ui.matrixView, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: focused() is ui.commentEdit)
    qtbot.keyClick(ui.commentEdit, Qt.Key.Key_Return)
    after = stances_on_disk(demo_path)
    [new] = [e for e in after if e not in before]
    assert (new.objective_id, new.leader_id, new.stance, new.comment) == (
        next_objective.id,
        lena,
        Stance.PENDING,
        "",
    )
    assert all(e.comment != "Coverage 3.5x for enterprise" for e in after)


def test_clicking_another_cell_mid_comment_then_record_uses_that_cells_own_stance(  # type: ignore[no-untyped-def]
    qtbot, make_window, demo_path: Path
) -> None:
    page = open_matrix(qtbot, make_window, demo_path)
    ui = page.ui
    objective_id, lena = ids(demo_path, "Fill the pipeline", "Lena Fischer")
    walk_to(qtbot, page, objective_id, lena)
    qtbot.keyClick(ui.matrixView, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: focused() is ui.commentEdit)
    qtbot.keyClicks(ui.commentEdit, "Not this budget year")

    # The mouse picks Priya's cell on the same objective (she agreed), then clicks Record stance.
    before = stances_on_disk(demo_path)
    _objective, priya = ids(demo_path, "Fill the pipeline", "Priya Raman")
    target = page.matrix.index(page.matrix.row_of(objective_id), column_of(page, priya))
    assert target.data() == "Agreed"
    rect = ui.matrixView.visualRect(target)
    qtbot.mouseClick(ui.matrixView.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert ui.matrixView.currentIndex() == target
    assert ui.commentEdit.text() == ""
    assert ui.stanceCombo.currentText() == "Agreed"
    assert stances_on_disk(demo_path) == before

    qtbot.mouseClick(ui.recordButton, Qt.MouseButton.LeftButton)
    [new] = [e for e in stances_on_disk(demo_path) if e not in before]
    assert (new.objective_id, new.leader_id, new.stance, new.comment) == (
        objective_id,
        priya,
        Stance.AGREED,
        "",
    )
    assert ui.matrixView.currentIndex().data() == "Agreed"


#: The facilitator's laptop clock: 6 December 2026, weeks before the demo offsite's January 2027 records.
CLOCK_BEHIND = dt.datetime(2026, 12, 6, 10, 0)


def test_a_stance_recorded_on_a_clock_behind_the_plans_records_is_the_one_shown(  # type: ignore[no-untyped-def]
    qtbot, make_window, demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The clock, not the code under test: a laptop whose date is behind the records in the plan.
    monkeypatch.setattr(buyin, "utc_now", lambda: CLOCK_BEHIND)
    page = open_matrix(qtbot, make_window, demo_path)
    ui = page.ui
    objective_id, tomas = ids(demo_path, "Go outbound", "Tomás Herrera")
    walk_to(qtbot, page, objective_id, tomas)
    assert ui.matrixView.currentIndex().data() == "Agreed"  # recorded on 14 January 2027
    assert "2 of 6" in ui.summaryLabel.text()

    # Enter, Shift+Tab to the stance box, ↑ to “Changes requested”, Tab, the comment, Enter.
    qtbot.keyClick(ui.matrixView, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: focused() is ui.commentEdit)
    qtbot.keyClick(ui.commentEdit, Qt.Key.Key_Backtab, SHIFT)
    assert focused() is ui.stanceCombo
    qtbot.keyClick(ui.stanceCombo, Qt.Key.Key_Up)
    assert ui.stanceCombo.currentText() == "Changes requested"
    qtbot.keyClick(ui.stanceCombo, Qt.Key.Key_Tab)
    assert focused() is ui.commentEdit
    qtbot.keyClicks(ui.commentEdit, "Sequences need a named owner first")
    qtbot.keyClick(ui.commentEdit, Qt.Key.Key_Return)

    # The cell, the summary and the history show what Tomás said last, though its date is earlier.
    assert ui.matrixView.currentIndex().data() == "Changes requested"
    assert "1 of 6" in ui.summaryLabel.text()
    assert ui.stanceCombo.currentText() == "Changes requested"
    newest = ui.historyList.item(0).text()
    assert newest == "06 Dec 10:00 · Tomás Herrera: Changes requested — “Sequences need a named owner first”"

    # So does the PDF's buy-in matrix: Go outbound is no longer bought in.
    with open_plan(demo_path, readonly=True) as plan:
        pdf = export_pdf(read_plan(plan), tmp_path / "plan.pdf")
    pages = [p.extract_text() for p in pypdf.PdfReader(pdf).pages]
    matrix = " ".join(next(p for p in pages if "Buy-in" in p and "Bought in" in p).split())
    assert "O1 Go outbound Agreed Changes requested — — — — No" in matrix
    assert "1 of 6 objectives are bought in" in matrix


def test_a_statement_that_looks_like_markup_is_shown_as_typed(  # type: ignore[no-untyped-def]
    qtbot, make_window, demo_path: Path
) -> None:
    from offsite.services import changes
    from offsite.services.changes import Kind

    objective_id, lena = ids(demo_path, "Own the category", "Lena Fischer")
    with open_plan(demo_path) as plan:
        changes.update_fields(plan, Kind.OBJECTIVE, objective_id, {"statement": "Own <b>EMEA</b> & APAC"})
    page = open_matrix(qtbot, make_window, demo_path)
    walk_to(qtbot, page, objective_id, lena)
    label = page.ui.cellLabel
    assert label.textFormat() != Qt.TextFormat.PlainText
    # What a reader sees: the leader's words with their angle brackets, not a bold "EMEA".
    doc = QTextDocument()
    doc.setHtml(label.text())
    assert "“Own <b>EMEA</b> & APAC”" in doc.toPlainText()
