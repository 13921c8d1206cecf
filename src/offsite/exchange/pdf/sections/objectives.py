"""The objectives, each team's own then the shared ones, with their facts, method and metrics."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from offsite.domain.formatting import format_date, format_number
from offsite.domain.language import translate
from offsite.domain.values import (
    Direction,
    MetricView,
    ObjectiveView,
    PlanView,
)
from offsite.exchange import fonts
from offsite.exchange.pdf.flowables import checkpoint, grid_commands, platypus_module, table
from offsite.exchange.pdf.layout import Layout
from offsite.exchange.pdf.rtl import para
from offsite.exchange.pdf.sections.common import section_heading
from offsite.exchange.pdf.styles import INDENT, MM


def build(layout: Layout) -> list[Any]:
    platypus, s = platypus_module(), layout.styles
    story: list[Any] = [
        section_heading(
            layout, layout.next_section(), translate("PdfObjectives", "Objectives, methods and metrics")
        )
    ]
    groups = layout.input.groups
    if not layout.view.objectives:
        story.append(para(translate("PdfObjectives", "No objectives have been written yet."), s.note))
    for group in groups:
        title = para(group.heading, s.h2)
        title.keepWithNext = True
        story.append(title)
        if group.shared:
            intro = para(
                translate(
                    "PdfObjectives",
                    "Objectives owned by more than one team; every owning team’s leaders must agree.",
                ),
                s.note,
            )
            intro.keepWithNext = True
            story.append(intro)
        if not group.objectives:
            story.append(para(_no_objectives_note(layout.view, group.team_id), s.note))
        for objective in group.objectives:
            story += _objective(layout, objective, group.shared)
            story.append(checkpoint(layout.run))
        story.append(platypus.Spacer(1, 4 * MM))
    return story


def _no_objectives_note(view: PlanView, team_id: int | None) -> str:
    if any(len(o.team_ids) > 1 and team_id in o.team_ids for o in view.objectives):
        return translate("PdfObjectives", "No objectives of this team’s own; it shares the objectives below.")
    return translate("PdfObjectives", "No objectives for this team yet.")


def _objective(layout: Layout, objective: ObjectiveView, shared: bool) -> list[Any]:
    platypus, s, view = platypus_module(), layout.styles, layout.view
    width = layout.width
    number = layout.numbers[objective.id]
    # From O100 on, the number needs more than the indent: its column widens rather than wrap it.
    number_width = max(INDENT, fonts.text_width(number, s.number.fontSize, bold=True) + 6)
    heading = table(
        [
            [
                para(number, s.number),
                para(objective.statement or translate("PdfObjectives", "Untitled objective"), s.objective),
            ]
        ],
        [number_width, width - number_width],
        [("LEFTPADDING", (0, 0), (0, 0), 0), ("TOPPADDING", (0, 0), (-1, -1), 8)],
    )
    heading.keepWithNext = True

    goal_cells: list[Any] = []
    for goal_id in objective.goal_ids:
        index = next((i for i, g in enumerate(view.goals, start=1) if g.id == goal_id), None)
        goal = view.goals[index - 1] if index else None
        if goal is not None:
            goal_cells.append(para(f"G{index}  {goal.statement}", s.cell))
    facts: list[list[Any]] = [
        [
            para(translate("PdfObjectives", "PERIOD"), s.label),
            para(objective.period.strip() or translate("PdfObjectives", "Not set"), s.cell),
        ],
        [
            para(translate("PdfObjectives", "COMPANY GOALS"), s.label),
            goal_cells or para(translate("PdfObjectives", "Not linked to a company goal"), s.cell_muted),
        ],
    ]
    if shared:
        teams = ", ".join(t.name for i in objective.team_ids if (t := view.team(i)) is not None)
        facts.insert(0, [para(translate("PdfObjectives", "OWNED BY"), s.label), para(teams, s.cell_bold)])
    labels = [translate("PdfObjectives", "PERIOD"), translate("PdfObjectives", "COMPANY GOALS")]
    if shared:
        labels.append(translate("PdfObjectives", "OWNED BY"))
    label_width = room_for(labels, s.label.fontSize, 30 * MM, padding=8)
    facts_table = table(
        facts,
        [label_width, width - INDENT - label_width],
        [
            ("LEFTPADDING", (0, 0), (0, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ("TOPPADDING", (0, 0), (0, -1), 2.5),
        ],
        hAlign="RIGHT",
    )
    method_lines = [line for line in fonts.clean(objective.method).split("\n") if line.strip()]
    method = [para(line, s.body_indented) for line in method_lines] or [
        para(translate("PdfObjectives", "No method written yet."), s.note_indented)
    ]
    method += _owner_line(view, objective.method_owner_id, s.note_indented, method=True)
    # The heading never stands alone at the foot of a page: it goes with its facts and the
    # first lines of its method (KeepTogether still splits what is taller than a page).
    story: list[Any] = [
        platypus.KeepTogether(
            [
                heading,
                *_owner_line(view, objective.owner_id, s.body_indented),
                facts_table,
                platypus.Spacer(1, 6),
                para(translate("PdfObjectives", "METHOD"), s.label_indented),
                method[0],
            ]
        ),
        *method[1:],
        platypus.Spacer(1, 4),
        _metrics_table(layout, objective.metrics, width - INDENT),
        platypus.Spacer(1, 6 * MM),
    ]
    return story


def _owner_line(view: PlanView, leader_id: int | None, style: Any, *, method: bool = False) -> list[Any]:
    """“Owner: Maya Okafor” for what a leader answers for; nothing when nobody does (as older plans print).

    The method's line says “Method owner”: printed under the method, a bare “Owner” would read
    as the objective's.
    """
    leader = None if leader_id is None else view.leader(leader_id)
    if leader is None:
        return []
    if method:
        return [para(translate("PdfObjectives", "Method owner: {leader}").format(leader=leader.name), style)]
    return [para(translate("PdfObjectives", "Owner: {leader}").format(leader=leader.name), style)]


def room_for(texts: Sequence[str], size: float, at_least: float, *, padding: float) -> float:
    """A column's width: ``at_least``, or wider when one of ``texts`` (a label, a word of Offsite's own,
    in the leader's language) would not fit on one line in bold at ``size`` with ``padding``."""
    return max(at_least, max((fonts.text_width(t, size, bold=True) for t in texts), default=0.0) + padding)


