"""The last resort for bugs: log the traceback and tell the user their plan is safe."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

log = logging.getLogger(__name__)


def install_excepthook(log_file: str) -> None:
    """Route uncaught exceptions to the log and a dialog (tests leave it off: pytest-qt reports them)."""

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        log.critical("uncaught exception", exc_info=(kind, error, tb))
        if QApplication.instance() is None:
            traceback.print_exception(kind, error, tb)
            return
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            "Offsite hit a problem",
            "Something went wrong inside Offsite. Every change shown as saved is in your plan file.",
        )
        box.setInformativeText(f"{kind.__name__}: {error}\n\nDetails were written to {log_file}.")
        box.setDetailedText("".join(traceback.format_exception(kind, error, tb)))
        box.exec()

    sys.excepthook = hook
