"""The demo plan's first two quarters after the offsite, written as leaders and an import write them.

    python packaging/demo_tracking.py      rewrite resources/demo.json with them

The offsite itself (objectives, metrics, buy-in, the signed-then-reopened version, the merged
draft) is data, ``resources/demo.json``. This script writes what happened after it into that data:
funnel stages on the metrics that count one, weekly check-ins of every metric from the week after
the offsite (14–15 January 2027) to the end of June, typed by the leaders who answer for them, a
saved mapping of the CRM's deals export and the monthly imports through it, the quarter review of
2027-Q1 (scores, one overridden, retrospectives, decisions), a wins log, and the alignment reading
taken when Q1 was closed.

Everything goes through the service verbs a leader's typing and an import go through, with fixed
dates and a seeded random generator: every run writes the same plan, uids aside, and
tests/exchange/test_demo.py checks the shipped demo is what this script writes. The demo is then
written at first run by the one import every plan goes through (some 20 ms more than the offsite alone).

The story the numbers tell: most metrics move from baseline to target on time, with noise;
outbound books its meetings but few become opportunities (off track), because account executives
turn many down (SQL acceptance rate, at risk); a webinar series lifts leads in March and dents the
MQL-to-SQL conversion for a few weeks; two enterprise deals slip from March to April.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
import sys
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from offsite.domain.alignment import plan_alignment, whole_points
from offsite.domain.checkins import NewReading
from offsite.domain.smart import objectives_passing
from offsite.domain.values import Kind, MetricView
from offsite.exchange.interchange import import_json, read_document, write_json
from offsite.services import changes
from offsite.services.brainstorm import read_brainstorm
from offsite.services.checkins import (
    apply_readings,
    check_in,
    log_win,
    review_objective,
    save_mapping,
    take_alignment_reading,
)
from offsite.services.overlaps import read_resolutions
from offsite.services.plans import read_plan
from offsite.services.survey import read_ratings
from offsite.store import PlanFile
from offsite.store.document.data import LATER

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "resources" / "demo.json"
SEED = 2027

#: The sections of the review cadence (interchange version 8), which this script writes.
CADENCE = (
    "check_ins",
    "import_mappings",
    "objective_reviews",
    "wins",
    "alignment_readings",
    "previous_cycle",
)

#: Where the plan's course starts (the offsite's last day) and where a metric without a due date
#: ends (the plan's horizon, H1 2027): the straight line every metric's status is read against.
STARTS = dt.date(2027, 1, 15)
HORIZON_END = dt.date(2027, 6, 30)
#: Every Friday from the week after the offsite to the last of June: the weekly check-in.
FRIDAYS = tuple(dt.date(2027, 1, 22) + dt.timedelta(weeks=n) for n in range(23))
#: The last check-in of each quarter is never missed: the quarter's score is read from it.
QUARTER_ENDS = (dt.date(2027, 3, 26), dt.date(2027, 6, 25))

SOURCE = "HubSpot deals export"
#: Who runs the CRM export: no leader of the plan, so the imported check-ins name her.
CRM_USER = "Jordan Ellis"


@dataclass(frozen=True, slots=True)
class Course:
    """How one metric moved: the share of the way from baseline to target it had made by each day
    (straight between the days named), who types its check-ins, and what they noted on the way."""

    stage: str
    by: str
    path: tuple[tuple[dt.date, float], ...]
    digits: int  # the decimals its owner types
    notes: Mapping[dt.date, str]
    noise: float = 0.04  # how much a week's value strays from the course, as a share of the way made


def _d(month: int, day: int) -> dt.date:
    return dt.date(2027, month, day)


COURSES: dict[str, Course] = {
    # Go outbound: the SDRs book their meetings, but account executives turn many down.
    "Appointments booked": Course(
        "sqls",
        "Tomás Herrera",
        ((STARTS, 0), (_d(2, 12), 0.35), (_d(3, 31), 1.0), (_d(6, 30), 1.05)),
        0,
        {_d(2, 5): "New ideal-customer list live; sequences rewritten for it"},
    ),
    "Opportunities from outbound": Course(
        "opportunities",
        "Maya Okafor",
        ((STARTS, 0), (_d(2, 26), 0.25), (_d(3, 31), 0.45), (_d(6, 30), 0.62)),
        0,
        {
            _d(2, 19): "AEs turn down early meetings: no budget confirmed",
            _d(3, 26): "Half the booked meetings never become opportunities",
            _d(4, 9): "AEs now join the SDRs' qualification calls",
        },
    ),
    # Fill the pipeline: the webinars' leads reach the pipeline in April; conversion dips, then recovers.
    "Marketing-sourced pipeline": Course(
        "",
        "Priya Raman",
        ((STARTS, 0), (_d(3, 31), 0.48), (_d(4, 30), 0.72), (_d(6, 30), 1.03)),
        2,
        {_d(4, 23): "Webinar leads reaching the pipeline"},
    ),
    "MQL to SQL conversion": Course(
        "",
        "Lena Fischer",
        ((STARTS, 0), (_d(3, 5), 0.4), (_d(3, 19), 0.2), (_d(4, 16), 0.55), (_d(6, 30), 1.0)),
        1,
        {_d(3, 19): "More MQLs than sales can work this month; conversion will come back"},
    ),
    "Full-funnel pipeline coverage": Course(
        "",
        "Aiko Tanaka",
        ((STARTS, 0), (_d(6, 30), 1.02)),
        1,
        {_d(2, 12): "Weekly pipeline call on one dashboard"},
    ),
    # Expand happy customers: two enterprise deals slip from March into April.
    "Net revenue retention": Course(
        "",
        "Daniel Kim",
        (
            (STARTS, 0),
            (_d(3, 19), 0.4),
            (_d(3, 26), 0.22),
            (_d(4, 9), 0.3),
            (_d(4, 16), 0.58),
            (_d(6, 30), 1.02),
        ),
        1,
        {_d(3, 26): "Two enterprise deals slipped to Q2", _d(4, 16): "Both slipped enterprise deals signed"},
    ),
    "Customer satisfaction (CSAT)": Course(
        "",
        "Daniel Kim",
        ((STARTS, 0), (_d(6, 30), 1.0)),
        1,
        {_d(5, 21): "Support backlog cleared"},
    ),
    # Clean hand-offs: routing and first touch hit their targets; acceptance stays short of its.
    "Leads routed within 5 minutes": Course(
        "",
        "Aiko Tanaka",
        ((STARTS, 0), (_d(1, 29), 0.1), (_d(2, 5), 0.7), (_d(3, 31), 1.0), (_d(6, 30), 1.0)),
        1,
        {_d(2, 5): "Round-robin routing live in the CRM"},
    ),
    "SQL acceptance rate": Course(
        "",
        "Tomás Herrera",
        ((STARTS, 0), (_d(3, 31), 0.8), (_d(6, 30), 0.83)),
        1,
        {
            _d(3, 5): "AEs and SDRs still disagree on what “budget confirmed” means",
            _d(5, 14): "New acceptance checklist agreed with the AEs",
        },
    ),
    "Time to first touch": Course(
        "",
        "Tomás Herrera",
        ((STARTS, 0), (_d(2, 5), 0.3), (_d(2, 19), 0.8), (_d(3, 31), 0.97), (_d(6, 30), 0.98)),
        1,
        {_d(2, 19): "SLA alerts on for every rep"},
        0.015,
    ),
    # Own the category: share of voice is slow until an analyst report; the webinars lift leads.
    "Share of voice": Course(
        "",
        "Priya Raman",
        ((STARTS, 0), (_d(4, 9), 0.3), (_d(4, 16), 0.6), (_d(6, 30), 1.0)),
        1,
        {_d(4, 16): "Named in the analyst report on revenue platforms"},
    ),
    "Inbound leads": Course(
        "leads",
        "Lena Fischer",
        ((STARTS, 0), (_d(3, 5), 0.25), (_d(3, 12), 0.45), (_d(6, 30), 1.08)),
        0,
        {_d(3, 12): "Webinar series doubled MQLs"},
    ),
}

#: What the CRM export adds each month: outbound opportunities opened that month, counted from the
#: deals past their first stage whose source is outbound (the saved mapping's filters).
IMPORTED = "Opportunities from outbound"
MONTH_ENDS = (_d(1, 31), _d(2, 28), _d(3, 31), _d(4, 30), _d(5, 31), _d(6, 30))
OPPORTUNITY_STAGES = (
    "Qualified To Buy",
    "Presentation Scheduled",
    "Decision Maker Bought-In",
    "Contract Sent",
    "Closed Won",
    "Closed Lost",
)

REVIEWED = dt.datetime(2027, 4, 6, 10, 0)
#: The quarter review of 2027-Q1, objective by objective: score (None: the metrics' score stands),
#: why it was overridden, what worked, what did not, and what happens next.
REVIEWS: dict[str, tuple[float | None, str, str, str, str]] = {
    "Go outbound": (
        None,
        "",
        "The new ideal-customer list and rewritten sequences: appointments reached the target in March.",
        "Few meetings became opportunities: account executives turned down the early ones, "
        "with no budget confirmed.",
        "change",
    ),
    "Fill the pipeline": (
        None,
        "",
        "The webinar series: twice the MQLs in March, and their leads are reaching the pipeline.",
        "Sales could not work the extra MQLs at once, so conversion dipped for three weeks.",
        "keep",
    ),
    "One funnel view": (
        None,
        "",
        "One dashboard and one weekly pipeline call for sales, marketing and customer success.",
        "Stage definitions still differ between the CRM and marketing automation.",
        "keep",
    ),
    "Expand happy customers": (
        None,
        "",
        "Executive sponsors on the top accounts; CSAT up every month.",
        "Two enterprise deals slipped past the quarter's end: we saw the risk too late.",
        "keep",
    ),
    "Clean hand-offs": (
        0.7,
        "Routing and first touch met their targets, but account executives still turn down about one SQL "
        "in six: the hand-off is not clean until they accept them.",
        "Round-robin routing and SLA alerts: leads are touched within hours, not a day.",
        "SDRs and account executives still disagree on what a qualified meeting is.",
        "change",
    ),
    "Own the category": (
        None,
        "",
        "The webinars filled the top of the funnel.",
        "Share of voice barely moved: no analyst coverage yet, and PR started late.",
        "keep",
    ),
}

#: The wins log: the day, what was won, the people to thank, and the objective it serves.
WINS = (
    (
        _d(2, 19),
        "First enterprise meeting booked from the new outbound sequences",
        "Tomás Herrera and the SDR team",
        "Go outbound",
    ),
    (
        _d(2, 26),
        "Nearly nine in ten inbound leads routed within five minutes (six in ten before the offsite)",
        "Aiko Tanaka and RevOps",
        "Clean hand-offs",
    ),
    (
        _d(3, 12),
        "Webinar series doubled MQLs in a month",
        "Lena Fischer and the content team",
        "Own the category",
    ),
    (
        _d(4, 16),
        "Both enterprise deals that slipped in March signed",
        "Daniel Kim, Maya Okafor and the Northwind account team",
        "Expand happy customers",
    ),
    (
        _d(5, 21),
        "Support backlog cleared: no ticket older than two days",
        "The support team",
        "Expand happy customers",
    ),
)
ALIGNMENT_TAKEN = dt.datetime(2027, 4, 6, 11, 30)


# --- The rules the numbers are held to ------------------------------------------------------------


def share_made(course: Course, day: dt.date) -> float:
    """The share of the way from baseline to target ``course`` had made by ``day``."""
    path = course.path
    for (start, low), (end, high) in itertools.pairwise(path):
        if start <= day <= end:
            return low + (high - low) * (day - start).days / (end - start).days
    return path[-1][1]


def progress_ratio(metric: MetricView, day: dt.date, value: float) -> float:
    """Progress made over progress expected by ``day``, on the straight line from the baseline (on
    the offsite's last day) to the target (on the due date, else the horizon's end)."""
    baseline, target = _line(metric)
    end = metric.due or HORIZON_END
    elapsed = min(1.0, max(0.0, (day - STARTS).days / (end - STARTS).days))
    expected = (target - baseline) * elapsed
    return (value - baseline) / expected if expected else 1.0


def _line(metric: MetricView) -> tuple[float, float]:
    """The metric's baseline and target: every metric of the demo has both."""
    if metric.baseline is None or metric.target is None:
        raise ValueError(f"{metric.name} has no baseline or target to move between.")
    return metric.baseline, metric.target


