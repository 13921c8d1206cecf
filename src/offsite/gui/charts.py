"""The progress charts on screen (Qt Charts): one widget per chart of the review cadence.

Each widget draws one plain series of ``offsite.domain.series`` — the values and axes the PDF's
charts (``offsite.exchange.pdf.charts``) draw too, so the app, the projector and the printed report
show one picture. ``set_series`` changes the drawn points, labels and ranges in place: the view,
its chart and its series stay, so an edit repaints only the chart it touches.

The charts follow the widget's palette (light or dark, see ``offsite.gui.theme``) and font (the
projector hands its charts a large one: text, lines and markers grow with it), and never animate,
so a grab shows the finished chart at once. Qt Charts is a large library: this module is imported
only by the pages that show a chart, never at start-up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCharts import (
    QAbstractAxis,
    QAbstractSeries,
    QAreaSeries,
    QBarCategoryAxis,
    QBarLegendMarker,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QLegend,
    QLineSeries,
)
from PySide6.QtCore import QEvent, QMargins, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontInfo,
    QFontMetricsF,
    QPainter,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QGraphicsRectItem, QGraphicsSimpleTextItem, QHBoxLayout, QWidget

from offsite.domain.formatting import format_number
from offsite.domain.language import language, translate
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
    said,
    self_rating_axis,
    short_month,
    value_axis,
)
from offsite.domain.series import Words as W
from offsite.gui import theme
from offsite.gui.rich_text import literal

#: The band tones of the confidence chart, by the band's word.
BAND_TONES = {"on track": "ok", "at risk": "advice", "off track": "problem"}
#: The funnel's stages, top first: one blue from light to dark on a light window (as on paper),
#: from dark to light on a dark one, so the last stage always stands out most.
STAGE_RAMPS = {
    False: ("#a9c6dd", "#7fa8c9", "#4f86b0", "#2a6f97", "#1f3a5f"),
    True: ("#3f6688", "#557fa6", "#7aa3c9", "#a3c4e4", "#d2e4f6"),
}
#: After each name in a legend, before the next entry's marker.
LEGEND_GAP = "\u2003"
#: Drawn above the series: the latest value and the "nothing yet" message.
OVERLAY_Z = 100.0


def _sized(font: QFont, factor: float, *, bold: bool = False) -> QFont:
    """``font`` scaled by ``factor`` (in points or pixels, whichever it is set in)."""
    sized = QFont(font)
    if sized.pointSizeF() > 0:
        sized.setPointSizeF(sized.pointSizeF() * factor)
    else:
        sized.setPixelSize(max(1, round(sized.pixelSize() * factor)))
    sized.setBold(bold)
    return sized


def _pen(colour: QColor | str, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(QColor(colour), width, style)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


def _label_axis(axis: QCategoryAxis, drawn: Axis) -> None:
    """Make a category axis show exactly ``drawn``: its range, and a label at each of its ticks."""
    for label in axis.categoriesLabels():
        axis.remove(label)
    axis.setStartValue(drawn.low)
    for tick in drawn.ticks:
        axis.append(tick.label, tick.position)
    axis.setRange(drawn.low, drawn.high)
    axis.setTitleText(literal(drawn.title))


def _category_axis() -> QCategoryAxis:
    axis = QCategoryAxis()
    axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    return axis


def _widest_month() -> str:
    """The month tick label measured to keep a date axis's end labels whole."""
    return "May 2027" if language() == "en" else short_month(2027, 8)


def _line(name: str) -> QLineSeries:
    series = QLineSeries()
    series.setName(literal(said(name)))
    return series


def _points(points: Sequence[tuple[float, float]]) -> list[QPointF]:
    return [QPointF(x, y) for x, y in points]


def _square_markers(chart: QChart, series: QAbstractSeries) -> None:
    """Legend squares filled as the bars or bands are (the series' own shape draws them hollow)."""
    for marker in chart.legend().markers(series):
        marker.setShape(QLegend.MarkerShape.MarkerShapeRectangle)


