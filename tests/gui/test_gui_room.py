"""The room in the app: host from File ▸ Host a Room, hand out the join codes, join from a second
window, follow a leader's stance live, bring the room home, and see the room go offline and back.

Every test runs against a real PostgreSQL server (the session's ``pg_server``, or one of the
test's own where it is killed) and drives the dialogs from the keyboard.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QLineEdit
from tests.gui.test_gui_dark import text_contrast
from tests.gui.test_gui_screens import settle

from offsite.domain.values import Stance
from offsite.gui.room_dialogs import ADDRESS_KEY, HostRoomDialog, JoinCodesDialog, JoinRoomDialog
from offsite.gui.shell import MainWindow
from offsite.gui.shell.files import READY_TO_EDIT_MS
from offsite.gui.theme import dark_desktop_palette
from offsite.services.plans import open_plan, read_outline, read_plan
from offsite.services.room import JoinCode, RoomPlan, room_server_folder, rooms_folder
from offsite.services.signoff import content_fingerprint
from offsite.store.room.localserver import LocalServer

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
#: A server answers in well under this; a slow shared machine still does.
SERVER_MS = 30_000


def focused():  # type: ignore[no-untyped-def]
    return QApplication.focusWidget()


def demo_leaders(path: Path) -> list[str]:
    with open_plan(path, readonly=True) as plan:
        return [leader.name for leader in read_outline(plan).leaders]


@pytest.fixture
def rooms_to_close() -> Iterator[list[tuple[str, str, str]]]:
    """(admin URL, password, room) of each room a test hosts: its logins are dropped after the test
    (a server's roles outlive its databases), once the windows that use them have closed."""
    rooms: list[tuple[str, str, str]] = []
    yield rooms
    from sqlalchemy import create_engine

    from offsite.store.room.seats import drop_seats

    for url, password, room in rooms:
        engine = create_engine(
            url.replace("postgresql:", "postgresql+psycopg:"), connect_args={"password": password}
        )
        try:
            with engine.begin() as connection:
                drop_seats(connection, room)
        except Exception:  # the test's own server is gone with its folder: nothing left to drop
            pass
        finally:
            engine.dispose()


@pytest.fixture
def address(pg_server: LocalServer, pg_database: str) -> str:
    return f"postgresql://offsite@{pg_server.host}:{pg_server.port}/{pg_database}"


def open_host_dialog(qtbot, window: MainWindow) -> HostRoomDialog:  # type: ignore[no-untyped-def]
    action = window.room_actions.host_action
    assert action in window.ui.menuFile.actions()
    assert action.isEnabled()
    action.trigger()  # File ▸ Host a Room…
    dialog = window.room_actions.dialog
    assert isinstance(dialog, HostRoomDialog)
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def host_from_keyboard(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, address: str, password: str
) -> JoinCodesDialog:
    """File ▸ Host a Room…, the address and password typed, Enter; the join codes dialog it ends in."""
    dialog = open_host_dialog(qtbot, window)
    # The room's name, from the plan's title, is one a login can carry: no "__" where the title is cut.
    assert re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*_[0-9a-f]{4}", dialog.room.text()), dialog.room.text()
    qtbot.waitUntil(lambda: focused() is dialog.address)
    qtbot.keyClicks(focused(), address)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is dialog.password
    qtbot.keyClicks(focused(), password)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(window.room_actions.dialog, JoinCodesDialog), timeout=SERVER_MS)
    codes = window.room_actions.dialog
    assert isinstance(codes, JoinCodesDialog)
    qtbot.waitUntil(codes.isVisible)
    return codes


def close_codes(qtbot, window: MainWindow, codes: JoinCodesDialog) -> None:  # type: ignore[no-untyped-def]
    """Enter on the codes (Done: open the room); the window turns into the facilitator's room."""
    qtbot.waitUntil(lambda: isinstance(focused(), QLineEdit) and focused().window() is codes)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(window.document.plan if window.document else None, RoomPlan))


def live(window: MainWindow) -> bool:
    label = window._room_label
    said = window.room_link is not None and window.room_link.online is True  # the listener has said so
    return (
        said and label.isVisible() and label.text().startswith("Room: live") and not label.property("offline")
    )


