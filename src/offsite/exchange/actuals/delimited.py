"""CSV and tab-separated text as CRM reports and spreadsheets write them, read into a ``Table``.

UTF-8 (with or without the byte-order mark Excel's "CSV UTF-8" writes), UTF-16 (Excel's "Unicode
text", tab-separated) or Windows' cp1252; cells separated by commas, semicolons or tabs (sniffed,
or as Excel's "sep=;" line says); quoted cells may hold separators and line breaks. Nothing in a
cell is evaluated: "=HYPERLINK(…)" is text, and the quote an export puts before such text to keep
it text ("'=HYPERLINK(…)", OWASP's guard, as Offsite's check-ins export writes it) is taken off.
A line the format cannot read (a quote never closed) is a ``RowFault`` the preview lists, not a
refusal.

The text is split by Python's csv module (C code): it says how many cells each line has and
where each record starts, which a broken line needs and pandas' parser does not tell (it pads a
short line with empty cells and drops a long one); the columns are then pandas' to read.
"""

from __future__ import annotations

import codecs
import csv
import io
import re

import numpy as np
import pandas as pd

from offsite.domain.actuals import HEADER_SEARCH_LINES, RowFault, find_header
from offsite.domain.errors import UnreadableTableError
from offsite.domain.formatting import format_number
from offsite.domain.language import QT_TRANSLATE_NOOP, translate
from offsite.exchange.actuals.table import MAX_CELLS, Table
from offsite.exchange.tidy.cells import GUARDED_CELL, unguard

#: The separators a CSV may use, in the order a tie prefers them.
SEPARATORS = (",", ";", "\t")
_SEPARATOR_NOTES = {
    ",": QT_TRANSLATE_NOOP("ActualsImport", "Read as cells separated by commas."),
    ";": QT_TRANSLATE_NOOP("ActualsImport", "Read as cells separated by semicolons."),
    "\t": QT_TRANSLATE_NOOP("ActualsImport", "Read as cells separated by tabs."),
}
_SEP_LINE = re.compile(r"sep=(.)\r?\n", re.IGNORECASE)


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
        notes.append(translate("ActualsImport", _SEPARATOR_NOTES[separator]))
    rows, faults = _records(text, separator)
    if GUARDED_CELL.search(text):  # a spreadsheet's formula guard ('=…), as Offsite's export writes it
        rows = [[unguard(cell) for cell in row] for row in rows]
    del text
    widths = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
    # A line whose cells joined are only spaces is blank: one join a line, not one look a cell.
    blank = np.fromiter((not "".join(row).strip() for row in rows), dtype=bool, count=len(rows))
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
        blank[fault.line - 1] = False
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
        blank=blank,
        notes=tuple(notes),
        faults=tuple(faults),
        separator=separator,
    )


def _no_table(name: str) -> str:
    return translate(
        "ActualsImport",
        "“{file}” holds no table: none of its first {count} lines has two or more cells "
        "separated by commas, semicolons or tabs. Export the report as CSV or XLSX and import that.",
    ).format(file=name, count=format_number(HEADER_SEARCH_LINES))


def _too_many_cells(name: str) -> str:
    return translate(
        "ActualsImport",
        "“{file}” holds more than {count} cells, far more than any report of actuals; "
        "export only the rows and columns the import needs.",
    ).format(file=name, count=format_number(MAX_CELLS))


def _decode(data: bytes, name: str) -> tuple[str, list[str]]:
    """The file's text and a note on its encoding when it is not the usual UTF-8."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", name), []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", name), [
            translate("ActualsImport", "Read as Unicode text (UTF-16), as Excel writes it.")
        ]
    sample = data[:4096]
    if len(sample) >= 4 and sample[1::2].count(0) > len(sample) // 4 and not sample[0::2].count(0):
        return _strict(data, "utf-16-le", name), [
            translate("ActualsImport", "Read as Unicode text (UTF-16).")
        ]
    if len(sample.translate(None, _TEXT_BYTES)) > len(sample) // 20:
        raise UnreadableTableError(
            translate(
                "ActualsImport",
                "“{file}” is not a table: it holds binary data, not text. Export the report as CSV or XLSX "
                "and import that.",
            ).format(file=name)
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
        return data.decode("cp1252"), [
            translate("ActualsImport", "Read as Windows text (cp1252), since it is not UTF-8.")
        ]
    except UnicodeDecodeError:
        return data.decode("latin-1"), [
            translate("ActualsImport", "Read as Latin-1 text, since it is not UTF-8.")
        ]


#: The bytes text holds; a file whose first bytes are more than 5% others (NUL and the other control
#: characters) is binary. A stray NUL in a cell is not: the rules of typing refuse it there.
_TEXT_BYTES = bytes(range(32, 256)) + b"\t\n\r\f\v\x1b"

#: A character beyond ASCII that UTF-8 decoded (not one of the stand-ins for a broken byte).
_UTF8_BEYOND_ASCII = re.compile("[\u0080-\udc7f\udd00-\U0010ffff]")


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].decode(encoding, "replace").count("\n") + 1
        raise UnreadableTableError(
            translate(
                "ActualsImport",
                "“{file}” is damaged: it says it is {encoding} text but line {line} is not; export the report again.",
            ).format(file=name, encoding=encoding.upper(), line=format_number(line))
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
        return translate(
            "ActualsImport",
            "a quote opens on this line and is never closed, so this line and every line after it "
            "could not be read; close the quote (or remove it) and import again",
        )
    if "expected after" in error:
        return translate(
            "ActualsImport",
            "a quoted cell has more text after its closing quote; put the whole cell in quotes, with "
            'each quote inside it doubled ("")',
        )
    if "field larger than field limit" in error:
        return translate(
            "ActualsImport", "a cell is longer than {count} characters (a quote left open?); correct the line"
        ).format(count=format_number(131072))
    return translate("ActualsImport", "this line cannot be read as CSV ({error}); correct it").format(
        error=error
    )
