"""Drafting alone and merging in the room: draft packs, drafts from nothing, the preview and the merge.

The files of drafting live here: a leader's draft is a plan file made elsewhere and read back.

- ``pack``: ``export_draft_pack`` (a leader's draft of the plan) and ``start_draft`` (a draft
  with nothing but the app).
- ``preview``: ``preview_merge`` compares drafts with the plan, read-only, and refuses with its
  reason a file that cannot be merged.
- ``merge``: ``merge_drafts`` writes what was accepted in one transaction; ``undo_merge`` and
  ``redo_merge`` take it back and make it again; ``read_origins`` says where items came from.
- ``rows``: the merge's rows writer (a draft item made into the plan's rows).

Whose draft an open file is (``DraftInfo``, ``read_draft_info``) is read in
``services.draft_marking`` and named here too. The comparison rules are ``domain.drafting``.

Each name loads its module on first use: a screen that shows where items came from
(``read_origins``, plain ``sqlite3``) does not load the merge, its pydantic documents or SQLAlchemy.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from offsite.exchange.drafts.merge import (
        Choice,
        MergeResult,
        conflicts_message,
        merge_drafts,
        redo_merge,
        undo_merge,
    )
    from offsite.exchange.drafts.origins import DraftOrigin, read_origins
    from offsite.exchange.drafts.pack import PACK_SECTIONS, export_draft_pack, start_draft
    from offsite.exchange.drafts.preview import DraftPreview, MergePreview, preview_merge
    from offsite.services.draft_marking import DraftInfo, possessive, read_draft_info

#: Each name, and the module that holds it.
_HOME = {
    **dict.fromkeys(
        ("Choice", "MergeResult", "conflicts_message", "merge_drafts", "redo_merge", "undo_merge"),
        "offsite.exchange.drafts.merge",
    ),
    **dict.fromkeys(("DraftOrigin", "read_origins"), "offsite.exchange.drafts.origins"),
    **dict.fromkeys(("PACK_SECTIONS", "export_draft_pack", "start_draft"), "offsite.exchange.drafts.pack"),
    **dict.fromkeys(("DraftPreview", "MergePreview", "preview_merge"), "offsite.exchange.drafts.preview"),
    **dict.fromkeys(("DraftInfo", "possessive", "read_draft_info"), "offsite.services.draft_marking"),
}

__all__ = [
    "PACK_SECTIONS",
    "Choice",
    "DraftInfo",
    "DraftOrigin",
    "DraftPreview",
    "MergePreview",
    "MergeResult",
    "conflicts_message",
    "export_draft_pack",
    "merge_drafts",
    "possessive",
    "preview_merge",
    "read_draft_info",
    "read_origins",
    "redo_merge",
    "start_draft",
    "undo_merge",
]


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value  # looked up once
    return value
