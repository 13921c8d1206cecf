"""A received document judged at once: one strict validator compiled from the data classes and the rules.

Checking a document field by field in Python (``Document.model_validate``, whose kinds are Python
functions, then ``offsite.domain.rules.document_faults``) costs seconds for a plan of thousands of
objectives. This module compiles the same declaration, once, into one pydantic-core validator that
runs natively: each kind of ``offsite.store.document.fields`` becomes the native check that accepts
no more than the kind does, narrowed by the rule ``offsite.domain.rules`` keeps for the field
(``document_rules``), so a value the gate lets through is one both would let through.

The gate only says yes or no. A document it refuses is judged again by the full checks, which find
the first problem and say it in their words; a document it accepts skips them, since they would find
nothing. Being stricter than the full checks is therefore safe (an unusual but valid document merely
takes the longer way); being laxer never is, and tests/exchange/test_interchange_gate.py holds each
native check to its kind and rule.
"""

from __future__ import annotations

import datetime as dt
import functools
import types
import typing
from collections.abc import Mapping
from typing import Any

from pydantic.fields import FieldInfo
from pydantic_core import CoreSchema, SchemaValidator, ValidationError
from pydantic_core import core_schema as cs

from offsite.domain import rules
from offsite.domain.agreements import BUSINESS_MODELS, CADENCES
from offsite.domain.exercises import SwitchItemKind, SwitchSide
from offsite.domain.values import Direction, Stance
from offsite.store.document import fields as kinds
from offsite.store.document.data import Document, Record

#: A uid as ``kinds.UID`` matches it; the native engine's ``$`` is the very end, as fullmatch's is.
UID = "^" + kinds.UID.pattern + "$"
#: A date as ``kinds.DATE`` matches it; the date check then refuses the 31st of April, the year 0.
DATE = "^" + kinds.DATE.pattern + "$"
#: A moment as ``kinds.DATETIME`` matches it, narrowed to what Python's reading certainly takes and
#: can carry to UTC: hours, minutes, seconds and offsets in range, years 1000 to 8999.
MOMENT = (
    r"^[1-8][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]"
    r"(\.[0-9]{1,6})?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$"
)
#: Text as ``offsite.domain.rules.clean_text`` takes it: no NUL, not too long. A lone surrogate is
#: refused by the native string check itself (it is no Unicode text).
TEXT = "^[^\\x00]*$"


def _nullable(schema: CoreSchema, nullable: bool) -> CoreSchema:
    return cs.nullable_schema(schema, strict=True) if nullable else schema


def _text() -> CoreSchema:
    return cs.str_schema(strict=True, max_length=rules.MAX_TEXT, pattern=TEXT)


def _number(low: float | None = None, high: float | None = None) -> CoreSchema:
    # A whole number beyond a float's reach is refused natively, as the kind refuses it.
    return cs.float_schema(strict=True, allow_inf_nan=False, ge=low, le=high)


#: The bounds a rule adds to a number the kind takes: (lowest, highest).
_NUMBER_RULES: dict[str, tuple[float | None, float | None]] = {
    rules.NUMBER: (None, None),
    rules.AMOUNT: (0, None),
    rules.PERCENT: (0, 100),
    rules.SCORE: (0, 1),
    rules.ACTUAL: (-rules.MAX_ACTUAL, rules.MAX_ACTUAL),
}
#: The range a rule allows a whole number the kind takes.
_WHOLE_RULES: dict[str, tuple[int, int]] = {
    rules.COUNT: (1, rules.MAX_COUNT),
    rules.MINUTES: (1, rules.MAX_MINUTES),
    rules.RATING: (1, 5),
    rules.IMPACT: (1, 5),
    rules.CONFIDENCE: (0, 10),
}
#: The words a rule allows a choice the kind takes.
_CHOICE_RULES: dict[str, frozenset[str]] = {
    rules.DIRECTION: frozenset(d.value for d in Direction),
    rules.STANCE: frozenset(s.value for s in Stance),
    rules.SIDE: frozenset(s.value for s in SwitchSide),
    rules.ITEM_KIND: frozenset(k.value for k in SwitchItemKind),
    rules.FUNNEL_STAGE: frozenset(("", *rules.FUNNEL_STAGES)),
    rules.DECISION: frozenset(("", *rules.DECISIONS)),
    rules.CADENCE: frozenset(("", *CADENCES)),
    rules.BUSINESS_MODEL: frozenset(("", *BUSINESS_MODELS)),
}


