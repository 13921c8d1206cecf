"""THE crash test: a writer killed with SIGKILL at random moments never loses a reported edit,
never leaves half an edit, and never damages the plan.

50 kills in the normal suite; OFFSITE_SLOW=1 runs 200. OFFSITE_CRASH_SEED=<n> replays a run.
"""

from __future__ import annotations

import io
import os
import random
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import IO

import pytest

from offsite.domain.values import PlanView
from offsite.services.plans import create_plan, read_plan
from offsite.services.prepare import add_leader, add_team
from offsite.store import open_plan_file

WRITER = Path(__file__).with_name("crash_writer.py")
ROOT = Path(__file__).resolve().parents[2]
KINDS = ("objective", "metric", "stance", "update")

Fact = tuple[str, str]  # (kind, tag)


def sequence(run: int, length: int) -> list[Fact]:
    """The edits the writer makes in run ``run``, in order: what it reports is always a prefix."""
    return [(KINDS[i % 4], f"r{run}#{i // 4}") for i in range(length)]


def facts_in(view: PlanView, team_id: int, leader_id: int) -> tuple[Counter[Fact], list[str]]:
    """The writer's edits found in the plan, and anything half-done or inconsistent."""
    facts: Counter[Fact] = Counter()
    problems: list[str] = []
    by_id = {o.id: o for o in view.objectives}
    for objective in view.objectives:
        tag = objective.statement.removeprefix("Objective ")
        facts["objective", tag] += 1
        if objective.team_ids != (team_id,):
            problems.append(f"objective {tag} lost its team link: {objective.team_ids}")
        for metric in objective.metrics:
            facts["metric", metric.name.removeprefix("Metric ")] += 1
            if metric.name != f"Metric {tag}":
                problems.append(f"metric {metric.name!r} sits under objective {tag}")
        if (objective.period, objective.method) == (f"Period {tag}", f"Method {tag}"):
            facts["update", tag] += 1
        elif (objective.period, objective.method) != ("", ""):
            problems.append(f"objective {tag} half updated: {objective.period!r}, {objective.method!r}")
    for event in view.stances:
        tag = event.comment.removeprefix("Stance ")
        facts["stance", tag] += 1
        owner = by_id.get(event.objective_id)
        if owner is None or owner.statement != f"Objective {tag}" or event.leader_id != leader_id:
            problems.append(f"stance {tag} points at the wrong rows")
    problems += [f"{kind} {tag} is there {count} times" for (kind, tag), count in facts.items() if count > 1]
    return facts, problems


#: Every line the writer says: a line of any other shape is two run together, and waiting for one
#: of them would wait until the timeout.
_LINE = re.compile(
    r"server ready|started \d+ \d+|ready \d+|committed (objective|metric|stance|update) r\d+#\d+|exited \d+ -?\d+"
)


def _read_line(stream: IO[str], errors: Path) -> str:
    line = stream.readline()
    if not line:
        raise AssertionError(f"the writer stopped unexpectedly:\n{errors.read_text()}")
    assert _LINE.fullmatch(line.rstrip("\n")), f"the writer said {line!r}, not one line of its own"
    return line


