"""The last resort for bugs: log the traceback and tell the user their plan is safe."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from functools import wraps
from types import TracebackType
from typing import Any, TypeVar

from PySide6.QtWidgets import QApplication, QMessageBox

from offsite.domain.language import translate

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
            translate("Crash", "Offsite hit a problem"),
            translate(
                "Crash",
                "Something went wrong inside Offsite. Every change shown as saved is in your plan file.",
            ),
        )
        box.setInformativeText(
            translate("Crash", "{error}\n\nDetails were written to {log}.").format(
                error=f"{kind.__name__}: {error}", log=log_file
            )
        )
        box.setDetailedText("".join(traceback.format_exception(kind, error, tb)))
        box.exec()

    sys.excepthook = hook


Override = TypeVar("Override", bound=Callable[..., Any])


def contained(override: Override) -> Override:
    """A Qt virtual override (``showEvent``, ...) whose errors go to ``sys.excepthook`` instead of
    back into Qt.

    PySide6 (6.10 to 6.12, on this Python) crashes the whole process when an exception the
    interpreter raised itself (an index out of range, a division by zero) leaves a Python override
    of a C++ virtual: its error report reads the exception's arguments before they exist. A bug in
    a page's reading must cost the user a message, never the window: the hook logs it and says the
    plan is safe (pytest-qt's hook makes the test fail, with the traceback).
    """

    @wraps(override)
    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            return override(*args, **kwargs)
        except Exception:
            sys.excepthook(*sys.exc_info())
            return None

    return call  # type: ignore[return-value]
