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


def write_forever(path: str, run: int, team_id: int, leader_id: int) -> None:
    plan = open_plan(path)
    print(f"ready {run}", flush=True)
    for number in itertools.count():
        tag = f"r{run}#{number}"
        # One transaction each: the objective with its team link; the metric; the stance;
        # two fields changed together. A torn transaction would show as a half of one of these.
        objective_id = add_objective(plan, f"Objective {tag}", [team_id]).id
        print(f"committed objective {tag}", flush=True)
        add_metric(plan, objective_id, f"Metric {tag}", target=number + 0.5)
        print(f"committed metric {tag}", flush=True)
        record_stance(plan, objective_id, leader_id, Stance.AGREED, f"Stance {tag}")
        print(f"committed stance {tag}", flush=True)
        both = {"period": f"Period {tag}", "method": f"Method {tag}"}
        update_fields(plan, Kind.OBJECTIVE, objective_id, both)
        print(f"committed update {tag}", flush=True)


def main() -> None:
    path, team_id, leader_id = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    print("server ready", flush=True)
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
        print(f"started {run} {child}", flush=True)
        _, status = os.waitpid(child, 0)
        print(f"exited {run} {os.waitstatus_to_exitcode(status)}", flush=True)


if __name__ == "__main__":
    main()
