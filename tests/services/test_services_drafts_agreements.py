"""The agreements beyond goals in drafts and their merge, with real plan and draft files.

A leader drafting alone adds and changes journey stages, hand-offs and the rest and records their
own stance on them; the facilitator's preview lists each by its kind and title, points out one the
plan (or an earlier draft) holds already, and the merge brings them with their buy-in and what they
name, as one undo step.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from tests.services.test_services_drafts import MERGED_AT, PACKED_AT, digest, lines

from offsite.domain.agreements import AgreementKind
from offsite.domain.drafting import dependants, items_of
from offsite.domain.errors import MergeRefusedError
from offsite.domain.values import Kind, Stance
from offsite.exchange.drafts import export_draft_pack, merge_drafts, preview_merge, redo_merge, undo_merge
from offsite.services import agreements, definitions, objectives, prepare
from offsite.services.changes import remove, update_fields
from offsite.services.plans import create_plan, open_plan, read_plan
from offsite.services.provenance import merge_history
from offsite.store import PlanFile
from offsite.store.document import plan_document
from offsite.store.document.data import DRAFTED


@pytest.fixture
def demo_plan(demo_plan_without_agreements: PlanFile) -> PlanFile:
    """These tests make their own agreements, so they start from the demo plan without its room's."""
    return demo_plan_without_agreements


AGREED_AT = dt.datetime(2027, 1, 7, 9, 30)


def _pack(plan: PlanFile, name: str, out: Path) -> Path:
    leader = next(p for p in read_plan(plan).leaders if p.name == name)
    return export_draft_pack(plan, leader.uid, out, at=PACKED_AT)


def _ids(plan: PlanFile) -> tuple[int, int, int]:
    view = read_plan(plan)
    maya = next(p.id for p in view.leaders if p.name == "Maya Okafor")
    sales = next(t.id for t in view.teams if t.name == "Sales")
    marketing = next(t.id for t in view.teams if t.name == "Marketing")
    return maya, sales, marketing


def _draft_agreements(draft: PlanFile) -> None:
    """Maya's agreements, drafted on her laptop through the services: a stage, a hand-off naming a
    definition and a metric of her own objective, and her stance on the hand-off."""
    maya, sales, marketing = _ids(draft)
    goal = read_plan(draft).goals[0].id
    o = objectives.add_objective(
        draft, "Answer every demo request fast", [sales, marketing], goal_ids=[goal]
    ).id
    metric = objectives.add_metric(draft, o, "Demo requests answered within 4 h", unit="%", target=95).id
    sql = definitions.add_definition(draft, "Sales-qualified lead", "A lead Sales has accepted.", sales).id
    agreements.add_agreement(
        draft, AgreementKind.JOURNEY_STAGE, "SQL", team_id=sales, owner_id=maya, service_level="Within 24 h"
    )
    hand_off = agreements.add_agreement(
        draft,
        AgreementKind.HAND_OFF,
        "Demo request",
        route="Round-robin to SDRs",
        team_id=sales,
        service_level="First touch within 4 business hours",
        definition_id=sql,
        metric_id=metric,
    ).id
    agreements.record_agreement_stance(draft, hand_off, maya, Stance.AGREED, "Fair", at=AGREED_AT)


def test_agreements_drafted_alone_are_previewed_by_kind_and_title_and_merge_with_their_buy_in(
    demo_plan: PlanFile, tmp_path: Path
) -> None:
    path = _pack(demo_plan, "Maya Okafor", tmp_path / "maya.offsite")
    with open_plan(path) as draft:
        _draft_agreements(draft)
        drafted = plan_document(draft)
    preview = preview_merge(demo_plan, [path])
    (dp,) = preview.drafts
    assert lines(dp) == [
        "Adds objective “Answer every demo request fast” (Sales, Marketing)",
        "Adds definition “Sales-qualified lead”",
        "Adds journey stage “SQL”",
        "Adds hand-off “Demo request”",
        "Adds agreement buy-in Maya Okafor: agreed on hand-off “Demo request”",
    ]
    hand_off = next(p for p in dp.proposals if p.label == "“Demo request”")
    assert hand_off.detail == (
        "route “Round-robin to SDRs”, team Sales, response time “First touch within 4 business hours”, "
        "definition “Sales-qualified lead”, metric “Demo requests answered within 4 h”"
    )
    # The hand-off cannot come without the objective whose metric it names, nor its definition.
    objective_key = next(p.key for p in dp.proposals if p.section == "objectives")
    assert hand_off.key in dependants(objective_key, dp.proposals)
    assert merge_drafts(demo_plan, preview, at=MERGED_AT).summary == "Merged 1 draft: 5 added."

    merged = plan_document(demo_plan)
    assert [(a["kind"], a["title"]) for a in merged["agreements"]] == [
        ("journey_stage", "SQL"),
        ("hand_off", "Demo request"),
    ]
    assert merged["agreements"] == drafted["agreements"]  # uids, names, buy-in history as drafted
    (shown,) = [a for a in agreements.read_agreements(demo_plan) if a.title == "Demo request"]
    maya, _, _ = _ids(demo_plan)
    assert shown.stance_of(maya) is Stance.AGREED
    assert preview_merge(demo_plan, [path]).drafts[0].tally == "nothing new"
    # The merge history names each by its kind too.
    assert [(e.noun, e.label) for e in merge_history(demo_plan)][2:4] == [
        ("journey stage", "“SQL”"),
        ("hand-off", "“Demo request”"),
    ]


