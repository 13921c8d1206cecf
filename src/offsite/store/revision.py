"""A draft's revision: how many rows the leader's edits have written, kept by the database itself.

A leader may hand over an early copy of their draft after a later one was merged (an old
e-mail attachment, a USB stick). Both copies carry the same draft identity; the revision tells
them apart, so a merge can refuse the older one instead of quietly undoing what the later one
brought. Triggers on every table a leader drafts in add one to ``draft.revision`` for each row
written, so no verb, import or raw edit can forget it; they exist in draft files only.

A migration that rebuilds a table of a draft (SQLite batch mode drops its triggers) calls
``install`` again after, as it calls ``lock_statements`` for the lock.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, text

from offsite.store.lock import SIGNOFF_TABLES, trigger_statements

#: Tables a draft's edits do not count in: the marking itself, and records of the room.
_NOT_DRAFTED = frozenset({"draft", "draft_base", "merge_record", "alembic_version"}) | SIGNOFF_TABLES


def drafted_tables(names: Iterable[str]) -> list[str]:
    return sorted(n for n in names if n not in _NOT_DRAFTED and not n.startswith("sqlite_"))


def trigger_name(table: str, operation: str) -> str:
    return f"offsite_revision_{operation}_{table}"


def revision_statements(table: str) -> list[str]:
    """The statements that (re)create the three revision triggers of one table of a draft."""
    return trigger_statements(
        table, trigger_name, "AFTER", "BEGIN UPDATE draft SET revision = revision + 1; END"
    )


def install(connection: Connection) -> None:
    """Give every drafted table of this file its revision triggers (inside the caller's transaction)."""
    names = connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'").scalars()
    for table in drafted_tables(names):
        for statement in revision_statements(table):
            connection.execute(text(statement))
