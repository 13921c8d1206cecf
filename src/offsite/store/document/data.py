"""The plan's data: the one declaration of its shape, as the interchange document carries it.

Every record of a plan document (interchange format ``VERSION``) is a frozen pydantic model here,
with what each field holds and means. The same declaration validates a document received from
elsewhere (``offsite.exchange.interchange.validate``), produces the published JSON Schema
(``offsite.exchange.interchange.schema``) and upgrades documents of older versions (``Since``).
A field's kind (``offsite.store.document.fields``) checks its value and states its schema.

``called`` is what a leader calls one of a record's kind in messages, and ``listed_in`` the list of
the document that holds them. The base record and the field types several records share are in
``record``; the review cadence's records (``cadence_records``) and the agreements beyond goals
(``agreement_records``) have modules of their own and are named here as well.
"""

from __future__ import annotations

import typing
from typing import Annotated, Any, ClassVar, Final

from pydantic import Field

from offsite.domain import rules
from offsite.domain.agreements import BUSINESS_MODELS
from offsite.domain.drafting import SECTIONS as DRAFT_SECTIONS
from offsite.domain.drafting import Outcome, Shape
from offsite.domain.exercises import (
    DEFAULT_DOT_BUDGET,
    DEFAULT_TOP_N,
    Exercise,
    SwitchItemKind,
    SwitchSide,
)
from offsite.domain.fingerprint import NOTHING_LATER, Later
from offsite.domain.language import QT_TRANSLATE_NOOP
from offsite.domain.overlap import OverlapRule
from offsite.domain.rules import FUNNEL_STAGES
from offsite.domain.signoff import RATING_HIGH, RATING_LOW, ResolutionAction
from offsite.domain.values import Direction
from offsite.store.document import fields as kinds
from offsite.store.document.agreement_records import Agreement as Agreement
from offsite.store.document.agreement_records import AgreementStance as AgreementStance
from offsite.store.document.cadence_records import (
    AlignmentReading as AlignmentReading,
)
from offsite.store.document.cadence_records import (
    CheckIn as CheckIn,
)
from offsite.store.document.cadence_records import (
    ImportMapping as ImportMapping,
)
from offsite.store.document.cadence_records import (
    MappingFilter as MappingFilter,
)
from offsite.store.document.cadence_records import (
    MetricAlias as MetricAlias,
)
from offsite.store.document.cadence_records import (
    ObjectiveReview as ObjectiveReview,
)
from offsite.store.document.cadence_records import (
    PreviousCycle as PreviousCycle,
)
from offsite.store.document.cadence_records import (
    Win as Win,
)
from offsite.store.document.fields import (
    FORMAT,
    LARGEST_EXACT_INTEGER,
    VERSION,
    Choice,
    Content,
    Edit,
    Fingerprint,
    Fixed,
    FormatName,
    FormatVersion,
    ItemKey,
    LooseUid,
    Ref,
    Refs,
    Since,
    Whole,
)
from offsite.store.document.record import (
    Amount,
    ByLeader,
    Count,
    Flag,
    Identity,
    LeaderStance,
    Minutes,
    Moment,
    NullableDay,
    NullableFlag,
    NullableMoment,
    NullableNumber,
    NullableNumbers,
    NullableText,
    Owner,
    Percent,
    Said,
    Text,
    Texts,
)
from offsite.store.document.record import (
    Day as Day,
)
from offsite.store.document.record import (
    Record as Record,
)

__all__ = ["FORMAT", "VERSION"]

#: The largest version number a document may hold: far beyond any plan's, well within SQLite's integers.
MAX_VERSION_NUMBER: Final = 1_000_000
#: What a document older than version 4 stands for: no items, a day from 09:00, nothing running.
NO_AGENDA: Final[dict[str, Any]] = {
    "items": [],
    "day": {"starts_at": "09:00", "current_item_uid": None, "item_started_at": None},
}
#: What a document older than version 5 stands for: no draft, no merges.
NO_DRAFTING: Final[dict[str, Any]] = {"draft": None, "merges": []}


class Plan(Record):
    """The offsite itself: its details and the vision it plans towards."""

    called: ClassVar[str] = "plan"
    listed_in: ClassVar[str] = "plan"

    uid: Identity = Field(description="The plan's identity.")
    title: Text = Field(description="The offsite's title, e.g. “Sales & Marketing Offsite 2027”.")
    starts_on: NullableDay = Field(
        description="The first day of the offsite. A date (YYYY-MM-DD), or null when blank."
    )
    ends_on: NullableDay = Field(
        description="The last day of the offsite. A date (YYYY-MM-DD), or null when blank."
    )
    venue: Text = Field(description="Where the offsite takes place.")
    horizon: Text = Field(description="The period the plan covers, e.g. “H1 2027”.")
    vision: Text = Field(description="The company vision the objectives serve.")
    dot_budget: Annotated[Count, Since(2, DEFAULT_DOT_BUDGET)] = Field(
        description=f"How many dots each leader may place in the candidate vote. Added in version 2 (a version 1 document stands for {DEFAULT_DOT_BUDGET})."
    )
    top_n: Annotated[Count, Since(2, DEFAULT_TOP_N)] = Field(
        description=f"How many candidates each team keeps on its shortlist. Added in version 2 (a version 1 document stands for {DEFAULT_TOP_N})."
    )
    business_model: Annotated[
        str, Choice(choices=("", *BUSINESS_MODELS)), Edit(rules.BUSINESS_MODEL), Since(9, "")
    ] = Field(
        description="How go-to-market is led: sales-led, product-led or hybrid; blank while not chosen. It says who decides what (decision_rights). Added in version 9 (older: blank). Left out of the signed content while blank."
    )
    business_model_why: Annotated[Text, Since(9, "")] = Field(
        description="Why the leaders chose that business model. Added in version 9 (older: blank). Left out of the signed content while blank."
    )


