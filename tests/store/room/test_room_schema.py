"""A room's plan on PostgreSQL: the plan file's schema and lock, and the change log every laptop follows.

Every test runs against the real server (``pg_server``) in a database of its own (``pg_database``).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator

import psycopg
import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError, IntegrityError

from offsite.store.lock import OPERATIONS, SIGNED_MESSAGE, is_content_table, trigger_name
from offsite.store.models import Base
from offsite.store.room.localserver import LocalServer
from offsite.store.room.schema import (
    CHANNEL,
    RoomChange,
    changes_since,
    create_plan_schema,
    install_change_log,
    is_signed_error,
    last_change,
)
from pg_server import admin_connection

AT = dt.datetime(2027, 1, 14, 10, 30)


@pytest.fixture
def engine(pg_server: LocalServer, pg_database: str) -> Iterator[Engine]:
    """An engine on a new database that holds the plan's schema (migrations at head), as superuser."""
    engine = sa.create_engine(
        f"postgresql+psycopg://offsite@{pg_server.host}:{pg_server.port}/{pg_database}",
        connect_args={"password": pg_server.admin_password},
    )
    with engine.begin() as connection:
        create_plan_schema(connection)
    yield engine
    engine.dispose()


@pytest.fixture
def logged(engine: Engine) -> Engine:
    """The same, with the room's change log installed."""
    with engine.begin() as connection:
        install_change_log(connection)
    return engine


def _insert(connection: Connection, table: str, **values: object) -> int | None:
    """Insert one row through the models' table; the new row's id (None for a table without one)."""
    table_ = Base.metadata.tables[table]
    result = connection.execute(table_.insert().values(**values))
    key = result.inserted_primary_key
    return int(key[0]) if key is not None and "id" in table_.c else None


def _team(connection: Connection, name: str, position: int = 0) -> int:
    team = _insert(connection, "team", uid=f"team-{name}", name=name, position=position)
    assert team is not None
    return team


def _freeze(connection: Connection) -> int:
    version = _insert(
        connection,
        "plan_version",
        uid="version-1",
        number=1,
        frozen_at=AT,
        frozen_by="Maya Okafor",
        content="{}",
        fingerprint="0" * 64,
    )
    assert version is not None
    return version


def _triggers(connection: Connection) -> dict[str, set[str]]:
    """Each table's own triggers, as PostgreSQL lists them."""
    found: dict[str, set[str]] = {}
    for name, table in connection.execute(
        text("SELECT tgname, tgrelid::regclass::text FROM pg_trigger WHERE NOT tgisinternal")
    ):
        found.setdefault(table.strip('"'), set()).add(name)
    return found


# -- the schema ---------------------------------------------------------------------------------


def test_the_room_database_has_every_table_and_column_of_the_plan(engine: Engine) -> None:
    with engine.connect() as connection:
        inspector = sa.inspect(connection)
        tables = set(inspector.get_table_names())
        assert tables == set(Base.metadata.tables) | {"alembic_version"}
        for name, table in Base.metadata.tables.items():
            columns = {column["name"]: column for column in inspector.get_columns(name)}
            assert set(columns) == set(table.c.keys()), name
            for column in table.c:
                assert columns[column.name]["nullable"] == column.nullable, f"{name}.{column.name}"
        # Alembic's own comparison agrees: the migrations build the models, on PostgreSQL as on SQLite.
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == "0009"


def test_every_content_table_has_its_three_lock_triggers_and_no_sign_off_table_does(engine: Engine) -> None:
    with engine.connect() as connection:
        triggers = _triggers(connection)
    for table in Base.metadata.tables:
        expected = (
            {trigger_name(table, operation) for operation in OPERATIONS} if is_content_table(table) else set()
        )
        assert triggers.get(table, set()) == expected, table


