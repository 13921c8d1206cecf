"""Owners travel with the plan: JSON export and import, the JSON Schema, older documents, drafts and merge."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from tests.exchange.older import as_version_7

from offsite.domain.errors import EditRefusedError, ImportFormatError
from offsite.domain.fingerprint import fingerprint
from offsite.domain.values import Kind
from offsite.exchange.drafts import export_draft_pack, merge_drafts, preview_merge
from offsite.exchange.interchange import export_document, import_json, json_schema
from offsite.services.changes import remove, restore, update_fields
from offsite.services.objectives import add_metric, add_objective
from offsite.services.plans import open_plan, read_plan
from offsite.store import PlanFile
from offsite.store.document import signed_content

AT = dt.datetime(2027, 1, 6, 18, 30)


def leader_id(plan: PlanFile, name: str) -> int:
    return next(p.id for p in read_plan(plan).leaders if p.name == name)


def give_owners(plan: PlanFile) -> None:
    """Maya owns “Go outbound”, Tomás its method and Daniel its first metric."""
    objective = read_plan(plan).objectives[0]
    update_fields(
        plan,
        Kind.OBJECTIVE,
        objective.id,
        {"owner_id": leader_id(plan, "Maya Okafor"), "method_owner_id": leader_id(plan, "Tomás Herrera")},
    )
    update_fields(plan, Kind.METRIC, objective.metrics[0].id, {"owner_id": leader_id(plan, "Daniel Kim")})


def owners_by_name(plan: PlanFile) -> tuple[str | None, str | None, str | None]:
    view = read_plan(plan)
    names = {p.id: p.name for p in view.leaders}
    o = view.objectives[0]
    return (
        names.get(o.owner_id or -1),
        names.get(o.method_owner_id or -1),
        names.get(o.metrics[0].owner_id or -1),
    )


def write(document: dict[str, Any], path: Path) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def test_owners_round_trip_through_json_and_the_schema_shows_them(
    demo_plan: PlanFile, tmp_path: Path
) -> None:
    give_owners(demo_plan)
    document = export_document(demo_plan)
    jsonschema.Draft202012Validator(json_schema()).validate(document)
    leaders = {p["uid"]: p["name"] for p in document["leaders"]}
    first = document["objectives"][0]
    assert (leaders[first["owner"]], leaders[first["method_owner"]]) == ("Maya Okafor", "Tomás Herrera")
    assert leaders[first["metrics"][0]["owner"]] == "Daniel Kim"
    schema = json_schema()["$defs"]
    assert {"owner", "method_owner"} <= schema["objective"]["properties"].keys()
    assert "owner" in schema["metric"]["properties"]
    with import_json(write(document, tmp_path / "owners.json"), tmp_path / "owners.offsite") as again:
        assert owners_by_name(again) == ("Maya Okafor", "Tomás Herrera", "Daniel Kim")
        assert export_document(again)["objectives"] == document["objectives"]


def test_the_schema_refuses_an_owner_that_is_no_uid(demo_plan: PlanFile) -> None:
    document = export_document(demo_plan)
    document["objectives"][0]["owner"] = "Maya Okafor"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(json_schema()).validate(document)


def test_an_owner_who_is_not_a_leader_of_the_document_is_refused_with_its_place(
    demo_plan: PlanFile, tmp_path: Path
) -> None:
    document = export_document(demo_plan)
    document["objectives"][0]["metrics"][0]["owner"] = document["teams"][0]["uid"]
    with pytest.raises(ImportFormatError, match=r"objectives\[0\]\.metrics\[0\]\.owner names a leader"):
        import_json(write(document, tmp_path / "bad.json"), tmp_path / "bad.offsite")
    assert not (tmp_path / "bad.offsite").exists()


def as_version_6(document: dict[str, Any]) -> dict[str, Any]:
    old = as_version_7(document)
    old["version"] = 6
    for objective in old["objectives"]:
        del objective["owner"], objective["method_owner"]
        for metric in objective["metrics"]:
            del metric["owner"]
    return old


def test_a_version_6_document_imports_with_no_owners_and_may_not_name_one(
    demo_plan: PlanFile, tmp_path: Path
) -> None:
    give_owners(demo_plan)
    old = as_version_6(export_document(demo_plan))
    with import_json(write(old, tmp_path / "v6.json"), tmp_path / "v6.offsite") as imported:
        assert owners_by_name(imported) == (None, None, None)
    old["objectives"][0]["owner"] = old["leaders"][0]["uid"]
    with pytest.raises(ImportFormatError, match="“owner”, which interchange version 6 does not have"):
        import_json(write(old, tmp_path / "mixed.json"), tmp_path / "mixed.offsite")


def test_owners_count_in_what_a_signature_covers_only_once_set(demo_plan: PlanFile) -> None:
    unset = signed_content(demo_plan)
    outbound = unset["objectives"][0]  # the demo leaves its owners to the room
    # An objective without owners hashes exactly as it did before owners existed: no key at all.
    assert "owner" not in outbound
    assert "method_owner" not in outbound
    assert all("owner" not in m for m in outbound["metrics"])
    give_owners(demo_plan)
    assert fingerprint(signed_content(demo_plan)) != fingerprint(unset)


def test_removing_a_leader_clears_their_ownership_and_restoring_gives_it_back(demo_plan: PlanFile) -> None:
    give_owners(demo_plan)
    removed = remove(demo_plan, Kind.LEADER, leader_id(demo_plan, "Maya Okafor"))
    assert owners_by_name(demo_plan) == (None, "Tomás Herrera", "Daniel Kim")
    restore(demo_plan, removed)
    assert owners_by_name(demo_plan) == ("Maya Okafor", "Tomás Herrera", "Daniel Kim")


def test_a_draft_pack_carries_an_owner_change_the_merge_preview_shows_and_the_merge_brings(
    demo_plan: PlanFile, tmp_path: Path
) -> None:
    maya = next(p for p in read_plan(demo_plan).leaders if p.name == "Maya Okafor")
    path = export_draft_pack(demo_plan, maya.uid, tmp_path / "maya.offsite", at=AT)
    with open_plan(path) as draft:
        sales = next(t.id for t in read_plan(draft).teams if t.name == "Sales")
        made = add_objective(draft, "Own the mid-market", [sales]).id
        update_fields(draft, Kind.OBJECTIVE, made, {"owner_id": leader_id(draft, "Maya Okafor")})
        metric = add_metric(draft, made, "Meetings booked", target=40).id
        update_fields(draft, Kind.METRIC, metric, {"owner_id": leader_id(draft, "Tomás Herrera")})
    merge_drafts(demo_plan, preview_merge(demo_plan, [path]), at=AT)

    def merged() -> tuple[str | None, str | None, str | None]:
        view = read_plan(demo_plan)
        names = {p.id: p.name for p in view.leaders}
        o = next(o for o in view.objectives if o.statement == "Own the mid-market")
        return (
            names.get(o.owner_id or -1),
            names.get(o.method_owner_id or -1),
            names.get(o.metrics[0].owner_id or -1),
        )

    assert merged() == ("Maya Okafor", None, "Tomás Herrera")

    with open_plan(path) as draft:  # the leader hands the objective and its method on
        update_fields(
            draft,
            Kind.OBJECTIVE,
            made,
            {
                "owner_id": leader_id(draft, "Tomás Herrera"),
                "method_owner_id": leader_id(draft, "Maya Okafor"),
            },
        )
    preview = preview_merge(demo_plan, [path])
    (proposal,) = preview.drafts[0].proposals
    assert f"{proposal.change.label} {proposal.noun} {proposal.label}" == (
        "Changes objective “Own the mid-market” (Sales)"
    )
    assert proposal.detail == "owner Maya Okafor → Tomás Herrera; method owner none → Maya Okafor"
    merge_drafts(demo_plan, preview, at=AT)
    assert merged() == ("Tomás Herrera", "Maya Okafor", "Tomás Herrera")
    assert preview_merge(demo_plan, [path]).drafts[0].tally == "nothing new"


def test_an_owner_must_be_a_leader_of_the_plan(demo_plan: PlanFile) -> None:
    objective = read_plan(demo_plan).objectives[0]
    with pytest.raises(EditRefusedError, match="That leader no longer exists in the plan"):
        update_fields(demo_plan, Kind.OBJECTIVE, objective.id, {"owner_id": 9999})
    assert read_plan(demo_plan).objectives[0].owner_id is None
