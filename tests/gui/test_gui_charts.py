"""The progress charts on screen: each built from its series, grabbed to PNG, and read as a user reads it.

What is checked is what the chart shows: its title, the axes' titles and labels and ranges, the
names in the legend, the number of points drawn, the message across an empty plot, and the colours
of a light and a dark desktop and the size of the projector's type. ``set_series`` redraws in place:
the same view, chart and series, with new points.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCharts import QAbstractAxis, QBarSeries, QCategoryAxis, QChart, QLineSeries
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QImage, QPalette
from PySide6.QtWidgets import QApplication
from tests.chart_series import FUNNEL, MQLS, PAIR, PIPELINE, SQLS, TODAY, TREND, WIN_RATE
from tests.exchange.test_pdf_charts import one_page_pdf
from tests.gui.test_gui_startup import _open_recorded

from offsite.domain.series import FunnelStage
from offsite.exchange.pdf import charts as pdf_charts
from offsite.gui import theme
from offsite.gui.charts import (
    ChartView,
    ConfidenceChart,
    FunnelChart,
    PairChart,
    ProgressChart,
    TrendChart,
)


# -- reading a chart as a user does ---------------------------------------------------------------
def legend(view: ChartView) -> list[str]:
    """The names the legend shows, in the order of the chart's series."""
    return [m.label().strip() for m in view.chart().legend().markers() if m.isVisible()]


def line(view: ChartView, name: str) -> QLineSeries:
    (found,) = [s for s in view.chart().series() if isinstance(s, QLineSeries) and s.name() == name]
    return found


def axis(view: ChartView, alignment: object) -> QAbstractAxis:
    (found,) = [a for a in view.chart().axes() if a.alignment() == alignment]
    return found


def labels(found: QAbstractAxis) -> list[str]:
    assert isinstance(found, QCategoryAxis)
    return list(found.categoriesLabels())


def grab(qtbot, view: ChartView, path: Path, size: tuple[int, int] = (900, 480)) -> QImage:  # type: ignore[no-untyped-def]
    """Show the chart at ``size``, grab it to a PNG at ``path`` and return the image."""
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    assert view.grab().save(str(path))
    image = QImage(str(path))
    assert (image.width(), image.height()) == size
    return image


def pixels(image: QImage) -> Counter[int]:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    return Counter(memoryview(image.constBits()).cast("I"))  # type: ignore[arg-type]


def shows_colour(image: QImage, colour: str, at_least: int = 20) -> bool:
    return pixels(image)[QColor(colour).rgb()] >= at_least


LEFT, RIGHT, BOTTOM = Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignRight, Qt.AlignmentFlag.AlignBottom


@pytest.fixture
def dark_desktop() -> Iterator[QPalette]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = QPalette(app.palette())
    palette = theme.dark_desktop_palette(before)
    app.setPalette(palette)
    yield palette
    app.setPalette(before)


# -- the progress chart --------------------------------------------------------------------------
def test_a_progress_chart_shows_the_metric_in_its_unit_by_month_with_its_target_and_today(
    qtbot, tmp_path: Path
) -> None:
    view = ProgressChart(SQLS, TODAY)
    qtbot.addWidget(view)
    image = grab(qtbot, view, tmp_path / "progress.png")

    assert view.chart().title() == "SQLs accepted this half · at risk"
    assert sorted(legend(view)) == ["Actual", "Expected", "Target", "Today"]
    y, x = axis(view, LEFT), axis(view, BOTTOM)
    assert y.titleText() == "SQLs"
    assert x.titleText() == "Check-in date"
    assert labels(x)[0] == "Jan 2027"
    assert labels(x)[-1] == "Jul 2027"
    assert y.min() <= 900 <= y.max()  # the target is on the axis, not off its top
    assert [p.y() for p in line(view, "Target").points()] == [900, 900]
    assert len(line(view, "Actual").points()) == 4
    assert len(line(view, "Today").points()) == 2  # a vertical line at 15 March
    assert view.value_label() == "380"
    assert view.message() == ""
    assert view.chart().animationOptions() == QChart.AnimationOption.NoAnimation
    assert view.accessibleName() == "Progress chart: SQLs accepted this half"
    assert "latest 380 SQLs on 12 Mar 2027" in view.accessibleDescription()
    assert shows_colour(image, theme.colours(view.palette())["focus"])  # the actuals are drawn


