"""SQLAlchemy 2 typed models of the plan file.

Every row that a user thinks of as a thing has a ``uid``: a stable identity that survives
export, import and (later) merging drafts from other files. ``id`` is the local key only.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def new_uid() -> str:
    return str(uuid.uuid4())


class Base(DeclarativeBase):
    pass


class Plan(Base):
    """The one row describing the offsite itself."""

    __tablename__ = "plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), default=new_uid, unique=True)
    title: Mapped[str] = mapped_column(Text, default="")
    starts_on: Mapped[dt.date | None] = mapped_column(Date)
    ends_on: Mapped[dt.date | None] = mapped_column(Date)
    venue: Mapped[str] = mapped_column(Text, default="")
    horizon: Mapped[str] = mapped_column(Text, default="")
    vision: Mapped[str] = mapped_column(Text, default="")
    #: Dots each leader may place in the candidate vote, and how many candidates a team keeps.
    dot_budget: Mapped[int] = mapped_column(Integer, default=3, server_default="3")
    top_n: Mapped[int] = mapped_column(Integer, default=3, server_default="3")
    #: Whether go-to-market is sales-led, product-led or hybrid, and why (schema 9): who decides what.
    business_model: Mapped[str] = mapped_column(Text, default="", server_default="")
    business_model_why: Mapped[str] = mapped_column(Text, default="", server_default="")


class Team(Base):
    __tablename__ = "team"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), default=new_uid, unique=True)
    name: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)

    leaders: Mapped[list[Leader]] = relationship(back_populates="team", passive_deletes="all")


class Leader(Base):
    __tablename__ = "leader"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), default=new_uid, unique=True)
    name: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text, default="")
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id", ondelete="RESTRICT"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    #: The initials the leader signs with (schema 6); blank: the initials of their name
    #: (``domain.signoff.initials_of``), so they follow a corrected name.
    initials: Mapped[str] = mapped_column(Text, default="", server_default="")

    team: Mapped[Team | None] = relationship(back_populates="leaders")


class CompanyGoal(Base):
    __tablename__ = "company_goal"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), default=new_uid, unique=True)
    statement: Mapped[str] = mapped_column(Text)
    baseline: Mapped[float | None] = mapped_column(Float)
    target: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(Text, default="")
    due: Mapped[dt.date | None] = mapped_column(Date)
    position: Mapped[int] = mapped_column(Integer, default=0)


#: Marks a column (in its ``info``) that removing the row it names clears, in the same step: undo
#: names the row again (``services.changes.remove``). SQLite's ON DELETE SET NULL would do the
#: clearing, but a column added in place cannot declare it so that the schema reads back alike.
CLEARED_ON_REMOVE = "cleared_on_remove"


def owner_column() -> Mapped[int | None]:
    """A leader who answers for something, or nobody: cleared when that leader is removed."""
    return mapped_column(ForeignKey("leader.id"), info={CLEARED_ON_REMOVE: True})


class Objective(Base):
    __tablename__ = "objective"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), default=new_uid, unique=True)
    statement: Mapped[str] = mapped_column(Text)
    period: Mapped[str] = mapped_column(Text, default="")
    method: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    #: The uid of the candidate it was promoted from: no foreign key, the story outlives the candidate.
    origin_candidate_uid: Mapped[str | None] = mapped_column(String(36))
    origin_label: Mapped[str] = mapped_column(Text, default="", server_default="")
    #: The leaders who answer for the objective and for its method (schema 7).
    owner_id: Mapped[int | None] = owner_column()
    method_owner_id: Mapped[int | None] = owner_column()

    metrics: Mapped[list[Metric]] = relationship(
        back_populates="objective", order_by="Metric.position", passive_deletes="all"
    )


class ObjectiveTeam(Base):
    """An owning team of an objective; several rows make a shared objective."""

    __tablename__ = "objective_team"

    objective_id: Mapped[int] = mapped_column(
        ForeignKey("objective.id", ondelete="CASCADE"), primary_key=True
    )
    team_id: Mapped[int] = mapped_column(
        ForeignKey("team.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class ObjectiveGoal(Base):
    """A company goal that an objective serves."""

    __tablename__ = "objective_goal"

    objective_id: Mapped[int] = mapped_column(
        ForeignKey("objective.id", ondelete="CASCADE"), primary_key=True
    )
    goal_id: Mapped[int] = mapped_column(
        ForeignKey("company_goal.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Metric(Base):
    __tablename__ = "metric"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), default=new_uid, unique=True)
    objective_id: Mapped[int] = mapped_column(ForeignKey("objective.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(Text)
    unit: Mapped[str] = mapped_column(Text, default="")
    baseline: Mapped[float | None] = mapped_column(Float)
    target: Mapped[float | None] = mapped_column(Float)
    direction: Mapped[str] = mapped_column(String(8), default="up")
    due: Mapped[dt.date | None] = mapped_column(Date)
    data_source: Mapped[str] = mapped_column(Text, default="")
    customer_centric: Mapped[bool] = mapped_column(Boolean, default=False)
    shared: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)
    #: The leader who answers for the metric (schema 7), as an objective's owner.
    owner_id: Mapped[int | None] = owner_column()
    #: The funnel stage it counts (schema 8; ``domain.rules.FUNNEL_STAGES``), blank for none.
    funnel_stage: Mapped[str] = mapped_column(Text, default="", server_default="")

    objective: Mapped[Objective] = relationship(back_populates="metrics")


class StanceRecord(Base):
    """One entry in the buy-in history: a leader's stance on an objective at a moment."""

    __tablename__ = "stance_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), default=new_uid, unique=True)
    objective_id: Mapped[int] = mapped_column(ForeignKey("objective.id", ondelete="CASCADE"), index=True)
    leader_id: Mapped[int] = mapped_column(ForeignKey("leader.id", ondelete="CASCADE"), index=True)
    stance: Mapped[str] = mapped_column(String(24))
    comment: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime)


