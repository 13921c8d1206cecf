"""The cover and the summary: the plan, the period, what the progress is tracked against, and the
period at a glance — objectives scored, metrics on track, the alignment index, each objective's line."""

from __future__ import annotations

from typing import Any

from offsite.domain.fingerprint import short_fingerprint
from offsite.domain.progress import Status
from offsite.domain.reporting import as_of_in_words, period_in_words
from offsite.exchange.pdf.flowables import grid_commands, platypus_module, table
from offsite.exchange.pdf.rtl import para
from offsite.exchange.pdf.seal import STATUS_AWAITING, STATUS_SIGNED
from offsite.exchange.pdf.sections.common import section_heading
from offsite.exchange.pdf.styles import ACCENT, FAINT, MM, MUTED, NAVY, RULE, TINT
from offsite.exchange.pdf.wording import all_of, count_words, format_moment, grouped_fingerprint
from offsite.exchange.report.figures import ReportFigures
from offsite.exchange.report.layout import INK, ReportLayout, figure, score_text

#: The score words in the order the summary counts them, and their ink.
SCORE_WORDS = (
    ("delivered", INK[Status.ON_TRACK]),
    ("progress", INK[Status.AT_RISK]),
    ("missed", INK[Status.OFF_TRACK]),
)


def tracked_against(figures: ReportFigures) -> tuple[str, str]:
    """The cover's statement of what the progress is tracked against, and a line of detail under it.

    Signed: "Progress tracked against the plan signed as version 2 (fingerprint 3f2a 9c1b 0d4e
    77aa); this report is not part of the signed plan." Otherwise it says the plan is not signed.
    """
    report = figures.input
    seal = report.seal
    version = seal.version
    if version is not None and seal.status == STATUS_SIGNED:
        when = format_moment(seal.moment)
        return (
            f"Progress tracked against the plan signed as version {version.number} "
            f"(fingerprint {short_fingerprint(version.fingerprint)}); "
            "this report is not part of the signed plan.",
            f"Signed by {all_of(seal.required)}, the last on {when}. "
            f"Full fingerprint: {grouped_fingerprint(version.fingerprint)}.",
        )
    if version is not None and seal.status == STATUS_AWAITING:
        return (
            f"The plan is not signed yet: version {version.number} awaits signatures "
            f"({seal.signed} of {seal.required}). Progress is tracked against the plan as it stands; "
            "this report is not part of the plan.",
            "Once every leader has signed, the report names the version and its fingerprint.",
        )
    reopened = report.signoff.versions[0] if report.signoff and report.signoff.versions else None
    if reopened is not None and reopened.reopened:
        return (
            f"The plan is not signed yet: version {reopened.number} was re-opened for changes. "
            "Progress is tracked against the plan as it stands; this report is not part of the plan.",
            "Once the leaders sign again, the report names the version and its fingerprint.",
        )
    return (
        "The plan is not signed yet. Progress is tracked against the plan as it stands; "
        "this report is not part of the plan.",
        "Once every leader has signed, the report names the version and its fingerprint.",
    )


def no_check_ins(figures: ReportFigures) -> str:
    """ "No check-ins in Q3 2027 yet." """
    return f"No check-ins in {figures.period.words} yet."


def build(layout: ReportLayout) -> list[Any]:
    platypus, s, figures = platypus_module(), layout.styles, layout.figures
    view = figures.input.view
    story: list[Any] = [
        platypus.Spacer(1, 14 * MM),
        para("RESULTS REPORT", s.kicker),
        platypus.Spacer(1, 6),
        para(view.details.title or "Untitled offsite", s.title),
        para(period_in_words(figures.period), s.vision),
        para(f"Prepared {as_of_in_words(figures.period, figures.as_of)}", s.subtitle),
        platypus.Spacer(1, 8 * MM),
    ]
    statement, detail = tracked_against(figures)
    signed = figures.input.seal.status == STATUS_SIGNED
    story.append(
        table(
            [[[para(statement, s.objective), platypus.Spacer(1, 3), para(detail, s.note)]]],
            [layout.width],
            [
                ("LINEBEFORE", (0, 0), (0, -1), 2.5, NAVY if signed else ACCENT),
                ("BACKGROUND", (0, 0), (-1, -1), TINT),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 9),
            ],
        )
    )
    story.append(platypus.Spacer(1, 9 * MM))
    story += summary(layout)
    return story


def _stat_row(layout: ReportLayout, label: str, stats: list[tuple[int, str, str]]) -> list[Any]:
    """A label and a row of big numbers with their words under them, each number in its ink."""
    s = layout.styles
    column = layout.width / len(stats)
    row = table(
        [
            [para(str(count), s.stat, colour=ink if count else FAINT) for count, _, ink in stats],
            [para(words, s.note) for _, words, _ in stats],
        ],
        [column] * len(stats),
        [
            ("LINEABOVE", (0, 0), (-1, 0), 0.8, RULE),
            ("TOPPADDING", (0, 0), (-1, 0), 7),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 7),
            ("LEFTPADDING", (0, 0), (0, -1), 0),
        ],
    )
    heading = para(label, s.label)
    heading.keepWithNext = True
    return [heading, platypus_module().Spacer(1, 2), row]


