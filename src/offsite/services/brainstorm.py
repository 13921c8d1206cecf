"""Verbs of the Brainstorm phase: ask-why chains and themes, work-back goals and funnels, team
switches, and the candidate pool with its SMART checks, impact, dot votes and promotion.

Each verb is one user action in one transaction and returns what it changed, as the verbs of
services.changes do; its inverse is named in its docstring. Rows removed with
``changes.remove`` come back whole (answers, theme links, items, votes) with ``changes.restore``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, delete, func, insert, select, update
from sqlalchemy.orm import Session

from offsite.domain.errors import EditRefusedError, NotAPlanError
from offsite.domain.exercises import (
    FUNNEL_INPUTS,
    FUNNEL_RATES,
    Exercise,
    SmartCriterion,
    SwitchItemKind,
    SwitchSide,
)
from offsite.domain.formatting import format_number
from offsite.domain.labels import quote
from offsite.domain.language import QT_TRANSLATE_NOOP, plural, translate
from offsite.domain.rules import (
    MAX_COUNT,
    MAX_MINUTES,
    clean_amount,
    clean_impact,
    clean_item_kind,
    clean_maybe_bool,
    clean_number,
    clean_percent,
    clean_side,
    clean_text,
    clean_whole,
)
from offsite.domain.values import Kind
from offsite.services import brainstorm_view
from offsite.services.changes import Created, Updated, add_row, next_position, update_fields
from offsite.services.outbox import sendable
from offsite.store.models import (
    Base,
    Candidate,
    CompanyGoal,
    DismissedSuggestion,
    DotVote,
    EmpathyNote,
    Funnel,
    Leader,
    Objective,
    ObjectiveGoal,
    ObjectiveTeam,
    Plan,
    SwitchItem,
    Team,
    TeamGoal,
    TeamSwitch,
    Theme,
    ThemeLink,
    WhyNode,
)
from offsite.store.planfile import PlanFile

_M = TypeVar("_M", bound=Base)


# One whole sentence per kind of row, so a translation can give each noun its own article.
_GONE = {
    "team": QT_TRANSLATE_NOOP("Brainstorm", "That team no longer exists in the plan (removed elsewhere?)."),
    "statement": QT_TRANSLATE_NOOP(
        "Brainstorm", "That statement no longer exists in the plan (removed elsewhere?)."
    ),
    "theme": QT_TRANSLATE_NOOP("Brainstorm", "That theme no longer exists in the plan (removed elsewhere?)."),
    "company goal": QT_TRANSLATE_NOOP(
        "Brainstorm", "That company goal no longer exists in the plan (removed elsewhere?)."
    ),
    "team goal": QT_TRANSLATE_NOOP(
        "Brainstorm", "That team goal no longer exists in the plan (removed elsewhere?)."
    ),
    "team switch": QT_TRANSLATE_NOOP(
        "Brainstorm", "That team switch no longer exists in the plan (removed elsewhere?)."
    ),
    "leader": QT_TRANSLATE_NOOP(
        "Brainstorm", "That leader no longer exists in the plan (removed elsewhere?)."
    ),
    "candidate": QT_TRANSLATE_NOOP(
        "Brainstorm", "That candidate no longer exists in the plan (removed elsewhere?)."
    ),
}
# How set_funnel names an input in a refusal ("Win rate is a percentage: ...").
_FUNNEL_INPUT_LABELS = {
    "revenue_target": QT_TRANSLATE_NOOP("Brainstorm", "Revenue target"),
    "average_deal_size": QT_TRANSLATE_NOOP("Brainstorm", "Average deal size"),
    "win_rate": QT_TRANSLATE_NOOP("Brainstorm", "Win rate"),
    "sql_to_opportunity": QT_TRANSLATE_NOOP("Brainstorm", "Sql to opportunity"),
    "mql_to_sql": QT_TRANSLATE_NOOP("Brainstorm", "Mql to sql"),
    "lead_to_mql": QT_TRANSLATE_NOOP("Brainstorm", "Lead to mql"),
}


def _need(session: Session, model: type[_M], row_id: int, noun: str) -> _M:
    row = session.get(model, row_id)
    if row is None:
        raise EditRefusedError(translate("Brainstorm", _GONE[noun]))
    return row


def _next_sibling_position(session: Session, column: Any, where: Any) -> int:
    return int(session.scalar(select(func.coalesce(func.max(column), -1)).where(where)) or 0) + 1


# --- Ask-why chains --------------------------------------------------------------------------------


def _why_siblings(parent_id: int | None, team_id: int) -> Any:
    if parent_id is None:
        return (WhyNode.parent_id.is_(None)) & (WhyNode.team_id == team_id)
    return WhyNode.parent_id == parent_id


def add_why_node(plan: PlanFile, team_id: int, text: str, parent_id: int | None = None) -> Created:
    """Add a team's starting statement (no parent), or an answer to "why?" after the parent's others.

    Undo with ``changes.remove(plan, Kind.WHY_NODE, id)``. Raises EditRefusedError when the team
    or the parent is gone, or the parent belongs to another team's chain.
    """
    text = clean_text(text, translate("Brainstorm", "Statement"))
    with plan.write() as session:
        _need(session, Team, team_id, "team")
        if parent_id is not None:
            parent = _need(session, WhyNode, parent_id, "statement")
            if parent.team_id != team_id:
                raise EditRefusedError(
                    translate(
                        "Brainstorm",
                        "An answer belongs to the same team's chain as the statement it answers.",
                    )
                )
        node = WhyNode(
            team_id=team_id,
            parent_id=parent_id,
            text=text,
            position=_next_sibling_position(session, WhyNode.position, _why_siblings(parent_id, team_id)),
        )
        return add_row(session, Kind.WHY_NODE, node)


def _move_node(session: Session, node: WhyNode, new_parent_id: int | None, position: int | None) -> Updated:
    previous = {"parent_id": node.parent_id, "position": node.position}
    if new_parent_id is not None:
        parent = _need(session, WhyNode, new_parent_id, "statement")
        if parent.team_id != node.team_id:
            raise EditRefusedError(
                translate(
                    "Brainstorm",
                    "A statement stays in its own team's chain; it cannot move to another team's.",
                )
            )
        ancestor: WhyNode | None = parent
        while ancestor is not None:
            if ancestor.id == node.id:
                raise EditRefusedError(
                    translate(
                        "Brainstorm",
                        "A statement cannot become an answer to itself or to one of its own answers.",
                    )
                )
            ancestor = session.get(WhyNode, ancestor.parent_id) if ancestor.parent_id is not None else None
    siblings = _why_siblings(new_parent_id, node.team_id) & (WhyNode.id != node.id)
    if position is None:
        position = _next_sibling_position(session, WhyNode.position, siblings)
    else:
        # Make room: the siblings from that slot on move one down, keeping their order.
        session.execute(
            update(WhyNode)
            .where(siblings & (WhyNode.position >= position))
            .values(position=WhyNode.position + 1)
        )
    node.parent_id, node.position = new_parent_id, position
    return Updated(Kind.WHY_NODE, node.id, previous)


def move_why_node(
    plan: PlanFile, node_id: int, parent_id: int | None, position: int | None = None
) -> Updated:
    """Re-parent a statement (with its answers) within its team's chain, at ``position`` or last.

    Returns the previous ``parent_id`` and ``position``; undo is ``move_why_node(plan, id, **previous)``.
    Raises EditRefusedError for a cycle (under itself or its own answers) or another team's chain.
    """
    with plan.write() as session:
        node = _need(session, WhyNode, node_id, "statement")
        return _move_node(session, node, parent_id, position)


def indent_why_node(plan: PlanFile, node_id: int) -> Updated:
    """Tab: make the statement the last answer of the sibling just above it; undo as ``move_why_node``."""
    with plan.write() as session:
        node = _need(session, WhyNode, node_id, "statement")
        above = session.scalars(
            select(WhyNode)
            .where(
                _why_siblings(node.parent_id, node.team_id)
                & (
                    (WhyNode.position < node.position)
                    | ((WhyNode.position == node.position) & (WhyNode.id < node.id))
                )
            )
            .order_by(WhyNode.position.desc(), WhyNode.id.desc())
            .limit(1)
        ).first()
        if above is None:
            raise EditRefusedError(translate("Brainstorm", "There is no statement above this one to answer."))
        return _move_node(session, node, above.id, None)


def outdent_why_node(plan: PlanFile, node_id: int) -> Updated:
    """Shift+Tab: make the statement a sibling right after its parent; undo as ``move_why_node``."""
    with plan.write() as session:
        node = _need(session, WhyNode, node_id, "statement")
        if node.parent_id is None:
            raise EditRefusedError(
                translate("Brainstorm", "This is already a starting statement of its chain.")
            )
        parent = _need(session, WhyNode, node.parent_id, "statement")
        return _move_node(session, node, parent.parent_id, parent.position + 1)


# --- Common themes and dismissed suggestions -------------------------------------------------------


def _theme_node_ids(session: Session, theme_id: int) -> list[int]:
    return list(
        session.scalars(
            select(ThemeLink.node_id)
            .join(WhyNode, WhyNode.id == ThemeLink.node_id)
            .where(ThemeLink.theme_id == theme_id)
            .order_by(WhyNode.id)
        )
    )


def _link_nodes(session: Session, theme_id: int, node_ids: list[int]) -> None:
    if not node_ids:
        return
    found = set(session.scalars(select(WhyNode.id).where(WhyNode.id.in_(node_ids))))
    if len(found) != len(node_ids):
        raise EditRefusedError(
            translate("Brainstorm", "Some of the chosen statements no longer exist in the plan.")
        )
    session.execute(insert(ThemeLink), [{"theme_id": theme_id, "node_id": i} for i in node_ids])


def add_theme(plan: PlanFile, name: str, node_ids: Iterable[int] = ()) -> Created:
    """Mark a common theme, linking the statements (of any teams) that meet at it.

    Undo with ``changes.remove(plan, Kind.THEME, id)``, which takes its links along.
    """
    name = clean_text(name, translate("Brainstorm", "Theme name"))
    nodes = list(dict.fromkeys(node_ids))
    with plan.write() as session:
        theme = Theme(name=name, position=next_position(session, Kind.THEME))
        session.add(theme)
        session.flush()
        _link_nodes(session, theme.id, nodes)
        return Created(Kind.THEME, theme.id)


def set_theme_nodes(plan: PlanFile, theme_id: int, node_ids: Iterable[int]) -> Updated:
    """Make exactly these statements the theme's; returns the previous ``node_ids``, which undo passes back."""
    wanted = list(dict.fromkeys(node_ids))
    with plan.write() as session:
        _need(session, Theme, theme_id, "theme")
        previous = _theme_node_ids(session, theme_id)
        session.execute(delete(ThemeLink).where(ThemeLink.theme_id == theme_id))
        _link_nodes(session, theme_id, wanted)
    return Updated(Kind.THEME, theme_id, {"node_ids": previous})