# --- Brainstorm ------------------------------------------------------------------------------------
#
# Every row that belongs to another (an answer to its statement, an item to its team switch, a
# vote to its candidate) points at it ON DELETE CASCADE, so services.changes.remove() captures
# the whole subtree and restore() puts back identical rows. Nothing here uses SET NULL: undo
# could not give the nulled column its value back.


class WhyNode(Base):
    """A statement in a team's ask-why chain: a starting statement (no parent) or an answer to "why?"."""

    __tablename__ = "why_node"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), default=new_uid, unique=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("why_node.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class Theme(Base):
    """A common theme: the deep reason several teams' chains meet at."""

    __tablename__ = "theme"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), default=new_uid, unique=True)
    name: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class ThemeLink(Base):
    """A why-node marked as part of a theme."""

    __tablename__ = "theme_link"

    theme_id: Mapped[int] = mapped_column(ForeignKey("theme.id", ondelete="CASCADE"), primary_key=True)
    node_id: Mapped[int] = mapped_column(
        ForeignKey("why_node.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class DismissedSuggestion(Base):
    """A suggested common-theme pair the facilitator dismissed, so it is never suggested again.

    The pair is kept by uid, smaller first: a dismissal outlives the removal (and undo) of a node.
    """

    __tablename__ = "dismissed_suggestion"
    __table_args__ = (UniqueConstraint("first_uid", "second_uid", name="uq_dismissed_suggestion_pair"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), default=new_uid, unique=True)
    first_uid: Mapped[str] = mapped_column(String(36))
    second_uid: Mapped[str] = mapped_column(String(36))


class TeamGoal(Base):
    """A goal in the tree worked back from a company goal; optionally a team's, with a target."""

    __tablename__ = "team_goal"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), default=new_uid, unique=True)
    company_goal_id: Mapped[int] = mapped_column(
        ForeignKey("company_goal.id", ondelete="CASCADE"), index=True
    )
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("team_goal.id", ondelete="CASCADE"), index=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"), index=True)
    statement: Mapped[str] = mapped_column(Text, default="")
    target: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class Funnel(Base):
    """The reverse funnel of one company goal: its inputs (rates in percent) and the quarters it spans.

    ``quarters`` is a JSON list of labels; ``weights`` a JSON list of numbers, one per quarter,
    or NULL for an even split. Both are read and written as a whole, never queried inside.
    """

    __tablename__ = "funnel"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), default=new_uid, unique=True)
    company_goal_id: Mapped[int] = mapped_column(
        ForeignKey("company_goal.id", ondelete="CASCADE"), unique=True
    )
    revenue_target: Mapped[float | None] = mapped_column(Float)
    average_deal_size: Mapped[float | None] = mapped_column(Float)
    win_rate: Mapped[float | None] = mapped_column(Float)
    sql_to_opportunity: Mapped[float | None] = mapped_column(Float)
    mql_to_sql: Mapped[float | None] = mapped_column(Float)
    lead_to_mql: Mapped[float | None] = mapped_column(Float)
    quarters: Mapped[str] = mapped_column(Text, default="[]")
    weights: Mapped[str | None] = mapped_column(Text)


