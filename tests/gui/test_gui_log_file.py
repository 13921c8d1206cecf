"""The app's log file holds what the app logs, as the crash dialog promises ("Details were written to …")."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: As ``offsite`` starts the window: the command line sets up logging for the terminal first
#: (``offsite.cli.main``), then the app adds its log file (``offsite.gui.app``).
STARTED_AS_THE_COMMAND_DOES = """
import logging, sys
logging.basicConfig(level=logging.WARNING, format="%(message)s")  # offsite.cli.main
from offsite.gui.app import _setup_logging
log_file = _setup_logging()
logging.getLogger("offsite.gui.shell.files").info("opened Demo plan.offsite")
logging.getLogger("offsite.gui.crash").critical("uncaught exception")
print(log_file)
"""


def test_the_log_file_the_crash_dialog_names_holds_what_the_app_logged(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
    }
    run = subprocess.run(
        [sys.executable, "-c", STARTED_AS_THE_COMMAND_DOES],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    log_file = Path(run.stdout.strip())
    assert log_file.is_relative_to(tmp_path)
    logged = log_file.read_text(encoding="utf-8")
    assert "INFO offsite.gui.shell.files: opened Demo plan.offsite" in logged
    assert "CRITICAL offsite.gui.crash: uncaught exception" in logged
    # The terminal keeps only what it showed before: warnings and worse.
    assert run.stderr == "uncaught exception\n"
