"""Helpers for tree views: the rows of a ``QTreeWidget`` as lists, and a big tree's rows fetched as shown.

Qt's ``topLevelItem(i)`` and ``child(i)`` answer None past the end; walking ``range(count)`` never
goes there, and these lists say so once instead of a None check at every loop.

A tree model that lists a heading's rows in batches (``canFetchMore``/``fetchMore``) relies on
its view to ask for more. ``QTreeView`` asks when it lays a heading out, and when scrolled to its
very end, then only for the last heading: the headings in between would not fill as the user
scrolls through them. ``FetchAsShown`` calls ``fetchMore`` for every heading whose last row comes
within a screen of the viewport, after every scroll, resize and expand, and before the keys that
move past the rows listed (Down, Page Down, End, and typing a name to find it): the tree fills as
far as the user looks. A model's ``fetchMore`` adds nothing once a heading is listed whole.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QTreeView, QTreeWidget, QTreeWidgetItem


def top_level_items(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    """The tree's top-level rows, top to bottom."""
    return [item for i in range(tree.topLevelItemCount()) if (item := tree.topLevelItem(i)) is not None]


def child_items(parent: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    """The rows directly under ``parent``, top to bottom."""
    return [item for i in range(parent.childCount()) if (item := parent.child(i)) is not None]


class FetchAsShown(QObject):
    """Fetches the rows under ``view``'s headings as they come near the screen (see the module)."""

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self.view = view
        self._fetching = False
        # Looked at once the tree is laid out (rows inserted, a heading opened, the window
        # resized): a row's place is only known then.
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(0)
        self._pending.timeout.connect(self.fetch_near)
        bar = view.verticalScrollBar()
        bar.valueChanged.connect(self._pending.start)
        bar.rangeChanged.connect(self._pending.start)
        view.expanded.connect(self._pending.start)
        view.installEventFilter(self)

    def fetch_near(self) -> None:
        """Fetch more under each open heading whose last row is on screen or within a screen below it."""
        model = self.view.model()
        if model is None or self._fetching or not self.view.isVisible():
            return
        self._fetching = True
        try:
            height = self.view.viewport().height()
            for row in range(model.rowCount()):
                heading = model.index(row, 0)
                while self.view.isExpanded(heading):
                    listed = model.rowCount(heading)
                    last = self.view.visualRect(model.index(listed - 1, 0, heading))
                    if not last.isValid() or not 0 <= last.bottom() <= 2 * height:
                        break
                    model.fetchMore(heading)
                    if model.rowCount(heading) == listed:
                        break
        finally:
            self._fetching = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            self._before_key(event)
        return super().eventFilter(watched, event)

    def _before_key(self, event: QKeyEvent) -> None:
        model, current = self.view.model(), self.view.currentIndex()
        if model is None:
            return
        key = event.key()
        headings = [model.index(row, 0) for row in range(model.rowCount())]
        if key == Qt.Key.Key_End:  # the last row of the last open heading is the end
            opened = [h for h in headings if self.view.isExpanded(h)]
            if opened:
                self._fetch_all(opened[-1])
        elif key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) and current.parent().isValid():
            heading = current.parent()
            rows = max(1, self.view.viewport().height() // max(1, self.view.visualRect(current).height()))
            while (listed := model.rowCount(heading)) <= current.row() + rows + 1:
                model.fetchMore(heading)
                if model.rowCount(heading) == listed:
                    break
        elif (
            event.text().isprintable()
            and event.text().strip()
            and not (
                event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
            )
        ):  # typing a name finds it among every objective, not only those listed
            for heading in headings:
                self._fetch_all(heading)

    def _fetch_all(self, heading: QModelIndex) -> None:
        model = self.view.model()
        fetch_all = getattr(model, "fetch_all", None)
        if fetch_all is not None:  # the rest in one read, not a batch at a time
            fetch_all(heading)
            return
        while True:
            listed = model.rowCount(heading)
            model.fetchMore(heading)
            if model.rowCount(heading) == listed:
                return
