"""The merge's rows writer: a draft item (``domain.drafting.Item``) made into the plan's rows, and taken out.

This is the one place the drafts code turns plan data into rows (a pack's copy of the plan,
a merge's accepted items). Its interface is narrow on purpose: it is to fold into the plan's one
rows <-> data mapping, ``store/document/write.py``, which the import and next cycle use too:

- ``Ids``: uid -> local id of the plan's rows, kept current as rows are written;
- ``write_item(session, ids, item)``: the plan holds the item as given (inserted or updated);
- ``remove_item(session, ids, item)``: the item's row is gone, with what depends on it;
- ``row_key(session, ids, item)``: where the item's row is now (for undo's image of the rows);
- ``plan_row(details)``: the plan's details row, as a draft pack copies it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from offsite.domain.drafting import Item
from offsite.domain.errors import MergeRefusedError
from offsite.domain.exercises import FUNNEL_INPUTS, SmartCriterion
from offsite.domain.language import translate
from offsite.domain.values import Kind
from offsite.services.changes import MODELS
from offsite.store.document import data
from offsite.store.document import registry as tables
from offsite.store.document.columns import columns_of
from offsite.store.document.write import (
    company_goal_columns,
    leader_columns,
    metric_columns,
    objective_columns,
    plan_columns,
    team_columns,
)

#: The kind of row each section of a draft is written to (its model in ``services.changes.MODELS``).
SECTION_KIND: dict[str, Kind] = {
    "teams": Kind.TEAM,
    "leaders": Kind.LEADER,
    "company_goals": Kind.GOAL,
    "objectives": Kind.OBJECTIVE,
    "buy_in": Kind.STANCE,
    "definitions": Kind.DEFINITION,
    "definition_stances": Kind.DEFINITION_STANCE,
    "agreements": Kind.AGREEMENT,
    "agreement_stances": Kind.AGREEMENT_STANCE,
    "why_chains": Kind.WHY_NODE,
    "themes": Kind.THEME,
    "team_goals": Kind.TEAM_GOAL,
    "funnels": Kind.FUNNEL,
    "team_switches": Kind.SWITCH,
    "candidates": Kind.CANDIDATE,
    "parking_lot": Kind.PARKED,
}

#: The table of the rows a reference names (``Ref.target``, a record of ``store.document.data``).
_TARGETS: dict[str, type] = {
    "Leader": tables.Leader,
    "Team": tables.Team,
    "Metric": tables.Metric,
    "Definition": tables.Definition,
    "Objective": tables.Objective,
}

#: Where a vote's row is: (leader id, candidate id); every other item's row is its id.
RowKey = int | tuple[int, int]


class Ids:
    """uid → local id of the plan's rows, read once per table and kept current as rows are written."""

    def __init__(self, s: Session) -> None:
        self._s = s
        self._maps: dict[type, dict[str, int]] = {}

    def _map(self, model: type) -> dict[str, int]:
        if model not in self._maps:
            self._maps[model] = {uid: i for i, uid in self._s.execute(select(model.id, model.uid))}  # type: ignore[attr-defined]
        return self._maps[model]

    def get(self, model: type, uid: str | None) -> int | None:
        return None if uid is None else self._map(model).get(uid)

    def need(self, model: type, uid: str | None) -> int | None:
        """As ``get``, but a uid the plan does not hold refuses the merge (nothing is written)."""
        if uid is None:
            return None
        found = self.get(model, uid)
        if found is None:
            raise MergeRefusedError(
                translate(
                    "DraftMerge",
                    "An item of the draft needs something the plan does not hold; preview the drafts again.",
                )
            )
        return found

    def forget(self, model: type, uid: str) -> None:
        self._map(model).pop(uid, None)

    def learn(self, model: type, uid: str, row_id: int) -> None:
        self._map(model)[uid] = row_id


