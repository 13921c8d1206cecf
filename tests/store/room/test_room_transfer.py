"""A plan to the room's PostgreSQL server and back into a plan file: every row, every value, the lock.

Rows are compared as SQLite holds them (each value and its storage type), so "the same plan" means
byte-for-byte the same values, not merely equal after parsing.
"""

from __future__ import annotations

import datetime as dt
import math
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, Engine, create_engine, text

from offsite.domain.errors import OffsiteError, PlanSignedError
from offsite.services.prepare import update_plan_details
from offsite.services.signoff import content_fingerprint, freeze, sign
from offsite.store import PlanFile, open_plan_file
from offsite.store.fileformat import SCHEMA_VERSION, read_header
from offsite.store.models import (
    AgendaDay,
    Candidate,
    CheckIn,
    CompanyGoal,
    Draft,
    Leader,
    Metric,
    Objective,
    ParkingItem,
    Plan,
    StanceRecord,
    Team,
    WhyNode,
)
from offsite.store.room.localserver import LocalServer
from offsite.store.room.schema import create_plan_schema
from offsite.store.room.transfer import (
    TransferError,
    copy_from_server,
    copy_order,
    copy_to_server,
    table_rows,
)

ODD = "Zoë 👩🏽‍💻 O’Brien — “quotes” 'single' \"double\" \\ %s %(x)s {0} ; -- \t\n\u2028 עברית ‮ e\u0301 \U0001f1f3\U0001f1f4"
LONG = ("Ten thousand characters, every one kept. " + ODD + " ") * 10_000


def make_plan_tables(connection: Connection) -> None:
    """The plan's tables on the server, with their lock triggers, as a hosted room has them."""
    create_plan_schema(connection)


@pytest.fixture
def server(pg_server: LocalServer, pg_database: str) -> Iterator[Engine]:
    """The room's database, its plan tables made and empty."""
    engine = create_engine(pg_server.url(pg_database), connect_args=pg_server.connect_args())
    with engine.begin() as connection:
        make_plan_tables(connection)
    yield engine
    engine.dispose()


