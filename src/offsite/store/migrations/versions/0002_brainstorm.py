"""The brainstorm: ask-why chains and themes, work-back goals and funnels, team switches, candidates, votes.

Also the plan's vote settings (dot budget, shortlist size) and each objective's origin.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

from offsite.store.migrate import stamp_format

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer, primary_key=True)


def _uid() -> sa.Column[str]:
    return sa.Column("uid", sa.String(36), nullable=False, unique=True)


def _position() -> sa.Column[int]:
    return sa.Column("position", sa.Integer, nullable=False)


def _ref(
    name: str,
    target: str,
    *,
    nullable: bool = False,
    index: bool = True,
    unique: bool = False,
    primary_key: bool = False,
) -> sa.Column[int]:
    return sa.Column(
        name,
        sa.Integer,
        sa.ForeignKey(target, ondelete="CASCADE"),
        nullable=nullable,
        index=index or None,
        unique=unique or None,
        primary_key=primary_key,
    )


def upgrade() -> None:
    with op.batch_alter_table("plan") as batch:
        batch.add_column(sa.Column("dot_budget", sa.Integer, nullable=False, server_default="3"))
        batch.add_column(sa.Column("top_n", sa.Integer, nullable=False, server_default="3"))
    with op.batch_alter_table("objective") as batch:
        batch.add_column(sa.Column("origin_candidate_uid", sa.String(36)))
        batch.add_column(sa.Column("origin_label", sa.Text, nullable=False, server_default=""))

    op.create_table(
        "why_node",
        _id(),
        _uid(),
        _ref("team_id", "team.id"),
        _ref("parent_id", "why_node.id", nullable=True),
        sa.Column("text", sa.Text, nullable=False),
        _position(),
    )
    op.create_table(
        "theme",
        _id(),
        _uid(),
        sa.Column("name", sa.Text, nullable=False),
        _position(),
    )
    op.create_table(
        "theme_link",
        _ref("theme_id", "theme.id", index=False, primary_key=True),
        _ref("node_id", "why_node.id", primary_key=True),
    )
    op.create_table(
        "dismissed_suggestion",
        _id(),
        _uid(),
        sa.Column("first_uid", sa.String(36), nullable=False),
        sa.Column("second_uid", sa.String(36), nullable=False),
        sa.UniqueConstraint("first_uid", "second_uid", name="uq_dismissed_suggestion_pair"),
    )
    op.create_table(
        "team_goal",
        _id(),
        _uid(),
        _ref("company_goal_id", "company_goal.id"),
        _ref("parent_id", "team_goal.id", nullable=True),
        _ref("team_id", "team.id", nullable=True),
        sa.Column("statement", sa.Text, nullable=False),
        sa.Column("target", sa.Float),
        sa.Column("unit", sa.Text, nullable=False),
        _position(),
    )
    op.create_table(
        "funnel",
        _id(),
        _uid(),
        _ref("company_goal_id", "company_goal.id", index=False, unique=True),
        sa.Column("revenue_target", sa.Float),
        sa.Column("average_deal_size", sa.Float),
        sa.Column("win_rate", sa.Float),
        sa.Column("sql_to_opportunity", sa.Float),
        sa.Column("mql_to_sql", sa.Float),
        sa.Column("lead_to_mql", sa.Float),
        sa.Column("quarters", sa.Text, nullable=False),
        sa.Column("weights", sa.Text),
    )
    op.create_table(
        "team_switch",
        _id(),
        _uid(),
        _ref("player_team_id", "team.id"),
        _ref("played_team_id", "team.id"),
        sa.Column("prepare_minutes", sa.Integer, nullable=False),
        sa.Column("present_minutes", sa.Integer, nullable=False),
        _position(),
    )
    op.create_table(
        "switch_item",
        _id(),
        _uid(),
        _ref("switch_id", "team_switch.id"),
        sa.Column("side", sa.String(8), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        _position(),
    )
    op.create_table(
        "empathy_note",
        _id(),
        _uid(),
        _ref("switch_id", "team_switch.id", index=False),
        _ref("team_id", "team.id"),
        sa.Column("text", sa.Text, nullable=False),
        sa.UniqueConstraint("switch_id", "team_id", name="uq_empathy_note_switch_team"),
    )
    smart: list[sa.Column[bool] | sa.Column[str]] = []
    for criterion in ("specific", "measurable", "achievable", "realistic", "timely"):
        smart += [
            sa.Column(f"smart_{criterion}", sa.Boolean),
            sa.Column(f"smart_{criterion}_note", sa.Text, nullable=False),
        ]
    op.create_table(
        "candidate",
        _id(),
        _uid(),
        _ref("team_id", "team.id", nullable=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("exercise", sa.String(16), nullable=False),
        sa.Column("origin_uid", sa.String(36)),
        sa.Column("origin_label", sa.Text, nullable=False),
        *smart,
        sa.Column("impact", sa.Integer),
        _position(),
    )
    op.create_table(
        "dot_vote",
        _ref("leader_id", "leader.id", index=False, primary_key=True),
        _ref("candidate_id", "candidate.id", primary_key=True),
        sa.Column("dots", sa.Integer, nullable=False),
    )
    for statement in stamp_format(2, op.get_bind().dialect.name):
        op.execute(statement)


def downgrade() -> None:
    for table in (
        "dot_vote",
        "candidate",
        "empathy_note",
        "switch_item",
        "team_switch",
        "funnel",
        "team_goal",
        "dismissed_suggestion",
        "theme_link",
        "theme",
        "why_node",
    ):
        op.drop_table(table)
    with op.batch_alter_table("objective") as batch:
        batch.drop_column("origin_label")
        batch.drop_column("origin_candidate_uid")
    with op.batch_alter_table("plan") as batch:
        batch.drop_column("top_n")
        batch.drop_column("dot_budget")
    for statement in stamp_format(1, op.get_bind().dialect.name):
        op.execute(statement)
