"""The progress charts on paper: each one printed on a page and read back as a reader would see it.

Every chart is drawn into a one-page PDF (reportlab, invariant as the plan PDF is) and its text read
back with pypdf: the title, the legend, the axes' titles and labels, the status word. Two runs give
the same bytes; a metric without check-ins, or with one, prints and says so.
"""

from __future__ import annotations

import dataclasses
import io
from typing import Any

import pypdf
import pytest
from tests.chart_series import FUNNEL, MQLS, PAIR, PIPELINE, SQLS, TODAY, TREND, WIN_RATE

from offsite.domain.series import FunnelSeries, TrendSeries
from offsite.exchange.pdf import charts
from offsite.exchange.pdf.styles import MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X


def one_page_pdf(*flowables: Any) -> bytes:
    """``flowables`` on one A4 page, as the plan PDF lays out its story."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate, Spacer

    out = io.BytesIO()
    document = SimpleDocTemplate(
        out,
        pagesize=A4,
        invariant=1,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
    )
    story: list[Any] = []
    for flowable in flowables:
        story += [flowable, Spacer(1, 18)]
    document.build(story)
    return out.getvalue()


def page_text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    return " ".join(reader.pages[0].extract_text().split())


def test_a_progress_chart_prints_its_metric_status_legend_and_axes_in_the_metrics_unit() -> None:
    text = page_text(one_page_pdf(charts.progress_chart(SQLS, TODAY)))

    assert "SQLs accepted this half" in text
    assert "at risk" in text
    for name in ("Actual", "Expected", "Target", "Today"):
        assert name in text
    assert "SQLs" in text.replace("SQLs accepted this half", "")  # the value axis's title: the unit
    assert "Check-in date" in text
    for label in ("Jan 2027", "Apr 2027", "Jul 2027", "0", "500", "1,000"):
        assert label in text
    assert "380" in text  # the latest actual is labelled


def test_a_confidence_chart_prints_its_bands_words_so_it_reads_in_grey() -> None:
    text = page_text(one_page_pdf(charts.confidence_chart(SQLS, TODAY)))

    assert "Confidence · SQLs accepted this half" in text
    assert "Confidence (0–10)" in text
    for word in ("on track", "at risk", "off track"):
        assert word in text
    for label in ("0", "2", "4", "6", "8", "10"):
        assert label in text.split()


def test_a_pair_prints_both_teams_metrics_on_one_date_range() -> None:
    text = page_text(one_page_pdf(charts.pair_chart(PAIR, TODAY)))

    assert "Sales EMEA · SQLs accepted this half · at risk" in text
    assert "Marketing EMEA · MQLs handed to sales · on track" in text
    assert "1,500" in text  # marketing's latest
    assert text.count("Jan 2027") == 2  # one date axis under each, the same range
    assert text.count("Jul 2027") == 2


def test_a_funnel_prints_each_stage_each_period_and_its_log_scale() -> None:
    text = page_text(one_page_pdf(charts.funnel_chart(FUNNEL)))

    for name in ("Leads", "MQLs", "SQLs", "Opportunities", "Deals", "Planned (outline)"):
        assert name in text
    for period in FUNNEL.periods:
        assert period in text
    assert "Count (log scale)" in text
    for label in ("10", "100", "1,000", "10,000"):
        assert label in text.split()


def test_a_trend_prints_both_scales() -> None:
    text = page_text(one_page_pdf(charts.trend_chart(TREND)))

    assert "Alignment over the quarters" in text
    assert "Evidence score (0–100)" in text
    assert "Self-rating (1–5)" in text
    for period in TREND.periods:
        assert period in text


def test_two_runs_print_the_same_bytes() -> None:
    def every_chart() -> bytes:
        return one_page_pdf(
            charts.progress_chart(SQLS, TODAY, height=150),
            charts.confidence_chart(SQLS, TODAY, height=150),
            charts.pair_chart(PAIR, TODAY, height=150),
            charts.funnel_chart(FUNNEL, height=150),
            charts.trend_chart(TREND, height=150),
        )

    assert every_chart() == every_chart()


@pytest.mark.parametrize("draw", [charts.progress_chart, charts.confidence_chart])
def test_a_metric_without_check_ins_prints_and_says_so(draw: Any) -> None:
    text = page_text(one_page_pdf(draw(WIN_RATE, TODAY)))

    assert "No check-ins yet" in text
    assert "Win rate on qualified pipeline" in text


def test_a_metric_with_one_check_in_prints_its_point_and_value_by_week() -> None:
    text = page_text(
        one_page_pdf(charts.progress_chart(PIPELINE, TODAY), charts.confidence_chart(PIPELINE, TODAY))
    )

    assert "1,450,000" in text
    assert "No check-ins yet" not in text
    assert "Check-in week, 2027" in text
    assert "W06" in text


def test_a_pair_funnel_and_trend_with_nothing_yet_print_and_say_so() -> None:
    empty_pair = dataclasses.replace(PAIR, sales=WIN_RATE, marketing=dataclasses.replace(MQLS, actuals=()))
    text = page_text(
        one_page_pdf(
            charts.pair_chart(empty_pair, TODAY, height=150),
            charts.funnel_chart(FunnelSeries((), ()), height=150),
            charts.trend_chart(TrendSeries((), (), ()), height=150),
        )
    )

    assert text.count("No check-ins yet") == 3  # both sides of the pair, and the funnel
    assert "No quarter closed yet" in text


def test_names_in_other_scripts_print_in_the_fonts_that_have_them() -> None:
    korean = dataclasses.replace(SQLS, metric="아웃바운드 확대 SQL")
    text = page_text(one_page_pdf(charts.progress_chart(korean, TODAY)))

    assert "아웃바운드 확대 SQL" in text


def test_a_long_metric_name_is_cut_to_the_charts_width() -> None:
    long_name = dataclasses.replace(
        SQLS, metric="Qualified opportunities accepted by the regional sales teams " * 4
    )
    text = page_text(one_page_pdf(charts.progress_chart(long_name, TODAY)))

    assert "Qualified opportunities accepted" in text
    assert "…" in text
    assert "at risk" in text  # the status word keeps its place beside it
