"""The progress charts in the PDF: the five charts of the review cadence as reportlab Drawings.

Each function takes one of the plain series of ``offsite.domain.series`` (the very values the app's
Qt charts draw, with the same axes and labels) and returns a ``Drawing``, which is a flowable: it
goes straight into a story. The charts use the document's fonts and colours and stay readable
printed in grey: lines differ by dash and marker as well as colour, and the confidence bands say
their words inside them. Output is deterministic — nothing reads the clock; ``today`` is passed in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from offsite.domain.formatting import format_number
from offsite.domain.language import translate
from offsite.domain.series import (
    CONFIDENCE_BANDS,
    NO_CHECK_INS,
    NO_QUARTERS,
    Axis,
    FunnelSeries,
    MetricSeries,
    PairSeries,
    TrendSeries,
    confidence_axis,
    count_axis,
    date_axis,
    day,
    evidence_axis,
    self_rating_axis,
    value_axis,
)
from offsite.domain.series import Words as W
from offsite.domain.values import Stance
from offsite.exchange import fonts
from offsite.exchange.pdf.styles import (
    ACCENT,
    FAINT,
    GREEN_FILL,
    GREEN_INK,
    INK,
    MARGIN_X,
    MM,
    MUTED,
    NAVY,
    RULE,
    STANCE_COLOURS,
    colour,
)

#: The width of a chart across the page's text column (A4 portrait).
FULL_WIDTH = 595.27 - 2 * MARGIN_X
HEIGHT = 64 * MM

TITLE_SIZE = 9.5
LEGEND_SIZE = 7.5
TICK_SIZE = 7
AXIS_TITLE_SIZE = 7.5
MESSAGE_SIZE = 9

#: Amber and red fills and inks, as the buy-in table shows stances in discussion and declined.
AMBER_FILL, AMBER_INK = STANCE_COLOURS[Stance.DISCUSSING]
RED_FILL, RED_INK = STANCE_COLOURS[Stance.DECLINED]
BAND_COLOURS = {
    "on track": (GREEN_FILL, GREEN_INK),
    "at risk": (AMBER_FILL, AMBER_INK),
    "off track": (RED_FILL, RED_INK),
}
STATUS_INK = {"on track": GREEN_INK, "at risk": AMBER_INK, "off track": RED_INK, "no data": MUTED}

#: The funnel's stages, top first: one blue from light to dark, so they also read in grey.
STAGE_FILLS = ("#A9C6DD", "#7FA8C9", "#4F86B0", "#2A6F97", "#1F3A5F")


@dataclass(frozen=True, slots=True)
class LineStyle:
    """How a line is drawn and shown in the legend; dash and marker keep it apart in grey."""

    name: str
    stroke: str
    width: float
    dash: tuple[float, ...] | None = None
    marker: str | None = None  # a reportlab marker kind ("FilledCircle", "FilledSquare")
    fill: str | None = None  # a swatch's fill (a band) instead of a line


ACTUAL = LineStyle(W.ACTUAL, ACCENT, 1.6, marker="FilledCircle")
EXPECTED = LineStyle(W.EXPECTED, FAINT, 0.9, dash=(1, 1.6))
TARGET = LineStyle(W.TARGET, NAVY, 1.1, dash=(4, 2.2))
TODAY = LineStyle(W.TODAY, MUTED, 0.8, dash=(5, 1.5, 1, 1.5))
CONFIDENCE = LineStyle(W.CONFIDENCE, ACCENT, 1.6, marker="FilledCircle")
EVIDENCE = LineStyle(W.EVIDENCE, ACCENT, 1.6, marker="FilledCircle")
SELF_RATING = LineStyle(W.SELF_RATING, NAVY, 1.3, dash=(3, 1.6), marker="FilledSquare")
PLANNED = LineStyle(W.PLANNED, INK, 0.8, fill="#FFFFFF")


# -- text -----------------------------------------------------------------------------------------
def _shapes() -> Any:
    fonts.font_chain()  # the house fonts are registered before any String names them
    from reportlab.graphics import shapes

    return shapes


def _width(text: str, size: float, bold: bool = False) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return float(sum(stringWidth(chunk, font, size) for font, chunk in fonts.runs(fonts.clean(text), bold)))


def _fitted(text: str, room: float, size: float, bold: bool = False) -> str:
    """``text`` on one line, cut with an ellipsis where it would run past ``room`` points."""
    text = " ".join(fonts.clean(text).split())
    if _width(text, size, bold) <= room:
        return text
    while text and _width(text + "…", size, bold) > room:
        text = text[:-1]
    return text.rstrip() + "…"


def _text(
    x: float, y: float, text: str, size: float, *, bold: bool = False, ink: str = INK, anchor: str = "start"
) -> Any:
    """User text as Strings, one per font run, so a name in Korean or Chinese prints its glyphs."""
    shapes = _shapes()
    group = shapes.Group()
    cleaned = " ".join(fonts.clean(text).split())
    total = _width(cleaned, size, bold)
    left = x - (total if anchor == "end" else total / 2 if anchor == "middle" else 0)
    from reportlab.pdfbase.pdfmetrics import stringWidth

    for font, chunk in fonts.runs(cleaned, bold):
        group.add(shapes.String(left, y, chunk, fontName=font, fontSize=size, fillColor=colour(ink)))
        left += stringWidth(chunk, font, size)
    return group


def _label(
    x: float, y: float, text: str, size: float = TICK_SIZE, ink: str = MUTED, anchor: str = "start"
) -> Any:
    """A label Offsite writes itself (digits, dates, words of its own): one String."""
    return _shapes().String(
        x, y, text, fontName=fonts.REGULAR, fontSize=size, fillColor=colour(ink), textAnchor=anchor
    )


# -- the frame around a plot: title, legend, axes -------------------------------------------------
@dataclass(frozen=True, slots=True)
class Frame:
    """Where a plot sits in its drawing, once its title, legend and axis labels have their room."""

    x: float
    y: float
    width: float
    height: float

    def at(self, axis: Axis, value: float, *, vertical: bool) -> float:
        """The page coordinate of ``value`` on ``axis`` (the x axis unless ``vertical``)."""
        start, length = (self.y, self.height) if vertical else (self.x, self.width)
        return start + axis.fraction(value) * length


def _tick_room(axis: Axis) -> float:
    return max((_width(t.label, TICK_SIZE) for t in axis.ticks), default=0.0)


def _frame(
    left: float,
    bottom: float,
    width: float,
    top: float,
    y_axis: Axis,
    x_labels: Sequence[str],
    right_axis: Axis | None = None,
) -> Frame:
    """The plot's rectangle inside (left, bottom)–(left + width, top) with room for both axes' labels."""
    x = left + AXIS_TITLE_SIZE + 4 + _tick_room(y_axis) + 4
    right = left + width - (_width(x_labels[-1], TICK_SIZE) / 2 + 2 if x_labels else 2)
    if right_axis is not None:
        right = left + width - (AXIS_TITLE_SIZE + 4 + _tick_room(right_axis) + 4)
    y = bottom + TICK_SIZE + 4 + AXIS_TITLE_SIZE + 5
    return Frame(x, y, right - x, top - y)


def _axis_titles(frame: Frame, left_edge: float, y_title: str, x_title: str) -> list[Any]:
    shapes = _shapes()
    y_text = _text(
        0,
        0,
        _fitted(y_title, frame.height, AXIS_TITLE_SIZE, bold=True),
        AXIS_TITLE_SIZE,
        bold=True,
        ink=MUTED,
        anchor="middle",
    )
    y_text.transform = (0, 1, -1, 0, left_edge + AXIS_TITLE_SIZE, frame.y + frame.height / 2)
    out = [y_text]
    if x_title:
        out.append(
            shapes.String(
                frame.x + frame.width / 2,
                frame.y - TICK_SIZE - 4 - AXIS_TITLE_SIZE - 2,
                x_title,
                fontName=fonts.BOLD,
                fontSize=AXIS_TITLE_SIZE,
                fillColor=colour(MUTED),
                textAnchor="middle",
            )
        )
    return out


def _title(drawing: Any, width: float, title: str, status: str = "") -> float:
    """The chart's title (and its status word at the right); returns the baseline below it."""
    top = float(drawing.height) - TITLE_SIZE
    ink = STATUS_INK.get(status, MUTED)
    status = translate("Tracking", status) if status else ""  # kept in English as a key; said translated
    room = width - (_width(status, LEGEND_SIZE + 0.5, bold=True) + 8 if status else 0)
    drawing.add(_text(0, top, _fitted(title, room, TITLE_SIZE, bold=True), TITLE_SIZE, bold=True, ink=NAVY))
    if status:
        drawing.add(
            _text(
                width,
                top,
                status,
                LEGEND_SIZE + 0.5,
                bold=True,
                ink=ink,
                anchor="end",
            )
        )
    return top - 6


