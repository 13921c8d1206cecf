"""Drafting alone and merging in the room, with real plan and draft files.

Leaders draft from a pack (or from nothing) in their own processes; the facilitator previews the
drafts, merges them in one transaction and one undo step, and every merged item keeps its origin.
Bad files are refused with a sentence a leader can act on, and no file is touched.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from offsite.domain.buyin import current_stances, is_bought_in
from offsite.domain.drafting import Change, Outcome, Side, dependants, items_of, needed
from offsite.domain.errors import EditRefusedError, MergeRefusedError
from offsite.domain.values import Direction, Kind, Stance
from offsite.exchange.drafts import (
    DraftPreview,
    MergePreview,
    export_draft_pack,
    merge_drafts,
    preview_merge,
    read_draft_info,
    read_origins,
    redo_merge,
    start_draft,
    undo_merge,
)
from offsite.services import brainstorm, buyin, definitions, objectives, parking, prepare
from offsite.services.changes import remove, update_fields
from offsite.services.plans import create_plan, open_plan, read_plan
from offsite.services.signoff import freeze, sign
from offsite.store import PlanFile
from offsite.store.document import plan_document
from offsite.store.models import Base as TableBase

TITLE = "Sales & Marketing Offsite 2027"
MERGED_AT = dt.datetime(2027, 1, 14, 10, 15)
HERE = Path(__file__).resolve().parent


# --- Helpers --------------------------------------------------------------------------------------


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def plan_bytes(plan: PlanFile) -> tuple[str, str]:
    """The plan's main file and its write-ahead log, as they are on disk."""
    wal = plan.path.with_name(plan.path.name + "-wal")
    return digest(plan.path), digest(wal) if wal.exists() else ""


def row_counts(plan: PlanFile) -> dict[str, int]:
    with plan.read() as s:
        return {
            t.name: int(s.scalar(select(func.count()).select_from(t)) or 0)
            for t in TableBase.metadata.sorted_tables
        }


def sidecars(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(("-wal", "-shm", "-journal")))


def leader(plan: PlanFile, name: str) -> Any:
    return next(p for p in read_plan(plan).leaders if p.name == name)


def team_id(plan: PlanFile, name: str) -> int:
    return next(t.id for t in read_plan(plan).teams if t.name == name)


def goal_id(plan: PlanFile, statement: str) -> int:
    return next(g.id for g in read_plan(plan).goals if g.statement.startswith(statement))


def objective(plan: PlanFile, statement: str) -> Any:
    found = [o for o in read_plan(plan).objectives if o.statement == statement]
    assert len(found) == 1, f"{statement!r} is in the plan {len(found)} times"
    return found[0]


def team_names(plan: PlanFile, ids: tuple[int, ...]) -> list[str]:
    names = {t.id: t.name for t in read_plan(plan).teams}
    return [names[i] for i in ids]


def lines(preview: DraftPreview) -> list[str]:
    return [f"{p.change.label} {p.noun} {p.label}" for p in preview.proposals]


PACKED_AT = dt.datetime(2027, 1, 6, 18, 30)


def pack(plan: PlanFile, name: str, out: Path) -> Path:
    return export_draft_pack(plan, leader(plan, name).uid, out, at=PACKED_AT)


@pytest.fixture(scope="session")
def demo_packs(
    tmp_path_factory: pytest.TempPathFactory, demo_plan_bytes: bytes
) -> Iterator[Callable[[str], bytes]]:
    """A demo leader's draft pack, exported once per test process (a new file runs the migrations).

    Every test's demo plan is a copy of the same file, so a pack of one is a pack of each.
    """
    folder = tmp_path_factory.mktemp("demo-packs")
    (folder / "demo.offsite").write_bytes(demo_plan_bytes)
    demo = open_plan(folder / "demo.offsite", readonly=True)
    made: dict[str, bytes] = {}

    def bytes_of(name: str) -> bytes:
        if name not in made:
            made[name] = pack(demo, name, folder / f"{len(made)}.offsite").read_bytes()
        return made[name]

    yield bytes_of
    demo.close()


@pytest.fixture
def packed(demo_packs: Callable[[str], bytes]) -> Callable[[str, Path], Path]:
    """A leader's pack of the demo plan, written to ``out``: ``packed("Maya Okafor", folder / "maya.offsite")``."""

    def write(name: str, out: Path) -> Path:
        out.write_bytes(demo_packs(name))
        return out

    return write


@pytest.fixture
def drafts_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "drafts"
    folder.mkdir()
    return folder


@pytest.fixture
def small_plan(tmp_path: Path) -> Iterator[PlanFile]:
    """Another plan, of its own identity: Sales and one leader."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    other = create_plan(folder / "other.offsite", "Another offsite")
    sales = prepare.add_team(other, "Sales").id
    prepare.add_leader(other, "Maya Okafor", "VP of Sales", sales)
    yield other
    other.close()


# --- 1. Three leaders draft in parallel ------------------------------------------------------------


def fill_draft(path: str, tag: str, go: str) -> None:
    """A leader's drafting, run in its own process: everything they bring, through the services."""
    deadline = time.monotonic() + 30
    while not Path(go).exists():  # all three start together
        if time.monotonic() > deadline:
            raise SystemExit("never told to go")
        time.sleep(0.01)
    draft = open_plan(path)
    try:
        info = read_draft_info(draft)
        assert info is not None
        view = read_plan(draft)
        me = next(p for p in view.leaders if p.uid == info.leader_uid)
        assert me.team_id is not None
        team, goal = me.team_id, view.goals[0].id
        o = objectives.add_objective(
            draft, f"{tag} objective", [team], method=f"{tag} calls every account.", goal_ids=[goal]
        ).id
        objectives.add_metric(draft, o, f"{tag} meetings", unit="meetings", baseline=10, target=40)
        objectives.add_metric(draft, o, f"{tag} pipeline", unit="M USD", target=2.5, shared=True)
        buyin.record_stance(draft, o, me.id, Stance.AGREED, f"{tag} is in", at=dt.datetime(2027, 1, 7))
        c = brainstorm.add_candidate(draft, f"{tag} candidate", team).id
        brainstorm.vote(draft, me.id, c, 2)
        root = brainstorm.add_why_node(draft, team, f"{tag} exists to grow").id
        brainstorm.add_why_node(draft, team, f"{tag} because growth funds the plan", root)
        brainstorm.add_team_goal(draft, goal, f"{tag} share of new revenue", team_id=team, target=4, unit="M")
        definitions.add_definition(draft, f"{tag} qualified lead", f"A lead {tag} accepts.", team)
    finally:
        draft.close()


_CHILD = "import sys; sys.path.insert(0, sys.argv[1]); from test_services_drafts import fill_draft; fill_draft(*sys.argv[2:])"


