"""Review ▸ Check-ins: the weekly review typed from the keyboard, as the leadership team does it.

The demo plan's offsite ends on 15 January 2027 and its first two metrics (Go outbound, due 31
March 2027) run from 40 to 180 meetings and from 8 to 45 opportunities. On 1 March, 45 of the 75
days have gone: the straight line expects 124 meetings and 30.2 opportunities.
"""

from __future__ import annotations

import cProfile
import datetime as dt
import pstats
from pathlib import Path

import pytest
from helpers import window_on
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication
from tests.quarters import forget_the_cadence

from offsite.domain.checkins import NewReading
from offsite.gui.checkins_model import LAST, NAME, NEW_ACTUAL, STATUS, TREND
from offsite.services.checkins import apply_readings, read_check_ins
from offsite.services.generated import make_plan
from offsite.services.plans import open_plan, read_plan

MARCH_1 = dt.date(2027, 3, 1)


def focused():  # type: ignore[no-untyped-def]
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard"
    return widget


def type_keys(qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type ``text`` as a person does: each key goes to whatever has the keyboard then (the first
    digit opens the cell's editor, the rest go into it)."""
    for char in text:
        qtbot.keyClicks(focused(), char)


def press(qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(focused(), key, modifier)


def check_in(qtbot, actual: str, confidence: str = "") -> None:  # type: ignore[no-untyped-def]
    """The new actual, Tab, its confidence, Enter."""
    type_keys(qtbot, actual)
    if confidence:
        press(qtbot, Qt.Key.Key_Tab)
        type_keys(qtbot, confidence)
    press(qtbot, Qt.Key.Key_Return)


def choose_day(qtbot, tab, day: str) -> None:  # type: ignore[no-untyped-def]
    """Alt+D, the day, Enter: the keyboard goes back to the table."""
    press(qtbot, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    assert tab.ui.dayEdit.hasFocus()
    tab.ui.dayEdit.selectAll()
    type_keys(qtbot, day)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(tab.ui.checkInsView.hasFocus)


def open_check_ins(make_window, path: Path):  # type: ignore[no-untyped-def]
    window, page = window_on(make_window, path, "review")
    return window, page.tabs["Check-ins"]


def in_file(path: Path) -> list[tuple[str, dt.date, float, int | None, str]]:
    """Every check-in in the plan file: (metric, day, value, confidence, note)."""
    with open_plan(path, readonly=True) as plan:
        names = {m.id: m.name for o in read_plan(plan).objectives for m in o.metrics}
        return [(names[c.metric_id], c.as_of, c.value, c.confidence, c.note) for c in read_check_ins(plan)]


def row_of(tab, name: str) -> int:  # type: ignore[no-untyped-def]
    model = tab.model
    return next(r for r in range(model.rowCount()) if model.line(r) and model.line(r).metric.name == name)


def cell(tab, name: str, column: int) -> str:  # type: ignore[no-untyped-def]
    return str(tab.model.index(row_of(tab, name), column).data())


@pytest.fixture
def demo_path(tmp_path: Path, demo_plan_bytes: bytes) -> Path:
    """The demo plan just out of its offsite: its own two quarters of check-ins forgotten."""
    path = tmp_path / "demo.offsite"
    path.write_bytes(demo_plan_bytes)
    with open_plan(path) as plan:
        forget_the_cadence(plan)
    return path


def test_two_check_ins_typed_with_tab_and_enter_show_on_screen_and_in_the_file_and_ctrl_z_takes_one_back(
    qtbot, make_window, answered, demo_path: Path
) -> None:
    window, tab = open_check_ins(make_window, demo_path)
    view = tab.ui.checkInsView
    # The table opens with the keyboard on the first metric's new actual.
    assert view.hasFocus()
    assert view.currentIndex().column() == NEW_ACTUAL
    assert tab.model.line(view.currentIndex().row()).metric.name == "Appointments booked"
    choose_day(qtbot, tab, "1 Mar 2027")

    check_in(qtbot, "120", "8")
    assert in_file(demo_path) == [("Appointments booked", MARCH_1, 120.0, 8, "")]
    assert cell(tab, "Appointments booked", LAST) == "120 as of 1 Mar"
    assert cell(tab, "Appointments booked", STATUS) == "● On track"  # 120 of the 124 expected
    assert cell(tab, "Appointments booked", TREND) == "8"
    # Enter went on to the next metric's new actual.
    assert view.hasFocus()
    assert view.currentIndex().row() == row_of(tab, "Opportunities from outbound")
    assert view.currentIndex().column() == NEW_ACTUAL

    check_in(qtbot, "16", "at risk")
    assert in_file(demo_path) == [
        ("Appointments booked", MARCH_1, 120.0, 8, ""),
        ("Opportunities from outbound", MARCH_1, 16.0, 5, ""),
    ]
    assert cell(tab, "Opportunities from outbound", LAST) == "16 as of 1 Mar"
    assert cell(tab, "Opportunities from outbound", STATUS) == "■ Off track"  # 16 of the 30.2 expected
    assert "1</b> on track" in tab.ui.summaryLabel.text()
    assert "1</b> off track" in tab.ui.summaryLabel.text()

    # Ctrl+Z takes the last check-in back, on screen and in the file.
    assert window.undo_action.text() == "&Undo Check in 16 for Opportunities from outbound"
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert in_file(demo_path) == [("Appointments booked", MARCH_1, 120.0, 8, "")]
    assert cell(tab, "Opportunities from outbound", LAST) == "none yet"
    assert cell(tab, "Opportunities from outbound", STATUS) == "○ No data"
    assert cell(tab, "Appointments booked", STATUS) == "● On track"
    assert "0</b> off track" in tab.ui.summaryLabel.text()
    assert answered.errors == []


def test_a_second_week_shows_the_confidence_trend_and_a_note_goes_with_its_check_in(
    qtbot, make_window, demo_path: Path
) -> None:
    _window, tab = open_check_ins(make_window, demo_path)
    choose_day(qtbot, tab, "15 Feb 2027")
    check_in(qtbot, "95", "5")
    choose_day(qtbot, tab, "1 Mar 2027")
    # Back to the first metric (Shift+Tab from the next one's new actual), with a note this time.
    press(qtbot, Qt.Key.Key_Backtab)
    press(qtbot, Qt.Key.Key_Backtab)
    assert tab.model.line(tab.ui.checkInsView.currentIndex().row()).metric.name == "Appointments booked"
    press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert tab.ui.noteEdit.hasFocus()
    type_keys(qtbot, "Two SDRs started")
    press(qtbot, Qt.Key.Key_Escape)  # back to the table; the note is forgotten
    press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    type_keys(qtbot, "Three SDRs started")
    press(qtbot, Qt.Key.Key_Return)  # no actual typed yet: back to type it
    assert tab.ui.checkInsView.hasFocus()
    assert "Now type the actual of Appointments booked" in tab.ui.messageLabel.text()
    check_in(qtbot, "130", "on track")
    assert in_file(demo_path) == [
        ("Appointments booked", dt.date(2027, 2, 15), 95.0, 5, ""),
        ("Appointments booked", MARCH_1, 130.0, 8, "Three SDRs started"),
    ]
    assert cell(tab, "Appointments booked", TREND) == "5 → 8 ↑"
    assert cell(tab, "Appointments booked", LAST) == "130 as of 1 Mar"


def test_escape_cancels_what_was_typed_and_enter_on_nothing_goes_on(
    qtbot, make_window, demo_path: Path
) -> None:
    _window, tab = open_check_ins(make_window, demo_path)
    view = tab.ui.checkInsView
    first = view.currentIndex().row()
    type_keys(qtbot, "120")
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(qtbot, "7")
    press(qtbot, Qt.Key.Key_Escape)
    assert tab.model.pending(tab.model.line(first).metric.id) == ("", "")
    assert view.currentIndex().row() == first
    assert "Nothing checked in for Appointments booked." in tab.ui.messageLabel.text()
    press(qtbot, Qt.Key.Key_Return)  # nothing typed: on to the next metric
    assert tab.model.line(view.currentIndex().row()).metric.name == "Opportunities from outbound"
    assert in_file(demo_path) == []


@pytest.mark.parametrize(
    ("actual", "confidence", "sentence"),
    [
        ("abc", "", "“abc” is not a number: type the actual value of Appointments booked"),
        ("1e16", "", "larger than any metric's value"),
        ("120", "11", "A confidence is from 0 to 10, not 11."),
        ("120", "maybe", "“maybe” is not a confidence. Type a confidence from 0 to 10"),
    ],
    ids=["not-a-number", "too-large", "confidence-out-of-range", "confidence-no-word"],
)
def test_a_refused_check_in_says_why_in_a_sentence_and_changes_nothing(
    qtbot, make_window, answered, demo_path: Path, actual: str, confidence: str, sentence: str
) -> None:
    window, tab = open_check_ins(make_window, demo_path)
    view = tab.ui.checkInsView
    first = view.currentIndex().row()
    check_in(qtbot, actual, confidence)
    assert sentence in tab.ui.messageLabel.text()
    assert tab.ui.messageLabel.property("problem")
    assert sentence in window.notifier.toast.text()  # said in the window's corner too, no dialog
    assert answered.errors == []
    assert in_file(demo_path) == []
    assert cell(tab, "Appointments booked", LAST) == "none yet"
    assert tab.model.pending(tab.model.line(first).metric.id) == ("", "")  # the screen is the file
    # The keyboard stays on the metric, ready to type the value again.
    assert view.currentIndex().row() == first
    assert view.currentIndex().column() == NEW_ACTUAL
    assert not window.undo_action.isEnabled()


def test_a_signed_plan_still_takes_check_ins(qtbot, make_window, answered, demo_path: Path) -> None:
    window, signoff = window_on(make_window, demo_path, "signoff")
    signoff.ui.frozenByEdit.setText("Sam Whitfield")
    signoff.ui.reasonEdit.setText("Agreed in the room")
    assert signoff.freeze()
    assert window.lock_banner.isVisible()
    window.show_view("review")
    QApplication.processEvents()
    tab = window.phase_pages["review"].tabs["Check-ins"]
    assert not tab.property("readOnly")
    tab.ui.checkInsView.setFocus()
    choose_day(qtbot, tab, "1 Mar 2027")
    check_in(qtbot, "120", "8")
    assert in_file(demo_path) == [("Appointments booked", MARCH_1, 120.0, 8, "")]
    assert cell(tab, "Appointments booked", LAST) == "120 as of 1 Mar"
    assert answered.errors == []


def test_saving_a_check_in_repaints_its_row_and_never_resets_the_table(
    qtbot, make_window, demo_path: Path
) -> None:
    window, tab = open_check_ins(make_window, demo_path)
    choose_day(qtbot, tab, "1 Mar 2027")
    row = row_of(tab, "Appointments booked")
    painted: list[tuple[int, int]] = []
    resets: list[int] = []
    tab.model.dataChanged.connect(lambda top, bottom, *_: painted.append((top.row(), bottom.row())))
    tab.model.modelReset.connect(lambda: resets.append(1))
    tab.model.layoutChanged.connect(lambda *_: resets.append(1))
    reads = window.document.whole_reads
    check_in(qtbot, "120", "8")
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # and its undo
    assert in_file(demo_path) == []
    assert resets == []
    assert painted
    assert set(painted) == {(row, row)}
    assert window.document.whole_reads == reads


# -- Work follows what changed ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def tracked_plans(tmp_path_factory: pytest.TempPathFactory) -> dict[int, bytes]:
    """Plans of 30 and 600 generated objectives, each metric with a year of monthly check-ins
    (made once for the module; each test works on its own copy)."""
    folder = tmp_path_factory.mktemp("tracked")
    return {n: _tracked_plan(folder, n).read_bytes() for n in (30, 600)}


def _copy(tmp_path: Path, tracked_plans: dict[int, bytes], objectives: int) -> Path:
    path = tmp_path / f"tracked-{objectives}.offsite"
    path.write_bytes(tracked_plans[objectives])
    return path


def _tracked_plan(folder: Path, objectives: int) -> Path:
    """A generated plan whose every metric has a year of monthly check-ins."""
    path = folder / f"tracked-{objectives}.offsite"
    plan = make_plan(path, objectives=objectives)
    try:
        metrics = [m.id for o in read_plan(plan).objectives for m in o.metrics]
        readings = [
            NewReading(metric, dt.date(2026, month, 1), float(month * 10))
            for metric in metrics
            for month in range(1, 13)
        ]
        apply_readings(plan, readings, "CRM export")
    finally:
        plan.close()
    return path


def _check_in_work(qtbot, make_window, path: Path) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    """(function calls, whole-table resets, rows repainted) of saving one check-in with Enter."""
    window, tab = open_check_ins(make_window, path)
    view = tab.ui.checkInsView
    # A large plan's overlaps are counted on a worker for the Alignment tab: let that finish first.
    review = window.phase_pages["review"].ui
    qtbot.waitUntil(lambda: review.scoreLabel.text() != "…", timeout=60_000)
    type_keys(qtbot, "7")
    press(qtbot, Qt.Key.Key_Return)  # the first save loads what any save loads: not counted
    rows: set[int] = set()
    resets: list[int] = []
    tab.model.dataChanged.connect(lambda top, bottom, *_: rows.update(range(top.row(), bottom.row() + 1)))
    tab.model.modelReset.connect(lambda: resets.append(1))
    type_keys(qtbot, "42")
    profile = cProfile.Profile()
    profile.enable()
    press(qtbot, Qt.Key.Key_Return)
    QApplication.processEvents()
    profile.disable()
    assert view.currentIndex().isValid()
    window.close()
    calls = pstats.Stats(profile).total_calls  # type: ignore[attr-defined]
    return int(calls), len(resets), len(rows)


def test_a_check_in_costs_the_same_on_a_plan_twenty_times_larger(
    qtbot, make_window, tmp_path: Path, tracked_plans: dict[int, bytes]
) -> None:
    small = _check_in_work(qtbot, make_window, _copy(tmp_path, tracked_plans, 30))
    large = _check_in_work(qtbot, make_window, _copy(tmp_path, tracked_plans, 600))
    assert small[1:] == (0, 1)
    assert large[1:] == (0, 1)  # one row repainted, never the table
    # Twenty times the metrics and check-ins, the same work: re-reading them all would be ~20 times.
    assert large[0] <= small[0] * 1.2, (small[0], large[0])


def test_a_large_plans_rows_come_as_the_table_scrolls(
    qtbot, make_window, tmp_path: Path, tracked_plans: dict[int, bytes]
) -> None:
    window, tab = open_check_ins(make_window, _copy(tmp_path, tracked_plans, 600))
    model, view = tab.model, tab.ui.checkInsView
    with open_plan(window.document.plan.path, readonly=True) as plan:
        metrics = sum(len(o.metrics) for o in read_plan(plan).objectives)
    shown = model.rowCount()
    assert shown < metrics  # a few screenfuls, not the plan
    # Down the table by keys: Enter on the last metric shown brings the next ones.
    last = shown - 1
    while model.line(last) is None:
        last -= 1
    view.setCurrentIndex(model.index(last, NEW_ACTUAL))
    press(qtbot, Qt.Key.Key_Return)
    assert model.rowCount() > shown
    assert view.currentIndex().row() > last
    assert model.index(view.currentIndex().row(), NAME).data()
    assert str(model.index(view.currentIndex().row(), LAST).data()).startswith("120 as of 1 Dec")
    assert view.indexAt(view.viewport().rect().center()) != QModelIndex()


def test_the_projector_shows_the_objective_being_checked_in_with_each_metrics_status(
    qtbot, make_window, demo_path: Path
) -> None:
    window, tab = open_check_ins(make_window, demo_path)
    choose_day(qtbot, tab, "1 Mar 2027")
    check_in(qtbot, "120", "8")
    shown = window.current_projection()
    assert shown is not None
    assert shown.title == "Go outbound"
    assert shown.subtitle == "Check-ins as of 1 Mar 2027"
    assert shown.table is not None
    assert shown.table.rows == (
        ("Appointments booked — target 180 meetings by 31 Mar", "120", "124", "● On track", "8"),
        ("Opportunities from outbound — target 45 opportunities by 31 Mar", "—", "30.2", "○ No data", ""),
    )
    # The metric being typed for (the next one, after Enter) is the room's current row.
    assert shown.table.row_styles == ("good", "current")


def test_a_new_actual_for_a_day_already_checked_in_replaces_it_keeping_its_confidence(
    qtbot, make_window, demo_path: Path
) -> None:
    window, tab = open_check_ins(make_window, demo_path)
    choose_day(qtbot, tab, "1 Mar 2027")
    check_in(qtbot, "120", "8")
    press(qtbot, Qt.Key.Key_Backtab)  # back to the first metric's confidence
    press(qtbot, Qt.Key.Key_Backtab)  # and its new actual
    check_in(qtbot, "125")
    # One check-in a metric and day: the day's actual is corrected, its confidence kept.
    assert in_file(demo_path) == [("Appointments booked", MARCH_1, 125.0, 8, "")]
    assert cell(tab, "Appointments booked", LAST) == "125 as of 1 Mar"
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert in_file(demo_path) == [("Appointments booked", MARCH_1, 120.0, 8, "")]
    assert cell(tab, "Appointments booked", LAST) == "120 as of 1 Mar"
    window.redo_action.trigger()
    assert in_file(demo_path) == [("Appointments booked", MARCH_1, 125.0, 8, "")]
    assert cell(tab, "Appointments booked", LAST) == "125 as of 1 Mar"


def test_a_past_day_shows_each_metric_as_it_stood_then_and_a_check_in_typed_for_it(
    qtbot, make_window, tmp_path: Path, demo_plan_bytes: bytes
) -> None:
    # The demo as shipped: weekly check-ins through June. Reviewing the week of 1 March shows the
    # figures as they stood that day, not June's judged against March's line; a value typed for
    # that day is the one shown and confirmed.
    path = tmp_path / "tracked.offsite"
    path.write_bytes(demo_plan_bytes)
    _window, tab = open_check_ins(make_window, path)
    assert cell(tab, "Appointments booked", LAST).endswith("as of 25 Jun")
    before_march = [c for c in in_file(path) if c[0] == "Appointments booked" and c[1] <= MARCH_1]
    _name, day, value, _confidence, _note = max(before_march, key=lambda c: c[1])
    choose_day(qtbot, tab, "1 Mar 2027")
    assert cell(tab, "Appointments booked", LAST) == f"{value:g} as of {day.day} {day:%b}"
    check_in(qtbot, "99", "off track")
    assert cell(tab, "Appointments booked", LAST) == "99 as of 1 Mar"
    assert "Appointments booked: 99 meetings as of 1 Mar 2027, confidence 2" in tab.ui.messageLabel.text()