def row_key(s: Session, ids: Ids, item: Item) -> RowKey | None:
    """Where ``item``'s row is in the plan now (None: not there): its id, or a vote's leader and candidate."""
    if item.section == "votes":
        return _vote(ids, item.content)
    if item.section == "funnels":
        goal = ids.get(tables.CompanyGoal, item.content["company_goal"])
        return (
            None
            if goal is None
            else s.scalar(select(tables.Funnel.id).where(tables.Funnel.company_goal_id == goal))
        )
    return ids.get(MODELS[SECTION_KIND[item.section]], item.key)


def remove_item(s: Session, ids: Ids, item: Item) -> None:
    """Take ``item``'s row out of the plan, and with it what depends on it (the tables cascade)."""
    # Removals come in merge order, parents first: a vote whose candidate (or leader) this merge
    # removed already went with it, and so may anything else: then there is nothing left to remove.
    key = row_key(s, ids, item)
    if key is None:
        return
    if isinstance(key, tuple):
        leader, candidate = key
        s.execute(
            delete(tables.DotVote).where(
                tables.DotVote.leader_id == leader, tables.DotVote.candidate_id == candidate
            )
        )
        return
    model = MODELS[SECTION_KIND[item.section]]
    s.execute(delete(model).where(model.id == key))  # type: ignore[attr-defined]
    ids.forget(model, item.uid)


def plan_row(details: Mapping[str, Any]) -> tables.Plan:
    """The plan's details row (title, dates, venue, vision, dots) as the document gives them."""
    return tables.Plan(uid=details["uid"], **plan_columns(details))


def _vote(ids: Ids, content: Mapping[str, Any]) -> tuple[int, int] | None:
    leader, candidate = (
        ids.get(tables.Leader, content["leader"]),
        ids.get(tables.Candidate, content["candidate"]),
    )
    return None if leader is None or candidate is None else (leader, candidate)


