"""The real main window, offscreen, on a copy of a plan: what the keystroke benchmarks type into.

Every keystroke benchmark starts the same way, so each times keys and not what opening a plan
leaves running: the window is shown at a laptop's size, the plan's integrity check (a worker
thread) is waited for, and so is the overlap review a large plan's Review page counts on a worker.
"""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from offsite.gui.shell import MainWindow

#: The longest a window waits for its workers before a benchmark gives up on it (seconds).
SETTLE_CAP = 600.0


def quiet_qt() -> None:
    """Keep the offscreen platform's notes (size hints, OpenType shaping) out of the figures."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    def handler(_mode: QtMsgType, _context: object, message: str) -> None:
        if "propagateSizeHints" not in message and "OpenType support missing" not in message:
            print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def wait_until(done: Callable[[], bool], what: str, cap: float = SETTLE_CAP) -> None:
    """Let the event loop run (10 ms at a time, idle between) until ``done()``; RuntimeError past ``cap``."""
    from PySide6.QtCore import QEventLoop, QThread
    from PySide6.QtWidgets import QApplication

    began = time.perf_counter()
    while not done():
        if time.perf_counter() - began > cap:
            raise RuntimeError(f"{what} took more than {cap:.0f} s")
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
        QThread.msleep(10)  # the machine is shared: wait, do not spin


def bench_window(work: Path, plan: Path, view: str, name: str) -> MainWindow:
    """The main window on a copy of ``plan`` (``work``/name-plan.offsite) showing ``view``, settled:
    its integrity check done, and the overlaps a large plan's Review page counts on a worker in."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from offsite.gui.app import make_application
    from offsite.gui.shell import MainWindow

    path = work / f"{name}-{plan.stem}.offsite"
    shutil.copy(plan, path)
    make_application([])
    quiet_qt()
    window = MainWindow(QSettings(str(work / f"bench-{name}-{plan.stem}.ini"), QSettings.Format.IniFormat))
    window.resize(1280, 800)
    window.show()
    window.activateWindow()  # the keyboard goes where the app puts it, as on a desktop
    if not window.open_path(path):
        raise RuntimeError(f"the window did not open {plan.name}")
    window.show_view(view)
    if window.integrity is not None:  # a keystroke is timed, not the check of a large file beside it
        window.integrity.wait()
    QApplication.processEvents()
    if view == "review":
        score = window.phase_pages["review"].ui.scoreLabel  # type: ignore[attr-defined]
        wait_until(lambda: score.text() != "…", "the Review page's overlaps")
    return window


def close_window(window: MainWindow) -> None:
    from PySide6.QtWidgets import QApplication

    window.close()
    window.deleteLater()
    QApplication.processEvents()
