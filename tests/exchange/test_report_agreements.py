"""The results report's "Agreements in practice": each hand-off with its metric's latest actual in the
period against its target, each joint practice with whether its cadence was kept in every period of
the report's span, one naming no metric listed as not tracked; left out of a plan without any.

The plan is the report tests' (tests/report_plan: an offsite on 14–15 January 2027, check-ins through
Q1 and Q2), with agreements and their metrics added by the services' verbs, as the app adds them.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

import pypdf
import pytest
from tests.report_plan import T0, make_report_plan

from offsite.domain.reporting import report_period
from offsite.exchange.report import export_plan_report
from offsite.services import checkins
from offsite.services.agreements import add_agreement
from offsite.services.objectives import add_metric
from offsite.services.plans import open_plan, read_plan

D = dt.date
LATER = D(2027, 7, 20)
SECTION = "Agreements in practice"


@dataclass(frozen=True)
class Agreed:
    path: Path
    visits: int


def add_agreements(path: Path) -> Agreed:
    """A hand-off tracked by its response time, one naming no metric, and two practices: quarterly
    visits (kept in Q1 on 20 February, not in Q2) and monthly reviews (January, March and April)."""
    with open_plan(path) as plan:
        view = read_plan(plan)
        objectives = {o.statement: o.id for o in view.objectives}
        leaders = {p.name: p.id for p in view.leaders}
        maya, priya = leaders["Maya Okafor"], leaders["Priya Raman"]
        logos, funnel = objectives["Win twenty new logos"], objectives["Fill the top of the funnel"]
        touch = add_metric(
            plan,
            logos,
            "First-touch time",
            unit="hours",
            baseline=24,
            target=4,
            due=D(2027, 6, 30),
            direction="down",
        ).id
        visits = add_metric(plan, funnel, "Joint customer visits", unit="visits", baseline=0, target=6).id
        reviews = add_metric(
            plan, funnel, "Campaign reviews with sales", unit="reviews", baseline=0, target=6
        ).id
        add_agreement(
            plan,
            "hand_off",
            "Demo request",
            route="Round-robin to SDRs",
            service_level="First touch within 4 business hours",
            owner_id=maya,
            metric_id=touch,
        )
        add_agreement(plan, "hand_off", "Partner referral", service_level="Call back the same day")
        add_agreement(
            plan,
            "practice",
            "Marketing joins a customer visit",
            cadence="quarterly",
            owner_id=priya,
            metric_id=visits,
        )
        add_agreement(
            plan,
            "practice",
            "Sales joins the campaign review",
            cadence="monthly",
            owner_id=maya,
            metric_id=reviews,
        )
        for day, hours in ((D(2027, 2, 1), 18), (D(2027, 3, 1), 9), (D(2027, 3, 29), 6)):
            checkins.check_in(plan, touch, hours, as_of=day, leader_id=maya, at=T0)
        checkins.check_in(plan, visits, 1, as_of=D(2027, 2, 20), leader_id=priya, at=T0)
        for day, count in ((D(2027, 1, 28), 1), (D(2027, 3, 3), 2), (D(2027, 4, 5), 3)):
            checkins.check_in(plan, reviews, count, as_of=day, leader_id=maya, at=T0)
    return Agreed(path, visits)


@pytest.fixture(scope="module")
def agreed(tmp_path_factory: pytest.TempPathFactory) -> Agreed:
    path = tmp_path_factory.mktemp("agreed") / "northwind.offsite"
    make_report_plan(path, signed=False)
    return add_agreements(path)


def write(plan_path: Path, out: Path, period: str) -> bytes:
    with open_plan(plan_path, readonly=True) as plan:
        export_plan_report(plan, out, report_period(period), today=LATER)
    return out.read_bytes()


def section(data: bytes) -> str:
    """The text of the pages from "Agreements in practice" to the next section, whitespace made one space."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    start = text.index(SECTION)
    end = text.find("Sales and Marketing", start)
    return text[start : end if end > 0 else None]


@pytest.fixture(scope="module")
def q1(agreed: Agreed, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return write(agreed.path, tmp_path_factory.mktemp("q1") / "q1.pdf", "2027-Q1")


def test_each_hand_off_shows_its_metrics_latest_actual_in_the_quarter_against_its_target(q1: bytes) -> None:
    text = section(q1)
    assert "Hand-offs" in text
    assert "Demo request First touch within 4 business hours · Round-robin to SDRs · Maya Okafor" in text
    assert "First-touch time hours 6 29 Mar 2027 ↓ 4 On track" in text
    # One naming no metric is listed, so the reader sees what nobody checks in on.
    assert "Partner referral Call back the same day Not tracked: no metric named" in text


def test_each_practice_says_whether_its_cadence_was_kept_in_each_period_of_the_quarter(q1: bytes) -> None:
    text = section(q1)
    assert "Joint practices" in text
    assert "Marketing joins a customer visit Quarterly · Priya Raman" in text
    assert "Joint customer visits visits 1 20 Feb 2027 6 Kept in Q1 2027" in text
    assert "Sales joins the campaign review Monthly · Maya Okafor" in text
    assert "Kept 2 of 3 months: not in February 2027" in text


def test_a_later_period_counts_its_own_check_ins_and_a_practice_still_due_says_so(
    agreed: Agreed, tmp_path: Path
) -> None:
    q2 = section(write(agreed.path, tmp_path / "q2.pdf", "2027-Q2"))
    assert "First-touch time hours — none in Q2" in q2  # its last actual was in March
    assert "Not kept in Q2 2027" in q2
    assert "Kept 1 of 3 months: not in May 2027 and June 2027" in q2
    april = section(write(agreed.path, tmp_path / "april.pdf", "2027-04"))
    assert "Still due in Q2 2027" in april  # the quarter is not over on 30 April
    assert "Kept in April 2027" in april


def test_the_section_is_left_out_until_the_plan_has_a_hand_off_or_a_practice(tmp_path: Path) -> None:
    path = tmp_path / "plain.offsite"
    make_report_plan(path, signed=False)
    assert SECTION not in " ".join(
        (page.extract_text() or "")
        for page in pypdf.PdfReader(io.BytesIO(write(path, tmp_path / "a.pdf", "2027-Q1"))).pages
    )
    with open_plan(path) as plan:
        add_agreement(plan, "incentive", "Closed-won revenue")  # not a hand-off nor a practice
        add_agreement(plan, "practice", "Win-loss review together", cadence="monthly")
    text = section(write(path, tmp_path / "b.pdf", "2027-Q1"))
    assert "Win-loss review together Monthly Not tracked: no metric named" in text
    assert "Closed-won revenue" not in text


def test_the_same_plan_and_period_print_the_same_bytes_with_the_agreements(
    agreed: Agreed, q1: bytes, tmp_path: Path
) -> None:
    assert SECTION in section(q1)
    assert write(agreed.path, tmp_path / "again.pdf", "2027-Q1") == q1
