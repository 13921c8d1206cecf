"""Trust in the room: each leader signs with their own initials (or someone on their behalf, with a
reason), a signature can be withdrawn until every leader has signed, and the shortlist is kept in
the plan: through the plan file, its migration, the interchange and a draft's merge."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from offsite.domain.errors import EditRefusedError
from offsite.domain.signoff import initials_match, initials_of
from offsite.domain.values import Kind, Stance
from offsite.exchange.drafts import export_draft_pack, merge_drafts, preview_merge
from offsite.exchange.interchange import export_document, import_json, write_json
from offsite.services import brainstorm, prepare, shortlist
from offsite.services.buyin import record_stance
from offsite.services.changes import update_fields
from offsite.services.objectives import add_objective
from offsite.services.plans import create_plan, open_plan, read_plan
from offsite.services.signoff import (
    content_fingerprint,
    freeze,
    read_signoff,
    sign,
    take_back_withdrawal,
    withdraw_signature,
)
from offsite.store import PlanFile
from offsite.store.fileformat import SCHEMA_VERSION
from offsite.store.migrate import upgrade

T0 = dt.datetime(2027, 1, 15, 16, 0)
MINUTE = dt.timedelta(minutes=1)


@pytest.mark.parametrize(
    ("name", "initials"),
    [
        ("Tomás Herrera", "TH"),
        ("Cher", "C"),
        ("Jean-Pierre Dupont", "JPD"),
        ("Алексей Иванов", "АИ"),
        ("王小明", "王"),
        ("maría josé garcía lópez de la vega", "MJGLV"),
        ("  ", ""),
    ],
)
def test_the_default_initials_are_those_of_the_name(name: str, initials: str) -> None:
    assert initials_of(name) == initials


def test_initials_match_without_case_accents_or_dots() -> None:
    assert initials_match("th", "TH")
    assert initials_match("ŢĤ", "TH")
    assert initials_match("T.H.", "TH")
    assert not initials_match("ZZ", "TH")


@pytest.fixture
def room(tmp_path: Path) -> PlanFile:
    plan = create_plan(tmp_path / "room.offsite", "Room")
    sales = prepare.add_team(plan, "Sales").id
    for name in ("Tomás Herrera", "Priya Raman"):
        prepare.add_leader(plan, name, "", sales)
    objective = add_objective(plan, "Go outbound", [sales]).id
    for leader in read_plan(plan).leaders:
        record_stance(plan, objective, leader.id, Stance.AGREED, at=T0)
    yield plan
    plan.close()


def _leaders(plan: PlanFile) -> dict[str, int]:
    return {p.name: p.id for p in read_plan(plan).leaders}


def test_a_wrong_initials_signature_is_refused_with_a_sentence_and_nothing_is_written(room: PlanFile) -> None:
    version = freeze(room, frozen_by="Facilitator", at=T0).id
    with pytest.raises(EditRefusedError) as refused:
        sign(room, version, _leaders(room)["Tomás Herrera"], "ZZ")
    assert str(refused.value) == (
        "Those are not Tomás Herrera’s initials (TH). To sign for someone else, choose ‘Sign on behalf’ "
        "and give a reason."
    )
    assert read_signoff(room).current.signatures == ()  # type: ignore[union-attr]
    sign(room, version, _leaders(room)["Tomás Herrera"], "ŢĤ")  # case and accents aside
    assert len(read_signoff(room).current.signatures) == 1  # type: ignore[union-attr]


def test_a_leader_signs_with_the_initials_set_for_them(room: PlanFile) -> None:
    tomas = _leaders(room)["Tomás Herrera"]
    before = content_fingerprint(room)
    update_fields(room, Kind.LEADER, tomas, {"initials": "TdH"})
    assert content_fingerprint(room) != before  # initials of their own are part of what is signed
    version = freeze(room, frozen_by="Facilitator", at=T0).id
    with pytest.raises(EditRefusedError, match=r"initials \(TdH\)"):
        sign(room, version, tomas, "TH")
    sign(room, version, tomas, "tdh")


def test_signing_on_behalf_needs_who_and_why_and_keeps_both(room: PlanFile) -> None:
    priya = _leaders(room)["Priya Raman"]
    version = freeze(room, frozen_by="Facilitator", at=T0).id
    with pytest.raises(EditRefusedError, match="Reason cannot be blank"):
        sign(room, version, priya, "DW", on_behalf_by="Dana Whitfield", reason=" ")
    with pytest.raises(EditRefusedError, match="not Dana Whitfield’s initials"):
        sign(room, version, priya, "PR", on_behalf_by="Dana Whitfield", reason="On a flight")
    sign(room, version, priya, "DW", on_behalf_by="Dana Whitfield", reason="On a flight", at=T0)
    (signature,) = read_signoff(room).current.signatures  # type: ignore[union-attr]
    assert (signature.leader_name, signature.signed_by, signature.behalf_reason, signature.initials) == (
        "Priya Raman",
        "Dana Whitfield",
        "On a flight",
        "DW",
    )


def test_a_withdrawal_is_recorded_undone_and_refused_once_every_leader_signed(room: PlanFile) -> None:
    leaders = _leaders(room)
    version = freeze(room, frozen_by="Facilitator", at=T0).id
    first = sign(room, version, leaders["Tomás Herrera"], "TH", at=T0).id
    withdrawal = withdraw_signature(room, first, at=T0 + MINUTE)
    current = read_signoff(room).current
    assert current is not None
    assert current.signatures == ()
    assert [(w.leader_name, w.withdrawn_at) for w in current.withdrawals] == [("Tomás Herrera", T0 + MINUTE)]
    take_back_withdrawal(room, withdrawal)  # undo: the signature is back, the withdrawal gone
    current = read_signoff(room).current
    assert current is not None
    assert [g.initials for g in current.signatures] == ["TH"]
    assert current.withdrawals == ()
    sign(room, version, leaders["Priya Raman"], "PR")
    assert read_signoff(room).signed_by_all
    with pytest.raises(
        EditRefusedError, match="Every leader has signed version 1, so its signatures are final"
    ):
        withdraw_signature(room, current.signatures[0].id)


def test_keep_top_records_the_shortlist_and_undo_gives_the_one_before(room: PlanFile) -> None:
    teams = {t.name: t.id for t in read_plan(room).teams}
    ids = [brainstorm.add_candidate(room, f"Idea {n}", teams["Sales"]).id for n in range(5)]
    tomas = _leaders(room)["Tomás Herrera"]
    for candidate, dots in zip(ids, (1, 0, 2), strict=False):
        if dots:
            brainstorm.vote(room, tomas, candidate, dots)
    shortlist.set_shortlisted(room, ids[4], True)
    previous = shortlist.keep_top(room).previous["shortlist"]
    assert {c.text for c in brainstorm.read_brainstorm(room).candidates if c.shortlisted} == {
        "Idea 0",
        "Idea 2",
    }
    shortlist.set_shortlist(room, previous)
    assert [c.text for c in brainstorm.read_brainstorm(room).candidates if c.shortlisted] == ["Idea 4"]


def test_a_version_5_plan_upgrades_with_derived_initials_and_no_shortlist(tmp_path: Path) -> None:
    path = tmp_path / "five.offsite"
    engine = create_engine(f"sqlite:///{path}")
    upgrade(engine, "0005")
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO plan (uid, title, venue, horizon, vision) VALUES ('p', 'Old', '', '', '')")
        )
        connection.execute(text("INSERT INTO team (uid, name, position) VALUES ('t', 'Sales', 0)"))
        connection.execute(
            text(
                "INSERT INTO leader (uid, name, title, team_id, position) VALUES ('l', 'Tomás Herrera', '', 1, 0)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO candidate (uid, team_id, text, exercise, origin_label, smart_specific_note, "
                "smart_measurable_note, smart_achievable_note, smart_realistic_note, smart_timely_note, "
                "position) VALUES ('c', 1, 'Go outbound', 'direct', '', '', '', '', '', '', 0)"
            )
        )
        assert connection.exec_driver_sql("PRAGMA user_version").scalar() == 5
    engine.dispose()
    with open_plan(path) as plan:
        (leader,) = read_plan(plan).leaders
        assert leader.initials == ""
        assert initials_of(leader.name) == "TH"
        (candidate,) = brainstorm.read_brainstorm(plan).candidates
        assert not candidate.shortlisted
        shortlist.set_shortlisted(plan, candidate.id, True)  # the upgraded plan takes the new edit
        assert brainstorm.read_brainstorm(plan).candidates[0].shortlisted
    assert path.read_bytes()[60:64] == SCHEMA_VERSION.to_bytes(4, "big")  # upgraded to this format


def test_interchange_6_round_trips_initials_shortlist_behalf_and_withdrawals(
    room: PlanFile, tmp_path: Path
) -> None:
    leaders = _leaders(room)
    update_fields(room, Kind.LEADER, leaders["Tomás Herrera"], {"initials": "TdH"})
    team = read_plan(room).teams[0].id
    idea = brainstorm.add_candidate(room, "Go outbound", team).id
    shortlist.set_shortlisted(room, idea, True)
    version = freeze(room, frozen_by="Facilitator", at=T0).id
    first = sign(room, version, leaders["Tomás Herrera"], "TDH", at=T0).id
    withdraw_signature(room, first, at=T0 + MINUTE)
    sign(
        room,
        version,
        leaders["Priya Raman"],
        "DW",
        on_behalf_by="Dana Whitfield",
        reason="Ill",
        at=T0 + 2 * MINUTE,
    )
    source = write_json(room, tmp_path / "room.json")
    with import_json(source, tmp_path / "again.offsite") as again:
        assert export_document(again) | {"exported_at": ""} == export_document(room) | {"exported_at": ""}
        assert content_fingerprint(again) == read_signoff(again).current.fingerprint  # type: ignore[union-attr]


def test_a_draft_pack_carries_initials_and_the_merge_brings_the_shortlist(
    room: PlanFile, tmp_path: Path
) -> None:
    leaders = _leaders(room)
    update_fields(room, Kind.LEADER, leaders["Tomás Herrera"], {"initials": "TdH"})
    tomas_uid = next(p.uid for p in read_plan(room).leaders if p.name == "Tomás Herrera")
    pack = export_draft_pack(room, tomas_uid, tmp_path / "tomas.offsite", at=T0)
    with open_plan(pack) as draft:
        assert {p.name: p.initials for p in read_plan(draft).leaders}["Tomás Herrera"] == "TdH"
        team = read_plan(draft).teams[0].id
        idea = brainstorm.add_candidate(draft, "Hire two SDRs", team).id
        shortlist.set_shortlisted(draft, idea, True)
        newcomer = prepare.add_leader(draft, "Ana-Lucía Ortiz", "SDR lead", team).id
        update_fields(draft, Kind.LEADER, newcomer, {"initials": "ALO"})
        brainstorm.vote(draft, newcomer, idea, 1)  # so the merge brings the new leader in
    merge_drafts(room, preview_merge(room, [pack]), at=T0)
    kept = [c.text for c in brainstorm.read_brainstorm(room).candidates if c.shortlisted]
    assert kept == ["Hire two SDRs"]
    initials = {p.name: p.initials for p in read_plan(room).leaders}
    assert (initials["Tomás Herrera"], initials["Ana-Lucía Ortiz"]) == ("TdH", "ALO")


#: The content fingerprint of each schema fixture as the code before format 6 computed it (after
#: upgrading the fixture to format 5): what a leader signed then, and what a verify compares with.
FINGERPRINTS_BEFORE_FORMAT_6 = {
    3: "34f890770cb6f57b6e067419d37721e18e30177d8bb0b3b2a85b2033a067fa67",
    4: "7f65cee576b0f3decf2c06997e901479fda96e22408395e065d35c4874e74410",
    5: "ab0dffa865668f94f8002fa60f80316815d98ad745047f4b04a7a0216d3682d5",
}


@pytest.mark.parametrize("written_by", sorted(FINGERPRINTS_BEFORE_FORMAT_6))
def test_upgrading_to_format_6_leaves_the_content_fingerprint_as_it_was(
    tmp_path: Path, written_by: int
) -> None:
    """Leaders without initials of their own and no kept shortlist hash exactly as before format 6."""
    fixture = Path(__file__).parents[1] / "store" / "schemas" / f"plan-v{written_by}.offsite"
    path = tmp_path / fixture.name
    shutil.copyfile(fixture, path)
    with open_plan(path) as plan:
        assert content_fingerprint(plan) == FINGERPRINTS_BEFORE_FORMAT_6[written_by]
