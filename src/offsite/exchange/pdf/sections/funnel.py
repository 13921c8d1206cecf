"""Appendix: one reverse funnel, its inputs and its table per quarter (or why it cannot be computed)."""

from __future__ import annotations

from typing import Any

from offsite.domain.exercises import (
    FunnelView,
)
from offsite.domain.formatting import format_number
from offsite.domain.funnel import (
    FIELD_LABELS,
    RATE_FIELDS,
    ROUNDING_RULE,
    STAGE_LABELS,
    STAGES,
    TOTAL_LABEL,
    FunnelInputs,
)
from offsite.domain.language import translate
from offsite.exchange.pdf.flowables import grid_commands, platypus_module, table
from offsite.exchange.pdf.layout import Layout
from offsite.exchange.pdf.rtl import para
from offsite.exchange.pdf.styles import FAINT, MM, TINT


def build(layout: Layout, funnel: FunnelView) -> list[Any]:
    """The funnel's inputs, then its table per quarter, or the messages that stop it computing."""
    from offsite.services.funnel import funnel_rows, funnel_table  # pandas: only when a funnel prints

    platypus, s = platypus_module(), layout.styles
    inputs = _funnel_inputs(funnel)
    result = funnel_table(inputs)

    def value(name: str) -> str:
        figure: float | None = getattr(inputs, name)
        if figure is None:
            return "—"
        return f"{format_number(figure)}%" if name in RATE_FIELDS else format_number(figure)

    def label(name: str) -> str:
        text = translate("Funnel", FIELD_LABELS[name])
        return text[:1].upper() + text[1:]

    names = ["revenue_target", "average_deal_size", *RATE_FIELDS]
    cells: list[list[Any]] = []
    for first, second in zip(names[::2], names[1::2], strict=True):
        cells.append(
            [
                para(label(first), s.cell_muted),
                para(value(first), s.cell_bold),
                para(label(second), s.cell_muted),
                para(value(second), s.cell_bold),
            ]
        )
    if inputs.weights is not None and len(inputs.weights) == len(inputs.quarters):
        quarters = " · ".join(
            f"{q} ({format_number(w)})" for q, w in zip(inputs.quarters, inputs.weights, strict=True)
        )
        quarter_label = translate("PdfFunnel", "Quarters (weight)")
    else:
        quarters = " · ".join(inputs.quarters) or "—"
        quarter_label = (
            translate("PdfFunnel", "Quarters (even split)")
            if inputs.weights is None
            else translate("PdfFunnel", "Quarters")
        )
    cells.append([para(quarter_label, s.cell_muted), para(quarters, s.cell_bold), "", ""])
    label_width, value_width = 36 * MM, 30 * MM
    inputs_table = table(
        cells,
        [label_width, value_width, label_width, layout.width - 2 * label_width - value_width],
        [
            ("SPAN", (1, -1), (-1, -1)),
            ("LEFTPADDING", (0, 0), (0, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ],
    )
    title = para(translate("PdfFunnel", "REVERSE FUNNEL"), s.label)
    title.keepWithNext = True
    story: list[Any] = [platypus.Spacer(1, 4 * MM), title, platypus.Spacer(1, 2), inputs_table]
    story.append(platypus.Spacer(1, 3))
    if result.table is None:
        story.append(para(translate("PdfFunnel", "The funnel cannot be computed from these inputs:"), s.body))
        story += [para(f"•  {m.text}", s.note_indented) for m in result.messages if m.blocking]
        return story

    quarter_width = 28 * MM
    stage_width = (layout.width - quarter_width) / len(STAGES)
    rows: list[list[Any]] = [
        [para(translate("PdfFunnel", "Quarter"), s.head)]
        + [para(translate("Funnel", STAGE_LABELS[stage]), s.head_right) for stage in STAGES]
    ]
    table_rows = funnel_rows(result)
    for number, (quarter, figures) in enumerate(table_rows, start=1):
        total = number == len(table_rows)
        rows.append(
            [para(translate("Funnel", TOTAL_LABEL) if quarter == TOTAL_LABEL else quarter, s.cell_bold)]
            + [para(figure, s.cell_total if total else s.cell_right) for figure in figures]
        )
    commands = [
        *grid_commands(),
        ("LINEABOVE", (0, -1), (-1, -1), 0.8, FAINT),
        ("BACKGROUND", (0, -1), (-1, -1), TINT),
    ]
    story.append(table(rows, [quarter_width] + [stage_width] * len(STAGES), commands, repeatRows=1))
    story.append(platypus.Spacer(1, 3))
    story += [
        para(translate("PdfFunnel", "To check: {message}").format(message=m.text), s.note)
        for m in result.messages
    ]
    story.append(
        para(
            translate("PdfFunnel", "Rounding: {rule}").format(rule=translate("Funnel", ROUNDING_RULE)), s.note
        )
    )
    return story


def _funnel_inputs(funnel: FunnelView) -> FunnelInputs:
    return FunnelInputs(
        revenue_target=funnel.revenue_target,
        average_deal_size=funnel.average_deal_size,
        win_rate=funnel.win_rate,
        sql_to_opportunity=funnel.sql_to_opportunity,
        mql_to_sql=funnel.mql_to_sql,
        lead_to_mql=funnel.lead_to_mql,
        quarters=funnel.quarters,
        weights=funnel.weights,
    )
