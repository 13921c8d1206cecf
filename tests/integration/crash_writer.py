"""A plan writer for test_crash.py to kill: edits a plan through the services and reports each commit.

Run as ``python crash_writer.py PLAN TEAM_ID LEADER_ID``. It imports the services once, then for
each ``run N`` line on stdin forks a child that opens the plan and edits it forever, printing
``committed <kind> <tag>`` after each verb returns. The test kills that child with SIGKILL; this
process reaps it and prints ``exited N <code>``. Forking spares a fresh interpreter and imports per
kill, so hundreds of kills stay fast; each child is still a separate process with its own
connection, killed in the middle of whatever SQLite was doing.
"""

from __future__ import annotations

import itertools
import os
import sys
import traceback

from offsite.domain.values import Stance
from offsite.services.buyin import record_stance
from offsite.services.changes import Kind, update_fields
from offsite.services.objectives import add_metric, add_objective
from offsite.services.plans import open_plan


def report(line: str) -> None:
    """Say ``line`` on stdout in one write: whole or not at all, however the writer is killed.

    ``print`` may write a line and its newline apart; a writer killed between the two left
    "committed update r28#0" without its end, the server's "exited 28 -9" ran on after it, and
    the test waited for an "exited" line that never came until its timeout killed the worker.
    A pipe takes a write of less than ``PIPE_BUF`` bytes whole, never mixed with another's.
    """
    os.write(sys.stdout.fileno(), f"{line}\n".encode())


def write_forever(path: str, run: int, team_id: int, leader_id: int) -> None:
    plan = open_plan(path)
    report(f"ready {run}")
    for number in itertools.count():
        tag = f"r{run}#{number}"
        # One transaction each: the objective with its team link; the metric; the stance;
        # two fields changed together. A torn transaction would show as a half of one of these.
        objective_id = add_objective(plan, f"Objective {tag}", [team_id]).id
        report(f"committed objective {tag}")
        add_metric(plan, objective_id, f"Metric {tag}", target=number + 0.5)
        report(f"committed metric {tag}")
        record_stance(plan, objective_id, leader_id, Stance.AGREED, f"Stance {tag}")
        report(f"committed stance {tag}")
        both = {"period": f"Period {tag}", "method": f"Method {tag}"}
        update_fields(plan, Kind.OBJECTIVE, objective_id, both)
        report(f"committed update {tag}")


def main() -> None:
    path, team_id, leader_id = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    report("server ready")
    for command in sys.stdin:
        run = int(command.split()[1])
        sys.stdout.flush()
        sys.stderr.flush()
        child = os.fork()
        if child == 0:
            try:
                write_forever(path, run, team_id, leader_id)
            except BaseException:
                traceback.print_exc()
                sys.stderr.flush()
                os._exit(1)
            os._exit(0)
        report(f"started {run} {child}")
        _, status = os.waitpid(child, 0)
        report(f"exited {run} {os.waitstatus_to_exitcode(status)}")


if __name__ == "__main__":
    main()
