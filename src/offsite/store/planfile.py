"""Opening, creating and writing a plan file.

Every connection gets the same pragmas (foreign keys, WAL, full sync, busy timeout), and
every write transaction starts ``BEGIN IMMEDIATE`` so two writers never deadlock midway.
Reads use a plain deferred ``BEGIN`` so they never wait for, nor block, a writer.

Opening a plan reads its header and its schema with plain ``sqlite3``: SQLAlchemy (and Alembic,
only for a plan that needs upgrading) loads on the first write or ORM read, so a window can show a
plan read with ``read_rows`` before either is imported. The integrity check (``quick_check``,
which reads every page) runs at open by default; the app defers it to ``check_integrity`` on a
worker thread, once the plan is on screen.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from offsite.domain.errors import (
    DiskFullError,
    NotAPlanError,
    OffsiteError,
    PlanBusyError,
    PlanReadOnlyError,
    PlanSignedError,
)
from offsite.domain.language import QT_TRANSLATE_NOOP, translate
from offsite.store import reading
from offsite.store.fileformat import ALEMBIC_HEAD, APPLICATION_ID, SCHEMA_VERSION, read_header
from offsite.store.files import file_error, output_file, put_in_place, temporary_beside
from offsite.store.lock import LOCKED_VERSION_QUERY, SIGNED_MESSAGE
from offsite.store.reading import ReadSource, read_source
from offsite.store.schema import check_schema, creation_statements

if TYPE_CHECKING:  # SQLAlchemy loads on the first write or ORM read, not to open or show a plan
    from sqlalchemy import Connection, Engine
    from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000
_READ_OPTION = "offsite_read"


def configure_connection(
    dbapi_connection: sqlite3.Connection,
    *,
    readonly: bool = False,
    wal: bool = True,
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
) -> None:
    """Apply the plan file's pragmas; the only SQLite-specific statements outside migrations."""
    dbapi_connection.isolation_level = None  # we issue BEGIN ourselves (see _begin)
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
    cursor.execute("PRAGMA foreign_keys = ON")
    # A plan is data someone may have sent: its triggers and views may not call functions with
    # side effects (store.schema refuses any trigger or view Offsite did not write, besides).
    cursor.execute("PRAGMA trusted_schema = OFF")
    if readonly:
        cursor.execute("PRAGMA query_only = ON")
    else:
        cursor.execute(f"PRAGMA journal_mode = {'WAL' if wal else 'DELETE'}")
        # FULL: a commit is on the disk before the edit shows as done, even if power fails.
        cursor.execute("PRAGMA synchronous = FULL")
    cursor.close()


def _make_engine(
    path: Path,
    *,
    readonly: bool,
    wal: bool = True,
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    source: ReadSource | None = None,
) -> Engine:
    from sqlalchemy import URL, create_engine, event

    # URL.create, not a URL string: "?", "#" or "%" in a file name must stay part of the name.
    if source is not None:
        # store.reading decides how a plan is read without changing it (never plain "immutable").
        query = {**source.query, "uri": "true"}
        url = URL.create("sqlite", database=f"file:{quote(source.path.as_posix())}", query=query)
    else:
        url = URL.create("sqlite", database=path.as_posix())
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": busy_timeout_ms / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        configure_connection(dbapi_connection, readonly=readonly, wal=wal, busy_timeout_ms=busy_timeout_ms)

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        deferred = readonly or conn.get_execution_options().get(_READ_OPTION, False)
        conn.exec_driver_sql("BEGIN" if deferred else "BEGIN IMMEDIATE")

    return engine


def signed_error(name: str, version: int | None = None) -> PlanSignedError:
    """The sentence for an edit of a locked plan; ``version`` is the locked version's number."""
    if version is None:
        text = translate(
            "Files", "“{name}” is signed, so it cannot be changed. Re-open it on the Sign-off screen to edit."
        )
    else:
        text = translate(
            "Files",
            "“{name}” is signed (version {version}), so it cannot be changed. Re-open it on the Sign-off screen to edit.",
        )
    return PlanSignedError(text.format(name=name, version=version))


