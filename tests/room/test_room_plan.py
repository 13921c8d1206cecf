"""Laptops in one room: each reads its replica, writes the server as its own role, and sees the others' changes.

Every test runs the real verbs (the ones the screens call) on real ``RoomPlan``s joined to a
plan hosted on the session's real PostgreSQL server.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from offsite.domain.buyin import current_stances
from offsite.domain.errors import PlanSignedError
from offsite.domain.values import Kind, Stance
from offsite.services import changes
from offsite.services.buyin import record_stance
from offsite.services.plans import open_plan, read_plan
from offsite.services.room import HostedRoom, RoomPlan, bring_home, change_of
from offsite.services.signoff import content_fingerprint, freeze
from offsite.store.room.roomplan import RoomRefusedError

Join = Callable[[str], RoomPlan]


def _ids(plan: RoomPlan) -> tuple[dict[str, int], dict[str, int]]:
    view = read_plan(plan)
    return {leader.name: leader.id for leader in view.leaders}, {o.statement: o.id for o in view.objectives}


def _stance_of(plan: RoomPlan, objective: int, leader: int) -> tuple[str, str] | None:
    stance = current_stances(read_plan(plan).stances).get((objective, leader))
    return None if stance is None else (stance.stance.value, stance.comment)


def test_a_leaders_stance_reaches_the_facilitators_replica_and_only_the_rows_that_changed(
    hosted: tuple[HostedRoom, RoomPlan], join: Join
) -> None:
    _, facilitator = hosted
    priya = join("Priya Raman")
    leaders, objectives = _ids(priya)
    seen = []
    facilitator.listeners.append(seen.append)

    record_stance(
        priya, objectives["Go outbound"], leaders["Priya Raman"], Stance.DECLINED, "Not with this headcount"
    )

    assert _stance_of(priya, objectives["Go outbound"], leaders["Priya Raman"]) == (
        "declined",
        "Not with this headcount",
    )
    applied = facilitator.sync()
    assert applied is not None
    assert _stance_of(facilitator, objectives["Go outbound"], leaders["Priya Raman"]) == (
        "declined",
        "Not with this headcount",
    )
    kinds, rows = change_of(seen[-1])
    assert kinds == {Kind.STANCE}
    assert rows is not None
    assert len(rows[Kind.STANCE]) == 1


def test_a_leader_cannot_record_another_leaders_stance_nor_edit_the_plans_text(
    hosted: tuple[HostedRoom, RoomPlan], join: Join
) -> None:
    _, facilitator = hosted
    priya = join("Priya Raman")
    leaders, objectives = _ids(priya)
    before = _stance_of(facilitator, objectives["Go outbound"], leaders["Maya Okafor"])

    with pytest.raises(RoomRefusedError, match="Priya Raman cannot make that change"):
        record_stance(priya, objectives["Go outbound"], leaders["Maya Okafor"], Stance.DECLINED, "")
    with pytest.raises(RoomRefusedError):
        changes.update_fields(priya, Kind.OBJECTIVE, objectives["Go outbound"], {"statement": "Go home"})

    facilitator.sync()
    assert _stance_of(facilitator, objectives["Go outbound"], leaders["Maya Okafor"]) == before
    assert read_plan(facilitator).objective(objectives["Go outbound"]).statement == "Go outbound"  # type: ignore[union-attr]


def test_the_facilitator_edits_the_plan_but_records_no_leaders_stance(
    hosted: tuple[HostedRoom, RoomPlan], join: Join
) -> None:
    _, facilitator = hosted
    priya = join("Priya Raman")
    leaders, objectives = _ids(facilitator)

    changes.update_fields(
        facilitator, Kind.OBJECTIVE, objectives["Go outbound"], {"statement": "Go outbound now"}
    )
    with pytest.raises(RoomRefusedError, match="the facilitator cannot make that change"):
        record_stance(facilitator, objectives["Go outbound"], leaders["Priya Raman"], Stance.AGREED, "")

    priya.sync()
    assert read_plan(priya).objective(objectives["Go outbound"]).statement == "Go outbound now"  # type: ignore[union-attr]


def test_a_frozen_room_refuses_every_laptops_edit_of_its_content(
    hosted: tuple[HostedRoom, RoomPlan], join: Join
) -> None:
    _, facilitator = hosted
    priya = join("Priya Raman")
    leaders, objectives = _ids(facilitator)
    freeze(facilitator, frozen_by="Facilitator", override_reason="The room agreed to sign as it stands")

    priya.sync()
    with pytest.raises(PlanSignedError, match="is signed"):
        record_stance(priya, objectives["Go outbound"], leaders["Priya Raman"], Stance.AGREED, "")
    with pytest.raises(PlanSignedError):
        changes.update_fields(
            facilitator, Kind.OBJECTIVE, objectives["Go outbound"], {"statement": "Late edit"}
        )


def test_the_room_comes_home_with_the_servers_content_fingerprint(
    hosted: tuple[HostedRoom, RoomPlan], join: Join, tmp_path: Path
) -> None:
    _, facilitator = hosted
    priya = join("Priya Raman")
    leaders, objectives = _ids(priya)
    record_stance(priya, objectives["Fill the pipeline"], leaders["Priya Raman"], Stance.AGREED, "Yes")
    changes.update_fields(
        facilitator, Kind.OBJECTIVE, objectives["Go outbound"], {"statement": "Go outbound now"}
    )

    home = bring_home(facilitator, tmp_path / "home.offsite")
    priya.sync()
    facilitator.sync()

    opened = open_plan(home)
    try:
        assert content_fingerprint(opened) == content_fingerprint(facilitator) == content_fingerprint(priya)
        assert _stance_of(opened, objectives["Fill the pipeline"], leaders["Priya Raman"]) == (
            "agreed",
            "Yes",
        )  # type: ignore[arg-type]
    finally:
        opened.close()


def test_the_facilitators_everyday_edits_and_their_undo_run_on_the_server(
    hosted: tuple[HostedRoom, RoomPlan], join: Join
) -> None:
    """The same verbs as on a plan file, each undone by its own undo, on PostgreSQL: the plan the
    leaders' laptops show follows every step."""
    import datetime as dt

    from offsite.services.agenda import add_agenda_item, next_item, start_item
    from offsite.services.checkins import check_in
    from offsite.services.objectives import add_metric, add_objective
    from offsite.services.parking import park

    _, facilitator = hosted
    aiko = join("Aiko Tanaka")
    view = read_plan(facilitator)
    teams = [team.id for team in view.teams]

    created = add_objective(facilitator, "Win back churned", teams[:2], period="2027")
    metric = add_metric(facilitator, created.id, "Customers won back", unit="accounts", target=12)
    changes.update_fields(facilitator, Kind.OBJECTIVE, created.id, {"method": "Call every churned account."})
    order = [o.id for o in read_plan(facilitator).objectives]
    changes.reorder(facilitator, Kind.OBJECTIVE, [created.id, *order[:-1]])
    first = add_agenda_item(facilitator, "Churn deep-dive", 30, "plan")
    add_agenda_item(facilitator, "Wrap-up", 10, "signoff")
    start_item(facilitator, first.id)
    next_item(facilitator)
    park(facilitator, "Who owns win-back campaigns?", "plan")
    check_in(facilitator, metric.id, 3, as_of=dt.date(2027, 2, 1), note="First three back")

    aiko.sync()
    on_aikos = read_plan(aiko)
    added = on_aikos.objective(created.id)
    assert added is not None
    assert (added.statement, added.method, added.team_ids) == (
        "Win back churned",
        "Call every churned account.",
        tuple(teams[:2]),
    )
    assert [m.name for m in added.metrics] == ["Customers won back"]
    assert on_aikos.objectives[0].id == created.id

    removed = changes.remove(facilitator, Kind.OBJECTIVE, created.id)
    aiko.sync()
    assert read_plan(aiko).objective(created.id) is None
    changes.restore(facilitator, removed)
    aiko.sync()
    assert read_plan(aiko).objective(created.id) is not None
    assert content_fingerprint(aiko) == content_fingerprint(facilitator)


