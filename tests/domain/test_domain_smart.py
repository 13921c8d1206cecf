"""SMART hints: the app spots a number, a period and an owning team, and suggests — never decides."""

from __future__ import annotations

import pytest

from offsite.domain.smart import (
    CRITERIA,
    CRITERION_LABELS,
    CRITERION_QUESTIONS,
    SmartHints,
    has_number,
    has_period,
    smart_hints,
    suggested,
    word_count,
)


def test_the_five_criteria_in_order_each_with_a_label_and_a_question() -> None:
    assert CRITERIA == ("specific", "measurable", "achievable", "realistic", "timely")
    assert [CRITERION_LABELS[c] for c in CRITERIA] == [
        "Specific",
        "Measurable",
        "Achievable",
        "Realistic",
        "Timely",
    ]
    assert all(CRITERION_QUESTIONS[c].endswith("?") for c in CRITERIA)


@pytest.mark.parametrize(
    "text",
    [
        "Marketing: 1,200 MQLs in Q1 2027",
        "Raise the win rate to 30%",
        "$2M of pipeline from events",
        "Average deal size of 3.5k",
        "Reply to every MQL within 24 hours",
        "Grow EMEA revenue by 50% by 2028",
        "€750,000 in new bookings",
    ],
)
def test_a_figure_counts_as_a_number(text: str) -> None:
    assert has_number(text)


@pytest.mark.parametrize(
    "text",
    [
        "Grow leads in Q1",
        "Better handover by FY2027",
        "Launch the partner programme in 2027",
        "Agree the lead definition by 2027-03-31",
        "Shorter sales cycle in H2",
        "Double revenue next year",
        "Hit the target in Q3'27",
        "Kick-off on 14 January",
    ],
)
def test_the_digits_of_a_period_or_date_are_not_a_number(text: str) -> None:
    assert not has_number(text)


@pytest.mark.parametrize(
    "text",
    [
        "1,200 MQLs in Q1",
        "Q4 2027 pipeline review",
        "Shorter sales cycle in H2",
        "Revenue of 30 M in FY2027",
        "Revenue of 30 M in FY27",
        "Launch in 2027",
        "Go live in March",
        "Go live on 14 Jan",
        "Go live by Sept 30",
        "Launch by May 2027",
        "Agree the definition by 2027-03-31",
        "Agree the definition by 31/03/2027",
        "Close the gap by end of year",
        "Close the gap by the end of the quarter",
        "Build the playbook next quarter",
        "Grow pipeline this year",
        "Review the dashboard every month",
        "Quarterly business review with sales",
        "Respond within 48 hours",
        "A 90-day onboarding plan",
        "Clean the CRM before year-end",
    ],
)
def test_a_period_or_date_is_recognised(text: str) -> None:
    assert has_period(text)


@pytest.mark.parametrize(
    "text",
    [
        "Improve the handover from marketing to sales",
        "We may grow faster with better content",
        "Raise the win rate to 30%",
        "Close $2M of new business",
        "Marketing quality leads",
    ],
)
def test_text_without_a_period_has_none(text: str) -> None:
    assert not has_period(text)


def test_may_as_a_verb_is_not_a_month_but_may_the_month_is() -> None:
    assert not has_period("Sales may need help")
    assert has_period("Launch in May")
    assert has_period("Launch on May 5")


def test_word_count_ignores_lone_punctuation() -> None:
    assert word_count("Marketing: 1,200 MQLs — in Q1") == 5
    assert word_count("   ") == 0


def test_hints_for_a_funnel_candidate() -> None:
    hints = smart_hints("Marketing: 1,200 MQLs in Q1 2027", team_set=True)
    assert hints == SmartHints(has_number=True, has_period=True, has_team=True, word_count=6)


def test_suggested_answers_follow_the_hints_and_leave_judgement_to_people() -> None:
    hints = smart_hints("Marketing: 1,200 MQLs in Q1 2027", team_set=True)
    assert suggested(hints) == {
        "specific": True,
        "measurable": True,
        "achievable": None,
        "realistic": None,
        "timely": True,
    }


def test_a_vague_idea_without_a_team_gets_no_yes() -> None:
    hints = smart_hints("Better alignment", team_set=False)
    assert suggested(hints) == {
        "specific": False,
        "measurable": False,
        "achievable": None,
        "realistic": None,
        "timely": False,
    }


def test_specific_needs_a_team_and_at_least_three_words() -> None:
    assert suggested(smart_hints("More leads", team_set=True))["specific"] is False
    assert suggested(smart_hints("More qualified leads", team_set=True))["specific"] is True
    assert suggested(smart_hints("More qualified leads", team_set=False))["specific"] is False
