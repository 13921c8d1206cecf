"""The next cycle from a plan: a new plan file for the next offsite, from the demo plan, on real files.

The new plan keeps the table (teams, leaders with titles and initials, company goals), asks every
definition's buy-in again, carries the unfinished objectives as candidates of the brainstorm with
their metrics, puts each quarter review's lessons in the parking lot and points back to the plan it
continues; nothing of the old plan's buy-in, votes, versions, signatures or check-ins comes along.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from sqlalchemy import select

from offsite.domain.errors import EditRefusedError, OffsiteError
from offsite.exchange.cycle import start_next_cycle
from offsite.exchange.interchange import export_document
from offsite.services.checkins import check_in, review_objective
from offsite.services.cycle import read_outcomes, read_previous_cycle
from offsite.services.plans import check_plan, open_plan
from offsite.services.signoff import freeze
from offsite.store.document import plan_document
from offsite.store.document.view import read_definitions
from offsite.store.models import Metric, Objective
from offsite.store.planfile import PlanFile
from quarters import forget_the_quarters

STARTED = dt.datetime(2027, 6, 20, 9, 30)


def objective_id(plan: PlanFile, statement: str) -> int:
    with plan.read() as s:
        found = s.scalars(select(Objective.id).where(Objective.statement == statement)).one()
        return int(found)


def metric_ids(plan: PlanFile, statement: str) -> list[int]:
    with plan.read() as s:
        return list(
            s.scalars(
                select(Metric.id)
                .join(Objective, Objective.id == Metric.objective_id)
                .where(Objective.statement == statement)
                .order_by(Metric.position)
            )
        )


def files_in(folder: Path) -> list[str]:
    """The files in ``folder``, but SQLite's own beside an open plan."""
    return sorted(p.name for p in folder.iterdir() if not p.name.endswith(("-wal", "-shm")))


def review_the_quarter(plan: PlanFile) -> None:
    """The demo's Q1 2027 as its leaders closed it: “Go outbound” kept at 0.4, “Fill the pipeline”
    delivered (0.9), “One funnel view” dropped at 0.2; the others not reviewed, and no check-in."""
    forget_the_quarters(plan)
    review_objective(
        plan,
        objective_id(plan, "Go outbound"),
        "Q1 2027",
        score=0.4,
        worked="Sequences to accounts that had visited the pricing page.",
        did_not_work="Cold calls to the purchased list",
        decision="keep",
    )
    review_objective(
        plan, objective_id(plan, "Fill the pipeline"), "Q1 2027", score=0.9, worked="The partner webinars"
    )
    review_objective(
        plan,
        objective_id(plan, "One funnel view"),
        "Q1 2027",
        score=0.2,
        did_not_work="The CRM and the marketing tool never shared an account id",
        decision="drop",
    )


def next_cycle(plan: PlanFile, tmp_path: Path, **choices: object) -> dict[str, object]:
    out = start_next_cycle(plan, tmp_path / "next.offsite", at=STARTED, **choices)  # type: ignore[arg-type]
    assert out == tmp_path / "next.offsite"
    with open_plan(out, readonly=True) as new:
        return plan_document(new)


def test_the_next_plan_keeps_the_table_and_the_aim_under_a_new_identity(
    demo_plan: PlanFile, tmp_path: Path
) -> None:
    old = plan_document(demo_plan)
    new = next_cycle(demo_plan, tmp_path)

    assert new["plan"]["uid"] != old["plan"]["uid"]
    assert new["plan"]["title"] == "Sales & Marketing Offsite H2 2027"  # the demo plans H1 2027
    assert new["plan"]["horizon"] == "H2 2027"
    assert new["plan"]["vision"] == old["plan"]["vision"]
    assert (new["plan"]["starts_on"], new["plan"]["ends_on"], new["plan"]["venue"]) == (None, None, "")
    assert new["teams"] == old["teams"]
    assert [(p["name"], p["title"], p["initials"], p["team"]) for p in new["leaders"]] == [
        (p["name"], p["title"], p["initials"], p["team"]) for p in old["leaders"]
    ]
    assert new["company_goals"] == old["company_goals"]
    assert [i["title"] for i in new["agenda"]["items"]] == [i["title"] for i in old["agenda"]["items"]]


def test_definitions_come_with_their_text_and_no_buy_in(demo_plan: PlanFile, tmp_path: Path) -> None:
    old = plan_document(demo_plan)
    assert any(d["stances"] for d in old["definitions"])
    next_cycle(demo_plan, tmp_path)

    with open_plan(tmp_path / "next.offsite", readonly=True) as new:
        definitions = read_definitions(new)
    assert [(d.term, d.definition) for d in definitions] == [
        (d["term"], d["definition"]) for d in old["definitions"]
    ]
    assert all(not d.stances and not d.bought_in for d in definitions)