class Team(Record):
    """A team taking part, e.g. Sales or Marketing."""

    called: ClassVar[str] = "team"
    listed_in: ClassVar[str] = "teams"

    uid: Identity = Field(description="The team's identity.")
    name: Text = Field(description="The team's name.")


class Leader(Record):
    """A leader at the offsite, whose buy-in is recorded."""

    called: ClassVar[str] = "leader"
    listed_in: ClassVar[str] = "leaders"

    uid: Identity = Field(description="The leader's identity.")
    name: Text = Field(description="The leader's name.")
    title: Text = Field(description="The leader's job title, e.g. “VP of Sales”.")
    team: Annotated[str | None, Ref(target="Team", nullable=True)] = Field(
        description="The uid of the leader's team (listed in teams), or null."
    )
    initials: Annotated[Text, Edit(rules.INITIALS), Since(6, "")] = Field(
        description="The initials the leader signs with, one to five letters (e.g. “TH”); blank: the initials of their name. A signature must match them, case and accents aside. Added in version 6 (an older document stands for blank). Left out of the signed content while blank."
    )


class CompanyGoal(Record):
    """A company goal that objectives serve."""

    called: ClassVar[str] = "company goal"
    listed_in: ClassVar[str] = "company_goals"

    uid: Identity = Field(description="The goal's identity.")
    statement: Text = Field(description="The goal, e.g. “Grow revenue 50% in 2027”.")
    baseline: NullableNumber = Field(
        description="Where the measure stands today. A number, or null when blank."
    )
    target: NullableNumber = Field(
        description="Where the measure should be by the due date. A number, or null when blank."
    )
    unit: Text = Field(description="The unit of baseline and target, e.g. “M USD” or “%”.")
    due: NullableDay = Field(description="When the target is due. A date (YYYY-MM-DD), or null when blank.")


class Metric(Record):
    """A measure of an objective's progress."""

    called: ClassVar[str] = "metric"
    listed_in: ClassVar[str] = "metrics"

    uid: Identity = Field(description="The metric's identity.")
    name: Text = Field(description="What is measured, e.g. “Appointments booked”.")
    unit: Text = Field(description="The unit of baseline and target, e.g. “meetings”.")
    baseline: NullableNumber = Field(
        description="Where the measure stands today. A number, or null when blank."
    )
    target: NullableNumber = Field(
        description="Where it should be by the due date. A number, or null when blank."
    )
    direction: Annotated[str, Choice(choices=tuple(d.value for d in Direction)), Edit(rules.DIRECTION)] = (
        Field(description="Whether success is the measure going up or down.")
    )
    due: NullableDay = Field(description="When the target is due. A date (YYYY-MM-DD), or null when blank.")
    data_source: Text = Field(description="Where the numbers come from, e.g. “CRM: pipeline report”.")
    customer_centric: Flag = Field(description="Whether the metric measures value to the customer.")
    shared: Flag = Field(description="Whether the metric is shared between teams.")
    owner: Owner = Field(
        description="The uid of the leader who answers for the metric (listed in leaders), or null. Added in version 7 (an older document stands for null). Left out of the signed content while null."
    )
    funnel_stage: Annotated[
        str, Choice(choices=("", *FUNNEL_STAGES)), Edit(rules.FUNNEL_STAGE), Since(8, "")
    ] = Field(
        description="The stage of the sales funnel the metric counts (leads, mqls, sqls, opportunities, deals or revenue), so the review rolls the funnel up from the check-ins; blank when it counts none. Added in version 8 (older: blank)."
    )


class ObjectiveOrigin(Record):
    """An objective that was merged into this one: whose it was, and where it came from itself."""

    called: ClassVar[str] = "merged objective"
    listed_in: ClassVar[str] = "objectives"

    uid: Identity = Field(description="The entry's identity.")
    origin_uid: Annotated[str, LooseUid()] = Field(
        description="The uid of the objective merged in. Not checked against objectives: that objective is gone."
    )
    label: Text = Field(description="Whose objective it was, e.g. “Sales' “Go outbound””.")
    origin_candidate_uid: NullableText = Field(
        description="The uid of the candidate that objective was promoted from, or null. Not checked."
    )
    origin_label: Text = Field(description="Where that candidate came from; blank when it was not promoted.")


class Objective(Record):
    """A team objective, its method and metrics."""

    called: ClassVar[str] = "objective"
    listed_in: ClassVar[str] = "objectives"

    uid: Identity = Field(description="The objective's identity.")
    statement: Text = Field(description="What the team will achieve, e.g. “Go outbound”.")
    period: Text = Field(description="When, e.g. “Q1 2027”.")
    method: Text = Field(description="How the objective will be reached, in a few sentences.")
    teams: Annotated[
        tuple[str, ...], Refs(target="Team", label=QT_TRANSLATE_NOOP("PlanDocument", "team"))
    ] = Field(
        description="The uids of the owning teams (listed in teams); several make a shared objective. Offsite writes them in the order of teams."
    )
    company_goals: Annotated[
        tuple[str, ...], Refs(target="CompanyGoal", label=QT_TRANSLATE_NOOP("PlanDocument", "company goal"))
    ] = Field(
        description="The uids of the company goals it serves (listed in company_goals). Offsite writes them in the order of company_goals."
    )
    metrics: tuple[Metric, ...] = Field(description="How progress is measured, in display order.")
    origin_candidate_uid: Annotated[NullableText, Fixed(), Since(2, None)] = Field(
        description="The uid of the brainstorm candidate it was promoted from, or null. Not checked against candidates: the story outlives the candidate. Added in version 2."
    )
    origin_label: Annotated[Text, Fixed(), Since(2, "")] = Field(
        description="Where that candidate came from, e.g. “Sales' ask-why chain › …”; blank when not promoted. Added in version 2."
    )
    merged_from: Annotated[tuple[ObjectiveOrigin, ...], Since(3, [])] = Field(
        description="The objectives it was merged from when an overlap was resolved, in order; empty when it was not made by merging. Added in version 3."
    )
    owner: Owner = Field(
        description="The uid of the leader who answers for the objective (listed in leaders), or null. Added in version 7 (an older document stands for null). Left out of the signed content while null."
    )
    method_owner: Owner = Field(
        description="The uid of the leader who answers for the method (listed in leaders), or null. Added in version 7 (an older document stands for null). Left out of the signed content while null."
    )


