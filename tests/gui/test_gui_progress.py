"""The Progress page: check-ins rolled up per week, month or quarter, read as a leader reads them.

A half-year plan seen on 15 March 2027: Marketing hands over MQLs (typed each Friday with a
confidence), Sales accepts SQLs (imported from the CRM), both counting their funnel stage, beside
a work-back funnel that plans 1,200 MQLs and 420 SQLs in Q1. What is checked is what the page
shows: the list's statuses, the points each chart draws, the funnel's sentence, what the projector
draws, and that an edit redraws only the chart it touches.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCharts import QLineSeries
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from offsite.domain.checkins import NewReading
from offsite.domain.values import Kind
from offsite.gui import progress as progress_module
from offsite.gui import theme
from offsite.gui.charts import ChartView, FunnelChart, PairChart, ProgressChart
from offsite.gui.document import PlanDocument
from offsite.gui.progress import ProgressPage
from offsite.gui.projector import INK, ProjectorWindow
from offsite.services import brainstorm, changes, checkins, objectives, prepare
from offsite.services.plans import create_plan, open_plan, read_plan

D = dt.date
TODAY = D(2027, 3, 15)
FRIDAYS = [D(2027, 1, 22) + dt.timedelta(weeks=w) for w in range(8)]  # 22 Jan … 12 Mar: weeks 3 to 10
MQLS = [155 * (w + 1) for w in range(8)]  # 1,240 by 12 March
SQLS = [round(47.5 * (w + 1)) for w in range(8)]  # 380 by 12 March
CONFIDENCES = [8, 8, 7, 7, 6, 6, 5, 5]


@pytest.fixture
def plan_path(tmp_path: Path) -> Path:
    path = tmp_path / "Progress.offsite"
    with create_plan(path, "Progress") as plan:
        prepare.update_plan_details(plan, starts_on=D(2027, 1, 14), ends_on=D(2027, 1, 15), horizon="H1 2027")
        sales = prepare.add_team(plan, "Sales").id
        marketing = prepare.add_team(plan, "Marketing").id
        goal = prepare.add_company_goal(plan, "Grow revenue to 5 M").id
        # 63 deals a quarter → 252 opportunities → 420 SQLs → 1,200 MQLs in Q1.
        brainstorm.set_funnel(
            plan,
            goal,
            revenue_target=5_040_000,
            average_deal_size=40_000,
            win_rate=25,
            sql_to_opportunity=60,
            mql_to_sql=35,
            lead_to_mql=15,
            quarters=["Q1 2027", "Q2 2027"],
        )
        accept = objectives.add_objective(plan, "Sales accepts what Marketing hands over", [sales]).id
        sqls = objectives.add_metric(plan, accept, "SQLs accepted", unit="SQLs", baseline=0, target=800).id
        fill = objectives.add_objective(plan, "Marketing fills the funnel", [marketing]).id
        mqls = objectives.add_metric(plan, fill, "MQLs handed over", unit="MQLs", baseline=0, target=2400).id
        changes.update_fields(plan, Kind.METRIC, mqls, {"funnel_stage": "mqls"})
        changes.update_fields(plan, Kind.METRIC, sqls, {"funnel_stage": "sqls"})
        for day, value, confidence in zip(FRIDAYS, MQLS, CONFIDENCES, strict=True):
            checkins.check_in(plan, mqls, value, as_of=day, confidence=confidence)
        readings = [NewReading(sqls, day, value) for day, value in zip(FRIDAYS, SQLS, strict=True)]
        checkins.apply_readings(plan, readings, "CRM export")
    return path


@pytest.fixture
def document(plan_path: Path) -> Iterator[PlanDocument]:
    doc = PlanDocument(open_plan(plan_path))
    yield doc
    doc.close()


def metric_ids(document: PlanDocument) -> dict[str, int]:
    return {m.name: m.id for o in document.view().objectives for m in o.metrics}


@pytest.fixture
def page(qtbot, document: PlanDocument) -> ProgressPage:  # type: ignore[no-untyped-def]
    """The page in a window of its own, active, so its keys work as on the desktop."""
    shown = ProgressPage(document, today=TODAY)
    qtbot.addWidget(shown)
    shown.resize(1280, 800)
    shown.show()
    shown.activateWindow()
    qtbot.waitUntil(shown.isActiveWindow)
    return shown


def points(view: ChartView, name: str = "Actual") -> int:
    (line,) = [s for s in view.chart().series() if isinstance(s, QLineSeries) and s.name() == name]
    return len(line.points())


def status_text(page: ProgressPage, metric_id: int) -> str:
    return page._items[metric_id].text(2)


def roll_up_by(qtbot, page: ProgressPage, key: Qt.Key, grain: str) -> None:  # type: ignore[no-untyped-def]
    """Alt+W, Alt+M or Alt+Q: the radio button clicks itself a moment after its key, as a button does."""
    qtbot.keyClick(page, key, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: page.grain.value == grain)


def type_check_in(document: PlanDocument, metric_id: int, value: float, day: dt.date = TODAY) -> None:
    """A check-in typed elsewhere (the Check-ins tab): the verb, then the document's notice of its row."""
    made = checkins.check_in(document.plan, metric_id, value, as_of=day)
    document.notify({Kind.CHECK_IN}, {Kind.CHECK_IN: {made.id}})


