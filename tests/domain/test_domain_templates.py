"""The starter templates hold together: every line fits its kind, names a team and a definition the
template brings, and each template covers the journey and the decisions seed 003 names."""

from __future__ import annotations

import pytest

from offsite.domain.agreements import BUSINESS_MODELS, CADENCES, DECISION_AREAS, FIELDS, AgreementKind
from offsite.domain.templates import TEMPLATES, Template, template_named


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.name)
def test_every_line_of_a_template_fits_its_kind_and_names_what_the_template_brings(
    template: Template,
) -> None:
    assert template.business_model in BUSINESS_MODELS
    assert template.business_model_why
    terms = [d.term for d in template.definitions]
    for proposal in template.agreements:
        shown = {f.name for f in FIELDS[proposal.kind]}
        assert set(proposal.texts()) <= shown, proposal.title  # nothing the table would hide
        assert proposal.team in template.teams, proposal.title
        assert proposal.definition in ("", *terms), proposal.title
        assert proposal.cadence in ("", *CADENCES), proposal.title
        assert (proposal.kind is AgreementKind.PRACTICE) == bool(proposal.cadence), proposal.title
    assert all(d.team in ("", *template.teams) for d in template.definitions)
    assert len(set(terms)) == len(terms)
    assert template.count(AgreementKind.JOURNEY_STAGE) == 7
    assert template.count(AgreementKind.HAND_OFF) >= 4
    decisions = {a.title for a in template.agreements if a.kind is AgreementKind.DECISION_RIGHT}
    assert set(DECISION_AREAS) <= decisions
    assert template.count(AgreementKind.INCENTIVE) == 0  # none before a shared objective exists
    assert len(template.description) < 120  # one line in the New Plan dialog


def test_a_template_is_named_by_its_name_or_its_title_case_and_spacing_aside() -> None:
    assert template_named("product-led-saas") is template_named("  product-led   SAAS ") is TEMPLATES[1]
    assert template_named("Field-sales enterprise") is TEMPLATES[2]
    assert template_named("sales led b2b") is TEMPLATES[0]
    assert template_named("Enterprise SaaS") is None


def test_a_template_says_what_it_fills_in() -> None:
    assert TEMPLATES[0].summary() == (
        "4 teams, 7 journey stages, 4 hand-offs, 3 definitions, 4 decision rights, 5 joint practices"
    )
