"""Files that are not plans (or are too new) are refused with a sentence, and left exactly as they were."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from offsite.domain.errors import NotAPlanError, OffsiteError, PlanTooNewError
from offsite.services.plans import check_plan, create_plan
from offsite.services.prepare import add_team
from offsite.store import open_plan_file
from offsite.store.fileformat import SCHEMA_VERSION


def _real_plan(folder: Path) -> bytes:
    """The bytes of a small, closed, self-contained plan."""
    source = folder / "source" / "real.offsite"
    source.parent.mkdir()
    with create_plan(source) as plan:
        for name in ("Sales", "Marketing", "Customer Success", "RevOps"):
            add_team(plan, name * 200)
    data = source.read_bytes()
    source.unlink()
    source.parent.rmdir()
    return data


def text_file(folder: Path) -> Path:
    path = folder / "x.offsite"
    path.write_text("Agenda: objectives, methods, metrics.\n")
    return path


def empty_file(folder: Path) -> Path:
    path = folder / "empty.offsite"
    path.touch()
    return path


def truncated_plan(folder: Path) -> Path:
    data = _real_plan(folder)
    path = folder / "half.offsite"
    path.write_bytes(data[: len(data) // 2])
    return path


def damaged_plan(folder: Path) -> Path:
    """A plan of the right size whose inner pages were overwritten (a bad sector, a bad sync)."""
    data = bytearray(_real_plan(folder))
    page = 4096
    assert len(data) >= 4 * page
    data[page : 3 * page] = b"\xab" * (2 * page)
    path = folder / "scrambled.offsite"
    path.write_bytes(bytes(data))
    return path


def other_application_database(folder: Path) -> Path:
    path = folder / "contacts.offsite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE contact (id INTEGER PRIMARY KEY, name TEXT)")
    connection.execute("INSERT INTO contact (name) VALUES ('Ada')")
    connection.commit()
    connection.close()
    return path


def newer_plan(folder: Path) -> Path:
    path = folder / "from the future.offsite"
    create_plan(path).close()
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA user_version = 999")
    connection.close()
    return path


def directory(folder: Path) -> Path:
    path = folder / "folder.offsite"
    path.mkdir()
    return path


def missing(folder: Path) -> Path:
    return folder / "nowhere.offsite"


REFUSED: list[tuple[Callable[[Path], Path], type[OffsiteError], str]] = [
    (text_file, NotAPlanError, "is not an Offsite plan"),
    (empty_file, NotAPlanError, "is empty"),
    (truncated_plan, NotAPlanError, "is damaged"),
    (damaged_plan, NotAPlanError, "is damaged"),
    (other_application_database, NotAPlanError, "database of another program"),
    (newer_plan, PlanTooNewError, "Update Offsite"),
    (directory, NotAPlanError, "is a folder"),
    (missing, NotAPlanError, "does not exist"),
]

OPENERS: dict[str, Callable[[Path], object]] = {
    "open": open_plan_file,
    "open read-only": lambda path: open_plan_file(path, readonly=True),
    "check": check_plan,
}


def _snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every entry in the folder, with the bytes of each file (None for a folder)."""
    return {p.name: (p.read_bytes() if p.is_file() else None) for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("opener", OPENERS.values(), ids=OPENERS.keys())
@pytest.mark.parametrize(("make", "error", "phrase"), REFUSED, ids=[r[0].__name__ for r in REFUSED])
def test_file_that_is_no_openable_plan_is_refused_untouched(
    tmp_path: Path,
    make: Callable[[Path], Path],
    error: type[OffsiteError],
    phrase: str,
    opener: Callable[[Path], object],
) -> None:
    path = make(tmp_path)
    before = _snapshot(tmp_path)

    with pytest.raises(error) as refused:
        opener(path)

    message = str(refused.value)
    assert f"“{path.name}”" in message
    assert phrase in message
    assert message.rstrip().endswith("."), "the message is a sentence"
    # Byte for byte the same, and no -wal, -shm or -journal appeared beside it.
    assert _snapshot(tmp_path) == before


def test_newer_plan_is_refused_untouched_and_says_to_update_offsite(tmp_path: Path) -> None:
    path = newer_plan(tmp_path)
    before = path.read_bytes()
    with pytest.raises(PlanTooNewError) as refused:
        open_plan_file(path)
    assert str(refused.value) == (
        "“from the future.offsite” was written by a newer version of Offsite (plan format 999; "
        f"this version reads up to {SCHEMA_VERSION}). Update Offsite to open it."
    )
    assert path.read_bytes() == before


def test_refusals_are_offsite_errors_not_crashes(tmp_path: Path) -> None:
    for make, _error, _phrase in REFUSED:
        folder = tmp_path / make.__name__
        folder.mkdir()
        with pytest.raises(OffsiteError):
            open_plan_file(make(folder))
