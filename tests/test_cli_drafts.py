"""Drafting alone and merging in the room, from the command line: ``pack``, ``draft`` and ``merge``.

Each command runs as the real ``offsite`` console script in a child process, on real files.
The contract a script relies on: exit 0 merged, 1 refused (nothing written), 2 a file or an
argument it cannot use; a draft is never written; on a refusal the plan is byte for byte as it was.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from cli_runner import Run, digest, ok, refused
from offsite.domain.values import Kind
from offsite.exchange.demo import write_demo_plan
from offsite.services import brainstorm, changes, objectives, prepare
from offsite.services.plans import open_plan, read_plan
from offsite.services.signoff import freeze
from offsite.store import PlanFile

DEMO_TITLE = "Sales & Marketing Offsite 2027"


@pytest.fixture
def plan_path(tmp_path: Path, demo_plan_bytes: bytes) -> Path:
    path = tmp_path / "plan.offsite"
    path.write_bytes(demo_plan_bytes)
    return path


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file directly in ``folder`` with its bytes, to prove a refusal changed nothing."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def sidecars(folder: Path) -> list[str]:
    """SQLite's -wal/-shm/-journal files left anywhere in ``folder``: none once every command is done."""
    return sorted(p.name for p in folder.rglob("*") if p.name.endswith(("-wal", "-shm", "-journal")))


def team_id(plan: PlanFile, name: str) -> int:
    return next(t.id for t in read_plan(plan).teams if t.name == name)


def objective(plan: PlanFile, statement: str) -> int:
    return next(o.id for o in read_plan(plan).objectives if o.statement == statement)


def fill_maya(path: Path) -> None:
    """Maya drafts an objective with two metrics, linked to a company goal."""
    with open_plan(path) as draft:
        view = read_plan(draft)
        made = objectives.add_objective(
            draft,
            "Own the mid-market",
            [team_id(draft, "Sales")],
            method="Call every mid-market account twice a quarter.",
            goal_ids=[view.goals[0].id],
        )
        objectives.add_metric(draft, made.id, "Meetings booked", target=40)
        objectives.add_metric(draft, made.id, "Mid-market win rate", unit="%", target=30)


def fill_tomas(path: Path) -> None:
    """Tomás drafts candidates and spends his dots on one."""
    with open_plan(path) as draft:
        sales = team_id(draft, "Sales")
        first = brainstorm.add_candidate(draft, "Double outbound meetings", sales)
        brainstorm.add_candidate(draft, "Publish pricing online", sales)
        tomas = next(p.id for p in read_plan(draft).leaders if p.name == "Tomás Herrera")
        brainstorm.vote(draft, tomas, first.id, 2)


def fill_priya(path: Path) -> None:
    """Priya drafts a why-chain for Marketing and an objective of her own."""
    with open_plan(path) as draft:
        marketing = team_id(draft, "Marketing")
        root = brainstorm.add_why_node(draft, marketing, "We want more qualified leads")
        why = brainstorm.add_why_node(draft, marketing, "Because sales waits for pipeline", root.id)
        brainstorm.add_why_node(draft, marketing, "Because campaigns end at the form fill", why.id)
        made = objectives.add_objective(draft, "Hand over warm leads within a day", [marketing])
        objectives.add_metric(draft, made.id, "Leads handed over in 24h", unit="%", target=90)


def packed(offsite: Run, plan_path: Path, leader: str, out: str) -> Path:
    stdout = ok(offsite("pack", plan_path, "--leader", leader, "-o", out))
    assert out in stdout
    return plan_path.with_name(out)


def merged_once(offsite: Run, plan_path: Path) -> Path:
    """Maya's pack with her objective, merged into the plan; returns the draft."""
    maya = packed(offsite, plan_path, "Maya Okafor", "maya.offsite")
    fill_maya(maya)
    assert "Merged 1 draft: 1 added." in ok(offsite("merge", plan_path, maya))
    return maya


