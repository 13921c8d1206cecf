"""The room on PostgreSQL: a leader's edit seen on another laptop's screen, and the server's edits per
second from ten leaders, each against what bare psycopg pays on the same server in the same run.

    latency     a leader's laptop records a stance; the facilitator's window (the real MainWindow,
                offscreen, on its replica, showing Buy-in) repaints that cell. From the wall-clock
                time just before the verb to the end of the paint of the cell with its new stance.
                Baseline: the same two processes doing a bare psycopg INSERT + NOTIFY and waking on
                LISTEN (what any live room on PostgreSQL pays).
    throughput  ten leaders' laptops (processes) record stances and check-ins through the verbs as
                fast as they can: the edits the server acknowledged per second in all, with no laptop
                listening, then with each running the room's listener as its window does (every
                edit wakes every laptop to read it). Baseline: ten processes doing bare psycopg
                INSERTs of a stance row, one transaction each, as the same leaders' roles (the room's
                row-level security and change-log trigger included); and, to show what those cost,
                the same into a bare copy of the table (no trigger, policy or key).

Every process runs on this one machine: the server, the laptops and the window share its cores, so
the throughput is this machine's, clients included, not the server's alone.

    python bench/room.py                  the full run: 100 edits, ten leaders for 10 s
    python bench/room.py --quick          40 edits, 5 s
    python bench/room.py --smoke          5 edits, 1 s, three leaders
    python bench/room.py --smoke --leaders 2 --edits 3 --seconds 0.5    the tiniest run

Run from ``bench/run.py --only room`` (and as part of ``make bench``). The same file is each child
process (``--child KIND ...``), so what a laptop does is read here beside what is measured of it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import itertools
import json
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/'s modules, run as a script or imported

#: The stances a latency run cycles through on each cell, so each edit paints something new there.
CYCLE = ("agreed", "discussing", "changes_requested")
#: Edits before the timed ones: the first verb and the first patch load their code.
WARM_UP = 3
#: The pause after each timed edit (seconds, uniform): edits arrive one at a time, never queued.
PAUSE = (0.2, 0.4)
#: The bare baseline's NOTIFY channel and table (in a database of its own on the same server).
BARE_CHANNEL = "bench_room"
BARE_DATABASE = "bare"
ROOM_DATABASE = "room"
#: The most a child process may take before the run gives up on it (seconds, beyond the work asked).
CHILD_CAP = 300.0


@dataclasses.dataclass(frozen=True, slots=True)
class RoomSettings:
    """How much a run measures: timed edits for latency, seconds and laptops for throughput."""

    edits: int
    seconds: float
    leaders: int = 10


RUNS = {
    "full": RoomSettings(100, 10.0),
    "quick": RoomSettings(40, 5.0),
    "smoke": RoomSettings(5, 1.0, leaders=3),  # proves each row runs, in well under a minute
}


@dataclasses.dataclass(frozen=True, slots=True)
class Spread:
    """Seconds: the median and the 95th percentile (nearest rank) of ``count`` samples (None of none)."""

    median: float | None
    p95: float | None
    count: int

    @classmethod
    def of(cls, samples: Sequence[float]) -> Spread:
        ordered = sorted(samples)
        if not ordered:
            return cls(None, None, 0)
        rank = math.ceil(0.95 * len(ordered))
        return cls(statistics.median(ordered), ordered[rank - 1], len(ordered))

    def text(self) -> str:
        return f"median {_ms(self.median):>7} ms   p95 {_ms(self.p95):>7} ms"


def _ms(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds * 1000:,.1f}"


@dataclasses.dataclass(frozen=True, slots=True)
class RoomFigures:
    """What one run measured."""

    leaders: int
    seconds: float
    asked: int  # timed edits asked of each latency run
    bare_latency: Spread
    latency: Spread
    acknowledged: Spread  # the leader's verb, from its call to its return
    patched: Spread  # from the verb's call to the window's model changing the cell
    verbs_per_second: float  # the laptops writing, none listening
    listening_per_second: float  # each laptop listening too, as its window does
    bare_per_second: float
    untriggered_per_second: float


# -- the run ----------------------------------------------------------------------------------------


def bench_room(work: Path, s: RoomSettings) -> RoomFigures:
    """Start a PostgreSQL server in a folder of its own, host the demo plan on it with ``s.leaders``
    leaders' laptops joined, measure both figures and their baselines, and stop the server."""
    from offsite.store.room.localserver import LocalServer

    # Not under ``work`` when that is a test's folder: the server's own user must reach it.
    folder = Path(tempfile.mkdtemp(prefix="offsite-bench-pg-"))
    server = LocalServer(folder / "server")
    with _own_folders(work):
        server.start()
        try:
            laptops, admin = _host(work, server, s.leaders)
            bare = _bare_latency(work, server, s.edits)
            timed = _room_latency(work, laptops, s.edits)
            bare_rate, untriggered = _bare_throughput(work, server, admin, laptops, s.seconds)
            verbs = _verb_throughput(work, laptops, s.seconds, listen=False)
            listening = _verb_throughput(work, laptops, s.seconds, listen=True)
        finally:
            server.stop("immediate")
            shutil.rmtree(folder, ignore_errors=True)
    return RoomFigures(
        leaders=len(laptops) - 1,  # the first is the facilitator's
        seconds=s.seconds,
        asked=s.edits,
        bare_latency=bare,
        latency=timed[0],
        acknowledged=timed[1],
        patched=timed[2],
        verbs_per_second=verbs,
        listening_per_second=listening,
        bare_per_second=bare_rate,
        untriggered_per_second=untriggered,
    )


