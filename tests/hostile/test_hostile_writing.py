"""Writing a new plan whole or not at all: two commands racing for one name, a kill midway, a full disk.

Every command that creates a plan file (import, pack, draft, demo) builds it beside its target
and links it into place only when it is finished and nothing holds that name.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from hostile_files import TIMEOUT, Run, command

PAIRS = 10
KILLS = 15


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("DISPLAY", None)
    env["QT_QPA_PLATFORM"] = "offscreen"
    for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        folder = tmp_path / "home" / variable.lower()
        folder.mkdir(parents=True, exist_ok=True)
        env[variable] = str(folder)
    return env


def _start(tmp_path: Path, *args: str | Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*command(), *map(str, args)],
        cwd=tmp_path,
        env=_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )


def _race(
    tmp_path: Path, one: tuple[str | Path, ...], other: tuple[str | Path, ...]
) -> list[tuple[int, str, str]]:
    """Both commands started together; each one's (exit code, stdout, stderr)."""
    children = [_start(tmp_path, *one), _start(tmp_path, *other)]
    results = []
    for child in children:
        out, err = child.communicate(timeout=TIMEOUT * 4)
        results.append((child.returncode, out, err))
    return results


def _leftovers(folder: Path) -> list[str]:
    """Temporary files and SQLite sidecars: none once every command has finished."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith((".part", "-wal", "-shm", "-journal")))


@pytest.fixture
def plan_path(tmp_path: Path, demo_plan_bytes: bytes) -> Path:
    path = tmp_path / "plan.offsite"
    path.write_bytes(demo_plan_bytes)
    return path


@pytest.fixture
def sources(offsite: Run, plan_path: Path, tmp_path: Path) -> dict[str, Path]:
    """Two interchange documents with different titles: which one a plan came from shows."""
    assert offsite("export", plan_path, "demo.json").returncode == 0
    document = json.loads((tmp_path / "demo.json").read_text(encoding="utf-8"))
    found = {}
    for title in ("Plan A", "Plan B"):
        document["plan"]["title"] = title
        found[title] = tmp_path / f"{title}.json"
        found[title].write_text(json.dumps(document), encoding="utf-8")
    return found


def _title(offsite: Run, plan: Path) -> str:
    result = offsite("export", plan, plan.with_suffix(".check.json"))
    assert result.returncode == 0, result.stderr
    title: str = json.loads(plan.with_suffix(".check.json").read_text(encoding="utf-8"))["plan"]["title"]
    plan.with_suffix(".check.json").unlink()
    return title


def test_two_imports_to_one_name_at_once_one_succeeds_the_other_is_told(
    offsite: Run, sources: dict[str, Path], tmp_path: Path
) -> None:
    for pair in range(PAIRS):
        target = f"new-{pair}.offsite"
        results = _race(
            tmp_path, ("import", sources["Plan A"], target), ("import", sources["Plan B"], target)
        )
        codes = sorted(code for code, _, _ in results)
        assert codes == [0, 1], (pair, results)
        winner = ("Plan A", "Plan B")[[code for code, _, _ in results].index(0)]
        loser_says = next(err for code, _, err in results if code != 0)
        assert loser_says == f"“{target}” already exists; choose another name for the imported plan.\n"
        assert offsite("check", target).stdout == f"{target}: a sound plan.\n"
        assert _title(offsite, tmp_path / target) == winner  # whole, and the winner's
    assert _leftovers(tmp_path) == []


def test_two_packs_to_one_name_at_once_one_is_written_the_other_is_told(
    offsite: Run, plan_path: Path, tmp_path: Path
) -> None:
    for pair in range(PAIRS):
        target = f"pack-{pair}.offsite"
        results = _race(
            tmp_path,
            ("pack", plan_path, "--leader", "Maya Okafor", "-o", target),
            ("pack", plan_path, "--leader", "Priya Raman", "-o", target),
        )
        wrote = [out for code, out, _ in results if code == 0 and out.startswith(f"Wrote “{target}”")]
        assert len(wrote) == 1, (pair, results)
        refused = [(code, err) for code, _, err in results if code != 0]
        assert refused == [
            (
                1,
                f"“{target}” already exists and may hold a leader’s draft; choose a new file name for the pack.\n",
            )
        ], (pair, results)
        leader = "Maya Okafor" if "Maya Okafor’s draft pack" in wrote[0] else "Priya Raman"
        checked = offsite("check", target)
        assert checked.returncode == 0, checked.stderr
        assert f"a sound draft ({leader}’s draft of" in checked.stdout  # the one that said so, whole
    assert _leftovers(tmp_path) == []


def _size_of(folder: Path, stem: str) -> int:
    """How much of the new plan (under its own or a temporary name) is on the disk so far."""
    total = 0
    for path in folder.iterdir():
        if path.name.startswith((stem, f".{stem}")):
            try:
                total += path.stat().st_size
            except FileNotFoundError:
                continue
    return total


def test_an_import_killed_at_any_moment_never_leaves_half_a_plan(
    offsite: Run, sources: dict[str, Path], plan_path: Path, tmp_path: Path
) -> None:
    expected = json.loads(sources["Plan A"].read_text(encoding="utf-8"))
    statements = sorted(o["statement"] for o in expected["objectives"])
    killed = 0
    for run in range(KILLS):
        target = tmp_path / f"killed-{run}.offsite"
        child = _start(tmp_path, "import", sources["Plan A"], target)
        # Kill it at a different point each run: once the new plan holds this much.
        threshold = 1 + run * 40_000
        while child.poll() is None and _size_of(tmp_path, target.name) < threshold:
            time.sleep(0.001)  # polling the folder, not waiting for a guessed time
        if child.poll() is None:
            child.send_signal(signal.SIGKILL)
            killed += 1
        child.communicate(timeout=TIMEOUT)
        if target.exists():  # only ever the whole plan
            assert offsite("check", target).stdout == f"{target.name}: a sound plan.\n", run
            result = offsite("export", target, tmp_path / f"again-{run}.json")
            assert result.returncode == 0, result.stderr
            document = json.loads((tmp_path / f"again-{run}.json").read_text(encoding="utf-8"))
            assert sorted(o["statement"] for o in document["objectives"]) == statements, run
    assert killed >= KILLS // 2  # most runs really were killed midway


@pytest.mark.parametrize(
    "args",
    [
        ("pack", "{plan}", "--leader", "Maya Okafor", "-o", "{out}"),
        ("draft", "{out}", "--leader", "Maya Okafor", "--team", "Sales"),
        ("import", "{json}", "{out}"),
    ],
    ids=["pack", "draft", "import"],
)
def test_a_full_disk_gives_one_sentence_and_leaves_nothing(
    offsite: Run, sources: dict[str, Path], plan_path: Path, small_disk: Path, args: tuple[str, ...]
) -> None:
    ballast = small_disk / "holiday photos.jpg"
    free = os.statvfs(small_disk).f_bavail * os.statvfs(small_disk).f_frsize
    ballast.write_bytes(b"\0" * max(0, free - 96 * 1024))  # room for less than a plan's empty schema
    out = small_disk / "new.offsite"
    filled = [a.format(plan=plan_path, out=out, json=sources["Plan A"]) for a in args]
    result = offsite(*filled)
    assert result.returncode == 2, result
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1, result.stderr
    assert "full" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in small_disk.iterdir()) == ["holiday photos.jpg"]
