"""File handling through the window: second windows, bad files, Save As, recent plans, exports."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from offsite.gui.workers import JobThread
from offsite.services.plans import open_plan, read_plan


def test_a_plan_open_in_another_window_opens_read_only_after_asking(
    qtbot, make_window, demo_window, answered
) -> None:
    path = demo_window.document.plan.path
    second = make_window()
    assert second.open_path(path)
    assert len(answered.questions) == 1
    assert "already open in another Offsite window" in answered.questions[0]
    assert second.document.readonly
    assert "[read-only]" in second.windowTitle()
    title = second.phase_pages["prepare"].ui.titleEdit
    assert title.isReadOnly()
    assert not second.phase_pages["plan"].ui.addObjectiveButton.isEnabled()
    # The first window still edits, and the second shows the plan as it was opened.
    assert not demo_window.document.readonly


def test_declining_read_only_leaves_the_second_window_empty(
    qtbot, make_window, demo_window, answered
) -> None:
    answered.yes = False
    second = make_window()
    assert not second.open_path(demo_window.document.plan.path)
    assert second.document is None


def test_the_lock_is_released_when_the_window_closes(qtbot, make_window, demo_window, answered) -> None:
    path = demo_window.document.plan.path
    demo_window.close()
    second = make_window()
    assert second.open_path(path)
    assert answered.questions == []
    assert not second.document.readonly


@pytest.mark.parametrize(
    "content",
    [b"Objectives:\n- Go outbound\n", b"", "sqlite"],
    ids=["text file", "empty file", "another program's database"],
)
def test_a_file_that_is_no_plan_is_refused_untouched(
    qtbot, demo_window, answered, tmp_path: Path, content
) -> None:
    bad = tmp_path / "not a plan.offsite"
    if content == "sqlite":
        with sqlite3.connect(bad) as connection:
            connection.execute("CREATE TABLE contacts (name TEXT)")
        connection.close()
    else:
        bad.write_bytes(content)
    before = bad.read_bytes()
    current = demo_window.document.plan.path
    answered.open_paths.append(bad)
    demo_window.ui.actionOpen.trigger()
    assert len(answered.errors) == 1
    assert "not a plan.offsite" in answered.errors[0]
    assert bad.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("not a plan")) == [
        "not a plan.offsite"
    ]
    assert demo_window.document.plan.path == current  # still working on the plan it had


def test_save_as_writes_a_whole_copy_and_continues_there(
    qtbot, demo_window, answered, tmp_path: Path
) -> None:
    original = demo_window.document.plan.path
    page = demo_window.phase_pages["prepare"]
    page.ui.venueEdit.setFocus()
    page.ui.venueEdit.selectAll()
    qtbot.keyClicks(page.ui.venueEdit, "Harbour Hotel")  # still in the WAL when the copy is made
    copy = tmp_path / "copy" / "Offsite copy.offsite"
    copy.parent.mkdir()
    answered.save_paths.append(copy)
    demo_window.ui.actionSaveAs.trigger()
    assert demo_window.document.plan.path == copy.resolve()
    with open_plan(copy, readonly=True) as plan:
        assert read_plan(plan).details.venue == "Harbour Hotel"
    qtbot.keyClicks(page_of(demo_window).ui.venueEdit, " East")
    with open_plan(original, readonly=True) as plan:
        assert read_plan(plan).details.venue == "Harbour Hotel"  # later edits go to the copy only


def page_of(window):  # type: ignore[no-untyped-def]
    return window.phase_pages["prepare"]


def test_recent_plans_are_remembered_and_missing_ones_are_dropped(
    qtbot, make_window, answered, tmp_path, demo_plan_bytes
) -> None:
    first, second = tmp_path / "a.offsite", tmp_path / "b.offsite"
    first.write_bytes(demo_plan_bytes)
    second.write_bytes(demo_plan_bytes)
    window = make_window()
    assert window.open_path(first)
    assert window.open_path(second)
    assert window.recent_files() == [str(second.resolve()), str(first.resolve())]
    window.ui.menuRecent.aboutToShow.emit()
    assert [a.text() for a in window.ui.menuRecent.actions()] == ["b.offsite", "a.offsite"]
    window.close()
    first.unlink()
    window = make_window()
    window._open_recent(str(first.resolve()))
    assert "no longer at" in answered.errors[-1]
    assert window.recent_files() == [str(second.resolve())]


def test_a_cancelled_export_writes_nothing(qtbot, demo_window, tmp_path: Path) -> None:
    from offsite.exchange.pdf import export_pdf

    out = tmp_path / "plan.pdf"
    view = demo_window.document.view()
    thread = JobThread(
        lambda progress, cancelled: export_pdf(view, out, progress=progress, is_cancelled=cancelled)
    )
    thread.cancel()  # the user pressed Cancel before the first page was laid out
    with qtbot.waitSignal(thread.cancelled, timeout=30_000):
        thread.start()
    thread.wait()
    assert not out.exists()
    assert list(tmp_path.glob("*.pdf*")) == []


def test_an_export_reports_progress_and_lands_whole(qtbot, demo_window, answered, tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    answered.save_paths.append(out)
    demo_window.ui.actionExportJson.trigger()
    qtbot.waitUntil(lambda: demo_window._job is None, timeout=30_000)
    assert answered.errors == []
    assert out.read_text(encoding="utf-8").startswith("{")
    assert "Exported" in demo_window.notifier.text()


def test_closing_the_window_during_an_export_cancels_it_cleanly(
    qtbot, demo_window, answered, tmp_path: Path
) -> None:
    out = tmp_path / "plan.pdf"
    answered.save_paths.append(out)
    demo_window.ui.actionExportPdf.trigger()
    job = demo_window._job
    assert job is not None
    demo_window.close()  # waits for the worker: no thread outlives the window
    assert _deleted(job) or not job.isRunning()
    assert demo_window.document is None
    # Cancelled in time, nothing was written; finished first, the PDF is whole. Never a partial file.
    if out.exists():
        data = out.read_bytes()
        assert data.startswith(b"%PDF")
        assert data.rstrip().endswith(b"%%EOF")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def _deleted(obj) -> bool:  # type: ignore[no-untyped-def]
    from shiboken6 import isValid

    return not isValid(obj)


def test_the_focused_field_keeps_focus_while_typing(qtbot, demo_window) -> None:
    edit: QLineEdit = demo_window.phase_pages["prepare"].ui.horizonEdit
    edit.setFocus()
    edit.end(False)
    qtbot.keyClicks(edit, " and H2")
    assert edit.hasFocus()
    assert edit.cursorPosition() == len(edit.text())
    assert edit.text() == "H1 2027 and H2"
    qtbot.keyClick(edit, Qt.Key.Key_Tab)


def test_a_lock_left_by_a_killed_offsite_does_not_stop_editing(
    qtbot, make_window, answered, tmp_path: Path, demo_plan_bytes: bytes
) -> None:
    import subprocess
    import sys

    path = tmp_path / "after a crash.offsite"
    path.write_bytes(demo_plan_bytes)
    holder = (
        "import os, sys\n"
        "from PySide6.QtCore import QLockFile\n"
        "lock = QLockFile(sys.argv[1] + '.lock')\n"
        "assert lock.tryLock(0)\n"
        "os._exit(0)  # dies holding the lock, as a killed or crashed Offsite does\n"
    )
    subprocess.run([sys.executable, "-c", holder, str(path.resolve())], check=True, timeout=60)
    assert Path(str(path.resolve()) + ".lock").exists()
    window = make_window()
    assert window.open_path(path)
    assert answered.questions == []
    assert not window.document.readonly


def test_a_plan_a_command_is_merging_into_opens_read_only(
    qtbot, make_window, answered, tmp_path: Path, demo_plan_bytes: bytes
) -> None:
    """``offsite merge`` holds the plan as the app does: the app offers it read-only meanwhile."""
    import os

    from offsite.store.inuse import holding

    path = tmp_path / "plan.offsite"
    path.write_bytes(demo_plan_bytes)
    with holding(path, "close it there."):
        window = make_window()
        assert window.open_path(path)
        assert len(answered.questions) == 1
        assert f"already open in another Offsite window (process {os.getpid()}" in answered.questions[0]
        assert window.document.readonly
    assert not path.with_name("plan.offsite.lock").exists()  # released once the merge is written
