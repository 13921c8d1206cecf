"""Every schema a released Offsite wrote still opens, and the migrations build exactly the models.

``tests/store/schemas/plan-v<N>.offsite`` is a small plan written by the Offsite that wrote
schema N. When the schema changes, run ``python tests/store/test_store_migrations.py`` with the
new code to add the next file (older ones stay, forever).
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import struct
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from offsite.domain.checkins import NewReading
from offsite.domain.exercises import BrainstormView, Exercise, SmartCriterion, SwitchItemKind, SwitchSide
from offsite.domain.fingerprint import canonical_form, fingerprint
from offsite.domain.signoff import SignoffView
from offsite.domain.values import Direction, Kind, PlanView, Stance
from offsite.services import changes
from offsite.services.agreements import add_agreement, record_agreement_stance
from offsite.services.brainstorm import (
    add_candidate,
    add_switch_item,
    add_team_goal,
    add_team_switch,
    add_theme,
    add_why_node,
    dismiss_suggestion,
    read_brainstorm,
    set_brainstorm_settings,
    set_empathy_note,
    set_funnel,
    set_impact,
    set_smart,
    vote,
)
from offsite.services.buyin import record_stance
from offsite.services.checkins import (
    apply_readings,
    check_in,
    log_win,
    read_check_ins,
    read_mappings,
    review_objective,
    save_mapping,
    take_alignment_reading,
)
from offsite.services.definitions import add_definition, read_definitions, record_definition_stance
from offsite.services.objectives import add_metric, add_objective
from offsite.services.overlaps import read_resolutions, resolve_overlap
from offsite.services.parking import park, read_parking_lot, resolve_parked
from offsite.services.plans import check_plan, create_plan, read_details, read_plan
from offsite.services.prepare import add_company_goal, add_leader, add_team, update_plan_details
from offsite.services.signoff import freeze_version, read_signoff, reopen, sign
from offsite.services.survey import rate_alignment, read_ratings
from offsite.store import PlanFile, open_plan_file
from offsite.store.document.read import plan_document
from offsite.store.fileformat import SCHEMA_VERSION
from offsite.store.lock import OPERATIONS, SIGNOFF_TABLES, is_content_table, trigger_name
from offsite.store.migrate import alembic_config
from offsite.store.models import Base

SCHEMAS = Path(__file__).with_name("schemas")
FIXTURES = sorted(SCHEMAS.glob("*.offsite"))
STANCE_AT = dt.datetime(2027, 1, 14, 10, 30)


def write_schema_fixture(path: Path) -> None:
    """The plan every schema fixture holds; what test_plan_written_by_each_schema_opens expects."""
    with create_plan(path, "Schema fixture offsite") as plan:
        update_plan_details(plan, starts_on=dt.date(2027, 1, 14), venue="Lake Windermere", horizon="H1 2027")
        sales = add_team(plan, "Sales").id
        marketing = add_team(plan, "Marketing").id
        maya = add_leader(plan, "Maya Okafor", "VP of Sales", sales).id
        add_leader(plan, "Priya Raman", "Chief Marketing Officer", marketing)
        revenue = add_company_goal(plan, "Grow revenue 50%", baseline=20, target=30, unit="M USD").id
        objective = add_objective(
            plan,
            "Go outbound",
            [sales, marketing],
            period="Q1 2027",
            goal_ids=[revenue],
            method="Build an outbound pod. Marketing makes the lists. SDRs book meetings.",
        ).id
        metric = add_metric(
            plan,
            objective,
            "Appointments booked",
            unit="meetings",
            baseline=40,
            target=180,
            direction=Direction.UP,
            data_source="CRM",
            shared=True,
        ).id
        changes.update_fields(plan, Kind.METRIC, metric, {"funnel_stage": "sqls"})  # schema 8 on
        record_stance(plan, objective, maya, Stance.AGREED, "Ready.", at=STANCE_AT)
        _write_brainstorm(plan, sales, marketing, maya, revenue)
        _write_signoff(plan, sales, marketing, maya, objective)
        _write_parking(plan)
        _write_cadence(plan, maya, objective, metric)
    # One self-contained file with a rollback journal: nothing beside it to lose in git.
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode = DELETE")
    connection.execute("VACUUM")
    connection.close()


def _write_brainstorm(plan: PlanFile, sales: int, marketing: int, maya: int, revenue: int) -> None:
    """Schema 2 on: one of each brainstorm row; checked by _check_brainstorm."""
    start = add_why_node(plan, marketing, "Marketing exists to generate leads").id
    deep = add_why_node(plan, marketing, "Predictable revenue", start).id
    sales_start = add_why_node(plan, sales, "Sales exists to close deals").id
    add_theme(plan, "Predictable revenue", [deep, sales_start])
    nodes = {n.id: n.uid for n in read_brainstorm(plan).nodes}
    dismiss_suggestion(plan, nodes[start], nodes[sales_start])
    add_team_goal(plan, revenue, "Double MQLs", team_id=marketing, target=2000, unit="MQLs")
    set_funnel(
        plan,
        revenue,
        revenue_target=10_000_000,
        average_deal_size=50_000,
        win_rate=25,
        sql_to_opportunity=60,
        mql_to_sql=30,
        lead_to_mql=20,
        quarters=["Q1 2027", "Q2 2027"],
        weights=[40, 60],
    )
    switch = add_team_switch(plan, marketing, sales, prepare_minutes=20, present_minutes=10).id
    add_switch_item(plan, switch, SwitchSide.PLAYED, SwitchItemKind.GOAL, "Close more deals")
    add_switch_item(plan, switch, SwitchSide.REAL, SwitchItemKind.PLAN, "Shorten the cycle")
    set_empathy_note(plan, switch, marketing, "Sales carries the number alone.")
    candidate = add_candidate(plan, "Predictable revenue", marketing, Exercise.WHY_CHAIN, nodes[deep]).id
    set_smart(plan, candidate, SmartCriterion.SPECIFIC, True, "One clear outcome")
    set_impact(plan, candidate, 4)
    set_brainstorm_settings(plan, dot_budget=5, top_n=2)
    vote(plan, maya, candidate, 2)


def _write_signoff(plan: PlanFile, sales: int, marketing: int, maya: int, objective: int) -> None:
    """Schema 3 on: a merge, resolutions, a definition, a rating, and a plan signed twice (locked)."""
    lists = add_objective(plan, "Outbound lists", [marketing]).id
    sequences = add_objective(plan, "Sequences", [sales]).id
    resolve_overlap(
        plan, "similar_wording", sequences, lists, "merged", statement="Outbound, together", at=STANCE_AT
    )
    resolve_overlap(
        plan, "same_company_goal", objective, sequences, "kept", "Different motions.", at=STANCE_AT
    )
    sql = add_definition(plan, "Sales qualified lead", "A booked discovery call.", sales).id
    record_definition_stance(plan, sql, maya, Stance.AGREED, "Yes.", at=STANCE_AT)
    _write_agreements(plan, sales, maya, objective, sql)
    rate_alignment(plan, maya, 4, "Closer.", at=STANCE_AT)
    for number in (1, 2):
        document = {"title": "Schema fixture offsite", "version": number}
        version = freeze_version(
            plan,
            canonical_form(document).decode("utf-8"),
            fingerprint(document),
            frozen_by="Facilitator",
            override_reason="Not everyone is here.",
            at=STANCE_AT,
        ).id
        sign(plan, version, maya, "MO", at=STANCE_AT)
        if number == 1:
            reopen(plan, "Maya Okafor", "New numbers.", at=STANCE_AT)


def _write_agreements(plan: PlanFile, sales: int, maya: int, objective: int, sql: int) -> None:
    """Schema 9 on: the business model, a journey stage, a hand-off and an incentive with buy-in."""
    plan_id = read_details(plan).id
    changes.update_fields(
        plan, Kind.PLAN, plan_id, {"business_model": "sales-led", "business_model_why": "Big deals."}
    )
    stage = add_agreement(
        plan, "journey_stage", "SQL", team_id=sales, owner_id=maya, service_level="Called within 24 h"
    ).id
    add_agreement(
        plan, "hand_off", "Demo request", route="Round-robin", definition_id=sql, on_miss="Manager alerted"
    )
    add_agreement(plan, "incentive", "Closed-won revenue", team_id=sales, objective_id=objective)
    record_agreement_stance(plan, stage, maya, Stance.AGREED, "Yes.", at=STANCE_AT)


def _write_parking(plan: PlanFile) -> None:
    """Schema 4 on: two parked items, one resolved; written to the signed plan, which still takes them."""
    park(plan, "Travel budget for field events", "Ask why", at=STANCE_AT)
    resolved = park(plan, "Who owns the CRM?", "Sign-off", at=STANCE_AT).id
    resolve_parked(plan, resolved, "RevOps does.", at=STANCE_AT)


CHECKED_IN = dt.datetime(2027, 1, 22, 16, 0)


def _write_cadence(plan: PlanFile, maya: int, objective: int, metric: int) -> None:
    """Schema 8 on: the review cadence, written to the signed plan, which takes it: a typed check-in
    and an imported one, the import's mapping, a quarter review, a win and an alignment reading."""
    check_in(
        plan,
        metric,
        64,
        as_of=dt.date(2027, 1, 22),
        confidence=8,
        note="Sequences live",
        leader_id=maya,
        at=CHECKED_IN,
    )
    save_mapping(
        plan,
        "HubSpot deals export",
        {
            "layout": "records",
            "metric_column": "",
            "date_column": "Create Date",
            "value_column": "",
            "note_column": "",
            "owner_column": "Deal owner",
            "aggregate": "count",
            "period": "month",
            "cumulative": False,
            "decimal": "auto",
            "dates": "auto",
        },
        metric_id=metric,
        filters=[("Deal Stage", ["Closed Won"])],
    )
    reading = NewReading(metric, dt.date(2027, 1, 31), 71, "", "Jordan Ellis")
    apply_readings(plan, [reading], "HubSpot deals export", at=CHECKED_IN)
    review_objective(
        plan,
        objective,
        "Q1 2027",
        score=0.8,
        reason="Meetings are booked; the deals follow in Q2.",
        worked="Sequences",
        did_not_work="Lists",
        decision="keep",
        at=CHECKED_IN,
    )
    log_win(plan, dt.date(2027, 2, 19), "First outbound meeting", thanks="The SDRs", objective_id=objective)
    take_alignment_reading(plan, "2027-Q1", 55, 4.0, at=CHECKED_IN)


