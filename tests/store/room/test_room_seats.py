"""The room's seats on a real PostgreSQL server: each leader writes only their own records,
whatever they connect with, and the facilitator runs the room without speaking for anyone.

Every leader here logs in as a laptop (or ``psql``) would: their own role and password, plain SQL.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import psycopg
import pytest
from sqlalchemy import Connection, Engine, create_engine

from offsite.domain.values import LeaderView
from offsite.store import PlanFile
from offsite.store.room.localserver import LocalServer, server_binaries
from offsite.store.room.schema import create_plan_schema, install_change_log
from offsite.store.room.seats import OWN_RECORDS, Seat, SeatError, create_seats, drop_seats
from offsite.store.room.transfer import copy_to_server
from pg_server import admin_connection

NOW = dt.datetime(2027, 1, 14, 15, 30, 0, 250000)
REFUSED_ROW = "violates row-level security policy"


def make_plan_tables(connection: Connection) -> None:
    """The plan's tables on the server, with their lock triggers, as a hosted room has them."""
    create_plan_schema(connection)


def server_engine(server: LocalServer, database: str) -> Engine:
    return create_engine(server.url(database), connect_args=server.connect_args())


def new_uid() -> str:
    return str(uuid.uuid4())


@dataclass
class Room:
    server: LocalServer
    database: str
    seats: list[Seat]

    def seat_of(self, leader_id: int) -> Seat:
        return next(seat for seat in self.seats if seat.leader_id == leader_id)

    @property
    def facilitator(self) -> Seat:
        return next(seat for seat in self.seats if seat.facilitator)

    def login(self, seat: Seat) -> psycopg.Connection[Any]:
        """A laptop's connection: the seat's own role and password, each statement committed."""
        return psycopg.connect(
            host=self.server.host,
            port=self.server.port,
            user=seat.role,
            password=seat.password,
            dbname=self.database,
            autocommit=True,
        )

    def read(self, query: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """What the server holds, read by its administrator."""
        with admin_connection(self.server, self.database) as admin:
            return admin.execute(query, params).fetchall()


@pytest.fixture
def room(pg_server: LocalServer, pg_database: str, demo_plan: PlanFile) -> Iterator[Room]:
    """The demo plan on the server, seated: its six leaders and a facilitator."""
    engine = server_engine(pg_server, pg_database)
    with engine.begin() as connection:
        make_plan_tables(connection)
        copy_to_server(demo_plan, connection)
        install_change_log(connection)
        seats = create_seats(connection, pg_database)
    try:
        yield Room(pg_server, pg_database, seats)
    finally:
        with engine.begin() as connection:
            drop_seats(connection, pg_database)
        engine.dispose()


def own_records(room: Room) -> dict[str, list[tuple[Any, ...]]]:
    return {table: room.read(f'SELECT * FROM "{table}" ORDER BY 1, 2') for table in OWN_RECORDS}


def test_every_leader_and_the_facilitator_get_a_login_of_their_own(room: Room) -> None:
    leaders = room.read("SELECT id, uid, name FROM leader ORDER BY position, id")
    assert [(s.leader_id, s.leader_uid, s.leader_name) for s in room.seats if not s.facilitator] == leaders
    assert [s.role for s in room.seats] == [
        f"offsite_{room.database}_facilitator",
        *(f"offsite_{room.database}_{n}" for n in range(1, 7)),
    ]
    assert len({seat.password for seat in room.seats}) == 7
    assert all(len(seat.password) >= 32 for seat in room.seats)
    assert room.seats[0].password not in repr(room.seats[0])
    # The server keeps who is who, never the passwords.
    seated = room.read("SELECT role_name, leader_id, leader_uid, leader_name, facilitator FROM room_seat")
    assert sorted(seated) == sorted(
        (s.role, s.leader_id, s.leader_uid, s.leader_name, s.facilitator) for s in room.seats
    )
    # The server was given each password's SCRAM verifier, never the password itself.
    kept = dict(room.read("SELECT rolname, rolpassword FROM pg_authid WHERE rolname LIKE 'offsite\\_%%'"))
    for seat in room.seats:
        assert kept[seat.role].startswith("SCRAM-SHA-256$4096:")
        assert seat.password not in kept[seat.role]
        with room.login(seat) as laptop:
            assert laptop.execute("SELECT count(*) FROM objective").fetchone() == (6,)
            assert laptop.execute("SELECT count(*) FROM stance_record").fetchone() == (13,)


def test_a_leader_records_changes_and_takes_back_their_own_stance_vote_rating_check_in_and_signature(
    room: Room,
) -> None:
    maya = room.seat_of(1)
    with room.login(maya) as laptop:
        stance = laptop.execute(
            "INSERT INTO stance_record (uid, objective_id, leader_id, stance, comment, recorded_at) "
            "VALUES (%s, 2, 1, 'discussing', 'Which pipeline?', %s) RETURNING id",
            (new_uid(), NOW),
        ).fetchone()
        assert stance is not None
        assert (
            laptop.execute(
                "UPDATE stance_record SET stance = 'agreed', comment = 'Fine by me' WHERE id = %s", stance
            ).rowcount
            == 1
        )
        assert room.read("SELECT leader_id, stance, comment FROM stance_record WHERE id = %s", stance) == [
            (1, "agreed", "Fine by me")
        ]
        assert laptop.execute("DELETE FROM stance_record WHERE id = %s", stance).rowcount == 1

        laptop.execute(
            "INSERT INTO definition_stance (uid, definition_id, leader_id, stance, comment, recorded_at) "
            "VALUES (%s, 1, 1, 'agreed', '', %s)",
            (new_uid(), NOW),
        )
        laptop.execute(
            "INSERT INTO agreement_stance (uid, agreement_id, leader_id, stance, comment, recorded_at) "
            "VALUES (%s, 1, 1, 'agreed', '', %s)",
            (new_uid(), NOW),
        )

        laptop.execute("INSERT INTO dot_vote (leader_id, candidate_id, dots) VALUES (1, 9, 1)")
        assert (
            laptop.execute("UPDATE dot_vote SET dots = 2 WHERE leader_id = 1 AND candidate_id = 1").rowcount
            == 1
        )
        assert laptop.execute("DELETE FROM dot_vote WHERE leader_id = 1 AND candidate_id = 4").rowcount == 1

        assert laptop.execute("UPDATE survey_rating SET rating = 5 WHERE leader_id = 1").rowcount == 1

        check_in = laptop.execute(
            "INSERT INTO check_in (uid, metric_id, as_of, value, confidence, note, leader_id, by_name, "
            "source, recorded_at) VALUES (%s, 1, %s, 42.5, 7, 'From the CRM', 1, 'Maya Okafor', '', %s) "
            "RETURNING id",
            (new_uid(), dt.date(2027, 2, 28), NOW),
        ).fetchone()
        assert check_in is not None
        assert laptop.execute("UPDATE check_in SET value = 43.0 WHERE id = %s", check_in).rowcount == 1

        maya_uid = maya.leader_uid
        assert laptop.execute("DELETE FROM signature WHERE leader_uid = %s", (maya_uid,)).rowcount == 1
        laptop.execute(
            "INSERT INTO signature_withdrawal (uid, version_id, signature_uid, leader_uid, leader_name, "
            "initials, signed_at, signed_by, behalf_reason, withdrawn_at) "
            "VALUES (%s, 1, %s, %s, 'Maya Okafor', 'MO', %s, '', '', %s)",
            (new_uid(), new_uid(), maya_uid, NOW, NOW),
        )
        laptop.execute(
            "INSERT INTO signature (uid, version_id, leader_uid, leader_name, initials, signed_at, "
            "signed_by, behalf_reason) VALUES (%s, 1, %s, 'Maya Okafor', 'MO', %s, '', '')",
            (new_uid(), maya_uid, NOW),
        )

    assert room.read("SELECT count(*) FROM stance_record WHERE objective_id = 2 AND leader_id = 1") == [(0,)]
    assert (
        room.read("SELECT count(*) FROM definition_stance WHERE leader_id = 1 AND definition_id = 1")[0][0]
        >= 1
    )
    assert room.read("SELECT candidate_id, dots FROM dot_vote WHERE leader_id = 1 ORDER BY 1") == [
        (1, 2),
        (9, 1),
    ]
    assert room.read("SELECT rating FROM survey_rating WHERE leader_id = 1") == [(5,)]
    assert room.read("SELECT value, leader_id FROM check_in WHERE id = %s", check_in) == [(43.0, 1)]
    assert room.read("SELECT initials, signed_at FROM signature WHERE leader_uid = %s", (maya_uid,)) == [
        ("MO", NOW)
    ]
    assert room.read("SELECT count(*) FROM signature_withdrawal WHERE leader_uid = %s", (maya_uid,)) == [(1,)]


def test_a_leader_cannot_write_another_leaders_stance_vote_rating_check_in_or_signature(room: Room) -> None:
    before = own_records(room)
    tomas_uid = room.seat_of(2).leader_uid
    with room.login(room.seat_of(1)) as laptop:
        # What they may not add is refused with PostgreSQL's error...
        for statement, params in [
            (
                "INSERT INTO stance_record (uid, objective_id, leader_id, stance, comment, recorded_at) "
                "VALUES (%s, 2, 2, 'agreed', 'signed for Tomás', %s)",
                (new_uid(), NOW),
            ),
            ("INSERT INTO dot_vote (leader_id, candidate_id, dots) VALUES (2, 1, 3)", ()),
            (
                "INSERT INTO survey_rating (uid, leader_id, rating, comment, rated_at) VALUES (%s, 6, 1, '', %s)",
                (new_uid(), NOW),
            ),
            (
                "INSERT INTO check_in (uid, metric_id, as_of, value, note, leader_id, by_name, source, "
                "recorded_at) VALUES (%s, 1, '2027-03-01', 1, '', 2, '', '', %s)",
                (new_uid(), NOW),
            ),
            (
                "INSERT INTO signature_withdrawal (uid, version_id, signature_uid, leader_uid, leader_name, "
                "initials, signed_at, signed_by, behalf_reason, withdrawn_at) "
                "VALUES (%s, 1, %s, %s, 'Tomás Herrera', 'TH', %s, '', '', %s)",
                (new_uid(), new_uid(), tomas_uid, NOW, NOW),
            ),
            # ... and so is handing one of their own rows to someone else.
            ("UPDATE stance_record SET leader_id = 2 WHERE id = 1", ()),
            ("UPDATE dot_vote SET leader_id = 6 WHERE leader_id = 1 AND candidate_id = 1", ()),
        ]:
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match=REFUSED_ROW):
                laptop.execute(statement, params)
        # Someone else's rows are not theirs to change or delete: not one row is touched.
        for statement, params in [
            ("UPDATE stance_record SET stance = 'agreed' WHERE id = 2", ()),
            ("DELETE FROM stance_record WHERE leader_id = 2", ()),
            ("UPDATE definition_stance SET stance = 'agreed' WHERE leader_id <> 1", ()),
            ("DELETE FROM agreement_stance WHERE leader_id <> 1", ()),
            ("UPDATE dot_vote SET dots = 3 WHERE leader_id = 2", ()),
            ("DELETE FROM dot_vote WHERE leader_id <> 1", ()),
            ("UPDATE survey_rating SET rating = 1 WHERE leader_id = 2", ()),
            ("DELETE FROM check_in WHERE leader_id = 2", ()),
            ("DELETE FROM signature WHERE leader_uid = %s", (tomas_uid,)),
            ("UPDATE signature SET initials = 'XX' WHERE leader_uid <> %s", (room.seat_of(1).leader_uid,)),
        ]:
            assert laptop.execute(statement, params).rowcount == 0, statement
        # Nothing but their own records: not an objective's text, not the agenda.
        with pytest.raises(
            psycopg.errors.InsufficientPrivilege, match="permission denied for table objective"
        ):
            laptop.execute("UPDATE objective SET statement = 'Go outbound, my way' WHERE id = 1")
        with pytest.raises(
            psycopg.errors.InsufficientPrivilege, match="permission denied for table agenda_item"
        ):
            laptop.execute(
                "INSERT INTO agenda_item (uid, title, minutes, view) VALUES ('x', 'Mine', 5, 'plan')"
            )
        with pytest.raises(
            psycopg.errors.InsufficientPrivilege, match="permission denied for table room_seat"
        ):
            laptop.execute("UPDATE room_seat SET leader_id = 2 WHERE leader_id = 1")
    assert own_records(room) == before
    assert room.read("SELECT statement FROM objective WHERE id = 1") == [("Go outbound",)]


