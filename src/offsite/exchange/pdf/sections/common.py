"""Pieces several sections share: headings, team and leader names, indented trees, grouping by team."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from offsite.domain.exercises import (
    BrainstormView,
    FunnelView,
)
from offsite.domain.formatting import format_number
from offsite.domain.funnel import FIELD_LABELS
from offsite.domain.language import QT_TRANSLATE_NOOP, translate
from offsite.domain.values import (
    CompanyGoalView,
)
from offsite.exchange.pdf.flowables import table
from offsite.exchange.pdf.layout import Layout, Measure
from offsite.exchange.pdf.rtl import para
from offsite.exchange.pdf.styles import ACCENT, INDENT, MM, NAVY, RULE

NO_WORDS = QT_TRANSLATE_NOOP("PdfCommon", "(no words yet)")


def team_name(layout: Layout, team_id: int | None) -> str:
    team = layout.view.team(team_id) if team_id is not None else None
    return team.name if team else translate("PdfCommon", "No team")


def leader_name(layout: Layout, leader_id: int) -> str:
    leader = next((p for p in layout.view.leaders if p.id == leader_id), None)
    return leader.name if leader is not None else translate("PdfCommon", "A removed leader")


def goal_range(goal: CompanyGoalView) -> str:
    baseline, target = format_number(goal.baseline), format_number(goal.target)
    if baseline and target:
        return f"{baseline} → {target} {goal.unit}".strip()
    if target:
        return translate("PdfCommon", "Target {target} {unit}").format(target=target, unit=goal.unit).strip()
    if baseline:
        return (
            translate("PdfCommon", "Baseline {baseline} {unit}")
            .format(baseline=baseline, unit=goal.unit)
            .strip()
        )
    return "—"


def section_heading(layout: Measure, number: int | str, title: str, width: float | None = None) -> Any:
    s = layout.styles
    width = layout.width if width is None else width
    heading = table(
        [[para(str(number), s.h1, colour=ACCENT), para(title, s.h1)]],
        [INDENT, width - INDENT],
        [
            ("LEFTPADDING", (0, 0), (0, 0), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ("LINEBELOW", (0, 0), (-1, 0), 1.2, NAVY),
        ],
        spaceAfter=8,
    )
    heading.keepWithNext = True
    return heading


def sub_heading(layout: Measure, number: str, title: str) -> Any:
    s = layout.styles
    heading = table(
        [[para(number, s.h2), para(title, s.h2, colour=NAVY)]],
        [INDENT, layout.width - INDENT],
        [
            ("LEFTPADDING", (0, 0), (0, 0), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 12),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ("LINEBELOW", (0, 0), (-1, 0), 0.6, RULE),
        ],
        spaceAfter=4,
    )
    heading.keepWithNext = True
    return heading


def h3(layout: Measure, text: str) -> Any:
    heading = para(text, layout.styles.h3)
    heading.keepWithNext = True
    return heading


def intro(layout: Measure, text: str) -> Any:
    intro = para(text, layout.styles.note)
    intro.keepWithNext = True
    return intro


def tree_item(
    layout: Layout,
    text: str,
    depth: int,
    below: Sequence[Any] = (),
    *,
    width: float | None = None,
    small: bool = False,
) -> Any:
    """One statement of a tree, moved right by its depth, an arrow before each answer."""
    s = layout.styles
    width = layout.width if width is None else width
    styles = {(True, True): s.cell_bold, (True, False): s.tree_root, (False, True): s.cell}
    style = styles.get((depth == 0, small), s.tree)
    content = [para(text.strip() or translate("PdfCommon", NO_WORDS), style), *below]
    commands: list[tuple[Any, ...]] = [
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]
    if depth == 0:
        return table([[content]], [width], commands)
    # Inside a table column a tree steps less far, so deep goals keep room for their words.
    indent = min(depth, TREE_MAX_LEVEL) * (TREE_STEP * 2 / 3 if small else TREE_STEP)
    marker = para("↳", s.marker_small if small else s.marker)
    commands += [("RIGHTPADDING", (0, 0), (0, 0), 3), ("LEFTPADDING", (1, 0), (1, 0), 1)]
    return table([[marker, content]], [indent, width - indent], commands)


TREE_STEP = 6 * MM  # how far each level of a tree moves right


TREE_MAX_LEVEL = 8  # deeper levels line up with the eighth, so the text keeps most of its width


def by_team(layout: Layout, items: Sequence[Any]) -> list[tuple[str, list[Any]]]:
    """Items with a ``team_id`` grouped by team, in the plan's team order, then those without one."""
    known = {t.id for t in layout.view.teams}
    order = [t.id for t in layout.view.teams] + [None]
    groups: dict[int | None, list[Any]] = {}
    for item in items:
        groups.setdefault(item.team_id if item.team_id in known else None, []).append(item)
    return [(team_name(layout, key), groups[key]) for key in order if key in groups]


def has_brainstorm(brainstorm: BrainstormView) -> bool:
    """True when any exercise holds something worth printing."""
    return bool(
        brainstorm.nodes
        or brainstorm.team_goals
        or any(funnel_has_inputs(f) for f in brainstorm.funnels)
        or brainstorm.switches
        or brainstorm.candidates
    )


def funnel_has_inputs(funnel: FunnelView) -> bool:
    return bool(funnel.quarters) or any(
        getattr(funnel, name) is not None for name in FIELD_LABELS if name not in ("quarters", "weights")
    )