@contextlib.contextmanager
def _own_folders(work: Path) -> Iterator[None]:
    """The run's own configuration and data folders (the room's password file among them), for this
    process and every child: nothing of the run is left in the user's."""
    names = ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME")
    before = {name: os.environ.get(name) for name in names}
    for name in names:
        os.environ[name] = str(work / "xdg" / name.lower())
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@dataclasses.dataclass(frozen=True, slots=True)
class Laptop:
    """A laptop in the room: its replica, its role and whose it is (the facilitator's, or a leader's)."""

    replica: Path
    role: str
    name: str


def _host(work: Path, server: Any, leaders: int) -> tuple[list[Laptop], str]:
    """The demo plan with ``leaders`` leaders (guests added) hosted on ``server``, and a laptop joined
    for each: the facilitator's first. Returns them and the server's admin password, which the run's
    password file keeps too, so no child is given a password on its command line."""
    from offsite.exchange.demo import write_demo_plan
    from offsite.services.plans import read_outline
    from offsite.services.prepare import add_leader
    from offsite.services.room import host_room, join_room
    from offsite.store.room import credentials

    server.create_database(ROOM_DATABASE)
    server.create_database(BARE_DATABASE)
    admin = server.admin_password
    for database in (ROOM_DATABASE, BARE_DATABASE):
        credentials.remember(server.host, server.port, database, "offsite", admin)
    plan = write_demo_plan(work / "room-demo.offsite")
    outline = read_outline(plan)
    for n in range(leaders - len(outline.leaders)):
        add_leader(plan, f"Guest Leader {n + 1}", "VP", outline.teams[n % len(outline.teams)].id)
    url = f"postgresql://offsite@{server.host}:{server.port}/{ROOM_DATABASE}"
    room, facilitator = host_room(plan, url, password=admin, room="bench", folder=work / "facilitator")
    plan.close()
    facilitator.close()  # the facilitator's window opens its replica in a process of its own
    laptops = []
    for index, seat in enumerate(room.leaders[:leaders]):
        joined = join_room(seat.code, folder=work / f"laptop-{index}")
        laptops.append(Laptop(joined.path, seat.code.role, seat.name))
        joined.close()
    laptops.insert(0, Laptop(facilitator.path, room.facilitator.code.role, "Facilitator"))
    return laptops, admin


@dataclasses.dataclass
class Child:
    """A child process of the run, and the file its stderr goes to (read when it fails)."""

    process: subprocess.Popen[bytes]
    errors: Path
    what: str


