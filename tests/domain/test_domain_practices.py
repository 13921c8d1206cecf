"""Hand-offs and joint practices after the offsite: how their lines read, which are not tracked, and
whether a practice's cadence is kept, due or missed, period by period."""

from __future__ import annotations

import datetime as dt

import pytest

from offsite.domain.agreements import AgreementView
from offsite.domain.practices import (
    PracticeState,
    agreement_line,
    cadence_tally,
    practice_state,
    tracked_by_metric,
    untracked_note,
)
from offsite.domain.progress import parse_period

D = dt.date


def agreement(id: int, kind: str, title: str, **fields: object) -> AgreementView:
    values: dict[str, object] = dict.fromkeys(
        ("message", "trigger", "route", "service_level", "on_miss", "consulted", "why", "reward", "cadence"),
        "",
    )
    values.update(dict.fromkeys(("team_id", "owner_id", "metric_id", "definition_id", "objective_id")))
    values.update(fields)
    return AgreementView(id=id, uid=f"u{id}", kind=kind, title=title, **values)  # type: ignore[arg-type]


DEMO = agreement(
    1, "hand_off", "Demo request", service_level="First touch within 4 business hours", metric_id=10
)
VISIT = agreement(2, "practice", "Marketing joins a customer visit", cadence="quarterly", metric_id=13)
REFERRAL = agreement(3, "hand_off", "Partner referral")
WIN_LOSS = agreement(4, "practice", "Win-loss review together", cadence="monthly")
BONUS = agreement(5, "incentive", "Closed-won revenue")


def test_a_metrics_row_names_the_hand_off_and_the_practice_with_its_cadence() -> None:
    assert agreement_line(DEMO) == "Hand-off: Demo request — First touch within 4 business hours"
    assert agreement_line(VISIT) == "Joint practice (quarterly): Marketing joins a customer visit"
    assert agreement_line(REFERRAL) == "Hand-off: Partner referral"
    assert agreement_line(agreement(6, "practice", "  ")) == "Joint practice: (untitled joint practice)"
    assert tracked_by_metric([DEMO, VISIT, REFERRAL, BONUS]) == {10: (DEMO,), 13: (VISIT,)}


def test_the_note_names_the_hand_offs_and_practices_no_metric_tracks_and_nothing_else() -> None:
    assert untracked_note([DEMO, VISIT, REFERRAL, WIN_LOSS, BONUS]) == (
        "2 agreements are not tracked: name a metric for them on the Agreements page — "
        "hand-off “Partner referral”, joint practice “Win-loss review together”."
    )
    assert untracked_note([REFERRAL]) == (
        "1 agreement is not tracked: name a metric for it on the Agreements page — hand-off “Partner referral”."
    )
    assert untracked_note([DEMO, VISIT, BONUS]) == ""


@pytest.mark.parametrize(
    ("cadence", "checked", "on", "state"),
    [
        ("quarterly", [D(2027, 2, 20)], D(2027, 3, 1), PracticeState.KEPT),
        ("quarterly", [D(2027, 3, 2)], D(2027, 3, 1), PracticeState.DUE),  # not by the day asked about
        ("quarterly", [D(2026, 12, 30)], D(2027, 1, 20), PracticeState.DUE),  # last quarter's
        ("monthly", [D(2027, 2, 27)], D(2027, 3, 1), PracticeState.DUE),
        ("weekly", [D(2027, 3, 1)], D(2027, 3, 7), PracticeState.KEPT),  # Monday of the ISO week
        ("weekly", [D(2027, 2, 28)], D(2027, 3, 1), PracticeState.DUE),  # the Sunday before
        ("yearly", [D(2027, 1, 16)], D(2027, 11, 30), PracticeState.KEPT),
    ],
)
def test_a_practice_is_kept_by_a_check_in_of_its_metric_within_its_cadence_up_to_the_day(
    cadence: str, checked: list[dt.date], on: dt.date, state: PracticeState
) -> None:
    assert practice_state(cadence, checked, on, starts=D(2027, 1, 15)) is state


