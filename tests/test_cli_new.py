"""``offsite new PLAN [--template NAME]``: a new plan from the command line, as the real console script.

The contract a script relies on: exit 0 and PLAN written; 1 refused (PLAN exists: left as it was);
2 an argument it cannot use (no file written).
"""

from __future__ import annotations

from pathlib import Path

from cli_runner import Run, digest, ok, refused
from offsite.services.agreements import read_agreements
from offsite.services.plans import open_plan, read_plan


def test_new_starts_a_sound_plan_from_a_template_and_says_what_it_filled_in(
    offsite: Run, tmp_path: Path
) -> None:
    said = ok(offsite("new", "growth.offsite", "--template", "Product-led SaaS", "--title", "Growth 2027"))
    assert said.splitlines()[0] == (
        "Wrote “growth.offsite” from the “Product-led SaaS” template: 4 teams, 7 journey stages, "
        "4 hand-offs, 4 definitions, 5 decision rights, 4 joint practices."
    )
    assert "No leader has agreed to any of it yet." in said
    assert "a sound plan" in ok(offsite("check", "growth.offsite"))
    with open_plan(tmp_path / "growth.offsite", readonly=True) as plan:
        view = read_plan(plan)
        stages = [a.title for a in read_agreements(plan) if a.kind == "journey_stage"]
    assert (view.details.title, view.details.business_model) == ("Growth 2027", "product-led")
    assert stages[:3] == ["Awareness", "Sign-up", "Activation"]


def test_new_without_a_template_writes_a_blank_plan_titled_by_its_name(offsite: Run, tmp_path: Path) -> None:
    assert ok(offsite("new", "Offsite 2027.offsite")).strip() == (
        "Wrote “Offsite 2027.offsite”: a blank plan, “Offsite 2027”."
    )
    with open_plan(tmp_path / "Offsite 2027.offsite", readonly=True) as plan:
        assert not read_agreements(plan)
        assert not read_plan(plan).teams


def test_new_never_writes_over_a_file(offsite: Run, tmp_path: Path) -> None:
    taken = tmp_path / "taken.offsite"
    taken.write_bytes(b"someone else's work\n")
    before = digest(taken)
    said = refused(offsite("new", "taken.offsite", "--template", "sales-led-b2b"), 1)
    assert said.strip() == "“taken.offsite” already exists; choose a new file name for the plan."
    assert digest(taken) == before


def test_new_refuses_an_unknown_template_or_a_name_that_is_no_plan_and_writes_nothing(
    offsite: Run, tmp_path: Path
) -> None:
    said = refused(offsite("new", "plan.offsite", "--template", "enterprise-saas"), 2)
    assert said.startswith(
        "There is no starter template “enterprise-saas”; the templates are “sales-led-b2b”"
    )
    said = refused(offsite("new", "plan.json", "--template", "sales-led-b2b"), 2)
    assert said.strip() == "“plan.json” should end in .offsite: it is a new plan."
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home"]


def test_new_lists_its_templates_in_its_help(offsite: Run) -> None:
    said = ok(offsite("new", "--help"))
    for name, title in (
        ("sales-led-b2b", "Sales-led B2B"),
        ("product-led-saas", "Product-led SaaS"),
        ("field-sales-enterprise", "Field-sales enterprise"),
    ):
        assert f"  {name}" in said
        assert title in said
