"""The next offsite's proposed title and horizon, and the words a carried-over objective is written with."""

from __future__ import annotations

import datetime as dt

import pytest

from offsite.domain.cycle import CarriedMetric, next_horizon, next_title, shown_score
from offsite.domain.progress import metric_score


@pytest.mark.parametrize(
    ("horizon", "following"),
    [
        ("H1 2027", "H2 2027"),
        ("H2 2027", "H1 2028"),
        ("2027-H2", "H1 2028"),
        ("Q1 2027", "Q2 2027"),
        ("Q4 2027", "Q1 2028"),
        ("2027", "2028"),
        ("FY2027", "FY2028"),
        ("Jan–Jun 2027", "Jan–Jun 2028"),
        ("next six months", "next six months"),
        ("", ""),
    ],
)
def test_the_next_horizon_is_the_period_after(horizon: str, following: str) -> None:
    assert next_horizon(horizon) == following


@pytest.mark.parametrize(
    ("title", "horizon", "proposed"),
    [
        ("Sales & Marketing Offsite 2027", "2027", "Sales & Marketing Offsite 2028"),
        ("Sales & Marketing Offsite 2027", "H2 2027", "Sales & Marketing Offsite 2028"),
        ("Sales & Marketing Offsite 2027", "H1 2027", "Sales & Marketing Offsite H2 2027"),
        ("Offsite H1 2027", "H1 2027", "Offsite H2 2027"),
        ("Revenue offsite", "Q3 2027", "Revenue offsite Q4 2027"),
        ("Offsite 2027", "", "Offsite 2028"),
        ("Revenue offsite", "", "Revenue offsite (next cycle)"),
    ],
)
def test_the_proposed_title_moves_the_year_or_half_on(title: str, horizon: str, proposed: str) -> None:
    assert next_title(title, horizon, next_horizon(horizon)) == proposed


def test_a_score_reads_to_one_decimal_halves_up_and_follows_the_direction() -> None:
    assert shown_score(0.65) == "0.7"
    assert shown_score(0.349) == "0.3"
    assert metric_score(20, 2, 11, "down") == 0.5  # hours to first touch, going down
    assert metric_score(40, 180, 250, "up") == 1.0
    assert metric_score(40, 180, 10, "up") == 0.0
    assert metric_score(None, 180, None, "up") is None


def test_a_metric_reads_with_its_last_actual_as_the_next_baseline() -> None:
    metric = CarriedMetric("Share of voice", "%", 11, 18, dt.date(2027, 6, 30), 14.5, dt.date(2027, 6, 2))
    assert metric.words() == "Share of voice: 11 → 18% by 30 Jun 2027; last 14.5 on 2 Jun 2027"
    assert CarriedMetric("CSAT", "", None, None, None).words() == "CSAT: no baseline or target"
