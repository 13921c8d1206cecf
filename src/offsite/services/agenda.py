"""The agenda of the day: build it in Prepare, run it in the room.

Agenda items and the day are a record of the room, not of the plan: like the parking lot, a
signed (locked) plan still takes them (store.lock.SIGNOFF_TABLES), and no signature covers them.

Undo: ``add_agenda_item`` with ``changes.remove(plan, Kind.AGENDA_ITEM, id)``; edit title, minutes
and screen with ``changes.update_fields(plan, Kind.AGENDA_ITEM, id, {...})`` (undo: the previous
values back); remove with ``changes.remove`` / ``changes.restore``; reorder with
``changes.reorder(plan, Kind.AGENDA_ITEM, ids)`` (undo: ``previous["order"]``). ``set_day_start``,
``start_item``, ``next_item`` and ``stop_agenda`` return Updated(AGENDA_DAY) whose ``previous``
``restore_day`` puts back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from offsite.domain.agenda import (
    DEFAULT_DAY_START,
    format_day_start,
    parse_day_start,
)
from offsite.domain.errors import EditRefusedError
from offsite.domain.language import translate
from offsite.domain.rules import MAX_MINUTES, clean_agenda_view, clean_text, clean_whole
from offsite.domain.values import Kind
from offsite.services.agenda_view import AgendaView as AgendaView
from offsite.services.agenda_view import read_agenda as read_agenda
from offsite.services.buyin import utc_now
from offsite.services.changes import Created, Updated, add_row, next_position
from offsite.store.models import AgendaDay, AgendaItem
from offsite.store.planfile import PlanFile

#: The columns of the day that the verbs change and ``restore_day`` takes back.
_DAY = ("starts_at", "current_item_uid", "item_started_at")


def _clean_title(title: Any) -> str:
    text = clean_text(title, translate("AgendaEdits", "Title")).strip()
    if not text:
        raise EditRefusedError(translate("AgendaEdits", "An agenda item needs a title."))
    return text


def _day(session: Session) -> AgendaDay:
    day = session.scalars(select(AgendaDay).order_by(AgendaDay.id).limit(1)).first()
    if day is None:
        day = AgendaDay(starts_at=DEFAULT_DAY_START)
        session.add(day)
        session.flush()
    return day


def _day_state(day: AgendaDay) -> dict[str, Any]:
    return {name: getattr(day, name) for name in _DAY}


def _items(session: Session) -> list[AgendaItem]:
    return list(session.scalars(select(AgendaItem).order_by(AgendaItem.position, AgendaItem.id)))


def add_agenda_item(plan: PlanFile, title: str, minutes: int, view: str = "prepare") -> Created:
    """Add an item last on the agenda. Undo: ``changes.remove(plan, Kind.AGENDA_ITEM, id)``."""
    title = _clean_title(title)
    minutes = clean_whole(minutes, translate("AgendaEdits", "Minutes"), 1, MAX_MINUTES)
    view = clean_agenda_view(view)
    with plan.write() as session:
        item = AgendaItem(
            title=title, minutes=minutes, view=view, position=next_position(session, Kind.AGENDA_ITEM)
        )
        return add_row(session, Kind.AGENDA_ITEM, item)


def set_day_start(plan: PlanFile, starts_at: str | dt.time) -> Updated:
    """When the day's first item starts ("09:00"). Undo: ``restore_day(plan, previous)``."""
    if isinstance(starts_at, dt.time):
        text = format_day_start(starts_at)
    else:
        try:
            text = format_day_start(
                parse_day_start(clean_text(starts_at, translate("AgendaEdits", "Day start")))
            )
        except ValueError as error:
            raise EditRefusedError(str(error)) from None
    with plan.write() as session:
        day = _day(session)
        previous = _day_state(day)
        day.starts_at = text
        return Updated(Kind.AGENDA_DAY, day.id, previous)


def start_item(plan: PlanFile, item_id: int, at: dt.datetime | None = None) -> Updated:
    """Make ``item_id`` the running item, started ``at`` (now). Undo: ``restore_day(plan, previous)``."""
    with plan.write() as session:
        item = session.get(AgendaItem, item_id)
        if item is None:
            raise EditRefusedError(
                translate(
                    "AgendaEdits", "That agenda item no longer exists in the plan (removed elsewhere?)."
                )
            )
        day = _day(session)
        previous = _day_state(day)
        day.current_item_uid = item.uid
        day.item_started_at = at or utc_now()
        return Updated(Kind.AGENDA_DAY, day.id, previous)


def next_item(plan: PlanFile, at: dt.datetime | None = None) -> Updated:
    """Move to the next item (the first when none runs). Refuses after the last item.

    Undo: ``restore_day(plan, previous)``.
    """
    with plan.write() as session:
        items = _items(session)
        if not items:
            raise EditRefusedError(
                translate("AgendaEdits", "The agenda is empty: add its items in Prepare first.")
            )
        day = _day(session)
        uids = [item.uid for item in items]
        if day.current_item_uid in uids:
            index = uids.index(day.current_item_uid) + 1
            if index >= len(items):
                raise EditRefusedError(
                    translate("AgendaEdits", "That was the last agenda item: the day's agenda is done.")
                )
        else:
            index = 0
        previous = _day_state(day)
        day.current_item_uid = items[index].uid
        day.item_started_at = at or utc_now()
        return Updated(Kind.AGENDA_DAY, day.id, previous)


def stop_agenda(plan: PlanFile) -> Updated:
    """No item runs any more. Undo: ``restore_day(plan, previous)``."""
    with plan.write() as session:
        day = _day(session)
        previous = _day_state(day)
        day.current_item_uid = None
        day.item_started_at = None
        return Updated(Kind.AGENDA_DAY, day.id, previous)


def restore_day(plan: PlanFile, state: Mapping[str, Any]) -> Updated:
    """Give the day ``state`` (a ``previous`` of the verbs above); returns its state before."""
    unknown = set(state) - set(_DAY)
    if unknown:
        raise EditRefusedError(
            translate("AgendaEdits", "{fields} is not part of the agenda's day.").format(
                fields=", ".join(sorted(unknown))
            )
        )
    with plan.write() as session:
        day = _day(session)
        previous = _day_state(day)
        for name, value in state.items():
            setattr(day, name, value)
        return Updated(Kind.AGENDA_DAY, day.id, previous)
