"""The words of drafting: a draft's date, counts, and the sentence over every page of a draft.

Shared by the window's File menu flows (``gui.drafts``) and the dialogs they open
(``gui.draft_dialogs``), which load only when one is shown.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from offsite.gui.rich_text import literal as html_escaped

if TYPE_CHECKING:
    from offsite.exchange.drafts import DraftInfo


def day(moment: dt.datetime) -> str:
    """“20 Nov 2026”, as the preview and the banner date a draft."""
    return f"{moment.day} {moment:%b %Y}"


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def banner_text(info: DraftInfo) -> str:
    """The sentence over every page of a draft: whose it is, and where it goes next."""
    return (
        f"<b>{html_escaped(info.label)}</b> — made {day(info.made_at)}. "
        "Bring it to the facilitator to merge with File ▸ Merge Drafts."
    )
