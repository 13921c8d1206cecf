"""Alembic migrations, run programmatically on a plan file's engine."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine

from offsite.store.fileformat import APPLICATION_ID

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the file to ``revision`` in one transaction (SQLite DDL is transactional)."""
    with engine.begin() as connection:
        upgrade_connection(connection, revision)


def upgrade_connection(connection: Connection, revision: str = "head") -> None:
    """Bring the database behind ``connection`` to ``revision``, a SQLite file or a room's PostgreSQL.

    Inside the caller's transaction when it has begun one (both dialects' DDL is transactional).
    """
    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


def stamp_format(schema_version: int, dialect: str) -> list[str]:
    """The statements each revision ends with, so the header tells the schema before opening.

    Only a SQLite file has a header; on PostgreSQL (a room's plan) ``alembic_version`` alone
    says the format, so there is nothing to stamp.
    """
    if dialect != "sqlite":
        return []
    return [f"PRAGMA application_id = {APPLICATION_ID}", f"PRAGMA user_version = {schema_version}"]
