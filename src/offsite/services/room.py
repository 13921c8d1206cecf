"""A room of laptops on one plan: host it on PostgreSQL, join it, open it, bring it home.

The facilitator hosts a plan: its rows are copied into an empty PostgreSQL database with the
same schema and lock rules, the change log is installed and a role is made for each leader and
for the facilitator (``store.room.seats``). Each leader joins with the code the facilitator shows
them; a laptop in the room works on a ``RoomPlan`` (reads its replica, writes the server). At
the end the facilitator brings the room home: the hosted plan back in a ``.offsite`` file.
"""

from __future__ import annotations

import dataclasses
import re
import secrets
from pathlib import Path
from typing import TYPE_CHECKING

from offsite.domain.errors import OffsiteError
from offsite.domain.language import translate
from offsite.domain.values import Kind
from offsite.store.planfile import PlanFile
from offsite.store.room import credentials
from offsite.store.room.credentials import JoinCode
from offsite.store.room.listen import RoomListener
from offsite.store.room.replica import Applied
from offsite.store.room.roomplan import RoomOfflineError, RoomPlan, RoomState, is_unreachable, server_engine

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

__all__ = [
    "Applied",
    "HostedRoom",
    "JoinCode",
    "RoomListener",
    "RoomOfflineError",
    "RoomPlan",
    "address_to_keep",
    "bring_home",
    "change_of",
    "check_room_name",
    "host_room",
    "join_room",
    "open_room",
    "own_record_kinds",
    "room_server_folder",
    "rooms_folder",
    "start_room_server",
]


@dataclasses.dataclass(frozen=True)
class SeatCode:
    """One leader's (or the facilitator's) way in: who, and the join code to show them."""

    name: str
    code: JoinCode
    facilitator: bool = False


@dataclasses.dataclass(frozen=True)
class HostedRoom:
    room: str
    host: str
    port: int
    database: str
    seats: list[SeatCode]

    @property
    def facilitator(self) -> SeatCode:
        return next(seat for seat in self.seats if seat.facilitator)

    @property
    def leaders(self) -> list[SeatCode]:
        return [seat for seat in self.seats if not seat.facilitator]


def rooms_folder() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("offsite")) / "rooms"


def room_name(title: str) -> str:
    """A name for the room's roles from the plan's title: lower-case letters, digits, underscores."""
    stem = re.sub(r"[^a-z0-9]+", "_", title.lower())[:24].strip("_") or "room"  # no "__" where it is cut
    if not stem[0].isalpha():
        stem = "room_" + stem
    return f"{stem}_{secrets.token_hex(2)}"


def _admin_engine(url: str, password: str | None) -> tuple[Engine, str, int, str]:
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):  # ValueError: a port that is not a number
        raise OffsiteError(
            translate(
                "Room",
                "“{address}” is not a database address. It looks like postgresql://USER@HOST:PORT/DATABASE.",
            ).format(address=url)
        ) from None
    if parsed.get_backend_name() != "postgresql":
        raise OffsiteError(
            translate(
                "Room", "A room is hosted on PostgreSQL: give an address that starts with postgresql://."
            )
        )
    parsed = parsed.set(drivername="postgresql+psycopg")
    connect_args: dict[str, object] = {"connect_timeout": 5, "application_name": "offsite"}
    if password is not None:
        connect_args["password"] = password
    elif credentials.knows(
        parsed.host or "", parsed.port or 5432, parsed.database or "", parsed.username or ""
    ):
        connect_args["passfile"] = str(credentials.passfile())  # the room server's own (offsite room server)
    engine = create_engine(parsed, connect_args=connect_args)
    return engine, parsed.host or "127.0.0.1", parsed.port or 5432, parsed.database or ""


def _unreachable(host: str, error: BaseException) -> OffsiteError:
    reason = str(getattr(error, "orig", error)).strip().splitlines()[0] if str(error).strip() else ""
    return RoomOfflineError(
        translate("Room", "The server {host} cannot be reached or refused the login ({reason}).").format(
            host=host, reason=reason
        )
    )


