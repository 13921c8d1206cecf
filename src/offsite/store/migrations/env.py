"""Alembic environment: always given a live connection by offsite.store.migrate."""

from alembic import context

from offsite.store.models import Base

connection = context.config.attributes["connection"]
# Batch mode is SQLite's way to alter a table; PostgreSQL alters in place (a room's plan).
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