def test_three_leaders_draft_in_parallel_and_the_facilitator_merges_all_three(
    demo_plan: PlanFile, drafts_dir: Path, packed: Callable[[str, Path], Path]
) -> None:
    leaders = {"Maya Okafor": "Sales", "Priya Raman": "Marketing", "Daniel Kim": "Customer Success"}
    tags = {"Maya Okafor": "Maya", "Priya Raman": "Priya", "Daniel Kim": "Daniel"}
    paths = {name: packed(name, drafts_dir / f"{tags[name].lower()}.offsite") for name in leaders}
    for name, path in paths.items():
        with open_plan(path, readonly=True) as opened:
            info = read_draft_info(opened)
        assert info is not None
        assert (info.leader_name, info.plan_title, info.made_at) == (name, TITLE, PACKED_AT)
    go = drafts_dir.parent / "go"
    children = [
        subprocess.Popen(
            [sys.executable, "-c", _CHILD, str(HERE), str(paths[name]), tags[name], str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in leaders
    ]
    try:
        go.touch()
        for child in children:
            _out, err = child.communicate(timeout=60)
            assert child.returncode == 0, err
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
                child.wait()

    preview = preview_merge(demo_plan, list(paths.values()))
    assert [d.refused for d in preview.drafts] == ["", "", ""]
    for draft, name in zip(preview.drafts, leaders, strict=True):
        team, tag = leaders[name], tags[name]
        assert draft.label == f"{name}’s draft of “{TITLE}”"
        assert draft.tally == "8 additions"
        assert lines(draft) == [
            f"Adds objective “{tag} objective” ({team})",
            f"Adds buy-in {name}: agreed on “{tag} objective”",
            f"Adds definition “{tag} qualified lead”",
            f"Adds why-statement “{tag} exists to grow” ({team})",
            f"Adds why-statement “{tag} because growth funds the plan” ({team})",
            f"Adds team goal “{tag} share of new revenue” ({team})",
            f"Adds candidate “{tag} candidate” ({team})",
            f"Adds dot vote {name}: 2 dots on “{tag} candidate”",
        ]
        # Each demo leader placed all 3 dots in the room already: the facilitator is told.
        assert draft.notes == (
            f"{name} would have 5 dots with this draft's votes, over the budget of 3; "
            "untick some of them, or take dots back in the plan.",
        )

    before_counts = row_counts(demo_plan)
    result = merge_drafts(demo_plan, preview, at=MERGED_AT)
    assert result.summary == "Merged 3 drafts: 24 added."
    after_counts = row_counts(demo_plan)
    for table, added in {
        "objective": 3,
        "metric": 6,
        "stance_record": 3,
        "candidate": 3,
        "dot_vote": 3,
        "why_node": 6,
        "team_goal": 3,
        "definition": 3,
        "merge_record": 24,
        "team": 0,
        "leader": 0,
        "company_goal": 0,
    }.items():
        assert after_counts[table] - before_counts[table] == added, table

    view = read_plan(demo_plan)
    revenue = view.goals[0].id
    origins = read_origins(demo_plan)
    for name, team in leaders.items():
        tag = tags[name]
        merged = objective(demo_plan, f"{tag} objective")
        assert team_names(demo_plan, merged.team_ids) == [team]
        assert merged.goal_ids == (revenue,)
        assert merged.method == f"{tag} calls every account."
        assert [(m.name, m.baseline, m.target, m.shared) for m in merged.metrics] == [
            (f"{tag} meetings", 10, 40, False),
            (f"{tag} pipeline", None, 2.5, True),
        ]
        stances = [s for s in view.stances if s.objective_id == merged.id]
        assert [(s.stance, s.comment) for s in stances] == [(Stance.AGREED, f"{tag} is in")]
        origin = origins[merged.uid]
        assert (origin.leader_name, origin.draft_name, origin.merged_at, origin.outcome) == (
            name,
            f"{tag.lower()}.offsite",
            MERGED_AT,
            Outcome.ADDED,
        )
        assert origin.label == f"From {name}’s draft ({tag.lower()}.offsite), merged 14 Jan 2027 10:15 UTC"
    # Every item each draft brought names its leader.
    document = plan_document(demo_plan)
    for name, tag in tags.items():
        keys = [c["uid"] for c in document["candidates"] if c["text"].startswith(tag)]
        keys += [n["uid"] for n in document["why_chains"] if n["text"].startswith(tag)]
        assert len(keys) == 3
        assert {origins[k].leader_name for k in keys} == {name}

    again = preview_merge(demo_plan, list(paths.values()))
    assert [d.tally for d in again.drafts] == ["nothing new"] * 3
    second = merge_drafts(demo_plan, again, at=MERGED_AT)
    assert second.summary == "Merged 3 drafts: nothing new."
    assert row_counts(demo_plan) == after_counts


# --- 2. Conflicts and changes ----------------------------------------------------------------------


def _draft_with_objective(
    plan: PlanFile, folder: Path, packed: Callable[[str, Path], Path]
) -> tuple[Path, int, int, int, int]:
    """Maya's draft with “Own the mid-market” (two metrics) and a voted candidate, merged once."""
    path = packed("Maya Okafor", folder / "maya.offsite")
    with open_plan(path) as draft:
        sales = team_id(draft, "Sales")
        o = objectives.add_objective(draft, "Own the mid-market", [sales], method="Call them.").id
        m1 = objectives.add_metric(draft, o, "Meetings booked", target=40).id
        m2 = objectives.add_metric(draft, o, "Demos held", target=12).id
        c = brainstorm.add_candidate(draft, "Double outbound meetings", sales).id
        brainstorm.vote(draft, leader(draft, "Maya Okafor").id, c, 1)
    merge_drafts(plan, preview_merge(plan, [path]), at=MERGED_AT)
    return path, o, m1, m2, c


def test_a_conflict_on_one_objective_waits_for_a_side_and_each_side_wins_when_chosen(
    demo_plan: PlanFile, drafts_dir: Path, packed: Callable[[str, Path], Path]
) -> None:
    path, o, *_ = _draft_with_objective(demo_plan, drafts_dir, packed)
    merged = objective(demo_plan, "Own the mid-market")
    update_fields(demo_plan, Kind.OBJECTIVE, merged.id, {"statement": "Own the mid-market segment"})
    with open_plan(path) as draft:
        update_fields(draft, Kind.OBJECTIVE, o, {"statement": "Win the mid-market"})

    preview = preview_merge(demo_plan, [path])
    (draft_preview,) = preview.drafts
    assert draft_preview.tally == "1 conflict"
    (conflict,) = draft_preview.proposals
    assert conflict.change is Change.CONFLICT
    assert conflict.key == merged.uid
    assert conflict.plan_side == (
        "“Own the mid-market segment” (Sales) · Meetings booked 40, Demos held 12, method “Call them.”"
    )
    assert (
        conflict.draft_side
        == "“Win the mid-market” (Sales) · Meetings booked 40, Demos held 12, method “Call them.”"
    )
    assert conflict.detail == "wording “Own the mid-market segment” → “Win the mid-market”"
    assert preview.default_selection() == set()

    # Without a side: refused, naming the conflict; nothing written to either file.
    counts, document, on_disk, draft_digest = (
        row_counts(demo_plan),
        plan_document(demo_plan),
        plan_bytes(demo_plan),
        digest(path),
    )
    everything = {(draft_preview.info.uid, conflict.key)} if draft_preview.info else set()
    with pytest.raises(MergeRefusedError) as refused:
        merge_drafts(demo_plan, preview, accepted=everything)
    message = str(refused.value)
    assert message.startswith("1 conflict needs a side; nothing was merged:")
    assert "plan: “Own the mid-market segment” (Sales)" in message
    assert "draft: “Win the mid-market” (Sales)" in message
    assert "Maya Okafor’s draft" in message
    assert (row_counts(demo_plan), plan_document(demo_plan), plan_bytes(demo_plan), digest(path)) == (
        counts,
        document,
        on_disk,
        draft_digest,
    )

    # The plan's side: its wording stays, and the choice is remembered.
    kept = merge_drafts(demo_plan, preview, sides=dict.fromkeys(everything, Side.PLAN), at=MERGED_AT)
    assert kept.summary == "Merged 1 draft: 1 kept as the plan had it."
    assert objective(demo_plan, "Own the mid-market segment").uid == merged.uid
    assert preview_merge(demo_plan, [path]).drafts[0].tally == "nothing new"
    assert read_origins(demo_plan)[merged.uid].outcome is Outcome.ADDED  # still the draft's item

    # Both sides change it again; this time the draft's side wins, on the same objective.
    update_fields(demo_plan, Kind.OBJECTIVE, merged.id, {"statement": "Own mid-market accounts"})
    with open_plan(path) as draft:
        update_fields(draft, Kind.OBJECTIVE, o, {"statement": "Win mid-market accounts"})
    preview = preview_merge(demo_plan, [path])
    assert preview.drafts[0].tally == "1 conflict"
    assert preview.drafts[0].info is not None
    taken = merge_drafts(
        demo_plan, preview, sides={(preview.drafts[0].info.uid, merged.uid): Side.DRAFT}, at=MERGED_AT
    )
    assert taken.summary == "Merged 1 draft: 1 changed."
    assert objective(demo_plan, "Win mid-market accounts").uid == merged.uid
    assert not [x for x in read_plan(demo_plan).objectives if "segment" in x.statement]
    assert read_origins(demo_plan)[merged.uid].outcome is Outcome.CHANGED
    assert preview_merge(demo_plan, [path]).drafts[0].tally == "nothing new"


def test_a_later_state_of_the_draft_updates_what_it_brought_and_removes_what_it_took_out(
    demo_plan: PlanFile, drafts_dir: Path, packed: Callable[[str, Path], Path]
) -> None:
    path, o, m1, m2, c = _draft_with_objective(demo_plan, drafts_dir, packed)
    merged = objective(demo_plan, "Own the mid-market")
    candidate_uid = next(
        x["uid"] for x in plan_document(demo_plan)["candidates"] if x["text"].startswith("Double")
    )
    with open_plan(path) as draft:
        update_fields(
            draft, Kind.OBJECTIVE, o, {"statement": "Win the mid-market", "method": "Call them twice."}
        )
        update_fields(draft, Kind.METRIC, m1, {"target": 60})
        remove(draft, Kind.METRIC, m2)
        objectives.add_metric(draft, o, "Opportunities from outbound", target=15)
        remove(draft, Kind.CANDIDATE, c)

    preview = preview_merge(demo_plan, [path])
    (draft_preview,) = preview.drafts
    assert draft_preview.tally == "1 change, 2 removals"
    assert lines(draft_preview) == [
        "Changes objective “Win the mid-market” (Sales)",
        "Removes candidate “Double outbound meetings” (Sales)",
        "Removes dot vote Maya Okafor: 1 dot on “Double outbound meetings”",
    ]
    assert draft_preview.proposals[0].detail == (
        "wording “Own the mid-market” → “Win the mid-market”; method “Call them.” → “Call them twice.”; "
        "adds metric “Opportunities from outbound”; removes metric “Demos held”; "
        "metric “Meetings booked”: target 40 → 60"
    )
    objectives_before = len(read_plan(demo_plan).objectives)
    result = merge_drafts(demo_plan, preview, at=MERGED_AT)
    assert result.summary == "Merged 1 draft: 1 changed, 2 removed."

    updated = objective(demo_plan, "Win the mid-market")
    assert updated.uid == merged.uid
    assert updated.id == merged.id
    assert len(read_plan(demo_plan).objectives) == objectives_before
    assert updated.method == "Call them twice."
    assert [(m.name, m.target) for m in updated.metrics] == [
        ("Meetings booked", 60),
        ("Opportunities from outbound", 15),
    ]
    assert [x for x in plan_document(demo_plan)["candidates"] if x["uid"] == candidate_uid] == []
    origins = read_origins(demo_plan)
    assert origins[merged.uid].outcome is Outcome.CHANGED
    assert candidate_uid not in origins
    assert preview_merge(demo_plan, [path]).drafts[0].tally == "nothing new"


def test_two_drafts_bringing_the_same_funnel_must_not_both_win(
    demo_plan: PlanFile, drafts_dir: Path, packed: Callable[[str, Path], Path]
) -> None:
    paths = []
    for name, target in (("Maya Okafor", 2_000_000), ("Priya Raman", 3_000_000)):
        path = packed(name, drafts_dir / f"{name.split()[0].lower()}.offsite")
        with open_plan(path) as draft:
            brainstorm.set_funnel(
                draft, goal_id(draft, "Net revenue"), revenue_target=target, quarters=["Q1 2027"]
            )
        paths.append(path)
    preview = preview_merge(demo_plan, paths)
    assert [lines(d) for d in preview.drafts] == [
        ["Conflict reverse funnel for “Net revenue retention above 110%”"]
    ] * 2
    maya, priya = preview.drafts
    assert (
        maya.proposals[0].detail
        == f"revenue target 2,000,000; also added in Priya Raman’s draft of “{TITLE}”"
    )
    assert maya.proposals[0].draft_side == "for “Net revenue retention above 110%” · revenue target 2,000,000"
    assert maya.proposals[0].plan_side == "none"
    assert maya.info is not None
    assert priya.info is not None
    counts = row_counts(demo_plan)
    both = {(d.info.uid, d.proposals[0].key): Side.DRAFT for d in (maya, priya) if d.info}
    with pytest.raises(MergeRefusedError) as refused:
        merge_drafts(demo_plan, preview, accepted=set(both), at=MERGED_AT)
    assert str(refused.value).startswith("2 conflicts need a side; nothing was merged:")
    with pytest.raises(MergeRefusedError) as refused:
        merge_drafts(demo_plan, preview, sides=both, at=MERGED_AT)
    assert str(refused.value) == (
        f"Maya Okafor’s draft of “{TITLE}” and Priya Raman’s draft of “{TITLE}” both change the reverse funnel "
        "for “Net revenue retention above 110%”; take one draft's side and keep the plan's for the other."
    )
    assert row_counts(demo_plan) == counts
    key = priya.proposals[0].key
    sides = {(maya.info.uid, key): Side.PLAN, (priya.info.uid, key): Side.DRAFT}
    assert (
        merge_drafts(demo_plan, preview, sides=sides, at=MERGED_AT).summary
        == "Merged 2 drafts: 1 added, 1 kept as the plan had it."
    )
    funnel = plan_document(demo_plan)["funnels"]
    assert [f["revenue_target"] for f in funnel if f["company_goal"] == key.removeprefix("funnel:")] == [
        3_000_000
    ]
    # Maya's funnel was decided against: merging her draft again brings nothing until she changes it.
    assert preview_merge(demo_plan, paths[:1]).drafts[0].tally == "nothing new"


# --- 3. Refusals ------------------------------------------------------------------------------------


def test_bad_files_are_refused_with_a_reason_and_no_file_is_touched(
    demo_plan: PlanFile, drafts_dir: Path, packed: Callable[[str, Path], Path], small_plan: PlanFile
) -> None:
    real = packed("Maya Okafor", drafts_dir / "maya.offsite")
    with open_plan(real) as draft:
        objectives.add_objective(draft, "Own the mid-market", [team_id(draft, "Sales")])
    (drafts_dir / "noise.offsite").write_bytes(os.urandom(8192))
    (drafts_dir / "cut.offsite").write_bytes(real.read_bytes()[:3000])
    (drafts_dir / "notes.offsite").write_text("Dear facilitator,\nhere is my draft.\n", encoding="utf-8")
    export_draft_pack(small_plan, leader(small_plan, "Maya Okafor").uid, drafts_dir / "foreign.offsite")
    small_plan.close()
    plain = drafts_dir / "other.offsite"
    plain.write_bytes(small_plan.path.read_bytes())
    copy = drafts_dir / "maya-copy.offsite"
    copy.write_bytes(real.read_bytes())

    files = sorted(drafts_dir.iterdir())
    before = {p.name: digest(p) for p in files}
    counts, document, on_disk = row_counts(demo_plan), plan_document(demo_plan), plan_bytes(demo_plan)

    names = ["noise", "cut", "notes", "foreign", "other", "maya", "maya-copy"]
    preview = preview_merge(demo_plan, [drafts_dir / f"{n}.offsite" for n in names] + [demo_plan.path])
    refused = {d.name: d.refused for d in preview.drafts}
    assert refused["noise.offsite"] == (
        "“noise.offsite” is not an Offsite plan (it is not a plan database at all). Nothing was merged from it."
    )
    assert refused["notes.offsite"].startswith("“notes.offsite” is not an Offsite plan")
    assert refused["cut.offsite"].startswith("“cut.offsite” is damaged")
    assert refused["cut.offsite"].endswith("Nothing was merged from it.")
    assert refused["foreign.offsite"] == (
        "“foreign.offsite” is Maya Okafor’s draft of “Another offsite”, made from another plan, not from "
        f"“{TITLE}”: merge it into the plan it came from. Neither file was changed."
    )
    assert refused["other.offsite"].startswith("“other.offsite” is a plan, not a draft: only a draft pack")
    assert refused["maya.offsite"] == ""
    assert refused["maya-copy.offsite"] == (
        "“maya-copy.offsite” is the same draft as “maya.offsite” (Maya Okafor’s draft of "
        f"“{TITLE}”): merge one of them. Each leader needs a pack of their own."
    )
    assert (
        refused["demo.offsite"]
        == "“demo.offsite” is the plan itself, not a draft of it; nothing was merged from it."
    )
    assert [d.name for d in preview.mergeable] == ["maya.offsite"]
    assert (row_counts(demo_plan), plan_document(demo_plan), plan_bytes(demo_plan)) == (
        counts,
        document,
        on_disk,
    )
    assert {p.name: digest(p) for p in sorted(drafts_dir.iterdir())} == before
    assert sidecars(drafts_dir) == []

    # Merging what the preview accepted leaves every draft as it was, too.
    result = merge_drafts(demo_plan, preview, at=MERGED_AT)
    assert result.summary == "Merged 1 draft: 1 added."
    assert {p.name: digest(p) for p in sorted(drafts_dir.iterdir())} == before
    assert sidecars(drafts_dir) == []

    # The same draft again, later: nothing new.
    assert preview_merge(demo_plan, [copy]).drafts[0].tally == "nothing new"


def test_another_name_of_the_plan_itself_is_refused_as_the_plan_not_read_as_a_draft(
    demo_plan: PlanFile, drafts_dir: Path
) -> None:
    # A hard link is the plan under another name in another folder: merging it would be the plan
    # into itself, so the preview says so, as the pack's export does, rather than "a plan, not a draft".
    other_name = drafts_dir / "the-plan-again.offsite"
    os.link(demo_plan.path, other_name)
    document, on_disk = plan_document(demo_plan), plan_bytes(demo_plan)

    preview = preview_merge(demo_plan, [other_name])

    assert [d.refused for d in preview.drafts] == [
        "“the-plan-again.offsite” is the plan itself, not a draft of it; nothing was merged from it."
    ]
    assert preview.mergeable == ()
    assert (plan_document(demo_plan), plan_bytes(demo_plan)) == (document, on_disk)


def test_a_signed_plan_and_a_draft_refuse_to_take_a_merge(
    demo_plan: PlanFile, drafts_dir: Path, packed: Callable[[str, Path], Path]
) -> None:
    real = packed("Maya Okafor", drafts_dir / "maya.offsite")
    with open_plan(real) as draft:
        objectives.add_objective(draft, "Own the mid-market", [team_id(draft, "Sales")])
        with pytest.raises(
            MergeRefusedError, match=r"^“maya\.offsite” is itself a draft \(Maya Okafor’s draft"
        ):
            preview_merge(draft, [real])
    version = freeze(demo_plan, frozen_by="Facilitator", override_reason="Testing the lock").id
    sign(demo_plan, version, leader(demo_plan, "Maya Okafor").id, "MO")
    before = digest(real)
    with pytest.raises(MergeRefusedError) as refused:
        preview_merge(demo_plan, [real])
    assert str(refused.value) == (
        "“demo.offsite” is signed (version 2), so it cannot be changed. Re-open it on the Sign-off screen to edit."
    )
    assert digest(real) == before
    assert sidecars(drafts_dir) == []


def test_a_pack_is_never_written_over_the_plan_and_a_draft_gives_no_packs(
    demo_plan: PlanFile, drafts_dir: Path, packed: Callable[[str, Path], Path]
) -> None:
    maya = leader(demo_plan, "Maya Okafor").uid
    document, on_disk = plan_document(demo_plan), plan_bytes(demo_plan)
    with pytest.raises(EditRefusedError) as refused:
        export_draft_pack(demo_plan, maya, demo_plan.path)
    assert str(refused.value) == "“demo.offsite” is the plan itself; save the draft pack under another name."
    assert (plan_document(demo_plan), plan_bytes(demo_plan)) == (document, on_disk)
    assert sorted(p.name for p in demo_plan.path.parent.iterdir() if p.name.endswith(".part")) == []
    with pytest.raises(EditRefusedError, match="no longer in the plan"):
        export_draft_pack(demo_plan, "no-such-leader", drafts_dir / "nobody.offsite")
    draft_path = packed("Maya Okafor", drafts_dir / "maya.offsite")
    with open_plan(draft_path) as draft, pytest.raises(EditRefusedError) as refused:
        export_draft_pack(draft, maya, drafts_dir / "again.offsite")
    assert str(refused.value) == (
        "“maya.offsite” is itself a draft. Export draft packs from the plan the facilitator keeps."
    )
    assert sorted(p.name for p in drafts_dir.iterdir()) == ["maya.offsite"]


# --- 4. One transaction, one undo step --------------------------------------------------------------


def test_a_merge_is_one_undo_step_and_redo_makes_it_again_exactly(
    demo_plan: PlanFile, drafts_dir: Path, packed: Callable[[str, Path], Path]
) -> None:
    path = packed("Priya Raman", drafts_dir / "priya.offsite")
    with open_plan(path) as draft:
        marketing = team_id(draft, "Marketing")
        o = objectives.add_objective(draft, "One funnel, one number", [marketing]).id
        objectives.add_metric(draft, o, "MQL to SQL", unit="%", target=30)
        n = brainstorm.add_why_node(draft, marketing, "We generate demand").id
        brainstorm.add_why_node(draft, marketing, "So sales has pipeline", n)
    untouched = plan_document(demo_plan)
    counts = row_counts(demo_plan)
    result = merge_drafts(demo_plan, preview_merge(demo_plan, [path]), at=MERGED_AT)
    assert result.summary == "Merged 1 draft: 3 added."
    merged = plan_document(demo_plan)
    assert merged != untouched

    undo_merge(demo_plan, result)
    assert plan_document(demo_plan) == untouched
    assert row_counts(demo_plan) == counts
    assert read_origins(demo_plan).keys().isdisjoint(items_of(merged).keys() - items_of(untouched).keys())
    redo_merge(demo_plan, result)
    assert plan_document(demo_plan) == merged
    undo_merge(demo_plan, result)
    assert plan_document(demo_plan) == untouched
    assert preview_merge(demo_plan, [path]).drafts[0].tally == "3 additions"


def test_undo_brings_back_what_a_merge_changed_and_removed(
    demo_plan: PlanFile, drafts_dir: Path, packed: Callable[[str, Path], Path]
) -> None:
    path, _o, m1, _m2, c = _draft_with_objective(demo_plan, drafts_dir, packed)
    with open_plan(path) as draft:
        update_fields(draft, Kind.METRIC, m1, {"target": 99})
        remove(draft, Kind.CANDIDATE, c)
    before = plan_document(demo_plan)
    result = merge_drafts(demo_plan, preview_merge(demo_plan, [path]), at=MERGED_AT)
    assert result.summary == "Merged 1 draft: 1 changed, 2 removed."
    after = plan_document(demo_plan)
    undo_merge(demo_plan, result)
    assert plan_document(demo_plan) == before
    redo_merge(demo_plan, result)
    assert plan_document(demo_plan) == after


def test_undoing_a_merge_that_removed_a_tracked_metric_gives_its_check_ins_back(
    demo_plan: PlanFile, drafts_dir: Path, packed: Callable[[str, Path], Path]
) -> None:
    # Maya's objective came from her draft; the plan has checked in on both its metrics since.
    # Her next draft changes one metric and drops the other: the merge takes the dropped metric's
    # check-ins with it, undo gives every one back, and redo takes the same away again.
    from offsite.services.checkins import check_in

    path, _o, m1, m2, _c = _draft_with_objective(demo_plan, drafts_dir, packed)
    meetings, demos = objective(demo_plan, "Own the mid-market").metrics
    for week in range(3):
        day = dt.date(2027, 2, 1) + dt.timedelta(weeks=week)
        check_in(demo_plan, meetings.id, 10 + week, as_of=day, confidence=7)
        check_in(demo_plan, demos.id, 2 + week, as_of=day, note=f"week {week}")
    with open_plan(path) as draft:
        update_fields(draft, Kind.METRIC, m1, {"target": 60})
        remove(draft, Kind.METRIC, m2)
    before = plan_document(demo_plan)
    (mine,) = [o for o in before["objectives"] if o["statement"] == "Own the mid-market"]
    uid = {m["name"]: m["uid"] for m in mine["metrics"]}
    result = merge_drafts(demo_plan, preview_merge(demo_plan, [path]), at=MERGED_AT)
    after = plan_document(demo_plan)
    assert uid[demos.name] not in {c["metric"] for c in after["check_ins"]}
    kept = [c for c in before["check_ins"] if c["metric"] == uid[meetings.name]]
    assert len(kept) == 3
    assert [c for c in after["check_ins"] if c["metric"] == uid[meetings.name]] == kept
    undo_merge(demo_plan, result)
    assert plan_document(demo_plan) == before
    redo_merge(demo_plan, result)
    assert plan_document(demo_plan) == after


def test_a_plan_changed_since_the_preview_refuses_the_merge_and_writes_nothing(
    demo_plan: PlanFile, drafts_dir: Path, packed: Callable[[str, Path], Path]
) -> None:
    path, o, *_ = _draft_with_objective(demo_plan, drafts_dir, packed)
    with open_plan(path) as draft:
        update_fields(draft, Kind.OBJECTIVE, o, {"method": "Call them, then visit."})
    preview = preview_merge(demo_plan, [path])
    assert preview.drafts[0].tally == "1 change"
    merged = objective(demo_plan, "Own the mid-market")
    update_fields(demo_plan, Kind.OBJECTIVE, merged.id, {"period": "H1 2027"})
    counts, document = row_counts(demo_plan), plan_document(demo_plan)
    with pytest.raises(MergeRefusedError) as refused:
        merge_drafts(demo_plan, preview, at=MERGED_AT)
    assert str(refused.value) == (
        "The plan changed since the preview (the objective “Own the mid-market” (Sales)); preview the drafts again."
    )
    assert (row_counts(demo_plan), plan_document(demo_plan)) == (counts, document)


def test_a_team_removed_since_the_preview_refuses_the_objective_that_needs_it(
    demo_plan: PlanFile, drafts_dir: Path
) -> None:
    partners = prepare.add_team(demo_plan, "Partnerships").id
    path = pack(demo_plan, "Maya Okafor", drafts_dir / "maya.offsite")
    with open_plan(path) as draft:
        objectives.add_objective(draft, "Partner-led growth", [team_id(draft, "Partnerships")])
    preview = preview_merge(demo_plan, [path])
    assert lines(preview.drafts[0]) == ["Adds objective “Partner-led growth” (Partnerships)"]
    remove(demo_plan, Kind.TEAM, partners)
    counts, document = row_counts(demo_plan), plan_document(demo_plan)
    with pytest.raises(
        MergeRefusedError, match=r"^The plan changed since the preview \(the objective “Partner-led"
    ):
        merge_drafts(demo_plan, preview, at=MERGED_AT)
    assert (row_counts(demo_plan), plan_document(demo_plan)) == (counts, document)
    # Previewed again, the draft brings the team back with the objective that needs it.
    assert lines(preview_merge(demo_plan, [path]).drafts[0]) == [
        "Adds team “Partnerships”",
        "Adds objective “Partner-led growth” (Partnerships)",
    ]


# --- 5. A draft started with nothing but the app ----------------------------------------------------


def test_a_draft_from_nothing_is_matched_by_name_and_a_new_team_comes_with_what_needs_it(
    demo_plan: PlanFile, drafts_dir: Path
) -> None:
    path = drafts_dir / "maya-new.offsite"
    with start_draft(path, "  maya okafor ", "sales", "Offsite 2027", at=dt.datetime(2027, 1, 5)) as draft:
        info = read_draft_info(draft)
        assert info is not None
        assert (info.plan_uid, info.leader_name, info.label) == (
            None,
            "maya okafor",
            "maya okafor’s draft of “Offsite 2027”",
        )
        me = read_plan(draft).leaders[0].id
        sales = team_id(draft, "sales")
        partners = prepare.add_team(draft, "Partnerships").id
        revenue = prepare.add_company_goal(draft, "grow revenue 50%  IN 2027").id
        objectives.add_objective(draft, "Partner-led growth", [partners], goal_ids=[revenue])
        objectives.add_objective(draft, "Outbound to mid-market", [sales], goal_ids=[revenue])
        n = brainstorm.add_why_node(draft, partners, "Partners bring deals").id
        brainstorm.add_why_node(draft, partners, "Deals fund the plan", n)
        c = brainstorm.add_candidate(draft, "Co-sell with partners", partners).id
        brainstorm.vote(draft, me, c, 1)

    preview = preview_merge(demo_plan, [path])
    (dp,) = preview.drafts
    assert dp.refused == ""
    assert dp.leader_uid == leader(demo_plan, "Maya Okafor").uid
    # Sales, the revenue goal and Maya are the plan's: listed with the names the room knows.
    assert lines(dp) == [
        "Adds team “Partnerships”",
        "Adds objective “Partner-led growth” (Partnerships)",
        "Adds objective “Outbound to mid-market” (Sales)",
        "Adds why-statement “Partners bring deals” (Partnerships)",
        "Adds why-statement “Deals fund the plan” (Partnerships)",
        "Adds candidate “Co-sell with partners” (Partnerships)",
        "Adds dot vote Maya Okafor: 1 dot on “Co-sell with partners”",
    ]
    team_key = dp.proposals[0].key
    assert dp.info is not None
    uid = dp.info.uid
    # Unticking the new team leaves out everything that needs it.

    left_out = dependants(team_key, dp.proposals)
    assert {p.label for p in dp.proposals if p.key in left_out} == {
        "“Partner-led growth” (Partnerships)",
        "“Partners bring deals” (Partnerships)",
        "“Deals fund the plan” (Partnerships)",
        "“Co-sell with partners” (Partnerships)",
        "Maya Okafor: 1 dot on “Co-sell with partners”",
    }
    present = set(preview.plan_items)
    vote_key = dp.proposals[-1].key
    assert needed({vote_key}, dp.proposals, present) == {vote_key, dp.proposals[-2].key, team_key}
    accepted = {(uid, p.key) for p in dp.proposals if p.key != team_key and p.key not in left_out}
    result = merge_drafts(demo_plan, preview, accepted=accepted, at=MERGED_AT)
    assert result.summary == "Merged 1 draft: 1 added."
    view = read_plan(demo_plan)
    assert [t.name for t in view.teams] == ["Sales", "Marketing", "Customer Success", "RevOps"]
    outbound = objective(demo_plan, "Outbound to mid-market")
    assert team_names(demo_plan, outbound.team_ids) == ["Sales"]
    assert outbound.goal_ids == (goal_id(demo_plan, "Grow revenue 50%"),)
    assert [g.statement for g in view.goals] == [
        "Grow revenue 50% in 2027",
        "Net revenue retention above 110%",
    ]
    assert (
        read_origins(demo_plan)[outbound.uid].leader_name == "Maya Okafor"
    )  # the room's spelling of the name typed alone

    # Later, one dependant alone: the team it needs comes along.
    preview = preview_merge(demo_plan, [path])
    assert preview.drafts[0].tally == "6 additions"
    partner_objective = next(p.key for p in preview.drafts[0].proposals if "Partner-led" in p.label)
    result = merge_drafts(demo_plan, preview, accepted={(uid, partner_objective)}, at=MERGED_AT)
    assert result.summary == "Merged 1 draft: 2 added."
    assert [t.name for t in read_plan(demo_plan).teams][-1] == "Partnerships"
    assert team_names(demo_plan, objective(demo_plan, "Partner-led growth").team_ids) == ["Partnerships"]
    assert preview_merge(demo_plan, [path]).drafts[0].tally == "4 additions"


def test_two_drafts_from_nothing_naming_a_new_team_alike_make_one_team(
    demo_plan: PlanFile, drafts_dir: Path
) -> None:
    paths = []
    for who, team in (("Maya Okafor", "Partnerships"), ("Priya Raman", "  partnerships ")):
        path = drafts_dir / f"{who.split()[0].lower()}.offsite"
        with start_draft(path, who, team) as draft:
            objectives.add_objective(
                draft, f"{who.split()[0]}'s partner plan", [read_plan(draft).teams[0].id]
            )
        paths.append(path)
    preview = preview_merge(demo_plan, paths)
    assert [d.tally for d in preview.drafts] == ["2 additions", "1 addition"]
    assert merge_drafts(demo_plan, preview, at=MERGED_AT).summary == "Merged 2 drafts: 3 added."
    teams = [t.name for t in read_plan(demo_plan).teams]
    assert teams.count("Partnerships") == 1
    assert "  partnerships " not in teams
    for name in ("Maya's partner plan", "Priya's partner plan"):
        assert team_names(demo_plan, objective(demo_plan, name).team_ids) == ["Partnerships"]


# --- 6. Every section round-trips --------------------------------------------------------------------


def _fill_every_section(draft: PlanFile, objective_text: str = "Own the mid-market") -> None:
    view = read_plan(draft)
    me = next(p for p in view.leaders if p.name == "Maya Okafor").id
    sales, marketing = team_id(draft, "Sales"), team_id(draft, "Marketing")
    revenue, retention = view.goals[0].id, view.goals[1].id
    o = objectives.add_objective(
        draft,
        objective_text,
        [marketing, sales],
        period="H1 2027",
        method="Call. Visit. Close.",
        goal_ids=[retention, revenue],
    ).id
    objectives.add_metric(
        draft,
        o,
        "Net revenue retained",
        unit="%",
        baseline=101.5,
        target=110,
        due=dt.date(2027, 6, 30),
        data_source="CRM: renewals",
        customer_centric=True,
        shared=True,
    )
    objectives.add_metric(draft, o, "Churned accounts", target=3, direction=Direction.DOWN)
    buyin.record_stance(
        draft, o, me, Stance.CHANGES_REQUESTED, "Lower the churn target", at=dt.datetime(2027, 1, 7, 9)
    )
    d = definitions.add_definition(draft, "Mid-market account", "50–500 employees", sales).id
    definitions.record_definition_stance(draft, d, me, Stance.AGREED, "Fine", at=dt.datetime(2027, 1, 7, 10))
    root = brainstorm.add_why_node(draft, sales, "Sales exists to close deals").id
    answer = brainstorm.add_why_node(draft, sales, "Deals keep customers", root).id
    other = brainstorm.add_why_node(draft, marketing, "Marketing exists to keep customers").id
    brainstorm.add_theme(draft, "Customers stay", [answer, other])
    tg = brainstorm.add_team_goal(draft, retention, "Renewals at 95%", team_id=sales, target=95, unit="%").id
    brainstorm.add_team_goal(
        draft, retention, "Save 10 at-risk accounts", team_id=marketing, parent_id=tg, target=10
    )
    brainstorm.set_funnel(
        draft,
        retention,
        revenue_target=2_000_000,
        average_deal_size=25_000,
        win_rate=30,
        sql_to_opportunity=50,
        mql_to_sql=40,
        lead_to_mql=12.5,
        quarters=["Q1 2027", "Q2 2027"],
        weights=[40, 60],
    )
    sw = brainstorm.add_team_switch(draft, sales, marketing, prepare_minutes=15, present_minutes=5).id
    brainstorm.add_switch_item(draft, sw, "played", "goal", "More MQLs")
    brainstorm.add_switch_item(draft, sw, "real", "plan", "Score leads together")
    brainstorm.set_empathy_note(draft, sw, sales, "We never saw the lead scoring")
    brainstorm.set_empathy_note(draft, sw, marketing, "Sales needs context, not volume")
    answer_uid = next(
        n["uid"] for n in plan_document(draft)["why_chains"] if n["text"] == "Deals keep customers"
    )
    c = brainstorm.add_candidate(draft, "Renew 95% of mid-market", sales, "why_chain", answer_uid).id
    brainstorm.set_smart(draft, c, "specific", True, "A segment and a number")
    brainstorm.set_smart(draft, c, "timely", False, "No date yet")
    brainstorm.set_impact(draft, c, 4)
    brainstorm.vote(draft, me, c, 3)
    parking.park(draft, "Pricing for partners", "brainstorm", at=dt.datetime(2027, 1, 7, 11))


def test_every_section_of_a_draft_merges_into_the_plan_as_the_draft_has_it(
    demo_plan: PlanFile, drafts_dir: Path, packed: Callable[[str, Path], Path]
) -> None:
    path = packed("Maya Okafor", drafts_dir / "maya.offsite")
    with open_plan(path) as draft:
        _fill_every_section(draft)
        draft_items = items_of(plan_document(draft))
    preview = preview_merge(demo_plan, [path])
    (dp,) = preview.drafts
    nouns = [p.noun for p in dp.proposals]
    assert nouns == [
        "objective",
        "buy-in",
        "definition",
        "definition buy-in",
        "why-statement",
        "why-statement",
        "why-statement",
        "common theme",
        "team goal",
        "team goal",
        "reverse funnel",
        "team switch",
        "candidate",
        "dot vote",
        "parked item",
    ]
    assert dp.tally == "15 additions"
    assert merge_drafts(demo_plan, preview, at=MERGED_AT).summary == "Merged 1 draft: 15 added."
    plan_items = items_of(plan_document(demo_plan))
    different = [
        (item.section, dict(item.content), dict(plan_items[key].content) if key in plan_items else None)
        for key, item in draft_items.items()
        if key not in plan_items or plan_items[key].fingerprint != item.fingerprint
    ]
    assert different == []
    assert {read_origins(demo_plan)[p.key].outcome for p in dp.proposals} == {Outcome.ADDED}
    assert preview_merge(demo_plan, [path]).drafts[0].tally == "nothing new"


# --- 7. Odd text ---------------------------------------------------------------------------------------


def test_odd_unicode_survives_the_merge_and_reads_right_in_labels(
    demo_plan: PlanFile, drafts_dir: Path, packed: Callable[[str, Path], Path]
) -> None:
    statement = "Cre\u0300me de la cre\u0300me 🚀 زيادة الإيرادات"  # combining accents, emoji, right-to-left
    candidate = "👩🏽‍💼 \u202eRTL override\u202c & <b>bold</b>"
    path = packed("Tomás Herrera", drafts_dir / "tomás 🚀.offsite")
    with open_plan(path) as draft:
        sales = team_id(draft, "Sales")
        objectives.add_objective(draft, statement, [sales])
        brainstorm.add_candidate(draft, candidate, sales)
    preview = preview_merge(demo_plan, [path])
    (dp,) = preview.drafts
    assert dp.label == f"Tomás Herrera’s draft of “{TITLE}”"
    # Labels drop the override and its end: cut short, an open override would run into the app's words.
    shown = "👩🏽‍💼 RTL override & <b>bold</b>"
    assert lines(dp) == [f"Adds objective “{statement}” (Sales)", f"Adds candidate “{shown}” (Sales)"]
    merge_drafts(demo_plan, preview, at=MERGED_AT)
    merged = [
        o
        for o in read_plan(demo_plan).objectives
        if unicodedata.normalize("NFC", o.statement) == unicodedata.normalize("NFC", statement)
    ]
    assert len(merged) == 1
    assert [c["text"] for c in plan_document(demo_plan)["candidates"] if "RTL" in c["text"]] == [candidate]
    origin = read_origins(demo_plan)[merged[0].uid]
    assert origin.label == "From Tomás Herrera’s draft (tomás 🚀.offsite), merged 14 Jan 2027 10:15 UTC"
    assert preview_merge(demo_plan, [path]).drafts[0].tally == "nothing new"
    # A document of the plan still serialises: the text is stored as typed.
    json.dumps(plan_document(demo_plan), ensure_ascii=False)


def test_preview_types_are_what_the_gui_and_cli_build_on(demo_plan: PlanFile, drafts_dir: Path) -> None:
    path = pack(demo_plan, "Aiko Tanaka", drafts_dir / "aiko.offsite")
    preview = preview_merge(demo_plan, [path])
    assert isinstance(preview, MergePreview)
    assert preview.plan_name == "demo.offsite"
    assert preview.drafts[0].tally == "nothing new"
    assert preview.drafts[0].label == f"Aiko Tanaka’s draft of “{TITLE}”"


def test_a_term_the_plan_or_an_earlier_draft_defines_already_is_pointed_out(
    demo_plan: PlanFile, drafts_dir: Path, packed: Callable[[str, Path], Path]
) -> None:
    maya = packed("Maya Okafor", drafts_dir / "maya.offsite")
    priya = packed("Priya Raman", drafts_dir / "priya.offsite")
    with open_plan(maya) as draft:
        definitions.add_definition(draft, "sales qualified LEAD", "A lead Sales has accepted.")
        definitions.add_definition(draft, "Ideal customer", "50–500 staff, a CRM already.")
    with open_plan(priya) as draft:
        definitions.add_definition(draft, "Ideal customer", "Mid-market, growing headcount.")
    preview = preview_merge(demo_plan, [maya, priya])
    first, second = preview.drafts
    assert first.notes == (
        "The definition “sales qualified LEAD” is defined in the plan already; merging it makes two "
        "entries for one term: untick one, or merge and settle the wording on the Definitions tab.",
    )
    assert second.notes == (
        "The definition “Ideal customer” is defined in Maya Okafor’s draft of “Sales & Marketing Offsite "
        "2027” already; merging it makes two entries for one term: untick one, or merge and settle the "
        "wording on the Definitions tab.",
    )


# --- Found by a facilitator's walk-through ------------------------------------------------------


def test_an_older_copy_of_a_merged_draft_is_refused_instead_of_taking_back_the_later_one(
    demo_plan: PlanFile, drafts_dir: Path, packed: Callable[[str, Path], Path]
) -> None:
    path = packed("Maya Okafor", drafts_dir / "maya.offsite")
    with open_plan(path) as draft:
        first = objectives.add_objective(draft, "Own the mid-market", [team_id(draft, "Sales")]).id
    early = drafts_dir / "maya-monday.offsite"
    early.write_bytes(path.read_bytes())  # the copy e-mailed on Monday
    with open_plan(path) as draft:
        update_fields(draft, Kind.OBJECTIVE, first, {"method": "Call every account twice."})
        objectives.add_objective(draft, "Land big logos", [team_id(draft, "Sales")])
        later = read_draft_info(draft)
    with open_plan(early, readonly=True) as copy:
        earlier = read_draft_info(copy)
    assert later is not None
    assert earlier is not None
    assert later.revision > earlier.revision
    merge_drafts(demo_plan, preview_merge(demo_plan, [path]), at=MERGED_AT)
    before = plan_bytes(demo_plan), digest(early)

    (refused,) = preview_merge(demo_plan, [early]).drafts
    assert refused.refused == (
        f"“maya-monday.offsite” is an older copy of Maya Okafor’s draft of “{TITLE}”: a later copy "
        "(“maya.offsite”) was merged on 14 Jan 2027 10:15 UTC, and merging this one would take back what "
        "that one brought. Merge the latest copy; nothing was merged from this one."
    )
    assert (plan_bytes(demo_plan), digest(early)) == before
    assert objective(demo_plan, "Land big logos")


def test_removing_an_item_the_room_has_worked_on_since_is_a_conflict_not_a_removal(
    demo_plan: PlanFile, drafts_dir: Path, packed: Callable[[str, Path], Path]
) -> None:
    path = packed("Maya Okafor", drafts_dir / "maya.offsite")
    with open_plan(path) as draft:
        mine = objectives.add_objective(draft, "Land big logos", [team_id(draft, "Sales")]).id
        idea = brainstorm.add_candidate(draft, "Logo wall", team_id(draft, "Sales")).id
    merge_drafts(demo_plan, preview_merge(demo_plan, [path]), at=MERGED_AT)
    merged = objective(demo_plan, "Land big logos")
    buyin.record_stance(demo_plan, merged.id, leader(demo_plan, "Tomás Herrera").id, Stance.AGREED, "Yes.")
    buyin.record_stance(demo_plan, merged.id, leader(demo_plan, "Priya Raman").id, Stance.AGREED, "Yes.")
    with open_plan(path) as draft:
        remove(draft, Kind.OBJECTIVE, mine)
        remove(draft, Kind.CANDIDATE, idea)

    (preview,) = preview_merge(demo_plan, [path]).drafts
    assert lines(preview) == [
        "Conflict objective “Land big logos” (Sales)",
        "Removes candidate “Logo wall” (Sales)",
    ]
    conflict = preview.proposals[0]
    assert conflict.detail == "removed in the draft; the plan has 2 buy-in entries on it since"
    assert conflict.plan_side == "“Land big logos” (Sales) · 2 buy-in entries"
    assert conflict.draft_side == "removed"


def test_buy_in_and_dots_recorded_for_other_leaders_wait_unticked(
    demo_plan: PlanFile, drafts_dir: Path, packed: Callable[[str, Path], Path]
) -> None:
    path = packed("Maya Okafor", drafts_dir / "maya.offsite")
    with open_plan(path) as draft:
        mine = objectives.add_objective(draft, "Land big logos", [team_id(draft, "Sales")]).id
        buyin.record_stance(draft, mine, leader(draft, "Maya Okafor").id, Stance.AGREED, "Mine.")
        buyin.record_stance(draft, mine, leader(draft, "Tomás Herrera").id, Stance.AGREED, "Surely.")
    preview = preview_merge(demo_plan, [path])
    (draft,) = preview.drafts
    assert draft.notes == (
        "The draft records buy-in or dots for Tomás Herrera, which only that leader can give: they are "
        "left out unless chosen (tick them, or add --with-others on the command line).",
    )
    assert len(preview.on_behalf()) == 1
    merge_drafts(demo_plan, preview, at=MERGED_AT)
    stances = [r for r in plan_document(demo_plan)["buy_in"] if r["comment"] in ("Mine.", "Surely.")]
    assert [r["comment"] for r in stances] == ["Mine."]


def test_a_stance_merged_from_a_laptop_whose_clock_ran_ahead_gives_way_to_the_next_one_recorded(
    demo_plan: PlanFile, drafts_dir: Path, packed: Callable[[str, Path], Path]
) -> None:
    path = packed("Maya Okafor", drafts_dir / "maya.offsite")
    clock_ahead = dt.datetime(2027, 3, 1, 9, 0)
    with open_plan(path) as draft:
        mine = objectives.add_objective(draft, "Land big logos", [team_id(draft, "Sales")]).id
        buyin.record_stance(
            draft, mine, leader(draft, "Maya Okafor").id, Stance.AGREED, "Mine.", at=clock_ahead
        )
    merge_drafts(demo_plan, preview_merge(demo_plan, [path]), at=MERGED_AT)
    logos, maya = objective(demo_plan, "Land big logos").id, leader(demo_plan, "Maya Okafor").id

    # In the room, on the facilitator's clock (weeks before the draft's), Maya changes her mind.
    buyin.record_stance(demo_plan, logos, maya, Stance.DECLINED, "Not this year.", at=MERGED_AT)

    view = read_plan(demo_plan)
    current = current_stances(view.stances)[(logos, maya)]
    assert (current.stance, current.comment) == (Stance.DECLINED, "Not this year.")
    assert not is_bought_in(view.objective(logos), view.leaders, current_stances(view.stances))  # type: ignore[arg-type]


def test_a_draft_from_nothing_matches_names_without_accents_or_punctuation(
    demo_plan: PlanFile, drafts_dir: Path
) -> None:
    with start_draft(drafts_dir / "tomas.offsite", "Tomas Herrera", "customer-success") as draft:
        objectives.add_objective(draft, "Renewals first", [team_id(draft, "customer-success")])
    (preview,) = preview_merge(demo_plan, [drafts_dir / "tomas.offsite"]).drafts
    assert lines(preview) == ["Adds objective “Renewals first” (Customer Success)"]
    assert preview.leader_uid == leader(demo_plan, "Tomás Herrera").uid


def test_a_pack_is_never_written_over_a_leaders_draft(
    demo_plan: PlanFile, drafts_dir: Path, packed: Callable[[str, Path], Path]
) -> None:
    path = packed("Priya Raman", drafts_dir / "priya.offsite")
    with open_plan(path) as draft:
        objectives.add_objective(draft, "Launch the partner program", [team_id(draft, "Marketing")])
    before = digest(path)
    with pytest.raises(EditRefusedError) as refused:
        export_draft_pack(demo_plan, leader(demo_plan, "Priya Raman").uid, path)
    assert str(refused.value) == (
        "“priya.offsite” already exists and may hold a leader’s draft; choose a new file name for the pack."
    )
    assert digest(path) == before
    assert sidecars(drafts_dir) == []
