"""Tracking after the offsite reads the way a leader does: confidence words, periods on the real
calendar, the straight line from baseline to target, on track / at risk / off track, and scores."""

from __future__ import annotations

import datetime as dt

import pytest

from offsite.domain.errors import EditRefusedError
from offsite.domain.progress import (
    FUNNEL_RATES,
    FUNNEL_STAGES,
    Grain,
    Status,
    Trend,
    confidence_status,
    confidence_text,
    confidence_trend,
    conversion_rate,
    expected_value,
    format_score,
    horizon_end,
    metric_score,
    metric_status,
    months_between,
    objective_score,
    parse_confidence,
    parse_period,
    period_of,
    plan_start,
    progress_ratio,
    quarter_of,
    quarters_between,
    score_words,
    tracking_window,
    weeks_between,
    window_end,
)
from offsite.domain.values import Direction

D = dt.date
UP, DOWN = Direction.UP, Direction.DOWN

# --- Confidence -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("on track", 8),
        ("On Track", 8),
        ("ontrack", 8),
        ("  green ", 8),
        ("at risk", 5),
        ("AT  RISK", 5),
        ("amber", 5),
        ("yellow", 5),
        ("off track", 2),
        ("offtrack", 2),
        ("Red", 2),
        ("0", 0),
        ("7", 7),
        ("7.0", 7),
        ("10", 10),
    ],
)
def test_a_typed_confidence_word_or_number_stores_its_number(typed: str, stored: int) -> None:
    assert parse_confidence(typed) == stored


def test_a_blank_confidence_is_none_given() -> None:
    assert parse_confidence("   ") is None


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("11", "A confidence is from 0 to 10, not 11."),
        ("-1", "A confidence is from 0 to 10, not -1."),
        ("7.5", "A confidence is a whole number from 0 to 10, not 7.5."),
        (
            "maybe",
            "“maybe” is not a confidence. Type a confidence from 0 to 10, or on track, at risk or off track.",
        ),
        ("nan", "A confidence is from 0 to 10, not nan."),
        ("inf", "A confidence is from 0 to 10, not inf."),
    ],
)
def test_anything_else_is_refused_with_a_sentence_saying_what_to_type(typed: str, says: str) -> None:
    with pytest.raises(EditRefusedError) as refused:
        parse_confidence(typed)
    assert str(refused.value).startswith(says)


@pytest.mark.parametrize(
    ("confidence", "status"),
    [
        (10, Status.ON_TRACK),
        (7, Status.ON_TRACK),
        (6, Status.AT_RISK),
        (4, Status.AT_RISK),
        (3, Status.OFF_TRACK),
        (0, Status.OFF_TRACK),
        (None, Status.NO_DATA),
    ],
)
def test_confidence_bands_are_seven_to_ten_four_to_six_zero_to_three(
    confidence: int | None, status: Status
) -> None:
    assert confidence_status(confidence) is status


def test_each_confidence_word_stores_a_number_inside_its_own_band() -> None:
    assert confidence_status(parse_confidence("green")) is Status.ON_TRACK
    assert confidence_status(parse_confidence("amber")) is Status.AT_RISK
    assert confidence_status(parse_confidence("red")) is Status.OFF_TRACK


def test_a_confidence_reads_as_its_number_and_its_words() -> None:
    assert confidence_text(8) == "8 · on track"
    assert confidence_text(5) == "5 · at risk"
    assert confidence_text(None) == ""


def test_status_has_words_a_label_and_a_colour_role_the_theme_knows() -> None:
    from offsite.gui.theme import TONES

    assert [s.words for s in Status] == ["on track", "at risk", "off track", "no data"]
    assert [s.label for s in Status] == ["On track", "At risk", "Off track", "No data"]
    assert [s.role for s in Status] == ["ok", "advice", "problem", "muted"]
    assert {s.role for s in Status} - {"muted"} <= set(TONES)


@pytest.mark.parametrize(
    ("confidences", "trend"),
    [
        ([5, 6, 8], Trend.RISING),
        ([8, 6, 5], Trend.FALLING),
        ([8, 4, 8], Trend.STEADY),
        ([2, 9, None, 6, 7], Trend.FALLING),  # the last three given: 9, 6, 7
        ([6, None, 7], Trend.RISING),
        ([7], None),
        ([None, None], None),
    ],
)
def test_the_trend_reads_the_ends_of_the_last_three_confidences(
    confidences: list[int | None], trend: Trend | None
) -> None:
    assert confidence_trend(confidences) is trend


def test_a_trend_has_an_arrow() -> None:
    assert (Trend.RISING.arrow, Trend.FALLING.arrow, Trend.STEADY.arrow) == ("↗", "↘", "→")


