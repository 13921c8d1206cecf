"""A file of actuals read as it stands: every line, numbered as a spreadsheet numbers it, and its header.

``read_table`` takes what a CRM report or a spreadsheet exported: CSV in UTF-8 (with or without
the byte-order mark Excel's "CSV UTF-8" writes), UTF-16 (Excel's "Unicode text", tab-separated)
or Windows' cp1252; separated by commas, semicolons or tabs (sniffed, or as Excel's "sep=;" line
says); quoted cells may hold separators and line breaks. A workbook (XLSX) is read by calamine
(``workbook.py``). Nothing in a cell is ever evaluated: "=HYPERLINK(…)" is text.

What stands at the path is refused in one sentence (``UnreadableTableError``) when it is no file
(a pipe, a device), too large, not text, damaged, or holds no table. A line that breaks the
format (a quote never closed) is not a refusal: it is a ``RowFault`` the preview lists.

CSV is split by Python's csv module (C code): it says how many cells each line has and where each
record starts, which a broken line needs and pandas' parser does not tell; the columns are then
pandas' to read.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from offsite.domain.actuals import HEADER_SEARCH_LINES, RowFault, find_header, header_key
from offsite.domain.errors import UnreadableTableError
from offsite.store.files import input_file, read_limited

#: A file of actuals larger than this is refused unread: a CRM's export of a year of deals is a few MB.
MAX_TABLE_BYTES = 128 * 1024 * 1024
#: Most cells a table may hold (lines × columns): far beyond any report, short of exhausting memory.
MAX_CELLS = 20_000_000

#: The separators a CSV may use, in the order a tie prefers them.
SEPARATORS = (",", ";", "\t")
_SEPARATOR_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs"}
_SEP_LINE = re.compile(r"sep=(.)\r?\n", re.IGNORECASE)
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an old Excel .xls, or another Office 97 file


def _no_formula(line: int, position: int) -> str | None:
    return None


@dataclass(frozen=True, eq=False)
class Table:
    """A file's lines as read, before any mapping: what ``preview`` turns into check-ins.

    ``grid`` has one row per line of the file and positional columns; a CSV's cells are text
    (None where a line has fewer cells), a workbook's are text, numbers, dates or None. ``lines``
    numbers each row as a spreadsheet shows it (a CSV record with line breaks inside a cell is
    one row). ``widths`` counts a CSV line's cells (-1: a line the format could not read);
    None for a workbook. ``header`` is the row the reading takes for the header.
    """

    name: str
    kind: Literal["csv", "xlsx"]
    grid: pd.DataFrame
    lines: np.ndarray
    widths: np.ndarray | None
    header: int
    notes: tuple[str, ...] = ()
    faults: tuple[RowFault, ...] = ()
    separator: str = ""
    sheet: str = ""
    sheets: tuple[str, ...] = ()
    formula: Callable[[int, int], str | None] = field(default=_no_formula)

    @property
    def headers(self) -> tuple[str, ...]:
        """The header's cells as the file writes them (trailing empty cells left out)."""
        cells = self.texts(self.header)
        while cells and not cells[-1].strip():
            cells.pop()
        return tuple(cells)

    def texts(self, position: int) -> list[str]:
        """The cells of the grid's row ``position`` as text."""
        return [cell_text(cell) for cell in self.grid.iloc[position].tolist()]

    def sample(self, count: int = 20) -> list[tuple[int, tuple[str, ...]]]:
        """The first ``count`` lines below the header with their line numbers, for a mapping dialog to show."""
        stop = min(len(self.grid), self.header + 1 + count)
        width = max(len(self.headers), 1)
        return [(int(self.lines[p]), tuple(self.texts(p)[:width])) for p in range(self.header + 1, stop)]

    def values(self, column: str, most: int = 200) -> tuple[str, ...]:
        """The distinct values of ``column`` below the header, most frequent first (a filter's choices)."""
        keys = [header_key(name) for name in self.headers]
        if header_key(column) not in keys:
            return ()
        cells = self.grid.iloc[self.header + 1 :, keys.index(header_key(column))]
        texts = cells.map(cell_text).str.strip()
        counts = texts[texts != ""].value_counts()
        return tuple(str(value) for value in counts.index[:most])


