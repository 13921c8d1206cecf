"""Plan data -> rows: the one writer that turns a plan's document into the rows of a plan file.

The document is the shape ``offsite.store.document.read`` produces and the interchange format
carries (``offsite.store.document.data`` declares it), already validated: references name uids the
document lists, parents come before their children. Uids are kept; each row's position is
re-derived from the order of its list. Each section has its own function, so that a merge can
later write one section's records through the same code.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from offsite.domain.drafting import Outcome
from offsite.domain.exercises import FUNNEL_INPUTS, Exercise, SmartCriterion, SwitchItemKind, SwitchSide
from offsite.domain.signoff import ResolutionAction
from offsite.domain.values import Stance
from offsite.store import revision
from offsite.store.document.columns import IdOf, columns_of
from offsite.store.document.data import Metric as MetricRecord
from offsite.store.document.data import Objective as ObjectiveRecord
from offsite.store.models import (
    AgendaDay,
    AgendaItem,
    Candidate,
    CompanyGoal,
    Definition,
    DefinitionStance,
    DismissedSuggestion,
    DotVote,
    Draft,
    DraftBase,
    EmpathyNote,
    Funnel,
    Leader,
    MergeRecord,
    Metric,
    Objective,
    ObjectiveGoal,
    ObjectiveOrigin,
    ObjectiveTeam,
    OverlapResolution,
    ParkingItem,
    Plan,
    PlanVersion,
    Reopening,
    Signature,
    SignatureWithdrawal,
    StanceRecord,
    SurveyRating,
    SwitchItem,
    Team,
    TeamGoal,
    TeamSwitch,
    Theme,
    ThemeLink,
    WhyNode,
)


def moment(value: str) -> dt.datetime:
    """A validated document's date and time as naive UTC, as the plan file stores it."""
    return dt.datetime.fromisoformat(value).astimezone(dt.UTC).replace(tzinfo=None)


