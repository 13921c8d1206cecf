"""Start-up: the first screen of a plan is painted before the storage and export stacks load, and
every page of the file is checked for damage once, on a worker, while the user already sees the plan.

The start-up tests run ``offsite open --screenshot`` as a leader's desktop would, in a child process
(a test process has long loaded everything), and look at what it loaded and which SQL it ran when
the window was painted. None of them measures time.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

#: Wraps ``offsite open``: records every module loaded, and every ``quick_check`` with the thread
#: that ran it, at the moment the window is grabbed to PNG.
_RECORDING_OPEN = textwrap.dedent(
    """
    import json, sqlite3, sys, threading
    from pathlib import Path

    plan, png, record, view = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4]
    checks = []
    connect = sqlite3.connect

    def traced(*args, **kwargs):
        connection = connect(*args, **kwargs)

        def trace(statement):
            if "quick_check" in statement.lower() or "integrity_check" in statement.lower():
                checks.append(threading.current_thread() is threading.main_thread())

        connection.set_trace_callback(trace)
        return connection

    sqlite3.connect = traced

    import offsite.gui.app as app

    grab = app.save_screenshot

    def save_screenshot(window, path):
        code = grab(window, path)
        # Which loaded modules define a class (their own namespace only: no module's lazy lookup runs).
        defines = {
            name: sorted(module for module, m in list(sys.modules.items()) if name in getattr(m, "__dict__", {}))
            for name in ("MergePreviewDialog", "LeaderDialog", "NewDraftDialog", "ImportActualsDialog")
        }
        record.write_text(
            json.dumps({"modules": sorted(sys.modules), "checks_on_ui_thread": checks, "defines": defines})
        )
        return code

    app.save_screenshot = save_screenshot
    sys.exit(app.run(plan, view=view, screenshot=png))
    """
)

#: Wraps ``offsite open``: records, in order, each grab of the window and each wait for the
#: integrity check's answer, with whether the picture was written by then.
_ORDER_OPEN = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path

    import offsite.gui.app as app
    from offsite.gui.shell import MainWindow
    from offsite.gui.shell.integrity import IntegrityCheck

    plan, png, record, view = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4]
    steps = []
    wait, grab = IntegrityCheck.wait, MainWindow.grab

    def waited(self):
        steps.append(["wait for the check", png.exists()])
        return wait(self)

    def grabbed(self, *args):
        steps.append(["grab the window", png.exists()])
        return grab(self, *args)

    IntegrityCheck.wait, MainWindow.grab = waited, grabbed
    code = app.run(plan, view=view, screenshot=png)
    record.write_text(json.dumps({"steps": steps}))
    sys.exit(code)
    """
)

#: What a plan's first screen needs none of: the ORM and its migrations, the interchange
#: format's validation, the PDF, tables for charts.
HEAVY = ("sqlalchemy", "alembic", "pydantic", "pydantic_core", "reportlab", "pandas", "numpy", "pypdf")


