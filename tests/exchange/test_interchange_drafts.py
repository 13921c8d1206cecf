"""Drafts and merge records in the interchange document (version 5): lossless, checked, not signed.

One scene, built once (the demo plan is slow to make): Maya drafts in a pack, the plan merges it
(added), she edits her draft again while the plan edits the same objective, and a second merge
brings a change and a removal and keeps the plan's side of the conflict. Tests copy the files
they write to, so the scene stays as built.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from tests.exchange.older import as_version_7

from offsite.domain.drafting import Change, Outcome, Side
from offsite.domain.errors import ExportError, ImportFormatError
from offsite.domain.fingerprint import fingerprint
from offsite.domain.values import Kind
from offsite.exchange.demo import write_demo_plan
from offsite.exchange.drafts import (
    MergePreview,
    export_draft_pack,
    merge_drafts,
    preview_merge,
    read_draft_info,
    read_origins,
    start_draft,
)
from offsite.exchange.interchange import (
    GENERATED_FIELDS,
    VERSION,
    export_document,
    import_json,
    json_schema,
    read_document,
    write_json,
)
from offsite.services import brainstorm, changes, objectives
from offsite.services.plans import open_plan, read_plan
from offsite.services.signoff import content_fingerprint, freeze, sign
from offsite.store import PlanFile
from offsite.store.document import DRAFTING_KEYS, SIGNED_CONTENT_KEYS, signed_content

MADE_AT = dt.datetime(2027, 1, 10, 9, 0, 0, 123456)
FIRST_MERGE = dt.datetime(2027, 1, 14, 10, 0, 0, 654321)
SECOND_MERGE = dt.datetime(2027, 1, 14, 11, 30)
SIGNED_AT = dt.datetime(2027, 1, 15, 17, 0)


@dataclass(frozen=True)
class Scene:
    folder: Path
    plan: Path  # the demo plan with both of Maya's merges
    unmerged: Path  # the demo plan before Maya's merges
    draft: Path  # Maya's draft as it stands after the second merge
    export: Path  # the plan exported to JSON
    draft_export: Path  # the draft exported to JSON


def copy_plan(source: Path, target: Path) -> Path:
    """A closed plan file, copied (with its write-ahead log, should one be left)."""
    shutil.copyfile(source, target)
    for suffix in ("-wal", "-shm"):
        extra = source.with_name(source.name + suffix)
        if extra.exists():
            shutil.copyfile(extra, target.with_name(target.name + suffix))
    return target


def leftovers(folder: Path, name: str) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(name))


def _write(document: dict[str, Any], path: Path) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def _by_uid(plan: PlanFile, kind: str, uid: str) -> int:
    view = read_plan(plan)
    rows = {"objective": view.objectives, "leader": view.leaders}[kind]
    return next(r.id for r in rows if r.uid == uid)


def _merge(plan_path: Path, draft: Path, at: dt.datetime, side: Side | None = None) -> dict[str, int]:
    with open_plan(plan_path) as plan:
        preview = preview_merge(plan, [draft])
        assert not any(d.refused for d in preview.drafts)
        sides = {
            (d.info.uid, p.key): side
            for d, p in preview.proposals()
            if p.change is Change.CONFLICT and d.info is not None and side is not None
        }
        result = merge_drafts(plan, preview, sides=sides, at=at)
    return dict(result.counts)


@pytest.fixture(scope="module")
def scene(tmp_path_factory: pytest.TempPathFactory) -> Scene:
    folder = tmp_path_factory.mktemp("drafts")
    plan_path, draft_path = folder / "plan.offsite", folder / "maya.offsite"
    with write_demo_plan(plan_path) as plan:
        maya = next(p for p in read_plan(plan).leaders if p.name == "Maya Okafor")
        export_draft_pack(plan, maya.uid, draft_path, at=MADE_AT)
    unmerged = copy_plan(plan_path, folder / "unmerged.offsite")

    with open_plan(draft_path) as draft:
        view = read_plan(draft)
        sales = next(t.id for t in view.teams if t.name == "Sales")
        made = objectives.add_objective(
            draft, "Own the mid-market", [sales], method="Call them.", goal_ids=[view.goals[0].id]
        )
        objectives.add_metric(draft, made.id, "Meetings booked", target=40)
        root = brainstorm.add_why_node(draft, sales, "We want more meetings")
        child = brainstorm.add_why_node(draft, sales, "Because pipeline is thin", root.id)
        candidate = brainstorm.add_candidate(draft, "Double outbound meetings", sales)
        brainstorm.vote(draft, _by_uid(draft, "leader", maya.uid), candidate.id, 2)
        objective_uid = next(o.uid for o in read_plan(draft).objectives if o.id == made.id)
    assert _merge(plan_path, draft_path, FIRST_MERGE) == {"added": 5}

    # Both sides edit the objective (a conflict); the draft also rewords its candidate (a change)
    # and drops an answer (a removal).
    with open_plan(plan_path) as plan:
        changes.update_fields(
            plan,
            Kind.OBJECTIVE,
            _by_uid(plan, "objective", objective_uid),
            {"statement": "Own the mid-market segment"},
        )
    with open_plan(draft_path) as draft:
        changes.update_fields(
            draft, Kind.OBJECTIVE, _by_uid(draft, "objective", objective_uid), {"statement": "Win mid-market"}
        )
        changes.update_fields(draft, Kind.CANDIDATE, candidate.id, {"text": "Triple outbound meetings"})
        changes.remove(draft, Kind.WHY_NODE, child.id)
    assert _merge(plan_path, draft_path, SECOND_MERGE, Side.PLAN) == {
        "changed": 1,
        "removed": 1,
        "kept_plan": 1,
    }

    with open_plan(plan_path) as plan:
        export = write_json(plan, folder / "plan.json")
    with open_plan(draft_path) as draft:
        draft_export = write_json(draft, folder / "maya.json")
    return Scene(folder, plan_path, unmerged, draft_path, export, draft_export)


@pytest.fixture(scope="module")
def document(scene: Scene) -> dict[str, Any]:
    return read_document(scene.export)


@pytest.fixture
def imported(scene: Scene, tmp_path: Path) -> Path:
    """The plan's export imported into a new file (closed)."""
    import_json(scene.export, tmp_path / "imported.offsite").close()
    return tmp_path / "imported.offsite"


