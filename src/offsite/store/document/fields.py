"""The kinds of value a plan document holds, each with its check, its message and its JSON Schema.

A field of ``offsite.store.document.data`` is ``Annotated[<type>, <kind>]``: the kind validates the
value as received (a pydantic plain validator, so nothing is coerced: ``"3"`` is no number) and
states its JSON Schema. A check that fails raises a message that starts with ``HERE``, which the
reader replaces by the value's place in the document (e.g. ``objectives[3].title``), so a leader
reads one sentence that says where and what. Text is held to the rules typing keeps
(``offsite.domain.rules``), so a file cannot hold what a keystroke could not.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from dataclasses import dataclass
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from offsite.domain.errors import EditRefusedError
from offsite.domain.language import QT_TRANSLATE_NOOP, translate
from offsite.domain.rules import clean_text

#: Stands for the value's place in a message, until the reader knows it.
HERE = "\ue000"

FORMAT = "offsite-plan"
VERSION = 9
#: Beyond 2**53 a JSON reader may not hold an integer exactly; such numbers stay floats.
LARGEST_EXACT_INTEGER = 2**53

UID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
DATETIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?(Z|[+-][0-9]{2}:[0-9]{2})"
)
UID_EXAMPLE = "0f8fad5b-d9cb-469f-a165-70867728950e"
FINGERPRINT = re.compile(r"[0-9a-f]{64}")
#: An item's identity across a plan and its drafts (domain.drafting.Item.key): a row's uid, a reverse
#: funnel's "funnel:<company goal uid>", or a dot vote's "vote:<leader uid>:<candidate uid>".
ITEM_KEY = re.compile(f"(funnel:|vote:{UID.pattern}:)?{UID.pattern}")


def fault(message: str) -> PydanticCustomError:
    """A value refused, with a message a leader can act on (``HERE`` stands for where it is)."""
    return PydanticCustomError("offsite", "{problem}", {"problem": message})


def show(value: Any) -> str:
    """A value as the file has it, short enough for a message."""
    shown = json.dumps(value, ensure_ascii=False, default=str)
    return shown if len(shown) <= 40 else shown[:37] + "…"


def moment(value: Any) -> dt.datetime:
    """A document's date and time as naive UTC, as the plan file stores it; refuses what is none."""
    if not isinstance(value, str) or not DATETIME.fullmatch(value):
        raise fault(
            translate(
                "PlanDocument",
                "{place} must be a date and time in UTC such as 2027-01-14T10:00:00.000000Z, not {value}",
            ).format(place=HERE, value=show(value))
        )
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise fault(
            translate("PlanDocument", "{place} is not a real date and time: {value}").format(
                place=HERE, value=value
            )
        ) from None
    return parsed.astimezone(dt.UTC).replace(tzinfo=None)


#: Marks a reference to one of the schema's shared definitions (uid, text, date, datetime): pydantic
#: resolves "$ref" itself, so the published schema turns this key into "$ref" once generated.
SHARED_REF = "x-offsite-shared"


def _def(name: str) -> JsonSchemaValue:
    return {SHARED_REF: name}


@dataclass(frozen=True, slots=True)
class Kind:
    """A kind of value: its check and its JSON Schema. ``nullable``: null stands for blank."""

    nullable: bool = False

    def check(self, value: Any) -> Any:
        raise NotImplementedError

    def schema(self) -> JsonSchemaValue:
        raise NotImplementedError

    def null_schema(self, body: JsonSchemaValue) -> JsonSchemaValue:
        return {"oneOf": [body, {"type": "null"}]}

    def validate(self, value: Any) -> Any:
        if value is None and self.nullable:
            return None
        return self.check(value)

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.no_info_plain_validator_function(self.validate)

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        body = self.schema()
        return self.null_schema(body) if self.nullable else body


@dataclass(frozen=True, slots=True)
class Uid(Kind):
    """An item's identity: unique across the whole document."""

    def check(self, value: Any) -> Any:
        if not isinstance(value, str) or not UID.fullmatch(value):
            if self.nullable:
                message = translate(
                    "PlanDocument", "{place} must be a uid or null: a UUID in lower case such as {example}"
                )
            else:
                message = translate(
                    "PlanDocument", "{place} must be a uid: a UUID in lower case such as {example}"
                )
            raise fault(message.format(place=HERE, example=UID_EXAMPLE))
        return value

    def schema(self) -> JsonSchemaValue:
        return _def("uid")


@dataclass(frozen=True, slots=True)
class LooseUid(Uid):
    """A uid not checked against the document: what it names may be gone, or in another file."""


@dataclass(frozen=True, slots=True)
class Ref(Uid):
    """The uid of a record listed in the document: ``target`` names its class in ``data``."""

    target: str = ""


