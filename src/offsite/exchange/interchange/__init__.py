"""The JSON interchange format: a whole plan as one JSON document, exported and imported losslessly.

The document is a public contract (docs/interchange.md). Its shape is declared once, by the plan's
data classes (``offsite.store.document.data``); ``schema`` generates the published JSON Schema
(docs/interchange.schema.json) from them, ``validate`` checks a received document with them and
adds the rules that cross records, and ``io`` exports, reads and imports files.

Identities are the rows' ``uid`` values; local integer ids never leave the plan file. Lists
keep the plan's display order, and on import each row's position is re-derived from it.
"""

from __future__ import annotations

from offsite.exchange.interchange.io import (
    GENERATED_FIELDS,
    MAX_DOCUMENT_BYTES,
    export_document,
    import_json,
    read_document,
    write_json,
)
from offsite.exchange.interchange.schema import SCHEMA_ID, json_schema
from offsite.store.document.data import MAX_VERSION_NUMBER
from offsite.store.document.fields import FORMAT, VERSION

__all__ = [
    "FORMAT",
    "GENERATED_FIELDS",
    "MAX_DOCUMENT_BYTES",
    "MAX_VERSION_NUMBER",
    "SCHEMA_ID",
    "VERSION",
    "export_document",
    "import_json",
    "json_schema",
    "read_document",
    "write_json",
]