class BuyIn(Record):
    """One entry in the buy-in history: a leader's stance on an objective at a moment. The last entry listed for a leader and objective is that leader's current stance (recorded_at is the recording machine's clock, so the order, not the time, tells which is current)."""

    called: ClassVar[str] = "buy-in entry"
    listed_in: ClassVar[str] = "buy_in"
    edited: ClassVar[bool] = False

    uid: Identity = Field(description="The entry's identity.")
    objective: Annotated[str, Ref(target="Objective")] = Field(
        description="The uid of the objective (listed in objectives)."
    )
    leader: ByLeader
    stance: LeaderStance
    comment: Said
    recorded_at: Moment = Field(
        description="When the stance was recorded, in UTC, e.g. “2027-01-14T10:00:00.000000Z”."
    )


class WhyNode(Record):
    """A statement of a team's ask-why chain: a starting statement (parent null) or an answer to “why?”."""

    called: ClassVar[str] = "statement"
    listed_in: ClassVar[str] = "why_chains"

    uid: Identity = Field(description="The statement's identity.")
    team: Annotated[str, Ref(target="Team"), Fixed()] = Field(
        description="The uid of the team whose chain it is (listed in teams)."
    )
    parent: Annotated[str | None, Ref(target="WhyNode", nullable=True), Fixed()] = Field(
        description="The uid of the statement it answers, listed earlier in why_chains and of the same team; null for a starting statement."
    )
    text: Text = Field(description="The statement.")


class Theme(Record):
    """A common theme: the deep reason several teams' chains meet at."""

    called: ClassVar[str] = "theme"
    listed_in: ClassVar[str] = "themes"

    uid: Identity = Field(description="The theme's identity.")
    name: Text = Field(description="The theme, e.g. “Customers don't see our value”.")
    nodes: Annotated[
        tuple[str, ...], Refs(target="WhyNode", label=QT_TRANSLATE_NOOP("PlanDocument", "statement"))
    ] = Field(
        description="The uids of the statements marked as part of it (listed in why_chains). Offsite writes them in the order of why_chains."
    )


class DismissedSuggestion(Record):
    """A suggested common-theme pair of statements the facilitator dismissed, so it is not suggested again. The pair is kept by uid and not checked against why_chains: a dismissal outlives the statements."""

    called: ClassVar[str] = "dismissed suggestion"
    listed_in: ClassVar[str] = "dismissed_suggestions"
    edited: ClassVar[bool] = False

    uid: Identity = Field(description="The dismissal's identity.")
    first: Text = Field(
        description="The uid of one statement of the pair; Offsite writes the smaller uid first."
    )
    second: Text = Field(description="The uid of the other statement of the pair.")


class TeamGoal(Record):
    """A goal in the tree worked back from a company goal; optionally a team's, with a target."""

    called: ClassVar[str] = "team goal"
    listed_in: ClassVar[str] = "team_goals"

    uid: Identity = Field(description="The goal's identity.")
    company_goal: Annotated[str, Ref(target="CompanyGoal"), Fixed()] = Field(
        description="The uid of the company goal it is worked back from (listed in company_goals)."
    )
    parent: Annotated[str | None, Ref(target="TeamGoal", nullable=True), Fixed()] = Field(
        description="The uid of the team goal it sits under, listed earlier in team_goals and worked back from the same company goal; null right under the company goal."
    )
    team: Annotated[str | None, Ref(target="Team", nullable=True)] = Field(
        description="The uid of the team it belongs to (listed in teams), or null."
    )
    statement: Text = Field(description="The goal.")
    target: NullableNumber = Field(description="The goal's target. A number, or null when blank.")
    unit: Text = Field(description="The unit of the target.")


class Funnel(Record):
    """The reverse funnel of one company goal: its inputs (rates in percent) and the quarters it spans."""

    called: ClassVar[str] = "reverse funnel"
    listed_in: ClassVar[str] = "funnels"

    uid: Identity = Field(description="The funnel's identity.")
    company_goal: Annotated[str, Ref(target="CompanyGoal"), Fixed()] = Field(
        description="The uid of its company goal (listed in company_goals); a company goal has at most one funnel."
    )
    revenue_target: Amount = Field(description="The revenue to reach. A number, or null when blank.")
    average_deal_size: Amount = Field(
        description="The revenue of an average deal. A number, or null when blank."
    )
    win_rate: Percent = Field(description="Percent of opportunities won. A number, or null when blank.")
    sql_to_opportunity: Percent = Field(
        description="Percent of sales-qualified leads that become opportunities. A number, or null when blank."
    )
    mql_to_sql: Percent = Field(
        description="Percent of marketing-qualified leads that become sales-qualified. A number, or null when blank."
    )
    lead_to_mql: Percent = Field(
        description="Percent of leads that become marketing-qualified. A number, or null when blank."
    )
    quarters: Texts = Field(description="The quarters the funnel spans, in order, e.g. “Q1 2027”.")
    weights: NullableNumbers = Field(description="One weight per quarter, or null for an even split.")


