"""File ▸ Start the Next Cycle, through the window: the dialog ticks the unfinished objectives and says
why, the keyboard unticks one and starts it, and the new plan opens, naming the plan it continues."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTreeWidget

from offsite.gui.cycle_dialog import NextCycleDialog
from offsite.gui.shell import MainWindow
from offsite.services.checkins import review_objective
from offsite.services.cycle import read_outcomes
from offsite.services.plans import open_plan
from offsite.store.document import plan_document
from quarters import forget_the_quarters

CHECKED, UNCHECKED = Qt.CheckState.Checked, Qt.CheckState.Unchecked


@pytest.fixture
def reviewed_window(demo_window: MainWindow) -> MainWindow:
    """The demo plan after its first quarter: “Go outbound” kept at 0.4, “Fill the pipeline” 0.9."""
    assert demo_window.document is not None
    plan = demo_window.document.plan
    forget_the_quarters(plan)
    ids = {o.statement: o.id for o in read_outcomes(plan)}
    review_objective(plan, ids["Go outbound"], "Q1 2027", score=0.4, decision="keep", worked="Warm sequences")
    review_objective(plan, ids["Fill the pipeline"], "Q1 2027", score=0.9, worked="Partner webinars")
    return demo_window


def open_dialog(qtbot, window: MainWindow) -> NextCycleDialog:  # type: ignore[no-untyped-def]
    action = window.next_cycle.action
    assert action.isEnabled()
    assert action in window.ui.menuFile.actions()
    action.trigger()  # File ▸ Start the Next Cycle…
    qtbot.waitUntil(lambda: window.next_cycle.dialog is not None and window.next_cycle.dialog.isVisible())
    dialog = window.next_cycle.dialog
    assert dialog is not None
    return dialog


def rows(view: QTreeWidget) -> list[tuple[str, Qt.CheckState, str]]:
    found = []
    for row in range(view.topLevelItemCount()):
        item = view.topLevelItem(row)
        assert item is not None
        found.append((item.text(0), item.checkState(0), item.text(2)))
    return found


def test_the_dialog_ticks_the_unfinished_objectives_and_says_why(qtbot, reviewed_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, reviewed_window)

    assert rows(dialog.ui.objectivesView) == [
        ("Go outbound", CHECKED, "Q1 score 0.4 · decision: keep"),
        ("Fill the pipeline", UNCHECKED, "Q1 score 0.9"),
        ("One funnel view", CHECKED, "no quarter review"),
        ("Expand happy customers", CHECKED, "no quarter review"),
        ("Clean hand-offs", CHECKED, "no quarter review"),
        ("Own the category", CHECKED, "no quarter review"),
    ]
    assert dialog.ui.titleEdit.text() == "Sales & Marketing Offsite H2 2027"
    assert dialog.ui.horizonEdit.text() == "H2 2027"
    assert Path(dialog.ui.fileEdit.text()).name == "sales-marketing-offsite-h2-2027.offsite"
    assert (
        "its definitions and its agreements (the customer journey, hand-offs, decision rights, incentives "
        "and joint practices) come without their buy-in: a new cycle is a new agreement"
    ) in dialog.ui.introLabel.text()
    # The file follows the title typed, until one is chosen.
    dialog.ui.titleEdit.selectAll()
    qtbot.keyClicks(dialog.ui.titleEdit, "Revenue Offsite 2028")
    assert Path(dialog.ui.fileEdit.text()).name == "revenue-offsite-2028.offsite"
    dialog.reject()


def test_keys_untick_one_start_the_next_cycle_and_open_it(  # type: ignore[no-untyped-def]
    qtbot, reviewed_window: MainWindow, tmp_path: Path, answered
) -> None:
    dialog = open_dialog(qtbot, reviewed_window)
    view = dialog.ui.objectivesView
    target = tmp_path / "sales-marketing-offsite-h2-2027.offsite"
    assert Path(dialog.ui.fileEdit.text()) == target

    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Space)  # “Go outbound”, the current row: untick it
    assert rows(view)[0][1] == UNCHECKED
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Space)  # “Fill the pipeline”: tick it
    qtbot.keyClick(view, Qt.Key.Key_Return)  # Start the Next Cycle

    qtbot.waitUntil(target.exists, timeout=15_000)
    window = reviewed_window
    qtbot.waitUntil(lambda: window.document is not None and window.document.plan.path == target.resolve())
    assert "Open it now?" in answered.questions[-1]
    assert not answered.errors
    with open_plan(target, readonly=True) as new:
        document = plan_document(new)
    assert [c["text"] for c in document["candidates"]] == [
        "Fill the pipeline",
        "One funnel view",
        "Expand happy customers",
        "Clean hand-offs",
        "Own the category",
    ]
    assert document["previous_cycle"]["file_name"] == "demo.offsite"
    # The new plan says what it continues on its Prepare page.
    window.show_view("prepare")
    QApplication.processEvents()
    continues = window.phase_pages["prepare"].continues  # type: ignore[attr-defined]
    assert continues.isVisible()
    assert continues.text().startswith("“Sales & Marketing Offsite 2027” (signed, fingerprint ")


def test_a_file_that_exists_is_refused_in_the_dialog_which_stays_open(  # type: ignore[no-untyped-def]
    qtbot, reviewed_window: MainWindow, tmp_path: Path, answered
) -> None:
    taken = tmp_path / "taken.offsite"
    taken.write_bytes(b"another plan")
    answered.save_paths.append(taken)
    dialog = open_dialog(qtbot, reviewed_window)

    qtbot.mouseClick(dialog.ui.chooseButton, Qt.MouseButton.LeftButton)  # the save dialog answers “taken”
    assert Path(dialog.ui.fileEdit.text()) == taken
    qtbot.keyClick(dialog.ui.objectivesView, Qt.Key.Key_Return)

    assert dialog.isVisible()
    assert (
        dialog.ui.problemLabel.text()
        == "⚠ “taken.offsite” already exists; choose a new name for the next cycle's plan."
    )
    assert taken.read_bytes() == b"another plan"
    assert reviewed_window.document is not None
    assert reviewed_window.document.plan.path.name == "demo.offsite"
    dialog.reject()


def test_a_first_plan_shows_no_previous_cycle(qtbot, demo_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    demo_window.show_view("prepare")
    QApplication.processEvents()
    assert not demo_window.phase_pages["prepare"].continues.isVisible()  # type: ignore[attr-defined]
