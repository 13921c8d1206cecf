"""Brainstorm rows -> the view the Brainstorm phase shows (``offsite.domain.exercises.BrainstormView``).

Read with plain ``sqlite3`` in one read transaction (``PlanFile.read_rows``), as the plan view is
(``store.document.view``): a large plan's candidate pool is thousands of rows, and an ORM object
for each would cost more than the screen. After an edit, ``patch_brainstorm`` reads again only
what the edit touched and puts it into the view it was given:

- a candidate, a why-statement or a team goal edited in place (a keystroke) is read again alone;
- a candidate added or removed reads its rows and the pool's order (ids only);
- dots read the votes of the candidates voted on; a promotion or a removed objective reads the
  candidates promoted to the objectives touched;
- a why-chain or team-goal tree whose shape changed (a statement added, moved or removed) is
  read again whole, with the themes; so are themes, dismissals and funnels when they change (all
  are what a room types in a day: tens of rows, never the plan's size);
- a team switch touched (a pair, its items, its notes) is read again with all it holds.

A change of teams, leaders or company goals (which order, own or vote on everything here), or of
rows not known, is answered with None: the caller reads the view whole.

A value of the wrong type in a column is reported as a damaged plan, as ``read_brainstorm`` did
through the ORM, never shown.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import replace
from typing import Any, TypeVar

from offsite.domain.errors import NotAPlanError
from offsite.domain.exercises import (
    DEFAULT_DOT_BUDGET,
    DEFAULT_TOP_N,
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
    VoteView,
    WhyNodeView,
)
from offsite.domain.language import translate
from offsite.domain.values import Kind
from offsite.store.document.rows import RowReader, in_ids
from offsite.store.planfile import PlanFile

__all__ = ["BRAINSTORM_KINDS", "patch_brainstorm", "read_brainstorm"]

#: The kinds of row the brainstorm view holds or depends on; a change to any other leaves it as it is.
BRAINSTORM_KINDS = frozenset(
    {
        Kind.PLAN,
        Kind.TEAM,
        Kind.LEADER,
        Kind.GOAL,
        Kind.OBJECTIVE,
        Kind.WHY_NODE,
        Kind.THEME,
        Kind.DISMISSAL,
        Kind.TEAM_GOAL,
        Kind.FUNNEL,
        Kind.SWITCH,
        Kind.SWITCH_ITEM,
        Kind.EMPATHY_NOTE,
        Kind.CANDIDATE,
        Kind.VOTE,
    }
)
#: What everything else refers to: a change to one is read whole.
_SHARED_KINDS = frozenset({Kind.TEAM, Kind.LEADER, Kind.GOAL})
#: More candidates than this in one patch are read with the whole view: one statement beats a long IN list.
_PATCH_LIMIT = 400

_SMART = tuple(f"smart_{c.value}, smart_{c.value}_note" for c in SmartCriterion)
_CANDIDATE = (
    "SELECT id, uid, team_id, text, exercise, origin_uid, origin_label, "
    + ", ".join(_SMART)
    + ", impact, shortlisted FROM candidate"
)
_NODE = "SELECT id, uid, team_id, parent_id, text, position FROM why_node"
_TEAM_GOAL = (
    "SELECT id, uid, company_goal_id, parent_id, team_id, statement, target, unit, position FROM team_goal"
)
_SWITCH = "SELECT id, uid, player_team_id, played_team_id, prepare_minutes, present_minutes FROM team_switch"
_FUNNEL = (
    "SELECT id, uid, company_goal_id, revenue_target, average_deal_size, win_rate, sql_to_opportunity, "
    "mql_to_sql, lead_to_mql, quarters, weights FROM funnel"
)


def read_brainstorm(plan: PlanFile) -> BrainstormView:
    """Everything the Brainstorm phase shows, from one consistent snapshot; trees in display order."""
    with plan.read_rows() as rows:
        return _Reader(rows, plan.name).whole()


def patch_brainstorm(
    plan: PlanFile,
    view: BrainstormView,
    rows: Mapping[Kind, Collection[int]],
    reordered: Collection[Kind] = (),
) -> BrainstormView | None:
    """``view`` with the rows an edit touched (``rows``: ids by kind) as the plan now holds them.

    ``reordered``: the kinds whose rows were added, removed or moved. A kind given with no ids
    means what cascades from the rows named (a candidate's votes, a statement's theme links).
    None when the edit touched what the whole view must be read again for (see the module).
    """
    kinds = set(rows) & BRAINSTORM_KINDS
    if not kinds:
        return view
    if kinds & _SHARED_KINDS:
        return None
    moved = set(reordered)
    if kinds == {Kind.OBJECTIVE} and Kind.OBJECTIVE not in moved:
        return view  # an objective edited (a keystroke on the Plan page): no candidate's promotion changes
    with plan.read_rows() as connection:
        reader = _Reader(connection, plan.name)
        patched: BrainstormView | None = view
        if Kind.PLAN in kinds:
            dot_budget, top_n = reader.settings()
            patched = replace(view, dot_budget=dot_budget, top_n=top_n)
        steps: list[tuple[frozenset[Kind], Callable[[BrainstormView], BrainstormView | None]]] = [
            (frozenset({Kind.WHY_NODE, Kind.THEME}), lambda v: reader.patch_chains(v, rows, moved)),
            (frozenset({Kind.DISMISSAL}), lambda v: replace(v, dismissed=reader.dismissed())),
            (frozenset({Kind.TEAM_GOAL}), lambda v: reader.patch_team_goals(v, rows[Kind.TEAM_GOAL], moved)),
            (frozenset({Kind.FUNNEL}), lambda v: replace(v, funnels=reader.funnels())),
            (
                frozenset({Kind.SWITCH, Kind.SWITCH_ITEM, Kind.EMPATHY_NOTE}),
                lambda v: reader.patch_switches(v, rows, moved),
            ),
            (
                frozenset({Kind.CANDIDATE, Kind.VOTE, Kind.OBJECTIVE}),
                lambda v: reader.patch_candidates(v, rows, moved),
            ),
        ]
        for touching, step in steps:
            if patched is None:
                return None
            if kinds & touching:
                patched = step(patched)
    return patched


_T = TypeVar("_T")


class _Reader(RowReader):
    """Reads rows into brainstorm values on one connection, in one read transaction."""

    def __init__(self, rows: sqlite3.Connection, name: str) -> None:
        super().__init__(rows, name)
        self._team_order: dict[int, int] | None = None
        self._goal_order: dict[int, int] | None = None

    # -- the whole view ---------------------------------------------------------------------
    def whole(self) -> BrainstormView:
        dot_budget, top_n = self.settings()
        nodes = self.nodes()
        return BrainstormView(
            nodes=nodes,
            themes=self.themes(nodes),
            dismissed=self.dismissed(),
            team_goals=self.team_goals(),
            funnels=self.funnels(),
            switches=self.switches(None),
            candidates=tuple(self.candidates(None)),
            votes=self.votes(None),
            dot_budget=dot_budget,
            top_n=top_n,
        )

    def settings(self) -> tuple[int, int]:
        row = self.rows.execute("SELECT dot_budget, top_n FROM plan LIMIT 1").fetchone()
        if row is None:
            return DEFAULT_DOT_BUDGET, DEFAULT_TOP_N
        return self.integer(row[0]), self.integer(row[1])

    def team_order(self) -> dict[int, int]:
        if self._team_order is None:
            ids = self.rows.execute("SELECT id FROM team ORDER BY position, id")
            self._team_order = {row[0]: n for n, row in enumerate(ids)}
        return self._team_order

    def goal_order(self) -> dict[int, int]:
        if self._goal_order is None:
            ids = self.rows.execute("SELECT id FROM company_goal ORDER BY position, id")
            self._goal_order = {row[0]: n for n, row in enumerate(ids)}
        return self._goal_order

    # -- why-chains and themes --------------------------------------------------------------
    def nodes(self) -> tuple[WhyNodeView, ...]:
        order = self.team_order()
        found = [
            (self.integer(i), self.text(uid), self.integer(team), parent, self.text(text), position)
            for i, uid, team, parent, text, position in self.rows.execute(f"{_NODE} ORDER BY position, id")
        ]
        return tuple(
            WhyNodeView(i, uid, team, parent, text, depth)
            for (i, uid, team, parent, text, _position), depth in _depth_first(
                found, lambda n: (order.get(n[2], 0), n[5], n[0])
            )
        )

    def themes(self, nodes: tuple[WhyNodeView, ...]) -> tuple[ThemeView, ...]:
        node_order = {n.id: i for i, n in enumerate(nodes)}
        links: dict[int, list[int]] = defaultdict(list)
        for theme_id, node_id in self.rows.execute("SELECT theme_id, node_id FROM theme_link"):
            links[theme_id].append(node_id)
        return tuple(
            ThemeView(
                self.integer(i),
                self.text(uid),
                self.text(name),
                tuple(sorted(links[i], key=lambda n: node_order.get(n, 0))),
            )
            for i, uid, name in self.rows.execute("SELECT id, uid, name FROM theme ORDER BY position, id")
        )

    def dismissed(self) -> tuple[DismissalView, ...]:
        return tuple(
            DismissalView(self.integer(i), self.text(first), self.text(second))
            for i, first, second in self.rows.execute(
                "SELECT id, first_uid, second_uid FROM dismissed_suggestion ORDER BY id"
            )
        )

    def patch_chains(
        self, view: BrainstormView, rows: Mapping[Kind, Collection[int]], moved: set[Kind]
    ) -> BrainstormView:
        """Statements edited in place are read alone; a chain whose shape changed, with the themes, whole."""
        ids = rows.get(Kind.WHY_NODE, ())
        if Kind.WHY_NODE not in rows:  # a theme named, made, linked or removed
            return replace(view, themes=self.themes(view.nodes))
        if Kind.WHY_NODE not in moved and Kind.THEME not in rows and ids:
            fresh = {n.id: n for n in self._nodes_by_id(ids, view)}
            if len(fresh) == len(set(ids)) and all(
                (old := view.node(i)) is not None and (old.team_id, old.parent_id) == (n.team_id, n.parent_id)
                for i, n in fresh.items()
            ):
                return view.replacing("nodes", fresh)
        nodes = self.nodes()
        return replace(view, nodes=nodes, themes=self.themes(nodes))

    def _nodes_by_id(self, ids: Collection[int], view: BrainstormView) -> list[WhyNodeView]:
        where, args = in_ids("id", ids)
        found = []
        for i, uid, team, parent, text, _position in self.rows.execute(f"{_NODE}{where}", args):
            old = view.node(i)
            found.append(
                WhyNodeView(
                    self.integer(i),
                    self.text(uid),
                    self.integer(team),
                    parent,
                    self.text(text),
                    old.depth if old else 0,
                )
            )
        return found

    # -- working back -----------------------------------------------------------------------
    def team_goals(self) -> tuple[TeamGoalView, ...]:
        order = self.goal_order()
        found = [self._team_goal(row) for row in self.rows.execute(f"{_TEAM_GOAL} ORDER BY position, id")]
        return tuple(
            replace(goal, depth=depth)
            for (goal, _position), depth in _depth_first(
                found, lambda g: (order.get(g[0].company_goal_id, 0), g[1], g[0].id)
            )
        )

    def _team_goal(self, row: tuple[Any, ...]) -> tuple[TeamGoalView, int]:
        i, uid, company_goal, parent, team, statement, target, unit, position = row
        goal = TeamGoalView(
            self.integer(i),
            self.text(uid),
            self.integer(company_goal),
            parent,
            team,
            self.text(statement),
            self.number(target),
            self.text(unit),
            0,
        )
        return goal, position

    def patch_team_goals(
        self, view: BrainstormView, ids: Collection[int], moved: set[Kind]
    ) -> BrainstormView:
        if Kind.TEAM_GOAL not in moved and ids:
            where, args = in_ids("id", ids)
            fresh = {}
            for row in self.rows.execute(f"{_TEAM_GOAL}{where}", args):
                goal, _position = self._team_goal(row)
                old = view.team_goal(goal.id)
                if old is None or (old.company_goal_id, old.parent_id) != (
                    goal.company_goal_id,
                    goal.parent_id,
                ):
                    break
                fresh[goal.id] = replace(goal, depth=old.depth)
            else:
                if len(fresh) == len(set(ids)):
                    return view.replacing("team_goals", fresh)
        return replace(view, team_goals=self.team_goals())

    def funnels(self) -> tuple[FunnelView, ...]:
        order = self.goal_order()
        found = []
        for i, uid, goal, revenue, deal, win, sql, mql, lead, quarters, weights in self.rows.execute(_FUNNEL):
            parsed_weights = self._loads(weights, "weights")
            found.append(
                FunnelView(
                    self.integer(i),
                    self.text(uid),
                    self.integer(goal),
                    self.number(revenue),
                    self.number(deal),
                    self.number(win),
                    self.number(sql),
                    self.number(mql),
                    self.number(lead),
                    quarters=tuple(str(q) for q in self._loads(quarters, "quarters") or ()),
                    weights=None if parsed_weights is None else tuple(float(w) for w in parsed_weights),
                )
            )
        return tuple(sorted(found, key=lambda f: order.get(f.company_goal_id, 0)))

    # -- team switch ------------------------------------------------------------------------
    def switches(self, ids: Collection[int] | None) -> tuple[TeamSwitchView, ...]:
        """The team switches ``ids`` (every one for None), in display order, each with all it holds."""
        where, args = in_ids("switch_id", ids)
        items: dict[int, list[SwitchItemView]] = defaultdict(list)
        for i, switch, uid, side, kind, text in self.rows.execute(
            f"SELECT id, switch_id, uid, side, kind, text FROM switch_item{where} ORDER BY position, id", args
        ):
            items[switch].append(
                SwitchItemView(
                    self.integer(i),
                    self.text(uid),
                    self.known(SwitchSide, side, "brainstorm value"),
                    self.known(SwitchItemKind, kind, "brainstorm value"),
                    self.text(text),
                )
            )
        notes: dict[int, list[EmpathyNoteView]] = defaultdict(list)
        for i, switch, uid, team, text in self.rows.execute(
            f"SELECT id, switch_id, uid, team_id, text FROM empathy_note{where} ORDER BY id", args
        ):
            notes[switch].append(
                EmpathyNoteView(self.integer(i), self.text(uid), self.integer(team), self.text(text))
            )
        where, args = in_ids("id", ids)
        return tuple(
            TeamSwitchView(
                self.integer(i),
                self.text(uid),
                self.integer(player),
                self.integer(played),
                self.integer(prepare),
                self.integer(present),
                tuple(items[i]),
                tuple(notes[i]),
            )
            for i, uid, player, played, prepare, present in self.rows.execute(
                f"{_SWITCH}{where} ORDER BY position, id", args
            )
        )

    def patch_switches(
        self, view: BrainstormView, rows: Mapping[Kind, Collection[int]], moved: set[Kind]
    ) -> BrainstormView | None:
        """The switches touched, read again with their items and notes; the pairs' order when one came or went."""
        switch_ids = set(rows.get(Kind.SWITCH, ()))
        items = set(rows.get(Kind.SWITCH_ITEM, ()))
        for item in items:
            holder = view.switch_of_item(item)
            if holder is None:  # an item the view does not hold yet: ask the file whose it is
                where, args = in_ids("id", [item])
                holder = next(
                    (r[0] for r in self.rows.execute(f"SELECT switch_id FROM switch_item{where}", args)), None
                )
            if holder is None:
                return None  # an item gone with no word of whose it was
            switch_ids.add(holder)
        if Kind.EMPATHY_NOTE in rows and not switch_ids:
            notes = rows[Kind.EMPATHY_NOTE]
            if not notes:
                return None
            where, args = in_ids("id", notes)
            switch_ids.update(
                r[0] for r in self.rows.execute(f"SELECT switch_id FROM empathy_note{where}", args)
            )
            if not switch_ids:
                return None
        fresh = {w.id: w for w in self.switches(switch_ids)}
        if Kind.SWITCH in moved or any(view.switch(i) is None for i in switch_ids):
            kept = {w.id: w for w in view.switches if w.id not in switch_ids}
            kept.update(fresh)
            order = [r[0] for r in self.rows.execute("SELECT id FROM team_switch ORDER BY position, id")]
            if any(i not in kept for i in order):
                return None
            return replace(view, switches=tuple(kept[i] for i in order))
        return view.replacing("switches", fresh)

    # -- the candidate pool -----------------------------------------------------------------
    def candidates(self, ids: Collection[int] | None) -> list[CandidateView]:
        """The candidates ``ids`` (every one for None) in pool order, with their dots and objective."""
        where, args = in_ids("candidate_id", ids)
        dots: dict[int, int] = defaultdict(int)
        for candidate, count in self.rows.execute(
            f"SELECT candidate_id, SUM(dots) FROM dot_vote{where} GROUP BY candidate_id", args
        ):
            dots[candidate] = self.integer(count)
        # Newest first, so a candidate promoted twice (a merge can do that) shows its first objective.
        promoted_sql = "SELECT o.origin_candidate_uid, o.id FROM objective o"
        if ids is None:
            promoted_sql += " WHERE o.origin_candidate_uid IS NOT NULL"
        else:
            promoted_sql += f" JOIN candidate c ON o.origin_candidate_uid = c.uid WHERE c.id IN ({', '.join('?' * len(args))})"
        promoted = dict(self.rows.execute(promoted_sql + " ORDER BY o.id DESC", args))
        where, args = in_ids("id", ids)
        found = []
        # Most candidates share their SMART answers (all yes, no notes): one value for each set.
        smart: dict[tuple[Any, ...], tuple[SmartMark, ...]] = {}
        for row in self.rows.execute(f"{_CANDIDATE}{where} ORDER BY position, id", args):
            i, uid, team, text, exercise, origin_uid, origin_label = row[:7]
            marks = row[7:17]
            impact, shortlisted = row[17:]
            if marks not in smart:
                smart[marks] = tuple(
                    SmartMark(
                        c, None if marks[2 * n] is None else bool(marks[2 * n]), self.text(marks[2 * n + 1])
                    )
                    for n, c in enumerate(SmartCriterion)
                )
            found.append(
                CandidateView(
                    self.integer(i),
                    self.text(uid),
                    team,
                    self.text(text),
                    self.known(Exercise, exercise, "brainstorm value"),
                    origin_uid,
                    self.text(origin_label),
                    smart[marks],
                    impact,
                    dots[i],
                    promoted.get(uid),
                    bool(shortlisted),
                )
            )
        return found

    def votes(self, candidate_ids: Collection[int] | None) -> tuple[VoteView, ...]:
        where, args = in_ids("candidate_id", candidate_ids)
        return tuple(
            VoteView(self.integer(leader), self.integer(candidate), self.integer(dots))
            for leader, candidate, dots in self.rows.execute(
                f"SELECT leader_id, candidate_id, dots FROM dot_vote{where} ORDER BY leader_id, candidate_id",
                args,
            )
        )

    def patch_candidates(
        self, view: BrainstormView, rows: Mapping[Kind, Collection[int]], moved: set[Kind]
    ) -> BrainstormView | None:
        """The candidates touched (edited, voted on, promoted), read again; the pool's order when one came or went."""
        ids = set(rows.get(Kind.CANDIDATE, ())) | set(rows.get(Kind.VOTE, ()))
        if Kind.OBJECTIVE in moved:  # an objective made or removed: the candidates promoted to it
            objectives = rows.get(Kind.OBJECTIVE, ())
            if not objectives:
                return None
            found = (view.promoted_from(o) for o in objectives)
            ids.update(c for c in found if c is not None)
            where, args = in_ids("o.id", objectives)
            ids.update(
                r[0]
                for r in self.rows.execute(
                    f"SELECT c.id FROM candidate c JOIN objective o ON o.origin_candidate_uid = c.uid{where}",
                    args,
                )
            )
        elif not ids and Kind.CANDIDATE not in moved:
            return view  # an objective edited: no candidate's promotion changes with it
        if len(ids) > _PATCH_LIMIT:
            return None
        fresh = {c.id: c for c in self.candidates(ids)}
        votes = view.votes
        if Kind.VOTE in rows or Kind.CANDIDATE in moved:
            kept = [v for v in votes if v.candidate_id not in ids]
            votes = tuple(sorted((*kept, *self.votes(ids)), key=lambda v: (v.leader_id, v.candidate_id)))
        if Kind.CANDIDATE in moved or len(fresh) != len(ids) or any(view.candidate(i) is None for i in fresh):
            known = {c.id: c for c in view.candidates}
            known.update(fresh)
            order = [r[0] for r in self.rows.execute("SELECT id FROM candidate ORDER BY position, id")]
            if any(i not in known for i in order):
                return None  # the pool gained candidates nobody said
            return replace(view, candidates=tuple(known[i] for i in order), votes=votes)
        if votes is view.votes:
            return view.replacing("candidates", fresh)
        return view.replacing("candidates", fresh, votes=votes)

    def _loads(self, text: str | None, what: str) -> Any:
        if text is None:
            return None
        try:
            return json.loads(text)
        except (TypeError, ValueError):
            raise NotAPlanError(unreadable_funnel(what).format(plan=self.name)) from None


