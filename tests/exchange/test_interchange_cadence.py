"""The review cadence's records travel in the interchange document (version 8) and come back as they were."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sqlalchemy import select
from tests.services.test_services_checkins import MONDAY, _settings

from offsite.domain.checkins import NewReading
from offsite.exchange.interchange import export_document, import_json
from offsite.services.checkins import apply_readings, check_in, log_win, review_objective, save_mapping
from offsite.store.document.read import plan_document
from offsite.store.models import Metric, Objective
from offsite.store.planfile import PlanFile


def test_every_cadence_record_survives_a_json_round_trip(demo_plan: PlanFile, tmp_path: Path) -> None:
    with demo_plan.read() as s:
        a, b = s.scalars(select(Metric.id).order_by(Metric.position).limit(2))
        objective = s.scalars(select(Objective.id).order_by(Objective.position)).first()
    assert objective is not None
    check_in(demo_plan, a, 40, as_of=MONDAY, confidence=8, note="Ünïcødé ✓")
    apply_readings(demo_plan, [NewReading(b, MONDAY + dt.timedelta(days=7), 7, "", "Sam")], "CRM")
    save_mapping(
        demo_plan, "CRM", _settings(), metric_id=a, filters=[("Stage", ["Won"])], aliases=[("SQLs", b)]
    )
    review_objective(demo_plan, objective, "2027-Q1", score=0.7, reason="Close")
    log_win(demo_plan, MONDAY, "A win", thanks="Priya", objective_id=objective)
    exported = tmp_path / "plan.json"
    exported.write_text(json.dumps(export_document(demo_plan)), encoding="utf-8")
    with import_json(exported, tmp_path / "again.offsite") as again:
        before, after = plan_document(demo_plan), plan_document(again)
    for key in ("check_ins", "import_mappings", "objective_reviews", "wins"):
        assert after[key] == before[key] != [], key
    (typed,) = [c for c in after["check_ins"] if c["as_of"] == MONDAY.isoformat()]
    assert typed["note"] == "Ünïcødé ✓"
