"""The values a chart draws and its axes: one set of labels for the screen and the paper."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from offsite.domain.series import (
    CONFIDENCE_BANDS,
    Axis,
    FunnelSeries,
    FunnelStage,
    MetricSeries,
    TrendSeries,
    count_axis,
    date_axis,
    day,
    value_axis,
)
from offsite.domain.values import Direction

START, END = dt.date(2027, 1, 1), dt.date(2027, 7, 1)


def labels(axis: Axis) -> list[str]:
    return [tick.label for tick in axis.ticks]


def test_the_expected_line_runs_from_the_baseline_at_the_start_to_the_target_at_the_end() -> None:
    series = MetricSeries("SQLs", baseline=100, target=400, start=START, end=END)

    assert series.expected == ((START, 100), (END, 400))
    assert series.expected_on(START + (END - START) / 2) == pytest.approx(250, abs=1)
    assert series.expected_on(dt.date(2028, 1, 1)) == 400  # past the end it stays at the target
    assert dataclasses.replace(series, target=None).expected == ()


def test_a_series_keeps_its_check_ins_in_date_order_and_refuses_what_cannot_be_drawn() -> None:
    series = MetricSeries(
        "SQLs", actuals=((dt.date(2027, 3, 1), 3), (dt.date(2027, 2, 1), 2)), direction="down"
    )

    assert [value for _, value in series.actuals] == [2, 3]
    assert series.direction is Direction.DOWN
    with pytest.raises(ValueError, match="status"):
        MetricSeries("SQLs", status="fine")
    with pytest.raises(ValueError, match="confidence"):
        MetricSeries("SQLs", confidences=((START, 11),))
    with pytest.raises(ValueError, match="before it starts"):
        MetricSeries("SQLs", start=END, end=START)
    with pytest.raises(ValueError, match="one actual and one planned count per period"):
        FunnelSeries(("2027-Q1",), (FunnelStage("deals", (1, 2), (3,)),))
    with pytest.raises(ValueError, match="self-rating"):
        TrendSeries(("2027-Q1",), (50,), (6,))


def test_a_funnel_reads_top_stage_first_whatever_order_it_was_given() -> None:
    funnel = FunnelSeries(("Q",), (FunnelStage("deals", (1,), (2,)), FunnelStage("leads", (90,), (100,))))

    assert [stage.label for stage in funnel.stages] == ["Leads", "Deals"]


def test_the_confidence_bands_cover_the_scale_with_their_words() -> None:
    assert [band.label for band in CONFIDENCE_BANDS] == [
        "On track (7–10)",
        "At risk (4–6)",
        "Off track (0–3)",
    ]
    assert (CONFIDENCE_BANDS[-1].bottom, CONFIDENCE_BANDS[0].top) == (0, 10)
    assert CONFIDENCE_BANDS[0].bottom == CONFIDENCE_BANDS[1].top == 6.5  # 7 sits inside green


def test_a_count_axis_starts_at_zero_with_round_ticks_and_room_above_the_target() -> None:
    axis = value_axis([120, 380, 900], "SQLs")

    assert labels(axis) == ["0", "250", "500", "750", "1,000"]
    assert value_axis([100, 400], "SQLs").high > 400  # the target is not drawn on the frame


def test_a_metric_moving_in_a_narrow_band_gets_its_band_with_room_below_a_falling_target() -> None:
    assert labels(value_axis([85, 90, 87.5], "%"))[0] != "0"
    churn = value_axis([6.5, 4, 6.6], "%")
    assert churn.low < 4 < churn.high


def test_a_funnel_spanning_decades_is_on_a_log_scale_and_a_narrow_one_is_not() -> None:
    wide = count_axis([4100, 1250, 390, 118, 28, None], "Count")
    assert wide.log
    assert wide.title == "Count (log scale)"
    assert labels(wide) == ["10", "100", "1,000", "10,000"]
    assert wide.fraction(0) == 0  # a period without deals draws no bar

    narrow = count_axis([40, 30, 12], "Count")
    assert not narrow.log
    assert narrow.low == 0


def test_a_half_year_is_labelled_by_month_and_a_few_weeks_by_iso_week() -> None:
    months = date_axis([dt.date(2027, 1, 15), dt.date(2027, 6, 30)])
    assert labels(months) == [
        "Jan 2027",
        "Feb 2027",
        "Mar 2027",
        "Apr 2027",
        "May 2027",
        "Jun 2027",
        "Jul 2027",
    ]
    assert (months.low, months.high) == (day(dt.date(2027, 1, 1)), day(dt.date(2027, 7, 1)))
    assert labels(date_axis([dt.date(2027, 1, 15), dt.date(2027, 6, 30)], most=3)) == [
        "Jan 2027",
        "Apr 2027",
        "Jul 2027",
    ]

    weeks = date_axis([dt.date(2027, 2, 10)])  # one check-in: four weeks around it
    assert weeks.title == "Check-in week, 2027"
    assert "W06" in labels(weeks)
    assert weeks.high - weeks.low >= 28

    across = date_axis([dt.date(2026, 12, 20), dt.date(2027, 1, 20)])
    assert across.title == "Check-in week, 2026–2027"
