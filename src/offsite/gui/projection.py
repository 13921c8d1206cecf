"""What the room sees: a ``Projection`` of the facilitator's current view, as plain values.

A page says what it would put on the projector with ``Page.projection()`` and announces a change
with ``Page.projectionChanged``; the projector window (``offsite.gui.projector``) renders whatever
it gets. A projection holds no widget and no Qt type: the builders here are plain functions of the
plan's views, so they are tested without a window.

What is never projected (the facilitator's own): key hints, status and guidance lines, the rules
under a list, file paths, candidates' SMART notes and origins, undo. What is the room's output and
is projected: the chains and their themes, the funnel and its inputs, both versions of a team switch
with the "what we had not seen" notes, the dots, objectives with their methods and metrics, and each
leader's buy-in stance with its comment.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from offsite.domain.buyin import current_stances, is_bought_in, leaders_concerned, stance_of
from offsite.domain.exercises import BrainstormView, SwitchItemKind, SwitchSide, TeamSwitchView
from offsite.domain.formatting import format_date_range, format_number, format_short_date
from offsite.domain.journey import Swimlane
from offsite.domain.language import translate
from offsite.domain.series import FunnelSeries, MetricSeries, PairSeries, TrendSeries
from offsite.domain.values import (
    CompanyGoalView,
    Direction,
    ObjectiveView,
    PlanView,
    Stance,
    StanceEvent,
    TeamView,
)

#: The kinds of projection, one per thing the room can be shown.
KINDS = ("chain", "funnel", "switch", "ranking", "objective", "phase", "chart", "journey", "agreement")
#: What a "chart" projection draws: one of the progress charts' plain series (``domain/series``).
ChartSeries = MetricSeries | PairSeries | FunnelSeries | TrendSeries

#: How a line or a table row stands out (the projector maps each to its colours).
STYLES = (
    "",
    "current",
    "heading",
    "theme",
    "matched",
    "only",
    "muted",
    "quote",
    "total",
    "shortlisted",
    "good",
    "bad",
)


@dataclass(frozen=True, slots=True)
class Line:
    """One line of text, indented by ``depth``; ``mark`` is a short tag shown after it."""

    text: str
    depth: int = 0
    style: str = ""
    mark: str = ""
    bullet: str = ""


@dataclass(frozen=True, slots=True)
class Column:
    """A heading and its lines: one team's chains, one side of a switch."""

    heading: str
    lines: tuple[Line, ...] = ()
    subheading: str = ""


@dataclass(frozen=True, slots=True)
class Table:
    """Rows of text under headers; ``numeric`` columns align right, ``stretch`` takes the width."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    row_styles: tuple[str, ...] = ()
    numeric: frozenset[int] = frozenset()
    stretch: int | None = None

    def style(self, row: int) -> str:
        return self.row_styles[row] if row < len(self.row_styles) else ""


@dataclass(frozen=True, slots=True)
class Projection:
    """What the projector shows: a title, then facts, columns, a table, lines and a chart, in that order."""

    kind: str
    title: str
    subtitle: str = ""
    facts: tuple[tuple[str, str], ...] = ()
    columns: tuple[Column, ...] = ()
    table: Table | None = None
    lines: tuple[Line, ...] = ()
    footer: str = ""
    #: A progress chart drawn large under the title (a metric's against ``today``), or None.
    chart: ChartSeries | None = None
    today: dt.date | None = None
    #: The customer journey drawn large under the title, with the stage under discussion (its id).
    swimlane: Swimlane | None = None
    current: int | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"a projection is one of {', '.join(KINDS)}, not {self.kind!r}")

    def text(self) -> str:
        """Everything it shows, as lines of plain text (for tests, and for a screen reader)."""
        out = [self.title, self.subtitle]
        out += [f"{label}: {value}" for label, value in self.facts]
        for column in self.columns:
            out += [column.heading, column.subheading]
            out += [_line_text(line) for line in column.lines]
        if self.table is not None:
            out.append(" | ".join(self.table.headers))
            out += [" | ".join(row) for row in self.table.rows]
        out += [_line_text(line) for line in self.lines]
        if self.chart is not None:
            out.append(self.chart.summary())
        if self.swimlane is not None:
            out += [f"{lane.name}:" for lane in self.swimlane.lanes]
            out += [
                translate("Projector", "{stage} (current)").format(stage=placed.stage.title)
                if placed.stage.id == self.current
                else placed.stage.title
                for placed in self.swimlane.stages
            ]
            out += [f"→ {h.label}" for h in self.swimlane.crossings if h.label]
        out.append(self.footer)
        return "\n".join(part for part in out if part)


def _line_text(line: Line) -> str:
    return "  " * line.depth + line.text + (f"  [{line.mark}]" if line.mark else "")


def _names(teams: Iterable[TeamView]) -> dict[int, str]:
    return {t.id: t.name for t in teams}


# -- the phase title card -------------------------------------------------------------------------
def phase_projection(phase_title: str, view: PlanView | None = None) -> Projection:
    """A title card: the phase, the offsite's title, its dates and venue."""
    if view is None:
        return Projection("phase", phase_title)
    details = view.details
    when = _date_range(details.starts_on, details.ends_on)
    subtitle = " · ".join(part for part in (details.title, when, details.venue) if part)
    lines = (Line(" ".join(details.vision.split()), style="quote"),) if details.vision.strip() else ()
    facts = ((translate("Projector", "Horizon"), details.horizon),) if details.horizon.strip() else ()
    return Projection("phase", phase_title, subtitle, facts=facts, lines=lines)