# -- the metrics -----------------------------------------------------------------------------------
def test_the_arrow_keys_choose_a_metric_and_its_charts_show_its_check_ins(qtbot, page, document) -> None:  # type: ignore[no-untyped-def]
    tree = page.tree
    tree.setFocus()
    assert tree.currentItem().text(0) == "SQLs accepted"  # the first metric, not its objective's heading
    assert page.progress_chart.series.name == "SQLs accepted"

    qtbot.keyClick(tree, Qt.Key.Key_Down)  # over the Marketing objective's heading to its metric
    assert tree.currentItem().text(0) == "MQLs handed over"
    assert page.progress_chart.chart().title() == "MQLs handed over · on track"
    assert points(page.progress_chart) == 3  # month by month: the last check-in of January, February, March
    assert page.progress_chart.value_label() == "1,240"
    assert points(page.confidence_chart, "Confidence") == 3
    assert status_text(page, metric_ids(document)["MQLs handed over"]) == "● On track"
    assert page._items[metric_ids(document)["SQLs accepted"]].text(1) == "380"

    qtbot.keyClick(tree, Qt.Key.Key_Up)  # back over the heading
    assert tree.currentItem().text(0) == "SQLs accepted"
    assert points(page.confidence_chart, "Confidence") == 0  # the CRM gives no confidence
    assert page.confidence_chart.message() == "No check-ins yet"


def test_alt_w_and_alt_q_roll_the_chart_up_by_week_and_by_quarter(qtbot, page, document) -> None:  # type: ignore[no-untyped-def]
    page.select_metric(metric_ids(document)["MQLs handed over"])
    chart = page.progress_chart
    assert points(chart) == 3

    roll_up_by(qtbot, page, Qt.Key.Key_W, "week")
    assert points(chart) == 8  # one a week
    assert points(page.confidence_chart, "Confidence") == 8
    assert "week by week" in page.summary.text()

    roll_up_by(qtbot, page, Qt.Key.Key_Q, "quarter")
    assert points(chart) == 1
    assert page.progress_chart is chart  # the same chart, redrawn
    roll_up_by(qtbot, page, Qt.Key.Key_M, "month")
    assert points(chart) == 3


def test_a_check_in_typed_elsewhere_redraws_its_metrics_chart_and_no_other(qtbot, page, document) -> None:  # type: ignore[no-untyped-def]
    ids = metric_ids(document)
    page.select_metric(ids["SQLs accepted"])
    roll_up_by(qtbot, page, Qt.Key.Key_W, "week")
    assert page.rollup is not None
    sqls_before = page.rollup.series(ids["SQLs accepted"])
    drawn: list[str] = []
    for chart in (page.progress_chart, page.confidence_chart):
        redraw = chart.set_series
        chart.set_series = lambda series, *a, _redraw=redraw, **k: (
            drawn.append(series.name),
            _redraw(series, *a, **k),
        )  # type: ignore[method-assign]

    type_check_in(document, ids["MQLs handed over"], 1_300)  # Marketing's metric, not the one shown

    assert drawn == []  # the SQL charts on screen are not redrawn
    assert page.rollup.series(ids["SQLs accepted"]) is sqls_before
    assert len(page.rollup.series(ids["MQLs handed over"]).actuals) == 9
    page.select_metric(ids["MQLs handed over"])
    assert points(page.progress_chart) == 9
    assert page.progress_chart.value_label() == "1,300"

    drawn.clear()
    page.select_metric(ids["SQLs accepted"])
    drawn.clear()
    mqls_before = page.rollup.series(ids["MQLs handed over"])
    type_check_in(document, ids["SQLs accepted"], 400)  # typed beside the CRM's figures

    assert drawn == ["SQLs accepted", "SQLs accepted"]  # its progress chart and its confidence chart, once
    assert points(page.progress_chart) == 9
    assert page.progress_chart.value_label() == "400"
    assert page.rollup.series(ids["MQLs handed over"]) is mqls_before


