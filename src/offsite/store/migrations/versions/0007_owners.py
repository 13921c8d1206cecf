"""Owners: the leader who answers for each objective, for its method and for each metric.

``objective.owner_id``, ``objective.method_owner_id`` and ``metric.owner_id`` name a leader of the
plan, or nobody (every objective and metric of an older plan). Removing a leader clears what they
owned in the same step, and undoing the removal gives it back (``services.changes.remove``).

Columns are added in place (ALTER TABLE … ADD COLUMN … REFERENCES), so the lock's triggers on
objective and metric stay as they are. None of it changes the fingerprint of a version signed
before: a field added later is left out of the signed content while it holds its default
(``offsite.store.document.data.LATER``).

Revision ID: 0007
Revises: 0006
"""

from alembic import op

from offsite.store.lock import lock_statements
from offsite.store.migrate import stamp_format

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

#: (table, column) of every owner; SQLite adds a column with a reference only when written out.
OWNERS = (("objective", "owner_id"), ("objective", "method_owner_id"), ("metric", "owner_id"))


def upgrade() -> None:
    for table, column in OWNERS:
        op.execute(f"ALTER TABLE {table} ADD COLUMN {column} INTEGER REFERENCES leader (id)")
    for statement in stamp_format(7, op.get_bind().dialect.name):
        op.execute(statement)


def downgrade() -> None:
    # Batch mode rebuilds a table and drops its triggers with it: content tables get theirs back.
    for table in ("objective", "metric"):
        with op.batch_alter_table(table) as batch:
            for owned, column in OWNERS:
                if owned == table:
                    batch.drop_column(column)
        for statement in lock_statements(table, op.get_bind().dialect.name):
            op.execute(statement)
    for statement in stamp_format(6, op.get_bind().dialect.name):
        op.execute(statement)