def link_to_theme(plan: PlanFile, theme_id: int, node_id: int) -> Updated:
    """Add one statement to a theme (no change if it is there); undo with ``set_theme_nodes(**previous)``."""
    with plan.write() as session:
        _need(session, Theme, theme_id, "theme")
        _need(session, WhyNode, node_id, "statement")
        previous = _theme_node_ids(session, theme_id)
        if node_id not in previous:
            session.execute(insert(ThemeLink).values(theme_id=theme_id, node_id=node_id))
    return Updated(Kind.THEME, theme_id, {"node_ids": previous})


def unlink_from_theme(plan: PlanFile, theme_id: int, node_id: int) -> Updated:
    """Take one statement out of a theme; undo with ``set_theme_nodes(**previous)``."""
    with plan.write() as session:
        _need(session, Theme, theme_id, "theme")
        previous = _theme_node_ids(session, theme_id)
        session.execute(
            delete(ThemeLink).where((ThemeLink.theme_id == theme_id) & (ThemeLink.node_id == node_id))
        )
    return Updated(Kind.THEME, theme_id, {"node_ids": previous})


def _pair(first_uid: str, second_uid: str) -> tuple[str, str]:
    first, second = sorted((clean_text(first_uid, "Statement"), clean_text(second_uid, "Statement")))
    if first == second:
        raise EditRefusedError(translate("Brainstorm", "A suggestion pairs two different statements."))
    return first, second


