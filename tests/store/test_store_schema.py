"""The expected schemas Offsite checks every plan against are current and fit every plan it ever wrote."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from offsite.services.plans import check_plan
from offsite.store import open_plan_file
from offsite.store.fileformat import SCHEMA_VERSION
from offsite.store.schema import SCHEMAS_PATH, expected_schemas, generated_text, read_schema

FIXTURES = sorted((Path(__file__).parent / "schemas").glob("plan-v*.offsite"))


def test_the_expected_schemas_are_those_the_migrations_make() -> None:
    assert SCHEMAS_PATH.read_text(encoding="utf-8") == generated_text(), (
        "The migrations changed: run `python -m offsite.store.schema --write` and commit schemas.json."
    )


def test_every_plan_format_has_an_expected_schema() -> None:
    for version in range(1, SCHEMA_VERSION + 1):
        assert expected_schemas(version), version


@pytest.mark.parametrize("fixture", FIXTURES, ids=[p.name for p in FIXTURES])
def test_plans_written_by_every_format_fit_their_schema(tmp_path: Path, fixture: Path) -> None:
    path = tmp_path / fixture.name
    shutil.copyfile(fixture, path)
    connection = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    try:
        assert read_schema(connection) in expected_schemas(int.from_bytes(path.read_bytes()[60:64], "big"))
    finally:
        connection.close()
    assert check_plan(path).sound
    open_plan_file(path).close()  # and once upgraded, it fits the current format's schema
    assert check_plan(path).sound


def test_demo_plan_and_a_leaders_draft_fit(demo_plan_bytes: bytes, tmp_path: Path) -> None:
    from offsite.exchange.drafts import export_draft_pack
    from offsite.services.plans import read_plan

    path = tmp_path / "demo.offsite"
    path.write_bytes(demo_plan_bytes)
    with open_plan_file(path) as plan:
        uid = read_plan(plan).leaders[0].uid
        draft = export_draft_pack(plan, uid, tmp_path / "draft.offsite")
    assert check_plan(path).sound
    assert check_plan(draft).sound
    open_plan_file(draft, readonly=True).close()
