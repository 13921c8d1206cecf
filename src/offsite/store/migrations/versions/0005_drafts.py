"""Drafting alone, merging in the room: what marks a file as a draft, and where merged items came from.

``draft`` holds one row in a draft file (none in a plan): whose draft it is, of which plan, and its
revision: how many rows the leader's edits have written (store.revision keeps it, by triggers),
so that an older copy of a draft is told from a later one.
``draft_base`` holds, in a draft made from a plan, each item's fingerprint as the plan had it
when the pack was exported: the common ancestor a merge compares both sides with.
``merge_record`` holds, in a plan, one row for each item a merge brought or settled: the
leader, the draft and the time (the item's origin), and both sides' fingerprints at that moment
(the next merge's common ancestor), and the revision of the draft merged. All three are content:
a signed plan locks them.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

from offsite.store.lock import lock_statements
from offsite.store.migrate import stamp_format

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TABLES = ("draft", "draft_base", "merge_record")


def upgrade() -> None:
    op.create_table(
        "draft",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uid", sa.String(36), nullable=False, unique=True),
        sa.Column("plan_uid", sa.String(36)),
        sa.Column("plan_title", sa.Text, nullable=False),
        sa.Column("leader_uid", sa.String(36), nullable=False),
        sa.Column("leader_name", sa.Text, nullable=False),
        sa.Column("made_at", sa.DateTime, nullable=False),
        sa.Column("revision", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_table(
        "draft_base",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("item_key", sa.Text, nullable=False, unique=True),
        sa.Column("fingerprint", sa.String(64), nullable=False),
    )
    op.create_table(
        "merge_record",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uid", sa.String(36), nullable=False, unique=True),
        sa.Column("draft_uid", sa.String(36), nullable=False, index=True),
        sa.Column("item_key", sa.Text, nullable=False, index=True),
        sa.Column("section", sa.Text, nullable=False),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("leader_uid", sa.String(36), nullable=False),
        sa.Column("leader_name", sa.Text, nullable=False),
        sa.Column("draft_name", sa.Text, nullable=False),
        sa.Column("merged_at", sa.DateTime, nullable=False),
        sa.Column("draft_fingerprint", sa.String(64)),
        sa.Column("plan_fingerprint", sa.String(64)),
        sa.Column("draft_revision", sa.Integer),
    )
    for table in TABLES:
        for statement in lock_statements(table, op.get_bind().dialect.name):
            op.execute(statement)
    for statement in stamp_format(5, op.get_bind().dialect.name):
        op.execute(statement)


def downgrade() -> None:
    for table in reversed(TABLES):
        op.drop_table(table)
    for statement in stamp_format(4, op.get_bind().dialect.name):
        op.execute(statement)
