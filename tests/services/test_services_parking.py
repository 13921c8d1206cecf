"""The parking lot: park, resolve, re-open, make a candidate; every verb has its inverse; a signed plan still parks."""

from __future__ import annotations

import datetime as dt

import pytest

from offsite.domain.errors import EditRefusedError, PlanSignedError
from offsite.domain.exercises import Exercise
from offsite.domain.values import Kind
from offsite.services.brainstorm import read_brainstorm
from offsite.services.changes import remove, restore, update_fields
from offsite.services.parking import (
    park,
    park_to_candidate,
    put_back_candidate,
    read_parking_lot,
    reopen_parked,
    resolve_parked,
    restore_parked,
    take_back_candidate,
)
from offsite.services.plans import read_plan
from offsite.services.signoff import freeze, sign
from offsite.store import PlanFile
from offsite.store.document import PROCESS_KEYS, plan_document, signed_content

T0 = dt.datetime(2027, 1, 15, 10, 0)


def test_parked_items_are_listed_open_first_in_the_order_parked(plan: PlanFile) -> None:
    first = park(plan, "  Travel budget  ", "Ask why", at=T0).id
    second = park(plan, "Who owns the CRM?", "Work back", at=T0).id
    third = park(plan, "Offsite dates", at=T0).id
    resolve_parked(plan, first, "Finance decides.", at=T0)

    lot = read_parking_lot(plan)
    assert [(p.id, p.resolved) for p in lot] == [(second, False), (third, False), (first, True)]
    assert (lot[-1].text, lot[-1].raised_in, lot[-1].resolution) == (
        "Travel budget",
        "Ask why",
        "Finance decides.",
    )
    assert lot[0].raised_at == T0


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_a_blank_item_is_refused(plan: PlanFile, text: str) -> None:
    with pytest.raises(EditRefusedError, match="needs some words"):
        park(plan, text)
    assert read_parking_lot(plan) == ()


def test_resolve_and_reopen_are_undone_by_restoring_the_previous_state(plan: PlanFile) -> None:
    item = park(plan, "Travel budget", at=T0).id
    resolved = resolve_parked(plan, item, "Finance decides.", at=T0)
    assert resolved.kind is Kind.PARKED
    restore_parked(plan, item, resolved.previous)
    (view,) = read_parking_lot(plan)
    assert (view.resolved, view.resolution) == (False, "")

    resolve_parked(plan, item, "Later.", at=T0)
    reopened = reopen_parked(plan, item)
    assert not read_parking_lot(plan)[0].resolved
    restore_parked(plan, item, reopened.previous)
    (view,) = read_parking_lot(plan)
    assert (view.resolved_at, view.resolution) == (T0, "Later.")


def test_text_is_edited_and_an_item_removed_and_restored_through_changes(plan: PlanFile) -> None:
    item = park(plan, "Travel budget", at=T0).id
    update_fields(plan, Kind.PARKED, item, {"text": "Travel budget, field events"})
    assert read_parking_lot(plan)[0].text == "Travel budget, field events"
    with pytest.raises(EditRefusedError):
        update_fields(plan, Kind.PARKED, item, {"resolution": "sneaky"})
    removed = remove(plan, Kind.PARKED, item)
    assert read_parking_lot(plan) == ()
    restore(plan, removed)
    assert read_parking_lot(plan)[0].id == item


def test_an_item_becomes_a_candidate_and_undo_takes_both_back(demo_plan: PlanFile) -> None:
    team = read_plan(demo_plan).teams[0].id
    before = len(read_brainstorm(demo_plan).candidates)
    item = park(demo_plan, "Partner channel for the mid-market", "Funnel", at=T0).id
    state = {"resolved_at": None, "resolution": "", "candidate_uid": None}

    created = park_to_candidate(demo_plan, item, team, at=T0)
    assert created.kind is Kind.CANDIDATE
    candidate = next(c for c in read_brainstorm(demo_plan).candidates if c.id == created.id)
    assert (candidate.text, candidate.exercise, candidate.team_id) == (
        "Partner channel for the mid-market",
        Exercise.DIRECT,
        team,
    )
    assert candidate.origin_label == "Parking lot: “Partner channel for the mid-market”"
    (view,) = read_parking_lot(demo_plan)
    assert view.resolved
    assert view.candidate_uid == candidate.uid
    with pytest.raises(EditRefusedError, match="a candidate already"):
        park_to_candidate(demo_plan, item, team)

    removed, resolved = take_back_candidate(demo_plan, item, created.id, state)
    assert len(read_brainstorm(demo_plan).candidates) == before
    (view,) = read_parking_lot(demo_plan)
    assert (view.resolved, view.candidate_uid) == (False, None)

    put_back_candidate(demo_plan, item, removed, resolved)
    assert any(c.uid == candidate.uid for c in read_brainstorm(demo_plan).candidates)
    assert read_parking_lot(demo_plan)[0].candidate_uid == candidate.uid


def test_a_refused_candidate_leaves_the_item_open(plan: PlanFile) -> None:
    item = park(plan, "Travel budget").id
    with pytest.raises(EditRefusedError):
        park_to_candidate(plan, item, 999)  # no such team: nothing of it is kept
    assert not read_parking_lot(plan)[0].resolved


def test_a_signed_plan_still_parks_and_resolves_but_makes_no_candidate(demo_plan: PlanFile) -> None:
    view = read_plan(demo_plan)
    signed_before = signed_content(demo_plan)
    version = freeze(demo_plan, frozen_by="Facilitator", override_reason="Testing the lock.").id
    sign(demo_plan, version, view.leaders[0].id, "MO")
    assert demo_plan.locked_version() is not None

    item = park(demo_plan, "Who owns the CRM?", "Sign-off").id
    resolved = resolve_parked(demo_plan, item, "RevOps.")
    restore_parked(demo_plan, item, resolved.previous)
    update_fields(demo_plan, Kind.PARKED, item, {"text": "Who owns the CRM data?"})
    with pytest.raises(PlanSignedError):
        park_to_candidate(demo_plan, item, view.teams[0].id)
    assert not read_parking_lot(demo_plan)[0].resolved
    # No part of what was signed: the fingerprint's content is unchanged.
    assert signed_content(demo_plan) == signed_before
    assert "parking_lot" in PROCESS_KEYS
    assert [p["text"] for p in plan_document(demo_plan)["parking_lot"]] == ["Who owns the CRM data?"]
    removed = remove(demo_plan, Kind.PARKED, item)
    restore(demo_plan, removed)
