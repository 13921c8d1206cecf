"""A laptop listening to its room: PostgreSQL's LISTEN wakes it when another laptop's change commits.

One thread per open room holds a connection of its own that does nothing but ``LISTEN``. On each
notification (one per transaction, however many rows it wrote) it calls ``RoomPlan.sync``, which
copies the rows the change log names into the replica and tells the plan's listeners. When the
server cannot be reached the thread says so (``on_status(False)``), tries again every second, and
on reconnecting reads every change it missed from the change log (a notification is lost while
nobody listens; the log is not).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from offsite.store.room.roomplan import RoomPlan, is_unreachable
from offsite.store.room.schema import CHANNEL

log = logging.getLogger(__name__)

#: How often, with no notification, the connection is asked whether the server is still there.
_PROBE_SECONDS = 2.0
#: How long one wait for a notification lasts: what closing a room's window may wait for.
_WAIT_SECONDS = 0.2
#: How long between tries while the server is away.
_RETRY_SECONDS = 1.0


class RoomListener:
    """``start()`` it once the room is open; ``stop()`` before the plan closes."""

    def __init__(self, plan: RoomPlan, on_status: Callable[[bool], None] | None = None) -> None:
        self.plan = plan
        self._on_status = on_status
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._connection: Any = None
        #: Whether the server was reachable at the last try (None before the first).
        self.online: bool | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="offsite-room-listener", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def _status(self, online: bool) -> None:
        # Said again while edits wait to be sent: the window offers to send them once it can.
        if online != self.online or self.plan.pending:
            self.online = online
            if self._on_status is not None:
                self._on_status(online)

    def _connect(self) -> Any:
        raw = self.plan.server.raw_connection()
        connection: Any = raw.driver_connection
        raw.detach()  # held by this thread alone, outside the pool
        try:
            connection.autocommit = True
            connection.execute(f"LISTEN {CHANNEL}")
        except BaseException:
            connection.close()
            raise
        return connection

    def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                connection = self._connect()
            except Exception as error:
                if not is_unreachable(error):
                    log.exception("the room's listener could not connect")
                self._status(False)
                self._stopping.wait(_RETRY_SECONDS)
                continue
            try:
                self._listen(connection)
            except Exception as error:
                if not is_unreachable(error):
                    log.exception("the room's listener stopped on an error")
                self.plan.reachable = False
                self._status(False)
            finally:
                try:
                    connection.close()
                except Exception:  # a connection the server dropped: nothing to close
                    log.debug("closing a dropped connection", exc_info=True)
            self._stopping.wait(_RETRY_SECONDS)

    def _listen(self, connection: Any) -> None:
        # Back (or here for the first time): read whatever was missed, then wait for news.
        self.plan.sync()
        self._status(bool(self.plan.reachable))
        quiet = 0.0
        while not self._stopping.is_set():
            woke = False
            # Short waits, so that closing the room's window never waits on the listener.
            for _ in connection.notifies(timeout=_WAIT_SECONDS, stop_after=1):
                woke = True
            if self._stopping.is_set():
                return
            quiet = 0.0 if woke else quiet + _WAIT_SECONDS
            if not woke and quiet < _PROBE_SECONDS:
                continue
            quiet = 0.0
            if woke or self.plan.pending:
                self.plan.sync()  # with edits kept to send, it only asks whether the server is there
            else:
                connection.execute("SELECT 1")  # raises when the server went away meanwhile
                self.plan.reachable = True
            self._status(bool(self.plan.reachable))
