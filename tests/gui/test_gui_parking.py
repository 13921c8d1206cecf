"""The parking lot in a real window: park from two screens with one key, resolve, make a candidate, undo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QListWidget

from offsite.services.brainstorm import read_brainstorm
from offsite.services.parking import read_parking_lot


def _press_capture(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    focus = QApplication.focusWidget() or window
    qtbot.keyClick(
        focus, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.waitUntil(window.parking.capture.isVisible)


def _park(qtbot, window, text: str) -> None:  # type: ignore[no-untyped-def]
    _press_capture(qtbot, window)
    edit = window.parking.capture.edit
    assert edit.hasFocus()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert not window.parking.capture.isVisible()


def _texts(lot: QListWidget) -> list[str]:
    return [lot.item(row).text().splitlines()[0] for row in range(lot.count())]


def test_park_from_two_screens_resolve_make_a_candidate_and_undo(qtbot, demo_window) -> None:  # type: ignore[no-untyped-def]
    window, plan = demo_window, demo_window.document.plan
    parking = window.parking
    assert not parking.dock.isVisible()  # hidden until something is parked

    window.show_view("plan")
    _park(qtbot, window, "Travel budget for field events")
    assert parking.dock.isVisible()
    assert window.notifier.text() == "Parked: “Travel budget for field events”"
    window.show_view("brainstorm")
    _park(qtbot, window, "Who owns the CRM?")

    lot = parking.panel.list
    assert _texts(lot) == ["Travel budget for field events", "Who owns the CRM?"]
    assert [p.raised_in for p in read_parking_lot(plan)] == ["Plan", "Brainstorm ▸ Ask why"]

    # Escape cancels a capture; nothing is parked.
    _press_capture(qtbot, window)
    qtbot.keyClicks(parking.capture.edit, "Never mind")
    qtbot.keyClick(parking.capture.edit, Qt.Key.Key_Escape)
    assert not parking.capture.isVisible()
    assert len(read_parking_lot(plan)) == 2

    # Enter resolves the first, with a note; it moves below the open one, greyed.
    lot.setFocus()
    lot.setCurrentRow(0)
    qtbot.keyClick(lot, Qt.Key.Key_Return)
    note = parking.panel.note
    assert note.hasFocus()
    qtbot.keyClicks(note, "Finance decides.")
    qtbot.keyClick(note, Qt.Key.Key_Return)
    assert _texts(lot) == ["Who owns the CRM?", "✓ Travel budget for field events"]
    assert read_parking_lot(plan)[1].resolution == "Finance decides."

    # C makes the open one a candidate of the chosen team.
    document = window.document
    teams = document.view().teams
    document.brainstorm()
    reads = document.whole_brainstorm_reads
    lot.setCurrentRow(0)
    qtbot.keyClick(lot, Qt.Key.Key_C)
    chooser = parking.panel.team
    assert chooser.hasFocus()
    chooser.setCurrentIndex(1)
    qtbot.keyClick(chooser, Qt.Key.Key_Return)
    made = [
        c for c in read_brainstorm(plan).candidates if c.origin_label == "Parking lot: “Who owns the CRM?”"
    ]
    assert [c.team_id for c in made] == [teams[1].id]
    assert all(p.resolved for p in read_parking_lot(plan))
    # The brainstorm the tabs share gained that one candidate, without reading the plan again.
    assert document.brainstorm() == read_brainstorm(plan)
    window.undo_action.trigger()
    assert document.brainstorm() == read_brainstorm(plan)
    window.redo_action.trigger()
    assert document.brainstorm() == read_brainstorm(plan)
    assert document.whole_brainstorm_reads == reads

    # Ctrl+Z takes the candidate back and re-opens the item; again, the resolution.
    qtbot.keyClick(lot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not any(c.origin_label.startswith("Parking lot") for c in read_brainstorm(plan).candidates)
    assert [p.resolved for p in read_parking_lot(plan)] == [False, True]
    qtbot.keyClick(lot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [p.resolved for p in read_parking_lot(plan)] == [False, False]
    window.undo_action.trigger()  # and the second capture
    assert _texts(lot) == ["Travel budget for field events"]
    window.redo_action.trigger()
    assert _texts(lot) == ["Travel budget for field events", "Who owns the CRM?"]

    # Delete removes the selected item.
    lot.setCurrentRow(1)
    qtbot.keyClick(lot, Qt.Key.Key_Delete)
    assert _texts(lot) == ["Travel budget for field events"]


def test_the_capture_is_a_view_menu_action_listed_with_the_keys(demo_window) -> None:  # type: ignore[no-untyped-def]
    from offsite.gui.shortcuts import menu_shortcuts

    found = {(s.keys, s.what) for s in menu_shortcuts(demo_window)}
    assert ("Ctrl+Shift+L", "Park an Item") in found
    assert demo_window.parking.capture_action in demo_window.ui.menuView.actions()
    assert demo_window.parking.panel_action in demo_window.ui.menuView.actions()


def test_a_blank_capture_is_not_parked(qtbot, demo_window) -> None:  # type: ignore[no-untyped-def]
    _press_capture(qtbot, demo_window)
    qtbot.keyClick(demo_window.parking.capture.edit, Qt.Key.Key_Return)
    assert demo_window.parking.capture.isVisible()
    assert read_parking_lot(demo_window.document.plan) == ()


def test_the_parking_lot_is_built_when_first_opened_not_before_the_plan_is_on_screen(
    qtbot, make_window, tmp_path, demo_plan_bytes
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLineEdit

    from offsite.services.parking import park

    path = tmp_path / "demo.offsite"
    path.write_bytes(demo_plan_bytes)
    window = make_window()
    assert window.open_path(path)
    # The plan is on screen, and neither the lot's panel nor its capture field has been built.
    assert window.findChild(QListWidget, "parkingList") is None
    assert window.findChild(QLineEdit, "parkingCaptureEdit") is None
    assert "Parking &Lot" in [action.text() for action in window.ui.menuView.actions()]

    park(window.document.plan, "Who owns the CRM?", "Plan")  # parked earlier, in another session
    window.parking.panel_action.trigger()  # View ▸ Parking Lot
    qtbot.waitUntil(window.parking.dock.isVisible)
    lot = window.findChild(QListWidget, "parkingList")
    assert lot is not None
    assert lot.isVisible()
    assert _texts(lot) == ["Who owns the CRM?"]
    assert window.parking.dock.windowTitle() == "Parking lot — 1 open"
    assert window.findChild(QLineEdit, "parkingCaptureEdit") is None  # nothing parked from here yet
