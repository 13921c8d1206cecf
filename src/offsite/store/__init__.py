"""The plan file: SQLite through SQLAlchemy, opened, validated, migrated and copied safely."""

from offsite.store.planfile import PlanFile, create_plan_file, open_plan_file

__all__ = ["PlanFile", "create_plan_file", "open_plan_file"]
