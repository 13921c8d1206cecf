"""A hosted plan as one laptop holds it: reads from its replica, writes to the room's server.

``RoomPlan`` is a ``PlanFile`` whose path is the laptop's replica: every read (``read_rows``,
``read``, ``snapshot``) is a SQLite read of that file, as fast as any plan's and possible while
the server is away. Every write (``write``, ``write_rows``) is a PostgreSQL transaction on the
room's server, as the laptop's own role, so the server's lock triggers, foreign keys and row-level
security judge it. Once it commits, ``sync`` copies what the server's change log names since the
replica's last change into the replica, before the edit is shown as done; the room's listener
calls ``sync`` when another laptop's change arrives.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import threading
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from offsite.domain.errors import OffsiteError, PlanReadOnlyError
from offsite.domain.language import translate
from offsite.store.files import write_whole
from offsite.store.planfile import _READ_OPTION, PlanFile, _make_engine, signed_error
from offsite.store.room import STATE_SUFFIX
from offsite.store.room.outbox import Outbox
from offsite.store.room.replica import Applied, copy_rows

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine
    from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)


#: How often, at most, the replica's reading position is written to the disk while edits come in.
_STATE_EVERY_SECONDS = 2.0


class RoomOfflineError(OffsiteError):
    """The room's server could not be reached: the change was not sent (nothing changed)."""


class RoomRefusedError(OffsiteError):
    """The server refused the change for this laptop's role (another leader's stance, the plan's text)."""


@dataclasses.dataclass
class RoomState:
    """What a laptop keeps beside its replica: where the room is, who this laptop is, how far it has read.

    No password: that is in the laptop's password file (``store.room.credentials``).
    """

    room: str
    host: str
    port: int
    database: str
    role: str
    #: The leader this laptop records for; None on the facilitator's laptop.
    leader_uid: str | None = None
    leader_name: str = ""
    facilitator: bool = False
    last_seq: int = 0

    @staticmethod
    def path_of(replica: Path) -> Path:
        return replica.with_name(replica.name + STATE_SUFFIX)

    @classmethod
    def load(cls, replica: Path) -> RoomState:
        try:
            data = json.loads(cls.path_of(replica).read_text(encoding="utf-8"))
            return cls(**data)
        except (OSError, ValueError, TypeError) as error:
            raise OffsiteError(
                translate(
                    "Room", "“{file}” is not a room's plan on this laptop ({error}). Join the room again."
                ).format(file=replica.name, error=error)
            ) from error

    def save(self, replica: Path) -> None:
        """Written whole (temp + rename): a crash leaves the last state, which reads the same changes again."""
        write_whole(self.path_of(replica), json.dumps(dataclasses.asdict(self), indent=1).encode("utf-8"))

    def url(self) -> str:
        return f"postgresql+psycopg://{self.role}@{self.host}:{self.port}/{self.database}"


def server_engine(state: RoomState, password: str | None = None, *, passfile: Path | None = None) -> Engine:
    """An engine on the room's server as the laptop's role: short connect timeout, checked on checkout."""
    from sqlalchemy import create_engine

    connect_args: dict[str, Any] = {"connect_timeout": 3, "application_name": "offsite"}
    if password is not None:
        connect_args["password"] = password
    if passfile is not None:
        connect_args["passfile"] = str(passfile)
    return create_engine(state.url(), connect_args=connect_args, pool_pre_ping=True, pool_size=2)


def _result_of(result: Any) -> Any:
    """What an edit's result says of the rows it made or changed, as JSON: {"kind": …, "id": …}."""
    kind, row_id = getattr(result, "kind", None), getattr(result, "id", None)
    if kind is None or row_id is None:
        return None
    return {"kind": str(kind), "id": int(row_id), "created": type(result).__name__ == "Created"}


def _pg_error(error: BaseException) -> Any:
    """The psycopg error under a SQLAlchemy one (or the error itself)."""
    return getattr(error, "orig", None) or error


def is_unreachable(error: BaseException) -> bool:
    import psycopg

    original = _pg_error(error)
    if isinstance(original, psycopg.OperationalError):
        return True
    from sqlalchemy.exc import DBAPIError

    return isinstance(error, DBAPIError) and bool(error.connection_invalidated)


