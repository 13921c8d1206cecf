"""The Qt binding must not leak references to None: on Python 3.11 a count that reaches zero aborts the app.

PySide6 6.12.0 dropped a reference to ``None`` on every call returning nothing (and one to ``True``
on every signal emit); a facilitator moving through the merge preview or the Plan page all day
would see the window vanish with "Fatal Python error: none_dealloc". These pin the binding's
behaviour, whatever version is installed.

The long run happens in a child interpreter: on a leaking binding the count reaches zero and the
interpreter aborts, which would otherwise take the test worker down with it instead of failing
this test with a sentence that says what is wrong.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

#: 100,000 calls returning nothing, of the kinds the app makes all day: label and field text,
#: alignment, and a model telling its views that cells changed.
VOID_CALLS = 100_000
#: Python itself may take or drop a few references to None meanwhile; a leak is one per call.
TOLERANCE = 10

_DAY_OF_VOID_CALLS = f"""
import json, sys
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

app = QApplication([])

class Cells(QAbstractTableModel):
    def rowCount(self, parent=QModelIndex()):
        return 3

    def columnCount(self, parent=QModelIndex()):
        return 2

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return "cell"

label, field, cells = QLabel(), QLineEdit(), Cells()
first, last = cells.index(0, 0), cells.index(2, 1)
words = [str(n) for n in range(10)]
left, right = Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignRight
for n in range(10):  # warm up: the first calls may cache a few references for good
    label.setText(words[n]); label.setAlignment(left); field.setText(words[n]); cells.dataChanged.emit(first, last)
before = {{name: sys.getrefcount(value) for name, value in (("None", None), ("True", True), ("False", False))}}
for n in range({VOID_CALLS} // 4):
    label.setText(words[n % 10])
    label.setAlignment(left if n % 2 else right)
    field.setText(words[n % 10])
    cells.dataChanged.emit(first, last)
after = {{name: sys.getrefcount(value) for name, value in (("None", None), ("True", True), ("False", False))}}
print(json.dumps({{name: after[name] - before[name] for name in before}}), flush=True)
"""


def test_a_hundred_thousand_calls_returning_nothing_leave_none_alone() -> None:
    run = subprocess.run(
        [sys.executable, "-c", _DAY_OF_VOID_CALLS],
        capture_output=True,
        text=True,
        timeout=240,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert run.returncode == 0, (
        f"the Qt binding leaks a reference to None per call (or to True/False per signal emit): "
        f"{VOID_CALLS:,} calls returning nothing made Python abort (exit {run.returncode}): {run.stderr.strip()[-400:]}"
    )
    drift = json.loads(run.stdout.strip().splitlines()[-1])
    assert all(abs(change) <= TOLERANCE for change in drift.values()), (
        f"the Qt binding leaks a reference to None per call: after {VOID_CALLS:,} calls the counts "
        f"moved by {drift} (a long day aborts the app when one reaches zero)"
    )


def test_a_day_of_moving_through_screens_leaves_none_alone(demo_window) -> None:  # type: ignore[no-untyped-def]
    views = ("prepare", "brainstorm", "plan", "agreements", "buyin", "signoff", "review")

    def day() -> None:
        for _ in range(10):
            for view in views:
                demo_window.show_view(view)

    day()  # build every page once: building holds new references to None
    before = sys.getrefcount(None)
    day()
    # A leaking binding loses a few per screen switch, hundreds here; a steady one loses none.
    assert before - sys.getrefcount(None) < 50, "the Qt binding leaks a reference to None per call"
