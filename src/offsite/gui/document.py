"""The open plan as the GUI sees it: the plan file, its undo stack and its change notices."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from offsite.domain.errors import OffsiteError
from offsite.domain.values import Kind, PlanView
from offsite.services.plans import PlanFile, read_plan

log = logging.getLogger(__name__)


class PlanDocument(QObject):
    """One open plan. Views read ``view()`` and reload when ``changed`` names a kind they show."""

    #: frozenset[Kind] — what an edit, undo or redo touched.
    changed = Signal(object)
    #: A sentence to show the user: an edit could not be made (and nothing changed).
    failed = Signal(str)
    #: An edit reached the plan file.
    saved = Signal()

    def __init__(self, plan: PlanFile, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.undo_stack = QUndoStack(self)
        self._view: PlanView | None = None

    @property
    def readonly(self) -> bool:
        return self.plan.readonly

    def view(self) -> PlanView:
        """The plan as of the last change, read once per change and shared by every view."""
        if self._view is None:
            self._view = read_plan(self.plan)
        return self._view

    def notify(self, kinds: Iterable[Kind]) -> None:
        self._view = None
        self.changed.emit(frozenset(kinds))

    def execute(self, command: EditCommand, refused: Callable[[str], object] | None = None) -> bool:
        """Apply ``command`` to the plan file, then put it on the undo stack.

        The edit is committed before anything shows it as done; an expected failure is
        reported through ``failed`` (or to ``refused``, for a page that says it in place, without
        a dialog) and leaves both the file and the stack as they were.
        """
        try:
            command.apply()
        except OffsiteError as error:
            log.info("edit refused: %s", error)
            (refused or self.failed.emit)(str(error))
            self.notify(command.kinds)  # views drop whatever the user typed that was not saved
            return False
        self.undo_stack.push(command)
        self.saved.emit()
        self.notify(command.kinds)
        return True

    def close(self) -> None:
        self.undo_stack.clear()
        self.plan.close()


class EditCommand(QUndoCommand):
    """An undoable edit whose first application happened, and was committed, before the push."""

    def __init__(self, document: PlanDocument, text: str, kinds: Iterable[Kind]) -> None:
        super().__init__(text)
        self.document = document
        self.kinds = frozenset(kinds)
        self._applied_by_execute = False
        self._taking_back = False

    # Subclasses implement these three with service calls.
    def first(self) -> None:
        raise NotImplementedError

    def again(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def apply(self) -> None:
        self.first()
        self._applied_by_execute = True

    def redo(self) -> None:
        if self._applied_by_execute:
            self._applied_by_execute = False  # QUndoStack.push calls redo(); the edit is already in
            return
        self._guard(self.again)

    def undo(self) -> None:
        self._guard(self.revert)
        if self._taking_back:
            self.setObsolete(True)  # the stack drops it: nothing to redo

    def take_back(self) -> bool:
        """Undo this edit and forget it, as if never made (a new row whose editor was escaped).

        Only the latest edit can be taken back; returns False, changing nothing, for any other.
        """
        stack = self.document.undo_stack
        if stack.index() == 0 or stack.command(stack.index() - 1) is not self:
            return False
        self._taking_back = True
        stack.undo()
        return True

    def _guard(self, step: Callable[[], None]) -> None:
        try:
            step()
        except OffsiteError as error:
            log.warning("%s could not be replayed: %s", self.text(), error)
            self.document.failed.emit(str(error))
            self.setObsolete(True)
        else:
            self.document.saved.emit()
        finally:
            self.document.notify(self.kinds)