def dismiss_suggestion(plan: PlanFile, first_uid: str, second_uid: str) -> Created:
    """Dismiss a suggested pair of statements (by uid, in either order) so it is not suggested again.

    Undo with ``changes.remove(plan, Kind.DISMISSAL, id)``.
    """
    first, second = _pair(first_uid, second_uid)
    with plan.write() as session:
        known = session.scalar(
            select(DismissedSuggestion.id).where(
                (DismissedSuggestion.first_uid == first) & (DismissedSuggestion.second_uid == second)
            )
        )
        if known is not None:
            raise EditRefusedError(translate("Brainstorm", "That suggestion is dismissed already."))
        row = DismissedSuggestion(first_uid=first, second_uid=second)
        return add_row(session, Kind.DISMISSAL, row)


# --- Working back from company goals ---------------------------------------------------------------


def add_team_goal(
    plan: PlanFile,
    company_goal_id: int,
    statement: str,
    *,
    team_id: int | None = None,
    parent_id: int | None = None,
    target: float | None = None,
    unit: str = "",
) -> Created:
    """Add a goal under a company goal (or under another team goal of it), after its siblings.

    Undo with ``changes.remove(plan, Kind.TEAM_GOAL, id)``, which takes the goals under it along.
    """
    values = {
        "statement": clean_text(statement, translate("Brainstorm", "Team goal")),
        "target": clean_number(target, translate("Brainstorm", "Target")),
        "unit": clean_text(unit, translate("Brainstorm", "Unit")),
    }
    with plan.write() as session:
        _need(session, CompanyGoal, company_goal_id, "company goal")
        if team_id is not None:
            _need(session, Team, team_id, "team")
        siblings: ColumnElement[bool]
        if parent_id is None:
            siblings = (TeamGoal.company_goal_id == company_goal_id) & TeamGoal.parent_id.is_(None)
        else:
            parent = _need(session, TeamGoal, parent_id, "team goal")
            if parent.company_goal_id != company_goal_id:
                raise EditRefusedError(
                    translate(
                        "Brainstorm", "A team goal sits under a goal worked back from the same company goal."
                    )
                )
            siblings = TeamGoal.parent_id == parent_id
        goal = TeamGoal(
            company_goal_id=company_goal_id,
            parent_id=parent_id,
            team_id=team_id,
            position=_next_sibling_position(session, TeamGoal.position, siblings),
            **values,
        )
        return add_row(session, Kind.TEAM_GOAL, goal)