class TeamSwitch(Base):
    """One pairing of the team switch: the player team presents the played team's goals and plan."""

    __tablename__ = "team_switch"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), default=new_uid, unique=True)
    player_team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"), index=True)
    played_team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"), index=True)
    prepare_minutes: Mapped[int] = mapped_column(Integer, default=20)
    present_minutes: Mapped[int] = mapped_column(Integer, default=10)
    position: Mapped[int] = mapped_column(Integer, default=0)


class SwitchItem(Base):
    """A goal or a plan step on one side of a team switch: as the player saw it, or the real one."""

    __tablename__ = "switch_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), default=new_uid, unique=True)
    switch_id: Mapped[int] = mapped_column(ForeignKey("team_switch.id", ondelete="CASCADE"), index=True)
    side: Mapped[str] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class EmpathyNote(Base):
    """What a team had not seen about the other, written after a team switch; one per team and pair."""

    __tablename__ = "empathy_note"
    __table_args__ = (UniqueConstraint("switch_id", "team_id", name="uq_empathy_note_switch_team"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), default=new_uid, unique=True)
    switch_id: Mapped[int] = mapped_column(ForeignKey("team_switch.id", ondelete="CASCADE"))
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text, default="")


class Candidate(Base):
    """A goal idea in the pool, with where it came from, its SMART check, impact and votes.

    ``origin_uid`` names the why-node, team goal, switch item or funnel it came from, without a
    foreign key: the origin may be removed later, and ``origin_label`` keeps the story.
    """

    __tablename__ = "candidate"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), default=new_uid, unique=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text, default="")
    exercise: Mapped[str] = mapped_column(String(16))
    origin_uid: Mapped[str | None] = mapped_column(String(36))
    origin_label: Mapped[str] = mapped_column(Text, default="")
    smart_specific: Mapped[bool | None] = mapped_column(Boolean)
    smart_specific_note: Mapped[str] = mapped_column(Text, default="")
    smart_measurable: Mapped[bool | None] = mapped_column(Boolean)
    smart_measurable_note: Mapped[str] = mapped_column(Text, default="")
    smart_achievable: Mapped[bool | None] = mapped_column(Boolean)
    smart_achievable_note: Mapped[str] = mapped_column(Text, default="")
    smart_realistic: Mapped[bool | None] = mapped_column(Boolean)
    smart_realistic_note: Mapped[str] = mapped_column(Text, default="")
    smart_timely: Mapped[bool | None] = mapped_column(Boolean)
    smart_timely_note: Mapped[str] = mapped_column(Text, default="")
    impact: Mapped[int | None] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer, default=0)
    #: On its team's shortlist (schema 6): kept by the facilitator, not derived from the votes again.
    shortlisted: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")


