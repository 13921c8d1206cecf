"""A workbook (XLSX) of actuals: checked for what would exhaust the machine, then read by calamine.

An XLSX is a zip of XML. Before calamine (the engine pandas uses for XLSX) reads a sheet, the
archive is checked the way a received file must be: at most ``MAX_ENTRIES`` parts, at most
``MAX_UNPACKED_BYTES`` unpacked in all (counted while unpacking, so sizes the archive lies about do
not count), and the sheet's cells within ``MAX_CELLS`` of area. The last matters most: calamine
lays a sheet out as a dense grid from its first cell to its last, so two cells at A1 and
XFD1048576 in a file of a few kilobytes would ask for half a terabyte, and the process would die.

Formulas are never evaluated: a cell's value is the result the program that saved the file
stored with it. A formula saved without one (a file written by a library, never opened in a
spreadsheet) reads as empty; ``formula`` finds its text so the fault can say so.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections.abc import Callable
from functools import lru_cache
from xml.etree import ElementTree

import numpy as np
import pandas as pd
import python_calamine

from offsite.domain.actuals import HEADER_SEARCH_LINES, find_header
from offsite.domain.errors import UnreadableTableError
from offsite.domain.formatting import format_number
from offsite.domain.language import translate
from offsite.exchange.actuals.cells import column_letters
from offsite.exchange.actuals.table import MAX_CELLS, Table, cell_text

#: Most parts an XLSX may hold; a workbook of a few sheets has a few dozen.
MAX_ENTRIES = 10_000
#: Most bytes its parts may unpack to in all: a sheet of a million cells is some 50 MB of XML.
MAX_UNPACKED_BYTES = 512 * 1024 * 1024

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELATIONSHIP = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
#: A cell's reference, whatever element and attribute order: ' r="AB12"' (a row's r has no letters).
_CELL_LETTERS = re.compile(rb' r="([A-Z]{1,3})\d')
#: A cell or a row element, with or without a namespace prefix; a row's number.
_CELL_TAG = re.compile(rb"<(?:\w+:)?c[\s/>]")
_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s/>]")


def read_workbook(data: bytes, name: str, sheet: str | None) -> Table:
    """The table on the first sheet (or ``sheet``) of the XLSX ``data`` named ``name``."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise UnreadableTableError(_damaged(name)) from None
    with archive:
        names = archive.namelist()
        if "xl/workbook.xml" not in names:
            raise UnreadableTableError(
                translate(
                    "ActualsImport",
                    "“{file}” is a zip archive but not an Excel workbook (XLSX); export the report as XLSX or CSV.",
                ).format(file=name)
            )
        if len(names) > MAX_ENTRIES:
            raise UnreadableTableError(_bomb(name))
        parts = _unpack_all(archive, name)
    sheets, targets = _sheets(parts, name)
    if sheet is None:
        chosen = sheets[0]
    else:
        matches = [s for s in sheets if s.strip().casefold() == sheet.strip().casefold()]
        if not matches:
            listed = ", ".join(f"“{s}”" for s in sheets)
            raise UnreadableTableError(
                translate(
                    "ActualsImport", "“{file}” has no sheet “{sheet}”; its sheets are {sheets}."
                ).format(file=name, sheet=sheet, sheets=listed)
            )
        chosen = matches[0]
    xml = parts.get(targets[chosen], b"")
    rows, columns = _extent(xml)
    if rows * columns > MAX_CELLS:
        raise UnreadableTableError(
            translate(
                "ActualsImport",
                "The sheet “{sheet}” of “{file}” spans {rows} rows by {columns} columns, far beyond any "
                "report of actuals; copy the table to a new sheet (or export it as CSV) and import that.",
            ).format(sheet=chosen, file=name, rows=format_number(rows), columns=format_number(columns))
        )
    try:
        # calamine itself, as pandas' calamine engine calls it, but without the engine's conversion
        # of each cell in Python afterwards (which took 40% longer than reading them).
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        cells = book.get_sheet_by_name(chosen).to_python(skip_empty_area=False)
    except Exception as error:  # calamine's own errors: whatever the damage, one sentence
        raise UnreadableTableError(
            translate(
                "ActualsImport",
                "“{file}” is damaged and cannot be read as a workbook; export the report again ({error}).",
            ).format(file=name, error=f"{type(error).__name__}: {error}")
        ) from None
    grid = pd.DataFrame(cells, dtype=object)
    del cells
    head = [
        [cell_text(cell) for cell in row] for row in grid.iloc[:HEADER_SEARCH_LINES].itertuples(index=False)
    ]
    header = find_header(head)
    if header is None:
        raise UnreadableTableError(
            translate(
                "ActualsImport",
                "The sheet “{sheet}” of “{file}” holds no table: none of its first {count} "
                "rows has two or more cells filled. Choose the sheet that holds the report.",
            ).format(sheet=chosen, file=name, count=format_number(HEADER_SEARCH_LINES))
        )
    notes = (
        [translate("ActualsImport", "Read the sheet “{sheet}”.").format(sheet=chosen)]
        if len(sheets) > 1
        else []
    )
    return Table(
        name=name,
        kind="xlsx",
        grid=grid,
        lines=np.arange(1, len(grid) + 1, dtype=np.int64),
        widths=None,
        header=header,
        blank=_blank_rows(grid),
        notes=tuple(notes),
        sheet=chosen,
        sheets=tuple(sheets),
        formula=_formulas(xml),
    )


