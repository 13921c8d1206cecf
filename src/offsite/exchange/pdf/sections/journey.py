"""The customer journey: the swimlane of the stages (``pdf.swimlane``), then a table of every stage
with its team, owner, message, hand-off trigger, service level, metric and buy-in."""

from __future__ import annotations

from typing import Any

from offsite.domain.agreements import AgreementKind
from offsite.domain.journey import UNOWNED, Stage, lay_out
from offsite.domain.language import translate
from offsite.exchange.pdf.flowables import platypus_module
from offsite.exchange.pdf.layout import Layout
from offsite.exchange.pdf.rtl import para
from offsite.exchange.pdf.sections.agreements import (
    Column,
    grid,
    heading,
    metric,
    of_kind,
    owner,
    rows_of,
    team,
    text,
)
from offsite.exchange.pdf.styles import MARGIN_BOTTOM, MARGIN_TOP, MM
from offsite.exchange.pdf.swimlane import swimlane_flowable

#: The landscape frame's height, less the section's heading, its line of counts and the key
#: above the diagram, so that all of them start on one page.
_DIAGRAM_HEIGHT = 595.27 - MARGIN_TOP - MARGIN_BOTTOM - 12 - 100


def build(layout: Layout, width: float) -> list[Any]:
    kind = AgreementKind.JOURNEY_STAGE
    stages = of_kind(layout, kind)
    if not stages:
        return []
    platypus, s = platypus_module(), layout.styles
    names = {t.id: t.name for t in layout.view.teams}
    lane = lay_out(
        [
            Stage(
                id=a.id,
                title=a.title,
                team_id=a.team_id,
                owner=owner(layout, a.owner_id),
                message=a.message,
                trigger=a.trigger,
                service_level=a.service_level,
                metric=metric(layout, a.metric_id),
                bought_in=a.bought_in,
            )
            for a in stages
        ],
        names,
    )
    diagram = swimlane_flowable(lane, width, _DIAGRAM_HEIGHT)
    story = heading(layout, kind, stages, width)
    # The key goes above the diagram: under it, it could be left alone at the top of a page.
    key = para(
        translate(
            "PdfAgreements",
            "Each stage sits in the lane of the team that owns it; an arrow that changes lanes is a "
            "hand-off from one team to the other, labelled with its trigger and service level.",
        ),
        s.note,
    )
    key.keepWithNext = True
    story += [key, platypus.Spacer(1, 2 * MM), diagram, platypus.Spacer(1, 4 * MM)]
    columns: list[Column] = [
        (translate("PdfAgreements", "Stage"), 32 * MM),
        (translate("PdfAgreements", "Team"), 24 * MM),
        (translate("PdfAgreements", "Owner"), 28 * MM),
        (translate("PdfAgreements", "Message"), 0),
        (translate("PdfAgreements", "Hand-off trigger"), 36 * MM),
        (translate("PdfAgreements", "Service level"), 30 * MM),
        (translate("PdfAgreements", "Metric"), 28 * MM),
        (translate("PdfAgreements", "Buy-in"), 36 * MM),
    ]
    rows, extra = rows_of(
        layout,
        stages,
        len(columns) - 1,
        lambda a: [
            text(layout, a.title, bold=True),
            # As the diagram names its lane: a stage no team owns yet.
            text(layout, team(layout, a.team_id) if a.team_id in names else UNOWNED),
            text(layout, owner(layout, a.owner_id)),
            text(layout, a.message),
            text(layout, a.trigger),
            text(layout, a.service_level),
            text(layout, metric(layout, a.metric_id)),
        ],
    )
    story.append(grid(layout, columns, rows, width, extra))
    return story
