"""Appendix: each team's ask-why chains as indented trees, tagged with their common themes."""

from __future__ import annotations

from typing import Any

from offsite.domain.exercises import (
    BrainstormView,
)
from offsite.domain.language import translate
from offsite.exchange.pdf.flowables import platypus_module
from offsite.exchange.pdf.layout import Layout
from offsite.exchange.pdf.rtl import para
from offsite.exchange.pdf.sections.common import by_team, h3, intro, tree_item
from offsite.exchange.pdf.styles import MM


def build(layout: Layout, brainstorm: BrainstormView) -> list[Any]:
    platypus, s = platypus_module(), layout.styles
    if not brainstorm.nodes:
        return []
    themes_of: dict[int, list[str]] = {}
    for theme in brainstorm.themes:
        for node_id in theme.node_ids:
            themes_of.setdefault(node_id, []).append(
                theme.name.strip() or translate("PdfThemes", "Untitled theme")
            )
    story: list[Any] = [
        intro(
            layout,
            translate(
                "PdfWhyChains",
                "Each team wrote what it exists to do, then kept asking “why?”; every answer sits under "
                "the statement it answers. A statement that belongs to a common theme is tagged with it.",
            ),
        )
    ]
    for team, nodes in by_team(layout, brainstorm.nodes):
        story.append(h3(layout, team))
        for node in nodes:
            tags = [
                para(translate("PdfWhyChains", "Theme: {theme}").format(theme=name), s.tag)
                for name in themes_of.get(node.id, [])
            ]
            story.append(tree_item(layout, node.text, node.depth, tags))
        story.append(platypus.Spacer(1, 2 * MM))
    return story