def host_room(
    plan: PlanFile,
    url: str,
    *,
    password: str | None = None,
    room: str | None = None,
    folder: Path | None = None,
) -> tuple[HostedRoom, RoomPlan]:
    """Copy ``plan`` into the empty database at ``url`` and open the room; the facilitator's laptop joins it.

    Returns the room (every seat's join code, to show) and the facilitator's ``RoomPlan``.
    """
    from offsite.store.document.view import read_outline
    from offsite.store.room.schema import create_plan_schema, install_change_log
    from offsite.store.room.seats import create_seats
    from offsite.store.room.transfer import copy_to_server

    outline = read_outline(plan)
    name = room or room_name(outline.details.title)
    engine, host, port, database = _admin_engine(url, password)
    try:
        try:
            with engine.begin() as connection:
                _refuse_a_used_database(connection, database)
                create_plan_schema(connection)
                copy_to_server(plan, connection)
                install_change_log(connection)
                leaders = [(leader.id, leader.uid, leader.name) for leader in outline.leaders]
                seats = create_seats(connection, name, leaders)
        except OffsiteError:
            raise
        except Exception as error:
            if is_unreachable(error):
                raise _unreachable(host, error) from error
            raise
    finally:
        engine.dispose()
    codes = [
        SeatCode(
            seat.leader_name or translate("Room", "Facilitator"),
            JoinCode(host, port, database, seat.role, seat.password),
            seat.facilitator,
        )
        for seat in seats
    ]
    hosted = HostedRoom(name, host, port, database, codes)
    return hosted, join_room(hosted.facilitator.code, folder=folder)


def _refuse_a_used_database(connection: Connection, database: str) -> None:
    from sqlalchemy import inspect

    if inspect(connection).get_table_names():
        raise OffsiteError(
            translate(
                "Room",
                "The database “{database}” already holds tables. A room needs an empty database of its own: "
                "create one (CREATE DATABASE) and give its address.",
            ).format(database=database)
        )


def join_room(code: JoinCode, *, folder: Path | None = None) -> RoomPlan:
    """Join the room ``code`` opens: this laptop's replica of the hosted plan, and its role's password kept."""
    from sqlalchemy import text

    from offsite.store.room.schema import last_change
    from offsite.store.room.transfer import copy_from_server

    folder = folder or rooms_folder()
    folder.mkdir(parents=True, exist_ok=True)
    probe = RoomState("", code.host, code.port, code.database, code.role)
    engine = server_engine(probe, code.password)
    try:
        with engine.connect() as connection:
            connection.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"))
            seat = connection.execute(
                text(
                    "SELECT leader_uid, leader_name, facilitator FROM room_seat WHERE role_name = current_user"
                )
            ).one_or_none()
            if seat is None:
                raise OffsiteError(
                    translate(
                        "Room", "That join code is for no seat of this room. Ask the facilitator for yours."
                    )
                )
            room = code.role.rsplit("_", 1)[0].removeprefix("offsite_")
            replica = folder / f"{code.database}-{code.role}.offsite"
            if replica.exists():
                replica.unlink()
                RoomState.path_of(replica).unlink(missing_ok=True)
            # The copy and the change it is as of are read in one snapshot of the server.
            seq = last_change(connection)
            copy_from_server(connection, replica).close()
            connection.rollback()
    except OffsiteError:
        raise
    except Exception as error:
        if is_unreachable(error):
            raise _unreachable(code.host, error) from error
        raise
    finally:
        engine.dispose()
    state = RoomState(
        room,
        code.host,
        code.port,
        code.database,
        code.role,
        leader_uid=seat.leader_uid,
        leader_name=seat.leader_name or "",
        facilitator=bool(seat.facilitator),
        last_seq=seq,
    )
    state.save(replica)
    credentials.remember(code.host, code.port, code.database, code.role, code.password)
    return open_room(replica)


def open_room(replica: Path) -> RoomPlan:
    """The room this laptop joined, from its replica; brought up to the server when it is reachable."""
    from offsite.store.planfile import open_plan_file

    state = RoomState.load(replica)
    open_plan_file(replica, check_integrity=False).close()  # a plan file, of this version's format
    plan = RoomPlan(replica, server_engine(state, passfile=credentials.passfile()), state)
    plan.sync()  # None when the server is away: the replica shows the room as last seen
    return plan


def bring_home(plan: RoomPlan, destination: Path) -> Path:
    """The hosted plan as the server holds it now, in a new ``.offsite`` file at ``destination``."""
    from offsite.store.room.transfer import copy_from_server

    try:
        with plan.server.connect() as connection:
            from sqlalchemy import text

            connection.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"))
            copy_from_server(connection, destination).close()
            connection.rollback()
    except OffsiteError:
        raise
    except Exception as error:
        if is_unreachable(error):
            raise _unreachable(plan.state.host, error) from error
        raise
    return destination


def _kinds_by_table() -> dict[str, Kind]:
    from offsite.store.document.registry import KIND_MODELS

    tables = {model.__tablename__: kind for kind, model in KIND_MODELS.items()}
    tables["dot_vote"] = Kind.VOTE
    return tables


def own_record_kinds() -> frozenset[Kind]:
    """The kinds of a leader's own records (``store.room.OWN_RECORDS``), as the window names them."""
    from offsite.store.room import OWN_RECORDS

    by_table = _kinds_by_table()
    return frozenset(by_table[table] for table in OWN_RECORDS if table in by_table)


