"""Appendix: the team switch, the played and the real version side by side, and the empathy notes."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import zip_longest
from typing import Any

from offsite.domain.exercises import (
    BrainstormView,
    SwitchItemKind,
    SwitchItemView,
    SwitchSide,
    TeamSwitchView,
)
from offsite.domain.language import translate
from offsite.domain.themes import match_items, match_rule_text
from offsite.exchange.pdf.flowables import grid_commands, platypus_module, table
from offsite.exchange.pdf.layout import Layout
from offsite.exchange.pdf.rtl import para
from offsite.exchange.pdf.sections.common import NO_WORDS, h3, intro, team_name
from offsite.exchange.pdf.styles import MM, MUTED, RULE, TINT
from offsite.exchange.pdf.wording import whole


def build(layout: Layout, brainstorm: BrainstormView) -> list[Any]:
    platypus, s = platypus_module(), layout.styles
    if not brainstorm.switches:
        return []
    story: list[Any] = [
        intro(
            layout,
            translate(
                "PdfSwitches",
                "One team presents another team’s goals and plan as it imagines them; then the real team "
                "shows its own. Both teams note what they learned. {rule} Items that match "
                "share a row; the others are marked “Only in this version”.",
            ).format(rule=match_rule_text()),
        )
    ]
    for switch in brainstorm.switches:
        player = team_name(layout, switch.player_team_id)
        played = team_name(layout, switch.played_team_id)
        story.append(
            h3(
                layout,
                translate("PdfSwitches", "{player} plays {played}").format(player=player, played=played),
            )
        )
        timing = para(
            translate("PdfSwitches", "{prepare} minutes to prepare, {present} minutes to present").format(
                prepare=whole(switch.prepare_minutes), present=whole(switch.present_minutes)
            ),
            s.note,
        )
        timing.keepWithNext = True
        story.append(timing)
        story.append(_switch_table(layout, switch, player, played))
        story += _empathy_notes(layout, switch)
        story.append(platypus.Spacer(1, 4 * MM))
    return story


def _switch_rows(
    played: Sequence[SwitchItemView], real: Sequence[SwitchItemView]
) -> list[tuple[str | None, str | None, bool]]:
    """The two versions of one kind of item as rows (played text, real text, whether they match).

    Items that say the same thing (``themes.match_items``) share a row, in the played order; the
    items found on one side only follow, side by side in the order they were written.
    """
    matches = match_items([i.text for i in played], [i.text for i in real])
    rows: list[tuple[str | None, str | None, bool]] = [
        (played[m.played].text, real[m.real].text, True) for m in matches
    ]
    matched_played, matched_real = {m.played for m in matches}, {m.real for m in matches}
    alone_played = [i.text for n, i in enumerate(played) if n not in matched_played]
    alone_real = [i.text for n, i in enumerate(real) if n not in matched_real]
    rows += [(left, right, False) for left, right in zip_longest(alone_played, alone_real)]
    return rows


def _switch_table(layout: Layout, switch: TeamSwitchView, player: str, played: str) -> Any:
    s = layout.styles
    half = layout.width / 2
    rows: list[list[Any]] = [
        [
            para(translate("PdfSwitches", "As {player} played it").format(player=player), s.head),
            para(translate("PdfSwitches", "As {played} sees it").format(played=played), s.head),
        ]
    ]
    commands: list[tuple[Any, ...]] = [*grid_commands(), ("LINEAFTER", (0, 0), (0, -1), 0.4, RULE)]
    for kind, heading in (
        (SwitchItemKind.GOAL, translate("PdfSwitches", "GOALS")),
        (SwitchItemKind.PLAN, translate("PdfSwitches", "PLAN")),
    ):
        sides = [tuple(i for i in switch.side(side) if i.kind is kind) for side in SwitchSide]
        if not any(sides):
            continue
        rows.append([para(heading, s.label), ""])
        commands += [
            ("SPAN", (0, len(rows) - 1), (1, len(rows) - 1)),
            ("BACKGROUND", (0, len(rows) - 1), (1, len(rows) - 1), TINT),
        ]
        for left, right, matched in _switch_rows(*sides):
            rows.append([_switch_cell(layout, text, matched) for text in (left, right)])
    if len(rows) == 1:
        rows.append(
            [
                para(translate("PdfSwitches", "Nothing written yet."), s.cell_muted),
                para(translate("PdfSwitches", "Nothing written yet."), s.cell_muted),
            ]
        )
    return table(rows, [half, half], commands, repeatRows=1)


def _switch_cell(layout: Layout, text: str | None, matched: bool) -> Any:
    s = layout.styles
    if text is None:
        return para("—", s.cell_muted)
    cell = [para(text.strip() or translate("PdfCommon", NO_WORDS), s.cell)]
    if not matched:
        cell.append(para(translate("PdfSwitches", "Only in this version"), s.tag, colour=MUTED))
    return cell


def _empathy_notes(layout: Layout, switch: TeamSwitchView) -> list[Any]:
    platypus, s = platypus_module(), layout.styles
    order = [switch.player_team_id, switch.played_team_id]
    notes = sorted(
        (n for n in switch.notes if n.text.strip()),
        key=lambda n: order.index(n.team_id) if n.team_id in order else len(order),
    )
    if not notes:
        return []
    name_width = 38 * MM
    rows = [[para(team_name(layout, n.team_id), s.cell_bold), para(n.text, s.cell)] for n in notes]
    title = para(translate("PdfSwitches", "EMPATHY NOTES"), s.label)
    title.keepWithNext = True
    return [
        platypus.Spacer(1, 3 * MM),
        title,
        table(
            rows,
            [name_width, layout.width - name_width],
            [("LEFTPADDING", (0, 0), (0, -1), 0), ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE)],
        ),
    ]