def felt(ratio: float) -> float:
    """The confidence an owner would give, 0–10, for the progress they see."""
    for floor, confidence in ((1.05, 9), (0.95, 8), (0.9, 7), (0.8, 6), (0.7, 5), (0.5, 3)):
        if ratio >= floor:
            return confidence
    return 2


# --- The plan --------------------------------------------------------------------------------------


def offsite_only(document: Mapping[str, Any]) -> dict[str, Any]:
    """``document`` as the offsite left it: no review cadence, no funnel stages."""
    offsite: dict[str, Any] = json.loads(json.dumps(document))
    for section in CADENCE:
        if section in offsite:
            offsite[section] = json.loads(json.dumps(LATER.defaults[section]))
    for objective in offsite["objectives"]:
        for metric in objective["metrics"]:
            if "funnel_stage" in metric:
                metric["funnel_stage"] = ""
    return offsite


def write_tracked_demo(document: Mapping[str, Any], path: Path) -> PlanFile:
    """Import ``document`` (the offsite) at ``path`` and write its two quarters; return the plan open."""
    with tempfile.TemporaryDirectory(prefix="offsite-demo-tracking-") as folder:
        source = Path(folder) / "offsite.json"
        source.write_text(json.dumps(offsite_only(document), ensure_ascii=False), encoding="utf-8")
        plan = import_json(source, path)
    track(plan)
    return plan