def _clean_quarters(value: Any) -> list[str]:
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise EditRefusedError(translate("Brainstorm", "Quarters must be a list of labels, e.g. “Q1 2027”."))
    quarters = [clean_text(q, translate("Brainstorm", "Quarter")) for q in value]
    if any(not q.strip() for q in quarters):
        raise EditRefusedError(translate("Brainstorm", "Give every quarter a label, e.g. “Q1 2027”."))
    return quarters


def _clean_weights(value: Any) -> list[float] | None:
    if value is None:
        return None
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise EditRefusedError(translate("Brainstorm", "Weights must be a list of numbers, one per quarter."))
    weights = [clean_amount(w, translate("Brainstorm", "Weight")) for w in value]
    if any(w is None for w in weights):
        raise EditRefusedError(
            translate("Brainstorm", "Give every quarter a weight, or none for an even split.")
        )
    if weights and not sum(w for w in weights if w is not None) > 0:
        raise EditRefusedError(translate("Brainstorm", "At least one quarter needs a weight above zero."))
    return [w for w in weights if w is not None]


def _loads(text: str | None, what: str, plan: PlanFile) -> Any:
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        raise NotAPlanError(brainstorm_view.unreadable_funnel(what).format(plan=plan.name)) from None


def set_funnel(plan: PlanFile, company_goal_id: int, **inputs: Any) -> Created | Updated:
    """Create or change the reverse funnel of a company goal.

    ``inputs`` are any of revenue_target, average_deal_size (non-negative), win_rate,
    sql_to_opportunity, mql_to_sql, lead_to_mql (percent, 0–100), quarters (labels) and weights
    (one non-negative number per quarter, or None for an even split). Returns Created the first
    time (undo: ``changes.remove(plan, Kind.FUNNEL, id)``), else Updated with the previous values
    of the inputs given (undo: ``set_funnel(plan, company_goal_id, **previous)``).
    """
    cleaned: dict[str, Any] = {}
    for name, value in inputs.items():
        label = (
            translate("Brainstorm", _FUNNEL_INPUT_LABELS[name])
            if name in _FUNNEL_INPUT_LABELS
            else name.replace("_", " ").capitalize()
        )
        if name in FUNNEL_RATES:
            cleaned[name] = clean_percent(value, label)
        elif name in FUNNEL_INPUTS:
            cleaned[name] = clean_amount(value, label)
        elif name == "quarters":
            cleaned[name] = _clean_quarters(value)
        elif name == "weights":
            cleaned[name] = _clean_weights(value)
        else:
            raise EditRefusedError(
                translate("Brainstorm", "{name} is not an input of the reverse funnel.").format(name=label)
            )
    with plan.write() as session:
        _need(session, CompanyGoal, company_goal_id, "company goal")
        funnel = session.scalars(select(Funnel).where(Funnel.company_goal_id == company_goal_id)).first()
        created = funnel is None
        if funnel is None:
            funnel = Funnel(company_goal_id=company_goal_id, quarters="[]", weights=None)
            session.add(funnel)
        stored_quarters = _loads(funnel.quarters, "quarters", plan) or []
        stored_weights = _loads(funnel.weights, "weights", plan)
        quarters = cleaned.get("quarters", stored_quarters)
        weights = cleaned.get("weights", stored_weights)
        if weights is not None and len(weights) != len(quarters):
            quarters_given = plural(
                len(quarters),
                translate("Brainstorm", "{count} quarter"),
                translate("Brainstorm", "{count} quarters"),
            ).format(count=format_number(len(quarters)))
            weights_given = plural(
                len(weights),
                translate("Brainstorm", "{count} weight"),
                translate("Brainstorm", "{count} weights"),
            ).format(count=format_number(len(weights)))
            raise EditRefusedError(
                translate(
                    "Brainstorm", "Give one weight per quarter: there are {quarters} and {weights}."
                ).format(quarters=quarters_given, weights=weights_given)
            )
        previous: dict[str, Any] = {}
        for name, value in cleaned.items():
            if name == "quarters":
                previous[name] = list(stored_quarters)
                funnel.quarters = json.dumps(value, ensure_ascii=False)
            elif name == "weights":
                previous[name] = None if stored_weights is None else list(stored_weights)
                funnel.weights = None if value is None else json.dumps(value)
            else:
                previous[name] = getattr(funnel, name)
                setattr(funnel, name, value)
        session.flush()
        if created:
            return Created(Kind.FUNNEL, funnel.id)
        return Updated(Kind.FUNNEL, funnel.id, previous)


