"""Version 9's agreements beyond goals in the interchange document: a version 8 document imports with
none (and may hold none), and the next cycle carries them over without their buy-in."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from tests.exchange.older import as_version_8

from offsite.domain.agreements import AgreementKind
from offsite.domain.errors import ImportFormatError
from offsite.domain.values import Kind, Stance
from offsite.exchange.cycle import start_next_cycle
from offsite.exchange.interchange import export_document, import_json
from offsite.services import agreements, definitions
from offsite.services.changes import update_fields
from offsite.services.plans import open_plan, read_plan
from offsite.store import PlanFile
from offsite.store.document import plan_document


@pytest.fixture
def demo_plan(demo_plan_without_agreements: PlanFile) -> PlanFile:
    """These tests make their own agreements, so they start from the demo plan without its room's."""
    return demo_plan_without_agreements


def _with_agreements(plan: PlanFile) -> None:
    """A hand-off meeting a definition and timed by a metric, bought in by Maya; an incentive tied to
    an objective; the business model chosen."""
    view = read_plan(plan)
    maya, sales = view.leaders[0].id, view.teams[0].id
    objective = view.objectives[0]
    sql = definitions.add_definition(plan, "Demo-ready lead", "Asked for a demo, fits the profile.").id
    hand_off = agreements.add_agreement(
        plan,
        AgreementKind.HAND_OFF,
        "Demo request",
        team_id=sales,
        owner_id=maya,
        route="Round-robin to SDRs",
        service_level="First touch within 4 business hours",
        definition_id=sql,
        metric_id=objective.metrics[0].id,
    ).id
    agreements.record_agreement_stance(
        plan, hand_off, maya, Stance.AGREED, "Yes", at=dt.datetime(2027, 1, 15)
    )
    agreements.add_agreement(
        plan, AgreementKind.INCENTIVE, "Closed-won pipeline", team_id=sales, objective_id=objective.id
    )
    update_fields(
        plan, Kind.PLAN, view.details.id, {"business_model": "sales-led", "business_model_why": "Deals"}
    )


def _write(document: dict[str, Any], path: Path) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_version_8_document_imports_with_no_agreements_and_no_business_model(
    demo_plan: PlanFile, tmp_path: Path
) -> None:
    _with_agreements(demo_plan)
    old = as_version_8(export_document(demo_plan))
    with import_json(_write(old, tmp_path / "v8.json"), tmp_path / "v8.offsite") as plan:
        imported = plan_document(plan)
        assert agreements.read_agreements(plan) == ()
    assert imported["agreements"] == []
    assert (imported["plan"]["business_model"], imported["plan"]["business_model_why"]) == ("", "")
    assert [o["statement"] for o in imported["objectives"]] == [o["statement"] for o in old["objectives"]]


def test_a_version_8_document_may_not_hold_agreements(demo_plan: PlanFile, tmp_path: Path) -> None:
    _with_agreements(demo_plan)
    document = export_document(demo_plan)
    old = as_version_8(document)
    old["agreements"] = document["agreements"]
    with pytest.raises(ImportFormatError) as refused:
        import_json(_write(old, tmp_path / "v8.json"), tmp_path / "v8.offsite")
    assert str(refused.value) == (
        "“v8.json” cannot be imported: the document has the field “agreements”, which interchange version 8 "
        "does not have; set “version” to 9 or later. Correct the file and try again."
    )
    assert not (tmp_path / "v8.offsite").exists()


def test_agreements_export_and_import_again_as_they_were(demo_plan: PlanFile, tmp_path: Path) -> None:
    _with_agreements(demo_plan)
    document = export_document(demo_plan)
    with import_json(_write(document, tmp_path / "plan.json"), tmp_path / "again.offsite") as plan:
        again = plan_document(plan)
    assert again["agreements"] == document["agreements"]
    assert again["plan"]["business_model"] == "sales-led"


def test_the_next_cycle_carries_the_agreements_over_without_their_buy_in(
    demo_plan: PlanFile, tmp_path: Path
) -> None:
    _with_agreements(demo_plan)
    old = plan_document(demo_plan)
    out = start_next_cycle(demo_plan, tmp_path / "next.offsite", at=dt.datetime(2027, 6, 20, 9, 30))
    with open_plan(out, readonly=True) as new:
        carried = agreements.read_agreements(new)
        document = plan_document(new)
    assert [(a.kind, a.title, a.route, a.service_level) for a in carried] == [
        ("hand_off", "Demo request", "Round-robin to SDRs", "First touch within 4 business hours"),
        ("incentive", "Closed-won pipeline", "", ""),
    ]
    assert all(not a.stances and not a.bought_in for a in carried)
    # Its team, owner and definition come along; the metric and objective stay behind with the objectives.
    hand_off = document["agreements"][0]
    was = old["agreements"][0]
    assert (hand_off["team"], hand_off["owner"], hand_off["definition"]) == (
        was["team"],
        was["owner"],
        was["definition"],
    )
    assert (hand_off["metric"], document["agreements"][1]["objective"]) == (None, None)
    assert document["plan"]["business_model"] == "sales-led"