def translate_operational_error(
    error: BaseException, name: str, *, locked_version: int | None = None
) -> OffsiteError | None:
    """Map SQLite's failures that a user can act on to our typed errors; None for the rest.

    A lock trigger's abort (an edit of a signed plan) becomes PlanSignedError, naming
    ``locked_version`` when the caller knows it.
    """
    text = str(error).lower()
    if SIGNED_MESSAGE in text:
        return signed_error(name, locked_version)
    if "disk is full" in text or "database or disk is full" in text:
        return DiskFullError(
            translate(
                "Files",
                "The disk holding “{name}” is full, so the last change was not saved. Free some space and try again; everything shown before is safe.",
            ).format(name=name)
        )
    if "database is locked" in text or "database is busy" in text:
        return PlanBusyError(
            translate(
                "Files",
                "“{name}” is being written by another program; the change was not saved. Try again in a moment.",
            ).format(name=name)
        )
    if "readonly" in text or "read-only" in text:
        return PlanReadOnlyError(
            translate("Files", "“{name}” is open read-only, so it cannot be changed.").format(name=name)
        )
    if "malformed" in text or "not a database" in text:
        return NotAPlanError(
            translate(
                "Files", "“{name}” is damaged and cannot be read. Open an earlier copy instead."
            ).format(name=name)
        )
    return None


def _sqlalchemy_error(error: BaseException, name: str) -> bool:
    """Whether ``error`` is SQLAlchemy's ``name`` error (never true before SQLAlchemy is loaded)."""
    errors = sys.modules.get("sqlalchemy.exc")
    return errors is not None and isinstance(error, getattr(errors, name))


def _is_operational(error: BaseException) -> bool:
    return isinstance(error, sqlite3.OperationalError) or _sqlalchemy_error(error, "OperationalError")


def _is_integrity(error: BaseException) -> bool:
    return isinstance(error, sqlite3.IntegrityError) or _sqlalchemy_error(error, "IntegrityError")


def _is_damage(error: BaseException) -> bool:
    """SQLite found the file damaged where it read (the integrity check may not have run yet)."""
    database = isinstance(error, sqlite3.DatabaseError) or _sqlalchemy_error(error, "DatabaseError")
    text = str(error).lower()
    return database and ("malformed" in text or "not a database" in text)


DAMAGED = QT_TRANSLATE_NOOP("Files", "“{name}” is damaged and cannot be read. Open an earlier copy instead.")


