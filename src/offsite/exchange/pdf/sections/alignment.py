"""The alignment index: the score from the plan's evidence beside what leaders say, and the gap.

The index is ``offsite.domain.alignment.plan_alignment`` with the SMART results of
``offsite.domain.smart``: the Review screen makes the same call."""

from __future__ import annotations

from typing import Any

from offsite.domain.alignment import AlignmentIndex, GapLevel, plan_alignment, whole_points
from offsite.domain.language import translate
from offsite.exchange.pdf.flowables import grid_commands, platypus_module, table
from offsite.exchange.pdf.layout import Layout
from offsite.exchange.pdf.rtl import para
from offsite.exchange.pdf.sections.common import leader_name, section_heading
from offsite.exchange.pdf.styles import FAINT, MM, RULE, TINT, WARNING_FILL, WARNING_INK
from offsite.exchange.pdf.wording import one_decimal, whole


def build(layout: Layout) -> list[Any]:
    platypus, s = platypus_module(), layout.styles
    index = _alignment_index(layout)
    if index.score is None and index.said is None:
        return []
    survey = layout.extras.survey
    story: list[Any] = [
        platypus.Spacer(1, 6 * MM),
        section_heading(layout, layout.next_section(), translate("PdfAlignment", "Alignment index")),
        para(
            translate(
                "PdfAlignment",
                "A score out of 100 from the plan’s own evidence, each component at its weight, beside what "
                "the leaders say when asked how aligned the teams are (1 to 5, shown on the same 0–100 "
                "scale: 1 is 0, 3 is 50, 5 is 100).",
            ),
            s.body,
        ),
    ]
    score = "—" if index.score is None else f"{whole_points(index.score)}"
    said = "—" if index.said is None else f"{whole_points(index.said)}"
    gap = "—" if index.gap is None else f"{whole_points(index.gap):+d}"
    mean = survey.mean if survey is not None else None
    said_note = (
        translate("PdfAlignment", "No leader has rated yet")
        if mean is None
        else translate("PdfAlignment", "Mean rating {mean} of 5, n = {ratings}").format(
            mean=one_decimal(mean), ratings=whole(index.ratings_count)
        )
    )
    third = layout.width / 3
    warning = index.gap_level is GapLevel.WARNING
    # A positive gap is a warning, in words as well as colour; a fine gap stays plain ink, never green.
    ink = WARNING_INK if warning else None
    gap_caption = (
        translate("PdfAlignment", "Gap (said − score): leaders above the evidence")
        if warning
        else translate("PdfAlignment", "Gap (said − score)")
    )
    commands: list[Any] = [
        ("LINEABOVE", (0, 0), (-1, 0), 0.8, RULE),
        ("LINEBELOW", (0, -1), (-1, -1), 0.8, RULE),
        ("TOPPADDING", (0, 0), (-1, 0), 9),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 9),
        ("LEFTPADDING", (0, 0), (0, -1), 0),
    ]
    if warning:
        commands.append(("BACKGROUND", (2, 0), (2, -1), WARNING_FILL))
    story.append(
        table(
            [
                [para(score, s.stat), para(said, s.stat), para(gap, s.stat, colour=ink)],
                [
                    para(translate("PdfAlignment", "Score from the plan’s evidence"), s.note),
                    para(
                        translate("PdfAlignment", "What leaders say ({note})").format(note=said_note), s.note
                    ),
                    para(gap_caption, s.note, colour=ink),
                ],
            ],
            [third] * 3,
            commands,
        )
    )
    verdict = para(index.verdict, s.body, colour=ink)
    story += [platypus.Spacer(1, 3), verdict, platypus.Spacer(1, 2)]
    rows: list[list[Any]] = [
        [
            para(translate("PdfAlignment", "Component"), s.head),
            para(translate("PdfAlignment", "Weight"), s.head_right),
            para(translate("PdfAlignment", "Met"), s.head_right),
            para(translate("PdfAlignment", "Points"), s.head_right),
        ]
    ]
    for component in index.components:
        excluded = component.share is None
        rows.append(
            [
                [para(component.label, s.cell_bold), para(component.explanation, s.cell_muted)],
                para("—" if excluded else f"{component.weight * 100:.0f}%", s.cell_right),
                para(
                    "—"
                    if excluded
                    else translate("PdfAlignment", "{met} of {total}").format(
                        met=whole(component.met), total=whole(component.total)
                    ),
                    s.cell_right,
                ),
                para(
                    translate("PdfAlignment", "Not scored") if excluded else one_decimal(component.points),
                    s.cell_right,
                ),
            ]
        )
    rows.append(
        [
            para(translate("PdfAlignment", "Score"), s.cell_bold),
            para("100%", s.cell_total),
            para("", s.cell),
            para("—" if index.score is None else one_decimal(index.score), s.cell_total),
        ]
    )
    commands = [
        *grid_commands(),
        ("LINEABOVE", (0, -1), (-1, -1), 0.8, FAINT),
        ("BACKGROUND", (0, -1), (-1, -1), TINT),
    ]
    number_width = 22 * MM
    story.append(table(rows, [layout.width - 3 * number_width] + [number_width] * 3, commands, repeatRows=1))
    story += [
        platypus.Spacer(1, 3),
        para(
            translate(
                "PdfAlignment",
                "SMART check: an objective passes when the brainstorm candidate it was promoted from was "
                "marked “Yes” on all five questions; an objective not promoted from a candidate counts as "
                "not passing. A component with nothing to count is not scored, and the weights of the "
                "others are scaled up to sum to 100%.",
            ),
            s.note,
        ),
    ]
    if survey is not None and survey.ratings:
        rated = [
            [
                para(leader_name(layout, r.leader_id), s.cell_bold),
                para(translate("PdfAlignment", "{rating} of 5").format(rating=r.rating), s.cell_right),
                para(r.comment.strip() or "—", s.cell),
            ]
            for r in survey.ratings
        ]
        title = para(translate("PdfAlignment", "WHAT LEADERS SAY"), s.label)
        title.keepWithNext = True
        story += [
            platypus.Spacer(1, 3 * MM),
            title,
            platypus.Spacer(1, 2),
            table(
                rated,
                [42 * MM, 16 * MM, layout.width - 58 * MM],
                [("LEFTPADDING", (0, 0), (0, -1), 0), ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE)],
            ),
        ]
        if survey.unrated_leader_ids:
            names = ", ".join(leader_name(layout, i) for i in survey.unrated_leader_ids)
            story.append(
                para(translate("PdfAlignment", "Not rated yet: {leaders}.").format(leaders=names), s.note)
            )
    return story


def _alignment_index(layout: Layout) -> AlignmentIndex:
    survey = layout.extras.survey
    return plan_alignment(
        layout.view,
        resolutions=layout.extras.resolutions,
        smart_passed=layout.extras.smart_passed,
        ratings=[r.rating for r in survey.ratings] if survey is not None else [],
    )
