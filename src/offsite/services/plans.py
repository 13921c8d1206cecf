"""Creating, opening, reading and checking whole plans."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from sqlalchemy import select

from offsite.domain.errors import NotAPlanError
from offsite.domain.exercises import Exercise, SwitchItemKind, SwitchSide
from offsite.domain.signoff import ResolutionAction
from offsite.domain.values import (
    CompanyGoalView,
    Direction,
    LeaderView,
    MetricView,
    ObjectiveOriginView,
    ObjectiveView,
    PlanDetails,
    PlanView,
    Stance,
    StanceEvent,
    TeamView,
)

# PlanFile, the handle of an open plan, and save_copy (File ▸ Save As) are named here for the
# layers above: the GUI reaches the store only through services.
from offsite.store import PlanFile as PlanFile
from offsite.store import create_plan_file, open_plan_file
from offsite.store.fileformat import read_header
from offsite.store.lock import LOCKED_VERSION_QUERY, OPERATIONS, content_tables, trigger_name
from offsite.store.models import (
    CompanyGoal,
    Leader,
    Metric,
    Objective,
    ObjectiveGoal,
    ObjectiveOrigin,
    ObjectiveTeam,
    Plan,
    StanceRecord,
    Team,
)
from offsite.store.planfile import connect_readonly
from offsite.store.schema import read_schema, schema_differences, summary
from offsite.store.snapshot import save_copy as save_copy


def create_plan(path: Path | str, title: str = "Untitled offsite") -> PlanFile:
    """Create a new plan file holding just its details; refuses to overwrite a file."""

    def fill(plan: PlanFile) -> None:
        with plan.write() as session:
            session.add(Plan(title=title, venue="", horizon="", vision=""))

    return create_plan_file(path, fill)


def open_plan(path: Path | str, *, readonly: bool = False) -> PlanFile:
    """Open a plan for editing (or reading); raises NotAPlanError / PlanTooNewError untouched."""
    return open_plan_file(path, readonly=readonly)


def read_plan(plan: PlanFile) -> PlanView:
    """Everything in the plan as frozen values, from one consistent snapshot."""
    with plan.read() as s:
        details_row = s.scalars(select(Plan).limit(1)).first()
        details = PlanDetails(
            title=details_row.title if details_row else "",
            starts_on=details_row.starts_on if details_row else None,
            ends_on=details_row.ends_on if details_row else None,
            venue=details_row.venue if details_row else "",
            horizon=details_row.horizon if details_row else "",
            vision=details_row.vision if details_row else "",
            id=details_row.id if details_row else 0,
        )
        teams = tuple(
            TeamView(t.id, t.name) for t in s.scalars(select(Team).order_by(Team.position, Team.id))
        )
        team_order = {t.id: i for i, t in enumerate(teams)}
        leaders = tuple(
            LeaderView(p.id, p.name, p.title, p.team_id, p.uid, p.initials)
            for p in s.scalars(select(Leader).order_by(Leader.position, Leader.id))
        )
        goals = tuple(
            CompanyGoalView(g.id, g.statement, g.baseline, g.target, g.unit, g.due)
            for g in s.scalars(select(CompanyGoal).order_by(CompanyGoal.position, CompanyGoal.id))
        )
        goal_order = {g.id: i for i, g in enumerate(goals)}
        team_links: dict[int, list[int]] = defaultdict(list)
        for objective_id, team_id in s.execute(select(ObjectiveTeam.objective_id, ObjectiveTeam.team_id)):
            team_links[objective_id].append(team_id)
        goal_links: dict[int, list[int]] = defaultdict(list)
        for objective_id, goal_id in s.execute(select(ObjectiveGoal.objective_id, ObjectiveGoal.goal_id)):
            goal_links[objective_id].append(goal_id)
        metrics: dict[int, list[MetricView]] = defaultdict(list)
        for m in s.scalars(select(Metric).order_by(Metric.position, Metric.id)):
            metrics[m.objective_id].append(
                MetricView(
                    m.id,
                    m.objective_id,
                    m.name,
                    m.unit,
                    m.baseline,
                    m.target,
                    _known(Direction, m.direction, "metric direction", plan),
                    m.due,
                    m.data_source,
                    m.customer_centric,
                    m.shared,
                )
            )
        merged_from: dict[int, list[ObjectiveOriginView]] = defaultdict(list)
        for origin in s.scalars(
            select(ObjectiveOrigin).order_by(ObjectiveOrigin.position, ObjectiveOrigin.id)
        ):
            merged_from[origin.objective_id].append(
                ObjectiveOriginView(
                    origin.origin_uid, origin.label, origin.origin_candidate_uid, origin.origin_label
                )
            )
        objectives = tuple(
            ObjectiveView(
                o.id,
                o.statement,
                o.period,
                o.method,
                tuple(sorted(team_links[o.id], key=lambda i: team_order.get(i, 0))),
                tuple(sorted(goal_links[o.id], key=lambda i: goal_order.get(i, 0))),
                tuple(metrics[o.id]),
                o.origin_candidate_uid,
                o.origin_label,
                tuple(merged_from[o.id]),
                o.uid,
            )
            for o in s.scalars(select(Objective).order_by(Objective.position, Objective.id))
        )
        stances = tuple(
            StanceEvent(
                r.id,
                r.objective_id,
                r.leader_id,
                _known(Stance, r.stance, "buy-in stance", plan),
                r.comment,
                r.recorded_at,
            )
            for r in s.scalars(select(StanceRecord).order_by(StanceRecord.id))
        )
    return PlanView(details, teams, leaders, goals, objectives, stances)


_E = TypeVar("_E", Stance, Direction)


def _known(kind: type[_E], value: str, what: str, plan: PlanFile) -> _E:
    """The enum member for a stored value; a value this version does not know means a damaged file."""
    try:
        return kind(value)
    except ValueError:
        raise NotAPlanError(
            f"“{plan.name}” holds a {what} Offsite does not know (“{value}”), so it may be damaged. "
            f"Run “offsite check {plan.name}” to list its problems."
        ) from None


@dataclass(frozen=True, slots=True)
class CheckResult:
    problems: tuple[str, ...]
    #: The number of the version that locks the plan (signed or awaiting signatures); None when open.
    signed_version: int | None = None
    #: For a leader's draft, whose draft of which plan it is (“Maya Okafor’s draft of “…””); else "".
    draft_of: str = ""

    @property
    def sound(self) -> bool:
        return not self.problems


def check_plan(path: Path | str) -> CheckResult:
    """Inspect a plan without changing it.

    Returns the problems found (none for a sound plan). Raises NotAPlanError or PlanTooNewError
    when the file is no plan, or one this version cannot read.
    """
    path = Path(path)
    header = read_header(path)
    problems: list[str] = []
    signed_version: int | None = None
    draft_of = ""
    connection = connect_readonly(path)
    try:
        try:
            integrity = [row[0] for row in connection.execute("PRAGMA integrity_check")]
            altered = schema_differences(read_schema(connection), header.schema_version)
        except sqlite3.DatabaseError as error:
            raise NotAPlanError(
                f"“{path.name}” is damaged and cannot be read ({error}). Open an earlier copy instead."
            ) from error
        if integrity != ["ok"]:
            problems += [f"Storage: {line}" for line in integrity]
        if altered:
            # Nothing more is read: the file's own triggers and views are not Offsite's to run.
            problems.append(
                f"Structure: the file was altered outside Offsite; it has {summary(altered, most=len(altered))}."
            )
            return CheckResult(tuple(problems), None, "")
        for table, rowid, parent, _ in connection.execute("PRAGMA foreign_key_check"):
            problems.append(f"A {table} row (#{rowid}) points at a missing {parent}.")
        plans = connection.execute("SELECT count(*) FROM plan").fetchone()[0]
        if plans != 1:
            problems.append(f"The file should hold exactly one plan record; it holds {plans}.")
        valid_stances = {s.value for s in Stance}
        for (stance,) in connection.execute("SELECT DISTINCT stance FROM stance_record"):
            if stance not in valid_stances:
                problems.append(f"Unknown buy-in stance “{stance}”.")
        for (direction,) in connection.execute("SELECT DISTINCT direction FROM metric"):
            if direction not in {d.value for d in Direction}:
                problems.append(f"Unknown metric direction “{direction}”.")
        for (_name,) in connection.execute("SELECT name FROM team WHERE trim(name) = ''"):
            problems.append("A team has no name.")
        if header.schema_version >= _BRAINSTORM_SCHEMA:
            problems += _brainstorm_problems(connection)
        if header.schema_version >= _SIGNOFF_SCHEMA:
            problems += _signoff_problems(connection)
            signed_version = connection.execute(LOCKED_VERSION_QUERY).fetchone()[0]
        if header.schema_version >= _DRAFTS_SCHEMA:
            problems += _drafting_problems(connection)
            draft_of = _draft_of(connection)
    except sqlite3.DatabaseError as error:
        problems.append(f"The plan could not be read completely: {error}.")
    finally:
        connection.close()
    return CheckResult(tuple(problems), signed_version, draft_of)


#: The first plan format with brainstorm tables; an older file is checked as it is, not upgraded.
_BRAINSTORM_SCHEMA = 2
#: The first plan format with definitions, overlap resolutions, versions, signatures and the survey.
_SIGNOFF_SCHEMA = 3


#: The first plan format that marks drafts and keeps merge records.
_DRAFTS_SCHEMA = 5


def _draft_of(connection: sqlite3.Connection) -> str:
    from offsite.services.draft_marking import DraftInfo

    row = connection.execute("SELECT leader_name, plan_title FROM draft ORDER BY id LIMIT 1").fetchone()
    if row is None:
        return ""
    return DraftInfo("", None, row[1], "", row[0], dt.datetime.min).label


def _drafting_problems(connection: sqlite3.Connection) -> list[str]:
    """A file marked as more than one draft, or a merge record no merge could have written."""
    from offsite.domain.drafting import Outcome

    problems: list[str] = []
    drafts = connection.execute("SELECT count(*) FROM draft").fetchone()[0]
    if drafts > 1:
        problems.append(f"The file is marked as {drafts} drafts; a draft is one leader's, marked once.")
    actions = {o.value for o in Outcome}
    for (action,) in connection.execute("SELECT DISTINCT action FROM merge_record"):
        if action not in actions:
            problems.append(f"A merge record holds an unknown outcome “{action}”.")
    return problems


def _signoff_problems(connection: sqlite3.Connection) -> list[str]:
    """What the sign-off tables hold that breaks their rules: a tampered version, a missing lock."""
    problems: list[str] = []
    valid_stances = {s.value for s in Stance}
    for (stance,) in connection.execute("SELECT DISTINCT stance FROM definition_stance"):
        if stance not in valid_stances:
            problems.append(f"Unknown definition stance “{stance}”.")
    for (action,) in connection.execute("SELECT DISTINCT action FROM overlap_resolution"):
        if action not in {a.value for a in ResolutionAction}:
            problems.append(f"Unknown overlap resolution “{action}”.")
    for number, content, fingerprint in connection.execute(
        "SELECT number, content, fingerprint FROM plan_version ORDER BY number"
    ):
        if hashlib.sha256(str(content).encode("utf-8", "surrogatepass")).hexdigest() != fingerprint:
            problems.append(
                f"Version {number} does not match its fingerprint: its frozen content was changed."
            )
    unlocked = connection.execute(
        "SELECT count(*) FROM plan_version AS v "
        "WHERE NOT EXISTS (SELECT 1 FROM reopening AS r WHERE r.version_id = v.id)"
    ).fetchone()[0]
    if unlocked > 1:
        problems.append(f"{unlocked} versions are frozen and none of them re-opened; only one can be.")
    present = {
        name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    }
    tables = [name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in content_tables(tables):
        if any(trigger_name(table, operation) not in present for operation in OPERATIONS):
            problems.append(f"The {table} table is not protected by the sign-off lock.")
    return problems


def _brainstorm_problems(connection: sqlite3.Connection) -> list[str]:
    """What the brainstorm tables hold that this version cannot show (unknown values, broken lists)."""
    problems: list[str] = []
    known = (
        ("candidate", "exercise", Exercise, "candidate origin"),
        ("switch_item", "side", SwitchSide, "team switch side"),
        ("switch_item", "kind", SwitchItemKind, "team switch item kind"),
    )
    for table, column, enum, what in known:
        for (value,) in connection.execute(f"SELECT DISTINCT {column} FROM {table}"):
            if value not in {member.value for member in enum}:
                problems.append(f"Unknown {what} “{value}”.")
    for (impact,) in connection.execute(
        "SELECT DISTINCT impact FROM candidate WHERE impact IS NOT NULL AND impact NOT BETWEEN 1 AND 5"
    ):
        problems.append(f"A candidate's impact is {impact}; it should be from 1 to 5.")
    for (dots,) in connection.execute("SELECT DISTINCT dots FROM dot_vote WHERE dots < 1"):
        problems.append(f"A dot vote holds {dots} dots; it should hold at least one.")
    for funnel_id, quarters, weights in connection.execute("SELECT id, quarters, weights FROM funnel"):
        try:
            labels = json.loads(quarters)
            shares = None if weights is None else json.loads(weights)
        except ValueError:
            problems.append(f"The reverse funnel #{funnel_id} has quarters or weights that cannot be read.")
            continue
        if not isinstance(labels, list) or not all(isinstance(q, str) for q in labels):
            problems.append(f"The reverse funnel #{funnel_id} has quarters that are not a list of labels.")
        elif shares is not None and (
            not isinstance(shares, list)
            or len(shares) != len(labels)
            or not all(isinstance(w, int | float) and not isinstance(w, bool) for w in shares)
        ):
            problems.append(f"The reverse funnel #{funnel_id} does not have one weight per quarter.")
    return problems
