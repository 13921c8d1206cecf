"""The merge history: every item a merge settled, whose draft it came from, and what became of it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from offsite.domain.drafting import Outcome, Side
from offsite.domain.values import Kind
from offsite.exchange.drafts import export_draft_pack, merge_drafts, preview_merge
from offsite.services.brainstorm import add_candidate
from offsite.services.changes import remove, update_fields
from offsite.services.objectives import add_objective
from offsite.services.plans import open_plan, read_plan
from offsite.services.provenance import merge_history
from offsite.store import PlanFile

MERGED = dt.datetime(2027, 1, 14, 11, 0)
AGAIN = dt.datetime(2027, 1, 14, 15, 30)


def test_the_demo_names_daniels_draft_as_the_origin_of_expansion(demo_plan: PlanFile) -> None:
    (entry,) = merge_history(demo_plan)
    assert (entry.leader_name, entry.draft_name, entry.outcome) == (
        "Daniel Kim",
        "daniel-kim-draft.offsite",
        Outcome.ADDED,
    )
    assert entry.noun == "objective"
    assert entry.label.startswith("“Expand happy customers”")


def test_history_lists_newest_merge_first_and_names_what_was_removed_since(
    demo_plan: PlanFile, tmp_path: Path
) -> None:
    priya = next(p for p in read_plan(demo_plan).leaders if p.name == "Priya Raman")
    path = export_draft_pack(demo_plan, priya.uid, tmp_path / "priya.offsite")
    with open_plan(path) as draft:
        marketing = next(t.id for t in read_plan(draft).teams if t.name == "Marketing")
        objective = add_objective(draft, "Win analyst mindshare", [marketing]).id
        add_candidate(draft, "Analyst day every spring", marketing)
    merge_drafts(demo_plan, preview_merge(demo_plan, [path]), at=MERGED)
    with open_plan(path) as draft:
        update_fields(draft, Kind.OBJECTIVE, objective, {"statement": "Win analyst mindshare in CRM"})
    merged = next(o for o in read_plan(demo_plan).objectives if o.statement == "Win analyst mindshare")
    update_fields(demo_plan, Kind.OBJECTIVE, merged.id, {"statement": "Lead analyst mindshare"})
    preview = preview_merge(demo_plan, [path])
    conflict = next((d.info.uid, p.key) for d, p in preview.proposals() if d.info)
    merge_drafts(demo_plan, preview, sides={conflict: Side.PLAN}, at=AGAIN)
    kept = next(o for o in read_plan(demo_plan).objectives if o.statement == "Lead analyst mindshare")
    remove(demo_plan, Kind.OBJECTIVE, kept.id)

    history = merge_history(demo_plan)
    assert [(e.merged_at, e.noun, e.outcome_text) for e in history] == [
        (AGAIN, "objective", "kept as the plan had it"),
        (MERGED, "objective", "added"),
        (MERGED, "candidate", "added"),
        (dt.datetime(2027, 1, 14, 8, 45), "objective", "added"),
    ]
    assert history[0].label.startswith("(no longer in the plan; ")
    assert history[2].label == "“Analyst day every spring” (Marketing)"
    assert {e.leader_name for e in history[:3]} == {"Priya Raman"}
    assert {e.draft_name for e in history[:3]} == {"priya.offsite"}


def test_a_plan_without_merges_has_no_history(plan: PlanFile) -> None:
    assert merge_history(plan) == ()