def test_a_leader_using_psql_is_held_to_their_own_records(room: Room) -> None:
    psql = server_binaries() / "psql"
    maya = room.seat_of(1)
    login = f"host={room.server.host} port={room.server.port} user={maya.role} dbname={room.database}"

    def run(statement: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(psql), login, "--no-psqlrc", "-c", statement],
            env={**os.environ, "PGPASSWORD": maya.password},
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )

    tomas_comment = room.read("SELECT comment FROM stance_record WHERE id = 2")
    mine = run("UPDATE stance_record SET comment = 'Typed in psql' WHERE id = 1")
    assert (mine.returncode, mine.stdout.strip()) == (0, "UPDATE 1")
    theirs = run("UPDATE stance_record SET comment = 'Typed in psql' WHERE id = 2")
    assert (theirs.returncode, theirs.stdout.strip()) == (0, "UPDATE 0")
    objective = run("UPDATE objective SET statement = 'Mine now' WHERE id = 1")
    assert objective.returncode != 0
    assert "permission denied for table objective" in objective.stderr
    # Not even by switching security off for the session.
    around = run("SET row_security = off; UPDATE stance_record SET comment = 'x' WHERE id = 2")
    assert around.returncode != 0
    assert "row-level security" in around.stderr
    assert room.read("SELECT comment FROM stance_record WHERE id = 1") == [("Typed in psql",)]
    assert room.read("SELECT comment FROM stance_record WHERE id = 2") == tomas_comment


