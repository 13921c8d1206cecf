"""One leader's laptop in the room's soak test: a real process editing the hosted plan for a while.

Run as ``python leader_process.py REPLICA LOG SECONDS SEED``. It opens the room from its replica
(as the app does), then for SECONDS makes the edits a leader makes — their stance with a comment,
a check-in, dots, their rating — through the real verbs, and writes a line to LOG for every edit
the server acknowledged (the verb returned with nothing kept for later; or a kept edit once
``send_pending`` sent it), fsynced before the next edit. Now and then it tries, with raw SQL as its
own role, to change another leader's stance, and logs whether the server let it. When the server is
away it goes on typing (edits are kept) and sends what it kept once the server is back. At the end
it sends what is left, says it is done (LOG.done), waits for the test's word that every laptop is
(LOG.finish), reads the room once more and prints the replica's content fingerprint.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import random
import sys
import time
from pathlib import Path


def main() -> int:
    replica, log_path, seconds, seed = (
        Path(sys.argv[1]),
        Path(sys.argv[2]),
        float(sys.argv[3]),
        int(sys.argv[4]),
    )
    from offsite.domain.errors import OffsiteError
    from offsite.domain.values import Stance
    from offsite.services.brainstorm import vote
    from offsite.services.brainstorm_view import read_brainstorm
    from offsite.services.buyin import record_stance
    from offsite.services.checkins import check_in
    from offsite.services.outbox import send_pending
    from offsite.services.plans import read_plan
    from offsite.services.room import open_room
    from offsite.services.signoff import content_fingerprint
    from offsite.services.survey import rate_alignment
    from offsite.store.room.roomplan import RoomOfflineError

    rng = random.Random(seed)
    plan = open_room(replica)
    view = read_plan(plan)
    me = next(leader.id for leader in view.leaders if leader.uid == plan.state.leader_uid)
    others = [leader.id for leader in view.leaders if leader.id != me]
    objectives = [o.id for o in view.objectives]
    metrics = [m.id for o in view.objectives for m in o.metrics]
    candidates = [c.id for c in read_brainstorm(plan).candidates]
    log = open(log_path, "a", encoding="utf-8")  # noqa: SIM115 - kept open for the run
    kept: list[dict[str, object]] = []

    def acknowledged(entry: dict[str, object]) -> None:
        log.write(json.dumps(entry) + "\n")
        log.flush()
        os.fsync(log.fileno())

    def send_kept() -> None:
        if plan.pending and plan.probe():
            report = send_pending(plan)
            if not report.refused:
                for entry in kept:
                    acknowledged(entry)
                kept.clear()

    def forged() -> None:
        import psycopg

        from offsite.store.room.credentials import passfile

        state = plan.state
        try:
            with psycopg.connect(
                host=state.host,
                port=state.port,
                dbname=state.database,
                user=state.role,
                passfile=str(passfile()),
                connect_timeout=3,
            ) as connection:
                victim = rng.choice(others)
                changed = connection.execute(
                    "UPDATE stance_record SET comment = 'forged' WHERE leader_id = %s", (victim,)
                ).rowcount
                inserted = 0
                try:
                    connection.execute(
                        "INSERT INTO stance_record (uid, objective_id, leader_id, stance, comment, recorded_at) "
                        "VALUES (gen_random_uuid()::text, %s, %s, 'agreed', 'forged', now())",
                        (objectives[0], victim),
                    )
                    inserted = 1
                except psycopg.Error:
                    connection.rollback()
                acknowledged({"forgery": {"updated": changed, "inserted": inserted}})
        except psycopg.OperationalError:
            pass

    number = 0
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        number += 1
        token = f"{plan.state.role}#{number}"
        choice = rng.random()
        try:
            send_kept()
            if choice < 0.45:
                objective = rng.choice(objectives)
                stance = rng.choice([Stance.AGREED, Stance.DISCUSSING, Stance.CHANGES_REQUESTED])
                record_stance(plan, objective, me, stance, token)
                entry: dict[str, object] = {"stance": [objective, me, stance.value, token]}
            elif choice < 0.75 and metrics:
                metric = rng.choice(metrics)
                day = dt.date(2027, 1, 1) + dt.timedelta(days=me * 2000 + number)  # one leader's own day
                check_in(plan, metric, rng.randint(0, 500), as_of=day, note=token, leader_id=me)
                entry = {"check_in": [metric, day.isoformat(), token]}
            elif choice < 0.9 and candidates:
                candidate = rng.choice(candidates)
                try:
                    vote(plan, me, candidate, rng.randint(0, 1))
                except OffsiteError:
                    continue  # no dots left: a leader takes one back first
                entry = {"vote": [me, candidate]}
            elif choice < 0.97:
                rate_alignment(plan, me, rng.randint(1, 5), token)
                entry = {"rating": [me, token]}
            else:
                forged()
                continue
        except RoomOfflineError:
            time.sleep(0.05)
            continue
        if plan.pending:
            kept.append(entry)
        else:
            acknowledged(entry)
        time.sleep(rng.uniform(0.02, 0.1))
    while plan.pending:
        with contextlib.suppress(RoomOfflineError):
            send_kept()
        if plan.pending:
            time.sleep(0.2)
    # Done typing: wait until every laptop is (the test says so), then read the room once more.
    Path(str(log_path) + ".done").touch()
    finish = Path(str(log_path) + ".finish")
    while not finish.exists():
        time.sleep(0.05)
    for _ in range(100):
        if plan.sync() is not None:
            break
        time.sleep(0.1)
    print(content_fingerprint(plan))
    plan.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