def _child(work: Path, kind: str, *args: object) -> Child:
    """This file run as the child process ``kind`` (the run's folders and the offscreen platform)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    errors = work / f"{kind}-{next(_children)}.err"
    with errors.open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--child", kind, *map(str, args)],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            env=env,
        )
    return Child(process, errors, kind)


_children = itertools.count(1)


def _finish(children: Sequence[Child], cap: float) -> None:
    """Wait for every child (``cap`` seconds in all); one that fails or outlasts the cap fails the
    run, saying why, and the others are stopped."""
    deadline = time.monotonic() + cap
    try:
        while any(child.process.poll() is None for child in children):
            failed = next((c for c in children if c.process.poll() not in (None, 0)), None)
            if failed is not None:
                raise RuntimeError(f"the room benchmark's {failed.what} process failed:\n{_tail(failed)}")
            if time.monotonic() > deadline:
                late = next(c for c in children if c.process.poll() is None)
                raise RuntimeError(f"the room benchmark's {late.what} process took more than {cap:.0f} s")
            time.sleep(0.05)
        failed = next((c for c in children if c.process.returncode != 0), None)
        if failed is not None:
            raise RuntimeError(f"the room benchmark's {failed.what} process failed:\n{_tail(failed)}")
    finally:
        for child in children:
            if child.process.poll() is None:
                child.process.kill()
                child.process.wait()


def _tail(child: Child) -> str:
    return child.errors.read_text(encoding="utf-8", errors="replace")[-3000:]


def _pairs(path: Path) -> dict[str, list[float]]:
    """A child's log: one line per edit, ``key time time ...``."""
    times: dict[str, list[float]] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            key, *values = line.split()
            times[key] = [float(v) for v in values]
    return times


def _timed_keys(keys: Sequence[str]) -> list[str]:
    """The keys of the timed edits (``edit-N``, N past the warm-up), in order."""
    return [
        k for k in sorted(keys, key=lambda k: int(k.rsplit("-", 1)[1])) if int(k.rsplit("-", 1)[1]) >= WARM_UP
    ]


def _bare_latency(work: Path, server: Any, edits: int) -> Spread:
    import psycopg

    with psycopg.connect(
        host=server.host,
        port=server.port,
        user="offsite",
        password=server.admin_password,
        dbname=BARE_DATABASE,
        autocommit=True,
    ) as connection:
        connection.execute("CREATE TABLE IF NOT EXISTS ping (id bigserial PRIMARY KEY, note text NOT NULL)")
    sent, woke = work / "bare-sent.log", work / "bare-woke.log"
    listener = _child(work, "bare-listener", server.host, server.port, woke, Path(f"{sent}.done"), edits)
    writer = _child(work, "bare-writer", server.host, server.port, sent, Path(f"{woke}.ready"), edits)
    _finish([writer, listener], CHILD_CAP + edits)
    before, after = _pairs(sent), _pairs(woke)
    return Spread.of([after[k][0] - before[k][0] for k in _timed_keys(list(before)) if k in after])


def _room_latency(work: Path, laptops: Sequence[Laptop], edits: int) -> tuple[Spread, Spread, Spread]:
    """A stance recorded on one laptop to its cell repainted on the facilitator's window: the whole
    way, the verb alone, and the way to the window's model."""
    facilitator, leader = laptops[0], laptops[1]
    sent, painted = work / "room-sent.log", work / "room-painted.log"
    window = _child(
        work, "facilitator", facilitator.replica, painted, Path(f"{sent}.done"), leader.name, edits, work
    )
    laptop = _child(work, "leader", leader.replica, sent, Path(f"{painted}.ready"), edits)
    _finish([laptop, window], CHILD_CAP + edits)
    before, after = _pairs(sent), _pairs(painted)
    keys = [k for k in _timed_keys(list(before)) if k in after]
    return (
        Spread.of([after[k][1] - before[k][0] for k in keys]),
        Spread.of([before[k][1] - before[k][0] for k in _timed_keys(list(before))]),
        Spread.of([after[k][0] - before[k][0] for k in keys]),
    )


