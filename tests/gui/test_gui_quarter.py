"""The Quarter end page on the signed demo plan, from the keyboard: scores and overrides, the
retrospective, the wins and closing the quarter, each undoable and each in the plan file."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QWidget
from tests.gui.helpers import type_into_cell
from tests.quarters import forget_the_cadence

from offsite.domain.alignment import plan_alignment, whole_points
from offsite.domain.smart import objectives_passing
from offsite.gui.quarter import QuarterPage
from offsite.gui.quarter_tables import DECISION, OVERRIDE, READS, REASON, REASON_NEEDED
from offsite.services import checkins, signoff
from offsite.services.brainstorm_view import read_brainstorm
from offsite.services.overlaps import read_resolutions
from offsite.services.plans import open_plan, read_plan
from offsite.services.survey import rate_alignment, read_ratings
from offsite.store.document.read import plan_document

CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier
#: The day the page is opened on: Q1 2027 has just ended, so it is the quarter shown.
TODAY = dt.date(2027, 4, 3)
#: Go outbound's metrics at the end of Q1: appointments 40 → 110 of 180 (0.5), opportunities
#: 8 → 26.5 of 45 (0.5); its score 0.5, “progress”. April's actual is the next quarter's.
ACTUALS = {
    "Appointments booked": ((dt.date(2027, 3, 27), 110.0), (dt.date(2027, 4, 2), 180.0)),
    "Opportunities from outbound": ((dt.date(2027, 3, 30), 26.5),),
}


@pytest.fixture
def signed_demo(tmp_path: Path, demo_plan_bytes: bytes) -> Path:
    """The demo plan after the offsite: two leaders rated alignment, it was signed, and Go outbound's
    metrics were checked in during Q1 (check-ins are process records: a signed plan takes them)."""
    path = tmp_path / "demo.offsite"
    path.write_bytes(demo_plan_bytes)
    with open_plan(path) as plan:
        forget_the_cadence(plan)  # the demo's own quarters: this test tells its quarter in full
        view = read_plan(plan)
        rate_alignment(plan, view.leaders[0].id, 4)
        rate_alignment(plan, view.leaders[1].id, 3)
        signoff.freeze(plan, frozen_by="Maya Okafor", override_reason="Signed as the offsite closed")
        metrics = {m.name: m.id for o in view.objectives for m in o.metrics}
        for name, readings in ACTUALS.items():
            for day, value in readings:
                checkins.check_in(plan, metrics[name], value, as_of=day)
    return path


def quarter_window(make_window: Any, path: Path) -> tuple[Any, QuarterPage]:
    """The main window on the plan at ``path``, showing the Quarter end page built on its document."""
    window = make_window()
    assert window.open_path(path)
    assert window.document.plan.locked_version() is not None  # signed: the page still edits
    page = QuarterPage(window.document, today=lambda: TODAY)
    window.ui.pages.addWidget(page)
    window.ui.pages.setCurrentWidget(page)
    QApplication.processEvents()
    assert page.isVisible()
    return window, page


def in_file(path: Path, section: str) -> list[dict[str, Any]]:
    with open_plan(path, readonly=True) as plan:
        document = plan_document(plan)
    statements = {o["uid"]: o["statement"] for o in document["objectives"]}
    rows = []
    for record in document[section]:
        row = dict(record)
        if row.get("objective") is not None:
            row["objective"] = statements[row["objective"]]
        rows.append(row)
    return rows


def review_in_file(path: Path, statement: str) -> dict[str, Any] | None:
    return next((r for r in in_file(path, "objective_reviews") if r["objective"] == statement), None)


def test_an_override_needs_a_reason_refuses_1_5_and_ctrl_z_takes_it_back(
    qtbot, make_window, signed_demo: Path
) -> None:
    _window, page = quarter_window(make_window, signed_demo)
    ui, model = page.ui, page.objectives
    assert ui.quarterCombo.currentText().startswith("Q1 2027")
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "Go outbound")
    cell = lambda column: model.index(row, column).data()  # noqa: E731
    assert cell(2) == "0.5 · Appointments booked\n0.5 · Opportunities from outbound"
    assert (cell(3), cell(OVERRIDE), cell(READS)) == ("0.5", "", "progress")

    view = ui.objectivesView
    type_into_cell(qtbot, view, model.index(row, OVERRIDE), "0.9")
    assert (cell(3), cell(OVERRIDE), cell(READS), cell(REASON)) == ("0.5", "0.9", "delivered", REASON_NEEDED)
    assert "1 override needs a reason" in ui.summaryLabel.text()
    assert ui.messageLabel.text() == "“Go outbound” scores 0.9, delivered. Now type why under Reason."
    saved = review_in_file(signed_demo, "Go outbound")
    assert saved is not None
    assert (saved["score"], saved["reason"]) == (0.9, "")
    # The reason is the next thing to type: the table is on it.
    qtbot.waitUntil(lambda: view.currentIndex() == model.index(row, REASON))

    reason = "Two enterprise deals signed on 2 April came from Q1's outbound"
    type_into_cell(qtbot, view, model.index(row, REASON), reason)
    assert cell(REASON) == reason
    assert "needs a reason" not in ui.summaryLabel.text()
    saved = review_in_file(signed_demo, "Go outbound")
    assert saved is not None
    assert (saved["score"], saved["reason"]) == (0.9, reason)

    type_into_cell(qtbot, view, model.index(row, OVERRIDE), "1.5")
    assert ui.messageLabel.text() == "Score must be from 0.0 to 1.0. The override was left as it was."
    assert ui.messageLabel.isVisible()
    assert cell(OVERRIDE) == "0.9"
    assert review_in_file(signed_demo, "Go outbound")["score"] == 0.9  # type: ignore[index]

    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)  # the reason
    assert cell(REASON) == REASON_NEEDED
    assert review_in_file(signed_demo, "Go outbound")["reason"] == ""  # type: ignore[index]
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)  # the override
    assert (cell(OVERRIDE), cell(READS), cell(REASON)) == ("", "progress", "")
    assert review_in_file(signed_demo, "Go outbound") is None


def test_a_decision_is_chosen_from_the_keyboard_and_undone(qtbot, make_window, signed_demo: Path) -> None:
    _window, page = quarter_window(make_window, signed_demo)
    model, view = page.objectives, page.ui.objectivesView
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "Own the category")
    view.setFocus()
    view.setCurrentIndex(model.index(row, DECISION))
    assert model.index(row, DECISION).data() == "—"
    qtbot.keyClick(view, Qt.Key.Key_F2)
    combo = view.findChild(QComboBox)
    assert combo is not None
    assert combo.hasFocus()
    qtbot.keyClicks(combo, "d")  # Drop
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)
    assert model.index(row, DECISION).data() == "Drop"
    assert page.ui.messageLabel.text() == "“Own the category”: drop next cycle."
    assert review_in_file(signed_demo, "Own the category")["decision"] == "drop"  # type: ignore[index]
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert model.index(row, DECISION).data() == "—"
    assert review_in_file(signed_demo, "Own the category") is None


def test_a_retrospective_typing_burst_is_one_undo_step(qtbot, make_window, signed_demo: Path) -> None:
    window, page = quarter_window(make_window, signed_demo)
    ui, model, view = page.ui, page.objectives, page.ui.objectivesView
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "Clean hand-offs")
    view.setFocus()
    view.setCurrentIndex(model.index(row, 0))
    assert ui.retroBox.title() == "Retrospective — Clean hand-offs, Q1 2027"
    qtbot.keyClick(view, Qt.Key.Key_Tab)  # Tab leaves the table for the retrospective
    assert QApplication.focusWidget() is ui.workedEdit
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)  # Enter: write its retrospective
    assert QApplication.focusWidget() is ui.workedEdit

    steps = window.document.undo_stack.count()
    worked = "Routing leads in five minutes"
    qtbot.keyClicks(ui.workedEdit, worked)
    assert window.document.undo_stack.count() == steps + 1
    assert review_in_file(signed_demo, "Clean hand-offs")["worked"] == worked  # type: ignore[index]
    qtbot.keyClick(ui.workedEdit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is ui.didNotWorkEdit
    qtbot.keyClicks(ui.didNotWorkEdit, "SQL acceptance stalled")
    assert window.document.undo_stack.count() == steps + 2

    qtbot.keyClick(ui.didNotWorkEdit, Qt.Key.Key_Z, CTRL)  # the whole sentence, not a letter
    assert ui.didNotWorkEdit.toPlainText() == ""
    assert ui.workedEdit.toPlainText() == worked
    saved = review_in_file(signed_demo, "Clean hand-offs")
    assert saved is not None
    assert (saved["worked"], saved["did_not_work"]) == (worked, "")
    qtbot.keyClick(ui.didNotWorkEdit, Qt.Key.Key_Z, CTRL)
    assert ui.workedEdit.toPlainText() == ""
    assert review_in_file(signed_demo, "Clean hand-offs") is None


def test_log_edit_and_remove_a_win_each_undoable(qtbot, make_window, signed_demo: Path) -> None:
    _window, page = quarter_window(make_window, signed_demo)
    ui, wins = page.ui, page.wins
    assert wins.rowCount() == 0
    qtbot.keyClick(page, Qt.Key.Key_D, ALT)
    assert QApplication.focusWidget() is ui.winDayEdit
    ui.winDayEdit.selectAll()
    qtbot.keyClicks(ui.winDayEdit, "2027-03-12")
    qtbot.keyClick(page, Qt.Key.Key_W, ALT)
    assert QApplication.focusWidget() is ui.winTextEdit
    qtbot.keyClicks(ui.winTextEdit, "First enterprise deal from outbound")
    qtbot.keyClick(ui.winTextEdit, Qt.Key.Key_Tab)
    qtbot.keyClicks(ui.winThanksEdit, "Priya and the SDR team")
    qtbot.keyClick(ui.winThanksEdit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is ui.winObjectiveCombo
    ui.winObjectiveCombo.setCurrentIndex(ui.winObjectiveCombo.findText("Go outbound"))
    qtbot.keyClick(ui.winObjectiveCombo, Qt.Key.Key_Return, CTRL)

    assert [wins.index(0, c).data() for c in range(4)] == [
        "12 Mar 2027",
        "First enterprise deal from outbound",
        "Priya and the SDR team",
        "Go outbound",
    ]
    assert ui.winTextEdit.text() == ""
    assert QApplication.focusWidget() is ui.winTextEdit
    logged = in_file(signed_demo, "wins")
    assert [(w["on"], w["text"], w["thanks"], w["objective"]) for w in logged] == [
        ("2027-03-12", "First enterprise deal from outbound", "Priya and the SDR team", "Go outbound")
    ]

    view = ui.winsView
    type_into_cell(qtbot, view, wins.index(0, 1), "First enterprise deal from an outbound sequence")
    assert wins.index(0, 1).data() == "First enterprise deal from an outbound sequence"
    assert in_file(signed_demo, "wins")[0]["text"] == "First enterprise deal from an outbound sequence"

    view.setFocus()
    view.setCurrentIndex(wins.index(0, 1))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert wins.rowCount() == 0
    assert in_file(signed_demo, "wins") == []

    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)  # back, as edited
    assert wins.index(0, 1).data() == "First enterprise deal from an outbound sequence"
    assert len(in_file(signed_demo, "wins")) == 1
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)  # the edit
    assert in_file(signed_demo, "wins")[0]["text"] == "First enterprise deal from outbound"
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)  # the win
    assert wins.rowCount() == 0
    assert in_file(signed_demo, "wins") == []


def test_closing_the_quarter_keeps_the_alignment_index_and_the_leaders_rating(
    qtbot, make_window, signed_demo: Path
) -> None:
    with open_plan(signed_demo, readonly=True) as plan:
        view = read_plan(plan)
        survey = read_ratings(plan)
        index = plan_alignment(
            view,
            resolutions=read_resolutions(plan),
            smart_passed=objectives_passing(read_brainstorm(plan).candidates),
            ratings=[r.rating for r in survey.ratings],
        )
    points = whole_points(index.score)
    _window, page = quarter_window(make_window, signed_demo)
    ui = page.ui
    assert "Q1 2027 is not closed yet" in ui.closedLabel.text()

    assert survey.mean is not None
    rating = f"{survey.mean:.1f}"

    qtbot.keyClick(page, Qt.Key.Key_C, ALT)  # a button's mnemonic clicks it a moment later
    qtbot.waitUntil(lambda: ui.messageLabel.text() != "")
    said = f"Closed Q1 2027: kept the alignment index {points} and the leaders' mean rating {rating} of 5 for the trend."
    assert ui.messageLabel.text() == said
    assert (
        f"alignment index <b>{points}</b>, the leaders' mean rating <b>{rating}</b> of 5"
        in ui.closedLabel.text()
    )
    assert f"Q1 2027 <b>{points}</b>" in ui.trendLabel.text()
    assert [
        (r["period"], r["evidence"], r["self_rating"]) for r in in_file(signed_demo, "alignment_readings")
    ] == [("2027-Q1", points, pytest.approx(survey.mean))]

    qtbot.keyClick(ui.closeButton, Qt.Key.Key_Z, CTRL)
    assert in_file(signed_demo, "alignment_readings") == []
    assert "Q1 2027 is not closed yet" in ui.closedLabel.text()
    assert not ui.trendLabel.isVisible()


def test_the_tables_are_sound_models(qtbot, qtmodeltester, make_window, signed_demo: Path) -> None:
    _window, page = quarter_window(make_window, signed_demo)
    page.ui.winTextEdit.setText("Biggest quarter for booked meetings")
    assert page.log_win()
    qtmodeltester.check(page.objectives)
    qtmodeltester.check(page.wins)
    assert page.ui.objectivesView.editTriggers() & QAbstractItemView.EditTrigger.AnyKeyPressed


def test_on_a_laptop_at_150_percent_the_boxes_stack_and_nothing_is_squeezed(
    qtbot, make_window, signed_demo: Path
) -> None:
    window, page = quarter_window(make_window, signed_demo)
    assert page.log_win() is False  # nothing typed: refused, the list stays empty
    for win in ("First enterprise deal from an outbound sequence", "Leads routed in five minutes", "Webinar"):
        page.ui.winTextEdit.setText(win)
        assert page.log_win()
    page.ui.workedEdit.setPlainText("Sequences written with Marketing booked twice the meetings.")
    assert page.close_quarter()  # its trend shows under the button
    window.resize(853, 533)  # 1280×800 at 150%, in layout pixels
    ui = page.ui
    boxes = [ui.retroBox, ui.winsBox, ui.closeBox]
    qtbot.waitUntil(lambda: ui.winsBox.y() > ui.retroBox.y())  # one above the other
    for _ in range(10):  # the rows rewrap at the new width, then the page takes the height they need
        QApplication.processEvents()
    for upper, lower in itertools.pairwise(boxes):
        assert upper.geometry().bottom() < lower.geometry().top(), (upper.objectName(), lower.objectName())
    for box in boxes:
        for child in box.findChildren(QWidget):
            if child.isVisible() and child.parentWidget() is box:
                assert child.geometry().bottom() <= box.contentsRect().bottom(), child.objectName()
    assert ui.objectivesView.height() >= ui.objectivesView.minimumHeight()