class DotVote(Base):
    """The dots one leader placed on one candidate."""

    __tablename__ = "dot_vote"

    leader_id: Mapped[int] = mapped_column(ForeignKey("leader.id", ondelete="CASCADE"), primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidate.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    dots: Mapped[int] = mapped_column(Integer)


# --- From buy-in to a signed plan (schema 3) -------------------------------------------------------


class ObjectiveOrigin(Base):
    """One objective an objective was merged from, kept so the merged one tells its story.

    ``origin_uid`` is the uid of the objective merged in, without a foreign key: that objective
    is gone once merged. ``label`` says whose it was (“Sales' “Go outbound””); the candidate
    columns keep where that objective itself came from.
    """

    __tablename__ = "objective_origin"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), default=new_uid, unique=True)
    objective_id: Mapped[int] = mapped_column(ForeignKey("objective.id", ondelete="CASCADE"), index=True)
    origin_uid: Mapped[str] = mapped_column(String(36))
    label: Mapped[str] = mapped_column(Text, default="")
    origin_candidate_uid: Mapped[str | None] = mapped_column(String(36))
    origin_label: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class Definition(Base):
    """A glossary entry both teams must mean the same thing by: “sales qualified lead” first."""

    __tablename__ = "definition"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), default=new_uid, unique=True)
    term: Mapped[str] = mapped_column(Text)
    definition: Mapped[str] = mapped_column(Text, default="")
    #: The owning team, whose leaders must agree; NULL: every leader must.
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class DefinitionStance(Base):
    """One entry in a definition's buy-in history, as StanceRecord is for an objective."""

    __tablename__ = "definition_stance"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), default=new_uid, unique=True)
    definition_id: Mapped[int] = mapped_column(ForeignKey("definition.id", ondelete="CASCADE"), index=True)
    leader_id: Mapped[int] = mapped_column(ForeignKey("leader.id", ondelete="CASCADE"), index=True)
    stance: Mapped[str] = mapped_column(String(24))
    comment: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Agreement(Base):
    """An agreement beyond goals (schema 9): a journey stage, a hand-off, a decision right, an
    incentive or a joint practice (``kind``), with the fields its kind uses
    (``offsite.domain.agreements.FIELDS``); the others stay blank. What it names (a team, a leader,
    a metric, a definition, an objective) is cleared if that goes, and named again by undo."""

    __tablename__ = "agreement"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('journey_stage', 'hand_off', 'decision_right', 'incentive', 'practice')",
            name="ck_agreement_kind",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), default=new_uid, unique=True)
    kind: Mapped[str] = mapped_column(String(24))
    title: Mapped[str] = mapped_column(Text, default="")
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"), info={CLEARED_ON_REMOVE: True})
    owner_id: Mapped[int | None] = owner_column()
    message: Mapped[str] = mapped_column(Text, default="")
    trigger: Mapped[str] = mapped_column(Text, default="")
    route: Mapped[str] = mapped_column(Text, default="")
    service_level: Mapped[str] = mapped_column(Text, default="")
    on_miss: Mapped[str] = mapped_column(Text, default="")
    consulted: Mapped[str] = mapped_column(Text, default="")
    why: Mapped[str] = mapped_column(Text, default="")
    reward: Mapped[str] = mapped_column(Text, default="")
    cadence: Mapped[str] = mapped_column(Text, default="")
    metric_id: Mapped[int | None] = mapped_column(ForeignKey("metric.id"), info={CLEARED_ON_REMOVE: True})
    definition_id: Mapped[int | None] = mapped_column(
        ForeignKey("definition.id"), info={CLEARED_ON_REMOVE: True}
    )
    objective_id: Mapped[int | None] = mapped_column(
        ForeignKey("objective.id"), info={CLEARED_ON_REMOVE: True}
    )
    position: Mapped[int] = mapped_column(Integer, default=0)


class AgreementStance(Base):
    """One entry in an agreement's buy-in history, as StanceRecord is for an objective."""

    __tablename__ = "agreement_stance"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), default=new_uid, unique=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreement.id", ondelete="CASCADE"), index=True)
    leader_id: Mapped[int] = mapped_column(ForeignKey("leader.id", ondelete="CASCADE"), index=True)
    stance: Mapped[str] = mapped_column(String(24))
    comment: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime)


class OverlapResolution(Base):
    """How the facilitator settled one overlap finding.

    ``key`` is "rule:uidA:uidB" (objective uids, smaller first), so a resolution survives
    export, import and merging; no foreign key: merging removes the objectives it names.
    """

    __tablename__ = "overlap_resolution"
    __table_args__ = (
        CheckConstraint("action IN ('merged', 'adjusted', 'kept')", name="ck_overlap_resolution_action"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), default=new_uid, unique=True)
    key: Mapped[str] = mapped_column(Text, unique=True)
    action: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
    resolved_at: Mapped[dt.datetime] = mapped_column(DateTime)
    merged_objective_uid: Mapped[str | None] = mapped_column(String(36))