def _go(children: Sequence[Child], logs: Sequence[Path], go: Path) -> None:
    """When every child is ready (``LOG.ready``), start them together half a second from now."""
    deadline = time.monotonic() + CHILD_CAP
    while not all(Path(f"{log}.ready").exists() for log in logs):
        if any(child.process.poll() not in (None, 0) for child in children):
            _finish(children, 0)  # says which failed, and stops the others
        if time.monotonic() > deadline:
            for child in children:
                child.process.kill()
                child.process.wait()
            raise RuntimeError(f"the room benchmark's laptops were not ready in {CHILD_CAP:.0f} s")
        time.sleep(0.05)
    go.write_text(f"{time.time() + 0.5}\n", encoding="utf-8")


def _rate(logs: Sequence[Path], seconds: float) -> float:
    return sum(json.loads(log.read_text(encoding="utf-8"))["edits"] for log in logs) / seconds


def _verb_throughput(work: Path, laptops: Sequence[Laptop], seconds: float, listen: bool) -> float:
    """The leaders' laptops editing through the verbs; ``listen``: each with the room's listener
    running, as a window has it (every edit then wakes every laptop to read it)."""
    leaders = laptops[1:]
    name = "listening" if listen else "verbs"
    go = work / f"{name}.go"
    logs = [work / f"{name}-{index}.json" for index in range(len(leaders))]
    children = [
        _child(work, "verbs", laptop.replica, log, go, seconds, int(listen))
        for laptop, log in zip(leaders, logs, strict=True)
    ]
    _go(children, logs, go)
    _finish(children, CHILD_CAP + seconds)
    return _rate(logs, seconds)


def _bare_throughput(
    work: Path, server: Any, admin: str, laptops: Sequence[Laptop], seconds: float
) -> tuple[float, float]:
    """Bare INSERTs of a stance row by each leader's role: into the room's table, then into a copy
    of it without the room's trigger, policies or keys."""
    import psycopg
    from psycopg import sql

    leaders = laptops[1:]
    with psycopg.connect(
        host=server.host,
        port=server.port,
        user="offsite",
        password=admin,
        dbname=ROOM_DATABASE,
        autocommit=True,
    ) as connection:
        connection.execute("CREATE SCHEMA IF NOT EXISTS bench")
        connection.execute(
            "CREATE TABLE IF NOT EXISTS bench.stance_record (LIKE public.stance_record INCLUDING DEFAULTS)"
        )
        for laptop in leaders:
            role = sql.Identifier(laptop.role)
            connection.execute(sql.SQL("GRANT USAGE ON SCHEMA bench TO {}").format(role))
            connection.execute(sql.SQL("GRANT INSERT ON bench.stance_record TO {}").format(role))
    rates = []
    for schema in ("public", "bench"):
        go = work / f"bare-{schema}.go"
        logs = [work / f"bare-{schema}-{index}.json" for index in range(len(leaders))]
        children = [
            _child(work, "inserts", server.host, server.port, laptop.role, schema, log, go, seconds)
            for laptop, log in zip(leaders, logs, strict=True)
        ]
        _go(children, logs, go)
        _finish(children, CHILD_CAP + seconds)
        rates.append(_rate(logs, seconds))
    return rates[0], rates[1]


# -- what the run prints ---------------------------------------------------------------------------


