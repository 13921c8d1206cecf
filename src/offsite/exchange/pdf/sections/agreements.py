"""The agreements beyond goals: the customer journey, the hand-offs per lead source, the decision
rights with the business model, the incentives and the joint practices, each with its buy-in.

They follow the data definitions, on landscape pages (the diagram and tables of seven or eight
columns need the width), and the document turns back to portrait for the buy-in. Each kind is a
section of its own titled ``AgreementKind.heading``, left out when the plan has none; a plan
without agreements prints exactly as before. Everything comes from the ``PdfInput`` read once
(``PdfExtras.agreements``, ``PdfExtras.incentive_warnings``): the layout never reads the plan.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from offsite.domain.agreements import AgreementKind, AgreementView, current_agreement_stances
from offsite.domain.language import QT_TRANSLATE_NOOP, translate
from offsite.domain.values import Stance
from offsite.exchange.pdf.flowables import grid_commands, platypus_module, table
from offsite.exchange.pdf.layout import Layout
from offsite.exchange.pdf.rtl import para
from offsite.exchange.pdf.sections.common import section_heading, team_name
from offsite.exchange.pdf.styles import (
    GREEN_FILL,
    GREEN_INK,
    MM,
    STANCE_COLOURS,
    WARNING_FILL,
    WARNING_INK,
)
from offsite.exchange.pdf.wording import whole

#: What the buy-in column says of an agreement every leader agreed to.
AGREED_BY_ALL = QT_TRANSLATE_NOOP("PdfAgreements", "Agreed by all")
#: A column's width in points; 0 takes the rest of the line.
Column = tuple[str, float]


def of_kind(layout: Layout, kind: AgreementKind) -> list[AgreementView]:
    return [a for a in layout.extras.agreements if a.kind == kind.value]


def heading(
    layout: Layout, kind: AgreementKind, agreements: Sequence[AgreementView], width: float
) -> list[Any]:
    """The section's numbered heading and how many of its agreements are bought in."""
    platypus, s = platypus_module(), layout.styles
    bought = sum(a.bought_in for a in agreements)
    noun = kind.shown_noun if len(agreements) == 1 else kind.shown_plural
    counted = para(
        translate(
            "PdfAgreements",
            "{bought} of {agreements} {noun} bought in. An agreement binds both teams: it is bought in "
            "when every leader at the table has agreed.",
        ).format(bought=whole(bought), agreements=whole(len(agreements)), noun=noun),
        s.body,
    )
    counted.keepWithNext = True
    return [
        platypus.Spacer(1, 2 * MM),
        section_heading(layout, layout.next_section(), kind.shown_heading, width),
        counted,
        platypus.Spacer(1, 2),
    ]


def grid(
    layout: Layout,
    columns: Sequence[Column],
    rows: list[list[Any]],
    width: float,
    extra: Sequence[tuple[Any, ...]] = (),
) -> Any:
    """A table of agreements under a header row, in the house grid; the buy-in column is last."""
    s = layout.styles
    fixed = sum(w for _, w in columns)
    widths = [width - fixed if w == 0 else w for _, w in columns]
    header = [para(label, s.head) for label, _ in columns]
    commands = [*grid_commands(), *extra]
    return table([header, *rows], widths, commands, repeatRows=1)


def text(layout: Layout, value: str, *, bold: bool = False) -> Any:
    """A cell of user text, “—” when blank."""
    s = layout.styles
    if not value.strip():
        return para("—", s.cell_muted)
    return para(value, s.cell_bold if bold else s.cell)


def owner(layout: Layout, leader_id: int | None) -> str:
    leader = layout.view.leader(leader_id) if leader_id is not None else None
    return leader.name if leader is not None else ""


def team(layout: Layout, team_id: int | None) -> str:
    return team_name(layout, team_id) if team_id is not None else ""


def team_and_owner(layout: Layout, agreement: AgreementView) -> list[Any]:
    """The team on one line and its leader under it, muted; “—” when neither is named."""
    s = layout.styles
    cell: list[Any] = [text(layout, team(layout, agreement.team_id))]
    who = owner(layout, agreement.owner_id)
    if who:
        cell.append(para(who, s.cell_muted))
    return cell


