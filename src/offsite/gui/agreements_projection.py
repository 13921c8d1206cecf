"""What the room sees of the Agreements page: the journey drawn large, or the agreement under
discussion in large type with its fields and each leader's stance. Plain values, as every
projection is (see ``offsite.gui.projection``): no widget, no Qt type.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from offsite.domain.agreements import AgreementKind, AgreementView, current_agreement_stances
from offsite.domain.journey import Swimlane
from offsite.domain.values import LeaderView, Stance
from offsite.gui.projection import STANCE_STYLES, Line, Projection, Table


def journey_projection(swimlane: Swimlane, current_id: int | None, summary: str) -> Projection:
    """The customer journey as a swimlane, the stage under discussion highlighted."""
    if not swimlane.stages:
        return Projection(
            "journey",
            AgreementKind.JOURNEY_STAGE.heading,
            lines=(Line("No journey stages yet", style="muted"),),
        )
    current = next((p.stage for p in swimlane.stages if p.stage.id == current_id), None)
    facts: tuple[tuple[str, str], ...] = ()
    if current is not None:
        facts = tuple(
            (label, value)
            for label, value in (
                ("Stage", current.title),
                ("Owner", current.owner),
                ("Message", current.message),
                ("Hand-off", " · ".join(p for p in (current.trigger, current.service_level) if p)),
            )
            if value
        )
    return Projection(
        "journey",
        AgreementKind.JOURNEY_STAGE.heading,
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
        return Projection("agreement", kind.heading, lines=(Line(f"No {kind.plural} yet", style="muted"),))
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
        "✓ Bought in: every leader agreed"
        if agreement.bought_in
        else f"{agreed} of {len(leaders)} leaders agreed"
    )
    table = Table(("Leader", "Team", "Stance", "Comment"), tuple(rows), tuple(styles), stretch=3)
    return Projection(
        "agreement",
        agreement.title or f"(untitled {kind.noun})",
        f"{kind.heading} · {state}",
        facts=tuple(cells),
        lines=(Line(f"⚠ {warning}", style="bad"),) if warning else (),
        table=table if rows else None,
        footer=summary,
    )
