"""A record's plain fields and single references, mapped to its row's columns from ``data``'s declaration.

A field of a record in ``offsite.store.document.data`` whose kind is a plain value (text, number,
date, flag, one of a few words) is the row's column of the same name; a reference to one record
(``Ref``) is the row's ``<field>_id`` column, the local id of the row it names. So a field added to
such a record is read and written by declaring it, and adding its column: nothing here changes.
Lists, links and nested records (an objective's teams, metrics) are the reader's and writer's own.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from offsite.store.document import fields as kinds
from offsite.store.document.data import Record

#: The local id of the row of a record class (named as ``Ref.target`` names it) with that uid.
IdOf = Callable[[str, str | None], int | None]
#: The uid of the row of a record class with that local id.
UidOf = Callable[[str, int | None], str | None]

_PLAIN = (kinds.Text, kinds.Number, kinds.Day, kinds.Flag, kinds.Choice)


@cache
def _columns(record: type[Record]) -> tuple[tuple[str, str, kinds.Kind], ...]:
    """(field, column, kind) of each plain field and single reference of ``record``, in declared order."""
    found: list[tuple[str, str, kinds.Kind]] = []
    for name, info in record.model_fields.items():
        kind = next((m for m in info.metadata if isinstance(m, kinds.Kind)), None)
        if isinstance(kind, kinds.Ref):
            found.append((name, f"{name}_id", kind))
        elif isinstance(kind, _PLAIN):
            found.append((name, name, kind))
    return tuple(found)


def number_out(value: float | None) -> float | int | None:
    """Whole numbers are written without “.0”, as a person would write them; both read back alike."""
    if value is None:
        return None
    if math.isfinite(value) and value.is_integer() and abs(value) < kinds.LARGEST_EXACT_INTEGER:
        return int(value)
    return value


def _out(kind: kinds.Kind, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(kind, kinds.Number):
        return number_out(value)
    if isinstance(kind, kinds.Day):
        return value.isoformat()
    if isinstance(kind, kinds.Flag):
        return bool(value)
    return value


def _in(kind: kinds.Kind, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(kind, kinds.Number):
        return float(value)
    if isinstance(kind, kinds.Day):
        return dt.date.fromisoformat(value)
    if isinstance(kind, kinds.Flag):
        return bool(value)
    return value


def record_of(record: type[Record], row: Any, uid_of: UidOf, **parts: Any) -> dict[str, Any]:
    """``row`` as the document's ``record``, fields in declared order: each plain field from its
    column, each reference as the uid of the row it names, ``uid`` and the rest (lists, links,
    nested records) from ``parts``."""
    values = {"uid": row.uid, **parts}
    for name, column, kind in _columns(record):
        value = getattr(row, column)
        if isinstance(kind, kinds.Ref):
            values[name] = uid_of(kind.target, value)
        else:
            values[name] = _out(kind, value)
    return {name: values[name] for name in record.model_fields if name in values}


def columns_of(record: type[Record], values: Mapping[str, Any], id_of: IdOf) -> dict[str, Any]:
    """A validated document's ``record`` as its row's columns (plain fields and references only)."""
    return {
        column: id_of(kind.target, values[name]) if isinstance(kind, kinds.Ref) else _in(kind, values[name])
        for name, column, kind in _columns(record)
    }
