"""What every phase page shares: its document, and reloading when the plan changes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

from PySide6.QtCore import Signal
from PySide6.QtGui import QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QWidget,
)

from offsite.domain.values import Change, Kind
from offsite.gui.crash import contained

if TYPE_CHECKING:
    from offsite.gui.document import PlanDocument
    from offsite.gui.projection import Projection


@runtime_checkable
class TabbedPage(Protocol):
    """A page of named tabs (Brainstorm's exercises): a view such as ``brainstorm:chains`` opens one."""

    tabs: dict[str, QWidget]

    def go_to_tab(self, tab: QWidget) -> None: ...


class Page(QWidget):
    """A phase of the offsite. Subclasses set ``shows`` and implement ``reload``."""

    #: The kinds of plan item this page displays; a change to any of them reloads it.
    shows: frozenset[Kind] = frozenset()

    #: What ``projection()`` returns may have changed: a reload, a new selection, another tab.
    projectionChanged = Signal()

    def __init__(self, document: PlanDocument) -> None:
        super().__init__()
        self.document = document
        self._stale = True
        document.changed.connect(self._on_changed)

    def make_read_only(self) -> None:
        """Show everything, change nothing: for a plan another window is editing."""
        for edit in self.findChildren(QLineEdit) + self.findChildren(QPlainTextEdit):
            edit.setReadOnly(True)
        for spin in self.findChildren(QAbstractSpinBox):
            spin.setReadOnly(True)
        for view in self.findChildren(QAbstractItemView):
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            if isinstance(view, QListWidget):
                view.setEnabled(False)
        for control in self.findChildren(QAbstractButton) + self.findChildren(QComboBox):
            control.setEnabled(False)
        for shortcut in self.findChildren(QShortcut):  # a page's own shortcuts all edit
            shortcut.setEnabled(False)
        self.setProperty("readOnly", True)

    def _on_changed(self, change: Change) -> None:
        if change.kinds & self.shows:
            if self.isVisible():
                self.reload() if self._stale else self.update_to(change)
            else:
                self._stale = True  # reloaded when shown: hidden pages cost nothing per keystroke

    def reload_when_shown(self) -> None:
        """Reload now if the page is on screen, else when it is next shown (a hidden page costs nothing)."""
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def update_to(self, change: Change) -> None:
        """Show ``change``; a page that can update only the rows it names does so instead of reloading."""
        self.reload()

    @contained  # a failed reading says so; it must not take the window down with it
    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.reload()
        super().showEvent(event)

    def reload(self) -> None:
        self._stale = False
        self.load(self.document)
        self.projectionChanged.emit()

    def ensure_loaded(self) -> None:
        """Load now if a change arrived while hidden (the projector asks a page it has not shown)."""
        if self._stale:
            self.reload()

    def projection(self) -> Projection | None:
        """What the room sees of this page on the projector; None for the phase's title card."""
        return None

    def load(self, document: PlanDocument) -> None:
        raise NotImplementedError
