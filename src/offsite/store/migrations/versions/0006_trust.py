"""Trust in the room: the initials each leader signs with, signing on behalf, withdrawn signatures,
and the shortlist kept in the plan.

``leader.initials`` holds the initials a leader signs with; blank (every leader of an older plan)
stands for the initials of their name. ``signature.signed_by`` and ``behalf_reason`` say who signed
on a leader's behalf and why; blank for a leader's own signature. ``signature_withdrawal`` keeps a
signature taken back before the version was complete; like the signatures it is part of the
sign-off record, which a signed plan still writes. ``candidate.shortlisted`` marks the candidates
each team keeps: the shortlist was derived from the votes on screen, and is now what the
facilitator recorded (an older plan's is empty until they keep one).

Columns are added in place (ALTER TABLE … ADD COLUMN), so the lock's triggers on leader and
candidate stay as they are. None of it changes the fingerprint of a version signed before:
see ``offsite.domain.fingerprint.without_later_defaults``.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

from offsite.store.lock import lock_statements
from offsite.store.migrate import stamp_format

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("leader", sa.Column("initials", sa.Text, nullable=False, server_default=""))
    op.add_column("candidate", sa.Column("shortlisted", sa.Boolean, nullable=False, server_default="0"))
    op.add_column("signature", sa.Column("signed_by", sa.Text, nullable=False, server_default=""))
    op.add_column("signature", sa.Column("behalf_reason", sa.Text, nullable=False, server_default=""))
    op.create_table(
        "signature_withdrawal",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uid", sa.String(36), nullable=False, unique=True),
        sa.Column(
            "version_id",
            sa.Integer,
            sa.ForeignKey("plan_version.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("signature_uid", sa.String(36), nullable=False),
        sa.Column("leader_uid", sa.String(36), nullable=False),
        sa.Column("leader_name", sa.Text, nullable=False),
        sa.Column("initials", sa.String(8), nullable=False),
        sa.Column("signed_at", sa.DateTime, nullable=False),
        sa.Column("signed_by", sa.Text, nullable=False, server_default=""),
        sa.Column("behalf_reason", sa.Text, nullable=False, server_default=""),
        sa.Column("withdrawn_at", sa.DateTime, nullable=False),
    )
    for statement in stamp_format(6, op.get_bind().dialect.name):
        op.execute(statement)


def downgrade() -> None:
    op.drop_table("signature_withdrawal")
    with op.batch_alter_table("signature") as batch:
        batch.drop_column("behalf_reason")
        batch.drop_column("signed_by")
    # Batch mode rebuilds a table and drops its triggers with it: content tables get theirs back.
    for table, column in (("leader", "initials"), ("candidate", "shortlisted")):
        with op.batch_alter_table(table) as batch:
            batch.drop_column(column)
        for statement in lock_statements(table, op.get_bind().dialect.name):
            op.execute(statement)
    for statement in stamp_format(5, op.get_bind().dialect.name):
        op.execute(statement)