def test_a_frozen_plan_refuses_content_writes_and_still_takes_the_sign_off_and_the_room_records(
    engine: Engine,
) -> None:
    with engine.begin() as connection:
        sales = _team(connection, "Sales")
        version = _freeze(connection)

    def refused(statement: sa.Executable) -> DBAPIError:
        with engine.connect() as connection, pytest.raises(DBAPIError) as caught:
            connection.execute(statement)
        return caught.value

    team = Base.metadata.tables["team"]
    for statement in (
        team.insert().values(uid="team-marketing", name="Marketing", position=1),
        team.update().where(team.c.id == sales).values(name="Field sales"),
        team.delete().where(team.c.id == sales),
    ):
        error = refused(statement)
        assert SIGNED_MESSAGE in str(error)
        assert isinstance(error.orig, psycopg.errors.RaiseException)
        assert is_signed_error(error)
        assert is_signed_error(error.orig)

    # The sign-off record and the room's own records still take writes on a signed plan.
    with engine.begin() as connection:
        _insert(
            connection,
            "parking_item",
            uid="parked-1",
            text="Pricing for partners",
            raised_at=AT,
            raised_in="Buy-in",
            position=0,
            resolution="",
        )
        _insert(
            connection,
            "agenda_item",
            uid="agenda-1",
            title="Sign-off",
            minutes=30,
            view="signoff",
            position=0,
        )
        _insert(
            connection,
            "reopening",
            uid="reopening-1",
            version_id=version,
            by="Maya Okafor",
            at=AT,
            reason="Typo",
        )
    # Re-opened, the plan's content is editable again: added, changed and removed.
    with engine.begin() as connection:
        _team(connection, "Marketing", 1)
        _team(connection, "Partners", 2)
        connection.execute(team.update().where(team.c.id == sales).values(name="Field sales"))
        connection.execute(team.delete().where(team.c.name == "Partners"))
        names = connection.execute(sa.select(team.c.name).order_by(team.c.position)).scalars().all()
    assert names == ["Field sales", "Marketing"]


def test_only_the_lock_counts_as_a_signed_plan_error(engine: Engine) -> None:
    with engine.begin() as connection:
        _team(connection, "Sales")
    with engine.connect() as connection, pytest.raises(IntegrityError) as caught:
        _team(connection, "Sales")  # the same uid twice
    assert not is_signed_error(caught.value)
    assert not is_signed_error(ValueError(SIGNED_MESSAGE))


# -- the change log -----------------------------------------------------------------------------


def _seen(changes: list[RoomChange]) -> list[tuple[str, dict[str, object], str]]:
    return [(change.table, change.key, change.op) for change in changes]


def test_the_change_log_keeps_each_write_with_its_key_in_the_order_committed(logged: Engine) -> None:
    dot_vote = Base.metadata.tables["dot_vote"]
    with logged.connect() as connection:
        assert last_change(connection) == 0
    with logged.begin() as connection:
        sales = _team(connection, "Sales")
        maya = _insert(
            connection, "leader", uid="maya", name="Maya Okafor", title="VP", team_id=sales, position=0
        )
    with logged.begin() as connection:
        first, second = (
            _insert(
                connection,
                "candidate",
                uid=f"candidate-{n}",
                team_id=sales,
                text=f"Idea {n}",
                exercise="ask_why",
                origin_label="",
                **{
                    f"smart_{c}_note": ""
                    for c in ("specific", "measurable", "achievable", "realistic", "timely")
                },
                position=n,
            )
            for n in (1, 2)
        )
        _insert(connection, "dot_vote", leader_id=maya, candidate_id=first, dots=2)
    with logged.connect() as connection:
        before_votes = last_change(connection)
    with logged.begin() as connection:
        vote = (dot_vote.c.leader_id == maya) & (dot_vote.c.candidate_id == first)
        connection.execute(dot_vote.update().where(vote).values(dots=3))
        connection.execute(dot_vote.update().where(vote).values(candidate_id=second))  # the dots moved
    with logged.begin() as connection:
        connection.execute(dot_vote.delete())

    with logged.connect() as connection:
        changes = changes_since(connection, 0)
        assert last_change(connection) == changes[-1].seq
        assert [change.seq for change in changes] == sorted(change.seq for change in changes)
        assert _seen(changes) == [
            ("team", {"id": sales}, "I"),
            ("leader", {"id": maya}, "I"),
            ("candidate", {"id": first}, "I"),
            ("candidate", {"id": second}, "I"),
            ("dot_vote", {"leader_id": maya, "candidate_id": first}, "I"),
            ("dot_vote", {"leader_id": maya, "candidate_id": first}, "U"),
            # A write that changes a row's key: the old key is gone, the new one is there.
            ("dot_vote", {"leader_id": maya, "candidate_id": first}, "D"),
            ("dot_vote", {"leader_id": maya, "candidate_id": second}, "I"),
            ("dot_vote", {"leader_id": maya, "candidate_id": second}, "D"),
        ]
        assert _seen(changes_since(connection, before_votes)) == _seen(changes[5:])


def test_a_write_the_lock_refuses_leaves_nothing_in_the_change_log(logged: Engine) -> None:
    with logged.begin() as connection:
        _freeze(connection)
        frozen = last_change(connection)
    with logged.connect() as connection, pytest.raises(DBAPIError):
        _team(connection, "Sales")
    with logged.connect() as connection:
        assert changes_since(connection, frozen) == []


