"""Hostile files for every command: the real ``offsite`` console script, run in a child process."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from hostile_files import TIMEOUT, Run, command


@pytest.fixture
def offsite(tmp_path: Path) -> Run:
    """Run ``offsite ARGS...`` in ``tmp_path`` with a sandboxed home; returns the finished process."""
    env = dict(os.environ)
    env.pop("DISPLAY", None)
    env["QT_QPA_PLATFORM"] = "offscreen"
    for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        folder = tmp_path / "home" / variable.lower()
        folder.mkdir(parents=True, exist_ok=True)
        env[variable] = str(folder)

    def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*command(), *map(str, args)],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=TIMEOUT,
            check=False,
        )

    return run
