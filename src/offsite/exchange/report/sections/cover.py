"""The cover and the summary: the plan, the period, what the progress is tracked against, and the
period at a glance — objectives scored, metrics on track, the alignment index, each objective's line."""

from __future__ import annotations

from typing import Any

from offsite.domain.fingerprint import short_fingerprint
from offsite.domain.formatting import format_number
from offsite.domain.language import QT_TRANSLATE_NOOP, plural, translate
from offsite.domain.progress import Status
from offsite.domain.reporting import as_of_in_words, period_in_words
from offsite.exchange.pdf.flowables import grid_commands, platypus_module, table
from offsite.exchange.pdf.rtl import para
from offsite.exchange.pdf.seal import STATUS_AWAITING, STATUS_SIGNED
from offsite.exchange.pdf.sections.common import section_heading
from offsite.exchange.pdf.styles import ACCENT, FAINT, MM, MUTED, NAVY, RULE, TINT
from offsite.exchange.pdf.wording import (
    all_of,
    count_words,
    format_moment,
    grouped_fingerprint,
    one_decimal,
    whole,
)
from offsite.exchange.report.figures import ReportFigures
from offsite.exchange.report.layout import INK, ReportLayout, figure, score_text

#: The score words in the order the summary counts them, and their ink.
SCORE_WORDS = (
    (QT_TRANSLATE_NOOP("Tracking", "delivered"), INK[Status.ON_TRACK]),
    (QT_TRANSLATE_NOOP("Tracking", "progress"), INK[Status.AT_RISK]),
    (QT_TRANSLATE_NOOP("Tracking", "missed"), INK[Status.OFF_TRACK]),
)
#: An objective without a score, as the summary counts it (``domain.progress.NO_SCORE``).
NO_SCORE = QT_TRANSLATE_NOOP("Tracking", "no score")


def said(words: str) -> str:
    """A score's or a status's words ("delivered", "on track"), kept in English as a key, in the
    leader's language."""
    return translate("Tracking", words)


#: What the cover promises while the plan awaits its signatures.
SIGNED_LATER = QT_TRANSLATE_NOOP(
    "ReportCover", "Once every leader has signed, the report names the version and its fingerprint."
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
            translate(
                "ReportCover",
                "Progress tracked against the plan signed as version {version} (fingerprint "
                "{fingerprint}); this report is not part of the signed plan.",
            ).format(version=version.number, fingerprint=short_fingerprint(version.fingerprint)),
            translate(
                "ReportCover", "Signed by {leaders}, the last on {moment}. Full fingerprint: {fingerprint}."
            ).format(
                leaders=all_of(seal.required),
                moment=when,
                fingerprint=grouped_fingerprint(version.fingerprint),
            ),
        )
    if version is not None and seal.status == STATUS_AWAITING:
        return (
            translate(
                "ReportCover",
                "The plan is not signed yet: version {version} awaits signatures ({signed} of "
                "{required}). Progress is tracked against the plan as it stands; this report is not "
                "part of the plan.",
            ).format(
                version=version.number,
                signed=whole(seal.signed),
                required=whole(seal.required),
            ),
            translate("ReportCover", SIGNED_LATER),
        )
    reopened = report.signoff.versions[0] if report.signoff and report.signoff.versions else None
    if reopened is not None and reopened.reopened:
        return (
            translate(
                "ReportCover",
                "The plan is not signed yet: version {version} was re-opened for changes. "
                "Progress is tracked against the plan as it stands; this report is not part of the plan.",
            ).format(version=reopened.number),
            translate(
                "ReportCover",
                "Once the leaders sign again, the report names the version and its fingerprint.",
            ),
        )
    return (
        translate(
            "ReportCover",
            "The plan is not signed yet. Progress is tracked against the plan as it stands; "
            "this report is not part of the plan.",
        ),
        translate("ReportCover", SIGNED_LATER),
    )


def no_check_ins(figures: ReportFigures) -> str:
    """ "No check-ins in Q3 2027 yet." """
    return translate("ReportCover", "No check-ins in {period} yet.").format(period=figures.period.words)


