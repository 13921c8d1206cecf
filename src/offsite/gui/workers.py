"""Slow work off the UI thread: a job runs in a QThread; results and errors return as signals.

The job gets ``progress(done, total)`` and ``is_cancelled()``; it must not touch a widget.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

from offsite.domain.errors import CancelledError, OffsiteError
from offsite.domain.language import translate

log = logging.getLogger(__name__)

Job = Callable[[Callable[[int, int], None], Callable[[], bool]], Path]


class JobThread(QThread):
    progressed = Signal(int, int)
    succeeded = Signal(str)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, job: Job, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._job = job
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            path = self._job(self.progressed.emit, self._cancel.is_set)
        except CancelledError:
            self.cancelled.emit()
        except OffsiteError as error:
            self.failed.emit(str(error))
        except Exception as error:  # a bug: log it whole, tell the user plainly
            log.exception("background job failed")
            self.failed.emit(
                translate(
                    "Background", "The export failed unexpectedly ({error}). Nothing was written."
                ).format(error=f"{type(error).__name__}: {error}")
            )
        else:
            self.succeeded.emit(str(path))