def test_nothing_of_the_old_plans_agreement_or_tracking_comes_along(
    demo_plan: PlanFile, tmp_path: Path
) -> None:
    review_the_quarter(demo_plan)
    (metric, *_) = metric_ids(demo_plan, "Go outbound")
    check_in(demo_plan, metric, 90, as_of=dt.date(2027, 3, 28), confidence=4)
    old = plan_document(demo_plan)
    for section in ("buy_in", "votes", "versions", "check_ins"):
        assert old[section], section

    new = next_cycle(demo_plan, tmp_path)

    for section in (
        "objectives",
        "buy_in",
        "votes",
        "versions",
        "survey",
        "check_ins",
        "objective_reviews",
        "wins",
        "why_chains",
        "overlap_resolutions",
    ):
        assert new[section] == [], section
    old_candidates = {c["uid"] for c in old["candidates"]}
    assert not old_candidates & {c["uid"] for c in new["candidates"]}
    assert new["drafting"] == {"draft": None, "merges": []}


def test_unfinished_objectives_are_the_ones_kept_changed_low_or_never_reviewed(demo_plan: PlanFile) -> None:
    review_the_quarter(demo_plan)
    outcomes = {o.statement: o for o in read_outcomes(demo_plan)}

    assert {s: (o.unfinished, o.why) for s, o in outcomes.items()} == {
        "Go outbound": (True, "Q1 score 0.4 · decision: keep"),
        "Fill the pipeline": (False, "Q1 score 0.9"),
        "One funnel view": (False, "Q1 score 0.2 · decision: drop"),
        "Expand happy customers": (True, "no quarter review"),
        "Clean hand-offs": (True, "no quarter review"),
        "Own the category": (True, "no quarter review"),
    }


def test_a_review_without_a_score_is_scored_by_its_metrics_in_that_quarter(demo_plan: PlanFile) -> None:
    forget_the_quarters(demo_plan)
    appointments, opportunities = metric_ids(demo_plan, "Go outbound")  # 40 → 180, 8 → 45
    check_in(demo_plan, appointments, 180, as_of=dt.date(2027, 3, 30))
    check_in(demo_plan, opportunities, 45, as_of=dt.date(2027, 3, 31))
    check_in(demo_plan, opportunities, 8, as_of=dt.date(2027, 4, 2))  # Q2: not what Q1 scored
    review_objective(demo_plan, objective_id(demo_plan, "Go outbound"), "2027-Q1", worked="Everything")

    (outcome,) = [o for o in read_outcomes(demo_plan) if o.statement == "Go outbound"]
    assert outcome.why == "Q1 score 1.0"
    assert not outcome.unfinished
    # The last actual of all, the next cycle's baseline, is the latest check-in (Q2's).
    assert [(m.last_actual, m.last_on) for m in outcome.metrics] == [
        (180, dt.date(2027, 3, 30)),
        (8, dt.date(2027, 4, 2)),
    ]


def test_the_unfinished_objectives_become_carried_over_candidates_with_their_metrics(
    demo_plan: PlanFile, tmp_path: Path
) -> None:
    review_the_quarter(demo_plan)
    appointments, _ = metric_ids(demo_plan, "Go outbound")
    check_in(demo_plan, appointments, 96, as_of=dt.date(2027, 3, 28))
    old = plan_document(demo_plan)
    sales = next(t["uid"] for t in old["teams"] if t["name"] == "Sales")
    outbound = next(o for o in old["objectives"] if o["statement"] == "Go outbound")

    new = next_cycle(demo_plan, tmp_path)

    candidates = {c["text"]: c for c in new["candidates"]}
    assert list(candidates) == [
        "Go outbound",
        "Expand happy customers",
        "Clean hand-offs",
        "Own the category",
    ]
    carried = candidates["Go outbound"]
    assert carried["exercise"] == "carried_over"
    assert carried["team"] == sales
    assert carried["origin_uid"] == outbound["uid"]
    assert carried["origin_label"] == (
        "Carried over from “Sales & Marketing Offsite 2027” › Sales: “Go outbound” (Q1 2027)"
    )
    assert carried["smart"]["measurable"]["note"] == (
        "Last cycle: Appointments booked: 40 → 180 meetings by 31 Mar 2027; last 96 on 28 Mar 2027; "
        "Opportunities from outbound: 8 → 45 opportunities by 31 Mar 2027."
    )
    assert carried["smart"]["achievable"]["note"] == "Last cycle: Q1 score 0.4 · decision: keep."
    # A new cycle judges, scores and votes again.
    assert all(m["value"] is None for m in carried["smart"].values())
    assert (carried["impact"], carried["shortlisted"]) == (None, False)
    # A shared objective is no one team's: its origin names the teams.
    shared = candidates["Clean hand-offs"]
    assert shared["team"] is None
    assert "› Sales, Marketing and RevOps: “Clean hand-offs”" in shared["origin_label"]


