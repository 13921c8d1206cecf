"""Actuals from the tools teams already use: how a CRM report or a spreadsheet maps onto check-ins.

A file of actuals comes in one of two shapes (``MappingSpec.layout``):

- **totals**: one line a reading, as a spreadsheet keeps them ("Metric, Date, Value, Note, Owner");
  each line names its metric (by name, or by an alias the mapping keeps) and becomes one check-in.
- **records**: a CRM's list of deals, opportunities or leads ("Deal Name, Deal Stage, Amount,
  Close Date, Deal Owner"); the lines that pass the mapping's filters (Stage is Closed Won) are
  counted, or one column of them summed, per day, week, month or quarter of a date column, for the
  one metric the mapping names: one check-in a period.

Offsite's own check-ins export (``offsite.exchange.tidy``) is a totals file that says more: a
header holding its columns (``EXPORT_COLUMNS``) makes each line keep its own source, confidence
and who, and find its metric by ``metric_uid`` before its name (``reads_an_export``), so an
export imported back into its own plan is found there whole.

This module holds the plain values the reading produces (``ProposedCheckIn``, ``RowFault``,
``ImportPreview``), the mapping (``MappingSpec``), the names by which a header is recognised
(``guess_mapping``) and the rules that tell the table from what a report puts around it: its
title and filters above the header, its footer below (``footer_kind``, ``footer_start``).
The reading itself (CSV, XLSX, numbers and dates by locale) is ``offsite.exchange.actuals``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal, get_args

from offsite.domain.dates import parse_date
from offsite.domain.errors import EditRefusedError
from offsite.domain.formatting import format_number
from offsite.domain.language import QT_TRANSLATE_NOOP, plural, translate

Layout = Literal["totals", "records"]
Aggregate = Literal["count", "sum"]
Period = Literal["day", "week", "month", "quarter"]
DecimalMark = Literal["auto", "point", "comma"]
DateOrder = Literal["auto", "day_first", "month_first"]

#: A value beyond this (either way) is refused: far past any real figure, and past what a float
#: holds to the unit, so a typo of a dozen extra digits never becomes a plan's actual.
MAX_VALUE = 1e15

#: How far down a file the header may be: a report's title and filters take a few lines, never this many.
HEADER_SEARCH_LINES = 50


@dataclass(frozen=True, slots=True)
class MappingSpec:
    """How the columns of a file become check-ins: the fields of a plan's import mapping.

    Columns are named as the file's header names them (matched in any case, trimmed); "" is none.
    ``metric_id`` is the metric a list of records makes up (records layout only).
    ``filters`` keep the records whose column holds one of the values: ``(("Stage", ("Closed Won",)),)``.
    ``aliases`` name a metric by another label a file uses: ``(("New pipeline", 7),)``.
    ``cumulative`` makes each period's value the running total since the first period.
    """

    layout: Layout = "totals"
    metric_column: str = ""
    date_column: str = ""
    value_column: str = ""
    note_column: str = ""
    owner_column: str = ""
    metric_id: int | None = None
    aggregate: Aggregate = "count"
    period: Period = "week"
    cumulative: bool = False
    decimal: DecimalMark = "auto"
    dates: DateOrder = "auto"
    filters: tuple[tuple[str, tuple[str, ...]], ...] = ()
    aliases: tuple[tuple[str, int], ...] = ()

    def __post_init__(self) -> None:
        for name, kind in (
            ("layout", Layout),
            ("aggregate", Aggregate),
            ("period", Period),
            ("decimal", DecimalMark),
            ("dates", DateOrder),
        ):
            value = getattr(self, name)
            if value not in get_args(kind):
                choices = translate("ActualsImport", " or ").join(f"“{choice}”" for choice in get_args(kind))
                raise EditRefusedError(
                    translate(
                        "ActualsImport", "The mapping’s {setting} must be {choices}, not “{value}”."
                    ).format(setting=name, choices=choices, value=value)
                )

    def columns(self) -> tuple[str, ...]:
        """The columns this mapping reads, each once, in the order a header search wants them."""
        wanted = [self.date_column]
        if self.layout == "totals":
            wanted += [self.metric_column, self.value_column]
        elif self.aggregate == "sum":
            wanted.append(self.value_column)
        wanted += [self.note_column, self.owner_column, *(column for column, _values in self.filters)]
        seen: dict[str, str] = {}
        for column in wanted:
            if column.strip():
                seen.setdefault(header_key(column), column)
        return tuple(seen.values())


@dataclass(frozen=True, slots=True)
class ProposedCheckIn:
    """One check-in an import would record: which lines of the file it comes from, and its reading.

    ``lines`` are the file's lines as a spreadsheet numbers them (a period of records: every
    record counted; an empty period: none). ``metric_label`` is the metric as the file names it
    (records: the metric's name). ``owner`` is who the file says checked in ("" when it does not say).
    ``source`` is the check-in's own source when the file says it (Offsite's export: "" typed in
    Offsite), None for the import's; ``confidence`` 0–10, or None for none.
    """

    lines: tuple[int, ...]
    metric_id: int
    metric_label: str
    as_of: dt.date
    value: float
    note: str = ""
    owner: str = ""
    source: str | None = None
    confidence: int | None = None


@dataclass(frozen=True, slots=True)
class RowFault:
    """A line of the file the import cannot use, the column at fault ("" for the whole line) and why."""

    line: int
    column: str
    reason: str

    def __str__(self) -> str:
        if self.column:
            return translate("ActualsImport", "Line {line}, {column}: {reason}").format(
                line=format_number(self.line), column=self.column, reason=self.reason
            )
        return translate("ActualsImport", "Line {line}: {reason}").format(
            line=format_number(self.line), reason=self.reason
        )


@dataclass(frozen=True, slots=True)
class ImportPreview:
    """What importing a file would record, every line at fault, and what the reading noticed.

    An import with any fault is refused whole; ``notes`` say what was skipped or decided on the
    way (a report's footer, dates read day first, numbers read with a decimal comma).
    """

    rows: tuple[ProposedCheckIn, ...]
    faults: tuple[RowFault, ...] = ()
    notes: tuple[str, ...] = ()
    lines_read: int = 0  # the table's lines below its header, footer and blank lines left out

    @property
    def refused(self) -> bool:
        return bool(self.faults)


# --- Headers --------------------------------------------------------------------------------------------


def header_key(text: str) -> str:
    """A header or a label as matching compares it: composed Unicode, one case, spaces collapsed, trimmed."""
    text = unicodedata.normalize("NFC", text).replace("\ufeff", "")
    return " ".join(text.casefold().split()).strip(" :")


#: The names a totals file gives its columns, as ``header_key`` writes them.
METRIC_HEADERS = ("metric", "kpi", "measure", "name", "metric name", "kpi name", "measure name", "kennzahl")
DATE_HEADERS = (
    "date",
    "as of",
    "as-of",
    "as of date",
    "as_of",  # Offsite's own check-ins export (offsite.exchange.tidy)
    "week",
    "week ending",
    "week of",
    "period",
    "month",
    "day",
    "quarter",
    "datum",
    "stichtag",
)
VALUE_HEADERS = (
    "value",
    "actual",
    "actuals",
    "amount",
    "total",
    "count",
    "result",
    "number",
    "wert",
    "ist",
    "betrag",
)
NOTE_HEADERS = (
    "note",
    "notes",
    "comment",
    "comments",
    "remark",
    "remarks",
    "notiz",
    "kommentar",
    "bemerkung",
)
OWNER_HEADERS = (
    "owner",
    "deal owner",
    "opportunity owner",
    "who",
    "contact owner",
    "lead owner",
    "account owner",
    "owner name",
    "checked in by",
    "verantwortlich",
)
#: What marks a list of CRM records, and the dates its records carry (most telling first).
RECORD_NAME_HEADERS = (
    "deal name",
    "opportunity name",
    "lead name",
    "record id",
    "company name",
    "account name",
    "full name",
    "first name",
    "email",
)
STAGE_HEADERS = ("deal stage", "stage", "lifecycle stage", "lead status", "status", "opportunity stage")
RECORD_DATE_HEADERS = (
    "close date",
    "closed date",
    "create date",
    "created date",
    "date created",
    "created",
    "became a lead date",
    "last modified date",
)


#: The columns by which a header is Offsite's own check-ins export (``offsite.exchange.tidy``,
#: docs/checkins.md), as ``header_key`` writes them: the metric by uid and name, the reading, and
#: what an import of another file cannot say, its confidence, who checked in and its source.
EXPORT_UID = "metric_uid"
EXPORT_CONFIDENCE = "confidence"
EXPORT_SOURCE = "source"
EXPORT_COLUMNS = ("metric", EXPORT_UID, "as_of", "value", EXPORT_CONFIDENCE, "who", EXPORT_SOURCE)
#: What the preview says of a file it reads as Offsite's export.
EXPORT_NOTE = QT_TRANSLATE_NOOP(
    "ActualsImport",
    "Read as an Offsite check-ins export: each check-in keeps its own source (blank: typed in "
    "Offsite), confidence and who, and its metric is found by “metric_uid” (by name in another plan).",
)


def reads_an_export(headers: Iterable[str], spec: MappingSpec) -> bool:
    """Whether ``spec`` reads a file whose ``headers`` are Offsite's check-ins export as that export:
    the header holds ``EXPORT_COLUMNS``, and each line's metric, day and value come from the
    export's own columns (a mapping choosing others reads the file as any other)."""
    keys = {header_key(str(header)) for header in headers}
    read = (header_key(spec.metric_column), header_key(spec.date_column), header_key(spec.value_column))
    return spec.layout == "totals" and set(EXPORT_COLUMNS) <= keys and read == ("metric", "as_of", "value")


def _find(keys: Sequence[str], headers: Sequence[str], names: Sequence[str]) -> str:
    """The first header (as the file writes it) whose key is one of ``names``, in the order of ``names``."""
    for name in names:
        for key, header in zip(keys, headers, strict=True):
            if key == name:
                return header
    return ""


def guess_mapping(headers: Sequence[str]) -> MappingSpec | None:
    """The mapping a header most likely means, or None when it looks like neither kind of file.

    A metric, a date and a value column make a totals file; a date of records (Close Date, Create
    Date) beside a stage or a record's name makes a list of records, counted per week by default
    (the dialog asks which metric they make up and what to filter).
    """
    headers = [str(header) for header in headers]
    keys = [header_key(header) for header in headers]
    date = _find(keys, headers, DATE_HEADERS)
    metric = _find(keys, headers, METRIC_HEADERS)
    value = _find(keys, headers, VALUE_HEADERS)
    note = _find(keys, headers, NOTE_HEADERS)
    owner = _find(keys, headers, OWNER_HEADERS)
    if metric and date and value:
        return MappingSpec(
            layout="totals",
            metric_column=metric,
            date_column=date,
            value_column=value,
            note_column=note,
            owner_column=owner,
            period="day",
        )
    stage = _find(keys, headers, STAGE_HEADERS)
    record_name = _find(keys, headers, RECORD_NAME_HEADERS)
    record_date = _find(keys, headers, RECORD_DATE_HEADERS) or date
    if record_date and (stage or record_name):
        return MappingSpec(
            layout="records",
            date_column=record_date,
            value_column=value,
            owner_column=owner,
            aggregate="count",
            period="week",
        )
    return None


def closest_name(label: str, names: Iterable[str]) -> str | None:
    """The one of ``names`` a label most likely means when it names none of them (a typo, another
    spelling: "Pipline created" for "Pipeline created"), or None when none is close."""
    known = {header_key(name): name for name in names}
    close = difflib.get_close_matches(header_key(label), list(known), n=1, cutoff=0.75)
    return known[close[0]] if close else None


def find_header(rows: Sequence[Sequence[str]], wanted: Collection[str] = ()) -> int | None:
    """Which of the first rows is the table's header, or None when none is.

    With ``wanted`` (the columns a mapping reads): the first row holding them all. Without: the
    first row ``guess_mapping`` recognises, else the first row as wide as the widest of them (a
    report's title and filters above the header are a cell or two wide).
    """
    rows = list(rows[:HEADER_SEARCH_LINES])
    keyed = [[header_key(cell) for cell in row] for row in rows]
    if wanted:
        need = {header_key(column) for column in wanted}
        return next((index for index, keys in enumerate(keyed) if need <= set(keys)), None)
    for index, row in enumerate(rows):
        if guess_mapping(row) is not None:
            return index
    widths = [sum(1 for key in keys if key) for keys in keyed]
    widest = max(widths, default=0)
    if widest < 2:
        return None
    return widths.index(widest)


def above_header_note(rows: Sequence[Sequence[str]]) -> str | None:
    """What a file holds above its header (a report's title and filters), as a note; None if nothing."""
    texts = [" ".join(cell.strip() for cell in row if cell.strip()) for row in rows]
    shown = [text for text in texts if text]
    if not rows:
        return None
    if not shown:
        said = plural(
            len(rows),
            translate("ActualsImport", "Skipped {count} line above the header (blank)."),
            translate("ActualsImport", "Skipped {count} lines above the header (blank)."),
        )
    else:
        said = plural(
            len(rows),
            translate(
                "ActualsImport",
                "Skipped {count} line above the header (the report’s title and filters: {texts}).",
            ),
            translate(
                "ActualsImport",
                "Skipped {count} lines above the header (the report’s title and filters: {texts}).",
            ),
        )
    quotes = ", ".join(_quote(t) for t in shown[:3]) + (", …" if len(shown) > 3 else "")
    return said.format(count=format_number(len(rows)), texts=quotes)


# --- A report's footer ----------------------------------------------------------------------------------

FooterKind = Literal["blank", "totals", "copyright", "confidential", "generated", "text"]

#: The first cell of a totals line: the word alone, perhaps with a count ("Grand Totals (5700 records)").
_TOTALS = re.compile(
    r"(?:(?:grand\s+|sub-?)?totals?|sum|summe|gesamt(?:summe)?|total\s+general)\s*(?:\(.*\))?\s*:?",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(r"copyright|©|\(c\)\s*\d{4}|all rights reserved", re.IGNORECASE)
_CONFIDENTIAL = re.compile(r"confidential|do not distribute", re.IGNORECASE)
_GENERATED = re.compile(
    r"(generated|exported|created|run|printed)\s+(by|on|at)\b|report generated|powered by", re.IGNORECASE
)


def footer_kind(cells: Sequence[str], labels: Collection[str] = ()) -> FooterKind | None:
    """What a line below a table is when it is part of a report's footer; None when it may be data.

    ``labels`` are the metrics' names and aliases (as ``header_key`` writes them): a line that
    names one is data even if it reads "Total". A line of one cell of other text is "text": part
    of a footer only below a line that surely is (a report's name above its copyright line).
    """
    filled = [cell.strip() for cell in cells if cell and cell.strip()]
    if not filled:
        return "blank"
    first = filled[0]
    if _TOTALS.fullmatch(first) and header_key(first) not in labels:
        return "totals"
    text = " ".join(filled)
    if _COPYRIGHT.search(text):
        return "copyright"
    if _CONFIDENTIAL.search(text):
        return "confidential"
    if _GENERATED.match(text):
        return "generated"
    if len(filled) == 1:
        return "text"
    return None


def footer_start(rows: Sequence[Sequence[str]], labels: Collection[str] = ()) -> int:
    """Where a report's footer begins among the table's lines below its header (len(rows) if none).

    Walking up from the last line, the footer is the lines ``footer_kind`` names; it starts at the
    first of them that surely is footer (blank, totals, copyright…): lines of one cell of text
    right below the data stay data, so that a line missing its values is reported, not hidden.
    """
    start = len(rows)
    while start > 0 and footer_kind(rows[start - 1], labels) is not None:
        start -= 1
    for index in range(start, len(rows)):
        if footer_kind(rows[index], labels) != "text":
            return index
    return len(rows)


def footer_note(rows: Sequence[Sequence[str]], labels: Collection[str] = ()) -> str | None:
    """The note for a footer left out: "Skipped 4 lines after the table: a report footer (blank, totals, …)"."""
    if not rows:
        return None
    kinds: list[str] = []
    for row in rows:
        kind = footer_kind(row, labels)
        said = translate("ActualsImport", _FOOTER_WORDS[kind or "text"])
        if said not in kinds:
            kinds.append(said)
    return plural(
        len(rows),
        translate("ActualsImport", "Skipped {count} line after the table: a report footer ({kinds})."),
        translate("ActualsImport", "Skipped {count} lines after the table: a report footer ({kinds})."),
    ).format(count=format_number(len(rows)), kinds=", ".join(kinds))


#: How a footer note names each kind of footer line.
_FOOTER_WORDS: dict[str, str] = {
    "blank": QT_TRANSLATE_NOOP("ActualsImport", "blank"),
    "totals": QT_TRANSLATE_NOOP("ActualsImport", "totals"),
    "copyright": QT_TRANSLATE_NOOP("ActualsImport", "“Copyright”"),
    "confidential": QT_TRANSLATE_NOOP("ActualsImport", "“Confidential”"),
    "generated": QT_TRANSLATE_NOOP("ActualsImport", "“Generated by”"),
    "text": QT_TRANSLATE_NOOP("ActualsImport", "the report’s title"),
}


# --- Periods a totals file may name instead of a day ----------------------------------------------------

_WEEK = re.compile(r"(\d{4})\s*-?\s*W(\d{1,2})", re.IGNORECASE)
_QUARTER = re.compile(r"(?:(\d{4})\s*-?\s*Q([1-4])|Q([1-4])\s*[-/ ]?\s*(\d{4}))", re.IGNORECASE)
_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
#: "March 2027", "Mar 2027"; and as Excel's mmm-yy writes it, "Mar-27" (never "March 14": a day without its year).
_MONTH_WORD = re.compile(r"([^\W\d_]{3,})\.?(?:\s+|\s*[-/]\s*)(\d{4})|([^\W\d_]{3,})\.?\s*[-']\s*(\d{2})")


def period_end(text: str) -> dt.date | None:
    """The last day of a period a file names instead of a day ("2027-W05", "Q1 2027", "2027-03",
    "March 2027", "Mar-27"); None when ``text`` names no period."""
    text = text.strip()
    week = _WEEK.fullmatch(text)
    if week:
        try:
            return dt.date.fromisocalendar(int(week.group(1)), int(week.group(2)), 7)
        except ValueError:
            return None
    quarter = _QUARTER.fullmatch(text)
    if quarter:
        return _month_end(
            int(quarter.group(1) or quarter.group(4)), 3 * int(quarter.group(2) or quarter.group(3))
        )
    numbered = _MONTH.fullmatch(text)
    if numbered and 1 <= int(numbered.group(2)) <= 12:
        return _month_end(int(numbered.group(1)), int(numbered.group(2)))
    worded = _MONTH_WORD.fullmatch(text)
    if worded:
        word, year = (
            (worded.group(1), worded.group(2)) if worded.group(1) else (worded.group(3), worded.group(4))
        )
        try:  # the month word as typing reads it ("Mar", "März", "October")
            first = parse_date(f"1 {word} {year}", day_first=True, year=dt.MINYEAR)
        except ValueError:
            return None
        if first is not None and first.year != dt.MINYEAR:
            return _month_end(first.year, first.month)
    return None


def _month_end(year: int, month: int) -> dt.date | None:
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        return None
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def read_day(text: str, *, day_first: bool) -> dt.date | None:
    """A day as a file writes it, by the rules of typing one (``domain.dates.parse_date``), or None.

    A time after the date ("3/14/2027 9:14 AM", "2027-03-14T09:14:00Z") is left out: a check-in
    is as of a day. A date without a year is not read: a file's reading must say its year.
    """
    try:
        day = parse_date(without_time(text), day_first=day_first, year=dt.MINYEAR)
    except ValueError:
        return None
    if day is None or day.year == dt.MINYEAR:
        return None
    return day


def without_time(text: str) -> str:
    """A date's text without the time a report may add to it ("3/14/2027 9:14 AM" → "3/14/2027")."""
    return _TIME.sub("", text.strip())


_TIME = re.compile(
    r"(?:[T\s]+\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[AaPp]\.?[Mm]\.?)?\s*(?:Z|[+-]\d{2}:?\d{2}|[A-Z]{3,4})?)$"
)


# --- Words ----------------------------------------------------------------------------------------------


def _quote(text: str) -> str:
    flat = " ".join(text.split())
    return f"“{flat[:60]}…”" if len(flat) > 60 else f"“{flat}”"


def line_list(lines: Iterable[int], most: int = 5) -> str:
    """Line numbers as a note lists them: "lines 4, 9 and 12", or "lines 4, 9, 12, … (40 in all)"."""
    numbers = sorted(set(lines))
    if len(numbers) == 1:
        return translate("ActualsImport", "line {line}").format(line=format_number(numbers[0]))
    if len(numbers) <= most:
        return translate("ActualsImport", "lines {lines} and {last}").format(
            lines=", ".join(format_number(n) for n in numbers[:-1]), last=format_number(numbers[-1])
        )
    return translate("ActualsImport", "lines {lines}, … ({count} in all)").format(
        lines=", ".join(format_number(n) for n in numbers[:most]), count=format_number(len(numbers))
    )


@dataclass(slots=True)
class Collected:
    """Faults and notes as a reading gathers them, turned into a preview's tuples at the end."""

    faults: list[RowFault] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def fault(self, line: int, column: str, reason: str) -> None:
        self.faults.append(RowFault(int(line), column, reason))

    def note(self, text: str | None) -> None:
        if text and text not in self.notes:
            self.notes.append(text)

    def preview(self, rows: Iterable[ProposedCheckIn], lines_read: int) -> ImportPreview:
        faults = sorted(self.faults, key=lambda fault: fault.line)
        return ImportPreview(tuple(rows), tuple(faults), tuple(self.notes), lines_read)
