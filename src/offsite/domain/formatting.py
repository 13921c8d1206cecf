"""How numbers and dates read on screen and on paper, the same everywhere.

Month names are fixed English, not the desktop's locale: a plan reads the same on every
laptop in the room and in the PDF the CEO signs.
"""

from __future__ import annotations

import datetime as dt
import math
import re

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


def format_number(value: float | None) -> str:
    """``20`` for 20.0, ``4.2`` for 4.2, ``1,250,000`` with thousands separators; "" for none."""
    if value is None:
        return ""
    if math.isfinite(value) and float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.12g}"


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
    if "," in stripped:
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
    """``14 January 2027``; "" for no date."""
    return "" if day is None else f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def format_short_date(day: dt.date | None) -> str:
    """``14 Jan 2027``; "" for no date."""
    return "" if day is None else f"{day.day} {MONTHS[day.month - 1][:3]} {day.year}"


def format_date_range(start: dt.date | None, end: dt.date | None) -> str:
    """``14–15 January 2027``, ``30 January – 2 February 2027`` or ``30 December 2026 – 2 January 2027``."""
    if start is None or end is None or start == end:
        return format_date(start or end)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {MONTHS[end.month - 1]} {end.year}"
    if start.year == end.year:
        return f"{start.day} {MONTHS[start.month - 1]} – {format_date(end)}"
    return f"{format_date(start)} – {format_date(end)}"