class SwitchItem(Record):
    """A goal or plan step of the played team: as the player team presented it, or the real one."""

    called: ClassVar[str] = "team switch item"
    listed_in: ClassVar[str] = "team_switches"

    uid: Identity = Field(description="The item's identity.")
    side: Annotated[str, Choice(choices=tuple(s.value for s in SwitchSide)), Edit(rules.SIDE)] = Field(
        description="Whose version it is: the player team's (played) or the played team's own (real)."
    )
    kind: Annotated[str, Choice(choices=tuple(k.value for k in SwitchItemKind)), Edit(rules.ITEM_KIND)] = (
        Field(description="A goal or a plan step.")
    )
    text: Text = Field(description="The goal or step.")


class EmpathyNote(Record):
    """What one team of the pair had not seen about the other."""

    called: ClassVar[str] = "empathy note"
    listed_in: ClassVar[str] = "team_switches"

    uid: Identity = Field(description="The note's identity.")
    team: Annotated[str, Ref(target="Team"), Fixed()] = Field(
        description="The uid of the team that wrote it: the switch's player or played team, at most one note each."
    )
    text: Text = Field(description="The note.")


class TeamSwitch(Record):
    """One pairing of the team switch: the player team presents the played team's goals and plan."""

    called: ClassVar[str] = "team switch"
    listed_in: ClassVar[str] = "team_switches"

    uid: Identity = Field(description="The pairing's identity.")
    player_team: Annotated[str, Ref(target="Team"), Fixed()] = Field(
        description="The uid of the team that presents (listed in teams)."
    )
    played_team: Annotated[str, Ref(target="Team"), Fixed()] = Field(
        description="The uid of the team it presents, not the player team (listed in teams)."
    )
    prepare_minutes: Minutes = Field(description="Minutes to prepare the presentation.")
    present_minutes: Minutes = Field(description="Minutes to present.")
    items: tuple[SwitchItem, ...] = Field(
        description="The goals and plan steps of both sides, in display order."
    )
    empathy_notes: tuple[EmpathyNote, ...] = Field(description="The notes written after the switch.")


class SmartMark(Record):
    """One SMART question for a candidate: yes, no, or not yet judged, with a note."""

    called: ClassVar[str] = "SMART answer"
    listed_in: ClassVar[str] = "candidates"

    value: NullableFlag = Field(description="true (yes), false (no), or null (not yet judged).")
    note: Text = Field(description="Why, in a few words.")


class Smart(Record):
    """The candidate's SMART check, one answer per question."""

    called: ClassVar[str] = "SMART check"
    listed_in: ClassVar[str] = "candidates"

    specific: SmartMark = Field(description="Is it specific?")
    measurable: SmartMark = Field(description="Is it measurable?")
    achievable: SmartMark = Field(description="Is it achievable?")
    realistic: SmartMark = Field(description="Is it realistic?")
    timely: SmartMark = Field(description="Is it timely?")


class Candidate(Record):
    """A goal idea in the candidate pool, with where it came from, its SMART check and impact."""

    called: ClassVar[str] = "candidate"
    listed_in: ClassVar[str] = "candidates"

    uid: Identity = Field(description="The candidate's identity.")
    team: Annotated[str | None, Ref(target="Team", nullable=True)] = Field(
        description="The uid of its team (listed in teams), or null."
    )
    text: Text = Field(description="The candidate goal.")
    exercise: Annotated[str, Choice(choices=tuple(e.value for e in Exercise)), Fixed()] = Field(
        description="The exercise it came from."
    )
    origin_uid: Annotated[NullableText, Fixed()] = Field(
        description="The uid of the statement, team goal, funnel or switch item it came from, or null. Not checked against the document: the origin may have been removed since."
    )
    origin_label: Annotated[Text, Fixed()] = Field(
        description="Where it came from, in words, e.g. “Sales' ask-why chain › …”."
    )
    smart: Smart = Field(description="Its SMART check.")
    impact: Annotated[int | None, Whole(low=1, high=5, nullable=True), Edit(rules.IMPACT)] = Field(
        description="Its impact from 1 to 5, or null when not scored."
    )
    shortlisted: Annotated[Flag, Since(6, False)] = Field(
        description="Whether its team keeps it on the shortlist, as the facilitator recorded it. Added in version 6 (an older document stands for false). Left out of the signed content while false."
    )


class Vote(Record):
    """The dots one leader placed on one candidate."""

    called: ClassVar[str] = "vote"
    listed_in: ClassVar[str] = "votes"

    leader: ByLeader
    candidate: Annotated[str, Ref(target="Candidate")] = Field(
        description="The uid of the candidate (listed in candidates)."
    )
    dots: Count = Field(description="How many dots; at most one entry per leader and candidate.")


class DefinitionStance(Record):
    """One entry in a definition's buy-in history, as buy_in is for objectives."""

    called: ClassVar[str] = "definition stance"
    listed_in: ClassVar[str] = "definitions"
    edited: ClassVar[bool] = False

    uid: Identity = Field(description="The entry's identity.")
    leader: ByLeader
    stance: LeaderStance
    comment: Said
    recorded_at: Moment = Field(description="When the stance was recorded, in UTC.")


