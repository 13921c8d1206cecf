"""The room in the app: File ▸ Host a Room, Join a Room and Bring the Room Home.

The facilitator hosts the plan in the window on a PostgreSQL server (a company's, or one Offsite
starts on this laptop), then reads each leader their join code from the Join codes dialog; closing
it turns the window into the facilitator's room. A leader pastes their code into Join a Room and
the window opens their laptop's copy of the room. At the end the facilitator brings the room home
into a new ``.offsite`` file, with the content fingerprint to compare.

Hosting, joining and bringing home talk to a server and may take seconds: each runs on a worker
(``gui.background.Computation`` for the dialogs, the window's job for the bring-home), and what
goes wrong comes back as the service's sentence, shown in place. Passwords are never stored by
the dialogs: the address is remembered without one, and the join codes are shown only once.
Dialogs open window-modal with ``open()``, so tests drive them as a user would.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSettings, Qt, Signal, Slot
from PySide6.QtGui import QAction, QFontDatabase, QFontMetrics, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from offsite.domain.errors import CancelledError, OffsiteError
from offsite.domain.language import translate
from offsite.gui import dialogs
from offsite.gui.background import Computation

if TYPE_CHECKING:
    from offsite.gui.host import Host
    from offsite.services.plans import PlanFile
    from offsite.services.room import HostedRoom, RoomPlan

log = logging.getLogger(__name__)

#: Where the address of the last server a room was hosted on is kept (never its password).
ADDRESS_KEY = "room/address"
ADDRESS_HINT = "postgresql://USER@HOST:PORT/DATABASE"


@dataclasses.dataclass(frozen=True)
class _Refused:
    """A step the service refused, with its sentence (a worker hands it back instead of raising)."""

    sentence: str


def _said(work: Callable[[], object]) -> Callable[[], object]:
    """``work`` whose refusals come back as a sentence to show; a bug still fails as one."""

    def run() -> object:
        try:
            return work()
        except OffsiteError as error:
            return _Refused(str(error))

    return run


def _monospace() -> Any:
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)


class _ServerDialog(QDialog):
    """A dialog whose step runs on a worker: a busy bar meanwhile, the fields still, the sentence in place."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._worker: Computation | None = None
        self._then: Callable[[Any], None] | None = None
        self._outcome: object = None
        self.layout_ = QVBoxLayout(self)
        self.problem = QLabel(self)
        self.problem.setObjectName("roomProblem")
        self.problem.setWordWrap(True)
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem.hide()
        self.busy_label = QLabel(self)
        self.busy_label.setObjectName("roomBusy")
        self.busy_label.setWordWrap(True)
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setRange(0, 0)  # no steps to count: a server answers when it answers
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setMaximumHeight(8)
        self.busy_label.hide()
        self.busy_bar.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self) -> None:
        for widget in (self.problem, self.busy_label, self.busy_bar, self.buttons):
            self.layout_.addWidget(widget)

    @property
    def busy(self) -> bool:
        return self._worker is not None

    def say_problem(self, sentence: str) -> None:
        self.problem.setText(sentence)
        self.problem.setVisible(bool(sentence))
        self._fit_height()

    def _fit_height(self) -> None:
        """Tall enough for what shows now at this width (a sentence, the busy bar): a line that shows
        makes the dialog taller, never the fields flatter."""
        layout = self.layout_
        layout.activate()
        needed = (
            layout.totalHeightForWidth(self.width())
            if layout.hasHeightForWidth()
            else self.sizeHint().height()
        )
        if needed > self.height():
            self.resize(self.width(), needed)

    def run(self, label: str, what: str, work: Callable[[], object], then: Callable[[Any], None]) -> None:
        """Run ``work`` on a worker with ``label`` over a busy bar; ``then`` takes its result on this thread."""
        self.say_problem("")
        self.busy_label.setText(label)
        self.busy_label.show()
        self.busy_bar.show()
        self._fit_height()
        self._set_fields_enabled(False)
        self._then = then
        worker = Computation(_said(work), what)
        # Bound slots of this dialog, never lambdas: they run queued on the UI thread.
        worker.done.connect(self._worker_done)
        worker.failed.connect(self._worker_failed)
        worker.finished.connect(self._worker_finished)
        self._worker = worker
        worker.start_kept()

    def _set_fields_enabled(self, enabled: bool) -> None:
        for child in self.findChildren(QWidget):
            if isinstance(child, (QLineEdit, QPushButton)):
                child.setEnabled(enabled)

    # What the worker said waits for its thread to end: the step that follows may close the dialog.
    @Slot(object)
    def _worker_done(self, result: object) -> None:
        self._outcome = result

    @Slot(str)
    def _worker_failed(self, sentence: str) -> None:
        self._outcome = _Refused(sentence)

    @Slot()
    def _worker_finished(self) -> None:
        worker, self._worker = self._worker, None
        if worker is not None:
            worker.release()
        self.busy_label.hide()
        self.busy_bar.hide()
        self._set_fields_enabled(True)
        outcome, self._outcome = self._outcome, None
        then, self._then = self._then, None
        if isinstance(outcome, _Refused):
            self.say_problem(outcome.sentence)
        elif then is not None:
            then(outcome)
        self.settled()

    def settled(self) -> None:
        """The worker is done and the fields are back: where the keyboard goes next."""

    def reject(self) -> None:
        if self.busy:  # the server is being written: the dialog stays until it has answered
            return
        super().reject()


