"""Timers for the exercise steps: a ``SessionTimer`` and the compact bar that drives it.

The timer counts down from a duration by a monotonic clock (``QElapsedTimer``), so ticks that arrive
late never make it drift; it keeps counting past zero, and the overrun reads "+0:35". At zero it
says so gently: the label turns red and reads "Time's up", one beep, a line in the status bar —
never a dialog. The same time is shown large on the projector.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QElapsedTimer, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QToolButton, QWidget

from offsite.domain.language import translate

MINUTE_MS = 60_000
TICK_MS = 200
#: Under this much time left the timer turns amber: the room should start wrapping up.
WARNING_MS = MINUTE_MS
WHY_ROUND_MINUTES = 5


def format_remaining(remaining_ms: int) -> str:
    """“4:59” while counting down (whole seconds, rounded up), “+0:35” once over, “1:02:03” for long."""
    over = remaining_ms < 0
    seconds = math.floor(-remaining_ms / 1000) if over else math.ceil(remaining_ms / 1000)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    text = f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"
    return f"+{text}" if over else text


def _monotonic() -> Callable[[], int]:
    clock = QElapsedTimer()
    clock.start()
    return clock.elapsed


class SessionTimer(QObject):
    """A countdown for one step of an exercise: start, pause, add a minute, reset.

    ``clock`` returns monotonic milliseconds (tests pass their own); the QTimer only decides how
    often the time is shown, never how much has passed.
    """

    #: int — the milliseconds left (negative once over), whenever the shown time may have changed.
    ticked = Signal(int)
    #: Emitted once when the time runs out (again after a reset or a duration set).
    finished = Signal()
    #: Started, paused, reset, or given a new duration or label.
    stateChanged = Signal()

    def __init__(
        self, parent: QObject | None = None, *, clock: Callable[[], int] | None = None, tick_ms: int = TICK_MS
    ) -> None:
        super().__init__(parent)
        self._clock = clock or _monotonic()
        self.duration_ms = WHY_ROUND_MINUTES * MINUTE_MS
        self.label = translate("Timer", "Why round")
        self._left_at_start = self.duration_ms  # what was left when it last started (or paused)
        self._started_at: int | None = None
        self._finished = False
        self._ticker = QTimer(self)
        self._ticker.setInterval(tick_ms)
        self._ticker.timeout.connect(self.tick)

    # -- state -------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._started_at is not None

    @property
    def is_over(self) -> bool:
        return self.remaining_ms() <= 0

    @property
    def active(self) -> bool:
        """Worth showing to the room: running, paused part-way, or over."""
        return self.running or self.remaining_ms() != self.duration_ms

    def remaining_ms(self) -> int:
        if self._started_at is None:
            return self._left_at_start
        return self._left_at_start - (self._clock() - self._started_at)

    def text(self) -> str:
        return format_remaining(self.remaining_ms())

    # -- controls -----------------------------------------------------------------------------
    def set_duration(self, minutes: float, label: str = "") -> None:
        """A new countdown of ``minutes`` (stopped, full), e.g. for the next step of an exercise."""
        self._ticker.stop()
        self.duration_ms = max(0, round(minutes * MINUTE_MS))
        self.label = label or self.label
        self._left_at_start = self.duration_ms
        self._started_at = None
        self._finished = False
        self._changed()

    def start(self) -> None:
        if self.running:
            return
        self._started_at = self._clock()
        self._ticker.start()
        self._changed()

    def pause(self) -> None:
        if not self.running:
            return
        self._left_at_start = self.remaining_ms()
        self._started_at = None
        self._ticker.stop()
        self._changed()

    def toggle(self) -> None:
        if self.running:
            self.pause()
        else:
            self.start()

    def add_minute(self) -> None:
        """One more minute for this round, running or not; a timer that was over counts down again.

        The round's set duration stays: Reset goes back to it, not to the extended time.
        """
        self._left_at_start += MINUTE_MS
        if self.remaining_ms() > 0:
            self._finished = False
        self._changed()

    def reset(self) -> None:
        """Back to the full duration, stopped."""
        self._ticker.stop()
        self._left_at_start = self.duration_ms
        self._started_at = None
        self._finished = False
        self._changed()

    def tick(self) -> None:
        remaining = self.remaining_ms()
        self.ticked.emit(remaining)
        if remaining <= 0 and not self._finished and self.running:
            self._finished = True
            self.finished.emit()

    def _changed(self) -> None:
        self.stateChanged.emit()
        self.tick()


class TimerBar(QWidget):
    """The facilitator's compact timer: the time, what it times, start/pause, +1 min and reset.

    It sits in the status bar; the keys are on the window's Timer menu (see ``MainWindow``).
    """

    def __init__(self, timer: SessionTimer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timerBar")
        self.timer = timer
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.setSpacing(2)
        self.what = QLabel(self)
        self.what.setObjectName("timerWhat")
        self.time = QLabel(self)
        self.time.setObjectName("timerTime")
        self.time.setAccessibleName(translate("Timer", "Time left"))
        self.time.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.start_button = self._button(
            translate("Timer", "Start"), translate("Timer", "Start or pause the timer"), timer.toggle
        )
        self.add_button = self._button(
            translate("Timer", "+1 min"), translate("Timer", "Add a minute"), timer.add_minute
        )
        self.reset_button = self._button(
            translate("Timer", "Reset"), translate("Timer", "Back to the full time, stopped"), timer.reset
        )
        self.presets = QToolButton(self)
        self.presets.setText(translate("Timer", "Set ▾"))
        self.presets.setToolTip(
            translate("Timer", "Choose what to time: a why round, the team switch, or a custom time")
        )
        self.presets.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.presets.setAutoRaise(True)
        self.presets.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for widget in (
            self.time,
            self.what,
            self.start_button,
            self.add_button,
            self.reset_button,
            self.presets,
        ):
            layout.addWidget(widget)
        timer.ticked.connect(lambda _ms: self.refresh())
        timer.stateChanged.connect(self.refresh)
        timer.finished.connect(self._finished)
        self.refresh()

    def _button(self, text: str, tip: str, slot: Callable[[], None]) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys are on the Timer menu; focus stays put
        button.clicked.connect(slot)
        return button

    def set_shortcut_tips(self, start: str, add: str, reset: str) -> None:
        for button, key in ((self.start_button, start), (self.add_button, add), (self.reset_button, reset)):
            tip = button.toolTip().split(" (")[0]
            button.setToolTip(f"{tip} ({key})")

    def refresh(self) -> None:
        timer = self.timer
        remaining = timer.remaining_ms()
        state = "up" if remaining <= 0 and timer.active else ("soon" if remaining <= WARNING_MS else "")
        if not timer.active:
            state = "idle"
        self.time.setText(f"⏱ {timer.text()}")
        self.what.setText(translate("Timer", "Time's up") if state == "up" else timer.label)
        self.start_button.setText(
            translate("Timer", "Pause") if timer.running else translate("Timer", "Start")
        )
        if self.time.property("state") != state:
            self.time.setProperty("state", state)
            self.time.style().unpolish(self.time)
            self.time.style().polish(self.time)

    def _finished(self) -> None:
        QApplication.beep()
        from offsite.gui.notify import say

        say(
            self,
            translate("Timer", "Time's up: {what}. The timer keeps counting the overrun.").format(
                what=self.timer.label
            ),
            10000,
        )