def pill_contrasts(window: MainWindow) -> dict[tuple[str, str], float]:
    """The contrast of the room's pill's text with its background, light and dark, live and offline."""
    app = QApplication.instance()
    before = QPalette(app.palette())
    label, link = window._room_label, window.room_link
    seen = {}
    try:
        for theme, palette in (("light", before), ("dark", dark_desktop_palette(before))):
            app.setPalette(palette)
            for state, online in (("live", True), ("offline", False)):
                link.status_changed.emit(
                    online
                )  # what the room's listener says when the server comes and goes
                settle()
                assert label.property("offline") is (not online)
                seen[theme, state] = text_contrast(window.statusBar().grab(label.geometry()).toImage())
    finally:
        app.setPalette(before)
        link.status_changed.emit(True)
        settle()
    return seen


def test_the_facilitator_hosts_from_the_keyboard_and_every_demo_leader_gets_a_code_shown_only_once(  # type: ignore[no-untyped-def]
    qtbot, rooms_to_close, demo_window: MainWindow, address: str, pg_server: LocalServer, answered, settings
) -> None:
    window = demo_window
    title = window.document.outline().details.title
    leaders = demo_leaders(window.document.plan.path)

    codes = host_from_keyboard(qtbot, window, address, pg_server.admin_password)
    hosted = codes.hosted
    rooms_to_close.append((address, pg_server.admin_password, hosted.room))

    # Every leader of the demo plan, each with a code of their own that a laptop can read.
    assert list(codes.codes) == leaders
    texts = [field.text() for field in codes.codes.values()]
    assert len(set(texts)) == len(leaders)
    for name, field in codes.codes.items():
        code = JoinCode.parse(field.text())
        assert (code.host, code.port) == (pg_server.host, pg_server.port)
        assert field.isReadOnly()
        assert QFontInfo(field.font()).fixedPitch()
        codes.copy_buttons[name].click()
        assert QGuiApplication.clipboard().text() == field.text()
        assert name in codes.copied.text()
    assert "password for that leader alone" in codes.findChild(type(codes.copied), "codesExplain").text()

    close_codes(qtbot, window, codes)
    assert any("not shown again" in question for question in answered.questions)

    # The window is the facilitator's room: the plan, with the room's pill in the status bar.
    plan = window.document.plan
    assert isinstance(plan, RoomPlan)
    assert plan.state.facilitator
    assert window.windowTitle() == f"{title} — Offsite"
    qtbot.waitUntil(lambda: live(window), timeout=SERVER_MS)
    assert window._room_label.toolTip().startswith(
        f"Room on {pg_server.host}:{pg_server.port}, database {hosted.database}, as the facilitator."
    )
    assert not window.room_actions.host_action.isEnabled()
    assert window.room_actions.home_action.isEnabled()
    assert str(plan.path) in window.recent_files()

    # The pill reads on a light and a dark desktop, live and offline (as the listener says it).
    contrasts = pill_contrasts(window)
    assert min(contrasts.values()) >= 4.5, contrasts
    # ... and, back to live from the longer “Room: offline”, hugs its words again.
    label, link = window._room_label, window.room_link
    link.status_changed.emit(False)
    settle()
    offline_width = label.width()
    link.status_changed.emit(True)
    settle()
    assert label.text() == "Room: live"
    assert label.width() < offline_width

    # On a 1280×800 laptop at 150% (853 logical pixels wide) the window still fits, pill whole.
    window.resize(853, 533)
    settle()
    assert window.width() == 853
    assert label.width() >= label.sizeHint().width()
    window.resize(1280, 800)

    # Nothing on disk holds a leader's password: the settings keep the address alone.
    settings.sync()
    assert settings.value(ADDRESS_KEY) == address
    written = Path(settings.fileName()).read_text(encoding="utf-8")
    written += "".join(p.read_text(encoding="utf-8") for p in rooms_folder().glob("*.json"))
    for text in texts:
        assert JoinCode.parse(text).password not in written
    assert pg_server.admin_password not in written


