"""A whole skeleton session through the window, checked in the plan file and in the exported PDF."""

from __future__ import annotations

from pathlib import Path

from helpers import start_blank, type_into_cell
from pypdf import PdfReader
from PySide6.QtCore import Qt

from offsite.domain.values import Stance
from offsite.services.plans import open_plan, read_plan


def file_view(path: Path):  # type: ignore[no-untyped-def]
    """What a second reader of the plan file sees right now (proves the edit is on disk)."""
    with open_plan(path, readonly=True) as plan:
        return read_plan(plan)


def test_create_plan_add_objective_metrics_buyin_undo_redo_and_export_pdf(
    qtbot, make_window, answered, tmp_path: Path
) -> None:
    window = make_window()
    path = tmp_path / "Offsite 2027.offsite"
    answered.save_paths.append(path)
    window.ui.actionNew.trigger()
    start_blank(qtbot, window)
    assert path.exists()
    assert window.current_view() == "prepare"
    prepare = window.phase_pages["prepare"]

    # Prepare: two teams, one leader each.
    for name in ("Sales", "Marketing"):
        qtbot.mouseClick(prepare.ui.addTeamButton, Qt.MouseButton.LeftButton)
        type_into_cell(qtbot, prepare.ui.teamsView, prepare.ui.teamsView.currentIndex(), name)
    assert [t.name for t in file_view(path).teams] == ["Sales", "Marketing"]
    for row, name in ((0, "Maya Okafor"), (1, "Priya Raman")):
        prepare.ui.teamsView.setCurrentIndex(prepare.teams.index(row, 0))
        qtbot.mouseClick(prepare.ui.addLeaderButton, Qt.MouseButton.LeftButton)
        type_into_cell(qtbot, prepare.ui.leadersView, prepare.ui.leadersView.currentIndex(), name)
    leaders = file_view(path).leaders
    teams = {t.id: t.name for t in file_view(path).teams}
    assert [(p.name, teams[p.team_id]) for p in leaders] == [
        ("Maya Okafor", "Sales"),
        ("Priya Raman", "Marketing"),
    ]

    # Plan: an objective owned by both teams, a method, two metrics.
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_view() == "plan"
    page = window.phase_pages["plan"]
    qtbot.mouseClick(page.ui.addObjectiveButton, Qt.MouseButton.LeftButton)
    assert page.ui.statementEdit.hasFocus()
    qtbot.keyClicks(page.ui.statementEdit, "Go outbound")
    qtbot.keyClick(page.ui.statementEdit, Qt.Key.Key_Tab)
    assert "2 words" in page.ui.statementHint.text()
    marketing = page.ui.teamsList.item(1)
    assert marketing.text() == "Marketing"
    marketing.setCheckState(Qt.CheckState.Checked)
    page.ui.methodEdit.setFocus()
    qtbot.keyClicks(
        page.ui.methodEdit, "Hire an outbound pod. Marketing builds the lists. We review it weekly."
    )
    assert "3 sentences" in page.ui.methodHint.text()
    for name, target in (("Appointments booked", "180"), ("Opportunities from outbound", "45")):
        qtbot.mouseClick(page.ui.addMetricButton, Qt.MouseButton.LeftButton)
        type_into_cell(qtbot, page.ui.metricsView, page.ui.metricsView.currentIndex(), name)
        row = page.ui.metricsView.currentIndex().row()
        column = [f.name for f in page.metrics.fields].index("target")
        type_into_cell(qtbot, page.ui.metricsView, page.metrics.index(row, column), target)

    saved = file_view(path)
    (objective,) = saved.objectives
    assert objective.statement == "Go outbound"
    assert objective.method == "Hire an outbound pod. Marketing builds the lists. We review it weekly."
    assert len(objective.team_ids) == 2
    assert [(m.name, m.target) for m in objective.metrics] == [
        ("Appointments booked", 180.0),
        ("Opportunities from outbound", 45.0),
    ]

    # Buy-in: Maya agrees with a key; Priya asks for changes with a comment.
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    buyin = window.phase_pages["buyin"]
    matrix = buyin.ui.matrixView
    matrix.setFocus()
    matrix.setCurrentIndex(buyin.matrix.index(0, 0))
    qtbot.keyClick(matrix, Qt.Key.Key_A)
    matrix.setCurrentIndex(buyin.matrix.index(0, 1))
    buyin.ui.stanceCombo.setCurrentIndex(buyin.ui.stanceCombo.findData(Stance.CHANGES_REQUESTED.value))
    qtbot.keyClicks(buyin.ui.commentEdit, "Lists need the new ICP <first> & best")
    qtbot.keyClick(buyin.ui.commentEdit, Qt.Key.Key_Return)
    stances = [(s.stance, s.comment) for s in file_view(path).stances]
    assert stances == [
        (Stance.AGREED, ""),
        (Stance.CHANGES_REQUESTED, "Lists need the new ICP <first> & best"),
    ]
    assert buyin.matrix.index(0, 2).data() == "Not yet"
    assert "Priya Raman: Changes requested" in buyin.ui.historyList.item(0).text()

    # Undo the two stances and the second metric's target, then redo all three.
    for _ in range(3):
        window.undo_action.trigger()
    undone = file_view(path)
    assert undone.stances == ()
    assert [m.target for m in undone.objectives[0].metrics] == [180.0, None]
    assert buyin.matrix.index(0, 0).data() == "Pending"
    for _ in range(3):
        window.redo_action.trigger()
    redone = file_view(path)
    assert [s.stance for s in redone.stances] == [Stance.AGREED, Stance.CHANGES_REQUESTED]
    assert [m.target for m in redone.objectives[0].metrics] == [180.0, 45.0]

    # Export the PDF on the worker and read what a reader would see.
    pdf = tmp_path / "plan.pdf"
    answered.save_paths.append(pdf)
    window.ui.actionExportPdf.trigger()
    qtbot.waitUntil(lambda: window._job is None, timeout=30_000)
    assert answered.errors == []
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())
    for expected in (
        "Go outbound",
        "Appointments booked",
        "Opportunities from outbound",
        "Maya Okafor",
        "Priya Raman",
        "Hire an outbound pod.",
        "Changes requested",
    ):
        assert expected in text, expected