def test_set_series_redraws_the_same_chart_with_the_new_points(qtbot, tmp_path: Path) -> None:
    view = ProgressChart(SQLS, TODAY)
    qtbot.addWidget(view)
    grab(qtbot, view, tmp_path / "before.png")
    chart, actual, y = view.chart(), line(view, "Actual"), axis(view, LEFT)

    edited = dataclasses.replace(
        SQLS, target=1500, actuals=(*SQLS.actuals, (dt.date(2027, 3, 14), 450)), status="on track"
    )
    view.set_series(edited)
    grab(qtbot, view, tmp_path / "after.png")

    assert view.chart() is chart  # no new view, no new chart, no new series
    assert line(view, "Actual") is actual
    assert axis(view, LEFT) is y
    assert len(chart.series()) == 4
    assert len(actual.points()) == 5
    assert y.min() <= 1500 <= y.max()
    assert chart.title() == "SQLs accepted this half · on track"
    assert view.value_label() == "450"


def test_a_metric_without_check_ins_says_so_across_its_plot(qtbot, tmp_path: Path) -> None:
    view = ProgressChart(WIN_RATE, TODAY)
    qtbot.addWidget(view)
    grab(qtbot, view, tmp_path / "empty.png")

    assert view.message() == "No check-ins yet"
    assert line(view, "Actual").points() == []
    assert len(line(view, "Expected").points()) == 2  # the plan is still there to see
    assert view.value_label() == ""

    view.set_series(dataclasses.replace(WIN_RATE, actuals=((dt.date(2027, 2, 1), 19),)))
    assert view.message() == ""


def test_a_short_window_is_labelled_by_week(qtbot, tmp_path: Path) -> None:
    view = ProgressChart(PIPELINE, TODAY)
    qtbot.addWidget(view)
    grab(qtbot, view, tmp_path / "weeks.png")

    x = axis(view, BOTTOM)
    assert x.titleText() == "Check-in week, 2027"
    assert "W06" in labels(x)
    assert view.value_label() == "1,450,000"


def test_the_value_axis_reads_as_it_does_on_paper(qtbot) -> None:
    """One picture: the screen's value axis carries the labels and title the PDF prints."""
    view = ProgressChart(SQLS, TODAY)
    qtbot.addWidget(view)
    pdf = one_page_pdf(pdf_charts.progress_chart(SQLS, TODAY))
    printed = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split()

    y = axis(view, LEFT)
    assert labels(y) == ["0", "250", "500", "750", "1,000"]
    assert all(label in printed for label in labels(y))
    assert y.titleText() in printed


# -- confidence, pair, funnel, trend ---------------------------------------------------------------
def test_a_confidence_chart_shades_its_three_bands_under_the_confidences(qtbot, tmp_path: Path) -> None:
    view = ConfidenceChart(SQLS, TODAY)
    qtbot.addWidget(view)
    grab(qtbot, view, tmp_path / "confidence.png")

    assert sorted(legend(view)) == [
        "At risk (4–6)",
        "Confidence",
        "Off track (0–3)",
        "On track (7–10)",
        "Today",
    ]
    y = axis(view, LEFT)
    assert (y.min(), y.max()) == (0, 10)
    assert y.titleText() == "Confidence (0–10)"
    assert [p.y() for p in line(view, "Confidence").points()] == [8, 7, 5, 4]

    view.set_series(dataclasses.replace(SQLS, confidences=()))
    assert view.message() == "No check-ins yet"


def test_a_pair_shows_both_teams_on_one_date_range(qtbot, tmp_path: Path) -> None:
    pair = PairChart(PAIR, TODAY)
    qtbot.addWidget(pair)
    pair.resize(1600, 480)
    pair.show()
    qtbot.waitExposed(pair)
    assert pair.grab().save(str(tmp_path / "pair.png"))

    assert pair.sales.chart().title() == "Sales EMEA · SQLs accepted this half · at risk"
    assert pair.marketing.chart().title() == "Marketing EMEA · MQLs handed to sales · on track"
    sales_x, marketing_x = axis(pair.sales, BOTTOM), axis(pair.marketing, BOTTOM)
    assert (sales_x.min(), sales_x.max()) == (marketing_x.min(), marketing_x.max())
    assert axis(pair.marketing, LEFT).titleText() == "MQLs"
    assert len(line(pair.marketing, "Actual").points()) == 3

    sales = pair.sales
    pair.set_series(dataclasses.replace(PAIR, marketing=dataclasses.replace(MQLS, actuals=MQLS.actuals[:1])))
    assert pair.sales is sales
    assert len(line(pair.marketing, "Actual").points()) == 1


