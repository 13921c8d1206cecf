"""Typing into the reverse funnel recomputes the table in plain Python: no pandas, no NumPy loaded."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

#: A whole session in a fresh interpreter: the demo plan opened in the main window, the Work back
#: tab shown, a new win rate typed into the funnel as a leader types it. It prints the total row of
#: deals and opportunities the table then shows, and which of the heavy libraries were loaded.
SESSION = textwrap.dedent(
    """
    import sys
    from pathlib import Path

    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest

    from offsite.exchange.demo import write_demo_plan
    from offsite.gui.app import make_application
    from offsite.gui.shell import MainWindow

    folder = Path(sys.argv[1])
    write_demo_plan(folder / "demo.offsite").close()
    app = make_application([])
    window = MainWindow(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    window.resize(1280, 800)
    window.show()
    assert window.open_path(folder / "demo.offsite")
    window.show_view("brainstorm")
    page = window.phase_pages["brainstorm"]
    tab = page.tabs["Work back"]
    page.ui.exercises.setCurrentWidget(tab)
    before = tab.funnel_model.index(tab.funnel_model.rowCount() - 1, 1).data()
    edit = tab.ui.winRateEdit
    edit.setFocus()
    QTest.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(edit, "50")
    QTest.keyClick(edit, Qt.Key.Key_Return)
    app.processEvents()
    model = tab.funnel_model
    total = model.rowCount() - 1
    print(before, model.index(total, 1).data(), model.index(total, 2).data())
    print(sorted(name for name in ("pandas", "numpy") if name in sys.modules))
    window.close()
    app.processEvents()
    """
)


def test_typing_into_the_demo_funnel_loads_neither_pandas_nor_numpy(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[variable] = str(tmp_path / variable.lower())
    result = subprocess.run(
        [sys.executable, "-c", SESSION, str(tmp_path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    table, loaded = result.stdout.strip().splitlines()[-2:]
    # The demo's 10 M in 40 k deals, split 20/25/25/30: 50 + 63 + 63 + 75 = 251 deals a year. At a
    # 50% win rate (not 25%) they need 100 + 126 + 126 + 150 = 502 opportunities: recomputed as typed.
    assert table.split() == ["251", "251", "502"]
    assert loaded == "[]"
