"""The parking lot: an off-topic item is parked with one shortcut, then resolved or made a candidate.

Parked items are a record of the room, not of the plan: like the survey, a signed (locked) plan
still takes them (store.lock.SIGNOFF_TABLES), and no signature covers them.

Undo: ``park`` with ``changes.remove(plan, Kind.PARKED, id)``; ``resolve_parked`` and
``reopen_parked`` with ``restore_parked(plan, id, previous)``; ``park_to_candidate`` with
``take_back_candidate`` (whose result ``put_back_candidate`` replays). Edit the text with
``changes.update_fields(plan, Kind.PARKED, id, {"text": …})``; remove with ``changes.remove``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from offsite.domain.errors import EditRefusedError
from offsite.domain.exercises import Exercise
from offsite.domain.labels import quote
from offsite.domain.language import translate
from offsite.domain.parking import ParkedView
from offsite.domain.rules import clean_text
from offsite.domain.values import Kind
from offsite.services.brainstorm import insert_candidate
from offsite.services.buyin import utc_now
from offsite.services.changes import Created, Removed, Updated, add_row, capture, next_position, put_back
from offsite.store.models import Candidate, ParkingItem
from offsite.store.planfile import PlanFile

#: The columns resolving sets and re-opening clears; what ``restore_parked`` takes back.
_STATE = ("resolved_at", "resolution", "candidate_uid")


def _item(session: Session, item_id: int) -> ParkingItem:
    item = session.get(ParkingItem, item_id)
    if item is None:
        raise EditRefusedError(
            translate("ParkingEdits", "That parked item no longer exists in the plan (removed elsewhere?).")
        )
    return item


def _state(item: ParkingItem) -> dict[str, Any]:
    return {name: getattr(item, name) for name in _STATE}


def origin_label(text: str) -> str:
    """How a candidate made from a parked item tells its story: Parking lot: “…”."""
    return f"Parking lot: {quote(text)}"


def park(plan: PlanFile, text: str, raised_in: str = "", *, at: dt.datetime | None = None) -> Created:
    """Park an off-topic item, last in the lot. Refuses blank text. Undo: ``changes.remove``."""
    text = clean_text(text, translate("ParkingEdits", "Parked item")).strip()
    if not text:
        raise EditRefusedError(
            translate("ParkingEdits", "Type what to park first: a parked item needs some words.")
        )
    raised_in = clean_text(raised_in, translate("ParkingEdits", "Screen"))
    with plan.write() as session:
        item = ParkingItem(
            text=text,
            raised_at=at or utc_now(),
            raised_in=raised_in,
            position=next_position(session, Kind.PARKED),
            resolution="",
        )
        return add_row(session, Kind.PARKED, item)


def resolve_parked(plan: PlanFile, item_id: int, note: str = "", *, at: dt.datetime | None = None) -> Updated:
    """Mark a parked item resolved, with an optional note of how.

    Returns the previous state; undo with ``restore_parked(plan, item_id, previous)``.
    """
    note = clean_text(note, translate("ParkingEdits", "Resolution")).strip()
    with plan.write() as session:
        item = _item(session, item_id)
        previous = _state(item)
        item.resolved_at = at or utc_now()
        item.resolution = note
        return Updated(Kind.PARKED, item_id, previous)


def reopen_parked(plan: PlanFile, item_id: int) -> Updated:
    """Put a resolved item back among the open ones (its candidate, if any, stays in the pool).

    Undo with ``restore_parked(plan, item_id, previous)``.
    """
    return restore_parked(plan, item_id, {"resolved_at": None, "resolution": "", "candidate_uid": None})


def restore_parked(plan: PlanFile, item_id: int, state: Mapping[str, Any]) -> Updated:
    """Give an item the resolution state ``state`` (a ``previous`` of the verbs above)."""
    unknown = set(state) - set(_STATE)
    if unknown:
        raise EditRefusedError(
            translate("ParkingEdits", "{fields} is not part of a parked item's resolution.").format(
                fields=", ".join(sorted(unknown))
            )
        )
    with plan.write() as session:
        item = _item(session, item_id)
        previous = _state(item)
        for name, value in state.items():
            setattr(item, name, value)
        return Updated(Kind.PARKED, item_id, previous)


def park_to_candidate(
    plan: PlanFile, item_id: int, team_id: int | None, *, at: dt.datetime | None = None
) -> Created:
    """Make a parked item a candidate of ``team_id`` and mark it resolved, in one transaction.

    The candidate is a direct one whose origin is the item (origin label Parking lot: “…”).
    Returns Created(CANDIDATE, id). Undo with ``take_back_candidate(plan, item_id, id, previous)``
    where ``previous`` is the item's state before (``read_parking_lot`` shows it).
    """
    with plan.write() as session:
        item = _item(session, item_id)
        if item.candidate_uid is not None:
            raise EditRefusedError(translate("ParkingEdits", "That parked item is a candidate already."))
        created = insert_candidate(
            session, item.text, team_id, Exercise.DIRECT, item.uid, origin_label(item.text)
        )
        candidate = session.get(Candidate, created.id)
        assert candidate is not None
        item.resolved_at = at or utc_now()
        item.resolution = "Made a candidate."
        item.candidate_uid = candidate.uid
        return created


def take_back_candidate(
    plan: PlanFile, item_id: int, candidate_id: int, state: Mapping[str, Any]
) -> tuple[Removed, dict[str, Any]]:
    """Undo ``park_to_candidate``: remove the candidate and give the item ``state`` again, together.

    Returns the candidate as removed and the item's resolution as it was, for ``put_back_candidate``.
    """
    with plan.write() as session:
        item = _item(session, item_id)
        rows = capture(session, Kind.CANDIDATE, [candidate_id])
        candidate = session.get(Candidate, candidate_id)
        if candidate is not None:
            session.delete(candidate)
        resolved = _state(item)
        for name in _STATE:
            setattr(item, name, state.get(name, "" if name == "resolution" else None))
        return Removed(Kind.CANDIDATE, candidate_id, rows), resolved


def put_back_candidate(
    plan: PlanFile, item_id: int, removed: Removed, resolved: Mapping[str, Any]
) -> Created:
    """Redo ``park_to_candidate`` after ``take_back_candidate``: the same candidate, the same ids."""
    with plan.write() as session:
        item = _item(session, item_id)
        put_back(session, removed.rows)
        for name in _STATE:
            setattr(item, name, resolved[name])
    return Created(Kind.CANDIDATE, removed.id)


def read_parking_lot(plan: PlanFile) -> tuple[ParkedView, ...]:
    """Every parked item: the open ones first, then the resolved; each group in the order parked."""
    with plan.read() as session:
        items = list(session.scalars(select(ParkingItem).order_by(ParkingItem.position, ParkingItem.id)))
        views = [
            ParkedView(
                id=i.id,
                uid=i.uid,
                text=i.text,
                raised_at=i.raised_at,
                raised_in=i.raised_in,
                resolved_at=i.resolved_at,
                resolution=i.resolution,
                candidate_uid=i.candidate_uid,
            )
            for i in items
        ]
    return tuple(sorted(views, key=lambda v: v.resolved))