def _metrics_table(layout: Layout, metrics: Sequence[MetricView], width: float) -> Any:
    s = layout.styles
    if not metrics:
        return para(translate("PdfObjectives", "No metrics yet."), s.note)
    columns = [
        (translate("PdfObjectives", "Metric"), 0.0, s.head),
        # A large figure ("1.250.000") or a longer word for the heading widens its column.
        (
            translate("PdfObjectives", "Baseline"),
            room_for(
                [translate("PdfObjectives", "Baseline"), *(format_number(m.baseline) for m in metrics)],
                s.cell.fontSize,
                15 * MM,
                padding=7,
            ),
            s.head_right,
        ),
        (
            translate("PdfObjectives", "Target"),
            room_for(
                [translate("PdfObjectives", "Target"), *(format_number(m.target) for m in metrics)],
                s.cell.fontSize,
                13 * MM,
                padding=7,
            ),
            s.head_right,
        ),
        (translate("PdfObjectives", "Unit"), 21 * MM, s.head),
        (
            translate("PdfObjectives", "Direction"),
            # A language's words for up and down may be longer than "↑ Up": the column makes room.
            room_for(
                [translate("PdfObjectives", "↑ Up"), translate("PdfObjectives", "↓ Down")],
                s.cell.fontSize,
                16 * MM,
                padding=7,
            ),
            s.head,
        ),
        (translate("PdfObjectives", "Due"), 23 * MM, s.head),
        (translate("PdfObjectives", "Data source"), 28 * MM, s.head),
    ]
    fixed = sum(w for _, w, _ in columns)
    widths = [width - fixed if w == 0 else w for _, w, _ in columns]
    rows: list[list[Any]] = [[para(label, style) for label, _, style in columns]]
    for metric in metrics:
        flags = [
            label
            for label, on in (
                (translate("PdfObjectives", "CUSTOMER-CENTRIC"), metric.customer_centric),
                (translate("PdfObjectives", "SHARED"), metric.shared),
            )
            if on
        ]
        name: list[Any] = [para(metric.name, s.cell_bold)]
        name += _owner_line(layout.view, metric.owner_id, s.cell_muted)
        if flags:
            name += [para(flag, s.flag) for flag in flags]
        rows.append(
            [
                name,
                para(format_number(metric.baseline) or "—", s.cell_right),
                para(format_number(metric.target) or "—", s.cell_right),
                para(metric.unit, s.cell),
                para(
                    translate("PdfObjectives", "↑ Up")
                    if metric.direction is Direction.UP
                    else translate("PdfObjectives", "↓ Down"),
                    s.cell,
                ),
                para(format_date(metric.due) or "—", s.cell),
                para(metric.data_source or "—", s.cell_muted),
            ]
        )
    commands = [
        *grid_commands(),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    return table(rows, widths, commands, repeatRows=1, hAlign="RIGHT")