class PlanFile:
    """An open plan: its engine (built on first use), and sessions scoped to one user action each."""

    #: Whether this is a room's plan on this laptop (``store.room.roomplan.RoomPlan``), asked
    #: without loading the room's code (and SQLAlchemy with it) for every plan opened.
    is_room = False

    def __init__(
        self,
        path: Path,
        engine: Engine | None = None,
        *,
        readonly: bool = False,
        source: ReadSource | None = None,
        name: str | None = None,
        busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    ) -> None:
        self.path = path
        #: The name sentences use: a plan being built under a temporary name is named as it will be.
        self._name = name or path.name
        self.readonly = readonly
        self._source = source
        self._busy_timeout_ms = busy_timeout_ms
        #: Built on first use (``engine``): showing a plan needs only ``read_rows``.
        self._engine = engine
        self._engine_lock = threading.Lock()
        self._sessions: tuple[sessionmaker[Session], sessionmaker[Session]] | None = None
        #: While ``snapshot()`` runs: the one connection, in one read transaction, every read uses.
        self._snapshot: Connection | None = None
        #: While ``rows_snapshot()`` runs: its thread, and the plain connection its ``read_rows`` share.
        self._rows_snapshot: tuple[int, sqlite3.Connection] | None = None
        self._writer: Connection | None = None
        self._writer_lock = threading.Lock()
        #: Plain ``sqlite3`` connections for ``read_rows``, kept open between reads.
        self._readers: list[sqlite3.Connection] = []
        self._readers_lock = threading.Lock()
        #: The connection ``check_integrity`` reads with while it runs (``close`` interrupts it).
        self._checking: sqlite3.Connection | None = None
        self._closed = False

    @property
    def name(self) -> str:
        return self._name

    @property
    def engine(self) -> Engine:
        """The plan's SQLAlchemy engine, built (and SQLAlchemy loaded) on first use."""
        engine = self._engine
        if engine is None:
            with self._engine_lock:
                if self._engine is None:
                    self._engine = _make_engine(
                        self.path,
                        readonly=self.readonly,
                        busy_timeout_ms=self._busy_timeout_ms,
                        source=self._source,
                    )
                engine = self._engine
        return engine

    @property
    def file_engine(self) -> Engine:
        """The engine of the SQLite file itself, for what copies or checks the file (Save As, a
        checkpoint): the plan's engine, but for a hosted plan, whose file is its laptop's replica."""
        return self.engine

    def _session_makers(self) -> tuple[sessionmaker[Session], sessionmaker[Session]]:
        """(write, read) session factories, made with the engine on first use."""
        if self._sessions is None:
            from sqlalchemy.orm import sessionmaker

            engine = self.engine
            self._sessions = (
                sessionmaker(engine, expire_on_commit=False),
                sessionmaker(engine.execution_options(**{_READ_OPTION: True}), expire_on_commit=False),
            )
        return self._sessions

    @contextlib.contextmanager
    def _failures_translated(self) -> Iterator[None]:
        try:
            yield
        except Exception as error:
            if _is_operational(error) or _is_damage(error):
                translated = translate_operational_error(error, self.name)
                if translated is None:
                    raise
                raise translated from error
            # A lock trigger aborts with a constraint error (SQLITE_CONSTRAINT_TRIGGER).
            if _is_integrity(error) and SIGNED_MESSAGE in str(error).lower():
                raise signed_error(self.name, self.locked_version()) from error
            raise

    def locked_version(self) -> int | None:
        """The number of the version that locks the plan, or None when it is open for editing."""
        try:
            with self._reading() as connection:
                row = connection.execute(LOCKED_VERSION_QUERY).fetchone()
        except sqlite3.OperationalError:  # a file older than sign-off
            return None
        return None if row is None or row[0] is None else int(row[0])

    def _check_writable(self) -> None:
        if self.readonly:
            raise PlanReadOnlyError(
                translate("Files", "“{name}” is open read-only, so it cannot be changed.").format(
                    name=self.name
                )
            )

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction through the ORM: committed on leaving the block, rolled back on error."""
        self._check_writable()
        with self._failures_translated(), self._session_makers()[0].begin() as session:
            yield session

    @contextlib.contextmanager
    def write_rows(self) -> Iterator[Connection]:
        """One write transaction through SQLAlchemy Core, for verbs on the typing path.

        The ORM's unit of work costs several times SQLite's own commit; a verb that a user
        repeats as fast as they type uses prebuilt statements on the plan's one writer
        connection instead (kept open, so no pool checkout per keystroke).
        """
        self._check_writable()
        with self._writer_lock, self._failures_translated():
            if self._writer is None or self._writer.closed:
                self._writer = self.engine.connect()
            with self._writer.begin():
                yield self._writer

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only snapshot of the plan for the length of the block (of ``snapshot()``'s, inside one)."""
        if self._snapshot is not None:
            from sqlalchemy.orm import Session

            with self._failures_translated(), Session(bind=self._snapshot, expire_on_commit=False) as session:
                yield session
            return
        with self._failures_translated(), self._session_makers()[1]() as session, session.begin():
            yield session

    @contextlib.contextmanager
    def read_rows(self) -> Iterator[sqlite3.Connection]:
        """Plain ``sqlite3`` reads in one read transaction (the snapshot's, inside ``snapshot()``).

        For readers that build the plan's values straight from rows: the screens' view reads
        thousands of rows per call, and through the ORM each row would cost an object. Outside
        a snapshot the connection is a plain one kept for reads (``query_only``), so reading a plan
        loads no SQLAlchemy.
        """
        if self._snapshot is not None:
            with self._failures_translated():
                yield self._snapshot.connection.driver_connection  # type: ignore[misc]
            return
        shared = self._rows_snapshot
        if shared is not None and shared[0] == threading.get_ident():
            with self._failures_translated():
                yield shared[1]
            return
        with self._failures_translated(), self._reading() as connection:
            yield connection

    @contextlib.contextmanager
    def rows_snapshot(self) -> Iterator[None]:
        """Every ``read_rows()`` of this thread in the block reads one state of the plan, in one transaction.

        ``snapshot()`` without SQLAlchemy: what a screen reads to show itself (the plan, the agenda,
        where items came from) comes from one state even while another program writes the plan.
        """
        if self._snapshot is not None or self._rows_snapshot is not None:
            yield
            return
        with self._failures_translated(), self._reading() as connection:
            # SQLite takes the snapshot at the first read, so take it now.
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
            self._rows_snapshot = (threading.get_ident(), connection)
            try:
                yield
            finally:
                self._rows_snapshot = None

    def _connect_reader(self) -> sqlite3.Connection:
        """A plain connection that only reads the plan, with the pragmas every connection has."""
        timeout = self._busy_timeout_ms / 1000
        if self._source is not None:
            connection = sqlite3.connect(self._source.uri, uri=True, timeout=timeout, check_same_thread=False)
        else:
            connection = sqlite3.connect(self.path, timeout=timeout, check_same_thread=False)
        try:
            configure_connection(connection, readonly=True, busy_timeout_ms=self._busy_timeout_ms)
        except BaseException:
            connection.close()
            raise
        return connection

    @contextlib.contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        """One read transaction on a kept reader connection (one per thread reading at once)."""
        with self._readers_lock:
            connection = self._readers.pop() if self._readers else None
        if connection is None:
            connection = self._connect_reader()
        try:
            connection.execute("BEGIN")
            try:
                yield connection
            finally:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")  # nothing was written: query_only
        except BaseException:
            connection.close()  # in whatever state an error left it: a fresh one next time
            raise
        with self._readers_lock:
            if self._closed:
                connection.close()
            else:
                self._readers.append(connection)

    def check_integrity(self) -> None:
        """Read every page of the plan (SQLite's ``quick_check``); NotAPlanError when it is damaged.

        Safe on any thread: it reads with a connection of its own, which ``close`` interrupts.
        """
        connection = self._connect_reader()
        self._checking = connection
        # The check also asks, some sixty times as it reads, whether the plan was closed: an
        # interrupt from ``close`` between the test below and the check's start would find
        # nothing to stop. Not more often: each question takes the GIL from the window painting
        # beside the check, and a question every thousand steps took it thousands of times on a
        # large plan, slowing both.
        connection.set_progress_handler(lambda: 1 if self._closed else 0, self._check_steps())
        try:
            if self._closed:
                return
            result = connection.execute("PRAGMA quick_check").fetchone()
        except sqlite3.DatabaseError as error:
            if self._closed:  # interrupted by close(): nobody is waiting for the answer
                return
            translated = translate_operational_error(error, self.name)
            if isinstance(translated, PlanBusyError):
                raise translated from error
            raise NotAPlanError(translate("Files", DAMAGED).format(name=self.name)) from error
        finally:
            self._checking = None
            connection.close()
        if result is None or result[0] != "ok":
            raise NotAPlanError(translate("Files", DAMAGED).format(name=self.name))

    def _check_steps(self) -> int:
        """How many of SQLite's steps ``check_integrity`` takes between asking whether the plan was
        closed: about a sixtieth of the check (some 600 steps a page of 4 KiB), a thousand at least."""
        try:
            size = self.path.stat().st_size
        except OSError:
            size = 0
        return max(1_000, size // 400)

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[None]:
        """Every ``read()`` in the block sees one state of the plan: one read transaction.

        A command that reads the plan several times (an export's plan, brainstorm, sign-off...)
        wraps them in this, so a writer committing meanwhile shows in all of them or in none.
        Reads only, and on the caller's thread.
        """
        if self._snapshot is not None:
            yield
            return
        reader = self.file_engine.execution_options(**{_READ_OPTION: True})
        with self._failures_translated(), reader.connect() as conn, conn.begin():
            # SQLite takes the snapshot at the first read, so take it now.
            conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
            self._snapshot = conn
            try:
                yield
            finally:
                self._snapshot = None

    def close(self) -> None:
        self._closed = True
        checking = self._checking
        if checking is not None:
            checking.interrupt()  # an integrity check under way stops: the plan is going
        with self._writer_lock:
            if self._writer is not None:
                self._writer.close()
                self._writer = None
        with self._readers_lock:
            readers, self._readers = self._readers, []
        for reader in readers:
            reader.close()
        if self._engine is not None:
            self._engine.dispose()
        if self._source is not None:
            self._source.discard()

    def __enter__(self) -> PlanFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def connect_readonly(path: Path) -> sqlite3.Connection:
    """A raw connection that reads ``path`` in one transaction, changing nothing (see store.reading)."""
    return reading.connect(read_source(path))


def _check_sound(source: ReadSource, name: str, schema_version: int, *, integrity: bool = True) -> None:
    """Ask SQLite, read-only, whether the file has the schema Offsite writes and (``integrity``)
    is intact; NotAPlanError when not."""
    try:
        connection = reading.connect(source)
    except sqlite3.Error as error:
        raise NotAPlanError(
            translate("Files", "“{name}” cannot be read: {error}.").format(name=name, error=error)
        ) from error
    try:
        result = connection.execute("PRAGMA quick_check").fetchone() if integrity else ("ok",)
        app_id = connection.execute("PRAGMA application_id").fetchone()[0]
        if result is not None and result[0] == "ok" and app_id == APPLICATION_ID:
            check_schema(connection, schema_version, name)
    except sqlite3.DatabaseError as error:
        translated = translate_operational_error(error, name)
        if isinstance(translated, PlanBusyError):
            raise translated from error
        raise NotAPlanError(translate("Files", DAMAGED).format(name=name)) from error
    finally:
        sqlite3.Connection.close(connection)  # the caller discards a recovered copy, not this check
    if result is None or result[0] != "ok" or app_id != APPLICATION_ID:
        raise NotAPlanError(translate("Files", DAMAGED).format(name=name))


def open_plan_file(
    path: Path | str,
    *,
    readonly: bool = False,
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    check_integrity: bool = True,
) -> PlanFile:
    """Open an existing plan, upgrading an older schema in place (read-only: a private upgraded copy).

    ``busy_timeout_ms`` is how long a write waits for another writer before PlanBusyError.
    Raises NotAPlanError or PlanTooNewError, leaving the file untouched. Opened read-only, the
    plan is read as store.reading says: through SQLite's locking, never changing its bytes.
    ``check_integrity=False`` leaves the page-by-page check to the caller (``PlanFile.check_integrity``,
    e.g. on a worker thread once the plan is on screen); the header and schema are checked anyway.
    """
    path = Path(path)
    header = read_header(path)
    source = read_source(path)
    try:
        _check_sound(source, path.name, header.schema_version, integrity=check_integrity)
        if readonly and header.schema_version < SCHEMA_VERSION:
            source = _upgraded_copy(source, path.name)
    except BaseException:
        source.discard()
        raise
    if readonly:
        return PlanFile(path, readonly=True, source=source, busy_timeout_ms=busy_timeout_ms)
    source.discard()  # a writer opens the plan itself: SQLite recovers it there, as the app should
    plan = PlanFile(path, busy_timeout_ms=busy_timeout_ms)
    if header.schema_version < SCHEMA_VERSION:
        from offsite.store.migrate import upgrade  # Alembic loads only when a file needs it

        log.info("upgrading %s from schema %s", path, header.schema_version)
        upgrade(plan.engine)
        checkpoint(plan.engine)
    return plan


def _upgraded_copy(source: ReadSource, name: str) -> ReadSource:
    """An older plan, copied (one consistent state, via SQLite's backup) and upgraded in a private folder.

    A read-only command never upgrades the sender's file; it reads the plan as this version
    would hold it.
    """
    from offsite.store.migrate import upgrade

    folder = Path(tempfile.mkdtemp(prefix="offsite-upgrade-"))
    copy = ReadSource(folder / "plan.offsite", {"mode": "rw"}, copied=True, writable=True)
    try:
        original = reading.connect(source)
        try:
            target = sqlite3.connect(copy.path)
            try:
                original.backup(target)
            finally:
                target.close()
        finally:
            sqlite3.Connection.close(original)
        engine = _make_engine(copy.path, readonly=False)
        try:
            upgrade(engine)
            checkpoint(engine)
        finally:
            engine.dispose()
    except sqlite3.Error as error:
        copy.discard()
        raise NotAPlanError(
            translate(
                "Files", "“{name}” is in an older plan format that could not be read ({error})."
            ).format(name=name, error=error)
        ) from error
    except BaseException:
        copy.discard()
        raise
    finally:
        source.discard()
    return copy


def create_plan_file(
    path: Path | str, fill: Callable[[PlanFile], None] | None = None, *, exists: str | None = None
) -> PlanFile:
    """Create a new plan at ``path`` holding the latest schema and what ``fill`` writes; returns it open.

    The plan is built under a temporary name beside ``path`` and appears there whole, on the disk,
    in one step: a crash or a full disk midway leaves no half plan at ``path``. It never replaces
    anything: when ``path`` exists (or another program creates it meanwhile) OffsiteError
    ``exists`` is raised, and the other file is left as it is.
    """
    path = Path(path)
    exists = exists or translate("Files", "“{name}” already exists; choose another name.").format(
        name=path.name
    )
    output_file(path)  # a pipe, a device or a broken link in its place: refused, not replaced
    if os.path.lexists(path):
        raise OffsiteError(exists)
    temp = temporary_beside(path)
    not_written = translate(
        "Files", "The disk is full, so “{name}” was not written; free some space and try again."
    ).format(name=path.name)
    try:
        # Claim the temporary name first: a folder Offsite may not write to is said plainly here,
        # where SQLite would only say it is "unable to open database file".
        os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666))
    except OSError as error:
        raise file_error(error, path) from error
    try:
        _create_schema(temp)
        if fill is not None:
            # A file no one else can see yet is filled with a rollback journal: each page is written
            # once, not to the WAL and then again into the file, and put_in_place syncs it to the disk.
            building = PlanFile(temp, _make_engine(temp, readonly=False, wal=False), name=path.name)
            try:
                fill(building)
                _checkpoint_whole(building)
            finally:
                building.close()
            _use_wal(temp)
        if reading.sidecar(temp, "-wal").exists():
            raise DiskFullError(not_written)
        put_in_place(temp, path, exists)
    except DiskFullError as error:
        raise DiskFullError(not_written) from error
    except Exception as error:
        if not _is_operational(error):
            raise
        translated = translate_operational_error(error, path.name)
        if isinstance(translated, DiskFullError):
            raise DiskFullError(not_written) from error
        if translated is None:
            raise
        raise translated from error
    finally:
        for leftover in (temp, *(reading.sidecar(temp, s) for s in ("-wal", "-shm", "-journal"))):
            leftover.unlink(missing_ok=True)
    return PlanFile(path)