class Definition(Record):
    """A term both teams must mean the same thing by, e.g. “Sales qualified lead”, with its buy-in."""

    called: ClassVar[str] = "definition"
    listed_in: ClassVar[str] = "definitions"

    uid: Identity = Field(description="The definition's identity.")
    term: Text = Field(description="The term defined.")
    definition: Text = Field(description="What it means.")
    team: Annotated[str | None, Ref(target="Team", nullable=True)] = Field(
        description="The uid of the owning team (listed in teams), whose leaders must agree; null: every leader must."
    )
    stances: tuple[DefinitionStance, ...] = Field(
        description="Its buy-in history, in the order recorded, as buy_in is."
    )


class OverlapResolution(Record):
    """How the facilitator settled one overlap the plan found between two objectives."""

    called: ClassVar[str] = "overlap resolution"
    listed_in: ClassVar[str] = "overlap_resolutions"

    uid: Identity = Field(description="The resolution's identity.")
    rule: Annotated[str, Choice(choices=tuple(r.value for r in OverlapRule)), Fixed()] = Field(
        description="The rule that found the overlap."
    )
    first: Annotated[str, LooseUid()] = Field(
        description="The uid of one objective of the pair; Offsite writes the smaller uid first. Not checked against objectives: merging removes them."
    )
    second: Annotated[str, LooseUid()] = Field(
        description="The uid of the other objective of the pair. Not checked."
    )
    action: Annotated[str, Choice(choices=tuple(a.value for a in ResolutionAction)), Fixed()] = Field(
        description="How it was settled."
    )
    note: Text = Field(description="Why, in a sentence.")
    resolved_at: Moment = Field(description="When it was settled, in UTC.")
    merged_objective_uid: Annotated[str | None, LooseUid(nullable=True)] = Field(
        description="The uid of the shared objective a merge made, or null. Not checked: it may be gone since."
    )


class Signature(Record):
    """A leader's signature on a version."""

    called: ClassVar[str] = "signature"
    listed_in: ClassVar[str] = "versions"
    edited: ClassVar[bool] = False

    uid: Identity = Field(description="The signature's identity.")
    leader_uid: Annotated[str, LooseUid()] = Field(
        description="The uid of the leader who signed. Not checked against leaders: a signature outlives the leader's removal after a re-opening."
    )
    leader_name: Text = Field(description="The leader's name when signing.")
    initials: Text = Field(
        description="The initials typed: one to five letters, e.g. “MO”; the signer's own when signed on behalf."
    )
    signed_at: Moment = Field(description="When the leader signed, in UTC.")
    signed_by: Annotated[Text, Since(6, "")] = Field(
        description="Who signed on the leader's behalf; blank when the leader signed. Added in version 6 (an older document stands for blank)."
    )
    behalf_reason: Annotated[Text, Since(6, "")] = Field(
        description="Why someone signed on the leader's behalf; blank when the leader signed. Added in version 6."
    )


class Reopening(Record):
    """Who re-opened a version for editing, when and why."""

    called: ClassVar[str] = "reopening"
    listed_in: ClassVar[str] = "versions"
    edited: ClassVar[bool] = False

    uid: Identity = Field(description="The reopening's identity.")
    by: Text = Field(description="Who re-opened it.")
    at: Moment = Field(description="When, in UTC.")
    reason: Text = Field(description="Why the signed plan had to change.")


class Withdrawal(Record):
    """A signature taken back before every leader had signed the version: the signature as it was, and when it was withdrawn."""

    called: ClassVar[str] = "withdrawn signature"
    listed_in: ClassVar[str] = "versions"

    uid: Identity = Field(description="The withdrawal's identity.")
    signature_uid: Annotated[str, LooseUid()] = Field(
        description="The uid the signature had. Not checked: it is gone."
    )
    leader_uid: Annotated[str, LooseUid()] = Field(
        description="The uid of the leader whose signature it was. Not checked."
    )
    leader_name: Text = Field(description="The leader's name when signing.")
    initials: Text = Field(description="The initials typed.")
    signed_at: Moment = Field(description="When it was signed, in UTC.")
    signed_by: Text = Field(description="Who signed on the leader's behalf; blank when the leader signed.")
    behalf_reason: Text = Field(
        description="Why someone signed on the leader's behalf; blank when the leader signed."
    )
    withdrawn_at: Moment = Field(description="When it was withdrawn, in UTC.")


class Version(Record):
    """A frozen version of the plan: the signed content, its fingerprint, signatures and reopening."""

    called: ClassVar[str] = "version"
    listed_in: ClassVar[str] = "versions"
    edited: ClassVar[bool] = False

    uid: Identity = Field(description="The version's identity.")
    number: Annotated[int, Whole(low=1, high=MAX_VERSION_NUMBER)] = Field(
        description="Its number: 1, 2, … in the order frozen."
    )
    frozen_at: Moment = Field(description="When it was frozen, in UTC.")
    frozen_by: Text = Field(description="Who froze it (the facilitator).")
    override_reason: NullableText = Field(
        description="Why it was frozen although not every objective was bought in; null when all were."
    )
    content: Annotated[str, Content()] = Field(
        description="What the signatures cover, exactly as frozen: the canonical form (docs/interchange.md) of the document's signed sections, as JSON text. Its SHA-256 is the fingerprint."
    )
    fingerprint: Annotated[str, Fingerprint()] = Field(
        description="The SHA-256 of the content's UTF-8 bytes, in lowercase hexadecimal."
    )
    signatures: tuple[Signature, ...] = Field(description="The signatures, in signing order.")
    reopening: Reopening | None = Field(
        description="Who re-opened it, when and why; null while it locks the plan."
    )
    withdrawals: Annotated[tuple[Withdrawal, ...], Since(6, [])] = Field(
        description="Signatures taken back before every leader had signed, oldest first. Added in version 6 (an older document stands for none)."
    )


