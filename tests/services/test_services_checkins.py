"""Check-ins: typed, replaced, imported twice, refused, undone — and never part of what was signed."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from sqlalchemy import Engine, event, select

from offsite.domain.checkins import CheckInView, NewReading
from offsite.domain.errors import EditRefusedError, PlanSignedError
from offsite.domain.values import Kind
from offsite.services import changes
from offsite.services.checkins import (
    apply_readings,
    check_in,
    compare_readings,
    find_mapping,
    latest_check_ins,
    log_win,
    read_check_ins,
    restore_check_in,
    restore_mapping,
    review_objective,
    save_mapping,
    undo_readings,
)
from offsite.services.signoff import content_fingerprint, freeze
from offsite.store.document.read import plan_document, signed_content
from offsite.store.models import Leader, Metric, Objective
from offsite.store.planfile import PlanFile

#: The Monday after the demo plan's two quarters of check-ins: the newest day of any metric.
MONDAY = dt.date(2027, 7, 5)


def first_metrics(plan: PlanFile, count: int = 2) -> list[int]:
    with plan.read() as s:
        return list(s.scalars(select(Metric.id).order_by(Metric.position, Metric.id).limit(count)))


def a_leader(plan: PlanFile) -> tuple[int, str]:
    with plan.read() as s:
        leader = s.scalars(select(Leader).order_by(Leader.position)).first()
        assert leader is not None
        return leader.id, leader.name


def test_typing_a_days_actual_again_replaces_it_and_undo_gives_the_first_back(demo_plan: PlanFile) -> None:
    (metric,) = first_metrics(demo_plan, 1)
    first = check_in(demo_plan, metric, 40, as_of=MONDAY, confidence=8, note="Sequences live")
    assert isinstance(first, changes.Created)
    second = check_in(demo_plan, metric, 42.5, as_of=MONDAY, confidence=5)
    assert isinstance(second, changes.Updated)
    assert second.id == first.id
    (latest,) = latest_check_ins(demo_plan, [metric]).values()
    assert latest.last is not None
    assert (latest.last.value, latest.last.confidence) == (42.5, 5)
    restore_check_in(demo_plan, second.previous)
    (latest,) = latest_check_ins(demo_plan, [metric]).values()
    assert latest.last is not None
    assert (latest.last.value, latest.last.note) == (40, "Sequences live")


@pytest.mark.parametrize(
    ("value", "confidence", "said"),
    [
        (float("nan"), None, "finite"),
        (1e16, None, "larger than any metric"),
        ("", None, "blank"),
        (10, 11, "Confidence"),
        (10, -1, "Confidence"),
    ],
)
def test_a_value_a_leader_could_not_type_is_refused_and_nothing_is_written(
    demo_plan: PlanFile, value: object, confidence: object, said: str
) -> None:
    (metric,) = first_metrics(demo_plan, 1)
    before = read_check_ins(demo_plan)
    with pytest.raises(EditRefusedError, match=said):
        check_in(demo_plan, metric, value, as_of=MONDAY, confidence=confidence)
    assert read_check_ins(demo_plan) == before


def test_the_latest_check_ins_are_newest_first_and_at_most_three(demo_plan: PlanFile) -> None:
    (metric,) = first_metrics(demo_plan, 1)
    for week in range(5):
        check_in(demo_plan, metric, 10 + week, as_of=MONDAY + dt.timedelta(weeks=week), confidence=week + 3)
    latest = latest_check_ins(demo_plan)[metric]
    assert [c.value for c in latest.recent] == [14, 13, 12]
    assert [c.confidence for c in latest.recent] == [7, 6, 5]


def test_importing_the_same_readings_twice_adds_nothing_and_a_new_total_changes_one(
    demo_plan: PlanFile,
) -> None:
    a, b = first_metrics(demo_plan)
    leader_id, leader_name = a_leader(demo_plan)
    before = read_check_ins(demo_plan)

    def imported() -> list[CheckInView]:
        return [c for c in read_check_ins(demo_plan) if c.source == "HubSpot deals"]

    readings = [
        NewReading(a, MONDAY, 120, "from CRM", leader_name.upper()),
        NewReading(b, MONDAY, 8, "", "Sam from SDR team"),
    ]
    first = apply_readings(demo_plan, readings, "HubSpot deals")
    assert (len(first.added), len(first.changed), first.unchanged) == (2, 0, 0)
    views = {c.metric_id: c for c in imported()}
    assert (views[a].leader_id, views[a].by_name) == (leader_id, "")  # a leader of the plan, by name
    assert (views[b].leader_id, views[b].by_name) == (None, "Sam from SDR team")

    again = apply_readings(demo_plan, readings, "HubSpot deals")
    assert (again.added, again.changed, again.unchanged) == ((), (), 2)
    assert len(read_check_ins(demo_plan)) == len(before) + 2

    planned = compare_readings(demo_plan, [NewReading(a, MONDAY, 135)], "HubSpot deals")
    assert [before for _r, before in planned.changed] == [120]
    moved = apply_readings(demo_plan, [NewReading(a, MONDAY, 135)], "HubSpot deals")
    assert {c.metric_id: c.value for c in imported()} == {a: 135, b: 8}
    undo_readings(demo_plan, moved)
    undo_readings(demo_plan, first)
    assert read_check_ins(demo_plan) == before


def test_readings_with_a_source_of_their_own_are_kept_under_it_with_their_confidence_in_one_undoable_step(
    demo_plan: PlanFile,
) -> None:
    a, b = first_metrics(demo_plan)
    leader_id, leader_name = a_leader(demo_plan)
    check_in(demo_plan, a, 40, as_of=MONDAY, confidence=3, note="typed")
    before = read_check_ins(demo_plan)
    readings = [
        NewReading(a, MONDAY, 40, "typed", source="", confidence=3),  # the typed one: there already
        NewReading(a, MONDAY, 44, "from CRM", "Sam", source="HubSpot deals"),  # that day, another source
        NewReading(b, MONDAY, 7, "", leader_name, source="", confidence=9),  # typed in Offsite, new here
        NewReading(b, MONDAY, 8),  # no source of its own: the import's
    ]
    planned = compare_readings(demo_plan, readings, "Sheet")
    assert (len(planned.added), len(planned.changed), len(planned.unchanged)) == (3, 0, 1)

    imported = apply_readings(demo_plan, readings, "Sheet")

    assert (len(imported.added), imported.changed, imported.unchanged) == (3, (), 1)
    day = {
        (c.metric_id, c.source): (c.value, c.confidence, c.leader_id, c.by_name)
        for c in read_check_ins(demo_plan)
        if c.as_of == MONDAY
    }
    assert day == {
        (a, ""): (40, 3, None, ""),
        (a, "HubSpot deals"): (44, None, None, "Sam"),
        (b, ""): (7, 9, leader_id, ""),
        (b, "Sheet"): (8, None, None, ""),
    }
    # The typed value changed by a reading of the same source: its confidence, note and who with it.
    moved = apply_readings(
        demo_plan, [NewReading(a, MONDAY, 45, "revised", leader_name, source="", confidence=7)], "Sheet"
    )
    typed = next(c for c in read_check_ins(demo_plan) if (c.metric_id, c.as_of, c.source) == (a, MONDAY, ""))
    assert (typed.value, typed.confidence, typed.note, typed.leader_id) == (45, 7, "revised", leader_id)
    undo_readings(demo_plan, moved)
    undo_readings(demo_plan, imported)
    assert read_check_ins(demo_plan) == before


def test_a_reading_with_a_confidence_past_ten_refuses_the_whole_import(demo_plan: PlanFile) -> None:
    a, b = first_metrics(demo_plan)
    before = read_check_ins(demo_plan)
    readings = [
        NewReading(a, MONDAY, 1, source="", confidence=8),
        NewReading(b, MONDAY, 2, source="", confidence=11),
    ]
    with pytest.raises(EditRefusedError, match="from 0 to 10"):
        apply_readings(demo_plan, readings, "Sheet")
    assert read_check_ins(demo_plan) == before


def test_an_import_with_one_bad_value_writes_nothing(demo_plan: PlanFile) -> None:
    a, b = first_metrics(demo_plan)
    before = read_check_ins(demo_plan)
    with pytest.raises(EditRefusedError, match="finite"):
        apply_readings(demo_plan, [NewReading(a, MONDAY, 1), NewReading(b, MONDAY, float("inf"))], "Sheet")
    assert read_check_ins(demo_plan) == before


def test_check_ins_reviews_and_wins_go_on_a_signed_plan_and_leave_its_fingerprint_as_signed(
    demo_plan: PlanFile,
) -> None:
    with demo_plan.read() as s:
        objective = s.scalars(select(Objective.id).order_by(Objective.position)).first()
    assert objective is not None
    freeze(demo_plan, frozen_by="Facilitator", override_reason="Testing the lock.")
    signed = signed_content(demo_plan)
    (metric,) = first_metrics(demo_plan, 1)
    check_in(demo_plan, metric, 40, as_of=MONDAY, confidence=8)
    apply_readings(demo_plan, [NewReading(metric, MONDAY, 41)], "CRM")
    review_objective(demo_plan, objective, "Q1 2027", score=0.6, reason="Two deals slipped", decision="keep")
    log_win(demo_plan, MONDAY, "First outbound enterprise deal", thanks="Priya")
    save_mapping(demo_plan, "CRM", _settings())
    assert signed_content(demo_plan) == signed
    with pytest.raises(PlanSignedError):  # while the plan itself stays locked
        changes.update_fields(demo_plan, Kind.METRIC, metric, {"target": 1})


def _settings(**overrides: object) -> dict[str, object]:
    return {
        "layout": "totals",
        "metric_column": "KPI",
        "date_column": "As of",
        "value_column": "Actual",
        "note_column": "",
        "owner_column": "",
        "aggregate": "count",
        "period": "day",
        "cumulative": False,
        "decimal": "auto",
        "dates": "auto",
    } | overrides


def test_a_saved_mapping_is_found_by_name_and_saving_it_again_is_undoable(demo_plan: PlanFile) -> None:
    a, b = first_metrics(demo_plan)
    save_mapping(demo_plan, "HubSpot deals", _settings(), aliases=[("SQLs", a)])
    again = save_mapping(
        demo_plan,
        "HubSpot deals",
        _settings(layout="records", date_column="Close Date", aggregate="sum", value_column="Amount"),
        metric_id=b,
        filters=[("Deal Stage", ["Closed Won"])],
    )
    found = find_mapping(demo_plan, "hubspot DEALS")
    assert found is not None
    assert found.settings["layout"] == "records"
    assert found.metric_id == b
    assert found.filters == (("Deal Stage", ("Closed Won",)),)
    assert isinstance(again, changes.Updated)
    restore_mapping(demo_plan, again.previous)
    found = find_mapping(demo_plan, "HubSpot deals")
    assert found is not None
    assert found.aliases == (("SQLs", a),)
    assert found.settings["layout"] == "totals"
    with pytest.raises(EditRefusedError, match="layout"):
        save_mapping(demo_plan, "Bad", _settings(layout="pivot"))


def test_a_quarter_review_is_one_per_objective_and_quarter_and_refuses_a_score_above_one(
    demo_plan: PlanFile,
) -> None:
    with demo_plan.read() as s:
        objective = s.scalars(select(Objective.id).order_by(Objective.position)).first()
    assert objective is not None
    # The demo plan's reviews are of Q1: the quarter after its two is reviewed here for the first time.
    made = review_objective(demo_plan, objective, "2027-Q3", worked="Sequences")
    changed = review_objective(demo_plan, objective, "Q3 2027", did_not_work="Events", decision="change")
    assert isinstance(made, changes.Created)
    assert isinstance(changed, changes.Updated)
    assert changed.id == made.id
    with pytest.raises(EditRefusedError, match=r"0\.0 to 1\.0"):
        review_objective(demo_plan, objective, "2027-Q3", score=1.2)
    with pytest.raises(EditRefusedError, match="no quarter"):
        review_objective(demo_plan, objective, "March", score=0.5)
    (review,) = [r for r in plan_document(demo_plan)["objective_reviews"] if r["period"] == "2027-Q3"]
    assert (review["period"], review["worked"], review["did_not_work"], review["decision"]) == (
        "2027-Q3",
        "Sequences",
        "Events",
        "change",
    )


def test_the_plans_fingerprint_reads_none_of_its_check_ins(demo_plan: PlanFile) -> None:
    """No signature covers the cadence: freezing or verifying a plan tracked for years reads none of it."""
    sent: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool) -> None:
        sent.append(statement)

    assert len(read_check_ins(demo_plan)) > 200
    event.listen(Engine, "before_cursor_execute", record)
    try:
        content_fingerprint(demo_plan)
    finally:
        event.remove(Engine, "before_cursor_execute", record)
    assert any("FROM metric" in statement for statement in sent)
    cadence = re.compile(r"\b(check_in|import_mapping|objective_review|win|alignment_reading)\b")
    assert [statement for statement in sent if cadence.search(statement)] == []


def test_the_review_day_is_today_unless_the_plan_has_check_ins_dated_after_it(demo_plan: PlanFile) -> None:
    from offsite.services.checkins import review_day

    latest = max(c.as_of for c in read_check_ins(demo_plan))
    assert review_day(demo_plan, dt.date(2026, 12, 6)) == latest  # the demo: next year's offsite
    assert review_day(demo_plan, latest + dt.timedelta(days=40)) == latest + dt.timedelta(days=40)