def test_a_funnel_groups_each_periods_stages_with_their_plan_in_outline(qtbot, tmp_path: Path) -> None:
    view = FunnelChart(FUNNEL)
    qtbot.addWidget(view)
    grab(qtbot, view, tmp_path / "funnel.png")

    assert legend(view) == ["Leads", "MQLs", "SQLs", "Opportunities", "Deals", "Planned (outline)"]
    (bars,) = view.chart().series()
    assert isinstance(bars, QBarSeries)
    assert [s.count() for s in bars.barSets()] == [3] * 10  # an actual and a plan per stage and period
    assert list(axis(view, BOTTOM).categories()) == ["2027-Q1", "2027-Q2", "2027-Q3"]
    y = axis(view, LEFT)
    assert y.titleText() == "Count (log scale)"
    assert labels(y) == ["10", "100", "1,000", "10,000"]

    fewer = dataclasses.replace(FUNNEL, stages=(FunnelStage("deals", (28, 33, 5), (30, 30, 30)),))
    view.set_series(fewer)
    assert view.chart().series() == [bars]
    assert legend(view) == ["Deals", "Planned (outline)"]
    assert axis(view, LEFT).titleText() == "Count"  # one stage: no decades to span


def test_a_trend_has_evidence_on_the_left_and_the_self_rating_on_the_right(qtbot, tmp_path: Path) -> None:
    view = TrendChart(TREND)
    qtbot.addWidget(view)
    grab(qtbot, view, tmp_path / "trend.png")

    assert legend(view) == ["Evidence score", "Self-rating"]
    left, right = axis(view, LEFT), axis(view, RIGHT)
    assert (left.titleText(), left.min(), left.max()) == ("Evidence score (0–100)", 0, 100)
    assert (right.titleText(), right.min(), right.max()) == ("Self-rating (1–5)", 1, 5)
    assert len(line(view, "Evidence score").points()) == 3  # 2027-Q2 has no evidence yet
    assert len(line(view, "Self-rating").points()) == 4


# -- palette, projector, start-up -------------------------------------------------------------------
def test_on_a_dark_desktop_the_chart_is_dark_and_its_text_light(
    qtbot, tmp_path: Path, dark_desktop: QPalette
) -> None:
    view = ProgressChart(SQLS, TODAY)
    qtbot.addWidget(view)
    image = grab(qtbot, view, tmp_path / "dark.png")

    background = QColor.fromRgb(pixels(image).most_common(1)[0][0])
    assert background == dark_desktop.color(QPalette.ColorRole.Window)
    dark = theme.colours(dark_desktop)
    assert view.chart().titleBrush().color() == QColor(dark["ink"])
    assert axis(view, LEFT).labelsBrush().color() == QColor(dark["muted"])
    assert shows_colour(image, dark["focus"])


def test_the_chart_follows_the_desktop_switching_to_dark(qtbot, tmp_path: Path) -> None:
    view = FunnelChart(FUNNEL)
    qtbot.addWidget(view)
    grab(qtbot, view, tmp_path / "light.png")
    light_title = view.chart().titleBrush().color()

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = QPalette(app.palette())
    app.setPalette(theme.dark_desktop_palette(before))
    try:
        qtbot.waitUntil(lambda: view.chart().titleBrush().color() != light_title)
        assert view.chart().titleBrush().color() == QColor(theme.colours(view.palette())["ink"])
    finally:
        app.setPalette(before)


def test_on_the_projector_the_type_and_lines_grow_with_the_font(qtbot, tmp_path: Path) -> None:
    view = ProgressChart(SQLS, TODAY)
    qtbot.addWidget(view)
    grab(qtbot, view, tmp_path / "desk.png")
    desk_labels = axis(view, LEFT).labelsFont()
    desk_pen = line(view, "Actual").pen().widthF()

    font = QFont(view.font())
    font.setPixelSize(28)
    view.setFont(font)
    grab(qtbot, view, tmp_path / "projector.png", (1920, 1080))

    projected = axis(view, LEFT).labelsFont()
    assert projected.pixelSize() >= 24 > max(desk_labels.pixelSize(), round(desk_labels.pointSizeF() * 4 / 3))
    assert view.chart().titleFont().pixelSize() > projected.pixelSize()
    assert line(view, "Actual").pen().widthF() > desk_pen
    assert len(labels(axis(view, BOTTOM))) >= 4  # a wide screen labels more months


def test_the_first_screen_loads_no_chart_library(tmp_path: Path, demo_plan_bytes: bytes) -> None:
    plan = tmp_path / "demo.offsite"
    plan.write_bytes(demo_plan_bytes)
    result, record = _open_recorded(tmp_path, plan)

    assert result.returncode == 0, result.stderr
    assert "offsite.gui.charts" not in record["modules"]
    assert "PySide6.QtCharts" not in record["modules"]
