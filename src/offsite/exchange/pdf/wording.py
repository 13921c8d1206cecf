"""How the PDF words counts, moments and fingerprints ("all six leaders", "15 Jan 2027, 17:05 UTC")."""

from __future__ import annotations

import datetime as dt

from offsite.domain.formatting import format_count, format_short_date
from offsite.domain.language import QT_TRANSLATE_NOOP, language, translate


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_NUMBER_WORDS = (
    QT_TRANSLATE_NOOP("PdfWording", "no"),
    QT_TRANSLATE_NOOP("PdfWording", "one"),
    QT_TRANSLATE_NOOP("PdfWording", "two"),
    QT_TRANSLATE_NOOP("PdfWording", "three"),
    QT_TRANSLATE_NOOP("PdfWording", "four"),
    QT_TRANSLATE_NOOP("PdfWording", "five"),
    QT_TRANSLATE_NOOP("PdfWording", "six"),
    QT_TRANSLATE_NOOP("PdfWording", "seven"),
    QT_TRANSLATE_NOOP("PdfWording", "eight"),
    QT_TRANSLATE_NOOP("PdfWording", "nine"),
    QT_TRANSLATE_NOOP("PdfWording", "ten"),
)


def whole(count: int) -> str:
    """A count as the page has always printed it in English ("1000"), and grouped as another
    language writes it ("1.000" in German)."""
    return format_count(count)


def count_words(count: int) -> str:
    """ "six" for 6 (up to ten), the figure beyond."""
    if 0 <= count < len(_NUMBER_WORDS):
        return translate("PdfWording", _NUMBER_WORDS[count])
    return whole(count)


def all_of(count: int) -> str:
    """ "both leaders", "all six leaders", "its one leader": who signed, as a sentence says it."""
    if count == 1:
        return translate("PdfWording", "its one leader")
    if count == 2:
        return translate("PdfWording", "both leaders")
    return translate("PdfWording", "all {count} leaders").format(count=count_words(count))


def format_moment(moment: dt.datetime | None) -> str:
    """A stored time (naive UTC) as "15 Jan 2027, 17:05 UTC"."""
    if moment is None:
        return "—"
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return translate("PdfWording", "{date}, {time} UTC").format(
        date=format_short_date(moment.date()), time=f"{moment:%H:%M}"
    )


def one_decimal(value: float) -> str:
    """ "3.2" with one decimal, as the leader's language writes it ("3,2" in German)."""
    if language() == "en":
        return f"{value:.1f}"
    from babel.numbers import format_decimal

    return str(format_decimal(value, format="#,##0.0", locale=language()))


def grouped_fingerprint(fp: str) -> str:
    """The whole fingerprint in groups of four hex digits, so it can be read aloud and compared."""
    return " ".join(fp[i : i + 4] for i in range(0, len(fp), 4))
