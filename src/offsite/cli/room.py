"""``offsite room …``: a room of laptops on one plan, on PostgreSQL.

``offsite room server`` starts a PostgreSQL server on this laptop, in Offsite's data folder, for
a room with no company server (``make room-server``).
"""

from __future__ import annotations

import argparse
import sys


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    room = sub.add_parser("room", help="a room of laptops on one plan, on a PostgreSQL server")
    actions = room.add_subparsers(dest="room_command", metavar="ACTION", required=True)
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
    if args.room_command == "server":
        return _server(args)
    raise AssertionError(args.room_command)


def _server(args: argparse.Namespace) -> int:
    from pathlib import Path

    import platformdirs

    from offsite.store.room.localserver import LocalServer

    folder = Path(platformdirs.user_data_dir("offsite")) / "room-server"
    server = LocalServer(folder, port=args.port, listen="127.0.0.1" if args.local_only else "*")
    server.start()
    server.create_database()
    print(f"A PostgreSQL server for the room is running (its files are in {folder}).")
    print(
        f"Host a plan on it:  offsite room host PLAN --database postgresql://offsite@HOST:{server.port}/offsite"
    )
    print(f"Its administrator's password is in {server.password_file} (readable by you alone).")
    print(f"Stop it with:  pg_ctl stop --pgdata {server.data}", file=sys.stdout)
    return 0
