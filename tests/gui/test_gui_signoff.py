"""From buy-in to a signed plan, through the window: freeze, sign with initials, read-only, re-open, sign again."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from helpers import type_into_cell
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from offsite.domain.values import Stance
from offsite.gui.signoff import NAME_SETTING
from offsite.services import buyin, objectives, prepare
from offsite.services.changes import Kind
from offsite.services.plans import create_plan, open_plan, read_plan
from offsite.services.signoff import read_signoff

CONTENT_PAGES = ("prepare", "brainstorm", "plan", "buyin")


@pytest.fixture
def plan_path(tmp_path: Path) -> Path:
    """Three leaders; "Go outbound" is bought in, "One funnel view" waits on Tomás and Priya."""
    path = tmp_path / "Offsite 2027.offsite"
    with create_plan(path, "Offsite 2027") as plan:
        sales = prepare.add_team(plan, "Sales").id
        marketing = prepare.add_team(plan, "Marketing").id
        maya = prepare.add_leader(plan, "Maya Okafor", "VP Sales", sales).id
        tomas = prepare.add_leader(plan, "Tomás Herrera", "Head of Sales Development", sales).id
        prepare.add_leader(plan, "Priya Raman", "CMO", marketing)
        outbound = objectives.add_objective(plan, "Go outbound", [sales]).id
        funnel = objectives.add_objective(plan, "One funnel view", [sales, marketing]).id
        for leader in (maya, tomas):
            buyin.record_stance(plan, outbound, leader, Stance.AGREED)
        buyin.record_stance(plan, funnel, maya, Stance.AGREED)
    return path


def signoff_in_file(path: Path):  # type: ignore[no-untyped-def]
    with open_plan(path, readonly=True) as plan:
        return read_signoff(plan)


def statements_in_file(path: Path) -> list[str]:
    with open_plan(path, readonly=True) as plan:
        return [o.statement for o in read_plan(plan).objectives]


def sign_all(qtbot, page, initials: list[tuple[str, str]]) -> None:  # type: ignore[no-untyped-def]
    """Each leader in turn: the page selects the next to sign; typing in the table starts the initials."""
    for name, typed in initials:
        assert f"Sign as <b>{name}</b>" in page.ui.signAsLabel.text()
        page.ui.signTable.setFocus()
        qtbot.keyClicks(page.ui.signTable, typed)
        assert page.ui.initialsEdit.hasFocus()
        assert page.ui.initialsEdit.text() == typed
        qtbot.keyClick(page.ui.initialsEdit, Qt.Key.Key_Return)
        assert page.ui.messageLabel.text().startswith(f"{name} signed version ")
        assert (
            "Undo or Withdraw takes a signature back until every leader has signed"
            in page.ui.messageLabel.text()
        )


def assert_read_only(window, locked: bool) -> None:  # type: ignore[no-untyped-def]
    for key in CONTENT_PAGES:
        page = window.phase_pages[key]
        assert bool(page.property("readOnly")) is locked, key
    plan_page = window.phase_pages["plan"]
    assert plan_page.ui.addObjectiveButton.isEnabled() is not locked
    assert plan_page.ui.statementEdit.isReadOnly() is locked
    assert window.lock_banner.isVisible() is locked
    assert ("[read-only]" in window.windowTitle()) is locked
    # Signing and the survey stay usable on a locked plan.
    assert not window.phase_pages["signoff"].property("readOnly")
    assert not window.phase_pages["review"].property("readOnly")


def test_from_draft_to_signed_then_reopened_and_signed_again(
    qtbot, make_window, answered, settings, plan_path: Path
) -> None:
    window = make_window()
    assert window.open_path(plan_path)
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert window.current_view() == "signoff"
    page = window.phase_pages["signoff"]
    ui = page.ui
    assert "1 of 2 objectives are bought in" in ui.readinessLabel.text()
    assert "“One funnel view” — waiting on Tomás Herrera and Priya Raman" in ui.readinessLabel.text()
    assert not ui.currentBox.isVisible()

    # Freezing needs a name and, while an objective is not bought in, a reason.
    ui.frozenByEdit.setFocus()
    qtbot.keyClicks(ui.frozenByEdit, "Sam Whitfield")
    assert not ui.freezeButton.isEnabled()
    assert "override reason" in ui.freezeButton.toolTip()
    assert "override reason" in ui.freezeHint.text()
    qtbot.keyClick(ui.frozenByEdit, Qt.Key.Key_Return)  # Enter asks anyway: the plan refuses
    assert len(answered.errors) == 1
    assert "not bought in yet (“One funnel view”)" in answered.errors[0]
    assert signoff_in_file(plan_path).versions == ()
    assert not window.lock_banner.isVisible()

    ui.reasonEdit.setFocus()
    qtbot.keyClicks(ui.reasonEdit, "The board meets on Monday")
    assert ui.freezeButton.isEnabled()
    assert ui.freezeButton.text() == "&Freeze version 1"
    old_plan_page = window.phase_pages["plan"]
    qtbot.mouseClick(ui.freezeButton, Qt.MouseButton.LeftButton)
    assert settings.value(NAME_SETTING) == "Sam Whitfield"
    record = signoff_in_file(plan_path)
    (v1,) = record.versions
    assert (v1.number, v1.frozen_by, v1.override_reason) == (1, "Sam Whitfield", "The board meets on Monday")
    assert v1.fingerprint == hashlib.sha256(v1.content.encode("utf-8")).hexdigest()
    assert record.locked_version_id == v1.id
    # Every page that edits content is built again, read-only; the banner says why.
    assert window.phase_pages["plan"] is not old_plan_page
    assert_read_only(window, locked=True)
    assert "Version 1 is frozen for signing (0 of 3 signed) — read-only." in window.lock_banner.text()
    assert ui.currentBox.isVisible()
    assert not ui.freezeBox.isVisible()
    assert ui.fingerprintLabel.toolTip() == v1.fingerprint
    assert window.undo_action.text() == "&Undo Freeze version 1"

    # Each leader signs with initials, from the keyboard; once all have, the signatures are final.
    sign_all(qtbot, page, [("Maya Okafor", "MO"), ("Tomás Herrera", "TH"), ("Priya Raman", "PR")])
    assert not window.undo_action.isEnabled()
    record = signoff_in_file(plan_path)
    assert [(g.leader_name, g.initials) for g in record.versions[0].signatures] == [
        ("Maya Okafor", "MO"),
        ("Tomás Herrera", "TH"),
        ("Priya Raman", "PR"),
    ]
    assert record.signed_by_all
    assert "Signed version 1 — read-only." in window.lock_banner.text()
    # What a signed plan still takes is named, so "read-only" does not read as "the review stops".
    assert "check-ins, the quarter's review and the wins go on under Review" in window.lock_banner.text()
    assert [ui.signTable.item(row, 2).text() for row in range(3)] == ["✓ Signed"] * 3
    assert not ui.initialsEdit.isEnabled()
    answered.errors.clear()

    # Every page shows the banner; an edit that still reaches the plan is refused with the sentence.
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    plan_page = window.phase_pages["plan"]
    assert window.lock_banner.isVisible()
    assert isinstance(window.lock_banner.parent(), QWidget)
    plan_page.ui.statementEdit.setFocus()
    before = plan_page.ui.statementEdit.text()
    qtbot.keyClicks(plan_page.ui.statementEdit, "Go inbound")
    assert plan_page.ui.statementEdit.text() == before
    plan_page.add_objective()
    assert answered.errors == [
        "“Offsite 2027.offsite” is signed (version 1), so it cannot be changed. "
        "Re-open it on the Sign-off screen to edit."
    ]
    assert statements_in_file(plan_path) == ["Go outbound", "One funnel view"]
    answered.errors.clear()

    # Re-open: who (remembered) and why (required); the plan becomes editable, the banner goes.
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert ui.reopenBox.isVisible()
    assert ui.reopenByEdit.text() == "Sam Whitfield"
    ui.reopenByEdit.selectAll()
    ui.reopenByEdit.setFocus()
    qtbot.keyClicks(ui.reopenByEdit, "Priya Raman")
    assert not ui.reopenButton.isEnabled()
    ui.reopenWhyEdit.setFocus()
    qtbot.keyClicks(ui.reopenWhyEdit, "Marketing owns a third objective")
    assert ui.reopenButton.isEnabled()
    qtbot.keyClick(ui.reopenWhyEdit, Qt.Key.Key_Return)
    record = signoff_in_file(plan_path)
    assert record.locked_version_id is None
    reopening = record.versions[0].reopening
    assert reopening is not None
    assert (reopening.by, reopening.reason) == ("Priya Raman", "Marketing owns a third objective")
    assert_read_only(window, locked=False)
    assert ui.freezeBox.isVisible()
    assert ui.freezeButton.text() == "&Freeze version 2"

    # Edit, win every agreement, freeze version 2 without a reason, sign again.
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    plan_page = window.phase_pages["plan"]
    qtbot.mouseClick(plan_page.ui.addObjectiveButton, Qt.MouseButton.LeftButton)
    assert statements_in_file(plan_path) == ["Go outbound", "One funnel view", "New objective"]
    view = window.document.view()
    for objective in view.objectives:
        for leader in view.leaders:
            if leader.team_id in objective.team_ids:
                buyin.record_stance(window.document.plan, objective.id, leader.id, Stance.AGREED)
    window.document.notify({Kind.STANCE})
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert "All 3 objectives are bought in." in ui.readinessLabel.text()
    assert ui.frozenByEdit.text() == "Sam Whitfield"  # the facilitator's name, remembered
    assert ui.freezeButton.isEnabled()
    qtbot.mouseClick(ui.freezeButton, Qt.MouseButton.LeftButton)
    assert_read_only(window, locked=True)
    sign_all(qtbot, page, [("Maya Okafor", "M.O."), ("Tomás Herrera", "TH"), ("Priya Raman", "PR")])

    record = signoff_in_file(plan_path)
    assert [v.number for v in record.versions] == [2, 1]
    v2 = record.versions[0]
    assert v2.override_reason is None
    assert len(v2.signatures) == 3
    assert v2.reopening is None
    assert v2.fingerprint != record.versions[1].fingerprint
    table = ui.versionsTable
    assert table.rowCount() == 2
    assert table.item(0, 0).text() == "2\ncurrent"
    assert "Signed 3/3: M.O., TH, PR" in table.item(0, 1).text()
    assert table.item(1, 0).text() == "1"
    assert "by Priya Raman: “Marketing owns a third objective”" in table.item(1, 1).text()
    assert "Frozen before full buy-in: “The board meets on Monday”" in table.item(1, 1).text()
    assert answered.errors == []


def test_a_freeze_can_be_undone_until_someone_signs(qtbot, make_window, answered, plan_path: Path) -> None:
    window = make_window()
    assert window.open_path(plan_path)
    window.show_view("signoff")
    page = window.phase_pages["signoff"]
    page.ui.frozenByEdit.setText("Sam Whitfield")
    page.ui.reasonEdit.setText("Dry run")
    assert page.freeze()
    assert_read_only(window, locked=True)

    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert signoff_in_file(plan_path).versions == ()
    assert_read_only(window, locked=False)
    assert page.ui.freezeBox.isVisible()

    window.redo_action.trigger()
    assert signoff_in_file(plan_path).locked_version_id is not None
    assert_read_only(window, locked=True)
    assert answered.errors == []


def test_bad_initials_are_refused_on_the_page_without_a_dialog(
    qtbot, make_window, answered, plan_path: Path
) -> None:
    window = make_window()
    assert window.open_path(plan_path)
    window.show_view("signoff")
    page = window.phase_pages["signoff"]
    page.ui.frozenByEdit.setText("Sam Whitfield")
    page.ui.reasonEdit.setText("Dry run")
    assert page.freeze()
    page.ui.initialsEdit.setFocus()
    qtbot.keyClicks(page.ui.initialsEdit, "M2")
    qtbot.keyClick(page.ui.initialsEdit, Qt.Key.Key_Return)
    assert "Initials are one to 5 letters" in page.ui.messageLabel.text()
    # Too long is refused with the same sentence, never cut short and signed.
    page.ui.initialsEdit.selectAll()
    qtbot.keyClicks(page.ui.initialsEdit, "ABCDEFG")
    assert page.ui.initialsEdit.text() == "ABCDEFG"
    qtbot.keyClick(page.ui.initialsEdit, Qt.Key.Key_Return)
    assert "Initials are one to 5 letters" in page.ui.messageLabel.text()
    assert page.ui.messageLabel.property("problem") is True
    assert answered.errors == []
    assert signoff_in_file(plan_path).versions[0].signatures == ()
    assert "Sign as <b>Maya Okafor</b>" in page.ui.signAsLabel.text()


def test_a_window_that_opened_the_plan_read_only_says_so_instead_of_signing(  # type: ignore[no-untyped-def]
    qtbot, make_window, answered, plan_path: Path
) -> None:
    window = make_window()
    assert window.open_path(plan_path, readonly=True)
    window.show_view("signoff")
    page = window.phase_pages["signoff"]
    qtbot.keyClick(page.ui.reopenWhyEdit, Qt.Key.Key_Return)
    assert "is open read-only here" in page.ui.messageLabel.text()
    assert not page.freeze()
    assert "is open read-only here" in page.ui.messageLabel.text()
    assert answered.errors == []
    assert signoff_in_file(plan_path).versions == ()


def test_a_leader_signs_as_themself_or_on_behalf_and_may_withdraw_by_keys(
    qtbot, make_window, answered, plan_path: Path
) -> None:
    window = make_window()
    assert window.open_path(plan_path)
    window.show_view("signoff")
    page = window.phase_pages["signoff"]
    ui = page.ui
    ui.frozenByEdit.setText("Sam Whitfield")
    ui.reasonEdit.setText("Dry run")
    assert page.freeze()
    table = ui.signTable

    # Maya is first to sign; someone else's initials are refused in place, and nothing is written.
    assert "Sign as <b>Maya Okafor</b>" in ui.signAsLabel.text()
    table.setFocus()
    qtbot.keyClicks(table, "ZZ")
    qtbot.keyClick(ui.initialsEdit, Qt.Key.Key_Return)
    assert ui.messageLabel.text() == (
        "Those are not Maya Okafor’s initials (MO). To sign for someone else, choose ‘Sign on behalf’ "
        "and give a reason."
    )
    assert ui.messageLabel.property("problem") is True
    assert answered.errors == []
    assert signoff_in_file(plan_path).versions[0].signatures == ()
    ui.initialsEdit.selectAll()
    qtbot.keyClicks(ui.initialsEdit, "mo")  # case aside, her initials
    qtbot.keyClick(ui.initialsEdit, Qt.Key.Key_Return)
    assert ui.messageLabel.text().startswith("Maya Okafor signed version 1")

    # Tomás is away: Dana signs for him, saying why (Alt+A, Alt+N), with her own initials.
    assert "Sign as <b>Tomás Herrera</b>" in ui.signAsLabel.text()
    table.setFocus()
    qtbot.keyClicks(table, "DW")
    qtbot.keyClick(ui.initialsEdit, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(ui.behalfPane.isVisible)
    assert ui.behalfByEdit.hasFocus()
    qtbot.keyClicks(ui.behalfByEdit, "Dana Whitfield")
    qtbot.keyClick(ui.behalfByEdit, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert ui.behalfWhyEdit.hasFocus()
    qtbot.keyClicks(ui.behalfWhyEdit, "On a flight; he agreed by phone.")
    qtbot.keyClick(ui.behalfWhyEdit, Qt.Key.Key_Return)
    signatures = signoff_in_file(plan_path).versions[0].signatures
    assert [(g.leader_name, g.initials, g.signed_by, g.behalf_reason) for g in signatures] == [
        ("Maya Okafor", "mo", "", ""),
        ("Tomás Herrera", "DW", "Dana Whitfield", "On a flight; he agreed by phone."),
    ]
    assert table.item(1, 2).text() == "✓ Signed by Dana Whitfield"

    # Tomás lands and withdraws the signature made for him: Delete on his row; the history keeps it.
    table.setFocus()
    table.setCurrentCell(1, 0)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    record = signoff_in_file(plan_path).versions[0]
    assert [g.leader_name for g in record.signatures] == ["Maya Okafor"]
    assert [(w.leader_name, w.signed_by) for w in record.withdrawals] == [("Tomás Herrera", "Dana Whitfield")]
    assert "Tomás Herrera’s signature of" in ui.versionsTable.item(0, 1).text()
    assert " withdrawn " in ui.versionsTable.item(0, 1).text()
    assert table.item(1, 2).text() == "To sign"

    # Undo puts the signature back and the withdrawal out of the history; redo withdraws again.
    window.undo_action.trigger()
    record = signoff_in_file(plan_path).versions[0]
    assert [g.signed_by for g in record.signatures] == ["", "Dana Whitfield"]
    assert record.withdrawals == ()
    window.redo_action.trigger()
    assert len(signoff_in_file(plan_path).versions[0].withdrawals) == 1
    assert answered.errors == []


def test_the_initials_a_leader_signs_with_are_set_in_the_prepare_leaders_table(
    qtbot, make_window, answered, plan_path: Path
) -> None:
    window = make_window()
    assert window.open_path(plan_path)
    window.show_view("prepare")
    prepare_page = window.phase_pages["prepare"]
    view, model = prepare_page.ui.leadersView, prepare_page.leaders
    column = [f.name for f in model.fields].index("initials")
    assert model.headerData(column, Qt.Orientation.Horizontal) == "Signs as"
    tomas = model.index(1, column)
    assert tomas.data() == "TH"  # the initials of his name until someone types others
    type_into_cell(qtbot, view, tomas, "TdH")
    with open_plan(plan_path, readonly=True) as plan:
        assert [p.initials for p in read_plan(plan).leaders] == ["", "TdH", ""]
    assert model.index(1, column).data() == "TdH"

    window.show_view("signoff")
    page = window.phase_pages["signoff"]
    page.ui.frozenByEdit.setText("Sam Whitfield")
    page.ui.reasonEdit.setText("Dry run")
    assert page.freeze()
    page.ui.signTable.setCurrentCell(1, 0)
    page.ui.signTable.setFocus()
    qtbot.keyClicks(page.ui.signTable, "TH")
    qtbot.keyClick(page.ui.initialsEdit, Qt.Key.Key_Return)
    assert "Those are not Tomás Herrera’s initials (TdH)." in page.ui.messageLabel.text()
    page.ui.initialsEdit.selectAll()
    qtbot.keyClicks(page.ui.initialsEdit, "tdh")
    qtbot.keyClick(page.ui.initialsEdit, Qt.Key.Key_Return)
    assert [g.leader_name for g in signoff_in_file(plan_path).versions[0].signatures] == ["Tomás Herrera"]
    assert answered.errors == []


def test_ctrl_z_takes_back_a_signature_then_the_freeze(qtbot, make_window, answered, plan_path: Path) -> None:
    window = make_window()
    assert window.open_path(plan_path)
    window.show_view("signoff")
    page = window.phase_pages["signoff"]
    page.ui.frozenByEdit.setText("Sam Whitfield")
    page.ui.reasonEdit.setText("Dry run")
    assert page.freeze()
    page.ui.signTable.setFocus()
    qtbot.keyClicks(page.ui.signTable, "MO")
    qtbot.keyClick(page.ui.initialsEdit, Qt.Key.Key_Return)
    assert len(signoff_in_file(plan_path).versions[0].signatures) == 1
    assert window.undo_action.text() == "&Undo Sign as Maya Okafor"

    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert signoff_in_file(plan_path).versions[0].signatures == ()
    assert page.ui.signTable.item(0, 2).text() == "To sign"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert signoff_in_file(plan_path).versions == ()
    assert_read_only(window, locked=False)
    assert answered.errors == []