def test_no_practice_is_due_without_a_cadence_or_before_the_offsite() -> None:
    assert practice_state("", [], D(2027, 3, 1)) is None
    assert practice_state("quarterly", [], D(2027, 1, 10), starts=D(2027, 1, 15)) is None
    assert PracticeState.DUE.label == "Due"
    assert PracticeState.DUE.role == "advice"  # amber, as "at risk"


@pytest.mark.parametrize(
    ("cadence", "checked", "span", "up_to", "words", "state"),
    [
        (
            "monthly",
            [D(2027, 1, 28), D(2027, 2, 3), D(2027, 3, 3)],
            "2027-Q1",
            D(2027, 3, 31),
            "kept 3 of 3 months",
            PracticeState.KEPT,
        ),
        (
            "monthly",
            [D(2027, 1, 28), D(2027, 3, 3)],
            "2027-Q1",
            D(2027, 3, 31),
            "kept 2 of 3 months: not in February 2027",
            PracticeState.MISSED,
        ),
        (
            "monthly",
            [D(2027, 4, 5)],
            "2027-Q2",
            D(2027, 5, 10),
            "kept 1 of 2 months: May 2027 still due",
            PracticeState.DUE,
        ),
        ("quarterly", [D(2027, 2, 20)], "2027-Q1", D(2027, 3, 31), "kept in Q1 2027", PracticeState.KEPT),
        (
            "quarterly",
            [D(2027, 2, 20)],
            "2027-Q2",
            D(2027, 6, 30),
            "not kept in Q2 2027",
            PracticeState.MISSED,
        ),
        ("quarterly", [], "2027-04", D(2027, 4, 30), "still due in Q2 2027", PracticeState.DUE),
        (
            "weekly",
            [D(2027, 3, 2), D(2027, 3, 16)],
            "2027-03",
            D(2027, 3, 31),
            "kept 2 of 5 weeks: not in week 10 and week 12; week 13 still due",
            PracticeState.MISSED,
        ),
    ],
)
def test_a_practice_over_a_report_s_span_counts_the_periods_of_its_cadence_it_was_kept_in(
    cadence: str,
    checked: list[dt.date],
    span: str,
    up_to: dt.date,
    words: str,
    state: PracticeState,
) -> None:
    tally = cadence_tally(cadence, checked, parse_period(span), up_to, starts=D(2027, 1, 15))
    assert tally is not None
    assert tally.words == words
    assert tally.state is state


def test_a_span_before_the_offsite_or_a_practice_without_cadence_has_no_tally() -> None:
    assert (
        cadence_tally("monthly", [], parse_period("2026-Q4"), D(2026, 12, 31), starts=D(2027, 1, 15)) is None
    )
    assert cadence_tally("", [D(2027, 2, 1)], parse_period("2027-Q1"), D(2027, 3, 31)) is None
    # Many missed weeks are counted, not named; the week holding the span's last day is not over.
    tally = cadence_tally("weekly", [], parse_period("2027-Q1"), D(2027, 3, 31), starts=D(2027, 1, 15))
    assert tally is not None
    assert tally.words == "kept 0 of 11 weeks: 10 weeks missed; week 13 still due"


def test_the_period_the_offsite_ends_in_asks_for_the_practice_only_when_half_of_it_is_left() -> None:
    friday = D(2027, 1, 15)  # the offsite's last day: three days of its ISO week are left
    assert practice_state("weekly", [], D(2027, 1, 16), starts=friday) is None
    assert practice_state("weekly", [], D(2027, 1, 18), starts=friday) is PracticeState.DUE
    assert practice_state("monthly", [], D(2027, 1, 20), starts=friday) is PracticeState.DUE  # 17 of 31 days
    assert practice_state("quarterly", [], D(2027, 1, 20), starts=friday) is PracticeState.DUE
    late = D(2027, 1, 20)  # 12 of January's 31 days left: February is the first month asked for
    tally = cadence_tally(
        "monthly", [D(2027, 2, 3), D(2027, 3, 3)], parse_period("2027-Q1"), D(2027, 3, 31), starts=late
    )
    assert tally is not None
    assert tally.words == "kept 2 of 2 months"
    weekly = cadence_tally("weekly", [], parse_period("2027-Q1"), D(2027, 3, 31), starts=friday)
    assert weekly is not None
    assert weekly.periods[0].label == "2027-W03"
