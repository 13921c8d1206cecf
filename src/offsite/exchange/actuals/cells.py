"""Numbers and dates as CRM reports and spreadsheets write them, read a whole column at a time.

A column is read by one rule for all its cells, decided from the cells themselves: "1.234,5" and
"12,5" say a decimal comma, "1,234.5" and "12.5" a decimal point; "14/03/2027" says day first,
"3/14/2027" month first. A cell that contradicts its column's rule is a fault, never read the
other way in silence. What the column leaves open ("1,234" alone, or only "03/04/2027") is
decided by the file's habits where they tell (a semicolon-separated file writes decimal commas),
and said in a note; dates that read both ways in every cell are refused, asking which is meant.

A column is factorised first (pandas hashes it in C): each distinct text is looked at once, by
one function that does all a cell needs, and the results are spread back over the column with
numpy. A list of 100,000 deals has a few hundred distinct close dates.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from offsite.domain.actuals import period_end, read_day, without_time
from offsite.domain.formatting import format_short_date
from offsite.domain.language import translate

#: Excel's day 0 (its serial dates count from here, with the 1900 leap-year bug folded in).
EXCEL_EPOCH = dt.date(1899, 12, 30)
#: Serial numbers taken as dates: 1 Jan 1950 to 31 Dec 2199. Any other number is not a date.
SERIAL_RANGE = (18264, 109939)


@dataclass(slots=True)
class Column:
    """A column read: its values (NaN/NaT where blank or unreadable), what was wrong, what was decided."""

    values: np.ndarray
    blank: np.ndarray  # bool: the cell is empty
    reasons: dict[int, str] = field(default_factory=dict)  # position -> why the cell cannot be read
    notes: list[str] = field(default_factory=list)
    refusal: str = ""  # the whole column cannot be read as it stands (dates both ways in every cell)


def day_text(day: dt.date) -> str:
    """A day as a note writes it: 14 Mar 2027 (14.03.2027)."""
    return format_short_date(day)


def quoted(value: object) -> str:
    """A cell as a message quotes it: on one line, cut when long."""
    text = " ".join(str(value).split())
    return f"“{text[:40]}…”" if len(text) > 40 else f"“{text}”"


def _spread(codes: np.ndarray, values: np.ndarray, empty: object) -> np.ndarray:
    """Each cell's value from its distinct value's (``codes`` as pandas' factorize gives them; -1: empty)."""
    padded = np.append(values, np.array([empty], dtype=values.dtype))
    return np.asarray(padded[codes])  # code -1 takes the last: the empty value


def _reasons(codes: np.ndarray, reasons: dict[int, str]) -> dict[int, str]:
    """Each cell's reason from its distinct value's."""
    if not reasons:
        return {}
    at = np.flatnonzero(np.isin(codes, list(reasons)))
    return {int(position): reasons[int(codes[position])] for position in at}


# --- Numbers --------------------------------------------------------------------------------------------

_COMMON = re.compile(r"(-)?(?:[A-Z]{3} ?|[$€£¥₹] ?)?(\d[\d,.]*)(?: ?[$€£¥₹]| ?[A-Z]{3}|%)?")
_CURRENCY = re.compile(r"^(?:[A-Z]{3}\s*)?[$€£¥₹]?\s*|\s*[$€£¥₹]?(?:\s*[A-Z]{3})?$")
_GAPS = re.compile(r"[\s\u00a0\u202f\u2009'’]")  # spaces and apostrophes that group thousands
_DASHES = {"-", "–", "—", "n/a", "N/A", "#N/A"}  # what a report writes for "nothing"
_EXPONENT = re.compile(r"[eE][+-]?\d+$")
# The decimal mark a number (its sign, currency and grouping spaces gone) shows it uses, if any.
_COMMA_DECIMAL = re.compile(
    r"(?:\d*\.\d{3})+,\d*|\d*,(?:\d{1,2}|\d{4,})|\d{4,},\d{3}|0,\d{3}|\d+(?:\.\d{3}){2,}"
)
_POINT_DECIMAL = re.compile(
    r"(?:\d*,\d{3})+\.\d*|\d*\.(?:\d{1,2}|\d{4,})|\d{4,}\.\d{3}|0\.\d{3}|\d+(?:,\d{3}){2,}"
)
_EITHER = re.compile(r"[1-9]\d{0,2}[.,]\d{3}")  # "1,234" or "1.234": a thousand, or one and a bit
NONE, COMMA, POINT, EITHER = 0, 1, 2, 3
_MARKS = re.compile(
    f"(?P<comma>{_COMMA_DECIMAL.pattern})|(?P<point>{_POINT_DECIMAL.pattern})|(?P<either>{_EITHER.pattern})"
)
_MARK_KINDS = {"comma": COMMA, "point": POINT, "either": EITHER}


def number_parts(text: str) -> tuple[str, bool, int] | None:
    """A number's digits and marks, whether it is negative, and which decimal mark it shows; None if blank.

    "(1.234,50 €)" → ("1.234,50", True, COMMA); "$1,200" → ("1,200", False, EITHER); "12%" → ("12", False, NONE).
    """
    core = text.strip()
    if not core or core in _DASHES:
        return None
    common = _COMMON.fullmatch(core)
    if common:  # "1500", "12,000.50", "USD 12,000.00", "$1,200", "-3.5", "24%": one match, no steps
        core = common.group(2)
        negative = common.group(1) is not None
    else:
        core, negative = _unwrapped(core)
    if "," not in core and "." not in core:
        return core, negative, NONE
    mantissa = _EXPONENT.sub("", core) if "e" in core or "E" in core else core  # Excel's "1,5E+06"
    shown = _MARKS.fullmatch(mantissa)
    return core, negative, _MARK_KINDS[shown.lastgroup] if shown and shown.lastgroup else NONE


def _unwrapped(text: str) -> tuple[str, bool]:
    """A number's digits and marks without its sign, brackets, currency, percent and grouping spaces."""
    core = text.replace("−", "-")
    negative = False
    if core.startswith("(") and core.endswith(")"):
        negative, core = True, core[1:-1].strip()
    if core.endswith("-"):
        negative, core = True, core[:-1].rstrip()
    if core.startswith("-"):
        negative, core = True, core[1:].lstrip()
    core = _CURRENCY.sub("", core)
    if core.startswith("-"):  # after the currency: "$-1,200", "USD -5"
        negative, core = True, core[1:]
    return _GAPS.sub("", core.removesuffix("%")), negative


def read_numbers(cells: pd.Series, column: str, mark: str, comma_habit: bool) -> Column:
    """The numbers of a column: "1,234.5", "1.234,5", "1 234,5", "12%", "$1,200", "(300)", "USD 1,200.00".

    ``mark`` is the mapping's decimal setting ("auto", "point", "comma"); ``comma_habit`` says the
    file's own habit when a column leaves it open (a semicolon-separated file writes decimal
    commas). A percentage is read as its number (12% is 12), as a metric in percent is typed.
    """
    codes, distinct = pd.factorize(cells)
    uniques = distinct.tolist()
    count = len(uniques)
    values = np.full(count, np.nan)
    blank = np.zeros(count, dtype=bool)
    reasons: dict[int, str] = {}
    texts: list[int] = []
    parts: list[tuple[str, bool, int]] = []
    for index, cell in enumerate(uniques):
        if isinstance(cell, str):
            found = number_parts(cell)
            if found is None:
                blank[index] = True
            else:
                texts.append(index)
                parts.append(found)
        elif isinstance(cell, bool) or not isinstance(cell, int | float | np.number):
            reasons[index] = translate("ActualsImport", "{cell} is not a number").format(cell=quoted(cell))
        else:  # a workbook's numbers are numbers already
            values[index] = float(cell)
    notes: list[str] = []
    if parts:
        evidence = np.array([kind for _core, _negative, kind in parts])
        weights = np.bincount(codes[codes >= 0], minlength=count)[texts]  # how many cells show each
        chosen = mark
        if mark == "auto":
            chosen = _decide_mark(evidence, weights, comma_habit, [uniques[i] for i in texts], column, notes)
        against = COMMA if chosen == "point" else POINT
        if chosen == "comma":
            plain = [core.replace(".", "").replace(",", ".") for core, _negative, _kind in parts]
        else:
            plain = [core.replace(",", "") for core, _negative, _kind in parts]
        numbers = pd.to_numeric(pd.Series(plain, dtype=object), errors="coerce").to_numpy(dtype=float)
        numbers = np.where([negative for _core, negative, _kind in parts], -np.abs(numbers), numbers)
        at = np.asarray(texts)
        wrong = evidence == against
        unread = np.isnan(numbers) & ~wrong
        values[at[~wrong & ~unread]] = numbers[~wrong & ~unread]
        for offset in np.flatnonzero(wrong).tolist():
            reasons[texts[offset]] = (
                translate(
                    "ActualsImport",
                    "{cell} is written with a decimal point, unlike the other numbers of “{column}”; write it "
                    "as they are written",
                )
                if chosen == "comma"
                else translate(
                    "ActualsImport",
                    "{cell} is written with a decimal comma, unlike the other numbers of “{column}”; write it "
                    "as they are written",
                )
            ).format(cell=quoted(uniques[texts[offset]]), column=column)
        for offset in np.flatnonzero(unread).tolist():
            reasons[texts[offset]] = translate("ActualsImport", "{cell} is not a number").format(
                cell=quoted(uniques[texts[offset]])
            )
    return Column(
        _spread(codes, values, np.nan),
        _spread(codes, blank, True),
        _reasons(codes, reasons),
        notes,
    )


def _decide_mark(
    evidence: np.ndarray, weights: np.ndarray, habit: bool, texts: list[object], column: str, notes: list[str]
) -> str:
    """The decimal mark of a column read with "auto": its cells' evidence, else the file's habit."""
    commas, points = int(weights[evidence == COMMA].sum()), int(weights[evidence == POINT].sum())
    if commas or points:
        if commas > points:
            example = texts[int(np.flatnonzero(evidence == COMMA)[0])]
            notes.append(
                translate(
                    "ActualsImport", "Numbers in “{column}” are read with a decimal comma, as {cell} shows."
                ).format(column=column, cell=quoted(example))
            )
            return "comma"
        return "point"
    either = np.flatnonzero(evidence == EITHER)
    if not len(either):
        return "point"
    example = quoted(texts[int(either[0])])
    if habit:
        notes.append(
            translate(
                "ActualsImport",
                "Numbers in “{column}” such as {cell} could be thousands or decimals; they are read with a "
                "decimal comma, as this file’s semicolons suggest. If that is wrong, choose “decimal point” in "
                "the mapping.",
            ).format(column=column, cell=example)
        )
        return "comma"
    notes.append(
        translate(
            "ActualsImport",
            "Numbers in “{column}” such as {cell} could be thousands or decimals; they are read as thousands "
            "(a decimal point). If that is wrong, choose “decimal comma” in the mapping.",
        ).format(column=column, cell=example)
    )
    return "point"


# --- Dates ----------------------------------------------------------------------------------------------


def read_dates(cells: pd.Series, column: str, order: str) -> Column:
    """The days of a column: ISO, 14/03/2027, 03/14/2027, 14.03.2027, "Mar 14, 2027", "14-Mar-2027",
    a workbook's date cells and Excel serial numbers, or a period ("2027-W05", "Q1 2027", "Mar 2027")
    taken as of its last day. ``order`` is the mapping's setting: "auto", "day_first", "month_first".

    Values are ``datetime64[D]``. Each distinct text is read once, by the rules of typing a date.
    """
    codes, distinct = pd.factorize(cells)
    uniques = distinct.tolist()
    count = len(uniques)
    values = np.full(count, np.datetime64("NaT"), dtype="datetime64[D]")
    blank = np.zeros(count, dtype=bool)
    reasons: dict[int, str] = {}
    notes: list[str] = []
    serial = ""
    texts: dict[str, list[int]] = {}  # a date's text without its time -> the distinct cells that hold it
    for index, cell in enumerate(uniques):
        if isinstance(cell, str):
            text = without_time(cell)
            if text:
                texts.setdefault(text, []).append(index)
            else:
                blank[index] = True
        elif isinstance(cell, dt.datetime | pd.Timestamp):
            values[index] = np.datetime64(cell.date(), "D")
        elif isinstance(cell, dt.date):
            values[index] = np.datetime64(cell, "D")
        elif isinstance(cell, int | float | np.number) and not isinstance(cell, bool):
            if SERIAL_RANGE[0] <= float(cell) <= SERIAL_RANGE[1]:
                day = EXCEL_EPOCH + dt.timedelta(days=int(float(cell)))
                values[index] = np.datetime64(day, "D")
                serial = serial or translate("ActualsImport", "{number} is {day}").format(
                    number=_number_text(cell), day=day_text(day)
                )
            else:
                reasons[index] = translate("ActualsImport", "{cell} is a number, not a date").format(
                    cell=quoted(_number_text(cell))
                )
        else:
            reasons[index] = translate("ActualsImport", "{cell} is not a date").format(cell=quoted(cell))
    if serial:
        notes.append(
            translate(
                "ActualsImport",
                "Dates in “{column}” stored as numbers are read as Excel’s serial dates ({example}).",
            ).format(column=column, example=serial)
        )
    refusal = ""
    if texts:
        days, refusal = _read_days(list(texts), column, order, notes)
        for read, indexes in zip(days, texts.values(), strict=True):
            for index in indexes:
                if isinstance(read, dt.date):
                    values[index] = np.datetime64(read, "D")
                else:
                    reasons[index] = read
    return Column(
        _spread(codes, values, np.datetime64("NaT")),
        _spread(codes, blank, True),
        {} if refusal else _reasons(codes, reasons),
        notes,
        refusal,
    )


def _number_text(value: object) -> str:
    number = float(value)  # type: ignore[arg-type]
    return str(int(number)) if number.is_integer() else str(number)


def _read_days(
    texts: list[str], column: str, order: str, notes: list[str]
) -> tuple[list[dt.date | str], str]:
    """Each distinct text as a day, or the reason it is not one; and the column's refusal, if any."""
    first = [read_day(text, day_first=True) for text in texts]
    second = [read_day(text, day_first=False) for text in texts]
    pairs = list(zip(first, second, strict=True))
    only_day_first = [i for i, (a, b) in enumerate(pairs) if a and not b]
    only_month_first = [i for i, (a, b) in enumerate(pairs) if b and not a]
    both_ways = [i for i, (a, b) in enumerate(pairs) if a and b and a != b]
    if order == "auto":
        deciding = only_day_first if len(only_day_first) >= len(only_month_first) else only_month_first
        if deciding:
            order = "day_first" if deciding is only_day_first else "month_first"
            if both_ways:
                i = both_ways[0]
                day = first[i] if order == "day_first" else second[i]
                assert day is not None
                notes.append(
                    (
                        translate(
                            "ActualsImport",
                            "Dates in “{column}” are read day first, as {cell} shows: {example} is {day}.",
                        )
                        if order == "day_first"
                        else translate(
                            "ActualsImport",
                            "Dates in “{column}” are read month first, as {cell} shows: {example} is {day}.",
                        )
                    ).format(
                        column=column,
                        cell=quoted(texts[deciding[0]]),
                        example=quoted(texts[i]),
                        day=day_text(day),
                    )
                )
        elif both_ways:
            i = both_ways[0]
            a, b = first[i], second[i]
            assert a is not None
            assert b is not None
            refusal = translate(
                "ActualsImport",
                "Every date in “{column}” reads both ways ({cell} is {day_first} day first, {month_first} month "
                "first); choose “day first” or “month first” for dates in the mapping",
            ).format(column=column, cell=quoted(texts[i]), day_first=day_text(a), month_first=day_text(b))
            return [refusal] * len(texts), refusal
    chosen, other = (first, second) if order == "day_first" else (second, first)
    days: list[dt.date | str] = []
    periods = False
    for index, text in enumerate(texts):
        found = chosen[index]
        if found is None and first[index] is None and second[index] is None:
            found = period_end(text)
            periods = periods or found is not None
        if found is not None:
            days.append(found)
        elif other[index] is not None:
            days.append(
                (
                    translate(
                        "ActualsImport",
                        "{cell} is not a date written day first, as the other dates of “{column}” are",
                    )
                    if order == "day_first"
                    else translate(
                        "ActualsImport",
                        "{cell} is not a date written month first, as the other dates of “{column}” are",
                    )
                ).format(cell=quoted(text), column=column)
            )
        else:
            days.append(
                translate(
                    "ActualsImport",
                    "{cell} is not a date: write it as 2027-03-14, 14/03/2027 or Mar 14, 2027",
                ).format(cell=quoted(text))
            )
    if periods:
        notes.append(
            translate(
                "ActualsImport",
                "Periods in “{column}” (a week, month or quarter) are taken as of their last day.",
            ).format(column=column)
        )
    return days, ""


def column_letters(position: int) -> str:
    """A column's letters as a spreadsheet names it, from its position (0 is A): A … Z, AA …"""
    letters = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
