"""The company goals, numbered G1, G2… with baseline, target and due date."""

from __future__ import annotations

from typing import Any

from offsite.domain.formatting import format_date
from offsite.domain.language import translate
from offsite.exchange.pdf.flowables import grid_commands, platypus_module, table
from offsite.exchange.pdf.layout import Layout
from offsite.exchange.pdf.rtl import para
from offsite.exchange.pdf.sections.common import goal_range, section_heading
from offsite.exchange.pdf.styles import ACCENT, MM


def build(layout: Layout) -> list[Any]:
    platypus, s, view = platypus_module(), layout.styles, layout.view
    story: list[Any] = [
        section_heading(layout, layout.next_section(), translate("PdfGoals", "Company goals"))
    ]
    if not view.goals:
        return [
            *story,
            para(translate("PdfGoals", "No company goals have been set yet."), s.note),
            platypus.Spacer(1, 10 * MM),
        ]
    widths = [9 * MM, layout.width - 9 * MM - 62 * MM - 32 * MM, 62 * MM, 32 * MM]
    rows: list[list[Any]] = [
        [
            para("", s.head),
            para(translate("PdfGoals", "Goal"), s.head),
            para(translate("PdfGoals", "Baseline → target"), s.head),
            para(translate("PdfGoals", "Due"), s.head),
        ]
    ]
    for index, goal in enumerate(view.goals, start=1):
        rows.append(
            [
                para(f"G{index}", s.cell_bold, colour=ACCENT),
                para(goal.statement, s.cell_bold),
                para(goal_range(goal), s.cell),
                para(format_date(goal.due) or "—", s.cell),
            ]
        )
    story.append(table(rows, widths, grid_commands(), repeatRows=1))
    story.append(platypus.Spacer(1, 10 * MM))
    return story
