"""Alembic environment: always given a live connection by offsite.store.migrate."""

from alembic import context

from offsite.store.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