def _date_range(start: dt.date | None, end: dt.date | None) -> str:
    """“14–15 January 2027”, “30 January – 2 February 2027”, or one date."""
    if start is None:
        return ""
    return format_date_range(start, end)


# -- Brainstorm: ask why ---------------------------------------------------------------------------
def chain_projection(
    pool: BrainstormView,
    teams: Sequence[TeamView],
    team_ids: Sequence[int],
    current_ids: Mapping[int, int | None] | None = None,
) -> Projection:
    """The chains of the teams shown, side by side, as indented trees with their themes marked.

    ``current_ids`` gives each team's selected statement, which the room sees highlighted.
    """
    names = _names(teams)
    themes: dict[int, list[str]] = {}
    for theme in pool.themes:
        for node_id in theme.node_ids:
            themes.setdefault(node_id, []).append(theme.name)
    current = current_ids or {}
    columns = []
    for team_id in team_ids:
        nodes = [n for n in pool.nodes if n.team_id == team_id]
        lines = tuple(
            Line(
                " ".join(node.text.split()) or "…",
                depth=node.depth,
                bullet="↳" if node.depth else "",
                style="current"
                if current.get(team_id) == node.id
                else ("theme" if node.id in themes else ""),
                mark=" · ".join(f"◆ {name}" for name in themes.get(node.id, ())),
            )
            for node in nodes
        )
        if not lines:
            lines = (Line(translate("Projector", "No chain yet"), style="muted"),)
        columns.append(
            Column(names[team_id] if team_id in names else translate("Projector", "A team"), lines)
        )
    title = translate("Projector", "Ask why")
    subtitle = translate("Projector", "Why? And why again — until the teams meet at the same reasons.")
    if not columns:
        return Projection(
            "chain",
            title,
            subtitle,
            lines=(Line(translate("Projector", "No team chosen yet"), style="muted"),),
        )
    return Projection("chain", title, subtitle, columns=tuple(columns))


# -- Brainstorm: work back -------------------------------------------------------------------------
def funnel_projection(
    goal: CompanyGoalView | None,
    summary: str,
    inputs: Sequence[tuple[str, str]],
    headers: Sequence[str],
    rows: Sequence[tuple[str, Sequence[str]]],
    *,
    total_label: str = "Total",
) -> Projection:
    """The reverse funnel of a company goal: its inputs as facts, the table per quarter beneath."""
    if goal is None:
        return Projection(
            "funnel",
            translate("Projector", "Work back"),
            lines=(Line(translate("Projector", "No company goal yet"), style="muted"),),
        )
    facts = tuple((label, value or "—") for label, value in inputs)
    if not rows:
        return Projection(
            "funnel",
            goal.statement,
            summary,
            facts=facts,
            lines=(
                Line(
                    translate("Projector", "The table appears once every input is filled in."), style="muted"
                ),
            ),
        )
    table = Table(
        (translate("Projector", "Quarter"), *headers),
        tuple((label, *figures) for label, figures in rows),
        tuple("total" if label == total_label else "" for label, _ in rows),
        numeric=frozenset(range(1, len(headers) + 1)),
    )
    return Projection("funnel", goal.statement, summary, facts=facts, table=table)


