"""The one mapping between a plan file's rows and the plan's data.

``data`` declares the plan's shape (pydantic models, the interchange format's records),
``read`` turns rows into a document, ``write`` turns a document into rows, and ``registry``
lists the tables that make a plan. Nothing else turns rows into plan data or back.

The names below load on first use: the screens read a plan through ``view`` with plain
``sqlite3``, and a whole document (SQLAlchemy and pydantic with it) is built only when one is
exported, merged, signed or validated.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from offsite.store.document.columns import number_out
    from offsite.store.document.fields import LARGEST_EXACT_INTEGER
    from offsite.store.document.read import (
        DRAFTING_KEYS,
        PROCESS_KEYS,
        SIGNED_CONTENT_KEYS,
        agenda_section,
        date_text,
        document_of,
        drafting_section,
        plan_document,
        signed_content,
        signed_fingerprints,
        utc_text,
    )

#: Each name, and the module of this package that holds it.
_HOME = {
    "number_out": "columns",
    "LARGEST_EXACT_INTEGER": "fields",
    **dict.fromkeys(
        (
            "DRAFTING_KEYS",
            "PROCESS_KEYS",
            "SIGNED_CONTENT_KEYS",
            "agenda_section",
            "date_text",
            "document_of",
            "drafting_section",
            "plan_document",
            "signed_content",
            "signed_fingerprints",
            "utc_text",
        ),
        "read",
    ),
}

__all__ = [
    "DRAFTING_KEYS",
    "LARGEST_EXACT_INTEGER",
    "PROCESS_KEYS",
    "SIGNED_CONTENT_KEYS",
    "agenda_section",
    "date_text",
    "document_of",
    "drafting_section",
    "number_out",
    "plan_document",
    "signed_content",
    "signed_fingerprints",
    "utc_text",
]


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value  # looked up once
    return value