# Sign-off: the only tables a signed (locked) plan still writes. See store/lock.py.


class PlanVersion(Base):
    """A frozen copy of the plan: the canonical JSON of its content and that JSON's SHA-256.

    While a version has no reopening the plan is locked: triggers refuse every change to its content.
    """

    __tablename__ = "plan_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), default=new_uid, unique=True)
    number: Mapped[int] = mapped_column(Integer, unique=True)
    frozen_at: Mapped[dt.datetime] = mapped_column(DateTime)
    frozen_by: Mapped[str] = mapped_column(Text, default="")
    content: Mapped[str] = mapped_column(Text)
    fingerprint: Mapped[str] = mapped_column(String(64))
    #: Why the facilitator froze a plan whose objectives were not all bought in; NULL when they were.
    override_reason: Mapped[str | None] = mapped_column(Text)


class Signature(Base):
    """A leader's signature on a version.

    The leader is kept by uid and name, not by foreign key: a signature on an old version must
    outlive the leader's removal after a re-opening (CASCADE would erase history; SET NULL could
    not be undone).
    """

    __tablename__ = "signature"
    __table_args__ = (UniqueConstraint("version_id", "leader_uid", name="uq_signature_version_leader"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), default=new_uid, unique=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("plan_version.id", ondelete="CASCADE"))
    leader_uid: Mapped[str] = mapped_column(String(36))
    leader_name: Mapped[str] = mapped_column(Text)
    initials: Mapped[str] = mapped_column(String(8))
    signed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    #: Who signed on the leader's behalf, and why (schema 6); both blank when the leader signed.
    signed_by: Mapped[str] = mapped_column(Text, default="", server_default="")
    behalf_reason: Mapped[str] = mapped_column(Text, default="", server_default="")


class SignatureWithdrawal(Base):
    """A signature taken back before every leader had signed the version (schema 6).

    The signature's row is deleted (so the leader may sign again) and copied here with the time
    it was withdrawn: the sign-off history keeps that it was given and taken back.
    """

    __tablename__ = "signature_withdrawal"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), default=new_uid, unique=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("plan_version.id", ondelete="CASCADE"), index=True)
    #: The uid of the signature withdrawn: undoing the withdrawal puts it back as it was.
    signature_uid: Mapped[str] = mapped_column(String(36))
    leader_uid: Mapped[str] = mapped_column(String(36))
    leader_name: Mapped[str] = mapped_column(Text)
    initials: Mapped[str] = mapped_column(String(8))
    signed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    signed_by: Mapped[str] = mapped_column(Text, default="")
    behalf_reason: Mapped[str] = mapped_column(Text, default="")
    withdrawn_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Reopening(Base):
    """Who re-opened a signed version for editing, when and why; at most one per version."""

    __tablename__ = "reopening"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), default=new_uid, unique=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("plan_version.id", ondelete="CASCADE"), unique=True)
    by: Mapped[str] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    reason: Mapped[str] = mapped_column(Text)


class SurveyRating(Base):
    """How aligned one leader says the teams are, from 1 to 5, beside the computed alignment index."""

    __tablename__ = "survey_rating"
    __table_args__ = (CheckConstraint("rating BETWEEN 1 AND 5", name="ck_survey_rating_range"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), default=new_uid, unique=True)
    leader_id: Mapped[int] = mapped_column(ForeignKey("leader.id", ondelete="CASCADE"), unique=True)
    rating: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")
    rated_at: Mapped[dt.datetime] = mapped_column(DateTime)


# --- In the room (schema 4) ------------------------------------------------------------------------


