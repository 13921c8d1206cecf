"""A full disk: the change that did not fit is refused with a sentence, everything before it is safe."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import event

from offsite.domain.errors import DiskFullError
from offsite.services.objectives import add_objective
from offsite.services.plans import check_plan, create_plan, read_plan
from offsite.store import PlanFile, open_plan_file

#: A method long enough that a few hundred KiB fill up within a few dozen objectives.
METHOD = "Call the top accounts every week and log each call in the CRM. " * 60


def _fill_until_full(plan: PlanFile, limit: int = 500) -> tuple[list[str], DiskFullError]:
    """Add objectives until the disk is full; returns those saved and the refusal."""
    saved: list[str] = []
    for number in range(limit):
        statement = f"Objective {number:03d}"
        try:
            add_objective(plan, statement, method=METHOD)
        except DiskFullError as error:
            return saved, error
        saved.append(statement)
    raise AssertionError(f"{limit} objectives fitted: the disk never filled up")


def _assert_full_message(error: DiskFullError, name: str) -> None:
    message = str(error)
    assert f"The disk holding “{name}” is full" in message
    assert "the last change was not saved" in message


def _integrity(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        connection.close()


def test_full_disk_refuses_the_edit_and_keeps_everything_before(small_disk: Path) -> None:
    ballast = small_disk / "holiday photos.jpg"
    ballast.write_bytes(b"\xff" * 48 * 1024)
    path = small_disk / "offsite.offsite"
    plan = create_plan(path, "Offsite on a small stick")
    try:
        saved, error = _fill_until_full(plan)
        _assert_full_message(error, path.name)
        assert saved, "nothing fitted at all: the disk is too small for this test"
        # Still usable, and what the screen showed before is what the file holds.
        assert [o.statement for o in read_plan(plan).objectives] == saved
    finally:
        plan.close()  # its checkpoint fails too: the committed edits stay in the -wal file

    with open_plan_file(path) as reopened:
        view = read_plan(reopened)
        assert view.details.title == "Offsite on a small stick"
        assert [o.statement for o in view.objectives] == saved
        assert all(o.method == METHOD for o in view.objectives)
        # "Free some space and try again": it works.
        ballast.unlink()
        add_objective(reopened, "After the clean-up")
    assert _integrity(path) == "ok"
    with open_plan_file(path) as reopened:
        assert [o.statement for o in read_plan(reopened).objectives] == [*saved, "After the clean-up"]


def test_plan_size_limit_refuses_the_edit_and_keeps_everything_before(tmp_path: Path) -> None:
    """SQLite's own full condition (max_page_count), which needs no mount: the same DiskFullError path."""
    path = tmp_path / "capped.offsite"
    create_plan(path, "Capped offsite").close()
    plan = open_plan_file(path)
    with plan.read() as session:
        pages = session.connection().exec_driver_sql("PRAGMA page_count").scalar()
    plan.engine.dispose()  # connections made from here on carry the cap

    @event.listens_for(plan.engine, "connect")
    def _cap(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {int(pages) + 12}")

    try:
        saved, error = _fill_until_full(plan)
        _assert_full_message(error, path.name)
        assert saved
        assert [o.statement for o in read_plan(plan).objectives] == saved
    finally:
        plan.close()

    with open_plan_file(path) as reopened:
        assert [o.statement for o in read_plan(reopened).objectives] == saved
        # Without the cap, the plan takes edits again.
        add_objective(reopened, "After the cap")
    assert check_plan(path).sound
    assert _integrity(path) == "ok"