class SurveyRating(Record):
    """How aligned one leader says the teams are, from 1 (not at all) to 5 (fully)."""

    called: ClassVar[str] = "survey rating"
    listed_in: ClassVar[str] = "survey"

    uid: Identity = Field(description="The rating's identity.")
    leader: Annotated[str, Ref(target="Leader"), Fixed()] = Field(
        description="The uid of the leader (listed in leaders); one rating each."
    )
    rating: Annotated[int, Whole(low=RATING_LOW, high=RATING_HIGH), Edit(rules.RATING)] = Field(
        description="The rating."
    )
    comment: Said
    rated_at: Moment = Field(description="When the leader rated, in UTC.")


class ParkedItem(Record):
    """An off-topic item parked during the offsite, then resolved or made a candidate."""

    called: ClassVar[str] = "parked item"
    listed_in: ClassVar[str] = "parking_lot"

    uid: Identity = Field(description="The item's identity.")
    text: Text = Field(description="What was parked.")
    raised_at: Moment = Field(description="When it was parked, in UTC.")
    raised_in: Annotated[Text, Fixed()] = Field(
        description="The screen it was parked from (e.g. “Ask why”), or blank."
    )
    resolved_at: NullableMoment = Field(description="When it was resolved, in UTC; null while it is open.")
    resolution: Annotated[Text, Fixed()] = Field(description="How it was resolved, if anyone said.")
    candidate_uid: Annotated[str | None, LooseUid(nullable=True)] = Field(
        description="The uid of the candidate it became, or null. Not checked against candidates: the candidate may be gone since."
    )


class AgendaItem(Record):
    """One item of the day's agenda: a title, a time box and the screen it uses."""

    called: ClassVar[str] = "agenda item"
    listed_in: ClassVar[str] = "agenda.items"

    uid: Identity = Field(description="The item's identity.")
    title: Text = Field(description="What the item is, e.g. “Buy-in round”.")
    minutes: Minutes = Field(description="Its time box, in minutes.")
    view: Annotated[Text, Edit(rules.VIEW)] = Field(
        description="The screen it uses: prepare, brainstorm, plan, buyin, signoff or review, or a brainstorm exercise as brainstorm:<tab> (e.g. “brainstorm:Work back”)."
    )


class AgendaDay(Record):
    """When the day starts and which item is running."""

    called: ClassVar[str] = "agenda day"
    listed_in: ClassVar[str] = "agenda.day"
    edited: ClassVar[bool] = False

    starts_at: Text = Field(description="When the first item starts, HH:MM on a 24-hour clock, e.g. “09:00”.")
    current_item_uid: Annotated[str | None, Ref(target="AgendaItem", nullable=True)] = Field(
        description="The uid of the running item (listed in agenda.items), or null when none runs."
    )
    item_started_at: NullableMoment = Field(
        description="When the running item started, in UTC; null when none runs."
    )


class Agenda(Record):
    """The day's agenda: its items in order (start times follow from the day's start) and its state."""

    called: ClassVar[str] = "agenda"
    listed_in: ClassVar[str] = "agenda"

    items: tuple[AgendaItem, ...] = Field(description="The items, in agenda order.")
    day: AgendaDay = Field(description="The day's start and the running item.")


class DraftBase(Record):
    """An item's fingerprint as the plan had it when the draft pack was exported: the common ancestor the first merge of the draft compares both sides with."""

    called: ClassVar[str] = "draft base"
    listed_in: ClassVar[str] = "drafting.draft.bases"

    item_key: Annotated[str, ItemKey()] = Field(
        description="The item: its uid, “funnel:<company goal uid>” for a reverse funnel or “vote:<leader uid>:<candidate uid>” for a dot vote. One base per item. Not checked against the document: the leader may have removed the item since."
    )
    fingerprint: Annotated[str, Fingerprint()] = Field(
        description="The item's fingerprint then, as offsite.domain.drafting computes it."
    )


class Draft(Record):
    """What makes the file a leader's draft: whose it is, of which plan, and when it was made."""

    called: ClassVar[str] = "draft marking"
    listed_in: ClassVar[str] = "drafting.draft"

    uid: Identity = Field(description="The draft's identity: the plan's merge records name it.")
    plan_uid: Annotated[str | None, LooseUid(nullable=True)] = Field(
        description="The uid of the plan the draft pack was exported from (a pack keeps that plan's uid as its own plan.uid); null for a draft started with nothing but the app, which may be merged into any plan. Not checked."
    )
    plan_title: Text = Field(
        description="The title of that plan when the draft was made; blank when it had none."
    )
    leader_uid: Annotated[str, LooseUid()] = Field(
        description="The uid of the leader whose draft it is. Not checked against leaders."
    )
    leader_name: Text = Field(description="The leader's name when the draft was made.")
    made_at: Moment = Field(description="When the draft was made, in UTC.")
    revision: Annotated[int, Whole(low=0, high=LARGEST_EXACT_INTEGER)] = Field(
        description="How many rows the leader's edits have written since the draft was made: a later copy of the draft has a higher revision, so an older copy is refused by a merge."
    )
    bases: tuple[DraftBase, ...] = Field(
        description="For a draft pack, each item it was exported with and that item's fingerprint then; empty for a draft started with nothing but the app."
    )