def _check_cadence(plan: PlanFile, metric: int) -> None:
    assert [(c.as_of, c.value, c.confidence, c.note, c.by_name, c.source) for c in read_check_ins(plan)] == [
        (dt.date(2027, 1, 22), 64, 8, "Sequences live", "", ""),
        (dt.date(2027, 1, 31), 71, None, "", "Jordan Ellis", "HubSpot deals export"),
    ]
    (mapping,) = read_mappings(plan)
    assert (mapping.name, mapping.settings["layout"], mapping.metric_id) == (
        "HubSpot deals export",
        "records",
        metric,
    )
    assert mapping.filters == (("Deal Stage", ("Closed Won",)),)
    document = plan_document(plan)
    (review,) = document["objective_reviews"]
    assert (review["period"], review["score"], review["decision"]) == ("2027-Q1", 0.8, "keep")
    (win,) = document["wins"]
    assert (win["text"], win["thanks"]) == ("First outbound meeting", "The SDRs")
    (reading,) = document["alignment_readings"]
    assert (reading["period"], reading["evidence"], reading["self_rating"]) == ("2027-Q1", 55, 4.0)


def _check_parking(plan: PlanFile) -> None:
    assert [(p.text, p.raised_in, p.resolution, p.resolved) for p in read_parking_lot(plan)] == [
        ("Travel budget for field events", "Ask why", "", False),
        ("Who owns the CRM?", "Sign-off", "RevOps does.", True),
    ]