@dataclass(frozen=True, slots=True)
class _Event:
    at: dt.datetime
    order: int  # ties broken as planned
    what: str
    args: tuple[Any, ...]


def track(plan: PlanFile) -> None:
    """Write the two quarters after the offsite into ``plan``, in the order they happened."""
    rng = random.Random(SEED)
    view = read_plan(plan)
    metrics = [m for o in view.objectives for m in o.metrics]
    by_name = {m.name: m for m in metrics}
    leaders = {leader.name: leader.id for leader in view.leaders}
    objectives = {o.statement: o.id for o in view.objectives}
    for metric in metrics:
        if COURSES[metric.name].stage:
            changes.update_fields(plan, Kind.METRIC, metric.id, {"funnel_stage": COURSES[metric.name].stage})
    save_mapping(
        plan,
        SOURCE,
        {
            "layout": "records",
            "metric_column": "",
            "date_column": "Create Date",
            "value_column": "",
            "note_column": "",
            "owner_column": "",
            "aggregate": "count",
            "period": "month",
            "cumulative": False,
            "decimal": "auto",
            "dates": "auto",
        },
        metric_id=by_name[IMPORTED].id,
        filters=[("Deal Source", ["Outbound"]), ("Deal Stage", list(OPPORTUNITY_STAGES))],
    )
    events = [*_typed(rng, metrics, leaders), *_imports(rng, by_name[IMPORTED])]
    events.append(_Event(REVIEWED, 0, "reviews", ()))
    events.append(_Event(ALIGNMENT_TAKEN, 0, "alignment", ()))
    events += [
        _Event(dt.datetime.combine(on, dt.time(17, 0)), 0, "win", (on, text, thanks, objectives[objective]))
        for on, text, thanks, objective in WINS
    ]
    for event in sorted(events, key=lambda e: (e.at, e.order)):
        if event.what == "check-in":
            metric_id, value, as_of, confidence, note, leader_id = event.args
            check_in(
                plan,
                metric_id,
                value,
                as_of=as_of,
                confidence=confidence,
                note=note,
                leader_id=leader_id,
                at=event.at,
            )
        elif event.what == "import":
            apply_readings(plan, event.args, SOURCE, at=event.at)
        elif event.what == "win":
            on, text, thanks, objective_id = event.args
            log_win(plan, on, text, thanks=thanks, objective_id=objective_id, at=event.at)
        elif event.what == "reviews":
            for statement, (score, reason, worked, did_not_work, decision) in REVIEWS.items():
                review_objective(
                    plan,
                    objectives[statement],
                    "Q1 2027",
                    at=event.at,
                    score=score,
                    reason=reason,
                    worked=worked,
                    did_not_work=did_not_work,
                    decision=decision,
                )
        else:
            _take_alignment_reading(plan, event.at)