@pytest.mark.skipif(not hasattr(os, "fork"), reason="SIGKILL and fork are POSIX")
def test_killed_writer_never_loses_a_reported_edit_nor_leaves_half_of_one(tmp_path: Path) -> None:
    kills = 200 if os.environ.get("OFFSITE_SLOW") == "1" else 50
    seed = int(os.environ.get("OFFSITE_CRASH_SEED", random.randrange(2**32)))
    rng = random.Random(seed)
    replay = f"(replay with OFFSITE_CRASH_SEED={seed})"

    path = tmp_path / "crash.offsite"
    with create_plan(path, "Crash test") as plan:
        team_id = add_team(plan, "Sales").id
        leader_id = add_leader(plan, "Maya Okafor", "VP of Sales", team_id).id

    errors = tmp_path / "writer-errors.txt"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    durable: Counter[Fact] = Counter()
    total_reported = 0
    child = 0
    with errors.open("w") as error_sink:
        server = subprocess.Popen(
            [sys.executable, str(WRITER), str(path), str(team_id), str(leader_id)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=error_sink,
            text=True,
            bufsize=1,
            env=env,
        )
    assert server.stdin is not None
    assert server.stdout is not None
    try:
        assert _read_line(server.stdout, errors) == "server ready\n"
        for run in range(kills):
            server.stdin.write(f"run {run}\n")
            server.stdin.flush()
            reported: list[Fact] = []
            child, ready = 0, False
            while not (child and ready):
                words = _read_line(server.stdout, errors).split()
                if words[0] == "started":
                    child = int(words[2])
                elif words[0] == "ready":
                    ready = True
                elif words[0] == "exited":
                    child = 0
                    raise AssertionError(f"the writer died opening the plan {replay}:\n" + errors.read_text())
            # Kill at a random moment once the writer is busy (its first commit reported), so a
            # slow, loaded machine cannot turn the test into kills of a process still starting up.
            while True:
                words = _read_line(server.stdout, errors).split()
                if words[0] == "committed":
                    reported.append((words[1], words[2]))
                    break
                assert words[0] != "exited", f"the writer died before its first edit {replay}:\n" + (
                    errors.read_text()
                )
            time.sleep(rng.uniform(0.0, 0.250))
            os.kill(child, signal.SIGKILL)
            while True:
                words = _read_line(server.stdout, errors).split()
                if words[0] == "committed":
                    reported.append((words[1], words[2]))
                elif words[0] == "exited":
                    assert int(words[2]) == -signal.SIGKILL, f"the writer died by itself {replay}:\n" + (
                        errors.read_text()
                    )
                    break
            child = 0
            total_reported += len(reported)

            expected = sequence(run, len(reported) + 1)
            assert reported == expected[:-1], f"run {run}: the writer reported out of order {replay}"
            with open_plan_file(path) as reopened:
                view = read_plan(reopened)
                with reopened.read() as session:
                    connection = session.connection()
                    integrity = connection.exec_driver_sql("PRAGMA integrity_check").scalars().all()
                    dangling = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
            context = f"after kill {run + 1} of {kills}, {len(reported)} edits reported {replay}"
            assert integrity == ["ok"], f"{context}: {integrity}"
            assert dangling == [], f"{context}: rows point at missing rows: {dangling}"
            found, problems = facts_in(view, team_id, leader_id)
            assert problems == [], f"{context}: half-done edits: {problems}"
            lost = [fact for fact in [*durable, *reported] if fact not in found]
            assert lost == [], f"{context}: committed edits are missing: {lost}"
            this_run = {fact for fact in found if fact[1].startswith(f"r{run}#")}
            # The verb running at the kill may have committed just before its report: at most that one.
            unexpected = sorted(this_run - set(expected))
            assert not unexpected, f"{context}: edits nobody made or reported out of order: {unexpected}"
            assert set(found) == set(durable) | this_run, f"{context}: edits of earlier runs changed"
            durable = Counter(found)
    finally:
        if child:
            os.kill(child, signal.SIGKILL)
        server.kill()
        server.communicate(timeout=30)
    assert total_reported >= kills, (
        f"only {total_reported} edits in {kills} runs: the writer was mostly killed before editing {replay}"
    )


def test_a_line_run_into_the_next_fails_at_once_instead_of_waiting_for_the_timeout(tmp_path: Path) -> None:
    # As seen: a writer killed between its line and the newline, then the server's own line.
    stream = io.StringIO("committed update r28#0exited 28 -9\n")
    with pytest.raises(AssertionError, match="not one line of its own"):
        _read_line(stream, tmp_path / "writer-errors.txt")
    assert _read_line(io.StringIO("exited 28 -9\n"), tmp_path / "writer-errors.txt") == "exited 28 -9\n"
