"""Typing a date as the desktop writes it: "3/4", "2027-03-04", "4 Mar" land as the date meant."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QAbstractItemView
from tests.gui.helpers import open_editor

from offsite.gui.dates import DateLineEdit
from offsite.gui.shell import MainWindow


@pytest.fixture
def locale() -> Iterator[None]:
    before = QLocale()
    yield
    QLocale.setDefault(before)


# The demo plan's horizon is "H1 2027": a date typed without a year is in 2027.
CASES = [
    ("en_US", "3/4", dt.date(2027, 3, 4)),
    ("en_GB", "3/4", dt.date(2027, 4, 3)),
    ("de_DE", "3.4.", dt.date(2027, 4, 3)),
    ("de_DE", "3/4", dt.date(2027, 4, 3)),
    ("en_US", "2027-03-04", dt.date(2027, 3, 4)),
    ("en_GB", "2027-03-04", dt.date(2027, 3, 4)),
    ("en_US", "4 Mar", dt.date(2027, 3, 4)),
    ("en_GB", "4 Mar", dt.date(2027, 3, 4)),
]


def test_a_date_typed_into_the_first_day_is_the_date_meant(
    qtbot, demo_window: MainWindow, locale: None
) -> None:
    demo_window.show_view("prepare")
    edit = demo_window.phase_pages["prepare"].ui.startsOnEdit
    assert isinstance(edit, DateLineEdit)
    for name, typed, meant in CASES:
        QLocale.setDefault(QLocale(name))
        edit.setFocus()
        edit.selectAll()
        qtbot.keyClicks(edit, typed)
        qtbot.keyClick(edit, Qt.Key.Key_Return)
        assert demo_window.document.view().details.starts_on == meant, (name, typed)
        assert edit.text() == f"{meant.day} {meant.strftime('%b')} {meant.year}"
        edit.setDate(dt.date(2027, 1, 14))  # a different date before the next case, so each one is an edit


def test_a_date_typed_into_a_goals_due_cell_is_the_date_meant(
    qtbot, demo_window: MainWindow, locale: None
) -> None:
    demo_window.show_view("prepare")
    view = demo_window.phase_pages["prepare"].ui.goalsView
    for name, typed, meant in CASES:
        QLocale.setDefault(QLocale(name))
        editor = open_editor(view, view.model().index(0, 4))
        assert isinstance(editor, DateLineEdit)
        editor.selectAll()
        qtbot.keyClicks(editor, typed)
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)
        assert demo_window.document.view().goals[0].due == meant, (name, typed)


def test_text_that_is_no_date_is_kept_marked_and_not_stored(qtbot, demo_window: MainWindow) -> None:
    demo_window.show_view("prepare")
    edit = demo_window.phase_pages["prepare"].ui.endsOnEdit
    before = demo_window.document.view().details.ends_on
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "soonish")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert demo_window.document.view().details.ends_on == before
    assert edit.text() == "soonish"
    assert edit.property("problem") == "blocking"
    assert "4 Mar 2027" in edit.toolTip()
    assert "4 Mar 2027" in demo_window.notifier.text()  # said where the user looks, in the toast


# A popup on the offscreen test platform: it cannot raise the window or grab the keyboard, and says so.
@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing")
def test_the_calendar_opens_on_the_date_shown_or_the_plans_year(qtbot, demo_window: MainWindow) -> None:
    demo_window.show_view("prepare")
    edit = demo_window.phase_pages["prepare"].ui.startsOnEdit
    shown = demo_window.document.view().details.starts_on
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert edit.calendar.isVisible()
    selected = edit.calendar.selectedDate()
    assert (selected.year(), selected.month(), selected.day()) == (shown.year, shown.month, shown.day)
    qtbot.keyClick(edit.calendar, Qt.Key.Key_Escape)
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert demo_window.document.view().details.starts_on is None
    edit.calendar_action.trigger()
    selected = edit.calendar.selectedDate()
    today = dt.date.today()
    expected = today if today.year == 2027 else dt.date(2027, 1, 1)
    assert (selected.year(), selected.month(), selected.day()) == (
        expected.year,
        expected.month,
        expected.day,
    )
    qtbot.keyClick(edit.calendar, Qt.Key.Key_Escape)