def cell_text(cell: object) -> str:
    """A cell as text, whatever a file put there: a workbook's 340.0 is "340", its dates are ISO."""
    if cell is None or cell is pd.NA or cell is pd.NaT:
        return ""
    if isinstance(cell, str):
        return cell
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, float | np.floating):
        number = float(cell)
        if number != number:  # NaN: an empty cell
            return ""
        return str(int(number)) if number.is_integer() and abs(number) < 1e15 else repr(number)
    if isinstance(cell, dt.datetime | pd.Timestamp):
        return cell.date().isoformat() if cell.time() == dt.time() else cell.isoformat(sep=" ")
    if isinstance(cell, dt.date | dt.time):
        return cell.isoformat()
    return str(cell)


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
        raise UnreadableTableError(f"“{name}” is empty; export the report again.")
    if data.startswith(_ZIP):
        from offsite.exchange.actuals.workbook import read_workbook

        return read_workbook(data, name, sheet)
    if data.startswith(_OLE):
        raise UnreadableTableError(
            f"“{name}” is an old Excel workbook (.xls); open it in Excel and save it as .xlsx or CSV, "
            "then import that."
        )
    if sheet:
        raise UnreadableTableError(f"“{name}” is a CSV file, which has no sheets; leave the sheet out.")
    return read_csv(data, name)


def _too_large(name: str) -> str:
    return (
        f"“{name}” is over {MAX_TABLE_BYTES // (1024 * 1024):,} MB, far larger than any report of actuals; "
        "export only the rows and columns the import needs."
    )


def read_csv(data: bytes, name: str) -> Table:
    """The table in the bytes of a CSV (or tab-separated text) file called ``name``."""
    text, notes = _decode(data, name)
    skipped = 0
    given = _SEP_LINE.match(text)
    if given and given.group(1) in SEPARATORS:
        # Excel's own hint; Excel does not show the line, so the lines are numbered from the next.
        separator = given.group(1)
        text = text[given.end() :]
        skipped = 1
    else:
        separator = _sniff(text, name)
    if separator != ",":
        notes.append(f"Read as cells separated by {_SEPARATOR_NAMES[separator]}.")
    rows, faults = _records(text, separator)
    del text
    widths = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
    head = [[cell or "" for cell in row] for row in rows[:HEADER_SEARCH_LINES]]
    header = find_header(head)
    if header is None:
        raise UnreadableTableError(_no_table(name))
    # The grid is as wide as the widest of the first lines (where the header is): a line wider than
    # that keeps its true width in ``widths``, and its cells past the grid only matter if filled.
    width = max(len(row) for row in head)
    if int(widths.sum()) > MAX_CELLS:
        raise UnreadableTableError(_too_many_cells(name))
    for position in np.flatnonzero(widths != width):
        row = rows[position]
        if len(row) > width:
            if not any(cell.strip() for cell in row[width:]):
                widths[position] = width
            rows[position] = row[:width]
        else:  # a short line's missing cells are None, an empty cell's ""
            rows[position] = row + [None] * (width - len(row))  # type: ignore[list-item]
    for fault in faults:
        widths[fault.line - 1] = -1
    grid = pd.DataFrame(rows, dtype=object, columns=range(width))
    lines = np.arange(1 + skipped, len(rows) + 1 + skipped, dtype=np.int64)
    faults = [RowFault(fault.line + skipped, fault.column, fault.reason) for fault in faults]
    return Table(
        name=name,
        kind="csv",
        grid=grid,
        lines=lines,
        widths=widths,
        header=header,
        notes=tuple(notes),
        faults=tuple(faults),
        separator=separator,
    )


def _no_table(name: str) -> str:
    return (
        f"“{name}” holds no table: none of its first {HEADER_SEARCH_LINES} lines has two or more cells "
        "separated by commas, semicolons or tabs. Export the report as CSV or XLSX and import that."
    )