def _check_signoff(plan: PlanFile, view: PlanView) -> None:
    merged = view.objectives[1]
    assert merged.statement == "Outbound, together"
    assert merged.origin_label == "merged from: Sales' “Sequences” and Marketing's “Outbound lists”"
    assert [o.label for o in merged.merged_from] == ["Sales' “Sequences”", "Marketing's “Outbound lists”"]
    assert [(r.rule, r.action.value) for r in read_resolutions(plan)] == [
        ("similar_wording", "merged"),
        ("same_company_goal", "kept"),
    ]
    (definition,) = read_definitions(plan)
    assert (definition.term, definition.bought_in) == ("Sales qualified lead", True)
    (rating,) = read_ratings(plan).ratings
    assert (rating.rating, rating.comment) == (4, "Closer.")
    signoff = read_signoff(plan)
    assert [(v.number, v.reopened, len(v.signatures)) for v in signoff.versions] == [
        (2, False, 1),
        (1, True, 1),
    ]
    assert signoff.current is signoff.versions[0]
    assert signoff.current.fingerprint == fingerprint({"title": "Schema fixture offsite", "version": 2})


def _check_brainstorm(view: BrainstormView) -> None:
    assert [(n.text, n.depth) for n in view.nodes] == [
        ("Sales exists to close deals", 0),
        ("Marketing exists to generate leads", 0),
        ("Predictable revenue", 1),
    ]
    (theme,) = view.themes
    assert (theme.name, len(theme.node_ids)) == ("Predictable revenue", 2)
    assert len(view.dismissed) == 1
    (team_goal,) = view.team_goals
    assert (team_goal.statement, team_goal.target, team_goal.unit) == ("Double MQLs", 2000, "MQLs")
    (funnel,) = view.funnels
    assert (funnel.revenue_target, funnel.win_rate, funnel.lead_to_mql) == (10_000_000, 25, 20)
    assert (funnel.quarters, funnel.weights) == (("Q1 2027", "Q2 2027"), (40, 60))
    (switch,) = view.switches
    assert [(i.side, i.kind, i.text) for i in switch.items] == [
        (SwitchSide.PLAYED, SwitchItemKind.GOAL, "Close more deals"),
        (SwitchSide.REAL, SwitchItemKind.PLAN, "Shorten the cycle"),
    ]
    assert [n.text for n in switch.notes] == ["Sales carries the number alone."]
    (candidate,) = view.candidates
    assert candidate.origin_label == "Marketing's ask-why chain › “Predictable revenue”"
    assert candidate.mark(SmartCriterion.SPECIFIC).value is True
    assert (candidate.impact, candidate.dots) == (4, 2)
    assert (view.dot_budget, view.top_n) == (5, 2)


