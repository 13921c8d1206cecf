"""Appendix: the common themes, each with the statements of the teams linked to it."""

from __future__ import annotations

from typing import Any

from offsite.domain.exercises import (
    BrainstormView,
)
from offsite.domain.language import translate
from offsite.exchange.pdf.flowables import grid_commands, platypus_module, table
from offsite.exchange.pdf.layout import Layout
from offsite.exchange.pdf.rtl import para
from offsite.exchange.pdf.sections.common import NO_WORDS, h3, intro, team_name
from offsite.exchange.pdf.styles import MM


def build(layout: Layout, brainstorm: BrainstormView) -> list[Any]:
    platypus, s = platypus_module(), layout.styles
    if not brainstorm.themes:
        return []
    story: list[Any] = [
        intro(
            layout,
            translate(
                "PdfThemes",
                "Where different teams’ chains arrive at the same reason, it is linked as a common theme.",
            ),
        )
    ]
    team_width = 40 * MM
    by_id = {n.id: n for n in brainstorm.nodes}
    for theme in brainstorm.themes:
        story.append(h3(layout, theme.name.strip() or translate("PdfThemes", "Untitled theme")))
        nodes = [n for i in theme.node_ids if (n := by_id.get(i)) is not None]
        if not nodes:
            story.append(para(translate("PdfThemes", "No statements are linked to this theme yet."), s.note))
            continue
        rows: list[list[Any]] = [
            [para(translate("PdfThemes", "Team"), s.head), para(translate("PdfThemes", "Statement"), s.head)]
        ]
        rows += [
            [
                para(team_name(layout, n.team_id), s.cell_bold),
                para(n.text.strip() or translate("PdfCommon", NO_WORDS), s.cell),
            ]
            for n in nodes
        ]
        story.append(table(rows, [team_width, layout.width - team_width], grid_commands(), repeatRows=1))
        story.append(platypus.Spacer(1, 2 * MM))
    return story
