"""Help ▸ Keyboard shortcuts lists every key, grouped and filterable; focus always shows."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QPushButton

from offsite.gui import buyin, checkins, plan
from offsite.gui.brainstorm import candidates, chains, switch, workback
from offsite.gui.shortcuts import ShortcutsDialog, all_shortcuts, find_actions, menu_shortcuts


def open_list(qtbot, window):  # type: ignore[no-untyped-def]
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window._shortcuts_dialog
    assert isinstance(dialog, ShortcutsDialog)
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_f1_opens_a_non_modal_list_of_every_menu_key(qtbot, demo_window) -> None:  # type: ignore[no-untyped-def]
    dialog = open_list(qtbot, demo_window)
    assert not dialog.isModal()
    rows = dialog.visible_rows()
    keys = {keys for _group, keys, _what in rows}
    for action in find_actions(demo_window):
        for sequence in action.shortcuts():
            if not sequence.isEmpty():
                text = sequence.toString(QKeySequence.SequenceFormat.NativeText)
                assert any(text in k for k in keys), f"{action.text()} ({text}) is not listed"
    for expected in ("F5", "F1", "Ctrl+2", "Ctrl+Shift+Space", "Ctrl+Shift+A", "Ctrl+Shift+R", "Ctrl+Z"):
        assert any(expected in k for k in keys), expected


def test_ctrl_slash_opens_it_too(qtbot, demo_window) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(demo_window, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: demo_window._shortcuts_dialog is not None and demo_window._shortcuts_dialog.isVisible()
    )


def test_every_screen_has_its_group(demo_window) -> None:  # type: ignore[no-untyped-def]
    groups = {s.group for s in all_shortcuts(demo_window)}
    for expected in (
        "Everywhere",
        "Brainstorm ▸ Ask why (in a chain)",
        "Plan",
        "Buy-in (in the matrix)",
        "Projector",
    ):
        assert expected in groups


def test_the_filter_finds_a_key_or_a_word(qtbot, demo_window) -> None:  # type: ignore[no-untyped-def]
    dialog = open_list(qtbot, demo_window)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.filter)
    qtbot.keyClicks(dialog.filter, "projector")
    rows = dialog.visible_rows()
    assert rows
    assert all("projector" in f"{g} {k} {w}".casefold() for g, k, w in rows)
    dialog.filter.clear()
    qtbot.keyClicks(dialog.filter, "ctrl+shift+k")
    assert {g for g, _k, _w in dialog.visible_rows()} >= {"Brainstorm ▸ Ask why (in a chain)"}
    # Keys as people type them: "return" for Enter, "alt+2" inside "Alt+1 … Alt+4".
    for typed, expected in (("ctrl+return", "Ctrl+Enter"), ("alt+2", "Alt+1 … Alt+4")):
        dialog.filter.clear()
        qtbot.keyClicks(dialog.filter, typed)
        assert any(expected in keys for _g, keys, _w in dialog.visible_rows()), typed
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def _hint_keys(hint: str) -> str:
    return hint.replace("↑/↓", "↑ / Alt+↓")


@pytest.mark.parametrize(
    "module", [chains, workback, switch, checkins], ids=lambda m: m.__name__.rsplit(".", 1)[-1]
)
def test_each_screens_keys_match_its_hint_line(module) -> None:  # type: ignore[no-untyped-def]
    """The KEYS a screen lists here are the keys its own hint line names: neither goes stale alone."""
    hint = _hint_keys(module.KEYS_HINT)
    for keys, _what in module.KEYS:
        for key in re.split(r" / | or ", keys):
            key = key.replace(" (or just start typing)", "")
            if key == "Escape":
                continue  # taking a new statement back is said on the statement itself
            assert key.split(",")[0] in hint, f"{key} is not in {module.__name__}'s hint"


def test_the_buyin_keys_are_its_stance_keys() -> None:
    from offsite.gui.shortcuts import buyin_keys

    keys = buyin_keys(buyin)
    letters = {k for k, _ in keys}
    assert {"A", "D", "C", "X", "P"} <= letters or getattr(buyin, "KEYS", None)


def test_plan_and_candidates_expose_keys() -> None:
    assert plan.KEYS
    assert candidates.KEYS


def test_no_two_menu_actions_share_a_key(demo_window) -> None:  # type: ignore[no-untyped-def]
    seen: dict[str, str] = {}
    for shortcut in menu_shortcuts(demo_window):
        for key in shortcut.keys.split(" or "):
            assert key not in seen, f"{key}: {seen.get(key)} and {shortcut.what}"
            seen[key] = shortcut.what


def test_focus_shows_on_a_button_too(qtbot, demo_window) -> None:  # type: ignore[no-untyped-def]
    window = demo_window
    window.show_view("plan")
    button = next(
        b for b in window.phase_pages["plan"].findChildren(QPushButton) if b.isVisible() and b.isEnabled()
    )
    button.setFocus(Qt.FocusReason.TabFocusReason)
    ring = window.focus_ring
    qtbot.waitUntil(ring.isVisible)
    top_left = button.mapTo(window, button.rect().topLeft())
    assert ring.geometry().contains(top_left)
    assert ring.geometry().width() > button.width()