def _user_version(path: Path) -> int:
    return int(struct.unpack(">I", path.read_bytes()[60:64])[0])


def test_there_is_a_fixture_for_the_current_schema() -> None:
    versions = {_user_version(path) for path in FIXTURES}
    assert SCHEMA_VERSION in versions, (
        f"No plan written by schema {SCHEMA_VERSION} in {SCHEMAS}: "
        "run `python tests/store/test_store_migrations.py` to add it."
    )


@pytest.mark.parametrize("fixture", FIXTURES, ids=[p.name for p in FIXTURES])
def test_plan_written_by_each_schema_opens_with_its_content(tmp_path: Path, fixture: Path) -> None:
    path = tmp_path / fixture.name
    shutil.copyfile(fixture, path)
    written_by = _user_version(path)

    with open_plan_file(path) as plan:
        view = read_plan(plan)
        brainstorm = read_brainstorm(plan)
        if written_by >= 4:
            _check_parking(plan)
        else:  # upgraded: an empty parking lot, which takes items at once (even while signed)
            assert read_parking_lot(plan) == ()
            park(plan, "Offsite dates for next year")
        if written_by >= 3:
            _check_signoff(plan, view)
        else:  # upgraded: nothing signed, nothing locked
            assert read_signoff(plan) == SignoffView((), None, tuple(p.id for p in view.leaders))
            assert read_definitions(plan) == read_resolutions(plan) == ()
            add_definition(plan, "Sales qualified lead")  # the upgraded plan takes the new edits at once
        (metric_id,) = (m.id for m in view.objectives[0].metrics)
        if written_by >= 8:
            _check_cadence(plan, metric_id)
        else:  # upgraded: nothing tracked yet, and it takes a check-in at once (even while signed)
            assert read_check_ins(plan) == []
            assert plan_document(plan)["objective_reviews"] == []
            check_in(plan, metric_id, 50, as_of=dt.date(2027, 1, 22))

    assert _user_version(path) == SCHEMA_VERSION
    assert check_plan(path).sound
    assert check_plan(path).signed_version == (2 if written_by >= 3 else None)
    assert view.details.title == "Schema fixture offsite"
    assert view.details.starts_on == dt.date(2027, 1, 14)
    assert view.details.venue == "Lake Windermere"
    teams = {t.id: t.name for t in view.teams}
    assert list(teams.values()) == ["Sales", "Marketing"]
    assert [(p.name, p.title, teams[p.team_id]) for p in view.leaders if p.team_id is not None] == [
        ("Maya Okafor", "VP of Sales", "Sales"),
        ("Priya Raman", "Chief Marketing Officer", "Marketing"),
    ]
    (goal,) = view.goals
    assert (goal.statement, goal.baseline, goal.target, goal.unit) == ("Grow revenue 50%", 20, 30, "M USD")
    objective = view.objectives[0]
    assert len(view.objectives) == (2 if written_by >= 3 else 1)
    assert objective.statement == "Go outbound"
    assert objective.period == "Q1 2027"
    assert [teams[i] for i in objective.team_ids] == ["Sales", "Marketing"]
    assert objective.goal_ids == (goal.id,)
    (metric,) = objective.metrics
    assert (metric.name, metric.unit) == ("Appointments booked", "meetings")
    assert (metric.baseline, metric.target) == (40, 180)
    assert metric.direction is Direction.UP
    assert metric.shared
    assert metric.funnel_stage == ("sqls" if written_by >= 8 else "")
    (stance,) = view.stances
    assert view.leader(stance.leader_id).name == "Maya Okafor"  # type: ignore[union-attr]
    assert (stance.stance, stance.comment, stance.recorded_at) == (Stance.AGREED, "Ready.", STANCE_AT)
    if written_by >= 2:
        _check_brainstorm(brainstorm)
    else:
        assert brainstorm == BrainstormView()  # upgraded: empty, with the default vote settings


