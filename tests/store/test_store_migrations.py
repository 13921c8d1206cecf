"""Every schema a released Offsite wrote still opens, and the migrations build exactly the models.

``tests/store/schemas/plan-v<N>.offsite`` is a small plan written by the Offsite that wrote
schema N. When the schema changes, run ``python tests/store/test_store_migrations.py`` with the
new code to add the next file (older ones stay, forever).
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import struct
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from offsite.domain.values import Direction, Stance
from offsite.services.buyin import record_stance
from offsite.services.objectives import add_metric, add_objective
from offsite.services.plans import check_plan, create_plan, read_plan
from offsite.services.prepare import add_company_goal, add_leader, add_team, update_plan_details
from offsite.store import PlanFile, open_plan_file
from offsite.store.fileformat import SCHEMA_VERSION
from offsite.store.migrate import alembic_config
from offsite.store.models import Base

SCHEMAS = Path(__file__).with_name("schemas")
FIXTURES = sorted(SCHEMAS.glob("*.offsite"))
STANCE_AT = dt.datetime(2027, 1, 14, 10, 30)


def write_schema_fixture(path: Path) -> None:
    """The plan every schema fixture holds; what test_plan_written_by_each_schema_opens expects."""
    with create_plan(path, "Schema fixture offsite") as plan:
        update_plan_details(plan, starts_on=dt.date(2027, 1, 14), venue="Lake Windermere", horizon="H1 2027")
        sales = add_team(plan, "Sales").id
        marketing = add_team(plan, "Marketing").id
        maya = add_leader(plan, "Maya Okafor", "VP of Sales", sales).id
        add_leader(plan, "Priya Raman", "Chief Marketing Officer", marketing)
        revenue = add_company_goal(plan, "Grow revenue 50%", baseline=20, target=30, unit="M USD").id
        objective = add_objective(
            plan,
            "Go outbound",
            [sales, marketing],
            period="Q1 2027",
            goal_ids=[revenue],
            method="Build an outbound pod. Marketing makes the lists. SDRs book meetings.",
        ).id
        add_metric(
            plan,
            objective,
            "Appointments booked",
            unit="meetings",
            baseline=40,
            target=180,
            direction=Direction.UP,
            data_source="CRM",
            shared=True,
        )
        record_stance(plan, objective, maya, Stance.AGREED, "Ready.", at=STANCE_AT)
    # One self-contained file with a rollback journal: nothing beside it to lose in git.
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode = DELETE")
    connection.execute("VACUUM")
    connection.close()


def _user_version(path: Path) -> int:
    return int(struct.unpack(">I", path.read_bytes()[60:64])[0])


def test_there_is_a_fixture_for_the_current_schema() -> None:
    versions = {_user_version(path) for path in FIXTURES}
    assert SCHEMA_VERSION in versions, (
        f"No plan written by schema {SCHEMA_VERSION} in {SCHEMAS}: "
        "run `python tests/store/test_store_migrations.py` to add it."
    )


@pytest.mark.parametrize("fixture", FIXTURES, ids=[p.name for p in FIXTURES])
def test_plan_written_by_each_schema_opens_with_its_content(tmp_path: Path, fixture: Path) -> None:
    path = tmp_path / fixture.name
    shutil.copyfile(fixture, path)

    with open_plan_file(path) as plan:
        view = read_plan(plan)

    assert _user_version(path) == SCHEMA_VERSION
    assert check_plan(path).sound
    assert view.details.title == "Schema fixture offsite"
    assert view.details.starts_on == dt.date(2027, 1, 14)
    assert view.details.venue == "Lake Windermere"
    teams = {t.id: t.name for t in view.teams}
    assert list(teams.values()) == ["Sales", "Marketing"]
    assert [(p.name, p.title, teams[p.team_id]) for p in view.leaders if p.team_id is not None] == [
        ("Maya Okafor", "VP of Sales", "Sales"),
        ("Priya Raman", "Chief Marketing Officer", "Marketing"),
    ]
    (goal,) = view.goals
    assert (goal.statement, goal.baseline, goal.target, goal.unit) == ("Grow revenue 50%", 20, 30, "M USD")
    (objective,) = view.objectives
    assert objective.statement == "Go outbound"
    assert objective.period == "Q1 2027"
    assert [teams[i] for i in objective.team_ids] == ["Sales", "Marketing"]
    assert objective.goal_ids == (goal.id,)
    (metric,) = objective.metrics
    assert (metric.name, metric.unit) == ("Appointments booked", "meetings")
    assert (metric.baseline, metric.target) == (40, 180)
    assert metric.direction is Direction.UP
    assert metric.shared
    (stance,) = view.stances
    assert view.leader(stance.leader_id).name == "Maya Okafor"  # type: ignore[union-attr]
    assert (stance.stance, stance.comment, stance.recorded_at) == (Stance.AGREED, "Ready.", STANCE_AT)


def test_migrations_build_exactly_the_models_schema(plan: PlanFile) -> None:
    with plan.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_migration_head_writes_the_schema_version_this_build_reads(plan: PlanFile) -> None:
    with plan.engine.connect() as connection:
        stamped = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        user_version = connection.exec_driver_sql("PRAGMA user_version").scalar()
    assert stamped == ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert user_version == SCHEMA_VERSION


if __name__ == "__main__":
    target = SCHEMAS / f"plan-v{SCHEMA_VERSION}.offsite"
    if target.exists():
        sys.exit(f"{target} exists already: a schema's fixture is written once, by the code of its day.")
    write_schema_fixture(target)
    print(f"wrote {target}")