# -- Brainstorm: team switch -----------------------------------------------------------------------
def switch_projection(
    switch: TeamSwitchView | None,
    player: str,
    played: str,
    marks: Mapping[int, tuple[str | None, str]],
) -> Projection:
    """The players' version beside the real team's own, each item marked matched or one-side-only.

    ``marks`` maps an item id to (the matching text on the other side or None, its words).
    """
    if switch is None:
        return Projection(
            "switch",
            translate("Projector", "Team switch"),
            lines=(Line(translate("Projector", "No pair yet"), style="muted"),),
        )

    def side(which: SwitchSide) -> tuple[Line, ...]:
        lines: list[Line] = []
        headings = (
            (SwitchItemKind.GOAL, translate("Projector", "Goals")),
            (SwitchItemKind.PLAN, translate("Projector", "Plan")),
        )
        for kind, heading in headings:
            items = [i for i in switch.side(which) if i.kind is kind]
            lines.append(Line(heading, style="heading"))
            if not items:
                lines.append(Line("—", depth=1, style="muted"))
            for item in items:
                matched, _words = marks.get(item.id, (None, ""))
                lines.append(
                    Line(
                        " ".join(item.text.split()) or "…",
                        depth=1,
                        bullet="•",
                        style="matched" if matched is not None else "only",
                        mark=translate("Projector", "✓ both")
                        if matched is not None
                        else translate("Projector", "● only here"),
                    )
                )
        return tuple(lines)

    own = (
        translate("Projector", "{team}' own")
        if played.endswith("s")
        else translate("Projector", "{team}'s own")
    )
    columns = (
        Column(
            translate("Projector", "{played}, as {player} presented it").format(played=played, player=player),
            side(SwitchSide.PLAYED),
            translate("Projector", "The players' version"),
        ),
        Column(
            own.format(team=played),
            side(SwitchSide.REAL),
            translate("Projector", "The real team's goals and plan"),
        ),
    )
    notes: list[Line] = []
    for team_id, name in ((switch.player_team_id, player), (switch.played_team_id, played)):
        note = switch.note(team_id)
        if note is not None and note.text.strip():
            notes.append(
                Line(
                    translate("Projector", "{team} — what we had not seen").format(team=name), style="heading"
                )
            )
            notes += [
                Line(text.strip(), depth=1, bullet="•") for text in note.text.splitlines() if text.strip()
            ]
    return Projection(
        "switch",
        translate("Projector", "{player} plays {played}").format(player=player, played=played),
        translate("Projector", "{prepare} min to prepare · {present} min to present").format(
            prepare=switch.prepare_minutes, present=switch.present_minutes
        ),
        columns=columns,
        lines=tuple(notes),
        footer=translate(
            "Projector", "✓ both: the two versions agree · ● only here: one side did not see it"
        ),
    )


# -- Brainstorm: the vote --------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Ranked:
    """A candidate in the vote as the room sees it."""

    rank: int
    text: str
    team: str
    dots: int
    shortlisted: bool = False
    promoted: bool = False
    current: bool = False


def ranking_projection(rows: Sequence[Ranked], *, by: str = "dots", top_n: int | None = None) -> Projection:
    """The candidate pool in rank order, with each candidate's dots and the shortlist marked."""
    if not rows:
        return Projection(
            "ranking",
            translate("Projector", "The vote"),
            lines=(Line(translate("Projector", "No candidate yet"), style="muted"),),
        )
    table = Table(
        (
            "#",
            translate("Projector", "Candidate"),
            translate("Projector", "Team"),
            translate("Projector", "Dots"),
            "",
        ),
        tuple(
            (
                str(r.rank),
                " ".join(r.text.split()) or "…",
                r.team,
                "●" * r.dots if 0 < r.dots <= 12 else (str(r.dots) if r.dots else ""),
                translate("Projector", "→ objective")
                if r.promoted
                else (translate("Projector", "✓ top") if r.shortlisted else ""),
            )
            for r in rows
        ),
        tuple("current" if r.current else ("shortlisted" if r.shortlisted else "") for r in rows),
        numeric=frozenset({0}),
        stretch=1,
    )
    subtitle = (
        translate("Projector", "Ranked by impact")
        if by == "impact"
        else translate("Projector", "Ranked by dots")
    )
    if top_n is not None and any(r.shortlisted for r in rows):
        subtitle = translate("Projector", "{ranking} · the top {count} of each team kept").format(
            ranking=subtitle, count=format_number(top_n)
        )
    return Projection("ranking", translate("Projector", "The vote"), subtitle, table=table)


# -- Plan and Buy-in: the objective under discussion -----------------------------------------------
def _sentences(method: str) -> tuple[Line, ...]:
    text = " ".join(method.split())
    if not text:
        return ()
    parts, start = [], 0
    for i, char in enumerate(text):
        if char in ".!?" and (i + 1 == len(text) or text[i + 1] == " "):
            parts.append(text[start : i + 1].strip())
            start = i + 1
    if text[start:].strip():
        parts.append(text[start:].strip())
    return (
        Line(translate("Projector", "Method"), style="heading"),
        *(Line(p, depth=1, bullet="•") for p in parts),
    )


