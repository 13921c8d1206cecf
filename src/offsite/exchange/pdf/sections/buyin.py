"""The buy-in matrix (landscape beyond six leaders, split beyond twelve) and the open points."""

from __future__ import annotations

from typing import Any

from offsite.domain.buyin import is_bought_in, leaders_concerned, stance_of
from offsite.domain.language import translate
from offsite.domain.values import (
    LeaderView,
    ObjectiveView,
    Stance,
)
from offsite.exchange.pdf.flowables import checkpoint, grid_commands, platypus_module, rotated, stack, table
from offsite.exchange.pdf.layout import Layout
from offsite.exchange.pdf.rtl import para
from offsite.exchange.pdf.sections.common import section_heading
from offsite.exchange.pdf.sections.objectives import room_for
from offsite.exchange.pdf.styles import (
    ACCENT,
    FAINT,
    LANDSCAPE_LEADERS,
    MM,
    MUTED,
    PORTRAIT_LEADERS,
    STANCE_COLOURS,
)
from offsite.exchange.pdf.wording import shorten, whole

_MATRIX_STATEMENT_CHARS = 160


_HEADER_CHARS = 32


def build(layout: Layout) -> list[Any]:
    platypus, s, view = platypus_module(), layout.styles, layout.view
    leaders = list(view.leaders)
    wide = len(leaders) > PORTRAIT_LEADERS
    story: list[Any] = []
    if wide:
        story += [platypus.NextPageTemplate("Landscape"), platypus.PageBreak()]
    else:
        story.append(platypus.PageBreak())
    width = layout.landscape_width if wide else layout.width
    heading = section_heading(layout, layout.next_section(), translate("PdfBuyIn", "Buy-in"), width)
    bought = sum(is_bought_in(o, view.leaders, layout.stances) for o in view.objectives)
    story += [
        heading,
        para(
            translate(
                "PdfBuyIn",
                "{bought} of {objectives} objectives are bought in. An objective is bought in "
                "when every leader of every team that owns it has agreed; “—” marks a leader outside the "
                "owning teams.",
            ).format(bought=whole(bought), objectives=whole(len(view.objectives))),
            s.body,
        ),
        platypus.Spacer(1, 4),
    ]
    objectives = sorted(view.objectives, key=lambda o: int(layout.numbers.get(o.id, "O0")[1:]))
    if not objectives or not leaders:
        story.append(
            para(
                translate("PdfBuyIn", "There are no objectives or no leaders to record buy-in for yet."),
                s.note,
            )
        )
        return story
    per_table = LANDSCAPE_LEADERS if wide else PORTRAIT_LEADERS
    chunks = [leaders[i : i + per_table] for i in range(0, len(leaders), per_table)]
    for number, chunk in enumerate(chunks, start=1):
        if len(chunks) > 1:
            story.append(
                para(
                    translate("PdfBuyIn", "Leaders {group} of {groups} groups").format(
                        group=number, groups=len(chunks)
                    ),
                    s.note,
                )
            )
        story.append(_matrix(layout, objectives, chunk, width))
        story.append(platypus.Spacer(1, 8))
        story.append(checkpoint(layout.run))
    story += _open_points(layout, objectives)
    return story


