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

What the plain readers and the edit verb need of all this is written once to a generated resource,
``columns.json`` beside this module, read by ``offsite.store.document.declared`` without loading
the declaration (pydantic): per table, each column a field of its record is stored in with its
storage class, and per kind of row, the columns a user edits with their rules.
``python -m offsite.store.document.columns --write`` regenerates it after a field is declared;
tests/store/test_store_document_declaration.py fails until it is.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable, Collection, Mapping
from functools import cache
from typing import Any, Final

from offsite.domain import rules
from offsite.domain.values import Kind
from offsite.store.document import data
from offsite.store.document import fields as kinds
from offsite.store.document.data import Record
from offsite.store.document.declared import COLUMNS_PATH

#: The local id of the row of a record class (named as ``Ref.target`` names it) with that uid.
IdOf = Callable[[str, str | None], int | None]
#: The uid of the row of a record class with that local id.
UidOf = Callable[[str, int | None], str | None]

_PLAIN = (kinds.Text, kinds.Number, kinds.Day, kinds.Flag, kinds.Choice, kinds.Whole)
#: Single values a row stores that no user types: a moment, a uid not checked, a fingerprint.
_KEPT = (kinds.Moment, kinds.LooseUid, kinds.Fingerprint)


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
        elif isinstance(kind, (*_PLAIN, *_KEPT)):
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


def moment_out(value: dt.datetime) -> str:
    """A stored moment (naive UTC, or aware) as the document writes it: ``YYYY-MM-DDTHH:MM:SS.ffffffZ``."""
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value.isoformat(timespec="microseconds") + "Z"


def moment_in(value: str) -> dt.datetime:
    """A validated document's moment as the plan file stores it: naive UTC."""
    return dt.datetime.fromisoformat(value).astimezone(dt.UTC).replace(tzinfo=None)


def _converter(kind: kinds.Kind, out: bool) -> Callable[[Any], Any]:
    """How a non-null value of ``kind`` goes from its column to the document (``out``) or back."""
    if isinstance(kind, kinds.Number):
        return number_out if out else float
    if isinstance(kind, kinds.Day):
        return _date_out if out else dt.date.fromisoformat
    if isinstance(kind, kinds.Flag):
        return bool
    if isinstance(kind, kinds.Moment):
        return moment_out if out else moment_in
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
REFERENCE_RULES = {
    "Team": rules.TEAM_REF,
    "Leader": rules.LEADER_REF,
    "Objective": rules.OBJECTIVE_REF,
    "Metric": rules.METRIC_REF,
    "Definition": rules.DEFINITION_REF,
}


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


#: The record of the plan's declaration each kind's rows hold (a stance is a buy-in entry).
KIND_RECORDS: Final[dict[Kind, type[Record]]] = {
    Kind.PLAN: data.Plan,
    Kind.TEAM: data.Team,
    Kind.LEADER: data.Leader,
    Kind.GOAL: data.CompanyGoal,
    Kind.OBJECTIVE: data.Objective,
    Kind.METRIC: data.Metric,
    Kind.STANCE: data.BuyIn,
    Kind.WHY_NODE: data.WhyNode,
    Kind.THEME: data.Theme,
    Kind.DISMISSAL: data.DismissedSuggestion,
    Kind.TEAM_GOAL: data.TeamGoal,
    Kind.FUNNEL: data.Funnel,
    Kind.SWITCH: data.TeamSwitch,
    Kind.SWITCH_ITEM: data.SwitchItem,
    Kind.EMPATHY_NOTE: data.EmpathyNote,
    Kind.CANDIDATE: data.Candidate,
    Kind.DEFINITION: data.Definition,
    Kind.DEFINITION_STANCE: data.DefinitionStance,
    Kind.AGREEMENT: data.Agreement,
    Kind.AGREEMENT_STANCE: data.AgreementStance,
    Kind.OVERLAP_RESOLUTION: data.OverlapResolution,
    Kind.VERSION: data.Version,
    Kind.SIGNATURE: data.Signature,
    Kind.REOPENING: data.Reopening,
    Kind.SURVEY_RATING: data.SurveyRating,
    Kind.PARKED: data.ParkedItem,
    Kind.AGENDA_ITEM: data.AgendaItem,
    Kind.AGENDA_DAY: data.AgendaDay,
    Kind.CHECK_IN: data.CheckIn,
    Kind.IMPORT_MAPPING: data.ImportMapping,
    Kind.OBJECTIVE_REVIEW: data.ObjectiveReview,
    Kind.WIN: data.Win,
    Kind.ALIGNMENT_READING: data.AlignmentReading,
}

