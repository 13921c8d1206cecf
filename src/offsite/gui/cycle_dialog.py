"""The dialog of File ▸ Start the Next Cycle (``gui.cycle`` runs the flow; cycle_dialog.ui).

It lists the plan's objectives, each with a tick: the unfinished ones (kept or changed at their
last quarter review, scored below 0.7, or never reviewed: ``offsite.domain.cycle``) are ticked, and
each row says why (“Q1 score 0.4 · decision: keep”). It proposes the next title and horizon and a
file beside the plan, which follows the title until the user picks one. It says that the
definitions and the agreements beyond goals (journey, hand-offs, decision rights, incentives, joint
practices) come without their buy-in, as ``exchange.cycle`` carries them: a new cycle is a new
agreement.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from offsite.domain.language import QT_TRANSLATE_NOOP, translate
from offsite.gui import dialogs
from offsite.gui.forms import Form

if TYPE_CHECKING:
    from collections.abc import Sequence

    from offsite.domain.cycle import ObjectiveOutcome

_UID = Qt.ItemDataRole.UserRole
#: Pixels after the words of the Teams and Last review columns, so no text runs into the next.
COLUMN_GAP = 16
#: The dialog's button, ready and while the new plan is written.
START = QT_TRANSLATE_NOOP("NextCycleDialog", "&Start the Next Cycle")


class CycleDialogForm(Form):
    ui_file = "cycle_dialog.ui"
    introLabel: QLabel
    objectivesView: QTreeWidget
    ruleLabel: QLabel
    titleEdit: QLineEdit
    horizonEdit: QLineEdit
    fileEdit: QLineEdit
    chooseButton: QPushButton
    problemLabel: QLabel
    buttonBox: QDialogButtonBox


class NextCycleDialog(QDialog):
    """Which objectives to carry over, the next offsite's title and horizon, and where to save it."""

    #: The objectives ticked (uids, in plan order), the title, the horizon and the file, as chosen.
    chosen = Signal(list, str, str, str)

    def __init__(
        self,
        outcomes: Sequence[ObjectiveOutcome],
        title: str,
        horizon: str,
        plan_path: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = ui = CycleDialogForm.setup(self)
        self.setObjectName("nextCycleDialog")
        self._plan_path = plan_path
        self._file_chosen = False  # until the user picks a file, it follows the title
        view = ui.objectivesView
        for outcome in outcomes:
            item = QTreeWidgetItem(view, [outcome.statement, ", ".join(outcome.teams), outcome.why])
            item.setData(0, _UID, outcome.uid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Checked if outcome.unfinished else Qt.CheckState.Unchecked)
            item.setToolTip(0, outcome.statement)
        header = view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):  # as wide as their words, and a gap: the statement takes the rest
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            wanted = max(view.sizeHintForColumn(column), header.sectionSizeHint(column))
            header.resizeSection(column, wanted + COLUMN_GAP)
        first = view.topLevelItem(0)
        if first is not None:
            view.setCurrentItem(first)
        else:
            ui.ruleLabel.setText(
                translate(
                    "NextCycleDialog",
                    "The plan has no objectives: the new plan starts with an empty brainstorm.",
                )
            )
        ui.titleEdit.setText(title)
        ui.horizonEdit.setText(horizon)
        ui.fileEdit.setText(str(dialogs.suggested_path(plan_path, title, ".offsite")))
        ui.titleEdit.textEdited.connect(self._follow_title)
        ui.fileEdit.textEdited.connect(self._file_typed)
        ui.chooseButton.clicked.connect(self._choose_file)
        self.start_button = ui.buttonBox.addButton(
            translate("NextCycleDialog", START), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.start_button.setDefault(True)
        ui.buttonBox.accepted.connect(self.accept)
        ui.buttonBox.rejected.connect(self.reject)
        ui.problemLabel.hide()
        ui.problemLabel.setTextFormat(Qt.TextFormat.PlainText)  # it names files the user typed
        view.setFocus()
        self.setMinimumWidth(600)  # the statements keep room beside the teams and the review
        self.resize(720, 520)

    # -- what is chosen -------------------------------------------------------------------------
    def ticked(self) -> list[str]:
        """The uids of the objectives ticked, in plan order."""
        view = self.ui.objectivesView
        items = (view.topLevelItem(row) for row in range(view.topLevelItemCount()))
        return [
            str(i.data(0, _UID)) for i in items if i is not None and i.checkState(0) == Qt.CheckState.Checked
        ]

    def target(self) -> Path | None:
        """The new plan's file as given, with .offsite added; None when blank."""
        text = self.ui.fileEdit.text().strip()
        if not text:
            return None
        path = Path(text).expanduser()
        if not path.is_absolute():
            path = dialogs.start_folder(self._plan_path) / path
        return path if path.suffix.lower() == ".offsite" else path.with_name(path.name + ".offsite")

    def show_problem(self, text: str) -> None:
        """Say in the dialog why it cannot go on yet (it stays open to put it right)."""
        self.ui.problemLabel.setText(f"⚠ {text}" if text else "")
        self.ui.problemLabel.setVisible(bool(text))

    def set_busy(self, busy: bool) -> None:
        """While the new plan is written, the dialog waits (and says so)."""
        self.start_button.setEnabled(not busy)
        self.start_button.setText(
            translate("NextCycleDialog", "Writing…") if busy else translate("NextCycleDialog", START)
        )

    # -- the file follows the title until one is chosen -----------------------------------------
    @Slot(str)
    def _follow_title(self, title: str) -> None:
        if not self._file_chosen:
            self.ui.fileEdit.setText(str(dialogs.suggested_path(self._plan_path, title, ".offsite")))

    @Slot(str)
    def _file_typed(self, _text: str) -> None:
        self._file_chosen = True

    @Slot()
    def _choose_file(self) -> None:
        suggested = self.target() or dialogs.suggested_path(
            self._plan_path, self.ui.titleEdit.text(), ".offsite"
        )
        path = dialogs.ask_save_path(
            self,
            translate("NextCycleDialog", "Save the next cycle's plan as"),
            str(suggested),
            dialogs.PLAN_FILTER,
            ".offsite",
        )
        if path is not None:
            self.ui.fileEdit.setText(str(path))
            self._file_chosen = True

    def accept(self) -> None:
        """Hand the choices over (the flow writes the file and closes the dialog when it is there)."""
        target = self.target()
        if target is None:
            self.show_problem(translate("NextCycleDialog", "Say where to save the new plan."))
            self.ui.fileEdit.setFocus()
            return
        if target.exists():
            self.show_problem(
                translate(
                    "NextCycleDialog", "“{file}” already exists; choose a new name for the next cycle's plan."
                ).format(file=target.name)
            )
            self.ui.fileEdit.setFocus()
            return
        if not target.parent.is_dir():
            self.show_problem(
                translate(
                    "NextCycleDialog", "The folder for “{file}” does not exist; choose another place."
                ).format(file=target.name)
            )
            return
        self.show_problem("")
        self.chosen.emit(self.ticked(), self.ui.titleEdit.text(), self.ui.horizonEdit.text(), str(target))

    def accept_written(self) -> None:
        """The new plan is written: the dialog closes, accepted."""
        super().accept()
