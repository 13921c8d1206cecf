"""The large-plan generator: a thousand objectives, made fast, holding only what a leader could type."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from itertools import combinations
from pathlib import Path

from offsite.domain.agreements import AgreementKind
from offsite.domain.overlap import OverlapRule, find_overlaps
from offsite.domain.overlap_review import review_overlaps
from offsite.domain.rules import document_faults
from offsite.domain.smart import objectives_passing
from offsite.domain.values import Stance
from offsite.exchange.interchange import export_document
from offsite.services.agreements import incentive_warnings, read_agreements
from offsite.services.brainstorm import read_brainstorm
from offsite.services.generated import make_plan
from offsite.services.overlaps import read_resolutions
from offsite.services.plans import read_plan
from offsite.services.survey import read_ratings


def test_a_generated_plan_of_a_thousand_objectives_is_a_full_valid_plan(tmp_path: Path) -> None:
    plan = make_plan(tmp_path / "big.offsite", objectives=1000, leaders=8, teams=4)
    view = read_plan(plan)
    assert len(view.objectives) == 1000
    assert len(view.teams) == 4
    assert len(view.leaders) == 8
    assert len(view.goals) == 5
    assert all(o.statement and o.method and o.metrics for o in view.objectives)
    assert any(len(o.team_ids) == 2 for o in view.objectives)  # some objectives are shared
    stances = Counter(event.stance for event in view.stances)
    assert {Stance.AGREED, Stance.DISCUSSING, Stance.CHANGES_REQUESTED, Stance.DECLINED} <= set(stances)
    brainstorm = read_brainstorm(plan)
    smart = objectives_passing(brainstorm.candidates)
    assert len(smart) == 700  # seven objectives in ten were promoted from a candidate
    assert 0 < sum(smart.values()) < 700  # some pass the SMART check, some do not
    assert any(c.shortlisted for c in brainstorm.candidates)
    assert brainstorm.votes
    assert brainstorm.nodes
    review = review_overlaps(view, read_resolutions(plan))
    assert review.found == 35
    assert review.settled == 18
    assert {f.finding.rule for f in review.findings} == {
        OverlapRule.SHARED_METRIC_NAME,
        OverlapRule.SIMILAR_WORDING,
    }
    assert len(read_ratings(plan).ratings) == 8
    # Nothing in it that the app would refuse if a leader typed it.
    assert document_faults(export_document(plan)) == []
    plan.close()


def test_the_overlap_rules_find_on_a_generated_plan_exactly_what_comparing_every_pair_finds(
    tmp_path: Path,
) -> None:
    plan = make_plan(tmp_path / "plan.offsite", objectives=120, leaders=4, teams=3)
    view = read_plan(plan)
    plan.close()
    # Every pair on its own: what the rules find when nothing but those two objectives is compared.
    one_by_one = [
        finding
        for first, second in combinations(view.objectives, 2)
        for finding in find_overlaps(replace(view, objectives=(first, second)))
    ]
    one_by_one.sort(key=lambda f: (f.first_id, f.second_id, list(OverlapRule).index(f.rule)))
    assert find_overlaps(view) == one_by_one
    assert len(one_by_one) >= 4


def test_a_generated_plan_holds_its_markets_agreements_mostly_bought_in_and_one_incentive_warned(
    tmp_path: Path,
) -> None:
    plan = make_plan(tmp_path / "agreed.offsite", objectives=300, leaders=8, teams=4, agreements=60)
    view = read_plan(plan)
    agreements = read_agreements(plan)
    warnings = incentive_warnings(plan)
    document = export_document(plan)
    plan.close()
    assert len(agreements) == 60
    kinds = Counter(a.kind for a in agreements)
    assert set(kinds) == {k.value for k in AgreementKind}
    # A market's set after another: the journey starts again for the next market.
    stages = [a.title for a in agreements if a.kind == AgreementKind.JOURNEY_STAGE]
    assert stages[0] == "Awareness (EMEA mid-market)"
    assert "Awareness (North America mid-market)" in stages
    assert all(a.team_id in {t.id for t in view.teams} for a in agreements)
    incentives = [a for a in agreements if a.kind == AgreementKind.INCENTIVE]
    assert all(a.objective_id is not None and a.metric_id is not None for a in incentives)
    assert all(a.cadence for a in agreements if a.kind == AgreementKind.PRACTICE)
    # Most bought in by every leader, some still open; an incentive on one team's objective is warned.
    bought_in = sum(a.bought_in for a in agreements)
    assert len(agreements) / 2 < bought_in < len(agreements)
    assert {e.leader_id for a in agreements for e in a.stances} == {p.id for p in view.leaders}
    assert set(warnings) <= {a.id for a in incentives}
    assert warnings
    assert document_faults(document) == []


def test_a_generated_plan_has_no_agreements_unless_asked(tmp_path: Path) -> None:
    with make_plan(tmp_path / "plain.offsite", objectives=20, leaders=4, teams=2) as plan:
        assert read_agreements(plan) == ()