def summary(layout: ReportLayout) -> list[Any]:
    """The period at a glance: counts, the check-ins, the alignment trend in words, each objective's line."""
    platypus, s, figures = platypus_module(), layout.styles, layout.figures
    story: list[Any] = [section_heading(layout, layout.next_section(), f"{figures.period.words} at a glance")]
    objectives = figures.objectives
    words = [o.words for o in objectives]
    quarter = figures.input.scoring.words.upper()
    if layout.is_quarter and figures.as_of >= figures.period.end:
        scored = f"OBJECTIVES SCORED AT THE END OF {quarter}"
    else:
        scored = f"OBJECTIVES SCORED SO FAR IN {quarter}"
    story += _stat_row(
        layout,
        scored,
        [(words.count(w), w, ink) for w, ink in SCORE_WORDS] + [(words.count("no score"), "no score", MUTED)],
    )
    if not layout.is_quarter:
        story.append(
            para(
                "Scores are read as at a quarter’s end (0.7 and up delivered, 0.4–0.6 progress, below "
                "missed): before the quarter ends, most objectives are still short of their targets.",
                s.footnote,
            )
        )
    story.append(platypus.Spacer(1, 5 * MM))
    statuses = [m.status for m in figures.metrics]
    story += _stat_row(
        layout,
        f"METRICS ON {layout.as_of_words.upper()}",
        [(statuses.count(status), status.words, INK[status]) for status in Status],
    )
    story.append(platypus.Spacer(1, 5 * MM))
    story.append(para(check_in_sentence(figures), s.body if figures.check_ins else s.statement))
    story.append(para(alignment_sentence(figures), s.body))
    if objectives:
        story += [platypus.Spacer(1, 3 * MM), *_overview(layout)]
    return story


def check_in_sentence(figures: ReportFigures) -> str:
    """How much was checked in: "38 check-ins in Q1 2027 on 10 of 12 metrics." or that none were."""
    metrics = len(figures.metrics)
    if figures.check_ins == 0:
        return no_check_ins(figures) + (
            " The figures below are the last ones checked in before it."
            if any(m.reading is not None and m.reading.actual is not None for m in figures.metrics)
            else ""
        )
    noun = "check-in" if figures.check_ins == 1 else "check-ins"
    wins = len(figures.input.wins)
    return (
        f"{figures.check_ins:,} {noun} in {figures.period.words} on {figures.metrics_checked_in} "
        f"of {metrics} metric{'s' if metrics != 1 else ''}; "
        f"{count_words(wins)} win{'s' if wins != 1 else ''} logged to celebrate."
    )


def alignment_sentence(figures: ReportFigures) -> str:
    """The alignment index's trend line in words, over the quarters closed so far."""
    trend = figures.trend
    readings = [
        (period, evidence, rating)
        for period, evidence, rating in zip(trend.periods, trend.evidence, trend.self_rating, strict=True)
        if evidence is not None
    ]
    if not readings:
        return "Alignment: no quarter closed yet; the alignment index is kept each time a quarter is closed."
    period, evidence, rating = readings[-1]
    sentence = f"Alignment index {figure(evidence)} of 100 when {_quarter_words(period)} closed"
    if len(readings) > 1:
        before_period, before, _ = readings[-2]
        change = evidence - before
        moved = (
            "unchanged from"
            if change == 0
            else f"{'up' if change > 0 else 'down'} {figure(abs(change))} from"
        )
        sentence += f", {moved} {_quarter_words(before_period)}"
        if len(readings) > 2:
            first_period, first, _ = readings[0]
            sentence += f" ({figure(first)} in {_quarter_words(first_period)})"
    if rating is not None:
        sentence += f"; the leaders rate their alignment {rating:.1f} of 5"
    return sentence + "."


def _quarter_words(label: str) -> str:
    from offsite.domain.progress import parse_period

    try:
        return parse_period(label).words
    except ValueError:
        return label


def _overview(layout: ReportLayout) -> list[Any]:
    """One line per objective: its number and statement, its score and words, its metrics' statuses."""
    s, figures = layout.styles, layout.figures
    widths = [12 * MM, 0.0, 17 * MM, 20 * MM, 44 * MM]
    widths[1] = layout.width - sum(widths)
    rows: list[list[Any]] = [
        [
            para("", s.head),
            para("Objective", s.head),
            para("Score", s.head_right),
            para("", s.head),
            para("Metrics", s.head),
        ]
    ]
    for objective in figures.objectives:
        statuses = [m.status for m in objective.metrics]
        counts = [(statuses.count(status), status) for status in Status if statuses.count(status)]
        metric_words = ", ".join(f"{n} {status.words}" for n, status in counts) or "no metrics"
        words = objective.words
        ink = dict(SCORE_WORDS).get(words, MUTED)
        score = score_text(objective.score) + ("*" if objective.overridden else "")
        rows.append(
            [
                para(objective.number, s.cell_bold, colour=ACCENT),
                para(objective.objective.statement or "Untitled objective", s.cell),
                para(score, s.cell_total),
                para(words, s.cell_bold, colour=ink),
                para(metric_words, s.cell_muted),
            ]
        )
    overview = table(rows, widths, [*grid_commands(), ("LEFTPADDING", (0, 0), (0, -1), 0)], repeatRows=1)
    story = [overview]
    if any(o.overridden for o in figures.objectives):
        story.append(
            para(
                "* Score set by the leaders at the quarter’s review; the reason is with the objective.",
                s.note,
            )
        )
    return [platypus_module().KeepTogether(story)] if len(rows) <= 12 else story