def _legend(drawing: Any, y: float, entries: Sequence[LineStyle]) -> float:
    """A row of swatches and names at baseline ``y``; returns the space's bottom edge."""
    shapes = _shapes()
    from reportlab.graphics.widgets.markers import makeMarker

    x = 0.0
    for entry in entries:
        middle = y + LEGEND_SIZE * 0.35
        if entry.fill is not None:
            drawing.add(
                shapes.Rect(
                    x,
                    y - 1,
                    14,
                    LEGEND_SIZE + 1,
                    fillColor=colour(entry.fill),
                    strokeColor=colour(entry.stroke),
                    strokeWidth=0.6,
                )
            )
        else:
            drawing.add(
                shapes.Line(
                    x,
                    middle,
                    x + 18,
                    middle,
                    strokeColor=colour(entry.stroke),
                    strokeWidth=entry.width,
                    strokeDashArray=list(entry.dash) if entry.dash else None,
                )
            )
            if entry.marker is not None:
                marker = makeMarker(
                    entry.marker,
                    x=x + 9,
                    y=middle,
                    size=4,
                    fillColor=colour(entry.stroke),
                    strokeColor=colour(entry.stroke),
                )
                drawing.add(marker)
        swatch = 14 if entry.fill is not None else 18
        name = translate("Charts", entry.name)
        drawing.add(_text(x + swatch + 3, y, name, LEGEND_SIZE, ink=INK))
        x += swatch + 3 + _width(name, LEGEND_SIZE) + 12
    return y - 8


