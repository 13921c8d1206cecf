"""The printed plan names who owns each objective, method and metric, read back from the PDF."""

from __future__ import annotations

from pathlib import Path

import pypdf

from offsite.domain.values import Kind
from offsite.exchange.pdf import export_plan_pdf
from offsite.services.changes import update_fields
from offsite.services.plans import read_plan
from offsite.store import PlanFile


def text_of(pdf: Path) -> str:
    """All the text with every run of whitespace made one space (lines wrap anywhere)."""
    return " ".join(" ".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages).split())


def owners_set(plan: PlanFile) -> int:
    """How many objectives, methods and metrics of ``plan`` name an owner."""
    objectives = read_plan(plan).objectives
    return sum(
        (o.owner_id is not None)
        + (o.method_owner_id is not None)
        + sum(m.owner_id is not None for m in o.metrics)
        for o in objectives
    )


def test_the_pdf_prints_the_owner_of_an_objective_its_method_and_a_metric(
    demo_plan: PlanFile, tmp_path: Path
) -> None:
    view = read_plan(demo_plan)
    leaders = {p.name: p.id for p in view.leaders}
    outbound = view.objectives[0]
    assert outbound.statement == "Go outbound"
    assert outbound.owner_id is None  # the demo leaves it to the room
    owned_elsewhere = owners_set(demo_plan)
    update_fields(
        demo_plan,
        Kind.OBJECTIVE,
        outbound.id,
        {"owner_id": leaders["Maya Okafor"], "method_owner_id": leaders["Tomás Herrera"]},
    )
    update_fields(demo_plan, Kind.METRIC, outbound.metrics[0].id, {"owner_id": leaders["Daniel Kim"]})
    text = text_of(export_plan_pdf(demo_plan, tmp_path / "plan.pdf"))
    objective = text[text.index("Go outbound Owner:") :]
    assert objective.startswith("Go outbound Owner: Maya Okafor PERIOD")
    method_end = objective.index("Method owner: Tomás Herrera")
    assert "weekly pipeline meeting." in objective[:method_end]  # after the method's last sentence
    metrics = objective[method_end:]
    assert "Appointments booked Owner: Daniel Kim" in metrics
    # One line per owner named, the demo's other owners included, and none for what nobody owns.
    assert text.count("Owner:") + text.count("Method owner:") == 3 + owned_elsewhere


def test_a_plan_without_owners_prints_no_owner_lines(demo_plan: PlanFile, tmp_path: Path) -> None:
    for objective in read_plan(demo_plan).objectives:
        update_fields(demo_plan, Kind.OBJECTIVE, objective.id, {"owner_id": None, "method_owner_id": None})
        for metric in objective.metrics:
            update_fields(demo_plan, Kind.METRIC, metric.id, {"owner_id": None})
    assert owners_set(demo_plan) == 0
    text = text_of(export_plan_pdf(demo_plan, tmp_path / "plan.pdf"))
    assert "Owner:" not in text
    assert "owner:" not in text