def report(done: RoomFigures, table: list[tuple[str, str, str]]) -> None:
    """Print the run's lines (in the style of bench/run.py) and add its rows to the goals table."""
    from run import ratio

    timed = f"{done.latency.count} of {done.asked} edits"
    print(f"room       a leader's edit to the facilitator's repaint, {done.leaders} leaders, one machine")
    print(f"           bare INSERT+NOTIFY to LISTEN wake-up   {done.bare_latency.text()}")
    print(
        f"           stance recorded to its cell painted    {done.latency.text()}   ratio "
        f"{ratio(done.latency.median, done.bare_latency.median)} (p95 "
        f"{ratio(done.latency.p95, done.bare_latency.p95)}; {timed})"
    )
    print(f"           the leader's verb returned after       {done.acknowledged.text()}")
    print(f"           the facilitator's cell patched after   {done.patched.text()}", flush=True)
    print(f"           throughput, {done.leaders} leaders for {done.seconds:g} s each as fast as they can")
    print(f"           bare INSERT of a stance row, own role  {done.bare_per_second:9,.0f} edits/s")
    print(f"           the same into a bare copy of the table {done.untriggered_per_second:9,.0f} edits/s")
    for what, rate in (
        ("stances and check-ins via the verbs   ", done.verbs_per_second),
        ("the same, every laptop listening      ", done.listening_per_second),
    ):
        print(
            f"           {what} {rate:9,.0f} edits/s   ratio {ratio(rate, done.bare_per_second)}",
            flush=True,
        )
    table.append(
        (
            "a leader's stance to the facilitator's Buy-in cell painted, median / p95 (baseline: bare psycopg "
            "INSERT + NOTIFY to a LISTEN wake-up, same server)",
            f"{_ms(done.latency.median)} ms / {_ms(done.latency.p95)} ms "
            f"({ratio(done.latency.median, done.bare_latency.median)} / "
            f"{ratio(done.latency.p95, done.bare_latency.p95)} the baseline's "
            f"{_ms(done.bare_latency.median)} ms / {_ms(done.bare_latency.p95)} ms)",
            "≤ 250 ms on one machine",
        )
    )
    table.append(
        (
            f"edits acknowledged by the server from {done.leaders} leaders' laptops through the verbs, each laptop "
            "listening as its window does / none listening (baseline: bare psycopg INSERT of a stance row per "
            "transaction, as the same roles)",
            f"{done.listening_per_second:,.0f} / {done.verbs_per_second:,.0f} edits/s "
            f"({ratio(done.listening_per_second, done.bare_per_second)} / "
            f"{ratio(done.verbs_per_second, done.bare_per_second)} the baseline's "
            f"{done.bare_per_second:,.0f} edits/s; {done.untriggered_per_second:,.0f} into a bare copy of the table)",
            "none set yet",
        )
    )


def run_room(work: Path, settings: str | RoomSettings, table: list[tuple[str, str, str]]) -> None:
    """The room's rows: ``settings`` by its name (bench/run.py's run: full, quick or smoke) or given.
    Without PostgreSQL's server on this machine they are not measured, and the run says so."""
    from offsite.store.room.localserver import ServerError, server_binaries

    try:
        server_binaries()
    except ServerError as error:
        print(f"room       not measured: {error}", flush=True)
        return
    folder = work / "room"
    folder.mkdir(exist_ok=True)
    report(bench_room(folder, RUNS[settings] if isinstance(settings, str) else settings), table)


# -- the child processes ---------------------------------------------------------------------------


def _wait_for(path: Path, cap: float = CHILD_CAP) -> None:
    deadline = time.monotonic() + cap
    while not path.exists():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{path.name} never came")
        time.sleep(0.01)


def _start_time(go: Path) -> float:
    """The wall-clock time every throughput process starts at (the run writes it once all are ready)."""
    _wait_for(go)
    start = float(go.read_text(encoding="utf-8"))
    time.sleep(max(0.0, start - time.time()))
    return start