def _configure_axis(axis_widget: Any, axis: Axis, *, vertical: bool) -> None:
    """Make a reportlab value axis show exactly ``axis``: its range, its ticks and their labels."""
    axis_widget.valueMin = axis.low
    axis_widget.valueMax = axis.high
    axis_widget.valueSteps = [t.position for t in axis.ticks]
    axis_widget.labelTextFormat = axis.label_at
    axis_widget.avoidBoundFrac = 0
    axis_widget.rangeRound = "none"
    axis_widget.labels.fontName = fonts.REGULAR
    axis_widget.labels.fontSize = TICK_SIZE
    axis_widget.labels.fillColor = colour(MUTED)
    axis_widget.strokeColor = colour(FAINT)
    axis_widget.strokeWidth = 0.6
    axis_widget.visibleGrid = 1
    axis_widget.gridStrokeColor = colour(RULE)
    axis_widget.gridStrokeWidth = 0.4
    if vertical:
        axis_widget.tickLeft = 2
        axis_widget.tickRight = 0
        axis_widget.labels.dx = -2
    else:
        axis_widget.tickUp = 0
        axis_widget.tickDown = 2
        axis_widget.labels.dy = -2


def _periods_axis(axis_widget: Any, periods: list[str]) -> None:
    """A category axis naming the periods under their bars or points."""
    axis_widget.categoryNames = periods
    axis_widget.labels.fontName = fonts.REGULAR
    axis_widget.labels.fontSize = TICK_SIZE + 0.5
    axis_widget.labels.fillColor = colour(INK)
    axis_widget.labels.dy = -2
    axis_widget.strokeColor = colour(FAINT)
    axis_widget.strokeWidth = 0.6
    axis_widget.tickDown = 0


def _style_line(line: Any, style: LineStyle) -> None:
    from reportlab.graphics.widgets.markers import makeMarker

    line.strokeColor = colour(style.stroke)
    line.strokeWidth = style.width
    line.strokeDashArray = list(style.dash) if style.dash else None
    line.symbol = makeMarker(style.marker, size=4) if style.marker else None
    if style.marker:
        line.symbol.fillColor = line.symbol.strokeColor = colour(style.stroke)


def _message(frame: Frame, text: str) -> Any:
    """What a chart says across its plot when it has nothing to draw, on a plain patch of its own."""
    shapes = _shapes()
    x, y = frame.x + frame.width / 2, frame.y + frame.height / 2
    width = _width(text, MESSAGE_SIZE) + 16
    patch = shapes.Rect(
        x - width / 2,
        y - MESSAGE_SIZE,
        width,
        2 * MESSAGE_SIZE,
        fillColor=colour("#FFFFFF"),
        strokeColor=None,
    )
    return shapes.Group(patch, _label(x, y - MESSAGE_SIZE / 3, text, MESSAGE_SIZE, MUTED, "middle"))


