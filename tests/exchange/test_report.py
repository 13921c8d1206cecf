"""The results report, written from a plan two quarters into its tracking and read back as a reader
sees it: the cover's statement of what progress is tracked against, each objective's score and the
leaders' override with its reason, the status words, the funnel's numbers, the wins with thanks; the
same bytes twice; a quarter with nothing checked in yet; nothing after the period counts."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pypdf
import pytest
from tests.report_plan import OVERRIDE_REASON, TITLE, ReportPlan, make_report_plan

from offsite.domain.errors import CancelledError, ExportError
from offsite.domain.fingerprint import short_fingerprint
from offsite.domain.progress import parse_period
from offsite.domain.reporting import default_report_period, report_day, report_period
from offsite.exchange import report
from offsite.exchange.pdf import KEY_PLAN, KEY_STATUS
from offsite.exchange.report import export_plan_report
from offsite.services import checkins
from offsite.services.plans import open_plan
from offsite.services.signoff import read_signoff

D = dt.date
#: The day the tests make their reports: after both quarters are over.
LATER = D(2027, 7, 20)


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> ReportPlan:
    return make_report_plan(tmp_path_factory.mktemp("report") / "northwind.offsite")


def write(plan_path: Path, out: Path, period: str, today: dt.date = LATER) -> bytes:
    with open_plan(plan_path, readonly=True) as plan:
        export_plan_report(plan, out, report_period(period), today=today)
    return out.read_bytes()


def pages(data: bytes) -> list[str]:
    """Each page's text with whitespace runs made one space (a paragraph wraps where it likes)."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