class RoomPlan(PlanFile):
    """A hosted plan on one laptop: the replica at ``replica`` and the room's server (``server``)."""

    is_room = True

    def __init__(self, replica: Path, server: Engine, state: RoomState, *, name: str | None = None) -> None:
        super().__init__(replica, name=name or translate("Room", "{room} (room)").format(room=state.room))
        self._engine = server
        self.state = state
        self._replica_engine: Engine | None = None
        self._sync_lock = threading.Lock()
        self._state_saved = 0.0
        #: The edits kept while the server was away, in order, until they are sent.
        self.outbox = Outbox(replica)
        self._pending = self.outbox.count()
        #: Whether the server answered the last time it was asked (None: not asked yet).
        self.reachable: bool | None = None
        #: While true, writes go to the replica alone (an edit kept for later, ``keep_for_later``).
        self._local = False
        #: Told of every batch of rows the replica took from the server (the window patches them).
        self.listeners: list[Callable[[Applied], None]] = []

    # -- engines ------------------------------------------------------------------------------
    @property
    def server(self) -> Engine:
        engine = self._engine
        assert engine is not None
        return engine

    @property
    def file_engine(self) -> Engine:
        """The replica's engine: what a copy of the plan (Save As, bring home) reads."""
        if self._replica_engine is None:
            self._replica_engine = _make_engine(self.path, readonly=False)
        return self._replica_engine

    def _session_makers(self) -> tuple[sessionmaker[Session], sessionmaker[Session]]:
        if self._sessions is None:
            from sqlalchemy.orm import sessionmaker

            self._sessions = (
                sessionmaker(self.server, expire_on_commit=False),
                sessionmaker(
                    self.file_engine.execution_options(**{_READ_OPTION: True}), expire_on_commit=False
                ),
            )
        return self._sessions

    # -- writes -------------------------------------------------------------------------------
    @contextlib.contextmanager
    def _failures_translated(self) -> Iterator[None]:
        try:
            with super()._failures_translated():
                yield
        except OffsiteError:
            raise
        except Exception as error:
            translated = self._translate(error)
            if translated is None:
                raise
            raise translated from error

    def translated(self) -> contextlib.AbstractContextManager[None]:
        """A block that reads the server itself says its failures as this plan's writes do
        (RoomOfflineError when the server is away)."""
        return self._failures_translated()

    def _translate(self, error: BaseException) -> OffsiteError | None:
        from offsite.store.room.schema import is_signed_error

        if is_signed_error(error):
            return signed_error(self.name, self.locked_version())
        try:
            import psycopg
        except ImportError:  # pragma: no cover - psycopg is a dependency
            return None
        original = _pg_error(error)
        if is_unreachable(error):
            return RoomOfflineError(
                translate(
                    "Room",
                    "The room's server ({host}) cannot be reached, so the change was not sent. "
                    "Check the network; nothing was changed.",
                ).format(host=self.state.host)
            )
        if isinstance(original, psycopg.errors.InsufficientPrivilege):
            if self.state.facilitator:
                who = translate("Room", "the facilitator")
            else:
                who = self.state.leader_name or translate("Room", "this laptop")
            return RoomRefusedError(
                translate(
                    "Room",
                    "In this room, {who} cannot make that change: each leader records their own stance, "
                    "votes, rating and signature, and the facilitator edits the plan.",
                ).format(who=who)
            )
        return None

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        self._check_writable()
        if self._local:
            from sqlalchemy.orm import Session

            with (
                super()._failures_translated(),
                Session(self.file_engine, expire_on_commit=False) as session,
                session.begin(),
            ):
                yield session
            return
        try:
            with self._failures_translated(), self._session_makers()[0].begin() as session:
                yield session
        except RoomOfflineError:
            self.reachable = False
            raise
        self.sync()

    @contextlib.contextmanager
    def write_rows(self) -> Iterator[Connection]:
        self._check_writable()
        if self._local:
            with super()._failures_translated(), self.file_engine.begin() as connection:
                yield connection
            return
        with self._writer_lock, self._failures_translated():
            if self._writer is None or self._writer.closed:
                self._writer = self.server.connect()
            try:
                with self._writer.begin():
                    yield self._writer
            except BaseException:
                if self._writer.invalidated:
                    self._writer.close()
                    self._writer = None
                raise
        self.sync()

    # -- edits kept while the server is away ---------------------------------------------------
    @property
    def pending(self) -> int:
        """How many edits wait in the outbox to be sent."""
        return self._pending

    @property
    def keeping(self) -> bool:
        """Whether an edit now is kept for later: the server is away, or edits wait to be sent before it."""
        return self.reachable is False or self._pending > 0

    @contextlib.contextmanager
    def locally(self) -> Iterator[None]:
        """Writes in the block go to the replica alone (nothing is sent)."""
        self._local = True
        try:
            yield
        finally:
            self._local = False

    def keep_for_later(self, verb: str, arguments: dict[str, Any], apply: Callable[[], Any]) -> Any:
        """Run ``apply`` (a verb on this plan) on the server, or, while the server is away, keep the
        edit in the outbox and make it on the replica alone; its result either way.

        The edit is on the disk in the outbox before the replica shows it; one the replica refuses
        (the verb's own rules) is taken out of the outbox again and the refusal raised.
        """
        if not self.keeping:
            try:
                return apply()
            except RoomOfflineError:
                self.reachable = False
        intent = self.outbox.keep(verb, arguments)
        try:
            with self.locally():
                result = apply()
        except BaseException:
            self.outbox.drop(intent)
            raise
        self._pending = self.outbox.count()
        self.outbox.set_result(intent, _result_of(result))
        return result

    def forget_intent(self, intent_id: int) -> None:
        self.outbox.drop(intent_id)
        self._pending = self.outbox.count()

    def probe(self) -> bool:
        """Ask the server whether it is there; remembered in ``reachable``."""
        try:
            with self.server.connect() as connection:
                connection.exec_driver_sql("SELECT 1")
            self.reachable = True
        except Exception as error:
            if not is_unreachable(error):
                raise
            self.reachable = False
        return self.reachable

    # -- reading the server's changes into the replica ----------------------------------------
    def sync(self) -> Applied | None:
        """Copy the server's changes since the replica's last into the replica; None when the server is away.

        Safe on any thread; a second caller waits for the first, then finds nothing new.
        """
        from offsite.store.room.schema import changes_since

        with self._sync_lock:
            if self._pending:
                # Kept edits go first (services.outbox.send_pending): until then the replica holds
                # rows of its own that the server's could collide with.
                self.probe()
                return None
            try:
                with self.server.connect() as server, server.begin():
                    changes = changes_since(server, self.state.last_seq)
                    if not changes:
                        self.reachable = True
                        return Applied({}, self.state.last_seq)
                    with self.file_engine.begin() as replica:
                        applied = copy_rows(server, replica, changes)
            except Exception as error:
                if is_unreachable(error):
                    log.info("the room's server is away: %s", error)
                    self.reachable = False
                    return None
                raise
            self.reachable = True
            self.state.last_seq = applied.last_seq
            self._save_state()
        for listener in list(self.listeners):
            listener(applied)
        return applied

    def refresh_own(self, tables: Mapping[str, str], leader: tuple[int | None, str | None]) -> None:
        """Make the replica's rows of this laptop's own records those of the server (after sending
        or dropping kept edits: rows made on the replica alone go, the server's come)."""
        from sqlalchemy import select

        from offsite.store.room.replica import key_columns, table, write_rows

        leader_id, leader_uid = leader
        with (
            self._failures_translated(),
            self._sync_lock,
            self.server.connect() as server,
            server.begin(),
            self.file_engine.begin() as replica,
        ):
            rows: dict[str, set[tuple[Any, ...]]] = {}
            present: dict[str, dict[tuple[Any, ...], dict[str, Any]]] = {}
            for name, column in tables.items():
                tbl = table(name)
                who = leader_uid if column.endswith("_uid") else leader_id
                keys = key_columns(name)
                mine = tbl.c[column] == who
                on_server = {
                    tuple(row[k] for k in keys): dict(row)
                    for row in server.execute(select(tbl).where(mine)).mappings()
                }
                here = {tuple(row) for row in replica.execute(select(*(tbl.c[k] for k in keys)).where(mine))}
                rows[name] = set(on_server) | here
                present[name] = on_server
            write_rows(replica, rows, present)

    def _save_state(self, *, now: bool = False) -> None:
        """Keep how far the replica has read, at most every few seconds (and on close): reading a
        change again is harmless, so a crash costs a few rows read twice, not an fsync per edit."""
        import time

        moment = time.monotonic()
        if now or moment - self._state_saved >= _STATE_EVERY_SECONDS:
            self.state.save(self.path)
            self._state_saved = moment

    def close(self) -> None:
        if not self._closed:
            try:
                self._save_state(now=True)
            except OSError:  # a full disk or a gone folder: the next open reads those changes again
                log.warning("the room's state could not be kept", exc_info=True)
        super().close()
        if self._replica_engine is not None:
            self._replica_engine.dispose()

    def _check_writable(self) -> None:
        if self.readonly:
            raise PlanReadOnlyError(
                translate("Room", "“{plan}” is open read-only, so it cannot be changed.").format(
                    plan=self.name
                )
            )