def _dates(days: list[dt.date], today: dt.date, width: float) -> Axis:
    """The date axis of a plot ``width`` points wide: as many labels as fit without touching."""
    return date_axis(days or [today], most=max(2, min(8, int((width - 60) // 48))))


Annotation = Callable[[Any, Any, Any], Any]


def _behind(annotation: Annotation) -> Annotation:
    annotation.beforeLines = True  # type: ignore[attr-defined]
    return annotation


# -- the line plots over dates ----------------------------------------------------------------------
def _today_line(frame: Frame, dates: Axis, today: dt.date) -> Any:
    if not dates.low <= day(today) <= dates.high:
        return None
    x = frame.at(dates, day(today), vertical=False)
    return _shapes().Line(
        x,
        frame.y,
        x,
        frame.y + frame.height,
        strokeColor=colour(TODAY.stroke),
        strokeWidth=TODAY.width,
        strokeDashArray=list(TODAY.dash or ()),
    )


def _line_plot(
    frame: Frame, dates: Axis, values: Axis, lines: Sequence[tuple[LineStyle, Sequence[tuple[float, float]]]]
) -> Any:
    """A LinePlot of ``lines`` (style, points) on the two axes; lines without points are left out."""
    from reportlab.graphics.charts.lineplots import LinePlot

    plot = LinePlot()
    plot.x, plot.y, plot.width, plot.height = frame.x, frame.y, frame.width, frame.height
    # A line of one point is that point twice: reportlab joins the points of a line, and refuses
    # to join fewer than two.
    drawn = [(style, list(points) * (2 if len(points) == 1 else 1)) for style, points in lines if points]
    # A plot needs one line to set up its axes: an invisible one at the bottom-left corner.
    plot.data = [points for _, points in drawn] or [[(dates.low, values.low)] * 2]
    for i, (style, _points) in enumerate(drawn):
        _style_line(plot.lines[i], style)
    if not drawn:
        plot.lines[0].strokeColor = None
    _configure_axis(plot.xValueAxis, dates, vertical=False)
    _configure_axis(plot.yValueAxis, values, vertical=True)
    plot.xValueAxis.visibleGrid = 0
    plot.strokeColor = None
    return plot


def _progress_panel(
    drawing: Any,
    series: MetricSeries,
    today: dt.date,
    dates: Axis,
    left: float,
    width: float,
    top: float,
    heading: str = "",
) -> None:
    """One metric's plot in (left, 0)–(left + width, top): actuals, expected, target and today."""
    values = value_axis([*series.values(), *(v for _, v in series.expected)], series.value_title)
    if heading:
        drawing.add(
            _text(
                left,
                top - LEGEND_SIZE - 1,
                _fitted(heading, width, LEGEND_SIZE + 0.5, bold=True),
                LEGEND_SIZE + 0.5,
                bold=True,
                ink=INK,
            )
        )
        top -= LEGEND_SIZE + 6
    frame = _frame(left, 0, width, top, values, [t.label for t in dates.ticks])
    target = ((dates.low, series.target), (dates.high, series.target)) if series.target is not None else ()
    plot = _line_plot(
        frame,
        dates,
        values,
        (
            (EXPECTED, [(day(d), v) for d, v in series.expected]),
            (TARGET, target),
            (ACTUAL, [(day(d), v) for d, v in series.actuals]),
        ),
    )
    today_line = _today_line(frame, dates, today)
    if today_line is not None:
        plot.annotations.append(_behind(lambda *_: today_line))
    drawing.add(plot)
    for shape in _axis_titles(frame, left, values.title, dates.title):
        drawing.add(shape)
    last = series.last_actual
    if last is None:
        drawing.add(_message(frame, translate("Charts", NO_CHECK_INS)))
    else:
        x, y = frame.at(dates, day(last[0]), vertical=False), frame.at(values, last[1], vertical=True)
        text, size = format_number(last[1]), TICK_SIZE + 0.5
        width = _width(text, size)
        # Right of the point, or left of it near the plot's right edge; above the line, on a patch
        # of paper so the today line or the expected line does not cross the figure.
        left = x - 5 - width if x + 5 + width > frame.x + frame.width else x + 5
        drawing.add(
            _shapes().Rect(
                left - 1.5, y + 2.5, width + 3, size + 1, fillColor=colour("#FFFFFF"), strokeColor=None
            )
        )
        drawing.add(_label(left, y + 4, text, size, INK))


def _drawing(width: float, height: float) -> Any:
    return _shapes().Drawing(width, height)


def progress_chart(
    series: MetricSeries, today: dt.date, width: float = FULL_WIDTH, height: float = HEIGHT
) -> Any:
    """One metric's actuals against the expected line and the target, with today marked."""
    drawing = _drawing(width, height)
    top = _title(drawing, width, series.name, series.status)
    top = _legend(drawing, top - LEGEND_SIZE - 2, (ACTUAL, EXPECTED, TARGET, TODAY))
    dates = _dates(series.days(), today, width)
    _progress_panel(drawing, series, today, dates, 0, width, top)
    return drawing


def pair_chart(pair: PairSeries, today: dt.date, width: float = FULL_WIDTH, height: float = HEIGHT) -> Any:
    """A sales metric beside a marketing metric, on one date axis so the two can be compared."""
    drawing = _drawing(width, height)
    top = _title(drawing, width, pair.title)
    top = _legend(drawing, top - LEGEND_SIZE - 2, (ACTUAL, EXPECTED, TARGET, TODAY))
    dates = _dates(pair.days(), today, (width - 14) / 2)
    gap = 14.0
    half = (width - gap) / 2
    for i, (team, series) in enumerate(pair.sides()):
        _progress_panel(
            drawing, series, today, dates, i * (half + gap), half, top, pair.heading(team, series)
        )
    return drawing


def confidence_chart(
    series: MetricSeries, today: dt.date, width: float = FULL_WIDTH, height: float = HEIGHT
) -> Any:
    """The confidence given at each check-in, 0–10, over the bands on track, at risk and off track."""
    drawing = _drawing(width, height)
    top = _title(drawing, width, series.confidence_title)
    top = _legend(drawing, top - LEGEND_SIZE - 2, (CONFIDENCE, TODAY))
    dates = _dates(series.days(), today, width)
    values = confidence_axis()
    frame = _frame(0, 0, width, top, values, [t.label for t in dates.ticks])
    plot = _line_plot(
        frame, dates, values, ((CONFIDENCE, [(day(d), float(c)) for d, c in series.confidences]),)
    )

    shapes = _shapes()
    bands = shapes.Group()
    for band in CONFIDENCE_BANDS:
        fill, ink = BAND_COLOURS[band.word]
        bottom, top_edge = (
            frame.at(values, band.bottom, vertical=True),
            frame.at(values, band.top, vertical=True),
        )
        bands.add(
            shapes.Rect(
                frame.x, bottom, frame.width, top_edge - bottom, fillColor=colour(fill), strokeColor=None
            )
        )
        bands.add(
            _label(
                frame.x + frame.width - 4,
                (bottom + top_edge) / 2 - TICK_SIZE / 3,
                translate("Tracking", band.word),
                TICK_SIZE,
                ink,
                "end",
            )
        )
    plot.annotations.append(_behind(lambda *_: bands))
    today_line = _today_line(frame, dates, today)
    if today_line is not None:
        plot.annotations.append(_behind(lambda *_: today_line))
    drawing.add(plot)
    for shape in _axis_titles(frame, 0, values.title, dates.title):
        drawing.add(shape)
    if not series.confidences:
        drawing.add(_message(frame, translate("Charts", NO_CHECK_INS)))
    return drawing


# -- the charts over periods -------------------------------------------------------------------------
def funnel_chart(funnel: FunnelSeries, width: float = FULL_WIDTH, height: float = HEIGHT) -> Any:
    """Each period's funnel as a group of bars, a stage's actual filled and its plan in outline beside it."""
    from reportlab.graphics.charts.barcharts import VerticalBarChart

    drawing = _drawing(width, height)
    top = _title(drawing, width, translate("Charts", W.FUNNEL_TITLE))
    entries = [
        LineStyle(stage.label, STAGE_FILLS[i], 0.6, fill=STAGE_FILLS[i])
        for i, stage in enumerate(funnel.stages)
    ]
    top = _legend(drawing, top - LEGEND_SIZE - 2, (*entries, PLANNED))
    values = count_axis(funnel.values(), translate("Charts", W.COUNT))
    periods = list(funnel.periods) or [""]
    frame = _frame(0, 0, width, top, values, [])
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = frame.x, frame.y, frame.width, frame.height

    def position(value: float | None) -> float:
        return values.low if value is None else values.position(value)

    data = []
    for stage in funnel.stages:
        data.append([position(v) for v in stage.actual] or [values.low])
        data.append([position(v) for v in stage.planned] or [values.low])
    chart.data = data or [[values.low] * len(periods)]
    for i, _stage in enumerate(funnel.stages):
        fill = colour(STAGE_FILLS[i % len(STAGE_FILLS)])
        chart.bars[2 * i].fillColor = fill
        chart.bars[2 * i].strokeColor = fill
        chart.bars[2 * i].strokeWidth = 0.4
        chart.bars[2 * i + 1].fillColor = colour("#FFFFFF")
        chart.bars[2 * i + 1].strokeColor = colour(INK)
        chart.bars[2 * i + 1].strokeWidth = 0.8
    chart.barSpacing = 0
    chart.groupSpacing = 10
    _configure_axis(chart.valueAxis, values, vertical=True)
    chart.valueAxis.forceZero = 0
    _periods_axis(chart.categoryAxis, periods)
    chart.strokeColor = None
    drawing.add(chart)
    for shape in _axis_titles(frame, 0, values.title, translate("Charts", W.PERIOD)):
        drawing.add(shape)
    if not funnel.has_actuals:
        drawing.add(_message(frame, translate("Charts", NO_CHECK_INS)))
    return drawing


def trend_chart(trend: TrendSeries, width: float = FULL_WIDTH, height: float = HEIGHT) -> Any:
    """The alignment index quarter by quarter: evidence (left, 0–100) and self-rating (right, 1–5)."""
    from reportlab.graphics.charts.linecharts import HorizontalLineChart

    drawing = _drawing(width, height)
    top = _title(drawing, width, translate("Charts", W.TREND_TITLE))
    top = _legend(drawing, top - LEGEND_SIZE - 2, (EVIDENCE, SELF_RATING))
    left_axis, right_axis = evidence_axis(), self_rating_axis()
    frame = _frame(0, 0, width, top, left_axis, [], right_axis=right_axis)
    chart = HorizontalLineChart()
    chart.x, chart.y, chart.width, chart.height = frame.x, frame.y, frame.width, frame.height
    periods = list(trend.periods) or [""]

    def on_left(rating: float | None) -> float | None:
        """A self-rating where the evidence axis has the same height (1 at 0, 5 at 100)."""
        if rating is None:
            return None
        return left_axis.low + (rating - right_axis.low) / (right_axis.high - right_axis.low) * (
            left_axis.high - left_axis.low
        )

    chart.data = [list(trend.evidence) or [None], [on_left(r) for r in trend.self_rating] or [None]]
    chart.joinedLines = 0
    for i, style in enumerate((EVIDENCE, SELF_RATING)):
        _style_line(chart.lines[i], style)
        # Joined only where there is something to join: reportlab refuses a line of one point.
        if sum(v is not None for v in chart.data[i]) > 1:
            chart.lines[i].lineStyle = "joinedLine"
    _configure_axis(chart.valueAxis, left_axis, vertical=True)
    _periods_axis(chart.categoryAxis, periods)
    chart.strokeColor = None
    drawing.add(chart)
    for shape in _axis_titles(frame, 0, left_axis.title, translate("Charts", W.QUARTER)):
        drawing.add(shape)
    # The right-hand axis: the self-rating's scale, level with the evidence's grid lines.
    shapes = _shapes()
    right = frame.x + frame.width
    drawing.add(
        shapes.Line(right, frame.y, right, frame.y + frame.height, strokeColor=colour(FAINT), strokeWidth=0.6)
    )
    for tick in right_axis.ticks:
        y = frame.at(right_axis, tick.position, vertical=True)
        drawing.add(shapes.Line(right, y, right + 2, y, strokeColor=colour(FAINT), strokeWidth=0.6))
        drawing.add(_label(right + 4, y - TICK_SIZE / 3, tick.label))
    title = _label(0, 0, right_axis.title, AXIS_TITLE_SIZE, MUTED, "middle")
    title.fontName = fonts.BOLD
    holder = shapes.Group(title)
    holder.transform = (0, -1, 1, 0, width - AXIS_TITLE_SIZE + 2, frame.y + frame.height / 2)
    drawing.add(holder)
    if trend.is_empty:
        drawing.add(_message(frame, translate("Charts", NO_QUARTERS)))
    return drawing