def build(layout: ReportLayout) -> list[Any]:
    platypus, s, figures = platypus_module(), layout.styles, layout.figures
    view = figures.input.view
    story: list[Any] = [
        platypus.Spacer(1, 14 * MM),
        para(translate("ReportCover", "RESULTS REPORT"), s.kicker),
        platypus.Spacer(1, 6),
        para(view.details.title or translate("PdfPages", "Untitled offsite"), s.title),
        para(period_in_words(figures.period), s.vision),
        para(
            translate("ReportCover", "Prepared {as_of}").format(
                as_of=as_of_in_words(figures.period, figures.as_of)
            ),
            s.subtitle,
        ),
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
            [para(whole(count), s.stat, colour=ink if count else FAINT) for count, _, ink in stats],
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
    story: list[Any] = [
        section_heading(
            layout,
            layout.next_section(),
            translate("ReportCover", "{period} at a glance").format(period=figures.period.words),
        )
    ]
    objectives = figures.objectives
    words = [o.words for o in objectives]
    quarter = figures.input.scoring.words.upper()
    if layout.is_quarter and figures.as_of >= figures.period.end:
        scored = translate("ReportCover", "OBJECTIVES SCORED AT THE END OF {quarter}").format(quarter=quarter)
    else:
        scored = translate("ReportCover", "OBJECTIVES SCORED SO FAR IN {quarter}").format(quarter=quarter)
    story += _stat_row(
        layout,
        scored,
        [(words.count(w), said(w), ink) for w, ink in SCORE_WORDS]
        + [(words.count(NO_SCORE), said(NO_SCORE), MUTED)],
    )
    if not layout.is_quarter:
        story.append(
            para(
                translate(
                    "ReportCover",
                    "Scores are read as at a quarter’s end (0.7 and up delivered, 0.4–0.6 progress, below "
                    "missed): before the quarter ends, most objectives are still short of their targets.",
                ),
                s.footnote,
            )
        )
    story.append(platypus.Spacer(1, 5 * MM))
    statuses = [m.status for m in figures.metrics]
    story += _stat_row(
        layout,
        translate("ReportCover", "METRICS ON {day}").format(day=layout.as_of_words.upper()),
        [(statuses.count(status), said(status.words), INK[status]) for status in Status],
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
        if any(m.reading is not None and m.reading.actual is not None for m in figures.metrics):
            return translate(
                "ReportCover",
                "No check-ins in {period} yet. The figures below are the last ones checked in before it.",
            ).format(period=figures.period.words)
        return no_check_ins(figures)
    wins = len(figures.input.wins)
    checked = plural(
        figures.check_ins,
        plural(
            metrics,
            translate("ReportCover", "{check_ins} check-in in {period} on {checked} of {metrics} metric;"),
            translate("ReportCover", "{check_ins} check-in in {period} on {checked} of {metrics} metrics;"),
        ),
        plural(
            metrics,
            translate("ReportCover", "{check_ins} check-ins in {period} on {checked} of {metrics} metric;"),
            translate("ReportCover", "{check_ins} check-ins in {period} on {checked} of {metrics} metrics;"),
        ),
    ).format(
        check_ins=format_number(figures.check_ins),
        period=figures.period.words,
        checked=whole(figures.metrics_checked_in),
        metrics=whole(metrics),
    )
    celebrated = plural(
        wins,
        translate("ReportCover", "{wins} win logged to celebrate."),
        translate("ReportCover", "{wins} wins logged to celebrate."),
    ).format(wins=count_words(wins))
    return f"{checked} {celebrated}"


def alignment_sentence(figures: ReportFigures) -> str:
    """The alignment index's trend line in words, over the quarters closed so far."""
    trend = figures.trend
    readings = [
        (period, evidence, rating)
        for period, evidence, rating in zip(trend.periods, trend.evidence, trend.self_rating, strict=True)
        if evidence is not None
    ]
    if not readings:
        return translate(
            "ReportCover",
            "Alignment: no quarter closed yet; the alignment index is kept each time a quarter is closed.",
        )
    period, evidence, rating = readings[-1]
    sentence = translate("ReportCover", "Alignment index {score} of 100 when {quarter} closed").format(
        score=figure(evidence), quarter=_quarter_words(period)
    )
    if len(readings) > 1:
        before_period, before, _ = readings[-2]
        change = evidence - before
        if change == 0:
            moved = translate("ReportCover", ", unchanged from {quarter}")
        elif change > 0:
            moved = translate("ReportCover", ", up {change} from {quarter}")
        else:
            moved = translate("ReportCover", ", down {change} from {quarter}")
        sentence += moved.format(change=figure(abs(change)), quarter=_quarter_words(before_period))
        if len(readings) > 2:
            first_period, first, _ = readings[0]
            sentence += translate("ReportCover", " ({score} in {quarter})").format(
                score=figure(first), quarter=_quarter_words(first_period)
            )
    if rating is not None:
        sentence += translate("ReportCover", "; the leaders rate their alignment {rating} of 5").format(
            rating=one_decimal(rating)
        )
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
            para(translate("ReportCover", "Objective"), s.head),
            para(translate("ReportCover", "Score"), s.head_right),
            para("", s.head),
            para(translate("ReportCover", "Metrics"), s.head),
        ]
    ]
    for objective in figures.objectives:
        statuses = [m.status for m in objective.metrics]
        counts = [(statuses.count(status), status) for status in Status if statuses.count(status)]
        metric_words = ", ".join(
            translate("ReportCover", "{count} {status}").format(count=whole(n), status=said(status.words))
            for n, status in counts
        ) or translate("ReportCover", "no metrics")
        words = objective.words
        ink = dict(SCORE_WORDS).get(words, MUTED)
        score = score_text(objective.score) + ("*" if objective.overridden else "")
        rows.append(
            [
                para(objective.number, s.cell_bold, colour=ACCENT),
                para(
                    objective.objective.statement or translate("PdfObjectives", "Untitled objective"), s.cell
                ),
                para(score, s.cell_total),
                para(said(words), s.cell_bold, colour=ink),
                para(metric_words, s.cell_muted),
            ]
        )
    overview = table(rows, widths, [*grid_commands(), ("LEFTPADDING", (0, 0), (0, -1), 0)], repeatRows=1)
    story = [overview]
    if any(o.overridden for o in figures.objectives):
        story.append(
            para(
                translate(
                    "ReportCover",
                    "* Score set by the leaders at the quarter’s review; the reason is with the objective.",
                ),
                s.note,
            )
        )
    return [platypus_module().KeepTogether(story)] if len(rows) <= 12 else story