def test_the_facilitator_runs_the_room_but_never_writes_a_leaders_word(room: Room) -> None:
    before = {table: rows for table, rows in own_records(room).items() if table != "check_in"}
    with room.login(room.facilitator) as laptop:
        assert (
            laptop.execute(
                "UPDATE objective SET statement = 'Go outbound in two regions' WHERE id = 1"
            ).rowcount
            == 1
        )
        added = laptop.execute(
            "INSERT INTO agenda_item (uid, title, minutes, view, position) "
            "VALUES (%s, 'Wrap-up', 15, 'signoff', 8) RETURNING id",
            (new_uid(),),
        ).fetchone()
        assert added == (9,)  # the copied plan's ids continue
        assert laptop.execute("UPDATE agenda_item SET minutes = 45 WHERE id = 1").rowcount == 1
        # Actuals for anyone: the review reads them off the team's reports.
        laptop.execute(
            "INSERT INTO check_in (uid, metric_id, as_of, value, note, leader_id, by_name, source, "
            "recorded_at) VALUES (%s, 1, '2027-03-31', 12, '', 3, 'Priya Raman', '', %s)",
            (new_uid(), NOW),
        )
        assert laptop.execute("UPDATE check_in SET note = 'Checked' WHERE leader_id = 2").rowcount > 0
        # Removing a candidate removes the dots on it, though the dots are not the facilitator's.
        assert laptop.execute("DELETE FROM candidate WHERE id = 9").rowcount == 1

        for statement in [
            "UPDATE stance_record SET stance = 'agreed' WHERE id = 2",
            "INSERT INTO stance_record (uid, objective_id, leader_id, stance, comment, recorded_at) "
            "VALUES ('x', 1, 2, 'agreed', '', now())",
            "DELETE FROM definition_stance",
            "UPDATE agreement_stance SET stance = 'agreed'",
            "UPDATE dot_vote SET dots = 3",
            "UPDATE survey_rating SET rating = 5",
            "DELETE FROM signature",
            "INSERT INTO signature_withdrawal (uid, version_id, signature_uid, leader_uid, leader_name, "
            "initials, signed_at, withdrawn_at) VALUES ('x', 1, 'y', 'z', 'Tomás', 'TH', now(), now())",
            "UPDATE room_seat SET facilitator = true",
        ]:
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied for table"):
                laptop.execute(statement)
        # Running the room is not hosting it: no new logins, nothing new in the database.
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied to create role"):
            laptop.execute("CREATE ROLE offsite_extra_seat LOGIN PASSWORD 'x'")
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied for schema public"):
            laptop.execute("CREATE TABLE notes (said text)")
    assert room.read("SELECT statement FROM objective WHERE id = 1") == [("Go outbound in two regions",)]
    assert room.read("SELECT minutes FROM agenda_item WHERE id = 1") == [(45,)]
    assert room.read("SELECT count(*) FROM check_in WHERE leader_id = 3 AND as_of = '2027-03-31'") == [(1,)]
    after = {table: rows for table, rows in own_records(room).items() if table != "check_in"}
    votes_on_9 = [row for row in before["dot_vote"] if row[1] == 9]
    assert votes_on_9
    assert after["dot_vote"] == [row for row in before["dot_vote"] if row[1] != 9]
    assert {table: rows for table, rows in after.items() if table != "dot_vote"} == {
        table: rows for table, rows in before.items() if table != "dot_vote"
    }


