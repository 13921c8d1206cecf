"""Sending what a leader typed while their laptop had lost the room: the preview, then the send.

When the room's server is back and edits wait in the laptop's outbox, the window shows this
dialog (as the Merge Drafts preview does for a draft): one row per kept edit, oldest first,
ticked unless it cannot be sent; a line under an edit says what changed meanwhile on the server
("It now reads “Go outbound in EMEA”: you saw “Go outbound”"), in amber when it is the leader's
choice, in red when the server would refuse it. Send sends the ticked edits in the order typed and
discards the others; Later keeps them all (the room's status says they wait).

Keys: Up/Down move, Space ticks, Enter sends, Esc keeps them for later.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from offsite.domain.formatting import format_number
from offsite.domain.language import plural, translate
from offsite.gui.draft_dialogs import ADVICE_COLOR, ERROR_COLOR
from offsite.services.outbox_preview import PendingEdit

INTENT_ROLE = Qt.ItemDataRole.UserRole


def changes(count: int) -> str:
    """ "1 change", "3 changes", in the leader's language."""
    return plural(count, translate("Room", "{count} change"), translate("Room", "{count} changes")).format(
        count=format_number(count)
    )


class OutboxDialog(QDialog):
    """The kept edits of a room's laptop, to send (ticked) or discard; ``ticked()`` after it closes."""

    def __init__(self, edits: list[PendingEdit], leader: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outboxDialog")
        self.setWindowTitle(translate("Room", "Send what you typed offline — Offsite"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            translate(
                "Room",
                "The room's server is back. {leader} typed {changes} while it was away, kept "
                "on this laptop. Tick what to send; anything unticked is discarded.",
            ).format(leader=leader or translate("Room", "This laptop"), changes=changes(len(edits)))
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("outboxTree")
        self.tree.setAccessibleName(translate("Room", "Changes typed offline"))
        self.tree.setHeaderHidden(True)
        self.tree.setColumnCount(1)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setRootIsDecorated(False)
        for edit in edits:
            row = QTreeWidgetItem(self.tree)
            row.setText(0, edit.what)
            row.setData(0, INTENT_ROLE, edit.intent_id)
            if edit.sendable:
                row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                row.setCheckState(0, Qt.CheckState.Checked)
            else:
                row.setFlags(row.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
                row.setCheckState(0, Qt.CheckState.Unchecked)
                row.setForeground(0, QBrush(QColor(ERROR_COLOR)))
            if edit.conflict:
                line = QTreeWidgetItem(self.tree)
                line.setFlags(Qt.ItemFlag.ItemIsEnabled)
                line.setText(0, f"    {edit.conflict}")
                line.setForeground(0, QBrush(QColor(ADVICE_COLOR if edit.sendable else ERROR_COLOR)))
        layout.addWidget(self.tree, 1)
        keys = QLabel(
            translate(
                "Room", "Space ticks or unticks · Enter sends the ticked · Esc keeps them all for later"
            )
        )
        keys.setObjectName("keysHint")
        layout.addWidget(keys)
        buttons = QDialogButtonBox(self)
        self.send_button = buttons.addButton(
            translate("Room", "&Send ticked"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.later_button = buttons.addButton(
            translate("Room", "&Later"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.send_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.tree.installEventFilter(self)
        first = self.tree.topLevelItem(0)
        if first is not None:
            self.tree.setCurrentItem(first)
        self.tree.setFocus()
        self.resize(640, 360)

    def ticked(self) -> set[int]:
        chosen = set()
        for index in range(self.tree.topLevelItemCount()):
            row = self.tree.topLevelItem(index)
            if (
                row is not None
                and row.data(0, INTENT_ROLE) is not None
                and row.checkState(0) == Qt.CheckState.Checked
            ):
                chosen.add(int(row.data(0, INTENT_ROLE)))
        return chosen

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.tree and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Space:
                row = self.tree.currentItem()
                if row is not None and row.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                    checked = row.checkState(0) == Qt.CheckState.Checked
                    row.setCheckState(0, Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.accept()
                return True
        return super().eventFilter(watched, event)
