"""Agreements in practice: each hand-off and joint practice the leaders agreed, read through the
metric it names — its latest actual in the period against its target and, for a practice, whether
its cadence was kept in each period of the report's span ("kept 3 of 3 months").

Left out when the plan has no hand-off and no joint practice. One naming no metric is listed too,
as not tracked, so the reader sees what nobody checks in on.
"""

from __future__ import annotations

from typing import Any

from offsite.domain.agreements import AgreementKind
from offsite.domain.language import QT_TRANSLATE_NOOP, translate
from offsite.domain.practices import PracticeState
from offsite.domain.progress import Status
from offsite.domain.reporting import short_day
from offsite.domain.values import Direction
from offsite.exchange.pdf.flowables import grid_commands, platypus_module, table
from offsite.exchange.pdf.rtl import para
from offsite.exchange.pdf.sections.common import intro, section_heading
from offsite.exchange.pdf.styles import MM
from offsite.exchange.report.figures import AgreementFigure
from offsite.exchange.report.layout import INK, ReportLayout, figure

#: A practice's tally in the colour of the status it stands for: kept green, due amber, missed red.
TALLY_INK = {
    PracticeState.KEPT: INK[Status.ON_TRACK],
    PracticeState.DUE: INK[Status.AT_RISK],
    PracticeState.MISSED: INK[Status.OFF_TRACK],
}
NOT_TRACKED = QT_TRANSLATE_NOOP("ReportAgreements", "Not tracked: no metric named")


def build(layout: ReportLayout) -> list[Any]:
    """The section, or nothing when the plan has no hand-off and no joint practice."""
    platypus, s = platypus_module(), layout.styles
    agreements = layout.figures.agreements
    if not agreements:
        return []
    hand_offs = [a for a in agreements if a.agreement.kind == AgreementKind.HAND_OFF]
    practices = [a for a in agreements if a.agreement.kind == AgreementKind.PRACTICE]
    head: list[Any] = [
        section_heading(
            layout, layout.next_section(), translate("ReportAgreements", "Agreements in practice")
        ),
        intro(
            layout,
            translate(
                "ReportAgreements",
                "The hand-offs and joint practices the leaders agreed, tracked through the metric each "
                "names: its latest actual in {period} against its target, and whether each "
                "practice was kept in every period of its cadence (a check-in of its metric keeps it).",
            ).format(period=layout.period_words),
        ),
    ]
    story: list[Any] = []
    for heading, listed, last_column in (
        (AgreementKind.HAND_OFF.shown_heading, hand_offs, translate("ReportObjectives", "Status")),
        (AgreementKind.PRACTICE.shown_heading, practices, translate("ReportAgreements", "Cadence kept")),
    ):
        if not listed:
            continue
        title = para(heading, s.h3)
        # The section's heading and each table's title go with the table's first rows.
        story.append(platypus.KeepTogether([*head, title, _table(layout, listed, last_column)]))
        story.append(platypus.Spacer(1, 4 * MM))
        head = []
    story.append(platypus.Spacer(1, 2 * MM))
    return story


def _table(layout: ReportLayout, listed: list[AgreementFigure], last_column: str) -> Any:
    s = layout.styles
    # The same columns in both tables, so the hand-offs and the practices read down alike.
    widths = [0.0, 36 * MM, 22 * MM, 14 * MM, 36 * MM]
    widths[0] = layout.width - sum(widths)
    rows: list[list[Any]] = [
        [
            para(listed[0].agreement.agreement_kind.noun.capitalize(), s.head),
            para(translate("PdfObjectives", "Metric"), s.head),
            para(translate("ReportAgreements", "Latest actual"), s.head_right),
            para(translate("PdfObjectives", "Target"), s.head_right),
            para(last_column, s.head),
        ]
    ]
    for item in listed:
        rows.append([_agreement(layout, item), *_tracking(layout, item)])
    commands = [
        *grid_commands(),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    return table(rows, widths, commands, repeatRows=1)


def _agreement(layout: ReportLayout, item: AgreementFigure) -> list[Any]:
    """The agreement's title, and under it what was agreed: the response time, or the cadence, and who."""
    s, view = layout.styles, layout.figures.input.view
    agreement = item.agreement
    title = " ".join(agreement.title.split()) or translate("ReportAgreements", "Untitled {agreement}").format(
        agreement=agreement.agreement_kind.noun
    )
    team = view.team(agreement.team_id) if agreement.team_id is not None else None
    owner = view.leader(agreement.owner_id) if agreement.owner_id is not None else None
    if agreement.agreement_kind is AgreementKind.HAND_OFF:
        facts = [agreement.service_level, agreement.route]
    else:
        facts = [
            agreement.cadence.capitalize()
            if agreement.cadence
            else translate("ReportAgreements", "No cadence agreed")
        ]
    facts += [team.name if team else "", owner.name if owner else ""]
    said = " · ".join(" ".join(f.split()) for f in facts if f.strip())
    return [para(title, s.cell_bold)] + ([para(said, s.cell_muted)] if said else [])


def _tracking(layout: ReportLayout, item: AgreementFigure) -> list[Any]:
    """The metric's cells: its name, latest actual in the period, target, and the status or tally."""
    s = layout.styles
    found = item.metric
    if found is None:
        return [
            para(translate("ReportAgreements", NOT_TRACKED), s.cell_muted),
            para("—", s.cell_right),
            para("—", s.cell_right),
            para("—", s.cell),
        ]
    metric, reading = found.metric, found.reading
    unit = metric.unit.strip()
    name: list[Any] = [para(metric.name or translate("ReportObjectives", "Untitled metric"), s.cell)]
    if unit:
        name.append(para(unit, s.cell_muted))
    if reading is not None and reading.checked_in and reading.as_of is not None:
        actual = [
            para(figure(reading.actual), s.cell_right),
            para(short_day(reading.as_of), s.cell_muted_right),
        ]
    else:
        actual = [
            para("—", s.cell_right),
            para(
                translate("ReportAgreements", "none in {period}").format(period=layout.period_short),
                s.cell_muted_right,
            ),
        ]
    arrow = "↓ " if metric.direction is Direction.DOWN and metric.target is not None else ""
    target = para(f"{arrow}{figure(metric.target)}", s.cell_right)
    if item.agreement.kind != AgreementKind.PRACTICE:
        return [name, actual, target, layout.status(found.status)]
    tally = item.tally
    if tally is None:
        why = (
            translate("ReportAgreements", "not started yet")
            if item.agreement.cadence
            else translate("ReportAgreements", "no cadence agreed")
        )
        return [name, actual, target, para(why, s.cell_muted)]
    words = tally.words[:1].upper() + tally.words[1:]
    return [name, actual, target, para(words, s.cell_bold, colour=TALLY_INK[tally.state])]