def metric(layout: Layout, metric_id: int | None) -> str:
    if metric_id is None:
        return ""
    objective_id = layout.view.objective_of_metric(metric_id)
    objective = layout.view.objective(objective_id) if objective_id is not None else None
    found = next((m for m in objective.metrics if m.id == metric_id), None) if objective else None
    return found.name if found is not None else ""


def buy_in(
    layout: Layout, agreement: AgreementView, row: int, column: int
) -> tuple[list[Any], list[tuple[Any, ...]]]:
    """The buy-in cell: “Agreed by all” on green, or who is still to agree and who asked for what."""
    s = layout.styles
    if agreement.bought_in:
        return [para(translate("PdfAgreements", AGREED_BY_ALL), s.cell_bold, colour=GREEN_INK)], [
            ("BACKGROUND", (column, row), (column, row), GREEN_FILL)
        ]
    leaders = layout.view.leaders
    if not leaders:
        return [para(translate("PdfAgreements", "No leader to agree yet"), s.cell_muted)], []
    latest = current_agreement_stances(agreement.stances)
    waiting: list[str] = []
    cell: list[Any] = []
    for leader in leaders:
        event = latest.get((agreement.id, leader.id))
        stance = Stance.PENDING if event is None else event.stance
        if stance is Stance.AGREED:
            continue
        if stance in (Stance.CHANGES_REQUESTED, Stance.DECLINED):
            said = event.comment.strip() if event is not None else ""
            if stance is Stance.CHANGES_REQUESTED:
                what = (
                    translate("PdfAgreements", "Changes requested by {leader}: “{comment}”")
                    if said
                    else translate("PdfAgreements", "Changes requested by {leader}")
                )
            else:
                what = (
                    translate("PdfAgreements", "Declined by {leader}: “{comment}”")
                    if said
                    else translate("PdfAgreements", "Declined by {leader}")
                )
            cell.append(
                para(
                    what.format(leader=leader.name, comment=said),
                    s.cell,
                    colour=STANCE_COLOURS[stance][1],
                )
            )
        else:
            waiting.append(leader.name)
    if waiting:
        cell.insert(
            0,
            para(
                translate("PdfAgreements", "Still to agree: {leaders}").format(leaders=", ".join(waiting)),
                s.cell_muted,
            ),
        )
    return cell, []


# --- The sections besides the journey ----------------------------------------------------------------


def hand_offs(layout: Layout, width: float) -> list[Any]:
    kind = AgreementKind.HAND_OFF
    agreements = of_kind(layout, kind)
    if not agreements:
        return []
    terms = {d.id: d.term for d in layout.extras.definitions}
    columns: list[Column] = [
        (translate("PdfAgreements", "Lead source"), 34 * MM),
        (translate("PdfAgreements", "Route"), 0),
        (translate("PdfAgreements", "Team / owner"), 30 * MM),
        (translate("PdfAgreements", "Response time"), 30 * MM),
        (translate("PdfAgreements", "On a miss"), 40 * MM),
        (translate("PdfAgreements", "Definition"), 28 * MM),
        (translate("PdfAgreements", "Metric"), 28 * MM),
        (translate("PdfAgreements", "Buy-in"), 36 * MM),
    ]
    rows, extra = rows_of(
        layout,
        agreements,
        len(columns) - 1,
        lambda a: [
            text(layout, a.title, bold=True),
            text(layout, a.route),
            team_and_owner(layout, a),
            text(layout, a.service_level),
            text(layout, a.on_miss),
            text(layout, terms.get(a.definition_id, "") if a.definition_id is not None else ""),
            text(layout, metric(layout, a.metric_id)),
        ],
    )
    return [*heading(layout, kind, agreements, width), grid(layout, columns, rows, width, extra)]


def decision_rights(layout: Layout, width: float) -> list[Any]:
    kind = AgreementKind.DECISION_RIGHT
    agreements = of_kind(layout, kind)
    details = layout.view.details
    if not agreements and not details.business_model:
        return []
    s = layout.styles
    story = heading(layout, kind, agreements, width)
    if details.business_model:
        chosen = translate("PdfAgreements", "Business model: {model}.").format(
            model=details.business_model.capitalize()
        )
        story.append(para(chosen, layout.styles.objective))
        if details.business_model_why.strip():
            story.append(para(details.business_model_why, s.body))
        story.append(platypus_module().Spacer(1, 2))
    if not agreements:
        story.append(para(translate("PdfAgreements", "No decision rights have been agreed yet."), s.note))
        return story
    columns: list[Column] = [
        (translate("PdfAgreements", "Decision"), 38 * MM),
        (translate("PdfAgreements", "Decides"), 36 * MM),
        (translate("PdfAgreements", "Consulted"), 48 * MM),
        (translate("PdfAgreements", "Why"), 0),
        (translate("PdfAgreements", "Buy-in"), 40 * MM),
    ]
    rows, extra = rows_of(
        layout,
        agreements,
        len(columns) - 1,
        lambda a: [
            text(layout, a.title, bold=True),
            team_and_owner(layout, a),
            text(layout, a.consulted),
            text(layout, a.why),
        ],
    )
    return [*story, grid(layout, columns, rows, width, extra)]