# --- Periods --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "label", "start", "end"),
    [
        ("Q1 2027", "2027-Q1", D(2027, 1, 1), D(2027, 3, 31)),
        ("2027-Q1", "2027-Q1", D(2027, 1, 1), D(2027, 3, 31)),
        ("q4 2026", "2026-Q4", D(2026, 10, 1), D(2026, 12, 31)),
        ("Q3'27", "2027-Q3", D(2027, 7, 1), D(2027, 9, 30)),
        ("Q2 FY2027", "2027-Q2", D(2027, 4, 1), D(2027, 6, 30)),
        ("2027-03", "2027-03", D(2027, 3, 1), D(2027, 3, 31)),
        ("March 2027", "2027-03", D(2027, 3, 1), D(2027, 3, 31)),
        ("Sept 2027", "2027-09", D(2027, 9, 1), D(2027, 9, 30)),
        ("2027-W05", "2027-W05", D(2027, 2, 1), D(2027, 2, 7)),
        ("W5 2027", "2027-W05", D(2027, 2, 1), D(2027, 2, 7)),
        ("H1 2027", "2027-H1", D(2027, 1, 1), D(2027, 6, 30)),
        ("2027-H2", "2027-H2", D(2027, 7, 1), D(2027, 12, 31)),
        ("FY2027", "2027", D(2027, 1, 1), D(2027, 12, 31)),
        ("FY27", "2027", D(2027, 1, 1), D(2027, 12, 31)),
        ("2027", "2027", D(2027, 1, 1), D(2027, 12, 31)),
        ("2027-03-14", "2027-03-14", D(2027, 3, 14), D(2027, 3, 14)),
    ],
)
def test_a_period_reads_as_people_write_it_and_has_one_canonical_label(
    text: str, label: str, start: dt.date, end: dt.date
) -> None:
    period = parse_period(text)
    assert (period.label, period.start, period.end) == (label, start, end)
    assert parse_period(period.label) == period


def test_a_period_says_itself_in_words() -> None:
    assert [
        parse_period(t).words for t in ("2027-Q1", "2027-03", "2027-W05", "2027-H1", "2027", "2027-03-14")
    ] == [
        "Q1 2027",
        "March 2027",
        "Week 5, 2027",
        "H1 2027",
        "2027",
        "14 March 2027",
    ]


def test_iso_week_53_of_2026_runs_into_2027_and_keeps_its_label() -> None:
    week = parse_period("2026-W53")
    assert (week.start, week.end) == (D(2026, 12, 28), D(2027, 1, 3))
    assert period_of(D(2027, 1, 2), Grain.WEEK) == week
    assert period_of(D(2027, 1, 2), "week").label == "2026-W53"
    assert period_of(D(2027, 1, 4), Grain.WEEK).label == "2027-W01"
    assert week.words == "Week 53, 2026"


def test_2027_has_no_week_53_and_the_refusal_says_how_many_it_has() -> None:
    with pytest.raises(ValueError, match="2027 has ISO weeks 1 to 52"):
        parse_period("2027-W53")


def test_weeks_across_the_year_end_include_week_53() -> None:
    labels = [w.label for w in weeks_between(D(2026, 12, 20), D(2027, 1, 10))]
    assert labels == ["2026-W51", "2026-W52", "2026-W53", "2027-W01"]


def test_february_2028_ends_on_the_leap_day() -> None:
    assert parse_period("February 2028").end == D(2028, 2, 29)
    assert parse_period("2028-02-29").label == "2028-02-29"
    assert quarter_of(D(2028, 2, 29)).label == "2028-Q1"
    assert parse_period("H1 2028").days == 182
    assert parse_period("H1 2027").days == 181
    with pytest.raises(ValueError, match="not a day on the calendar"):
        parse_period("2027-02-29")


def test_quarters_between_cross_the_year_end_in_order() -> None:
    quarters = quarters_between(D(2026, 11, 15), D(2027, 2, 1))
    assert [q.label for q in quarters] == ["2026-Q4", "2027-Q1"]
    assert (quarters[0].end, quarters[1].start) == (D(2026, 12, 31), D(2027, 1, 1))


def test_months_between_include_both_ends_and_none_when_reversed() -> None:
    assert [m.label for m in months_between(D(2027, 1, 31), D(2027, 3, 1))] == [
        "2027-01",
        "2027-02",
        "2027-03",
    ]
    assert months_between(D(2027, 3, 1), D(2027, 1, 31)) == ()


@pytest.mark.parametrize("text", ["hello", "Q5 2027", "27", "2027-13", ""])
def test_text_that_is_no_period_is_refused_saying_what_to_type(text: str) -> None:
    with pytest.raises(ValueError, match="Type a period such as Q1 2027"):
        parse_period(text)


