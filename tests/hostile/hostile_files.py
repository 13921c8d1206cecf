"""What every hostile-file test shares: running the real ``offsite`` command and fingerprinting a folder."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

Run = Callable[..., subprocess.CompletedProcess[str]]
TIMEOUT = 60  # seconds: a command that hangs (a pipe, a recursive view) fails instead of blocking


def command() -> list[str]:
    script = Path(sys.executable).with_name("offsite")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "offsite.cli"]


def folder_state(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` (but the sandboxed home) with the hash of its bytes."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "home" not in p.relative_to(folder).parts
    }
