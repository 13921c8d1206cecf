"""The overlap review: findings and how each was settled, then the goals served together.

What is a finding, a group or settled comes from ``offsite.domain.overlap_review``, as on the
Overlaps tab."""

from __future__ import annotations

from typing import Any

from offsite.domain.language import plural, translate
from offsite.domain.overlap import OverlapRule
from offsite.domain.overlap_review import (
    OverlapReview,
    earlier_text,
    group_text,
    review_overlaps,
    to_settle_text,
)
from offsite.domain.signoff import (
    ResolutionView,
    in_sentence,
)
from offsite.exchange.pdf.flowables import grid_commands, platypus_module, table
from offsite.exchange.pdf.layout import Layout
from offsite.exchange.pdf.rtl import para
from offsite.exchange.pdf.sections.common import section_heading
from offsite.exchange.pdf.styles import DRAFT_INK, GREEN_INK, MM, MUTED
from offsite.exchange.pdf.wording import shorten, whole


def build(layout: Layout) -> list[Any]:
    """The findings with how each was settled, then the goals served together (information only).

    What is a finding, a group or settled comes from ``review_overlaps``, as on the Overlaps tab."""
    platypus, s = platypus_module(), layout.styles
    review = review_overlaps(layout.view, layout.extras.resolutions)
    if not (review.found or review.groups or review.history):
        return []
    if review.found:
        summary = plural(
            review.found,
            translate(
                "PdfOverlaps",
                "{found} overlap found between different teams’ objectives, {settled} settled: "
                "{to_settle}. Each finding names the rule that found it; the facilitator settles it by "
                "merging the two, adjusting one, or keeping both with a note.",
            ),
            translate(
                "PdfOverlaps",
                "{found} overlaps found between different teams’ objectives, {settled} settled: "
                "{to_settle}. Each finding names the rule that found it; the facilitator settles it by "
                "merging the two, adjusting one, or keeping both with a note.",
            ),
        ).format(
            found=whole(review.found),
            settled=whole(review.settled),
            to_settle=in_sentence(to_settle_text(review)),
        )
    else:
        summary = translate(
            "PdfOverlaps",
            "No overlap found between different teams’ objectives: none share a metric, a data source "
            "or most of their wording, and none conflict in a known way.",
        )
    story: list[Any] = [
        platypus.Spacer(1, 6 * MM),
        section_heading(layout, layout.next_section(), translate("PdfOverlaps", "Overlap review")),
        para(summary, s.body),
        platypus.Spacer(1, 2),
    ]
    if review.found or review.history:
        story.append(_findings_table(layout, review))
    if review.groups:
        title = para(translate("PdfOverlaps", "SERVING ONE COMPANY GOAL"), s.label)
        title.keepWithNext = True
        story += [
            platypus.Spacer(1, 4 * MM),
            title,
            platypus.Spacer(1, 2),
            para(
                translate(
                    "PdfOverlaps",
                    "Objectives of different teams that serve the same company goal are the plan working as "
                    "designed, not an overlap: each goal is listed once, for information, with nothing to "
                    "settle and nothing counted against the alignment index.",
                ),
                s.note,
            ),
            platypus.Spacer(1, 3),
        ]
        for served in review.groups:
            story.append(para(group_text(layout.view, served.group) + ".", s.body))
            for resolution in served.earlier:
                story.append(
                    para(
                        translate("PdfOverlaps", "Noted earlier: {resolution}").format(
                            resolution=earlier_text(layout.view, resolution)
                        ),
                        s.note,
                    )
                )
    return story


def _rule_label(rule: str) -> tuple[str, str]:
    try:
        known = OverlapRule(rule)
    except ValueError:
        return rule, ""
    return known.label, known.text


def _objective_cell(layout: Layout, objective_id: int) -> list[Any]:
    s = layout.styles
    objective = layout.input.objectives_by_id.get(objective_id)
    if objective is None:
        return [para(translate("PdfOverlaps", "An objective no longer in the plan"), s.cell_muted)]
    teams = ", ".join(t.name for i in objective.team_ids if (t := layout.view.team(i)) is not None)
    return [
        para(f"{layout.numbers.get(objective.id, '')}  {shorten(objective.statement, 110)}", s.cell),
        para(teams or translate("PdfCommon", "No team"), s.cell_muted),
    ]


def _resolution_cell(layout: Layout, resolution: ResolutionView | None) -> Any:
    s = layout.styles
    if resolution is None:
        return para(translate("PdfOverlaps", "Open"), s.cell_bold, colour=DRAFT_INK)
    cell = [para(resolution.action.label, s.cell_bold, colour=GREEN_INK)]
    if resolution.merged_objective_uid:
        merged = layout.input.objectives_by_uid.get(resolution.merged_objective_uid)
        if merged is not None:
            number = layout.numbers.get(merged.id)
            into = (
                translate("PdfOverlaps", "Into {objective}").format(objective=number)
                if number
                else translate("PdfOverlaps", "Into a shared objective")
            )
            cell.append(para(into, s.cell_muted))
    if resolution.note.strip():
        cell.append(para(resolution.note, s.cell))
    return cell


def _findings_table(layout: Layout, review: OverlapReview) -> Any:
    s = layout.styles
    pair_width, settled_width = 56 * MM, 38 * MM
    rows: list[list[Any]] = [
        [
            para(translate("PdfOverlaps", "Objectives"), s.head),
            para(translate("PdfOverlaps", "Finding"), s.head),
            para(translate("PdfOverlaps", "Resolution"), s.head),
        ]
    ]
    commands = grid_commands()
    for reviewed in review.findings:
        finding, resolution = reviewed.finding, reviewed.resolution
        label, sentence = _rule_label(finding.rule.value)
        rows.append(
            [
                [
                    *_objective_cell(layout, finding.first_id),
                    para(translate("PdfOverlaps", "and"), s.cell_muted),
                    *_objective_cell(layout, finding.second_id),
                ],
                [
                    para(label, s.cell_bold),
                    para(finding.detail, s.cell),
                    para(translate("PdfOverlaps", "Rule: {rule}").format(rule=sentence), s.cell_muted),
                ],
                _resolution_cell(layout, resolution),
            ]
        )
        if resolution is None:
            commands.append(("BACKGROUND", (2, len(rows) - 1), (2, len(rows) - 1), "#FBEDED"))
    for resolution in review.merges:
        label, sentence = _rule_label(resolution.rule)
        rows.append(
            [
                para(
                    translate("PdfOverlaps", "Settled earlier; the pair no longer shows as two objectives."),
                    s.cell_muted,
                ),
                [para(label, s.cell_bold)]
                + (
                    [para(translate("PdfOverlaps", "Rule: {rule}").format(rule=sentence), s.cell_muted)]
                    if sentence
                    else []
                ),
                _resolution_cell(layout, resolution),
            ]
        )
    for resolution in review.history:
        label, _sentence = _rule_label(resolution.rule)
        rows.append(
            [
                para(earlier_text(layout.view, resolution), s.cell_muted),
                [
                    para(label, s.cell_bold),
                    para(
                        translate(
                            "PdfOverlaps",
                            "Settled earlier; the rules no longer find this pair, so it is not counted.",
                        ),
                        s.cell_muted,
                    ),
                ],
                para(resolution.action.label, s.cell_bold, colour=MUTED),
            ]
        )
    widths = [pair_width, layout.width - pair_width - settled_width, settled_width]
    return table(rows, widths, commands, repeatRows=1)
