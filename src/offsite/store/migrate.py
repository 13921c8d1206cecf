"""Alembic migrations, run programmatically on a plan file's engine."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

from offsite.store.fileformat import APPLICATION_ID

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the file to ``revision`` in one transaction (SQLite DDL is transactional)."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def stamp_format(schema_version: int) -> list[str]:
    """The statements each revision ends with, so the header tells the schema before opening."""
    return [f"PRAGMA application_id = {APPLICATION_ID}", f"PRAGMA user_version = {schema_version}"]
