"""A file of actuals read as it stands: every line, numbered as a spreadsheet numbers it, and its header.

``Table`` is what ``read_table`` (reading.py) returns for a CSV (delimited.py) or a workbook
(workbook.py), before any mapping; ``preview`` turns it into check-ins.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from offsite.domain.actuals import RowFault, footer_start, header_key

#: A file of actuals larger than this is refused unread: a CRM's export of a year of deals is a few MB.
MAX_TABLE_BYTES = 128 * 1024 * 1024
#: Most cells a table may hold (lines × columns): far beyond any report, short of exhausting memory.
MAX_CELLS = 20_000_000
#: How far up from a table's end a report's footer is looked for: footers are a few lines.
FOOTER_SEARCH = 200


def _no_formula(line: int, position: int) -> str | None:
    return None


@dataclass(frozen=True, eq=False)
class Table:
    """A file's lines as read, before any mapping: what ``preview`` turns into check-ins.

    ``grid`` has one row per line of the file and positional columns; a CSV's cells are text
    (None where a line has fewer cells), a workbook's are text, numbers, dates or NaN. ``lines``
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
    blank: np.ndarray  # bool: the line has no cell filled (only spaces, if any)
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
        stop, _footer = self.footer(self.header)
        cells = self.grid.iloc[self.header + 1 : stop, keys.index(header_key(column))]
        texts = cells.map(cell_text).str.strip()
        counts = texts[texts != ""].value_counts()
        return tuple(str(value) for value in counts.index[:most])

    def footer(self, header: int, labels: Collection[str] = ()) -> tuple[int, list[list[str]]]:
        """Where the table below ``header`` ends (a grid position) and the report footer after it, if any.

        ``labels`` are the metrics' names and aliases (``header_key``), which are data even if "Total".
        """
        start = max(header + 1, len(self.grid) - FOOTER_SEARCH)
        tail = [self.texts(position) for position in range(start, len(self.grid))]
        begins = footer_start(tail, labels)
        return start + begins, tail[begins:]


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
