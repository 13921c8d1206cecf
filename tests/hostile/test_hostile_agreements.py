"""A JSON plan whose agreements beyond goals hold what no plan can: each refused by the real
``offsite import`` with a sentence naming where the fault is, and no file left behind; a plan of
50,000 agreements, within the reader's size limit, imports whole.
"""

from __future__ import annotations

import copy
import json
import sqlite3
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hostile_files import Run, folder_state

from offsite.domain.values import Stance
from offsite.exchange.interchange import export_document, import_json
from offsite.services import agreements
from offsite.services.plans import open_plan, read_plan

Document = dict[str, Any]


@pytest.fixture(scope="module")
def with_agreement(tmp_path_factory: pytest.TempPathFactory, demo_plan_bytes: bytes) -> Document:
    """The demo plan with a joint practice counted by a metric and Maya's agreement to it, exported."""
    path = tmp_path_factory.mktemp("agreements") / "demo.offsite"
    path.write_bytes(demo_plan_bytes)
    with open_plan(path) as plan:
        view = read_plan(plan)
        metric = view.objectives[0].metrics[0].id
        practice = agreements.add_agreement(
            plan, "practice", "Marketing joins a customer visit", cadence="quarterly", metric_id=metric
        ).id
        agreements.record_agreement_stance(plan, practice, view.leaders[0].id, Stance.AGREED)
        return export_document(plan)


def _agreement(**changed: Any) -> Callable[[Document], None]:
    return lambda document: document["agreements"][0].update(changed)


UNKNOWN = "5f0c1a8e-9a3b-4e0f-8a52-0c1d2e3f4a5b"

CASES: dict[str, tuple[Callable[[Document], None], str]] = {
    "a metric that does not exist": (
        _agreement(metric=UNKNOWN),
        f"agreements[0].metric names a metric ({UNKNOWN}) that is not listed in metrics",
    ),
    "a kind that is none": (
        _agreement(kind="promise"),
        'agreements[0].kind must be one of journey_stage, hand_off, decision_right, incentive, practice, not "promise"',
    ),
    "a cadence of 10,000 characters": (
        _agreement(cadence="q" * 10_000),
        'agreements[0].cadence must be one of weekly, monthly, quarterly, yearly or blank, not "qqqq',
    ),
    "a NUL character in a route": (
        _agreement(route="Round\x00robin"),
        "agreements[0].route contains a NUL character, which a plan cannot store; remove it",
    ),
    "a stance of an unknown leader": (
        lambda document: document["agreements"][0]["stances"][0].update(leader=UNKNOWN),
        f"agreements[0].stances[0].leader names a leader ({UNKNOWN}) that is not listed in leaders",
    ),
    "a stance that is none": (
        lambda document: document["agreements"][0]["stances"][0].update(stance="maybe"),
        'agreements[0].stances[0].stance must be one of pending, discussing, changes_requested, agreed, declined, not "maybe"',
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_an_import_refuses_a_hostile_agreement_naming_where_it_is(
    case: str, with_agreement: Document, offsite: Run, tmp_path: Path
) -> None:
    alter, expected = CASES[case]
    document = copy.deepcopy(with_agreement)
    alter(document)
    source = tmp_path / "hostile.json"
    source.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    before = folder_state(tmp_path)

    result = offsite("import", source, "new.offsite")

    assert result.returncode == 2, result
    assert result.stderr.startswith(f"“hostile.json” cannot be imported: {expected}"), result.stderr
    assert result.stderr.endswith(". Correct the file and try again.\n")
    assert len(result.stderr) < 400  # a 10,000-character value is quoted cut short
    assert folder_state(tmp_path) == before  # no plan was made


def test_a_plan_of_50000_agreements_imports_whole_within_the_readers_limit(
    with_agreement: Document, tmp_path: Path
) -> None:
    document = copy.deepcopy(with_agreement)
    template = {**document["agreements"][0], "stances": []}
    document["agreements"] = [
        {**template, "uid": str(uuid.uuid4()), "title": f"Practice {i}"} for i in range(50_000)
    ]
    source = tmp_path / "many.json"
    source.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert source.stat().st_size < 64 * 1024 * 1024  # far below the 256 MB the reader refuses unread
    with import_json(source, tmp_path / "many.offsite") as plan, plan.read_rows() as rows:
        titles = [title for (title,) in rows.execute("SELECT title FROM agreement ORDER BY position")]
    assert len(titles) == 50_000
    assert (titles[0], titles[-1]) == ("Practice 0", "Practice 49999")


# --- A draft: a plan file from a leader's laptop, altered as a hostile sender would ---------------


def _alter(path: Path, *statements: str) -> None:
    """Change a closed draft with no check constraints, leaving no -wal beside it."""
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA ignore_check_constraints = ON")
    connection.executescript(";".join(statements))
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    for leftover in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)


DRAFT_CASES = {
    "a cadence that is none": (
        "UPDATE agreement SET cadence = 'daily'",
        "maya.offsite: joint practice “Joint customer visit” has cadence “daily”: Cadence must be weekly, "
        "monthly, quarterly or yearly, or blank",
    ),
    "a stance that is none": (
        "UPDATE agreement_stance SET stance = 'maybe'",
        "buy-in of Maya Okafor on the joint practice “Joint customer visit” has stance “maybe”",
    ),
    "a NUL character in a title": (
        "UPDATE agreement SET title = 'Joint ' || char(0) || 'visit'",
        "contains a NUL character, which a plan cannot store; remove it",
    ),
}


@pytest.mark.parametrize("case", DRAFT_CASES)
def test_a_draft_holding_a_hostile_agreement_is_refused_whole(
    case: str, offsite: Run, tmp_path: Path, demo_plan_bytes: bytes
) -> None:
    statement, expected = DRAFT_CASES[case]
    plan_path = tmp_path / "plan.offsite"
    plan_path.write_bytes(demo_plan_bytes)
    assert offsite("pack", plan_path, "--leader", "Maya Okafor", "-o", "maya.offsite").returncode == 0
    draft = tmp_path / "maya.offsite"
    with open_plan(draft) as opened:
        maya = next(p.id for p in read_plan(opened).leaders if p.name == "Maya Okafor")
        made = agreements.add_agreement(opened, "practice", "Joint customer visit", cadence="quarterly")
        agreements.record_agreement_stance(opened, made.id, maya, Stance.AGREED)
    _alter(draft, statement)
    before = folder_state(tmp_path)

    result = offsite("merge", plan_path, draft)

    assert result.returncode == 1, result
    assert "Traceback" not in result.stderr
    assert expected in result.stderr, result.stderr
    assert "Nothing was merged: the file was refused." in result.stderr
    assert folder_state(tmp_path) == before
