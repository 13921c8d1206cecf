"""A pure computation on a worker thread, its result handed back to the UI thread by a signal.

For work that reads only immutable values (a ``PlanView``, tuples of nodes) and touches no widget
and no plan file: finding overlaps, suggesting themes. Unlike ``gui.workers.JobThread`` (exports,
with a progress dialog) nothing is shown while it runs; the page says what it is waiting for.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QThread, Signal

from offsite.domain.language import translate

log = logging.getLogger(__name__)


class Computation(QThread):
    """Runs ``work()`` once on a worker thread; ``done`` carries its result, ``failed`` a sentence.

    Connect ``done`` and ``failed`` to bound slots of a QObject (they then run queued on the UI
    thread), and let ``finished`` call ``release`` on the computation once it has been waited for.
    """

    done = Signal(object)
    failed = Signal(str)

    def __init__(self, work: Callable[[], object], what: str) -> None:
        super().__init__()
        self._work, self._what = work, what

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as error:  # a bug: log it whole, tell the user plainly
            log.exception("%s failed", self._what)
            self.failed.emit(
                translate("Background", "{what} failed unexpectedly ({error}).").format(
                    what=self._what, error=f"{type(error).__name__}: {error}"
                )
            )
        else:
            self.done.emit(result)

    def start_kept(self) -> None:
        """Start, kept alive until released: a thread must never be destroyed while it runs, even
        when the page or plan that started it goes away first."""
        _running.add(self)
        self.start()

    def release(self) -> None:
        """Forget a computation that has finished (waits the moment it takes to end)."""
        self.wait()
        _running.discard(self)


#: Computations started and not yet released (one whose page went away stays, finished, till the end).
_running: set[Computation] = set()


def wait_for_computations() -> None:
    """Let every computation still running end: a thread must not outlive the application."""
    for computation in list(_running):
        computation.wait()


def _on_quit() -> None:
    wait_for_computations()


def watch_quit() -> None:
    """Wait for running computations when the application quits (once per application)."""
    app = QCoreApplication.instance()
    if app is not None and not app.property("offsiteWaitsForComputations"):
        app.setProperty("offsiteWaitsForComputations", True)
        app.aboutToQuit.connect(_on_quit)