def change_of(applied: Applied) -> tuple[frozenset[Kind], dict[Kind, frozenset[int]] | None]:
    """What the rows the replica took from the server mean to a window: the kinds, and the rows by
    kind when each is known (None: a kind whose rows cannot be named changed; views read it again)."""
    from offsite.store.room.replica import key_columns

    by_table = _kinds_by_table()
    kinds: set[Kind] = set()
    rows: dict[Kind, set[int]] = {}
    known = True
    for table, keys in applied.rows.items():
        kind = by_table.get(table)
        if table == "dot_vote":
            position = key_columns(table).index("candidate_id")
            kinds.add(Kind.VOTE)
            rows.setdefault(Kind.VOTE, set()).update(int(key[position]) for key in keys)
        elif kind is not None:
            kinds.add(kind)
            rows.setdefault(kind, set()).update(int(key[0]) for key in keys)
        elif table in ("objective_team", "objective_goal"):
            position = key_columns(table).index("objective_id")
            kinds.add(Kind.OBJECTIVE)
            rows.setdefault(Kind.OBJECTIVE, set()).update(int(key[position]) for key in keys)
        else:  # a table no view names rows of (origins, withdrawals, links): what holds it is read again
            kinds.update(_holders(table))
            known = False
    return frozenset(kinds), ({kind: frozenset(ids) for kind, ids in rows.items()} if known else None)


def _holders(table: str) -> set[Kind]:
    return {
        "objective_origin": {Kind.OBJECTIVE},
        "signature_withdrawal": {Kind.SIGNATURE},
        "theme_link": {Kind.THEME},
    }.get(table, {Kind.PLAN})


# -- for the app's dialogs (File ▸ Host a Room, Join a Room) ---------------------------------------
#: The port a room server on this laptop listens on, unless another program has it.
ROOM_SERVER_PORT = 5433


def check_room_name(name: str) -> str:
    """The room's name as its logins carry it (lower case); OffsiteError with a sentence when it cannot be one."""
    from offsite.store.room.seats import room_name as checked

    return checked(name)


def address_to_keep(url: str) -> str:
    """``url`` without a password, if one was typed into it: what the app may remember of a server."""
    from sqlalchemy.engine import URL, make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url.strip())
    except (ArgumentError, ValueError):
        return url.strip() if "@" not in url else ""  # cannot tell a password from the rest: keep nothing
    plain = URL.create(
        parsed.drivername, parsed.username, None, parsed.host, parsed.port, parsed.database, parsed.query
    )
    return plain.render_as_string(hide_password=False)


def room_server_folder() -> Path:
    """Where this laptop's room server keeps its files (as ``offsite room server`` does)."""
    import platformdirs

    return Path(platformdirs.user_data_dir("offsite")) / "room-server"


def start_room_server(
    database: str = "offsite",
    *,
    folder: Path | None = None,
    port: int | None = None,
    local_only: bool = False,
) -> str:
    """Start this laptop's PostgreSQL server for rooms (or find it running), with an empty ``database``
    on it unless there is one of that name; returns the address to host a room at.

    As ``offsite room server``: the server's files in Offsite's data folder, listening on the laptop's
    network so the leaders' laptops reach it, on port 5433 unless another program has that port,
    and its administrator's password kept in Offsite's password file, so the address needs none.
    """
    from offsite.store.room.localserver import ADMIN, LocalServer, free_port

    server = LocalServer(folder or room_server_folder(), listen="127.0.0.1" if local_only else "*")
    running = _running_port(server.data)
    if running is not None:
        server.port = running
    else:
        wanted = port or ROOM_SERVER_PORT
        server.port = wanted if _port_is_free(wanted) else free_port()
        server.start()
    server.create_database(database)
    credentials.remember("*", server.port, "*", ADMIN, server.admin_password)
    host = "127.0.0.1" if local_only else _laptop_address()
    return f"postgresql://{ADMIN}@{host}:{server.port}/{database}"


def _running_port(data: Path) -> int | None:
    """The port of the server running on ``data``, from PostgreSQL's own ``postmaster.pid``; None when none runs."""
    import os

    try:
        lines = (data / "postmaster.pid").read_text(encoding="utf-8").splitlines()
        pid, port = int(lines[0]), int(lines[3])
        os.kill(pid, 0)
    except (OSError, ValueError, IndexError):  # no file, a half-written one, or its server is gone
        return None
    return port


def _port_is_free(port: int) -> bool:
    import socket

    with socket.socket() as probe:
        # As PostgreSQL binds: a port whose last connections are still closing (TIME_WAIT) is free.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("", port))
        except OSError:
            return False
    return True


def _laptop_address() -> str:
    """This laptop's address on its network, which the leaders' laptops reach; 127.0.0.1 with no network.

    A datagram socket "connected" to an outside address sends nothing: it only asks the system which
    of the laptop's addresses the route would leave from.
    """
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1 (RFC 5737): never a real host
            return str(probe.getsockname()[0])
        except OSError:
            return "127.0.0.1"