def test_wrong_answers_are_said_in_the_dialog_and_nothing_is_hosted(  # type: ignore[no-untyped-def]
    qtbot, demo_window: MainWindow, address: str, pg_server: LocalServer, pg_database: str
) -> None:
    window = demo_window
    dialog = open_host_dialog(qtbot, window)
    qtbot.waitUntil(lambda: focused() is dialog.address)

    # A room name that cannot be a login's: said as the name is typed.
    dialog.room.selectAll()
    qtbot.keyClicks(dialog.room, "Q3 offsite!")
    assert dialog.problem.isVisible()
    assert "cannot name a room" in dialog.problem.text()
    assert "q3_offsite" in dialog.problem.text()
    settle()  # the sentence makes the dialog taller; no field is flattened to make room for it
    for field in (dialog.address, dialog.password, dialog.room):
        assert field.height() >= field.minimumSizeHint().height(), field.objectName()
    dialog.room.selectAll()
    qtbot.keyClicks(dialog.room, "q3_offsite_checks")
    assert not dialog.problem.isVisible()

    # An address whose port is not a number.
    qtbot.keyClicks(dialog.address, f"postgresql://offsite@{pg_server.host}:54x2/{pg_database}")
    qtbot.keyClick(dialog.address, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.problem.isVisible() and not dialog.busy, timeout=SERVER_MS)
    assert "is not a database address" in dialog.problem.text()

    # The right address with a wrong password: the server refuses, in a sentence.
    dialog.address.clear()
    qtbot.keyClicks(dialog.address, address)
    qtbot.keyClick(dialog.address, Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "not the password")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.problem.isVisible() and not dialog.busy, timeout=SERVER_MS)
    assert "refused the login" in dialog.problem.text()
    assert dialog.isVisible()
    assert not isinstance(window.document.plan, RoomPlan)

    # Join a Room: what is not a join code is said in place.
    dialog.reject()
    window.room_actions.join_action.trigger()
    join = window.room_actions.dialog
    assert isinstance(join, JoinRoomDialog)
    qtbot.waitUntil(lambda: focused() is join.code)
    qtbot.keyClicks(join.code, "postgresql://offsite@somewhere/room")
    qtbot.keyClick(join.code, Qt.Key.Key_Return)
    assert "not a room's join code" in join.problem.text()
    assert join.problem.isVisible()
    assert join.isVisible()


def walk_to(qtbot, page, objective_id: int, leader_id: int) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+Home, then the arrows down to the objective's row and across to the leader's column."""
    matrix = page.ui.matrixView
    column = next(c for c in range(page.matrix.columnCount()) if page.matrix.leader_id(c) == leader_id)
    qtbot.keyClick(matrix, Qt.Key.Key_Home, CTRL)
    for _ in range(page.matrix.row_of(objective_id)):
        qtbot.keyClick(matrix, Qt.Key.Key_Down)
    for _ in range(column):
        qtbot.keyClick(matrix, Qt.Key.Key_Right)


def buyin_matrix(qtbot, window: MainWindow):  # type: ignore[no-untyped-def]
    """Ctrl+5 then Alt+1: the keyboard in the buy-in matrix."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(focused() or window, Qt.Key.Key_5, CTRL)
    page = window.phase_pages["buyin"]
    qtbot.keyClick(focused() or window, Qt.Key.Key_1, ALT)
    qtbot.waitUntil(lambda: focused() is page.ui.matrixView)
    return page


