"""Safe copies of a live plan file (Save As, snapshots) through SQLite's backup API."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from offsite.domain.errors import DiskFullError, ExportError
from offsite.domain.language import translate
from offsite.store.files import replacing
from offsite.store.planfile import PlanFile


def save_copy(plan: PlanFile, destination: Path | str) -> Path:
    """Write a consistent copy of ``plan`` to ``destination``, whole or not at all.

    SQLite's backup API copies the live plan, WAL content included, without pausing its
    writers; the copy lands under its name only once complete and on disk. Raises
    DiskFullError or ExportError; the destination is untouched then.
    """
    destination = Path(destination)
    try:
        with replacing(destination) as temp:
            raw = plan.file_engine.raw_connection()
            try:
                source = raw.driver_connection
                assert isinstance(source, sqlite3.Connection)
                target = sqlite3.connect(temp)
                try:
                    source.backup(target)
                    # A standalone file: no WAL beside it, so it can be mailed as it is.
                    target.execute("PRAGMA journal_mode = DELETE")
                finally:
                    target.close()
            finally:
                raw.close()
    except sqlite3.Error as error:
        if "full" in str(error).lower():
            raise DiskFullError(
                translate(
                    "Files",
                    "The disk is full, so “{name}” was not written; free some space and try again.",
                ).format(name=destination.name)
            ) from error
        raise ExportError(
            translate("Files", "“{name}” could not be written: {reason}.").format(
                name=destination.name, reason=error
            )
        ) from error
    return destination