def test_the_facilitators_undo_of_a_removal_puts_the_leaders_stances_back_but_forges_none(
    hosted: tuple[HostedRoom, RoomPlan], join: Join, pg_server: object
) -> None:
    """Removing an objective takes every leader's stance on it; undo puts them back exactly as they
    were, though the facilitator's role may never write a stance. The same door refuses a stance
    that was never removed, even to the facilitator's own SQL."""
    import psycopg
    from sqlalchemy import text

    room, facilitator = hosted
    priya = join("Priya Raman")
    leaders, objectives = _ids(facilitator)
    objective = objectives["Go outbound"]
    before = {
        key: (s.stance, s.comment) for key, s in current_stances(read_plan(facilitator).stances).items()
    }

    removed = changes.remove(facilitator, Kind.OBJECTIVE, objective)
    changes.restore(facilitator, removed)

    priya.sync()
    for plan in (facilitator, priya):
        after = {key: (s.stance, s.comment) for key, s in current_stances(read_plan(plan).stances).items()}
        assert after == before
    code = room.facilitator.code
    with psycopg.connect(
        host=code.host, port=code.port, dbname=code.database, user=code.role, password=code.password
    ) as connection:
        forged = json.dumps(
            {
                "id": 99999,
                "uid": "forged",
                "objective_id": objective,
                "leader_id": leaders["Priya Raman"],
                "stance": "agreed",
                "comment": "",
                "recorded_at": "2027-01-01T00:00:00",
            }
        )
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="no such record was removed"):
            connection.execute("SELECT offsite_room_restore('stance_record', %s::jsonb)", (forged,))
    with facilitator.server.connect() as connection:
        assert (
            connection.execute(text("SELECT count(*) FROM stance_record WHERE uid = 'forged'")).scalar() == 0
        )


