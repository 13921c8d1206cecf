"""A laptop that loses the room's server keeps what its leader typed, and sends it when the server is back.

The laptop reaches the server through a relay the test cuts (its Wi-Fi, as it were): the server
and the facilitator's laptop go on meanwhile, so the plan moves on while the leader types.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from offsite.domain.buyin import current_stances
from offsite.domain.errors import OffsiteError
from offsite.domain.values import Kind, Stance
from offsite.services import changes
from offsite.services.brainstorm import vote
from offsite.services.buyin import record_stance
from offsite.services.outbox import send_pending
from offsite.services.outbox_preview import preview
from offsite.services.plans import read_plan
from offsite.services.room import HostedRoom, RoomPlan, join_room, open_room
from offsite.services.signoff import content_fingerprint
from room_network import Relay


@pytest.fixture
def offline_laptop(hosted: tuple[HostedRoom, RoomPlan], tmp_path: Path) -> Iterator[tuple[RoomPlan, Relay]]:
    room, _ = hosted
    seat = next(seat for seat in room.leaders if seat.name == "Priya Raman")
    relay = Relay(seat.code.port)
    plan = join_room(dataclasses.replace(seat.code, port=relay.port), folder=tmp_path / "priyas-laptop")
    yield plan, relay
    plan.close()
    relay.close()


def _ids(plan: RoomPlan) -> tuple[dict[str, int], dict[str, int]]:
    view = read_plan(plan)
    return {leader.name: leader.id for leader in view.leaders}, {o.statement: o.id for o in view.objectives}


def _stance(plan: RoomPlan, objective: int, leader: int) -> tuple[str, str] | None:
    found = current_stances(read_plan(plan).stances).get((objective, leader))
    return None if found is None else (found.stance.value, found.comment)


def test_a_stance_typed_offline_shows_at_once_is_previewed_against_the_moved_plan_and_sent_when_back(
    hosted: tuple[HostedRoom, RoomPlan], offline_laptop: tuple[RoomPlan, Relay]
) -> None:
    _, facilitator = hosted
    priya, network = offline_laptop
    leaders, objectives = _ids(priya)
    me, go_outbound = leaders["Priya Raman"], objectives["Go outbound"]

    network.cut()
    record_stance(priya, go_outbound, me, Stance.AGREED, "Yes, with two SDRs")

    assert _stance(priya, go_outbound, me) == ("agreed", "Yes, with two SDRs")
    assert priya.pending == 1
    assert priya.keeping
    # Meanwhile the room goes on: the facilitator rewords the objective Priya agreed to.
    changes.update_fields(facilitator, Kind.OBJECTIVE, go_outbound, {"statement": "Go outbound in EMEA"})
    assert _stance(facilitator, go_outbound, me) != ("agreed", "Yes, with two SDRs")

    network.mend()
    assert priya.probe()
    [line] = preview(priya)
    assert line.what == "Your stance on “Go outbound”: Agreed — “Yes, with two SDRs”"
    assert line.conflict == "It now reads “Go outbound in EMEA”: you saw “Go outbound”."
    assert line.sendable

    report = send_pending(priya)

    assert (report.sent, report.dropped, report.refused) == (1, 0, ())
    assert priya.pending == 0
    facilitator.sync()
    assert _stance(facilitator, go_outbound, me) == ("agreed", "Yes, with two SDRs")
    assert read_plan(priya).objective(go_outbound).statement == "Go outbound in EMEA"  # type: ignore[union-attr]
    mine = [s for s in read_plan(priya).stances if s.leader_id == me and s.objective_id == go_outbound]
    on_server = [
        s for s in read_plan(facilitator).stances if s.leader_id == me and s.objective_id == go_outbound
    ]
    assert [(s.id, s.stance) for s in mine] == [(s.id, s.stance) for s in on_server]
    assert content_fingerprint(priya) == content_fingerprint(facilitator)


def test_kept_edits_survive_the_laptop_closing_and_the_leader_chooses_which_to_send(
    hosted: tuple[HostedRoom, RoomPlan], offline_laptop: tuple[RoomPlan, Relay]
) -> None:
    _, facilitator = hosted
    priya, network = offline_laptop
    leaders, objectives = _ids(priya)
    me = leaders["Priya Raman"]
    network.cut()
    record_stance(priya, objectives["Fill the pipeline"], me, Stance.CHANGES_REQUESTED, "Name the owner")
    record_stance(priya, objectives["One funnel view"], me, Stance.AGREED, "")
    replica = priya.path
    priya.close()  # the laptop is shut while offline

    network.mend()
    again = open_room(replica)
    try:
        assert again.pending == 2
        lines = preview(again)
        assert [line.what for line in lines] == [
            "Your stance on “Fill the pipeline”: Changes requested — “Name the owner”",
            "Your stance on “One funnel view”: Agreed",
        ]
        report = send_pending(again, keep={lines[1].intent_id})
        assert (report.sent, report.dropped) == (1, 1)
        facilitator.sync()
        assert _stance(facilitator, objectives["One funnel view"], me) == ("agreed", "")
        assert _stance(again, objectives["Fill the pipeline"], me) == _stance(
            facilitator, objectives["Fill the pipeline"], me
        )
        assert content_fingerprint(again) == content_fingerprint(facilitator)
    finally:
        again.close()


def test_an_offline_edit_taken_back_before_it_was_sent_is_never_sent(
    hosted: tuple[HostedRoom, RoomPlan], offline_laptop: tuple[RoomPlan, Relay]
) -> None:
    _, facilitator = hosted
    priya, network = offline_laptop
    leaders, objectives = _ids(priya)
    me, objective = leaders["Priya Raman"], objectives["Clean hand-offs"]
    before = _stance(facilitator, objective, me)
    network.cut()

    made = record_stance(priya, objective, me, Stance.DECLINED, "Not yet")
    changes.remove(priya, Kind.STANCE, made.id)  # undo

    assert priya.pending == 0
    assert _stance(priya, objective, me) == before
    network.mend()
    assert priya.sync() is not None
    facilitator.sync()
    assert _stance(facilitator, objective, me) == before


def test_offline_the_plans_text_is_refused_with_a_sentence_and_nothing_is_kept(
    offline_laptop: tuple[RoomPlan, Relay],
) -> None:
    priya, network = offline_laptop
    _, objectives = _ids(priya)
    network.cut()
    with pytest.raises(OffsiteError, match="cannot be reached"):
        changes.update_fields(priya, Kind.OBJECTIVE, objectives["Go outbound"], {"statement": "Mine now"})
    assert priya.pending == 0
    assert read_plan(priya).objective(objectives["Go outbound"]).statement == "Go outbound"  # type: ignore[union-attr]


def test_a_stance_on_an_objective_removed_meanwhile_cannot_be_sent_and_says_why(
    hosted: tuple[HostedRoom, RoomPlan], offline_laptop: tuple[RoomPlan, Relay]
) -> None:
    _, facilitator = hosted
    priya, network = offline_laptop
    leaders, objectives = _ids(priya)
    network.cut()
    record_stance(priya, objectives["Expand happy customers"], leaders["Priya Raman"], Stance.AGREED, "")
    changes.remove(facilitator, Kind.OBJECTIVE, objectives["Expand happy customers"])
    network.mend()

    [line] = preview(priya)
    assert line.conflict == "The objective was removed meanwhile, so this cannot be sent."
    assert not line.sendable
    report = send_pending(priya)
    assert report.sent == 0
    assert report.refused == ("That objective no longer exists in the plan.",)
    assert read_plan(priya).objective(objectives["Expand happy customers"]) is None


def test_dots_moved_offline_are_sent_as_the_leaders_own(
    hosted: tuple[HostedRoom, RoomPlan], offline_laptop: tuple[RoomPlan, Relay]
) -> None:
    from offsite.services.brainstorm_view import read_brainstorm

    _, facilitator = hosted
    priya, network = offline_laptop
    leaders, _ = _ids(priya)
    me = leaders["Priya Raman"]
    placed = next(v for v in read_brainstorm(priya).votes if v.leader_id == me and v.dots > 0)
    network.cut()
    vote(priya, me, placed.candidate_id, placed.dots - 1)  # one dot taken back while away
    network.mend()
    assert send_pending(priya).sent == 1
    facilitator.sync()
    votes = {(v.leader_id, v.candidate_id): v.dots for v in read_brainstorm(facilitator).votes}
    assert votes.get((me, placed.candidate_id), 0) == placed.dots - 1


def test_check_ins_kept_offline_come_back_under_the_servers_ids_while_others_checked_in_meanwhile(
    hosted: tuple[HostedRoom, RoomPlan],
    offline_laptop: tuple[RoomPlan, Relay],
    join: Callable[[str], RoomPlan],
) -> None:
    """The replica numbered Priya's kept check-ins itself; meanwhile Aiko's check-in took one of
    those numbers on the server, and Priya's came back under others: every row lands where the
    server has it, and no check-in of a metric and day is refused as a duplicate on the way."""
    import datetime as dt

    from offsite.services.checkins import check_in

    _, facilitator = hosted
    priya, network = offline_laptop
    aiko = join("Aiko Tanaka")
    leaders, _ = _ids(priya)
    metrics = [m.id for o in read_plan(priya).objectives for m in o.metrics]
    network.cut()
    for n in range(4):
        check_in(
            priya,
            metrics[n % len(metrics)],
            10 + n,
            as_of=dt.date(2028, 1, 1 + n),
            leader_id=leaders["Priya Raman"],
        )
    for n in range(3):
        check_in(aiko, metrics[0], 50 + n, as_of=dt.date(2029, 1, 1 + n), leader_id=leaders["Aiko Tanaka"])
    network.mend()

    report = send_pending(priya)

    assert (report.sent, report.refused) == (4, ())
    facilitator.sync()
    assert content_fingerprint(priya) == content_fingerprint(facilitator)
    from offsite.services.checkins import read_check_ins

    mine = sorted((c.as_of, c.value) for c in read_check_ins(priya) if c.as_of.year == 2028)
    assert mine == [(dt.date(2028, 1, 1 + n), 10.0 + n) for n in range(4)]
    assert sorted(c.id for c in read_check_ins(priya)) == sorted(c.id for c in read_check_ins(facilitator))