# --- Team switch -----------------------------------------------------------------------------------


def add_team_switch(
    plan: PlanFile,
    player_team_id: int,
    played_team_id: int,
    *,
    prepare_minutes: int = 20,
    present_minutes: int = 10,
) -> Created:
    """Pair two teams: the player team prepares and presents the played team's goals and plan.

    Undo with ``changes.remove(plan, Kind.SWITCH, id)``, which takes its items and notes along.
    """
    prepare = clean_whole(prepare_minutes, translate("Brainstorm", "Preparation time"), 1, MAX_MINUTES)
    present = clean_whole(present_minutes, translate("Brainstorm", "Presentation time"), 1, MAX_MINUTES)
    if player_team_id == played_team_id:
        raise EditRefusedError(
            translate("Brainstorm", "A team cannot play itself: choose another team to play.")
        )
    with plan.write() as session:
        _need(session, Team, player_team_id, "team")
        _need(session, Team, played_team_id, "team")
        switch = TeamSwitch(
            player_team_id=player_team_id,
            played_team_id=played_team_id,
            prepare_minutes=prepare,
            present_minutes=present,
            position=next_position(session, Kind.SWITCH),
        )
        return add_row(session, Kind.SWITCH, switch)


def add_switch_item(
    plan: PlanFile, switch_id: int, side: SwitchSide | str, kind: SwitchItemKind | str, text: str
) -> Created:
    """Record a goal or plan step: as the player team presented it (played) or the team's own (real).

    Undo with ``changes.remove(plan, Kind.SWITCH_ITEM, id)``.
    """
    values = {
        "side": clean_side(side),
        "kind": clean_item_kind(kind),
        "text": clean_text(text, translate("Brainstorm", "Item")),
    }
    with plan.write() as session:
        _need(session, TeamSwitch, switch_id, "team switch")
        siblings = (SwitchItem.switch_id == switch_id) & (SwitchItem.side == values["side"])
        item = SwitchItem(
            switch_id=switch_id,
            position=_next_sibling_position(session, SwitchItem.position, siblings),
            **values,
        )
        return add_row(session, Kind.SWITCH_ITEM, item)


def set_empathy_note(plan: PlanFile, switch_id: int, team_id: int, text: str) -> Created | Updated:
    """Write a team's note of what it had not seen, for one switch pair.

    Returns Created for the team's first note in that pair (undo: ``changes.remove``), else
    Updated with the previous ``text`` (undo: ``changes.update_fields(plan, Kind.EMPATHY_NOTE, id, previous)``).
    """
    text = clean_text(text, translate("Brainstorm", "Note"))
    with plan.write() as session:
        switch = _need(session, TeamSwitch, switch_id, "team switch")
        if team_id not in (switch.player_team_id, switch.played_team_id):
            raise EditRefusedError(
                translate("Brainstorm", "Only the two teams of this switch write notes on it.")
            )
        note = session.scalars(
            select(EmpathyNote).where((EmpathyNote.switch_id == switch_id) & (EmpathyNote.team_id == team_id))
        ).first()
        if note is None:
            note = EmpathyNote(switch_id=switch_id, team_id=team_id, text=text)
            return add_row(session, Kind.EMPATHY_NOTE, note)
        previous = {"text": note.text}
        note.text = text
        return Updated(Kind.EMPATHY_NOTE, note.id, previous)


# --- Candidates ------------------------------------------------------------------------------------


def _team_name(session: Session, team_id: int | None) -> str:
    team = session.get(Team, team_id) if team_id is not None else None
    return team.name if team is not None else translate("Brainstorm", "A team")


def _origin(session: Session, model: type[_M], uid: str) -> _M:
    """The row a new candidate comes from, by uid; refused when it was removed meanwhile."""
    row = session.scalars(select(model).filter_by(uid=uid)).first()
    if row is None:
        raise EditRefusedError(
            translate(
                "Brainstorm", "The candidate's origin no longer exists in the plan (removed elsewhere?)."
            )
        )
    return row