def test_a_hidden_page_reads_the_check_ins_again_only_when_shown(qtbot, page, document) -> None:  # type: ignore[no-untyped-def]
    ids = metric_ids(document)
    page.select_metric(ids["MQLs handed over"])
    rollup = page.rollup
    page.hide()

    type_check_in(document, ids["MQLs handed over"], 1_300)
    assert page.rollup is rollup  # nothing read while hidden
    assert points(page.progress_chart) == 3

    page.show()
    assert page.rollup is not rollup
    assert page.selected_metric() == ids["MQLs handed over"]
    assert page.progress_chart.value_label() == "1,300"


def test_a_plan_without_check_ins_says_so(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with create_plan(tmp_path / "Empty.offsite", "Empty") as plan:
        document = PlanDocument(plan)
        page = ProgressPage(document, today=TODAY)
        qtbot.addWidget(page)
        page.show()
        assert page.stack.currentIndex() == 0
        assert page.state.text() == "No check-ins yet"
        assert page.state.isVisible()
        assert "Check-ins tab" in page.state_hint.text()
        projection = page.projection()
        assert projection is not None
        assert "No check-ins yet" in projection.text()
        page.close()


def test_a_large_plan_is_read_on_a_worker_while_the_page_says_so(qtbot, document, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(progress_module, "AT_ONCE", 10)  # 16 check-ins count as many here
    page = ProgressPage(document, today=TODAY)
    qtbot.addWidget(page)
    page.show()

    assert page.reading
    assert page.state.text() == "Reading 16 check-ins…"
    assert page.stack.currentIndex() == 0
    qtbot.waitUntil(lambda: not page.reading)
    assert page.stack.currentWidget() is page.tabs
    assert page.progress_chart.series.name == "SQLs accepted"
    assert points(page.progress_chart) == 3


# -- sales and marketing, the funnel, the trend -----------------------------------------------------
def test_the_funnel_says_its_latest_quarter_against_the_work_back_plan(qtbot, page, document) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(page, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    assert page.tabs.currentWidget() is page.funnel_tab
    roll_up_by(qtbot, page, Qt.Key.Key_Q, "quarter")

    assert page.funnel_reading.text() == (
        "Q1 2027: 1,240 MQLs against 1,200 planned, 380 SQLs against 420 planned; "
        "MQL→SQL 31% against 35% planned."
    )
    legend = [m.label().strip() for m in page.funnel_chart.chart().legend().markers() if m.isVisible()]
    assert legend == ["MQLs", "SQLs", "Planned (outline)"]
    assert page.funnel_chart.funnel.periods == ("2027-Q1",)

    type_check_in(document, metric_ids(document)["MQLs handed over"], 1_300)
    assert page.funnel_reading.text().startswith("Q1 2027: 1,300 MQLs against 1,200 planned")

    roll_up_by(qtbot, page, Qt.Key.Key_M, "month")
    assert page.funnel_reading.text() == (
        "March 2027: 1,300 MQLs, 380 SQLs; MQL→SQL 29% against 35% planned."
    )
    # The work-back funnel plans quarters: by month no outline, and no empty outline along the axis.
    legend = [m.label().strip() for m in page.funnel_chart.chart().legend().markers() if m.isVisible()]
    assert legend == ["MQLs", "SQLs"]
    assert "roll up by quarter (Alt+Q)" in page.funnel_note.text()


def test_a_sales_metric_and_a_marketing_metric_of_one_name_stand_side_by_side(qtbot, plan_path: Path) -> None:  # type: ignore[no-untyped-def]
    with open_plan(plan_path) as plan:
        found = {o.statement: o.id for o in read_plan(plan).objectives}
        accept, fill = found["Sales accepts what Marketing hands over"], found["Marketing fills the funnel"]
        sales = objectives.add_metric(plan, accept, "Pipeline created", unit="M USD", baseline=1, target=4).id
        marketing = objectives.add_metric(
            plan, fill, "Pipeline created", unit="M USD", baseline=0.5, target=2
        ).id
        checkins.check_in(plan, sales, 1.8, as_of=D(2027, 2, 26))
        checkins.check_in(plan, marketing, 0.9, as_of=D(2027, 3, 5))
    document = PlanDocument(open_plan(plan_path))
    page = ProgressPage(document, today=TODAY)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)

    qtbot.keyClick(page, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    assert page.tabs.currentWidget() is page.pairs_tab
    assert page.pair_combo.currentText() == "Pipeline created"
    assert page.pair_basis.text() == "Paired by the same name"
    pair = page.pair_chart
    # 1.8 of the 2.07 expected by 15 March (from 1 towards 4 by 30 June): 75% of the way, at risk.
    assert pair.sales.chart().title() == "Sales · Pipeline created · at risk"
    assert pair.marketing.isVisible()
    assert pair.marketing.chart().title() == "Marketing · Pipeline created · at risk"
    assert (points(pair.sales), points(pair.marketing)) == (1, 1)
    projection = page.projection()
    assert projection is not None
    assert projection.chart == pair.pair

    projector = ProjectorWindow()  # both teams' charts in the room's dark ink on white, large
    qtbot.addWidget(projector)
    projector.resize(1920, 1080)
    projector.set_projection(projection)
    projector.show()
    qtbot.waitExposed(projector)
    projector.settle()
    qtbot.waitUntil(lambda: len(projector.findChildren(PairChart)) == 1)  # the charts of earlier sizes gone
    (shown,) = projector.findChildren(PairChart)
    for view in (shown.sales, shown.marketing):
        assert view.chart().backgroundBrush().color() == QColor("#ffffff")
        assert view.font().pixelSize() >= 24
    assert "Paired by the same name" in projector.shown_text()
    projector.close()
    page.close()
    document.close()


def test_a_quarter_closed_elsewhere_joins_the_alignment_trend(qtbot, page, document) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(page, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    assert page.tabs.currentWidget() is page.trend_tab
    assert page.trend_chart.message() == "No quarter closed yet"
    rollup = page.rollup

    made = checkins.take_alignment_reading(document.plan, "Q4 2026", 55, 3.6)
    document.notify({Kind.ALIGNMENT_READING}, {Kind.ALIGNMENT_READING: {made.id}})

    assert page.rollup is rollup  # the check-ins are not read again for it
    assert page.trend_chart.message() == ""
    assert (points(page.trend_chart, "Evidence score"), points(page.trend_chart, "Self-rating")) == (1, 1)
    projection = page.projection()
    assert projection is not None
    assert projection.chart == page.trend_chart.trend


# -- the projector ---------------------------------------------------------------------------------
@pytest.fixture
def dark_desktop() -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = QPalette(app.palette())
    app.setPalette(theme.dark_desktop_palette(before))
    yield
    app.setPalette(before)


def test_the_projector_draws_the_chosen_chart_large_in_dark_ink_on_white(
    qtbot, page, document, dark_desktop, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    page.select_metric(metric_ids(document)["MQLs handed over"])
    projector = ProjectorWindow()
    qtbot.addWidget(projector)
    projector.resize(1920, 1080)
    projector.set_projection(page.projection())
    projector.show()
    qtbot.waitExposed(projector)
    projector.settle()
    assert projector.grab().save(str(tmp_path / "projector.png"))

    (chart,) = projector.findChildren(ProgressChart)
    assert chart.chart().title() == "MQLs handed over · on track"
    assert chart.height() > 1080 * 0.6  # the chart, not the title, has the screen
    assert chart.chart().backgroundBrush().color() == QColor(
        "#ffffff"
    )  # the desktop is dark; the room is not
    assert chart.chart().titleBrush().color() == QColor(INK)
    assert chart.font().pixelSize() >= 24
    assert "Month by month · as of 15 Mar 2027" in projector.shown_text()

    page.activateWindow()  # the facilitator's window keeps the keys
    qtbot.waitUntil(page.isActiveWindow)
    qtbot.keyClick(page, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)  # the funnel, with its sentence
    projection = page.projection()
    assert projection is not None
    projector.set_projection(projection)
    assert projection.chart == page.funnel_chart.funnel
    assert "March 2027: 1,240 MQLs, 380 SQLs; MQL→SQL 31% against 35% planned." in projector.shown_text()
    qtbot.waitUntil(lambda: not projector.findChildren(ProgressChart))  # the metric's chart gave way
    (funnel,) = projector.findChildren(FunnelChart)
    assert funnel.chart().backgroundBrush().color() == QColor("#ffffff")
