"""The plan as a whole over the period: sales beside marketing, the funnel by period against the
work-back plan, the alignment trend, and the wins to celebrate."""

from __future__ import annotations

from typing import Any

from offsite.domain.funnel import STAGE_LABELS
from offsite.domain.language import plural, translate
from offsite.domain.progress import FUNNEL_RATES, Grain, parse_period
from offsite.domain.reporting import short_day
from offsite.exchange.pdf import charts
from offsite.exchange.pdf.flowables import grid_commands, platypus_module, table
from offsite.exchange.pdf.rtl import para
from offsite.exchange.pdf.sections.common import intro, section_heading
from offsite.exchange.pdf.styles import FAINT, HEAD_FILL, MM
from offsite.exchange.pdf.wording import whole
from offsite.exchange.report.figures import FunnelFigure
from offsite.exchange.report.layout import ReportLayout, figure
from offsite.exchange.report.sections.cover import alignment_sentence

#: The full-width charts' height.
WIDE_CHART_HEIGHT = 62 * MM


def _column(label: str) -> str:
    """A period as a table's column says it: "Q1 2027", "March 2027", "2027-W05" (a week in words
    would take two lines)."""
    try:
        period = parse_period(label)
    except ValueError:
        return label
    return period.label if period.grain is Grain.WEEK else period.words


# --- Sales and Marketing -------------------------------------------------------------------------------


def sales_and_marketing(layout: ReportLayout) -> list[Any]:
    """Each sales metric beside its marketing metric (PairChart), and the metrics both teams share."""
    platypus, s = platypus_module(), layout.styles
    team = layout.figures.sales_and_marketing
    if team is None:
        return []
    sales, marketing = team.names
    # The section's heading goes with what comes first under it, never alone at a page's foot.
    head: list[Any] = [
        section_heading(
            layout,
            layout.next_section(),
            translate("ReportTracking", "{sales} and {marketing}").format(sales=sales, marketing=marketing),
        )
    ]
    story: list[Any] = []
    if team.pairs:
        head.append(
            intro(
                layout,
                translate(
                    "ReportTracking",
                    "A {sales} metric beside a {marketing} metric at the same funnel stage or of the same "
                    "name, on one date axis, so the hand-off shows.",
                ).format(sales=sales, marketing=marketing),
            )
        )
        for pair in team.pairs:
            chart = charts.pair_chart(pair, layout.figures.as_of, layout.width, WIDE_CHART_HEIGHT)
            story += [
                platypus.KeepTogether([*head, platypus.Spacer(1, 4), chart]),
                platypus.Spacer(1, 4 * MM),
            ]
            head = []
    if team.shared:
        heading = para(
            translate("ReportTracking", "Metrics {sales} and {marketing} both answer for").format(
                sales=sales, marketing=marketing
            ),
            s.h3,
        )
        heading.keepWithNext = True
        note = intro(
            layout, translate("ReportTracking", "Their progress charts are with their objectives above.")
        )
        rows: list[list[Any]] = [
            [
                para(translate("PdfObjectives", "Metric"), s.head),
                para(translate("ReportCover", "Objective"), s.head),
                para(translate("ReportObjectives", "Last actual"), s.head_right),
                para(translate("ReportObjectives", "Status"), s.head),
            ]
        ]
        objective_of = {m.metric.id: o for o in layout.figures.objectives for m in o.metrics}
        for m in team.shared:
            reading = m.reading
            actual: list[Any] = [para(figure(reading.actual if reading else None), s.cell_right)]
            if reading is not None and reading.as_of is not None:
                actual.append(para(short_day(reading.as_of), s.cell_muted_right))
            unit = m.metric.unit.strip()
            objective = objective_of.get(m.metric.id)
            served = f"{objective.number} {objective.objective.statement}" if objective is not None else ""
            rows.append(
                [
                    [para(m.metric.name, s.cell_bold)] + ([para(unit, s.cell_muted)] if unit else []),
                    para(served, s.cell_muted),
                    actual,
                    layout.status(m.status),
                ]
            )
        widths = [0.0, 55 * MM, 24 * MM, 20 * MM]
        widths[0] = layout.width - sum(widths)
        shared = table(rows, widths, grid_commands(), repeatRows=1)
        story.append(platypus.KeepTogether([*head, heading, note, platypus.Spacer(1, 2), shared]))
        head = []
    if not team.pairs and not team.shared:
        story += [
            *head,
            para(
                translate(
                    "ReportTracking", "No metric of {sales} stands beside one of {marketing} yet."
                ).format(sales=sales, marketing=marketing),
                s.note,
            ),
        ]
    story.append(platypus.Spacer(1, 6 * MM))
    return story


# --- The funnel --------------------------------------------------------------------------------------


def funnel(layout: ReportLayout) -> list[Any]:
    """The funnel by period (FunnelChart) and its table: actual against planned, and the conversion rates."""
    platypus, s = platypus_module(), layout.styles
    story: list[Any] = [
        section_heading(layout, layout.next_section(), translate("ReportTracking", "The funnel"))
    ]
    found = layout.figures.funnel
    if found is None or not found.series.stages:
        story.append(
            para(
                translate(
                    "ReportTracking",
                    "No metric counts a funnel stage yet: give the metrics that count leads, MQLs, SQLs, "
                    "opportunities or deals their funnel stage on the Plan page, and the funnel rolls up here.",
                ),
                s.note,
            )
        )
        return story
    story.append(
        para(
            translate(
                "ReportTracking",
                "Each stage is the sum of the metrics that count it, at each period’s end; the plan is the "
                "work-back funnel worked out at the offsite (counts per quarter, rates as agreed).",
            ),
            s.note,
        )
    )
    story += [platypus.Spacer(1, 4), charts.funnel_chart(found.series, layout.width, WIDE_CHART_HEIGHT)]
    if found.sentence:
        story += [platypus.Spacer(1, 3), para(found.sentence, s.body)]
    # The heading and its words go with the chart; the table may follow on the next page.
    return [
        platypus.KeepTogether(story),
        platypus.Spacer(1, 4 * MM),
        _funnel_table(layout, found),
        platypus.Spacer(1, 6 * MM),
    ]