def rows(path: Path, table: str) -> list[tuple[Any, ...]]:
    """Every row of a table but its local id, in id order, read straight from the file."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        columns = [c[1] for c in connection.execute(f"PRAGMA table_info({table})") if c[1] != "id"]
        return list(connection.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY id"))
    finally:
        connection.close()


def shape(preview: MergePreview) -> list[list[tuple[str, str, Change, str, str]]]:
    """What a preview proposes, draft by draft, without the file names."""
    return [[(p.section, p.key, p.change, p.label, p.detail) for p in d.proposals] for d in preview.drafts]


# --- A plan with merges ------------------------------------------------------------------------------


def test_the_export_holds_every_merge_record_oldest_first(scene: Scene, document: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator(json_schema()).validate(document)
    assert document["version"] == VERSION == 9
    drafting = document["drafting"]
    assert drafting["draft"] is None  # a plan is no draft
    ours = [m for m in drafting["merges"] if m["draft_name"] == "maya.offsite"]
    assert [m["action"] for m in ours] == ["added"] * 5 + ["kept_plan", "removed", "changed"]
    assert {m["merged_at"] for m in ours} == {"2027-01-14T10:00:00.654321Z", "2027-01-14T11:30:00.000000Z"}
    assert [m["merged_at"] for m in drafting["merges"]] == sorted(m["merged_at"] for m in drafting["merges"])
    assert {m["leader_name"] for m in ours} == {"Maya Okafor"}
    assert len({m["draft_uid"] for m in ours}) == 1
    removed = next(m for m in ours if m["action"] == "removed")
    assert (removed["section"], removed["draft_fingerprint"], removed["plan_fingerprint"]) == (
        "why_chains",
        None,
        None,
    )
    vote = next(m for m in ours if m["section"] == "votes")
    assert vote["item_key"].startswith("vote:")
    assert len(rows(scene.plan, "merge_record")) == len(drafting["merges"])


def test_merge_records_and_origins_survive_a_round_trip(
    scene: Scene, document: dict[str, Any], imported: Path
) -> None:
    # (a) the merge records are identical, in the document and row by row in the file
    assert rows(imported, "merge_record") == rows(scene.plan, "merge_record")
    with open_plan(imported) as plan:
        again = export_document(plan)
        origins = read_origins(plan)
        assert read_draft_info(plan) is None
        fingerprint_after = content_fingerprint(plan)
        # (c) the same draft merged again brings nothing: identities and common ancestors survived
        preview = preview_merge(plan, [scene.draft])
        assert [(d.refused, d.tally, d.notes) for d in preview.drafts] == [("", "nothing new", ())]
    assert again["drafting"] == document["drafting"]
    strip = set(GENERATED_FIELDS)
    assert {k: v for k, v in again.items() if k not in strip} == {
        k: v for k, v in document.items() if k not in strip
    }
    # (b) read_origins gives the same origins
    with open_plan(scene.plan, readonly=True) as plan:
        assert origins == read_origins(plan)
        fingerprint_before = content_fingerprint(plan)
    assert origins
    assert all(o.leader_name in ("Maya Okafor", "Daniel Kim") for o in origins.values())
    # (d) the signed content leaves the section out, so its fingerprint is the plan's as before
    assert fingerprint_after == fingerprint_before == fingerprint(signed_content(document))
    assert "drafting" in DRAFTING_KEYS
    assert "drafting" not in SIGNED_CONTENT_KEYS
    assert fingerprint(signed_content({**document, "drafting": {"draft": None, "merges": []}})) == (
        fingerprint_before
    )
    # A version frozen before this section existed still verifies against its own content.
    for version in document["versions"]:
        assert "drafting" not in json.loads(version["content"])
        assert fingerprint(json.loads(version["content"])) == version["fingerprint"]


def test_a_later_state_of_the_draft_merges_into_the_imported_plan_as_into_the_original(
    scene: Scene, imported: Path, tmp_path: Path
) -> None:
    draft = copy_plan(scene.draft, tmp_path / "maya-later.offsite")
    with open_plan(draft) as d:
        view = read_plan(d)
        candidate = next(c for c in brainstorm.read_brainstorm(d).candidates if "outbound" in c.text)
        changes.update_fields(d, Kind.CANDIDATE, candidate.id, {"text": "Quadruple outbound meetings"})
        sales = next(t.id for t in view.teams if t.name == "Sales")
        brainstorm.add_candidate(d, "A second idea", sales)
    original = copy_plan(scene.plan, tmp_path / "original.offsite")
    with open_plan(original) as plan:
        expected = shape(preview_merge(plan, [draft]))
    with open_plan(imported) as plan:
        got = shape(preview_merge(plan, [draft]))
        assert got == expected
        assert sorted(c for _s, _k, c, _l, _d in got[0]) == [Change.ADD, Change.CHANGE]
        result = merge_drafts(plan, preview_merge(plan, [draft]), at=SECOND_MERGE + dt.timedelta(hours=1))
    assert dict(result.counts) == {"added": 1, "changed": 1}


def test_a_signed_plan_with_merges_imports_signed(scene: Scene, tmp_path: Path) -> None:
    signed = copy_plan(scene.plan, tmp_path / "signed.offsite")
    with open_plan(signed) as plan:
        version = freeze(plan, frozen_by="Sam Whitfield", override_reason="Board pack.", at=SIGNED_AT).id
        sign(plan, version, read_plan(plan).leaders[0].id, "MO", at=SIGNED_AT + dt.timedelta(minutes=1))
        locked = plan.locked_version()
        fingerprint_signed = content_fingerprint(plan)
        export = write_json(plan, tmp_path / "signed.json")
    # The merge records are content the lock freezes: they must go in before the version that locks.
    with import_json(export, tmp_path / "again.offsite") as plan:
        assert plan.locked_version() == locked
        assert content_fingerprint(plan) == fingerprint_signed
    assert rows(tmp_path / "again.offsite", "merge_record") == rows(signed, "merge_record")


# --- A leader's draft --------------------------------------------------------------------------------


def test_a_draft_exported_and_imported_is_still_the_same_draft(scene: Scene, tmp_path: Path) -> None:
    document = read_document(scene.draft_export)
    jsonschema.Draft202012Validator(json_schema()).validate(document)
    draft = document["drafting"]["draft"]
    assert draft is not None
    assert document["drafting"]["merges"] == []
    assert draft["plan_uid"] == document["plan"]["uid"]  # a pack keeps its plan's identity
    assert draft["made_at"] == "2027-01-10T09:00:00.123456Z"
    assert draft["bases"]
    assert all(len(b["fingerprint"]) == 64 for b in draft["bases"])

    again = tmp_path / "maya-again.offsite"
    import_json(scene.draft_export, again).close()
    with open_plan(scene.draft, readonly=True) as original, open_plan(again, readonly=True) as copied:
        assert read_draft_info(copied) == read_draft_info(original) is not None
        assert export_document(copied)["drafting"] == document["drafting"]
    assert rows(again, "draft_base") == rows(scene.draft, "draft_base")

    # It merges into the plan as the draft itself does: same proposals, and the same draft identity.
    plan = copy_plan(scene.unmerged, tmp_path / "plan.offsite")
    with open_plan(plan) as opened:
        assert shape(preview_merge(opened, [again])) == shape(preview_merge(opened, [scene.draft]))
    assert _merge(plan, again, FIRST_MERGE) == {"added": 4}  # the final state: one statement is gone
    with open_plan(plan) as opened:
        assert [d.tally for d in preview_merge(opened, [scene.draft]).drafts] == ["nothing new"]
        assert {o.draft_name for o in read_origins(opened).values()} >= {"maya-again.offsite"}


def test_a_draft_started_from_nothing_round_trips(tmp_path: Path) -> None:
    with start_draft(
        tmp_path / "new.offsite", "Lena Fischer", "Marketing", "Offsite 2027", at=MADE_AT
    ) as draft:
        brainstorm.add_candidate(draft, "Launch a partner programme", read_plan(draft).teams[0].id)
        info = read_draft_info(draft)
        export = write_json(draft, tmp_path / "new.json")
    document = read_document(export)
    assert document["drafting"]["draft"] is not None
    assert document["drafting"]["draft"]["plan_uid"] is None
    assert document["drafting"]["draft"]["bases"] == []
    with import_json(export, tmp_path / "again.offsite") as again:
        assert read_draft_info(again) == info
        assert info is not None
        assert info.revision > 0
        # The imported draft keeps counting its leader's edits, so an older copy stays older.
        brainstorm.add_candidate(again, "Co-host a webinar", read_plan(again).teams[0].id)
        later = read_draft_info(again)
        assert later is not None
        assert later.revision > info.revision


def test_a_file_marked_as_two_drafts_is_not_exported(scene: Scene, tmp_path: Path) -> None:
    damaged = copy_plan(scene.draft, tmp_path / "twice.offsite")
    connection = sqlite3.connect(damaged)
    try:
        connection.execute(
            "INSERT INTO draft (uid, plan_uid, plan_title, leader_uid, leader_name, made_at) "
            "SELECT '0f8fad5b-d9cb-469f-a165-70867728950e', plan_uid, plan_title, leader_uid, leader_name, "
            "made_at FROM draft"
        )
        connection.commit()
    finally:
        connection.close()
    with open_plan(damaged) as plan, pytest.raises(ExportError, match="marked as more than one draft"):
        write_json(plan, tmp_path / "twice.json")
    assert not (tmp_path / "twice.json").exists()


# --- Older documents ---------------------------------------------------------------------------------


def as_version_4(document: dict[str, Any]) -> dict[str, Any]:
    old = as_version_7(document)
    old["version"] = 4
    del old["drafting"]
    for leader in old["leaders"]:  # and without what version 6 added
        del leader["initials"]
    for candidate in old["candidates"]:
        del candidate["shortlisted"]
    for version in old["versions"]:
        del version["withdrawals"]
        for signature in version["signatures"]:
            del signature["signed_by"], signature["behalf_reason"]
    for objective in old["objectives"]:  # and what version 7 added
        del objective["owner"], objective["method_owner"]
        for metric in objective["metrics"]:
            del metric["owner"]
    return old


def test_a_version_4_document_imports_with_no_draft_and_no_merges(
    document: dict[str, Any], tmp_path: Path
) -> None:
    source = _write(as_version_4(document), tmp_path / "v4.json")
    with import_json(source, tmp_path / "v4.offsite") as plan:
        again = export_document(plan)
        assert read_origins(plan) == {}
        assert read_draft_info(plan) is None
    assert again["drafting"] == {"draft": None, "merges": []}
    assert as_version_4(again) | {"version": 4} == as_version_4(document) | {
        key: again[key] for key in GENERATED_FIELDS
    }


def test_a_version_4_document_may_not_hold_drafting(document: dict[str, Any], tmp_path: Path) -> None:
    old = as_version_4(document)
    old["drafting"] = document["drafting"]
    with pytest.raises(
        ImportFormatError,
        match="the document has the field “drafting”, which interchange version 4 does not have; "
        "set “version” to 5",
    ):
        import_json(_write(old, tmp_path / "mixed.json"), tmp_path / "mixed.offsite")
    assert leftovers(tmp_path, "mixed.offsite") == []


# --- Refusals ------------------------------------------------------------------------------------------


def _merges(d: dict[str, Any]) -> list[dict[str, Any]]:
    merges: list[dict[str, Any]] = d["drafting"]["merges"]
    return merges


def _bases(d: dict[str, Any]) -> list[dict[str, Any]]:
    bases: list[dict[str, Any]] = d["drafting"]["draft"]["bases"]
    return bases


PLAN_CASES: dict[str, tuple[Callable[[dict[str, Any]], None], str]] = {
    "unknown action": (
        lambda d: _merges(d)[0].update(action="merged"),
        r"drafting\.merges\[0\]\.action must be one of added, changed, removed, kept_plan, not \"merged\"",
    ),
    "fingerprint in capitals": (
        lambda d: _merges(d)[1].update(draft_fingerprint=_merges(d)[1]["draft_fingerprint"].upper()),
        r"drafting\.merges\[1\]\.draft_fingerprint must be a SHA-256: 64 hexadecimal digits in lower case, "
        "or null",
    ),
    "short fingerprint": (
        lambda d: _merges(d)[0].update(plan_fingerprint="abc123"),
        r"drafting\.merges\[0\]\.plan_fingerprint must be a SHA-256",
    ),
    "unknown section": (
        lambda d: _merges(d)[0].update(section="objective"),
        r"drafting\.merges\[0\]\.section must be one of teams, .*, not \"objective\"",
    ),
    "item that is no key": (
        lambda d: _merges(d)[0].update(item_key="the pipeline objective"),
        r"drafting\.merges\[0\]\.item_key must name an item: its uid, funnel:<company goal uid>",
    ),
    "time without a zone": (
        lambda d: _merges(d)[0].update(merged_at="2027-01-14 10:00"),
        r"drafting\.merges\[0\]\.merged_at must be a date and time in UTC such as",
    ),
    "repeated uid": (
        lambda d: _merges(d)[1].update(uid=_merges(d)[0]["uid"]),
        r"drafting\.merges\[1\]\.uid repeats the uid of drafting\.merges\[0\]\.uid",
    ),
    "unknown field": (
        lambda d: _merges(d)[0].update(origin="Maya"),
        r"drafting\.merges\[0\] has an unknown field “origin”",
    ),
    "missing merges": (lambda d: d["drafting"].pop("merges"), r"drafting\.merges is missing"),
}


@pytest.mark.parametrize("case", PLAN_CASES)
def test_a_broken_merge_record_is_refused_with_a_sentence_and_no_file(
    case: str, document: dict[str, Any], tmp_path: Path
) -> None:
    change, expected = PLAN_CASES[case]
    broken = copy.deepcopy(document)
    change(broken)
    source = _write(broken, tmp_path / "broken.json")
    with pytest.raises(ImportFormatError, match=expected) as refused:
        import_json(source, tmp_path / "broken.offsite")
    assert str(refused.value).startswith("“broken.json” cannot be imported: ")
    assert str(refused.value).endswith(". Correct the file and try again.")
    assert leftovers(tmp_path, "broken.offsite") == []


DRAFT_CASES: dict[str, tuple[Callable[[dict[str, Any]], None], str]] = {
    "repeated base": (
        lambda d: _bases(d)[1].update(item_key=_bases(d)[0]["item_key"]),
        r"drafting\.draft\.bases\[1\]\.item_key repeats that of drafting\.draft\.bases\[0\]; "
        "a draft keeps one base fingerprint per item",
    ),
    "null base fingerprint": (
        lambda d: _bases(d)[0].update(fingerprint=None),
        r"drafting\.draft\.bases\[0\]\.fingerprint must be a SHA-256: 64 hexadecimal digits in lower case$",
    ),
    "bad draft time": (
        lambda d: d["drafting"]["draft"].update(made_at="yesterday"),
        r"drafting\.draft\.made_at must be a date and time in UTC",
    ),
    "leader that is no uid": (
        lambda d: d["drafting"]["draft"].update(leader_uid="Maya"),
        r"drafting\.draft\.leader_uid must be a uid: a UUID in lower case",
    ),
}


@pytest.mark.parametrize("case", DRAFT_CASES)
def test_a_broken_draft_marking_is_refused_with_a_sentence_and_no_file(
    case: str, scene: Scene, tmp_path: Path
) -> None:
    change, expected = DRAFT_CASES[case]
    broken = read_document(scene.draft_export)
    change(broken)
    with pytest.raises(ImportFormatError, match=expected.removesuffix("$")):
        import_json(_write(broken, tmp_path / "broken.json"), tmp_path / "broken.offsite")
    assert leftovers(tmp_path, "broken.offsite") == []


def test_a_removal_may_have_no_fingerprints(document: dict[str, Any], tmp_path: Path) -> None:
    edited = copy.deepcopy(document)
    record = _merges(edited)[0]
    record.update(action=Outcome.REMOVED.value, draft_fingerprint=None, plan_fingerprint=None)
    jsonschema.Draft202012Validator(json_schema()).validate(edited)
    with import_json(_write(edited, tmp_path / "ok.json"), tmp_path / "ok.offsite") as plan:
        assert export_document(plan)["drafting"]["merges"][0] == record