def _depth_first(rows: Iterable[_T], root_order: Callable[[_T], Any]) -> list[tuple[_T, int]]:
    """Rows of a tree in display order (each parent before its answers), with their depth.

    ``rows`` are tuples whose first field is the id and fourth the parent's id (team goals: a
    (view, position) pair), in sibling order; the rows without a parent are sorted by ``root_order``.
    """
    listed = list(rows)
    key = _tree_keys(listed)
    children: dict[int, list[_T]] = defaultdict(list)
    for row in listed:
        parent = key(row)[1]
        if parent is not None:
            children[parent].append(row)
    roots = sorted((row for row in listed if key(row)[1] is None), key=root_order)
    ordered: list[tuple[_T, int]] = []
    stack = [(row, 0) for row in reversed(roots)]
    while stack:
        row, depth = stack.pop()
        ordered.append((row, depth))
        stack += [(child, depth + 1) for child in reversed(children.get(key(row)[0], []))]
    return ordered


def _tree_keys(rows: list[Any]) -> Callable[[Any], tuple[int, int | None]]:
    """How to tell a row's id and parent's id: why-node tuples, or (team goal, position) pairs."""
    if rows and isinstance(rows[0][0], TeamGoalView):
        return lambda row: (row[0].id, row[0].parent_id)
    return lambda row: (row[0], row[3])


def unreadable_funnel(what: str) -> str:
    """The sentence for a plan whose funnel quarters or weights are not JSON; ``{plan}`` to fill."""
    if what == "quarters":
        return translate(
            "Brainstorm",
            "“{plan}” holds funnel quarters Offsite cannot read, so it may be damaged. "
            "Run “offsite check {plan}” to list its problems.",
        )
    return translate(
        "Brainstorm",
        "“{plan}” holds funnel weights Offsite cannot read, so it may be damaged. "
        "Run “offsite check {plan}” to list its problems.",
    )
