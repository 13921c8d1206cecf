"""A room of laptops on one plan, on PostgreSQL: the server's schema, seats, change log, and each
laptop's replica. Importing this package loads nothing: opening a plan asks ``is_replica`` first."""

from __future__ import annotations

from pathlib import Path

#: Beside a room's replica, the room's state on this laptop (``roomplan.RoomState``).
STATE_SUFFIX = ".room.json"


def is_replica(path: Path) -> bool:
    """Whether ``path`` is a room's replica on this laptop (a plan joined from a room)."""
    return path.with_name(path.name + STATE_SUFFIX).exists()


#: The leaders' own records (``seats.OWN_RECORDS``) that an undo may put back as they were, through
#: the server's ``offsite_room_restore`` (``schema``): a removal's undo on a room's server.
RESTORABLE = (
    "stance_record",
    "definition_stance",
    "agreement_stance",
    "dot_vote",
    "survey_rating",
    "check_in",
    "signature",
    "signature_withdrawal",
)
RESTORE_FUNCTION = "offsite_room_restore"
