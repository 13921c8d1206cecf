"""The plan's schema on a room's PostgreSQL server, and the room's change log.

While a room lasts its plan lives on PostgreSQL. ``create_plan_schema`` builds it with the same
Alembic migrations as a plan file (so the same tables, and the same lock: plpgsql triggers that
raise ``store.lock.SIGNED_MESSAGE`` on a signed plan's content; ``is_signed_error`` recognises it).

``install_change_log`` makes every write to a plan table leave a row in ``room_change``: the
table, the row's primary key as jsonb (``{"id": 7}``, ``{"leader_id": 2, "candidate_id": 9}``)
and what happened (``I``, ``U``, ``D``). Each laptop keeps ``last_change`` and asks for
``changes_since`` it when ``LISTEN offsite_room`` wakes it, then copies just those rows.

Two things make that safe to read by ``seq > last``:

- The logging function takes one transaction-scoped advisory lock before it takes a ``seq``, so
  writers of the plan take turns: a transaction that logs waits for the one logging before it
  to commit (or roll back). ``seq`` order is therefore commit order, and a reader that saw
  ``seq`` N has seen every change before it: none commits later with a smaller number.
- ``pg_notify`` is called with the same channel and payload for every row; PostgreSQL sends one
  notification per committed transaction (identical ones fold) and none for a rolled-back one.

The function is SECURITY DEFINER: a leader's role, which may write only their own rows and never
``room_change``, still logs what it writes.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from sqlalchemy import Connection, String, text
from sqlalchemy import literal as literal_value

from offsite.store.lock import SIGNED_MESSAGE
from offsite.store.migrate import upgrade_connection
from offsite.store.models import Base
from offsite.store.room import RESTORABLE, RESTORE_FUNCTION

#: The channel every write notifies and every laptop listens on.
CHANNEL = "offsite_room"

#: The change log's table, its logging function, and the trigger each plan table calls it by.
CHANGE_TABLE = "room_change"
LOG_FUNCTION = "offsite_room_log"
LOG_TRIGGER = "offsite_room_change"

#: The advisory lock that makes writers take turns (any constant; this one spells "offsite").
LOG_LOCK = 0x0FF5173

#: What ``op`` holds: a row inserted, updated or deleted.
INSERTED, UPDATED, DELETED = "I", "U", "D"

#: Tables that are no part of the plan, and so never logged.
_NOT_LOGGED = frozenset({"alembic_version", CHANGE_TABLE})


@dataclasses.dataclass(frozen=True)
class RoomChange:
    """One logged write: row ``key`` (its primary key's columns and values) of ``table`` was ``op``."""

    seq: int
    table: str
    key: dict[str, Any]
    op: str


def create_plan_schema(connection: Connection) -> None:
    """Build the plan's tables and lock on an empty PostgreSQL database (Alembic ``upgrade head``).

    Runs in the caller's transaction when it has begun one; otherwise Alembic commits its own.
    """
    if connection.dialect.name != "postgresql":
        raise ValueError(f"a room's plan lives on PostgreSQL, not {connection.dialect.name}")
    upgrade_connection(connection, "head")


def logged_tables() -> dict[str, list[str]]:
    """Every plan table the change log covers, with the columns of its primary key, in key order."""
    return {
        name: [column.name for column in table.primary_key.columns]
        for name, table in sorted(Base.metadata.tables.items())
        if name not in _NOT_LOGGED
    }


def _log_function(schema: str) -> str:
    # The key columns come as the trigger's arguments (TG_ARGV), so one function serves every table.
    # An update that changes a key logs the old key deleted and the new one inserted, so a replica
    # never keeps a row under a key the server no longer has.
    return f"""
CREATE OR REPLACE FUNCTION {LOG_FUNCTION}() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
DECLARE
    old_key jsonb := '{{}}';
    new_key jsonb := '{{}}';
    old_row jsonb;
    new_row jsonb;
    key_column text;
BEGIN
    PERFORM pg_advisory_xact_lock({LOG_LOCK});
    IF TG_OP <> 'INSERT' THEN
        old_row := to_jsonb(OLD);
        FOREACH key_column IN ARRAY TG_ARGV LOOP
            old_key := old_key || jsonb_build_object(key_column, old_row -> key_column);
        END LOOP;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        new_row := to_jsonb(NEW);
        FOREACH key_column IN ARRAY TG_ARGV LOOP
            new_key := new_key || jsonb_build_object(key_column, new_row -> key_column);
        END LOOP;
    END IF;
    IF TG_OP = 'INSERT' THEN
        INSERT INTO {CHANGE_TABLE} (table_name, row_key, op) VALUES (TG_TABLE_NAME, new_key, '{INSERTED}');
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO {CHANGE_TABLE} (table_name, row_key, op, old_row)
        VALUES (TG_TABLE_NAME, old_key, '{DELETED}', old_row);
    ELSIF old_key = new_key THEN
        INSERT INTO {CHANGE_TABLE} (table_name, row_key, op) VALUES (TG_TABLE_NAME, new_key, '{UPDATED}');
    ELSE
        INSERT INTO {CHANGE_TABLE} (table_name, row_key, op) VALUES (TG_TABLE_NAME, old_key, '{DELETED}');
        INSERT INTO {CHANGE_TABLE} (table_name, row_key, op) VALUES (TG_TABLE_NAME, new_key, '{INSERTED}');
    END IF;
    PERFORM pg_notify('{CHANNEL}', '');
    RETURN NULL;
END
$$"""


def _restore_function(schema: str) -> str:
    """Put back a leader's own record exactly as it was when deleted, whoever asks.

    Removing an objective (or a leader, a candidate, a definition) takes the leaders' stances
    and dots on it with it; undoing the removal must put them back, yet the facilitator's role may
    never write a leader's record. This function may: only a row that the change log shows was
    deleted, exactly as it was (every column), and only while no row holds its key. So undo works,
    and a forged stance still cannot be made, even with ``psql``.
    """
    tables = ", ".join(f"'{name}'" for name in RESTORABLE)
    return f"""
CREATE OR REPLACE FUNCTION {RESTORE_FUNCTION}(target text, wanted jsonb) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
DECLARE
    as_deleted jsonb;
BEGIN
    IF target NOT IN ({tables}) THEN
        RAISE EXCEPTION 'offsite: % is not a record to restore', target;
    END IF;
    EXECUTE format('SELECT to_jsonb(jsonb_populate_record(NULL::%I, $1))', target) INTO as_deleted USING wanted;
    IF NOT EXISTS (
        SELECT 1 FROM {CHANGE_TABLE} WHERE table_name = target AND op = '{DELETED}' AND old_row = as_deleted
    ) THEN
        RAISE EXCEPTION 'offsite: no such record was removed' USING ERRCODE = 'insufficient_privilege';
    END IF;
    EXECUTE format('INSERT INTO %I SELECT * FROM jsonb_populate_record(NULL::%I, $1)', target, target)
        USING wanted;
END
$$"""


def install_change_log(connection: Connection) -> None:
    """Create ``room_change`` and give every plan table its logging trigger (again: it replaces them).

    Runs in the caller's transaction; the function belongs to the role that installs it (the
    facilitator's administrator), which is whose rights it logs with.
    """
    quote = connection.dialect.identifier_preparer.quote

    def literal(name: str) -> str:  # a trigger's arguments are string constants, quoted by SQLAlchemy
        return str(
            literal_value(name, String).compile(
                dialect=connection.dialect, compile_kwargs={"literal_binds": True}
            )
        )

    schema = connection.execute(text("SELECT current_schema()")).scalar_one()
    connection.execute(
        text(
            f"""CREATE TABLE IF NOT EXISTS {CHANGE_TABLE} (
                seq bigserial PRIMARY KEY,
                table_name text NOT NULL,
                row_key jsonb NOT NULL,
                op text NOT NULL CHECK (op IN ('{INSERTED}', '{UPDATED}', '{DELETED}')),
                at timestamptz NOT NULL DEFAULT now(),
                old_row jsonb
            )"""
        )
    )
    connection.execute(text(_log_function(quote(schema))))
    connection.execute(text(_restore_function(quote(schema))))
    for table, key in logged_tables().items():
        arguments = ", ".join(literal(column) for column in key)
        connection.execute(text(f"DROP TRIGGER IF EXISTS {LOG_TRIGGER} ON {quote(table)}"))
        connection.execute(
            text(
                f"CREATE TRIGGER {LOG_TRIGGER} AFTER INSERT OR UPDATE OR DELETE ON {quote(table)} "
                f"FOR EACH ROW EXECUTE FUNCTION {LOG_FUNCTION}({arguments})"
            )
        )


def changes_since(connection: Connection, seq: int) -> list[RoomChange]:
    """Every change logged after ``seq``, in the order the transactions committed."""
    rows = connection.execute(
        text(f"SELECT seq, table_name, row_key, op FROM {CHANGE_TABLE} WHERE seq > :seq ORDER BY seq"),
        {"seq": seq},
    )
    return [RoomChange(int(s), str(table), dict(key), str(op)) for s, table, key, op in rows]


def last_change(connection: Connection) -> int:
    """The ``seq`` of the last change committed, 0 before the first."""
    return int(connection.execute(text(f"SELECT coalesce(max(seq), 0) FROM {CHANGE_TABLE}")).scalar_one())


def is_signed_error(error: BaseException) -> bool:
    """Whether ``error`` is the lock refusing a write to a signed plan on PostgreSQL.

    psycopg raises ``errors.RaiseException`` for the lock's ``RAISE EXCEPTION``, and SQLAlchemy
    wraps it (``InternalError``, the driver's error in ``orig``); either is recognised, as is
    one raised from them (``raise … from``). The caller maps it to ``PlanSignedError``.
    """
    from psycopg import errors

    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, errors.RaiseException):
            return (current.diag.message_primary or "") == SIGNED_MESSAGE
        orig = getattr(current, "orig", None)
        current = orig if isinstance(orig, BaseException) else current.__cause__
    return False