@dataclass(frozen=True, slots=True)
class Refs(Kind):
    """Uids of records listed in the document, each named once."""

    target: str = ""
    #: What each uid names, marked for translation where written (``data`` gives its own).
    label: str = QT_TRANSLATE_NOOP("PlanDocument", "item")

    def check(self, value: Any) -> Any:
        if not isinstance(value, list | tuple):
            raise fault(translate("PlanDocument", "{place} must be a list of uids ([…])").format(place=HERE))
        seen: set[str] = set()
        for index, item in enumerate(value):
            if not isinstance(item, str) or not UID.fullmatch(item):
                raise fault(
                    translate(
                        "PlanDocument", "{place} must be a uid: a UUID in lower case such as {example}"
                    ).format(place=f"{HERE}[{index}]", example=UID_EXAMPLE)
                )
            if item in seen:
                raise fault(
                    translate("PlanDocument", "{place} names the same {item} twice").format(
                        place=f"{HERE}[{index}]", item=translate("PlanDocument", self.label)
                    )
                )
            seen.add(item)
        return tuple(value)

    def schema(self) -> JsonSchemaValue:
        return {"type": "array", "items": _def("uid"), "uniqueItems": True}


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise fault(
            translate("PlanDocument", "{place} must be text (a JSON string), not {value}").format(
                place=where, value=show(value)
            )
        )
    try:
        return clean_text(value, where)  # the rules typing keeps: no NUL, no broken character, not too long
    except EditRefusedError as error:
        raise fault(str(error).rstrip(".")) from None


@dataclass(frozen=True, slots=True)
class Text(Kind):
    """Text as the user typed it."""

    def check(self, value: Any) -> Any:
        return _text(value, HERE)

    def schema(self) -> JsonSchemaValue:
        return _def("text")


@dataclass(frozen=True, slots=True)
class Texts(Kind):
    """A list of texts."""

    def check(self, value: Any) -> Any:
        if not isinstance(value, list | tuple):
            raise fault(translate("PlanDocument", "{place} must be a list of texts ([…])").format(place=HERE))
        return tuple(_text(item, f"{HERE}[{index}]") for index, item in enumerate(value))

    def schema(self) -> JsonSchemaValue:
        return {"type": "array", "items": _def("text")}


@dataclass(frozen=True, slots=True)
class Day(Kind):
    """A calendar date, YYYY-MM-DD."""

    def check(self, value: Any) -> Any:
        if not isinstance(value, str) or not DATE.fullmatch(value):
            raise fault(
                translate(
                    "PlanDocument",
                    "{place} must be a date written YYYY-MM-DD, or null when blank, not {value}",
                ).format(place=HERE, value=show(value))
            )
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise fault(
                translate("PlanDocument", "{place} is not a real date: {value}").format(
                    place=HERE, value=value
                )
            ) from None
        return value

    def schema(self) -> JsonSchemaValue:
        return _def("date")


@dataclass(frozen=True, slots=True)
class Moment(Kind):
    """A moment: ISO 8601 with seconds and a time zone."""

    def check(self, value: Any) -> Any:
        moment(value)
        return value

    def schema(self) -> JsonSchemaValue:
        return _def("datetime")


def _number(value: Any, where: str, nullable: bool = False) -> float | int:
    if isinstance(value, bool) or not isinstance(value, int | float):
        if nullable:
            message = translate("PlanDocument", "{place} must be a number, or null when blank, not {value}")
        else:
            message = translate("PlanDocument", "{place} must be a number, not {value}")
        raise fault(message.format(place=where, value=show(value)))
    try:
        number = float(value)
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        raise fault(translate("PlanDocument", "{place} is too large a number").format(place=where))
    return value


@dataclass(frozen=True, slots=True)
class Number(Kind):
    """A number (whole or not)."""

    def check(self, value: Any) -> Any:
        return _number(value, HERE, self.nullable)

    def schema(self) -> JsonSchemaValue:
        return {"type": "number"}

    def null_schema(self, body: JsonSchemaValue) -> JsonSchemaValue:
        return {"type": ["number", "null"]}


@dataclass(frozen=True, slots=True)
class Numbers(Kind):
    """A list of numbers."""

    def check(self, value: Any) -> Any:
        if not isinstance(value, list | tuple):
            if self.nullable:
                message = translate("PlanDocument", "{place} must be a list of numbers ([…]), or null")
            else:
                message = translate("PlanDocument", "{place} must be a list of numbers ([…])")
            raise fault(message.format(place=HERE))
        return tuple(_number(item, f"{HERE}[{index}]") for index, item in enumerate(value))

    def schema(self) -> JsonSchemaValue:
        return {"type": "array", "items": {"type": "number"}}

    def null_schema(self, body: JsonSchemaValue) -> JsonSchemaValue:
        return {"type": ["array", "null"], "items": {"type": "number"}}


@dataclass(frozen=True, slots=True)
class Whole(Kind):
    """A whole number from ``low`` to ``high``."""

    low: int = 0
    high: int = 0

    def check(self, value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, int) or not self.low <= value <= self.high:
            if self.nullable:
                message = translate(
                    "PlanDocument",
                    "{place} must be a whole number from {low} to {high}, or null, not {value}",
                )
            else:
                message = translate(
                    "PlanDocument", "{place} must be a whole number from {low} to {high}, not {value}"
                )
            # the bounds stay as JSON writes them: the file is JSON, whatever language the leader reads
            raise fault(message.format(place=HERE, low=self.low, high=self.high, value=show(value)))
        return value

    def schema(self) -> JsonSchemaValue:
        return {"type": "integer", "minimum": self.low, "maximum": self.high}

    def null_schema(self, body: JsonSchemaValue) -> JsonSchemaValue:
        return {**body, "type": ["integer", "null"]}


