"""The lock of a signed plan, kept by the database itself so that no verb can forget it.

A plan is locked while some frozen version has not been re-opened. Every content table carries
three triggers (before insert, update and delete) that abort with ``SIGNED_MESSAGE`` while it
is; ``PlanFile`` turns that into PlanSignedError. Only the sign-off tables stay writable.

The lock state is derived from the versions and reopenings, not kept in a flag of its own, so
it cannot disagree with them: freezing locks, re-opening unlocks, undoing a freeze unlocks.

A migration that adds a content table calls ``lock_statements`` for it; one that rebuilds a
table (SQLite batch mode drops the old one, and its triggers with it) calls it again after.
tests/store/test_store_migrations.py fails for any content table without its triggers.

The same migrations build a room's plan on PostgreSQL (``offsite.store.room.schema``), so the
statements come in both dialects: on PostgreSQL the three triggers of a table, of the same names,
call one plpgsql function, ``offsite_lock()``, that raises ``SIGNED_MESSAGE`` under the same
condition.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

#: What the triggers abort with; PlanFile recognises it and raises PlanSignedError.
SIGNED_MESSAGE = "offsite: plan is signed"

#: The tables a locked plan still writes: the sign-off record itself, the leaders' survey and the
#: parking lot (a record of the room, not of the plan). Every other table of the plan is content, and locked.
SIGNOFF_TABLES = frozenset({"plan_version", "signature", "reopening", "survey_rating", "parking_item"}) | {
    "signature_withdrawal",  # a signature taken back while the version awaits the others
    "agenda_item",  # the agenda of the day, like the parking lot: the room's record
    "agenda_day",
    # After the offsite: progress tracked against the signed plan, never part of it.
    "check_in",
    "import_mapping",
    "objective_review",
    "win",
    "alignment_reading",
    "previous_cycle",
}

#: Tables that are no part of the plan (Alembic's own bookkeeping, SQLite's internals).
_NOT_PLAN = frozenset({"alembic_version"})

OPERATIONS = ("insert", "update", "delete")

#: True while some version has not been re-opened: the plan is signed (or frozen, awaiting signatures).
LOCKED_CONDITION = (
    "EXISTS (SELECT 1 FROM plan_version AS v "
    "WHERE NOT EXISTS (SELECT 1 FROM reopening AS r WHERE r.version_id = v.id))"
)

#: The number of the version that locks the plan; NULL when it is open for editing.
LOCKED_VERSION_QUERY = (
    "SELECT max(v.number) FROM plan_version AS v "
    "WHERE NOT EXISTS (SELECT 1 FROM reopening AS r WHERE r.version_id = v.id)"
)


def is_content_table(name: str) -> bool:
    return name not in SIGNOFF_TABLES and name not in _NOT_PLAN and not name.startswith("sqlite_")


def content_tables(names: Iterable[str]) -> list[str]:
    return sorted(name for name in names if is_content_table(name))


def trigger_name(table: str, operation: str) -> str:
    return f"offsite_lock_{operation}_{table}"


#: The PostgreSQL function every lock trigger calls (a plpgsql trigger runs a function, not a body).
LOCK_FUNCTION = "offsite_lock"

#: It returns the row a BEFORE trigger lets through: OLD for a delete (NEW is NULL there), else NEW.
_LOCK_FUNCTION_STATEMENT = f"""CREATE OR REPLACE FUNCTION {LOCK_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF {LOCKED_CONDITION} THEN
        RAISE EXCEPTION '{SIGNED_MESSAGE}';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END
$$"""


def lock_statements(table: str, dialect: str) -> list[str]:
    """The statements that (re)create the three lock triggers of one content table.

    ``dialect`` is the connection's (``op.get_bind().dialect.name`` in a migration): "sqlite" or
    "postgresql".
    """
    if dialect == "postgresql":
        statements = [_LOCK_FUNCTION_STATEMENT]
        for operation in OPERATIONS:
            name = trigger_name(table, operation)
            statements += [
                f'DROP TRIGGER IF EXISTS "{name}" ON "{table}"',
                f'CREATE TRIGGER "{name}" BEFORE {operation.upper()} ON "{table}" '
                f"FOR EACH ROW EXECUTE FUNCTION {LOCK_FUNCTION}()",
            ]
        return statements
    return trigger_statements(
        table,
        trigger_name,
        "BEFORE",
        f"WHEN {LOCKED_CONDITION} BEGIN SELECT RAISE(ABORT, '{SIGNED_MESSAGE}'); END",
    )


def unlock_statements(table: str, dialect: str) -> list[str]:
    """The statements that drop the lock triggers of one table (a downgrade to before the lock)."""
    on = f' ON "{table}"' if dialect == "postgresql" else ""
    return [f'DROP TRIGGER IF EXISTS "{trigger_name(table, operation)}"{on}' for operation in OPERATIONS]


def trigger_statements(table: str, name_of: Callable[[str, str], str], timing: str, action: str) -> list[str]:
    """DROP and CREATE of one trigger per operation on ``table``, named by ``name_of(table, operation)``.

    ``timing`` is BEFORE or AFTER; ``action`` is the rest of the trigger (an optional WHEN, then
    BEGIN … END). The lock and a draft's revision counter both use it, so their triggers cover the
    same operations and are rebuilt the same way.
    """
    statements = []
    for operation in OPERATIONS:
        name = name_of(table, operation)
        statements += [
            f'DROP TRIGGER IF EXISTS "{name}"',
            f'CREATE TRIGGER "{name}" {timing} {operation.upper()} ON "{table}" {action}',
        ]
    return statements