def _create_schema(path: Path) -> None:
    """Write this version's empty plan into the new file ``path``, in one transaction, running no migration.

    The schema is the one the migrations make (``store.schema.creation_statements``), stamped as
    Alembic and the header would stamp it, so the plan is the same as one migrated from the first
    format. It is written with a rollback journal, so the header that marks the file as a plan
    (application_id, user_version) is in the main file at once, not in a WAL.
    """
    statements = [
        "BEGIN IMMEDIATE",
        *creation_statements(SCHEMA_VERSION),
        f"INSERT INTO alembic_version (version_num) VALUES ('{ALEMBIC_HEAD}')",
        f"PRAGMA application_id = {APPLICATION_ID}",
        f"PRAGMA user_version = {SCHEMA_VERSION}",
        "COMMIT",
    ]
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        configure_connection(connection, wal=False)
        connection.executescript(";\n".join(statements) + ";")
    finally:
        connection.close()


def _use_wal(path: Path) -> None:
    """Mark the finished file as written with a WAL, as every plan in use is (its header says so)."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode = WAL").close()
    finally:
        connection.close()  # the last connection: the WAL file goes with it


def _checkpoint_whole(plan: PlanFile) -> None:
    """Everything written so far into the main file (the file is moved into place without its -wal)."""
    connection = plan.engine.raw_connection()
    try:
        busy, log_frames, copied = connection.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        connection.close()
    if busy or log_frames != copied:
        raise OffsiteError(
            translate("Files", "“{name}” could not be finished ({copied} of {pages} pages written).").format(
                name=plan.name, copied=copied, pages=log_frames
            )
        )


def checkpoint(engine: Engine) -> None:
    """Move everything in the WAL into the main file, so the header on disk is current.

    Runs on the bare DB-API connection: SQLAlchemy would first open a transaction (our
    ``BEGIN IMMEDIATE``), and SQLite refuses to checkpoint inside one ("database table is locked").
    """
    connection = engine.raw_connection()
    try:
        connection.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)").close()
    finally:
        connection.close()