def _objective_facts(view: PlanView, objective: ObjectiveView) -> tuple[tuple[str, str], ...]:
    names = _names(view.teams)
    facts = [
        (translate("Projector", "Teams"), ", ".join(names.get(t, "?") for t in objective.team_ids) or "—")
    ]
    if objective.period.strip():
        facts.append((translate("Projector", "Period"), objective.period))
    goals = [g.statement for g in view.goals if g.id in objective.goal_ids]
    if goals:
        facts.append((translate("Projector", "Serves"), "; ".join(goals)))
    return tuple(facts)


def _metrics_table(objective: ObjectiveView) -> Table | None:
    if not objective.metrics:
        return None
    rows = []
    for metric in objective.metrics:
        unit = f" {metric.unit}" if metric.unit.strip() else ""
        arrow = "↑" if metric.direction is Direction.UP else "↓"
        baseline = format_number(metric.baseline) if metric.baseline is not None else "—"
        target = format_number(metric.target) if metric.target is not None else "—"
        flags = " · ".join(
            name
            for name, on in (
                (translate("Projector", "shared"), metric.shared),
                (translate("Projector", "customer"), metric.customer_centric),
            )
            if on
        )
        rows.append(
            (
                metric.name or "…",
                f"{baseline} → {target}{unit} {arrow}",
                format_short_date(metric.due) if metric.due else "—",
                flags,
            )
        )
    headers = (
        translate("Projector", "Metric"),
        translate("Projector", "Baseline → target"),
        translate("Projector", "Due"),
    )
    if not any(row[3] for row in rows):  # no flag anywhere: no empty column
        return Table(headers, tuple(row[:3] for row in rows))
    return Table((*headers, ""), tuple(rows))


def objective_projection(view: PlanView, objective_id: int | None) -> Projection:
    """The objective under discussion: its statement, teams and period, method and metrics."""
    objective = view.objective(objective_id) if objective_id is not None else None
    if objective is None:
        return Projection(
            "objective",
            translate("Projector", "Objectives"),
            lines=(Line(translate("Projector", "No objective yet"), style="muted"),),
        )
    return Projection(
        "objective",
        objective.statement or "…",
        facts=_objective_facts(view, objective),
        table=_metrics_table(objective),
        lines=_sentences(objective.method),
    )


STANCE_STYLES = {
    Stance.AGREED: "good",
    Stance.DECLINED: "bad",
    Stance.CHANGES_REQUESTED: "bad",
    Stance.DISCUSSING: "",
    Stance.PENDING: "muted",
}


def buyin_projection(
    view: PlanView,
    objective_id: int | None,
    leader_id: int | None = None,
    stances: Mapping[tuple[int, int], StanceEvent] | None = None,
) -> Projection:
    """The objective under discussion with its buy-in row: each concerned leader's stance and comment.

    ``stances`` defaults to the plan's current ones; ``leader_id`` (the selected cell) is highlighted.
    """
    objective = view.objective(objective_id) if objective_id is not None else None
    if objective is None:
        return Projection(
            "objective",
            translate("Projector", "Buy-in"),
            lines=(Line(translate("Projector", "No objective yet"), style="muted"),),
        )
    stances = current_stances(view.stances) if stances is None else stances
    concerned = leaders_concerned(objective, view.leaders)
    names = _names(view.teams)
    rows, styles = [], []
    for leader in concerned:
        stance = stance_of(objective.id, leader.id, stances)
        event = stances.get((objective.id, leader.id))
        rows.append(
            (
                leader.name,
                names.get(leader.team_id, "") if leader.team_id is not None else "",
                stance.label,
                f"“{event.comment}”" if event is not None and event.comment.strip() else "",
            )
        )
        styles.append("current" if leader.id == leader_id else STANCE_STYLES.get(stance, ""))
    agreed = sum(stance_of(objective.id, p.id, stances) is Stance.AGREED for p in concerned)
    if is_bought_in(objective, view.leaders, stances):
        footer = translate("Projector", "✓ Bought in: all {count} agreed").format(
            count=format_number(len(concerned))
        )
    elif concerned:
        footer = translate("Projector", "{agreed} of {count} agreed").format(
            agreed=format_number(agreed), count=format_number(len(concerned))
        )
    else:
        footer = translate("Projector", "No leader's team owns this objective yet")
    headers = (
        translate("Projector", "Leader"),
        translate("Projector", "Team"),
        translate("Projector", "Stance"),
        translate("Projector", "Comment"),
    )
    table = Table(headers, tuple(rows), tuple(styles), stretch=3)
    return Projection(
        "objective",
        objective.statement or "…",
        translate("Projector", "Buy-in · {footer}").format(footer=footer),
        facts=_objective_facts(view, objective),
        table=table if rows else None,
    )