def edit_both_sides(plan_path: Path, draft_path: Path) -> None:
    """The facilitator rewords the objective in the plan; Maya rewords it differently in her draft."""
    with open_plan(plan_path) as plan:
        changes.update_fields(
            plan, Kind.OBJECTIVE, objective(plan, "Own the mid-market"), {"statement": "Lead the mid-market"}
        )
    with open_plan(draft_path) as draft:
        changes.update_fields(
            draft, Kind.OBJECTIVE, objective(draft, "Own the mid-market"), {"statement": "Win the mid-market"}
        )


def conflict_key(plan_path: Path) -> str:
    with open_plan(plan_path, readonly=True) as plan:
        return next(o.uid for o in read_plan(plan).objectives if o.statement == "Lead the mid-market")


def statements(plan_path: Path) -> list[str]:
    with open_plan(plan_path, readonly=True) as plan:
        return [o.statement for o in read_plan(plan).objectives]


# --- pack and draft ----------------------------------------------------------------------------------


def test_pack_names_the_leader_in_any_case(offsite: Run, plan_path: Path, tmp_path: Path) -> None:
    before = digest(plan_path)
    stdout = ok(offsite("pack", plan_path, "--leader", "tomás HERRERA", "-o", "tomas.offsite"))
    assert "Wrote “tomas.offsite”" in stdout
    assert "Tomás Herrera" in stdout
    with open_plan(tmp_path / "tomas.offsite", readonly=True) as draft:
        assert {t.name for t in read_plan(draft).teams} >= {"Sales", "Marketing"}
    assert digest(plan_path) == before
    assert sidecars(tmp_path) == []
    assert ok(offsite("check", "tomas.offsite")) == (
        "tomas.offsite: a sound draft (Tomás Herrera’s draft of “Sales & Marketing Offsite 2027”).\n"
    )


@pytest.mark.parametrize(
    ("leader", "words"),
    [("Zed Nobody", "no leader called “Zed Nobody”"), ("", "no leader called")],
    ids=["unknown", "empty"],
)
def test_pack_of_an_unknown_leader_lists_the_leaders(
    offsite: Run, plan_path: Path, tmp_path: Path, leader: str, words: str
) -> None:
    before = snapshot(tmp_path)
    stderr = refused(offsite("pack", plan_path, "--leader", leader, "-o", "out.offsite"), code=2)
    assert words in stderr
    assert "Maya Okafor, Tomás Herrera, Priya Raman" in stderr
    assert snapshot(tmp_path) == before


def test_pack_of_an_ambiguous_name_asks_for_the_full_one(
    offsite: Run, plan_path: Path, tmp_path: Path
) -> None:
    with open_plan(plan_path) as plan:
        prepare.add_leader(plan, "Maya Chen", "Partner manager")
    before = snapshot(tmp_path)
    stderr = refused(offsite("pack", plan_path, "--leader", "maya", "-o", "maya.offsite"), code=2)
    assert "“maya” could be Maya Okafor or Maya Chen; give the full name" in stderr
    assert snapshot(tmp_path) == before
    assert "Maya Chen" in ok(offsite("pack", plan_path, "--leader", "maya chen", "-o", "maya.offsite"))


def test_pack_never_overwrites_a_draft(offsite: Run, plan_path: Path, tmp_path: Path) -> None:
    maya = packed(offsite, plan_path, "maya", "maya.offsite")
    fill_maya(maya)
    before = snapshot(tmp_path)
    stderr = refused(offsite("pack", plan_path, "--leader", "maya", "-o", "maya.offsite"))
    assert "“maya.offsite” already exists" in stderr
    assert snapshot(tmp_path) == before


def test_pack_of_no_plan_exits_2(offsite: Run, tmp_path: Path) -> None:
    notes = tmp_path / "notes.offsite"
    notes.write_text("Agenda: coffee.\n", encoding="utf-8")
    before = snapshot(tmp_path)
    stderr = refused(offsite("pack", notes, "--leader", "maya", "-o", "out.offsite"), code=2)
    assert "“notes.offsite” is not an Offsite plan" in stderr
    assert snapshot(tmp_path) == before