class GateError(TypeError):
    """A kind or rule the gate has no native check for: the gate is not built rather than made lax."""


def _kind(kind: kinds.Kind, shape: str | None, where: str) -> CoreSchema:
    """The native check of one value of ``kind``, narrowed by the rule ``shape`` (None: no rule)."""

    def refuse() -> GateError:
        return GateError(f"{where}: no native check for the kind {kind!r} with the rule {shape!r}")

    match kind:
        case kinds.Uid():  # also LooseUid and Ref: a reference is checked with the identities
            if shape is not None:
                raise refuse()
            return _nullable(cs.str_schema(strict=True, pattern=UID), kind.nullable)
        case kinds.Refs():
            if shape is not None:
                raise refuse()  # each uid named once: checked with the identities
            return cs.list_schema(cs.str_schema(strict=True, pattern=UID), strict=True)
        case kinds.Text():
            if shape not in (None, rules.TEXT):
                raise refuse()
            return _nullable(_text(), kind.nullable)
        case kinds.Texts():
            if shape not in (None, rules.TEXTS):
                raise refuse()
            return cs.list_schema(_text(), strict=True)
        case kinds.Day():
            if shape not in (None, rules.DATE, rules.TRACKED_DAY):
                raise refuse()
            first, last = rules.TRACKED_YEARS
            tracked = shape == rules.TRACKED_DAY
            since = dt.date(first, 1, 1) if tracked else None
            until = dt.date(last, 12, 31) if tracked else None
            day = cs.chain_schema(
                [cs.str_schema(strict=True, pattern=DATE), cs.date_schema(ge=since, le=until)]
            )
            return _nullable(day, kind.nullable)
        case kinds.Moment():
            if shape is not None:
                raise refuse()
            moment = cs.chain_schema([cs.str_schema(strict=True, pattern=MOMENT), cs.datetime_schema()])
            return _nullable(moment, kind.nullable)
        case kinds.Number():
            if shape is not None and shape not in _NUMBER_RULES:
                raise refuse()
            return _nullable(_number(*_NUMBER_RULES[shape or rules.NUMBER]), kind.nullable)
        case kinds.Numbers():
            if shape not in (None, rules.AMOUNTS):
                raise refuse()
            low = 0 if shape == rules.AMOUNTS else None
            return _nullable(cs.list_schema(_number(low), strict=True), kind.nullable)
        case kinds.Whole():
            low, high = kind.low, kind.high
            if shape is not None:
                if shape not in _WHOLE_RULES:
                    raise refuse()
                low, high = max(low, _WHOLE_RULES[shape][0]), min(high, _WHOLE_RULES[shape][1])
            return _nullable(cs.int_schema(strict=True, ge=low, le=high), kind.nullable)
        case kinds.Flag():
            if shape not in (None, rules.BOOL, rules.MAYBE_BOOL) or (shape == rules.BOOL and kind.nullable):
                raise refuse()
            return _nullable(cs.bool_schema(strict=True), kind.nullable)
        case kinds.Choice():
            choices = set(kind.choices)
            if shape is not None:
                if shape not in _CHOICE_RULES:
                    raise refuse()
                choices &= _CHOICE_RULES[shape]
            return _nullable(cs.literal_schema(sorted(choices)), kind.nullable)
        case kinds.Content():
            if shape is not None:
                raise refuse()
            return cs.str_schema(strict=True)
        case kinds.Fingerprint():
            if shape is not None:
                raise refuse()
            pattern = "^" + kinds.FINGERPRINT.pattern + "$"
            return _nullable(cs.str_schema(strict=True, pattern=pattern), kind.nullable)
        case kinds.ItemKey():
            if shape is not None:
                raise refuse()
            return cs.str_schema(strict=True, pattern="^" + kinds.ITEM_KEY.pattern + "$")
        case kinds.FormatName():
            return cs.literal_schema([kinds.FORMAT])
        case kinds.FormatVersion():  # the gate judges documents upgraded to this version
            return cs.int_schema(strict=True, ge=kinds.VERSION, le=kinds.VERSION)
    raise refuse()