@pytest.fixture(scope="module")
def q1(made: ReportPlan, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return write(made.path, tmp_path_factory.mktemp("q1") / "q1.pdf", "2027-Q1")


def test_the_cover_says_progress_is_tracked_against_the_signed_version_and_its_fingerprint(
    made: ReportPlan, q1: bytes
) -> None:
    with open_plan(made.path, readonly=True) as plan:
        version = read_signoff(plan).current
    assert version is not None
    cover = pages(q1)[0]
    assert "RESULTS REPORT" in cover
    assert TITLE in cover
    assert "Q1 2027 (1 Jan – 31 Mar 2027)" in cover
    assert "Prepared as of 31 Mar 2027, the end of Q1 2027" in cover
    assert (
        f"Progress tracked against the plan signed as version 1 (fingerprint "
        f"{short_fingerprint(version.fingerprint)}); this report is not part of the signed plan."
    ) in cover
    info = pypdf.PdfReader(io.BytesIO(q1)).metadata
    assert info is not None
    assert info["/Title"] == f"{TITLE} — results report, Q1 2027"
    assert info[report.KEY_PERIOD] == "2027-Q1"
    assert info[report.KEY_AS_OF] == "2027-03-31"
    assert info[report.KEY_FINGERPRINT] == version.fingerprint
    assert info[report.KEY_PLAN]
    assert "Signed by both leaders, the last on 15 Jan 2027, 16:02 UTC." in cover
    # Not the plan's PDF: none of the keys ``offsite verify`` reads as a signed plan.
    assert KEY_PLAN not in info
    assert KEY_STATUS not in info


def test_an_unsigned_plans_report_says_it_is_not_signed(tmp_path: Path) -> None:
    made = make_report_plan(tmp_path / "unsigned.offsite", signed=False)
    cover = pages(write(made.path, tmp_path / "unsigned.pdf", "2027-Q1"))[0]
    assert "The plan is not signed yet." in cover
    assert "fingerprint" not in cover.replace("names the version and its fingerprint", "")


def test_the_summary_counts_objectives_by_score_and_metrics_by_status(q1: bytes) -> None:
    cover = pages(q1)[0]
    assert "Q1 2027 at a glance" in cover
    # Win twenty new logos: 1.0 as the leaders set it (delivered); the funnel: 0.5 (progress).
    assert "OBJECTIVES SCORED AT THE END OF Q1 2027 1 1 0 0 delivered progress missed no score" in cover
    assert "METRICS ON 31 MAR 2027 3 0 1 0 on track at risk off track no data" in cover
    assert "O1 Win twenty new logos 1.0* delivered 1 on track, 1 off track" in cover
    assert "O2 Fill the top of the funnel 0.5 progress 2 on track" in cover
    assert "8 check-ins in Q1 2027 on 4 of 4 metrics; one win logged to celebrate." in cover
    assert (
        "Alignment index 58 of 100 when Q1 2027 closed; the leaders rate their alignment 3.6 of 5." in cover
    )


def test_each_objective_shows_its_score_and_the_leaders_override_with_its_reason(q1: bytes) -> None:
    text = " ".join(pages(q1)[1:])
    assert "O1 Win twenty new logos 1.0 delivered" in text
    # Deals won 18 of 20 (0.9) and SQLs accepted 90 of 160 (0.56): the metrics give 0.7.
    assert (
        f"Score 1.0, set by the leaders at the quarter’s review: “{OVERRIDE_REASON}” (its metrics give 0.7)."
        in text
    )
    assert "O2 Fill the top of the funnel 0.5 progress" in text
    assert "Score 0.5, the mean of its 2 scored metrics (progress)." in text
    # The retrospectives, with the decision in words.
    assert "WHAT WORKED Daily call blocks for the SDR team." in text
    assert "WHAT DID NOT Legal review held contracts for two weeks." in text
    assert "DECISION Keep it" in text
    assert "DECISION Change it" in text


def test_each_metric_has_its_status_word_last_actual_confidence_and_who_checked_in(q1: bytes) -> None:
    text = " ".join(pages(q1)[1:])
    # Deals won: 18 on 29 Mar, expected 20 by 31 Mar (90% of the way: on track), confidence 6, falling.
    assert (
        "Deals won deals · due 31 Mar 2027 0 20 18 29 Mar 2027 20 On track 6 of 10 ↘ falling Maya Okafor"
        in text
    )
    # SQLs accepted: 90 of the 160 expected: off track; the leader's confidence 4, falling from 6.
    assert "SQLs accepted SQLs · due 31 Mar 2027 0 160 90 29 Mar 2027 160 Off track 4 of 10 ↘ falling" in text
    # MQLs: 390 against 361 expected on 31 Mar on the line to 800 by 30 June.
    assert (
        "MQLs handed over MQLs · due 30 Jun 2027 0 800 390 29 Mar 2027 361 On track 8 of 10 ↗ rising Priya Raman"
        in text
    )
    # Each metric's progress chart, titled with its name and status.
    for title in ("Deals won on track", "SQLs accepted off track", "MQLs handed over on track"):
        assert title in text


def test_sales_stand_beside_marketing_and_the_funnel_against_the_plan(q1: bytes) -> None:
    text = " ".join(pages(q1)[1:])
    assert "Sales · SQLs accepted · off track" in text
    assert "Marketing · SQLs sourced · on track" in text
    # The funnel: MQLs 390 of 400 planned, SQLs 90 + 140 of 160, deals 18 of 20; MQL to SQL 59%.
    assert "Funnel: actual against plan" in text
    assert "Actual of planned Q1 2027 MQLs 390 of 400 SQLs 230 of 160 Deals 18 of 20" in text
    assert "MQLs → SQLs plan 40% 59%" in text


def test_the_wins_of_the_period_are_celebrated_with_the_people_to_thank(q1: bytes) -> None:
    text = pages(q1)[-1]
    assert "Wins to celebrate" in text
    assert (
        "12 Feb 2027 First enterprise logo: Contoso Maya Okafor and the SDR team O1 Win twenty new logos"
        in text
    )
    assert "Webinar with 900 sign-ups" not in text  # a win of May is Q2's


def test_every_page_says_which_report_and_as_of_which_day(q1: bytes) -> None:
    texts = pages(q1)
    for number, text in enumerate(texts, start=1):
        assert "Results report · Q1 2027 · as of 31 Mar 2027, the end of Q1 2027" in text
        assert f"Page {number} of {len(texts)}" in text
    assert "DRAFT" not in " ".join(texts)


def test_the_same_plan_and_period_print_the_same_bytes(made: ReportPlan, q1: bytes, tmp_path: Path) -> None:
    # Another day after the quarter: the report reads the plan as of 31 March all the same.
    again = write(made.path, tmp_path / "again.pdf", "2027-Q1", today=D(2028, 2, 1))
    assert again == q1


def test_check_ins_wins_and_readings_after_the_period_do_not_count(
    made: ReportPlan, q1: bytes, tmp_path: Path
) -> None:
    copy = tmp_path / "later.offsite"
    copy.write_bytes(made.path.read_bytes())
    with open_plan(copy) as plan:
        # Typed in April about April: a record month, a win, the next quarter's alignment.
        checkins.check_in(plan, made.metrics["Deals won"], 40, as_of=D(2027, 4, 2), confidence=10)
        checkins.log_win(plan, D(2027, 4, 3), "Record April", thanks="Everyone")
        checkins.take_alignment_reading(plan, "2027-Q2", 90, 4.8)
    assert write(copy, tmp_path / "q1-again.pdf", "2027-Q1") == q1


def test_a_check_in_typed_late_about_the_period_counts(made: ReportPlan, q1: bytes, tmp_path: Path) -> None:
    copy = tmp_path / "late.offsite"
    copy.write_bytes(made.path.read_bytes())
    with open_plan(copy) as plan:
        checkins.check_in(plan, made.metrics["SQLs accepted"], 150, as_of=D(2027, 3, 31), confidence=9)
    text = " ".join(pages(write(copy, tmp_path / "late.pdf", "2027-Q1")))
    assert "SQLs accepted SQLs · due 31 Mar 2027 0 160 150 31 Mar 2027 160 On track 9 of 10 ↗ rising" in text


def test_a_quarter_with_no_check_ins_yet_still_reports_and_says_so(made: ReportPlan, tmp_path: Path) -> None:
    texts = pages(write(made.path, tmp_path / "q3.pdf", "2027-Q3", today=D(2027, 8, 10)))
    cover = texts[0]
    assert "Q3 2027 (1 Jul – 30 Sep 2027)" in cover
    assert "Prepared as of 10 Aug 2027, before Q3 2027 ends (30 Sep 2027)" in cover
    assert "No check-ins in Q3 2027 yet." in cover
    # Scored as the Quarter end page scores: by the last actuals within the quarter, so none yet.
    assert "OBJECTIVES SCORED SO FAR IN Q3 2027 0 0 0 2 delivered progress missed no score" in cover
    text = " ".join(texts)
    # The last actuals stand, dated before the quarter; no review yet, no wins yet.
    assert "780 28 Jun 2027 (before Q3)" in text
    assert "No retrospective written for Q3 2027 yet." in text
    assert "No score yet: none of its metrics with a target has been checked in during Q3 2027." in text
    assert "No wins logged in Q3 2027 yet." in text
    assert "Results report · Q3 2027 · as of 10 Aug 2027, before Q3 2027 ends (30 Sep 2027)" in texts[-1]


def test_a_report_made_before_the_offsite_says_the_quarter_has_not_started(
    made: ReportPlan, tmp_path: Path
) -> None:
    texts = pages(write(made.path, tmp_path / "early.pdf", "2027-Q1", today=D(2026, 12, 6)))
    cover = texts[0]
    assert "Prepared as of 6 Dec 2026, before Q1 2027 starts (1 Jan 2027)" in cover
    assert "No check-ins in Q1 2027 yet." in cover
    assert "METRICS ON 6 DEC 2026 0 0 0 4 on track at risk off track no data" in cover


def test_a_month_reads_its_own_days_and_leaves_the_quarters_review_out(
    made: ReportPlan, tmp_path: Path
) -> None:
    texts = pages(write(made.path, tmp_path / "february.pdf", "2027-02"))
    cover, text = texts[0], " ".join(texts)
    assert "February 2027 (1–28 Feb 2027)" in cover
    assert "3 check-ins in February 2027 on 3 of 4 metrics; one win logged to celebrate." in cover
    assert "OBJECTIVES SCORED SO FAR IN Q1 2027" in cover
    assert OVERRIDE_REASON not in text
    assert "RETROSPECTIVE" not in text
    assert "Deals won deals · due 31 Mar 2027 0 20 5 1 Feb 2027" in text


def test_a_cancelled_report_writes_nothing(made: ReportPlan, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    out.write_bytes(b"last quarter's report")
    with open_plan(made.path, readonly=True) as plan, pytest.raises(CancelledError):
        export_plan_report(plan, out, report_period("2027-Q1"), today=LATER, is_cancelled=lambda: True)
    assert out.read_bytes() == b"last quarter's report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]


def test_a_report_into_a_folder_that_is_not_there_is_refused(made: ReportPlan, tmp_path: Path) -> None:
    with open_plan(made.path, readonly=True) as plan, pytest.raises(ExportError, match="does not exist"):
        export_plan_report(plan, tmp_path / "gone" / "report.pdf", report_period("2027-Q1"), today=LATER)


# --- The period and its day ----------------------------------------------------------------------------------


def test_a_report_covers_a_quarter_a_month_or_a_week_and_says_how_to_write_one() -> None:
    assert report_period("2027-Q1").label == "2027-Q1"
    assert report_period("Q1 2027").label == "2027-Q1"
    assert report_period("2027-03").label == "2027-03"
    assert report_period("2027-W05").label == "2027-W05"
    for wrong in ("2027", "H1 2027", "2027-03-14", "next quarter"):
        with pytest.raises(ValueError, match="2027-Q1, 2027-03 or 2027-W05"):
            report_period(wrong)


def test_the_default_is_the_last_quarter_finished_since_the_plan_started() -> None:
    start = D(2027, 1, 15)
    assert default_report_period(start, D(2027, 2, 20)).label == "2027-Q1"  # none finished yet
    assert default_report_period(start, D(2027, 4, 2)).label == "2027-Q1"
    assert default_report_period(start, D(2027, 11, 5)).label == "2027-Q3"
    assert default_report_period(start, D(2026, 12, 6)).label == "2027-Q1"  # before the plan starts
    assert default_report_period(None, D(2027, 5, 1)).label == "2027-Q1"


def test_the_report_reads_the_plan_as_of_the_periods_end_or_today_if_earlier() -> None:
    q1 = parse_period("2027-Q1")
    assert report_day(q1, D(2027, 7, 1)) == D(2027, 3, 31)
    assert report_day(q1, D(2027, 2, 14)) == D(2027, 2, 14)
