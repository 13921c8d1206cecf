"""The cover: title, dates, venue, horizon and vision, the plan in four numbers, who sits at the table."""

from __future__ import annotations

from typing import Any

from offsite.domain.buyin import is_bought_in
from offsite.domain.formatting import format_date_range
from offsite.domain.language import plural, translate
from offsite.exchange.pdf.flowables import platypus_module, table
from offsite.exchange.pdf.layout import Layout
from offsite.exchange.pdf.rtl import para
from offsite.exchange.pdf.sections.common import team_name
from offsite.exchange.pdf.styles import ACCENT, MM, RULE
from offsite.exchange.pdf.wording import whole


def build(layout: Layout) -> list[Any]:
    platypus, s, view = platypus_module(), layout.styles, layout.view
    details = view.details
    story: list[Any] = [
        platypus.Spacer(1, 18 * MM),
        para(
            layout.seal.drafted_by.upper()
            if layout.seal.drafted_by
            else translate("PdfCover", "LEADERSHIP OFFSITE PLAN"),
            s.kicker,
        ),
        platypus.Spacer(1, 6),
    ]
    story.append(para(details.title or translate("PdfPages", "Untitled offsite"), s.title))
    facts = [format_date_range(details.starts_on, details.ends_on), details.venue]
    for fact in facts:
        if fact.strip():
            story.append(para(fact, s.subtitle))
    story.append(platypus.Spacer(1, 14 * MM))

    rows: list[list[Any]] = []
    if details.horizon.strip():
        rows.append([para(translate("PdfCover", "HORIZON"), s.label), para(details.horizon, s.body)])
    if details.vision.strip():
        rows.append([para(translate("PdfCover", "VISION"), s.label), para(details.vision, s.vision)])
    if rows:
        story.append(
            table(
                rows,
                [28 * MM, layout.width - 28 * MM],
                [
                    ("LINEBEFORE", (1, 0), (1, -1), 2, ACCENT),
                    ("LEFTPADDING", (1, 0), (1, -1), 10),
                    ("TOPPADDING", (0, 0), (-1, -1), 5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
                    ("TOPPADDING", (0, 0), (0, -1), 8),
                ],
            )
        )
        story.append(platypus.Spacer(1, 12 * MM))

    bought = sum(is_bought_in(o, view.leaders, layout.stances) for o in view.objectives)
    stats = [
        (
            whole(len(view.goals)),
            plural(
                len(view.goals), translate("PdfCover", "company goal"), translate("PdfCover", "company goals")
            ),
        ),
        (
            whole(len(view.objectives)),
            plural(
                len(view.objectives), translate("PdfCover", "objective"), translate("PdfCover", "objectives")
            ),
        ),
        (whole(sum(len(o.metrics) for o in view.objectives)), translate("PdfCover", "metrics")),
        (
            translate("PdfCover", "{bought} of {objectives}").format(
                bought=whole(bought), objectives=whole(len(view.objectives))
            ),
            translate("PdfCover", "objectives bought in"),
        ),
    ]
    quarter = layout.width / 4
    story.append(
        table(
            [[para(value, s.stat) for value, _ in stats], [para(label, s.note) for _, label in stats]],
            [quarter] * 4,
            [
                ("LINEABOVE", (0, 0), (-1, 0), 0.8, RULE),
                ("LINEBELOW", (0, -1), (-1, -1), 0.8, RULE),
                ("TOPPADDING", (0, 0), (-1, 0), 9),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 9),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
            ],
        )
    )
    if view.leaders:
        story += [
            platypus.Spacer(1, 10 * MM),
            para(translate("PdfCover", "AT THE TABLE"), s.label),
            platypus.Spacer(1, 4),
        ]
        rows = [
            [
                para(leader.name, s.cell_bold),
                para(leader.title, s.cell),
                para(team_name(layout, leader.team_id), s.cell_muted),
            ]
            for leader in view.leaders
        ]
        story.append(
            table(
                rows,
                [layout.width * 0.32, layout.width * 0.42, layout.width * 0.26],
                [("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE), ("LEFTPADDING", (0, 0), (0, -1), 0)],
            )
        )
    return story