def incentives(layout: Layout, width: float) -> list[Any]:
    kind = AgreementKind.INCENTIVE
    agreements = of_kind(layout, kind)
    if not agreements:
        return []
    s = layout.styles
    warnings = layout.extras.incentive_warnings
    columns: list[Column] = [
        (translate("PdfAgreements", "Rewarded for"), 44 * MM),
        (translate("PdfAgreements", "Team"), 28 * MM),
        (translate("PdfAgreements", "Reward"), 36 * MM),
        (translate("PdfAgreements", "Shared objective"), 0),
        (translate("PdfAgreements", "Metric"), 34 * MM),
        (translate("PdfAgreements", "Buy-in"), 40 * MM),
    ]
    flagged: list[tuple[Any, ...]] = []

    def objective_cell(agreement: AgreementView, row: int) -> list[Any]:
        found = layout.input.objectives_by_id.get(agreement.objective_id) if agreement.objective_id else None
        cell: list[Any] = [
            text(layout, f"{layout.numbers.get(found.id, '')} {found.statement}".strip() if found else "")
        ]
        warning = warnings.get(agreement.id, "")
        if warning:
            # The rule's own words, as the screen shows them: never reworded here.
            cell.append(para(f"⚠ {warning}", s.cell_bold, colour=WARNING_INK))
            flagged.append(("BACKGROUND", (3, row), (3, row), WARNING_FILL))
        return cell

    rows, extra = rows_of(
        layout,
        agreements,
        len(columns) - 1,
        lambda a: [
            text(layout, a.title, bold=True),
            text(layout, team(layout, a.team_id)),
            text(layout, a.reward),
        ],
    )
    for n, (row, agreement) in enumerate(zip(rows, agreements, strict=True), start=1):
        row[3:3] = [objective_cell(agreement, n), text(layout, metric(layout, agreement.metric_id))]
    return [*heading(layout, kind, agreements, width), grid(layout, columns, rows, width, [*extra, *flagged])]


def practices(layout: Layout, width: float) -> list[Any]:
    kind = AgreementKind.PRACTICE
    agreements = of_kind(layout, kind)
    if not agreements:
        return []
    columns: list[Column] = [
        (translate("PdfAgreements", "Practice"), 0),
        (translate("PdfAgreements", "Team"), 34 * MM),
        (translate("PdfAgreements", "Owner"), 38 * MM),
        (translate("PdfAgreements", "Cadence"), 26 * MM),
        (translate("PdfAgreements", "Metric"), 44 * MM),
        (translate("PdfAgreements", "Buy-in"), 44 * MM),
    ]
    rows, extra = rows_of(
        layout,
        agreements,
        len(columns) - 1,
        lambda a: [
            text(layout, a.title, bold=True),
            text(layout, team(layout, a.team_id)),
            text(layout, owner(layout, a.owner_id)),
            text(layout, a.cadence.capitalize()),
            text(layout, metric(layout, a.metric_id)),
        ],
    )
    return [*heading(layout, kind, agreements, width), grid(layout, columns, rows, width, extra)]


def rows_of(
    layout: Layout, agreements: Sequence[AgreementView], buy_in_column: int, cells: Any
) -> tuple[list[list[Any]], list[tuple[Any, ...]]]:
    """One row per agreement: ``cells(agreement)`` then its buy-in; and the buy-in cells' fills."""
    rows: list[list[Any]] = []
    extra: list[tuple[Any, ...]] = []
    for n, agreement in enumerate(agreements, start=1):
        cell, fill = buy_in(layout, agreement, n, buy_in_column)
        rows.append([*cells(agreement), cell])
        extra += fill
    return rows, extra