def _open_recorded(
    tmp_path: Path, plan: Path, view: str = "plan", script: str = _RECORDING_OPEN
) -> tuple[subprocess.CompletedProcess[str], dict]:
    env = dict(os.environ)
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    env["QT_QPA_PLATFORM"] = "offscreen"
    for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        home = tmp_path / "home" / variable.lower()
        home.mkdir(parents=True, exist_ok=True)
        env[variable] = str(home)
    record = tmp_path / "record.json"
    result = subprocess.run(
        [sys.executable, "-c", script, str(plan), str(tmp_path / "shot.png"), str(record), view],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    return result, (json.loads(record.read_text()) if record.exists() else {})


@pytest.fixture
def demo_path(tmp_path: Path, demo_plan_bytes: bytes) -> Path:
    path = tmp_path / "demo.offsite"
    path.write_bytes(demo_plan_bytes)
    return path


def test_the_plan_is_on_screen_before_the_storage_and_export_stacks_load(
    tmp_path: Path, demo_path: Path
) -> None:
    result, record = _open_recorded(tmp_path, demo_path)

    assert result.returncode == 0, result.stderr
    assert (tmp_path / "shot.png").stat().st_size > 0
    loaded = {name.split(".")[0] for name in record["modules"]}
    assert sorted(loaded & set(HEAVY)) == []
    # ... and yet the screen shows the plan, read from the file.
    assert "offsite.gui.plan" in record["modules"]


def test_the_first_screen_loads_no_dialog_and_no_cryptography_it_does_not_use(
    tmp_path: Path, demo_path: Path
) -> None:
    """File ▸ New Draft, Export Draft Pack, Merge Drafts and Import Actuals build their dialogs when chosen; OpenSSL's
    library (megabytes of memory, for a signed version's fingerprint) loads with the first signing."""
    result, record = _open_recorded(tmp_path, demo_path)

    assert result.returncode == 0, result.stderr
    assert record["defines"] == {
        "MergePreviewDialog": [],
        "LeaderDialog": [],
        "NewDraftDialog": [],
        "ImportActualsDialog": [],
    }
    assert sorted({"hashlib", "_hashlib", "hmac", "secrets"} & set(record["modules"])) == []


def test_opening_a_plan_checks_its_pages_once_and_not_on_the_ui_thread(
    tmp_path: Path, demo_path: Path
) -> None:
    result, record = _open_recorded(tmp_path, demo_path)

    assert result.returncode == 0, result.stderr
    assert record["checks_on_ui_thread"] == [False]


def test_the_plan_is_painted_while_its_pages_are_checked_and_written_once_they_are_sound(
    tmp_path: Path, demo_path: Path
) -> None:
    """On a large plan the check of every page is the longest step of opening it: the screen is
    built and grabbed beside it, as a window someone looks at is, and only the picture's writing
    waits for the check's answer (a damaged plan writes none: the test below)."""
    result, record = _open_recorded(tmp_path, demo_path, script=_ORDER_OPEN)

    assert result.returncode == 0, result.stderr
    assert (tmp_path / "shot.png").stat().st_size > 0
    steps = record["steps"]
    assert steps[0] == ["grab the window", False], steps
    assert ["wait for the check", False] in steps
    assert all(not written for _step, written in steps), steps


def _damage_a_page_the_plan_screen_does_not_read(path: Path) -> None:
    """Overwrite the parking lot's page (a bad sector, a bad sync): the header, the structure and the
    plan's own pages stay readable, so only reading every page finds it."""
    connection = sqlite3.connect(path)
    page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    root = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = 'parking_item'").fetchone()[0]
    connection.close()
    data = bytearray(path.read_bytes())
    data[(root - 1) * page_size : root * page_size] = b"\xab" * page_size
    path.write_bytes(bytes(data))


def test_a_plan_damaged_where_the_screen_does_not_read_opens_read_only_and_says_so(
    qtbot, make_window, answered, demo_path: Path
) -> None:
    _damage_a_page_the_plan_screen_does_not_read(demo_path)
    window = make_window()
    window.show_view("plan")

    assert window.open_path(demo_path)
    qtbot.waitUntil(lambda: window.damage_banner.isVisible())

    banner = window.damage_banner.text()
    assert "“demo.offsite” is damaged" in banner
    assert "read-only" in banner
    assert "[read-only]" in window.windowTitle()
    page = window.phase_pages["plan"]
    assert page.ui.statementEdit.isReadOnly()
    assert not page.ui.addObjectiveButton.isEnabled()
    before = demo_path.read_bytes()
    page.ui.statementEdit.setFocus()
    qtbot.keyClicks(page.ui.statementEdit, "x")
    assert demo_path.read_bytes() == before  # nothing more is written into a damaged file
    assert answered.errors == []  # said on the window, not in a dialog to dismiss


def test_a_damaged_plan_is_refused_by_open_with_a_screenshot(tmp_path: Path, demo_path: Path) -> None:
    _damage_a_page_the_plan_screen_does_not_read(demo_path)
    result, _record = _open_recorded(tmp_path, demo_path)

    assert result.returncode == 2
    assert "“demo.offsite” is damaged" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "shot.png").exists()


def test_the_application_hands_events_to_widgets_without_a_python_call_for_each(qtbot) -> None:  # type: ignore[no-untyped-def]
    """An application-wide filter in Python runs for every event of every widget: thousands before
    the first paint, and on every keystroke after it. Following the desktop's palette needs none."""
    from types import FrameType

    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication, QWidget

    from offsite.gui.app import make_application

    make_application([])
    widget = QWidget()
    qtbot.addWidget(widget)
    calls: list[str] = []

    def count(frame: FrameType, event: str, _arg: object) -> None:
        # A toast left on screen by an earlier test watches for Esc while it shows; nothing else may.
        if event == "call" and not frame.f_code.co_qualname.startswith("Toast."):
            calls.append(frame.f_code.co_qualname)

    events = [QEvent(QEvent.Type.User) for _ in range(100)]
    sys.setprofile(count)
    try:
        for event in events:
            QApplication.sendEvent(widget, event)
    finally:
        sys.setprofile(None)
    assert calls == []
