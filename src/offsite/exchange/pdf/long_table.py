"""A table of many rows laid out a page at a time, so its cost grows with its rows, not their square.

reportlab splits a long ``Table`` at each page by building a new table of *all* the rows left,
with all their style commands, so a table of n rows over p pages costs n × p. ``LongRows`` holds
the rows and their commands itself and gives reportlab a table of only a window of rows: enough
to fill the page (the window grows until the page would overflow), split by reportlab as before.
What reportlab leaves of the window (the rows that did not fit, with a row split inside a cell as
reportlab split it) is carried into the next window, so each page costs what it shows.

The pages look as they did: the same rows per page, the header repeated on each, every command
applied to the same cells in the same order, and the line reportlab draws again at the top of a
continued table (the line under the last row of the page before). Only a table with one header
row, no spanned cells and no lines but below rows and beside columns is held so (``table()``
decides); any other stays one reportlab ``Table``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

#: The rows in a first window; later windows are twice what the last page took.
_FIRST_WINDOW = 24


@dataclass
class _Rows:
    """Everything one long table holds: its rows and its commands, sorted by the rows they touch."""

    header: list[Any]
    body: list[list[Any]]
    widths: list[float]
    #: (position in the command list, command) for commands over many rows, normalised to
    #: non-negative row indices of the whole table.
    spanning: list[tuple[int, tuple[Any, ...]]]
    #: Body row → (position, command) of the commands on that row alone.
    by_row: dict[int, list[tuple[int, tuple[Any, ...]]]]
    options: dict[str, Any] = field(default_factory=dict)


def rows_table(
    rows: list[list[Any]], widths: Sequence[float], commands: list[tuple[Any, ...]], **kw: Any
) -> Any:
    """A ``LongRows`` for ``rows`` (the first one the header), ``commands`` in table coordinates."""
    total = len(rows)
    spanning: list[tuple[int, tuple[Any, ...]]] = []
    by_row: dict[int, list[tuple[int, tuple[Any, ...]]]] = {}
    for position, command in enumerate(commands):
        (sc, sr), (ec, er) = command[1], command[2]
        sr, er = sr + total if sr < 0 else sr, er + total if er < 0 else er
        normal = (command[0], (sc, sr), (ec, er), *command[3:])
        if sr == er and sr >= 1:
            by_row.setdefault(sr - 1, []).append((position, normal))
        else:
            spanning.append((position, normal))
    return long_rows_class()(_Rows(rows[0], rows[1:], list(widths), spanning, by_row, kw), 0, None)


_CLASS: Any = None


def long_rows_class() -> Any:
    """The ``LongRows`` flowable (defined on first use: reportlab loads only when a PDF is made)."""
    global _CLASS
    if _CLASS is not None:
        return _CLASS
    from reportlab.platypus import Flowable, Table, TableStyle

    class LongRows(Flowable):  # type: ignore[misc]
        """The rows from ``start`` on, after the rows ``carry`` (what reportlab left of the last window)."""

        def __init__(self, rows: _Rows, start: int, carry: Any, window: int = _FIRST_WINDOW) -> None:
            super().__init__()
            self.rows, self.start, self.carry, self.window = rows, start, carry, window
            self.hAlign = rows.options.get("hAlign", "CENTER")
            self._made: tuple[float, float, Any, int] | None = None

        # The carried rows are the last ones before ``start``.
        def _carried(self) -> int:
            return len(self.carry._cellvalues) - 1 if self.carry is not None else 0

        def _table(self, count: int) -> Any:
            """A reportlab table of the header, the carried rows and ``count`` rows from ``start``."""
            rows, carried = self.rows, self._carried()
            first, end = self.start - carried, self.start + count
            data = [rows.header, *rows.body[first:end]]
            if self.carry is not None:
                data[1 : 1 + carried] = self.carry._cellvalues[1:]
            commands: list[tuple[int, tuple[Any, ...]]] = []
            low, high = first + 1, end  # the window's rows in the whole table's numbering
            for position, command in rows.spanning:
                (sc, sr), (ec, er) = command[1], command[2]
                if sr == 0:  # the header's part
                    commands.append((position, (command[0], (sc, 0), (ec, 0), *command[3:])))
                if command[0] == "LINEBELOW" and first > 0 and sr <= first <= er:
                    # As reportlab continues a table: the line under the row that ended the last
                    # page is drawn again over the first row of this one.
                    commands.append((position, ("LINEABOVE", (sc, 1), (ec, 1), *command[3:])))
                top, bottom = max(sr, low), min(er, high)
                if top <= bottom:
                    moved = (command[0], (sc, top - first), (ec, bottom - first), *command[3:])
                    commands.append((position, moved))
            for row in range(first, end):
                for position, command in rows.by_row.get(row, ()):
                    (sc, _), (ec, _) = command[1], command[2]
                    commands.append(
                        (position, (command[0], (sc, row - first + 1), (ec, row - first + 1), *command[3:]))
                    )
            commands.sort(key=lambda item: item[0])
            options = {k: v for k, v in rows.options.items() if k != "style"}
            table = Table(
                data,
                colWidths=rows.widths,
                style=TableStyle([command for _, command in commands]),
                **options,
            )
            if self.carry is not None:
                # A row reportlab split inside a cell goes on with the paddings and height it gave it.
                for index in range(1, 1 + carried):
                    table._cellStyles[index] = self.carry._cellStyles[index]
                    if self.carry._argH[index] is not None:
                        table._argH[index] = self.carry._argH[index]
            return table

        def _fit(self, width: float, height: float) -> Any:
            """The table of as many rows as fill ``height`` (or all that are left), wrapped."""
            if self._made is not None and self._made[:2] == (width, height):
                return self._made[2]
            left = len(self.rows.body) - self.start
            # The window counts the carried rows: only what the page may still take is added.
            count = min(max(self.window - self._carried(), 0), left)
            while True:
                table = self._table(count)
                _, used = table.wrapOn(getattr(self, "canv", None), width, height)
                if used > height or count >= left:
                    break
                count = min(max(2 * count, _FIRST_WINDOW), left)  # the page has room for more
            self._made = (width, height, table, count)
            return table

        def wrap(self, width: float, height: float) -> tuple[float, float]:
            table = self._fit(width, height)
            self.width, self.height = table._width, table._height
            return self.width, self.height

        def split(self, width: float, height: float) -> list[Any]:
            table = self._fit(width, height)
            assert self._made is not None
            count = self._made[3]
            parts = table.splitOn(getattr(self, "canv", None), width, height)
            if len(parts) < 2:
                return list(parts)
            shown, rest = parts[0], parts[1]
            end = self.start + count
            if end >= len(self.rows.body):
                return [shown, rest]
            placed = len(shown._cellvalues) - 1
            follow = LongRows(self.rows, end, rest, max(_FIRST_WINDOW, 2 * placed))
            return [shown, follow]

        def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
            assert self._made is not None
            self._made[2].drawOn(canvas, x, y, _sW=_sW)

        def getSpaceBefore(self) -> float:
            return 0.0

        def getSpaceAfter(self) -> float:
            return 0.0

    _CLASS = LongRows
    return LongRows