def test_a_draft_from_nothing_is_matched_by_team_name(offsite: Run, plan_path: Path, tmp_path: Path) -> None:
    stdout = ok(
        offsite("draft", "lena.offsite", "--leader", "Lena Fischer", "--team", "marketing", "--title", "FY27")
    )
    assert "Lena Fischer’s draft (marketing)" in stdout
    lena = tmp_path / "lena.offsite"
    with open_plan(lena) as draft:
        objectives.add_objective(draft, "Publish a case study a month", [team_id(draft, "marketing")])
    teams_before = len(read_plan_at(plan_path).teams)
    stdout = ok(offsite("merge", plan_path, lena))
    assert "+ objective “Publish a case study a month” (Marketing)" in stdout
    assert "Merged 1 draft: 1 added." in stdout
    view = read_plan_at(plan_path)
    assert len(view.teams) == teams_before  # “marketing” is the plan's Marketing, not a new team
    made = next(o for o in view.objectives if o.statement == "Publish a case study a month")
    assert [view.team(t).name for t in made.team_ids] == ["Marketing"]  # type: ignore[union-attr]


def test_draft_refuses_an_existing_file_and_an_empty_name(offsite: Run, tmp_path: Path) -> None:
    taken = tmp_path / "taken.offsite"
    taken.write_bytes(b"someone's notes\n")
    before = snapshot(tmp_path)
    assert "“taken.offsite” already exists" in refused(
        offsite("draft", taken, "--leader", "Lena", "--team", "Sales")
    )
    assert "Give your name" in refused(
        offsite("draft", "new.offsite", "--leader", " ", "--team", "Sales"), code=2
    )
    assert snapshot(tmp_path) == before


def read_plan_at(path: Path):  # type: ignore[no-untyped-def]
    with open_plan(path, readonly=True) as plan:
        return read_plan(plan)


# --- merge: three leaders ------------------------------------------------------------------------


def test_three_leaders_draft_alone_and_merge_in_the_room(
    offsite: Run, plan_path: Path, tmp_path: Path
) -> None:
    drafts = [
        packed(offsite, plan_path, "Maya Okafor", "maya.offsite"),
        packed(offsite, plan_path, "tomás herrera", "tomas.offsite"),
        packed(offsite, plan_path, "PRIYA", "priya.offsite"),
    ]
    for draft, fill in zip(drafts, (fill_maya, fill_tomas, fill_priya), strict=True):
        fill(draft)
    drafts_before = {d.name: digest(d) for d in drafts}

    stdout = ok(offsite("merge", plan_path, *drafts))
    assert f"Maya Okafor’s draft of “{DEMO_TITLE}” (maya.offsite): 1 addition" in stdout
    assert "  + objective “Own the mid-market” (Sales)" in stdout
    assert "(tomas.offsite): 3 additions" in stdout
    assert "  + candidate “Double outbound meetings” (Sales)" in stdout
    assert "  + dot vote Tomás Herrera: 2 dots on “Double outbound meetings”" in stdout
    assert "(priya.offsite): 4 additions" in stdout
    assert "  + why-statement “Because sales waits for pipeline” (Marketing)" in stdout
    assert stdout.strip().endswith("Merged 3 drafts: 8 added.")
    assert {d.name: digest(d) for d in drafts} == drafts_before  # a draft is only read
    assert sidecars(tmp_path) == []

    view = read_plan_at(plan_path)
    mid = next(o for o in view.objectives if o.statement == "Own the mid-market")
    assert {(m.name, m.target) for m in mid.metrics} == {("Meetings booked", 40), ("Mid-market win rate", 30)}
    assert any(o.statement == "Hand over warm leads within a day" for o in view.objectives)
    with open_plan(plan_path, readonly=True) as plan:
        ideas = brainstorm.read_brainstorm(plan)
    assert {"Double outbound meetings", "Publish pricing online"} <= {c.text for c in ideas.candidates}
    chain = {n.text: n for n in ideas.nodes}
    assert (
        chain["Because campaigns end at the form fill"].parent_id
        == chain["Because sales waits for pipeline"].id
    )
    assert next(c for c in ideas.candidates if c.text == "Double outbound meetings").dots >= 2

    plan_before = digest(plan_path)
    again = ok(offsite("merge", plan_path, *drafts))
    assert again.count(".offsite): nothing new") == 3
    assert "Merged 3 drafts: nothing new." in again
    assert digest(plan_path) == plan_before


