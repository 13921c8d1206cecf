"""Reading a plan someone else may be writing, or left mid-write, without changing a byte of it.

The rule every read-only command follows (export, verify, check, pack, a merge's preview):

* A plan is read through SQLite's own locking, never ``immutable``: a writer committing in
  another process can neither tear what is read nor be blocked by it, and everything a command
  reads comes from one read transaction (``PlanFile.snapshot``), so an export is one state.
* With no ``-wal`` holding pages beside it, the plan is opened read-write but only ever read
  (``query_only``): SQLite then removes the ``-wal``/``-shm`` on the last close (also when another
  reader made them), and the file keeps its bytes: an empty write-ahead log has nothing to copy back.
* With a ``-wal`` holding pages (the plan is open in the app, or a writer stopped), it is opened
  ``mode=ro``: SQLite reads the log as part of the plan but never copies it into the file (the
  log and its index stay for their writer, or for the next open to edit).
* With a hot rollback journal beside it (a writer killed mid-transaction), SQLite would roll the
  file back on opening; a read-only command instead copies the file and its journal to a private
  folder, lets SQLite recover the copy, and reads that. The sender's file and journal stay as they
  were; the next read-write open (the app) recovers the plan itself.
* A file Offsite may not write (permissions, a read-only disk) with no ``-wal`` is read
  ``immutable``: SQLite could create nothing beside it anyway.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

#: SQLITE_READONLY_ROLLBACK: a read-only connection found a hot journal it may not roll back.
_READONLY_ROLLBACK = 776
#: A write-ahead log no longer than its header holds no page: closing it cannot change the plan.
_WAL_HEADER = 32


def sidecar(path: Path, suffix: str) -> Path:
    """SQLite's ``-wal``, ``-shm`` or ``-journal`` file for ``path``."""
    return path.with_name(path.name + suffix)


def _has_journal(path: Path) -> bool:
    journal = sidecar(path, "-journal")
    try:
        return journal.stat().st_size > 0
    except OSError:
        return False


@dataclass(frozen=True, slots=True)
class ReadSource:
    """Where and how to read a plan: the file (the plan itself or a recovered copy) and its SQLite URI."""

    path: Path
    #: The URI parameters SQLite opens ``path`` with (``mode``, and ``immutable`` when nothing can change).
    query: dict[str, str]
    #: True when ``path`` is a private copy (whose folder is removed once read).
    copied: bool
    #: True when the connection may write (only ever to a private copy, or to nothing: query_only).
    writable: bool

    @property
    def uri(self) -> str:
        suffix = "&".join(f"{key}={value}" for key, value in self.query.items())
        return f"file:{quote(self.path.as_posix())}" + (f"?{suffix}" if suffix else "")

    def discard(self) -> None:
        if self.copied:
            shutil.rmtree(self.path.parent, ignore_errors=True)


def read_source(path: Path) -> ReadSource:
    """How to read ``path`` without changing it (see the module docstring)."""
    if _has_journal(path) and _journal_is_hot(path):
        return _recovered_copy(path)
    wal = sidecar(path, "-wal")
    if _size(wal) > _WAL_HEADER:
        return ReadSource(path, {"mode": "ro"}, copied=False, writable=False)
    if os.access(path, os.W_OK) and os.access(path.parent, os.W_OK):
        return ReadSource(path, {"mode": "rw"}, copied=False, writable=True)
    if wal.exists():
        return ReadSource(path, {"mode": "ro"}, copied=False, writable=False)
    return ReadSource(path, {"mode": "ro", "immutable": "1"}, copied=False, writable=False)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _journal_is_hot(path: Path) -> bool:
    """True when SQLite would roll ``path`` back on opening (no live writer holds the journal)."""
    try:
        probe = sqlite3.connect(ReadSource(path, {"mode": "ro"}, False, False).uri, uri=True, timeout=5)
    except sqlite3.Error:
        return False
    try:
        probe.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as error:
        return getattr(error, "sqlite_errorcode", None) == _READONLY_ROLLBACK
    finally:
        probe.close()
    return False


def _recovered_copy(path: Path) -> ReadSource:
    """The plan and its hot journal copied to a private folder, where SQLite may recover them."""
    folder = Path(tempfile.mkdtemp(prefix="offsite-read-"))
    copy = folder / "plan.offsite"
    try:
        # The journal first: it holds the pages the file had before the killed transaction.
        shutil.copyfile(sidecar(path, "-journal"), sidecar(copy, "-journal"))
        shutil.copyfile(path, copy)
        wal = sidecar(path, "-wal")
        if wal.exists():
            shutil.copyfile(wal, sidecar(copy, "-wal"))
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return ReadSource(copy, {"mode": "rw"}, copied=True, writable=True)


class ReadConnection(sqlite3.Connection):
    """A raw connection that only reads, in one transaction; closing it removes a recovered copy."""

    source: ReadSource | None = None

    def close(self) -> None:
        super().close()
        if self.source is not None:
            self.source.discard()


def connect(source: ReadSource) -> ReadConnection:
    """A raw, read-only connection to ``source`` whose reads all come from one snapshot."""
    connection = sqlite3.connect(
        source.uri, uri=True, timeout=5, isolation_level=None, factory=ReadConnection
    )
    connection.source = source
    try:
        connection.execute("PRAGMA trusted_schema = OFF")
        connection.execute("PRAGMA query_only = ON")
        connection.execute("BEGIN")
    except BaseException:
        connection.close()
        raise
    return connection