@dataclass(frozen=True, slots=True)
class Flag(Kind):
    """true or false (null: not yet judged, where nullable)."""

    def check(self, value: Any) -> Any:
        if not isinstance(value, bool):
            raise fault(
                translate("PlanDocument", "{place} must be true or false, not {value}").format(
                    place=HERE, value=show(value)
                )
            )
        return value

    def schema(self) -> JsonSchemaValue:
        return {"type": "boolean"}

    def null_schema(self, body: JsonSchemaValue) -> JsonSchemaValue:
        return {"type": ["boolean", "null"]}


@dataclass(frozen=True, slots=True)
class Choice(Kind):
    """One of a few words."""

    choices: tuple[str, ...] = ()

    def check(self, value: Any) -> Any:
        if value not in self.choices:
            words = ", ".join(c for c in self.choices if c)
            if "" in self.choices:
                message = translate("PlanDocument", "{place} must be one of {choices} or blank, not {value}")
            else:
                message = translate("PlanDocument", "{place} must be one of {choices}, not {value}")
            raise fault(message.format(place=HERE, choices=words, value=show(value)))
        return value

    def schema(self) -> JsonSchemaValue:
        return {"enum": list(self.choices)}


@dataclass(frozen=True, slots=True)
class Content(Kind):
    """Canonical JSON text of any length (a version's signed content)."""

    def check(self, value: Any) -> Any:
        if not isinstance(value, str):
            raise fault(
                translate("PlanDocument", "{place} must be text (a JSON string), not {value}").format(
                    place=HERE, value=show(value)
                )
            )
        return value

    def schema(self) -> JsonSchemaValue:
        return {"type": "string"}


@dataclass(frozen=True, slots=True)
class Fingerprint(Kind):
    """A SHA-256 in lowercase hexadecimal."""

    def check(self, value: Any) -> Any:
        if not isinstance(value, str) or not FINGERPRINT.fullmatch(value):
            if self.nullable:
                message = translate(
                    "PlanDocument", "{place} must be a SHA-256: 64 hexadecimal digits in lower case, or null"
                )
            else:
                message = translate(
                    "PlanDocument", "{place} must be a SHA-256: 64 hexadecimal digits in lower case"
                )
            raise fault(message.format(place=HERE))
        return value

    def schema(self) -> JsonSchemaValue:
        return {"type": "string", "pattern": "^" + FINGERPRINT.pattern + "$"}


@dataclass(frozen=True, slots=True)
class ItemKey(Kind):
    """An item's identity across a plan and its drafts."""

    def check(self, value: Any) -> Any:
        if not isinstance(value, str) or not ITEM_KEY.fullmatch(value):
            raise fault(
                translate(
                    "PlanDocument",
                    "{place} must name an item: its uid, funnel:<company goal uid> or "
                    "vote:<leader uid>:<candidate uid>, not {value}",
                ).format(place=HERE, value=show(value))
            )
        return value

    def schema(self) -> JsonSchemaValue:
        return {"type": "string", "pattern": "^" + ITEM_KEY.pattern + "$"}


@dataclass(frozen=True, slots=True)
class FormatName(Kind):
    """The document's format: always ``FORMAT``."""

    def check(self, value: Any) -> Any:
        if value != FORMAT:
            raise fault(
                translate("PlanDocument", "{place} must be “{format}”").format(place=HERE, format=FORMAT)
            )
        return value

    def schema(self) -> JsonSchemaValue:
        return {"const": FORMAT}


@dataclass(frozen=True, slots=True)
class FormatVersion(Kind):
    """The interchange version the document follows."""

    def check(self, value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= VERSION:
            raise fault(
                translate("PlanDocument", "{place} must be a whole number from 1 to {version}").format(
                    place=HERE, version=VERSION
                )
            )
        return value

    def schema(self) -> JsonSchemaValue:
        return {"type": "integer", "minimum": 1, "maximum": VERSION}


@dataclass(frozen=True, slots=True)
class Since:
    """The interchange version that added a field, and what an older document stands for."""

    version: int
    default: Any


@dataclass(frozen=True, slots=True)
class Edit:
    """The rule (a shape of ``offsite.domain.rules``) a user's typed value of a field is held to, where
    its kind does not say it: a funnel's amount may not be negative, a leader's initials are letters."""

    shape: str


@dataclass(frozen=True, slots=True)
class Fixed:
    """A field the one edit verb (``offsite.services.changes.update_fields``) leaves alone: set when
    its record is made (where a candidate came from, a statement's place in its chain), or by a verb
    of its own (resolving a parked item)."""
