"""How numbers and dates read on screen and on paper, the same everywhere."""

from __future__ import annotations

import datetime as dt
import math
import re

_GROUPING = re.compile(r"[,\s\u00a0\u202f_]")


def format_number(value: float | None) -> str:
    """20.0 → "20", 4.25 → "4.25", 1200 → "1,200"; blank for None."""
    if value is None:
        return ""
    if math.isfinite(value) and value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")


def parse_number(text: str) -> float | None:
    """Read a number as people type it ("1,200", "4.2", "  7 "); None for blank.

    Raises ValueError for text that is not a number.
    """
    stripped = _GROUPING.sub("", text.strip())
    if stripped.endswith("%"):
        stripped = stripped[:-1]
    if not stripped:
        return None
    number = float(stripped)
    if not math.isfinite(number):
        raise ValueError(text)
    return number


def format_date(value: dt.date | None) -> str:
    """14 January 2027; blank for None."""
    if value is None:
        return ""
    return f"{value.day} {value:%B %Y}"


def format_short_date(value: dt.date | None) -> str:
    """14 Jan 2027; blank for None."""
    if value is None:
        return ""
    return f"{value.day} {value:%b %Y}"
