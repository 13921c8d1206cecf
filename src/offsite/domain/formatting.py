"""How numbers and dates read on screen and on paper, the same everywhere.

They follow the language Offsite speaks (``offsite.domain.language``), not each widget's own
locale: in English ``1,250,000`` and ``14 January 2027``, in German ``1.250.000`` and
``14. Januar 2027`` (Babel's CLDR data), on screen and in the PDF alike. The English forms are
written out here: they are what plans have always shown, and the command line never pays for
Babel's locale data.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from offsite.domain.language import language

if TYPE_CHECKING:
    from babel import Locale

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_SPACING = re.compile(r"[\s\u00a0\u202f_]")
#: "1,200" and "12,500,000.5": commas between groups of three after a first group of 1-3 digits.
_GROUPED = re.compile(r"[+-]?[1-9]\d{0,2}(,\d{3})+(\.\d*)?")
#: "0,5" or "12,5": one comma and no point, not grouping: a decimal comma, as much of Europe writes it.
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+")
#: "1.200" and "12.500.000,5": points between groups of three, as German writes thousands.
_GROUPED_POINTS = re.compile(r"[+-]?[1-9]\d{0,2}(\.\d{3})+(,\d*)?")


def format_number(value: float | None) -> str:
    """``20`` for 20.0, ``4.2`` for 4.2, ``1,250,000`` with thousands separators; "" for none."""
    if value is None:
        return ""
    english = f"{int(value):,}" if math.isfinite(value) and float(value).is_integer() else f"{value:,.12g}"
    if language() == "en" or not math.isfinite(value):
        return english
    # The same digits with the language's group and decimal signs (CLDR's, through Babel): a table
    # of a large plan formats thousands of figures, and Babel's own formatter is twenty times slower.
    return english.translate(_signs(language()))


@cache
def _signs(name: str) -> dict[int, str]:
    symbols = _babel_locale(name).number_symbols["latn"]
    return str.maketrans({",": symbols["group"], ".": symbols["decimal"]})


def format_count(count: int) -> str:
    """A count inside a sentence or a cell: ``1000`` in English, as Offsite has always shown counts
    there (a figure with a unit is ``format_number``'s ``1,000``), and ``1.000`` in German."""
    return str(count) if language() == "en" else format_number(count)


@cache
def _babel_locale(name: str) -> Locale:
    from babel import Locale

    return Locale.parse(name)


def _locale() -> Locale:
    return _babel_locale(language())


def parse_number(text: str) -> float | None:
    """Read a number as people type it ("1,200", "4.2", "  7 ", "28%", "0,5"); None for blank.

    Commas between groups of three digits separate thousands, as Offsite shows numbers
    ("1,200" is 1200); a single comma that is not grouping is a decimal comma ("0,5" and
    "12,5" are 0.5 and 12.5). Anything else with a comma ("1,2,3") is refused, never guessed.
    Raises ValueError for text that is not a finite number.
    """
    stripped = _SPACING.sub("", text.strip())
    if stripped.endswith("%"):
        stripped = stripped[:-1]
    if not stripped:
        return None
    if language() != "en" and _locale().number_symbols["latn"]["decimal"] == ",":
        # As German writes numbers: points between groups of three ("1.200" is 1200), a decimal
        # comma ("0,5", "1.200,5"); a lone point that is not grouping stays a decimal point ("4.2").
        if _GROUPED_POINTS.fullmatch(stripped):
            stripped = stripped.replace(".", "").replace(",", ".")
        elif _DECIMAL_COMMA.fullmatch(stripped):
            stripped = stripped.replace(",", ".")
        elif "," in stripped:
            raise ValueError(text)
    elif "," in stripped:
        if _GROUPED.fullmatch(stripped):
            stripped = stripped.replace(",", "")
        elif _DECIMAL_COMMA.fullmatch(stripped):
            stripped = stripped.replace(",", ".")
        else:
            raise ValueError(text)
    try:
        number = float(stripped)
    except ValueError:
        raise ValueError(text) from None
    if not math.isfinite(number):
        raise ValueError(text)
    return number


def format_date(day: dt.date | None) -> str:
    """``14 January 2027`` (``14. Januar 2027``); "" for no date."""
    if day is not None and language() != "en":
        return _babel_date(day, "long")
    return "" if day is None else f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _babel_date(day: dt.date, width: str) -> str:
    return _date_in(language(), day, width)


@lru_cache(maxsize=4096)
def _date_in(name: str, day: dt.date, width: str) -> str:
    """A day as ``name`` writes it: a plan shows the same few hundred days again and again."""
    from babel.dates import format_date as babel_date

    return str(babel_date(day, width, locale=_babel_locale(name)))


def format_short_date(day: dt.date | None) -> str:
    """``14 Jan 2027`` (``14.01.2027``); "" for no date."""
    if day is not None and language() != "en":
        return _babel_date(day, "medium")
    return "" if day is None else f"{day.day} {MONTHS[day.month - 1][:3]} {day.year}"


def format_date_range(start: dt.date | None, end: dt.date | None) -> str:
    """``14–15 January 2027``, ``30 January – 2 February 2027`` or ``30 December 2026 – 2 January 2027``."""
    if start is None or end is None or start == end:
        return format_date(start or end)
    if language() != "en":
        from babel.dates import format_interval

        return str(format_interval(start, end, "yMMMMd", locale=_locale()))
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {MONTHS[end.month - 1]} {end.year}"
    if start.year == end.year:
        return f"{start.day} {MONTHS[start.month - 1]} – {format_date(end)}"
    return f"{format_date(start)} – {format_date(end)}"


def format_moment(moment: dt.datetime | None, *, year: bool = True) -> str:
    """``14 Jan 2027 10:42`` (``14.01.2027, 10:42``), or ``14 Jan 10:42`` without the year; "" for none.

    The moment is shown as given: convert to the laptop's time first where it is stored in UTC.
    """
    if moment is None:
        return ""
    if language() != "en":
        from babel.dates import format_skeleton

        day = (
            _babel_date(moment.date(), "medium")
            if year
            else str(format_skeleton("MMMd", moment, locale=_locale()))
        )
        return f"{day}, {moment:%H:%M}"
    day = f"{moment.day} {MONTHS[moment.month - 1][:3]}"
    return f"{day} {moment.year} {moment:%H:%M}" if year else f"{day} {moment:%H:%M}"
