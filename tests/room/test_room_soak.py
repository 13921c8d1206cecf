"""Ten leaders' laptops on one hosted plan for a minute, two of them killed and the server once.

Each laptop is a real process (``leader_process.py``) editing through the real verbs: stances with
comments, check-ins, dots and ratings, and now and then a forgery tried with raw SQL as its own
role. Mid-run two laptops are killed (SIGKILL) and the server is killed and started again. Then:
every edit a laptop saw acknowledged is on the server, every laptop (the killed ones reopened)
shows the same content fingerprint as the server's copy brought home, and no forgery got through.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from offsite.domain.errors import OffsiteError
from offsite.domain.values import Kind
from offsite.services import changes
from offsite.services.outbox import send_pending
from offsite.services.plans import read_plan
from offsite.services.prepare import add_leader
from offsite.services.room import bring_home, host_room, join_room, open_room
from offsite.services.signoff import content_fingerprint
from offsite.store import PlanFile
from offsite.store.room.localserver import LocalServer

SECONDS = float(os.environ.get("OFFSITE_SOAK_SECONDS", "60"))
LEADERS = 10
PROCESS = Path(__file__).with_name("leader_process.py")


@pytest.mark.xdist_group("room-soak")
@pytest.mark.timeout(600)
def test_ten_laptops_kill_two_and_the_server_and_every_acknowledged_edit_is_kept(
    demo_plan: PlanFile, tmp_path: Path
) -> None:
    from offsite.services.plans import read_outline

    outline = read_outline(demo_plan)
    for n in range(LEADERS - len(outline.leaders)):
        add_leader(demo_plan, f"Guest Leader {n + 1}", "VP", outline.teams[n % len(outline.teams)].id)

    # Not under tmp_path: the server's own user must reach the folder, and pytest keeps its
    # temporary root closed to other users.
    server = LocalServer(Path(tempfile.mkdtemp(prefix="offsite-soak-")) / "server")
    processes: list[subprocess.Popen[str]] = []
    facilitator = None
    server.start()
    server.create_database("room")
    try:
        url = f"postgresql://offsite@{server.host}:{server.port}/room"
        room, facilitator = host_room(
            demo_plan, url, password=server.admin_password, room="soak", folder=tmp_path / "facilitator"
        )
        assert len(room.leaders) == LEADERS
        laptops = []
        for index, seat in enumerate(room.leaders):
            joined = join_room(seat.code, folder=tmp_path / f"laptop-{index}")
            laptops.append(joined.path)
            joined.close()
        logs = [tmp_path / f"laptop-{index}.log" for index in range(LEADERS)]
        processes += [
            subprocess.Popen(
                [sys.executable, str(PROCESS), str(replica), str(log), str(SECONDS), str(index)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for index, (replica, log) in enumerate(zip(laptops, logs, strict=True))
        ]
        # Meanwhile the facilitator rewrites an objective's method, again and again (the plan's text).
        typed: list[int] = []
        stop_typing = threading.Event()
        objective = read_plan(facilitator).objectives[0].id

        def facilitate() -> None:
            number = 0
            while not stop_typing.is_set():
                number += 1
                try:
                    changes.update_fields(
                        facilitator, Kind.OBJECTIVE, objective, {"method": f"Method draft #{number}."}
                    )
                except OffsiteError:
                    time.sleep(0.2)  # the server is away: the facilitator waits for the room
                    continue
                typed.append(number)
                time.sleep(0.05)

        typist = threading.Thread(target=facilitate)
        typist.start()
        started = time.monotonic()
        while not all(log.exists() and log.stat().st_size > 200 for log in logs[:2]):  # both are editing
            ended = [process for process in processes if process.poll() is not None]
            assert not ended, ended[0].communicate()[1][-3000:]
            assert time.monotonic() - started < SECONDS + 120, "the laptops never started editing"
            time.sleep(0.05)
        time.sleep(SECONDS * 0.2)
        for victim in processes[:2]:  # two laptops die mid-edit
            victim.send_signal(signal.SIGKILL)
            victim.communicate()
        time.sleep(SECONDS * 0.1)
        server.kill()  # the server dies too: no shutdown, no checkpoint
        time.sleep(2)
        server.start()
        time.sleep(max(0.0, SECONDS * 0.5))
        stop_typing.set()
        typist.join()
        deadline = time.monotonic() + SECONDS + 240
        while not all(Path(f"{log}.done").exists() for log in logs[2:]):
            assert time.monotonic() < deadline, "a laptop never finished"
            failed = [process for process in processes[2:] if process.poll() not in (None, 0)]
            assert not failed, failed[0].communicate()[1][-4000:]
            time.sleep(0.1)
        for log in logs[2:]:
            Path(f"{log}.finish").touch()
        outputs = [process.communicate(timeout=120) for process in processes[2:]]
        for process, (_out, err) in zip(processes[2:], outputs, strict=True):
            assert process.returncode == 0, err[-3000:]

        # The killed laptops are opened again (as their leaders would): what they kept is sent.
        fingerprints = [out.strip().splitlines()[-1] for out, _ in outputs]  # each window, converged
        for replica in laptops[:2]:
            reopened = open_room(replica)
            try:
                if reopened.pending:
                    send_pending(reopened)
                reopened.sync()
            finally:
                reopened.close()
        home = bring_home(facilitator, tmp_path / "home.offsite")
        from offsite.services.plans import open_plan

        with open_plan(home, readonly=True) as brought:
            on_server = content_fingerprint(brought)
        facilitator.sync()
        assert content_fingerprint(facilitator) == on_server
        for replica in laptops:
            again = open_room(replica)
            try:
                again.sync()
                fingerprints.append(content_fingerprint(again))
            finally:
                again.close()
        assert set(fingerprints) == {on_server}

        engine = create_engine(
            url.replace("postgresql:", "postgresql+psycopg:"),
            connect_args={"password": server.admin_password},
        )
        with engine.connect() as connection:
            comments = set(connection.execute(text("SELECT comment FROM stance_record")).scalars())
            notes = set(connection.execute(text("SELECT note FROM check_in")).scalars())
            ratings = {
                row[0]: row[1]
                for row in connection.execute(text("SELECT leader_id, comment FROM survey_rating"))
            }
            forged = connection.execute(
                text("SELECT count(*) FROM stance_record WHERE comment = 'forged'")
            ).scalar()
            method = connection.execute(
                text("SELECT method FROM objective WHERE id = :id"), {"id": objective}
            ).scalar()
        engine.dispose()
        acknowledged = forgeries = 0
        for log in logs:
            last_rating: dict[int, int] = {}
            for line in log.read_text().splitlines():
                entry = json.loads(line)
                acknowledged += 1
                if "stance" in entry:
                    assert entry["stance"][3] in comments, entry
                elif "check_in" in entry:
                    assert entry["check_in"][2] in notes, entry
                elif "rating" in entry:
                    leader, token = entry["rating"]
                    last_rating[leader] = int(token.rsplit("#", 1)[1])
                elif "forgery" in entry:
                    forgeries += 1
                    assert entry["forgery"] == {"updated": 0, "inserted": 0}
            for leader, number in last_rating.items():
                assert int(ratings[leader].rsplit("#", 1)[1]) >= number
        assert forged == 0
        assert typed, "the facilitator never typed"
        assert method == f"Method draft #{typed[-1]}."  # the last text acknowledged is the plan's
        assert acknowledged > 20 * LEADERS  # the laptops really worked
        assert forgeries > 0
    finally:
        if facilitator is not None:
            facilitator.close()
        for process in processes:
            if process.poll() is None:
                process.kill()
            process.communicate()
        server.stop("immediate")