def _funnel_table(layout: ReportLayout, found: FunnelFigure) -> Any:
    s = layout.styles
    periods = found.series.periods
    first = 42 * MM
    column = min(40 * MM, (layout.width - first) / max(1, len(periods)))
    any_planned = any(v is not None for stage in found.series.stages for v in stage.planned)
    corner = (
        translate("ReportTracking", "Actual of planned")
        if any_planned
        else translate("ReportTracking", "Actual")
    )
    rows: list[list[Any]] = [[para(corner, s.head)] + [para(_column(p), s.head_right) for p in periods]]
    for stage in found.series.stages:
        cells = []
        for actual, planned in zip(stage.actual, stage.planned, strict=True):
            text = figure(actual)
            if planned is not None:
                text = translate("ReportTracking", "{actual} of {planned}").format(
                    actual=text, planned=figure(planned)
                )
            cells.append(para(text, s.cell_right))
        rows.append([para(stage.label, s.cell_bold), *cells])
    shown = {stage.stage for stage in found.series.stages}
    rates = [(a, b, name) for a, b, name in FUNNEL_RATES if a in shown and b in shown]
    header_rows = len(rows)
    if rates:
        rows.append(
            [para(translate("ReportTracking", "Conversion"), s.head)] + [para("", s.head) for _ in periods]
        )
    for earlier, later, name in rates:
        # The planned rate is the work-back funnel's, one for every period: said once, by its name.
        plan = found.planned_rates.get(name)
        label: list[Any] = [
            para(
                f"{translate('Funnel', STAGE_LABELS[earlier])} → {translate('Funnel', STAGE_LABELS[later])}",
                s.cell,
            )
        ]
        if plan is not None:
            label.append(
                para(translate("ReportTracking", "plan {rate}%").format(rate=figure(plan)), s.cell_muted)
            )
        cells = []
        for index in range(len(periods)):
            rate = found.rate(name, index)
            cells.append(para("—" if rate is None else f"{figure(round(rate, 1))}%", s.cell_right))
        rows.append([label, *cells])
    commands = grid_commands()
    if rates:
        commands += [
            ("BACKGROUND", (0, header_rows), (-1, header_rows), HEAD_FILL),
            ("LINEABOVE", (0, header_rows), (-1, header_rows), 0.8, FAINT),
        ]
    return table(rows, [first] + [column] * len(periods), commands, hAlign="LEFT")


# --- Alignment ------------------------------------------------------------------------------------------


def alignment(layout: ReportLayout) -> list[Any]:
    """The alignment index at each quarter's close (TrendChart), with the leaders' self-rating."""
    platypus, s = platypus_module(), layout.styles
    story: list[Any] = [
        section_heading(layout, layout.next_section(), translate("ReportTracking", "Alignment"))
    ]
    story.append(para(alignment_sentence(layout.figures), s.body))
    story.append(charts.trend_chart(layout.figures.trend, layout.width, WIDE_CHART_HEIGHT))
    story.append(
        para(
            translate(
                "ReportTracking",
                "The evidence score (0–100) is the alignment index computed from the plan itself (shared "
                "and customer-centric metrics, buy-in, links to company goals, SMART checks, overlaps "
                "settled); the self-rating is the leaders’ own (1–5). Both are kept when a quarter is closed.",
            ),
            s.note,
        )
    )
    story.append(platypus.Spacer(1, 6 * MM))
    return [platypus.KeepTogether(story[:3]), *story[3:]]


# --- Wins --------------------------------------------------------------------------------------------------


def wins(layout: ReportLayout) -> list[Any]:
    """The wins of the period: the day, what was won, the people to thank and the objective it served."""
    s, figures = layout.styles, layout.figures
    logged = figures.input.wins
    story: list[Any] = [
        section_heading(layout, layout.next_section(), translate("ReportTracking", "Wins to celebrate"))
    ]
    if not logged:
        story.append(
            para(
                translate("ReportTracking", "No wins logged in {period} yet.").format(
                    period=figures.period.words
                ),
                s.note,
            )
        )
        return story
    numbers = {o.objective.id: o for o in figures.objectives}
    rows: list[list[Any]] = [
        [
            para(translate("ReportTracking", "Date"), s.head),
            para(translate("ReportTracking", "Win"), s.head),
            para(translate("ReportTracking", "Thanks to"), s.head),
            para(translate("ReportCover", "Objective"), s.head),
        ]
    ]
    for win in logged:
        objective = numbers.get(win.objective_id) if win.objective_id is not None else None
        served = f"{objective.number} {objective.objective.statement}" if objective is not None else "—"
        rows.append(
            [
                para(short_day(win.on), s.cell),
                para(win.text, s.cell_bold),
                para(win.thanks.strip() or "—", s.cell),
                para(served, s.cell_muted),
            ]
        )
    widths = [22 * MM, 0.0, 42 * MM, 40 * MM]
    widths[1] = layout.width - sum(widths)
    count = len(logged)
    story.append(
        intro(
            layout,
            plural(
                count,
                translate("ReportTracking", "{count} win logged in {period}, and who to thank."),
                translate("ReportTracking", "{count} wins logged in {period}, and who to thank."),
            ).format(count=whole(count), period=figures.period.words),
        )
    )
    story.append(table(rows, widths, grid_commands(), repeatRows=1))
    return story
