"""The large-plan generator: a thousand objectives, made fast, holding only what a leader could type."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from itertools import combinations
from pathlib import Path

from offsite.domain.overlap import OverlapRule, find_overlaps
from offsite.domain.overlap_review import review_overlaps
from offsite.domain.rules import document_faults
from offsite.domain.smart import objectives_passing
from offsite.domain.values import Stance
from offsite.exchange.interchange import export_document
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
