"""The appendix: the Brainstorm exercises, each part numbered A.1, A.2… and left out when empty."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from offsite.domain.exercises import (
    BrainstormView,
)
from offsite.domain.language import translate
from offsite.exchange.pdf.flowables import checkpoint, platypus_module
from offsite.exchange.pdf.layout import Layout
from offsite.exchange.pdf.rtl import para
from offsite.exchange.pdf.sections import shortlist, switches, themes, why_chains, work_back
from offsite.exchange.pdf.sections.common import section_heading, sub_heading


def build(layout: Layout, brainstorm: BrainstormView) -> list[Any]:
    platypus, s = platypus_module(), layout.styles
    story: list[Any] = [
        # Back to portrait, even after a landscape buy-in matrix.
        platypus.NextPageTemplate("Later"),
        platypus.PageBreak(),
        section_heading(layout, "A", translate("PdfAppendix", "Appendix: Brainstorm")),
        para(
            translate(
                "PdfAppendix",
                "What the leadership team worked through in the Brainstorm exercises, from which the "
                "objectives above were chosen.",
            ),
            s.body,
        ),
    ]
    parts: list[tuple[str, Callable[[Layout, BrainstormView], list[Any]]]] = [
        (translate("PdfAppendix", "Ask-why chains"), why_chains.build),
        (translate("PdfAppendix", "Common themes"), themes.build),
        (translate("PdfAppendix", "Working back from company goals"), work_back.build),
        (translate("PdfAppendix", "Team switch"), switches.build),
        (translate("PdfAppendix", "Shortlist"), shortlist.build),
    ]
    number = 0
    for title, part in parts:
        body = part(layout, brainstorm)
        if not body:
            continue
        number += 1
        story += [sub_heading(layout, f"A.{number}", title), *body, checkpoint(layout.run)]
    return story
