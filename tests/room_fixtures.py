"""A hosted room for the room's tests (tests/room, tests/gui): the demo plan on the test's own PostgreSQL database.

``hosted`` copies the demo plan into a fresh database of the session's real server and returns
the room (its join codes) with the facilitator's laptop; ``join`` joins as one leader, each
"laptop" with a folder of its own for its replica, as on separate machines.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:  # loaded by the tests that use a room, not by every test process at start
    from offsite.services.room import HostedRoom, RoomPlan
    from offsite.store import PlanFile
    from offsite.store.room.localserver import LocalServer

_rooms = itertools.count(1)


@pytest.fixture
def hosted(
    pg_server: LocalServer, pg_database: str, demo_plan: PlanFile, tmp_path: Path
) -> Iterator[tuple[HostedRoom, RoomPlan]]:
    from offsite.services.room import host_room

    url = f"postgresql://offsite@{pg_server.host}:{pg_server.port}/{pg_database}"
    room, facilitator = host_room(
        demo_plan,
        url,
        password=pg_server.admin_password,
        room=f"{pg_database}_{next(_rooms)}",
        folder=tmp_path / "facilitator",
    )
    yield room, facilitator
    facilitator.close()
    from sqlalchemy import create_engine

    from offsite.store.room.seats import drop_seats

    engine = create_engine(
        url.replace("postgresql:", "postgresql+psycopg:"), connect_args={"password": pg_server.admin_password}
    )
    with engine.begin() as connection:
        drop_seats(connection, room.room)  # ends the room's sessions, then drops its logins
    engine.dispose()


@pytest.fixture
def join(hosted: tuple[HostedRoom, RoomPlan], tmp_path: Path) -> Iterator[Callable[[str], RoomPlan]]:
    """Join the hosted room as the leader named (a laptop of their own: a folder of its own)."""
    opened: list[RoomPlan] = []
    room, _ = hosted

    def joined(name: str) -> RoomPlan:
        from offsite.services.room import join_room

        seat = next(seat for seat in room.leaders if seat.name == name)
        plan = join_room(seat.code, folder=tmp_path / f"laptop-{len(opened)}")
        opened.append(plan)
        return plan

    yield joined
    for plan in opened:
        plan.close()
