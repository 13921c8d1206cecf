"""The room's benchmark runs end to end on a tiny room and prints every figure it promises.

Only the shape of the output is checked, never a figure: a benchmark is not a test of speed.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"

#: A time as the run prints it: "median 12.3 ms   p95 45.6 ms".
SPREAD = r"median +[\d,]+\.\d ms +p95 +[\d,]+\.\d ms"
RATE = r"[\d,]+ edits/s"
RATIO = r"[\d,]+\.\d\d×"


@pytest.mark.timeout(280)
def test_a_tiny_room_prints_its_latency_and_throughput_against_bare_postgresql(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(BENCH / "room.py"),
            "--smoke",
            "--leaders",
            "2",
            "--edits",
            "3",
            "--seconds",
            "0.5",
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        timeout=270,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.splitlines()
    expected = [
        r"room {7}a leader's edit to the facilitator's repaint, 2 leaders, one machine",
        rf" {{11}}bare INSERT\+NOTIFY to LISTEN wake-up +{SPREAD}",
        rf" {{11}}stance recorded to its cell painted +{SPREAD} +ratio {RATIO} \(p95 {RATIO}; 3 of 3 edits\)",
        rf" {{11}}the leader's verb returned after +{SPREAD}",
        rf" {{11}}the facilitator's cell patched after +{SPREAD}",
        r" {11}throughput, 2 leaders for 0.5 s each as fast as they can",
        rf" {{11}}bare INSERT of a stance row, own role +{RATE}",
        rf" {{11}}the same into a bare copy of the table +{RATE}",
        rf" {{11}}stances and check-ins via the verbs +{RATE} +ratio {RATIO}",
        rf" {{11}}the same, every laptop listening +{RATE} +ratio {RATIO}",
    ]
    start = next(i for i, line in enumerate(lines) if line.startswith("room "))
    printed = lines[start : start + len(expected)]
    assert len(printed) == len(expected), done.stdout
    for pattern, line in zip(expected, printed, strict=True):
        assert re.fullmatch(pattern, line), f"{line!r} does not read as {pattern!r}:\n{done.stdout}"
    table = [line for line in lines if line.startswith("| ")]
    assert table[0] == "| what | now | goal |"
    latency, throughput = (row.split(" | ") for row in table[1:])
    assert latency[0].startswith("| a leader's stance to the facilitator's Buy-in cell painted, median / p95")
    assert re.fullmatch(
        rf"[\d,.]+ ms / [\d,.]+ ms \({RATIO} / {RATIO} the baseline's [\d,.]+ ms / [\d,.]+ ms\)", latency[1]
    )
    assert latency[2] == "≤ 250 ms on one machine |"
    assert throughput[0].startswith(
        "| edits acknowledged by the server from 2 leaders' laptops through the verbs"
    )
    assert re.fullmatch(
        rf"[\d,]+ / {RATE} \({RATIO} / {RATIO} the baseline's {RATE}; [\d,]+ into a bare copy of the table\)",
        throughput[1],
    )
