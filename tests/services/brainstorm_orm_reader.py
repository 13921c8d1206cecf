"""The Brainstorm view as it was read through the ORM before plain sqlite3: the reference the
reader in ``offsite.services.brainstorm_view`` is held equal to, value for value and in order."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from sqlalchemy import select

from offsite.domain.errors import NotAPlanError
from offsite.domain.exercises import (
    BrainstormView,
    CandidateView,
    DismissalView,
    EmpathyNoteView,
    Exercise,
    FunnelView,
    SmartCriterion,
    SmartMark,
    SwitchItemKind,
    SwitchItemView,
    SwitchSide,
    TeamGoalView,
    TeamSwitchView,
    ThemeView,
    TreeItem,
    VoteView,
    WhyNodeView,
)
from offsite.services.brainstorm import _loads
from offsite.store.models import (
    Candidate,
    CompanyGoal,
    DismissedSuggestion,
    DotVote,
    EmpathyNote,
    Funnel,
    Objective,
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

_R = TypeVar("_R", bound=TreeItem)


def _depth_first(rows: Iterable[_R], root_order: Callable[[_R], Any]) -> list[tuple[_R, int]]:
    """Rows of a tree in display order (each parent before its answers), with their depth.

    ``rows`` come in sibling order; the rows without a parent are sorted by ``root_order``.
    """
    rows = list(rows)
    children: dict[int, list[_R]] = defaultdict(list)
    for row in rows:
        if row.parent_id is not None:
            children[row.parent_id].append(row)
    roots = sorted((row for row in rows if row.parent_id is None), key=root_order)
    ordered: list[tuple[_R, int]] = []
    stack = [(row, 0) for row in reversed(roots)]
    while stack:
        row, depth = stack.pop()
        ordered.append((row, depth))
        stack += [(child, depth + 1) for child in reversed(children.get(row.id, []))]
    return ordered


def _known(kind: type[Exercise] | type[SwitchSide] | type[SwitchItemKind], value: str, plan: PlanFile) -> Any:
    try:
        return kind(value)
    except ValueError:
        raise NotAPlanError(
            f"“{plan.name}” holds a brainstorm value Offsite does not know (“{value}”), so it may be "
            f"damaged. Run “offsite check {plan.name}” to list its problems."
        ) from None


def read_brainstorm_orm(plan: PlanFile) -> BrainstormView:
    """Everything the Brainstorm phase shows, from one consistent snapshot; trees in display order."""
    with plan.read() as s:
        settings = s.scalars(select(Plan).limit(1)).first()
        team_order = {t: i for i, t in enumerate(s.scalars(select(Team.id).order_by(Team.position, Team.id)))}
        goal_order = {
            g: i
            for i, g in enumerate(
                s.scalars(select(CompanyGoal.id).order_by(CompanyGoal.position, CompanyGoal.id))
            )
        }

        why = s.scalars(select(WhyNode).order_by(WhyNode.position, WhyNode.id))
        nodes = tuple(
            WhyNodeView(n.id, n.uid, n.team_id, n.parent_id, n.text, depth)
            for n, depth in _depth_first(why, lambda n: (team_order.get(n.team_id, 0), n.position, n.id))
        )
        node_order = {n.id: i for i, n in enumerate(nodes)}

        links: dict[int, list[int]] = defaultdict(list)
        for theme_id, node_id in s.execute(select(ThemeLink.theme_id, ThemeLink.node_id)):
            links[theme_id].append(node_id)
        themes = tuple(
            ThemeView(t.id, t.uid, t.name, tuple(sorted(links[t.id], key=lambda i: node_order.get(i, 0))))
            for t in s.scalars(select(Theme).order_by(Theme.position, Theme.id))
        )
        dismissed = tuple(
            DismissalView(d.id, d.first_uid, d.second_uid)
            for d in s.scalars(select(DismissedSuggestion).order_by(DismissedSuggestion.id))
        )

        team_goals = s.scalars(select(TeamGoal).order_by(TeamGoal.position, TeamGoal.id))
        team_goal_views = tuple(
            TeamGoalView(
                g.id, g.uid, g.company_goal_id, g.parent_id, g.team_id, g.statement, g.target, g.unit, depth
            )
            for g, depth in _depth_first(
                team_goals, lambda g: (goal_order.get(g.company_goal_id, 0), g.position, g.id)
            )
        )

        funnels = []
        for f in sorted(s.scalars(select(Funnel)), key=lambda f: goal_order.get(f.company_goal_id, 0)):
            weights = _loads(f.weights, "weights", plan)
            funnels.append(
                FunnelView(
                    f.id,
                    f.uid,
                    f.company_goal_id,
                    f.revenue_target,
                    f.average_deal_size,
                    f.win_rate,
                    f.sql_to_opportunity,
                    f.mql_to_sql,
                    f.lead_to_mql,
                    quarters=tuple(str(q) for q in _loads(f.quarters, "quarters", plan) or ()),
                    weights=None if weights is None else tuple(float(w) for w in weights),
                )
            )

        items: dict[int, list[SwitchItemView]] = defaultdict(list)
        for i in s.scalars(select(SwitchItem).order_by(SwitchItem.position, SwitchItem.id)):
            items[i.switch_id].append(
                SwitchItemView(
                    i.id,
                    i.uid,
                    _known(SwitchSide, i.side, plan),
                    _known(SwitchItemKind, i.kind, plan),
                    i.text,
                )
            )
        notes: dict[int, list[EmpathyNoteView]] = defaultdict(list)
        for n in s.scalars(select(EmpathyNote).order_by(EmpathyNote.id)):
            notes[n.switch_id].append(EmpathyNoteView(n.id, n.uid, n.team_id, n.text))
        switches = tuple(
            TeamSwitchView(
                w.id,
                w.uid,
                w.player_team_id,
                w.played_team_id,
                w.prepare_minutes,
                w.present_minutes,
                tuple(items[w.id]),
                tuple(notes[w.id]),
            )
            for w in s.scalars(select(TeamSwitch).order_by(TeamSwitch.position, TeamSwitch.id))
        )

        votes = tuple(
            VoteView(v.leader_id, v.candidate_id, v.dots)
            for v in s.scalars(select(DotVote).order_by(DotVote.leader_id, DotVote.candidate_id))
        )
        dots: dict[int, int] = defaultdict(int)
        for v in votes:
            dots[v.candidate_id] += v.dots
        # Newest first, so a candidate promoted twice (a merge can do that) shows its first objective.
        promoted = dict(
            s.execute(
                select(Objective.origin_candidate_uid, Objective.id)
                .where(Objective.origin_candidate_uid.is_not(None))
                .order_by(Objective.id.desc())
            ).all()
        )
        candidates = tuple(
            CandidateView(
                c.id,
                c.uid,
                c.team_id,
                c.text,
                _known(Exercise, c.exercise, plan),
                c.origin_uid,
                c.origin_label,
                tuple(
                    SmartMark(k, getattr(c, f"smart_{k.value}"), getattr(c, f"smart_{k.value}_note"))
                    for k in SmartCriterion
                ),
                c.impact,
                dots[c.id],
                promoted.get(c.uid),
                bool(c.shortlisted),
            )
            for c in s.scalars(select(Candidate).order_by(Candidate.position, Candidate.id))
        )
    return BrainstormView(
        nodes=nodes,
        themes=themes,
        dismissed=dismissed,
        team_goals=team_goal_views,
        funnels=tuple(funnels),
        switches=switches,
        candidates=candidates,
        votes=votes,
        dot_budget=settings.dot_budget if settings else 3,
        top_n=settings.top_n if settings else 3,
    )
