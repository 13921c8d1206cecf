"""The registry of a plan's tables is the one list: it holds every table, each after those it names."""

from __future__ import annotations

from pathlib import Path

from offsite.exchange.demo import write_demo_plan
from offsite.store.document.registry import KIND_MODELS, PLAN_MODELS, plan_table_names
from offsite.store.models import Base


def test_the_registry_lists_every_table_of_a_plan_file_once(tmp_path: Path) -> None:
    path = tmp_path / "demo.offsite"
    plan = write_demo_plan(path)
    try:
        with plan.read() as session:
            names = {
                row[0]
                for row in session.connection().exec_driver_sql(
                    "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                )
            }
    finally:
        plan.close()
    assert sorted(plan_table_names()) == sorted(names - {"alembic_version"})
    assert len(set(plan_table_names())) == len(PLAN_MODELS)


def test_each_table_comes_after_the_tables_it_refers_to() -> None:
    order = plan_table_names()
    for model in PLAN_MODELS:
        for key in Base.metadata.tables[model.__tablename__].foreign_keys:
            named = key.column.table.name
            assert named == model.__tablename__ or order.index(named) < order.index(model.__tablename__), (
                f"{model.__tablename__} refers to {named}, which the registry lists after it"
            )


def test_every_table_edited_by_kind_is_a_table_of_the_plan() -> None:
    assert set(KIND_MODELS.values()) <= set(PLAN_MODELS)
