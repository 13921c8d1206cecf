"""Each objective at the period's end: its score (from its metrics, or the leaders' with their
reason), a table of its metrics, each metric's progress chart (two to a row), and the retrospective."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from offsite.domain.language import QT_TRANSLATE_NOOP, plural, translate
from offsite.domain.reporting import short_day
from offsite.exchange import fonts
from offsite.exchange.pdf import charts
from offsite.exchange.pdf.flowables import checkpoint, grid_commands, platypus_module, table
from offsite.exchange.pdf.rtl import para
from offsite.exchange.pdf.sections.common import section_heading
from offsite.exchange.pdf.sections.objectives import room_for
from offsite.exchange.pdf.styles import ACCENT, INDENT, MM, MUTED, RULE
from offsite.exchange.pdf.wording import whole
from offsite.exchange.report.figures import MetricFigure, ObjectiveFigure
from offsite.exchange.report.layout import ReportLayout, figure, rounded, score_text
from offsite.exchange.report.sections.cover import NO_SCORE, SCORE_WORDS, said

#: A progress chart's height when two stand side by side, and the gap between them.
CHART_HEIGHT = 48 * MM
CHART_GAP = 5 * MM
#: What a decision at the quarter's end means, as a sentence says it.
DECISIONS = {
    "keep": QT_TRANSLATE_NOOP("ReportObjectives", "Keep it"),
    "drop": QT_TRANSLATE_NOOP("ReportObjectives", "Drop it"),
    "change": QT_TRANSLATE_NOOP("ReportObjectives", "Change it"),
}


def build(layout: ReportLayout) -> list[Any]:
    platypus, s, figures = platypus_module(), layout.styles, layout.figures
    story: list[Any] = [
        section_heading(layout, layout.next_section(), translate("ReportObjectives", "Objectives"))
    ]
    if not figures.objectives:
        story.append(para(translate("ReportObjectives", "The plan has no objectives yet."), s.note))
        return story
    for group in figures.groups:
        if not group.objectives:
            continue
        # The team's heading goes with its first objective, never alone at a page's foot.
        heading: list[Any] = [para(group.heading, s.h2)]
        for objective in group.objectives:
            story += _objective(layout, objective, heading)
            story.append(checkpoint(layout.run))
            heading = []
    story.append(platypus.Spacer(1, 2 * MM))
    return story


def _objective(layout: ReportLayout, objective: ObjectiveFigure, above: Sequence[Any] = ()) -> list[Any]:
    platypus, s = platypus_module(), layout.styles
    width = layout.width
    view = layout.figures.input.view
    number_width = max(INDENT, fonts.text_width(objective.number, s.number.fontSize, bold=True) + 6)
    score_width = 26 * MM
    ink = dict(SCORE_WORDS).get(objective.words, MUTED)
    heading = table(
        [
            [
                para(objective.number, s.number),
                para(
                    objective.objective.statement or translate("PdfObjectives", "Untitled objective"),
                    s.objective,
                ),
                [para(score_text(objective.score), s.stat, colour=ink), para(said(objective.words), s.label)],
            ]
        ],
        [number_width, width - number_width - score_width, score_width],
        [
            ("LEFTPADDING", (0, 0), (0, 0), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 8),
            ("ALIGN", (2, 0), (2, 0), "RIGHT"),
            ("LINEBELOW", (0, 0), (-1, 0), 0.6, RULE),
        ],
    )
    teams = ", ".join(t.name for i in objective.objective.team_ids if (t := view.team(i)) is not None)
    facts = [f for f in (teams, objective.objective.period.strip()) if f]
    owner = view.leader(objective.objective.owner_id) if objective.objective.owner_id is not None else None
    if owner is not None:
        facts.append(translate("PdfObjectives", "Owner: {leader}").format(leader=owner.name))
    head: list[Any] = [heading, platypus.Spacer(1, 3)]
    if facts:
        head.append(para(" · ".join(facts), s.note_indented))
    head.append(para(_score_sentence(layout, objective), s.body_indented))
    metrics = _metrics_table(layout, objective.metrics, width - INDENT)
    charts_rows = _charts(layout, objective.metrics)
    # The heading never stands alone at a page's foot: it goes with its score, its metrics and
    # the first row of their charts.
    story: list[Any] = [
        platypus.KeepTogether([*above, *head, platypus.Spacer(1, 2), metrics, *charts_rows[:1]])
    ]
    story += charts_rows[1:]
    story += _retrospective(layout, objective)
    story.append(platypus.Spacer(1, 7 * MM))
    return story


def _score_sentence(layout: ReportLayout, objective: ObjectiveFigure) -> str:
    """Where the score comes from: its metrics, or the leaders (with their reason)."""
    scored = sum(1 for m in objective.metrics if m.score is not None)
    figures = layout.figures
    so_far = not (layout.is_quarter and figures.as_of >= figures.period.end)
    quarter = figures.input.scoring.words
    if objective.review is not None and objective.review.score is not None:
        reason = " ".join(objective.review.reason.split()) or translate("ReportObjectives", "no reason given")
        computed = score_text(objective.computed) if objective.computed is not None else said(NO_SCORE)
        return translate(
            "ReportObjectives",
            "Score {score}, set by the leaders at the quarter’s review: “{reason}” (its metrics give {computed}).",
        ).format(score=score_text(objective.score), reason=reason, computed=computed)
    if objective.computed is None:
        if not objective.metrics:
            return translate("ReportObjectives", "No score: the objective has no metrics.")
        if so_far:
            return translate(
                "ReportObjectives",
                "No score yet: none of its metrics with a target has been checked in during {quarter}.",
            ).format(quarter=quarter)
        return translate(
            "ReportObjectives", "No score: none of its metrics with a target was checked in during {quarter}."
        ).format(quarter=quarter)
    if so_far:
        sentence = plural(
            scored,
            translate(
                "ReportObjectives", "Score so far {score}, the mean of its {count} scored metric ({words})."
            ),
            translate(
                "ReportObjectives", "Score so far {score}, the mean of its {count} scored metrics ({words})."
            ),
        )
    else:
        sentence = plural(
            scored,
            translate("ReportObjectives", "Score {score}, the mean of its {count} scored metric ({words})."),
            translate("ReportObjectives", "Score {score}, the mean of its {count} scored metrics ({words})."),
        )
    return sentence.format(
        score=score_text(objective.computed), count=whole(scored), words=said(objective.words)
    )


def _metrics_table(layout: ReportLayout, metrics: Sequence[MetricFigure], width: float) -> Any:
    s = layout.styles
    if not metrics:
        return para(translate("PdfObjectives", "No metrics yet."), s.note_indented)
    expected_by = (
        translate("ReportObjectives", "Expected")
        if layout.figures.as_of >= layout.figures.period.end
        else translate("ReportObjectives", "Expected now")
    )
    columns = [
        (translate("PdfObjectives", "Metric"), 0.0, s.head),
        # A longer word for a heading ("Zielwert") widens its narrow column rather than break.
        (
            translate("PdfObjectives", "Baseline"),
            room_for([translate("PdfObjectives", "Baseline")], s.head_right.fontSize, 14 * MM, padding=7),
            s.head_right,
        ),
        (
            translate("PdfObjectives", "Target"),
            room_for([translate("PdfObjectives", "Target")], s.head_right.fontSize, 12 * MM, padding=7),
            s.head_right,
        ),
        (translate("ReportObjectives", "Last actual"), 20 * MM, s.head_right),
        (expected_by, 15 * MM, s.head_right),
        (translate("ReportObjectives", "Status"), 17 * MM, s.head),
        (translate("ReportObjectives", "Confidence"), 19 * MM, s.head),
        (translate("ReportObjectives", "Checked in by"), 21 * MM, s.head),
    ]
    fixed = sum(w for _, w, _ in columns)
    widths = [width - fixed if w == 0 else w for _, w, _ in columns]
    rows: list[list[Any]] = [[para(label, style) for label, _, style in columns]]
    for m in metrics:
        metric, reading = m.metric, m.reading
        name: list[Any] = [para(metric.name or translate("ReportObjectives", "Untitled metric"), s.cell_bold)]
        unit = metric.unit.strip()
        due = (
            translate("ReportObjectives", "due {day}").format(day=short_day(metric.due))
            if metric.due is not None
            else ""
        )
        under = " · ".join(part for part in (unit, due) if part)
        if under:
            name.append(para(under, s.cell_muted))
        actual: list[Any] = [para(figure(reading.actual if reading else None), s.cell_right)]
        if reading is not None and reading.as_of is not None:
            when = short_day(reading.as_of)
            earlier = translate("ReportObjectives", "{day} (before {period})").format(
                day=when, period=layout.period_short
            )
            actual.append(para(when if reading.checked_in else earlier, s.cell_muted_right))
        confidence = "—"
        if m.confidence is not None:
            confidence = translate("ReportObjectives", "{confidence} of 10").format(
                confidence=figure(m.confidence)
            )
            if m.trend is not None:
                confidence += f" {m.trend.arrow}"
        rows.append(
            [
                name,
                para(figure(metric.baseline), s.cell_right),
                para(figure(metric.target), s.cell_right),
                actual,
                para(rounded(reading.expected if reading else None), s.cell_right),
                layout.status(m.status),
                [para(confidence, s.cell)]
                + ([para(m.trend.said, s.cell_muted)] if m.confidence is not None and m.trend else []),
                para(m.last_by or "—", s.cell_muted),
            ]
        )
    commands = [
        *grid_commands(),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    return table(rows, widths, commands, repeatRows=1, hAlign="RIGHT")


def _charts(layout: ReportLayout, metrics: Sequence[MetricFigure]) -> list[Any]:
    """Each metric's progress chart, two to a row, as of the report's day."""
    if not metrics:
        return []
    half = (layout.width - CHART_GAP) / 2
    drawings = [charts.progress_chart(m.series, layout.figures.as_of, half, CHART_HEIGHT) for m in metrics]
    commands: list[tuple[Any, ...]] = [
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 8),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    # One table per row of two: a row is the unit a page break may fall between.
    return [
        table(
            [[drawings[i], "", drawings[i + 1] if i + 1 < len(drawings) else ""]],
            [half, CHART_GAP, half],
            commands,
        )
        for i in range(0, len(drawings), 2)
    ]


def _retrospective(layout: ReportLayout, objective: ObjectiveFigure) -> list[Any]:
    """What worked, what did not, and the decision, as the leaders wrote them at the quarter's end."""
    platypus, s = platypus_module(), layout.styles
    review = objective.review
    if not layout.is_quarter:
        return []
    if review is None or not (review.worked.strip() or review.did_not_work.strip() or review.decision):
        return [
            para(
                translate("ReportObjectives", "No retrospective written for {period} yet.").format(
                    period=layout.period_words
                ),
                s.note_indented,
            )
        ]
    rows: list[list[Any]] = []
    for label, text in (
        (translate("ReportObjectives", "WHAT WORKED"), review.worked),
        (translate("ReportObjectives", "WHAT DID NOT"), review.did_not_work),
    ):
        if text.strip():
            rows.append(
                [para(label, s.label), [para(line, s.cell) for line in text.split("\n") if line.strip()]]
            )
    if review.decision:
        rows.append(
            [
                para(translate("ReportObjectives", "DECISION"), s.label),
                para(
                    translate("ReportObjectives", DECISIONS.get(review.decision, review.decision)),
                    s.cell_bold,
                ),
            ]
        )
    retro = table(
        rows,
        [30 * MM, layout.width - INDENT - 30 * MM],
        [
            ("LEFTPADDING", (0, 0), (0, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("TOPPADDING", (0, 0), (0, -1), 3),
            ("LINEBEFORE", (1, 0), (1, -1), 1.5, ACCENT),
            ("LEFTPADDING", (1, 0), (1, -1), 8),
        ],
        hAlign="RIGHT",
    )
    label = para(
        translate("ReportObjectives", "RETROSPECTIVE, {period}").format(period=layout.period_words.upper()),
        s.label_indented,
    )
    return [platypus.Spacer(1, 2), platypus.KeepTogether([label, platypus.Spacer(1, 2), retro])]
