"""Exports on a worker thread: File ▸ Export PDF, JSON, Results Report and Check-ins, and any slow
job of the window.

One job at a time, with a window-modal progress dialog that cancels it; the exchange modules
load on first use, so start-up does not pay for them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QProgressDialog

from offsite.domain.language import QT_TRANSLATE_NOOP, translate
from offsite.gui import dialogs
from offsite.gui.shell.base import ShellBase
from offsite.gui.shell.files import JSON_FILTER
from offsite.gui.workers import Job, JobThread

#: File ▸ Export Check-ins offers both: a workbook first (what most leaders open), then plain CSV.
CHECK_INS_FILTER = QT_TRANSLATE_NOOP("Dialogs", "Excel workbook (*.xlsx);;CSV, comma separated (*.csv)")
PDF_FILTER = QT_TRANSLATE_NOOP("Dialogs", "PDF documents (*.pdf)")


class Jobs(ShellBase):
    """The window's one job on a worker, with its progress dialog."""

    _job: JobThread | None
    _progress: QProgressDialog | None
    _cancelled_text: str

    def export_pdf(self) -> None:
        self._export("PDF", PDF_FILTER, ".pdf")

    def export_json(self) -> None:
        self._export("JSON", JSON_FILTER, ".json")

    def export_check_ins(self) -> None:
        """File ▸ Export Check-ins: the check-ins as XLSX or CSV, as the chosen name ends."""
        if self.document is None:
            return
        plan = self.document.plan
        suggested = dialogs.suggested_path(
            plan.path, self.document.outline().details.title, "-check-ins.xlsx"
        )
        path = dialogs.ask_save_path(
            self,
            translate("MainWindow", "Export Check-ins"),
            str(suggested),
            CHECK_INS_FILTER,
            (".xlsx", ".csv"),
        )
        if path is None:
            return

        def job(progress: Callable[[int, int], None], is_cancelled: Callable[[], bool]) -> Path:
            from offsite.exchange.tidy import export_tidy

            return export_tidy(plan, path, is_cancelled=is_cancelled)

        self.run_job(translate("MainWindow", "Exporting the check-ins…"), job, self._check_ins_exported)

    @Slot(str)
    def _check_ins_exported(self, out: str) -> None:
        path = Path(out)
        self.notifier.wrote(
            translate("MainWindow", "Exported the check-ins to {format}:").format(
                format=path.suffix.lstrip(".").upper()
            ),
            path,
        )

    def export_report(self) -> None:
        """File ▸ Export Results Report…: ask which period, then where, then write it on a worker."""
        if self.document is None:
            return
        from offsite.gui.report_dialog import ReportPeriodDialog
        from offsite.services.checkins import review_day

        today = review_day(self.document.plan)
        dialog = ReportPeriodDialog(self.document.outline().details, today, self)
        dialog.chosen.connect(self._report_period_chosen)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    @Slot(str)
    def _report_period_chosen(self, label: str) -> None:
        from offsite.domain.errors import OffsiteError
        from offsite.domain.progress import parse_period

        if self.document is None:
            return
        if self._job is not None and self._job.isRunning():  # the plan is read here, not beside a job
            self.notifier.say(
                translate("MainWindow", "An export is still running; wait for it or cancel it.")
            )
            return
        plan, period = self.document.plan, parse_period(label)
        title = self.document.outline().details.title
        name = translate("MainWindow", "{title} results report {period}").format(title=title, period=label)
        suggested = dialogs.suggested_path(plan.path, name, ".pdf")
        path = dialogs.ask_save_path(
            self, translate("MainWindow", "Export Results Report"), str(suggested), PDF_FILTER, ".pdf"
        )
        if path is None:
            return
        from offsite.exchange.report import export_report, read_report
        from offsite.services.checkins import review_day

        try:  # one read of the plan, here on the window's thread; the layout runs on the worker
            report = read_report(plan, period, review_day(plan))
        except OffsiteError as error:
            dialogs.show_error(self, str(error))
            return

        def job(progress: Callable[[int, int], None], is_cancelled: Callable[[], bool]) -> Path:
            return export_report(report, path, progress=progress, is_cancelled=is_cancelled)

        self.run_job(
            translate("MainWindow", "Writing the results report on {period}…").format(period=period.words),
            job,
            self._report_written,
        )

    @Slot(str)
    def _report_written(self, out: str) -> None:
        self.notifier.wrote(translate("MainWindow", "Wrote the results report:"), Path(out))

    def _export(self, name: str, file_filter: str, suffix: str) -> None:
        """Ask where, then write the export on a worker; the exchange modules load on first use."""
        if self.document is None:
            return
        plan = self.document.plan
        suggested = dialogs.suggested_path(plan.path, self.document.outline().details.title, suffix)
        title = translate("MainWindow", "Export {format}").format(format=name)
        path = dialogs.ask_save_path(self, title, str(suggested), file_filter, suffix)
        if path is None:
            return

        def job(progress: Callable[[int, int], None], is_cancelled: Callable[[], bool]) -> Path:
            if suffix == ".pdf":
                from offsite.exchange.pdf import export_plan_pdf

                return export_plan_pdf(plan, path, progress=progress, is_cancelled=is_cancelled)
            from offsite.exchange.interchange import write_json

            return write_json(plan, path)

        self.run_job(translate("MainWindow", "Exporting the plan to {format}…").format(format=name), job)

    def run_job(
        self,
        label: str,
        job: Job,
        succeeded: Callable[[str], None] | None = None,
        *,
        cancelled: str = "",
    ) -> JobThread | None:
        """Run ``job`` on a worker thread with a cancellable progress dialog.

        ``succeeded`` (a bound slot of a QObject, never a lambda) takes the job's result in
        place of the export's “Exported …” message; ``cancelled`` is what the status bar says
        when the user cancels ("": nothing was written).
        """
        if self._job is not None and self._job.isRunning():
            self.notifier.say(
                translate("MainWindow", "An export is still running; wait for it or cancel it.")
            )
            return None
        thread = JobThread(job, self)
        progress = QProgressDialog(label, translate("MainWindow", "Cancel"), 0, 0, self)
        progress.setWindowTitle("Offsite")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(thread.cancel)
        # Bound slots of this window, never lambdas: a slot with a receiver runs queued on the UI
        # thread, whereas a bare callable may be called on the worker or dropped.
        thread.progressed.connect(self._job_progressed)
        thread.succeeded.connect(succeeded or self._job_succeeded)
        thread.failed.connect(self._job_failed)
        thread.cancelled.connect(self._job_cancelled)
        thread.finished.connect(self._job_finished)
        self._job, self._progress = thread, progress
        self._cancelled_text = cancelled or translate("MainWindow", "Export cancelled; nothing was written.")
        thread.start()
        return thread

    @Slot(int, int)
    def _job_progressed(self, done: int, total: int) -> None:
        if self._progress is not None:
            self._progress.setMaximum(total)
            self._progress.setValue(done)

    @Slot(str)
    def _job_succeeded(self, out: str) -> None:
        path = Path(out)
        what = {".pdf": "PDF", ".json": "JSON"}.get(path.suffix.lower())
        if what is None:
            self.notifier.wrote(translate("MainWindow", "Exported the plan to a file:"), path)
        else:
            self.notifier.wrote(
                translate("MainWindow", "Exported the plan to {format}:").format(format=what), path
            )

    @Slot(str)
    def _job_failed(self, text: str) -> None:
        dialogs.show_error(self, text)

    @Slot()
    def _job_cancelled(self) -> None:
        self.notifier.say(self._cancelled_text)

    @Slot()
    def _job_finished(self) -> None:
        thread, progress = self._job, self._progress
        self._job, self._progress = None, None
        if progress is not None:
            progress.close()
            progress.deleteLater()
        if thread is not None:
            thread.wait()  # already past run(); returns at once
            thread.deleteLater()

    def cancel_job(self, *, wait: bool) -> None:
        if self._job is not None and self._job.isRunning():
            self._job.cancel()
            if wait:
                self._job.wait()
