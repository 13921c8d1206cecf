"""Owners on the Plan page: a leader for each objective, its method and each metric, by keyboard, undoable."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox

from offsite.services.plans import open_plan, read_plan

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def on_disk(window):  # type: ignore[no-untyped-def]
    with open_plan(window.document.plan.path, readonly=True) as plan:
        return read_plan(plan)


def plan_page(qtbot, window):  # type: ignore[no-untyped-def]
    window.show_view("plan")
    page = window.phase_pages["plan"]
    page.ui.statementEdit.setFocus()
    qtbot.waitUntil(page.ui.statementEdit.hasFocus)
    return page


def leader_named(view, name: str):  # type: ignore[no-untyped-def]
    return next(p for p in view.leaders if p.name == name)


def test_alt_n_chooses_the_objectives_owner_by_keyboard_and_undo_redo_step_through(
    qtbot, demo_window
) -> None:
    page = plan_page(qtbot, demo_window)
    combo = page.ui.ownerCombo
    assert combo.currentText() == "No owner"
    assert [combo.itemText(i) for i in range(combo.count())][:2] == ["No owner", "Maya Okafor"]
    qtbot.keyClick(page.ui.statementEdit, Qt.Key.Key_N, ALT)
    assert combo.hasFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    second = combo.itemText(2)
    objective = on_disk(demo_window).objectives[0]
    assert objective.owner_id == leader_named(on_disk(demo_window), second).id
    assert combo.currentText() == second
    qtbot.keyClick(combo, Qt.Key.Key_Z, CTRL)  # one step back: the first leader chosen
    assert on_disk(demo_window).objectives[0].owner_id == leader_named(on_disk(demo_window), "Maya Okafor").id
    assert combo.currentText() == "Maya Okafor"
    qtbot.keyClick(combo, Qt.Key.Key_Z, CTRL)
    assert on_disk(demo_window).objectives[0].owner_id is None
    assert combo.currentText() == "No owner"
    qtbot.keyClick(combo, Qt.Key.Key_Z, CTRL | SHIFT)
    assert combo.currentText() == "Maya Okafor"
    assert on_disk(demo_window).objectives[0].owner_id == leader_named(on_disk(demo_window), "Maya Okafor").id


def test_alt_r_chooses_the_methods_owner_and_the_file_reopens_with_it(
    qtbot, demo_window, make_window
) -> None:
    page = plan_page(qtbot, demo_window)
    qtbot.keyClick(page.ui.statementEdit, Qt.Key.Key_R, ALT)
    combo = page.ui.methodOwnerCombo
    assert combo.hasFocus()
    qtbot.keyClick(combo, Qt.Key.Key_End)  # the last leader listed
    last = combo.itemText(combo.count() - 1)
    plan = on_disk(demo_window)
    assert plan.objectives[0].method_owner_id == leader_named(plan, last).id
    assert plan.objectives[0].owner_id is None  # the objective's own owner is another choice
    path = demo_window.document.plan.path
    demo_window.close()
    QApplication.processEvents()
    again = make_window()
    assert again.open_path(path)
    reopened = plan_page(qtbot, again)
    assert reopened.ui.methodOwnerCombo.currentText() == last
    assert reopened.ui.ownerCombo.currentText() == "No owner"


def test_a_metrics_owner_is_chosen_in_its_cell_with_the_keyboard_and_undone_in_one_step(
    qtbot, demo_window
) -> None:
    page = plan_page(qtbot, demo_window)
    view = page.ui.metricsView
    column = next(i for i, f in enumerate(page.metrics.fields) if f.header == "Owner")
    index = page.metrics.index(0, column)
    assert index.data() == "No owner"
    view.setFocus()
    view.setCurrentIndex(index)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editors = [e for e in view.findChildren(QComboBox) if e.isVisible()]
    assert len(editors) == 1
    qtbot.keyClick(editors[0], Qt.Key.Key_Down)
    qtbot.keyClick(editors[0], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)
    plan = on_disk(demo_window)
    metric = plan.objectives[0].metrics[0]
    assert metric.owner_id == leader_named(plan, "Maya Okafor").id
    assert page.metrics.index(0, column).data() == "Maya Okafor"
    demo_window.undo_action.trigger()
    assert on_disk(demo_window).objectives[0].metrics[0].owner_id is None
    assert page.metrics.index(0, column).data() == "No owner"


def test_removing_a_leader_clears_what_they_own_and_undo_gives_it_back(qtbot, demo_window) -> None:
    page = plan_page(qtbot, demo_window)
    qtbot.keyClick(page.ui.statementEdit, Qt.Key.Key_N, ALT)
    qtbot.keyClick(page.ui.ownerCombo, Qt.Key.Key_Down)  # Maya Okafor
    before = on_disk(demo_window)
    maya = leader_named(before, "Maya Okafor")
    prepare = demo_window.phase_pages["prepare"]
    demo_window.show_view("prepare")
    prepare.ui.leadersView.setCurrentIndex(prepare.leaders.index(prepare.leaders.row_of(maya.id), 0))
    qtbot.mouseClick(prepare.ui.removeLeaderButton, Qt.MouseButton.LeftButton)
    assert on_disk(demo_window).objectives[0].owner_id is None
    demo_window.show_view("plan")
    assert page.ui.ownerCombo.currentText() == "No owner"
    demo_window.undo_action.trigger()
    assert on_disk(demo_window) == before
    assert page.ui.ownerCombo.currentText() == "Maya Okafor"


def test_the_plan_page_with_owners_renders_at_1280_by_800(qtbot, demo_window, tmp_path: Path) -> None:
    page = plan_page(qtbot, demo_window)
    page.ui.ownerCombo.setCurrentIndex(1)
    page.ui.methodOwnerCombo.setCurrentIndex(2)
    assert demo_window.size().width() == 1280
    combo = page.ui.ownerCombo
    # The chooser shows the whole name, and sits in the editor beside the period.
    assert combo.width() >= combo.fontMetrics().horizontalAdvance(combo.currentText())
    out = Path(os.environ.get("OFFSITE_SHOTS", tmp_path)) / "plan-owners.png"
    demo_window.grab().save(str(out))
    assert out.stat().st_size > 0


def test_a_metrics_funnel_stage_is_chosen_in_its_cell_and_undone_in_one_step(qtbot, demo_window) -> None:
    page = plan_page(qtbot, demo_window)
    view = page.ui.metricsView
    column = next(i for i, f in enumerate(page.metrics.fields) if f.header == "Funnel")
    before = on_disk(demo_window).objectives[0].metrics[0].funnel_stage
    shown_before = page.metrics.index(0, column).data()
    view.setFocus()
    view.setCurrentIndex(page.metrics.index(0, column))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    (editor,) = [e for e in view.findChildren(QComboBox) if e.isVisible()]
    assert [editor.itemText(i) for i in range(editor.count())] == [
        "—",
        "Leads",
        "MQLs",
        "SQLs",
        "Opportunities",
        "Deals",
        "Revenue",
    ]
    qtbot.keyClick(editor, Qt.Key.Key_End)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)
    assert on_disk(demo_window).objectives[0].metrics[0].funnel_stage == "revenue" != before
    assert page.metrics.index(0, column).data() == "Revenue"
    demo_window.undo_action.trigger()
    assert on_disk(demo_window).objectives[0].metrics[0].funnel_stage == before
    assert page.metrics.index(0, column).data() == shown_before
