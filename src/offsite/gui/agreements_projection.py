"""What the room sees of the Agreements page: the journey drawn large, or the agreement under
discussion in large type with its fields and each leader's stance. Plain values, as every
projection is (see ``offsite.gui.projection``): no widget, no Qt type.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from offsite.domain.agreements import AgreementKind, AgreementView, current_agreement_stances
from offsite.domain.formatting import format_number
from offsite.domain.journey import Swimlane
from offsite.domain.language import translate
from offsite.domain.values import LeaderView, Stance
from offsite.gui.projection import STANCE_STYLES, Line, Projection, Table


def journey_projection(swimlane: Swimlane, current_id: int | None, summary: str) -> Projection:
    """The customer journey as a swimlane, the stage under discussion highlighted."""
    if not swimlane.stages:
        return Projection(
            "journey",
            AgreementKind.JOURNEY_STAGE.shown_heading,
            lines=(Line(translate("AgreementsProjection", "No journey stages yet"), style="muted"),),
        )
    current = next((p.stage for p in swimlane.stages if p.stage.id == current_id), None)
    facts: tuple[tuple[str, str], ...] = ()
    if current is not None:
        facts = tuple(
            (label, value)
            for label, value in (
                (translate("AgreementsProjection", "Stage"), current.title),
                (translate("AgreementsProjection", "Owner"), current.owner),
                (translate("AgreementsProjection", "Message"), current.message),
                (
                    translate("AgreementsProjection", "Hand-off"),
                    " · ".join(p for p in (current.trigger, current.service_level) if p),
                ),
            )
            if value
        )
    return Projection(
        "journey",
        AgreementKind.JOURNEY_STAGE.shown_heading,
        summary,
        facts=facts,
        swimlane=swimlane,
        current=current_id,
    )


def agreement_projection(
    kind: AgreementKind,
    agreement: AgreementView | None,
    cells: Sequence[tuple[str, str]],
    leaders: Sequence[LeaderView],
    team_names: Mapping[int, str],
    summary: str,
    warning: str = "",
) -> Projection:
    """The agreement under discussion: its fields (``cells``, as the table shows them), the app's
    ``warning`` about it (an incentive no shared objective asks for), and every leader's stance and
    comment; the tab's buy-in summary under it."""
    if agreement is None:
        empty = translate("AgreementsProjection", "No {items} yet").format(items=kind.shown_plural)
        return Projection("agreement", kind.shown_heading, lines=(Line(empty, style="muted"),))
    stances = current_agreement_stances(agreement.stances)
    rows, styles = [], []
    for leader in leaders:
        event = stances.get((agreement.id, leader.id))
        stance = event.stance if event is not None else Stance.PENDING
        rows.append(
            (
                leader.name,
                team_names.get(leader.team_id, "") if leader.team_id is not None else "",
                stance.label,
                f"“{event.comment}”" if event is not None and event.comment.strip() else "",
            )
        )
        styles.append(STANCE_STYLES.get(stance, ""))
    agreed = sum(row[2] == Stance.AGREED.label for row in rows)
    state = (
        translate("AgreementsProjection", "✓ Bought in: every leader agreed")
        if agreement.bought_in
        else translate("AgreementsProjection", "{agreed} of {count} leaders agreed").format(
            agreed=format_number(agreed), count=format_number(len(leaders))
        )
    )
    headers = (
        translate("AgreementsProjection", "Leader"),
        translate("AgreementsProjection", "Team"),
        translate("AgreementsProjection", "Stance"),
        translate("AgreementsProjection", "Comment"),
    )
    table = Table(headers, tuple(rows), tuple(styles), stretch=3)
    return Projection(
        "agreement",
        agreement.title
        or translate("AgreementsProjection", "(untitled {noun})").format(noun=kind.shown_noun),
        f"{kind.shown_heading} · {state}",
        facts=tuple(cells),
        lines=(Line(f"⚠ {warning}", style="bad"),) if warning else (),
        table=table if rows else None,
        footer=summary,
    )