def test_dry_run_writes_nothing(offsite: Run, plan_path: Path, tmp_path: Path) -> None:
    maya = packed(offsite, plan_path, "maya", "maya.offsite")
    fill_maya(maya)
    before = snapshot(tmp_path)
    stdout = ok(offsite("merge", "--dry-run", plan_path, maya))
    assert "  + objective “Own the mid-market” (Sales)" in stdout
    assert "Dry run: the merge would go ahead; nothing was written." in stdout
    assert "Merged" not in stdout
    assert snapshot(tmp_path) == before
    assert sidecars(tmp_path) == []
    assert "Own the mid-market" not in statements(plan_path)


# --- merge: conflicts ----------------------------------------------------------------------------


def test_a_conflict_refuses_the_merge_and_names_it(offsite: Run, plan_path: Path, tmp_path: Path) -> None:
    maya = merged_once(offsite, plan_path)
    edit_both_sides(plan_path, maya)
    key = conflict_key(plan_path)
    before = snapshot(tmp_path)

    result = offsite("merge", plan_path, maya)
    stderr = refused(result)
    assert (
        "  ! conflict objective “Win the mid-market” (Sales): plan: “Lead the mid-market” (Sales)"
        in result.stdout
    )
    assert f"[{key[:8]}]" in result.stdout
    assert "1 conflict needs a side; nothing was merged:" in stderr
    assert f"- objective “Win the mid-market” (Sales) [{key[:8]}] in Maya Okafor’s draft" in stderr
    assert "plan: “Lead the mid-market” (Sales)" in stderr
    assert "draft: “Win the mid-market” (Sales)" in stderr
    assert f"--take-draft {key[:8]}" in stderr
    assert snapshot(tmp_path) == before

    # A dry run shows the same and still writes nothing, with exit 0.
    dry = offsite("merge", plan_path, maya, "--dry-run")
    assert dry.returncode == 0, dry
    assert "would be refused" in dry.stdout
    assert "1 conflict needs a side" in dry.stderr
    assert snapshot(tmp_path) == before

    stdout = ok(offsite("merge", plan_path, maya, "--take-draft", key[:6].upper()))
    assert "Merged 1 draft: 1 changed." in stdout
    assert "Win the mid-market" in statements(plan_path)
    assert "Lead the mid-market" not in statements(plan_path)
    assert digest(maya) == hashlib.sha256(before["maya.offsite"]).hexdigest()
    assert "Merged 1 draft: nothing new." in ok(offsite("merge", plan_path, maya))


def test_conflicts_plan_keeps_the_plans_side(offsite: Run, plan_path: Path) -> None:
    maya = merged_once(offsite, plan_path)
    edit_both_sides(plan_path, maya)
    stdout = ok(offsite("merge", plan_path, maya, "--conflicts", "plan"))
    assert "Merged 1 draft: 1 kept as the plan had it." in stdout
    assert "Lead the mid-market" in statements(plan_path)
    assert "Win the mid-market" not in statements(plan_path)
    # The choice is remembered: the same draft brings nothing new next time.
    assert "Merged 1 draft: nothing new." in ok(offsite("merge", plan_path, maya))


def test_a_key_overrides_conflicts_for_all(offsite: Run, plan_path: Path) -> None:
    maya = merged_once(offsite, plan_path)
    edit_both_sides(plan_path, maya)
    key = conflict_key(plan_path)
    stdout = ok(offsite("merge", plan_path, maya, "--conflicts", "draft", "--keep-plan", key[:4]))
    assert "1 kept as the plan had it" in stdout
    assert "Lead the mid-market" in statements(plan_path)