def _day(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def _float(value: float | None) -> float | None:
    return None if value is None else float(value)


# --- One record's columns ------------------------------------------------------------------------------
# What a record of the document says, as its row's columns (without uid, position and the ids its
# references resolve to): the import writes whole plans with them, and a merge of a draft's items
# can write one record the same way.


def plan_columns(p: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "title": p["title"],
        "starts_on": _day(p["starts_on"]),
        "ends_on": _day(p["ends_on"]),
        "venue": p["venue"],
        "horizon": p["horizon"],
        "vision": p["vision"],
        "dot_budget": p["dot_budget"],
        "top_n": p["top_n"],
    }


def team_columns(t: Mapping[str, Any]) -> dict[str, Any]:
    return {"name": t["name"]}


def leader_columns(p: Mapping[str, Any]) -> dict[str, Any]:
    return {"name": p["name"], "title": p["title"], "initials": p["initials"]}


def company_goal_columns(g: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "statement": g["statement"],
        "baseline": _float(g["baseline"]),
        "target": _float(g["target"]),
        "unit": g["unit"],
        "due": _day(g["due"]),
    }


def objective_columns(o: Mapping[str, Any], id_of: IdOf) -> dict[str, Any]:
    return columns_of(ObjectiveRecord, o, id_of)


def metric_columns(m: Mapping[str, Any], id_of: IdOf) -> dict[str, Any]:
    return columns_of(MetricRecord, m, id_of)


# --- A whole plan ------------------------------------------------------------------------------------


def insert_document(session: Session, document: Mapping[str, Any]) -> None:
    """Add every row of a validated document, keeping uids and deriving positions from list order."""
    details = document["plan"]
    session.add(Plan(uid=details["uid"], **plan_columns(details)))
    teams = {
        t["uid"]: Team(uid=t["uid"], position=i, **team_columns(t)) for i, t in enumerate(document["teams"])
    }
    session.add_all(teams.values())
    session.flush()
    leaders = {
        p["uid"]: Leader(
            uid=p["uid"],
            team_id=None if p["team"] is None else teams[p["team"]].id,
            position=i,
            **leader_columns(p),
        )
        for i, p in enumerate(document["leaders"])
    }
    goals = {
        g["uid"]: CompanyGoal(uid=g["uid"], position=i, **company_goal_columns(g))
        for i, g in enumerate(document["company_goals"])
    }
    session.add_all([*leaders.values(), *goals.values()])
    session.flush()

    def id_of(target: str, uid: str | None) -> int | None:
        return None if uid is None else {"Leader": leaders}[target][uid].id

    objectives = {
        o["uid"]: Objective(uid=o["uid"], position=i, **objective_columns(o, id_of))
        for i, o in enumerate(document["objectives"])
    }
    session.add_all(objectives.values())
    session.flush()

    team_links: list[dict[str, int]] = []
    goal_links: list[dict[str, int]] = []
    metric_position = 0
    for o in document["objectives"]:
        objective_id = objectives[o["uid"]].id
        team_links += [{"objective_id": objective_id, "team_id": teams[uid].id} for uid in o["teams"]]
        goal_links += [{"objective_id": objective_id, "goal_id": goals[uid].id} for uid in o["company_goals"]]
        for m in o["metrics"]:
            session.add(
                Metric(
                    uid=m["uid"],
                    objective_id=objective_id,
                    position=metric_position,  # one sequence across the table, as the services number them
                    **metric_columns(m, id_of),
                )
            )
            metric_position += 1
        for position, g in enumerate(o["merged_from"]):
            session.add(
                ObjectiveOrigin(
                    uid=g["uid"],
                    objective_id=objective_id,
                    origin_uid=g["origin_uid"],
                    label=g["label"],
                    origin_candidate_uid=g["origin_candidate_uid"],
                    origin_label=g["origin_label"],
                    position=position,
                )
            )
    if team_links:
        session.execute(insert(ObjectiveTeam), team_links)
    if goal_links:
        session.execute(insert(ObjectiveGoal), goal_links)
    # Added one by one, in history order, so ids ascend with the list: the last listed stays current.
    for r in document["buy_in"]:
        session.add(
            StanceRecord(
                uid=r["uid"],
                objective_id=objectives[r["objective"]].id,
                leader_id=leaders[r["leader"]].id,
                stance=Stance(r["stance"]).value,
                comment=r["comment"],
                recorded_at=moment(r["recorded_at"]),
            )
        )
    session.flush()
    team_id = {uid: t.id for uid, t in teams.items()}
    leader_id = {uid: p.id for uid, p in leaders.items()}
    insert_brainstorm(session, document, team_id, leader_id, {uid: g.id for uid, g in goals.items()})
    insert_drafting(session, document["drafting"])  # content: in before a version may lock the plan
    insert_signoff(session, document, team_id, leader_id)
    insert_agenda(session, document["agenda"])
    if document["drafting"]["draft"] is not None:
        session.flush()
        revision.install(session.connection())  # a draft keeps counting its leader's edits


def insert_signoff(
    session: Session, document: Mapping[str, Any], team_id: Mapping[str, int], leader_id: Mapping[str, int]
) -> None:
    """Add the version 3 rows: every content row first, the versions last.

    A version without a reopening locks the plan the moment it is inserted, and the lock's
    triggers would then refuse every content row after it; so all content is flushed before the
    first version, and each version's reopening follows it.
    """
    for i, d in enumerate(document["definitions"]):
        definition = Definition(
            uid=d["uid"],
            term=d["term"],
            definition=d["definition"],
            team_id=None if d["team"] is None else team_id[d["team"]],
            position=i,
        )
        session.add(definition)
        session.flush()
        for r in d["stances"]:
            session.add(
                DefinitionStance(
                    uid=r["uid"],
                    definition_id=definition.id,
                    leader_id=leader_id[r["leader"]],
                    stance=Stance(r["stance"]).value,
                    comment=r["comment"],
                    recorded_at=moment(r["recorded_at"]),
                )
            )
            session.flush()  # ids ascend with the list: the last listed stays current
    for r in document["overlap_resolutions"]:
        session.add(
            OverlapResolution(
                uid=r["uid"],
                key=f"{r['rule']}:{r['first']}:{r['second']}",
                action=ResolutionAction(r["action"]).value,
                note=r["note"],
                resolved_at=moment(r["resolved_at"]),
                merged_objective_uid=r["merged_objective_uid"],
            )
        )
        session.flush()
    for r in document["survey"]:
        session.add(
            SurveyRating(
                uid=r["uid"],
                leader_id=leader_id[r["leader"]],
                rating=r["rating"],
                comment=r["comment"],
                rated_at=moment(r["rated_at"]),
            )
        )
    for index, p in enumerate(document["parking_lot"]):
        session.add(
            ParkingItem(
                uid=p["uid"],
                text=p["text"],
                raised_at=moment(p["raised_at"]),
                raised_in=p["raised_in"],
                position=index,
                resolved_at=None if p["resolved_at"] is None else moment(p["resolved_at"]),
                resolution=p["resolution"],
                candidate_uid=p["candidate_uid"],
            )
        )
    session.flush()  # the content is all in: from here on a version may lock the plan

    for v in document["versions"]:
        version = PlanVersion(
            uid=v["uid"],
            number=v["number"],
            frozen_at=moment(v["frozen_at"]),
            frozen_by=v["frozen_by"],
            content=v["content"],
            fingerprint=v["fingerprint"],
            override_reason=v["override_reason"],
        )
        session.add(version)
        session.flush()
        for g in v["signatures"]:
            session.add(
                Signature(
                    uid=g["uid"],
                    version_id=version.id,
                    leader_uid=g["leader_uid"],
                    leader_name=g["leader_name"],
                    initials=g["initials"],
                    signed_at=moment(g["signed_at"]),
                    signed_by=g["signed_by"],
                    behalf_reason=g["behalf_reason"],
                )
            )
            session.flush()
        for w in v["withdrawals"]:
            session.add(
                SignatureWithdrawal(
                    uid=w["uid"],
                    version_id=version.id,
                    signature_uid=w["signature_uid"],
                    leader_uid=w["leader_uid"],
                    leader_name=w["leader_name"],
                    initials=w["initials"],
                    signed_at=moment(w["signed_at"]),
                    signed_by=w["signed_by"],
                    behalf_reason=w["behalf_reason"],
                    withdrawn_at=moment(w["withdrawn_at"]),
                )
            )
            session.flush()
        r = v["reopening"]
        if r is not None:
            session.add(
                Reopening(
                    uid=r["uid"],
                    version_id=version.id,
                    by=r["by"],
                    at=moment(r["at"]),
                    reason=r["reason"],
                )
            )
            session.flush()


def _sibling_position(counters: dict[Any, int], key: Any) -> int:
    """The next position among the rows sharing ``key``, in list order."""
    position = counters[key] = counters.get(key, -1) + 1
    return position


def insert_brainstorm(
    session: Session,
    document: Mapping[str, Any],
    team_id: Mapping[str, int],
    leader_id: Mapping[str, int],
    goal_id: Mapping[str, int],
) -> None:
    """Add the brainstorm rows; parents come before their answers in the lists, so each finds its id."""
    counters: dict[Any, int] = {}
    node_id: dict[str, int] = {}
    for n in document["why_chains"]:
        parent = None if n["parent"] is None else node_id[n["parent"]]
        node = WhyNode(
            uid=n["uid"],
            team_id=team_id[n["team"]],
            parent_id=parent,
            text=n["text"],
            position=_sibling_position(counters, ("why", n["team"] if parent is None else None, parent)),
        )
        session.add(node)
        session.flush()
        node_id[n["uid"]] = node.id

    themes = [Theme(uid=t["uid"], name=t["name"], position=i) for i, t in enumerate(document["themes"])]
    session.add_all(themes)
    session.flush()
    theme_links = [
        {"theme_id": theme.id, "node_id": node_id[uid]}
        for theme, t in zip(themes, document["themes"], strict=True)
        for uid in t["nodes"]
    ]
    if theme_links:
        session.execute(insert(ThemeLink), theme_links)
    for d in document["dismissed_suggestions"]:
        session.add(DismissedSuggestion(uid=d["uid"], first_uid=d["first"], second_uid=d["second"]))
        session.flush()  # ids ascend with the list, which is the order they are shown in

    team_goal_id: dict[str, int] = {}
    for g in document["team_goals"]:
        parent = None if g["parent"] is None else team_goal_id[g["parent"]]
        goal = TeamGoal(
            uid=g["uid"],
            company_goal_id=goal_id[g["company_goal"]],
            parent_id=parent,
            team_id=None if g["team"] is None else team_id[g["team"]],
            statement=g["statement"],
            target=_float(g["target"]),
            unit=g["unit"],
            position=_sibling_position(
                counters, ("goal", g["company_goal"] if parent is None else None, parent)
            ),
        )
        session.add(goal)
        session.flush()
        team_goal_id[g["uid"]] = goal.id

    for f in document["funnels"]:
        session.add(
            Funnel(
                uid=f["uid"],
                company_goal_id=goal_id[f["company_goal"]],
                **{name: _float(f[name]) for name in FUNNEL_INPUTS},
                quarters=json.dumps(f["quarters"], ensure_ascii=False),
                weights=None if f["weights"] is None else json.dumps([float(w) for w in f["weights"]]),
            )
        )

    for i, w in enumerate(document["team_switches"]):
        switch = TeamSwitch(
            uid=w["uid"],
            player_team_id=team_id[w["player_team"]],
            played_team_id=team_id[w["played_team"]],
            prepare_minutes=w["prepare_minutes"],
            present_minutes=w["present_minutes"],
            position=i,
        )
        session.add(switch)
        session.flush()
        for item in w["items"]:
            session.add(
                SwitchItem(
                    uid=item["uid"],
                    switch_id=switch.id,
                    side=SwitchSide(item["side"]).value,
                    kind=SwitchItemKind(item["kind"]).value,
                    text=item["text"],
                    position=_sibling_position(counters, ("item", switch.id, item["side"])),
                )
            )
            session.flush()  # ids ascend with the list: they break ties between the two sides
        for note in w["empathy_notes"]:
            session.add(
                EmpathyNote(
                    uid=note["uid"], switch_id=switch.id, team_id=team_id[note["team"]], text=note["text"]
                )
            )
            session.flush()

    candidates = []
    for i, c in enumerate(document["candidates"]):
        smart: dict[str, Any] = {}
        for k in SmartCriterion:
            smart[f"smart_{k.value}"] = c["smart"][k.value]["value"]
            smart[f"smart_{k.value}_note"] = c["smart"][k.value]["note"]
        candidates.append(
            Candidate(
                uid=c["uid"],
                team_id=None if c["team"] is None else team_id[c["team"]],
                text=c["text"],
                exercise=Exercise(c["exercise"]).value,
                origin_uid=c["origin_uid"],
                origin_label=c["origin_label"],
                impact=c["impact"],
                position=i,
                shortlisted=c["shortlisted"],
                **smart,
            )
        )
    session.add_all(candidates)
    session.flush()
    candidate_id = {c.uid: c.id for c in candidates}
    votes = [
        {"leader_id": leader_id[v["leader"]], "candidate_id": candidate_id[v["candidate"]], "dots": v["dots"]}
        for v in document["votes"]
    ]
    if votes:
        session.execute(insert(DotVote), votes)
    session.flush()


def insert_agenda(session: Session, section: Mapping[str, Any]) -> None:
    """Add the agenda's items (positions from list order) and its day (process rows: never locked)."""
    for index, item in enumerate(section["items"]):
        session.add(
            AgendaItem(
                uid=item["uid"],
                title=item["title"],
                minutes=item["minutes"],
                view=item["view"],
                position=index,
            )
        )
    day = section["day"]
    started = day["item_started_at"]
    session.add(
        AgendaDay(
            starts_at=day["starts_at"],
            current_item_uid=day["current_item_uid"],
            item_started_at=None if started is None else moment(started),
        )
    )
    session.flush()


def insert_drafting(session: Session, section: Mapping[str, Any]) -> None:
    """Add the draft marking with its bases, and the merge records in list order (their ids break ties)."""
    draft = section["draft"]
    if draft is not None:
        session.add(
            Draft(
                uid=draft["uid"],
                plan_uid=draft["plan_uid"],
                plan_title=draft["plan_title"],
                leader_uid=draft["leader_uid"],
                leader_name=draft["leader_name"],
                made_at=moment(draft["made_at"]),
                revision=draft["revision"],
            )
        )
        bases = [{"item_key": b["item_key"], "fingerprint": b["fingerprint"]} for b in draft["bases"]]
        if bases:
            session.execute(insert(DraftBase), bases)
    records = [
        {
            "uid": r["uid"],
            "draft_uid": r["draft_uid"],
            "item_key": r["item_key"],
            "section": r["section"],
            "action": Outcome(r["action"]).value,
            "leader_uid": r["leader_uid"],
            "leader_name": r["leader_name"],
            "draft_name": r["draft_name"],
            "merged_at": moment(r["merged_at"]),
            "draft_fingerprint": r["draft_fingerprint"],
            "plan_fingerprint": r["plan_fingerprint"],
            "draft_revision": r["draft_revision"],
        }
        for r in section["merges"]
    ]
    if records:
        session.execute(insert(MergeRecord), records)
    session.flush()