class _Compiler:
    """Compiles the data classes into native checks, each field narrowed by the rule kept for its place."""

    def __init__(self) -> None:
        #: The rules still to be given a field: by the place of their rows, by field name.
        self.rules: dict[tuple[str, ...], dict[str, str]] = {}
        for place, name, shape in rules.document_rules():
            self.rules.setdefault(place, {})[name] = shape
        #: The places of rules for any field ("*") that some record took.
        self.taken: set[tuple[str, ...]] = set()

    def record(self, model: type[Record], place: tuple[str, ...]) -> CoreSchema:
        """A record at ``place`` in the document: a strict dict of its fields, no other field allowed."""
        rule_of = dict(self.rules.pop(place, {}))
        if place and (any_field := (*place[:-1], "*")) in self.rules:  # a rule for every field of the parent
            rule_of.update(self.rules[any_field])
            self.taken.add(any_field)
        fields: dict[str, cs.TypedDictField] = {}
        for name, info in model.model_fields.items():
            schema = self.field(info, (*place, name), rule_of.pop(name, None))
            # A field with a default may be left out, but not given as null unless its kind allows it.
            fields[name] = cs.typed_dict_field(schema, required=info.is_required())
        if rule_of:
            raise GateError(f"{'.'.join(place)} has no fields {sorted(rule_of)} for the rules to check")
        return cs.typed_dict_schema(fields, extra_behavior="forbid", strict=True)

    def field(self, info: FieldInfo, place: tuple[str, ...], shape: str | None) -> CoreSchema:
        kind = next((m for m in info.metadata if isinstance(m, kinds.Kind)), None)
        where = ".".join(place)
        if kind is not None:
            return _kind(kind, shape, where)
        if shape is not None:
            raise GateError(f"{where}: a rule ({shape}) on a field of records")
        annotation = info.annotation
        if typing.get_origin(annotation) is tuple:
            (held, _) = typing.get_args(annotation)
            return cs.list_schema(self.record(held, place), strict=True)
        parts = typing.get_args(annotation) if isinstance(annotation, types.UnionType) else (annotation,)
        records = [p for p in parts if isinstance(p, type) and issubclass(p, Record)]
        if len(records) != 1 or len(parts) - 1 > (type(None) in parts):
            raise GateError(f"{where}: no native check for {annotation!r}")
        schema = self.record(records[0], place)
        return cs.nullable_schema(schema, strict=True) if type(None) in parts else schema


def gate_schema() -> CoreSchema:
    """The whole document's native check; GateError when a kind or rule has none, or a rule no field."""
    compiler = _Compiler()
    schema = compiler.record(Document, ())
    left = set(compiler.rules) - compiler.taken
    if left:
        raise GateError(f"rules for {sorted(left)}, which the document does not have")
    return schema


@functools.cache
def _validator() -> SchemaValidator:
    return SchemaValidator(gate_schema())


def passes(document: Mapping[str, Any]) -> bool:
    """Whether every field of an upgraded document is of its kind and keeps its rule (no cross-record check)."""
    try:
        _validator().validate_python(document)
    except ValidationError:
        return False
    return True