def test_each_leader_signs_on_their_own_laptop_and_the_signed_room_comes_home_signed(
    hosted: tuple[HostedRoom, RoomPlan], join: Join, tmp_path: Path
) -> None:
    from offsite.domain.signoff import signing_initials
    from offsite.services.signoff import read_signoff, sign

    _, facilitator = hosted
    freeze(facilitator, frozen_by="Facilitator", override_reason="Signed as it stands")
    view = read_plan(facilitator)
    version = read_signoff(facilitator).locked_version_id
    assert version is not None
    leaders = list(view.leaders)
    for index, leader in enumerate(leaders):
        laptop = join(leader.name)
        if index + 1 < len(leaders):  # nobody signs for another leader still to sign
            other = leaders[index + 1]
            with pytest.raises(RoomRefusedError):
                sign(laptop, version, other.id, signing_initials(other))
        sign(laptop, version, leader.id, signing_initials(leader))
    facilitator.sync()
    assert read_signoff(facilitator).signed_by_all

    home = bring_home(facilitator, tmp_path / "signed.offsite")

    with open_plan(home) as opened:
        signoff = read_signoff(opened)
        assert signoff.signed_by_all
        assert signoff.locked_version_id == version
        assert content_fingerprint(opened) == content_fingerprint(facilitator)
        with pytest.raises(PlanSignedError):  # still locked at home
            changes.update_fields(
                opened, Kind.OBJECTIVE, _ids(facilitator)[1]["Go outbound"], {"statement": "x"}
            )


def test_a_leaders_buy_in_on_a_definition_reaches_the_room(
    hosted: tuple[HostedRoom, RoomPlan], join: Join
) -> None:
    from offsite.services.definitions import read_definitions, record_definition_stance

    _, facilitator = hosted
    aiko = join("Aiko Tanaka")
    leaders, _ = _ids(aiko)
    definition = read_definitions(aiko)[0]
    record_definition_stance(aiko, definition.id, leaders["Aiko Tanaka"], Stance.AGREED, "Works for RevOps")
    facilitator.sync()
    [on_server] = [d for d in read_definitions(facilitator) if d.id == definition.id]
    events = [e for e in on_server.stances if e.leader_id == leaders["Aiko Tanaka"]]
    assert (events[-1].stance, events[-1].comment) == (Stance.AGREED, "Works for RevOps")


def test_a_joined_laptop_keeps_its_password_in_a_file_only_its_user_reads_and_nowhere_else(
    hosted: tuple[HostedRoom, RoomPlan], join: Join
) -> None:
    from offsite.store.room.credentials import passfile
    from offsite.store.room.roomplan import RoomState

    room, _ = hosted
    priya = join("Priya Raman")
    password = next(seat for seat in room.leaders if seat.name == "Priya Raman").code.password
    assert passfile().stat().st_mode & 0o777 == 0o600
    assert password in passfile().read_text()
    assert password not in RoomState.path_of(priya.path).read_text()
    assert password.encode() not in priya.path.read_bytes()