def test_an_agreement_merged_is_one_undo_step_and_the_fingerprint_comes_back_with_it(
    demo_plan: PlanFile, tmp_path: Path
) -> None:
    from offsite.services.signoff import content_fingerprint

    path = _pack(demo_plan, "Maya Okafor", tmp_path / "maya.offsite")
    with open_plan(path) as draft:
        _draft_agreements(draft)
    before, print_before = plan_document(demo_plan), content_fingerprint(demo_plan)
    result = merge_drafts(demo_plan, preview_merge(demo_plan, [path]), at=MERGED_AT)
    after, print_after = plan_document(demo_plan), content_fingerprint(demo_plan)
    assert [a["title"] for a in after["agreements"]] == ["SQL", "Demo request"]
    assert print_after != print_before  # the agreements are signed content
    undo_merge(demo_plan, result)
    assert plan_document(demo_plan)["agreements"] == before["agreements"] == []
    assert content_fingerprint(demo_plan) == print_before
    redo_merge(demo_plan, result)
    assert plan_document(demo_plan)["agreements"] == after["agreements"]
    assert content_fingerprint(demo_plan) == print_after


def test_a_changed_agreement_is_a_change_and_a_stance_recorded_since_is_only_ever_added(
    demo_plan: PlanFile, tmp_path: Path
) -> None:
    path = _pack(demo_plan, "Maya Okafor", tmp_path / "maya.offsite")
    with open_plan(path) as draft:
        _draft_agreements(draft)
    merge_drafts(demo_plan, preview_merge(demo_plan, [path]), at=MERGED_AT)
    with open_plan(path) as draft:
        (hand_off,) = [a for a in agreements.read_agreements(draft) if a.title == "Demo request"]
        maya, _, _ = _ids(draft)
        update_fields(draft, Kind.AGREEMENT, hand_off.id, {"on_miss": "Reassigned to the next SDR"})
        agreements.record_agreement_stance(draft, hand_off.id, maya, Stance.CHANGES_REQUESTED, "4 h is tight")
    (dp,) = preview_merge(demo_plan, [path]).drafts
    assert lines(dp) == [
        "Changes hand-off “Demo request”",
        "Adds agreement buy-in Maya Okafor: changes requested on hand-off “Demo request”",
    ]
    assert dp.proposals[0].detail == "on a miss none → “Reassigned to the next SDR”"
    merge_drafts(demo_plan, preview_merge(demo_plan, [path]), at=MERGED_AT)
    (merged,) = [a for a in agreements.read_agreements(demo_plan) if a.title == "Demo request"]
    assert merged.on_miss == "Reassigned to the next SDR"
    assert [s.stance for s in merged.stances] == [Stance.AGREED, Stance.CHANGES_REQUESTED]


def test_the_same_agreement_in_the_plan_or_an_earlier_draft_is_pointed_out(
    demo_plan: PlanFile, tmp_path: Path
) -> None:
    _, sales, _ = _ids(demo_plan)
    agreements.add_agreement(demo_plan, AgreementKind.HAND_OFF, "Demo request", team_id=sales)
    maya = _pack(demo_plan, "Maya Okafor", tmp_path / "maya.offsite")
    priya = _pack(demo_plan, "Priya Raman", tmp_path / "priya.offsite")
    with open_plan(maya) as draft:
        agreements.add_agreement(draft, AgreementKind.HAND_OFF, "demo REQUEST")
        agreements.add_agreement(draft, AgreementKind.DECISION_RIGHT, "Pricing")
    with open_plan(priya) as draft:
        agreements.add_agreement(draft, AgreementKind.DECISION_RIGHT, "Pricing", why="Sales-led")
        agreements.add_agreement(draft, AgreementKind.INCENTIVE, "Pricing")  # another kind: no twin
    first, second = preview_merge(demo_plan, [maya, priya]).drafts
    assert first.notes == (
        "The hand-off “demo REQUEST” is in the plan already; merging it makes two entries of one "
        "hand-off: untick one, or merge and settle the wording in the plan.",
    )
    assert second.notes == (
        "The decision right “Pricing” is in Maya Okafor’s draft of “Sales & Marketing Offsite 2027” "
        "already; merging it makes two entries of one decision right: untick one, or merge and settle "
        "the wording in the plan.",
    )


