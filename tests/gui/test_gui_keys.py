"""A shortcut meant for one widget stays there: the binding drops the context given with a callable."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QListWidget, QPushButton, QVBoxLayout, QWidget

from offsite.gui.keys import shortcut


def _window(qtbot):  # type: ignore[no-untyped-def]
    window = QWidget()
    layout = QVBoxLayout(window)
    pool, button = QListWidget(), QPushButton("Promote")
    layout.addWidget(pool)
    layout.addWidget(button)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window, pool, button


def test_space_for_the_list_does_not_steal_space_from_a_button(qtbot) -> None:  # type: ignore[no-untyped-def]
    _, pool, button = _window(qtbot)
    toggled, clicked = [], []
    shortcut(
        QKeySequence(Qt.Key.Key_Space), pool, lambda: toggled.append(1), Qt.ShortcutContext.WidgetShortcut
    )
    button.clicked.connect(lambda: clicked.append(1))
    button.setFocus()
    qtbot.waitUntil(button.hasFocus)
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert (toggled, clicked) == ([], [1])
    pool.setFocus()
    qtbot.waitUntil(pool.hasFocus)
    qtbot.keyClick(pool, Qt.Key.Key_Space)
    assert (toggled, clicked) == ([1], [1])


def test_the_binding_still_drops_a_context_given_with_a_callable(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Why gui.keys exists; when this fails, the binding honours the context and keys.shortcut may go."""
    _, pool, _button = _window(qtbot)
    plain = QShortcut(QKeySequence(Qt.Key.Key_Space), pool, lambda: None, Qt.ShortcutContext.WidgetShortcut)
    assert plain.context() is Qt.ShortcutContext.WindowShortcut
