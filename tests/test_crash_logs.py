"""A test process that crashes on its way out (as Qt's teardown can) leaves its stack and fails the run.

Each case runs pytest on a small test of its own, in a child process with the crash-log plugin:
the test arranges for its process to crash at exit, after every test passed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent

CRASHES_AT_EXIT = textwrap.dedent(
    """
    import atexit, faulthandler, resource

    def test_passes_then_the_process_crashes_at_exit():
        resource.setrlimit(resource.RLIMIT_CORE, (0, resource.getrlimit(resource.RLIMIT_CORE)[1]))
        atexit.register(faulthandler._sigsegv)  # a fault in C code, after pytest is done
    """
)


def run_pytest(tmp_path: Path, *options: str) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """Pytest on ``test_exit.py`` (the crashing test unless the case wrote another) with ``options``;
    the result and the text of each non-empty crash log."""
    test = tmp_path / "test_exit.py"
    if not test.exists():
        test.write_text(CRASHES_AT_EXIT, encoding="utf-8")
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("PYTEST_", "OFFSITE_TEST_RUN"))  # this run's worker is no parent of that one
    }
    env.update(TMPDIR=str(temp), PYTHONPATH=os.pathsep.join([str(TESTS), env.get("PYTHONPATH", "")]))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "crash_logs",
            "-p",
            "no:cacheprovider",
            *options,
            "test_exit.py",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    logs = sorted((temp / "offsite-test-crashes").glob("*.log"))
    return result, [log.read_text(encoding="utf-8", errors="replace") for log in logs if log.stat().st_size]


def test_a_crash_at_exit_leaves_the_stack_in_the_crash_log(tmp_path: Path) -> None:
    result, crashed = run_pytest(tmp_path, "-p", "no:xdist")
    assert "1 passed" in result.stdout
    assert result.returncode < 0  # killed by the fault, after the tests
    assert len(crashed) == 1
    assert "Segmentation fault" in crashed[0]


def test_a_worker_crashing_at_exit_fails_the_parallel_run_and_shows_its_stack(tmp_path: Path) -> None:
    result, crashed = run_pytest(tmp_path, "-n", "1")
    assert "1 passed" in result.stdout
    assert len(crashed) == 1
    assert "Segmentation fault" in crashed[0]
    assert "a test worker crashed" in result.stdout
    assert "Segmentation fault" in result.stdout
    assert result.returncode == pytest.ExitCode.TESTS_FAILED


NEVER_ENDS = textwrap.dedent(
    """
    import threading

    def test_that_waits_for_something_that_never_happens():
        threading.Event().wait()
    """
)


def test_a_worker_ended_by_the_timeout_leaves_the_stack_of_the_test_it_ran(tmp_path: Path) -> None:
    (tmp_path / "test_exit.py").write_text(NEVER_ENDS, encoding="utf-8")
    result, crashed = run_pytest(tmp_path, "-n", "1", "-o", "timeout=2", "-o", "timeout_method=thread")
    assert "crashed while running" in result.stdout
    assert len(crashed) == 1
    assert "Timeout" in crashed[0]
    assert "test_that_waits_for_something_that_never_happens" in crashed[0]
