"""Quitting while work runs off the UI thread ends the process cleanly: exit code 0, nothing on stderr.

A thread still running when Python exits aborts the process ("QThread: Destroyed while thread is
still running") or crashes it in Qt's teardown, after the user saw the window close. The app is run
in a child process, as a user runs it, so its whole exit is checked.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from offsite.services.generated import make_plan

#: More objectives than the overlap finder reviews on the UI thread: Buy-in ▸ Overlaps uses a worker.
OBJECTIVES = 400

QUIT_WHILE_REVIEWING = textwrap.dedent(
    """
    import sys, threading
    from pathlib import Path
    from PySide6.QtCore import QSettings, QTimer
    from offsite.gui import background, overlap_finder
    from offsite.gui.app import make_application
    from offsite.gui.shell import MainWindow

    folder = Path(sys.argv[1])
    # The review waits on its worker until the user has closed the window: still running at quit.
    window_closed = threading.Event()
    review = overlap_finder._review
    overlap_finder._review = lambda *args: window_closed.wait() and review(*args)

    app = make_application([])
    app.lastWindowClosed.connect(window_closed.set)
    window = MainWindow(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    window.show()
    assert window.open_path(folder / "large.offsite", ask=False)  # its integrity check starts too
    window.show_view("buyin")
    page = window.phase_pages["buyin"]
    page.ui.tabs.setCurrentWidget(page.overlaps)
    app.processEvents()
    print("reviewing:", [worker.isRunning() for worker in background._running], flush=True)
    QTimer.singleShot(0, window.close)  # Ctrl+Q
    code = app.exec()
    print("running after quit:", [worker.isRunning() for worker in background._running], flush=True)
    sys.exit(code)
    """
)


def test_quitting_while_overlaps_are_reviewed_on_a_worker_exits_cleanly(tmp_path: Path) -> None:
    make_plan(tmp_path / "large.offsite", objectives=OBJECTIVES, teams=4).close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[variable] = str(tmp_path / variable.lower())
    result = subprocess.run(
        [sys.executable, "-c", QUIT_WHILE_REVIEWING, str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.stdout.splitlines() == ["reviewing: [True]", "running after quit: [False]"]
    # The offscreen platform's one note about window sizes is Qt's, not the app's.
    problems = [line for line in result.stderr.splitlines() if "propagateSizeHints" not in line]
    assert problems == []
    assert result.returncode == 0