def _matrix(layout: Layout, objectives: list[ObjectiveView], leaders: list[LeaderView], width: float) -> Any:
    s = layout.styles
    stance_width = 44.0
    bought_width = room_for([translate("PdfBuyIn", "Bought in")], s.head_center.fontSize, 17 * MM, padding=8)
    objective_width = width - bought_width - stance_width * len(leaders)
    objective_width = min(objective_width, 95 * MM)
    header_height = 36 * MM
    header: list[Any] = [para(translate("PdfBuyIn", "Objective"), s.head)]
    for leader in leaders:
        label = [
            para(shorten(leader.name, _HEADER_CHARS), s.rotated),
            para(shorten(leader.title, _HEADER_CHARS), s.cell_muted),
        ]
        header.append(rotated(stack(label), header_height - 8))
    header.append(para(translate("PdfBuyIn", "Bought in"), s.head_center))
    rows: list[list[Any]] = [header]
    commands: list[tuple[Any, ...]] = [
        *grid_commands(),
        ("ALIGN", (1, 0), (-1, 0), "CENTER"),
        ("LEFTPADDING", (1, 0), (-2, 0), 2),
        ("RIGHTPADDING", (1, 0), (-2, 0), 2),
        ("VALIGN", (1, 1), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (1, 1), (-1, -1), 1.5),
        ("RIGHTPADDING", (1, 1), (-1, -1), 1.5),
        ("LINEAFTER", (0, 0), (-2, -1), 0.4, "#FFFFFF"),
        ("LINEBEFORE", (-1, 0), (-1, -1), 0.8, FAINT),
    ]
    for row, objective in enumerate(objectives, start=1):
        concerned = {p.id for p in leaders_concerned(objective, layout.view.leaders)}
        number = layout.numbers.get(objective.id, "")
        cells: list[Any] = [
            para(f"{number}  {shorten(objective.statement, _MATRIX_STATEMENT_CHARS)}", s.cell),
        ]
        for column, leader in enumerate(leaders, start=1):
            has_event = (objective.id, leader.id) in layout.stances
            if leader.id not in concerned and not has_event:
                cells.append(para("—", s.stance, colour=FAINT))
                continue
            stance = stance_of(objective.id, leader.id, layout.stances)
            fill, ink = STANCE_COLOURS[stance]
            cells.append(para(stance.label, s.stance, colour=ink))
            commands.append(("BACKGROUND", (column, row), (column, row), fill))
        bought = is_bought_in(objective, layout.view.leaders, layout.stances)
        cells.append(
            para(
                translate("PdfBuyIn", "Yes") if bought else translate("PdfBuyIn", "No"),
                s.stance,
                colour="#1E6B3A" if bought else MUTED,
            )
        )
        if bought:
            commands.append(("BACKGROUND", (-1, row), (-1, row), STANCE_COLOURS[Stance.AGREED][0]))
        rows.append(cells)
    widths = [objective_width] + [stance_width] * len(leaders) + [bought_width]
    return table(rows, widths, commands, repeatRows=1, hAlign="LEFT")


def _open_points(layout: Layout, objectives: list[ObjectiveView]) -> list[Any]:
    """The concerned leaders who have not agreed yet, with what they said."""
    platypus, s, view = platypus_module(), layout.styles, layout.view
    rows: list[list[Any]] = []
    for objective in objectives:
        for leader in leaders_concerned(objective, view.leaders):
            event = layout.stances.get((objective.id, leader.id))
            stance = stance_of(objective.id, leader.id, layout.stances)
            if stance is Stance.AGREED:
                continue
            rows.append(
                [
                    para(layout.numbers.get(objective.id, ""), s.cell_bold, colour=ACCENT),
                    para(leader.name, s.cell_bold),
                    para(stance.label, s.cell, colour=STANCE_COLOURS[stance][1]),
                    para(event.comment if event and event.comment.strip() else "—", s.cell),
                ]
            )
    if not rows:
        return []
    width = layout.landscape_width if len(view.leaders) > PORTRAIT_LEADERS else layout.width
    title = para(translate("PdfBuyIn", "Open points"), s.h2)
    title.keepWithNext = True
    header = [
        para("", s.head),
        para(translate("PdfBuyIn", "Leader"), s.head),
        para(translate("PdfBuyIn", "Stance"), s.head),
        para(translate("PdfBuyIn", "What was said"), s.head),
    ]
    widths = [12 * MM, 42 * MM, 34 * MM, width - 88 * MM]
    return [platypus.Spacer(1, 4), title, table([header, *rows], widths, grid_commands(), repeatRows=1)]