def _origin_label(session: Session, exercise: Exercise, origin_uid: str | None, detail: str) -> str:
    """The human-readable story of where a candidate came from, computed once, at its creation."""
    if exercise in (Exercise.DIRECT, Exercise.CARRIED_OVER):  # no row of this plan to name
        return detail
    if origin_uid is None:
        raise EditRefusedError(
            translate("Brainstorm", "Say which statement, goal or item the candidate comes from.")
        )
    if exercise is Exercise.WHY_CHAIN:
        node = _origin(session, WhyNode, origin_uid)
        team = _team_name(session, node.team_id)
        chain = (
            translate("Brainstorm", "{team}' ask-why chain › {statement}")
            if team.endswith("s")
            else translate("Brainstorm", "{team}'s ask-why chain › {statement}")
        )
        return chain.format(team=team, statement=quote(node.text))
    if exercise is Exercise.WORK_BACK:
        goal = _origin(session, TeamGoal, origin_uid)
        company = session.get(CompanyGoal, goal.company_goal_id)
        source = quote(company.statement if company else "")
        if goal.team_id is None:
            return translate("Brainstorm", "Work back from {company_goal} › {goal}").format(
                company_goal=source, goal=quote(goal.statement)
            )
        return translate("Brainstorm", "Work back from {company_goal} › {team}: {goal}").format(
            company_goal=source, team=_team_name(session, goal.team_id), goal=quote(goal.statement)
        )
    if exercise is Exercise.FUNNEL:
        funnel = _origin(session, Funnel, origin_uid)
        company = session.get(CompanyGoal, funnel.company_goal_id)
        label = translate("Brainstorm", "Reverse funnel for {company_goal}").format(
            company_goal=quote(company.statement if company else "")
        )
        return f"{label} › {detail}" if detail.strip() else label
    item = _origin(session, SwitchItem, origin_uid)
    switch = session.get(TeamSwitch, item.switch_id)
    assert switch is not None  # the foreign key keeps every item's switch
    player, played = _team_name(session, switch.player_team_id), _team_name(session, switch.played_team_id)
    return _switch_origin(player, played, item.side == SwitchSide.PLAYED.value, item.kind).format(
        player=player, played=played, text=quote(item.text)
    )


def _switch_origin(player: str, played: str, as_played: bool, kind: str) -> str:
    """The origin sentence of a switch item, whole, for each side, kind and English possessive."""
    del player
    s = played.endswith("s")
    if kind == SwitchItemKind.GOAL.value:
        if as_played:
            return (
                translate(
                    "Brainstorm",
                    "Team switch, {player} plays {played} › {played}' goal (as the players saw it): {text}",
                )
                if s
                else translate(
                    "Brainstorm",
                    "Team switch, {player} plays {played} › {played}'s goal (as the players saw it): {text}",
                )
            )
        return (
            translate(
                "Brainstorm", "Team switch, {player} plays {played} › {played}' goal (their own): {text}"
            )
            if s
            else translate(
                "Brainstorm", "Team switch, {player} plays {played} › {played}'s goal (their own): {text}"
            )
        )
    if as_played:
        return (
            translate(
                "Brainstorm",
                "Team switch, {player} plays {played} › {played}' plan (as the players saw it): {text}",
            )
            if s
            else translate(
                "Brainstorm",
                "Team switch, {player} plays {played} › {played}'s plan (as the players saw it): {text}",
            )
        )
    return (
        translate("Brainstorm", "Team switch, {player} plays {played} › {played}' plan (their own): {text}")
        if s
        else translate(
            "Brainstorm", "Team switch, {player} plays {played} › {played}'s plan (their own): {text}"
        )
    )


def add_candidate(
    plan: PlanFile,
    text: str,
    team_id: int | None,
    exercise: Exercise | str = Exercise.DIRECT,
    origin_uid: str | None = None,
    origin_label: str = "",
    *,
    detail: str = "",
) -> Created:
    """Add a candidate to the pool, keeping its origin.

    ``origin_uid`` names the why-node, team goal, funnel or switch item it comes from; without an
    ``origin_label`` the label is computed now from the origin (``detail`` names the funnel figure,
    e.g. “48 deals in Q1 2027”). Undo with ``changes.remove(plan, Kind.CANDIDATE, id)``.
    """
    text = clean_text(text, translate("Brainstorm", "Candidate"))
    origin_label = clean_text(origin_label, translate("Brainstorm", "Origin"))
    detail = clean_text(detail, translate("Brainstorm", "Origin detail"))
    try:
        chosen = Exercise(exercise)
    except ValueError:
        raise EditRefusedError(
            translate("Brainstorm", "“{exercise}” is not an exercise; use one of {exercises}.").format(
                exercise=exercise, exercises=", ".join(e.value for e in Exercise)
            )
        ) from None
    if origin_uid is not None:
        origin_uid = clean_text(origin_uid, translate("Brainstorm", "Origin"))
    with plan.write() as session:
        return insert_candidate(session, text, team_id, chosen, origin_uid, origin_label, detail)


