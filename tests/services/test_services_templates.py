"""Starter templates: a new plan starts from a go-to-market motion's journey, hand-offs, definitions,
decision rights and joint practices, with no leader invented and no buy-in recorded."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from offsite.domain.agreements import AgreementKind
from offsite.domain.errors import EditRefusedError
from offsite.exchange.interchange import export_document
from offsite.services.agreements import read_agreements
from offsite.services.definitions import add_definition, read_definitions
from offsite.services.plans import check_plan, read_plan
from offsite.services.prepare import add_team
from offsite.services.templates import apply_template, start_plan
from offsite.store import PlanFile

ROOT = Path(__file__).resolve().parents[2]

#: What each template gives a new plan: its business model, the journey (stage, team), the
#: hand-offs (lead source, the definition its leads meet), the definitions and who decides pricing.
EXPECTED: dict[str, dict[str, Any]] = {
    "Sales-led B2B": {
        "business_model": "sales-led",
        "teams": ["Sales", "Marketing", "Customer Success", "RevOps"],
        "journey": [
            ("Awareness", "Marketing"),
            ("Interest", "Marketing"),
            ("MQL", "Marketing"),
            ("SQL", "Sales"),
            ("Opportunity", "Sales"),
            ("Customer", "Customer Success"),
            ("Renewal & advocacy", "Customer Success"),
        ],
        "hand_offs": [
            ("Demo request", "Sales qualified lead"),
            ("Webinar attendee", "Marketing qualified lead"),
            ("Content download", "Marketing qualified lead"),
            ("Partner referral", "Sales qualified lead"),
        ],
        "definitions": ["Marketing qualified lead", "Sales qualified lead", "Ideal customer profile"],
        "pricing": "Sales",
    },
    "Product-led SaaS": {
        "business_model": "product-led",
        "teams": ["Product", "Marketing", "Sales", "Customer Success"],
        "journey": [
            ("Awareness", "Marketing"),
            ("Sign-up", "Product"),
            ("Activation", "Product"),
            ("PQL", "Sales"),
            ("Upgrade", "Sales"),
            ("Customer", "Customer Success"),
            ("Expansion & advocacy", "Customer Success"),
        ],
        "hand_offs": [
            ("Product-qualified sign-up", "Product qualified lead"),
            ("Pricing page contact request", "Sales qualified lead"),
            ("Enterprise inquiry (security, SSO, invoicing)", "Sales qualified lead"),
            ("Webinar attendee", "Marketing qualified lead"),
        ],
        "definitions": [
            "Activation",
            "Product qualified lead",
            "Marketing qualified lead",
            "Sales qualified lead",
        ],
        "pricing": "Product",
    },
    "Field-sales enterprise": {
        "business_model": "sales-led",
        "teams": ["Sales", "Marketing", "Customer Success", "RevOps"],
        "journey": [
            ("Target account", "Marketing"),
            ("Engaged account", "Marketing"),
            ("Qualified opportunity", "Sales"),
            ("Solution & proof", "Sales"),
            ("Negotiation & close", "Sales"),
            ("Customer", "Customer Success"),
            ("Renewal & expansion", "Customer Success"),
        ],
        "hand_offs": [
            ("Engaged target account", "Marketing qualified account"),
            ("Event or executive dinner attendee", "Marketing qualified account"),
            ("Inbound request from a target account", "Sales qualified opportunity"),
            ("Partner or consultancy referral", "Sales qualified opportunity"),
            ("RFP received", None),
        ],
        "definitions": ["Target account", "Marketing qualified account", "Sales qualified opportunity"],
        "pricing": "Sales",
    },
}


@pytest.mark.parametrize("title", list(EXPECTED))
def test_a_new_plan_started_from_a_template_holds_its_journey_hand_offs_definitions_and_rights(
    tmp_path: Path, title: str
) -> None:
    expected = EXPECTED[title]
    path = tmp_path / "Offsite 2027.offsite"
    plan, started = start_plan(path, "Offsite 2027", title)
    with plan:
        view = read_plan(plan)
        agreements = read_agreements(plan)
        definitions = {d.id: d.term for d in read_definitions(plan)}
        document = export_document(plan)
    assert started is not None
    assert started.template.title == title
    assert view.details.title == "Offsite 2027"
    teams = {t.id: t.name for t in view.teams}
    assert list(teams.values()) == expected["teams"]
    assert not view.leaders  # nobody is invented: the leaders at the table are added in Prepare
    of_kind = {kind: [a for a in agreements if a.kind == kind.value] for kind in AgreementKind}
    assert [(s.title, teams[s.team_id]) for s in of_kind[AgreementKind.JOURNEY_STAGE]] == expected["journey"]
    assert all(s.message and s.trigger and s.service_level for s in of_kind[AgreementKind.JOURNEY_STAGE])
    hand_offs = of_kind[AgreementKind.HAND_OFF]
    assert [(h.title, definitions.get(h.definition_id)) for h in hand_offs] == expected["hand_offs"]
    assert all(h.route and h.service_level and h.on_miss and h.team_id for h in hand_offs)
    assert list(definitions.values()) == expected["definitions"]
    rights = {r.title: r for r in of_kind[AgreementKind.DECISION_RIGHT]}
    assert {"Go-to-market", "Pricing", "Messaging", "Lead scoring"} <= set(rights)
    assert teams[rights["Pricing"].team_id] == expected["pricing"]
    assert all(r.consulted and r.why for r in rights.values())
    assert (view.details.business_model, bool(view.details.business_model_why)) == (
        expected["business_model"],
        True,
    )
    practices = of_kind[AgreementKind.PRACTICE]
    assert practices
    assert all(p.cadence in ("weekly", "monthly", "quarterly") and p.team_id for p in practices)
    assert not of_kind[AgreementKind.INCENTIVE]  # an incentive ties to a shared objective: none yet
    # No one has agreed to anything yet, and no one is named to answer for it.
    assert all(not a.stances and not a.bought_in and a.owner_id is None for a in agreements)
    assert (started.teams, started.definitions, started.agreements) == (
        len(expected["teams"]),
        len(expected["definitions"]),
        len(agreements),
    )
    assert check_plan(path).sound
    schema = json.loads((ROOT / "docs" / "interchange.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(document)


def test_a_plan_with_teams_keeps_them_and_its_definitions_and_leaves_unknown_teams_unowned(
    plan: PlanFile,
) -> None:
    sales, marketing = add_team(plan, "Sales").id, add_team(plan, "marketing").id
    ours = add_definition(plan, "sales QUALIFIED lead", "A booked discovery call.").id
    started = apply_template(plan, "sales-led-b2b")
    view = read_plan(plan)
    assert [t.name for t in view.teams] == ["Sales", "marketing"]
    assert (started.teams, started.definitions) == (0, 2)
    stages = [a for a in read_agreements(plan) if a.kind == AgreementKind.JOURNEY_STAGE]
    assert [s.team_id for s in stages] == [marketing] * 3 + [sales] * 2 + [None] * 2
    definitions = read_definitions(plan)
    assert [(d.term, d.definition) for d in definitions if d.id == ours] == [
        ("sales QUALIFIED lead", "A booked discovery call.")
    ]
    (demo_request,) = [a for a in read_agreements(plan) if a.title == "Demo request"]
    assert demo_request.definition_id == ours  # the plan's own definition, not a second one
    assert len(definitions) == 3


def test_a_business_model_already_chosen_is_kept(plan: PlanFile) -> None:
    from offsite.domain.values import Kind
    from offsite.services.changes import update_fields

    plan_id = read_plan(plan).details.id
    update_fields(plan, Kind.PLAN, plan_id, {"business_model": "hybrid", "business_model_why": "Both."})
    apply_template(plan, "Product-led SaaS")
    details = read_plan(plan).details
    assert (details.business_model, details.business_model_why) == ("hybrid", "Both.")


def test_a_second_template_is_refused_and_changes_nothing(plan: PlanFile) -> None:
    apply_template(plan, "Sales-led B2B")
    before = export_document(plan)
    with pytest.raises(EditRefusedError, match="has agreements already: a starter template is for a plan"):
        apply_template(plan, "Product-led SaaS")
    after = export_document(plan)
    assert {k: v for k, v in after.items() if k != "exported_at"} == {
        k: v for k, v in before.items() if k != "exported_at"
    }


def test_a_signed_plan_is_refused_with_a_sentence(demo_plan: PlanFile) -> None:
    before = len(read_agreements(demo_plan))
    with pytest.raises(
        EditRefusedError, match=r"has been signed \(version 1\): a starter template is for a new"
    ):
        apply_template(demo_plan, "Sales-led B2B")
    assert len(read_agreements(demo_plan)) == before


def test_an_unknown_template_is_refused_naming_the_templates_and_writes_no_file(tmp_path: Path) -> None:
    path = tmp_path / "plan.offsite"
    with pytest.raises(
        EditRefusedError, match="no starter template “Enterprise SaaS”; the templates are"
    ) as refused:
        start_plan(path, "Offsite", "Enterprise SaaS")
    assert "“product-led-saas” (Product-led SaaS)" in str(refused.value)
    assert list(tmp_path.iterdir()) == []


def test_a_blank_plan_is_blank(tmp_path: Path) -> None:
    plan, started = start_plan(tmp_path / "plan.offsite", "Offsite")
    with plan:
        assert started is None
        assert not read_agreements(plan)
        assert not read_plan(plan).teams
