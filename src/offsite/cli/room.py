"""``offsite room …``: a room of laptops on one plan, on PostgreSQL.

- ``offsite room host PLAN --database postgresql://USER@HOST:PORT/DB`` copies the plan into an
  empty database, makes a role for each leader and prints each leader's join code.
- ``offsite room join CODE`` joins from a leader's laptop: a replica of the room's plan, which
  ``offsite open`` (or the app's recent plans) opens as the room.
- ``offsite room home REPLICA OUT`` brings the room home: the hosted plan in a ``.offsite`` file.
- ``offsite room server`` starts a PostgreSQL server on this laptop, in Offsite's data folder, for
  a room with no company server (``make room-server``).

Passwords are never printed but in a join code, and kept in Offsite's password file (mode 0600).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    room = sub.add_parser("room", help="a room of laptops on one plan, on a PostgreSQL server")
    actions = room.add_subparsers(dest="room_command", metavar="ACTION", required=True)
    host = actions.add_parser("host", help="copy PLAN into an empty PostgreSQL database and open the room")
    host.add_argument("plan", type=Path, metavar="PLAN")
    host.add_argument(
        "--database",
        required=True,
        metavar="ADDRESS",
        help="postgresql://USER@HOST:PORT/DATABASE of an empty database; the password comes from "
        "PGPASSWORD, ~/.pgpass or Offsite's password file, never the command line",
    )
    host.add_argument(
        "--room", help="the room's name (letters, digits, underscores); from the plan's title if not given"
    )
    join = actions.add_parser("join", help="join a room with the join code the facilitator showed you")
    join.add_argument("code", metavar="CODE", help="offsite-room://… (read from standard input when “-”)")
    home = actions.add_parser(
        "home", help="bring the room home: the hosted plan as it stands, in a new .offsite file"
    )
    home.add_argument("replica", type=Path, metavar="ROOM_PLAN", help="the room's plan on this laptop")
    home.add_argument("out", type=Path, metavar="OUT")
    server = actions.add_parser(
        "server", help="start a PostgreSQL server on this laptop for a room (kept in Offsite's data folder)"
    )
    server.add_argument("--port", type=int, default=5433, help="the port it listens on (5433 unless given)")
    server.add_argument(
        "--local-only",
        action="store_true",
        help="listen on this laptop alone (a rehearsal); by default the room's laptops can reach it",
    )


def run(args: argparse.Namespace) -> int:
    return {"host": _host, "join": _join, "home": _home, "server": _server}[args.room_command](args)


def _host(args: argparse.Namespace) -> int:
    from offsite.services.plans import open_plan
    from offsite.services.room import host_room

    plan = open_plan(args.plan, readonly=True)
    try:
        hosted, room = host_room(plan, args.database, room=args.room)
    finally:
        plan.close()
    room.close()
    print(f"The room “{hosted.room}” is open on {hosted.host}:{hosted.port}, database {hosted.database}.")
    print(f"Your copy as facilitator: {room.path}  (offsite open it)")
    print("Show each leader their join code (offsite room join CODE, or File ▸ Join a Room…):")
    for seat in hosted.leaders:
        print(f"  {seat.name}: {seat.code.text()}")
    return 0


def _join(args: argparse.Namespace) -> int:
    from offsite.services.room import JoinCode, join_room

    text = sys.stdin.readline() if args.code == "-" else args.code
    plan = join_room(JoinCode.parse(text))
    state = plan.state
    plan.close()
    who = "the facilitator" if state.facilitator else state.leader_name
    print(f"Joined the room “{state.room}” as {who}.")
    print(f"The room's plan on this laptop: {plan.path}  (offsite open it)")
    return 0


def _home(args: argparse.Namespace) -> int:
    from offsite.services.room import bring_home, open_room
    from offsite.services.signoff import content_fingerprint

    room = open_room(args.replica)
    try:
        out = bring_home(room, args.out)
    finally:
        room.close()
    from offsite.services.plans import open_plan

    home = open_plan(out, readonly=True)
    try:
        fingerprint = content_fingerprint(home)
    finally:
        home.close()
    print(f"The room is home in {out} (content fingerprint {fingerprint[:16]}…).")
    return 0


def _server(args: argparse.Namespace) -> int:
    from offsite.services.room import room_server_folder, start_room_server
    from offsite.store.room import credentials

    address = start_room_server(port=args.port, local_only=args.local_only)
    print(f"A PostgreSQL server for the room is running (its files are in {room_server_folder()}).")
    print(f"Host a plan on it:  offsite room host PLAN --database {address}")
    print(f"Its administrator's password is kept in {credentials.passfile()} (readable by you alone).")
    print(f"Stop it with:  pg_ctl stop --pgdata {room_server_folder() / 'data'}")
    return 0