def _typed(rng: random.Random, metrics: Sequence[MetricView], leaders: Mapping[str, int]) -> Iterator[_Event]:
    """Each metric's weekly check-ins as its owner types them: value, confidence, now and then a note."""
    for order, metric in enumerate(metrics):
        course = COURSES[metric.name]
        baseline, target = _line(metric)
        span = target - baseline
        confidence = 7.5
        for week, day in enumerate(FRIDAYS):
            made = share_made(course, day) * (1 + rng.gauss(0, course.noise)) + rng.gauss(0, course.noise / 5)
            value = round(baseline + span * made, course.digits)
            # The owner's confidence follows the numbers, slowly: a bad week is not a bad quarter.
            confidence = 0.6 * confidence + 0.4 * felt(progress_ratio(metric, day, value)) + rng.gauss(0, 0.3)
            said = max(0, min(10, round(confidence)))
            missed = rng.random() < 0.05 and week > 0 and day not in QUARTER_ENDS
            unsaid = rng.random() < 0.04
            late = rng.random() < 0.08
            when = (
                dt.datetime.combine(day + dt.timedelta(days=3), dt.time(8, 0))
                if late
                else dt.datetime.combine(day, dt.time(14, 0)) + dt.timedelta(minutes=7 * order)
            ) + dt.timedelta(minutes=rng.randint(0, 90))
            if missed:
                continue
            args = (
                metric.id,
                value,
                day,
                None if unsaid else said,
                course.notes.get(day, ""),
                leaders[course.by],
            )
            yield _Event(when, order, "check-in", args)