class ParkingItem(Base):
    """An off-topic item parked during the offsite, to be resolved or turned into a candidate.

    A process record, like the survey: a signed (locked) plan still takes it (see store/lock.py).
    ``candidate_uid`` names the candidate it became, without a foreign key: the candidate may be
    removed later, and the parking lot keeps the story.
    """

    __tablename__ = "parking_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), default=new_uid, unique=True)
    text: Mapped[str] = mapped_column(Text)
    raised_at: Mapped[dt.datetime] = mapped_column(DateTime)
    #: The screen it was captured on ("Ask why", "Sign-off"), blank when not known.
    raised_in: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    resolution: Mapped[str] = mapped_column(Text, default="")
    candidate_uid: Mapped[str | None] = mapped_column(String(36))


class AgendaItem(Base):
    """One item of the day's agenda: a title, a time box and the screen it uses.

    A process record (store/lock.py): a signed plan still takes agenda moves. ``view`` is a phase
    key ("plan") or a brainstorm tab ("brainstorm:Work back").
    """

    __tablename__ = "agenda_item"
    __table_args__ = (CheckConstraint("minutes >= 1", name="ck_agenda_item_minutes"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), default=new_uid, unique=True)
    title: Mapped[str] = mapped_column(Text)
    minutes: Mapped[int] = mapped_column(Integer)
    view: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)


class AgendaDay(Base):
    """The agenda's single day row: when it starts and which item is running since when."""

    __tablename__ = "agenda_day"

    id: Mapped[int] = mapped_column(primary_key=True)
    starts_at: Mapped[str] = mapped_column(Text, default="09:00", server_default="09:00")
    current_item_uid: Mapped[str | None] = mapped_column(String(36))
    item_started_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


# Drafting and merging: see migration 0005.


class Draft(Base):
    """The one row that makes a file a leader's draft; a plan has none.

    ``plan_uid`` names the plan the pack was exported from; NULL for a draft a leader started
    with nothing but the app, which may be merged into any plan.
    """

    __tablename__ = "draft"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), default=new_uid, unique=True)
    plan_uid: Mapped[str | None] = mapped_column(String(36))
    plan_title: Mapped[str] = mapped_column(Text)
    leader_uid: Mapped[str] = mapped_column(String(36))
    leader_name: Mapped[str] = mapped_column(Text)
    made_at: Mapped[dt.datetime] = mapped_column(DateTime)
    #: Rows the leader's edits have written since the draft was made (store.revision): a later
    #: copy of the draft has a higher revision than an earlier one.
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class DraftBase(Base):
    """An item's fingerprint as the plan had it when the draft pack was exported."""

    __tablename__ = "draft_base"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_key: Mapped[str] = mapped_column(Text, unique=True)
    fingerprint: Mapped[str] = mapped_column(String(64))


class MergeRecord(Base):
    """One item a merge brought into the plan (or settled): its origin and both sides' state then.

    ``action`` is a ``domain.drafting.Outcome``; a fingerprint is NULL for a side that had no such item.
    """

    __tablename__ = "merge_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), default=new_uid, unique=True)
    draft_uid: Mapped[str] = mapped_column(String(36), index=True)
    item_key: Mapped[str] = mapped_column(Text, index=True)
    section: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(Text)
    leader_uid: Mapped[str] = mapped_column(String(36))
    leader_name: Mapped[str] = mapped_column(Text)
    draft_name: Mapped[str] = mapped_column(Text)
    merged_at: Mapped[dt.datetime] = mapped_column(DateTime)
    draft_fingerprint: Mapped[str | None] = mapped_column(String(64))
    plan_fingerprint: Mapped[str | None] = mapped_column(String(64))
    #: The revision of the draft merged: a copy of a lower revision is an older copy.
    draft_revision: Mapped[int | None] = mapped_column(Integer)


# --- After the offsite: the review cadence (schema 8) --------------------------------------------------
# Process records (store/lock.py): a signed plan still takes them, and no fingerprint covers them.


class CheckIn(Base):
    """One reading of a metric: its actual value as of a day, with a confidence from 0 to 10.

    One per (metric, day, source): typing a day's actual again replaces it, and importing the same
    file twice finds every row already there. ``source`` is blank for a value typed in Offsite.
    """

    __tablename__ = "check_in"
    __table_args__ = (
        UniqueConstraint("metric_id", "as_of", "source", name="uq_check_in_metric_day_source"),
        CheckConstraint("confidence BETWEEN 0 AND 10", name="ck_check_in_confidence"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), default=new_uid, unique=True)
    metric_id: Mapped[int] = mapped_column(ForeignKey("metric.id", ondelete="CASCADE"))
    as_of: Mapped[dt.date] = mapped_column(Date)
    value: Mapped[float] = mapped_column(Float)
    confidence: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    leader_id: Mapped[int | None] = owner_column()
    by_name: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime)


