"""A room of laptops on one plan, on PostgreSQL: the server's schema, seats, change log, and each
laptop's replica. Importing this package loads nothing: opening a plan asks ``is_replica`` first."""

from __future__ import annotations

from pathlib import Path

#: Beside a room's replica, the room's state on this laptop (``roomplan.RoomState``).
STATE_SUFFIX = ".room.json"


def is_replica(path: Path) -> bool:
    """Whether ``path`` is a room's replica on this laptop (a plan joined from a room)."""
    return path.with_name(path.name + STATE_SUFFIX).exists()


#: The leaders' own records, and the column naming the leader: by id, or by uid where the row
#: outlives the leader (a signature on an old version is kept by the leader's uid and name). A
#: leader's role writes only their own rows of these (``seats``); a laptop keeps them while the
#: server is away (``services.outbox``); an undo may put them back as they were (``schema``).
OWN_RECORDS: dict[str, str] = {
    "stance_record": "leader_id",
    "definition_stance": "leader_id",
    "agreement_stance": "leader_id",
    "dot_vote": "leader_id",
    "survey_rating": "leader_id",
    "check_in": "leader_id",
    "signature": "leader_uid",
    "signature_withdrawal": "leader_uid",
}
#: Those an undo may put back as they were, through the server's ``offsite_room_restore``.
RESTORABLE = tuple(OWN_RECORDS)
RESTORE_FUNCTION = "offsite_room_restore"