@pytest.mark.parametrize(
    ("horizon", "end"),
    [
        ("H1 2027", D(2027, 6, 30)),
        ("FY2027", D(2027, 12, 31)),
        ("Q1–Q2 2027", D(2027, 6, 30)),
        ("January to June 2027", D(2027, 6, 30)),
        ("2027 - 2028", D(2028, 12, 31)),
        ("the next two years", None),
    ],
)
def test_the_horizon_ends_on_the_last_day_it_names(horizon: str, end: dt.date | None) -> None:
    assert horizon_end(horizon) == end


# --- The window -----------------------------------------------------------------------------------


def test_tracking_starts_on_the_offsites_last_day_else_its_first_else_the_first_check_in() -> None:
    assert plan_start(D(2027, 1, 14), D(2027, 1, 15), D(2027, 1, 2)) == D(2027, 1, 15)
    assert plan_start(D(2027, 1, 14), None, D(2027, 1, 2)) == D(2027, 1, 14)
    assert plan_start(None, None, D(2027, 1, 2)) == D(2027, 1, 2)
    assert plan_start(None, None, None) is None


def test_the_line_ends_on_the_due_date_else_the_horizon_else_the_years_end() -> None:
    start = D(2027, 1, 15)
    assert window_end(D(2027, 3, 31), "H1 2027", start) == D(2027, 3, 31)
    assert window_end(None, "H1 2027", start) == D(2027, 6, 30)
    assert window_end(None, "whenever we can", start) == D(2027, 12, 31)
    window = tracking_window(
        starts_on=None, ends_on=None, horizon="", due=None, first_check_in=D(2026, 11, 3)
    )
    assert window is not None
    assert (window.start, window.end) == (D(2026, 11, 3), D(2026, 12, 31))
    assert (
        tracking_window(starts_on=None, ends_on=None, horizon="H1 2027", due=None, first_check_in=None)
        is None
    )


# --- Expected value -------------------------------------------------------------------------------

# The demo's "Appointments booked": 40 → 180 meetings from the offsite's last day to 31 March (75 days).
START, DUE = D(2027, 1, 15), D(2027, 3, 31)


def test_the_expected_value_lies_on_the_straight_line_from_baseline_to_target() -> None:
    assert expected_value(40, 180, START, DUE, D(2027, 2, 14)) == 96.0  # 30 of 75 days: 40 + 140 × 0.4


def test_the_expected_value_is_the_baseline_before_the_window_and_the_target_after() -> None:
    assert expected_value(40, 180, START, DUE, D(2027, 1, 2)) == 40
    assert expected_value(40, 180, START, DUE, START) == 40
    assert expected_value(40, 180, START, DUE, D(2027, 5, 1)) == 180


def test_a_metric_going_down_is_expected_to_decrease() -> None:
    # Time to first touch: 20 hours → 2 hours.
    assert expected_value(20, 2, D(2027, 1, 1), D(2027, 1, 31), D(2027, 1, 16)) == 11.0


def test_the_line_counts_the_leap_day() -> None:
    # 28 February to 1 March 2028 is two days: the 29th is halfway.
    assert expected_value(0, 100, D(2028, 2, 28), D(2028, 3, 1), D(2028, 2, 29)) == 50.0
    assert expected_value(0, 100, D(2027, 2, 28), D(2027, 3, 2), D(2027, 3, 1)) == 50.0


def test_without_a_target_nothing_is_expected_and_without_a_baseline_the_line_starts_at_zero() -> None:
    assert expected_value(40, None, START, DUE, D(2027, 2, 14)) is None
    assert expected_value(None, 150, START, DUE, D(2027, 2, 14)) == 60.0


# --- Status ---------------------------------------------------------------------------------------


def status(
    actual: float | None,
    expected: float | None,
    baseline: float | None,
    target: float | None,
    direction: Direction = UP,
) -> Status:
    return metric_status(actual, expected=expected, baseline=baseline, target=target, direction=direction)


@pytest.mark.parametrize(
    ("actual", "words"),
    [
        (100, "on track"),
        (90, "on track"),
        (89, "at risk"),
        (70, "at risk"),
        (69, "off track"),
        (-5, "off track"),
    ],
)
def test_progress_made_over_progress_expected_sets_the_status(actual: float, words: str) -> None:
    # 0 → 200, expected 100 today.
    assert status(actual, 100, 0, 200).words == words


def test_a_metric_going_down_progresses_by_decreasing() -> None:
    # 20 → 2 hours; 11 expected today: 9 hours of progress expected.
    assert status(11.9, 11, 20, 2, DOWN) is Status.ON_TRACK  # 8.1 of 9: 0.9
    assert status(12, 11, 20, 2, DOWN) is Status.AT_RISK  # 8 of 9
    assert status(15, 11, 20, 2, DOWN) is Status.OFF_TRACK  # 5 of 9
    assert status(25, 11, 20, 2, DOWN) is Status.OFF_TRACK  # gone the wrong way


