"""From buy-in to a signed plan: merged objectives' origins, definitions and their buy-in, overlap
resolutions, frozen versions with signatures and reopenings, the alignment survey, and the lock.

The lock is a set of triggers on every content table (see offsite.store.lock); the list is read
from the file's own tables once the new ones exist, so no table of schema 3 is forgotten.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

from offsite.store.lock import content_tables, lock_statements, unlock_statements
from offsite.store.migrate import stamp_format

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer, primary_key=True)


def _uid() -> sa.Column[str]:
    return sa.Column("uid", sa.String(36), nullable=False, unique=True)


def _ref(
    name: str, target: str, *, nullable: bool = False, index: bool = True, unique: bool = False
) -> sa.Column[int]:
    return sa.Column(
        name,
        sa.Integer,
        sa.ForeignKey(target, ondelete="CASCADE"),
        nullable=nullable,
        index=index or None,
        unique=unique or None,
    )


_NEW_TABLES = (
    "survey_rating",
    "reopening",
    "signature",
    "plan_version",
    "overlap_resolution",
    "definition_stance",
    "definition",
    "objective_origin",
)


def upgrade() -> None:
    op.create_table(
        "objective_origin",
        _id(),
        _uid(),
        _ref("objective_id", "objective.id"),
        sa.Column("origin_uid", sa.String(36), nullable=False),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("origin_candidate_uid", sa.String(36)),
        sa.Column("origin_label", sa.Text, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
    )
    op.create_table(
        "definition",
        _id(),
        _uid(),
        sa.Column("term", sa.Text, nullable=False),
        sa.Column("definition", sa.Text, nullable=False),
        _ref("team_id", "team.id", nullable=True),
        sa.Column("position", sa.Integer, nullable=False),
    )
    op.create_table(
        "definition_stance",
        _id(),
        _uid(),
        _ref("definition_id", "definition.id"),
        _ref("leader_id", "leader.id"),
        sa.Column("stance", sa.String(24), nullable=False),
        sa.Column("comment", sa.Text, nullable=False),
        sa.Column("recorded_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "overlap_resolution",
        _id(),
        _uid(),
        sa.Column("key", sa.Text, nullable=False, unique=True),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("resolved_at", sa.DateTime, nullable=False),
        sa.Column("merged_objective_uid", sa.String(36)),
        sa.CheckConstraint("action IN ('merged', 'adjusted', 'kept')", name="ck_overlap_resolution_action"),
    )
    op.create_table(
        "plan_version",
        _id(),
        _uid(),
        sa.Column("number", sa.Integer, nullable=False, unique=True),
        sa.Column("frozen_at", sa.DateTime, nullable=False),
        sa.Column("frozen_by", sa.Text, nullable=False),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("override_reason", sa.Text),
    )
    op.create_table(
        "signature",
        _id(),
        _uid(),
        _ref("version_id", "plan_version.id", index=False),
        sa.Column("leader_uid", sa.String(36), nullable=False),
        sa.Column("leader_name", sa.Text, nullable=False),
        sa.Column("initials", sa.String(8), nullable=False),
        sa.Column("signed_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("version_id", "leader_uid", name="uq_signature_version_leader"),
    )
    op.create_table(
        "reopening",
        _id(),
        _uid(),
        _ref("version_id", "plan_version.id", index=False, unique=True),
        sa.Column("by", sa.Text, nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
    )
    op.create_table(
        "survey_rating",
        _id(),
        _uid(),
        _ref("leader_id", "leader.id", index=False, unique=True),
        sa.Column("rating", sa.Integer, nullable=False),
        sa.Column("comment", sa.Text, nullable=False),
        sa.Column("rated_at", sa.DateTime, nullable=False),
        sa.CheckConstraint("rating BETWEEN 1 AND 5", name="ck_survey_rating_range"),
    )
    # Every table the file now holds, not a list typed here: none of schema 3 can be left unlocked.
    for table in content_tables(sa.inspect(op.get_bind()).get_table_names()):
        for statement in lock_statements(table, op.get_bind().dialect.name):
            op.execute(statement)
    for statement in stamp_format(3, op.get_bind().dialect.name):
        op.execute(statement)


def downgrade() -> None:
    for table in content_tables(sa.inspect(op.get_bind()).get_table_names()):
        for statement in unlock_statements(table, op.get_bind().dialect.name):
            op.execute(statement)
    for table in _NEW_TABLES:
        op.drop_table(table)
    for statement in stamp_format(2, op.get_bind().dialect.name):
        op.execute(statement)
