"""The first screen of an empty plan: the day in seven steps, and three ways to begin, one key each."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import start_blank
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit

from offsite.gui.onboarding import DAY
from offsite.services.plans import open_plan, read_plan


@pytest.fixture
def new_plan(qtbot, make_window, answered, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A window on a plan just made with File ▸ New Plan."""
    window = make_window()
    answered.save_paths.append(tmp_path / "Offsite 2027.offsite")
    window.ui.actionNew.trigger()
    start_blank(qtbot, window)
    assert window.current_view() == "prepare"
    return window


def test_a_new_plan_opens_on_the_day_in_seven_steps_and_three_ways_to_begin(qtbot, new_plan) -> None:
    card = new_plan.phase_pages["prepare"].onboarding
    assert card.isVisible()
    said = card.text()
    positions = [said.index(name) for name, _ in DAY]
    assert positions == sorted(positions)  # Prepare → … → Review, in the order of the day
    assert [b.accessibleName() for b in card.buttons.values()] == [
        "Start from the demo",
        "Add the leaders",
        "Import a plan",
    ]
    assert card.isAncestorOf(QApplication.focusWidget())  # one key from starting


def test_l_opens_a_new_leader_for_typing_and_the_card_goes_until_the_plan_is_empty_again(
    qtbot, new_plan, tmp_path: Path
) -> None:
    page = new_plan.phase_pages["prepare"]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_L)
    view = page.ui.leadersView
    assert view.state() == QAbstractItemView.State.EditingState
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    assert view.isAncestorOf(editor)
    assert not page.onboarding.isVisible()
    editor.selectAll()
    qtbot.keyClicks(editor, "Maya Okafor")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)
    with open_plan(tmp_path / "Offsite 2027.offsite", readonly=True) as plan:
        assert [p.name for p in read_plan(plan).leaders] == ["Maya Okafor"]
    view.setFocus()
    for _ in range(2):  # the name, then the leader
        qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.onboarding.isVisible()


def test_d_opens_the_demo_plan(qtbot, new_plan, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from offsite.gui.dialogs import demo_plan_path

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_D)
    assert new_plan.document.plan.path == demo_plan_path().resolve()
    assert new_plan.windowTitle().startswith("Sales & Marketing Offsite 2027")
    page = new_plan.phase_pages["prepare"]
    assert page.leaders.rowCount() == 6
    assert not page.onboarding.isVisible()
    assert "demo plan" in new_plan.notifier.text()


def test_i_imports_a_plan_from_an_offsite_json_file(
    qtbot, new_plan, answered, demo_plan, tmp_path: Path
) -> None:
    from offsite.exchange.interchange import write_json

    source = write_json(demo_plan, tmp_path / "from the board.json")
    imported = tmp_path / "imported.offsite"
    answered.open_paths.append(source)
    answered.save_paths.append(imported)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_I)
    assert answered.errors == []
    assert new_plan.document.plan.path == imported.resolve()
    assert new_plan.phase_pages["prepare"].leaders.rowCount() == 6
    assert not new_plan.phase_pages["prepare"].onboarding.isVisible()
    assert str(imported.resolve()) in new_plan.notifier.text()


def test_a_plan_with_leaders_shows_no_card(qtbot, demo_window) -> None:
    assert not demo_window.phase_pages["prepare"].onboarding.isVisible()