def _day(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def _moment(value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    return dt.datetime.fromisoformat(value).astimezone(dt.UTC).replace(tzinfo=None)


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def _upsert(s: Session, ids: Ids, model: type, uid: str, values: Mapping[str, Any]) -> int:
    """Update the row ``uid`` with ``values``, or insert it at the end; returns its id."""
    row_id = ids.get(model, uid)
    if row_id is not None:
        s.execute(update(model).where(model.id == row_id).values(**values))  # type: ignore[attr-defined]
        return row_id
    extra = {}
    if "position" in model.__table__.c:  # type: ignore[attr-defined]
        extra["position"] = int(s.scalar(select(func.coalesce(func.max(model.position), -1))) or 0) + 1  # type: ignore[attr-defined]
    new_id: int = s.execute(insert(model).values(uid=uid, **values, **extra).returning(model.id)).scalar_one()  # type: ignore[attr-defined]
    ids.learn(model, uid, new_id)
    return new_id


def _sync_parts(
    s: Session, model: type, parent_column: str, parent_id: int, parts: Sequence[Mapping[str, Any]]
) -> None:
    """Make the parent's parts (metrics, switch items, empathy notes) those listed, in that order, by uid."""
    column = getattr(model, parent_column)
    existing = {uid: i for i, uid in s.execute(select(model.id, model.uid).where(column == parent_id))}  # type: ignore[attr-defined]
    wanted = {p["uid"] for p in parts}
    gone = [i for uid, i in existing.items() if uid not in wanted]
    if gone:
        s.execute(delete(model).where(model.id.in_(gone)))  # type: ignore[attr-defined]
    has_position = "position" in model.__table__.c  # type: ignore[attr-defined]
    for position, part in enumerate(parts):
        values = {k: v for k, v in part.items() if k != "uid"}
        if has_position:
            values["position"] = position
        if part["uid"] in existing:
            s.execute(update(model).where(model.id == existing[part["uid"]]).values(**values))  # type: ignore[attr-defined]
        else:
            # A part's uid is unique in the file: one moved from another parent moves here.
            s.execute(delete(model).where(model.uid == part["uid"]))  # type: ignore[attr-defined]
            s.execute(insert(model).values(uid=part["uid"], **{parent_column: parent_id}, **values))


def _links(
    s: Session, model: type, own: str, other: str, own_id: int, other_ids: Iterable[int | None]
) -> None:
    s.execute(delete(model).where(getattr(model, own) == own_id))
    rows = [{own: own_id, other: i} for i in dict.fromkeys(other_ids) if i is not None]
    if rows:
        s.execute(insert(model), rows)


def write_item(s: Session, ids: Ids, item: Item) -> None:
    """Make the plan hold ``item`` as given (inserted, or updated in place)."""
    c = item.content

    def id_of(target: str, uid: str | None) -> int | None:
        return ids.get(_TARGETS[target], uid)

    match item.section:
        case "teams":
            _upsert(s, ids, tables.Team, item.uid, team_columns(c))
        case "leaders":
            _upsert(
                s,
                ids,
                tables.Leader,
                item.uid,
                leader_columns(c, id_of),
            )
        case "company_goals":
            _upsert(s, ids, tables.CompanyGoal, item.uid, company_goal_columns(c))
        case "objectives":
            row = _upsert(s, ids, tables.Objective, item.uid, objective_columns(c, id_of))
            _links(
                s,
                tables.ObjectiveTeam,
                "objective_id",
                "team_id",
                row,
                (ids.get(tables.Team, t) for t in c["teams"]),
            )
            _links(
                s,
                tables.ObjectiveGoal,
                "objective_id",
                "goal_id",
                row,
                (ids.get(tables.CompanyGoal, g) for g in c["company_goals"]),
            )
            metrics = [{"uid": m["uid"], **metric_columns(m, id_of)} for m in c["metrics"]]
            _sync_parts(s, tables.Metric, "objective_id", row, metrics)
            _sync_parts(s, tables.ObjectiveOrigin, "objective_id", row, c.get("merged_from", ()))
        case "buy_in":
            _upsert(
                s,
                ids,
                tables.StanceRecord,
                item.uid,
                _stance(ids, c, "objective_id", tables.Objective, c["objective"]),
            )
        case "definitions":
            _upsert(
                s,
                ids,
                tables.Definition,
                item.uid,
                {
                    "term": c["term"],
                    "definition": c["definition"],
                    "team_id": ids.get(tables.Team, c.get("team")),
                },
            )
        case "definition_stances":
            values = _stance(ids, c, "definition_id", tables.Definition, c["definition"])
            _upsert(s, ids, tables.DefinitionStance, item.uid, values)
        case "agreements":
            # What it names must be in the plan by now (merged before it, or there already):
            # a metric gone meanwhile refuses the merge rather than being dropped from it.
            values = columns_of(data.Agreement, c, lambda target, uid: ids.need(_TARGETS[target], uid))
            _upsert(s, ids, tables.Agreement, item.uid, values)
        case "agreement_stances":
            values = _stance(ids, c, "agreement_id", tables.Agreement, c["agreement"])
            _upsert(s, ids, tables.AgreementStance, item.uid, values)
        case "why_chains":
            _upsert(
                s,
                ids,
                tables.WhyNode,
                item.uid,
                {
                    "team_id": ids.need(tables.Team, c["team"]),
                    "parent_id": ids.need(tables.WhyNode, c.get("parent")),
                    "text": c["text"],
                },
            )
        case "themes":
            row = _upsert(s, ids, tables.Theme, item.uid, {"name": c["name"]})
            _links(
                s,
                tables.ThemeLink,
                "theme_id",
                "node_id",
                row,
                (ids.get(tables.WhyNode, n) for n in c["nodes"]),
            )
        case "team_goals":
            _upsert(
                s,
                ids,
                tables.TeamGoal,
                item.uid,
                {
                    "company_goal_id": ids.need(tables.CompanyGoal, c["company_goal"]),
                    "parent_id": ids.need(tables.TeamGoal, c.get("parent")),
                    "team_id": ids.get(tables.Team, c.get("team")),
                    "statement": c["statement"],
                    "target": _float(c["target"]),
                    "unit": c["unit"],
                },
            )
        case "funnels":
            goal = ids.need(tables.CompanyGoal, c["company_goal"])
            values = {
                **{name: _float(c[name]) for name in FUNNEL_INPUTS},
                # Stored as ``set_funnel`` stores them: the document writes whole numbers as
                # integers (40), which the plan's reader would not take back as weights (40.0).
                "quarters": json.dumps(c["quarters"], ensure_ascii=False),
                "weights": None if c["weights"] is None else json.dumps([float(w) for w in c["weights"]]),
            }
            existing = s.scalar(select(tables.Funnel.id).where(tables.Funnel.company_goal_id == goal))
            if existing is not None:
                s.execute(update(tables.Funnel).where(tables.Funnel.id == existing).values(**values))
            else:
                s.execute(insert(tables.Funnel).values(uid=item.uid, company_goal_id=goal, **values))
        case "team_switches":
            row = _upsert(
                s,
                ids,
                tables.TeamSwitch,
                item.uid,
                {
                    "player_team_id": ids.need(tables.Team, c["player_team"]),
                    "played_team_id": ids.need(tables.Team, c["played_team"]),
                    "prepare_minutes": c["prepare_minutes"],
                    "present_minutes": c["present_minutes"],
                },
            )
            _sync_parts(s, tables.SwitchItem, "switch_id", row, c["items"])
            notes = [{**n, "team_id": ids.need(tables.Team, n["team"])} for n in c["empathy_notes"]]
            _sync_parts(
                s,
                tables.EmpathyNote,
                "switch_id",
                row,
                [{k: v for k, v in n.items() if k != "team"} for n in notes],
            )
        case "candidates":
            smart = {}
            for criterion in SmartCriterion:
                mark = c["smart"].get(criterion.value, {})
                smart[f"smart_{criterion.value}"] = mark.get("value")
                smart[f"smart_{criterion.value}_note"] = mark.get("note", "")
            _upsert(
                s,
                ids,
                tables.Candidate,
                item.uid,
                {
                    "team_id": ids.get(tables.Team, c.get("team")),
                    "text": c["text"],
                    "exercise": c["exercise"],
                    "origin_uid": c["origin_uid"],
                    "origin_label": c["origin_label"],
                    "impact": c["impact"],
                    "shortlisted": bool(c.get("shortlisted", False)),
                    **smart,
                },
            )
        case "votes":
            leader, candidate = (
                ids.need(tables.Leader, c["leader"]),
                ids.need(tables.Candidate, c["candidate"]),
            )
            s.execute(
                delete(tables.DotVote).where(
                    tables.DotVote.leader_id == leader, tables.DotVote.candidate_id == candidate
                )
            )
            s.execute(insert(tables.DotVote).values(leader_id=leader, candidate_id=candidate, dots=c["dots"]))
        case "parking_lot":
            _upsert(
                s,
                ids,
                tables.ParkingItem,
                item.uid,
                {
                    "text": c["text"],
                    "raised_at": _moment(c["raised_at"]),
                    "raised_in": c["raised_in"],
                    "resolved_at": _moment(c["resolved_at"]),
                    "resolution": c["resolution"],
                    "candidate_uid": c["candidate_uid"],
                },
            )
        case _:  # pragma: no cover - every section of domain.drafting.SECTIONS is written above
            raise AssertionError(item.section)


def _stance(ids: Ids, c: Mapping[str, Any], column: str, model: type, uid: str) -> dict[str, Any]:
    """A leader's say on an objective (buy-in) or a definition: the same row but for what it is on."""
    return {
        column: ids.need(model, uid),
        "leader_id": ids.need(tables.Leader, c["leader"]),
        "stance": c["stance"],
        "comment": c["comment"],
        "recorded_at": _moment(c["recorded_at"]),
    }
