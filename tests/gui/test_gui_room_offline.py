"""A leader's window that loses the room: what they type is kept and said to be kept, and sent with a preview when the room is back.

The laptop reaches the room's real PostgreSQL server through a relay the test cuts and mends
(its Wi-Fi); the stance is typed on the Buy-in page from the keyboard, and the preview is
answered from the keyboard too.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from offsite.domain.buyin import current_stances
from offsite.domain.values import Stance
from offsite.services.plans import read_plan
from offsite.services.room import HostedRoom, RoomPlan, join_room
from room_network import Relay

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def when_shown(name: str, answer: Callable[[QWidget], None]) -> QTimer:
    """Answer the modal dialog named ``name`` once it shows (it runs its own loop meanwhile)."""
    timer = QTimer()

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None and dialog.objectName() == name:
            timer.stop()
            answer(dialog)

    timer.timeout.connect(look)
    timer.start(50)
    return timer


def test_a_stance_typed_while_the_room_is_away_is_kept_then_sent_from_the_preview(  # type: ignore[no-untyped-def]
    qtbot, make_window, hosted: tuple[HostedRoom, RoomPlan], tmp_path: Path
) -> None:
    room, facilitator = hosted
    seat = next(seat for seat in room.leaders if seat.name == "Priya Raman")
    relay = Relay(seat.code.port)
    try:
        joined = join_room(dataclasses.replace(seat.code, port=relay.port), folder=tmp_path / "priya")
        replica = joined.path
        joined.close()
        window = make_window()
        assert window.open_path(replica)
        link = window.room_link
        assert link is not None
        qtbot.waitUntil(lambda: link.online is True, timeout=10000)
        assert window._room_label.text() == "Room: live"
        assert "as Priya Raman" in window._room_label.toolTip()
        view = read_plan(link.plan)
        objective = next(o.id for o in view.objectives if o.statement == "Go outbound")
        me = next(leader.id for leader in view.leaders if leader.name == "Priya Raman")

        relay.cut()
        qtbot.keyClick(focused() or window, Qt.Key.Key_5, CTRL)
        page = window.phase_pages["buyin"]
        qtbot.keyClick(focused() or window, Qt.Key.Key_1, ALT)
        matrix = page.ui.matrixView
        qtbot.waitUntil(lambda: focused() is matrix)
        row = page.matrix.row_of(objective)
        column = next(c for c in range(page.matrix.columnCount()) if page.matrix.leader_id(c) == me)
        qtbot.keyClick(matrix, Qt.Key.Key_Home, CTRL)
        for _ in range(row):
            qtbot.keyClick(matrix, Qt.Key.Key_Down)
        for _ in range(column):
            qtbot.keyClick(matrix, Qt.Key.Key_Right)
        qtbot.keyClick(matrix, Qt.Key.Key_A)

        assert matrix.currentIndex().data() == "Agreed"  # shown at once, though the room is away
        qtbot.waitUntil(lambda: window._room_label.text() == "Room: offline — will send 1", timeout=10000)
        assert "1 change kept on this laptop, sent when it is back" in window._room_label.toolTip()
        QApplication.processEvents()  # the status bar lays out its new words
        window.grab().save(str(tmp_path / "offline.png"))

        seen: list[str] = []

        def send(dialog: QWidget) -> None:
            tree = dialog.tree  # type: ignore[attr-defined]
            seen.extend(tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount()))
            dialog.grab().save(str(tmp_path / "outbox.png"))
            qtbot.keyClick(tree, Qt.Key.Key_Return)

        answering = when_shown("outboxDialog", send)
        relay.mend()
        qtbot.waitUntil(lambda: link.plan.pending == 0, timeout=15000)
        answering.stop()

        assert seen == ["Your stance on “Go outbound”: Agreed"]
        facilitator.sync()
        stance = current_stances(read_plan(facilitator).stances)[(objective, me)]
        assert stance.stance is Stance.AGREED
        qtbot.waitUntil(lambda: window._room_label.text().startswith("Room: live · saved "), timeout=10000)
        assert matrix.currentIndex().data() == "Agreed"
    finally:
        relay.close()


def test_kept_changes_left_for_later_are_sent_from_the_file_menu(  # type: ignore[no-untyped-def]
    qtbot, make_window, hosted: tuple[HostedRoom, RoomPlan], tmp_path: Path
) -> None:
    room, facilitator = hosted
    seat = next(seat for seat in room.leaders if seat.name == "Aiko Tanaka")
    relay = Relay(seat.code.port)
    try:
        joined = join_room(dataclasses.replace(seat.code, port=relay.port), folder=tmp_path / "aiko")
        replica = joined.path
        joined.close()
        window = make_window()
        assert window.open_path(replica)
        link = window.room_link
        assert link is not None
        qtbot.waitUntil(lambda: link.online is True, timeout=10000)
        send = window.room_actions.send_action
        assert send.isEnabled()
        send.trigger()
        assert "Nothing typed offline waits to be sent" in window.notifier.text()

        relay.cut()
        from offsite.services.survey import rate_alignment

        me = next(leader.id for leader in read_plan(link.plan).leaders if leader.name == "Aiko Tanaka")
        rate_alignment(link.plan, me, 4, "Closer than last year")
        window.document.saved.emit()  # as an edit from a page does
        assert link.plan.pending == 1

        later = when_shown("outboxDialog", lambda dialog: qtbot.keyClick(dialog.tree, Qt.Key.Key_Escape))  # type: ignore[attr-defined]
        relay.mend()
        qtbot.waitUntil(lambda: window._room_label.text() == "Room: back · 1 to send", timeout=15000)
        later.stop()
        assert link.plan.pending == 1  # Later keeps it

        sending = when_shown("outboxDialog", lambda dialog: qtbot.keyClick(dialog.tree, Qt.Key.Key_Return))  # type: ignore[attr-defined]
        send.trigger()
        sending.stop()
        assert link.plan.pending == 0
        facilitator.sync()
        from offsite.services.survey import read_ratings

        assert any(r.leader_id == me and r.rating == 4 for r in read_ratings(facilitator).ratings)
    finally:
        relay.close()


def test_a_leaders_window_records_only_their_own_stance_and_says_whose_each_other_cell_is(  # type: ignore[no-untyped-def]
    qtbot, make_window, hosted: tuple[HostedRoom, RoomPlan], tmp_path: Path, answered
) -> None:
    room, facilitator = hosted
    seat = next(seat for seat in room.leaders if seat.name == "Priya Raman")
    joined = join_room(seat.code, folder=tmp_path / "priya")
    replica = joined.path
    joined.close()
    window = make_window()
    assert window.open_path(replica)
    view = read_plan(window.document.plan)
    objective = next(o.id for o in view.objectives if o.statement == "One funnel view")
    maya = next(leader.id for leader in view.leaders if leader.name == "Maya Okafor")
    qtbot.keyClick(focused() or window, Qt.Key.Key_5, CTRL)
    page = window.phase_pages["buyin"]
    qtbot.keyClick(focused() or window, Qt.Key.Key_1, ALT)
    matrix = page.ui.matrixView
    qtbot.waitUntil(lambda: focused() is matrix)
    row = page.matrix.row_of(objective)
    column = next(c for c in range(page.matrix.columnCount()) if page.matrix.leader_id(c) == maya)
    qtbot.keyClick(matrix, Qt.Key.Key_Home, CTRL)
    for _ in range(row):
        qtbot.keyClick(matrix, Qt.Key.Key_Down)
    for _ in range(column):
        qtbot.keyClick(matrix, Qt.Key.Key_Right)
    before = matrix.currentIndex().data()

    assert (
        "Maya Okafor records their own stance; yours is in the Priya Raman column" in page.ui.cellLabel.text()
    )
    assert not page.ui.stanceCombo.isEnabled()
    qtbot.keyClick(matrix, Qt.Key.Key_X)

    assert matrix.currentIndex().data() == before
    assert any("Maya Okafor records their own stance" in error for error in answered.errors)
    facilitator.sync()
    assert current_stances(read_plan(facilitator).stances)[(objective, maya)].stance.label == before
