"""Reading a file of actuals: what stands at the path checked, then read as a workbook or as text.

What stands at the path is refused in one sentence (``UnreadableTableError``, the command line's
"unreadable") when it is no file (a pipe would block a reader forever, a device, a folder), is
too large, empty, an old .xls, or not a table; otherwise it is read by its first bytes, whatever
its name says: a zip is a workbook (workbook.py), anything else text (delimited.py).
"""

from __future__ import annotations

from pathlib import Path

from offsite.domain.errors import UnreadableTableError
from offsite.domain.formatting import format_number
from offsite.domain.language import translate
from offsite.exchange.actuals.delimited import read_csv
from offsite.exchange.actuals.table import MAX_TABLE_BYTES, Table
from offsite.exchange.actuals.workbook import read_workbook
from offsite.store.files import input_file, read_limited

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an old Excel .xls, or another Office 97 file


def read_table(path: Path | str, sheet: str | None = None) -> Table:
    """The table in the file at ``path`` (a CSV, or a workbook's first sheet or ``sheet``).

    Raises UnreadableTableError, with a sentence saying why and what to do, when what stands there
    is not a file, is over ``MAX_TABLE_BYTES``, is not text nor a workbook, or holds no table.
    """
    path = Path(path)
    name = path.name
    status = input_file(path, UnreadableTableError)
    if status.st_size > MAX_TABLE_BYTES:
        raise UnreadableTableError(_too_large(name))
    data = read_limited(path, MAX_TABLE_BYTES, UnreadableTableError)
    if not data.strip():
        raise UnreadableTableError(
            translate("ActualsImport", "“{file}” is empty; export the report again.").format(file=name)
        )
    if data.startswith(_ZIP):
        return read_workbook(data, name, sheet)
    if data.startswith(_OLE):
        raise UnreadableTableError(
            translate(
                "ActualsImport",
                "“{file}” is an old Excel workbook (.xls); open it in Excel and save it as .xlsx or CSV, "
                "then import that.",
            ).format(file=name)
        )
    if sheet:
        raise UnreadableTableError(
            translate(
                "ActualsImport", "“{file}” is a CSV file, which has no sheets; leave the sheet out."
            ).format(file=name)
        )
    return read_csv(data, name)


def _too_large(name: str) -> str:
    return translate(
        "ActualsImport",
        "“{file}” is over {size} MB, far larger than any report of actuals; "
        "export only the rows and columns the import needs.",
    ).format(file=name, size=format_number(MAX_TABLE_BYTES // (1024 * 1024)))
