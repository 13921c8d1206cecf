"""Keyboard shortcuts that keep to where they belong.

PySide6 (6.11) ignores the context given to ``QShortcut(key, parent, callable, context)``: the
shortcut is window-wide whatever was asked. A Space meant for the candidate list then pressed no
button anywhere in the window — it shortlisted a candidate instead of promoting one — and a Delete
meant for a table removed a row while focus was elsewhere. ``shortcut`` sets the context after
construction, where the binding honours it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget


def shortcut(
    key: QKeySequence,
    parent: QWidget,
    slot: Callable[[], Any],
    context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut,
) -> QShortcut:
    """A shortcut for ``key`` on ``parent`` that calls ``slot``, active only in ``context``."""
    bound = QShortcut(key, parent)
    bound.setContext(context)
    bound.activated.connect(slot)
    return bound
