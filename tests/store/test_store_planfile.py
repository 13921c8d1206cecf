"""The plan file on disk: created at the latest schema, the same pragmas on every connection,
writes that take the lock at once, reads that never wait."""

from __future__ import annotations

import re
import struct
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import Connection, func, select, text

from offsite.domain.errors import OffsiteError, PlanBusyError, PlanReadOnlyError
from offsite.services.objectives import add_objective
from offsite.services.plans import check_plan, create_plan, read_plan
from offsite.services.prepare import add_team
from offsite.store import PlanFile, create_plan_file, open_plan_file
from offsite.store.fileformat import APPLICATION_ID, SCHEMA_VERSION
from offsite.store.models import Objective


def header_ints(path: Path) -> tuple[int, int]:
    """(application_id, user_version) as they are in the main file's header on disk."""
    raw = path.read_bytes()[:100]
    return struct.unpack(">I", raw[68:72])[0], struct.unpack(">I", raw[60:64])[0]


def test_created_plan_reopens_with_its_content(tmp_path: Path) -> None:
    path = tmp_path / "round trip.offsite"
    with create_plan(path, "Offsite 2027") as plan:
        team = add_team(plan, "Sales").id
        add_objective(plan, "Go outbound", [team])
        before = read_plan(plan)
    with open_plan_file(path) as reopened:
        after = read_plan(reopened)
    assert after == before
    assert after.details.title == "Offsite 2027"
    assert [o.statement for o in after.objectives] == ["Go outbound"]


def test_new_file_header_marks_it_a_plan_without_a_checkpoint(tmp_path: Path) -> None:
    path = tmp_path / "fresh.offsite"
    plan = create_plan_file(path)
    try:
        # Read while the plan is still open: nothing has been checkpointed by a close.
        assert header_ints(path) == (APPLICATION_ID, SCHEMA_VERSION)
        assert APPLICATION_ID == 0x4F465354
        assert SCHEMA_VERSION == 9
    finally:
        plan.close()


def test_creating_over_an_existing_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "taken.offsite"
    path.write_text("my notes")
    with pytest.raises(OffsiteError, match=re.escape("“taken.offsite” already exists")):
        create_plan_file(path)
    assert path.read_text() == "my notes"


PRAGMAS = ("foreign_keys", "journal_mode", "synchronous", "busy_timeout")


def _pragmas(connection: Connection) -> dict[str, object]:
    return {name: connection.exec_driver_sql(f"PRAGMA {name}").scalar() for name in PRAGMAS}


EXPECTED_PRAGMAS = {"foreign_keys": 1, "journal_mode": "wal", "synchronous": 2, "busy_timeout": 5000}


def test_every_pooled_connection_gets_the_plan_pragmas(plan: PlanFile) -> None:
    # Raw pool connections, held at once, so the pool has to open three distinct ones.
    connections = [plan.engine.raw_connection() for _ in range(3)]
    try:
        assert len({id(c.driver_connection) for c in connections}) == 3
        for connection in connections:
            cursor = connection.cursor()
            seen = {name: cursor.execute(f"PRAGMA {name}").fetchone()[0] for name in PRAGMAS}
            assert seen == EXPECTED_PRAGMAS
    finally:
        for connection in connections:
            connection.close()


def test_write_and_read_sessions_get_the_plan_pragmas(tmp_path: Path) -> None:
    path = tmp_path / "reopened.offsite"
    create_plan(path).close()
    with open_plan_file(path) as plan:
        with plan.write() as session:
            assert _pragmas(session.connection()) == EXPECTED_PRAGMAS
        with plan.read() as session:
            assert _pragmas(session.connection()) == EXPECTED_PRAGMAS


def test_second_writer_gives_up_with_plan_busy_after_the_timeout(tmp_path: Path) -> None:
    path = tmp_path / "contended.offsite"
    create_plan(path).close()
    with open_plan_file(path) as first, open_plan_file(path, busy_timeout_ms=300) as second:
        with first.write() as session:
            # Only a read inside the write block: BEGIN IMMEDIATE has taken the write lock anyway.
            session.execute(select(func.count()).select_from(Objective))
            started = time.monotonic()
            busy = re.escape("“contended.offsite” is being written by another program")
            with pytest.raises(PlanBusyError, match=busy), second.write() as other:
                other.execute(select(func.count()).select_from(Objective))
            waited = time.monotonic() - started
        assert 0.25 <= waited < 3, f"waited {waited:.2f} s for a 0.3 s busy timeout"
        # The first writer is done: the second may write now.
        add_objective(second, "After the wait")
        assert [o.statement for o in read_plan(first).objectives] == ["After the wait"]


