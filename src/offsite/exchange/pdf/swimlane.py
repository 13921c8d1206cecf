"""The customer journey as a swimlane diagram in the PDF: a flowable drawn with reportlab graphics
from ``offsite.domain.journey.lay_out``, the one layout the screen and the projector draw too.

One band per lane (the teams in journey order, then “Not yet owned”), the lane's name at its
left; each stage a box in its own column, its title (wrapped) and its owner inside; an arrow from
each stage to the next. An arrow that crosses to another team's lane turns down (or up) in the
gap between the two columns, and its hand-off label (``HandOff.label``: trigger · service level)
is written in the empty cell beside the arrow, in the lane it reaches: every column holds one
stage, so that cell is always free.

The lines and boxes are a reportlab ``Drawing``; the words are the document's own paragraphs
(``rtl.para``), so a stage typed in Thai, Hebrew or Chinese prints as in every table. A text too
long for its box is cut with “…”: the table under the diagram prints every word. Sizes follow
the room: columns share the width (never wider than ``MAX_COLUMN`` nor narrower than
``MIN_COLUMN``: a longer journey goes on in a second row of the same lanes), boxes are as tall
as the longest title needs (four lines at most), and a diagram taller than ``max_height`` is
scaled down to fit, so twelve stages with long titles stay legible and inside the page.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from offsite.domain.journey import Swimlane
from offsite.domain.language import translate
from offsite.exchange import fonts
from offsite.exchange.pdf.rtl import para
from offsite.exchange.pdf.styles import ACCENT, FAINT, HEAD_FILL, INK, MUTED, NAVY, RULE, TINT, colour

#: The lane names' column, the widest a stage's column grows, the room between two boxes.
LANE_LABEL = 78.0
MAX_COLUMN = 130.0
GAP = 14.0
#: A stage's column is never narrower than this: a longer journey is drawn in rows (1–6, then
#: 7–12), the arrow leaving one row at its right edge and entering the next at its left.
MIN_COLUMN = 76.0
#: The room between two rows of a long journey.
ROW_GAP = 10.0
#: The smallest a diagram is drawn to keep it on one page; a longer one goes on over pages.
MIN_SCALE = 0.6
#: Inside a box: the padding, and how many lines its title takes at most; a label's lines.
PAD = 4.0
TITLE_LINES = 4
LABEL_LINES = 4


#: Paragraphs to draw and where (x, y), in a row's drawing.
Words = list[tuple[Any, float, float]]
#: One row of the journey: its drawing of bands, arrows and boxes, and its words.
Row = tuple[Any, Words]


@dataclass(frozen=True, slots=True)
class _Sizes:
    per_row: int
    column: float
    box_width: float
    title_size: float
    small_size: float

    @property
    def title_leading(self) -> float:
        return self.title_size * 1.22

    @property
    def small_leading(self) -> float:
        return self.small_size * 1.25


def _sizes(columns: int, width: float) -> _Sizes:
    room = width - LANE_LABEL
    rows = max(1, math.ceil(columns * MIN_COLUMN / room))
    per_row = max(1, math.ceil(columns / rows))
    column = min(MAX_COLUMN, room / per_row)
    box_width = column - GAP
    title_size = 8.5 if box_width >= 80 else 7.5
    return _Sizes(per_row, column, box_width, title_size, title_size - 1.2)


def _style(
    name: str, size: float, leading: float, *, bold: bool = False, ink: str = INK, align: int = 0
) -> Any:
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle(
        f"swimlane-{name}-{size}",
        fontName=fonts.BOLD if bold else fonts.REGULAR,
        fontSize=size,
        leading=leading,
        textColor=colour(ink),
        alignment=align,
    )


def fitted(text: str, style: Any, width: float, height: float) -> Any:
    """A paragraph of ``text`` no taller than ``height`` at ``width``: cut with “…” when it would be.

    The cut is found by halving, on whole characters, from at most the characters that could fill
    the room (a ten-thousand-character title costs what a box holds, not what was typed).
    """
    text = " ".join(fonts.clean(text).split())
    # No glyph is narrower than a fifth of the type size: more characters than this cannot fit.
    most = int(width * height / (style.fontSize * 0.2 * style.leading)) + 1
    cut = len(text) > most
    text = text[:most]
    whole = para(text, style)
    if not cut and whole.wrap(width, height)[1] <= height:
        return whole
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits with its ellipsis
        middle = (low + high + 1) // 2
        if para(text[:middle].rstrip() + "…", style).wrap(width, height)[1] <= height:
            low = middle
        else:
            high = middle - 1
    return para(text[:low].rstrip() + "…", style)


def swimlane_flowable(lane: Swimlane, width: float, max_height: float) -> Any:
    """The diagram of ``lane`` as a flowable at most ``width`` wide, on one page of ``max_height``
    when it reads there at ``MIN_SCALE`` or larger; a longer journey splits between its rows."""
    from reportlab.platypus import Flowable

    rows = _draw(lane, _sizes(lane.columns, width))
    natural_width = max(float(d.width) for d, _ in rows)
    row_height = max(float(d.height) for d, _ in rows)
    total = sum(float(d.height) for d, _ in rows) + ROW_GAP * (len(rows) - 1)
    fits = min(1.0, width / natural_width)
    if max_height / total >= MIN_SCALE:
        scale = min(fits, max_height / total)
    else:  # too long for one page: rows as large as the page allows, over as many pages as they take
        scale = min(fits, max_height / row_height)

    class SwimlaneDiagram(Flowable):  # type: ignore[misc]
        def __init__(self, rows: list[Row]) -> None:
            super().__init__()
            self.rows = rows
            self.hAlign = "LEFT"

        def _height(self, rows: list[Any]) -> float:
            return (sum(float(d.height) for d, _ in rows) + ROW_GAP * (len(rows) - 1)) * scale

        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            self.width, self.height = natural_width * scale, self._height(self.rows)
            return self.width, self.height

        def split(self, available_width: float, available_height: float) -> list[Any]:
            # Between rows only: a row is never cut. None fits: the diagram starts on the next page.
            count = 0
            while count < len(self.rows) and self._height(self.rows[: count + 1]) <= available_height:
                count += 1
            if count in (0, len(self.rows)):
                return [] if count == 0 else [self]
            return [SwimlaneDiagram(self.rows[:count]), SwimlaneDiagram(self.rows[count:])]

        def draw(self) -> None:
            from reportlab.graphics import renderPDF

            canvas = self.canv
            canvas.saveState()
            canvas.scale(scale, scale)
            top = self.height / scale
            for drawing, words in self.rows:
                top -= float(drawing.height)
                renderPDF.draw(drawing, canvas, 0, top)
                for flowable, x, y in words:
                    flowable.drawOn(canvas, x, top + y)
                top -= ROW_GAP
            canvas.restoreState()

    return SwimlaneDiagram(rows)


def _draw(lane: Swimlane, sizes: _Sizes) -> list[Row]:
    """Each row's drawing of lines and boxes, and the words to put on it: (paragraph, x, y) each."""
    fonts.font_chain()
    from reportlab.graphics import shapes
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT

    lane_name = _style("lane", 8, 10, bold=True, ink=NAVY)
    title = _style("title", sizes.title_size, sizes.title_leading, bold=True, align=TA_CENTER)
    owner = _style("owner", sizes.small_size, sizes.small_leading, ink=MUTED, align=TA_CENTER)
    label = _style("label", sizes.small_size, sizes.small_leading, ink=ACCENT, align=TA_RIGHT)
    inner = sizes.box_width - 2 * PAD
    # A label may use its cell and the gap before it, up to the arrow's turn.
    label_width = sizes.box_width + GAP - 6

    # The words first: the boxes are as tall as the tallest stage needs, the lanes as the boxes.
    boxes: list[list[tuple[Any, float]]] = []
    for placed in lane.stages:
        stage_title = fitted(
            placed.stage.title or translate("PdfAgreements", "Untitled stage"),
            title,
            inner,
            TITLE_LINES * sizes.title_leading + 0.5,
        )
        parts = [(stage_title, float(stage_title.wrap(inner, 1000)[1]))]
        if placed.stage.owner:
            who = fitted(placed.stage.owner, owner, inner, sizes.small_leading + 0.5)
            parts.append((who, who.wrap(inner, 1000)[1] + 2))
        boxes.append(parts)
    labels = {}
    for hand_off in lane.hand_offs:
        if hand_off.crosses and hand_off.label:
            made = fitted(hand_off.label, label, label_width, LABEL_LINES * sizes.small_leading + 0.5)
            labels[hand_off.source] = (made, float(made.wrap(label_width, 1000)[1]))
    box_height = 2 * PAD + max(
        2 * sizes.title_leading + sizes.small_leading + 2, *(sum(h for _, h in b) for b in boxes)
    )
    lane_h = max(box_height, *(h for _, h in labels.values()), 0) + 16
    row_count = math.ceil(lane.columns / sizes.per_row)
    row_h = lane_h * len(lane.lanes)
    width = LANE_LABEL + sizes.column * min(sizes.per_row, lane.columns)
    # One drawing per row of the journey, each with its words: the flowable splits between rows.
    rows: list[Row] = [(shapes.Drawing(width, row_h + 1), []) for _ in range(row_count)]

    def row_of(column: int) -> Row:
        return rows[column // sizes.per_row]

    def middle(index: int) -> float:
        """The middle of lane ``index`` in its row's drawing."""
        return row_h - index * lane_h - lane_h / 2

    def left(column: int) -> float:
        return LANE_LABEL + (column % sizes.per_row) * sizes.column + GAP / 2

    # Each row's bands, each lane's name at its left.
    for drawing, words in rows:
        for index, named in enumerate(lane.lanes):
            bottom = middle(index) - lane_h / 2
            fill = TINT if index % 2 == 0 else "#FFFFFF"
            drawing.add(shapes.Rect(0, bottom, width, lane_h, fillColor=colour(fill), strokeColor=None))
            drawing.add(
                shapes.Rect(0, bottom, LANE_LABEL - 4, lane_h, fillColor=colour(HEAD_FILL), strokeColor=None)
            )
            drawing.add(shapes.Line(0, bottom, width, bottom, strokeColor=colour(RULE), strokeWidth=0.6))
            name = fitted(named.name, lane_name, LANE_LABEL - 14, lane_h - 10)
            words.append((name, 6, bottom + lane_h / 2 - name.wrap(LANE_LABEL - 14, lane_h)[1] / 2))
        drawing.add(shapes.Line(0, row_h, width, row_h, strokeColor=colour(FAINT), strokeWidth=0.8))

    def arrow(drawing: Any, points: list[float], ink: Any, stroke: float) -> None:
        drawing.add(shapes.PolyLine(points, strokeColor=ink, strokeWidth=stroke))
        x, y = points[-2] + 4, points[-1]
        drawing.add(
            shapes.Polygon(
                [x, y, x - 5, y + 2.6, x - 5, y - 2.6], fillColor=ink, strokeColor=ink, strokeWidth=0.3
            )
        )

    # The arrows before the boxes, so the boxes cover their ends cleanly.
    for hand_off in lane.hand_offs:
        drawing, words = row_of(hand_off.source)
        ink = colour(ACCENT if hand_off.crosses else FAINT)
        stroke = 1.1 if hand_off.crosses else 0.9
        start_x = left(hand_off.source) + sizes.box_width
        start_y = middle(hand_off.from_lane)
        turn = start_x + GAP / 2
        # In the source's row the arrow turns to the lane it reaches; a row's last stage hands on
        # past the row's right edge, and the next row takes the arrow in at its left.
        wraps = hand_off.target // sizes.per_row != hand_off.source // sizes.per_row
        reach_y = middle(hand_off.to_lane)
        end_x = width - 4 if wraps else left(hand_off.target) - 4
        bend = [turn, start_y, turn, reach_y] if hand_off.crosses else []
        arrow(drawing, [start_x, start_y, *bend, end_x, reach_y], ink, stroke)
        if wraps:
            arrow(
                row_of(hand_off.target)[0],
                [LANE_LABEL - 4, reach_y, left(hand_off.target) - 4, reach_y],
                ink,
                stroke,
            )
        if hand_off.source in labels:
            # The cell beside the turn, in the lane the customer moves to, is free: its column's
            # one stage sits in another lane. The turn runs down (or up) its right edge.
            made, used = labels[hand_off.source]
            words.append((made, left(hand_off.source) - GAP / 2 + 2, reach_y - used / 2))

    for placed, parts in zip(lane.stages, boxes, strict=True):
        drawing, words = row_of(placed.column)
        x = left(placed.column)
        y = middle(placed.lane) - box_height / 2
        drawing.add(
            shapes.Rect(
                x,
                y,
                sizes.box_width,
                box_height,
                rx=3,
                ry=3,
                fillColor=colour("#FFFFFF"),
                strokeColor=colour(ACCENT),
                strokeWidth=0.9,
            )
        )
        total = sum(h for _, h in parts)
        top = y + box_height / 2 + total / 2
        for flowable, used in parts:
            top -= used
            words.append((flowable, x + PAD, top))
    return rows
