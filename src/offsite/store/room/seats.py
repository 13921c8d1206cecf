"""The room's seats: one PostgreSQL login per leader and one for the facilitator, and what each may write.

A leader joins the room from their own laptop with their own role, and the server itself keeps
them to their own records: their stances, dot votes, survey rating, check-ins and signature
(``OWN_RECORDS``). That holds however they connect — through Offsite or with ``psql`` — because
it is PostgreSQL's row-level security and its grants, not a check in the app:

- every seat may read every table (the replica on each laptop is a copy of the whole plan);
- a leader may insert, change and delete only the rows of ``OWN_RECORDS`` that name them
  (a policy compares the row's leader column with their seat in ``room_seat``), and nothing else;
- the facilitator may write every other table of the plan, and check-ins of anyone (the review
  after the offsite reads actuals for the whole team), but never a stance, a dot vote, a rating
  or a signature: those are the leaders' own word.

Referential actions bypass both (PostgreSQL runs them as the tables' owner), so the facilitator
removing an objective still removes the stances on it.

The seats are made by whoever hosts the room (the server's administrator, who may create roles);
the facilitator's role may not create roles, databases or anything in the schema. Each room's
roles are named after the room (``offsite_<room>_<n>``, ``offsite_<room>_facilitator``): roles are
the whole server's, so two rooms on one server must have different names.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import hmac
import re
import secrets
import unicodedata
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from psycopg import sql

from offsite.domain.errors import OffsiteError
from offsite.domain.formatting import format_number
from offsite.domain.language import QT_TRANSLATE_NOOP, translate
from offsite.store.models import Base
from offsite.store.room import OWN_RECORDS

if TYPE_CHECKING:
    from sqlalchemy import Connection

#: Of ``OWN_RECORDS``, the ones the facilitator writes for anyone (actuals read off a report).
FACILITATOR_WRITES_ANYONES = frozenset({"check_in"})

#: The table of seats: which role is which leader (or the facilitator). Never their passwords.
SEAT_TABLE = "room_seat"

#: The longest room name: the longest role name it makes (``offsite_<room>_facilitator``) stays
#: within PostgreSQL's 63 characters.
ROOM_NAME_LIMIT = 40
_ROOM_NAME = re.compile(r"[A-Za-z0-9_]+")
_PREFIX = "offsite_"
_FACILITATOR = "facilitator"

#: The policies made on each table of ``OWN_RECORDS``, one per command: a leader's write of someone
#: else's row must fail whichever command it is, so no command is left to a catch-all policy.
_POLICIES = ("select", "insert", "update", "delete")


class SeatError(OffsiteError):
    """The room's seats could not be made or dropped; the sentence says why."""


class SeatedLeader(Protocol):
    """What a seat needs to know of a leader (``domain.values.LeaderView`` has it)."""

    @property
    def id(self) -> int: ...

    @property
    def uid(self) -> str: ...

    @property
    def name(self) -> str: ...


@dataclasses.dataclass(frozen=True)
class Seat:
    """One login of the room: a leader's (``leader_id`` set) or the facilitator's."""

    role: str
    password: str = dataclasses.field(repr=False)
    leader_id: int | None
    leader_uid: str | None
    leader_name: str
    facilitator: bool


def room_role_prefix(room: str) -> str:
    """``offsite_<room>_``: the start of every role of the room, after checking the room's name."""
    return f"{_PREFIX}{room_name(room)}_"


#: Why a name cannot name a room, by whether it is too long and whether a name can be suggested.
_BAD_NAME = {
    (False, False): QT_TRANSLATE_NOOP(
        "RoomServer",
        "“{room}” cannot name a room: use only letters a–z, digits and _. "
        "The name becomes part of each leader's login on the server.",
    ),
    (False, True): QT_TRANSLATE_NOOP(
        "RoomServer",
        "“{room}” cannot name a room: use only letters a–z, digits and _ (e.g. “{suggestion}”). "
        "The name becomes part of each leader's login on the server.",
    ),
    (True, False): QT_TRANSLATE_NOOP(
        "RoomServer",
        "“{room}” cannot name a room: use only letters a–z, digits and _, at most {limit} of them. "
        "The name becomes part of each leader's login on the server.",
    ),
    (True, True): QT_TRANSLATE_NOOP(
        "RoomServer",
        "“{room}” cannot name a room: use only letters a–z, digits and _, at most {limit} of them "
        "(e.g. “{suggestion}”). The name becomes part of each leader's login on the server.",
    ),
}