def _blank_rows(grid: pd.DataFrame) -> np.ndarray:
    """Rows with no cell filled (a cell of spaces is rare in a workbook: it counts as filled)."""
    return np.asarray((grid.isna() | grid.eq("")).all(axis=1).to_numpy(), dtype=bool)


def _damaged(name: str) -> str:
    return translate(
        "ActualsImport", "“{file}” is damaged and cannot be read as a workbook; export the report again."
    ).format(file=name)


def _bomb(name: str) -> str:
    return translate(
        "ActualsImport",
        "“{file}” unpacks to far more than any workbook of actuals (over {size} MB "
        "or {count} parts), so Offsite did not open it; export the report again, or as CSV.",
    ).format(file=name, size=format_number(MAX_UNPACKED_BYTES // 2**20), count=format_number(MAX_ENTRIES))


def _unpack_all(archive: zipfile.ZipFile, name: str) -> dict[str, bytes]:
    """Every part's bytes, counted as they unpack (never trusting the sizes the archive states)."""
    budget = MAX_UNPACKED_BYTES
    parts: dict[str, bytes] = {}
    try:
        for info in archive.infolist():
            if info.is_dir():
                continue
            if info.file_size > budget:
                raise UnreadableTableError(_bomb(name))
            chunks: list[bytes] = []
            with archive.open(info) as member:
                while chunk := member.read(1 << 20):
                    budget -= len(chunk)
                    if budget < 0:
                        raise UnreadableTableError(_bomb(name))
                    chunks.append(chunk)
            # Only what says where the sheets are, and the sheets themselves, are kept to look into.
            if info.filename.startswith(("xl/worksheets/", "xl/workbook.xml", "xl/_rels/")):
                parts[info.filename] = b"".join(chunks)
    except UnreadableTableError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError, ValueError):
        raise UnreadableTableError(_damaged(name)) from None
    return parts


def _sheets(parts: dict[str, bytes], name: str) -> tuple[list[str], dict[str, str]]:
    """The sheets' names in the workbook's order, and the part that holds each."""
    try:
        workbook = ElementTree.fromstring(parts["xl/workbook.xml"])
        relations = ElementTree.fromstring(parts.get("xl/_rels/workbook.xml.rels", b"<r/>"))
    except (ElementTree.ParseError, KeyError):
        raise UnreadableTableError(_damaged(name)) from None
    targets_by_id = {}
    for relation in relations.iter(_REL):
        target = relation.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        targets_by_id[relation.get("Id", "")] = target
    sheets: list[str] = []
    targets: dict[str, str] = {}
    for element in workbook.iter(f"{_MAIN}sheet"):
        sheet = element.get("name", "")
        sheets.append(sheet)
        targets[sheet] = targets_by_id.get(element.get(_RELATIONSHIP, ""), "")
    if not sheets:
        raise UnreadableTableError(
            translate(
                "ActualsImport", "“{file}” is a workbook without sheets; export the report again."
            ).format(file=name)
        )
    return sheets, targets


def _extent(xml: bytes) -> tuple[int, int]:
    """How many rows and columns calamine would lay the sheet out on (from A1 to its last cell), or more.

    The cells' row numbers are read only as long as the most rows the sheet's width allows: a sheet
    of 100,000 rows never converts its 600,000 of them.
    """
    letters = _CELL_LETTERS.findall(xml)
    columns = max(map(_column_number, set(letters)), default=0)
    allowed = MAX_CELLS // max(columns, 1)
    longest = re.findall(rb' r="[A-Z]{1,3}(\d{%d,7})"' % min(len(str(allowed)), 7), xml)
    rows = max(map(int, longest), default=0)
    prefixed = re.search(rb"<\w+:c[\s/>]", xml) is not None
    tags = (
        len(_CELL_TAG.findall(xml))
        if prefixed
        else xml.count(b"<c ") + xml.count(b"<c>") + xml.count(b"<c/>")
    )
    if tags > len(letters):
        # Some cells do not say where they are: each takes the next place in its row (and a row
        # without a number the next row), so count each row as wide as its cells, and every row
        # as if it came after the last numbered one.
        widest = max((len(_CELL_TAG.findall(part)) for part in _ROW_TAG.split(xml)), default=0)
        columns = max(columns, widest)
        numbered = re.findall(rb' r="[A-Z]{0,3}(\d{1,7})"', xml)
        rows = max(map(int, numbered), default=0) + len(_ROW_TAG.findall(xml))
    return rows, columns


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _formulas(xml: bytes) -> Callable[[int, int], str | None]:
    """What finds the formula of the cell at (line, column position) of this sheet, if it holds one."""

    @lru_cache(maxsize=1024)
    def formula(line: int, position: int) -> str | None:
        reference = f' r="{column_letters(position)}{line}"'.encode()
        start = xml.find(reference)
        if start < 0:
            return None
        opened = xml.rfind(b"<", 0, start)
        closed = xml.find(b">", start)
        if opened < 0 or closed < 0 or xml[closed - 1 : closed] == b"/":
            return None
        end = xml.find(b"c>", closed)
        found = re.search(
            rb"<(?:\w+:)?f\b[^>]*?(/?)>(?:([^<]*)</(?:\w+:)?f>)?", xml[closed:end] if end > 0 else b""
        )
        if found is None:
            return None
        if found.group(1) or not found.group(2):
            return translate(
                "ActualsImport", "a formula"
            )  # shared with the cell it was copied from: its text is there
        return "=" + html.unescape(found.group(2).decode("utf-8", "replace"))

    return formula
