"""The File menu's flows: new, open, open recent, import, save as, and the demo plan.

A plan another Offsite has open (its QLockFile held) is offered read-only; every flow that
writes a file says where it went, and every refusal says why in one sentence.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QTimer

from offsite.domain.errors import OffsiteError
from offsite.domain.language import QT_TRANSLATE_NOOP, translate
from offsite.gui import dialogs
from offsite.gui.page import Page
from offsite.gui.shell.base import ShellBase

if TYPE_CHECKING:
    from offsite.gui.shell.integrity import IntegrityCheck
    from offsite.gui.starter_dialog import StarterDialog

log = logging.getLogger(__name__)

MAX_RECENT = 8
#: After opening a plan, how long the window has to paint it before what the first edit needs loads.
READY_TO_EDIT_MS = 300
JSON_FILTER = QT_TRANSLATE_NOOP("Dialogs", "Offsite interchange (*.json)")  # translated as shown


def ensure_demo_plan() -> Path:
    """The demo plan's path, written there first if it is not there yet."""
    demo = dialogs.demo_plan_path()
    if not demo.exists():
        from offsite.exchange.demo import write_demo_plan

        demo.parent.mkdir(parents=True, exist_ok=True)
        write_demo_plan(demo).close()
        log.info("wrote the demo plan to %s", demo)
    return demo


