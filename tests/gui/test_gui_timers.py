"""The session timer: a monotonic countdown with start, pause, a minute more, reset and a gentle end."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from offsite.gui.timers import MINUTE_MS, SessionTimer, TimerBar, format_remaining


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1_000

    def __call__(self) -> int:
        return self.now

    def advance(self, ms: int) -> None:
        self.now += ms


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def timer(qtbot, clock: Clock) -> SessionTimer:  # type: ignore[no-untyped-def]
    timer = SessionTimer(clock=clock)
    timer.set_duration(5, "Why round")
    return timer


@pytest.mark.parametrize(
    ("ms", "text"),
    [
        (300_000, "5:00"),
        (299_001, "5:00"),  # a started second still shows: the room never sees 4:59 too early
        (299_000, "4:59"),
        (1, "0:01"),
        (0, "0:00"),
        (-999, "+0:00"),
        (-35_000, "+0:35"),
        (-61_000, "+1:01"),
        (3_723_000, "1:02:03"),
    ],
)
def test_the_time_reads_plainly(ms: int, text: str) -> None:
    assert format_remaining(ms) == text


def test_it_counts_down_by_the_clock_not_by_the_ticks(timer: SessionTimer, clock: Clock) -> None:
    assert not timer.running
    assert not timer.active  # a full, stopped timer is not shown to the room
    timer.start()
    assert timer.running
    clock.advance(61_500)  # however few ticks arrived in between, no drift
    assert timer.text() == "3:59"
    assert timer.active


def test_pause_keeps_the_time_and_start_goes_on(timer: SessionTimer, clock: Clock) -> None:
    timer.start()
    clock.advance(10_000)
    timer.pause()
    clock.advance(60_000)  # paused: time does not pass
    assert timer.remaining_ms() == 290_000
    timer.toggle()
    clock.advance(5_000)
    assert timer.remaining_ms() == 285_000


def test_a_minute_more_running_or_not(timer: SessionTimer, clock: Clock) -> None:
    timer.add_minute()
    assert timer.remaining_ms() == 6 * MINUTE_MS
    timer.start()
    clock.advance(30_000)
    timer.add_minute()
    assert timer.text() == "6:30"


def test_reset_goes_back_to_the_full_time_stopped(timer: SessionTimer, clock: Clock) -> None:
    timer.start()
    clock.advance(42_000)
    timer.reset()
    assert not timer.running
    assert timer.remaining_ms() == timer.duration_ms


def test_a_minute_more_is_for_this_round_only(timer: SessionTimer, clock: Clock) -> None:
    timer.start()
    timer.add_minute()
    assert timer.remaining_ms() == 6 * MINUTE_MS
    timer.reset()  # the next round is the set time again, not one minute longer each time
    assert timer.remaining_ms() == 5 * MINUTE_MS


def test_at_zero_it_finishes_once_and_counts_the_overrun(qtbot, timer: SessionTimer, clock: Clock) -> None:  # type: ignore[no-untyped-def]
    timer.set_duration(1, "Present the switch")
    timer.start()
    clock.advance(59_000)
    with qtbot.assertNotEmitted(timer.finished):
        timer.tick()
    clock.advance(1_000)
    with qtbot.waitSignal(timer.finished, timeout=1000):
        timer.tick()
    clock.advance(35_000)
    with qtbot.assertNotEmitted(timer.finished):
        timer.tick()
    assert timer.text() == "+0:35"
    assert timer.running  # it keeps counting the overrun until paused or reset


def test_a_minute_more_after_the_end_counts_down_again(qtbot, timer: SessionTimer, clock: Clock) -> None:  # type: ignore[no-untyped-def]
    timer.set_duration(1, "Why round")
    timer.start()
    clock.advance(70_000)
    timer.tick()
    timer.add_minute()
    assert timer.text() == "0:50"
    clock.advance(50_000)
    with qtbot.waitSignal(timer.finished, timeout=1000):
        timer.tick()


def test_the_real_clock_ticks(qtbot) -> None:  # type: ignore[no-untyped-def]
    timer = SessionTimer(tick_ms=20)
    timer.set_duration(0.005, "Quick")  # 300 ms
    timer.start()
    with qtbot.waitSignal(timer.finished, timeout=3000):
        pass
    assert timer.remaining_ms() <= 0


def test_the_bar_shows_the_state_gently(qtbot, timer: SessionTimer, clock: Clock, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    beeps: list[bool] = []
    monkeypatch.setattr(QApplication, "beep", lambda: beeps.append(True))
    bar = TimerBar(timer)
    qtbot.addWidget(bar)
    assert bar.time.property("state") == "idle"
    qtbot.mouseClick(bar.start_button, Qt.MouseButton.LeftButton)
    assert timer.running
    assert bar.start_button.text() == "Pause"
    clock.advance(4 * MINUTE_MS + 30_000)
    timer.tick()
    assert bar.time.property("state") == "soon"
    assert "0:30" in bar.time.text()
    clock.advance(45_000)
    timer.tick()
    assert bar.time.property("state") == "up"
    assert bar.what.text() == "Time's up"
    assert "+0:15" in bar.time.text()
    assert beeps == [True]  # one beep, no dialog
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    qtbot.mouseClick(bar.reset_button, Qt.MouseButton.LeftButton)
    assert bar.time.property("state") == "idle"
    assert bar.time.text() == "⏱ 5:00"
