"""The window's link to its room: changes from other laptops patch the screens; the status bar says whether the room is live.

``RoomLink`` starts the room's listener (``store.room.listen`` through ``services.room``) for a
plan opened from a room, and turns each batch of rows the replica took from the server into the
document's change notice, on the window's thread, so every screen patches the rows that changed
and nothing else.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from offsite.domain.formatting import format_number
from offsite.domain.language import translate
from offsite.gui.document import PlanDocument
from offsite.gui.notify import say
from offsite.services.room import Applied, RoomListener, RoomPlan, change_of, own_record_kinds


def say_problem(window: QWidget | None, text: str) -> None:
    from offsite.gui import dialogs

    dialogs.show_error(window, text)


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
        self._offering = False
        #: When this laptop's last edit reached the room (the status bar says it), "" before the first.
        self.last_saved = ""
        #: The leader chose Later: not asked again until the server comes back after going away.
        self._later = False
        document.saved.connect(self._edited)
        self._listener = RoomListener(plan, self.status_changed.emit)
        self._listener.start()

    @property
    def description(self) -> str:
        """The status bar's few words: whether the room is live, and what waits to be sent."""
        kept = self.plan.pending
        if self.online is False:
            if kept:
                return translate("Room", "Room: offline — will send {count}").format(
                    count=format_number(kept)
                )
            return translate("Room", "Room: offline")
        if kept:
            return translate("Room", "Room: back · {count} to send").format(count=format_number(kept))
        if self.last_saved:
            return translate("Room", "Room: live · saved {time}").format(time=self.last_saved)
        return translate("Room", "Room: live")

    @property
    def details(self) -> str:
        """The whole story, for the status's tooltip."""
        state = self.plan.state
        who = translate("Room", "the facilitator") if state.facilitator else state.leader_name
        where = translate("Room", "Room on {host}:{port}, database {database}, as {who}.").format(
            host=state.host, port=state.port, database=state.database, who=who
        )
        from offsite.gui.room_outbox import changes

        kept = changes(self.plan.pending)
        if self.online is False and self.plan.pending:
            now = translate(
                "Room",
                "The room's server cannot be reached: {changes} kept on this laptop, sent when it is back.",
            ).format(changes=kept)
        elif self.online is False:
            now = translate("Room", "The room's server cannot be reached; reconnecting.")
        elif self.plan.pending:
            now = translate("Room", "{changes} typed offline wait to be sent.").format(changes=kept)
        else:
            now = translate("Room", "Every change on every laptop shows here within a second.")
        return f"{where} {now}"

    def _remember_status(self, online: bool) -> None:
        if not online:
            self._later = False  # asked again once the server is back
        self.online = online
        if online and self.plan.pending and not self._later:
            self.offer_to_send()

    def _edited(self) -> None:
        """An edit was made: the count of kept edits may have changed (the status bar says it)."""
        if self.plan.pending and self.plan.reachable is False:
            self.online = False
            self._later = False
        self.status_changed.emit(bool(self.online) if self.online is not None else True)

    def offer_to_send(self) -> bool:
        """Show what was kept while offline, as the server now stands, and send what the leader ticks.

        False when nothing was sent (nothing kept, Later, or the server went away again).
        """
        if not self.plan.pending or self._offering:
            return False
        from offsite.domain.errors import OffsiteError
        from offsite.gui.room_outbox import OutboxDialog
        from offsite.services.outbox import send_pending
        from offsite.services.outbox_preview import preview

        parent = self.parent()
        window = parent if isinstance(parent, QWidget) else None
        self._offering = True
        try:
            try:
                edits = preview(self.plan)
            except OffsiteError as error:
                log.info("the kept edits could not be previewed: %s", error)
                return False
            dialog = OutboxDialog(edits, self.plan.state.leader_name, window)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                self._later = True  # not asked again until the next time the server comes back
                return False
            try:
                report = send_pending(self.plan, dialog.ticked())
            except OffsiteError as error:
                say_problem(window, str(error))
                return False
        finally:
            self._offering = False
        self.document.notify(own_record_kinds())  # the replica's own records are the server's again
        from offsite.gui.room_outbox import changes

        sent = translate("Room", "Sent {changes} to the room").format(changes=changes(report.sent))
        if report.dropped:
            sent = translate("Room", "{sent}; {changes} discarded").format(
                sent=sent, changes=changes(report.dropped)
            )
        if report.refused:
            say_problem(
                window,
                translate("Room", "{sent}. Not sent: {reasons}").format(
                    sent=sent, reasons=" ".join(report.refused)
                ),
            )
        elif window is not None:
            say(window, sent + ".")
        self.status_changed.emit(True)
        return True

    def _patch(self, applied: Applied) -> None:
        kinds, rows = change_of(applied)
        if kinds:
            self.document.notify(kinds, rows)

    def stop(self) -> None:
        if self._emit in self.plan.listeners:
            self.plan.listeners.remove(self._emit)
        self._listener.stop()
