"""What every phase page shares: its document, and reloading when the plan changes."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from offsite.gui.document import PlanDocument
from offsite.services.changes import Kind


class Page(QWidget):
    """A phase of the offsite. Subclasses set ``shows`` and implement ``reload``."""

    #: The kinds of plan item this page displays; a change to any of them reloads it.
    shows: frozenset[Kind] = frozenset()

    def __init__(self, document: PlanDocument) -> None:
        super().__init__()
        self.document = document
        self._stale = True
        document.changed.connect(self._on_changed)

    def _on_changed(self, kinds: frozenset[Kind]) -> None:
        if kinds & self.shows:
            if self.isVisible():
                self.reload()
            else:
                self._stale = True  # reloaded when shown: hidden pages cost nothing per keystroke

    def showEvent(self, event: object) -> None:  # noqa: N802
        if self._stale:
            self.reload()
        super().showEvent(event)  # type: ignore[arg-type]

    def reload(self) -> None:
        self._stale = False
        self.load(self.document)

    def load(self, document: PlanDocument) -> None:
        raise NotImplementedError
