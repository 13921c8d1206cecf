"""A record's plain fields and single references, mapped to its row's columns from ``data``'s declaration.

A field of a record in ``offsite.store.document.data`` whose kind is a plain value (text, number,
date, flag, one of a few words) is the row's column of the same name; a reference to one record
(``Ref``) is the row's ``<field>_id`` column, the local id of the row it names. So a field added to
such a record is read and written by declaring it, and adding its column: nothing here changes.
Lists, links and nested records (an objective's teams, metrics) are the reader's and writer's own.

The same declaration says which columns a user changes by the one edit verb
(``offsite.services.changes.update_fields``), and the rule each typed value is held to
(:func:`editable_columns`): every plain field and single reference of a record that is ``edited``,
unless marked ``Fixed``; a field's rule is the one its kind implies, or its ``Edit``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from offsite.domain import rules
from offsite.store.document import fields as kinds
from offsite.store.document.data import Record

#: The local id of the row of a record class (named as ``Ref.target`` names it) with that uid.
IdOf = Callable[[str, str | None], int | None]
#: The uid of the row of a record class with that local id.
UidOf = Callable[[str, int | None], str | None]

_PLAIN = (kinds.Text, kinds.Number, kinds.Day, kinds.Flag, kinds.Choice, kinds.Whole)


def kind_of(info: Any) -> kinds.Kind | None:
    """The kind a field of a record is declared with (its ``FieldInfo``), if any."""
    return next((m for m in info.metadata if isinstance(m, kinds.Kind)), None)


@cache
def _columns(record: type[Record]) -> tuple[tuple[str, str, kinds.Kind], ...]:
    """(field, column, kind) of each plain field and single reference of ``record``, in declared order."""
    found: list[tuple[str, str, kinds.Kind]] = []
    for name, info in record.model_fields.items():
        kind = kind_of(info)
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


def _date_out(value: dt.date) -> str:
    return value.isoformat()


def _as_is(value: Any) -> Any:
    return value


def _converter(kind: kinds.Kind, out: bool) -> Callable[[Any], Any]:
    """How a non-null value of ``kind`` goes from its column to the document (``out``) or back."""
    if isinstance(kind, kinds.Number):
        return number_out if out else float
    if isinstance(kind, kinds.Day):
        return _date_out if out else dt.date.fromisoformat
    if isinstance(kind, kinds.Flag):
        return bool
    return _as_is


@cache
def _converted(
    record: type[Record], out: bool
) -> tuple[tuple[str, str, str | None, Callable[[Any], Any]], ...]:
    """(field, column, the record class a reference names or None, converter) of ``_columns``, for
    reading (``out``: column to document) or writing, worked out once: a plan of thousands of
    objectives converts every row through it."""
    return tuple(
        (name, column, kind.target if isinstance(kind, kinds.Ref) else None, _converter(kind, out))
        for name, column, kind in _columns(record)
    )


def record_of(record: type[Record], row: Mapping[Any, Any], uid_of: UidOf, **parts: Any) -> dict[str, Any]:
    """``row`` (its columns by name) as the document's ``record``, fields in declared order: each
    plain field from its column, each reference as the uid of the row it names, ``uid`` and the
    rest (lists, links, nested records) from ``parts``."""
    values = {"uid": row["uid"], **parts}
    for name, column, target, convert in _converted(record, out=True):
        value = row[column]
        if target is not None:
            values[name] = uid_of(target, value)
        else:
            values[name] = None if value is None else convert(value)
    return {name: values[name] for name in record.model_fields if name in values}


def _no_references(target: str, uid: str | None) -> int | None:
    raise ValueError(f"a reference to a {target} needs the ids of the rows it may name")


def columns_of(
    record: type[Record], values: Mapping[str, Any], id_of: IdOf = _no_references
) -> dict[str, Any]:
    """A validated document's ``record`` as its row's columns (plain fields and references only);
    ``id_of`` resolves its references (a record of none needs it not)."""
    columns: dict[str, Any] = {}
    for name, column, target, convert in _converted(record, out=False):
        value = values[name]
        if target is not None:
            columns[column] = id_of(target, value)
        else:
            columns[column] = None if value is None else convert(value)
    return columns


#: The rule a user's value of a field of each kind is held to, where the field does not say (``Edit``).
_RULES: tuple[tuple[type[kinds.Kind], str], ...] = (
    (kinds.Text, rules.TEXT),
    (kinds.Number, rules.NUMBER),
    (kinds.Day, rules.DATE),
)
#: The rule of a reference a user changes, by the record class it names.
REFERENCE_RULES = {"Team": rules.TEAM_REF, "Leader": rules.LEADER_REF}


def _rule(record: type[Record], name: str, info: Any) -> str | None:
    """The rule a user's value of ``record``'s field ``name`` is held to; None: not changed by the verb."""
    if any(isinstance(m, kinds.Fixed) for m in info.metadata):
        return None
    kind = kind_of(info)
    if kind is None or not isinstance(kind, (*_PLAIN, kinds.Ref)):
        return None  # an identity, a moment, a list: never typed into one field
    edit = next((m for m in info.metadata if isinstance(m, kinds.Edit)), None)
    if edit is not None:
        return edit.shape
    if isinstance(kind, kinds.Flag):
        return rules.MAYBE_BOOL if kind.nullable else rules.BOOL
    if isinstance(kind, kinds.Ref) and kind.target in REFERENCE_RULES:
        return REFERENCE_RULES[kind.target]
    found = next((rule for cls, rule in _RULES if isinstance(kind, cls)), None)
    if found is None:
        raise TypeError(
            f"{record.__name__}.{name} is edited, yet its kind says no rule: "
            "give it Edit(<a shape of offsite.domain.rules>), or mark it Fixed()"
        )
    return found


def _nested(info: Any) -> type[Record] | None:
    """The record a field holds one of (a candidate's SMART check), if it does."""
    held = info.annotation
    return held if isinstance(held, type) and issubclass(held, Record) else None


@cache
def editable_columns(record: type[Record]) -> dict[str, str]:
    """The columns of ``record``'s row a user changes by the one edit verb, each with its rule (a
    shape of ``offsite.domain.rules``), as ``record`` declares them; empty for a record not ``edited``.

    A reference is its ``<field>_id`` column; a record held once is flattened into the row
    (``smart.specific.note`` is ``smart_specific_note``; a held ``value`` is the column itself:
    ``smart_specific``).
    """
    if not record.edited:
        return {}
    found: dict[str, str] = {}
    for name, info in record.model_fields.items():
        inner = _nested(info)
        if inner is not None:
            for column, held_rule in editable_columns(inner).items():
                found[name if column == "value" else f"{name}_{column}"] = held_rule
            continue
        rule = _rule(record, name, info)
        if rule is not None:
            found[f"{name}_id" if isinstance(kind_of(info), kinds.Ref) else name] = rule
    return found
