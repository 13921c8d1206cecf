"""The first plan schema: plan, teams, leaders, company goals, objectives, metrics, buy-in.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from offsite.store.migrate import stamp_format

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _uid() -> sa.Column[str]:
    return sa.Column("uid", sa.String(36), nullable=False, unique=True)


def upgrade() -> None:
    op.create_table(
        "plan",
        sa.Column("id", sa.Integer, primary_key=True),
        _uid(),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("starts_on", sa.Date),
        sa.Column("ends_on", sa.Date),
        sa.Column("venue", sa.Text, nullable=False),
        sa.Column("horizon", sa.Text, nullable=False),
        sa.Column("vision", sa.Text, nullable=False),
    )
    op.create_table(
        "team",
        sa.Column("id", sa.Integer, primary_key=True),
        _uid(),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
    )
    op.create_table(
        "leader",
        sa.Column("id", sa.Integer, primary_key=True),
        _uid(),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("team_id", sa.Integer, sa.ForeignKey("team.id", ondelete="RESTRICT"), index=True),
        sa.Column("position", sa.Integer, nullable=False),
    )
    op.create_table(
        "company_goal",
        sa.Column("id", sa.Integer, primary_key=True),
        _uid(),
        sa.Column("statement", sa.Text, nullable=False),
        sa.Column("baseline", sa.Float),
        sa.Column("target", sa.Float),
        sa.Column("unit", sa.Text, nullable=False),
        sa.Column("due", sa.Date),
        sa.Column("position", sa.Integer, nullable=False),
    )
    op.create_table(
        "objective",
        sa.Column("id", sa.Integer, primary_key=True),
        _uid(),
        sa.Column("statement", sa.Text, nullable=False),
        sa.Column("period", sa.Text, nullable=False),
        sa.Column("method", sa.Text, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
    )
    op.create_table(
        "objective_team",
        sa.Column(
            "objective_id", sa.Integer, sa.ForeignKey("objective.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column(
            "team_id", sa.Integer, sa.ForeignKey("team.id", ondelete="CASCADE"), primary_key=True, index=True
        ),
    )
    op.create_table(
        "objective_goal",
        sa.Column(
            "objective_id", sa.Integer, sa.ForeignKey("objective.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column(
            "goal_id",
            sa.Integer,
            sa.ForeignKey("company_goal.id", ondelete="CASCADE"),
            primary_key=True,
            index=True,
        ),
    )
    op.create_table(
        "metric",
        sa.Column("id", sa.Integer, primary_key=True),
        _uid(),
        sa.Column(
            "objective_id",
            sa.Integer,
            sa.ForeignKey("objective.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("unit", sa.Text, nullable=False),
        sa.Column("baseline", sa.Float),
        sa.Column("target", sa.Float),
        sa.Column("direction", sa.String(8), nullable=False),
        sa.Column("due", sa.Date),
        sa.Column("data_source", sa.Text, nullable=False),
        sa.Column("customer_centric", sa.Boolean, nullable=False),
        sa.Column("shared", sa.Boolean, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
    )
    op.create_table(
        "stance_record",
        sa.Column("id", sa.Integer, primary_key=True),
        _uid(),
        sa.Column(
            "objective_id",
            sa.Integer,
            sa.ForeignKey("objective.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column(
            "leader_id",
            sa.Integer,
            sa.ForeignKey("leader.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("stance", sa.String(24), nullable=False),
        sa.Column("comment", sa.Text, nullable=False),
        sa.Column("recorded_at", sa.DateTime, nullable=False),
    )
    for statement in stamp_format(1, op.get_bind().dialect.name):
        op.execute(statement)


def downgrade() -> None:
    for table in (
        "stance_record",
        "metric",
        "objective_goal",
        "objective_team",
        "objective",
        "company_goal",
        "leader",
        "team",
        "plan",
    ):
        op.drop_table(table)
