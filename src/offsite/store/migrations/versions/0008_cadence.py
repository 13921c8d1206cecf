"""After the offsite: check-ins, import mappings, quarter reviews, wins, alignment readings, the
previous cycle, and the funnel stage a metric counts.

Every new table is a process record (``offsite.store.lock.SIGNOFF_TABLES``): a signed plan still
takes check-ins and quarter-end reviews, and no fingerprint covers them, so tracking progress never
touches what the leaders signed. ``metric.funnel_stage`` is content; blank (every metric of an older
plan) is left out of a signed version's fingerprint (``offsite.store.document.data.LATER``). It is
added in place (ALTER TABLE … ADD COLUMN), so the lock's triggers on metric stay as they are.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

from offsite.store.lock import lock_statements
from offsite.store.migrate import stamp_format

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def _uid() -> sa.Column[str]:
    return sa.Column("uid", sa.String(36), nullable=False, unique=True)


def _text(name: str) -> sa.Column[str]:
    return sa.Column(name, sa.Text, nullable=False)


def upgrade() -> None:
    op.add_column("metric", sa.Column("funnel_stage", sa.Text, nullable=False, server_default=""))
    op.create_table(
        "check_in",
        sa.Column("id", sa.Integer, primary_key=True),
        _uid(),
        sa.Column("metric_id", sa.Integer, sa.ForeignKey("metric.id", ondelete="CASCADE"), nullable=False),
        sa.Column("as_of", sa.Date, nullable=False),
        sa.Column("value", sa.Float, nullable=False),
        sa.Column("confidence", sa.Integer),
        _text("note"),
        sa.Column("leader_id", sa.Integer, sa.ForeignKey("leader.id")),
        _text("by_name"),
        _text("source"),
        sa.Column("recorded_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("metric_id", "as_of", "source", name="uq_check_in_metric_day_source"),
        sa.CheckConstraint("confidence BETWEEN 0 AND 10", name="ck_check_in_confidence"),
    )
    op.create_table(
        "import_mapping",
        sa.Column("id", sa.Integer, primary_key=True),
        _uid(),
        sa.Column("name", sa.Text, nullable=False, unique=True),
        *(
            _text(name)
            for name in (
                "layout",
                "metric_column",
                "date_column",
                "value_column",
                "note_column",
                "owner_column",
            )
        ),
        sa.Column("metric_id", sa.Integer, sa.ForeignKey("metric.id")),
        *(_text(name) for name in ("aggregate", "period")),
        sa.Column("cumulative", sa.Boolean, nullable=False),
        *(_text(name) for name in ("decimal", "dates", "filters", "aliases")),
    )
    op.create_table(
        "objective_review",
        sa.Column("id", sa.Integer, primary_key=True),
        _uid(),
        sa.Column(
            "objective_id", sa.Integer, sa.ForeignKey("objective.id", ondelete="CASCADE"), nullable=False
        ),
        _text("period"),
        sa.Column("score", sa.Float),
        *(_text(name) for name in ("reason", "worked", "did_not_work", "decision")),
        sa.Column("reviewed_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("objective_id", "period", name="uq_objective_review_quarter"),
        sa.CheckConstraint("score BETWEEN 0 AND 1", name="ck_objective_review_score"),
    )
    op.create_table(
        "win",
        sa.Column("id", sa.Integer, primary_key=True),
        _uid(),
        sa.Column("on", sa.Date, nullable=False),
        _text("text"),
        _text("thanks"),
        sa.Column("objective_id", sa.Integer, sa.ForeignKey("objective.id")),
        sa.Column("recorded_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "alignment_reading",
        sa.Column("id", sa.Integer, primary_key=True),
        _uid(),
        sa.Column("period", sa.Text, nullable=False, unique=True),
        sa.Column("evidence", sa.Integer, nullable=False),
        sa.Column("self_rating", sa.Float),
        sa.Column("taken_at", sa.DateTime, nullable=False),
        sa.CheckConstraint("evidence BETWEEN 0 AND 100", name="ck_alignment_reading_evidence"),
    )
    op.create_table(
        "previous_cycle",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("plan_uid", sa.String(36), nullable=False),
        _text("title"),
        sa.Column("fingerprint", sa.String(64)),
        _text("file_name"),
        sa.Column("started_at", sa.DateTime, nullable=False),
    )
    for statement in stamp_format(8, op.get_bind().dialect.name):
        op.execute(statement)


def downgrade() -> None:
    for table in (
        "previous_cycle",
        "alignment_reading",
        "win",
        "objective_review",
        "import_mapping",
        "check_in",
    ):
        op.drop_table(table)
    # Batch mode rebuilds the table and drops its triggers with it: metric gets its lock back.
    with op.batch_alter_table("metric") as batch:
        batch.drop_column("funnel_stage")
    for statement in lock_statements("metric", op.get_bind().dialect.name):
        op.execute(statement)
    for statement in stamp_format(7, op.get_bind().dialect.name):
        op.execute(statement)
