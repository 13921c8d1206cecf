"""The agreements beyond goals of a generated plan (``generated.make_plan(agreements=N)``), in bulk.

A large company does not run one customer journey: it runs one per market, each with its own
hand-offs, decision rights, incentives and joint practices. So a generated plan's agreements come
in sets, one per market (“EMEA mid-market”, “Nordics enterprise” …), each the lines of a starter
template (``offsite.domain.templates``, the three in turn) and three incentives, with the
concerned team, an owner of that team, a metric, a definition and (for incentives) an objective:
two of three a shared one, one a single team's, which the app warns about. Four in five every
leader agreed to; on the rest one or two leaders are still discussing, asking for changes, or silent.

Written in the caller's transaction with one insert per table, as the rest of the bulk is; every
text passes ``domain.rules`` as a typed one would.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Sequence

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from offsite.domain.agreements import TEXT_FIELDS, AgreementKind
from offsite.domain.rules import clean_cadence, clean_stance, clean_text
from offsite.domain.templates import TEMPLATES, StarterAgreement
from offsite.domain.values import Stance
from offsite.store.models import Agreement, AgreementStance, Definition, Metric, new_uid

RECORDED = dt.datetime(2027, 1, 15, 13, 0)
REGIONS = (
    "EMEA",
    "North America",
    "APAC",
    "DACH",
    "Nordics",
    "UK & Ireland",
    "Benelux",
    "France",
    "Iberia",
    "LATAM",
)
TIERS = ("mid-market", "enterprise", "SMB")
#: What a team is rewarded for, by kind of objective it ties to: a shared one, or one team's own.
INCENTIVES = (
    ("Pipeline created with the other team", "20% of variable pay, paid quarterly", True),
    ("Closed-won revenue from shared pipeline", "Quarterly bonus", True),
    ("Raw lead volume", "Monthly bonus per lead", False),
)
#: The stance of a leader who has not agreed yet (None: no stance given yet).
OPEN = (Stance.DISCUSSING, Stance.CHANGES_REQUESTED, None)
COMMENTS = ("Only if the SDR team is fully staffed.", "Revisit at the quarter review.", "Which region first?")


def market(n: int) -> str:
    """The ``n``-th market a set of agreements is for: every region at every tier, then numbered."""
    region, tier = REGIONS[n % len(REGIONS)], TIERS[(n // len(REGIONS)) % len(TIERS)]
    cycle = n // (len(REGIONS) * len(TIERS))
    return f"{region} {tier}" + (f" {cycle + 1}" if cycle else "")


def agreement_sets(count: int) -> list[tuple[str, StarterAgreement | tuple[str, str, bool]]]:
    """``count`` agreements as (market, what): a template's line, or an incentive (title, reward,
    shared), set after set, each set one market's."""
    found: list[tuple[str, StarterAgreement | tuple[str, str, bool]]] = []
    for n in itertools.count():
        if len(found) >= count:
            break
        template = TEMPLATES[n % len(TEMPLATES)]
        lines: list[StarterAgreement | tuple[str, str, bool]] = [*template.agreements, *INCENTIVES]
        found.extend((market(n), line) for line in lines)
    return found[:count]


def write_agreements(
    session: Session,
    rng: random.Random,
    count: int,
    team_ids: Sequence[int],
    team_names: Sequence[str],
    leaders: Sequence[tuple[int, int]],
    objectives: Sequence[tuple[int, bool]],
) -> None:
    """``count`` agreements with their stances. ``objectives``: (id, shared) of the plan's objectives."""
    if count <= 0:
        return
    metrics_of: dict[int, list[int]] = {}
    for metric, objective in session.execute(select(Metric.id, Metric.objective_id).order_by(Metric.id)):
        metrics_of.setdefault(objective, []).append(metric)
    metric_ids = [m for listed in metrics_of.values() for m in listed]
    definition_ids = list(session.scalars(select(Definition.id).order_by(Definition.id)))
    by_name = {name.casefold(): team for name, team in zip(team_names, team_ids, strict=True)}
    shared = [o for o, is_shared in objectives if is_shared] or [o for o, _ in objectives]
    single = [o for o, is_shared in objectives if not is_shared] or shared
    rows: list[dict[str, object]] = []
    for position, (where, line) in enumerate(agreement_sets(count)):
        row: dict[str, object] = {
            "uid": new_uid(),
            "position": position,
            **dict.fromkeys(TEXT_FIELDS, ""),
            "cadence": "",
            **dict.fromkeys(("owner_id", "metric_id", "definition_id", "objective_id")),
        }
        if isinstance(line, StarterAgreement):
            team = by_name.get(line.team.casefold(), team_ids[position % len(team_ids)])
            texts = {name: clean_text(value, name) for name, value in line.texts().items()}
            if "cadence" in texts:
                texts["cadence"] = clean_cadence(texts["cadence"], "Cadence")
            row |= {"kind": line.kind.value, "title": f"{line.title} ({where})", **texts}
            if line.kind is AgreementKind.HAND_OFF and definition_ids:
                row["definition_id"] = rng.choice(definition_ids)
        else:
            title, reward, tied_to_shared = line
            team = team_ids[position % len(team_ids)]
            row |= {"kind": AgreementKind.INCENTIVE.value, "title": f"{title} ({where})", "reward": reward}
            if objectives:
                tied = rng.choice(shared if tied_to_shared else single)
                row["objective_id"] = tied
                if metrics_of.get(tied):  # paid on what the objective it ties to measures
                    row["metric_id"] = rng.choice(metrics_of[tied])
        row["title"] = clean_text(str(row["title"]), "Title")
        row["team_id"] = team
        if row["kind"] != AgreementKind.INCENTIVE.value:
            owners = [leader for leader, of in leaders if of == team] or [leaders[0][0]]
            row["owner_id"] = rng.choice(owners) if leaders else None
        measured = row["kind"] not in (AgreementKind.DECISION_RIGHT.value, AgreementKind.INCENTIVE.value)
        if metric_ids and measured and rng.random() < 0.7:
            row["metric_id"] = rng.choice(metric_ids)
        rows.append(row)
    session.execute(insert(Agreement), rows)
    ids: dict[str, int] = dict(session.execute(select(Agreement.uid, Agreement.id)).all())
    stances: list[dict[str, object]] = []
    for n, row in enumerate(rows):
        # Most agreements every leader agreed to; on the rest one or two leaders are still open.
        still_open = (
            set() if rng.random() < 0.8 else set(rng.sample(range(len(leaders)), min(2, len(leaders))))
        )
        for m, (leader, _team) in enumerate(leaders):
            stance = rng.choice(OPEN) if m in still_open else Stance.AGREED
            if stance is None:
                continue
            stances.append(
                {
                    "uid": new_uid(),
                    "agreement_id": ids[str(row["uid"])],
                    "leader_id": leader,
                    "stance": clean_stance(stance.value).value,
                    "comment": clean_text(
                        rng.choice(COMMENTS) if stance is not Stance.AGREED else "", "Comment"
                    ),
                    "recorded_at": RECORDED + dt.timedelta(seconds=(n * len(leaders) + m) % 14_400),
                }
            )
    if stances:
        session.execute(insert(AgreementStance), stances)
