"""Data definitions: a glossary with each leader's buy-in, edited and removed with undo."""

from __future__ import annotations

import datetime as dt

import pytest

from offsite.domain.errors import EditRefusedError, NotAPlanError
from offsite.domain.values import Kind, Stance
from offsite.services.changes import remove, restore, update_fields
from offsite.services.definitions import add_definition, read_definitions, record_definition_stance
from offsite.services.prepare import add_leader, add_team
from offsite.store import PlanFile

T0 = dt.datetime(2027, 1, 14, 10, 0)
MINUTE = dt.timedelta(minutes=1)


def _teams(plan: PlanFile) -> tuple[int, int, int, int, int]:
    sales, marketing = add_team(plan, "Sales").id, add_team(plan, "Marketing").id
    maya = add_leader(plan, "Maya Okafor", "VP of Sales", sales).id
    tomas = add_leader(plan, "Tomás Herrera", "Head of SDR", sales).id
    priya = add_leader(plan, "Priya Raman", "CMO", marketing).id
    return sales, marketing, maya, tomas, priya


def test_a_definition_is_added_in_order_and_read_back(plan: PlanFile) -> None:
    sales, *_ = _teams(plan)
    sql = add_definition(plan, "  Sales qualified lead ", "A lead with a booked discovery call.", sales)
    mql = add_definition(plan, "Marketing qualified lead")
    assert sql.kind is Kind.DEFINITION

    first, second = read_definitions(plan)
    assert (first.id, first.term, first.definition, first.team_id) == (
        sql.id,
        "Sales qualified lead",
        "A lead with a booked discovery call.",
        sales,
    )
    assert (second.id, second.term, second.team_id) == (mql.id, "Marketing qualified lead", None)
    assert first.uid
    assert first.uid != second.uid


@pytest.mark.parametrize(
    ("term", "team", "message"),
    [
        ("   ", None, "Give the term a name"),
        ("sales QUALIFIED lead", None, "is defined already"),
        ("Pipeline", 999, "no longer exists"),
        ("Pipeline", True, "must name a team"),
        ("Bad\x00term", None, "NUL"),
    ],
)
def test_bad_definitions_are_refused_with_a_sentence(
    plan: PlanFile, term: str, team: object, message: str
) -> None:
    add_definition(plan, "Sales qualified lead")
    with pytest.raises(EditRefusedError, match=message):
        add_definition(plan, term, "", team)  # type: ignore[arg-type]
    assert len(read_definitions(plan)) == 1


def test_a_definition_is_bought_in_when_its_teams_leaders_agree(plan: PlanFile) -> None:
    sales, _marketing, maya, tomas, priya = _teams(plan)
    sql = add_definition(plan, "Sales qualified lead", "", sales).id
    record_definition_stance(plan, sql, maya, Stance.AGREED, at=T0)
    record_definition_stance(plan, sql, priya, Stance.DECLINED, "Not ours to say.", at=T0 + MINUTE)
    (view,) = read_definitions(plan)
    assert view.concerned_leader_ids == (maya, tomas)
    assert not view.bought_in
    record_definition_stance(plan, sql, tomas, Stance.AGREED, at=T0 + 2 * MINUTE)
    (view,) = read_definitions(plan)
    assert view.bought_in  # Priya's stance is kept, but Marketing does not own the definition
    assert [e.leader_id for e in view.stances] == [maya, priya, tomas]
    assert view.stance_of(priya) is Stance.DECLINED


def test_a_definition_without_a_team_needs_every_leader(plan: PlanFile) -> None:
    _sales, _marketing, maya, tomas, priya = _teams(plan)
    coverage = add_definition(plan, "Pipeline coverage").id
    for index, leader in enumerate((maya, tomas)):
        record_definition_stance(plan, coverage, leader, Stance.AGREED, at=T0 + index * MINUTE)
    (view,) = read_definitions(plan)
    assert view.concerned_leader_ids == (maya, tomas, priya)
    assert not view.bought_in
    assert view.stance_of(priya) is Stance.PENDING
    record_definition_stance(plan, coverage, priya, Stance.AGREED, at=T0 + 5 * MINUTE)
    assert read_definitions(plan)[0].bought_in


def test_the_latest_stance_counts_and_undo_brings_the_previous_back(plan: PlanFile) -> None:
    sales, _marketing, maya, tomas, _priya = _teams(plan)
    sql = add_definition(plan, "Sales qualified lead", "", sales).id
    record_definition_stance(plan, sql, maya, Stance.AGREED, at=T0)
    record_definition_stance(plan, sql, tomas, Stance.AGREED, at=T0 + MINUTE)
    changed = record_definition_stance(
        plan, sql, tomas, Stance.CHANGES_REQUESTED, "30 days?", at=T0 + 2 * MINUTE
    )
    assert changed.kind is Kind.DEFINITION_STANCE
    assert not read_definitions(plan)[0].bought_in
    removed = remove(plan, Kind.DEFINITION_STANCE, changed.id)
    assert read_definitions(plan)[0].bought_in
    restore(plan, removed)
    assert read_definitions(plan)[0].stance_of(tomas) is Stance.CHANGES_REQUESTED


def test_a_definition_nobody_must_agree_to_is_not_bought_in(plan: PlanFile) -> None:
    empty = add_team(plan, "Empty").id
    add_definition(plan, "Churn", "", empty)
    assert not read_definitions(plan)[0].bought_in


