"""Two-way bindings between an editor widget and one field of a plan item.

Typing commits at once (each keystroke is in the file before the next lands) and one typing
burst is one undo step: Ctrl+Z takes back the last thing the user would say they did. A burst
ends when focus leaves the editor (Tab, a click elsewhere), on Enter (in a text box, the new
line starts the next step, so Ctrl+Z takes back a line at a time rather than a whole method),
and when any other step reaches the undo stack or the user undoes or redoes (typing after
Ctrl+Z, Ctrl+Shift+Z is something new, never part of the step brought back). Moving the caret
ends a burst too (a click in the text, the arrow keys, Home/End, Page Up/Down, Select All):
typing somewhere else is another thing the user did, so a word added at the start and a
sentence at the end are two steps. A pause in typing does not end a burst: steps would then
depend on typing speed. When the plan changes elsewhere (undo, another view) the editor shows
the new value without disturbing a matching one.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from offsite.domain.language import translate
from offsite.domain.values import Kind
from offsite.gui.commands import UpdateCommand
from offsite.gui.dates import DateLineEdit, document_year
from offsite.gui.document import EditCommand, PlanDocument
from offsite.gui.models import as_date

_bursts = itertools.count(1)

#: Keys that move the caret (with Shift they select from it): typing after them is a new step.
CARET_KEYS = frozenset(
    {
        Qt.Key.Key_Left,
        Qt.Key.Key_Right,
        Qt.Key.Key_Up,
        Qt.Key.Key_Down,
        Qt.Key.Key_Home,
        Qt.Key.Key_End,
        Qt.Key.Key_PageUp,
        Qt.Key.Key_PageDown,
    }
)


def moves_caret(event: QEvent) -> bool:
    """Whether ``event``, reaching a text editor (or its viewport), puts the caret somewhere else."""
    kind = event.type()
    if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
        return True
    return (
        kind == QEvent.Type.KeyPress
        and isinstance(event, QKeyEvent)
        and (event.key() in CARET_KEYS or event.matches(QKeySequence.StandardKey.SelectAll))
    )


class _AppUndoFirst(QObject):
    """Let Ctrl+Z / Ctrl+Shift+Z reach the plan's undo stack instead of the editor's own undo."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        undo_or_redo = isinstance(event, QKeyEvent) and (
            event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)
        )
        if event.type() == QEvent.Type.ShortcutOverride and undo_or_redo:
            event.ignore()
            return True
        new_line = (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and isinstance(watched, QPlainTextEdit)
        )
        if event.type() == QEvent.Type.FocusOut or new_line or moves_caret(event):
            # A text box gets its clicks on its viewport: the binding is the box's.
            editor = watched if watched.property("offsiteBinding") is not None else watched.parent()
            binding = editor.property("offsiteBinding") if editor is not None else None
            if isinstance(binding, FieldBinding):
                binding.end_burst()
        return False


_APP_UNDO_FIRST: _AppUndoFirst | None = None


def _filter() -> _AppUndoFirst:
    global _APP_UNDO_FIRST
    if _APP_UNDO_FIRST is None:
        _APP_UNDO_FIRST = _AppUndoFirst()
    return _APP_UNDO_FIRST


class FieldBinding(QObject):
    """Binds ``editor`` to ``field`` of the item ``row_id()`` of ``kind``."""

    def __init__(
        self,
        document: PlanDocument,
        editor: QWidget,
        kind: Kind,
        field: str,
        label: str,
        row_id: Callable[[], int | None],
    ) -> None:
        super().__init__(editor)
        self.document, self.editor, self.kind, self.field, self.label = document, editor, kind, field, label
        self._row_id = row_id
        self._burst = next(_bursts)
        self._showing = False
        self._pushing = False
        editor.installEventFilter(_filter())
        if isinstance(editor, QPlainTextEdit):
            editor.viewport().installEventFilter(_filter())
        document.undo_stack.indexChanged.connect(self._stack_moved)
        editor.setProperty("offsiteBinding", self)
        if isinstance(editor, DateLineEdit):
            editor.set_plan_year(document_year(document))
            editor.dateEdited.connect(self._commit)
            editor.dateEdited.connect(lambda _value: self.end_burst())
        elif isinstance(editor, QLineEdit):
            editor.textEdited.connect(self._commit)
            editor.editingFinished.connect(self.end_burst)
        elif isinstance(editor, QPlainTextEdit):
            editor.textChanged.connect(lambda: self._commit(editor.toPlainText()))

    def end_burst(self) -> None:
        """What is typed next is a new undo step."""
        self._burst = next(_bursts)

    def _stack_moved(self, _index: int) -> None:
        # Undo, redo, or another edit: the step on top is no longer this burst's to grow.
        if not self._pushing:
            self.end_burst()

    def _execute(self, command: EditCommand) -> bool:
        """Run this binding's own edit: its push continues the burst instead of ending it."""
        self._pushing = True
        try:
            return self.document.execute(command)
        finally:
            self._pushing = False

    def _commit(self, value: Any) -> None:
        if self._showing:
            return
        row_id = self._row_id()
        if row_id is None:
            return
        self._execute(
            UpdateCommand(
                self.document,
                translate("Commands", "Edit {field}").format(field=self.label),
                self.kind,
                row_id,
                {self.field: value},
                merge_key=(self.kind, row_id, self.field, self._burst),
            )
        )

    def show(self, value: Any) -> None:
        """Display ``value`` unless the editor already shows it (so the cursor stays put while typing)."""
        self._showing = True
        try:
            editor = self.editor
            if isinstance(editor, DateLineEdit):
                if editor.date() != value:
                    editor.setDate(as_date(value))
            elif isinstance(editor, QLineEdit):
                if editor.text() != (value or ""):
                    editor.setText(value or "")
            elif isinstance(editor, QPlainTextEdit) and editor.toPlainText() != (value or ""):
                editor.setPlainText(value or "")
        finally:
            self._showing = False