def test_a_leader_joins_from_a_second_window_and_the_facilitator_sees_their_stance_then_brings_the_room_home(  # type: ignore[no-untyped-def]
    qtbot,
    rooms_to_close,
    make_window: Callable[[], MainWindow],
    demo_window: MainWindow,
    address: str,
    pg_server: LocalServer,
    answered,
    tmp_path: Path,
) -> None:
    facilitator = demo_window
    codes = host_from_keyboard(qtbot, facilitator, address, pg_server.admin_password)
    rooms_to_close.append((address, pg_server.admin_password, codes.hosted.room))
    priyas_code = codes.codes["Priya Raman"].text()
    close_codes(qtbot, facilitator, codes)

    view = facilitator.document.view()
    objective = next(o for o in view.objectives if o.statement == "Own the category")
    priya = next(leader for leader in view.leaders if leader.name == "Priya Raman")
    facilitators_page = buyin_matrix(qtbot, facilitator)
    walk_to(qtbot, facilitators_page, objective.id, priya.id)
    facilitator.ui.actionProjector.setChecked(True)  # F5: the room's screen shows the cell under discussion
    projector = facilitator.projector
    assert projector is not None
    qtbot.waitUntil(lambda: "Own the category" in projector.shown_text())
    whole_reads = facilitator.document.whole_reads

    # Priya's laptop: File ▸ Join a Room…, the code pasted, Enter.
    laptop = make_window()
    laptop.room_actions.join_action.trigger()
    join = laptop.room_actions.dialog
    assert isinstance(join, JoinRoomDialog)
    qtbot.waitUntil(lambda: focused() is join.code)
    qtbot.keyClicks(join.code, priyas_code)
    qtbot.keyClick(join.code, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: isinstance(laptop.document.plan if laptop.document else None, RoomPlan), timeout=SERVER_MS
    )
    assert laptop.document.plan.state.leader_name == "Priya Raman"
    qtbot.waitUntil(lambda: live(laptop), timeout=SERVER_MS)
    assert "as Priya Raman." in laptop._room_label.toolTip()
    assert not laptop.room_actions.home_action.isEnabled()  # only the facilitator brings it home
    assert str(laptop.document.plan.path) in laptop.recent_files()

    # She asks for changes on “Own the category”, with a comment, from the keyboard.
    page = buyin_matrix(qtbot, laptop)
    walk_to(qtbot, page, objective.id, priya.id)
    qtbot.keyClick(page.ui.matrixView, Qt.Key.Key_C)
    qtbot.keyClick(page.ui.matrixView, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: focused() is page.ui.commentEdit)
    qtbot.keyClicks(page.ui.commentEdit, "Not with this headcount")
    qtbot.keyClick(page.ui.commentEdit, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: (
            page.ui.historyList.count() > 0
            and "Not with this headcount" in page.ui.historyList.item(0).text()
        )
    )

    # The facilitator's screen shows it, on the cell the facilitator has selected, without a click.
    expected = "Priya Raman: Changes requested — “Not with this headcount”"
    history = facilitators_page.ui.historyList
    qtbot.waitUntil(
        lambda: history.count() > 0 and history.item(0).text().endswith(expected), timeout=SERVER_MS
    )
    assert facilitators_page.ui.matrixView.currentIndex().data() == "Changes requested"
    qtbot.waitUntil(lambda: "Not with this headcount" in projector.shown_text(), timeout=SERVER_MS)
    # Priya's one row was patched in: the facilitator's window never read the whole plan again.
    assert facilitator.document.whole_reads == whole_reads
    facilitator.ui.actionProjector.setChecked(False)

    # File ▸ Bring the Room Home…: a new plan file whose fingerprint is the room's, opened on “Yes”.
    rooms_fingerprint = content_fingerprint(facilitator.document.plan)
    assert rooms_fingerprint == content_fingerprint(laptop.document.plan)
    home = tmp_path / "home" / "Q3 offsite.offsite"
    home.parent.mkdir()
    answered.save_paths.append(home)
    action = facilitator.room_actions.home_action
    assert action in facilitator.ui.menuFile.actions()
    assert action.isEnabled()
    action.trigger()
    qtbot.waitUntil(lambda: facilitator.document.plan.path == home.resolve(), timeout=SERVER_MS)
    question = next(q for q in answered.questions if "The room is home" in q)
    assert str(home) in question
    assert rooms_fingerprint in question
    plan = facilitator.document.plan
    assert not plan.is_room
    assert content_fingerprint(plan) == rooms_fingerprint
    latest = max((s for s in read_plan(plan).stances if s.leader_id == priya.id), key=lambda s: s.id)
    assert (latest.objective_id, latest.stance, latest.comment) == (
        objective.id,
        Stance.CHANGES_REQUESTED,
        "Not with this headcount",
    )
    assert facilitator._room_label.isHidden()  # the window has left the room; the laptops stay in it
    assert home.name in facilitator.notifier.text()


