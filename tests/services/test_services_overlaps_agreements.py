"""Merging two overlapping objectives carries the incentives tied to them over to the shared one, and
undo ties each back to its own."""

from __future__ import annotations

from offsite.domain.overlap import OverlapRule
from offsite.domain.signoff import ResolutionAction
from offsite.services.agreements import add_agreement, incentive_warnings, read_agreements
from offsite.services.objectives import add_objective
from offsite.services.overlaps import resolve_overlap, unresolve_overlap
from offsite.services.prepare import add_team
from offsite.store import PlanFile


def test_a_merge_ties_both_objectives_incentives_to_the_shared_one_and_undo_ties_them_back(
    plan: PlanFile,
) -> None:
    sales, marketing = add_team(plan, "Sales").id, add_team(plan, "Marketing").id
    outbound = add_objective(plan, "Go outbound", [sales]).id
    pipeline = add_objective(plan, "Outbound pipeline", [marketing]).id
    sdr = add_agreement(plan, "incentive", "Meetings booked", team_id=sales, objective_id=outbound).id
    demand = add_agreement(plan, "incentive", "Pipeline sourced", team_id=marketing, objective_id=pipeline).id
    assert set(incentive_warnings(plan)) == {sdr, demand}  # each rewards one team's objective

    merged = resolve_overlap(
        plan,
        OverlapRule.SIMILAR_WORDING,
        outbound,
        pipeline,
        ResolutionAction.MERGED,
        "One outbound motion.",
        statement="Go outbound together",
    )
    tied = {a.id: a.objective_id for a in read_agreements(plan)}
    assert tied == {sdr: outbound, demand: outbound}  # the shared objective keeps the first one's id
    assert incentive_warnings(plan) == {}  # both now reward what both teams hold

    unresolve_overlap(plan, merged.previous)
    assert {a.id: a.objective_id for a in read_agreements(plan)} == {sdr: outbound, demand: pipeline}
    assert set(incentive_warnings(plan)) == {sdr, demand}
