"""The layout's building blocks: tables in the house grid, rotated and stacked flowables, checkpoints."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from offsite.exchange.pdf.long_table import rows_table
from offsite.exchange.pdf.progress import Run
from offsite.exchange.pdf.styles import FAINT, HEAD_FILL, RULE, colour

#: Where each table command keeps its colour.
_COLOUR_AT = {
    "BACKGROUND": 3,
    "TEXTCOLOR": 3,
    "LINEBELOW": 4,
    "LINEABOVE": 4,
    "LINEBEFORE": 4,
    "LINEAFTER": 4,
}


def _with_colours(commands: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    converted = []
    for command in commands:
        at = _COLOUR_AT.get(command[0])
        if at is not None and len(command) > at and isinstance(command[at], str):
            command = (*command[:at], colour(command[at]), *command[at + 1 :])
        converted.append(command)
    return converted


def platypus_module() -> Any:
    import reportlab.platypus as platypus

    return platypus


#: A table with a header row and more rows than this is laid out a page at a time (``long_table``).
LONG_TABLE_ROWS = 40
#: Commands that tie rows together, or that reportlab turns into other lines where it splits a
#: table, which ``long_table`` does not copy: a table with one stays one reportlab table.
_WHOLE_TABLE = frozenset(
    {"SPAN", "NOSPLIT", "ROWBACKGROUNDS", "LINEABOVE", "GRID", "INNERGRID", "BOX", "OUTLINE"}
)


def table(rows: list[list[Any]], widths: Sequence[float], commands: list[tuple[Any, ...]], **kw: Any) -> Any:
    """A table in the house style; one of many rows under a header row costs what each page shows."""
    from reportlab.platypus import Table, TableStyle

    base: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    kw.setdefault("splitInRow", 1)
    commands = _with_colours(commands)
    if (
        kw.get("repeatRows") == 1
        and len(rows) - 1 > LONG_TABLE_ROWS
        and not any(command[0] in _WHOLE_TABLE for command in commands)
    ):
        return rows_table(rows, widths, base + commands, **kw)
    return Table(rows, colWidths=list(widths), style=TableStyle(base + commands), **kw)


def grid_commands(header_rows: int = 1) -> list[tuple[Any, ...]]:
    return [
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEAD_FILL),
        ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.8, FAINT),
        ("LINEBELOW", (0, header_rows), (-1, -1), 0.4, RULE),
        ("VALIGN", (0, 0), (-1, header_rows - 1), "BOTTOM"),
    ]


def rotated(content: Any, length: float) -> Any:
    """``content`` turned a quarter left, reading bottom to top within ``length`` points."""
    from reportlab.platypus import Flowable

    class Rotated(Flowable):  # type: ignore[misc]
        """Shrinks its content when the lines would be wider than the column, so nothing overflows."""

        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            _, self._content_height = content.wrap(length, 10_000)
            self._scale = min(1.0, available_width / self._content_height) if self._content_height else 1.0
            return self._content_height * self._scale, length

        def draw(self) -> None:
            self.canv.saveState()
            self.canv.rotate(90)
            self.canv.scale(self._scale, self._scale)
            content.drawOn(self.canv, 0, -self._content_height)
            self.canv.restoreState()

    return Rotated()


def stack(flowables: list[Any]) -> Any:
    """Several flowables drawn one under the other as one (for rotated headers)."""
    from reportlab.platypus import Flowable

    class Stack(Flowable):  # type: ignore[misc]
        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            self._sizes = [f.wrap(available_width, available_height) for f in flowables]
            self.width = available_width
            self.height = sum(h for _, h in self._sizes)
            return self.width, self.height

        def draw(self) -> None:
            y = self.height
            for flowable, (_, height) in zip(flowables, self._sizes, strict=True):
                y -= height
                flowable.drawOn(self.canv, 0, y)

    return Stack()


def checkpoint(run: Run) -> Any:
    """A flowable of no size that reports progress (and polls for cancel) when it is placed."""
    from reportlab.platypus import Flowable

    class Checkpoint(Flowable):  # type: ignore[misc]
        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            return 0, 0

        def draw(self) -> None:
            run.step()

    run.steps += 1
    return Checkpoint()
