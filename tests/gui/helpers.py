"""Driving the app as a user does: typing into cells and fields with real key events."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QLineEdit


def open_editor(view: QAbstractItemView, index: QModelIndex) -> QLineEdit:
    """The cell's line editor, opening it unless the app already did (as Add buttons do)."""
    if view.state() != QAbstractItemView.State.EditingState or view.currentIndex() != index:
        view.setFocus()
        view.setCurrentIndex(index)
        view.edit(index)
    editors = [e for e in view.findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1, (
        f"expected one open editor on {index.row()},{index.column()}, found {len(editors)}"
    )
    return editors[0]


def type_into_cell(qtbot, view: QAbstractItemView, index: QModelIndex, text: str) -> None:  # type: ignore[no-untyped-def]
    """Replace the cell's text by typing, then press Enter."""
    editor = open_editor(view, index)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits and closes the editor through a queued call: let it run.
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState, timeout=15_000)


def window_on(make_window, path, view: str):  # type: ignore[no-untyped-def]
    """A window opened on the plan at ``path``, showing the page ``view``, settled; and that page."""
    from PySide6.QtWidgets import QApplication

    window = make_window()
    assert window.open_path(path)
    window.show_view(view)
    QApplication.processEvents()
    return window, window.phase_pages[view]


def start_blank(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """After File ▸ New Plan's file: Enter in the dialog that asks where to start, as a blank plan."""
    from PySide6.QtWidgets import QApplication

    qtbot.waitUntil(lambda: window.starter_dialog is not None and window.starter_dialog.isVisible())
    dialog = window.starter_dialog
    qtbot.waitUntil(dialog.isActiveWindow)  # the keys go to it
    assert dialog.template() == ""  # a blank plan unless the facilitator picks a template
    qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.starter_dialog is None)
    qtbot.waitUntil(window.isActiveWindow)  # the keys are the window's again