class MergeRecord(Record):
    """One item a merge brought into the plan, or settled: its origin (leader, draft, time) and both sides' fingerprints at that moment, the common ancestor of the next merge of the same draft."""

    called: ClassVar[str] = "merge record"
    listed_in: ClassVar[str] = "drafting.merges"

    uid: Identity = Field(description="The record's identity.")
    draft_uid: Annotated[str, LooseUid()] = Field(
        description="The uid of the draft merged (its drafting.draft.uid). Not checked: the draft is another file."
    )
    item_key: Annotated[str, ItemKey()] = Field(
        description="The item: its uid, “funnel:<company goal uid>” for a reverse funnel or “vote:<leader uid>:<candidate uid>” for a dot vote. Not checked against the document: a later merge or edit may have removed it."
    )
    section: Annotated[str, Choice(choices=tuple(s.name for s in DRAFT_SECTIONS))] = Field(
        description="The section the item belongs to."
    )
    action: Annotated[str, Choice(choices=tuple(o.value for o in Outcome))] = Field(
        description="What the merge did: added or changed (the plan took the draft's item, whose origin the draft now is), removed, or kept_plan (a conflict settled on the plan's side)."
    )
    leader_uid: Annotated[str, LooseUid()] = Field(
        description="The uid, in the plan, of the leader whose draft it was. Not checked: a record outlives the leader."
    )
    leader_name: Text = Field(description="That leader's name when merging.")
    draft_name: Text = Field(description="The draft's file name when merging, e.g. “dana.offsite”.")
    merged_at: Moment = Field(description="When it was merged, in UTC.")
    draft_fingerprint: Annotated[str | None, Fingerprint(nullable=True)] = Field(
        description="The draft's item's fingerprint then; null when the draft had no such item (a removal)."
    )
    plan_fingerprint: Annotated[str | None, Fingerprint(nullable=True)] = Field(
        description="The plan's item's fingerprint after the merge; null when the plan had no such item then."
    )
    draft_revision: Annotated[int | None, Whole(low=0, high=LARGEST_EXACT_INTEGER, nullable=True)] = Field(
        description="The revision of the draft merged (drafting.draft.revision of that file then); null when unknown."
    )


class Drafting(Record):
    """Whose draft the file is, and where merged items came from."""

    called: ClassVar[str] = "drafting"
    listed_in: ClassVar[str] = "drafting"

    draft: Draft | None = Field(
        description="In a leader's draft, whose draft of which plan it is; null in a plan."
    )
    merges: tuple[MergeRecord, ...] = Field(
        description="Every item a merge of a draft brought or settled, in the order the merges wrote them; the last record of an item says where it came from (merged_at is the merging machine's clock, so the order, not the time, tells which is latest)."
    )


class Document(Record):
    """A whole Offsite plan."""

    called: ClassVar[str] = "document"
    listed_in: ClassVar[str] = ""

    format: Annotated[str, FormatName()] = Field(
        description=f"Always “{FORMAT}”: marks the document as an Offsite plan."
    )
    version: Annotated[int, FormatVersion()] = Field(
        description="The interchange format version the document follows. A reader refuses a version newer than its own."
    )
    generator: Annotated[str | None, kinds.Text()] = Field(
        default=None,
        description="Generated: the program that wrote the document, e.g. “Offsite 0.1.0”. Ignored on import.",
    )
    exported_at: Annotated[str | None, kinds.Moment()] = Field(
        default=None, description="Generated: when the document was written, in UTC. Ignored on import."
    )
    plan: Plan = Field(description="The offsite's details.")
    teams: tuple[Team, ...] = Field(description="The teams, in display order.")
    leaders: tuple[Leader, ...] = Field(description="The leaders, in display order.")
    company_goals: tuple[CompanyGoal, ...] = Field(description="The company goals, in display order.")
    objectives: tuple[Objective, ...] = Field(
        description="The objectives and their metrics, in display order."
    )
    buy_in: tuple[BuyIn, ...] = Field(
        description="The buy-in history, in the order the stances were recorded."
    )
    why_chains: Annotated[tuple[WhyNode, ...], Since(2, [])] = Field(
        description="The statements of every team's ask-why chain, in display order: each before its answers. Added in version 2."
    )
    themes: Annotated[tuple[Theme, ...], Since(2, [])] = Field(
        description="The common themes, in display order. Added in version 2."
    )
    dismissed_suggestions: Annotated[tuple[DismissedSuggestion, ...], Since(2, [])] = Field(
        description="The dismissed common-theme suggestions, oldest first. Added in version 2."
    )
    team_goals: Annotated[tuple[TeamGoal, ...], Since(2, [])] = Field(
        description="The goals worked back from company goals, in display order: each before the goals under it. Added in version 2."
    )
    funnels: Annotated[tuple[Funnel, ...], Since(2, [])] = Field(
        description="The reverse funnels, in the order of company_goals. Added in version 2."
    )
    team_switches: Annotated[tuple[TeamSwitch, ...], Since(2, [])] = Field(
        description="The team switch pairings, in display order. Added in version 2."
    )
    candidates: Annotated[tuple[Candidate, ...], Since(2, [])] = Field(
        description="The candidate pool, in display order. Added in version 2."
    )
    votes: Annotated[tuple[Vote, ...], Since(2, [])] = Field(
        description="The dot votes, by leader then candidate (in the order of leaders and candidates). Added in version 2."
    )
    definitions: Annotated[tuple[Definition, ...], Since(3, [])] = Field(
        description="The data definitions and their buy-in, in display order. Added in version 3."
    )
    overlap_resolutions: Annotated[tuple[OverlapResolution, ...], Since(3, [])] = Field(
        description="How overlaps between objectives were settled, oldest first. Added in version 3."
    )
    versions: Annotated[tuple[Version, ...], Since(3, [])] = Field(
        description="The frozen versions, by number: every one but the last is re-opened. Not signed content. Added in version 3."
    )
    survey: Annotated[tuple[SurveyRating, ...], Since(3, [])] = Field(
        description="The leaders' alignment ratings, in the order of leaders. Not signed content. Added in version 3."
    )
    parking_lot: Annotated[tuple[ParkedItem, ...], Since(4, [])] = Field(
        description="The parking lot: off-topic items parked in the room, in the order parked. Not signed content. Added in version 4."
    )
    agenda: Annotated[Agenda, Since(4, NO_AGENDA)] = Field(
        description="The day's agenda: items and the running one. Not signed content. Added in version 4."
    )
    drafting: Annotated[Drafting, Since(5, NO_DRAFTING)] = Field(
        description="Drafting and merging: whose draft the file is (null in a plan) and where merged items came from. Locked with a signed plan's content, yet not signed content. Added in version 5."
    )
    check_ins: Annotated[tuple[CheckIn, ...], Since(8, [])] = Field(
        description="The check-ins: each metric's actual values after the offsite, by metric (in plan order), then day, then source. Not signed content. Added in version 8."
    )
    import_mappings: Annotated[tuple[ImportMapping, ...], Since(8, [])] = Field(
        description="How each source's files become check-ins, by name. Not signed content. Added in version 8."
    )
    objective_reviews: Annotated[tuple[ObjectiveReview, ...], Since(8, [])] = Field(
        description="The quarter-end scores and retrospectives, by quarter, then objective (in plan order). Not signed content. Added in version 8."
    )
    wins: Annotated[tuple[Win, ...], Since(8, [])] = Field(
        description="The wins log, by day. Not signed content. Added in version 8."
    )
    alignment_readings: Annotated[tuple[AlignmentReading, ...], Since(8, [])] = Field(
        description="The alignment index at each closed quarter, by quarter. Not signed content. Added in version 8."
    )
    previous_cycle: Annotated[PreviousCycle | None, Since(8, None)] = Field(
        description="The plan this one continues, or null. Not signed content. Added in version 8."
    )
    agreements: Annotated[tuple[Agreement, ...], Since(9, [])] = Field(
        description="The agreements beyond goals, with their buy-in: the customer journey's stages, then hand-offs, decision rights, incentives and joint practices, each in display order. Signed content. Added in version 9 (older: none)."
    )


