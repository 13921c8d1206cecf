"""The window's link to its room: changes from other laptops patch the screens; the status bar says whether the room is live.

``RoomLink`` starts the room's listener (``store.room.listen`` through ``services.room``) for a
plan opened from a room, and turns each batch of rows the replica took from the server into the
document's change notice, on the window's thread, so every screen patches the rows that changed
and nothing else.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from offsite.gui.document import PlanDocument
from offsite.services.room import Applied, RoomListener, RoomPlan, change_of

log = logging.getLogger(__name__)


class RoomLink(QObject):
    """Live while the window shows a room's plan; ``stop()`` before the plan closes."""

    #: Applied — rows the replica took from the server (emitted on any thread, handled on the window's).
    arrived = Signal(object)
    #: bool — whether the room's server can be reached.
    status_changed = Signal(bool)

    def __init__(self, document: PlanDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        plan = document.plan
        assert isinstance(plan, RoomPlan)
        self.plan = plan
        self.online: bool | None = None
        self.arrived.connect(self._patch)
        self.status_changed.connect(self._remember_status)
        self._emit = self.arrived.emit
        plan.listeners.append(self._emit)
        self._listener = RoomListener(plan, self.status_changed.emit)
        self._listener.start()

    @property
    def description(self) -> str:
        state = self.plan.state
        who = "facilitator" if state.facilitator else state.leader_name
        where = f"{state.host}:{state.port}"
        if self.online is False:
            return f"Room on {where} · {who} · offline — reconnecting"
        return f"Room on {where} · {who} · live"

    def _remember_status(self, online: bool) -> None:
        self.online = online

    def _patch(self, applied: Applied) -> None:
        kinds, rows = change_of(applied)
        if kinds:
            self.document.notify(kinds, rows)

    def stop(self) -> None:
        if self._emit in self.plan.listeners:
            self.plan.listeners.remove(self._emit)
        self._listener.stop()
