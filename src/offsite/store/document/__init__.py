"""The one mapping between a plan file's rows and the plan's data.

``data`` declares the plan's shape (pydantic models, the interchange format's records),
``read`` turns rows into a document, ``write`` turns a document into rows, and ``registry``
lists the tables that make a plan. Nothing else turns rows into plan data or back.
"""

from __future__ import annotations

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
