"""Values read straight from a plan's rows with plain ``sqlite3``, as SQLAlchemy's column types would give them.

SQLite keeps whatever a column is given, and a plan file may come from anywhere: a reader built on
``RowReader`` turns a stored value into the value the plan means, or refuses the file as damaged
with a sentence that names the value (never shows it, never crashes on it).
"""

from __future__ import annotations

import datetime as dt
import enum
import sqlite3
from collections.abc import Iterable
from typing import Any, TypeVar

from offsite.domain.errors import NotAPlanError
from offsite.domain.language import QT_TRANSLATE_NOOP, translate

_E = TypeVar("_E", bound=enum.Enum)

#: What a column of each storage kind holds, as a damaged-file message names it: the same words
#: whether a value is refused by a plain read or by the plan view's check of a whole table.
#: Marked for translation here, translated where the message is made (``RowReader.damaged``).
STORED_AS = {
    "integer": QT_TRANSLATE_NOOP("PlanDocument", "an id"),
    "text": QT_TRANSLATE_NOOP("PlanDocument", "a text"),
    "number": QT_TRANSLATE_NOOP("PlanDocument", "a number"),
}


class RowReader:
    """Reads rows into values on one connection, in one read transaction, for the plan named ``name``."""

    def __init__(self, rows: sqlite3.Connection, name: str) -> None:
        self.rows, self.name = rows, name
        self._members: dict[type[Any], dict[Any, Any]] = {}

    def damaged(self, what: str, value: object) -> NotAPlanError:
        """``what`` (a value's kind, "a date") is the source text marked where it is written."""
        shown = translate("PlanDocument", "binary data") if isinstance(value, bytes) else str(value)[:40]
        return NotAPlanError(
            translate(
                "PlanDocument",
                "“{name}” holds {what} Offsite cannot read (“{value}”), so it may be damaged. "
                "Run “offsite check {name}” to list its problems.",
            ).format(name=self.name, what=translate("PlanDocument", what), value=shown)
        )

    def text(self, value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, str):
            return value
        raise self.damaged(STORED_AS["text"], value)

    def integer(self, value: Any) -> int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise self.damaged(STORED_AS["integer"], value)

    def number(self, value: Any) -> float | None:
        if value is None:
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        raise self.damaged(STORED_AS["number"], value)

    def date(self, value: Any) -> dt.date | None:
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            raise self.damaged(QT_TRANSLATE_NOOP("PlanDocument", "a date"), value) from None

    def datetime(self, value: Any) -> dt.datetime:
        try:
            return dt.datetime.fromisoformat(value)
        except (TypeError, ValueError):
            raise self.damaged(QT_TRANSLATE_NOOP("PlanDocument", "a time"), value) from None

    def known(self, kind: type[_E], value: Any, what: str) -> _E:
        """The member of ``kind`` stored as ``value``; a value this version does not know means a damaged file.

        ``what`` names the value ("metric direction"): a source text marked for translation where it
        is written, or a table's and column's name, which no catalogue holds and so stays as it is.
        """
        members = self._members.get(kind)
        if members is None:
            members = self._members[kind] = {member.value: member for member in kind}
        found: _E | None = members.get(value)
        if found is not None:
            return found
        raise NotAPlanError(
            translate(
                "PlanDocument",
                "“{name}” holds a {what} Offsite does not know (“{value}”), so it may be damaged. "
                "Run “offsite check {name}” to list its problems.",
            ).format(name=self.name, what=translate("PlanDocument", what), value=value)
        )


def in_ids(column: str, ids: Iterable[int] | None) -> tuple[str, tuple[int, ...]]:
    """`` WHERE column IN (?, …)`` and its arguments for ``ids``; nothing for None (every row)."""
    if ids is None:
        return "", ()
    args = tuple(ids)
    return f" WHERE {column} IN ({', '.join('?' * len(args))})", args