@pytest.mark.parametrize(
    ("given", "words"),
    [
        ("abc", "is too short: give at least 4 characters"),
        ("zzzzzzzz", "names no conflict; the conflicts are:"),
    ],
    ids=["too-short", "unknown"],
)
def test_a_key_that_names_no_conflict_exits_2(
    offsite: Run, plan_path: Path, tmp_path: Path, given: str, words: str
) -> None:
    maya = merged_once(offsite, plan_path)
    edit_both_sides(plan_path, maya)
    before = snapshot(tmp_path)
    stderr = refused(offsite("merge", plan_path, maya, "--take-draft", given), code=2)
    assert f"--take-draft “{given}”" in stderr
    assert words in stderr
    assert snapshot(tmp_path) == before


def _set_uid(path: Path, statement: str, uid: str) -> None:
    connection = sqlite3.connect(path)
    try:
        changed = connection.execute("UPDATE objective SET uid = ? WHERE statement = ?", (uid, statement))
        assert changed.rowcount == 1
        connection.commit()
    finally:
        connection.close()


def test_an_ambiguous_key_exits_2(offsite: Run, plan_path: Path, tmp_path: Path) -> None:
    maya = packed(offsite, plan_path, "maya", "maya.offsite")
    with open_plan(maya) as draft:
        objectives.add_objective(draft, "First idea", [team_id(draft, "Sales")])
        objectives.add_objective(draft, "Second idea", [team_id(draft, "Sales")])
    # Two items whose keys share their first characters, as random keys now and then do.
    _set_uid(maya, "First idea", "abcd1111-0000-4000-8000-000000000001")
    _set_uid(maya, "Second idea", "abcd2222-0000-4000-8000-000000000002")
    ok(offsite("merge", plan_path, maya))
    for path, suffix in ((plan_path, " (plan)"), (maya, " (draft)")):
        with open_plan(path) as opened:
            for text in ("First idea", "Second idea"):
                changes.update_fields(
                    opened, Kind.OBJECTIVE, objective(opened, text), {"statement": text + suffix}
                )
    before = snapshot(tmp_path)
    stderr = refused(offsite("merge", plan_path, maya, "--keep-plan", "abcd"), code=2)
    assert (
        "--keep-plan “abcd” could be any of 2 conflicts; give more of the key: abcd1111, abcd2222." in stderr
    )
    assert snapshot(tmp_path) == before
    ok(offsite("merge", plan_path, maya, "--keep-plan", "abcd1", "--take-draft", "abcd2"))
    assert {"First idea (plan)", "Second idea (draft)"} <= set(statements(plan_path))


def test_two_drafts_changing_one_item_take_one_side(offsite: Run, plan_path: Path, tmp_path: Path) -> None:
    maya = merged_once(offsite, plan_path)
    with open_plan(maya) as draft:
        changes.update_fields(
            draft, Kind.OBJECTIVE, objective(draft, "Own the mid-market"), {"method": "Maya's way."}
        )
    # Tomás drafts in a copy of Maya's draft (marked as his own), and changes the same objective.
    tomas = tmp_path / "tomas.offsite"
    tomas.write_bytes(maya.read_bytes())
    tomas_uid = next(p.uid for p in read_plan_at(plan_path).leaders if p.name == "Tomás Herrera")
    connection = sqlite3.connect(tomas)
    try:
        connection.execute(
            "UPDATE draft SET uid = ?, leader_uid = ?, leader_name = ?",
            ("00000000-0000-4000-8000-00000000000b", tomas_uid, "Tomás Herrera"),
        )
        connection.commit()
    finally:
        connection.close()
    with open_plan(tomas) as draft:
        changes.update_fields(
            draft, Kind.OBJECTIVE, objective(draft, "Own the mid-market"), {"method": "Tomás's way."}
        )
    key = next(o.uid for o in read_plan_at(plan_path).objectives if o.statement == "Own the mid-market")
    before = snapshot(tmp_path)

    result = offsite("merge", plan_path, maya, tomas)
    assert "also changed in Tomás Herrera’s draft" in result.stdout
    assert "2 conflicts need a side" in refused(result)
    stderr = refused(offsite("merge", plan_path, maya, tomas, "--take-draft", key[:8]), code=2)
    assert "2 drafts (maya.offsite, tomas.offsite) change that item and only one can win" in stderr
    assert f"--take-draft maya.offsite:{key[:8]}" in stderr
    stderr = refused(offsite("merge", plan_path, maya, tomas, "--conflicts", "draft"))
    assert "Nothing was merged: maya.offsite and tomas.offsite both change the item" in stderr
    assert snapshot(tmp_path) == before

    stdout = ok(offsite("merge", plan_path, maya, tomas, "--take-draft", f"tomas.offsite:{key[:8]}"))
    assert "Merged 2 drafts: 1 changed, 1 kept as the plan had it." in stdout
    assert next(o for o in read_plan_at(plan_path).objectives if o.uid == key).method == "Tomás's way."