# -- File ▸ Host a Room ---------------------------------------------------------------------------
def _host(plan: PlanFile, address: str, password: str | None, name: str) -> tuple[HostedRoom, Path]:
    """On the worker: host the plan, and hand back the room and the facilitator's replica (closed)."""
    from offsite.services.room import host_room

    hosted, room = host_room(plan, address, password=password, room=name)
    replica = room.path
    room.close()  # the window opens it again, on its own thread, once the codes are handed out
    return hosted, replica


class HostRoomDialog(_ServerDialog):
    """Where to host the plan, and the room's name; ``hosted`` carries (HostedRoom, replica path) when done."""

    hosted = Signal(object)

    def __init__(
        self, plan: PlanFile, title: str, settings: QSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        from offsite.services.room import room_name

        self.plan, self.settings = plan, settings
        self.setObjectName("hostRoomDialog")
        self.setWindowTitle(translate("Room", "Host a Room — Offsite"))
        intro = QLabel(
            translate(
                "Room",
                "Each leader joins from their own laptop and records their own stances, votes and "
                "signature. The plan goes to an empty database on a PostgreSQL server, which holds it "
                "until you bring the room home.",
            ),
            self,
        )
        intro.setWordWrap(True)
        self.layout_.addWidget(intro)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.address = QLineEdit(self)
        self.address.setObjectName("roomAddress")
        self.address.setPlaceholderText(ADDRESS_HINT)
        self.address.setAccessibleName(translate("Room", "The server's address"))
        self.address.setText(str(settings.value(ADDRESS_KEY, "") or ""))
        self.address.setClearButtonEnabled(True)
        form.addRow(translate("Room", "Server &address:"), self.address)
        self.password = QLineEdit(self)
        self.password.setObjectName("roomPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(translate("Room", "The server's password"))
        self.password.setPlaceholderText(
            translate("Room", "blank: a server Offsite started, or your ~/.pgpass")
        )
        form.addRow(translate("Room", "&Password:"), self.password)
        self.room = QLineEdit(self)
        self.room.setObjectName("roomName")
        self.room.setAccessibleName(translate("Room", "The room's name"))
        self.room.setText(room_name(title))
        self.room.setMaxLength(60)
        form.addRow(translate("Room", "Room &name:"), self.room)
        self.name_hint = QLabel(
            translate("Room", "Letters a–z, digits and _: it becomes part of each leader's login."), self
        )
        self.name_hint.setObjectName("roomHint")
        form.addRow("", self.name_hint)
        self.layout_.addLayout(form)
        local = QHBoxLayout()
        self.start_server = QPushButton(translate("Room", "&Start a room server on this laptop"), self)
        self.start_server.setObjectName("startRoomServer")
        self.start_server.setToolTip(
            translate(
                "Room",
                "No company server? Offsite starts PostgreSQL here, in its data folder, and fills the address in",
            )
        )
        self.start_server.clicked.connect(self.start_local_server)
        local.addWidget(self.start_server)
        local.addStretch(1)
        self.layout_.addLayout(local)
        self.server_hint = QLabel(
            translate(
                "Room",
                "The leaders' laptops must be on this laptop's network. The server keeps running after "
                "Offsite closes, until the laptop restarts.",
            ),
            self,
        )
        self.server_hint.setObjectName("roomHint")
        self.server_hint.setWordWrap(True)
        self.layout_.addWidget(self.server_hint)
        self.host_button = self.buttons.addButton(
            translate("Room", "&Host the Room"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.host_button.setObjectName("hostButton")
        self.host_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.room.textEdited.connect(self._check_name)
        self.address.textEdited.connect(lambda _text: self.say_problem(""))
        self.finish_layout()
        (self.password if self.address.text() else self.address).setFocus(Qt.FocusReason.OtherFocusReason)
        self.resize(620, self.sizeHint().height())

    def _room_name(self) -> str | None:
        """The name typed, checked; None (with the sentence shown) when it cannot name a room."""
        from offsite.services.room import check_room_name

        try:
            return check_room_name(self.room.text().strip())
        except OffsiteError as error:
            self.say_problem(str(error))
            return None

    @Slot(str)
    def _check_name(self, _text: str) -> None:
        if self._room_name() is not None:
            self.say_problem("")

    @Slot()
    def start_local_server(self) -> None:
        """Start this laptop's room server (or find it running) on a worker, then fill its address in."""
        from offsite.services.room import start_room_server

        database = self._room_name() or "offsite"  # a database of the room's own: the next room gets another

        self.run(
            translate("Room", "Starting PostgreSQL on this laptop… (the first time takes a few seconds)"),
            translate("Room", "Starting the room server"),
            lambda: start_room_server(database),
            self._server_started,
        )

    def _server_started(self, address: object) -> None:
        self.address.setText(str(address))
        self.password.clear()  # the server's own password is in Offsite's password file
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)  # Enter hosts the room
        self.server_hint.setText(
            translate(
                "Room",
                "A room server is running on this laptop: {address}. The leaders' laptops "
                "must be on this laptop's network.",
            ).format(address=self.address.text())
        )

    def accept(self) -> None:
        if self.busy or not self.isVisible():  # Enter reaches the field and the default button: once
            return
        name = self._room_name()
        if name is None:
            self.room.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        address = self.address.text().strip()
        if not address:
            self.say_problem(
                translate("Room", "Give the server's address: {example}.").format(example=ADDRESS_HINT)
            )
            self.address.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        password = self.password.text() or None
        plan = self.plan
        self.run(
            translate(
                "Room", "Hosting the room: copying the plan to the server and making a login for each leader…"
            ),
            translate("Room", "Hosting the room"),
            lambda: _host(plan, address, password, name),
            lambda result: self._hosted(address, result),
        )

    def _hosted(self, address: str, result: tuple[HostedRoom, Path]) -> None:
        from offsite.services.room import address_to_keep

        self.settings.setValue(ADDRESS_KEY, address_to_keep(address))
        self.password.clear()
        super().accept()
        self.hosted.emit(result)

    def settled(self) -> None:
        if self.problem.isVisible():
            self.address.setFocus(Qt.FocusReason.OtherFocusReason)


# -- the join codes, shown once -------------------------------------------------------------------
class JoinCodesDialog(QDialog):
    """Every leader's join code, to hand out now: selectable, one Copy button a row."""

    def __init__(self, hosted: HostedRoom, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hosted = hosted
        self.setObjectName("joinCodesDialog")
        self.setWindowTitle(translate("Room", "Join Codes — Offsite"))
        layout = QVBoxLayout(self)
        heading = QLabel(
            translate("Room", "The room “{room}” is open on {host}:{port} (database {database}).").format(
                room=hosted.room, host=hosted.host, port=hosted.port, database=hosted.database
            ),
            self,
        )
        heading.setObjectName("codesHeading")
        heading.setWordWrap(True)
        layout.addWidget(heading)
        explain = QLabel(
            translate(
                "Room",
                "Give each leader their own code, privately (a direct message, or read out to them alone). "
                "A code is a password for that leader alone: whoever has it records stances and signs as "
                "them. In Offsite they choose File ▸ Join a Room… and paste it.<br><b>The codes are shown "
                "only now.</b> Offsite writes them nowhere; a leader who has none cannot join.",
            ),
            self,
        )
        explain.setObjectName("codesExplain")
        explain.setWordWrap(True)
        layout.addWidget(explain)
        grid_holder = QWidget(self)
        grid = QGridLayout(grid_holder)
        grid.setContentsMargins(0, 4, 0, 4)
        grid.setHorizontalSpacing(10)
        mono = _monospace()
        widest = max((len(seat.code.text()) for seat in hosted.leaders), default=40)
        self.codes: dict[str, QLineEdit] = {}
        self.copy_buttons: dict[str, QPushButton] = {}
        for row, seat in enumerate(hosted.leaders):
            name = QLabel(seat.name, grid_holder)
            name.setObjectName("codeLeader")
            code = QLineEdit(seat.code.text(), grid_holder)
            code.setObjectName("joinCode")
            code.setReadOnly(True)
            code.setFont(mono)
            code.setAccessibleName(translate("Room", "{leader}'s join code").format(leader=seat.name))
            code.setMinimumWidth(QFontMetrics(mono).horizontalAdvance("M" * widest) + 16)
            code.setCursorPosition(0)
            copy = QPushButton(translate("Room", "Copy"), grid_holder)
            copy.setObjectName("copyCode")
            copy.setAccessibleName(translate("Room", "Copy {leader}'s code").format(leader=seat.name))
            copy.setToolTip(
                translate("Room", "Copy {leader}'s join code to the clipboard").format(leader=seat.name)
            )
            copy.clicked.connect(lambda _=False, s=seat.name: self.copy_code(s))
            name.setBuddy(code)
            grid.addWidget(name, row, 0)
            grid.addWidget(code, row, 1)
            grid.addWidget(copy, row, 2)
            self.codes[seat.name] = code
            self.copy_buttons[seat.name] = copy
        grid.setColumnStretch(1, 1)
        scroll = QScrollArea(self)
        scroll.setWidget(grid_holder)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        rows_shown = min(len(hosted.leaders), 8)
        scroll.setMinimumHeight(grid_holder.sizeHint().height() * rows_shown // max(len(hosted.leaders), 1))
        layout.addWidget(scroll, 1)
        self.copied = QLabel(self)
        self.copied.setObjectName("roomHint")
        layout.addWidget(self.copied)
        buttons = QDialogButtonBox(self)
        self.done_button = buttons.addButton(
            translate("Room", "&Done: open the room"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.done_button.setObjectName("codesDone")
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        first = next(iter(self.codes.values()), None)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
        self.resize(max(760, grid_holder.sizeHint().width() + 40), self.sizeHint().height())

    def copy_code(self, leader: str) -> None:
        QGuiApplication.clipboard().setText(self.codes[leader].text())
        self.copied.setText(
            translate("Room", "Copied {leader}'s code. Paste it where only {leader} reads it.").format(
                leader=leader
            )
        )

    def done(self, result: int) -> None:
        """Closing (Done, Esc, the title bar) asks first: the codes are gone for good once closed."""
        if not self.isVisible():
            return
        parent = self.parentWidget()
        closing = parent is not None and not parent.isVisible()  # the window went: nobody to ask
        if not closing and not dialogs.ask_yes_no(
            self,
            translate(
                "Room",
                "Close the join codes? They are not shown again: a leader without their code cannot join "
                "this room.",
            ),
        ):
            return
        super().done(result)


# -- File ▸ Join a Room ---------------------------------------------------------------------------
def _join(text: str) -> Path:
    """On the worker: join the room, and hand back this laptop's replica (closed)."""
    from offsite.services.room import JoinCode, join_room

    plan = join_room(JoinCode.parse(text))
    replica = plan.path
    plan.close()  # the window opens it on its own thread
    return replica


class JoinRoomDialog(_ServerDialog):
    """Paste the join code the facilitator gave; ``joined`` carries the replica's path when done."""

    joined = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("joinRoomDialog")
        self.setWindowTitle(translate("Room", "Join a Room — Offsite"))
        intro = QLabel(
            translate(
                "Room",
                "Paste the join code the facilitator gave you. Offsite copies the room's plan to this "
                "laptop and keeps your code's password in a file only you can read; the room then opens "
                "in this window, and stays in File ▸ Open Recent.",
            ),
            self,
        )
        intro.setWordWrap(True)
        self.layout_.addWidget(intro)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.code = QLineEdit(self)
        self.code.setObjectName("joinCode")
        self.code.setFont(_monospace())
        # A whole code in view (90 to 100 characters), so a leader sees that the paste is complete.
        self.code.setMinimumWidth(QFontMetrics(self.code.font()).horizontalAdvance("M" * 100) + 12)
        self.code.setPlaceholderText("offsite-room://…")
        self.code.setAccessibleName(translate("Room", "Your join code"))
        self.code.setClearButtonEnabled(True)
        self.code.textEdited.connect(lambda _text: self.say_problem(""))
        form.addRow(translate("Room", "Join &code:"), self.code)
        self.layout_.addLayout(form)
        self.join_button = self.buttons.addButton(
            translate("Room", "&Join"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.join_button.setObjectName("joinButton")
        self.join_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.finish_layout()
        self.code.setFocus(Qt.FocusReason.OtherFocusReason)
        self.resize(self.sizeHint())

    def accept(self) -> None:
        if self.busy or not self.isVisible():
            return
        from offsite.services.room import JoinCode

        text = self.code.text()
        try:
            code = JoinCode.parse(text)
        except OffsiteError as error:
            self.say_problem(str(error))
            self.code.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.run(
            translate("Room", "Joining the room on {host}: copying its plan to this laptop…").format(
                host=code.host
            ),
            translate("Room", "Joining the room"),
            lambda: _join(text),
            self._joined,
        )

    def _joined(self, replica: object) -> None:
        super().accept()
        self.joined.emit(replica)

    def settled(self) -> None:
        if self.problem.isVisible():
            self.code.setFocus(Qt.FocusReason.OtherFocusReason)


# -- File ▸ Bring the Room Home -------------------------------------------------------------------
class HomeJob:
    """``bring_home`` and the new file's content fingerprint as a window job (a job hands over a path)."""

    def __init__(self, plan: RoomPlan, destination: Path) -> None:
        self.plan, self.destination = plan, destination
        self.fingerprint = ""

    def __call__(self, progress: Callable[[int, int], None], is_cancelled: Callable[[], bool]) -> Path:
        from offsite.services.plans import open_plan
        from offsite.services.room import bring_home
        from offsite.services.signoff import content_fingerprint

        home = bring_home(self.plan, self.destination)
        if is_cancelled():  # the copy is quick and cannot stop halfway: a cancel takes it back
            home.unlink(missing_ok=True)
            raise CancelledError(
                translate("Room", "Bringing the room home was cancelled; no file was written.")
            )
        opened = open_plan(home, readonly=True)
        try:
            self.fingerprint = content_fingerprint(opened)
        finally:
            opened.close()
        return home


class RoomActions(QObject):
    """File ▸ Host a Room, Join a Room and Bring the Room Home of one main window."""

    def __init__(self, window: Host) -> None:
        super().__init__(window)
        self.main = window
        #: The dialog under way (a test drives it as a user would).
        self.dialog: QDialog | None = None
        self._home: HomeJob | None = None
        self.host_action = self._action(translate("Room", "Hos&t a Room…"), "actionHostRoom", self.host)
        self.join_action = self._action(translate("Room", "&Join a Room…"), "actionJoinRoom", self.join)
        self.home_action = self._action(
            translate("Room", "&Bring the Room Home…"), "actionBringRoomHome", self.bring_home
        )
        self.send_action = self._action(
            translate("Room", "Send &Kept Changes…"), "actionSendKept", self.send_kept
        )
        self.join_action.setToolTip(
            translate("Room", "Join the facilitator's room with the code they gave you")
        )
        self.send_action.setToolTip(
            translate("Room", "Send what was typed here while the room's server was away, after a preview")
        )
        menu, ui = window.ui.menuFile, window.ui
        actions = menu.actions()
        after = actions[actions.index(ui.actionMergeHistory) + 1]  # the separator under the drafts
        menu.insertSeparator(after)
        for action in (self.host_action, self.join_action, self.home_action, self.send_action):
            menu.insertAction(after, action)
        window.undo_group.activeStackChanged.connect(self._follow)  # a plan opened or closed
        self._follow()

    def _action(self, text: str, name: str, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self.main)
        action.setObjectName(name)
        action.triggered.connect(slot)
        return action

    def _room(self) -> RoomPlan | None:
        document = self.main.document
        plan = document.plan if document is not None else None
        if plan is None or not plan.is_room:  # asked without loading the room's code for a plan file
            return None
        from offsite.services.room import RoomPlan

        return plan if isinstance(plan, RoomPlan) else None

    @Slot()
    def _follow(self) -> None:
        """Host a plan not in a room yet; bring home the room this window facilitates."""
        document = self.main.document if self.main.undo_group.activeStack() is not None else None
        room = self._room() if document is not None else None
        self.host_action.setEnabled(document is not None and room is None)
        host_tip = (
            translate("Room", "Open a plan first: hosting shares the plan in this window")
            if document is None
            else translate("Room", "This window is in a room already")
            if room is not None
            else translate(
                "Room", "Share this plan on a PostgreSQL server: each leader joins from their own laptop"
            )
        )
        facilitating = room is not None and room.state.facilitator
        self.home_action.setEnabled(facilitating)
        self.send_action.setEnabled(room is not None)
        home_tip = (
            translate("Room", "The room as the server holds it now, in a new plan file")
            if facilitating
            else translate("Room", "Only the facilitator's window brings its room home")
            if room is not None
            else translate("Room", "Open a room you host first")
        )
        for action, tip in ((self.host_action, host_tip), (self.home_action, home_tip)):
            action.setToolTip(tip)
            action.setStatusTip(tip)

    @Slot()
    def send_kept(self) -> None:
        """File ▸ Send Kept Changes: the preview of what waits (after Later), or a word that nothing does."""
        link = self.main.room_link
        if link is None:
            return
        if not link.plan.pending:
            self.main.notifier.say(
                translate("Room", "Nothing typed offline waits to be sent: every change is in the room.")
            )
            return
        link.offer_to_send()

    def _show(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    # -- hosting ----------------------------------------------------------------------------------
    @Slot()
    def host(self) -> None:
        document = self.main.document
        if document is None or self._room() is not None:
            return
        outline = document.outline()
        if not outline.leaders:
            dialogs.show_error(
                self.main,
                translate(
                    "Room",
                    "This plan has no leaders yet. Add them on Prepare, then host the room: each leader "
                    "joins with a code of their own.",
                ),
            )
            return
        title = outline.details.title or document.plan.path.stem
        dialog = HostRoomDialog(document.plan, title, self.main.settings, self.main)
        dialog.hosted.connect(self._hosted)
        self._show(dialog)

    @Slot(object)
    def _hosted(self, result: tuple[HostedRoom, Path]) -> None:
        hosted, replica = result
        dialog = JoinCodesDialog(hosted, self.main)
        dialog.setProperty("replica", str(replica))
        dialog.finished.connect(self._codes_closed)
        self._show(dialog)

    @Slot(int)
    def _codes_closed(self, _result: int) -> None:
        dialog = self.sender()
        replica = dialog.property("replica") if dialog is not None else None
        if self.dialog is dialog:
            self.dialog = None
        if replica and self.main.isVisible() and self.main.open_path(Path(str(replica))):
            self.main.notifier.say(
                translate(
                    "Room", "You are the room's facilitator: each leader's stance arrives as they record it."
                )
            )

    # -- joining ----------------------------------------------------------------------------------
    @Slot()
    def join(self) -> None:
        dialog = JoinRoomDialog(self.main)
        dialog.joined.connect(self._joined)
        self._show(dialog)

    @Slot(object)
    def _joined(self, replica: object) -> None:
        self.dialog = None
        if self.main.open_path(Path(str(replica))):
            self.main.notifier.say(
                translate("Room", "You are in the room: what you record goes to everyone's screens.")
            )

    # -- bringing the room home -------------------------------------------------------------------
    @Slot()
    def bring_home(self) -> None:
        room = self._room()
        if room is None or not room.state.facilitator or self.main.document is None:
            return
        title = self.main.document.outline().details.title
        # The replica lives in Offsite's data folder: the file goes where the user keeps plans.
        name = (
            translate("Room", "{title} home").format(title=title) if title else translate("Room", "room home")
        )
        suggested = dialogs.suggested_path(None, name, ".offsite")
        path = dialogs.ask_save_path(
            self.main,
            translate("Room", "Bring the Room Home"),
            str(suggested),
            dialogs.PLAN_FILTER,
            ".offsite",
        )
        if path is None:
            return
        if path.exists():
            dialogs.show_error(
                self.main,
                translate("Room", "“{file}” already exists. Bring the room home into a new file.").format(
                    file=path.name
                ),
            )
            return
        self._home = HomeJob(room, path)
        self.main.run_job(
            translate("Room", "Bringing the room home: the plan as the server holds it now…"),
            self._home,
            self._home_arrived,
            cancelled=translate("Room", "Bringing the room home was cancelled; no file was written."),
        )

    @Slot(str)
    def _home_arrived(self, out: str) -> None:
        job, self._home = self._home, None
        path = Path(out)
        fingerprint = job.fingerprint if job is not None else ""
        if dialogs.ask_yes_no(
            self.main,
            translate(
                "Room",
                "The room is home in\n{path}\n\nIts content fingerprint (SHA-256) is\n{fingerprint}\n"
                "the room's own: compare it with the Sign-off screen's.\n\n"
                "Open it now? This window leaves the room; the leaders' laptops stay in it.",
            ).format(path=path, fingerprint=fingerprint),
            translate("Room", "The Room Is Home"),
        ):
            if self.main.open_path(path):
                self.main.notifier.wrote(
                    translate("Room", "The room is home; you are working in its plan file:"), path
                )
        else:
            self.main.notifier.wrote(translate("Room", "The room is home in a new plan file:"), path)