def stored(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every plan table as SQLite stores it: each value beside its storage type."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = {}
        for table in copy_order():
            columns = ", ".join(f'"{c.name}", typeof("{c.name}")' for c in table.columns)
            keys = ", ".join(f'"{c.name}"' for c in table.primary_key.columns)
            rows[table.name] = connection.execute(
                f'SELECT {columns} FROM "{table.name}" ORDER BY {keys}'
            ).fetchall()
        return rows
    finally:
        connection.close()


def there_and_back(engine: Engine, source: PlanFile | Path, back: Path) -> PlanFile:
    """Copy ``source`` to the server, then write the server's plan to ``back``; returns it opened."""
    with engine.begin() as connection:
        copy_to_server(source, connection)
    with engine.connect() as connection:
        copy_from_server(connection, back).close()
    return open_plan_file(back)


def test_the_demo_plan_goes_to_the_server_and_comes_back_row_for_row(
    server: Engine, demo_plan: PlanFile, tmp_path: Path
) -> None:
    with server.begin() as connection:
        copied = copy_to_server(demo_plan, connection)
    original = stored(demo_plan.path)
    assert copied == {table: len(rows) for table, rows in original.items()}
    assert copied["agreement_stance"] == 161
    assert copied["check_in"] == 272
    # The server holds the same rows, typed as the models type them.
    with server.connect() as on_server, demo_plan.read() as session:
        assert table_rows(on_server) == table_rows(session.connection())

    with server.connect() as connection:
        copy_from_server(connection, tmp_path / "back.offsite").close()
    back = open_plan_file(tmp_path / "back.offsite")
    try:
        assert read_header(back.path).schema_version == SCHEMA_VERSION
        assert stored(back.path) == original
        assert content_fingerprint(back) == content_fingerprint(demo_plan)
        assert back.locked_version() is None  # the demo's version 1 was re-opened, and stays so
    finally:
        back.close()


def test_a_signed_plan_copies_both_ways_and_comes_back_signed(
    server: Engine, demo_plan: PlanFile, tmp_path: Path
) -> None:
    version = freeze(demo_plan, frozen_by="Facilitator", override_reason="Signing in the room")
    sign(demo_plan, version.id, 1, "MO")
    fingerprint = content_fingerprint(demo_plan)
    back = there_and_back(server, demo_plan, tmp_path / "back.offsite")
    try:
        assert back.locked_version() == 2
        assert stored(back.path) == stored(demo_plan.path)
        assert content_fingerprint(back) == fingerprint
        with pytest.raises(PlanSignedError, match="is signed \\(version 2\\)"):
            update_plan_details(back, title="Changed after signing")
    finally:
        back.close()


def test_odd_values_cross_exactly_dates_times_floats_booleans_nulls_and_long_text(
    server: Engine, plan: PlanFile, tmp_path: Path
) -> None:
    with plan.write() as session:
        details = session.get(Plan, 1) or session.query(Plan).one()
        details.title, details.vision = ODD, LONG
        details.starts_on, details.ends_on = dt.date(2027, 1, 14), None
        team = Team(name=ODD, position=0)
        session.add(team)
        session.flush()
        leader = Leader(name="Zoë O’Brien", team_id=team.id, initials="ZO")
        goal = CompanyGoal(statement=ODD, baseline=0.1, target=1 / 3, due=dt.date(9999, 12, 31))
        session.add_all([leader, goal])
        session.flush()
        objective = Objective(statement=LONG, period="", method="", owner_id=None)
        session.add(objective)
        session.flush()
        session.add_all(
            [
                Metric(
                    objective_id=objective.id,
                    name=ODD,
                    baseline=1e-300,
                    target=1.7976931348623157e308,
                    customer_centric=True,
                    shared=False,
                    due=None,
                ),
                Candidate(
                    team_id=team.id,
                    text=ODD,
                    exercise="ask_why",
                    smart_specific=None,
                    smart_measurable=True,
                    smart_achievable=False,
                    impact=None,
                ),
                StanceRecord(
                    objective_id=objective.id,
                    leader_id=leader.id,
                    stance="agreed",
                    comment=ODD,
                    recorded_at=dt.datetime(2027, 1, 14, 9, 5, 7, 123456),
                ),
                ParkingItem(text=ODD, raised_at=dt.datetime(1, 1, 1), resolved_at=None),
                AgendaDay(starts_at="08:30", current_item_uid=None, item_started_at=None),
                # An answer with a lower id than the statement it answers (ids are reused after
                # undo): it must still arrive after its parent.
                WhyNode(id=20, team_id=team.id, parent_id=None, text="Why grow?"),
            ]
        )
        session.flush()
        session.add(WhyNode(id=10, team_id=team.id, parent_id=20, text="Because " + ODD))
        session.flush()
        session.add(
            CheckIn(
                metric_id=session.query(Metric).one().id,
                as_of=dt.date(2027, 2, 28),
                value=math.inf,
                confidence=None,
                leader_id=leader.id,
                recorded_at=dt.datetime(2027, 2, 28, 23, 59, 59, 999999),
            )
        )
    original = stored(plan.path)
    plan.close()

    back = there_and_back(server, plan.path, tmp_path / "back.offsite")
    try:
        assert stored(back.path) == original
        with back.read() as session:
            assert session.query(Plan).one().vision == LONG
            assert len(LONG) > 10_000
            assert session.query(Metric).one().target == 1.7976931348623157e308
            assert session.query(CheckIn).one().value == math.inf
            assert session.query(StanceRecord).one().recorded_at == dt.datetime(2027, 1, 14, 9, 5, 7, 123456)
            assert [(n.id, n.parent_id) for n in session.query(WhyNode).order_by(WhyNode.id)] == [
                (10, 20),
                (20, None),
            ]
        reopened = open_plan_file(plan.path)
        try:
            assert content_fingerprint(back) == content_fingerprint(reopened)
        finally:
            reopened.close()
    finally:
        back.close()


def test_the_servers_id_sequences_continue_after_the_copied_ids(server: Engine, demo_plan: PlanFile) -> None:
    with server.begin() as connection:
        copy_to_server(demo_plan, connection)
    original = stored(demo_plan.path)
    with server.begin() as connection:
        for table in copy_order():
            if "id" not in table.columns:
                continue
            highest = max((row[0] for row in original[table.name]), default=0)
            following = connection.execute(
                text("SELECT nextval(pg_get_serial_sequence(:table, 'id'))"), {"table": f'"{table.name}"'}
            ).scalar()
            assert following == highest + 1, table.name
    with server.begin() as connection:
        added = connection.execute(
            text(
                "INSERT INTO parking_item (uid, text, raised_at, raised_in, position, resolution) "
                "VALUES ('p', 'Coffee budget', now(), '', 0, '') RETURNING id"
            )
        ).scalar()
    # parking_item was empty (its sequence starts at 1) and the probe above took 1.
    assert added == 2


def test_a_plan_goes_to_a_server_holding_none_and_only_as_a_plan(
    server: Engine, demo_plan: PlanFile, plan: PlanFile
) -> None:
    with server.begin() as connection:
        copy_to_server(demo_plan, connection)
    with server.begin() as connection, pytest.raises(TransferError, match="holds a plan already"):
        copy_to_server(plan, connection)
    with server.connect() as connection:
        assert connection.execute(text("SELECT title FROM plan")).scalars().all() == [
            stored(demo_plan.path)["plan"][0][4]
        ]

    with plan.write() as session:
        session.add(
            Draft(
                plan_title="Test offsite",
                leader_uid="u",
                leader_name="Maya Okafor",
                made_at=dt.datetime(2027, 1, 10),
            )
        )
    with server.begin() as connection:
        connection.execute(text("TRUNCATE plan, leader, team CASCADE"))
    with server.begin() as connection, pytest.raises(TransferError, match="is Maya Okafor’s draft"):
        copy_to_server(plan, connection)


def test_text_the_server_cannot_store_is_named_and_nothing_is_copied(server: Engine, plan: PlanFile) -> None:
    raw = sqlite3.connect(plan.path)
    try:
        with raw:
            raw.execute("INSERT INTO team (uid, name, position) VALUES ('t', ?, 0)", ("Sales\x00Ops",))
    finally:
        raw.close()
    with server.begin() as connection, pytest.raises(TransferError, match=r"NUL character in “team\.name”"):
        copy_to_server(plan, connection)
    with server.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM plan")).scalar() == 0


def test_a_replica_is_written_beside_nothing_unless_it_is_to_replace_one(
    server: Engine, demo_plan: PlanFile, tmp_path: Path
) -> None:
    with server.begin() as connection:
        copy_to_server(demo_plan, connection)
    replica = tmp_path / "replica.offsite"
    replica.write_text("an older replica")
    with server.connect() as connection, pytest.raises(OffsiteError, match="already exists"):
        copy_from_server(connection, replica)
    assert replica.read_text() == "an older replica"
    with server.connect() as connection:
        copy_from_server(connection, replica, replace=True).close()
    assert stored(replica) == stored(demo_plan.path)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_a_database_without_the_plans_tables_is_refused_before_anything_is_written(
    pg_server: LocalServer, pg_database: str, demo_plan: PlanFile
) -> None:
    engine = create_engine(pg_server.url(pg_database), connect_args=pg_server.connect_args())
    try:
        with engine.begin() as connection, pytest.raises(TransferError, match="has no plan tables yet"):
            copy_to_server(demo_plan, connection)
    finally:
        engine.dispose()