def test_stance_is_refused_for_a_missing_definition_or_leader_or_unknown_stance(plan: PlanFile) -> None:
    sales, _marketing, maya, _tomas, _priya = _teams(plan)
    sql = add_definition(plan, "Sales qualified lead", "", sales).id
    with pytest.raises(EditRefusedError, match="definition no longer exists"):
        record_definition_stance(plan, 999, maya, Stance.AGREED)
    with pytest.raises(EditRefusedError, match="leader no longer exists"):
        record_definition_stance(plan, sql, 999, Stance.AGREED)
    with pytest.raises(EditRefusedError, match="A stance is one of"):
        record_definition_stance(plan, sql, maya, "maybe")  # type: ignore[arg-type]
    assert read_definitions(plan)[0].stances == ()


def test_a_stance_without_a_time_gets_now(plan: PlanFile) -> None:
    sales, _marketing, maya, _tomas, _priya = _teams(plan)
    sql = add_definition(plan, "Sales qualified lead", "", sales).id
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    record_definition_stance(plan, sql, maya, "agreed")  # type: ignore[arg-type]
    (event,) = read_definitions(plan)[0].stances
    assert before - dt.timedelta(seconds=1) <= event.recorded_at <= before + dt.timedelta(minutes=1)


def test_update_fields_changes_a_definition_and_undo_puts_it_back(plan: PlanFile) -> None:
    sales, marketing, *_ = _teams(plan)
    sql = add_definition(plan, "SQL", "Old wording.", sales).id
    changed = update_fields(
        plan,
        Kind.DEFINITION,
        sql,
        {"term": "Sales qualified lead", "definition": "New.", "team_id": marketing},
    )
    (view,) = read_definitions(plan)
    assert (view.term, view.definition, view.team_id) == ("Sales qualified lead", "New.", marketing)
    update_fields(plan, Kind.DEFINITION, sql, changed.previous)
    (view,) = read_definitions(plan)
    assert (view.term, view.definition, view.team_id) == ("SQL", "Old wording.", sales)
    with pytest.raises(EditRefusedError, match="cannot be changed on a definition"):
        update_fields(plan, Kind.DEFINITION, sql, {"uid": "x"})


def test_removing_a_definition_takes_its_stances_and_undo_restores_them(plan: PlanFile) -> None:
    sales, _marketing, maya, tomas, _priya = _teams(plan)
    sql = add_definition(plan, "Sales qualified lead", "Booked call.", sales).id
    record_definition_stance(plan, sql, maya, Stance.AGREED, "Yes.", at=T0)
    record_definition_stance(plan, sql, tomas, Stance.AGREED, at=T0 + MINUTE)
    before = read_definitions(plan)

    removed = remove(plan, Kind.DEFINITION, sql)
    assert read_definitions(plan) == ()
    assert {name for name, _ in removed.rows} == {"definition", "definition_stance"}
    restore(plan, removed)
    assert read_definitions(plan) == before


def test_removing_a_leader_takes_their_definition_stances_and_undo_restores_them(plan: PlanFile) -> None:
    sales, _marketing, maya, tomas, _priya = _teams(plan)
    sql = add_definition(plan, "Sales qualified lead", "", sales).id
    record_definition_stance(plan, sql, maya, Stance.AGREED, at=T0)
    record_definition_stance(plan, sql, tomas, Stance.AGREED, at=T0 + MINUTE)
    before = read_definitions(plan)
    removed = remove(plan, Kind.LEADER, tomas)
    assert [e.leader_id for e in read_definitions(plan)[0].stances] == [maya]
    restore(plan, removed)
    assert read_definitions(plan) == before


def test_a_definition_stance_recorded_with_an_earlier_time_than_the_last_record_is_current(
    plan: PlanFile,
) -> None:
    sales, _marketing, maya, tomas, _priya = _teams(plan)
    sql = add_definition(plan, "Sales qualified lead", "A lead with a booked discovery call.", sales).id
    record_definition_stance(plan, sql, maya, Stance.AGREED, at=T0 + 60 * MINUTE)
    record_definition_stance(plan, sql, tomas, Stance.AGREED, at=T0 + 61 * MINUTE)
    assert read_definitions(plan)[0].bought_in
    record_definition_stance(plan, sql, tomas, Stance.DISCUSSING, "Booked, or held?", at=T0)  # clock behind

    (definition,) = read_definitions(plan)
    assert definition.stance_of(tomas) is Stance.DISCUSSING
    assert not definition.bought_in
    assert [e.stance for e in definition.stances if e.leader_id == tomas] == [
        Stance.AGREED,
        Stance.DISCUSSING,
    ]


@pytest.mark.parametrize(
    ("table", "column", "value", "said"),
    [
        ("definition", "term", b"\x00\x01", "holds a text Offsite cannot read (“binary data”)"),
        ("definition_stance", "stance", "maybe", "holds a definition stance Offsite does not know (“maybe”)"),
        ("definition_stance", "recorded_at", "last Tuesday", "Offsite cannot read (“last Tuesday”)"),
    ],
)
def test_a_damaged_glossary_is_refused_with_a_sentence_never_shown(
    plan: PlanFile, table: str, column: str, value: object, said: str
) -> None:
    _sales, _marketing, maya, *_ = _teams(plan)
    term = add_definition(plan, "Pipeline coverage").id
    record_definition_stance(plan, term, maya, Stance.AGREED, at=T0)
    with plan.engine.begin() as connection:  # as another program might have left the file
        connection.exec_driver_sql(f"UPDATE {table} SET {column} = ?", (value,))
    for ids in (None, [term]):  # the whole glossary and the one term an edit reads again
        with pytest.raises(NotAPlanError) as refused:
            read_definitions(plan, ids)
        assert said in str(refused.value)
        assert "offsite check" in str(refused.value)
