"""Appendix: the candidate pool ranked by dots, the SMART marks, and the shortlist as kept."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from offsite.domain import ranking
from offsite.domain.exercises import (
    BrainstormView,
    CandidateView,
)
from offsite.domain.language import QT_TRANSLATE_NOOP, translate
from offsite.domain.smart import CRITERION_LABELS
from offsite.exchange.pdf.flowables import grid_commands, platypus_module, table
from offsite.exchange.pdf.layout import Layout
from offsite.exchange.pdf.rtl import para
from offsite.exchange.pdf.sections.common import NO_WORDS, by_team, h3, intro
from offsite.exchange.pdf.styles import FAINT, GREEN_FILL, GREEN_INK, INK, MM
from offsite.exchange.pdf.wording import whole

_SMART_WORDS: dict[bool | None, str] = {
    True: QT_TRANSLATE_NOOP("PdfShortlist", "Yes"),
    False: QT_TRANSLATE_NOOP("PdfShortlist", "No"),
    None: "—",
}


def build(layout: Layout, brainstorm: BrainstormView) -> list[Any]:
    platypus = platypus_module()
    if not brainstorm.candidates:
        return []
    ranked = ranking.rank_pool(brainstorm, "dots")
    kept = {c.uid for c in brainstorm.candidates if c.shortlisted}  # as the facilitator kept it
    by_uid = {c.uid: c for c in brainstorm.candidates}
    dots = {r.uid: r.dots for r in ranked}
    in_order = [by_uid[r.uid] for r in ranked]
    story: list[Any] = [
        intro(
            layout,
            translate(
                "PdfShortlist",
                "Every leader had {dots} dots to place. Candidates are ranked by dots, "
                "then impact (1 to 5), then the earlier idea. The shortlist is what the facilitator kept "
                "for each team (the top {top}, or chosen by hand). {rule} "
                "SMART: Specific, Measurable, Achievable, Realistic, Timely — “Yes”, “No”, or “—” when "
                "not judged yet.",
            ).format(
                dots=whole(brainstorm.dot_budget),
                top=whole(brainstorm.top_n),
                rule=translate("Ranking", ranking.ELIGIBILITY_RULE),
            ),
        )
    ]
    for team, candidates in by_team(layout, in_order):
        story.append(h3(layout, team))
        chosen = [c.text.strip() or translate("PdfCommon", NO_WORDS) for c in candidates if c.uid in kept]
        story.append(
            para(
                translate("PdfShortlist", "Shortlisted: {candidates}").format(candidates="; ".join(chosen))
                if chosen
                else translate("PdfShortlist", "Shortlisted: none kept yet"),
                layout.styles.body,
            )
        )
        story.append(_candidate_table(layout, candidates, kept, dots))
        story.append(platypus.Spacer(1, 3 * MM))
    return story


def _candidate_table(
    layout: Layout, candidates: Sequence[CandidateView], kept: set[str], dots: dict[str, int]
) -> Any:
    s = layout.styles
    smart_width = 8 * MM
    fixed = [7 * MM, 0.0, 10 * MM, 12 * MM, *[smart_width] * 5, 20 * MM]
    widths = [layout.width - sum(fixed) if w == 0 else w for w in fixed]
    header = [
        para("#", s.head),
        para(translate("PdfShortlist", "Candidate"), s.head),
        para(translate("PdfShortlist", "Dots"), s.head_right),
        para(translate("PdfShortlist", "Impact"), s.head_right),
        *[para(label[:1], s.head_center) for label in CRITERION_LABELS.values()],
        para(translate("PdfShortlist", "Shortlist"), s.head_center),
    ]
    rows: list[list[Any]] = [header]
    commands: list[tuple[Any, ...]] = [
        *grid_commands(),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    for number, candidate in enumerate(candidates, start=1):
        shortlisted = candidate.uid in kept
        about: list[Any] = [
            para(
                candidate.text.strip() or translate("PdfCommon", NO_WORDS),
                s.cell_bold if shortlisted else s.cell,
            )
        ]
        if candidate.origin_label.strip():
            about.append(
                para(
                    translate("PdfShortlist", "From: {origin}").format(origin=candidate.origin_label),
                    s.cell_muted,
                )
            )
        notes = [
            f"{CRITERION_LABELS[m.criterion.value]}: {m.note.strip()}"
            for m in candidate.smart
            if m.note.strip()
        ]
        if notes:
            about.append(
                para(
                    translate("PdfShortlist", "SMART notes: {notes}").format(notes="; ".join(notes)),
                    s.cell_muted,
                )
            )
        if candidate.objective_id is not None:
            objective = layout.numbers.get(candidate.objective_id)
            promoted = (
                translate("PdfShortlist", "Promoted to objective {objective}").format(objective=objective)
                if objective
                else translate("PdfShortlist", "Promoted to an objective")
            )
            about.append(para(promoted, s.tag))
        row = len(rows)
        marks = []
        for mark in candidate.smart:
            marks.append(
                para(
                    translate("PdfShortlist", _SMART_WORDS[mark.value]),
                    s.cell_center,
                    colour=INK if mark.value is not None else FAINT,
                )
            )
        rows.append(
            [
                para(str(number), s.cell_muted),
                about,
                para(whole(dots.get(candidate.uid, candidate.dots)), s.cell_right),
                para(
                    "—" if candidate.impact is None else str(candidate.impact),
                    s.cell_right,
                    colour=FAINT if candidate.impact is None else None,
                ),
                *marks,
                para(
                    translate("PdfShortlist", "Shortlisted") if shortlisted else "—",
                    s.cell_center,
                    colour=GREEN_INK if shortlisted else FAINT,
                ),
            ]
        )
        if shortlisted:
            commands.append(("BACKGROUND", (-1, row), (-1, row), GREEN_FILL))
    return table(rows, widths, commands, repeatRows=1)
