"""Reading a date as people type it: "3/4", "2027-03-04", "4 Mar", "March 4, 2027", "3.4.".

Who types decides the order of day and month: "3/4" is March 4 in the United States and
3 April in Britain or Germany. The caller says which (``day_first``, from the desktop's
short date pattern, see ``is_day_first``). A date written year first ("2027-03-04",
"2027/3/4") is always year, month, day. A month written as a word ("4 Mar", "Mar 4",
"4. März 2027") leaves no doubt either way. A missing year is the plan's year
(``plan_year``: the year in its horizon, else of its first day, else this year).
Two-digit years are this century ("4/3/27" is 2027).

Nothing is guessed: text that is not a date raises ``ValueError`` with a sentence saying
what a date looks like; blank text is "no date" (None).
"""

from __future__ import annotations

import datetime as dt
import re

from offsite.domain.formatting import MONTHS
from offsite.domain.language import QT_TRANSLATE_NOOP, translate

#: What the editors say when typed text is not a date.
#: Written before the language is chosen: shown as ``translate("Dates", DATE_HINT)``.
DATE_HINT = QT_TRANSLATE_NOOP("Dates", "Type a date such as 4 Mar 2027, 3/4 or 2027-03-04.")

# English month names and abbreviations, and the German ones that differ in their first letters.
_MONTH_WORDS: dict[str, int] = {name[:3].lower(): number for number, name in enumerate(MONTHS, start=1)}
_MONTH_WORDS.update({"mär": 3, "mrz": 3, "mai": 5, "okt": 10, "dez": 12, "sept": 9})
_TOKENS = re.compile(r"\d+|[^\W\d_]+")
_YEAR_FIRST = re.compile(r"(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})\.?")
_NUMERIC = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?:\s*[/.\-]\s*(\d{2}|\d{4}))?\s*\.?")
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")


def is_day_first(short_pattern: str) -> bool:
    """Whether a locale's short date pattern ("M/d/yy", "dd.MM.yy") puts the day before the month."""
    day, month = short_pattern.find("d"), short_pattern.find("M")
    return day != -1 and (month == -1 or day < month)


def plan_year(horizon: str, starts_on: dt.date | None, today: dt.date) -> int:
    """The year a date typed without one belongs to: the horizon's ("H1 2027"), else the first day's."""
    found = _YEAR.search(horizon or "")
    if found:
        return int(found.group(1))
    return starts_on.year if starts_on else today.year


def calendar_start(value: dt.date | None, year: int, today: dt.date) -> dt.date:
    """The day a calendar opens on: the date shown, else today in the plan's year, else its first day."""
    if value is not None:
        return value
    if year == today.year:
        return today
    return dt.date(year, 1, 1)


def _full_year(digits: str) -> int:
    return 2000 + int(digits) if len(digits) <= 2 else int(digits)


def _make(year: int, month: int, day: int, text: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(
            translate("Dates", "“{text}” is not a date on the calendar. {hint}").format(
                text=text, hint=translate("Dates", DATE_HINT)
            )
        ) from None


def _month_word(word: str) -> int | None:
    word = word.lower()
    for length in (4, 3):
        if len(word) >= length and word[:length] in _MONTH_WORDS:
            return _MONTH_WORDS[word[:length]]
    return None


def parse_date(text: str, *, day_first: bool, year: int, today: dt.date | None = None) -> dt.date | None:
    """The date ``text`` means; None for blank; ValueError (saying what to type) for anything else.

    ``year`` is the year of a date typed without one; ``today`` lets "today" be typed.
    """
    stripped = text.strip().strip(",")
    if not stripped:
        return None
    if today is not None and stripped.lower() in {"today", "heute"}:
        return today
    iso = _YEAR_FIRST.fullmatch(stripped)
    if iso:
        return _make(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)), text)
    numeric = _NUMERIC.fullmatch(stripped)
    if numeric:
        first, second, typed_year = numeric.groups()
        day, month = (first, second) if day_first else (second, first)
        return _make(_full_year(typed_year) if typed_year else year, int(month), int(day), text)
    tokens = _TOKENS.findall(stripped)
    words = [t for t in tokens if not t.isdigit()]
    numbers = [t for t in tokens if t.isdigit()]
    months = [m for m in map(_month_word, words) if m is not None]
    if len(words) == 1 and len(months) == 1 and 1 <= len(numbers) <= 2:
        # "4 Mar", "Mar 4", "4 March 2027", "March 4, 2027": the number of four digits is the year.
        if len(numbers) == 2 and len(numbers[0]) == 4:
            numbers.reverse()
        day = numbers[0]
        typed_year = numbers[1] if len(numbers) == 2 else None
        if len(day) <= 2 and (typed_year is None or len(typed_year) in (2, 4)):
            return _make(_full_year(typed_year) if typed_year else year, months[0], int(day), text)
    raise ValueError(
        translate("Dates", "“{text}” is not a date Offsite can read. {hint}").format(
            text=text, hint=translate("Dates", DATE_HINT)
        )
    )
