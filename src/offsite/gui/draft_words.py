"""The words of drafting: a draft's date, counts, and the sentence over every page of a draft.

Shared by the window's File menu flows (``gui.drafts``) and the dialogs they open
(``gui.draft_dialogs``), which load only when one is shown.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from offsite.domain.formatting import format_short_date
from offsite.domain.language import translate
from offsite.gui.rich_text import literal as html_escaped

if TYPE_CHECKING:
    from offsite.exchange.drafts import DraftInfo


def day(moment: dt.datetime) -> str:
    """“20 Nov 2026”, as the preview and the banner date a draft."""
    return format_short_date(moment.date())


def whose_draft(leader: str) -> str:
    """“Dana Whitfield’s draft”, “Tomas Reyes’ draft”: a leader's draft, named."""
    if leader.endswith("s"):
        return translate("Drafts", "{leader}’ draft").format(leader=leader)
    return translate("Drafts", "{leader}’s draft").format(leader=leader)


def banner_text(info: DraftInfo) -> str:
    """The sentence over every page of a draft: whose it is, and where it goes next."""
    return translate(
        "Drafts",
        "<b>{draft}</b> — made {day}. Bring it to the facilitator to merge with File ▸ Merge Drafts.",
    ).format(draft=html_escaped(info.label), day=day(info.made_at))
