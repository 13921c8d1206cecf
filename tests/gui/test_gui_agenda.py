"""The agenda in a real window: build it in Prepare with keys; run it with F6 and the status bar."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QSpinBox

from offsite.domain.values import Kind
from offsite.gui.agenda import AgendaPanel
from offsite.gui.commands import VerbCommand
from offsite.services import agenda
from offsite.services.buyin import utc_now

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def _panel(window) -> AgendaPanel:  # type: ignore[no-untyped-def]
    window.show_view("prepare")
    panel = window.phase_pages["prepare"].agenda
    assert isinstance(panel, AgendaPanel)
    return panel


def _titles(window) -> list[str]:  # type: ignore[no-untyped-def]
    return [i.title for i in agenda.read_agenda(window.document.plan).items]


def test_items_are_added_edited_reordered_and_removed_with_keys(qtbot, demo_window) -> None:  # type: ignore[no-untyped-def]
    window = demo_window
    panel = _panel(window)
    assert panel.table.rowCount() == 8
    assert panel.table.item(1, 3).text() == "09:20–10:05"
    assert "ends 16:00" in panel.summary.text()

    panel.table.setFocus()
    panel.table.setCurrentCell(7, 0)
    qtbot.keyClick(panel.table, Qt.Key.Key_N, CTRL_SHIFT)
    assert _titles(window)[-1] == "New item"
    qtbot.waitUntil(lambda: panel.table.state() == panel.table.State.EditingState)
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, "Wrap-up and parking lot")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _titles(window)[-1] == "Wrap-up and parking lot")
    assert panel.table.item(8, 3).text() == "16:00–16:30"

    # Minutes with the spin box, the screen with the list of screens (F2 edits the cell).
    panel.table.setCurrentCell(8, 1)
    qtbot.keyClick(panel.table, Qt.Key.Key_F2)
    spin = QApplication.focusWidget()
    assert isinstance(spin, QSpinBox)
    spin.selectAll()
    qtbot.keyClicks(spin, "15")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: agenda.read_agenda(window.document.plan).items[-1].minutes == 15)
    panel.table.setCurrentCell(8, 2)
    qtbot.keyClick(panel.table, Qt.Key.Key_F2)
    combo = panel.table.findChild(QComboBox)
    assert combo is not None
    combo.setCurrentIndex(combo.findData("signoff"))
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: agenda.read_agenda(window.document.plan).items[-1].view == "signoff")

    # Alt+Up moves it earlier, keeping it selected; undo puts it back.
    panel.table.setFocus()
    panel.table.setCurrentCell(8, 0)
    qtbot.keyClick(panel.table, Qt.Key.Key_Up, ALT)
    assert _titles(window)[-2:] == ["Wrap-up and parking lot", "Buy-in round"]
    assert panel.table.currentRow() == 7
    assert panel.table.item(7, 3).text() == "15:00–15:15"
    qtbot.keyClick(panel.table, Qt.Key.Key_Down, ALT)
    assert _titles(window)[-1] == "Wrap-up and parking lot"
    window.document.undo_stack.undo()
    assert _titles(window)[-2] == "Wrap-up and parking lot"

    # Delete removes; undo brings it back.
    panel.table.setCurrentCell(7, 0)
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert "Wrap-up and parking lot" not in _titles(window)
    window.document.undo_stack.undo()
    assert "Wrap-up and parking lot" in _titles(window)


def test_the_day_start_moves_every_time(qtbot, demo_window) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(demo_window)
    panel.start_edit.setFocus()
    panel.start_edit.setTime(panel.start_edit.time().addSecs(-30 * 60))
    qtbot.keyClick(panel.start_edit, Qt.Key.Key_Return)
    panel.start_edit.editingFinished.emit()
    qtbot.waitUntil(lambda: agenda.read_agenda(demo_window.document.plan).day_start == dt.time(8, 30))
    assert panel.table.item(0, 3).text() == "08:30–08:50"
    demo_window.document.undo_stack.undo()
    assert panel.table.item(0, 3).text() == "09:00–09:20"


def test_f6_starts_the_agenda_and_shows_each_items_screen(qtbot, demo_window) -> None:  # type: ignore[no-untyped-def]
    window = demo_window
    bar = window.agenda_bar
    assert "F6 starts it" in bar.label.text()
    qtbot.keyClick(window, Qt.Key.Key_F6)
    assert window.current_view() == "prepare"
    assert bar.label.text().startswith("Now: Welcome and the three-year vision · ")
    assert re.search(r" left · 0:0\d in$", bar.label.text())  # what is left, and how long it has run
    assert bar.label.property("state") == ""

    qtbot.keyClick(window, Qt.Key.Key_F6)
    assert window.current_view() == "brainstorm"
    page = window.phase_pages["brainstorm"]
    assert page.ui.exercises.currentWidget() is page.tabs["Ask why"]
    assert "Now: Ask why: each team's chains · 45:00 left" in bar.label.text() or "44:5" in bar.label.text()

    qtbot.keyClick(window, Qt.Key.Key_F6)
    assert page.ui.exercises.currentWidget() is page.tabs["Work back"]
    window.document.undo_stack.undo()  # back to the previous item
    assert agenda.read_agenda(window.document.plan).current.title == "Ask why: each team's chains"  # type: ignore[union-attr]


def test_an_overrun_is_said_in_words_and_colour(qtbot, demo_window) -> None:  # type: ignore[no-untyped-def]
    window = demo_window
    document = window.document
    plan = document.plan
    item = agenda.read_agenda(plan).items[1]
    for minutes, state in ((44, "soon"), (49, "over")):
        at = utc_now() - dt.timedelta(minutes=minutes, seconds=10)
        document.execute(
            VerbCommand(
                document,
                "Start",
                [Kind.AGENDA_DAY],
                lambda at=at: agenda.start_item(plan, item.id, at=at),
                lambda previous: agenda.restore_day(plan, previous),
            )
        )
        bar = window.agenda_bar
        assert bar.label.property("state") == state
    assert "Over by 4:1" in bar.label.text()
    # The ticker keeps it live, every second, without any dialog.
    assert bar.ticker.isActive()
    assert bar.ticker.interval() == 1000
    qtbot.waitUntil(lambda: "Over by 4:1" in bar.label.text(), timeout=3000)
    # After the last item, F6 says so on the status line (no dialog).
    agenda.start_item(plan, agenda.read_agenda(plan).items[-1].id)
    document.notify({Kind.AGENDA_DAY})
    qtbot.keyClick(window, Qt.Key.Key_F6)
    assert "last agenda item" in window.notifier.text()
