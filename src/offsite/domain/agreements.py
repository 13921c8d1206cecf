"""The agreements beyond goals: the customer journey, hand-offs, decision rights, incentives and
joint practices that sales and marketing leaders settle at an offsite besides their objectives.

Each agreement is one row of one kind (``AgreementKind``), with the fields that kind uses
(``FIELDS``); the others stay blank. All five go through buy-in by the objectives' rule, and are
part of what the leaders sign. Everyone must agree to an agreement: it binds both teams.

The rules here are pure: what each kind holds, the journey a plan starts from, whether an
agreement is bought in, and whether an incentive rewards something no shared objective asks for
(seed 003: “marketing's lead generation goal differs from sales' ideal customer profile”).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from offsite.domain.buyin import all_agreed, last_recorded
from offsite.domain.values import LeaderView, Stance


class AgreementKind(enum.StrEnum):
    """What an agreement settles; the order is the order a facilitator takes them in."""

    JOURNEY_STAGE = "journey_stage"
    HAND_OFF = "hand_off"
    DECISION_RIGHT = "decision_right"
    INCENTIVE = "incentive"
    PRACTICE = "practice"

    @property
    def noun(self) -> str:
        return _NOUNS[self][0]

    @property
    def plural(self) -> str:
        return _NOUNS[self][1]

    @property
    def heading(self) -> str:
        """The kind as a tab, a PDF section or a projector slide is titled."""
        return _NOUNS[self][2]


_NOUNS = {
    AgreementKind.JOURNEY_STAGE: ("journey stage", "journey stages", "Customer journey"),
    AgreementKind.HAND_OFF: ("hand-off", "hand-offs", "Hand-offs"),
    AgreementKind.DECISION_RIGHT: ("decision right", "decision rights", "Decision rights"),
    AgreementKind.INCENTIVE: ("incentive", "incentives", "Incentives"),
    AgreementKind.PRACTICE: ("joint practice", "joint practices", "Joint practices"),
}


@dataclass(frozen=True, slots=True)
class AgreementField:
    """One column an agreement of some kind shows: its label, the field it edits, a tip."""

    label: str
    name: str
    tip: str = ""


#: The fields each kind holds, in the order the table shows them; ``title`` first, always.
FIELDS: Mapping[AgreementKind, tuple[AgreementField, ...]] = {
    AgreementKind.JOURNEY_STAGE: (
        AgreementField("Stage", "title", "A stage of the customer's journey, e.g. “SQL”"),
        AgreementField("Team", "team_id", "The team that owns the customer at this stage"),
        AgreementField("Owner", "owner_id", "The leader who answers for this stage"),
        AgreementField("Message", "message", "What both teams say to the customer at this stage"),
        AgreementField("Hand-off trigger", "trigger", "What moves the customer on to the next stage"),
        AgreementField("Service level", "service_level", "e.g. “SQL contacted within 24 h”"),
        AgreementField("Metric", "metric_id", "The metric that shows the stage is working"),
    ),
    AgreementKind.HAND_OFF: (
        AgreementField("Lead source", "title", "Where the leads come from, e.g. “Demo request”"),
        AgreementField("Route", "route", "Who gets the lead and how, e.g. “Round-robin to SDRs”"),
        AgreementField("Team", "team_id", "The team that takes the lead"),
        AgreementField("Owner", "owner_id", "The leader who answers for the hand-off"),
        AgreementField("Response time", "service_level", "e.g. “First touch within 4 business hours”"),
        AgreementField("On a miss", "on_miss", "What happens when the response time is missed"),
        AgreementField("Definition", "definition_id", "The definition the leads handed over meet"),
        AgreementField("Metric", "metric_id", "The metric the check-ins track the response time with"),
    ),
    AgreementKind.DECISION_RIGHT: (
        AgreementField("Decision", "title", "e.g. “Pricing”, “Lead scoring”"),
        AgreementField("Decides", "team_id", "The team that makes the call"),
        AgreementField("Owner", "owner_id", "The leader who makes the call"),
        AgreementField("Consulted", "consulted", "Who is asked before the call is made"),
        AgreementField("Why", "why", "Why this team decides, given the business model"),
    ),
    AgreementKind.INCENTIVE: (
        AgreementField("Rewarded for", "title", "What the team is paid or recognised for"),
        AgreementField("Team", "team_id", "Whose pay or recognition it is"),
        AgreementField("Reward", "reward", "e.g. “10% of variable pay”, “Quarterly award”"),
        AgreementField("Shared objective", "objective_id", "The shared outcome the incentive ties to"),
        AgreementField("Metric", "metric_id", "The measure the reward is paid on"),
    ),
    AgreementKind.PRACTICE: (
        AgreementField("Practice", "title", "e.g. “Marketing joins a customer visit”"),
        AgreementField("Team", "team_id", "The team that does it"),
        AgreementField("Owner", "owner_id", "The leader who sees it happens"),
        AgreementField("Cadence", "cadence", "How often, at the least"),
        AgreementField("Metric", "metric_id", "The metric its check-ins count, e.g. “Joint customer visits”"),
    ),
}

#: The text fields an agreement row holds, each used by some kinds (``FIELDS``).
TEXT_FIELDS = (
    "title",
    "message",
    "trigger",
    "route",
    "service_level",
    "on_miss",
    "consulted",
    "why",
    "reward",
)

#: How often a joint practice happens, at the least; blank while not agreed.
CADENCES = ("weekly", "monthly", "quarterly", "yearly")
#: How a business decides who leads go-to-market (seed 003); blank while not chosen.
BUSINESS_MODELS = ("sales-led", "product-led", "hybrid")

#: The customer journey a plan starts from: awareness to advocacy, with the team that owns each.
DEFAULT_JOURNEY: tuple[tuple[str, str], ...] = (
    ("Awareness", "Marketing"),
    ("Interest", "Marketing"),
    ("MQL", "Marketing"),
    ("SQL", "Sales"),
    ("Opportunity", "Sales"),
    ("Customer", "Sales"),
    ("Renewal & advocacy", "Sales"),
)
#: The decisions seed 003 names: who decides each depends on the business model.
DECISION_AREAS = ("Go-to-market", "Pricing", "Messaging", "Lead scoring")


# --- Buy-in ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AgreementStanceEvent:
    """One recorded stance on an agreement; its history is a list of these, in recording order."""

    id: int
    agreement_id: int
    leader_id: int
    stance: Stance
    comment: str
    recorded_at: dt.datetime


def current_agreement_stances(
    events: Iterable[AgreementStanceEvent],
) -> dict[tuple[int, int], AgreementStanceEvent]:
    """Each leader's current stance on each agreement, by (agreement id, leader id): the last recorded."""
    return last_recorded(events, lambda e: (e.agreement_id, e.leader_id))


