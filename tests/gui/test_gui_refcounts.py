"""The Qt binding must not leak references to None: on Python 3.11 a count that reaches zero aborts the app.

PySide6 6.12.0 dropped a reference to ``None`` on every call returning nothing; a facilitator
moving through the merge preview or the Plan page all day would see the window vanish with
"Fatal Python error: none_dealloc". This pins the binding's behaviour, whatever version is installed.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def _drop(run) -> int:  # type: ignore[no-untyped-def]
    before = sys.getrefcount(None)
    run()
    return before - sys.getrefcount(None)


def test_calls_returning_nothing_leave_none_alone(qtbot) -> None:  # type: ignore[no-untyped-def]
    label = QLabel()
    qtbot.addWidget(label)

    def burst() -> None:
        for n in range(250):
            label.setText(str(n))
            label.setAlignment(Qt.AlignmentFlag.AlignLeft)

    # Python itself may hold or free a few references meanwhile; a leak is one per call, 500 here.
    assert _drop(burst) < 100


def test_a_day_of_moving_through_screens_leaves_none_alone(demo_window) -> None:  # type: ignore[no-untyped-def]
    views = ("prepare", "brainstorm", "plan", "buyin", "signoff", "review")

    def day() -> None:
        for _ in range(20):
            for view in views:
                demo_window.show_view(view)

    day()  # build every page once: building holds new references to None
    assert _drop(day) < 100
