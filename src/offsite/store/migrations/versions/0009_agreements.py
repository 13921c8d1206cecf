"""The agreements beyond goals: journey stages, hand-offs, decision rights, incentives and joint
practices, each with its buy-in; and the business model the leaders chose, with why.

Both new tables are content (``offsite.store.lock``): a signed plan's agreements are frozen with its
objectives and covered by its fingerprint. An older plan has none, and an empty list (and a blank
business model) is left out of a signed version's fingerprint (``offsite.store.document.data.LATER``),
so every plan signed before still verifies. The plan's two new columns are added in place
(ALTER TABLE … ADD COLUMN), so the lock's triggers on plan stay as they are.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

from offsite.store.lock import lock_statements
from offsite.store.migrate import stamp_format

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_TEXTS = (
    "title",
    "message",
    "trigger",
    "route",
    "service_level",
    "on_miss",
    "consulted",
    "why",
    "reward",
    "cadence",
)


def upgrade() -> None:
    op.add_column("plan", sa.Column("business_model", sa.Text, nullable=False, server_default=""))
    op.add_column("plan", sa.Column("business_model_why", sa.Text, nullable=False, server_default=""))
    op.create_table(
        "agreement",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uid", sa.String(36), nullable=False, unique=True),
        sa.Column("kind", sa.String(24), nullable=False),
        *(sa.Column(name, sa.Text, nullable=False) for name in _TEXTS[:1]),
        sa.Column("team_id", sa.Integer, sa.ForeignKey("team.id")),
        sa.Column("owner_id", sa.Integer, sa.ForeignKey("leader.id")),
        *(sa.Column(name, sa.Text, nullable=False) for name in _TEXTS[1:]),
        sa.Column("metric_id", sa.Integer, sa.ForeignKey("metric.id")),
        sa.Column("definition_id", sa.Integer, sa.ForeignKey("definition.id")),
        sa.Column("objective_id", sa.Integer, sa.ForeignKey("objective.id")),
        sa.Column("position", sa.Integer, nullable=False),
        sa.CheckConstraint(
            "kind IN ('journey_stage', 'hand_off', 'decision_right', 'incentive', 'practice')",
            name="ck_agreement_kind",
        ),
    )
    op.create_table(
        "agreement_stance",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uid", sa.String(36), nullable=False, unique=True),
        sa.Column(
            "agreement_id", sa.Integer, sa.ForeignKey("agreement.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("leader_id", sa.Integer, sa.ForeignKey("leader.id", ondelete="CASCADE"), nullable=False),
        sa.Column("stance", sa.String(24), nullable=False),
        sa.Column("comment", sa.Text, nullable=False),
        sa.Column("recorded_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_agreement_stance_agreement_id", "agreement_stance", ["agreement_id"])
    op.create_index("ix_agreement_stance_leader_id", "agreement_stance", ["leader_id"])
    for table in ("agreement", "agreement_stance"):
        for statement in lock_statements(table, op.get_bind().dialect.name):
            op.execute(statement)
    for statement in stamp_format(9, op.get_bind().dialect.name):
        op.execute(statement)


def downgrade() -> None:
    op.drop_table("agreement_stance")
    op.drop_table("agreement")
    # Batch mode rebuilds the table and drops its triggers with it: plan gets its lock back.
    with op.batch_alter_table("plan") as batch:
        batch.drop_column("business_model_why")
        batch.drop_column("business_model")
    for statement in lock_statements("plan", op.get_bind().dialect.name):
        op.execute(statement)
    for statement in stamp_format(8, op.get_bind().dialect.name):
        op.execute(statement)