def _too_many_cells(name: str) -> str:
    return (
        f"“{name}” holds more than {MAX_CELLS:,} cells, far more than any report of actuals; "
        "export only the rows and columns the import needs."
    )


def _decode(data: bytes, name: str) -> tuple[str, list[str]]:
    """The file's text and a note on its encoding when it is not the usual UTF-8."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", name), []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", name), ["Read as Unicode text (UTF-16), as Excel writes it."]
    sample = data[:4096]
    if len(sample) >= 4 and sample[1::2].count(0) > len(sample) // 4 and not sample[0::2].count(0):
        return _strict(data, "utf-16-le", name), ["Read as Unicode text (UTF-16)."]
    if len(sample.translate(None, _TEXT_BYTES)) > len(sample) // 20:
        raise UnreadableTableError(
            f"“{name}” is not a table: it holds binary data, not text. Export the report as CSV or XLSX "
            "and import that."
        )
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", "surrogateescape")
    if _UTF8_BEYOND_ASCII.search(text):
        # UTF-8 with a few broken bytes: each stays in its cell as a broken character, which the
        # rules of typing refuse there (a fault on its line), instead of every accent going wrong.
        return text, []
    try:
        return data.decode("cp1252"), ["Read as Windows text (cp1252), since it is not UTF-8."]
    except UnicodeDecodeError:
        return data.decode("latin-1"), ["Read as Latin-1 text, since it is not UTF-8."]


#: The bytes text holds; a file whose first bytes are more than 5% others (NUL and the other control
#: characters) is binary. A stray NUL in a cell is not: the rules of typing refuse it there.
_TEXT_BYTES = bytes(range(32, 256)) + b"\t\n\r\f\v\x1b"

#: A character beyond ASCII that UTF-8 decoded (not one of the stand-ins for a broken byte).
_UTF8_BEYOND_ASCII = re.compile("[\u0080-\udc7f\udd00-\U0010ffff]")


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise UnreadableTableError(
            f"“{name}” is damaged: it says it is {encoding.upper()} text but byte {error.start:,} is not; "
            "export the report again."
        ) from None


def _sniff(text: str, name: str) -> str:
    """The separator that splits the first lines into the most lines of one width of two or more cells."""
    sample = text[:65536]
    if len(text) > len(sample) and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    best: tuple[int, int, int] = (0, 0, 0)
    chosen = ""
    for rank, separator in enumerate(SEPARATORS):
        widths: dict[int, int] = {}
        try:
            for row in csv.reader(io.StringIO(sample, newline=""), delimiter=separator):
                if len(row) >= 2 and any(cell.strip() for cell in row):
                    widths[len(row)] = widths.get(len(row), 0) + 1
        except csv.Error:
            continue
        if not widths:
            continue
        width, count = max(widths.items(), key=lambda item: (item[1], item[0]))
        score = (count, width, -rank)
        if score > best:
            best, chosen = score, separator
    if not chosen:
        raise UnreadableTableError(_no_table(name))
    return chosen


def _records(text: str, separator: str) -> tuple[list[list[str]], list[RowFault]]:
    """Every record of the text, and a fault for each the format cannot read (its place kept, empty)."""
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)), []
    except csv.Error:
        pass
    rows: list[list[str]] = []
    faults: list[RowFault] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            faults.append(RowFault(len(rows) + 1, "", _format_reason(str(error), separator)))
            rows.append([])
            continue
        rows.append(row)
    return rows, faults


def _format_reason(error: str, separator: str) -> str:
    if "unexpected end of data" in error:
        return (
            "a quote opens on this line and is never closed, so this line and every line after it "
            "could not be read; close the quote (or remove it) and import again"
        )
    if "expected after" in error:
        return (
            "a quoted cell has more text after its closing quote; put the whole cell in quotes, with "
            'each quote inside it doubled ("")'
        )
    if "field larger than field limit" in error:
        return "a cell is longer than 131,072 characters (a quote left open?); correct the line"
    return f"this line cannot be read as CSV ({error}); correct it"
