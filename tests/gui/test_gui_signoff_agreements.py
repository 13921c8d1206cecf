"""Sign-off waits on the agreements beyond goals too: the page lists each not bought in, with who."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from offsite.domain.agreements import AgreementKind
from offsite.domain.values import Stance
from offsite.services import agreements, buyin, objectives, prepare
from offsite.services.plans import create_plan, open_plan
from offsite.services.signoff import read_signoff


@pytest.fixture
def plan_path(tmp_path: Path) -> Path:
    """Every objective bought in; the hand-off “Demo request” waits on Priya Raman."""
    path = tmp_path / "Offsite 2027.offsite"
    with create_plan(path, "Offsite 2027") as plan:
        sales = prepare.add_team(plan, "Sales").id
        marketing = prepare.add_team(plan, "Marketing").id
        maya = prepare.add_leader(plan, "Maya Okafor", "VP Sales", sales).id
        priya = prepare.add_leader(plan, "Priya Raman", "CMO", marketing).id
        funnel = objectives.add_objective(plan, "One funnel view", [sales, marketing]).id
        stage = agreements.add_agreement(plan, AgreementKind.JOURNEY_STAGE, "SQL", team_id=sales).id
        hand_off = agreements.add_agreement(plan, AgreementKind.HAND_OFF, "Demo request", team_id=sales).id
        for leader in (maya, priya):
            buyin.record_stance(plan, funnel, leader, Stance.AGREED)
            agreements.record_agreement_stance(plan, stage, leader, Stance.AGREED)
        agreements.record_agreement_stance(plan, hand_off, maya, Stance.AGREED)
    return path


def test_the_page_lists_agreements_not_bought_in_and_freezing_needs_a_reason(
    qtbot, make_window, answered, settings, plan_path: Path
) -> None:
    window = make_window()
    assert window.open_path(plan_path)
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    page = window.phase_pages["signoff"]
    ui = page.ui
    text = ui.readinessLabel.text()
    assert "The objective is bought in." in text
    assert "1 of 2 agreements are bought in" in text
    assert "<li>Hand-off “Demo request”: waiting on Priya Raman</li>" in text

    ui.frozenByEdit.setFocus()
    qtbot.keyClicks(ui.frozenByEdit, "Sam Whitfield")
    assert not ui.freezeButton.isEnabled()
    assert (
        ui.freezeHint.text()
        == "Give an override reason to freeze before every objective and agreement is bought in."
    )
    ui.reasonEdit.setFocus()
    qtbot.keyClicks(ui.reasonEdit, "Priya agreed by phone")
    assert ui.freezeButton.isEnabled()
    qtbot.keyClick(ui.reasonEdit, Qt.Key.Key_Return)
    # Not “before every objective was bought in”: every objective was; an agreement was not.
    assert "Frozen before full buy-in: “Priya agreed by phone”." in ui.frozenLabel.text()
    with open_plan(plan_path, readonly=True) as plan:
        (version,) = read_signoff(plan).versions
    assert version.override_reason == "Priya agreed by phone"
