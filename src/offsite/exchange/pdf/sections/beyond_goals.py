"""The agreements beyond goals as the PDF prints them: on landscape pages after the data definitions,
the customer journey (``journey``), then the hand-offs, decision rights, incentives and joint
practices (``agreements``), each a section of its own, left out when it has nothing to show."""

from __future__ import annotations

from typing import Any

from offsite.exchange.pdf.flowables import checkpoint, platypus_module
from offsite.exchange.pdf.layout import Layout
from offsite.exchange.pdf.sections import agreements, journey


def build(layout: Layout) -> list[Any]:
    """The agreement sections on landscape pages; nothing when the plan holds no agreement and no
    business model was chosen."""
    if not layout.extras.agreements and not layout.view.details.business_model:
        return []
    platypus = platypus_module()
    width = layout.landscape_width
    story: list[Any] = [platypus.NextPageTemplate("Landscape"), platypus.PageBreak()]
    parts = [
        journey.build(layout, width),
        agreements.hand_offs(layout, width),
        agreements.decision_rights(layout, width),
        agreements.incentives(layout, width),
        agreements.practices(layout, width),
    ]
    for part in parts:
        if part:
            story += part
            story.append(checkpoint(layout.run))
    # The buy-in that follows starts a page of its own, portrait unless its matrix needs the width.
    story.append(platypus.NextPageTemplate("Later"))
    return story
