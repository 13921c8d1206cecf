"""The review cadence's records travel in the interchange document (version 8) and come back as they were."""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from tests.services.test_services_checkins import MONDAY, _settings

from offsite.domain.checkins import NewReading
from offsite.domain.errors import ImportFormatError
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


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (lambda d: d["check_ins"][0].update(value=1e308), "check_ins[0].value"),
        (lambda d: d["check_ins"][0].update(as_of="9999-12-31"), "check_ins[0].as_of"),
        (lambda d: d["check_ins"][0].update(as_of="0001-01-01"), "check_ins[0].as_of"),
        (
            lambda d: d["check_ins"].append({**d["check_ins"][0], "uid": str(uuid.uuid4())}),
            "repeats the metric, day and source",
        ),
        (lambda d: d["objective_reviews"][0].update(period="2027-Q9"), "write a quarter as 2027-Q1"),
        (
            lambda d: d["objective_reviews"].append({**d["objective_reviews"][0], "uid": str(uuid.uuid4())}),
            "one review a quarter",
        ),
        (
            lambda d: d["import_mappings"].append({**d["import_mappings"][0], "uid": str(uuid.uuid4())}),
            "give each mapping its own",
        ),
    ],
)
def test_a_received_document_is_held_to_the_rules_of_the_cadence_and_refused_whole(
    demo_plan: PlanFile, tmp_path: Path, change: Any, said: str
) -> None:
    # The same limits a check-in typed or imported from a CSV keeps: a value no metric reaches, a
    # day outside the years a plan tracks, or two entries where the plan keeps one.
    document = export_document(demo_plan)
    change(document)
    received = tmp_path / "received.json"
    received.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ImportFormatError, match=re.escape(said)):
        import_json(received, tmp_path / "received.offsite")
    assert not (tmp_path / "received.offsite").exists()
