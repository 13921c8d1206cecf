"""The agreements beyond goals in the plan's declaration (interchange version 9): journey stages,
hand-offs, decision rights, incentives and joint practices, each with its buy-in. Signed content."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import Field

from offsite.domain import rules
from offsite.domain.agreements import CADENCES, AgreementKind
from offsite.store.document import fields as kinds
from offsite.store.document.fields import Choice, Edit, Fixed, Ref
from offsite.store.document.record import ByLeader, Identity, LeaderStance, Moment, Record, Said


class AgreementStance(Record):
    """One entry in an agreement's buy-in history, as buy_in is for objectives."""

    called: ClassVar[str] = "agreement stance"
    listed_in: ClassVar[str] = "agreements"
    edited: ClassVar[bool] = False

    uid: Identity = Field(description="The entry's identity.")
    leader: ByLeader
    stance: LeaderStance
    comment: Said
    recorded_at: Moment = Field(description="When the stance was recorded, in UTC.")


#: A text an agreement of some kinds holds; blank in the others.
AgreementText = Annotated[str, kinds.Text()]


class Agreement(Record):
    """An agreement beyond goals: a customer journey stage, a hand-off of a lead source, a decision right, an incentive or a joint practice, with its buy-in. Each kind uses some of the fields (docs/interchange.md lists which); the others are blank or null."""

    called: ClassVar[str] = "agreement"
    listed_in: ClassVar[str] = "agreements"

    uid: Identity = Field(description="The agreement's identity.")
    kind: Annotated[str, Choice(choices=tuple(k.value for k in AgreementKind)), Fixed()] = Field(
        description="What it settles: journey_stage, hand_off, decision_right, incentive or practice."
    )
    title: AgreementText = Field(
        description="The stage (“SQL”), the lead source (“Demo request”), the decision (“Pricing”), what is rewarded, or the practice (“Marketing joins a customer visit”)."
    )
    team: Annotated[str | None, Ref(target="Team", nullable=True)] = Field(
        description="The uid of the team (listed in teams) that owns the stage, takes the lead, decides, is rewarded or does the practice; or null."
    )
    owner: Annotated[str | None, Ref(target="Leader", nullable=True)] = Field(
        description="The uid of the leader (listed in leaders) who answers for it, or null."
    )
    message: AgreementText = Field(description="A journey stage: what both teams say to the customer then.")
    trigger: AgreementText = Field(
        description="A journey stage: what hands the customer on to the next stage."
    )
    route: AgreementText = Field(description="A hand-off: who gets the lead and how.")
    service_level: AgreementText = Field(
        description="A journey stage's service level (“SQL contacted within 24 h”), or a hand-off's response time."
    )
    on_miss: AgreementText = Field(description="A hand-off: what happens when the response time is missed.")
    consulted: AgreementText = Field(description="A decision right: who is asked before the call is made.")
    why: AgreementText = Field(
        description="A decision right: why that team decides, given the business model."
    )
    reward: AgreementText = Field(
        description="An incentive: what is paid or given, e.g. “10% of variable pay”."
    )
    cadence: Annotated[str, Choice(choices=("", *CADENCES)), Edit(rules.CADENCE)] = Field(
        description="A joint practice: how often at the least (weekly, monthly, quarterly or yearly); blank otherwise."
    )
    metric: Annotated[str | None, Ref(target="Metric", nullable=True)] = Field(
        description="The uid of the metric (listed in an objective's metrics) that shows it working: a stage's, a hand-off's response time, what an incentive is paid on, a practice's count. Null when none."
    )
    definition: Annotated[str | None, Ref(target="Definition", nullable=True)] = Field(
        description="A hand-off: the uid of the definition (listed in definitions) the leads meet, or null."
    )
    objective: Annotated[str | None, Ref(target="Objective", nullable=True)] = Field(
        description="An incentive: the uid of the shared objective (listed in objectives) it ties to, or null."
    )
    stances: tuple[AgreementStance, ...] = Field(
        description="Its buy-in history, in the order recorded, as buy_in is. Every leader's agreement makes it bought in."
    )
