"""Safe copies of a live plan file (Save As, snapshots) through SQLite's backup API."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

from offsite.domain.errors import DiskFullError, ExportError
from offsite.store.planfile import PlanFile


def save_copy(plan: PlanFile, destination: Path | str) -> Path:
    """Write a consistent copy of ``plan`` to ``destination``, whole or not at all.

    The copy goes to a temporary file in the destination folder and is renamed into place only
    once complete and on disk. Raises DiskFullError or ExportError; the destination is untouched then.
    """
    destination = Path(destination)
    folder = destination.parent
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{destination.name}.", suffix=".part", dir=folder)
    except OSError as error:
        raise ExportError(f"“{destination.name}” could not be written: {error.strerror}.") from error
    os.close(fd)
    temp = Path(temp_name)
    try:
        raw = plan.engine.raw_connection()
        try:
            source = raw.driver_connection
            assert isinstance(source, sqlite3.Connection)
            target = sqlite3.connect(temp)
            try:
                source.backup(target)
                # The copy is a standalone file: no WAL beside it, so it can be mailed as is.
                target.execute("PRAGMA journal_mode = DELETE")
            finally:
                target.close()
        finally:
            raw.close()
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, destination)
    except sqlite3.Error as error:
        temp.unlink(missing_ok=True)
        if "full" in str(error).lower():
            raise DiskFullError(f"The disk is full: “{destination.name}” was not written.") from error
        raise ExportError(f"“{destination.name}” could not be written: {error}.") from error
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise ExportError(f"“{destination.name}” could not be written: {error.strerror}.") from error
    return destination