def room_name(room: str) -> str:
    """The room's name as its roles carry it (lower case); SeatError with a sentence for a name that cannot be one."""
    if not isinstance(room, str) or not room:
        raise SeatError(
            translate("RoomServer", "A room needs a name: letters, digits and _ (e.g. “q3_offsite”).")
        )
    if len(room) > ROOM_NAME_LIMIT or not _ROOM_NAME.fullmatch(room) or not room.isascii():
        plain = "".join(
            c for c in unicodedata.normalize("NFKD", room.lower()) if not unicodedata.combining(c)
        )
        suggestion = re.sub(r"_+", "_", re.sub(r"[^a-z0-9_]", "_", plain)).strip("_")[:ROOM_NAME_LIMIT]
        raise SeatError(
            translate("RoomServer", _BAD_NAME[len(room) > ROOM_NAME_LIMIT, bool(suggestion)]).format(
                room=room, limit=format_number(ROOM_NAME_LIMIT), suggestion=suggestion
            )
        )
    return room.lower()


def _role_of_room(role: str, room: str) -> bool:
    """Whether ``role`` is one of ``room``'s seats (``room`` already checked).

    ``offsite_q3_1`` is room q3's; ``offsite_q3_1_2`` is room q3_1's, not q3's: after the prefix,
    a seat is a number or ``facilitator``, never more underscores.
    """
    prefix = f"{_PREFIX}{room}_"
    if not role.startswith(prefix):
        return False
    rest = role[len(prefix) :]
    return rest == _FACILITATOR or (rest.isascii() and rest.isdigit())


def plan_tables() -> list[str]:
    """The plan's tables, as the models declare them (parents before children)."""
    return [table.name for table in Base.metadata.sorted_tables if table.name != "alembic_version"]


def _driver(connection: Connection) -> Any:
    return connection.connection.driver_connection


def _run(connection: Connection, statement: sql.Composable) -> None:
    """A statement composed with psycopg's quoting (identifiers, and the password as a literal)."""
    connection.exec_driver_sql(statement.as_string(_driver(connection)))


def _rows(connection: Connection, query: str, **params: Any) -> list[tuple[Any, ...]]:
    """Rows of a query whose values are bound by the server, never formatted into the text."""
    from sqlalchemy import text

    return [tuple(row) for row in connection.execute(text(query), params)]


def _existing_tables(connection: Connection) -> set[str]:
    return {
        str(name)
        for (name,) in _rows(
            connection, "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
        )
    }


def _who(leader: SeatedLeader | tuple[int, str, str]) -> tuple[int, str, str]:
    if isinstance(leader, tuple):
        leader_id, uid, name = leader
        return int(leader_id), str(uid), str(name)
    return leader.id, leader.uid, leader.name


def _read_leaders(connection: Connection) -> list[tuple[int, str, str]]:
    return [
        (int(id_), str(uid), str(name))
        for id_, uid, name in _rows(connection, "SELECT id, uid, name FROM leader ORDER BY position, id")
    ]


def create_seats(
    connection: Connection,
    room: str,
    leaders: Iterable[SeatedLeader | tuple[int, str, str]] | None = None,
    *,
    facilitator_name: str = "Facilitator",
) -> list[Seat]:
    """Make the room's logins in the plan's database on ``connection`` (a superuser's, or a role that
    may create roles); the facilitator's seat first, then one per leader in the order given: each
    a leader value (``id``, ``uid``, ``name``) or an ``(id, uid, name)`` tuple (``leaders`` None:
    every leader of the plan on the server, in the plan's order).

    Call it once the plan's tables (and the change log) are on the server: the grants cover the
    tables there now. Runs in the connection's transaction; the caller commits. The passwords are
    returned once and kept nowhere: hand each leader theirs.
    """
    room = room_name(room)
    existing = _existing_tables(connection)
    tables = plan_tables()
    missing = [name for name in tables if name not in existing]
    if missing:
        raise SeatError(
            translate(
                "RoomServer",
                "The room's database holds no plan yet (no “{table}” table): copy the plan to "
                "the server before seating the room.",
            ).format(table=missing[0])
        )
    people = _read_leaders(connection) if leaders is None else [_who(leader) for leader in leaders]
    seats = [Seat(f"{_PREFIX}{room}_{_FACILITATOR}", _password(), None, None, facilitator_name, True)]
    seats += [
        Seat(f"{_PREFIX}{room}_{n}", _password(), leader_id, uid, name, False)
        for n, (leader_id, uid, name) in enumerate(people, start=1)
    ]
    taken = _rows(
        connection, "SELECT rolname FROM pg_roles WHERE rolname = ANY(:roles)", roles=[s.role for s in seats]
    )
    if taken:
        raise SeatError(
            translate(
                "RoomServer",
                "A room named “{room}” is already seated on this server (its login “{login}” exists): "
                "close that room first, or give this one another name.",
            ).format(room=room, login=taken[0][0])
        )
    allowed = _rows(connection, "SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user")
    if not allowed or not allowed[0][0]:
        raise SeatError(
            translate(
                "RoomServer",
                "This login may not create the leaders' logins on the server: seat the room as the "
                "server's administrator.",
            )
        )

    _create_seat_table(connection)
    for seat in seats:
        _create_role(connection, seat)
    _close_database_to_others(connection, seats)
    _secure_own_records(connection)
    for seat in seats:
        _grant(connection, seat, tables)
    return seats


