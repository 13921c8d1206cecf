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
from offsite.domain.language import QT_TRANSLATE_NOOP, translate
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
        """The kind in an English sentence (a service's refusal): ``shown_noun`` on screen."""
        return _NOUNS[self][0]

    @property
    def plural(self) -> str:
        return _NOUNS[self][1]

    @property
    def heading(self) -> str:
        """The kind as a tab, a PDF section or a projector slide is titled."""
        return _NOUNS[self][2]

    @property
    def shown_noun(self) -> str:
        """``noun`` in the leader's language."""
        return translate("Agreements", _NOUNS[self][0])

    @property
    def shown_plural(self) -> str:
        """``plural`` in the leader's language."""
        return translate("Agreements", _NOUNS[self][1])

    @property
    def shown_heading(self) -> str:
        """``heading`` in the leader's language: ``heading`` stays the tab's English name for
        ``--view agreements:<tab>`` and an agenda item."""
        return translate("Agreements", _NOUNS[self][2])


_NOUNS = {
    AgreementKind.JOURNEY_STAGE: (
        QT_TRANSLATE_NOOP("Agreements", "journey stage"),
        QT_TRANSLATE_NOOP("Agreements", "journey stages"),
        QT_TRANSLATE_NOOP("Agreements", "Customer journey"),
    ),
    AgreementKind.HAND_OFF: (
        QT_TRANSLATE_NOOP("Agreements", "hand-off"),
        QT_TRANSLATE_NOOP("Agreements", "hand-offs"),
        QT_TRANSLATE_NOOP("Agreements", "Hand-offs"),
    ),
    AgreementKind.DECISION_RIGHT: (
        QT_TRANSLATE_NOOP("Agreements", "decision right"),
        QT_TRANSLATE_NOOP("Agreements", "decision rights"),
        QT_TRANSLATE_NOOP("Agreements", "Decision rights"),
    ),
    AgreementKind.INCENTIVE: (
        QT_TRANSLATE_NOOP("Agreements", "incentive"),
        QT_TRANSLATE_NOOP("Agreements", "incentives"),
        QT_TRANSLATE_NOOP("Agreements", "Incentives"),
    ),
    AgreementKind.PRACTICE: (
        QT_TRANSLATE_NOOP("Agreements", "joint practice"),
        QT_TRANSLATE_NOOP("Agreements", "joint practices"),
        QT_TRANSLATE_NOOP("Agreements", "Joint practices"),
    ),
}


@dataclass(frozen=True, slots=True)
class AgreementField:
    """One column an agreement of some kind shows: its label, the field it edits, a tip."""

    label: str
    name: str
    tip: str = ""

    @property
    def shown_label(self) -> str:
        """``label`` in the leader's language."""
        return translate("Agreements", self.label)

    @property
    def shown_tip(self) -> str:
        """``tip`` in the leader's language."""
        return translate("Agreements", self.tip) if self.tip else ""


