"""A table and a mapping made into the check-ins an import would record, with every line at fault.

``preview`` never raises for a line: each line the import cannot use is a ``RowFault`` naming
the line (as a spreadsheet numbers it), the column and what to do; the service refuses an import
with any fault, whole. What the reading decided or left out is said in the preview's notes.

Columns are read whole (``cells``): numbers and dates by one rule per column, each distinct
date text once; a list of records is filtered, counted or summed and grouped into periods by
pandas. Only the check-ins themselves are built one by one.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from offsite.domain.actuals import (
    EXPORT_CONFIDENCE,
    EXPORT_NOTE,
    EXPORT_SOURCE,
    EXPORT_UID,
    MAX_VALUE,
    Collected,
    ImportPreview,
    MappingSpec,
    ProposedCheckIn,
    above_header_note,
    closest_name,
    find_header,
    footer_note,
    header_key,
    reads_an_export,
)
from offsite.domain.errors import EditRefusedError
from offsite.domain.formatting import format_number
from offsite.domain.language import QT_TRANSLATE_NOOP, plural, translate
from offsite.domain.progress import parse_confidence
from offsite.domain.rules import clean_number, clean_text
from offsite.exchange.actuals.cells import Column, column_letters, day_text, quoted, read_dates, read_numbers
from offsite.exchange.actuals.table import Table, cell_text

_PANDAS_PERIODS = {"day": "D", "week": "W-SUN", "month": "M", "quarter": "Q-DEC"}
#: The note on a span of periods' check-ins, by period.
_SPAN_NOTES = {
    "day": QT_TRANSLATE_NOOP(
        "ActualsImport", "One check-in a day ({what}{running}) from {first} to {last}{still}."
    ),
    "week": QT_TRANSLATE_NOOP(
        "ActualsImport", "One check-in a week ({what}{running}) from {first} to {last}{still}."
    ),
    "month": QT_TRANSLATE_NOOP(
        "ActualsImport", "One check-in a month ({what}{running}) from {first} to {last}{still}."
    ),
    "quarter": QT_TRANSLATE_NOOP(
        "ActualsImport", "One check-in a quarter ({what}{running}) from {first} to {last}{still}."
    ),
}
#: A cell left empty, by what it should hold.
_EMPTY = {
    "metric": QT_TRANSLATE_NOOP("ActualsImport", "has no metric"),
    "date": QT_TRANSLATE_NOOP("ActualsImport", "has no date"),
    "value": QT_TRANSLATE_NOOP("ActualsImport", "has no value"),
}
#: What a line with too many cells may hold unquoted, by the file's separator.
_SEPARATOR_WORDS = {
    ",": QT_TRANSLATE_NOOP("ActualsImport", "comma"),
    ";": QT_TRANSLATE_NOOP("ActualsImport", "semicolon"),
    "\t": QT_TRANSLATE_NOOP("ActualsImport", "tab"),
    "": QT_TRANSLATE_NOOP("ActualsImport", "separator"),
}
#: A period's total that cannot be a check-in's value, by period.
_PERIOD_PROBLEMS = {
    "day": QT_TRANSLATE_NOOP("ActualsImport", "the day of {period}: {problem}"),
    "week": QT_TRANSLATE_NOOP("ActualsImport", "the week of {period}: {problem}"),
    "month": QT_TRANSLATE_NOOP("ActualsImport", "the month of {period}: {problem}"),
    "quarter": QT_TRANSLATE_NOOP("ActualsImport", "the quarter of {period}: {problem}"),
}


def preview(
    table: Table,
    spec: MappingSpec,
    metrics: Mapping[str, int],
    *,
    since: dt.date | None = None,
    uids: Mapping[str, int] | None = None,
) -> ImportPreview:
    """The check-ins ``table`` makes by ``spec``, for a plan whose metrics are ``metrics`` (name → id).

    ``since`` (the plan's start) bounds a running total: records dated before it are not counted.
    ``uids`` (the metrics' uids → id) find the metric of each line of Offsite's own export
    (``domain.actuals.reads_an_export``) before its name does: a metric renamed since is found.
    """
    found = Collected()
    for note in table.notes:
        found.note(note)
    found.faults.extend(table.faults)
    labels = _labels(metrics, spec)
    header = _header(table, spec, found)
    if header is None:
        return found.preview((), 0)
    names = table.texts(header)
    keys = [header_key(name) for name in names]
    place: dict[str, int] = {}
    for position, key in enumerate(keys):
        if key:
            place.setdefault(key, position)
    header_line = int(table.lines[header])
    if not _spec_holds(spec, metrics, place, names, header_line, found):
        return found.preview((), 0)
    found.note(above_header_note([table.texts(p) for p in range(header)]) if header else None)
    stop = _footer(table, header, set(labels), found)
    body = table.grid.iloc[header + 1 : stop]
    lines = table.lines[header + 1 : stop]
    blank = table.blank[header + 1 : stop]
    if not (~blank).any() and not reads_an_export(names, spec):
        # A report exported with filters that matched nothing: say so, and write nothing. (Offsite's
        # own export of a plan with no check-ins is its header alone, and imports as nothing.)
        found.fault(
            header_line,
            "",
            translate(
                "ActualsImport",
                "the file has its header and no lines under it; check the report's filters and export it again",
            ),
        )
        return found.preview((), 0)
    if blank.any():
        skipped = int(blank.sum())
        found.note(
            plural(
                skipped,
                translate("ActualsImport", "Skipped {count} blank line inside the table."),
                translate("ActualsImport", "Skipped {count} blank lines inside the table."),
            ).format(count=format_number(skipped))
        )
    usable = ~blank & _whole_lines(table, header, stop, names, blank, found)
    rows = Rows(table, body, lines, header_line, place, usable, found, names)
    export = reads_an_export(names, spec)
    if export:
        found.note(translate("ActualsImport", EXPORT_NOTE))
    if spec.layout == "totals":
        proposals = _totals(rows, spec, labels, metrics, (uids or {}) if export else None)
    else:
        proposals = _records(rows, spec, metrics, since)
    return found.preview(proposals, int((~blank).sum()))


class Rows:
    """The table's lines below its header as a mapping reads them: a column by name, faults by position."""

    def __init__(
        self,
        table: Table,
        body: pd.DataFrame,
        lines: np.ndarray,
        header_line: int,
        place: dict[str, int],
        usable: np.ndarray,
        found: Collected,
        names: Sequence[str] = (),
    ) -> None:
        self.table = table
        self.body = body
        self.lines = lines
        self.header_line = header_line  # where a fault of a whole column is said
        self.place = place
        self.usable = usable
        self.found = found
        self.names = names  # the header's cells as the file writes them
        self.faulty = np.zeros(len(body), dtype=bool)
        self._texts: dict[str, np.ndarray] = {}

    def cells(self, column: str) -> pd.Series:
        return self.body.iloc[:, self.place[header_key(column)]].reset_index(drop=True)

    def texts(self, column: str) -> np.ndarray:
        """A column as stripped text ("" where empty), read once."""
        key = header_key(column)
        if key not in self._texts:
            self._texts[key] = stripped(self.cells(column))
        return self._texts[key]

    def whole_texts(self, column: str) -> np.ndarray:
        """A column as text with the spaces around it kept ("" where empty)."""
        return stripped(self.cells(column), strip=False)

    def header_name(self, column: str) -> str:
        """A column's name as the file's header writes it."""
        return self.names[self.place[header_key(column)]] if self.names else column

    def fault(self, position: int | np.integer, column: str, reason: str) -> None:
        self.faulty[position] = True
        self.found.fault(int(self.lines[position]), column, reason)

    def blank_fault(self, position: int, column: str, what: str) -> None:
        """A cell that should hold ``what`` is empty; a workbook's formula saved without its result says so."""
        formula = self.table.formula(int(self.lines[position]), self.place[header_key(column)])
        if formula:
            shown = quoted(formula) if formula.startswith("=") else formula
            self.fault(
                position,
                column,
                translate(
                    "ActualsImport",
                    "the cell holds {formula}, whose result was never saved in the file (Offsite does not "
                    "calculate formulas); open the file in Excel or LibreOffice, save it, and import it again",
                ).format(formula=shown),
            )
        else:
            self.fault(position, column, translate("ActualsImport", _EMPTY[what]))

    def column_faults(self, read: Column, column: str, what: str, rows: np.ndarray) -> None:
        """The faults of a column read at ``rows`` (positions in the body): unreadable cells and blanks."""
        for note in read.notes:
            self.found.note(note)
        if read.refusal:
            self.found.fault(self.header_line, column, read.refusal)
            self.faulty[rows] = True
            return
        for offset, reason in read.reasons.items():
            self.fault(int(rows[offset]), column, reason)
        for empty in np.flatnonzero(read.blank):
            self.blank_fault(int(rows[empty]), column, what)


def _labels(metrics: Mapping[str, int], spec: MappingSpec) -> dict[str, int]:
    """Every label that names a metric, as ``header_key`` writes it; an alias wins over a name."""
    labels = {header_key(name): metric for name, metric in metrics.items()}
    labels.update({header_key(label): metric for label, metric in spec.aliases})
    return labels


def _header(table: Table, spec: MappingSpec, found: Collected) -> int | None:
    """Where the header holding the mapping's columns is: the one the reading found, or one further down."""
    wanted = spec.columns()
    have = {header_key(name) for name in table.headers}
    if all(header_key(column) in have for column in wanted):
        return table.header
    head = [table.texts(p) for p in range(min(len(table.grid), 50))]
    header = find_header(head, wanted)
    if header is not None:
        return header
    listed = ", ".join(f"“{name}”" for name in table.headers if name.strip())
    line = int(table.lines[table.header])
    for column in wanted:
        if header_key(column) not in have:
            found.fault(
                line,
                column,
                translate(
                    "ActualsImport",
                    "the file has no column “{column}” (its columns are {columns}); choose the columns again "
                    "in the mapping",
                ).format(column=column, columns=listed),
            )
    return None


def _spec_holds(
    spec: MappingSpec,
    metrics: Mapping[str, int],
    place: dict[str, int],
    names: Sequence[str],
    line: int,
    found: Collected,
) -> bool:
    """Whether the mapping says all a reading needs; a fault at the header for each thing it lacks."""
    missing: list[str] = []
    if not spec.date_column.strip():
        missing.append(
            translate(
                "ActualsImport", "the mapping does not say the column of dates; choose it in the mapping"
            )
        )
    if spec.layout == "totals":
        if not spec.metric_column.strip():
            missing.append(
                translate(
                    "ActualsImport",
                    "the mapping does not say the column naming each line’s metric; choose it in the mapping",
                )
            )
        if not spec.value_column.strip():
            missing.append(
                translate(
                    "ActualsImport", "the mapping does not say the column of values; choose it in the mapping"
                )
            )
    else:
        if spec.aggregate == "sum" and not spec.value_column.strip():
            missing.append(
                translate(
                    "ActualsImport", "the mapping does not say the column to sum; choose it in the mapping"
                )
            )
        if spec.metric_id is None or spec.metric_id not in set(metrics.values()):
            missing.append(
                translate(
                    "ActualsImport",
                    "the mapping does not say the metric these records make up; choose it in the mapping",
                )
            )
    for reason in missing:
        found.fault(line, "", reason)
    twice = [c for c in spec.columns() if sum(header_key(n) == header_key(c) for n in names) > 1]
    for column in twice:  # which of them holds the values is a guess: never read one silently
        where = [column_letters(i) for i, n in enumerate(names) if header_key(n) == header_key(column)]
        found.fault(
            line,
            column,
            translate(
                "ActualsImport",
                "{count} columns ({letters}) are headed “{column}”; rename all but "
                "the one to read in the file, and import it again",
            ).format(count=format_number(len(where)), letters=", ".join(where), column=column.strip()),
        )
    return not missing and not twice and all(header_key(column) in place for column in spec.columns())


def _footer(table: Table, header: int, labels: set[str], found: Collected) -> int:
    """Where the table's lines end: before a report's footer (noted), else at the file's end."""
    stop, footer = table.footer(header, labels)
    found.note(footer_note(footer, labels))
    return stop


def stripped(cells: pd.Series, *, strip: bool = True) -> np.ndarray:
    """Each cell as text without the spaces around it ("" for an empty one), each distinct cell read once.

    ``strip=False`` keeps the spaces around the text."""
    codes, uniques = pd.factorize(cells)
    texts = np.array(
        [*(cell_text(cell).strip() if strip else cell_text(cell) for cell in uniques), ""], dtype=object
    )
    return np.asarray(texts[codes])


def keyed(texts: np.ndarray) -> np.ndarray:
    """Each text as ``header_key`` compares it, each distinct text keyed once."""
    codes, uniques = pd.factorize(texts)
    keys = np.array([*(header_key(str(text)) for text in uniques), ""], dtype=object)
    return np.asarray(keys[codes])


def _empty(cells: pd.Series) -> np.ndarray:
    """Which cells are empty: nothing, or only spaces."""
    return np.asarray(stripped(cells) == "", dtype=bool)


def _whole_lines(
    table: Table, header: int, stop: int, names: Sequence[str], blank: np.ndarray, found: Collected
) -> np.ndarray:
    """Which lines of a CSV have as many cells as the header (a workbook's always do); a fault for each other."""
    count = stop - header - 1
    whole = np.ones(count, dtype=bool)
    if table.widths is None:
        return whole
    width = len(names)
    while width and not names[width - 1].strip():
        width -= 1
    widths = table.widths[header + 1 : stop]
    lines = table.lines[header + 1 : stop]
    whole &= widths >= 0  # a line the format could not read is at fault already
    separator = translate("ActualsImport", _SEPARATOR_WORDS.get(table.separator, _SEPARATOR_WORDS[""]))
    short = np.flatnonzero((widths >= 0) & (widths < width) & ~blank)
    for position in short:
        found.fault(
            int(lines[position]),
            "",
            translate(
                "ActualsImport",
                "has {count} cells where the header has {width}: a cell is missing or the line "
                "was cut short; correct the line",
            ).format(count=format_number(int(widths[position])), width=format_number(width)),
        )
    whole[short] = False
    grid_width = table.grid.shape[1]
    for position in np.flatnonzero((widths > width) & ~blank):
        extra = table.grid.iloc[header + 1 + position, width:grid_width]
        if int(widths[position]) > grid_width or not _empty(extra).all():
            found.fault(
                int(lines[position]),
                "",
                translate(
                    "ActualsImport",
                    "has {count} cells where the header has {width}: a cell may hold a {separator} "
                    "without quotes around it; put that cell in quotes",
                ).format(
                    count=format_number(int(widths[position])),
                    width=format_number(width),
                    separator=separator,
                ),
            )
            whole[position] = False
    return whole


# --- Totals: one line a reading -------------------------------------------------------------------------


def _totals(
    rows: Rows,
    spec: MappingSpec,
    labels: Mapping[str, int],
    metrics: Mapping[str, int],
    uids: Mapping[str, int] | None,
) -> list[ProposedCheckIn]:
    """One check-in a line. ``uids`` is given for Offsite's own export (the plan's metric uids, which
    may be none): each line keeps its source, confidence and who, and its metric is found by uid first."""
    at = np.flatnonzero(rows.usable)
    export = uids is not None
    names = rows.texts(spec.metric_column)[at]
    metric_ids = np.full(len(at), -1, dtype=np.int64)
    if uids:
        _metrics_by_uid(rows, at, uids, metric_ids)
    by_name = np.flatnonzero(metric_ids < 0)
    codes, uniques = pd.factorize(names[by_name])
    known = {header_key(name): name for name in metrics}
    for code, label in enumerate(uniques):
        label = str(label)
        if not label:
            continue  # a line without its metric: said below, as a blank cell
        offsets = by_name[codes == code]
        reason = _label_problem(label, labels, known)
        if reason:
            for offset in offsets:
                rows.fault(int(at[offset]), spec.metric_column, reason)
        else:
            metric_ids[offsets] = labels[header_key(label)]
    for offset in by_name[names[by_name] == ""]:
        rows.blank_fault(int(at[offset]), spec.metric_column, "metric")
    days = read_dates(rows.cells(spec.date_column).iloc[at], spec.date_column, spec.dates)
    rows.column_faults(days, spec.date_column, "date", at)
    values = _values(rows, spec, at)
    # An export's note is Offsite's own text, taken whole (spaces around it too); a report's is trimmed.
    notes = _text_column(rows, spec.note_column, at, whole=export)
    owners = _text_column(rows, spec.owner_column, at)
    sources = _text_column(rows, EXPORT_SOURCE, at) if export else np.full(len(at), None, dtype=object)
    confidences = _confidences(rows, at) if export else np.full(len(at), None, dtype=object)
    good = ~rows.faulty[at]
    table = pd.DataFrame(
        {
            "position": at[good],
            "metric": metric_ids[good],
            "label": names[good],
            "day": days.values[good],
            "value": values[good],
            "note": notes[good],
            "owner": owners[good],
            "source": sources[good],
            "confidence": confidences[good],
        }
    )
    table = _one_reading_a_day(rows, table, spec, export)
    return [
        ProposedCheckIn(lines, metric, label, day, value, note, owner, source, confidence)
        for lines, metric, label, day, value, note, owner, source, confidence in zip(
            table["lines"],
            table["metric"].tolist(),
            table["label"].tolist(),
            table["day"].to_numpy().astype("datetime64[D]").astype(object).tolist(),
            table["value"].tolist(),
            table["note"].tolist(),
            table["owner"].tolist(),
            table["source"].tolist(),
            table["confidence"].tolist(),
            strict=True,
        )
    ]


def _metrics_by_uid(rows: Rows, at: np.ndarray, uids: Mapping[str, int], metric_ids: np.ndarray) -> None:
    """Set the metric of each line whose ``metric_uid`` is one of the plan's: it names the metric even
    after a rename. A uid the plan lacks (another plan's) leaves the line to be found by name."""
    plan_uids = {uid.strip().casefold(): metric for uid, metric in uids.items()}
    texts = rows.texts(EXPORT_UID)[at]
    codes, uniques = pd.factorize(texts)
    for code, uid in enumerate(uniques):
        metric = plan_uids.get(str(uid).casefold())
        if metric is not None:
            metric_ids[codes == code] = metric


def _confidences(rows: Rows, at: np.ndarray) -> np.ndarray:
    """An export's confidence column at ``at``: each by the rule of typing one (0–10, or on track,
    at risk, off track; blank for none), a fault for any other."""
    found = np.full(len(at), None, dtype=object)
    texts = rows.texts(EXPORT_CONFIDENCE)[at]
    column = rows.header_name(EXPORT_CONFIDENCE)
    codes, uniques = pd.factorize(texts)
    for code, text in enumerate(uniques):
        offsets = np.flatnonzero(codes == code)
        try:
            confidence = parse_confidence(str(text))
        except EditRefusedError as error:
            for offset in offsets:
                rows.fault(int(at[offset]), column, str(error).rstrip("."))
            continue
        found[offsets] = confidence
    return found


def _label_problem(label: str, labels: Mapping[str, int], known: Mapping[str, str]) -> str:
    """Why a line's metric label names no metric of the plan ("" when it names one)."""
    if not label:
        return ""
    try:
        clean_text(label, translate("ActualsImport", "The metric’s name"))
    except EditRefusedError as error:
        return str(error).rstrip(".")
    key = header_key(label)
    if key in labels:
        return ""
    close = closest_name(label, known.values())
    if close:
        return translate(
            "ActualsImport",
            "{label} is not a metric of this plan (did you mean “{close}”?); correct the name, or give it as "
            "another name of a metric in the mapping",
        ).format(label=quoted(label), close=close)
    return translate(
        "ActualsImport",
        "{label} is not a metric of this plan; correct the name, or give it as another name of a metric in the "
        "mapping",
    ).format(label=quoted(label))


def _values(rows: Rows, spec: MappingSpec, at: np.ndarray) -> np.ndarray:
    """The value column at ``at``, read and held to the rules of a typed value; faults for the rest."""
    read = read_numbers(
        rows.cells(spec.value_column).iloc[at], spec.value_column, spec.decimal, rows.table.separator == ";"
    )
    rows.column_faults(read, spec.value_column, "value", at)
    for offset in np.flatnonzero(~np.isnan(read.values) & ~_within(read.values)):
        rows.fault(int(at[offset]), spec.value_column, _value_problem(float(read.values[offset])))
    return read.values


def _within(values: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        return np.asarray(np.isfinite(values) & (np.abs(values) <= MAX_VALUE), dtype=bool)


def _value_problem(value: float) -> str:
    """Why a value cannot be a check-in's: the rule of typing one, or the bound of an import."""
    try:
        clean_number(value, translate("ActualsImport", "The value"))
    except EditRefusedError as error:
        return str(error).rstrip(".")
    shown = format_number(float(round(value))) if math.isfinite(value) else f"{value:,.0f}"
    return translate(
        "ActualsImport",
        "{value} is beyond ±{most}, far past any real figure; check the cell for extra digits",
    ).format(value=shown, most=format_number(float(round(MAX_VALUE))))


def _text_column(rows: Rows, column: str, at: np.ndarray, *, whole: bool = False) -> np.ndarray:
    """A text column (note, owner) at ``at``, each distinct text held to the rules of typed text.

    Trimmed of the spaces around it, unless ``whole``."""
    if not column.strip():
        return np.full(len(at), "", dtype=object)
    texts = (rows.whole_texts(column) if whole else rows.texts(column))[at]
    codes, uniques = pd.factorize(texts)
    for code, text in enumerate(uniques):
        try:
            clean_text(str(text), f"“{column}”")
        except EditRefusedError as error:
            for offset in np.flatnonzero(codes == code):
                rows.fault(int(at[offset]), column, str(error).rstrip("."))
    return np.asarray(texts, dtype=object)


def _one_reading_a_day(rows: Rows, table: pd.DataFrame, spec: MappingSpec, export: bool) -> pd.DataFrame:
    """One check-in per metric and day (of an export: per metric, day and source, as the plan keeps
    them): a line repeating another's reading joins it, a different one is at fault."""
    table = table.assign(lines=[(line,) for line in rows.lines[table["position"].to_numpy()].tolist()])
    keys = ["metric", "day", "source"] if export else ["metric", "day"]
    repeated = table.duplicated(keys, keep=False)
    if not repeated.any():
        return table
    drop: list[int] = []
    for _key, group in table[repeated].groupby(keys, sort=False):
        first = group.index[0]
        kept: list[int] = list(table.at[first, "lines"])
        for index in group.index[1:]:
            line = table.at[index, "lines"][0]
            if table.at[index, "value"] == table.at[first, "value"]:
                kept.append(line)
            else:
                rows.fault(
                    int(table.at[index, "position"]),
                    spec.value_column,
                    (
                        translate(
                            "ActualsImport",
                            "{label} has another value for {day} on line {line} ({value}); a metric has one "
                            "reading a day from each source, so keep one of the lines",
                        )
                        if export
                        else translate(
                            "ActualsImport",
                            "{label} has another value for {day} on line {line} ({value}); a metric has one "
                            "reading a day, so keep one of the lines",
                        )
                    ).format(
                        label=quoted(table.at[first, "label"]),
                        day=day_text(pd.Timestamp(table.at[first, "day"]).date()),
                        line=format_number(kept[0]),
                        value=f"{table.at[first, 'value']:g}",
                    ),
                )
            drop.append(index)
        table.at[first, "lines"] = tuple(kept)
    return table.drop(index=drop)


# --- Records: a CRM's list, counted or summed per period -------------------------------------------------


def _records(
    rows: Rows, spec: MappingSpec, metrics: Mapping[str, int], since: dt.date | None
) -> list[ProposedCheckIn]:
    keep = rows.usable.copy()
    said: list[str] = []
    for column, values in spec.filters:
        if not values:
            continue  # a filter with nothing chosen keeps every record, as an unset filter in a CRM does
        texts = rows.texts(column)
        wanted = {header_key(value) for value in values}
        keys = keyed(texts)
        keep &= np.isin(keys, list(wanted))
        said.append(
            translate("ActualsImport", "{column} is {values}").format(
                column=column,
                values=translate("ActualsImport", " or ").join(quoted(value) for value in values),
            )
        )
        present = set(keys[rows.usable].tolist())
        for value in values:
            if header_key(value) not in present:
                common = pd.Series(texts[rows.usable]).value_counts().index[:5]
                shown = ", ".join(quoted(v) for v in common if v)
                rows.found.note(
                    translate(
                        "ActualsImport",
                        "No record has {column} {value}; the values it holds include {values}.",
                    ).format(column=column, value=quoted(value), values=shown)
                )
    at = np.flatnonzero(keep)
    if said:
        rows.found.note(
            translate("ActualsImport", "Counted {count} of {total} records: {filters}.").format(
                count=format_number(len(at)),
                total=format_number(int(rows.usable.sum())),
                filters="; ".join(said),
            )
        )
    days = read_dates(rows.cells(spec.date_column).iloc[at], spec.date_column, spec.dates)
    rows.column_faults(days, spec.date_column, "date", at)
    if spec.aggregate == "sum":
        read = read_numbers(
            rows.cells(spec.value_column).iloc[at],
            spec.value_column,
            spec.decimal,
            rows.table.separator == ";",
        )
        read.blank[:] = False  # a record without an amount adds nothing, as the CRM's own sum has it
        rows.column_faults(read, spec.value_column, "value", at)
        empty = np.isnan(read.values) & ~np.isin(np.arange(len(at)), list(read.reasons))
        if empty.any():
            without = int(empty.sum())
            rows.found.note(
                plural(
                    without,
                    translate(
                        "ActualsImport", "{count} record without {column}: counted as nothing in the sum."
                    ),
                    translate(
                        "ActualsImport", "{count} records without {column}: counted as nothing in the sum."
                    ),
                ).format(count=format_number(without), column=spec.value_column)
            )
        amounts = np.where(empty, 0.0, read.values)
        for offset in np.flatnonzero(~np.isnan(amounts) & ~_within(amounts)):
            rows.fault(int(at[offset]), spec.value_column, _value_problem(float(amounts[offset])))
    else:
        amounts = np.ones(len(at))
    good = ~rows.faulty[at]
    day_values = days.values[good]
    amounts = amounts[good]
    lines = rows.lines[at[good]]
    if spec.cumulative and since is not None and len(day_values):
        before = day_values < np.datetime64(since, "D")
        if before.any():
            earlier = int(before.sum())
            rows.found.note(
                plural(
                    earlier,
                    translate(
                        "ActualsImport",
                        "{count} record dated before the plan’s start ({day}) left out of the running total.",
                    ),
                    translate(
                        "ActualsImport",
                        "{count} records dated before the plan’s start ({day}) left out of the running total.",
                    ),
                ).format(count=format_number(earlier), day=day_text(since))
            )
            day_values, amounts, lines = day_values[~before], amounts[~before], lines[~before]
    if not len(day_values):
        return []
    return _by_period(rows, spec, metrics, day_values, amounts, lines)


def _by_period(
    rows: Rows,
    spec: MappingSpec,
    metrics: Mapping[str, int],
    days: np.ndarray,
    amounts: np.ndarray,
    lines: np.ndarray,
) -> list[ProposedCheckIn]:
    """One check-in a period from the first record's to the last's: its count or sum (or running total)."""
    freq = _PANDAS_PERIODS[spec.period]
    periods = pd.PeriodIndex(pd.DatetimeIndex(days), freq=freq)
    span = pd.period_range(periods.min(), periods.max(), freq=freq)
    records = pd.DataFrame({"amount": amounts, "line": lines}, index=periods)
    grouped = records.groupby(level=0)
    totals = grouped["amount"].sum().reindex(span, fill_value=0.0)
    if spec.cumulative:
        totals = totals.cumsum()
    lines_of = grouped["line"].agg(tuple).reindex(span)
    last_day = pd.Timestamp(days.max()).date()
    ends = [min(period.end_time.date(), last_day) for period in span]
    label = next(name for name, metric in metrics.items() if metric == spec.metric_id)
    assert spec.metric_id is not None
    proposals: list[ProposedCheckIn] = []
    for period, total, found_lines, as_of in zip(span, totals.tolist(), lines_of.tolist(), ends, strict=True):
        owned = tuple(int(line) for line in found_lines) if isinstance(found_lines, tuple) else ()
        if not _within(np.array([total]))[0]:
            line = owned[0] if owned else rows.header_line
            rows.found.fault(
                line,
                spec.value_column,
                translate("ActualsImport", _PERIOD_PROBLEMS[spec.period]).format(
                    period=period, problem=_value_problem(total)
                ),
            )
            continue
        proposals.append(ProposedCheckIn(owned, spec.metric_id, label, as_of, float(total)))
    first, last = span[0].end_time.date(), ends[-1]
    running = translate("ActualsImport", ", a running total") if spec.cumulative else ""
    what = (
        translate("ActualsImport", "count of records")
        if spec.aggregate == "count"
        else translate("ActualsImport", "sum of {column}").format(column=spec.value_column)
    )
    still = (
        translate("ActualsImport", " (the last as of {day}, the last day with records)").format(
            day=day_text(last)
        )
        if last < span[-1].end_time.date()
        else ""
    )
    rows.found.note(
        translate("ActualsImport", _SPAN_NOTES[spec.period]).format(
            what=what,
            running=running,
            first=day_text(first),
            last=day_text(span[-1].end_time.date()),
            still=still,
        )
        if len(span) > 1
        else translate("ActualsImport", "One check-in ({what}{running}) as of {day}.").format(
            what=what, running=running, day=day_text(last)
        )
    )
    return proposals
