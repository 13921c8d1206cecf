"""What every hostile-file test shares: running the real ``offsite`` command and fingerprinting a folder."""

from __future__ import annotations

import hashlib
from pathlib import Path

from cli_runner import TIMEOUT, Run, command

__all__ = ["TIMEOUT", "Run", "command", "folder_state"]


def folder_state(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` (but the sandboxed home) with the hash of its bytes."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "home" not in p.relative_to(folder).parts
    }