def _imports(rng: random.Random, metric: MetricView) -> Iterator[_Event]:
    """The CRM's deals export imported on the second working day of each month, for the month before."""
    course = COURSES[metric.name]
    baseline, target = _line(metric)
    for month_end in MONTH_ENDS:
        made = share_made(course, month_end) * (1 + rng.gauss(0, 0.03))
        value = round(baseline + (target - baseline) * made)
        reading = NewReading(metric.id, month_end, value, owner=CRM_USER)
        day = month_end + dt.timedelta(days=2)
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        yield _Event(dt.datetime.combine(day, dt.time(9, 30)), 0, "import", (reading,))


def _take_alignment_reading(plan: PlanFile, at: dt.datetime) -> None:
    """The alignment index as the Review page computes it when Q1 is closed, and the leaders' mean rating."""
    survey = read_ratings(plan)
    ratings = [r.rating for r in survey.ratings]
    index = plan_alignment(
        read_plan(plan),
        resolutions=read_resolutions(plan),
        smart_passed=objectives_passing(read_brainstorm(plan).candidates),
        ratings=ratings,
    )
    assert index.score is not None
    take_alignment_reading(plan, "2027-Q1", whole_points(index.score), survey.mean, at=at)


def main() -> None:
    with (
        tempfile.TemporaryDirectory(prefix="offsite-demo-") as folder,
        write_tracked_demo(read_document(DEMO), Path(folder) / "demo.offsite") as plan,
    ):
        write_json(plan, DEMO)
    print(f"wrote {DEMO.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
