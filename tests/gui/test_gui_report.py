"""File ▸ Export Results Report…: the period asked in a small dialog, typed at the keyboard, then the
report written on the worker with its progress dialog, and confirmed with its path."""

from __future__ import annotations

from pathlib import Path

import pypdf
from PySide6.QtCore import Qt
from tests.report_plan import TITLE, make_report_plan

from offsite.gui.report_dialog import ReportPeriodDialog
from offsite.gui.workers import JobThread


def test_the_results_report_is_written_on_the_worker_for_the_period_typed(
    qtbot, make_window, answered, tmp_path: Path
) -> None:
    made = make_report_plan(tmp_path / "northwind.offsite")
    window = make_window()
    assert window.open_path(made.path)
    out = tmp_path / "Q1 results.pdf"
    answered.save_paths.append(out)

    window.report_action.trigger()
    dialog = window.findChild(ReportPeriodDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    # The plan's quarters are offered, as people write them, with their days.
    offered = [dialog.period.itemText(i) for i in range(dialog.period.count())]
    assert "Q1 2027 (1 Jan – 31 Mar 2027)" in offered
    field = dialog.period.lineEdit()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, "2027-13")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    # Not a month on the calendar: said under the field, and the dialog stays for another try.
    assert dialog.isVisible()
    assert dialog.problem.isVisible()
    assert "2027-Q1, 2027-03 or 2027-W05" in dialog.problem.text()
    assert answered.save_paths == [out]

    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, "2027-Q1")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    # The plan was read on the window's thread; the layout runs on the worker, with its progress.
    job = window._job
    assert isinstance(job, JobThread)
    assert window._progress is not None
    assert "Writing the results report on Q1 2027" in window._progress.labelText()
    qtbot.waitUntil(lambda: window._job is None, timeout=60_000)

    assert answered.errors == []
    text = " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(out).pages)
    assert TITLE in text
    assert "Q1 2027 (1 Jan – 31 Mar 2027)" in text
    assert "Progress tracked against the plan signed as version 1" in text
    assert "Wrote the results report:" in window.notifier.text()
    assert str(out) in window.notifier.text()


def test_enter_on_the_quarter_offered_exports_it_once(qtbot, make_window, answered, tmp_path: Path) -> None:
    made = make_report_plan(tmp_path / "northwind.offsite")
    window = make_window()
    assert window.open_path(made.path)
    out = tmp_path / "offered.pdf"
    answered.save_paths.append(out)
    window.report_action.trigger()
    dialog = window.findChild(ReportPeriodDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    chosen: list[str] = []
    dialog.chosen.connect(chosen.append)
    offered = dialog.period.currentText()
    qtbot.keyClick(dialog.period.lineEdit(), Qt.Key.Key_Return)  # the field untouched: the quarter offered
    assert not dialog.isVisible()
    assert len(chosen) == 1, (offered, chosen)
    qtbot.waitUntil(lambda: window._job is None, timeout=60_000)
    assert out.exists()
    assert answered.errors == []
