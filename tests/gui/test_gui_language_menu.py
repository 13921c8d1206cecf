"""View ▸ Language: a leader picks the language Offsite speaks, and it does so from the next start."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMenu

from offsite.gui import language

# A popup menu asks the window system to raise it and grab the keyboard; the offscreen platform says it cannot.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing"
)


@pytest.fixture
def forgotten() -> Iterator[None]:
    """No language remembered before the test, and none left behind for the next one."""
    QSettings().remove(language.SETTING)
    yield
    QSettings().remove(language.SETTING)


def open_language_menu(qtbot, window) -> QMenu:  # type: ignore[no-untyped-def]
    """View ▸ Language by keyboard: Alt+V, then the submenu's mnemonic (g)."""
    qtbot.keyClick(window, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    view = window.ui.menuView
    qtbot.waitUntil(view.isVisible)
    qtbot.keyClick(view, Qt.Key.Key_G)
    menu = window.language_menu
    qtbot.waitUntil(menu.isVisible)
    return menu


def choose(qtbot, menu: QMenu, text: str) -> None:  # type: ignore[no-untyped-def]
    """Move down the open submenu to the item reading ``text`` and press Return."""
    for _ in range(len(menu.actions())):
        active = menu.activeAction()
        if active is not None and active.text() == text:
            break
        qtbot.keyClick(menu, Qt.Key.Key_Down)
    assert menu.activeAction() is not None
    assert menu.activeAction().text() == text
    qtbot.keyClick(menu, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not menu.isVisible())


def checked(menu: QMenu) -> list[str]:
    return [action.text() for action in menu.actions() if action.isChecked()]


def test_the_language_menu_lists_the_desktops_language_and_each_language_in_itself(
    qtbot, make_window, forgotten
) -> None:
    window = make_window()
    menu = open_language_menu(qtbot, window)
    items = [action.text() for action in menu.actions() if not action.isSeparator()]
    assert items == ["The desktop's language", "English", "Deutsch"]
    assert all(action.isCheckable() for action in menu.actions() if not action.isSeparator())
    assert checked(menu) == ["The desktop's language"]  # nothing chosen yet
    qtbot.keyClick(menu, Qt.Key.Key_Escape)


def test_choosing_deutsch_is_remembered_for_the_next_start_and_the_window_says_so(
    qtbot, make_window, forgotten, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window()
    choose(qtbot, open_language_menu(qtbot, window), "Deutsch")

    assert "Offsite speaks Deutsch from its next start." in window.notifier.text()
    assert window.notifier.toast.isVisible()
    assert checked(window.language_menu) == ["Deutsch"]  # one at a time
    assert language.spoken() == "en"  # this window keeps its language until the next start
    monkeypatch.delenv(language.ENVIRONMENT)
    assert language.chosen() == "de"  # the next start speaks German

    # A window opened later (the next start) shows the choice ticked.
    later = make_window()
    assert checked(later.language_menu) == ["Deutsch"]
    QApplication.processEvents()


def test_choosing_the_desktops_language_forgets_the_choice(
    qtbot, make_window, forgotten, monkeypatch: pytest.MonkeyPatch
) -> None:
    language.remember("de")
    window = make_window()
    menu = open_language_menu(qtbot, window)
    assert checked(menu) == ["Deutsch"]
    choose(qtbot, menu, "The desktop's language")

    assert "Offsite speaks the desktop's language from its next start." in window.notifier.text()
    assert checked(window.language_menu) == ["The desktop's language"]
    assert QSettings().value(language.SETTING) is None
    monkeypatch.delenv(language.ENVIRONMENT)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.setenv("LANGUAGE", "en_GB")
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")
    assert language.chosen() == "en"  # nothing remembered: the desktop's language wins again
