"""Documents as older Offsite versions wrote them, made from a current export by taking out what
each later version added: the tests of every older version start from here."""

from __future__ import annotations

import copy
from typing import Any

#: The sections interchange version 8 added: the review cadence, which no signature covers.
V8_SECTIONS = (
    "check_ins",
    "import_mappings",
    "objective_reviews",
    "wins",
    "alignment_readings",
    "previous_cycle",
)


def as_version_8(document: dict[str, Any]) -> dict[str, Any]:
    """The document as a version 8 writer would have written it: no agreements beyond goals, no
    business model."""
    old = copy.deepcopy(document)
    old["version"] = 8
    del old["agreements"]
    del old["plan"]["business_model"]
    del old["plan"]["business_model_why"]
    return old


def as_version_7(document: dict[str, Any]) -> dict[str, Any]:
    """The document as a version 7 writer would have written it: no review cadence, no funnel stages."""
    old = as_version_8(document)
    old["version"] = 7
    for section in V8_SECTIONS:
        del old[section]
    for objective in old["objectives"]:
        for metric in objective["metrics"]:
            del metric["funnel_stage"]
    return old
