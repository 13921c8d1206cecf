"""Running the real ``offsite`` console script, as scripts and leaders do, in a child process."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

Run = Callable[..., subprocess.CompletedProcess[str]]
#: Seconds: a command that hangs (a modal dialog, a pipe, a recursive view) fails instead of blocking.
TIMEOUT = 60


def command() -> list[str]:
    script = Path(sys.executable).with_name("offsite")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "offsite.cli"]


#: Root without the power to override file permissions, as an ordinary user meets them.
AS_A_USER = ("setpriv", "--bounding-set=-dac_override,-dac_read_search", "--")


def runner(folder: Path, *, as_a_user: bool = False) -> Run:
    """Run ``offsite ARGS...`` in ``folder`` with a sandboxed home and no display; returns the finished process.

    ``as_a_user``: when the tests run as root (CI does), the command still meets file
    permissions as a leader's own account would (a read-only folder refuses it).
    """
    prefix = list(AS_A_USER) if as_a_user and os.geteuid() == 0 else []
    env = dict(os.environ)
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    env["QT_QPA_PLATFORM"] = "offscreen"
    for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        home = folder / "home" / variable.lower()
        home.mkdir(parents=True, exist_ok=True)
        env[variable] = str(home)

    def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*prefix, *command(), *map(str, args)],
            cwd=folder,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=TIMEOUT,
            check=False,
        )

    return run


def digest(path: Path) -> str:
    """A file's SHA-256: equal before and after, the command left it byte for byte as it was."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def ok(result: subprocess.CompletedProcess[str]) -> str:
    """The command succeeded without a traceback; returns what it printed."""
    assert result.returncode == 0, result
    assert "Traceback" not in result.stdout + result.stderr, result
    return result.stdout


def refused(result: subprocess.CompletedProcess[str], code: int = 1) -> str:
    """The command failed with ``code`` and plain sentences on stderr (no traceback); returns them."""
    assert result.returncode == code, result
    assert "Traceback" not in result.stdout + result.stderr, result
    assert result.stderr.strip(), result
    return result.stderr
