"""The published JSON Schema of the interchange document, generated from the plan's data classes.

``offsite.store.document.data`` declares the document once; pydantic turns that declaration into
JSON Schema (draft 2020-12), and this module adds the shared definitions (uid, text, date,
datetime), the schema's identity and the rules a schema cannot state. docs/interchange.schema.json
is this function's output.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic.json_schema import GenerateJsonSchema

from offsite.domain.rules import MAX_TEXT
from offsite.store.document.data import Document
from offsite.store.document.fields import DATE, DATETIME, FORMAT, SHARED_REF, UID, VERSION

SCHEMA_ID = "urn:offsite:interchange:offsite-plan"


class _Generator(GenerateJsonSchema):
    """Pydantic's generator, without the titles it makes up from field names (the descriptions say more)."""

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False


def _record_name(name: str) -> str:
    """A data class's name as the schema names its record: ``BuyIn`` -> ``buy_in``."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _shared_refs(value: Any) -> Any:
    """The generated schema as published: each kind's mark of a shared definition turned into its
    "$ref", records named as the format names them, and no titles (the descriptions say more)."""
    if isinstance(value, dict):
        result: dict[str, Any] = {}
        for key, item in value.items():
            if key == SHARED_REF:
                result["$ref"] = f"#/$defs/{item}"
            elif key == "$ref":
                result["$ref"] = "#/$defs/" + _record_name(item.removeprefix("#/$defs/"))
            elif key != "title" or not isinstance(item, str):
                result[key] = _shared_refs(item)
        return result
    if isinstance(value, list):
        return [_shared_refs(item) for item in value]
    return value


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the document, as published in docs/interchange.schema.json.

    It states the document's shape. A few rules JSON Schema cannot state are enforced by
    :func:`offsite.exchange.interchange.read_document` and listed in the schema's description.
    """
    defs: dict[str, Any] = {
        "uid": {
            "description": "A stable identity: a UUID in lower case. Unique across the whole document.",
            "type": "string",
            "pattern": "^" + UID.pattern + "$",
        },
        "text": {
            "description": f"Text as the user typed it: any characters but NUL, up to {MAX_TEXT:,} of them.",
            "type": "string",
            "maxLength": MAX_TEXT,
            "pattern": "^[^\\u0000]*$",
        },
        "date": {
            "description": "A calendar date, YYYY-MM-DD.",
            "type": "string",
            "format": "date",
            "pattern": "^" + DATE.pattern + "$",
        },
        "datetime": {
            "description": "A moment: ISO 8601 with seconds. Offsite writes UTC with microseconds and Z; "
            "readers also accept an offset such as +02:00 and convert to UTC.",
            "type": "string",
            "format": "date-time",
            "pattern": "^" + DATETIME.pattern + "$",
        },
    }
    generated = Document.model_json_schema(schema_generator=_Generator)
    defs.update({_record_name(name): _shared_refs(body) for name, body in generated.pop("$defs").items()})
    generated = _shared_refs(generated)
    generated.pop("title", None)
    generated.pop("description", None)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Offsite plan interchange document",
        "description": (
            f"A whole Offsite plan (format “{FORMAT}”, version {VERSION}); see docs/interchange.md. "
            "Readers also enforce what a schema cannot state: every uid is unique in the document; every "
            "reference names a uid listed in the document; dates are real "
            "calendar dates; text holds no lone UTF-16 surrogates; numbers are finite; in why_chains and "
            "team_goals a parent is listed before its children and belongs to the same team or company "
            "goal; a company goal has at most one funnel, with one weight per quarter; a team switch pairs "
            "two different teams, and each of them writes at most one empathy note on it; a leader and "
            "candidate appear in votes once; a dismissed pair appears once; overlap "
            "resolutions and signatures are oldest first; an overlap is resolved once; a leader rates once "
            "and signs a version once; versions ascend by number and all but the last are re-opened; each "
            "version's content is in canonical form and its SHA-256 is the version's fingerprint; a plan "
            "locked at its last version (reopening null) has that fingerprint for its signed content; a "
            "draft keeps one base per item, and merge records are oldest first. "
            "Version 1 to 4 documents are still read: fields added later take the defaults given in their "
            "descriptions (version 1 lacks the brainstorm sections, plan.dot_budget, plan.top_n and the "
            "objectives' origin fields: empty, 3, 3, null and blank; versions 1 and 2 lack definitions, "
            "overlap_resolutions, versions, survey and objectives' merged_from: all empty; versions 1 to 3 "
            "lack parking_lot: empty, and agenda: no items, a day from 09:00, nothing running; versions 1 "
            "to 4 lack drafting: no draft and no merges). An agenda item's view is a screen (a phase or "
            "brainstorm:<tab>) and the day's starts_at is HH:MM."
        ),
        **generated,
        "$defs": defs,
    }