def test_a_negative_baseline_counts_progress_from_where_it_started() -> None:
    # Net cash flow −50 → 100; 25 expected: 75 of progress expected, 60 made (0.8), not 10 / 25.
    assert status(10, 25, -50, 100) is Status.AT_RISK
    assert progress_ratio(10, expected=25, baseline=-50, direction=UP) == pytest.approx(0.8)


def test_a_target_already_met_is_on_track_whatever_the_line_expects() -> None:
    assert status(200, 96, 40, 180) is Status.ON_TRACK
    assert status(1.5, 15, 20, 2, DOWN) is Status.ON_TRACK


def test_a_line_to_hold_is_on_track_while_held_and_off_track_once_it_slips() -> None:
    # "Keep churn at 2%": baseline and target the same, going down.
    assert status(1.8, 2, 2, 2, DOWN) is Status.ON_TRACK
    assert status(2.3, 2, 2, 2, DOWN) is Status.OFF_TRACK


def test_before_the_window_starts_a_first_check_in_is_on_track_unless_it_went_backwards() -> None:
    # Expected is still the baseline: nothing was due, so the leader's first numbers count as on track.
    assert status(42, 40, 40, 180) is Status.ON_TRACK
    assert status(40, 40, 40, 180) is Status.ON_TRACK
    assert status(35, 40, 40, 180) is Status.AT_RISK
    assert progress_ratio(42, expected=40, baseline=40, direction=UP) is None


def test_no_target_or_no_actual_is_no_data() -> None:
    assert status(None, 96, 40, 180) is Status.NO_DATA
    assert status(100, None, 40, None) is Status.NO_DATA
    assert Status.NO_DATA.words == "no data"


# --- Scores ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("baseline", "target", "actual", "direction", "score"),
    [
        (40, 180, 110, UP, 0.5),
        (40, 180, 180, UP, 1.0),
        (40, 180, 250, UP, 1.0),  # beyond the target: clipped
        (40, 180, 30, UP, 0.0),  # went backwards: clipped
        (20, 2, 11, DOWN, 0.5),
        (20, 2, 1, DOWN, 1.0),
        (20, 2, 25, DOWN, 0.0),
        (-50, 100, 25, UP, 0.5),
        (None, 200, 50, UP, 0.25),  # no baseline: counted from 0
        (5, 5, 6, UP, 1.0),  # the target was met at the start, and held
        (5, 5, 4, UP, 0.0),
    ],
)
def test_the_metric_score_is_how_far_from_baseline_to_target_the_actual_got(
    baseline: float | None, target: float, actual: float, direction: Direction, score: float
) -> None:
    assert metric_score(baseline, target, actual, direction) == pytest.approx(score)


def test_without_a_target_or_an_actual_there_is_no_score() -> None:
    assert metric_score(40, None, 110, UP) is None
    assert metric_score(40, 180, None, UP) is None


def test_the_objective_score_is_the_mean_of_the_metrics_that_have_one() -> None:
    assert objective_score([0.5, None, 1.0]) == 0.75
    assert objective_score([None, None]) is None
    assert objective_score([]) is None


@pytest.mark.parametrize(
    ("score", "shown", "words"),
    [
        (1.0, "1.0", "delivered"),
        (0.7, "0.7", "delivered"),
        (0.65, "0.7", "delivered"),  # shown as 0.7, so read as 0.7
        (0.64, "0.6", "progress"),
        (0.4, "0.4", "progress"),
        (0.35, "0.4", "progress"),
        (0.34, "0.3", "missed"),
        (0.0, "0.0", "missed"),
    ],
)
def test_a_score_reads_as_shown_to_one_decimal_in_the_usual_okr_words(
    score: float, shown: str, words: str
) -> None:
    assert format_score(score) == shown
    assert score_words(score) == words


def test_no_score_reads_as_no_score() -> None:
    assert (format_score(None), score_words(None)) == ("", "no score")


# --- Funnel stages --------------------------------------------------------------------------------


def test_funnel_stages_run_from_leads_to_deals_and_name_the_work_back_funnels_stages_and_rates() -> None:
    from offsite.domain.funnel import RATE_FIELDS, STAGES

    assert FUNNEL_STAGES == ("leads", "mqls", "sqls", "opportunities", "deals")
    assert set(FUNNEL_STAGES) == set(STAGES) - {"revenue"}
    assert {rate for _a, _b, rate in FUNNEL_RATES} == set(RATE_FIELDS)


def test_a_conversion_rate_is_the_later_stage_as_a_percentage_of_the_earlier() -> None:
    assert conversion_rate(1000, 150) == 15.0
    assert conversion_rate(0, 5) is None
    assert conversion_rate(None, 5) is None