#: The fields each kind holds, in the order the table shows them; ``title`` first, always.
FIELDS: Mapping[AgreementKind, tuple[AgreementField, ...]] = {
    AgreementKind.JOURNEY_STAGE: (
        AgreementField(
            QT_TRANSLATE_NOOP("Agreements", "Stage"),
            "title",
            QT_TRANSLATE_NOOP("Agreements", "A stage of the customer's journey, e.g. “SQL”"),
        ),
        AgreementField(
            QT_TRANSLATE_NOOP("Agreements", "Team"),
            "team_id",
            QT_TRANSLATE_NOOP("Agreements", "The team that owns the customer at this stage"),
        ),
        AgreementField(
            QT_TRANSLATE_NOOP("Agreements", "Owner"),
            "owner_id",
            QT_TRANSLATE_NOOP("Agreements", "The leader who answers for this stage"),
        ),
        AgreementField(
            QT_TRANSLATE_NOOP("Agreements", "Message"),
            "message",
            QT_TRANSLATE_NOOP("Agreements", "What both teams say to the customer at this stage"),
        ),
        AgreementField(
            QT_TRANSLATE_NOOP("Agreements", "Hand-off trigger"),
            "trigger",
            QT_TRANSLATE_NOOP("Agreements", "What moves the customer on to the next stage"),
        ),
        AgreementField(
            QT_TRANSLATE_NOOP("Agreements", "Service level"),
            "service_level",
            QT_TRANSLATE_NOOP("Agreements", "e.g. “SQL contacted within 24 h”"),
        ),
        AgreementField(
            QT_TRANSLATE_NOOP("Agreements", "Metric"),
            "metric_id",
            QT_TRANSLATE_NOOP("Agreements", "The metric that shows the stage is working"),
        ),
    ),
    AgreementKind.HAND_OFF: (
        AgreementField(
            QT_TRANSLATE_NOOP("Agreements", "Lead source"),
            "title",
            QT_TRANSLATE_NOOP("Agreements", "Where the leads come from, e.g. “Demo request”"),
        ),
        AgreementField(
            QT_TRANSLATE_NOOP("Agreements", "Route"),
            "route",
            QT_TRANSLATE_NOOP("Agreements", "Who gets the lead and how, e.g. “Round-robin to SDRs”"),
        ),
        AgreementField(
            QT_TRANSLATE_NOOP("Agreements", "Team"),
            "team_id",
            QT_TRANSLATE_NOOP("Agreements", "The team that takes the lead"),
        ),
        AgreementField(
            QT_TRANSLATE_NOOP("Agreements", "Owner"),
            "owner_id",
            QT_TRANSLATE_NOOP("Agreements", "The leader who answers for the hand-off"),
        ),
        AgreementField(
            QT_TRANSLATE_NOOP("Agreements", "Response time"),
            "service_level",
            QT_TRANSLATE_NOOP("Agreements", "e.g. “First touch within 4 business hours”"),
        ),
        AgreementField(
            QT_TRANSLATE_NOOP("Agreements", "On a miss"),
            "on_miss",
            QT_TRANSLATE_NOOP("Agreements", "What happens when the response time is missed"),
        ),
        AgreementField(
            QT_TRANSLATE_NOOP("Agreements", "Definition"),
            "definition_id",
            QT_TRANSLATE_NOOP("Agreements", "The definition the leads handed over meet"),
        ),
        AgreementField(
            QT_TRANSLATE_NOOP("Agreements", "Metric"),
            "metric_id",
            QT_TRANSLATE_NOOP("Agreements", "The metric the check-ins track the response time with"),
        ),
    ),
    AgreementKind.DECISION_RIGHT: (
        AgreementField(
            QT_TRANSLATE_NOOP("Agreements", "Decision"),
            "title",
            QT_TRANSLATE_NOOP("Agreements", "e.g. “Pricing”, “Lead scoring”"),
        ),
        AgreementField(
            QT_TRANSLATE_NOOP("Agreements", "Decides"),
            "team_id",
            QT_TRANSLATE_NOOP("Agreements", "The team that makes the call"),
        ),
        AgreementField(
            QT_TRANSLATE_NOOP("Agreements", "Owner"),
            "owner_id",
            QT_TRANSLATE_NOOP("Agreements", "The leader who makes the call"),
        ),
        AgreementField(
            QT_TRANSLATE_NOOP("Agreements", "Consulted"),
            "consulted",
            QT_TRANSLATE_NOOP("Agreements", "Who is asked before the call is made"),
        ),
        AgreementField(
            QT_TRANSLATE_NOOP("Agreements", "Why"),
            "why",
            QT_TRANSLATE_NOOP("Agreements", "Why this team decides, given the business model"),
        ),
    ),
    AgreementKind.INCENTIVE: (
        AgreementField(
            QT_TRANSLATE_NOOP("Agreements", "Rewarded for"),
            "title",
            QT_TRANSLATE_NOOP("Agreements", "What the team is paid or recognised for"),
        ),
        AgreementField(
            QT_TRANSLATE_NOOP("Agreements", "Team"),
            "team_id",
            QT_TRANSLATE_NOOP("Agreements", "Whose pay or recognition it is"),
        ),
        AgreementField(
            QT_TRANSLATE_NOOP("Agreements", "Reward"),
            "reward",
            QT_TRANSLATE_NOOP("Agreements", "e.g. “10% of variable pay”, “Quarterly award”"),
        ),
        AgreementField(
            QT_TRANSLATE_NOOP("Agreements", "Shared objective"),
            "objective_id",
            QT_TRANSLATE_NOOP("Agreements", "The shared outcome the incentive ties to"),
        ),
        AgreementField(
            QT_TRANSLATE_NOOP("Agreements", "Metric"),
            "metric_id",
            QT_TRANSLATE_NOOP("Agreements", "The measure the reward is paid on"),
        ),
    ),
    AgreementKind.PRACTICE: (
        AgreementField(
            QT_TRANSLATE_NOOP("Agreements", "Practice"),
            "title",
            QT_TRANSLATE_NOOP("Agreements", "e.g. “Marketing joins a customer visit”"),
        ),
        AgreementField(
            QT_TRANSLATE_NOOP("Agreements", "Team"),
            "team_id",
            QT_TRANSLATE_NOOP("Agreements", "The team that does it"),
        ),
        AgreementField(
            QT_TRANSLATE_NOOP("Agreements", "Owner"),
            "owner_id",
            QT_TRANSLATE_NOOP("Agreements", "The leader who sees it happens"),
        ),
        AgreementField(
            QT_TRANSLATE_NOOP("Agreements", "Cadence"),
            "cadence",
            QT_TRANSLATE_NOOP("Agreements", "How often, at the least"),
        ),
        AgreementField(
            QT_TRANSLATE_NOOP("Agreements", "Metric"),
            "metric_id",
            QT_TRANSLATE_NOOP("Agreements", "The metric its check-ins count, e.g. “Joint customer visits”"),
        ),
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
CADENCES = (
    QT_TRANSLATE_NOOP("Agreements", "weekly"),
    QT_TRANSLATE_NOOP("Agreements", "monthly"),
    QT_TRANSLATE_NOOP("Agreements", "quarterly"),
    QT_TRANSLATE_NOOP("Agreements", "yearly"),
)
#: How a business decides who leads go-to-market (seed 003); blank while not chosen.
BUSINESS_MODELS = (
    QT_TRANSLATE_NOOP("Agreements", "sales-led"),
    QT_TRANSLATE_NOOP("Agreements", "product-led"),
    QT_TRANSLATE_NOOP("Agreements", "hybrid"),
)

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
            return translate(
                "Agreements",
                "It is paid on a metric of “{paid_on}”, not of “{tied}”, the objective it ties to: "
                "pay on what that objective measures.",
            ).format(paid_on=paid_on.statement, tied=tied.statement)
        return ""
    if tied is None and paid_on is None:
        return translate(
            "Agreements",
            "It ties to no objective: name the shared objective it rewards, or it may pull the teams apart.",
        )
    named = tied or paid_on
    assert named is not None
    return translate(
        "Agreements",
        "It rewards “{objective}”, which only one team holds: no shared objective asks for it, "
        "so it may pull the teams apart.",
    ).format(objective=named.statement)
