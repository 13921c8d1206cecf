"""A room of laptops on one plan, on PostgreSQL: the server's schema, seats, change log, and each
laptop's replica. Importing this package loads nothing: opening a plan asks ``is_replica`` first."""

from __future__ import annotations

from pathlib import Path

#: Beside a room's replica, the room's state on this laptop (``roomplan.RoomState``).
STATE_SUFFIX = ".room.json"


def is_replica(path: Path) -> bool:
    """Whether ``path`` is a room's replica on this laptop (a plan joined from a room)."""
    return path.with_name(path.name + STATE_SUFFIX).exists()
