"""A laptop's replica of a hosted plan: an ordinary plan file, brought up to the server's change log.

The screens read the replica (a SQLite plan file, as fast as any plan and readable offline); the
server is the plan. ``apply_changes`` copies the rows the server's change log names since the
replica's last change, as they stand on the server now, in one SQLite transaction, and says
which rows of which tables it touched, so the window patches those rows alone.

The server already kept the plan's rules (its lock, its foreign keys, its roles), so the replica
takes what the server holds: rows are applied parents first, deletions children first, with the
foreign keys checked at the commit; a lock trigger that would refuse a row the server has (the
replica is behind a freeze or a re-opening) is stood aside for the transaction.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Table, and_, bindparam, delete, or_, select, tuple_
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from offsite.store.lock import SIGNED_MESSAGE, content_tables, lock_statements, unlock_statements
from offsite.store.models import Base

#: Sign-off rows whose arrival unlocks the plan (a re-opening) or whose arrival locks it (a version).
_UNLOCKS = "reopening"
_LOCKS = "plan_version"


@dataclasses.dataclass(frozen=True)
class Applied:
    """What one ``copy_rows`` did: the keys it wrote or removed, by table, and the last change."""

    rows: Mapping[str, frozenset[tuple[Any, ...]]]
    last_seq: int


def table(name: str) -> Table:
    return Base.metadata.tables[name]


def key_columns(name: str) -> list[str]:
    return [column.name for column in table(name).primary_key.columns]


def _key_of(name: str, key: Mapping[str, Any] | str) -> tuple[Any, ...]:
    values = json.loads(key) if isinstance(key, str) else key
    return tuple(values[column] for column in key_columns(name))


def latest(changes: Iterable[Any]) -> tuple[dict[str, set[tuple[Any, ...]]], int]:
    """The rows ``changes`` name, by table (each row once, whatever happened to it), and the last seq."""
    rows: dict[str, set[tuple[Any, ...]]] = {}
    last = 0
    for change in changes:
        if change.table in Base.metadata.tables:
            rows.setdefault(change.table, set()).add(_key_of(change.table, change.key))
        last = max(last, int(change.seq))
    return rows, last


def _where_keys(tbl: Table, keys: Sequence[tuple[Any, ...]]) -> Any:
    columns = list(tbl.primary_key.columns)
    if len(columns) == 1:
        return columns[0].in_([key[0] for key in keys])
    if len(keys) > 200:
        return tuple_(*columns).in_(keys)
    return or_(
        *(and_(*(column == value for column, value in zip(columns, key, strict=True))) for key in keys)
    )


def fetch_rows(
    server: Connection, rows: Mapping[str, set[tuple[Any, ...]]]
) -> dict[str, dict[tuple[Any, ...], dict[str, Any]]]:
    """The rows named, as the server holds them now, by table and key; a row gone is left out."""
    found: dict[str, dict[tuple[Any, ...], dict[str, Any]]] = {}
    for name, keys in rows.items():
        tbl = table(name)
        names = key_columns(name)
        ordered = sorted(keys, key=repr)
        present: dict[tuple[Any, ...], dict[str, Any]] = {}
        for start in range(0, len(ordered), 500):
            chunk = ordered[start : start + 500]
            for row in server.execute(select(tbl).where(_where_keys(tbl, chunk))).mappings():
                present[tuple(row[column] for column in names)] = dict(row)
        found[name] = present
    return found


def write_rows(
    replica: Connection,
    rows: Mapping[str, set[tuple[Any, ...]]],
    present: Mapping[str, Mapping[tuple[Any, ...], Mapping[str, Any]]],
) -> None:
    """Make the replica hold ``present`` for every key of ``rows`` (absent keys are deleted), in the
    caller's transaction; the lock triggers stand aside if they would refuse the server's rows."""
    replica.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    savepoint = replica.begin_nested()
    try:
        _write(replica, rows, present)
        savepoint.commit()
    except Exception as error:
        savepoint.rollback()
        if SIGNED_MESSAGE not in str(error):
            raise
        names = content_tables(Base.metadata.tables)
        for name in names:
            for statement in unlock_statements(name, "sqlite"):
                replica.exec_driver_sql(statement)
        _write(replica, rows, present)
        for name in names:
            for statement in lock_statements(name, "sqlite"):
                replica.exec_driver_sql(statement)


def _write(
    replica: Connection,
    rows: Mapping[str, set[tuple[Any, ...]]],
    present: Mapping[str, Mapping[tuple[Any, ...], Mapping[str, Any]]],
) -> None:
    order = [tbl.name for tbl in Base.metadata.sorted_tables if tbl.name in rows]
    # A re-opening's arrival unlocks the plan: it goes first; a version's arrival locks it: last.
    first = [name for name in order if name == _UNLOCKS]
    last = [name for name in order if name == _LOCKS]
    middle = [name for name in order if name not in (_UNLOCKS, _LOCKS)]
    # Gone rows, children first; then the rows the server has, parents first.
    for name in reversed(last + middle + first):
        gone = [key for key in rows[name] if key not in present.get(name, {})]
        if gone:
            tbl = table(name)
            replica.execute(delete(tbl).where(_where_keys(tbl, gone)))
    for name in first + middle + last:
        values = list(present.get(name, {}).values())
        if not values:
            continue
        tbl = table(name)
        keys = key_columns(name)
        _clear_the_way(replica, tbl, keys, values)
        statement = sqlite_insert(tbl)
        others = {
            column.name: statement.excluded[column.name] for column in tbl.columns if column.name not in keys
        }
        if others:
            statement = statement.on_conflict_do_update(index_elements=keys, set_=others)
        else:
            statement = statement.on_conflict_do_nothing(index_elements=keys)
        replica.execute(statement, values)


def unique_column_sets(tbl: Table) -> list[list[str]]:
    """The column sets of ``tbl`` that no two rows may share, besides its primary key."""
    from sqlalchemy import UniqueConstraint

    sets = [
        [c.name for c in constraint.columns]
        for constraint in tbl.constraints
        if isinstance(constraint, UniqueConstraint)
    ]
    sets += [[c.name for c in index.columns] for index in tbl.indexes if index.unique]
    sets += [[column.name] for column in tbl.columns if column.unique]
    primary = [column.name for column in tbl.primary_key.columns]
    return [list(names) for names in dict.fromkeys(tuple(names) for names in sets) if list(names) != primary]


def _clear_the_way(
    replica: Connection, tbl: Table, keys: list[str], values: Sequence[Mapping[str, Any]]
) -> None:
    """Remove the replica's rows that hold a unique value one of ``values`` brings under another key.

    Such a row is stale: the server holds no two rows with the same unique values, so the server
    changed or removed it, and that change is in the log (it comes in this batch or the next).
    A check-in typed for the same metric and day on two laptops, a rating given again: without
    this, the replica would refuse the server's row.
    """
    for names in unique_column_sets(tbl):
        same = and_(*(tbl.c[name] == bindparam(f"u_{name}") for name in names))
        other = or_(*(tbl.c[key] != bindparam(f"k_{key}") for key in keys))
        parameters = [
            {**{f"u_{name}": row[name] for name in names}, **{f"k_{key}": row[key] for key in keys}}
            for row in values
            if all(row.get(name) is not None for name in names)
        ]
        if parameters:
            replica.execute(delete(tbl).where(same, other), parameters)


def copy_rows(server: Connection, replica: Connection, changes: Sequence[Any]) -> Applied:
    """Bring the replica up to ``changes`` (read on ``server``) in the caller's replica transaction."""
    rows, last = latest(changes)
    if rows:
        write_rows(replica, rows, fetch_rows(server, rows))
    return Applied({name: frozenset(keys) for name, keys in rows.items()}, last)