def test_a_role_that_may_not_write_the_change_log_still_logs_its_writes(
    logged: Engine, pg_server: LocalServer, pg_database: str
) -> None:
    role = f"{pg_database}_leader"
    with admin_connection(pg_server, pg_database) as admin:
        admin.execute(
            psycopg.sql.SQL("CREATE ROLE {} LOGIN PASSWORD 'room'").format(psycopg.sql.Identifier(role))
        )
        for grant in (
            "GRANT SELECT, INSERT ON team TO {}",
            "GRANT USAGE ON SEQUENCE team_id_seq TO {}",
            "GRANT SELECT ON plan_version, reopening TO {}",  # what the lock reads
        ):
            admin.execute(psycopg.sql.SQL(grant).format(psycopg.sql.Identifier(role)))
    leader = sa.create_engine(
        f"postgresql+psycopg://{role}@{pg_server.host}:{pg_server.port}/{pg_database}",
        connect_args={"password": "room"},
    )
    try:
        with leader.connect() as connection, pytest.raises(DBAPIError, match="permission denied"):
            connection.execute(text("SELECT * FROM room_change"))
        with leader.begin() as connection:
            sales = _team(connection, "Sales")
        with logged.connect() as connection:
            assert _seen(changes_since(connection, 0)) == [("team", {"id": sales}, "I")]
    finally:
        leader.dispose()
        with admin_connection(pg_server, pg_database) as admin:
            admin.execute(psycopg.sql.SQL("DROP OWNED BY {}").format(psycopg.sql.Identifier(role)))
            admin.execute(psycopg.sql.SQL("DROP ROLE {}").format(psycopg.sql.Identifier(role)))


def test_a_writer_that_commits_later_logs_later_so_a_reader_never_misses_a_change(logged: Engine) -> None:
    """Two laptops write at once; a third reads ``changes_since`` its last seq between their commits.

    The first writer takes its seq, then the second writes and tries to commit while the first is
    still open. Were seqs handed out as rows are written, the second would commit seq 2 while seq 1
    is still invisible, and the reader, having seen 2, would never ask for 1 again.
    """
    first_writer = logged.connect()
    first_writer.begin()
    _team(first_writer, "Sales", 0)  # takes the log's turn, not yet committed

    second_pid: list[int] = []
    second_done = threading.Event()

    def second_writer() -> None:
        try:
            with logged.begin() as connection:
                second_pid.append(connection.execute(text("SELECT pg_backend_pid()")).scalar_one())
                _team(connection, "Marketing", 1)
        finally:
            second_done.set()

    thread = threading.Thread(target=second_writer)
    thread.start()
    reader = logged.connect()
    try:
        # The second writer either waits for the first one's turn to end, or (without turns) commits.
        while not second_done.wait(0.01):
            if (
                second_pid
                and reader.execute(
                    text("SELECT wait_event = 'advisory' FROM pg_stat_activity WHERE pid = :pid"),
                    {"pid": second_pid[0]},
                ).scalar()
            ):
                break
        reader.rollback()
        seen = changes_since(reader, 0)
        reader.rollback()
        first_writer.commit()
        thread.join()
        seen += changes_since(reader, max((change.seq for change in seen), default=0))
    finally:
        first_writer.close()
        reader.close()

    assert [change.table for change in seen] == ["team", "team"], "a change committed later was missed"
    seq_of = {change.key["id"]: change.seq for change in seen}
    with logged.connect() as connection:
        id_of = {row.name: row.id for row in connection.execute(text("SELECT name, id FROM team"))}
    # The first to commit holds the smaller seq.
    assert seq_of[id_of["Sales"]] < seq_of[id_of["Marketing"]]


def test_each_committed_transaction_wakes_a_listener_once_and_a_rolled_back_one_never(
    logged: Engine, pg_server: LocalServer, pg_database: str
) -> None:
    with admin_connection(pg_server, pg_database) as listener:
        listener.execute(psycopg.sql.SQL("LISTEN {}").format(psycopg.sql.Identifier(CHANNEL)))
        with logged.begin() as connection:  # three rows, one transaction
            for n, name in enumerate(("Sales", "Marketing", "Customer success")):
                _team(connection, name, n)
        with logged.connect() as connection:
            _team(connection, "Partners", 3)
            connection.rollback()
        with logged.begin() as connection:
            connection.execute(text("UPDATE team SET position = position + 1"))
        # A last notice of the test's own: every wake-up before it has arrived once it has.
        with admin_connection(pg_server, pg_database) as other:
            other.execute("SELECT pg_notify(%s, 'end of test')", (CHANNEL,))
        payloads = []
        for notice in listener.notifies(timeout=30):
            payloads.append(notice.payload)
            if notice.payload == "end of test":
                break
    assert payloads == ["", "", "end of test"]
