"""The plan's declared columns, read without loading the declaration.

``offsite.store.document.data`` declares the plan's records (pydantic models, ~300 ms to load);
``columns.json`` beside this module is what the plain readers and the edit verb need of it,
generated from it (``python -m offsite.store.document.columns --write``): per table, each column a
field of its record is stored in, with its storage class, and per kind of row a user edits by id,
the columns the one edit verb changes with the rule each value is held to. So the screens' plain
view (``view``) and the verbs (``offsite.services.changes``) follow the declaration, and neither
loads pydantic.

Storage classes: "text", "integer" (an id or a whole number), "number", "date" (text, YYYY-MM-DD),
"moment" (text, a date and time), "flag" (an integer, 0 or 1); "?" after one: null allowed.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

COLUMNS_PATH = Path(__file__).with_name("columns.json")


@cache
def _declared() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(COLUMNS_PATH.read_text(encoding="utf-8"))
    return loaded


def tables() -> tuple[str, ...]:
    """Every table that holds a declared record."""
    return tuple(_declared()["tables"])


def stored(table: str) -> dict[str, str]:
    """Each column of ``table`` a field of its record is stored in, with its storage class, in the
    order the record declares them. Ids, positions and links to a parent are no field: not here."""
    columns: dict[str, str] = _declared()["tables"][table]["columns"]
    return columns


def editable(kind: str) -> dict[str, str]:
    """The columns of the rows of ``kind`` (a ``Kind`` value) a user changes by the one edit verb,
    each with its rule (a shape of ``offsite.domain.rules``); empty for a record kept as made."""
    for declared in _declared()["tables"].values():
        if declared["kind"] == kind:
            found: dict[str, str] = declared["editable"]
            return found
    return {}


def references() -> dict[str, str]:
    """The kind of row (a ``Kind`` value) a reference of each rule names, checked before it is stored."""
    found: dict[str, str] = _declared()["references"]
    return found
