"""The agreements beyond goals at sign-off: signed with the objectives, so freezing waits on their
buy-in (or a reason), and a signed plan refuses every edit of them."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from offsite.domain.agreements import AgreementKind
from offsite.domain.errors import EditRefusedError, PlanSignedError
from offsite.domain.values import Kind, Stance
from offsite.services import agreements
from offsite.services.buyin import record_stance
from offsite.services.changes import remove, update_fields
from offsite.services.objectives import add_objective
from offsite.services.prepare import add_leader, add_team
from offsite.services.signoff import freeze, read_signoff, readiness, reopen, sign
from offsite.store import PlanFile

T0 = dt.datetime(2027, 1, 15, 17, 0)


def _dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    connection = sqlite3.connect(path)
    try:
        names = [n for (n,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: sorted(connection.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in names}
    finally:
        connection.close()


@pytest.fixture
def room(plan: PlanFile) -> dict[str, int]:
    """Maya (Sales) and Priya (Marketing), one shared objective both agreed, a journey stage and a
    hand-off that Maya agreed and Priya has not yet, and a hand-off both agreed."""
    sales, marketing = add_team(plan, "Sales").id, add_team(plan, "Marketing").id
    maya = add_leader(plan, "Maya Okafor", "", sales).id
    priya = add_leader(plan, "Priya Raman", "", marketing).id
    funnel = add_objective(plan, "One funnel", [sales, marketing]).id
    for leader in (maya, priya):
        record_stance(plan, funnel, leader, Stance.AGREED, at=T0)
    stage = agreements.add_agreement(plan, AgreementKind.JOURNEY_STAGE, "SQL", team_id=sales).id
    hand_off = agreements.add_agreement(plan, AgreementKind.HAND_OFF, "Demo request", team_id=sales).id
    agreements.record_agreement_stance(plan, hand_off, maya, Stance.AGREED, at=T0)
    agreements.record_agreement_stance(plan, stage, priya, Stance.CHANGES_REQUESTED, "Not 24 h", at=T0)
    webinar = agreements.add_agreement(plan, AgreementKind.HAND_OFF, "Webinar lead", team_id=marketing).id
    for leader in (maya, priya):
        agreements.record_agreement_stance(plan, webinar, leader, Stance.AGREED, at=T0)
    return {"maya": maya, "priya": priya, "stage": stage, "hand_off": hand_off}


def test_readiness_lists_each_agreement_not_bought_in_with_who_it_waits_on(
    plan: PlanFile, room: dict[str, int]
) -> None:
    ready = readiness(plan)
    assert not ready.ready  # every objective is bought in, but the agreements are signed with them
    assert not ready.pending
    assert ready.agreement_count == 3
    assert [p.line for p in ready.agreements_pending] == [
        "Journey stage “SQL”: waiting on Maya Okafor and Priya Raman",
        "Hand-off “Demo request”: waiting on Priya Raman",
    ]
    for leader in ("maya", "priya"):
        agreements.record_agreement_stance(plan, room["stage"], room[leader], Stance.AGREED, at=T0)
    agreements.record_agreement_stance(plan, room["hand_off"], room["priya"], Stance.AGREED, at=T0)
    assert readiness(plan).ready
    # A stance taken back (the last recorded counts) waits on that leader again.
    agreements.record_agreement_stance(plan, room["hand_off"], room["maya"], Stance.DECLINED, at=T0)
    assert [p.line for p in readiness(plan).agreements_pending] == [
        "Hand-off “Demo request”: waiting on Maya Okafor"
    ]


def test_freezing_waits_on_the_agreements_or_a_reason_and_keeps_the_reason(
    plan: PlanFile, room: dict[str, int]
) -> None:
    before = _dump(plan.path)
    with pytest.raises(EditRefusedError) as refused:
        freeze(plan, frozen_by="Facilitator", at=T0)
    assert str(refused.value) == (
        "2 agreements are not bought in yet (journey stage “SQL”, hand-off “Demo request”). "
        "Win their agreement, or give a reason to freeze anyway."
    )
    assert _dump(plan.path) == before
    freeze(plan, frozen_by="Facilitator", override_reason="Priya agreed by phone.", at=T0)
    (version,) = read_signoff(plan).versions
    assert version.override_reason == "Priya agreed by phone."
    assert '"Demo request"' in version.content  # the agreements are in what is signed


def test_objectives_and_agreements_not_bought_in_are_named_together(
    plan: PlanFile, room: dict[str, int]
) -> None:
    sales = add_team(plan, "RevOps").id
    add_objective(plan, "Clean data", [sales])
    with pytest.raises(EditRefusedError) as refused:
        freeze(plan, frozen_by="Facilitator", at=T0)
    assert str(refused.value).startswith(
        "1 objective and 2 agreements are not bought in yet (“Clean data”, journey stage “SQL”, "
        "hand-off “Demo request”)."
    )


#: Every verb that changes an agreement or its buy-in: each must refuse on a signed plan.
AGREEMENT_VERBS: dict[str, Callable[[PlanFile, dict[str, int]], object]] = {
    "add": lambda p, r: agreements.add_agreement(
        p, AgreementKind.PRACTICE, "Joint visit", cadence="quarterly"
    ),
    "edit a field": lambda p, r: update_fields(p, Kind.AGREEMENT, r["hand_off"], {"on_miss": "Reassign"}),
    "move": lambda p, r: agreements.move_agreement(p, r["hand_off"], 1),
    "record a stance": lambda p, r: agreements.record_agreement_stance(
        p, r["hand_off"], r["priya"], Stance.AGREED
    ),
    "remove": lambda p, r: remove(p, Kind.AGREEMENT, r["stage"]),
    "business model": lambda p, r: update_fields(p, Kind.PLAN, 1, {"business_model": "sales-led"}),
}


@pytest.mark.parametrize("verb", list(AGREEMENT_VERBS), ids=list(AGREEMENT_VERBS))
def test_a_signed_plan_refuses_every_edit_of_its_agreements_and_stays_unchanged(
    plan: PlanFile, room: dict[str, int], verb: str
) -> None:
    freeze(plan, frozen_by="Facilitator", override_reason="Board on Monday.", at=T0)
    (version,) = read_signoff(plan).versions
    sign(plan, version.id, room["maya"], "MO", at=T0)
    before = _dump(plan.path)
    with pytest.raises(PlanSignedError) as refused:
        AGREEMENT_VERBS[verb](plan, room)
    assert str(refused.value) == (
        "“plan.offsite” is signed (version 1), so it cannot be changed. Re-open it on the Sign-off screen to edit."
    )
    assert _dump(plan.path) == before
    reopen(plan, "Facilitator", "One more change.")
    AGREEMENT_VERBS[verb](plan, room)  # the very same edit goes through once re-opened