def test_closing_the_room_ends_its_sessions_and_drops_its_logins_and_no_other_rooms(
    pg_server: LocalServer, pg_database: str, room: Room
) -> None:
    # A second room on the same server whose name starts as this one's does.
    other_database, other_room = f"{pg_database}_other", f"{pg_database}_1"
    with admin_connection(pg_server) as admin:
        admin.execute(f'CREATE DATABASE "{other_database}"')
    other_engine = server_engine(pg_server, other_database)
    try:
        with other_engine.begin() as connection:
            make_plan_tables(connection)
            other_seats = create_seats(
                connection, other_room, [LeaderView(1, "Maya Okafor", "", None, new_uid())]
            )
        maya = room.seat_of(1)
        still_in = room.login(maya)
        engine = server_engine(pg_server, pg_database)
        with engine.begin() as connection:
            dropped = drop_seats(connection, room.database)
        engine.dispose()

        assert sorted(dropped) == sorted(seat.role for seat in room.seats)
        roles = {name for (name,) in room.read("SELECT rolname FROM pg_roles")}
        assert not roles & set(dropped)
        assert {seat.role for seat in other_seats} <= roles
        with pytest.raises(psycopg.OperationalError):
            still_in.execute("SELECT count(*) FROM objective")
        still_in.close()
        with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
            room.login(maya).close()
        assert room.read("SELECT count(*) FROM pg_tables WHERE tablename = 'room_seat'") == [(0,)]
        assert room.read("SELECT relrowsecurity FROM pg_class WHERE relname = 'stance_record'") == [(False,)]
        with other_engine.begin() as connection:
            assert drop_seats(connection, other_room) == sorted(seat.role for seat in other_seats)
    finally:
        other_engine.dispose()
        with admin_connection(pg_server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{other_database}" WITH (FORCE)')


@pytest.mark.parametrize(
    ("name", "said"),
    [
        (
            "Q3 offsite!",
            "“Q3 offsite!” cannot name a room: use only letters a–z, digits and _ (e.g. “q3_offsite”)",
        ),
        ("x" * 41, "at most 40 of them"),
        ("Été_2027", "(e.g. “ete_2027”)"),
        ("", "A room needs a name"),
    ],
)
def test_a_room_name_that_cannot_make_a_login_is_refused_with_a_sentence(
    pg_server: LocalServer, pg_database: str, name: str, said: str
) -> None:
    engine = server_engine(pg_server, pg_database)
    with admin_connection(pg_server) as admin:
        roles_before = admin.execute("SELECT count(*) FROM pg_roles").fetchone()
    try:
        with engine.begin() as connection:
            with pytest.raises(SeatError) as refused:
                create_seats(connection, name, [])
            assert said in str(refused.value)
            with pytest.raises(SeatError):
                drop_seats(connection, name)
    finally:
        engine.dispose()
    with admin_connection(pg_server, pg_database) as admin:
        assert admin.execute("SELECT count(*) FROM pg_roles").fetchone() == roles_before
        assert admin.execute("SELECT count(*) FROM pg_tables WHERE tablename = 'room_seat'").fetchone() == (
            0,
        )


def test_a_room_already_seated_on_the_server_is_not_seated_again(room: Room) -> None:
    engine = server_engine(room.server, room.database)
    try:
        with engine.begin() as connection, pytest.raises(SeatError, match="already seated on this server"):
            create_seats(connection, room.database.upper())
    finally:
        engine.dispose()
    # The first seating stands: the leaders' passwords still work.
    with room.login(room.seat_of(2)) as laptop:
        assert laptop.execute("SELECT count(*) FROM leader").fetchone() == (6,)


def test_a_database_without_the_plan_is_not_seated(pg_server: LocalServer, pg_database: str) -> None:
    engine = server_engine(pg_server, pg_database)
    try:
        with engine.begin() as connection, pytest.raises(SeatError, match="holds no plan yet"):
            create_seats(connection, pg_database, [])
    finally:
        engine.dispose()
