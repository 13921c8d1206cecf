"""Fixtures every test layer shares: a fresh plan, the demo plan, and a sandbox for user settings.

The sandbox is set when this file is imported, before any test module imports Qt or
platformdirs, so no test ever reads or writes the real user's settings, data or cache.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli_runner import Run, runner

#: Every test process writes the stacks of a crash, even one at its exit, to $TMPDIR/offsite-test-crashes.
pytest_plugins = ("crash_logs", "pg_server", "room_fixtures")

_SANDBOX = Path(tempfile.mkdtemp(prefix="offsite-tests-home-"))
for _variable, _folder in (
    ("XDG_CONFIG_HOME", "config"),
    ("XDG_DATA_HOME", "data"),
    ("XDG_CACHE_HOME", "cache"),
    ("XDG_STATE_HOME", "state"),
):
    (_SANDBOX / _folder).mkdir()
    os.environ[_variable] = str(_SANDBOX / _folder)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The suite reads Offsite's English whatever this machine speaks; tests/gui/test_gui_german.py
# switches to German itself.
os.environ["OFFSITE_LANGUAGE"] = "en"

from offsite.exchange.demo import write_demo_plan  # noqa: E402  (after the sandbox is set)
from offsite.services.plans import create_plan  # noqa: E402
from offsite.store import PlanFile, open_plan_file  # noqa: E402


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Close every window and let Qt delete it while the session still runs.

    Left to the interpreter's exit, Qt objects are destroyed in whatever order Python's
    finalisation picks, which can crash the process after its last test, so that a test worker
    dies "not properly terminated" (and its replacement waits for work that never comes).
    """
    import sys

    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return
    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    # A review or suggestion still computing when its test ended: as the app does on quit, let it
    # end before Python's exit destroys the thread that runs it (Qt aborts on a running thread).
    background = sys.modules.get("offsite.gui.background")
    if background is not None:
        background.wait_for_computations()


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_SANDBOX, ignore_errors=True)


@pytest.fixture
def offsite(tmp_path: Path) -> Run:
    """Run the real ``offsite ARGS...`` in ``tmp_path`` with a sandboxed home; returns the finished process."""
    return runner(tmp_path)


@pytest.fixture
def plan(tmp_path: Path) -> Iterator[PlanFile]:
    """A new, empty plan (details only) in its own folder, closed after the test."""
    opened = create_plan(tmp_path / "plan.offsite", "Test offsite")
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def demo_plan_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The demo plan as a closed, self-contained file, written once per test process."""
    path = tmp_path_factory.mktemp("demo-master") / "demo.offsite"
    write_demo_plan(path).close()
    return path.read_bytes()


@pytest.fixture
def demo_plan(tmp_path: Path, demo_plan_bytes: bytes) -> Iterator[PlanFile]:
    """A private copy of the demo plan, open for editing."""
    path = tmp_path / "demo.offsite"
    path.write_bytes(demo_plan_bytes)
    opened = open_plan_file(path)
    yield opened
    opened.close()


@pytest.fixture
def demo_plan_without_agreements(demo_plan: PlanFile) -> PlanFile:
    """The demo plan with none of the agreements its room made, for tests that say their own in full."""
    from offsite.domain.values import Kind
    from offsite.services import changes
    from offsite.services.agreements import read_agreements

    for agreement in read_agreements(demo_plan):
        changes.remove(demo_plan, Kind.AGREEMENT, agreement.id)
    return demo_plan


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A folder on its own 768 KiB tmpfs, so writing into it really runs out of space.

    Needs root and permission to mount (a container may lack it): the test is skipped then,
    and the PRAGMA max_page_count tests still exercise the same full-disk path.
    """
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("a real full disk needs root to mount a small tmpfs")
    folder = tmp_path / "small-disk"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=768k,mode=0700", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.strip() or mounted.returncode}")
    try:
        yield folder
    finally:
        if subprocess.run(["umount", str(folder)], capture_output=True, check=False).returncode != 0:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)
