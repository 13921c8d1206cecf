"""Appendix: each company goal worked back into team goals, with its reverse funnel."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from offsite.domain.exercises import (
    BrainstormView,
)
from offsite.domain.formatting import format_number
from offsite.domain.language import translate
from offsite.exchange.pdf.flowables import grid_commands, platypus_module, table
from offsite.exchange.pdf.layout import Layout
from offsite.exchange.pdf.rtl import para
from offsite.exchange.pdf.sections import funnel as funnel_section
from offsite.exchange.pdf.sections.common import funnel_has_inputs, goal_range, intro, team_name, tree_item
from offsite.exchange.pdf.styles import ACCENT, INDENT, MM


def build(layout: Layout, brainstorm: BrainstormView) -> list[Any]:
    platypus, s = platypus_module(), layout.styles
    story: list[Any] = []
    for index, goal in enumerate(layout.view.goals, start=1):
        tree = [g for g in brainstorm.team_goals if g.company_goal_id == goal.id]
        funnel = brainstorm.funnel(goal.id)
        if funnel is not None and not funnel_has_inputs(funnel):
            funnel = None
        if not tree and funnel is None:
            continue
        heading = table(
            [
                [
                    para(f"G{index}", s.h3, colour=ACCENT),
                    [
                        para(goal.statement.strip() or translate("PdfWorkBack", "Untitled goal"), s.h3),
                        para(goal_range(goal), s.note),
                    ],
                ]
            ],
            [INDENT, layout.width - INDENT],
            [("LEFTPADDING", (0, 0), (0, 0), 0), ("TOPPADDING", (0, 0), (-1, -1), 8)],
        )
        heading.keepWithNext = True
        story.append(heading)
        if tree:
            story.append(_team_goal_table(layout, tree))
        if funnel is not None:
            story += funnel_section.build(layout, funnel)
        story.append(platypus.Spacer(1, 4 * MM))
    if story:
        story.insert(
            0,
            intro(
                layout,
                translate(
                    "PdfWorkBack",
                    "Each company goal broken down into the team goals that deliver it (a goal under "
                    "another helps deliver it), and the reverse funnel from the revenue target back to "
                    "the leads it needs.",
                ),
            ),
        )
    return story


def _amount(value: float | None, unit: str = "") -> str:
    figure = format_number(value)
    if not figure:
        return "—"
    unit = unit.strip()
    if not unit:
        return figure
    return f"{figure}{unit}" if unit == "%" else f"{figure} {unit}"


def _team_goal_table(layout: Layout, tree: Sequence[Any]) -> Any:
    s = layout.styles
    team_width, target_width = 38 * MM, 30 * MM
    goal_width = layout.width - team_width - target_width
    rows: list[list[Any]] = [
        [
            para(translate("PdfWorkBack", "Team goal"), s.head),
            para(translate("PdfWorkBack", "Team"), s.head),
            para(translate("PdfWorkBack", "Target"), s.head_right),
        ]
    ]
    for goal in tree:
        rows.append(
            [
                tree_item(layout, goal.statement, goal.depth, width=goal_width - 8, small=True),
                para(team_name(layout, goal.team_id), s.cell),
                para(_amount(goal.target, goal.unit), s.cell_right),
            ]
        )
    commands = [
        *grid_commands(),
        ("TOPPADDING", (0, 1), (0, -1), 2),
        ("BOTTOMPADDING", (0, 1), (0, -1), 2.5),
    ]
    return table(rows, [goal_width, team_width, target_width], commands, repeatRows=1)
