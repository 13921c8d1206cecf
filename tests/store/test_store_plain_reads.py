"""A plan opens and is read with plain sqlite3: SQLAlchemy loads on the first write, and the check of
every page can wait until the plan is on screen (the app runs it on a worker)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from offsite.domain.errors import NotAPlanError
from offsite.services.generated import make_plan
from offsite.services.plans import create_plan
from offsite.services.prepare import add_team
from offsite.store import PlanFile, open_plan_file


def _plan_with_teams(path: Path, *names: str) -> Path:
    with create_plan(path) as plan:
        for name in names:
            add_team(plan, name)
    return path


def test_opening_and_reading_a_plan_loads_no_sqlalchemy(tmp_path: Path) -> None:
    path = _plan_with_teams(tmp_path / "plan.offsite", "Sales", "Marketing")
    script = textwrap.dedent(
        """
        import sys
        from offsite.store import open_plan_file

        with open_plan_file(sys.argv[1], check_integrity=False) as plan:
            with plan.read_rows() as rows:
                teams = [name for (name,) in rows.execute("SELECT name FROM team ORDER BY position")]
            print(teams, plan.locked_version(), "sqlalchemy" in sys.modules, "alembic" in sys.modules)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["['Sales',", "'Marketing']", "None", "False", "False"]


def test_a_write_after_plain_reads_is_saved(tmp_path: Path) -> None:
    path = _plan_with_teams(tmp_path / "plan.offsite", "Sales")
    with open_plan_file(path) as plan:
        with plan.read_rows() as rows:
            assert rows.execute("SELECT count(*) FROM team").fetchone()[0] == 1
        add_team(plan, "Marketing")
        with plan.read_rows() as rows:
            assert rows.execute("SELECT count(*) FROM team").fetchone()[0] == 2
    with open_plan_file(path, readonly=True) as again, again.read_rows() as rows:
        assert rows.execute("SELECT count(*) FROM team").fetchone()[0] == 2


def test_plain_reads_cannot_write(tmp_path: Path) -> None:
    path = _plan_with_teams(tmp_path / "plan.offsite", "Sales")
    with open_plan_file(path) as plan, plan.read_rows() as rows, pytest.raises(sqlite3.OperationalError):
        rows.execute("DELETE FROM team")


def test_reads_in_a_rows_snapshot_see_one_state_while_another_program_writes(tmp_path: Path) -> None:
    path = _plan_with_teams(tmp_path / "plan.offsite", "Sales")
    with open_plan_file(path) as plan:

        def teams() -> int:
            with plan.read_rows() as rows:
                return int(rows.execute("SELECT count(*) FROM team").fetchone()[0])

        with plan.rows_snapshot():
            assert teams() == 1
            other = sqlite3.connect(path)
            other.execute("INSERT INTO team (uid, name, position) VALUES ('u-2', 'Marketing', 1)")
            other.commit()
            other.close()
            assert teams() == 1  # the state the block began with
        assert teams() == 2


def test_a_plan_damaged_inside_opens_unchecked_and_its_check_says_so(tmp_path: Path) -> None:
    path = _plan_with_teams(tmp_path / "plan.offsite", *(f"Team {n} " * 40 for n in range(40)))
    connection = sqlite3.connect(path)
    page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    root = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = 'parking_item'").fetchone()[0]
    connection.close()
    data = bytearray(path.read_bytes())
    data[(root - 1) * page_size : root * page_size] = b"\xab" * page_size
    path.write_bytes(bytes(data))

    with pytest.raises(NotAPlanError, match="is damaged"):
        open_plan_file(path).close()  # checked at open, as every command opens a plan
    with open_plan_file(path, check_integrity=False) as plan:
        with plan.read_rows() as rows:  # what is whole still reads
            assert rows.execute("SELECT count(*) FROM team").fetchone()[0] == 40
        with pytest.raises(NotAPlanError) as damaged:
            plan.check_integrity()
    assert str(damaged.value) == "“plan.offsite” is damaged and cannot be read. Open an earlier copy instead."


class _ClosedAsTheCheckStarts:
    """A reader whose plan is closed at the last moment: after the check looked, before SQLite runs
    it, when ``close``'s interrupt finds no statement to stop."""

    def __init__(self, plan: PlanFile, connection: sqlite3.Connection, seen: list[str]) -> None:
        self._plan, self._connection, self._seen = plan, connection, seen

    def execute(self, sql: str) -> sqlite3.Cursor:
        self._plan._closed = True
        self._connection.interrupt()  # nothing runs yet: SQLite forgets it
        try:
            return self._connection.execute(sql)
        except sqlite3.OperationalError as error:
            self._seen.append(str(error))
            raise

    def __getattr__(self, name: str) -> Any:
        return getattr(self._connection, name)


def test_an_integrity_check_stops_when_the_plan_closes_just_as_it_starts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plan.offsite"
    make_plan(path, objectives=200).close()
    seen: list[str] = []
    plan = open_plan_file(path, check_integrity=False)
    connect = plan._connect_reader
    monkeypatch.setattr(plan, "_connect_reader", lambda: _ClosedAsTheCheckStarts(plan, connect(), seen))
    try:
        plan.check_integrity()  # returns: nobody waits for the answer of a closed plan
    finally:
        plan._closed = False
        plan.close()
    assert seen == ["interrupted"]  # stopped, not read to the end for nobody