def _password() -> str:
    return secrets.token_urlsafe(24)


def scram_verifier(password: str, iterations: int = 4096) -> str:
    """What PostgreSQL keeps of a SCRAM-SHA-256 password (RFC 5802, 7677), made here: the server is
    never sent the password itself, so no statement log or error report can show it.

    The password is plain ASCII (``token_urlsafe``), which SASLprep leaves as it is.
    """
    salt = secrets.token_bytes(16)
    salted = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    client_key = hmac.digest(salted, b"Client Key", "sha256")
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.digest(salted, b"Server Key", "sha256")

    def b64(data: bytes) -> str:
        return base64.b64encode(data).decode("ascii")

    return f"SCRAM-SHA-256${iterations}:{b64(salt)}${b64(stored_key)}:{b64(server_key)}"


def _create_seat_table(connection: Connection) -> None:
    _run(
        connection,
        sql.SQL(
            "CREATE TABLE IF NOT EXISTS {table} ("
            " role_name text PRIMARY KEY,"
            " leader_id integer,"
            " leader_uid text,"
            " leader_name text NOT NULL,"
            " facilitator boolean NOT NULL DEFAULT false,"
            " CHECK (facilitator = (leader_id IS NULL AND leader_uid IS NULL)))"
        ).format(table=sql.Identifier(SEAT_TABLE)),
    )


def _create_role(connection: Connection, seat: Seat) -> None:
    # A login and nothing more: no superuser, no new roles or databases, no replication, and no
    # way around row-level security. NOINHERIT: a seat acts with its own grants only.
    _run(
        connection,
        sql.SQL(
            "CREATE ROLE {role} LOGIN PASSWORD {password} NOSUPERUSER NOCREATEDB NOCREATEROLE "
            "NOINHERIT NOREPLICATION NOBYPASSRLS"
        ).format(role=sql.Identifier(seat.role), password=sql.Literal(scram_verifier(seat.password))),
    )
    from sqlalchemy import text

    connection.execute(
        text(
            "INSERT INTO room_seat (role_name, leader_id, leader_uid, leader_name, facilitator) "
            "VALUES (:role, :leader_id, :leader_uid, :leader_name, :facilitator)"
        ),
        {
            "role": seat.role,
            "leader_id": seat.leader_id,
            "leader_uid": seat.leader_uid,
            "leader_name": seat.leader_name,
            "facilitator": seat.facilitator,
        },
    )


def _close_database_to_others(connection: Connection, seats: Sequence[Seat]) -> None:
    """Only the room's seats (and the administrator) may connect to the room's database or create
    anything in it: a login of another room on the same server reaches nothing here."""
    database = sql.Identifier(str(_rows(connection, "SELECT current_database()")[0][0]))
    _run(connection, sql.SQL("REVOKE ALL ON DATABASE {} FROM PUBLIC").format(database))
    _run(connection, sql.SQL("REVOKE CREATE ON SCHEMA public FROM PUBLIC"))
    for seat in seats:
        role = sql.Identifier(seat.role)
        _run(connection, sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(database, role))
        _run(connection, sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(role))


def _own(table: str) -> sql.Composable:
    """The condition of a row of ``table`` that names the current seat's leader."""
    column = OWN_RECORDS[table]
    return sql.SQL(
        "{column} = (SELECT s.{column} FROM {seats} AS s WHERE s.role_name = current_user)"
    ).format(column=sql.Identifier(column), seats=sql.Identifier(SEAT_TABLE))


def _writable(table: str) -> sql.Composable:
    """Whose rows of ``table`` the current seat may write: its leader's, and anyone's for the facilitator where allowed."""
    own = _own(table)
    if table not in FACILITATOR_WRITES_ANYONES:
        return own
    return sql.SQL(
        "({own}) OR EXISTS (SELECT 1 FROM {seats} AS s WHERE s.role_name = current_user AND s.facilitator)"
    ).format(own=own, seats=sql.Identifier(SEAT_TABLE))


def _policy_name(command: str) -> sql.Identifier:
    return sql.Identifier(f"offsite_seat_{command}")