class ImportMapping(Base):
    """How one source's files become check-ins; ``filters`` and ``aliases`` are JSON lists.

    An alias names its metric by uid, not by id: a metric removed since leaves an alias that
    matches nothing, rather than a mapping that cannot be read.
    """

    __tablename__ = "import_mapping"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), default=new_uid, unique=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    layout: Mapped[str] = mapped_column(Text, default="totals")
    metric_column: Mapped[str] = mapped_column(Text, default="")
    date_column: Mapped[str] = mapped_column(Text, default="")
    value_column: Mapped[str] = mapped_column(Text, default="")
    note_column: Mapped[str] = mapped_column(Text, default="")
    owner_column: Mapped[str] = mapped_column(Text, default="")
    metric_id: Mapped[int | None] = mapped_column(ForeignKey("metric.id"), info={CLEARED_ON_REMOVE: True})
    aggregate: Mapped[str] = mapped_column(Text, default="count")
    period: Mapped[str] = mapped_column(Text, default="day")
    cumulative: Mapped[bool] = mapped_column(Boolean, default=False)
    decimal: Mapped[str] = mapped_column(Text, default="auto")
    dates: Mapped[str] = mapped_column(Text, default="auto")
    filters: Mapped[str] = mapped_column(Text, default="[]")
    aliases: Mapped[str] = mapped_column(Text, default="[]")


class ObjectiveReview(Base):
    """An objective at a quarter's end: the leaders' score (NULL: its metrics' score stands) and retrospective."""

    __tablename__ = "objective_review"
    __table_args__ = (
        UniqueConstraint("objective_id", "period", name="uq_objective_review_quarter"),
        CheckConstraint("score BETWEEN 0 AND 1", name="ck_objective_review_score"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), default=new_uid, unique=True)
    objective_id: Mapped[int] = mapped_column(ForeignKey("objective.id", ondelete="CASCADE"))
    period: Mapped[str] = mapped_column(Text)
    score: Mapped[float | None] = mapped_column(Float)
    reason: Mapped[str] = mapped_column(Text, default="")
    worked: Mapped[str] = mapped_column(Text, default="")
    did_not_work: Mapped[str] = mapped_column(Text, default="")
    decision: Mapped[str] = mapped_column(Text, default="")
    reviewed_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Win(Base):
    """A win to celebrate, with the people to thank; ``objective_id`` is cleared if the objective goes."""

    __tablename__ = "win"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), default=new_uid, unique=True)
    on: Mapped[dt.date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text, default="")
    thanks: Mapped[str] = mapped_column(Text, default="")
    objective_id: Mapped[int | None] = mapped_column(
        ForeignKey("objective.id"), info={CLEARED_ON_REMOVE: True}
    )
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime)


class AlignmentReading(Base):
    """The alignment index when a quarter was closed, and the leaders' mean rating then."""

    __tablename__ = "alignment_reading"
    __table_args__ = (CheckConstraint("evidence BETWEEN 0 AND 100", name="ck_alignment_reading_evidence"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), default=new_uid, unique=True)
    period: Mapped[str] = mapped_column(Text, unique=True)
    evidence: Mapped[int] = mapped_column(Integer)
    self_rating: Mapped[float | None] = mapped_column(Float)
    taken_at: Mapped[dt.datetime] = mapped_column(DateTime)


class PreviousCycle(Base):
    """The one row linking a next-cycle plan to the plan it was started from; a first plan has none."""

    __tablename__ = "previous_cycle"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_uid: Mapped[str] = mapped_column(String(36))
    title: Mapped[str] = mapped_column(Text, default="")
    fingerprint: Mapped[str | None] = mapped_column(String(64))
    file_name: Mapped[str] = mapped_column(Text, default="")
    started_at: Mapped[dt.datetime] = mapped_column(DateTime)
