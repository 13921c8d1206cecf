"""A bug in a page's reading costs the user a message, never the window."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

#: A page whose reading fails as a bug would (an index out of range, raised by the interpreter
#: itself: the kind of error PySide6 crashes on when it leaves a Python override of showEvent).
SCRIPT = textwrap.dedent(
    """
    import sys
    from PySide6.QtWidgets import QApplication
    from offsite.gui.page import Page

    class Document:
        from PySide6.QtCore import QObject, Signal

        class _Signals(QObject):
            changed = __import__("PySide6.QtCore", fromlist=["Signal"]).Signal(object)

        def __init__(self):
            self._signals = self._Signals()
            self.changed = self._signals.changed

    class Broken(Page):
        def load(self, document):
            return [][0]

    seen = []
    sys.excepthook = lambda kind, error, tb: seen.append(kind.__name__)
    app = QApplication([])
    page = Broken(Document())
    page.show()
    app.processEvents()
    print("still running after", seen, flush=True)
    """
)


def test_an_index_error_in_a_pages_reading_is_reported_and_the_window_lives_on(tmp_path: Path) -> None:
    script = tmp_path / "broken_page.py"
    script.write_text(SCRIPT, encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, env=env, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "still running after ['IndexError']" in done.stdout
