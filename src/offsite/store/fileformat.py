"""What makes a file an Offsite plan, checked from its header before SQLite opens it.

Reading the 100-byte SQLite header directly means a file that is not ours is refused
without being opened, so not a byte of it (nor a journal beside it) is ever written.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

from offsite.domain.errors import NotAPlanError, PlanTooNewError
from offsite.domain.language import translate
from offsite.store.files import input_file

#: ``PRAGMA application_id`` of every plan: "OFST" in ASCII.
APPLICATION_ID = 0x4F465354
#: The schema this build writes; each Alembic revision sets it with ``PRAGMA user_version``.
SCHEMA_VERSION = 9
#: The Alembic revision of that schema: revisions are named by the format they write ("0007").
ALEMBIC_HEAD = f"{SCHEMA_VERSION:04d}"
SUFFIX = ".offsite"

_MAGIC = b"SQLite format 3\x00"
_HEADER_SIZE = 100
_WAL_HEADER_SIZE = 32


@dataclass(frozen=True, slots=True)
class Header:
    application_id: int
    schema_version: int
    page_size: int
    page_count: int


def read_header(path: Path) -> Header:
    """Read and check the file's SQLite header.

    Raises NotAPlanError (missing, empty, not SQLite, another application's database,
    truncated) or PlanTooNewError (written by a newer Offsite).
    """
    name = path.name
    size = input_file(path, NotAPlanError).st_size  # a pipe, a device or a link loop: refused, never opened
    try:
        with open(path, "rb") as handle:
            raw = handle.read(_HEADER_SIZE)
    except OSError as error:
        raise NotAPlanError(
            translate("Files", "“{name}” cannot be read ({reason}).").format(
                name=name, reason=error.strerror or error
            )
        ) from None
    if size == 0:
        raise NotAPlanError(
            translate("Files", "“{name}” is empty: it is not an Offsite plan.").format(name=name)
        )
    if len(raw) < _HEADER_SIZE or not raw.startswith(_MAGIC):
        raise NotAPlanError(
            translate("Files", "“{name}” is not an Offsite plan (it is not a plan database at all).").format(
                name=name
            )
        )
    page_size = struct.unpack(">H", raw[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    page_count, schema_version, application_id = (
        struct.unpack(">I", raw[28:32])[0],
        struct.unpack(">I", raw[60:64])[0],
        struct.unpack(">I", raw[68:72])[0],
    )
    if application_id != APPLICATION_ID:
        raise NotAPlanError(
            translate(
                "Files",
                "“{name}” is a database of another program, not an Offsite plan; Offsite left it untouched.",
            ).format(name=name)
        )
    if schema_version > SCHEMA_VERSION:
        raise PlanTooNewError(
            translate(
                "Files",
                "“{name}” was written by a newer version of Offsite (plan format {format}; this version reads up to {newest}). Update Offsite to open it.",
            ).format(name=name, format=schema_version, newest=SCHEMA_VERSION)
        )
    # The in-header page count is only trustworthy when "version-valid-for" matches the change counter.
    count_valid = raw[92:96] == raw[24:28]
    # A checkpoint that ran out of disk can leave page 1 (with the new count) written but the file
    # not yet grown; the pages are then still in the -wal file beside it, and the plan is whole.
    wal = path.with_name(name + "-wal")
    wal_has_frames = wal.is_file() and wal.stat().st_size > _WAL_HEADER_SIZE
    # A writer killed mid-transaction leaves its journal: the header may be the unfinished one until
    # SQLite rolls the file back, so it is judged after that, by SQLite itself.
    journal = path.with_name(name + "-journal")
    hot_journal = journal.is_file() and journal.stat().st_size > 0
    if (
        count_valid
        and page_count
        and size < page_count * page_size
        and not wal_has_frames
        and not hot_journal
    ):
        raise NotAPlanError(
            translate(
                "Files",
                "“{name}” is damaged: it is shorter than its own header says (truncated while copying?). Open an earlier copy or a snapshot instead.",
            ).format(name=name)
        )
    return Header(application_id, schema_version, page_size, page_count)
