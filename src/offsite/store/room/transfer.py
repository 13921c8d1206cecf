"""A plan to the room's server and back: every row of every table, ids and values as they were.

``copy_to_server`` fills the plan's tables on PostgreSQL from a plan file when the room opens;
``copy_from_server`` writes the room's plan into a new plan file (a laptop's replica, or the plan
the facilitator keeps once the room closes). Both copy the same rows in the same order:

- the plan's content before its sign-off record, because the lock triggers (SQLite's, and the
  plpgsql ones on the server) refuse content while a version is frozen and not re-opened: a signed
  plan copies whole, and arrives signed (locked) as it left;
- within a table, rows by key, parents before the rows that point at them (an answer after the
  statement it answers), since the foreign keys are checked row by row;
- ids kept, so every reference holds; on the server each id sequence is then set past the
  highest id, so the next row the room adds takes a new one.

Values cross as the models type them (dates, times to the microsecond, floats, booleans, NULLs,
any text), so a plan copied there and back has the same content fingerprint.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from offsite.domain.errors import NotAPlanError, OffsiteError
from offsite.domain.language import translate
from offsite.store import lock
from offsite.store.fileformat import ALEMBIC_HEAD
from offsite.store.files import file_error, temporary_beside
from offsite.store.models import Base, Draft, Plan
from offsite.store.planfile import PlanFile, create_plan_file, open_plan_file

if TYPE_CHECKING:
    from sqlalchemy import Connection, Table

#: Rows per INSERT batch: large enough to be quick, small enough to keep memory flat.
_BATCH = 1000

Row = dict[str, Any]


class TransferError(OffsiteError):
    """The plan could not be copied to or from the room's server; the sentence says why."""


def copy_order() -> list[Table]:
    """The plan's tables in the order rows are copied: content (parents first), then the sign-off
    record and the room's own records (which may point at content, never the other way)."""
    tables = [table for table in Base.metadata.sorted_tables if table.name != "alembic_version"]
    content = [table for table in tables if lock.is_content_table(table.name)]
    signoff = [table for table in tables if not lock.is_content_table(table.name)]
    return content + signoff


def _parents_first(table: Table, rows: Sequence[Row]) -> list[Row]:
    """``rows`` (in key order) with every row after the row of the same table it points at."""
    columns = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
    if not columns:
        return list(rows)
    by_id = {row["id"]: row for row in rows}
    placed: set[Any] = set()
    entered: set[Any] = set()
    ordered: list[Row] = []
    for row in rows:
        # Depth first, parents before children; a loop (which a sound plan cannot hold) is broken
        # where it was entered, so every row is placed once.
        stack: list[tuple[Row, bool]] = [(row, False)]
        while stack:
            node, parents_placed = stack.pop()
            key = node["id"]
            if parents_placed:
                if key not in placed:
                    placed.add(key)
                    ordered.append(node)
                continue
            if key in placed or key in entered:
                continue
            entered.add(key)
            stack.append((node, True))
            for column in columns:
                parent = by_id.get(node[column])
                if parent is not None and parent["id"] not in placed:
                    stack.append((parent, False))
    return ordered


def _read_table(source: Connection, table: Table) -> list[Row]:
    from sqlalchemy import select

    result = source.execute(select(table).order_by(*table.primary_key.columns))
    return _parents_first(table, [dict(row._mapping) for row in result])


def _has_table(connection: Connection, name: str) -> bool:
    return bool(connection.dialect.has_table(connection, name))


def _check_format(connection: Connection, where: str) -> None:
    """Refuse a database whose plan is of another format than this version of Offsite writes."""
    from sqlalchemy import text

    if not _has_table(connection, "alembic_version"):
        return
    found = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    if found is not None and str(found) != ALEMBIC_HEAD:
        raise TransferError(
            translate(
                "RoomServer",
                "{where} holds a plan of format {found}, and this Offsite reads "
                "format {expected}: use the same version of Offsite on every laptop of the room.",
            ).format(where=where, found=str(found).lstrip("0") or found, expected=ALEMBIC_HEAD.lstrip("0"))
        )


def _insert(target: Connection, table: Table, rows: Sequence[Row]) -> None:
    for start in range(0, len(rows), _BATCH):
        target.execute(table.insert(), list(rows[start : start + _BATCH]))


# -- to the server -------------------------------------------------------------------------------


@contextlib.contextmanager
def _plan_rows(source: PlanFile | Path | str | Connection) -> Iterator[Connection]:
    """A connection reading the plan in one transaction: the plan's own, or one made from a path."""
    from sqlalchemy import Connection

    if isinstance(source, Connection):
        yield source
        return
    plan = source if isinstance(source, PlanFile) else open_plan_file(Path(source), readonly=True)
    try:
        with plan.read() as session:
            yield session.connection()
    finally:
        if plan is not source:
            plan.close()


def _name_of(source: PlanFile | Path | str | Connection) -> str:
    if isinstance(source, PlanFile):
        return source.name
    if isinstance(source, str | Path):
        return Path(source).name
    return "The plan"