def _secure_own_records(connection: Connection) -> None:
    """Row-level security on the leaders' own records: anyone reads, only the owner (or, for
    check-ins, the facilitator) writes. Made again, so seating a room twice leaves one set."""
    for table in OWN_RECORDS:
        name = sql.Identifier(table)
        writable = _writable(table)
        _drop_policies(connection, table)
        _run(connection, sql.SQL("ALTER TABLE {} ENABLE ROW LEVEL SECURITY").format(name))
        statements = {
            "select": sql.SQL("CREATE POLICY {policy} ON {table} FOR SELECT USING (true)"),
            "insert": sql.SQL("CREATE POLICY {policy} ON {table} FOR INSERT WITH CHECK ({writable})"),
            # USING: which rows it may touch; WITH CHECK: it may not hand a row to someone else.
            "update": sql.SQL(
                "CREATE POLICY {policy} ON {table} FOR UPDATE USING ({writable}) WITH CHECK ({writable})"
            ),
            "delete": sql.SQL("CREATE POLICY {policy} ON {table} FOR DELETE USING ({writable})"),
        }
        for command in _POLICIES:
            _run(
                connection,
                statements[command].format(policy=_policy_name(command), table=name, writable=writable),
            )


def _drop_policies(connection: Connection, table: str) -> None:
    for command in _POLICIES:
        _run(
            connection,
            sql.SQL("DROP POLICY IF EXISTS {} ON {}").format(_policy_name(command), sql.Identifier(table)),
        )


def _sequence_of(connection: Connection, table: str) -> str | None:
    """The sequence that numbers ``table``'s ids (None for a table keyed otherwise, as ``dot_vote``)."""
    if "id" not in Base.metadata.tables[table].columns:
        return None
    quoted = sql.Identifier(table).as_string(_driver(connection))
    found = _rows(connection, "SELECT pg_get_serial_sequence(:table, 'id')", table=quoted)
    return None if not found or found[0][0] is None else str(found[0][0])


def _grant(connection: Connection, seat: Seat, tables: Sequence[str]) -> None:
    role = sql.Identifier(seat.role)
    # Everything is readable: the laptop's replica is the whole plan, and the change log and the
    # seats (who is who) with it.
    _run(connection, sql.SQL("GRANT SELECT ON ALL TABLES IN SCHEMA public TO {}").format(role))
    if seat.facilitator:
        writes = [t for t in tables if t not in OWN_RECORDS or t in FACILITATOR_WRITES_ANYONES]
    else:
        writes = list(OWN_RECORDS)
    for table in writes:
        _run(
            connection,
            sql.SQL("GRANT INSERT, UPDATE, DELETE ON {} TO {}").format(sql.Identifier(table), role),
        )
        sequence = _sequence_of(connection, table)
        if sequence is not None:
            # The sequence's name comes back qualified and quoted as needed ("public.plan_id_seq").
            _run(connection, sql.SQL("GRANT USAGE ON SEQUENCE {} TO {}").format(sql.SQL(sequence), role))


def room_roles(connection: Connection, room: str) -> list[str]:
    """The roles of ``room`` on the server, whichever database made them."""
    room = room_name(room)
    candidates = _rows(
        connection, "SELECT rolname FROM pg_roles WHERE starts_with(rolname, :prefix)", prefix=_PREFIX
    )
    return sorted(str(name) for (name,) in candidates if _role_of_room(str(name), room))


def drop_seats(connection: Connection, room: str) -> list[str]:
    """Close the room's seats: end their sessions, take back their grants here, drop their roles.

    Run in the room's database (the roles' grants are there); returns the roles dropped. The
    last room of the database also takes its policies and seat table with it. Runs in the
    connection's transaction; the caller commits.
    """
    room = room_name(room)
    roles = room_roles(connection, room)
    if not roles:
        return []
    # A seat still connected is ended: closing the room closes it for everyone.
    _rows(
        connection,
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = ANY(:roles) "
        "AND pid <> pg_backend_pid()",
        roles=roles,
    )
    for role in roles:
        _run(connection, sql.SQL("DROP OWNED BY {}").format(sql.Identifier(role)))
        _run(connection, sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))
    if SEAT_TABLE in _existing_tables(connection):
        _rows(connection, "DELETE FROM room_seat WHERE role_name = ANY(:roles) RETURNING 1", roles=roles)
        if not _rows(connection, "SELECT 1 FROM room_seat LIMIT 1"):
            existing = _existing_tables(connection)
            for table in OWN_RECORDS:
                if table in existing:
                    _drop_policies(connection, table)
                    _run(
                        connection,
                        sql.SQL("ALTER TABLE {} DISABLE ROW LEVEL SECURITY").format(sql.Identifier(table)),
                    )
            _run(connection, sql.SQL("DROP TABLE {}").format(sql.Identifier(SEAT_TABLE)))
    return roles