def insert_candidate(
    session: Session,
    text: str,
    team_id: int | None,
    exercise: Exercise,
    origin_uid: str | None,
    origin_label: str,
    detail: str = "",
) -> Created:
    """Inside a verb's transaction: add a candidate of cleaned values (``add_candidate`` cleans them)."""
    if team_id is not None:
        _need(session, Team, team_id, "team")
    if not origin_label:
        origin_label = _origin_label(session, exercise, origin_uid, detail)
    candidate = Candidate(
        team_id=team_id,
        text=text,
        exercise=exercise.value,
        origin_uid=origin_uid,
        origin_label=origin_label,
        position=next_position(session, Kind.CANDIDATE),
    )
    return add_row(session, Kind.CANDIDATE, candidate)


def set_smart(
    plan: PlanFile,
    candidate_id: int,
    criterion: SmartCriterion | str,
    value: bool | None,
    note: str | None = None,
) -> Updated:
    """Answer one SMART question (yes, no, or None for not yet judged), and its note when given.

    Undo with ``changes.update_fields(plan, Kind.CANDIDATE, id, previous)``.
    """
    try:
        name = f"smart_{SmartCriterion(criterion).value}"
    except ValueError:
        raise EditRefusedError(
            translate("Brainstorm", "“{criterion}” is not a SMART question; use one of {criteria}.").format(
                criterion=criterion, criteria=", ".join(c.value for c in SmartCriterion)
            )
        ) from None
    changes: dict[str, Any] = {name: clean_maybe_bool(value, name.removeprefix("smart_").capitalize())}
    if note is not None:
        changes[f"{name}_note"] = note
    return update_fields(plan, Kind.CANDIDATE, candidate_id, changes)


def set_impact(plan: PlanFile, candidate_id: int, impact: int | None) -> Updated:
    """Score a candidate's impact from 1 to 5 (None clears it); undo with ``update_fields(previous)``."""
    return update_fields(plan, Kind.CANDIDATE, candidate_id, {"impact": clean_impact(impact)})


def _plan_row(session: Session) -> Plan:
    row = session.scalars(select(Plan).limit(1)).first()
    if row is None:
        raise EditRefusedError(
            translate("Brainstorm", "This file holds no plan details; run “offsite check” on it.")
        )
    return row


@sendable
def vote(plan: PlanFile, leader_id: int, candidate_id: int, dots: int) -> Updated:
    """Set how many dots a leader puts on a candidate (0 takes them all back), within their budget.

    Returns Updated(VOTE, candidate_id, {"leader_id", "dots": previous}); undo is
    ``vote(plan, leader_id, candidate_id, previous["dots"])``. Raises EditRefusedError when the
    leader's dots on other candidates leave too few for this.
    """
    dots = clean_whole(dots, translate("Brainstorm", "Dots"), 0, MAX_COUNT)
    with plan.write() as session:
        budget = _plan_row(session).dot_budget
        leader = _need(session, Leader, leader_id, "leader")
        _need(session, Candidate, candidate_id, "candidate")
        row = session.get(DotVote, (leader_id, candidate_id))
        previous = row.dots if row is not None else 0
        elsewhere = int(
            session.scalar(
                select(func.coalesce(func.sum(DotVote.dots), 0)).where(
                    (DotVote.leader_id == leader_id) & (DotVote.candidate_id != candidate_id)
                )
            )
            or 0
        )
        if dots > previous and elsewhere + dots > budget:
            left = budget - elsewhere
            if left <= 0:
                spent = (
                    translate("Brainstorm", "{leader} has used their only dot; take one back first.")
                    if budget == 1
                    else translate("Brainstorm", "{leader} has used all {budget} dots; take one back first.")
                )
                raise EditRefusedError(spent.format(leader=leader.name, budget=format_number(budget)))
            only = plural(
                left,
                translate(
                    "Brainstorm",
                    "{leader} has only {left} dot left for this candidate "
                    "({elsewhere} of {budget} are on others); take one back first.",
                ),
                translate(
                    "Brainstorm",
                    "{leader} has only {left} dots left for this candidate "
                    "({elsewhere} of {budget} are on others); take one back first.",
                ),
            )
            raise EditRefusedError(
                only.format(
                    leader=leader.name,
                    left=format_number(left),
                    elsewhere=format_number(elsewhere),
                    budget=format_number(budget),
                )
            )
        if row is None and dots:
            session.add(DotVote(leader_id=leader_id, candidate_id=candidate_id, dots=dots))
        elif row is not None and dots:
            row.dots = dots
        elif row is not None:
            session.delete(row)
    return Updated(Kind.VOTE, candidate_id, {"leader_id": leader_id, "dots": previous})