def leader_child(replica: Path, log: Path, ready: Path, edits: int) -> None:
    """Record stances one at a time on the first two objectives, cycling the stance on each cell; log
    ``edit-N before acknowledged`` (wall clock) for each."""
    from offsite.domain.values import Stance
    from offsite.services.buyin import record_stance
    from offsite.services.plans import read_plan
    from offsite.services.room import open_room

    plan = open_room(replica)
    view = read_plan(plan)
    me = next(leader.id for leader in view.leaders if leader.uid == plan.state.leader_uid)
    objectives = [o.id for o in view.objectives[:2]]
    _wait_for(ready)
    rng = random.Random(7)
    with log.open("w", encoding="utf-8") as out:
        for n in range(WARM_UP + edits):
            stance = Stance(CYCLE[(n // 2) % len(CYCLE)])
            before = time.time()
            record_stance(plan, objectives[n % 2], me, stance, f"edit-{n}")
            acknowledged = time.time()
            out.write(f"edit-{n} {before:.6f} {acknowledged:.6f}\n")
            out.flush()
            time.sleep(rng.uniform(*PAUSE))
    Path(f"{log}.done").touch()
    plan.close()


def facilitator_child(
    replica: Path, log: Path, leader_done: Path, leader_name: str, edits: int, work: Path
) -> None:
    """The facilitator's window on its replica, showing Buy-in: log ``edit-N patched painted`` (wall
    clock) when the leader's cell takes the stance ``edit-N`` and when a paint of that cell has finished."""
    from PySide6.QtCore import QEvent, QModelIndex, QObject, QSettings, Qt, QTimer
    from PySide6.QtWidgets import QApplication
    from window import quiet_qt, wait_until

    from offsite.gui.app import make_application
    from offsite.gui.shell import MainWindow

    app = make_application([])
    quiet_qt()
    window = MainWindow(QSettings(str(work / "facilitator.ini"), QSettings.Format.IniFormat))
    window.resize(1280, 800)
    window.show()
    if not window.open_path(replica, ask=False):
        raise RuntimeError("the facilitator's window did not open the room")
    window.show_view("buyin")
    if window.integrity is not None:
        window.integrity.wait()
    link = window.room_link
    wait_until(lambda: link is not None and link.online is True, "the room's link", cap=120)
    page = window.phase_pages["buyin"]
    model, view = page.matrix, page.ui.matrixView  # type: ignore[attr-defined]
    column = next(
        c
        for c in range(model.columnCount() - 1)
        if str(model.headerData(c, Qt.Orientation.Horizontal)).split("\n")[0] == leader_name
    )
    cells = [model.index(row, column) for row in (1, 0)]
    for cell in cells:  # the leader's cells in sight: a cell scrolled away is never painted
        view.scrollTo(cell)
    QApplication.processEvents()
    if not all(view.viewport().rect().intersects(view.visualRect(cell)) for cell in cells):
        raise RuntimeError("the leader's cells are not in sight on the Buy-in page")

    patched: dict[str, float] = {}
    painted: dict[str, float] = {}
    waiting: dict[int, str] = {}  # row: the edit its cell shows and has not painted yet

    def comment_at(cell: QModelIndex) -> str:
        """The comment of the stance the cell shows: its tooltip's quoted line."""
        tip = str(model.data(cell, Qt.ItemDataRole.ToolTipRole) or "")
        quoted = [line for line in tip.splitlines() if line.startswith("“") and line.endswith("”")]
        return quoted[0].strip("“”") if quoted else ""

    def on_data_changed(top: QModelIndex, bottom: QModelIndex, *_roles: object) -> None:
        now = time.time()
        for cell in cells:
            if top.row() <= cell.row() <= bottom.row() and top.column() <= column <= bottom.column():
                edit = comment_at(cell)
                if edit.startswith("edit-") and edit not in patched:
                    patched[edit] = now
                    waiting[cell.row()] = edit

    def stamp(edits: list[str]) -> None:
        now = time.time()  # the paint event has returned: the cell is drawn into the window
        for edit in edits:
            painted.setdefault(edit, now)

    class PaintWatch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and waiting:
                region = event.region()  # type: ignore[attr-defined]
                drawn = [
                    waiting.pop(row)
                    for row in list(waiting)
                    if region.intersects(view.visualRect(model.index(row, column)))
                ]
                if drawn:
                    QTimer.singleShot(0, lambda: stamp(drawn))
            return False

    watch = PaintWatch()
    view.viewport().installEventFilter(watch)
    model.dataChanged.connect(on_data_changed)
    leader_finished: list[float] = []

    def check() -> None:
        if len(painted) >= WARM_UP + edits:
            app.quit()
        elif leader_done.exists():
            leader_finished.append(time.monotonic())
            if leader_finished[-1] - leader_finished[0] > 5:  # what has not come by now never will
                app.quit()

    poll = QTimer(interval=100)
    poll.timeout.connect(check)
    poll.start()
    Path(f"{log}.ready").touch()
    app.exec()
    with log.open("w", encoding="utf-8") as out:
        for edit, at in patched.items():
            if edit in painted:
                out.write(f"{edit} {at:.6f} {painted[edit]:.6f}\n")
    window.close_document()
    window.close()


def verbs_child(replica: Path, log: Path, go: Path, seconds: float, listen: bool) -> None:
    """A leader's laptop recording stances and check-ins through the verbs, one after another, for
    ``seconds``: the edits acknowledged in time. ``listen``: with the room's listener running, as the
    laptop's window has it, reading every other laptop's edits into the replica meanwhile."""
    from offsite.domain.values import Stance
    from offsite.services.buyin import record_stance
    from offsite.services.checkins import check_in
    from offsite.services.plans import read_plan
    from offsite.services.room import RoomListener, open_room

    plan = open_room(replica)
    view = read_plan(plan)
    me = next(leader.id for leader in view.leaders if leader.uid == plan.state.leader_uid)
    objectives = [o.id for o in view.objectives]
    metrics = [m.id for o in view.objectives for m in o.metrics]

    def edit(n: int) -> None:
        if n % 2:
            record_stance(plan, objectives[n % len(objectives)], me, Stance(CYCLE[n % len(CYCLE)]), f"t{n}")
        else:  # a day of this leader's own, so no other leader's check-in is replaced
            day = dt.date(2027, 1, 1) + dt.timedelta(days=me * 10_000 + n)
            check_in(plan, metrics[n % len(metrics)], n % 500, as_of=day, note=f"t{n}", leader_id=me)

    listener = RoomListener(plan)
    if listen:
        listener.start()
    edit(1), edit(2)  # each verb's first call loads its code
    wait_online = time.monotonic() + CHILD_CAP
    while listen and listener.online is not True and time.monotonic() < wait_online:
        time.sleep(0.01)
    Path(f"{log}.ready").touch()
    start = _start_time(go)
    until = start + seconds
    edits, n = 0, 2
    while time.time() < until:
        n += 1
        edit(n)
        if time.time() <= until:
            edits += 1
    listener.stop()
    plan.close()
    log.write_text(json.dumps({"edits": edits}), encoding="utf-8")


def inserts_child(host: str, port: int, role: str, schema: str, log: Path, go: Path, seconds: float) -> None:
    """Bare psycopg: a stance row INSERTed as ``role`` into ``schema``.stance_record, one transaction
    each, for ``seconds``: the rows committed in time."""
    import psycopg
    from psycopg import sql

    from offsite.store.room.credentials import passfile

    with psycopg.connect(
        host=host, port=port, dbname=ROOM_DATABASE, user=role, passfile=str(passfile())
    ) as db:
        (leader,) = db.execute(
            "SELECT leader_id FROM room_seat WHERE role_name = current_user"
        ).fetchone() or (None,)
        objectives = [row[0] for row in db.execute("SELECT id FROM objective ORDER BY id")]
        db.commit()
        insert = sql.SQL(
            "INSERT INTO {}.stance_record (uid, objective_id, leader_id, stance, comment, recorded_at) "
            "VALUES (%s, %s, %s, %s, %s, now())"
        ).format(sql.Identifier(schema))
        Path(f"{log}.ready").touch()
        start = _start_time(go)
        until = start + seconds
        edits = n = 0
        while time.time() < until:
            n += 1
            db.execute(
                insert, (str(uuid.uuid4()), objectives[n % len(objectives)], leader, CYCLE[n % 3], f"t{n}")
            )
            db.commit()
            if time.time() <= until:
                edits += 1
    log.write_text(json.dumps({"edits": edits}), encoding="utf-8")


def bare_listener_child(host: str, port: int, log: Path, writer_done: Path, edits: int) -> None:
    """LISTEN on the bare channel; log ``edit-N woke`` (wall clock) for each notification."""
    import psycopg

    from offsite.store.room.credentials import passfile

    woke: list[tuple[str, float]] = []
    with psycopg.connect(
        host=host, port=port, dbname=BARE_DATABASE, user="offsite", passfile=str(passfile()), autocommit=True
    ) as db:
        db.execute(f"LISTEN {BARE_CHANNEL}")
        Path(f"{log}.ready").touch()
        quiet = 0
        while len(woke) < WARM_UP + edits and quiet < 5:
            got = False
            for note in db.notifies(timeout=1.0):
                woke.append((note.payload, time.time()))
                got = True
                if len(woke) >= WARM_UP + edits:
                    break
            quiet = 0 if got or not writer_done.exists() else quiet + 1
    log.write_text("".join(f"{edit} {at:.6f}\n" for edit, at in woke), encoding="utf-8")


def bare_writer_child(host: str, port: int, log: Path, ready: Path, edits: int) -> None:
    """A bare INSERT and NOTIFY in one transaction, one at a time; log ``edit-N before`` for each."""
    import psycopg

    from offsite.store.room.credentials import passfile

    _wait_for(ready)
    rng = random.Random(7)
    with (
        psycopg.connect(
            host=host, port=port, dbname=BARE_DATABASE, user="offsite", passfile=str(passfile())
        ) as db,
        log.open("w", encoding="utf-8") as out,
    ):
        for n in range(WARM_UP + edits):
            edit = f"edit-{n}"
            before = time.time()
            db.execute("INSERT INTO ping (note) VALUES (%s)", (edit,))
            db.execute("SELECT pg_notify(%s, %s)", (BARE_CHANNEL, edit))
            db.commit()
            acknowledged = time.time()
            out.write(f"{edit} {before:.6f} {acknowledged:.6f}\n")
            out.flush()
            time.sleep(rng.uniform(*PAUSE))
    Path(f"{log}.done").touch()


CHILDREN = {
    "leader": lambda a: leader_child(Path(a[0]), Path(a[1]), Path(a[2]), int(a[3])),
    "facilitator": lambda a: facilitator_child(
        Path(a[0]), Path(a[1]), Path(a[2]), a[3], int(a[4]), Path(a[5])
    ),
    "verbs": lambda a: verbs_child(Path(a[0]), Path(a[1]), Path(a[2]), float(a[3]), a[4] == "1"),
    "inserts": lambda a: inserts_child(a[0], int(a[1]), a[2], a[3], Path(a[4]), Path(a[5]), float(a[6])),
    "bare-listener": lambda a: bare_listener_child(a[0], int(a[1]), Path(a[2]), Path(a[3]), int(a[4])),
    "bare-writer": lambda a: bare_writer_child(a[0], int(a[1]), Path(a[2]), Path(a[3]), int(a[4])),
}


def main(argv: list[str] | None = None) -> None:
    import argparse

    arguments = sys.argv[1:] if argv is None else argv
    if arguments[:1] == ["--child"]:
        CHILDREN[arguments[1]](arguments[2:])
        return
    parser = argparse.ArgumentParser(description="The room on PostgreSQL: latency and throughput.")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--quick", action="store_true", help="40 edits, 5 s of throughput")
    group.add_argument("--smoke", action="store_true", help="5 edits, 1 s of throughput, three leaders")
    parser.add_argument("--edits", type=int, help="timed edits for the latency (after a warm-up of 3)")
    parser.add_argument("--seconds", type=float, help="seconds of each throughput run")
    parser.add_argument("--leaders", type=int, help="leaders' laptops in the room (10 unless told)")
    args = parser.parse_args(arguments)
    name = "smoke" if args.smoke else "quick" if args.quick else "full"
    base = RUNS[name]
    settings = RoomSettings(
        args.edits or base.edits, args.seconds or base.seconds, args.leaders or base.leaders
    )
    table: list[tuple[str, str, str]] = []
    print(f"Offsite room benchmark ({name} run) on {os.cpu_count()} cores", flush=True)
    with tempfile.TemporaryDirectory(prefix="offsite-bench-room-") as folder:
        run_room(Path(folder), settings, table)
    from run import print_table

    print_table(table)


if __name__ == "__main__":
    main()
