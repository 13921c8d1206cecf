"""The Review page: the alignment index from the plan's evidence, and the leaders' survey from the keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from offsite.domain.alignment import AlignmentIndex, plan_alignment, whole_points
from offsite.domain.values import Stance
from offsite.services import buyin, objectives, prepare
from offsite.services.overlaps import read_resolutions
from offsite.services.plans import create_plan, open_plan, read_plan
from offsite.services.survey import read_ratings


@pytest.fixture
def plan_path(tmp_path: Path) -> Path:
    path = tmp_path / "Review.offsite"
    with create_plan(path, "Review") as plan:
        sales = prepare.add_team(plan, "Sales").id
        marketing = prepare.add_team(plan, "Marketing").id
        goal = prepare.add_company_goal(plan, "Grow revenue 50% in 2027").id
        maya = prepare.add_leader(plan, "Maya Okafor", "VP Sales", sales).id
        prepare.add_leader(plan, "Priya Raman", "CMO", marketing)
        prepare.add_leader(plan, "Tomás Herrera", "Head of Sales Development", sales)
        outbound = objectives.add_objective(plan, "Go outbound", [sales], goal_ids=[goal]).id
        objectives.add_metric(plan, outbound, "Opportunities from outbound", shared=True)
        objectives.add_objective(plan, "One funnel view", [sales, marketing])
        buyin.record_stance(plan, outbound, maya, Stance.AGREED)
    return path


def expected(path: Path) -> AlignmentIndex:
    """The index computed here from the file, as the domain defines it (no SMART marks: none pass)."""
    with open_plan(path, readonly=True) as plan:
        view = read_plan(plan)
        ratings = [r.rating for r in read_ratings(plan).ratings]
        resolutions = read_resolutions(plan)
    return plan_alignment(view, resolutions=resolutions, smart_passed={}, ratings=ratings)


def ratings_in_file(path: Path) -> list[tuple[int, int, str]]:
    with open_plan(path, readonly=True) as plan:
        names = {p.id: p.name for p in read_plan(plan).leaders}
        return [(names[r.leader_id], r.rating, r.comment) for r in read_ratings(plan).ratings]  # type: ignore[misc]


def assert_shows(page, index: AlignmentIndex) -> None:  # type: ignore[no-untyped-def]
    ui = page.ui
    assert ui.scoreLabel.text() == f"{whole_points(index.score)}"
    for row, component in enumerate(index.components):
        assert ui.componentsTable.item(row, 0).text() == component.name
        if component.total:
            assert ui.componentsTable.item(row, 1).text() == f"{component.weight * 100:.0f}%"
            assert ui.componentsTable.item(row, 2).text() == f"{component.met} of {component.total}"
            assert ui.componentsTable.item(row, 3).text() == f"{component.points:.1f}"
        assert ui.componentsTable.item(row, 4).text() == component.explanation
    assert index.verdict in ui.gapLabel.text()
    if index.said is not None:
        assert f"<b>{whole_points(index.said)}</b> on the index's 0–100 scale" in ui.saidLabel.text()


def test_rate_alignment_with_keys_undo_redo_and_the_gap(
    qtbot, make_window, answered, plan_path: Path
) -> None:
    window = make_window()
    assert window.open_path(plan_path)
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert window.current_view() == "review"
    page = window.phase_pages["review"]
    ui = page.ui
    assert_shows(page, expected(plan_path))
    assert "No leader has rated alignment yet." in ui.saidLabel.text()
    assert "counts as not passing (2 here)" in ui.rulesLabel.text()
    # The weekly check-ins come first; Alt+4 goes (after Progress and Quarter end) to the alignment index, keys in its survey.
    assert ui.tabs.tabText(ui.tabs.currentIndex()) == "Check-ins"
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)
    assert ui.tabs.currentWidget() is ui.alignmentTab
    assert ui.surveyTable.hasFocus()

    table = ui.surveyTable
    table.setFocus()
    table.setCurrentCell(0, 0)
    qtbot.keyClick(table, Qt.Key.Key_4)
    assert ratings_in_file(plan_path) == [("Maya Okafor", 4, "")]
    assert table.item(0, 1).text() == "4 of 5"

    # Priya: Enter to write a comment, Enter goes back to the table, one key rates with it.
    table.setCurrentCell(1, 0)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert ui.commentEdit.hasFocus()
    qtbot.keyClicks(ui.commentEdit, "Not yet on what a good lead is")
    qtbot.keyClick(ui.commentEdit, Qt.Key.Key_Return)
    assert table.hasFocus()
    qtbot.keyClick(table, Qt.Key.Key_2)
    # Maya changes her mind (her comment stays).
    table.setCurrentCell(0, 0)
    qtbot.keyClick(table, Qt.Key.Key_5)
    assert ratings_in_file(plan_path) == [
        ("Maya Okafor", 5, ""),
        ("Priya Raman", 2, "Not yet on what a good lead is"),
    ]
    index = expected(plan_path)
    assert index.said == pytest.approx(62.5)  # mean 3.5 of 5
    assert "mean <b>3.5</b> of 5 from 2 of 3 leaders" in ui.saidLabel.text()
    assert_shows(page, index)
    assert answered.errors == []

    # Undo: Maya back to 4, then Priya's rating gone; redo both.
    assert window.undo_action.text() == "&Undo Rate alignment 5 for Maya Okafor"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert ratings_in_file(plan_path) == [
        ("Maya Okafor", 4, ""),
        ("Priya Raman", 2, "Not yet on what a good lead is"),
    ]
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert ratings_in_file(plan_path) == [("Maya Okafor", 4, "")]
    assert_shows(page, expected(plan_path))
    window.redo_action.trigger()
    window.redo_action.trigger()
    assert ratings_in_file(plan_path) == [
        ("Maya Okafor", 5, ""),
        ("Priya Raman", 2, "Not yet on what a good lead is"),
    ]
    assert_shows(page, expected(plan_path))


def test_leaders_still_rate_while_the_plan_is_signed(qtbot, make_window, answered, plan_path: Path) -> None:
    window = make_window()
    assert window.open_path(plan_path)
    window.show_view("signoff")
    signoff = window.phase_pages["signoff"]
    signoff.ui.frozenByEdit.setText("Sam Whitfield")
    signoff.ui.reasonEdit.setText("Survey after signing")
    assert signoff.freeze()
    window.show_view("review")
    page = window.phase_pages["review"]
    assert window.lock_banner.isVisible()
    assert page.ui.rateButton.isEnabled()
    page.ui.surveyTable.setFocus()
    page.ui.surveyTable.setCurrentCell(2, 0)
    qtbot.keyClick(page.ui.surveyTable, Qt.Key.Key_3)
    assert ratings_in_file(plan_path) == [("Tomás Herrera", 3, "")]
    assert answered.errors == []


def rate_all(qtbot, page, ratings: list[int]) -> None:  # type: ignore[no-untyped-def]
    """Each leader in table order rates by one key press."""
    table = page.ui.surveyTable
    table.setFocus()
    for row, rating in enumerate(ratings):
        table.setCurrentCell(row, 0)
        qtbot.keyClick(table, getattr(Qt.Key, f"Key_{rating}"))


def test_leaders_rating_above_the_evidence_is_a_warning_in_words_never_green(
    qtbot, make_window, answered, plan_path: Path
) -> None:
    window = make_window()
    assert window.open_path(plan_path)
    window.show_view("review")
    page = window.phase_pages["review"]
    ui = page.ui
    # Score 23.5 (a shared metric and a goal link on one of two objectives, nothing bought in or
    # SMART, no overlap to count); Maya 2, Priya 3, Tomás 2 say 33.3: ten points above the evidence.
    rate_all(qtbot, page, [2, 3, 2])
    index = expected(plan_path)
    assert index.gap == pytest.approx(9.8, abs=0.1)
    assert ui.gapLabel.property("guidance") == "advice"
    assert ui.gapLabel.text() == (
        "Gap <b>+10</b> points. Warning: leaders rate alignment 10 points above the evidence; "
        "the plan does not show that much alignment yet."
    )
    assert "+10</b>, above the evidence" in ui.scoreCaption.text()
    page.grab().save(str(plan_path.with_name("review-warning.png")))

    # Leaders humbler than the evidence (all rate 1, saying 0): fine, in its ordinary colour.
    rate_all(qtbot, page, [1, 1, 1])
    assert ui.gapLabel.property("guidance") == "ok"
    assert ui.gapLabel.text() == "Gap <b>−24</b> points. Leaders rate alignment 24 points below the evidence."
    assert "above the evidence" not in ui.scoreCaption.text()
    assert answered.errors == []
