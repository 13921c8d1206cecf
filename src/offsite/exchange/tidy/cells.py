"""How one value becomes a cell a spreadsheet shows as it is, never runs: the formula-injection rules.

A spreadsheet runs a cell whose text starts with ``=``, ``+``, ``-`` or ``@`` (and Excel also one
starting with a tab or a carriage return): a note such as ``=HYPERLINK("http://x","click")`` in a
check-in would become a live link, or worse, in the room's laptop. So, as OWASP advises:

- **CSV**: such text is written with a single quote before it (``'=HYPERLINK(…)``), which Excel
  and LibreOffice show as text. Text that itself starts with a quote gets one more, so the import
  of actuals, reading the file back, takes exactly the quotes the export added (``unguard``).
- **XLSX**: text is a string cell (never a formula, whatever it starts with), marked with Excel's
  quote prefix when it would otherwise read as a formula, so editing the cell keeps it text.

Numbers stay numbers: a value of −5 is the number −5, not text. Only text is guarded.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Final

#: What makes a spreadsheet read a cell's text as a formula (OWASP's list).
FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")
#: The single quote that keeps a CSV cell text; text starting with it is quoted again.
QUOTE: Final = "'"
#: The longest text an Excel cell holds; a longer one is cut, and the “About” sheet says so.
MAX_CELL_TEXT: Final = 32_767
#: Marks where a text too long for a cell was cut.
CUT_MARK: Final = "…"

#: What follows the guard's quote: a formula's start, or the quote of text that started with one.
_GUARDED_NEXT: Final = (*FORMULA_STARTS, QUOTE)
#: Whether CSV text may hold a guarded cell at all: a quote (after an opening double quote, if the
#: cell is quoted) at a line's or a cell's start, before what ``guard`` quotes. A quick look that
#: spares a reader a pass over every cell of a file that has none.
GUARDED_CELL: Final = re.compile(r"""(?:^|[,;\t])"?'[=+\-@\t\r']""", re.MULTILINE)


def formula_like(text: str) -> bool:
    """Whether a spreadsheet would read ``text`` as a formula if it were typed into a cell."""
    return text.startswith(FORMULA_STARTS)


def guard(text: str) -> str:
    """``text`` as a CSV cell a spreadsheet shows as text: a quote before any formula-like text,
    and before text that starts with a quote itself (so ``unguard`` is exact)."""
    return QUOTE + text if formula_like(text) or text.startswith(QUOTE) else text


def unguard(text: str) -> str:
    """The text a CSV cell written by ``guard`` holds (or by any export that guards the same way).

    Only a quote before what ``guard`` quotes is taken off, so other text that starts with a
    quote in a file from elsewhere (“'tis”) is read as written.
    """
    return text[1:] if text.startswith(QUOTE) and text[1:2] in _GUARDED_NEXT else text


def number_text(value: float) -> str:
    """A number with a dot decimal, exactly: ``340`` for 340.0, ``0.1``, ``-5``, ``1e-07``.

    Python's shortest form reads back to the same float, so an export and its import agree to the bit.
    """
    if math.isfinite(value) and float(value).is_integer() and abs(value) < 2**53:
        return str(int(value))
    return repr(float(value))


def csv_text(value: object) -> str:
    """One value as the CSV writes it: ISO dates, dot decimals, blanks empty, text guarded."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return f"{value:%Y-%m-%dT%H:%M:%S}Z"  # stored in UTC: the Z says so
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        raise TypeError("a check-in export has no yes/no columns")
    if isinstance(value, int | float):
        return number_text(value)
    if isinstance(value, str):
        return guard(value)
    raise TypeError(type(value).__name__)


# XML 1.0, which an XLSX is written in, cannot hold these control characters; OOXML writes each as
# ``_xHHHH_``, and a literal ``_xHHHH_`` in the text as ``_x005F_xHHHH_`` so it is not decoded.
# A carriage return is escaped too: XML reads every CR as a line feed.
_UNWRITABLE = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]")
_ESCAPE_LIKE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")


def xlsx_text(text: str) -> tuple[str, bool]:
    """``text`` as an XLSX string cell holds it, and whether it had to be cut to fit a cell."""
    cut = False
    # Excel counts a cell's text in UTF-16 units: an emoji is two.
    if len(text) > MAX_CELL_TEXT // 2:
        units = text.encode("utf-16-le")
        if len(units) > 2 * MAX_CELL_TEXT:
            cut = True
            # Decoding with "ignore" drops half a surrogate pair left at the cut.
            text = units[: 2 * (MAX_CELL_TEXT - len(CUT_MARK))].decode("utf-16-le", "ignore") + CUT_MARK
    if "_x" in text:
        text = _ESCAPE_LIKE.sub(r"_x005F_\1", text)
    if _UNWRITABLE.search(text):
        text = _UNWRITABLE.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
    return text, cut
