"""The Brainstorm page as a whole: its four tabs in the real window, and read-only plans."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QSpinBox, QWidget

from offsite.gui.page import Page
from offsite.services.brainstorm import read_brainstorm
from offsite.services.plans import open_plan

TABS = ["Ask why", "Work back", "Team switch", "Candidates"]


def test_the_page_has_every_exercise_and_the_pool(demo_window) -> None:  # type: ignore[no-untyped-def]
    demo_window.show_view("brainstorm")
    page = demo_window.phase_pages["brainstorm"]
    tabs = page.ui.exercises
    assert [tabs.tabText(i) for i in range(tabs.count())] == TABS
    for i in range(tabs.count()):
        tabs.setCurrentIndex(i)
        QApplication.processEvents()
        assert isinstance(tabs.currentWidget(), Page), f"{tabs.tabText(i)} is still a placeholder"


@pytest.mark.parametrize("tab_name", TABS)
def test_a_read_only_plan_takes_no_edit_from_any_tab(  # type: ignore[no-untyped-def]
    qtbot, make_window, answered, tmp_path: Path, demo_plan_bytes: bytes, tab_name: str
) -> None:
    path = tmp_path / "demo.offsite"
    path.write_bytes(demo_plan_bytes)
    with open_plan(path) as plan:
        before = read_brainstorm(plan)
    window = make_window()
    assert window.open_path(path, readonly=True)
    window.show_view("brainstorm")
    page = window.phase_pages["brainstorm"]
    tab: QWidget = page.tabs[tab_name]
    page.ui.exercises.setCurrentWidget(tab)
    QApplication.processEvents()
    views = [v for v in tab.findChildren(QAbstractItemView) if v.isVisible() and v.isEnabled()]
    assert views, f"{tab_name} shows nothing to look through"
    for view in views:
        view.setFocus()
        if view.model() is not None and view.model().rowCount() > 0:
            view.setCurrentIndex(view.model().index(0, 0))
        for key in (Qt.Key.Key_Return, Qt.Key.Key_F2, Qt.Key.Key_Delete, Qt.Key.Key_Tab):
            qtbot.keyClick(view, key)
        qtbot.keyClick(
            view, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        )
        assert view.state() != QAbstractItemView.State.EditingState
    assert answered.errors == []  # nothing even tried to write
    assert window.document is not None
    assert read_brainstorm(window.document.plan) == before


def test_a_read_only_plan_takes_no_dots(qtbot, make_window, tmp_path: Path, demo_plan_bytes: bytes) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "demo.offsite"
    path.write_bytes(demo_plan_bytes)
    window = make_window()
    assert window.open_path(path, readonly=True)
    window.show_view("brainstorm")
    page = window.phase_pages["brainstorm"]
    tab = page.tabs["Candidates"]
    page.ui.exercises.setCurrentWidget(tab)
    view = tab.ui.poolView
    view.setCurrentIndex(tab.model.index(0, 1))  # a candidate's detail, with every leader's dots
    QApplication.processEvents()
    spins = [s for s in tab.findChildren(QSpinBox) if s.objectName().startswith("dots_")]
    assert spins
    assert all(s.isReadOnly() for s in spins)