def agreement_bought_in(
    agreement_id: int,
    leaders: Sequence[LeaderView],
    stances: Mapping[tuple[int, int], AgreementStanceEvent],
) -> bool:
    """Every leader agreed: an agreement binds both teams. Nobody to agree means not bought in."""
    return all_agreed(agreement_id, leaders, stances)


@dataclass(frozen=True, slots=True)
class AgreementView:
    """An agreement as a page shows it: its fields, its buy-in history and whether it is bought in."""

    id: int
    uid: str
    kind: str
    title: str
    team_id: int | None
    owner_id: int | None
    message: str
    trigger: str
    route: str
    service_level: str
    on_miss: str
    consulted: str
    why: str
    reward: str
    cadence: str
    metric_id: int | None
    definition_id: int | None
    objective_id: int | None
    stances: tuple[AgreementStanceEvent, ...] = ()
    bought_in: bool = False

    @property
    def agreement_kind(self) -> AgreementKind:
        return AgreementKind(self.kind)

    def stance_of(self, leader_id: int) -> Stance:
        """The leader's current stance (the last recorded), pending when none."""
        latest = current_agreement_stances(self.stances).get((self.id, leader_id))
        return Stance.PENDING if latest is None else latest.stance


# --- Incentives -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ObjectiveShare:
    """What the incentive rule needs of an objective: its statement, teams and metrics."""

    id: int
    statement: str
    team_ids: tuple[int, ...]
    metric_ids: tuple[int, ...]
    #: The metrics of it flagged shared between teams.
    shared_metric_ids: tuple[int, ...] = ()

    @property
    def shared(self) -> bool:
        """Owned by several teams, or measured by a metric both teams own."""
        return len(set(self.team_ids)) > 1 or bool(self.shared_metric_ids)


def incentive_warning(
    objective_id: int | None, metric_id: int | None, objectives: Iterable[ObjectiveShare]
) -> str:
    """Why an incentive rewards something no shared objective asks for; blank when it does not.

    It ties to a shared outcome when the objective it names is shared (several teams, or a shared
    metric), or when the metric it is paid on measures a shared objective.
    """
    listed = list(objectives)
    by_id = {o.id: o for o in listed}
    tied = by_id.get(objective_id) if objective_id is not None else None
    paid_on = next((o for o in listed if metric_id is not None and metric_id in o.metric_ids), None)
    if (tied is not None and tied.shared) or (paid_on is not None and paid_on.shared):
        if tied is not None and paid_on is not None and tied.id != paid_on.id:
            return (
                f"It is paid on a metric of “{paid_on.statement}”, not of “{tied.statement}”, the "
                "objective it ties to: pay on what that objective measures."
            )
        return ""
    if tied is None and paid_on is None:
        return (
            "It ties to no objective: name the shared objective it rewards, or it may pull the teams apart."
        )
    named = tied or paid_on
    assert named is not None
    return (
        f"It rewards “{named.statement}”, which only one team holds: no shared objective asks for it, "
        "so it may pull the teams apart."
    )
