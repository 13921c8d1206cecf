"""File ▸ Start the Next Cycle: the next offsite's plan, started from the plan in the window.

The action opens the dialog (``gui.cycle_dialog``: which objectives to carry over, the title, the
horizon, the file); its OK writes the new plan on a worker (``exchange.cycle``), then offers to
open it. The plan in the window is only read, so a signed or read-only plan starts its next cycle
as well as any. The dialog opens window-modal with ``open()`` (never ``exec()``): the flow goes on
in slots, so the event loop keeps running and tests drive it like a user. The dialog, the exchange
and the services load when the action is first chosen: the window opens as fast without them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog

from offsite.domain.errors import CancelledError
from offsite.domain.formatting import format_number
from offsite.domain.language import QT_TRANSLATE_NOOP, plural, translate
from offsite.gui import dialogs

if TYPE_CHECKING:
    from collections.abc import Callable

    from offsite.gui.cycle_dialog import NextCycleDialog
    from offsite.gui.host import Host

ACTION_TEXT = QT_TRANSLATE_NOOP("NextCycleDialog", "Start the &Next Cycle…")
ACTION_TIP = QT_TRANSLATE_NOOP(
    "NextCycleDialog",
    "Start the next offsite's plan from this one: the unfinished objectives become its candidates",
)


class CycleJob:
    """A step of the flow as a worker job: ``work`` reads the plan (and writes a file), touching no
    widget; what it returns waits in ``result`` for the UI thread (a job hands over a path only)."""

    def __init__(self, work: Callable[[], Any], path: Path) -> None:
        self.work, self.path = work, path
        self.result: Any = None

    def __call__(self, progress: Callable[[int, int], None], is_cancelled: Callable[[], bool]) -> Path:
        if is_cancelled():
            raise CancelledError(translate("NextCycleDialog", "Cancelled; nothing was written."))
        self.result = self.work()
        return self.path


class NextCycle(QObject):
    """File ▸ Start the Next Cycle of one main window: its action, dialog and worker."""

    def __init__(self, window: Host) -> None:
        super().__init__(window)
        self.main = window
        #: The dialog under way (a test drives it as a user would).
        self.dialog: NextCycleDialog | None = None
        self._reading: CycleJob | None = None
        self.action = QAction(translate("NextCycleDialog", ACTION_TEXT), window)
        self.action.setObjectName("actionStartNextCycle")
        tip = translate("NextCycleDialog", ACTION_TIP)
        self.action.setToolTip(tip)
        self.action.setStatusTip(tip)
        self.action.triggered.connect(self.start)
        menu, before = window.ui.menuFile, window.ui.actionExportPdf
        menu.insertAction(before, self.action)
        menu.insertSeparator(before)
        window.undo_group.activeStackChanged.connect(self._follow)  # a plan opened or closed
        self._follow()

    @Slot()
    def _follow(self) -> None:
        self.action.setEnabled(self.main.document is not None)

    @Slot()
    def start(self) -> None:
        document = self.main.document
        if document is None:
            return
        from offsite.services.cycle import read_outcomes
        from offsite.services.draft_marking import read_draft_info

        plan = document.plan
        if read_draft_info(plan) is not None:
            dialogs.show_error(
                self.main,
                translate(
                    "NextCycleDialog",
                    "This file is a leader's draft; start the next cycle from the plan the facilitator keeps.",
                ),
            )
            return
        # A plan of thousands of objectives takes a moment to read: on the worker, as an export.
        job = CycleJob(lambda: read_outcomes(plan), plan.path)
        if (
            self.main.run_job(
                translate("NextCycleDialog", "Reading the plan's objectives…"),
                job,
                self._read,
                cancelled=translate("NextCycleDialog", "Cancelled; the next cycle was not started."),
            )
            is not None
        ):
            self._reading = job

    @Slot(str)
    def _read(self, _plan_path: str) -> None:
        job, self._reading = self._reading, None
        document = self.main.document
        if job is None or document is None:
            return
        from offsite.exchange.cycle import proposed_title
        from offsite.gui.cycle_dialog import NextCycleDialog

        details = document.outline().details
        title, horizon = proposed_title(details.title, details.horizon)
        dialog = NextCycleDialog(job.result, title, horizon, document.plan.path, self.main)
        dialog.chosen.connect(self._write)
        dialog.finished.connect(self._dialog_finished)
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = dialog
        dialog.open()

    @Slot(int)
    def _dialog_finished(self, _result: int) -> None:
        dialog = self.sender()
        if dialog is self.dialog:
            self.dialog = None
        if isinstance(dialog, QDialog):
            dialog.deleteLater()

    @Slot(list, str, str, str)
    def _write(self, uids: list[str], title: str, horizon: str, target: str) -> None:
        document, dialog = self.main.document, self.dialog
        if document is None or dialog is None:
            return
        from offsite.exchange.cycle import start_next_cycle

        plan, path = document.plan, Path(target)
        job = CycleJob(
            lambda: start_next_cycle(plan, path, objective_uids=uids, title=title, horizon=horizon), path
        )
        thread = self.main.run_job(
            translate("NextCycleDialog", "Starting the next cycle…"),
            job,
            self._written,
            cancelled=translate("NextCycleDialog", "Cancelled; nothing was written."),
        )
        if thread is not None:
            dialog.set_busy(True)
            thread.finished.connect(self._job_over)

    @Slot()
    def _job_over(self) -> None:
        if self.dialog is not None:
            self.dialog.set_busy(False)  # a failure was shown; the dialog stays to put it right

    @Slot(str)
    def _written(self, out: str) -> None:
        path = Path(out)
        carried = len(self.dialog.ticked()) if self.dialog is not None else 0
        if self.dialog is not None:
            self.dialog.accept_written()
        candidates = plural(
            carried,
            translate("NextCycleDialog", "{count} objective carried over as candidates"),
            translate("NextCycleDialog", "{count} objectives carried over as candidates"),
        ).format(count=format_number(carried))
        if dialogs.ask_yes_no(
            self.main,
            translate(
                "NextCycleDialog",
                "Started the next cycle in “{file}”: {candidates}, the definitions waiting for "
                "everyone's buy-in again.\n\nOpen it now?",
            ).format(file=path.name, candidates=candidates),
        ) and self.main.open_path(path):
            self.main.notifier.wrote(
                translate(
                    "NextCycleDialog",
                    "This is the next cycle's plan: {candidates} on the Brainstorm page, the last cycle's "
                    "lessons in the parking lot (View ▸ Parking Lot).",
                ).format(candidates=candidates),
                path,
            )
            return
        self.main.notifier.wrote(translate("NextCycleDialog", "Started the next cycle's plan:"), path)