#: Every record of the document by class name, as references name their target.
RECORDS: Final[dict[str, type[Record]]] = {cls.__name__: cls for cls in Record.__subclasses__()}

#: The interchange version whose plans were the first to be signed (sign-off came with version 3).
FIRST_SIGNED_VERSION: Final = 3


def _held(annotation: Any) -> type[Record] | None:
    """The record a field holds one or a list of, if it holds records."""
    for part in (annotation, *typing.get_args(annotation)):
        if isinstance(part, type) and issubclass(part, Record):
            return part
    return None


def _later(record: type[Record]) -> Later:
    """The fields of ``record``, and of the records it holds, added after plans were first signed."""
    defaults: dict[str, Any] = {}
    within: dict[str, Later] = {}
    for name, info in record.model_fields.items():
        since = next((m for m in info.metadata if isinstance(m, Since)), None)
        if since is not None and since.version > FIRST_SIGNED_VERSION:
            defaults[name] = since.default
        held = _held(info.annotation)
        if held is not None and (inner := _later(held)) != NOTHING_LATER:
            within[name] = inner
    return Later(defaults, within)


#: What the fingerprints of signed content and of drafts' items leave out while it holds the value
#: an older plan stands for, read from the ``Since`` of each field: so a plan signed before a field
#: was added keeps its fingerprint (``offsite.domain.fingerprint.Later``).
LATER: Final[Later] = _later(Document)


#: The sections of a draft that are no list of the document: a definition's or an agreement's buy-in
#: entries, items of their own (each needs its definition or agreement besides what it names).
_OWN_SECTIONS: Final[dict[str, type[Record]]] = {
    "definition_stances": DefinitionStance,
    "agreement_stances": AgreementStance,
}


def _section_record(section: str) -> type[Record]:
    if section in _OWN_SECTIONS:
        return _OWN_SECTIONS[section]
    held = _held(Document.model_fields[section].annotation)
    assert held is not None, section
    return held


def needs_of(record: type[Record], apart: tuple[type[Record], ...]) -> tuple[tuple[str, ...], ...]:
    """Where a ``record`` names the records it needs (``Ref``, ``Refs``), nested records included but
    for those ``apart`` (items of their own), as paths of field names in declared order."""
    found: list[tuple[str, ...]] = []
    for name, info in record.model_fields.items():
        if any(isinstance(m, Ref | Refs) for m in info.metadata):
            found.append((name,))
        elif (held := _held(info.annotation)) is not None and held not in apart:
            found += [(name, *path) for path in needs_of(held, apart)]
    return tuple(found)


def _drafted() -> Shape:
    records = {section.name: _section_record(section.name) for section in DRAFT_SECTIONS}
    apart = tuple(records.values())
    return Shape({name: needs_of(record, apart) for name, record in records.items()}, LATER.within)


#: What a draft's items need and what their fingerprints leave out, per section, as declared here:
#: what ``offsite.domain.drafting.items_of`` is given, so that the domain repeats none of it.
DRAFTED: Final[Shape] = _drafted()