class FileFlows(ShellBase):
    """File ▸ New, Open, Open Recent, Import Plan and Save As, and the demo plan."""

    _lock: QLockFile | None
    #: File ▸ New Plan's choice of a blank plan or a starter template, while it is open.
    starter_dialog: StarterDialog | None = None
    #: The integrity check of the plan in the window (None before the first plan).
    integrity: IntegrityCheck | None

    def open_path(self, path: Path, *, readonly: bool = False, ask: bool = True) -> bool:
        """Open ``path`` in this window; False (with a message shown) when it cannot be opened.

        A plan another Offsite has open is offered read-only (``ask=False`` takes that without asking).
        """
        path = Path(path).resolve()
        lock: QLockFile | None = None
        if not readonly:
            lock = QLockFile(str(path) + ".lock")
            lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
            if not lock.tryLock(0):
                if ask and lock.error() == QLockFile.LockError.LockFailedError:
                    pid, host, _app = lock.getLockInfo()[-3:]
                    if host:
                        where = translate("MainWindow", "process {pid} on {host}").format(pid=pid, host=host)
                    else:
                        where = translate("MainWindow", "process {pid}").format(pid=pid)
                    question = translate(
                        "MainWindow",
                        "“{plan}” is already open in another Offsite window ({where}).\n\n"
                        "Two windows editing one plan could confuse each other. Open it read-only instead?",
                    ).format(plan=path.name, where=where)
                    if not dialogs.ask_yes_no(self, question):
                        return False
                readonly, lock = True, None
        from offsite.gui.document import PlanDocument
        from offsite.gui.shell.integrity import IntegrityCheck
        from offsite.services.plans import open_plan

        try:
            # The header and structure are checked now; every page is read on a worker (below).
            plan = open_plan(path, readonly=readonly, check_integrity=False)
        except OffsiteError as error:
            if lock is not None:
                lock.unlock()
            dialogs.show_error(self, str(error))
            return False
        self.close_document()
        self._lock = lock
        # Every page is checked on a worker from now on, beside the building and the painting of
        # the first screen: on a large plan the check is the longest step of opening it.
        self.integrity = IntegrityCheck(plan, self)
        self.integrity.finished.connect(self.plan_checked)
        self.integrity.start()
        try:
            with plan.rows_snapshot():  # the first screen reads one state of the plan, in one transaction
                self.install(PlanDocument(plan, self))
                page = self.ui.pages.currentWidget()
                if isinstance(page, Page):
                    page.ensure_loaded()
        except OffsiteError as error:  # the first screen read damaged pages before the check could
            self.close_document()  # stops the check: nobody waits for it
            self._refuse(str(error), ask=ask)
            return False
        if self.isVisible() and not plan.readonly:  # someone may type (a screenshot is taken unseen)
            # Once the plan is on screen, not before: the first keystroke should cost what the next does.
            QTimer.singleShot(READY_TO_EDIT_MS, self._get_ready_to_edit)
        self._remember(path)
        return True

    def _get_ready_to_edit(self) -> None:
        """Load what the first edit needs (SQLAlchemy, the ORM, the verbs) and open the plan's engine."""
        if self.document is None or self.document.readonly:
            return
        import offsite.services.changes
        import offsite.services.objectives  # noqa: F401

        if self.document.plan.is_room:
            return  # a room's server: its listener is connecting already, and may find it away
        self.document.plan.engine.connect().close()  # the writer's pragmas set, WAL on

    def _refuse(self, text: str, *, ask: bool) -> None:
        """Say why a plan could not be shown: in a dialog, or (``ask=False``: no one to answer one) on stderr."""
        log.info("open refused: %s", text)
        if ask:
            dialogs.show_error(self, text)
        else:
            print(text, file=sys.stderr)

    def release_lock(self) -> None:
        """Let other windows open the plan for editing again (the plan was closed)."""
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    def _folder(self) -> str:
        return str(dialogs.start_folder(self.document.plan.path if self.document else None))

    def new_plan(self) -> None:
        """File ▸ New Plan…: the file, then where the plan starts (blank or a starter template)."""
        path = dialogs.ask_save_path(
            self,
            translate("MainWindow", "New plan"),
            str(Path(self._folder()) / (translate("MainWindow", "Offsite plan") + ".offsite")),
            dialogs.PLAN_FILTER,
            ".offsite",
        )
        if path is None:
            return
        if path.exists():
            dialogs.show_error(
                self,
                translate(
                    "MainWindow", "“{plan}” already exists. Choose another name, or open it with File ▸ Open."
                ).format(plan=path.name),
            )
            return
        from offsite.gui.starter_dialog import StarterDialog

        dialog = StarterDialog(path.name, self)
        dialog.chosen.connect(lambda template: self._start_plan(path, template))
        dialog.finished.connect(self._starter_finished)
        if self.starter_dialog is not None:
            self.starter_dialog.close()
        self.starter_dialog = dialog
        dialog.open()

    def _starter_finished(self, _result: int) -> None:
        dialog = self.sender()
        if dialog is self.starter_dialog:
            self.starter_dialog = None
        if dialog is not None:
            dialog.deleteLater()
        self.activateWindow()  # the keys are the window's again at once, on the new plan or the old

    def _start_plan(self, path: Path, template: str) -> None:
        """Write the new plan, blank or from ``template``, and open it on Prepare."""
        from offsite.services.templates import start_plan

        try:
            plan, started = start_plan(path, path.stem, template)
        except OffsiteError as error:
            dialogs.show_error(self, str(error))
            return
        plan.close()
        if not self.open_path(path):
            return
        self.show_view("prepare")
        if started is not None:
            self.notifier.say(
                translate(
                    "MainWindow",
                    "Started from “{template}”: {summary}. "
                    "Nothing is agreed yet: add the leaders, then take each agreement to buy-in.",
                ).format(template=started.template.title, summary=started.template.summary())
            )

    def choose_plan(self) -> None:
        path = dialogs.ask_open_path(self, translate("MainWindow", "Open plan"), self._folder())
        if path is not None:
            self.open_path(path)

    def save_as(self) -> None:
        """Write a safe copy (SQLite backup API) to a new file and continue editing there."""
        if self.document is None:
            return
        copy = translate("MainWindow", "{plan} copy").format(plan=self.document.plan.path.stem)
        suggested = Path(self._folder()) / f"{copy}.offsite"
        title = translate("MainWindow", "Save plan as")
        path = dialogs.ask_save_path(self, title, str(suggested), dialogs.PLAN_FILTER, ".offsite")
        if path is None:
            return
        if path.resolve() == self.document.plan.path.resolve():
            self.notifier.say(
                translate("MainWindow", "That is this plan's own file: every change is already saved there.")
            )
            return
        from offsite.services.plans import save_copy

        try:
            save_copy(self.document.plan, path)
        except OffsiteError as error:
            dialogs.show_error(self, str(error))
            return
        if self.open_path(path):
            self.notifier.wrote(
                translate("MainWindow", "Saved a copy of the plan; you are now working in it:"), path
            )

    def open_demo(self) -> None:
        """Open the demo plan, a finished offsite to look around in (written first if need be)."""
        try:
            demo = ensure_demo_plan()
        except (OffsiteError, OSError) as error:
            dialogs.show_error(
                self,
                translate("MainWindow", "The demo plan could not be written: {error}").format(error=error),
            )
            return
        if self.open_path(demo):
            self.notifier.say(
                translate(
                    "MainWindow",
                    "This is the demo plan: a finished offsite to look around in. "
                    "Your own plan is in File ▸ Open Recent.",
                )
            )

    def import_plan(self) -> None:
        """File ▸ Import Plan: a new plan file made from an Offsite JSON file, then opened."""
        source = dialogs.ask_open_path(
            self, translate("MainWindow", "Import a plan"), self._folder(), JSON_FILTER
        )
        if source is not None:
            self.import_plan_from(source)

    def import_plan_from(self, source: Path) -> None:
        """Ask where the plan made from the JSON file ``source`` goes, write it, then open it."""
        suggested = dialogs.start_folder(source) / f"{source.stem}.offsite"
        path = dialogs.ask_save_path(
            self,
            translate("MainWindow", "Save the imported plan as"),
            str(suggested),
            dialogs.PLAN_FILTER,
            ".offsite",
        )
        if path is None:
            return
        from offsite.exchange.interchange import import_json

        try:
            import_json(source, path).close()
        except OffsiteError as error:
            dialogs.show_error(self, str(error))
            return
        if self.open_path(path):
            self.notifier.wrote(
                translate("MainWindow", "Imported {file} into a new plan:").format(file=source.name), path
            )

    # -- File ▸ Open Recent -----------------------------------------------------------------------
    def _fill_recent(self) -> None:
        menu = self.ui.menuRecent
        menu.clear()
        paths = self.recent_files()
        for path in paths:
            action = menu.addAction(Path(path).name)
            action.setToolTip(path)
            action.setStatusTip(path)
            action.triggered.connect(lambda _=False, p=path: self._open_recent(p))
        if not paths:
            menu.addAction(translate("MainWindow", "No recent plans")).setEnabled(False)

    def _open_recent(self, path: str) -> None:
        if not Path(path).exists():
            self._forget(path)
            dialogs.show_error(
                self,
                translate(
                    "MainWindow", "“{plan}” is no longer at {folder}; it was removed from the list."
                ).format(plan=Path(path).name, folder=Path(path).parent),
            )
            return
        self.open_path(Path(path))

    def recent_files(self) -> list[str]:
        value = self.settings.value("recentFiles", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or [])]  # type: ignore[attr-defined]

    def _remember(self, path: Path) -> None:
        paths = [str(path)] + [p for p in self.recent_files() if p != str(path)]
        self.settings.setValue("recentFiles", paths[:MAX_RECENT])

    def _forget(self, path: str) -> None:
        self.settings.setValue("recentFiles", [p for p in self.recent_files() if p != path])