def test_only_the_objectives_chosen_are_carried(demo_plan: PlanFile, tmp_path: Path) -> None:
    review_the_quarter(demo_plan)
    pipeline = next(o.uid for o in read_outcomes(demo_plan) if o.statement == "Fill the pipeline")

    new = next_cycle(demo_plan, tmp_path, objective_uids=[pipeline], title="FY28 kick-off", horizon="FY2028")

    assert [c["text"] for c in new["candidates"]] == ["Fill the pipeline"]
    assert (new["plan"]["title"], new["plan"]["horizon"]) == ("FY28 kick-off", "FY2028")


def test_each_quarter_reviews_lessons_wait_in_the_parking_lot_as_last_cycle_items(
    demo_plan: PlanFile, tmp_path: Path
) -> None:
    review_the_quarter(demo_plan)

    new = next_cycle(demo_plan, tmp_path)

    assert [(p["text"], p["raised_in"], p["resolved_at"]) for p in new["parking_lot"]] == [
        (
            "Last cycle › “Go outbound”: Q1 2027 score 0.4, decision: keep. "
            "Worked: Sequences to accounts that had visited the pricing page. "
            "Did not work: Cold calls to the purchased list.",
            "Last cycle",
            None,
        ),
        (
            "Last cycle › “Fill the pipeline”: Q1 2027 score 0.9. Worked: The partner webinars.",
            "Last cycle",
            None,
        ),
        (
            "Last cycle › “One funnel view”: Q1 2027 score 0.2, decision: drop. "
            "Did not work: The CRM and the marketing tool never shared an account id.",
            "Last cycle",
            None,
        ),
    ]
    assert {p["raised_at"] for p in new["parking_lot"]} == {"2027-06-20T09:30:00.000000Z"}


def test_the_new_plan_points_back_at_the_version_its_leaders_signed(
    demo_plan: PlanFile, tmp_path: Path
) -> None:
    old = plan_document(demo_plan)
    (signed,) = [v for v in old["versions"] if v["signatures"]]
    # A later version frozen but not signed yet is not what the leaders signed.
    freeze(demo_plan, frozen_by="Priya Raman", override_reason="Closing the cycle")

    new = next_cycle(demo_plan, tmp_path)

    assert new["previous_cycle"] == {
        "plan_uid": old["plan"]["uid"],
        "title": "Sales & Marketing Offsite 2027",
        "fingerprint": signed["fingerprint"],
        "file_name": "demo.offsite",
        "started_at": "2027-06-20T09:30:00.000000Z",
    }
    with open_plan(tmp_path / "next.offsite", readonly=True) as continued:
        link = read_previous_cycle(continued)
    assert link is not None
    assert (link.title, link.fingerprint, link.file_name) == (
        "Sales & Marketing Offsite 2027",
        signed["fingerprint"],
        "demo.offsite",
    )
    assert read_previous_cycle(demo_plan) is None


def test_a_plan_never_signed_is_continued_with_no_fingerprint(plan: PlanFile, tmp_path: Path) -> None:
    out = start_next_cycle(plan, tmp_path / "next.offsite")
    with open_plan(out, readonly=True) as new:
        document = plan_document(new)
    assert document["previous_cycle"]["fingerprint"] is None
    assert document["previous_cycle"]["title"] == "Test offsite"
    assert document["plan"]["title"] == "Test offsite (next cycle)"


def test_the_new_plan_is_a_sound_plan_that_exports(demo_plan: PlanFile, tmp_path: Path) -> None:
    review_the_quarter(demo_plan)
    out = start_next_cycle(demo_plan, tmp_path / "next.offsite")

    assert check_plan(out).sound
    with open_plan(out) as new:
        assert export_document(new)["previous_cycle"]["title"] == "Sales & Marketing Offsite 2027"


def test_an_existing_file_is_never_replaced(demo_plan: PlanFile, tmp_path: Path) -> None:
    taken = tmp_path / "next.offsite"
    taken.write_bytes(b"someone else's plan")
    before = files_in(tmp_path)
    plan_digest = hashlib.sha256(demo_plan.path.read_bytes()).hexdigest()

    with pytest.raises(OffsiteError, match="already exists"):
        start_next_cycle(demo_plan, taken)
    with pytest.raises(EditRefusedError, match="is this plan itself"):
        start_next_cycle(demo_plan, demo_plan.path)

    assert taken.read_bytes() == b"someone else's plan"
    assert files_in(tmp_path) == before  # no temporary file left either
    assert hashlib.sha256(demo_plan.path.read_bytes()).hexdigest() == plan_digest


def test_an_objective_the_plan_does_not_have_is_refused(demo_plan: PlanFile, tmp_path: Path) -> None:
    with pytest.raises(EditRefusedError, match="has no objective"):
        start_next_cycle(demo_plan, tmp_path / "next.offsite", objective_uids=["not-an-objective"])
    assert not (tmp_path / "next.offsite").exists()
