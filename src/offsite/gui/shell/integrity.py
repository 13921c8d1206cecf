"""The integrity check of an open plan, on a worker thread once the plan is on screen.

``quick_check`` reads every page of the file: on a large plan that is the slowest step of
opening it, and nothing on the first screen waits for it. It runs once per open; if it finds
damage, the window says so and keeps the plan read-only (see ``MainWindow.plan_damaged``).
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, Signal

from offsite.domain.errors import NotAPlanError, OffsiteError
from offsite.services.plans import PlanFile

log = logging.getLogger(__name__)


class IntegrityCheck(QObject):
    """Checks ``plan`` on a thread of its own; ``finished`` carries "" (sound) or the sentence saying it is damaged."""

    #: "" when the plan is sound, else the sentence saying what is wrong; delivered on the UI thread.
    finished = Signal(str)

    def __init__(self, plan: PlanFile, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.result: str | None = None
        self._thread = threading.Thread(target=self._run, name="offsite-integrity-check", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def wait(self) -> str:
        """Block until the check is done; its result ("" when sound). For a caller that must know now."""
        self._thread.join()
        return self.result or ""

    def _run(self) -> None:
        try:
            self.plan.check_integrity()
        except NotAPlanError as error:  # damage: the window says so and keeps the plan read-only
            self.result = str(error)
        except OffsiteError as error:  # not checked (another program held the plan too long): not damage
            log.warning("the integrity check could not run: %s", error)
            self.result = ""
        except Exception:  # a bug, not damage: the plan stays as it was opened
            log.exception("the integrity check failed")
            self.result = ""
        else:
            self.result = ""
        self.finished.emit(self.result)  # queued to the UI thread: this object lives there
