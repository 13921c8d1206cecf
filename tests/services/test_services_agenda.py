"""The agenda: add, edit, reorder, remove items; start, next and stop; every verb has its inverse."""

from __future__ import annotations

import datetime as dt

import pytest

from offsite.domain.errors import EditRefusedError
from offsite.domain.values import Kind
from offsite.services.agenda import (
    add_agenda_item,
    next_item,
    read_agenda,
    restore_day,
    set_day_start,
    start_item,
    stop_agenda,
)
from offsite.services.changes import remove, reorder, restore, update_fields
from offsite.services.plans import read_plan
from offsite.services.signoff import freeze, sign
from offsite.store import PlanFile
from offsite.store.document import PROCESS_KEYS, plan_document, signed_content

T0 = dt.datetime(2027, 1, 15, 9, 0)


def test_an_empty_plan_has_an_empty_agenda_starting_at_nine(plan: PlanFile) -> None:
    agenda = read_agenda(plan)
    assert agenda.items == ()
    assert agenda.day_start == dt.time(9, 0)
    assert agenda.current is None
    assert agenda.started_at is None
    assert agenda.next is None
    with pytest.raises(EditRefusedError, match="empty"):
        next_item(plan)


def test_add_edit_reorder_remove_and_their_undo(plan: PlanFile) -> None:
    first = add_agenda_item(plan, "Welcome", 20, "prepare").id
    second = add_agenda_item(plan, "  Ask why  ", 45, "brainstorm:Ask why").id
    agenda = read_agenda(plan)
    assert [(i.title, i.minutes, i.view) for i in agenda.items] == [
        ("Welcome", 20, "prepare"),
        ("Ask why", 45, "brainstorm:Ask why"),
    ]
    for title, minutes, view in (("", 10, "plan"), ("X", 0, "plan"), ("X", 10, "lunch")):
        with pytest.raises(EditRefusedError):
            add_agenda_item(plan, title, minutes, view)

    updated = update_fields(plan, Kind.AGENDA_ITEM, first, {"minutes": 30, "view": "brainstorm:Work back"})
    assert (read_agenda(plan).items[0].minutes, read_agenda(plan).items[0].view) == (
        30,
        "brainstorm:Work back",
    )
    with pytest.raises(EditRefusedError):
        update_fields(plan, Kind.AGENDA_ITEM, first, {"view": "lunch"})
    update_fields(plan, Kind.AGENDA_ITEM, first, updated.previous)
    assert read_agenda(plan).items[0].minutes == 20

    moved = reorder(plan, Kind.AGENDA_ITEM, [second, first])
    assert [i.id for i in read_agenda(plan).items] == [second, first]
    reorder(plan, Kind.AGENDA_ITEM, moved.previous["order"])
    assert [i.id for i in read_agenda(plan).items] == [first, second]

    removed = remove(plan, Kind.AGENDA_ITEM, first)
    assert [i.id for i in read_agenda(plan).items] == [second]
    restore(plan, removed)
    assert [i.id for i in read_agenda(plan).items] == [first, second]


def test_day_start_and_its_undo(plan: PlanFile) -> None:
    changed = set_day_start(plan, "8:30")
    assert read_agenda(plan).day_start == dt.time(8, 30)
    with pytest.raises(EditRefusedError):
        set_day_start(plan, "half past eight")
    restore_day(plan, changed.previous)
    assert read_agenda(plan).day_start == dt.time(9, 0)
    with pytest.raises(EditRefusedError):
        restore_day(plan, {"title": "x"})


def test_start_next_stop_walk_the_day_and_undo_step_back(plan: PlanFile) -> None:
    first = add_agenda_item(plan, "Welcome", 20).id
    second = add_agenda_item(plan, "Ask why", 45, "brainstorm:Ask why").id
    started = next_item(plan, at=T0)  # nothing runs: the first item starts
    agenda = read_agenda(plan)
    assert agenda.current is not None
    assert agenda.current.id == first
    assert agenda.started_at == T0
    assert agenda.next is not None
    assert agenda.next.id == second

    moved = next_item(plan, at=T0 + dt.timedelta(minutes=22))
    agenda = read_agenda(plan)
    assert agenda.current is not None
    assert agenda.current.id == second
    assert agenda.next is None
    with pytest.raises(EditRefusedError, match="last"):
        next_item(plan)

    restore_day(plan, moved.previous)  # undo the move: the first item again, with its start
    agenda = read_agenda(plan)
    assert agenda.current is not None
    assert agenda.current.id == first
    assert agenda.started_at == T0
    restore_day(plan, started.previous)
    assert read_agenda(plan).current is None

    again = start_item(plan, second, at=T0)
    assert read_agenda(plan).current is not None
    stopped = stop_agenda(plan)
    assert read_agenda(plan).current is None
    restore_day(plan, stopped.previous)
    assert read_agenda(plan).started_at == T0
    restore_day(plan, again.previous)
    with pytest.raises(EditRefusedError):
        start_item(plan, 999)

    # The running item removed: the agenda shows nothing running rather than failing.
    start_item(plan, second, at=T0)
    remove(plan, Kind.AGENDA_ITEM, second)
    assert read_agenda(plan).current is None


def test_a_signed_plan_still_takes_agenda_moves(demo_plan: PlanFile) -> None:
    view = read_plan(demo_plan)
    signed_before = signed_content(demo_plan)
    version = freeze(demo_plan, frozen_by="Facilitator", override_reason="Testing the lock.").id
    sign(demo_plan, version, view.leaders[0].id, "MO")
    assert demo_plan.locked_version() is not None

    item = add_agenda_item(demo_plan, "Closing round", 15, "signoff").id
    update_fields(demo_plan, Kind.AGENDA_ITEM, item, {"minutes": 20})
    start_item(demo_plan, item, at=T0)
    set_day_start(demo_plan, "08:30")
    next_item(demo_plan, at=T0) if read_agenda(demo_plan).next else stop_agenda(demo_plan)
    restore(demo_plan, remove(demo_plan, Kind.AGENDA_ITEM, item))
    assert signed_content(demo_plan) == signed_before
    assert "agenda" in PROCESS_KEYS
    document = plan_document(demo_plan)["agenda"]
    assert document["day"]["starts_at"] == "08:30"
    assert "Closing round" in [i["title"] for i in document["items"]]


def test_the_demo_plan_has_a_day_one_agenda(demo_plan: PlanFile) -> None:
    agenda = read_agenda(demo_plan)
    assert agenda.day_start == dt.time(9, 0)
    assert len(agenda.items) == 8
    assert agenda.items[0].title == "Welcome and the three-year vision"
    assert [i.view for i in agenda.items][5:7] == ["plan", "agreements"]
    assert sum(i.minutes for i in agenda.items) == 420
