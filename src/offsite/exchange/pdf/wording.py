"""How the PDF words counts, moments and fingerprints ("all six leaders", "15 Jan 2027, 17:05 UTC")."""

from __future__ import annotations

import datetime as dt

from offsite.domain.formatting import format_short_date


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def count_words(count: int) -> str:
    """ "six" for 6 (up to ten), the figure beyond."""
    return _NUMBER_WORDS[count] if 0 <= count < len(_NUMBER_WORDS) else str(count)


def all_of(count: int) -> str:
    """ "both leaders", "all six leaders", "its one leader": who signed, as a sentence says it."""
    if count == 1:
        return "its one leader"
    return "both leaders" if count == 2 else f"all {count_words(count)} leaders"


def format_moment(moment: dt.datetime | None) -> str:
    """A stored time (naive UTC) as "15 Jan 2027, 17:05 UTC"."""
    if moment is None:
        return "—"
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return f"{format_short_date(moment.date())}, {moment:%H:%M} UTC"


def grouped_fingerprint(fp: str) -> str:
    """The whole fingerprint in groups of four hex digits, so it can be read aloud and compared."""
    return " ".join(fp[i : i + 4] for i in range(0, len(fp), 4))