class ChartView(QChartView):
    """What every chart shares: a still chart in the palette's colours and the widget's font, and
    room for a message across its plot ("No check-ins yet") and for the latest value's label."""

    #: Whether the x axis is a date axis, whose last label is centred on the plot's right edge.
    dated = False

    def __init__(self, parent: QWidget | None = None) -> None:
        chart = QChart()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setBackgroundRoundness(0)
        chart.setDropShadowEnabled(False)
        chart.setMargins(QMargins(6, 6, 6, 6))
        legend = chart.legend()
        legend.setAlignment(Qt.AlignmentFlag.AlignTop)
        legend.setMarkerShape(QLegend.MarkerShape.MarkerShapeFromSeries)
        super().__init__(chart, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setInteractive(False)
        self.setMinimumSize(320, 220)
        # Each overlay sits on a patch of the background, so a line crossing it does not cross its text.
        self._patch = QGraphicsRectItem(chart)
        self._message = QGraphicsSimpleTextItem(self._patch)
        self._value_patch = QGraphicsRectItem(chart)
        self._value = QGraphicsSimpleTextItem(self._value_patch)
        for item in (self._patch, self._value_patch):
            item.setPen(Qt.PenStyle.NoPen)
            item.setZValue(OVERLAY_Z)
            item.hide()
        self._value_at: tuple[QPointF, QAbstractSeries] | None = None
        chart.plotAreaChanged.connect(self._place_overlays)
        self._ready = False  # the font and palette events of construction come before the series

    # -- what a subclass gives -------------------------------------------------------------------
    def _restyle(self) -> None:
        """Colours, fonts and pens of the chart's own series and axes (after the common ones)."""

    def _relabel(self) -> None:
        """Labels that depend on the widget's width (the number of date ticks)."""

    # -- palette and font ------------------------------------------------------------------------
    def tones(self) -> dict[str, str]:
        """The theme's colours for this widget's palette (``ink``, ``muted``, ``ok`` …)."""
        return theme.colours(self.palette())

    def is_dark(self) -> bool:
        return theme.is_dark(self.palette())

    def line_width(self) -> float:
        """Lines grow with the font: readable from the back of the room on the projector."""
        return max(2.0, QFontInfo(self.font()).pixelSize() / 6.5)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if self._ready and event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self.restyle()
            if event.type() == QEvent.Type.FontChange:
                self._relabel()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._ready:
            self._relabel()

    def restyle(self) -> None:
        """Apply the palette's colours and the widget's font to everything the chart draws."""
        tones = self.tones()
        chart = self.chart()
        font = self.font()
        chart.setBackgroundBrush(QBrush(self.palette().color(QPalette.ColorRole.Window)))
        chart.setBackgroundPen(Qt.PenStyle.NoPen)
        chart.setTitleFont(_sized(font, 1.15, bold=True))
        chart.setTitleBrush(QBrush(QColor(tones["ink"])))
        legend = chart.legend()
        legend.setFont(_sized(font, 0.95))
        legend.setLabelColor(QColor(tones["ink"]))
        # Qt sets an entry's marker right after the entry before it, so that marker reads as that
        # entry's: an em space after each name keeps them apart.
        for marker in legend.markers():
            name = marker.barset().label() if isinstance(marker, QBarLegendMarker) else marker.series().name()
            marker.setLabel(name + LEGEND_GAP)
        for axis in chart.axes():
            self._style_axis(axis, tones, font)
        self._message.setFont(_sized(font, 1.05))
        self._message.setBrush(QBrush(QColor(tones["muted"])))
        for patch in (self._patch, self._value_patch):
            patch.setBrush(QBrush(self.palette().color(QPalette.ColorRole.Window)))
        self._value.setFont(_sized(font, 0.95, bold=True))
        self._value.setBrush(QBrush(QColor(tones["ink"])))
        # Qt Charts centres the last date label on the plot's right edge and would cut it in half.
        half_label = (
            QFontMetricsF(_sized(font, 0.9)).horizontalAdvance(_widest_month()) / 2 if self.dated else 0
        )
        chart.setMargins(QMargins(6, 6, round(half_label) + 6, 6))
        self._restyle()
        self._place_overlays()

    def _style_axis(self, axis: QAbstractAxis, tones: dict[str, str], font: QFont) -> None:
        axis.setLabelsFont(_sized(font, 0.9))
        axis.setLabelsBrush(QBrush(QColor(tones["muted"])))
        axis.setTitleFont(_sized(font, 0.9, bold=True))
        axis.setTitleBrush(QBrush(QColor(tones["muted"])))
        axis.setLinePen(_pen(tones["rule"], 1))
        axis.setGridLinePen(_pen(tones["grid"], 1))

    # -- the overlays ------------------------------------------------------------------------------
    def set_message(self, text: str) -> None:
        """Say ``text`` across the plot ("" hides it)."""
        self._message.setText(text)
        self._patch.setVisible(bool(text))
        self._place_overlays()

    def message(self) -> str:
        """What the chart says across its plot, "" when it draws its series."""
        return self._message.text() if self._patch.isVisible() else ""

    def set_value_label(
        self, text: str, at: QPointF | None = None, series: QAbstractSeries | None = None
    ) -> None:
        """Label the point ``at`` of ``series`` with ``text`` (the latest actual); None hides it."""
        self._value.setText(text)
        self._value_at = (at, series) if at is not None and series is not None else None
        self._value_patch.setVisible(self._value_at is not None)
        self._place_overlays()

    def value_label(self) -> str:
        return self._value.text() if self._value_patch.isVisible() else ""

    def _place_overlays(self) -> None:
        plot = self.chart().plotArea()
        if self._patch.isVisible():
            text = self._message.boundingRect()
            pad = text.height() * 0.4
            self._patch.setRect(QRectF(0, 0, text.width() + 2 * pad, text.height() + pad))
            self._message.setPos(pad, pad / 2)
            self._patch.setPos(plot.center() - self._patch.rect().center())
        if self._value_at is not None:
            at, series = self._value_at
            point = self.chart().mapToPosition(at, series)
            size = self._value.boundingRect()
            gap = size.height() * 0.35
            pad = size.height() * 0.15
            self._value_patch.setRect(QRectF(0, 0, size.width() + 2 * pad, size.height()))
            self._value.setPos(pad, 0)
            # Right of the point, or left of it near the plot's right edge; above the line.
            x = (
                point.x() + gap
                if point.x() + gap + size.width() < plot.right()
                else point.x() - gap - size.width()
            )
            self._value_patch.setPos(x - pad, max(plot.top(), point.y() - size.height() - gap / 2))

    def date_ticks_that_fit(self) -> int:
        """How many date labels fit across this widget without running into each other."""
        metrics = QFontMetricsF(_sized(self.font(), 0.9))
        room = metrics.horizontalAdvance(_widest_month()) * 1.6
        return max(2, min(8, int((self.width() - 6 * metrics.height()) // room)))


class ProgressChart(ChartView):
    """One metric over the plan's window: the actuals as a line with points, the expected line
    faint, the target dashed, today marked, the axes in the metric's unit and by month or week."""

    dated = True

    def __init__(
        self, series: MetricSeries, today: dt.date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        chart = self.chart()
        self._expected = _line(W.EXPECTED)
        self._target = _line(W.TARGET)
        self._actual = _line(W.ACTUAL)
        self._actual.setPointsVisible(True)
        self._today = _line(W.TODAY)
        self._x, self._y = _category_axis(), _category_axis()
        chart.addAxis(self._x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self._y, Qt.AlignmentFlag.AlignLeft)
        # Drawn in this order, the actuals on top; the legend reads back to front, the actuals first.
        chart.legend().setReverseMarkers(True)
        for line in (self._expected, self._target, self._today, self._actual):
            chart.addSeries(line)
            line.attachAxis(self._x)
            line.attachAxis(self._y)
        self.series = series
        self.today = today or dt.date.today()
        self._days: Sequence[dt.date] | None = None
        self._ready = True
        self.set_series(series, self.today)
        self.restyle()

    def set_series(
        self, series: MetricSeries, today: dt.date | None = None, *, days: Sequence[dt.date] | None = None
    ) -> None:
        """Draw ``series`` in place of the one shown (``days``: a date range shared with another chart)."""
        self.series = series
        self.today = today or self.today
        self._days = days
        self.chart().setTitle(literal(series.heading))
        self.setAccessibleName(translate("Charts", "Progress chart: {metric}").format(metric=series.name))
        self.setAccessibleDescription(series.summary())
        self._relabel()

    def _relabel(self) -> None:
        series = self.series
        dates = date_axis(list(self._days or series.days()) or [self.today], most=self.date_ticks_that_fit())
        values = value_axis([*series.values(), *(v for _, v in series.expected)], series.value_title)
        _label_axis(self._x, dates)
        _label_axis(self._y, values)
        self._expected.replace(_points([(day(d), v) for d, v in series.expected]))
        target = series.target
        self._target.replace(_points([] if target is None else [(dates.low, target), (dates.high, target)]))
        self._actual.replace(_points([(day(d), v) for d, v in series.actuals]))
        today = day(self.today)
        inside = dates.low <= today <= dates.high
        self._today.replace(_points([(today, values.low), (today, values.high)] if inside else []))
        last = series.last_actual
        self.set_message("" if last else said(NO_CHECK_INS))
        if last is None:
            self.set_value_label("")
        else:
            self.set_value_label(format_number(last[1]), QPointF(day(last[0]), last[1]), self._actual)

    def _restyle(self) -> None:
        tones, width = self.tones(), self.line_width()
        self._actual.setPen(_pen(tones["focus"], width))
        self._actual.setMarkerSize(width * 2.6)
        self._target.setPen(_pen(tones["ink"], width * 0.8, Qt.PenStyle.DashLine))
        self._expected.setPen(_pen(tones["muted"], max(1.0, width * 0.55), Qt.PenStyle.DotLine))
        self._today.setPen(_pen(tones["muted"], max(1.0, width * 0.55), Qt.PenStyle.DashDotLine))


class ConfidenceChart(ChartView):
    """The confidence given at each check-in, 0–10, over bands shaded green (7–10 on track),
    amber (4–6 at risk) and red (0–3 off track)."""

    dated = True

    def __init__(
        self, series: MetricSeries, today: dt.date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        chart = self.chart()
        self._x, self._y = _category_axis(), _category_axis()
        chart.addAxis(self._x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self._y, Qt.AlignmentFlag.AlignLeft)
        chart.legend().setReverseMarkers(True)
        self._bands: list[tuple[QAreaSeries, QLineSeries, QLineSeries]] = []
        for band in CONFIDENCE_BANDS:
            upper, lower = QLineSeries(self), QLineSeries(self)
            area = QAreaSeries(upper, lower)
            area.setName(literal(band.label))
            self._bands.append((area, upper, lower))
        self._confidence = _line(W.CONFIDENCE)
        self._confidence.setPointsVisible(True)
        self._today = _line(W.TODAY)
        # Bands beneath (off track first, so the reversed legend reads best first), the line on top.
        for item in (*(area for area, _, _ in reversed(self._bands)), self._today, self._confidence):
            chart.addSeries(item)
            item.attachAxis(self._x)
            item.attachAxis(self._y)
        _label_axis(self._y, confidence_axis())
        self.series = series
        self.today = today or dt.date.today()
        self._ready = True
        self.set_series(series, self.today)
        self.restyle()

    def set_series(self, series: MetricSeries, today: dt.date | None = None) -> None:
        """Draw ``series``'s confidences in place of the ones shown."""
        self.series = series
        self.today = today or self.today
        self.chart().setTitle(literal(series.confidence_title))
        self.setAccessibleName(translate("Charts", "Confidence chart: {metric}").format(metric=series.name))
        self.setAccessibleDescription(series.summary())
        self._relabel()

    def _relabel(self) -> None:
        series = self.series
        dates = date_axis(series.days() or [self.today], most=self.date_ticks_that_fit())
        _label_axis(self._x, dates)
        for band, (_area, upper, lower) in zip(CONFIDENCE_BANDS, self._bands, strict=True):
            upper.replace(_points([(dates.low, band.top), (dates.high, band.top)]))
            lower.replace(_points([(dates.low, band.bottom), (dates.high, band.bottom)]))
        self._confidence.replace(_points([(day(d), float(c)) for d, c in series.confidences]))
        today = day(self.today)
        self._today.replace(
            _points([(today, 0.0), (today, 10.0)] if dates.low <= today <= dates.high else [])
        )
        self.set_message("" if series.confidences else said(NO_CHECK_INS))

    def _restyle(self) -> None:
        tones, width = self.tones(), self.line_width()
        for band, (area, _upper, _lower) in zip(CONFIDENCE_BANDS, self._bands, strict=True):
            fill = QColor(tones[BAND_TONES[band.word]])
            fill.setAlpha(70 if self.is_dark() else 45)
            area.setBrush(QBrush(fill))
            area.setPen(Qt.PenStyle.NoPen)
            _square_markers(self.chart(), area)
        self._confidence.setPen(_pen(tones["focus"], width))
        self._confidence.setMarkerSize(width * 2.6)
        self._today.setPen(_pen(tones["muted"], max(1.0, width * 0.55), Qt.PenStyle.DashDotLine))


class PairChart(QWidget):
    """A sales metric and a marketing metric side by side, on one date range so they compare."""

    def __init__(self, pair: PairSeries, today: dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.sales = ProgressChart(pair.sales, today, self)
        self.marketing = ProgressChart(pair.marketing, today, self)
        layout.addWidget(self.sales)
        layout.addWidget(self.marketing)
        self.pair = pair
        self.set_series(pair, today)

    def set_series(self, pair: PairSeries, today: dt.date | None = None) -> None:
        """Draw ``pair`` in place of the pair shown."""
        self.pair = pair
        days = pair.days()
        for view, (team, series) in zip((self.sales, self.marketing), pair.sides(), strict=True):
            view.set_series(series, today, days=days)
            view.chart().setTitle(literal(pair.heading(team, series)))
            view.setAccessibleName(f"{team}: {series.name}")
        self.setAccessibleName(translate("Charts", "{pair} side by side").format(pair=pair.title))
        self.setAccessibleDescription(pair.summary())


class FunnelChart(ChartView):
    """Each period's funnel as a group of bars: a stage's actual filled, its plan in outline beside it."""

    def __init__(self, funnel: FunnelSeries, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        chart = self.chart()
        self._bars = QBarSeries()
        self._bars.setBarWidth(0.85)
        self._x = QBarCategoryAxis()
        self._y = _category_axis()
        chart.addSeries(self._bars)
        chart.addAxis(self._x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self._y, Qt.AlignmentFlag.AlignLeft)
        self._bars.attachAxis(self._x)
        self._bars.attachAxis(self._y)
        #: Each stage, and whether it has a plan to draw in outline.
        self._stages: tuple[tuple[str, bool], ...] = ()
        self._sets: list[tuple[QBarSet, QBarSet | None]] = []
        self.funnel = funnel
        self.chart().setTitle(said(W.FUNNEL_TITLE))
        self._ready = True
        self.set_series(funnel)
        self.restyle()

    def set_series(self, funnel: FunnelSeries) -> None:
        """Draw ``funnel`` in place of the one shown."""
        self.funnel = funnel
        # A stage without any planned count (a week or a month: the work-back funnel plans quarters)
        # has no outline set: its empty outlines would draw as lines along the axis.
        stages = tuple((s.stage, any(v is not None for v in s.planned)) for s in funnel.stages)
        if stages != self._stages:  # a stage (or its plan) came or went: its sets with it
            self._bars.clear()
            self._sets = []
            for stage, (_name, has_plan) in zip(funnel.stages, stages, strict=True):
                actual = QBarSet(literal(stage.label))
                self._bars.append(actual)
                outline = QBarSet(said(W.PLANNED)) if has_plan else None
                if outline is not None:
                    self._bars.append(outline)
                self._sets.append((actual, outline))
            self._stages = stages
        axis = count_axis(funnel.values(), said(W.COUNT))
        _label_axis(self._y, axis)
        self._x.clear()
        self._x.append(list(funnel.periods) or [""])
        self._x.setTitleText(said(W.PERIOD))

        def position(value: float | None) -> float:
            return axis.low if value is None else axis.position(value)

        for stage, (actual, outline) in zip(funnel.stages, self._sets, strict=True):
            for bar_set, values in ((actual, stage.actual), (outline, stage.planned)):
                if bar_set is None:
                    continue
                bar_set.remove(0, bar_set.count())
                bar_set.append([position(v) for v in values])
        self._show_one_planned_marker()
        self.set_message("" if funnel.has_actuals else said(NO_CHECK_INS))
        self.setAccessibleName(
            translate("Charts", "Funnel chart: {title}").format(title=said(W.FUNNEL_TITLE))
        )
        self.setAccessibleDescription(funnel.summary())
        if self._ready:
            self.restyle()

    def _show_one_planned_marker(self) -> None:
        """The legend names each stage once, and the outline once: "Planned (outline)"."""
        outlines = [planned for _actual, planned in self._sets if planned is not None]
        for marker in self.chart().legend().markers(self._bars):
            if isinstance(marker, QBarLegendMarker):
                marker.setVisible(marker.barset() not in outlines or marker.barset() is outlines[-1])

    def _restyle(self) -> None:
        tones, width = self.tones(), self.line_width()
        ramp = STAGE_RAMPS[self.is_dark()]
        for i, (actual, planned) in enumerate(self._sets):
            actual.setBrush(QBrush(QColor(ramp[i % len(ramp)])))
            actual.setPen(Qt.PenStyle.NoPen)  # no line along the axis where a period has no actual
            if planned is not None:
                planned.setBrush(QBrush(Qt.BrushStyle.NoBrush))
                planned.setPen(_pen(tones["ink"], max(1.0, width * 0.6)))
        _square_markers(self.chart(), self._bars)


class TrendChart(ChartView):
    """The alignment index quarter by quarter: evidence 0–100 on the left, self-rating 1–5 on the right."""

    def __init__(self, trend: TrendSeries, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        chart = self.chart()
        self._x = QBarCategoryAxis()
        self._left, self._right = _category_axis(), _category_axis()
        chart.addAxis(self._x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self._left, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(self._right, Qt.AlignmentFlag.AlignRight)
        _label_axis(self._left, evidence_axis())
        _label_axis(self._right, self_rating_axis())
        self._right.setGridLineVisible(False)  # the two scales share the left one's grid lines
        self._evidence = _line(W.EVIDENCE)
        self._rating = _line(W.SELF_RATING)
        for line, axis in ((self._evidence, self._left), (self._rating, self._right)):
            line.setPointsVisible(True)
            chart.addSeries(line)
            line.attachAxis(self._x)
            line.attachAxis(axis)
        self.chart().setTitle(said(W.TREND_TITLE))
        self.trend = trend
        self._ready = True
        self.set_series(trend)
        self.restyle()

    def set_series(self, trend: TrendSeries) -> None:
        """Draw ``trend`` in place of the one shown."""
        self.trend = trend
        self._x.clear()
        self._x.append(list(trend.periods) or [""])
        self._x.setTitleText(said(W.QUARTER))
        self._evidence.replace(_points([(i, v) for i, v in enumerate(trend.evidence) if v is not None]))
        self._rating.replace(_points([(i, v) for i, v in enumerate(trend.self_rating) if v is not None]))
        self.set_message(said(NO_QUARTERS) if trend.is_empty else "")
        self.setAccessibleName(translate("Charts", "Alignment trend chart"))
        self.setAccessibleDescription(trend.summary())

    def _restyle(self) -> None:
        tones, width = self.tones(), self.line_width()
        self._evidence.setPen(_pen(tones["focus"], width))
        self._evidence.setMarkerSize(width * 2.6)
        self._rating.setPen(_pen(tones["ink"], width * 0.8, Qt.PenStyle.DashLine))
        self._rating.setMarkerSize(width * 2.6)
