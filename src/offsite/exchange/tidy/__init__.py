"""The plan's check-ins as a tidy CSV or XLSX file: for a spreadsheet, a BI tool, or a plan again.

    export_tidy(plan, "checkins.csv")     # one row per check-in (docs/checkins.md shows the layout)
    export_tidy(plan, "checkins.xlsx")    # sheets Check-ins, Metrics, Objectives and About

- **CSV**: one file, one row per check-in, the columns of ``CHECK_IN_COLUMNS``; UTF-8 with a byte
  order mark (so Excel reads it as UTF-8), commas, RFC 4180 quoting, CRLF line ends, ISO dates
  (``2027-03-14``; moments in UTC, ``2027-03-14T09:30:00Z``), dot decimals, blank for none. The same
  plan gives the same bytes.
- **XLSX**: the same rows on “Check-ins” with real dates and numbers, “Metrics” (one row per
  metric: its last actual and status), “Objectives”, and “About” (the plan, when it was exported,
  the signed version's fingerprint, and the layout in one line).

Every text is safe to open: a spreadsheet shows it, never runs it (``cells``: OWASP's advice on
CSV injection). The import of actuals (``offsite.exchange.actuals``) reads either file back as
the check-ins it holds: it knows the header (``domain.actuals.EXPORT_COLUMNS``), finds each metric
by ``metric_uid``, keeps each check-in's source, confidence and who, and takes the CSV's guard off
again, so an export imported into its own plan adds nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from pathlib import Path
from typing import Literal

from offsite.domain.errors import ExportError, OffsiteError, PlanTooNewError
from offsite.domain.language import translate
from offsite.exchange.tidy.cells import csv_text
from offsite.exchange.tidy.table import CHECK_IN_COLUMNS, IsCancelled, TidyTable, read_table
from offsite.store.fileformat import read_header
from offsite.store.files import replacing, write_whole
from offsite.store.planfile import PlanFile

__all__ = [
    "CHECK_IN_COLUMNS",
    "TidyFormat",
    "TidyTable",
    "csv_bytes",
    "export_tidy",
    "read_table",
    "refuse_a_plan",
    "tidy_format",
    "write_tidy",
]

TidyFormat = Literal["csv", "xlsx"]
#: The suffix of each format, as file names and save dialogs say it.
SUFFIXES: dict[str, TidyFormat] = {".csv": "csv", ".xlsx": "xlsx"}


def tidy_format(path: Path | str) -> TidyFormat:
    """The format a file name asks for, by its suffix; ExportError for any other suffix."""
    name = Path(path).name
    found = SUFFIXES.get(Path(path).suffix.lower())
    if found is None:
        raise ExportError(
            translate(
                "TidyExport", "“{file}” should end in .csv or .xlsx, so Offsite knows what to write."
            ).format(file=name)
        )
    return found


def export_tidy(
    plan: PlanFile,
    path: Path | str,
    format: TidyFormat | None = None,
    *,
    at: dt.datetime | None = None,
    is_cancelled: IsCancelled | None = None,
) -> Path:
    """Write the plan's check-ins to ``path`` as CSV or XLSX (``format``; by default from the suffix).

    Written whole or not at all (a temporary file beside ``path``, then one rename), never over
    a plan; returns ``path``. ``at`` is the moment the “About” sheet gives (default now). Raises
    ExportError (DiskFullError when the disk is full) with a sentence a leader can act on, and
    CancelledError when ``is_cancelled`` says so.
    """
    out = Path(path)
    chosen = format or tidy_format(out)
    refuse_a_plan(out, plan.path)
    return write_tidy(read_table(plan, is_cancelled), out, chosen, at=at, is_cancelled=is_cancelled)


def write_tidy(
    table: TidyTable,
    out: Path,
    format: TidyFormat,
    *,
    at: dt.datetime | None = None,
    is_cancelled: IsCancelled | None = None,
) -> Path:
    """Write the rows ``read_table`` read to ``out`` (see ``export_tidy``); returns ``out``."""
    if format == "csv":
        return write_whole(out, csv_bytes(table))
    from offsite.exchange.tidy.workbook import write_workbook

    with replacing(out) as temp:
        write_workbook(table, temp, at or dt.datetime.now(dt.UTC), is_cancelled)
    return out


def refuse_a_plan(out: Path, plan_path: Path) -> None:
    """ExportError when ``out`` is the plan being exported, or any other Offsite plan: an export
    never takes a plan's place, whatever its name ends in."""
    if not out.is_file():
        return
    if plan_path.is_file() and os.path.samefile(out, plan_path):
        raise ExportError(
            translate(
                "TidyExport", "“{file}” is the plan itself; choose another name for the export."
            ).format(file=out.name)
        )
    try:
        read_header(out)
    except PlanTooNewError:
        pass  # a plan all the same, of a newer Offsite
    except OffsiteError:
        return  # not a plan (an earlier export, a spreadsheet): replaced as any export is
    raise ExportError(
        translate(
            "TidyExport", "“{file}” is an Offsite plan; Offsite will not write over it. Choose another name."
        ).format(file=out.name)
    )


def csv_bytes(table: TidyTable) -> bytes:
    """The CSV export of ``table``: UTF-8 with a byte order mark, CRLF, RFC 4180 quoting."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(CHECK_IN_COLUMNS)
    writer.writerows([csv_text(value) for value in row] for row in table.check_ins)
    return buffer.getvalue().encode("utf-8-sig")
