"""The data definitions, with who still has to agree to each."""

from __future__ import annotations

from typing import Any

from offsite.domain.language import translate
from offsite.domain.values import (
    Stance,
)
from offsite.exchange.pdf.flowables import grid_commands, platypus_module, table
from offsite.exchange.pdf.layout import Layout
from offsite.exchange.pdf.rtl import para
from offsite.exchange.pdf.sections.common import leader_name, section_heading, team_name
from offsite.exchange.pdf.styles import GREEN_FILL, GREEN_INK, MM, MUTED
from offsite.exchange.pdf.wording import whole


def build(layout: Layout) -> list[Any]:
    platypus, s = platypus_module(), layout.styles
    definitions = layout.extras.definitions
    if not definitions:
        return []
    bought = sum(d.bought_in for d in definitions)
    story: list[Any] = [
        platypus.Spacer(1, 4 * MM),
        section_heading(layout, layout.next_section(), translate("PdfDefinitions", "Data definitions")),
        para(
            translate(
                "PdfDefinitions",
                "{bought} of {definitions} definitions are bought in. The glossary both teams mean "
                "the same thing by; a definition is bought in when every leader of its owning team has "
                "agreed (every leader at the table, when no team owns it).",
            ).format(bought=whole(bought), definitions=whole(len(definitions))),
            s.body,
        ),
        platypus.Spacer(1, 2),
    ]
    term_width, team_width, buyin_width = 36 * MM, 28 * MM, 40 * MM
    rows: list[list[Any]] = [
        [
            para(translate("PdfDefinitions", "Term"), s.head),
            para(translate("PdfDefinitions", "Definition"), s.head),
            para(translate("PdfDefinitions", "Owned by"), s.head),
            para(translate("PdfDefinitions", "Bought in"), s.head),
        ]
    ]
    commands = grid_commands()
    for definition in definitions:
        owner = (
            translate("PdfDefinitions", "Everyone")
            if definition.team_id is None
            else team_name(layout, definition.team_id)
        )
        if definition.bought_in:
            buyin: Any = para(translate("PdfDefinitions", "Yes"), s.cell_bold, colour=GREEN_INK)
            commands.append(("BACKGROUND", (3, len(rows)), (3, len(rows)), GREEN_FILL))
        else:
            waiting = [
                leader_name(layout, i)
                for i in definition.concerned_leader_ids
                if definition.stance_of(i) is not Stance.AGREED
            ]
            buyin = [para(translate("PdfDefinitions", "No"), s.cell_bold, colour=MUTED)]
            buyin.append(
                para(
                    translate("PdfDefinitions", "Waiting on {leaders}").format(leaders=", ".join(waiting)),
                    s.cell_muted,
                )
                if waiting
                else para(translate("PdfDefinitions", "No leader to agree yet"), s.cell_muted)
            )
        rows.append(
            [
                para(definition.term, s.cell_bold),
                para(
                    definition.definition.strip() or translate("PdfDefinitions", "Not written yet."), s.cell
                ),
                para(owner, s.cell),
                buyin,
            ]
        )
    widths = [term_width, layout.width - term_width - team_width - buyin_width, team_width, buyin_width]
    story.append(table(rows, widths, commands, repeatRows=1))
    story.append(platypus.Spacer(1, 6 * MM))
    return story
