"""A new plan gets this version's schema in one step, and it is exactly the schema of a plan
brought up to date from the first plan format by every migration."""

from __future__ import annotations

import logging
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from offsite.services.plans import check_plan, create_plan
from offsite.store import create_plan_file, open_plan_file
from offsite.store.fileformat import SCHEMA_VERSION, read_header
from offsite.store.schema import read_schema

FIRST_FORMAT = Path(__file__).parent / "schemas" / "plan-v1.offsite"


def _structure(path: Path) -> tuple[object, ...]:
    """What makes a file the plan format it is: its whole sqlite_schema (white space aside, but every
    quoted text as written: a trigger's message), its Alembic revision and its header marks."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        sql = [s for (s,) in connection.execute("SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL")]
        return (
            read_schema(connection),
            sorted(text for statement in sql for text in re.findall(r"'(?:[^']|'')*'", statement)),
            connection.execute("SELECT version_num FROM alembic_version").fetchall(),
            connection.execute("PRAGMA user_version").fetchone(),
            connection.execute("PRAGMA application_id").fetchone(),
        )
    finally:
        connection.close()


def test_a_new_plan_has_exactly_the_schema_of_a_plan_migrated_from_the_first_format(tmp_path: Path) -> None:
    migrated = tmp_path / "migrated.offsite"
    shutil.copyfile(FIRST_FORMAT, migrated)
    assert read_header(migrated).schema_version == 1
    open_plan_file(migrated).close()  # every migration, from the first format to this one

    empty = tmp_path / "empty.offsite"
    create_plan_file(empty).close()
    filled = tmp_path / "filled.offsite"
    create_plan(filled, "Offsite 2027").close()

    assert _structure(empty) == _structure(migrated)
    assert _structure(filled) == _structure(migrated)
    assert _structure(migrated)[2:] == ([(f"{SCHEMA_VERSION:04d}",)], (SCHEMA_VERSION,), (0x4F465354,))
    assert check_plan(filled).sound
    with open_plan_file(filled) as reopened:  # and a later version's migrations take it from here
        assert reopened.name == "filled.offsite"


def test_creating_a_plan_runs_no_migration(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="alembic"):
        create_plan(tmp_path / "new.offsite", "Offsite 2027").close()
    assert [r.getMessage() for r in caplog.records if r.name.startswith("alembic")] == []


def test_a_filled_plan_is_left_marked_for_write_ahead_logging_with_nothing_beside_it(tmp_path: Path) -> None:
    path = tmp_path / "new.offsite"
    create_plan(path, "Offsite 2027").close()
    assert path.read_bytes()[18:20] == b"\x02\x02"  # the header's WAL marks, as every plan in use has
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.offsite"]
