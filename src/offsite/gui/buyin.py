"""The Buy-in phase: the matrix of objectives × leaders, recording stances live, and each history."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableView,
)

from offsite.domain.buyin import current_stances, is_bought_in
from offsite.domain.values import Stance
from offsite.gui.commands import CreateCommand
from offsite.gui.document import PlanDocument
from offsite.gui.forms import Form
from offsite.gui.models import BuyInModel
from offsite.gui.page import Page
from offsite.services import buyin
from offsite.services.changes import Kind

#: One key records a stance on the selected cell: fast capture while the room talks.
STANCE_KEYS = {
    Qt.Key.Key_A: Stance.AGREED,
    Qt.Key.Key_D: Stance.DISCUSSING,
    Qt.Key.Key_C: Stance.CHANGES_REQUESTED,
    Qt.Key.Key_X: Stance.DECLINED,
    Qt.Key.Key_P: Stance.PENDING,
}


class BuyInForm(Form):
    ui_file = "buyin_page.ui"
    pageTitle: QLabel
    pageIntro: QLabel
    summaryLabel: QLabel
    matrixView: QTableView
    stanceBox: QGroupBox
    cellLabel: QLabel
    stanceCombo: QComboBox
    commentEdit: QLineEdit
    recordButton: QPushButton
    keysHint: QLabel
    historyList: QListWidget


class BuyInPage(Page):
    shows = frozenset({Kind.OBJECTIVE, Kind.LEADER, Kind.TEAM, Kind.STANCE})

    def __init__(self, document: PlanDocument) -> None:
        super().__init__(document)
        self.ui = ui = BuyInForm.setup(self)
        self.matrix = BuyInModel(self)
        view = ui.matrixView
        view.setModel(self.matrix)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        view.horizontalHeader().setMinimumSectionSize(96)
        view.verticalHeader().setMaximumWidth(210)
        view.verticalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        view.verticalHeader().setDefaultSectionSize(30)
        view.setWordWrap(True)
        view.selectionModel().currentChanged.connect(self._on_cell_changed)
        view.installEventFilter(self)
        for stance in Stance:
            ui.stanceCombo.addItem(stance.label, stance.value)
        ui.stanceCombo.setCurrentIndex(ui.stanceCombo.findData(Stance.AGREED.value))
        ui.keysHint.setText(
            "Keys in the matrix: A agreed · D discussing · C changes requested · X declined · P pending · "
            "Enter to add a comment first"
        )
        ui.recordButton.clicked.connect(self.record_from_form)
        ui.commentEdit.returnPressed.connect(self.record_from_form)

    def load(self, document: PlanDocument) -> None:
        view = document.view()
        self.matrix.set_view(view)
        stances = current_stances(view.stances)
        bought = sum(is_bought_in(o, view.leaders, stances) for o in view.objectives)
        total = len(view.objectives)
        self.ui.summaryLabel.setText(
            f"<b>{bought} of {total}</b> objectives bought in."
            + (
                ""
                if bought == total
                else " Cells with a dash are leaders whose team does not own the objective."
            )
        )
        if not self.ui.matrixView.currentIndex().isValid() and self.matrix.rowCount():
            self.ui.matrixView.setCurrentIndex(self.matrix.index(0, 0))
        self._show_cell(self.ui.matrixView.currentIndex())

    def _on_cell_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_cell(current)

    def _cell(self) -> tuple[int, int] | None:
        index = self.ui.matrixView.currentIndex()
        objective = self.matrix.objective(index.row()) if index.isValid() else None
        leader_id = self.matrix.leader_id(index.column()) if index.isValid() else None
        if objective is None or leader_id is None:
            return None
        return objective.id, leader_id

    def _show_cell(self, index: QModelIndex) -> None:
        view = self.document.view()
        objective = self.matrix.objective(index.row()) if index.isValid() else None
        leader_id = self.matrix.leader_id(index.column()) if index.isValid() else None
        leader = view.leader(leader_id) if leader_id is not None else None
        enabled = objective is not None and leader is not None
        for widget in (self.ui.stanceCombo, self.ui.commentEdit, self.ui.recordButton):
            widget.setEnabled(enabled)
        if objective is not None and leader is not None:
            self.ui.cellLabel.setText(f"<b>{_esc(leader.name)}</b> on <b>“{_esc(objective.statement)}”</b>")
        else:
            self.ui.cellLabel.setText("Select a leader's cell in the matrix.")
        self.ui.historyList.clear()
        if objective is None:
            return
        names = {p.id: p.name for p in view.leaders}
        events = [e for e in view.stances if e.objective_id == objective.id]
        for event in reversed(events):
            when = event.recorded_at.strftime("%d %b %H:%M")
            line = f"{when} · {names.get(event.leader_id, '?')}: {event.stance.label}"
            if event.comment:
                line += f" — “{event.comment}”"
            self.ui.historyList.addItem(line)
        if not events:
            self.ui.historyList.addItem("No stance recorded yet.")

    def record(self, stance: Stance, comment: str = "") -> bool:
        """Record ``stance`` for the selected cell; True when it reached the plan."""
        cell = self._cell()
        if cell is None:
            self.document.failed.emit("Select a leader's cell in the matrix first.")
            return False
        objective_id, leader_id = cell
        doc = self.document
        return doc.execute(
            CreateCommand(
                doc,
                f"Record {stance.label.lower()}",
                Kind.STANCE,
                lambda: buyin.record_stance(doc.plan, objective_id, leader_id, stance, comment),
            )
        )

    def record_from_form(self) -> None:
        stance = Stance(self.ui.stanceCombo.currentData())
        if self.record(stance, self.ui.commentEdit.text()):
            self.ui.commentEdit.clear()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.ui.matrixView
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
        ):
            stance = STANCE_KEYS.get(Qt.Key(event.key()))
            if stance is not None and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                self.record(stance, self.ui.commentEdit.text())
                self.ui.commentEdit.clear()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.ui.commentEdit.setFocus()
                return True
        return super().eventFilter(watched, event)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