def test_an_agreement_naming_a_metric_the_plan_no_longer_holds_is_not_merged_and_says_why(
    demo_plan: PlanFile, tmp_path: Path
) -> None:
    path = _pack(demo_plan, "Maya Okafor", tmp_path / "maya.offsite")
    with open_plan(path) as draft:
        _draft_agreements(draft)
    merge_drafts(demo_plan, preview_merge(demo_plan, [path]), at=MERGED_AT)
    # The room drops the objective (and its metric); Maya's next copy adds a practice counted by it.
    objective = next(o for o in read_plan(demo_plan).objectives if o.statement.startswith("Answer every"))
    remove(demo_plan, Kind.OBJECTIVE, objective.id)
    with open_plan(path) as draft:
        metric = next(m for o in read_plan(draft).objectives for m in o.metrics)
        agreements.add_agreement(
            draft, AgreementKind.PRACTICE, "Joint demo review", cadence="monthly", metric_id=metric.id
        )
    (dp,) = preview_merge(demo_plan, [path]).drafts
    assert "Adds joint practice “Joint demo review”" not in lines(dp)
    assert (
        "The joint practice “Joint demo review” is not merged: it belongs to something the plan no longer holds."
        in dp.notes
    )


def test_a_metric_gone_between_preview_and_merge_refuses_the_agreement_and_writes_nothing(
    demo_plan: PlanFile, tmp_path: Path
) -> None:
    path = _pack(demo_plan, "Maya Okafor", tmp_path / "maya.offsite")
    with open_plan(path) as draft:
        _draft_agreements(draft)
    first = preview_merge(demo_plan, [path])
    (dp,) = first.drafts
    assert dp.info is not None
    objective_only = [(dp.info.uid, p.key) for p in dp.proposals if p.section == "objectives"]
    merge_drafts(demo_plan, first, accepted=objective_only, at=MERGED_AT)
    preview = preview_merge(demo_plan, [path])
    objective = next(o for o in read_plan(demo_plan).objectives if o.statement.startswith("Answer every"))
    remove(demo_plan, Kind.OBJECTIVE, objective.id)
    before = plan_document(demo_plan)
    with pytest.raises(MergeRefusedError, match="The plan changed since the preview"):
        merge_drafts(demo_plan, preview, at=MERGED_AT)
    assert plan_document(demo_plan) == before


def test_a_draft_of_another_plan_holding_agreements_is_refused_as_before(
    demo_plan: PlanFile, tmp_path: Path
) -> None:
    other = create_plan(tmp_path / "other.offsite", "Another offsite")
    sales = prepare.add_team(other, "Sales").id
    prepare.add_leader(other, "Maya Okafor", "VP of Sales", sales)
    path = _pack(other, "Maya Okafor", tmp_path / "maya.offsite")
    other.close()
    with open_plan(path) as draft:
        agreements.add_agreement(draft, AgreementKind.HAND_OFF, "Demo request")
    before = digest(demo_plan.path)
    (dp,) = preview_merge(demo_plan, [path]).drafts
    assert dp.refused.startswith(
        "“maya.offsite” is Maya Okafor’s draft of “Another offsite”, made from another plan"
    )
    assert dp.proposals == ()
    assert digest(demo_plan.path) == before


def test_every_agreement_item_of_a_plan_needs_what_it_names() -> None:
    document = {
        "objectives": [
            {"uid": "o1", "metrics": [{"uid": "m1", "owner": None}], "teams": [], "company_goals": []}
        ],
        "agreements": [
            {
                "uid": "a1",
                "kind": "incentive",
                "title": "Pipeline",
                "team": "t1",
                "owner": None,
                "metric": "m1",
                "definition": None,
                "objective": "o1",
                "stances": [
                    {"uid": "s1", "leader": "l1", "stance": "agreed", "comment": "", "recorded_at": "x"}
                ],
            }
        ],
    }
    items = items_of(document, DRAFTED)
    assert items["a1"].requires == ("t1", "o1", "o1")  # the metric is its objective's
    assert items["s1"].section == "agreement_stances"
    assert items["s1"].requires == ("a1", "l1")


def test_a_stance_a_draft_records_for_another_leader_waits_unticked(
    demo_plan: PlanFile, tmp_path: Path
) -> None:
    path = _pack(demo_plan, "Maya Okafor", tmp_path / "maya.offsite")
    with open_plan(path) as draft:
        priya = next(p.id for p in read_plan(draft).leaders if p.name == "Priya Raman")
        made = agreements.add_agreement(draft, AgreementKind.INCENTIVE, "Closed-won pipeline").id
        agreements.record_agreement_stance(draft, made, priya, Stance.AGREED, at=AGREED_AT)
    preview = preview_merge(demo_plan, [path])
    (dp,) = preview.drafts
    assert dp.info is not None
    stance = next(p for p in dp.proposals if p.section == "agreement_stances")
    assert (dp.info.uid, stance.key) in preview.on_behalf()
    assert (dp.info.uid, stance.key) not in preview.default_selection()
    assert any("records buy-in or dots for Priya Raman" in note for note in dp.notes)
    merge_drafts(demo_plan, preview, at=MERGED_AT)
    (merged,) = [a for a in agreements.read_agreements(demo_plan) if a.title == "Closed-won pipeline"]
    assert merged.stances == ()  # only Priya can say she agrees
