"""The agenda of the day as the screens show it, read with plain ``sqlite3``.

The agenda bar is on every screen, so the agenda is read before the first paint: reading it
loads none of the verbs' machinery (SQLAlchemy). The verbs are ``services.agenda``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from offsite.domain.agenda import DEFAULT_DAY_START, AgendaItemView, parse_day_start
from offsite.store import PlanFile

_ITEMS = "SELECT id, uid, title, minutes, view, position FROM agenda_item ORDER BY position, id"
_DAY = "SELECT starts_at, current_item_uid, item_started_at FROM agenda_day ORDER BY id LIMIT 1"


@dataclass(frozen=True, slots=True)
class AgendaView:
    items: tuple[AgendaItemView, ...]
    day_start: dt.time
    #: The running item, None when the agenda is not running.
    current: AgendaItemView | None
    started_at: dt.datetime | None

    @property
    def next(self) -> AgendaItemView | None:
        """The item after the current one; the first when none runs; None after the last."""
        if self.current is None:
            return self.items[0] if self.items else None
        index = self.items.index(self.current)
        return self.items[index + 1] if index + 1 < len(self.items) else None


def read_agenda(plan: PlanFile) -> AgendaView:
    with plan.read_rows() as connection:
        items = tuple(AgendaItemView(*row) for row in connection.execute(_ITEMS))
        day = connection.execute(_DAY).fetchone()
    starts_at, current_uid, item_started_at = day if day is not None else (DEFAULT_DAY_START, None, None)
    try:
        day_start = parse_day_start(starts_at)
    except ValueError:
        day_start = parse_day_start(DEFAULT_DAY_START)
    current = None
    if current_uid is not None:
        current = next((item for item in items if item.uid == current_uid), None)
    started_at = None
    if current is not None and item_started_at is not None:
        started_at = dt.datetime.fromisoformat(str(item_started_at))
    return AgendaView(items, day_start, current, started_at)