# --- merge: refused drafts -----------------------------------------------------------------------


def _random_bytes(path: Path, good: bytes) -> None:
    path.write_bytes(os.urandom(4096))


def _truncated(path: Path, good: bytes) -> None:
    path.write_bytes(good[: len(good) // 2])


def _damaged_page(path: Path, good: bytes) -> None:
    data = bytearray(good)
    data[4096 : 4096 * 3] = os.urandom(4096 * 2)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "damage", [_random_bytes, _truncated, _damaged_page], ids=["random", "truncated", "damaged"]
)
def test_a_corrupt_draft_is_refused(
    offsite: Run, plan_path: Path, tmp_path: Path, damage: Callable[[Path, bytes], None]
) -> None:
    maya = packed(offsite, plan_path, "maya", "maya.offsite")
    fill_maya(maya)
    damage(maya, maya.read_bytes())
    before = snapshot(tmp_path)
    result = offsite("merge", plan_path, maya)
    stderr = refused(result)
    assert "“maya.offsite” is" in stderr
    assert "Nothing was merged from it." in stderr
    assert "Nothing was merged: the file was refused." in stderr
    assert "“maya.offsite”: refused." in result.stdout
    assert snapshot(tmp_path) == before
    assert sidecars(tmp_path) == []


def test_a_draft_of_another_plan_is_refused(offsite: Run, plan_path: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.offsite"
    write_demo_plan(other).close()
    foreign = packed(offsite, other, "maya", "foreign.offsite")
    fill_maya(foreign)
    before = snapshot(tmp_path)
    stderr = refused(offsite("merge", plan_path, foreign))
    assert "“foreign.offsite” is Maya Okafor’s draft of" in stderr
    assert "but of another plan file with the same title" in stderr
    assert "merge it into the plan it came from" in stderr
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("which", ["other", "itself"])
def test_a_plan_given_as_a_draft_is_refused(
    offsite: Run, plan_path: Path, tmp_path: Path, which: str
) -> None:
    if which == "other":
        draft = tmp_path / "other.offsite"
        write_demo_plan(draft).close()
        words = "“other.offsite” is a plan, not a draft"
    else:
        draft, words = (
            plan_path,
            "“plan.offsite” is the plan itself, not a draft of it; nothing was merged from it.",
        )
    before = snapshot(tmp_path)
    assert words in refused(offsite("merge", plan_path, draft))
    assert snapshot(tmp_path) == before


def test_a_missing_draft_is_refused(offsite: Run, plan_path: Path, tmp_path: Path) -> None:
    before = snapshot(tmp_path)
    assert "“nowhere.offsite” does not exist" in refused(offsite("merge", plan_path, "nowhere.offsite"))
    assert snapshot(tmp_path) == before


def test_one_refused_draft_stops_the_merge_unless_skipped(
    offsite: Run, plan_path: Path, tmp_path: Path
) -> None:
    maya = packed(offsite, plan_path, "maya", "maya.offsite")
    fill_maya(maya)
    broken = tmp_path / "broken.offsite"
    broken.write_text("not a draft\n", encoding="utf-8")
    before = snapshot(tmp_path)
    stderr = refused(offsite("merge", plan_path, maya, broken))
    assert "“broken.offsite” is not an Offsite plan" in stderr
    assert "1 of 2 files was refused; leave it out, or add --skip-refused to merge the other draft." in stderr
    assert snapshot(tmp_path) == before

    result = offsite("merge", plan_path, maya, broken, "--skip-refused")
    assert "Merged 1 draft: 1 added." in ok(result)
    assert "“broken.offsite” is not an Offsite plan" in result.stderr  # still said, never silent
    assert "Own the mid-market" in statements(plan_path)


def test_the_same_draft_twice_is_refused(offsite: Run, plan_path: Path, tmp_path: Path) -> None:
    maya = packed(offsite, plan_path, "maya", "maya.offsite")
    fill_maya(maya)
    copy = tmp_path / "maya-copy.offsite"
    copy.write_bytes(maya.read_bytes())
    before = snapshot(tmp_path)
    stderr = refused(offsite("merge", plan_path, maya, copy))
    assert "“maya-copy.offsite” is the same draft as “maya.offsite”" in stderr
    assert snapshot(tmp_path) == before


# --- merge: a plan that cannot take one ----------------------------------------------------------


def test_a_signed_plan_takes_no_merge(offsite: Run, plan_path: Path, tmp_path: Path) -> None:
    maya = packed(offsite, plan_path, "maya", "maya.offsite")
    fill_maya(maya)
    with open_plan(plan_path) as plan:
        freeze(plan, frozen_by="Sam", override_reason="Board meeting on Monday.")
    before = snapshot(tmp_path)
    stderr = refused(offsite("merge", plan_path, maya))
    assert "“plan.offsite”" in stderr
    assert "signed" in stderr.lower() or "locked" in stderr.lower()
    assert len(stderr.strip().splitlines()) == 1
    assert snapshot(tmp_path) == before


def test_a_draft_as_the_plan_takes_no_merge(offsite: Run, plan_path: Path, tmp_path: Path) -> None:
    maya = packed(offsite, plan_path, "maya", "maya.offsite")
    tomas = packed(offsite, plan_path, "tomas", "tomas.offsite")
    before = snapshot(tmp_path)
    stderr = refused(offsite("merge", maya, tomas))
    assert "“maya.offsite” is itself a draft" in stderr
    assert snapshot(tmp_path) == before


def test_merge_into_no_plan_exits_2(offsite: Run, tmp_path: Path, plan_path: Path) -> None:
    maya = packed(offsite, plan_path, "maya", "maya.offsite")
    notes = tmp_path / "notes.offsite"
    notes.write_text("Agenda\n", encoding="utf-8")
    before = snapshot(tmp_path)
    assert "“notes.offsite” is not an Offsite plan" in refused(offsite("merge", notes, maya), code=2)
    assert snapshot(tmp_path) == before


def test_dots_a_draft_places_for_another_leader_are_left_out_unless_asked_for(
    offsite: Run, plan_path: Path
) -> None:
    maya = packed(offsite, plan_path, "Maya Okafor", "maya.offsite")
    with open_plan(maya) as draft:
        idea = brainstorm.add_candidate(draft, "Logo wall", team_id(draft, "Sales")).id
        tomas = next(p.id for p in read_plan(draft).leaders if p.name == "Tomás Herrera")
        brainstorm.vote(draft, tomas, idea, 2)
    stdout = ok(offsite("merge", plan_path, maya))
    assert (
        "  ○ dot vote Tomás Herrera: 2 dots on “Logo wall”  (left out: add --with-others to merge it)"
        in stdout
    )
    assert "Merged 1 draft: 1 added." in stdout
    stdout = ok(offsite("merge", plan_path, maya, "--with-others"))
    assert "Merged 1 draft: 1 added." in stdout
    with open_plan(plan_path, readonly=True) as plan:
        assert sum(c.dots for c in brainstorm.read_brainstorm(plan).candidates if c.text == "Logo wall") == 2