def _triggers(plan: PlanFile) -> dict[str, set[str]]:
    """Each table's triggers, as SQLite lists them."""
    found: dict[str, set[str]] = {}
    with plan.engine.connect() as connection:
        for name, table in connection.exec_driver_sql(
            "SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger'"
        ):
            found.setdefault(table, set()).add(name)
    return found


def test_every_content_table_has_its_lock_triggers_and_no_sign_off_table_does(plan: PlanFile) -> None:
    """A table added later without its triggers (or rebuilt by batch mode, losing them) fails here."""
    triggers = _triggers(plan)
    assert set(Base.metadata.tables) >= SIGNOFF_TABLES, "a sign-off table was renamed: update store/lock.py"
    for table in Base.metadata.tables:
        expected = (
            {trigger_name(table, operation) for operation in OPERATIONS} if is_content_table(table) else set()
        )
        assert triggers.get(table, set()) == expected, (
            f"{table}: a content table needs the lock triggers of offsite.store.lock.lock_statements "
            "in the migration that creates (or rebuilds) it"
        )


@pytest.mark.parametrize("fixture", FIXTURES, ids=[p.name for p in FIXTURES])
def test_an_upgraded_plan_has_every_lock_trigger(tmp_path: Path, fixture: Path, plan: PlanFile) -> None:
    path = tmp_path / fixture.name
    shutil.copyfile(fixture, path)
    with open_plan_file(path) as upgraded:
        assert _triggers(upgraded) == _triggers(plan)


def test_migrations_build_exactly_the_models_schema(plan: PlanFile) -> None:
    with plan.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_migration_head_writes_the_schema_version_this_build_reads(plan: PlanFile) -> None:
    with plan.engine.connect() as connection:
        stamped = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        user_version = connection.exec_driver_sql("PRAGMA user_version").scalar()
    assert stamped == ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert user_version == SCHEMA_VERSION


if __name__ == "__main__":
    target = SCHEMAS / f"plan-v{SCHEMA_VERSION}.offsite"
    if target.exists():
        sys.exit(f"{target} exists already: a schema's fixture is written once, by the code of its day.")
    write_schema_fixture(target)
    print(f"wrote {target}")
