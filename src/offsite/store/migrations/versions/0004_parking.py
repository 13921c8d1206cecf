"""In the room: the parking lot.

``parking_item`` is a process record a signed plan still accepts (store.lock.SIGNOFF_TABLES),
so it gets no lock triggers; no existing table is rebuilt, so every other table keeps its own.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

from offsite.store.migrate import stamp_format

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "parking_item",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uid", sa.String(36), nullable=False, unique=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("raised_at", sa.DateTime, nullable=False),
        sa.Column("raised_in", sa.Text, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("resolved_at", sa.DateTime),
        sa.Column("resolution", sa.Text, nullable=False),
        sa.Column("candidate_uid", sa.String(36)),
    )
    _create_agenda()
    for statement in stamp_format(4, op.get_bind().dialect.name):
        op.execute(statement)


def _create_agenda() -> None:
    """The agenda of the day: process records too (store.lock.SIGNOFF_TABLES), no lock triggers."""
    op.create_table(
        "agenda_item",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uid", sa.String(36), nullable=False, unique=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("minutes", sa.Integer, nullable=False),
        sa.Column("view", sa.Text, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.CheckConstraint("minutes >= 1", name="ck_agenda_item_minutes"),
    )
    op.create_table(
        "agenda_day",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("starts_at", sa.Text, nullable=False, server_default="09:00"),
        sa.Column("current_item_uid", sa.String(36)),
        sa.Column("item_started_at", sa.DateTime),
    )


def downgrade() -> None:
    op.drop_table("agenda_day")
    op.drop_table("agenda_item")
    op.drop_table("parking_item")
    for statement in stamp_format(3, op.get_bind().dialect.name):
        op.execute(statement)
