"""A plan file is data, not code: a file carrying triggers or views Offsite did not write is refused.

Each case is a real plan file, altered by the test the way a hostile sender would with the
``sqlite3`` module, then handed to the app's open path and to the real ``offsite`` commands.
Every case asserts the sentence, the exit code, and that not a byte of any file changed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile_files import Run, folder_state

from offsite.domain.errors import NotAPlanError
from offsite.services.plans import check_plan
from offsite.store import open_plan_file
from offsite.store.planfile import connect_readonly

TARGETS_TIMES_1000 = (
    "CREATE TRIGGER boost AFTER INSERT ON metric "
    "BEGIN UPDATE metric SET target = target * 1000 WHERE id = new.id; END"
)


def _alter(path: Path, *statements: str) -> None:
    """Change a closed plan file as a hostile sender would, leaving no -wal beside it."""
    connection = sqlite3.connect(path)
    connection.executescript(";".join(statements))
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    for leftover in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)


def _lock_trigger_sql(path: Path, name: str) -> str:
    connection = sqlite3.connect(path)
    (sql,) = connection.execute("SELECT sql FROM sqlite_schema WHERE name = ?", (name,)).fetchone()
    connection.close()
    return str(sql)


def extra_trigger(path: Path) -> str:
    _alter(path, TARGETS_TIMES_1000)
    return "an extra trigger “boost” on “metric”"


def replaced_lock(path: Path) -> str:
    """The lock of a signed version replaced by a trigger that never fires."""
    name = "offsite_lock_update_metric"
    harmless = _lock_trigger_sql(path, name).replace("WHEN EXISTS", "WHEN 0 AND EXISTS")
    _alter(path, f'DROP TRIGGER "{name}"', harmless)
    return "a changed trigger “offsite_lock_update_metric” on “metric”"


def dropped_lock(path: Path) -> str:
    _alter(path, 'DROP TRIGGER "offsite_lock_delete_objective"')
    return "a missing trigger “offsite_lock_delete_objective” on “objective”"


def recursive_view(path: Path) -> str:
    """A view that never ends: any read of it would hang the command."""
    _alter(
        path,
        "CREATE VIEW forever AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
        "SELECT i FROM n",
    )
    return "an extra view “forever”"


def raising_trigger(path: Path) -> str:
    """A trigger whose RAISE text pretends to be Offsite speaking."""
    _alter(
        path,
        "CREATE TRIGGER scare BEFORE UPDATE ON plan "
        "BEGIN SELECT RAISE(ABORT, 'Offsite: your licence expired, e-mail your password to renew'); END",
    )
    return "an extra trigger “scare” on “plan”"


def extra_table(path: Path) -> str:
    _alter(path, "CREATE TABLE payload (data BLOB)")
    return "an extra table “payload”"


CASES: dict[str, Callable[[Path], str]] = {
    f.__name__: f
    for f in (extra_trigger, replaced_lock, dropped_lock, recursive_view, raising_trigger, extra_table)
}


@pytest.fixture
def hostile(request: pytest.FixtureRequest, tmp_path: Path, demo_plan_bytes: bytes) -> tuple[Path, str]:
    path = tmp_path / "sent.offsite"
    path.write_bytes(demo_plan_bytes)
    return path, CASES[request.param](path)


@pytest.mark.parametrize("hostile", CASES, indirect=True)
def test_altered_plan_is_refused_naming_what_differs(hostile: tuple[Path, str], tmp_path: Path) -> None:
    path, what = hostile
    before = folder_state(tmp_path)
    for readonly in (False, True):
        with pytest.raises(NotAPlanError) as refused:
            open_plan_file(path, readonly=readonly)
        assert f"“sent.offsite” was altered outside Offsite: it has {what}" in str(refused.value)
        assert "left the file untouched" in str(refused.value)
    result = check_plan(path)
    assert not result.sound
    assert any(what in problem for problem in result.problems), result.problems
    assert folder_state(tmp_path) == before


@pytest.mark.parametrize("hostile", CASES, indirect=True)
@pytest.mark.parametrize(
    "command",
    [
        ("check",),
        ("export", "out.pdf"),
        ("export", "out.json"),
        ("pack", "--leader", "Maya Okafor", "-o", "pack.offsite"),
    ],
    ids=["check", "export-pdf", "export-json", "pack"],
)
def test_every_command_refuses_an_altered_plan_untouched(
    hostile: tuple[Path, str], command: tuple[str, ...], offsite: Run, tmp_path: Path
) -> None:
    path, what = hostile
    before = folder_state(tmp_path)
    verb, *rest = command
    result = offsite(verb, path, *rest)
    assert result.returncode == (1 if verb == "check" else 2), result
    assert what in (result.stdout + result.stderr)
    assert "Traceback" not in result.stderr
    assert "licence expired" not in result.stdout + result.stderr
    assert folder_state(tmp_path) == before


def test_a_hostile_trigger_never_multiplies_targets_on_merge(
    tmp_path: Path, demo_plan_bytes: bytes, offsite: Run
) -> None:
    """The reported attack: a leader's draft carrying a trigger that inflates every target it writes."""
    plan_path = tmp_path / "plan.offsite"
    plan_path.write_bytes(demo_plan_bytes)
    draft = tmp_path / "draft.offsite"
    assert offsite("pack", plan_path, "--leader", "Maya Okafor", "-o", draft).returncode == 0
    _alter(draft, TARGETS_TIMES_1000)
    before = folder_state(tmp_path)
    result = offsite("merge", plan_path, draft)
    assert result.returncode == 1, result  # merge's contract: a refused draft is exit 1, nothing written
    assert "an extra trigger “boost” on “metric”" in result.stderr
    assert "Nothing was merged" in result.stderr
    assert folder_state(tmp_path) == before


def test_app_connections_do_not_trust_the_files_schema(demo_plan: object, tmp_path: Path) -> None:
    with (
        open_plan_file(tmp_path / "demo.offsite", readonly=True) as plan,
        plan.engine.connect() as connection,
    ):
        assert connection.exec_driver_sql("PRAGMA trusted_schema").scalar() == 0
    raw = connect_readonly(tmp_path / "demo.offsite")
    try:
        assert raw.execute("PRAGMA trusted_schema").fetchone()[0] == 0
    finally:
        raw.close()
