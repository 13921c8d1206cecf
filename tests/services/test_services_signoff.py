"""Sign-off: readiness, freezing a version, signatures, the lock the database keeps, re-opening."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from offsite.domain.errors import EditRefusedError, PlanSignedError
from offsite.domain.exercises import BrainstormView, Exercise, SwitchItemKind, SwitchSide
from offsite.domain.fingerprint import canonical_form, fingerprint
from offsite.domain.overlap import OverlapRule
from offsite.domain.signoff import ResolutionAction
from offsite.domain.values import Kind, PlanView, Stance
from offsite.services import brainstorm as bs
from offsite.services.buyin import record_stance
from offsite.services.changes import remove, reorder, restore, update_fields
from offsite.services.definitions import add_definition, read_definitions, record_definition_stance
from offsite.services.objectives import add_metric, add_objective, set_objective_goals, set_objective_teams
from offsite.services.overlaps import resolve_overlap
from offsite.services.plans import check_plan, read_plan
from offsite.services.prepare import add_company_goal, add_leader, add_team, update_plan_details
from offsite.services.signoff import freeze_version, read_signoff, readiness, reopen, sign
from offsite.services.survey import rate_alignment, read_ratings
from offsite.store import PlanFile
from offsite.store.lock import content_tables
from offsite.store.planfile import translate_operational_error

T0 = dt.datetime(2027, 1, 15, 17, 0)
MINUTE = dt.timedelta(minutes=1)


def _content(title: str = "Test offsite", **more: Any) -> tuple[str, str]:
    """A frozen content document in canonical form and its fingerprint, as the exchange layer makes them."""
    document = {"title": title, **more}
    return canonical_form(document).decode("utf-8"), fingerprint(document)


def _freeze(plan: PlanFile, reason: str | None = "Testing the lock.", **kwargs: Any) -> int:
    content, fp = _content(**kwargs)
    return freeze_version(plan, content, fp, frozen_by="Facilitator", override_reason=reason, at=T0).id


def _dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    connection = sqlite3.connect(path)
    try:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        return {t: sorted(connection.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
    finally:
        connection.close()


@pytest.fixture
def small(plan: PlanFile) -> tuple[int, int, int, int]:
    """Sales (Maya, Tomás) and Marketing (Priya); “Go outbound” for Sales, “One funnel” for both."""
    sales, marketing = add_team(plan, "Sales").id, add_team(plan, "Marketing").id
    maya = add_leader(plan, "Maya Okafor", "", sales).id
    tomas = add_leader(plan, "Tomás Herrera", "", sales).id
    priya = add_leader(plan, "Priya Raman", "", marketing).id
    outbound = add_objective(plan, "Go outbound", [sales]).id
    return maya, tomas, priya, outbound


def _all_agree(plan: PlanFile) -> None:
    view = read_plan(plan)
    for objective in view.objectives:
        for leader in view.leaders:
            if leader.team_id in objective.team_ids:
                record_stance(plan, objective.id, leader.id, Stance.AGREED, at=T0)


# --- Readiness and freezing ------------------------------------------------------------------------


def test_readiness_names_the_objectives_not_bought_in_and_who_they_wait_on(
    plan: PlanFile, small: tuple[int, int, int, int]
) -> None:
    maya, _tomas, _priya, outbound = small
    empty = add_team(plan, "Nobody").id
    lonely = add_objective(plan, "Lonely", [empty]).id
    record_stance(plan, outbound, maya, Stance.AGREED, at=T0)
    ready = readiness(plan)
    assert not ready.ready
    assert ready.objective_count == 2
    assert [(p.id, p.statement, p.waiting_on) for p in ready.pending] == [
        (outbound, "Go outbound", ("Tomás Herrera",)),
        (lonely, "Lonely", ()),
    ]
    remove(plan, Kind.OBJECTIVE, lonely)
    _all_agree(plan)
    assert readiness(plan).ready


def test_a_plan_without_objectives_is_not_ready(plan: PlanFile) -> None:
    assert not readiness(plan).ready
    content, fp = _content()
    with pytest.raises(EditRefusedError, match="no objectives"):
        freeze_version(plan, content, fp, frozen_by="Facilitator")


def test_freezing_is_refused_until_everything_is_bought_in_or_a_reason_is_given(
    plan: PlanFile, small: tuple[int, int, int, int]
) -> None:
    content, fp = _content()
    before = _dump(plan.path)
    with pytest.raises(EditRefusedError, match=r"1 objective is not bought in yet \(“Go outbound”\)"):
        freeze_version(plan, content, fp, frozen_by="Facilitator")
    with pytest.raises(EditRefusedError, match="not bought in"):
        freeze_version(plan, content, fp, frozen_by="Facilitator", override_reason="   ")
    assert _dump(plan.path) == before

    created = freeze_version(
        plan,
        content,
        fp,
        frozen_by="Facilitator",
        override_reason=" Tomás is away; he agreed by phone. ",
        at=T0,
    )
    assert created.kind is Kind.VERSION
    (version,) = read_signoff(plan).versions
    assert (version.number, version.frozen_at, version.frozen_by) == (1, T0, "Facilitator")
    assert version.override_reason == "Tomás is away; he agreed by phone."
    assert (version.content, version.fingerprint) == (content, fp)


def test_a_bought_in_plan_freezes_without_a_reason(plan: PlanFile, small: tuple[int, int, int, int]) -> None:
    _all_agree(plan)
    content, fp = _content()
    freeze_version(plan, content, fp, frozen_by="Facilitator")
    view = read_signoff(plan)
    assert view.locked
    assert view.current.override_reason is None  # type: ignore[union-attr]
    assert hashlib.sha256(view.current.content.encode("utf-8")).hexdigest() == view.current.fingerprint  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("content", "fp", "by", "message"),
    [
        ("not json", None, "F", "not valid JSON"),
        ("[1,2]", None, "F", "JSON object"),
        ('{"a":1}', "abc", "F", "SHA-256 in hex"),
        ('{"a":1}', "0" * 64, "F", "does not match"),
        ('{"a":1}', None, "  ", "Frozen by cannot be blank"),
    ],
)
def test_bad_frozen_content_is_refused(
    plan: PlanFile, small: tuple[int, int, int, int], content: str, fp: str | None, by: str, message: str
) -> None:
    fp = fp or hashlib.sha256(content.encode()).hexdigest()
    with pytest.raises(EditRefusedError, match=message):
        freeze_version(plan, content, fp, frozen_by=by, override_reason="ok")
    assert read_signoff(plan).versions == ()


def test_undoing_a_freeze_unlocks_until_someone_signs(
    plan: PlanFile, small: tuple[int, int, int, int]
) -> None:
    maya, *_ = small
    version = _freeze(plan)
    removed = remove(plan, Kind.VERSION, version)
    assert not read_signoff(plan).locked
    add_team(plan, "RevOps")  # editable again
    restore(plan, removed)  # redo
    assert read_signoff(plan).locked_version_id == version
    sign(plan, version, maya, "MO", at=T0)
    with pytest.raises(EditRefusedError, match="has been signed, so freezing it cannot be undone"):
        remove(plan, Kind.VERSION, version)
    assert read_signoff(plan).locked


def test_freezing_twice_is_refused_until_re_opened(plan: PlanFile, small: tuple[int, int, int, int]) -> None:
    _freeze(plan)
    with pytest.raises(EditRefusedError, match="frozen as version 1 already"):
        _freeze(plan)


# --- Signing ---------------------------------------------------------------------------------------


def test_each_leader_signs_once_with_initials(plan: PlanFile, small: tuple[int, int, int, int]) -> None:
    maya, tomas, priya, _ = small
    version = _freeze(plan)
    assert read_signoff(plan).unsigned_leader_ids == (maya, tomas, priya)
    created = sign(plan, version, maya, " M.O. ", at=T0)
    assert created.kind is Kind.SIGNATURE
    sign(plan, version, priya, "PR", at=T0 + MINUTE)
    view = read_signoff(plan)
    assert [(s.leader_name, s.initials, s.signed_at) for s in view.current.signatures] == [  # type: ignore[union-attr]
        ("Maya Okafor", "M.O.", T0),
        ("Priya Raman", "PR", T0 + MINUTE),
    ]
    assert view.unsigned_leader_ids == (tomas,)
    assert not view.signed_by_all
    with pytest.raises(EditRefusedError, match="Maya Okafor has signed version 1 already"):
        sign(plan, version, maya, "MO")
    sign(plan, version, tomas, "TH")
    assert read_signoff(plan).signed_by_all


@pytest.mark.parametrize(
    ("initials", "message"),
    [
        ("", "Type your initials"),
        ("   ", "Type your initials"),
        ("ABCDEF", "one to 5"),
        ("M O", "one to 5"),
        ("1A", "one to 5"),
    ],
)
def test_bad_initials_are_refused(
    plan: PlanFile, small: tuple[int, int, int, int], initials: str, message: str
) -> None:
    maya, *_ = small
    version = _freeze(plan)
    with pytest.raises(EditRefusedError, match=message):
        sign(plan, version, maya, initials)
    assert read_signoff(plan).current.signatures == ()  # type: ignore[union-attr]


def test_initials_in_any_script_are_taken(plan: PlanFile, small: tuple[int, int, int, int]) -> None:
    maya, tomas, priya, _ = small
    update_fields(plan, Kind.LEADER, maya, {"initials": "ÉÖ"})
    update_fields(plan, Kind.LEADER, priya, {"initials": "ПР"})
    version = _freeze(plan)
    sign(plan, version, maya, "E\u0301O\u0308")  # typed with combining accents, as some keyboards do
    sign(plan, version, tomas, "T-H")
    sign(plan, version, priya, "пр")
    view = read_signoff(plan)
    assert view.signed_by_all
    assert view.current.signatures[0].initials == "ÉÖ"  # type: ignore[union-attr]


def test_a_signature_is_final_once_every_leader_signed_and_a_reopening_stays(
    plan: PlanFile, small: tuple[int, int, int, int]
) -> None:
    maya, tomas, priya, _ = small
    version = _freeze(plan)
    signatures = [sign(plan, version, p, i) for p, i in ((maya, "MO"), (tomas, "TH"), (priya, "PR"))]
    with pytest.raises(
        EditRefusedError, match="Every leader has signed version 1, so its signatures are final"
    ):
        remove(plan, Kind.SIGNATURE, signatures[0].id)
    reopening = reopen(plan, "Facilitator", "Fix a typo.")
    with pytest.raises(EditRefusedError, match="stays"):
        remove(plan, Kind.REOPENING, reopening.id)


def test_an_old_or_re_opened_version_cannot_be_signed(
    plan: PlanFile, small: tuple[int, int, int, int]
) -> None:
    maya, tomas, _priya, _ = small
    first = _freeze(plan)
    reopen(plan, "Facilitator", "New numbers.")
    with pytest.raises(EditRefusedError, match="Version 1 has been re-opened or superseded"):
        sign(plan, first, maya, "MO")
    second = _freeze(plan, title="Second")
    with pytest.raises(EditRefusedError, match="sign version 2"):
        sign(plan, first, tomas, "TH")
    sign(plan, second, maya, "MO")
    with pytest.raises(EditRefusedError, match="no longer exists"):
        sign(plan, 999, maya, "MO")
    with pytest.raises(EditRefusedError, match="leader no longer exists"):
        sign(plan, second, 999, "XX")


# --- Re-opening and the record ---------------------------------------------------------------------


def test_reopening_unlocks_records_who_when_why_and_keeps_every_version(
    plan: PlanFile, small: tuple[int, int, int, int]
) -> None:
    maya, tomas, priya, _ = small
    first = _freeze(plan)
    for leader, initials in ((maya, "MO"), (tomas, "TH"), (priya, "PR")):
        sign(plan, first, leader, initials, at=T0)
    with pytest.raises(PlanSignedError):
        add_team(plan, "RevOps")
    with pytest.raises(EditRefusedError, match="Reason cannot be blank"):
        reopen(plan, "Facilitator", " ")
    with pytest.raises(EditRefusedError, match="Re-opened by cannot be blank"):
        reopen(plan, "", "Why not")
    reopen(plan, "Maya Okafor", "The pod hires in Q2, not Q1.", at=T0 + MINUTE)
    assert not read_signoff(plan).locked
    assert read_signoff(plan).unsigned_leader_ids == (maya, tomas, priya)
    add_team(plan, "RevOps")  # editing works again
    with pytest.raises(EditRefusedError, match="open for editing already"):
        reopen(plan, "Maya Okafor", "Again")

    second = _freeze(plan, title="Second")
    view = read_signoff(plan)
    assert [v.number for v in view.versions] == [2, 1]
    assert view.locked_version_id == second
    old = view.versions[1]
    assert (old.reopening.by, old.reopening.at, old.reopening.reason) == (  # type: ignore[union-attr]
        "Maya Okafor",
        T0 + MINUTE,
        "The pod hires in Q2, not Q1.",
    )
    assert [s.initials for s in old.signatures] == ["MO", "TH", "PR"]
    assert not view.versions[0].reopened
    with pytest.raises(EditRefusedError, match="has been signed"):
        remove(plan, Kind.VERSION, first)


def test_a_re_opened_version_stays_even_unsigned(plan: PlanFile, small: tuple[int, int, int, int]) -> None:
    first = _freeze(plan)
    reopen(plan, "Facilitator", "Too early.")
    with pytest.raises(EditRefusedError, match="has been re-opened; it stays"):
        remove(plan, Kind.VERSION, first)
    second = _freeze(plan)
    remove(plan, Kind.VERSION, second)  # the latest, unsigned: its freeze is undone
    assert [v.number for v in read_signoff(plan).versions] == [1]


def test_signatures_outlive_the_leader_after_a_reopening(
    plan: PlanFile, small: tuple[int, int, int, int]
) -> None:
    maya, tomas, _priya, _ = small
    first = _freeze(plan)
    sign(plan, first, tomas, "TH", at=T0)
    reopen(plan, "Facilitator", "Tomás leaves.")
    remove(plan, Kind.LEADER, tomas)
    update_fields(plan, Kind.LEADER, maya, {"name": "Maya Okafor-Ross"})
    (version,) = read_signoff(plan).versions
    assert [(s.leader_name, s.initials) for s in version.signatures] == [("Tomás Herrera", "TH")]


def test_check_plan_reports_the_signed_version_and_a_tampered_one(
    plan: PlanFile, small: tuple[int, int, int, int]
) -> None:
    assert check_plan(plan.path).signed_version is None
    _freeze(plan)
    result = check_plan(plan.path)
    assert result.sound
    assert result.signed_version == 1
    with plan.engine.begin() as connection:  # tamper behind the app's back
        connection.exec_driver_sql('UPDATE plan_version SET content = \'{"title":"Forged"}\'')
    assert check_plan(plan.path).problems == (
        "Version 1 does not match its fingerprint: its frozen content was changed.",
    )


def test_the_signed_error_names_the_file_and_version(
    plan: PlanFile, small: tuple[int, int, int, int]
) -> None:
    _freeze(plan)
    with pytest.raises(PlanSignedError) as refused:
        add_team(plan, "RevOps")
    assert str(refused.value) == (
        "“plan.offsite” is signed (version 1), so it cannot be changed. Re-open it on the Sign-off screen to edit."
    )
    plain = translate_operational_error(Exception("offsite: plan is signed"), "x.offsite")
    assert isinstance(plain, PlanSignedError)
    assert str(plain).startswith("“x.offsite” is signed, so it cannot")


# --- The lock, through every kind of verb ----------------------------------------------------------


@dataclass(frozen=True)
class Ids:
    view: PlanView
    brainstorm: BrainstormView

    def team(self, name: str) -> int:
        return next(t.id for t in self.view.teams if t.name == name)

    def leader(self, name: str) -> int:
        return next(p.id for p in self.view.leaders if p.name.startswith(name))

    def objective(self, statement: str) -> int:
        return next(o.id for o in self.view.objectives if o.statement == statement)


Verb = Callable[[PlanFile, Ids], object]

#: A representative verb for every content table (and the generic verbs), each of which must refuse.
LOCKED_VERBS: dict[str, Verb] = {
    "plan details": lambda p, i: update_plan_details(p, venue="Elsewhere"),
    "team": lambda p, i: add_team(p, "RevOps 2"),
    "leader": lambda p, i: add_leader(p, "New Leader", "", i.team("Sales")),
    "company goal": lambda p, i: add_company_goal(p, "Grow faster"),
    "objective (typing path)": lambda p, i: add_objective(p, "New", [i.team("Sales")]),
    "objective teams": lambda p, i: set_objective_teams(p, i.objective("Go outbound"), [i.team("Marketing")]),
    "objective goals": lambda p, i: set_objective_goals(p, i.objective("Go outbound"), []),
    "metric": lambda p, i: add_metric(p, i.objective("Go outbound"), "More"),
    "stance": lambda p, i: record_stance(p, i.objective("Go outbound"), i.leader("Maya"), Stance.DECLINED),
    "why node": lambda p, i: bs.add_why_node(p, i.team("Sales"), "Why?"),
    "theme": lambda p, i: bs.add_theme(p, "New theme"),
    "theme link": lambda p, i: bs.unlink_from_theme(
        p, i.brainstorm.themes[0].id, i.brainstorm.themes[0].node_ids[0]
    ),
    "dismissal": lambda p, i: bs.dismiss_suggestion(p, i.brainstorm.nodes[0].uid, i.brainstorm.nodes[-1].uid),
    "team goal": lambda p, i: bs.add_team_goal(p, i.view.goals[0].id, "Another"),
    "funnel": lambda p, i: bs.set_funnel(p, i.brainstorm.funnels[0].company_goal_id, win_rate=31),
    "team switch": lambda p, i: bs.add_team_switch(p, i.team("Sales"), i.team("RevOps")),
    "switch item": lambda p, i: bs.add_switch_item(
        p, i.brainstorm.switches[0].id, SwitchSide.PLAYED, SwitchItemKind.GOAL, "More"
    ),
    "empathy note": lambda p, i: bs.set_empathy_note(
        p, i.brainstorm.switches[0].id, i.team("Sales"), "Changed."
    ),
    "candidate": lambda p, i: bs.add_candidate(p, "New idea", i.team("Sales"), Exercise.DIRECT),
    "candidate impact": lambda p, i: bs.set_impact(p, i.brainstorm.candidates[0].id, 1),
    "dot vote": lambda p, i: bs.vote(
        p, i.brainstorm.votes[0].leader_id, i.brainstorm.votes[0].candidate_id, 0
    ),
    "promotion": lambda p, i: bs.promote_candidate(
        p, next(c.id for c in i.brainstorm.candidates if c.objective_id is None and c.text.strip())
    ),
    "definition": lambda p, i: add_definition(p, "Churn"),
    "definition stance": lambda p, i: record_definition_stance(
        p, read_definitions(p)[0].id, i.leader("Maya"), Stance.DECLINED
    ),
    "overlap kept": lambda p, i: resolve_overlap(
        p,
        OverlapRule.SIMILAR_WORDING,
        i.objective("Go outbound"),
        i.objective("Fill the pipeline"),
        "kept",
        "x",
    ),
    "overlap merged (objective origin)": lambda p, i: resolve_overlap(
        p,
        OverlapRule.SHARED_METRIC_NAME,
        i.objective("Go outbound"),
        i.objective("Own the category"),
        "merged",
    ),
    "update_fields": lambda p, i: update_fields(
        p, Kind.DEFINITION, read_definitions(p)[0].id, {"term": "SQL"}
    ),
    "remove": lambda p, i: remove(p, Kind.METRIC, i.view.objectives[0].metrics[0].id),
    "remove cascading": lambda p, i: remove(p, Kind.LEADER, i.leader("Aiko")),
    "reorder": lambda p, i: reorder(p, Kind.OBJECTIVE, [o.id for o in reversed(i.view.objectives)]),
}


@pytest.mark.parametrize("verb", list(LOCKED_VERBS), ids=list(LOCKED_VERBS))
def test_a_signed_plan_refuses_every_kind_of_edit_and_stays_unchanged(demo_plan: PlanFile, verb: str) -> None:
    ids = Ids(read_plan(demo_plan), bs.read_brainstorm(demo_plan))
    version = _freeze(demo_plan)
    sign(demo_plan, version, ids.leader("Maya"), "MO", at=T0)
    before = _dump(demo_plan.path)
    with pytest.raises(PlanSignedError, match="is signed \\(version 2\\)"):  # the demo holds version 1
        LOCKED_VERBS[verb](demo_plan, ids)
    assert _dump(demo_plan.path) == before

    reopen(demo_plan, "Facilitator", "One more change.")
    LOCKED_VERBS[verb](demo_plan, ids)  # the very same edit goes through once re-opened


def test_restore_is_refused_while_signed(plan: PlanFile, small: tuple[int, int, int, int]) -> None:
    _maya, tomas, _priya, _ = small
    removed = remove(plan, Kind.LEADER, tomas)
    _freeze(plan)
    with pytest.raises(PlanSignedError):
        restore(plan, removed)


def test_the_survey_and_signing_stay_writable_while_signed(demo_plan: PlanFile) -> None:
    ids = Ids(read_plan(demo_plan), bs.read_brainstorm(demo_plan))
    version = _freeze(demo_plan)
    rate_alignment(demo_plan, ids.leader("Aiko"), 5, "Signed at last.")
    rate_alignment(demo_plan, ids.leader("Maya"), 4)
    sign(demo_plan, version, ids.leader("Aiko"), "AT")
    assert read_ratings(demo_plan).unrated_leader_ids == ()
    assert len(read_signoff(demo_plan).current.signatures) == 1  # type: ignore[union-attr]


def test_no_statement_behind_the_services_back_changes_a_signed_plan(demo_plan: PlanFile) -> None:
    """Not only the verbs: any DELETE, UPDATE or INSERT on any content table aborts while signed."""
    _freeze(demo_plan)
    before = _dump(demo_plan.path)
    connection = sqlite3.connect(demo_plan.path)
    tables = [name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    try:
        for table in content_tables(tables):
            (count,) = connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()
            statements = [f'INSERT INTO "{table}" DEFAULT VALUES']
            if count:
                column = connection.execute(f'SELECT * FROM "{table}"').description[0][0]
                statements += [f'DELETE FROM "{table}"', f'UPDATE "{table}" SET "{column}" = "{column}"']
            for statement in statements:
                with pytest.raises(sqlite3.IntegrityError, match="offsite: plan is signed"):
                    connection.execute(statement)
    finally:
        connection.rollback()
        connection.close()
    assert _dump(demo_plan.path) == before


def test_a_merge_is_refused_whole_on_a_signed_plan(demo_plan: PlanFile) -> None:
    ids = Ids(read_plan(demo_plan), bs.read_brainstorm(demo_plan))
    _freeze(demo_plan)
    before = _dump(demo_plan.path)
    with pytest.raises(PlanSignedError):
        resolve_overlap(
            demo_plan,
            OverlapRule.SAME_COMPANY_GOAL,
            ids.objective("Go outbound"),
            ids.objective("One funnel view"),
            ResolutionAction.MERGED,
        )
    assert _dump(demo_plan.path) == before