def set_brainstorm_settings(
    plan: PlanFile, dot_budget: int | None = None, top_n: int | None = None
) -> Updated:
    """Change each leader's dot budget and the shortlist size a team keeps; returns the previous values.

    Undo with ``changes.update_fields(plan, Kind.PLAN, id, previous)``. Refuses a budget below the
    dots a leader has already placed.
    """
    changes: dict[str, int] = {}
    if dot_budget is not None:
        changes["dot_budget"] = clean_whole(dot_budget, translate("Brainstorm", "Dot budget"), 1, MAX_COUNT)
    if top_n is not None:
        changes["top_n"] = clean_whole(top_n, translate("Brainstorm", "Shortlist size"), 1, MAX_COUNT)
    with plan.write() as session:
        row = _plan_row(session)
        if "dot_budget" in changes:
            used = session.execute(
                select(Leader.name, func.sum(DotVote.dots).label("used"))
                .join(DotVote, DotVote.leader_id == Leader.id)
                .group_by(Leader.id, Leader.name)
                .having(func.sum(DotVote.dots) > changes["dot_budget"])
                .order_by(func.sum(DotVote.dots).desc(), Leader.position)
                .limit(1)
            ).first()
            if used is not None:
                placed = plural(
                    int(used.used),
                    translate(
                        "Brainstorm",
                        "{leader} has placed {count} dot already; take some back before lowering the budget to {budget}.",
                    ),
                    translate(
                        "Brainstorm",
                        "{leader} has placed {count} dots already; take some back "
                        "before lowering the budget to {budget}.",
                    ),
                )
                raise EditRefusedError(
                    placed.format(
                        leader=used.name,
                        count=format_number(int(used.used)),
                        budget=format_number(changes["dot_budget"]),
                    )
                )
        previous = {name: getattr(row, name) for name in changes}
        for name, value in changes.items():
            setattr(row, name, value)
        return Updated(Kind.PLAN, row.id, previous)


def promote_candidate(
    plan: PlanFile,
    candidate_id: int,
    *,
    team_ids: Iterable[int] | None = None,
    goal_ids: Iterable[int] | None = None,
    period: str = "",
) -> Created:
    """Make a candidate an objective that keeps the story of where it came from.

    The objective's statement is the candidate's text; its teams are ``team_ids`` (by default
    the candidate's team); its company goals are ``goal_ids`` (by default the one a work-back or
    funnel origin belongs to). Undo with ``changes.remove(plan, Kind.OBJECTIVE, id)``. Raises
    EditRefusedError for a candidate without words, or one promoted already.
    """
    period = clean_text(period, translate("Brainstorm", "Period"))
    with plan.write() as session:
        candidate = _need(session, Candidate, candidate_id, "candidate")
        if not candidate.text.strip():
            raise EditRefusedError(
                translate("Brainstorm", "Give the candidate its wording before making it an objective.")
            )
        promoted = session.scalars(
            select(Objective.statement).where(Objective.origin_candidate_uid == candidate.uid)
        ).first()
        if promoted is not None:
            raise EditRefusedError(
                translate("Brainstorm", "That candidate is an objective already: {objective}.").format(
                    objective=quote(promoted)
                )
            )
        if team_ids is None:
            team_ids = [] if candidate.team_id is None else [candidate.team_id]
        teams = list(dict.fromkeys(team_ids))
        goals = _origin_goal_ids(session, candidate) if goal_ids is None else list(dict.fromkeys(goal_ids))
        for team_id in teams:
            _need(session, Team, team_id, "team")
        for goal_id in goals:
            _need(session, CompanyGoal, goal_id, "company goal")
        objective = Objective(
            statement=candidate.text,
            period=period,
            method="",
            position=next_position(session, Kind.OBJECTIVE),
            origin_candidate_uid=candidate.uid,
            origin_label=candidate.origin_label or translate("Brainstorm", "the candidate pool"),
        )
        session.add(objective)
        session.flush()
        if teams:
            session.execute(
                insert(ObjectiveTeam), [{"objective_id": objective.id, "team_id": t} for t in teams]
            )
        if goals:
            session.execute(
                insert(ObjectiveGoal), [{"objective_id": objective.id, "goal_id": g} for g in goals]
            )
        return Created(Kind.OBJECTIVE, objective.id)


def _origin_goal_ids(session: Session, candidate: Candidate) -> list[int]:
    if candidate.origin_uid is None:
        return []
    if candidate.exercise == Exercise.WORK_BACK.value:
        model: type[TeamGoal] | type[Funnel] = TeamGoal
    elif candidate.exercise == Exercise.FUNNEL.value:
        model = Funnel
    else:
        return []
    goal_id = session.scalar(select(model.company_goal_id).where(model.uid == candidate.origin_uid))
    return [] if goal_id is None else [goal_id]


# --- Reading ---------------------------------------------------------------------------------------

# The view is read with plain sqlite3 (many rows, no ORM object for each): see brainstorm_view.
read_brainstorm = brainstorm_view.read_brainstorm
