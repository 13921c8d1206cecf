"""Reading a check-ins export back: each row a reading of the plan's metric, ready for ``apply_readings``.

The reader the export owns, so that what it writes is proven to come back: it knows the layout
exactly (CSV or the “Check-ins” sheet), takes off the CSV's formula guard, and finds each row's
metric by ``metric_uid``, else by its name when no uid is given or the plan has no metric of that
uid but exactly one of that name (a metric of a copied plan). Confidence, source and the time
recorded are not readings' fields: an import records its own.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from offsite.domain.checkins import NewReading
from offsite.domain.errors import ImportFormatError
from offsite.exchange.tidy.cells import unguard
from offsite.store.files import input_file, read_limited
from offsite.store.planfile import PlanFile

#: The source an export's check-ins are imported under (``apply_readings``' source).
SOURCE = "Offsite export"
#: A check-ins file larger than this is refused unread: ten years of weekly check-ins of 5,000
#: metrics are a fraction of it.
MAX_BYTES = 200 * 1024 * 1024
#: How many faulty lines an error names before it says how many more there are.
_NAMED_FAULTS = 5
_SHEET = "Check-ins"


def read_tidy(path: Path | str, plan: PlanFile) -> list[NewReading]:
    """The readings a check-ins export (CSV or XLSX) holds, matched to ``plan``'s metrics, in file order.

    Raises ImportFormatError naming the file and the lines at fault (a metric the plan lacks, a
    day or value that cannot be read) when any is; nothing is half-read.
    """
    source = Path(path)
    rows = _xlsx_rows(source) if source.suffix.lower() == ".xlsx" else _csv_rows(source)
    header = next(rows, None)
    if header is None:
        raise ImportFormatError(f"“{source.name}” is empty: it holds no check-ins, not even a header.")
    columns = _columns(source.name, header)
    by_uid, by_name = _metrics(plan)
    readings: list[NewReading] = []
    faults: list[str] = []
    for line, row in enumerate(rows, start=2):
        if all(cell in (None, "") for cell in row):
            continue
        try:
            readings.append(_reading(row, columns, by_uid, by_name))
        except ValueError as fault:
            faults.append(f"line {line}: {fault}")
    if faults:
        more = len(faults) - _NAMED_FAULTS
        named = "; ".join(faults[:_NAMED_FAULTS]) + (f"; and {more:,} more" if more > 0 else "")
        raise ImportFormatError(f"“{source.name}” cannot be imported ({named}). Nothing was imported.")
    return readings


def _csv_rows(source: Path) -> Iterator[Sequence[Any]]:
    data = read_limited(source, MAX_BYTES, ImportFormatError)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFormatError(
            f"“{source.name}” is not UTF-8 text; export the check-ins from Offsite again."
        ) from None
    for row in csv.reader(io.StringIO(text, newline="")):
        yield [unguard(cell) for cell in row]


def _xlsx_rows(source: Path) -> Iterator[Sequence[Any]]:
    # calamine (as the import of CRM files reads XLSX): fast, and it decodes OOXML's _xHHHH_ escapes.
    from python_calamine import CalamineError, CalamineWorkbook

    if input_file(source, ImportFormatError).st_size > MAX_BYTES:
        raise ImportFormatError(f"“{source.name}” is far larger than any check-ins export; check the file.")
    try:
        workbook = CalamineWorkbook.from_path(str(source))
        name = _SHEET if _SHEET in workbook.sheet_names else workbook.sheet_names[0]
        rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except (CalamineError, IndexError, OSError, ValueError) as error:
        raise ImportFormatError(f"“{source.name}” cannot be read as a workbook ({error}).") from None
    yield from rows


def _columns(name: str, header: Sequence[Any]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        key = str(cell or "").strip().casefold()
        if key and key not in found:
            found[key] = index
    missing = [c for c in ("as_of", "value") if c not in found]
    if "metric_uid" not in found and "metric" not in found:
        missing.insert(0, "metric")
    if missing:
        raise ImportFormatError(
            f"“{name}” is not a check-ins export: it has no {', no '.join(missing)} column "
            "(export the check-ins from Offsite to see the layout)."
        )
    return found


def _metrics(plan: PlanFile) -> tuple[dict[str, int], dict[str, list[int]]]:
    """The plan's metrics by uid, and by name (case and outer spaces aside; a name may be shared)."""
    from sqlalchemy import select

    from offsite.store.models import Metric

    by_uid: dict[str, int] = {}
    by_name: dict[str, list[int]] = {}
    with plan.read() as session:
        for metric_id, uid, name in session.execute(select(Metric.id, Metric.uid, Metric.name)):
            by_uid[uid] = metric_id
            by_name.setdefault(_key(name), []).append(metric_id)
    return by_uid, by_name


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _cell(row: Sequence[Any], columns: dict[str, int], name: str) -> Any:
    index = columns.get(name)
    if index is None or index >= len(row):
        return None
    return row[index]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a cell a spreadsheet made a number ("2027" as a note)
    return str(value)


def _reading(
    row: Sequence[Any], columns: dict[str, int], by_uid: dict[str, int], by_name: dict[str, list[int]]
) -> NewReading:
    uid = _text(_cell(row, columns, "metric_uid")).strip()
    name = _text(_cell(row, columns, "metric"))
    metric_id = by_uid.get(uid) if uid else None
    if metric_id is None:
        named = by_name.get(_key(name), []) if name.strip() else []
        if len(named) > 1:
            raise ValueError(
                f"the plan has {len(named)} metrics named “{name.strip()}” and no uid tells which"
            )
        if not named:
            shown = name.strip() or uid
            raise ValueError(f"the plan has no metric “{shown}”" if shown else "no metric is named")
        metric_id = named[0]
    return NewReading(
        metric_id,
        _day(_cell(row, columns, "as_of")),
        _value(_cell(row, columns, "value")),
        _text(_cell(row, columns, "note")),
        _text(_cell(row, columns, "who")).strip(),
    )


def _day(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value).strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"“{text}” is not a day (as_of is written 2027-03-14)") from None


def _value(value: Any) -> float:
    if isinstance(value, bool):
        raise ValueError("the value is yes/no, not a number")
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = _text(value).strip()
        if not text:
            raise ValueError("the value is blank")
        try:
            number = float(text)
        except ValueError:
            raise ValueError(f"the value “{text}” is not a number (written with a dot: 1250.5)") from None
    if not math.isfinite(number):
        raise ValueError("the value is not a finite number")
    return number