def copy_to_server(source: PlanFile | Path | str | Connection, connection: Connection) -> dict[str, int]:
    """Copy every row of the plan ``source`` into the plan's empty tables on the server; returns the
    rows copied per table.

    ``source`` is an open plan, a plan file's path (read without changing it) or a connection to a
    plan file (read in its transaction). ``connection`` is the room's database, its tables made
    (``store.room.schema``); the copy runs in its transaction (the caller commits), and a copy that
    fails takes back every row it wrote. TransferError says why a plan cannot go: a leader's draft,
    a server holding a plan already, text PostgreSQL cannot store.
    """
    from sqlalchemy import exc, select

    name = _name_of(source)
    # The subject of the sentences below: the plan's file name in quotes, or "The plan".
    shown = (
        translate("RoomServer", "“{name}”").format(name=name)
        if name != "The plan"
        else translate("RoomServer", "The plan")
    )
    _check_format(connection, translate("RoomServer", "The room's server"))
    if not _has_table(connection, Plan.__tablename__):
        raise TransferError(
            translate(
                "RoomServer", "The room's database has no plan tables yet: make them before copying the plan."
            )
        )
    if connection.execute(select(Plan.id).limit(1)).first() is not None:
        raise TransferError(
            translate(
                "RoomServer",
                "The room's server holds a plan already: open a room in a database of its own for this plan.",
            )
        )
    copied: dict[str, int] = {}
    # A savepoint: a copy refused midway takes back its rows even if the caller commits anyway.
    with _plan_rows(source) as plan, connection.begin_nested():
        _check_format(plan, shown)
        draft = plan.execute(select(Draft.leader_name).limit(1)).first()
        if draft is not None:
            raise TransferError(
                translate(
                    "RoomServer",
                    "{plan} is {leader}’s draft, and a room hosts a plan: merge the draft into the plan "
                    "(File ▸ Merge Drafts) and open the room with the plan.",
                ).format(plan=shown, leader=draft[0])
            )
        for table in copy_order():
            rows = _read_table(plan, table)
            _check_storable(table, rows, shown)
            try:
                _insert(connection, table, rows)
            except exc.DBAPIError as error:
                reason = str(error.orig).strip().splitlines()[0] if error.orig is not None else str(error)
                raise TransferError(
                    translate(
                        "RoomServer",
                        "{plan} could not be copied to the room's server: its “{table}” rows were "
                        "refused ({reason}).",
                    ).format(plan=shown, table=table.name, reason=reason)
                ) from error
            copied[table.name] = len(rows)
        set_sequences(connection)
    return copied


def _check_storable(table: Table, rows: Sequence[Row], shown: str) -> None:
    """PostgreSQL's text cannot hold a NUL character, which a file edited outside Offsite may."""
    for row in rows:
        for column, value in row.items():
            if isinstance(value, str) and "\x00" in value:
                raise TransferError(
                    translate(
                        "RoomServer",
                        "{plan} holds a NUL character in “{column}”, which the room's server "
                        "cannot store, so it was not copied: run “offsite check” on the plan.",
                    ).format(plan=shown, column=f"{table.name}.{column}")
                )


def set_sequences(connection: Connection) -> None:
    """Set each table's id sequence past its highest id (to 1 for an empty table), so the next
    row takes a new id."""
    from sqlalchemy import text

    quote = connection.dialect.identifier_preparer.quote_identifier
    for table in copy_order():
        if "id" not in table.columns:
            continue  # keyed by its parents, as dot_vote: no sequence
        quoted = quote(table.name)
        # The table's name is quoted by SQLAlchemy, never taken from data; the server parses it
        # back from the bound text as pg_get_serial_sequence requires.
        connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence(:table, 'id'), "
                f"COALESCE((SELECT max(id) FROM {quoted}), 0) + 1, false)"
            ),
            {"table": quoted},
        )


# -- from the server -----------------------------------------------------------------------------


@contextlib.contextmanager
def _server_snapshot(connection: Connection) -> Iterator[None]:
    """Every table read from one state of the server: the caller's transaction, or a read-only
    REPEATABLE READ one of our own (a leader writing meanwhile shows in all tables or in none)."""
    if connection.in_transaction():
        yield
        return
    with connection.begin():
        connection.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def copy_from_server(connection: Connection, path: Path | str, *, replace: bool = False) -> PlanFile:
    """Write the room's plan, as the server holds it now, into a new plan file at ``path``; returns it open.

    The file is built under a temporary name in the same folder and appears whole (a crash leaves
    no half plan): with the plan schema, lock triggers and format stamp of a plan Offsite made, so
    ``open_plan_file`` opens it. It never replaces a file unless ``replace`` (a laptop refreshing
    its replica); then the old file is replaced in one step. A signed plan arrives signed.
    """
    path = Path(path)

    def fill(building: PlanFile) -> None:
        with building.write_rows() as target:
            for table in copy_order():
                _insert(target, table, _read_table(connection, table))

    with _server_snapshot(connection):
        _check_format(connection, translate("RoomServer", "The room's server"))
        if not _has_table(connection, Plan.__tablename__):
            raise NotAPlanError(
                translate("RoomServer", "The room's server holds no plan: copy one to it first.")
            )
        if not replace:
            return create_plan_file(path, fill)
        temp = temporary_beside(path)
        try:
            create_plan_file(
                temp,
                fill,
                exists=translate("RoomServer", "“{name}” is being written by another copy.").format(
                    name=path.name
                ),
            ).close()
            _keep_mode(path, temp)
            os.replace(temp, path)
        except OSError as error:
            raise file_error(error, path) from error
        finally:
            temp.unlink(missing_ok=True)
    return PlanFile(path)


def _keep_mode(path: Path, temp: Path) -> None:
    """The replaced file's permissions stay (someone may have shared it on purpose)."""
    with contextlib.suppress(OSError):
        os.chmod(temp, path.stat().st_mode & 0o7777)


def table_rows(connection: Connection) -> Mapping[str, list[Row]]:
    """Every row of every plan table behind ``connection`` (a plan file's or the server's), in copy order."""
    return {table.name: _read_table(connection, table) for table in copy_order()}