#: Records held by another that have a table of their own, yet no kind a user edits by id.
HELD_TABLES: Final[dict[str, type[Record]]] = {
    "objective_origin": data.ObjectiveOrigin,
    "previous_cycle": data.PreviousCycle,
}


# -- the generated resource (``columns.json``) ---------------------------------------------------

#: The storage class of a single value of each kind, as ``declared`` names it; any other kind of
#: single value (a uid, a word, text) is stored as text.
_STORED: tuple[tuple[type[kinds.Kind], str], ...] = (
    (kinds.Ref, "integer"),
    (kinds.Whole, "integer"),
    (kinds.Flag, "flag"),
    (kinds.Number, "number"),
    (kinds.Day, "date"),
    (kinds.Moment, "moment"),
)
#: Kinds of a list of values: stored in rows of their own (links) or by the reader's own rules.
_LISTS = (kinds.Refs, kinds.Texts, kinds.Numbers)


def stored_columns(record: type[Record], table_columns: Collection[str]) -> dict[str, str]:
    """Each column of ``table_columns`` a single-valued field of ``record`` is stored in (a reference:
    ``<field>_id``), with its storage class ("text", "integer", "number", "date", "moment", "flag";
    "?" after it: null allowed), in declared order. A field stored otherwise is the reader's own."""
    found: dict[str, str] = {}
    for name, info in record.model_fields.items():
        kind = kind_of(info)
        if kind is None or isinstance(kind, _LISTS):
            continue
        column = f"{name}_id" if isinstance(kind, kinds.Ref) else name
        if column in table_columns:
            stored = next((word for cls, word in _STORED if isinstance(kind, cls)), "text")
            found[column] = stored + "?" if kind.nullable else stored
    return found


def generated() -> dict[str, Any]:
    """The resource as ``data`` declares the plan: per table, its record's stored columns (and, for
    a kind of row a user edits, its editable columns with their rules); per reference rule, the kind
    of row it names."""
    from offsite.store.document.registry import KIND_MODELS, Base  # the tables: SQLAlchemy, to generate only

    records: dict[str, tuple[Kind | None, type[Record]]] = {
        KIND_MODELS[kind].__tablename__: (kind, record) for kind, record in KIND_RECORDS.items()
    }
    records.update({table: (None, record) for table, record in HELD_TABLES.items()})
    tables: dict[str, Any] = {}
    for table, (kind, record) in sorted(records.items()):
        names = Base.metadata.tables[table].c.keys()
        tables[table] = {
            "record": record.__name__,
            "kind": None if kind is None else kind.value,
            "columns": stored_columns(record, names),
            "editable": {} if kind is None else editable_columns(record),
        }
    by_record = {record.__name__: kind for kind, record in KIND_RECORDS.items()}
    references = {rule: by_record[target].value for target, rule in sorted(REFERENCE_RULES.items())}
    return {"tables": tables, "references": references}


def generated_text() -> str:
    """The resource's text, as the declaration makes it."""
    return json.dumps(generated(), indent=1, ensure_ascii=False) + "\n"


if __name__ == "__main__":  # pragma: no cover - a developer's command
    import sys

    if sys.argv[1:] == ["--write"]:
        COLUMNS_PATH.write_text(generated_text(), encoding="utf-8")
        print(f"wrote {COLUMNS_PATH}")
    else:
        print("usage: python -m offsite.store.document.columns --write", file=sys.stderr)
        sys.exit(2)