@pytest.fixture
def own_server() -> Iterator[Path]:
    """This laptop's room server, as File ▸ Host a Room starts it (in Offsite's data folder, a
    sandbox in the tests), stopped and forgotten after the test: it is killed on purpose."""
    folder = room_server_folder()
    yield folder
    LocalServer(folder).kill()  # running or killed already: gone either way
    shutil.rmtree(folder, ignore_errors=True)


def test_a_room_on_this_laptops_own_server_goes_offline_when_the_server_dies_and_live_when_it_is_back(  # type: ignore[no-untyped-def]
    qtbot, own_server: Path, demo_window: MainWindow, answered
) -> None:
    window = demo_window
    dialog = open_host_dialog(qtbot, window)
    assert dialog.address.text() == ""
    qtbot.waitUntil(lambda: focused() is dialog.address)
    qtbot.keyClick(focused(), Qt.Key.Key_S, ALT)  # "Start a room server on this laptop"
    qtbot.waitUntil(lambda: dialog.address.text().startswith("postgresql://offsite@"), timeout=SERVER_MS)
    qtbot.waitUntil(lambda: not dialog.busy)
    assert not dialog.problem.isVisible(), dialog.problem.text()
    address = dialog.address.text()
    port = int(address.rsplit(":", 1)[1].split("/")[0])
    assert address.endswith(f"/{dialog.room.text()}")  # a database of the room's own
    assert dialog.password.text() == ""  # Offsite keeps the server's password itself

    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(window.room_actions.dialog, JoinCodesDialog), timeout=SERVER_MS)
    codes = window.room_actions.dialog
    server = LocalServer(own_server, port=port, listen="*")
    assert list(codes.codes) == demo_leaders(window.document.plan.path)
    close_codes(qtbot, window, codes)
    qtbot.waitUntil(lambda: live(window), timeout=SERVER_MS)
    assert "as the facilitator." in window._room_label.toolTip()

    replica, plan_file = window.document.plan.path, window.recent_files()[1]

    server.kill()  # as a power cut
    label = window._room_label
    qtbot.waitUntil(lambda: label.property("offline") is True, timeout=SERVER_MS)
    assert label.text() == "Room: offline"
    assert "cannot be reached; reconnecting" in label.toolTip()
    assert label.isVisible()

    # Away from the room and back through File ▸ Open Recent while the server is still down: the
    # room's plan shows as last seen, offline, and the window waits on no server to get ready.
    assert window.open_path(Path(plan_file))
    assert label.isHidden()
    window.ui.menuRecent.aboutToShow.emit()
    entry = next(a for a in window.ui.menuRecent.actions() if a.toolTip() == str(replica))
    entry.trigger()
    assert isinstance(window.document.plan, RoomPlan)
    qtbot.waitUntil(lambda: label.isVisible() and label.property("offline") is True, timeout=SERVER_MS)
    qtbot.wait(READY_TO_EDIT_MS * 2)  # the window's getting ready to edit runs, with the server away
    assert window.document.view().leaders

    server.start()
    qtbot.waitUntil(lambda: live(window), timeout=SERVER_MS)
    assert label.text().startswith("Room: live")


def test_a_plan_without_leaders_is_not_hosted_and_says_why(  # type: ignore[no-untyped-def]
    make_window: Callable[[], MainWindow], answered, tmp_path: Path
) -> None:
    from offsite.services.plans import create_plan

    path = tmp_path / "empty.offsite"
    create_plan(path, "Q3 offsite").close()
    window = make_window()
    assert not window.room_actions.host_action.isEnabled()  # no plan yet
    assert window.room_actions.join_action.isEnabled()  # a leader joins from an empty window
    assert window.open_path(path)
    window.room_actions.host_action.trigger()
    assert window.room_actions.dialog is None
    assert answered.errors == [
        "This plan has no leaders yet. Add them on Prepare, then host the room: each leader joins with "
        "a code of their own."
    ]
