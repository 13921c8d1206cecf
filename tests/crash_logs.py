"""Where a test process that dies leaves every thread's stack, even when it dies on its way out.

Each test process (the pytest-xdist controller and each worker) writes faulthandler's dump of a
crash (a fault in Qt's or SQLite's C code) to ``$TMPDIR/offsite-test-crashes/<run>-<worker>-<pid>.log``:
a worker's own stderr is lost to pytest-xdist, so ``make test`` prints these files.

Three gaps are closed here:

* pytest's own faulthandler plugin turns faulthandler off when pytest unconfigures, so a crash in
  the interpreter's exit (Qt's objects destroyed in ``PySide6``'s exit handler, the modules
  cleared) wrote nothing. It is turned on again, on a descriptor no Python object owns (the
  exit closes every file object while it clears the modules).
* A worker that crashes on its way out has already told the controller its session finished, so
  pytest-xdist reports nothing and the run passes. The controller reads the logs of its own
  workers when they are gone and fails the run, printing the stacks, when one of them crashed.
* A test that outlives its timeout (pytest-timeout) ends its worker with ``os._exit``, after
  printing every thread's stack to the worker's terminal, which pytest-xdist discards: the worker
  is reported "crashed while running" the test, with no stack anywhere. faulthandler writes them to
  the log at the same moment, from its own thread (it needs no lock of Python's).
"""

from __future__ import annotations

import faulthandler
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest

CRASH_LOG_DIR = Path(tempfile.gettempdir()) / "offsite-test-crashes"
#: Set by the controller for its workers: the run whose logs the controller reads at the end.
RUN_VARIABLE = "OFFSITE_TEST_RUN"
#: How faulthandler's dump of a crash begins (a timeout's begins "Timeout"; pytest-xdist reports those).
FATAL = "Fatal Python error"

_log: list[int] = []  # the raw descriptor of this process's log, open until the process ends


def _text(log: Path) -> str:
    return log.read_text(encoding="utf-8", errors="replace")


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    CRASH_LOG_DIR.mkdir(exist_ok=True)
    if _worker() == "main":  # workers start after this and inherit the variable
        os.environ[RUN_VARIABLE] = str(os.getpid())
    run = os.environ[RUN_VARIABLE]
    path = CRASH_LOG_DIR / f"{run}-{_worker()}-{os.getpid()}.log"
    _log.append(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644))
    faulthandler.enable(file=_log[-1], all_threads=True)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    # After pytest's faulthandler plugin turned it off: on again until the process is gone.
    if _log:
        faulthandler.enable(file=_log[-1], all_threads=True)


@pytest.hookimpl(tryfirst=True)
def pytest_timeout_set_timer(item: pytest.Item, settings: Any) -> None:
    if _log and settings.timeout > 0:
        faulthandler.dump_traceback_later(settings.timeout, file=_log[-1])
    # None: pytest-timeout's own timer is set as well.


@pytest.hookimpl(tryfirst=True)
def pytest_timeout_cancel_timer(item: pytest.Item) -> None:
    faulthandler.cancel_dump_traceback_later()


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    """In the controller of a pytest-xdist run, once its workers are gone: fail on a worker's crash."""
    if _worker() != "main" or not session.config.pluginmanager.hasplugin("dsession"):
        return
    run = os.environ.get(RUN_VARIABLE, "")
    crashed = sorted(log for log in CRASH_LOG_DIR.glob(f"{run}-gw*-*.log") if FATAL in _text(log))
    if not crashed:
        return
    writer = session.config.get_terminal_writer()
    for log in crashed:
        writer.sep("!", f"a test worker crashed: {log}", red=True)
        writer.write(_text(log) + "\n")
    if session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