def test_second_writer_waits_for_the_first_to_commit(tmp_path: Path) -> None:
    path = tmp_path / "queue.offsite"
    create_plan(path).close()
    holding, release = threading.Event(), threading.Event()

    def hold_the_lock() -> None:
        with open_plan_file(path) as first, first.write() as session:
            session.add(Objective(statement="First in", period="", method="", position=0))
            session.flush()
            holding.set()
            release.wait(10)

    holder = threading.Thread(target=hold_the_lock)
    holder.start()
    try:
        assert holding.wait(10)
        threading.Timer(0.3, release.set).start()
        with open_plan_file(path) as second:
            started = time.monotonic()
            add_objective(second, "Second in")
            waited = time.monotonic() - started
            statements = [o.statement for o in read_plan(second).objectives]
    finally:
        release.set()
        holder.join(10)
    assert waited >= 0.2, f"the second write did not wait for the first ({waited:.3f} s)"
    assert statements == ["First in", "Second in"]


def test_reads_do_not_wait_for_a_writer_and_see_the_last_commit(tmp_path: Path) -> None:
    path = tmp_path / "reading.offsite"
    with create_plan(path) as plan:
        add_objective(plan, "Committed already")
    with open_plan_file(path) as writer, open_plan_file(path, busy_timeout_ms=100) as reader:
        with writer.write() as session:
            session.add(Objective(statement="Not yet committed", period="", method="", position=9))
            session.flush()
            started = time.monotonic()
            seen = [o.statement for o in read_plan(reader).objectives]
            assert time.monotonic() - started < 0.1
            assert seen == ["Committed already"]
        after = [o.statement for o in read_plan(reader).objectives]
        assert after == ["Committed already", "Not yet committed"]


def test_read_session_does_not_take_the_write_lock(tmp_path: Path) -> None:
    path = tmp_path / "deferred.offsite"
    create_plan(path).close()
    with (
        open_plan_file(path) as reader,
        open_plan_file(path, busy_timeout_ms=100) as writer,
        reader.read() as session,
    ):
        session.execute(text("SELECT count(*) FROM objective"))
        add_objective(writer, "Written during a read")
    with open_plan_file(path) as plan:
        assert [o.statement for o in read_plan(plan).objectives] == ["Written during a read"]


def test_readonly_plan_refuses_edits_with_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "look only.offsite"
    with create_plan(path) as plan:
        add_objective(plan, "Go outbound")
    before = path.read_bytes()
    with open_plan_file(path, readonly=True) as plan:
        assert [o.statement for o in read_plan(plan).objectives] == ["Go outbound"]
        with pytest.raises(PlanReadOnlyError, match=re.escape("“look only.offsite” is open read-only")):
            add_objective(plan, "Sneaky edit")
    assert path.read_bytes() == before


def test_plan_whose_name_has_uri_characters_opens_and_checks(tmp_path: Path) -> None:
    path = tmp_path / "Offsite #2 ?draft% 100.offsite"
    with create_plan(path) as plan:
        add_objective(plan, "Go outbound")
    assert check_plan(path).sound
    with open_plan_file(path) as plan:
        assert [o.statement for o in read_plan(plan).objectives] == ["Go outbound"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]
    with open_plan_file(path, readonly=True) as plan:
        assert [o.statement for o in read_plan(plan).objectives] == ["Go outbound"]


def test_reading_a_closed_plan_read_only_leaves_nothing_beside_it(
    tmp_path: Path, demo_plan_bytes: bytes
) -> None:
    from offsite.services.plans import read_plan

    path = tmp_path / "closed.offsite"
    path.write_bytes(demo_plan_bytes)
    with open_plan_file(path, readonly=True) as plan:
        assert read_plan(plan).details.title == "Sales & Marketing Offsite 2027"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["closed.offsite"]
    assert path.read_bytes() == demo_plan_bytes
