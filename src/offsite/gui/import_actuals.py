"""File ▸ Import Actuals (Ctrl+Shift+I): check-ins from a CRM's or a spreadsheet's export.

The action asks for the file, then opens the dialog (``gui.import_dialog``) on it: the mapping,
the preview, Import. Import writes in one undoable step and closes the dialog; the window says
what was written ("Imported 12 check-ins from “HubSpot deals” (3 changed)."). Another screen
(the Review phase's check-ins) offers the same through ``start``. The dialog, the reading of files
(pandas) and the services load when the action is first chosen: the window opens as fast without
them. The dialog opens window-modal with ``open()`` (never ``exec()``): the flow goes on in slots.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog

from offsite.domain.language import QT_TRANSLATE_NOOP, translate
from offsite.gui import dialogs

if TYPE_CHECKING:
    from offsite.gui.host import Host
    from offsite.gui.import_dialog import ImportActualsDialog

ACTION_TEXT = QT_TRANSLATE_NOOP("ImportActualsDialog", "Import &Actuals…")
ACTION_KEY = "Ctrl+Shift+I"
ACTION_TIP = QT_TRANSLATE_NOOP(
    "ImportActualsDialog",
    "Bring in check-ins from a CRM report or a spreadsheet (CSV or Excel), with a preview first",
)


class ImportActuals(QObject):
    """File ▸ Import Actuals of one main window: its action and its dialog."""

    def __init__(self, window: Host) -> None:
        super().__init__(window)
        self.main = window
        #: The dialog under way (a test drives it as a user would).
        self.dialog: ImportActualsDialog | None = None
        self.action = QAction(translate("ImportActualsDialog", ACTION_TEXT), window)
        self.action.setObjectName("actionImportActuals")
        self.action.setShortcut(QKeySequence(ACTION_KEY))
        tip = translate("ImportActualsDialog", ACTION_TIP)
        self.action.setToolTip(f"{tip} ({ACTION_KEY})")
        self.action.setStatusTip(tip)
        self.action.triggered.connect(self._chosen)
        window.ui.menuFile.insertAction(window.ui.actionExportPdf, self.action)
        window.undo_group.activeStackChanged.connect(self._follow)  # a plan opened or closed
        self._follow()

    @Slot()
    def _follow(self) -> None:
        self.action.setEnabled(self.main.document is not None)

    @Slot()
    def _chosen(self) -> None:
        self.start()

    def start(self, path: Path | None = None) -> None:
        """Ask for the file of actuals (unless ``path`` is given), then open the dialog on it."""
        document = self.main.document
        if document is None:
            return
        if self.dialog is not None:
            self.dialog.raise_()
            self.dialog.activateWindow()
            return
        from offsite.gui.import_dialog import FILE_FILTER, ImportActualsDialog
        from offsite.services.checkins import read_mappings

        if path is None:
            path = dialogs.ask_open_path(
                self.main,
                translate("ImportActualsDialog", "Import actuals from"),
                str(dialogs.start_folder(document.plan.path)),
                FILE_FILTER,
            )
            if path is None:
                return

        dialog = ImportActualsDialog(
            document, read_mappings(document.plan), path, self.main.settings, self.main
        )
        dialog.imported.connect(self._imported)
        dialog.finished.connect(self._dialog_finished)
        self.dialog = dialog
        dialog.open()

    @Slot(str)
    def _imported(self, text: str) -> None:
        self.main.notifier.say(
            translate("ImportActualsDialog", "{imported} Ctrl+Z takes the import back.").format(imported=text)
        )

    @Slot(int)
    def _dialog_finished(self, _result: int) -> None:
        dialog = self.sender()
        if dialog is self.dialog:
            self.dialog = None
        if isinstance(dialog, QDialog):
            dialog.deleteLater()
        self.main.activateWindow()  # the plan's keys (Ctrl+Z takes the import back) work at once
