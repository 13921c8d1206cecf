"""A facilitator runs the whole agreements part of an offsite from the keyboard: the usual journey,
a hand-off, the decision rights with the business model, an incentive, a joint practice, and every
leader's buy-in on each, until every agreement is bought in."""

from __future__ import annotations

from pathlib import Path

from agreements_plans import on_disk, settle, small_room
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

from offsite.domain.agreements import DECISION_AREAS, DEFAULT_JOURNEY, AgreementKind
from offsite.gui.agreements import AgreementsTab
from offsite.services import objectives
from offsite.services.plans import open_plan

ALT, CTRL = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def test_a_facilitator_builds_and_buys_in_every_agreement_from_the_keyboard(  # type: ignore[no-untyped-def]
    qtbot, make_window, tmp_path: Path
) -> None:
    room = small_room(tmp_path)
    with open_plan(room.path) as plan:  # an objective both teams hold: incentives tie to it
        objectives.add_objective(plan, "Shared pipeline", [room.sales, room.marketing])
    window = make_window()
    assert window.open_path(room.path)
    page = window.phase_pages["agreements"]

    def key(k: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        qtbot.keyClick(focused(), k, modifiers)

    def type_text(text: str) -> None:
        """Typing on a cell opens its editor with the first key; the rest goes to it; Enter keeps it."""
        view = focused()
        assert isinstance(view, QAbstractItemView)
        qtbot.keyClicks(view, text[0])
        assert view.state() == QAbstractItemView.State.EditingState
        if text[1:]:
            qtbot.keyClicks(focused(), text[1:])
        key(Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)
        settle()

    def tab(number: int) -> AgreementsTab:
        key(getattr(Qt.Key, f"Key_{number}"), ALT)
        current = page.ui.tabs.currentWidget()
        assert isinstance(current, AgreementsTab)
        settle()
        return current

    def new_row(title: str) -> None:
        key(Qt.Key.Key_Insert)
        qtbot.keyClicks(focused(), title)
        key(Qt.Key.Key_Return)
        settle()

    def next_cell_type(text: str) -> None:
        key(Qt.Key.Key_Right)
        type_text(text)

    def everyone_agrees(current: AgreementsTab) -> None:
        """Alt+I to the matrix, then A on each leader's cell, row after row."""
        key(Qt.Key.Key_I, ALT)
        matrix = current.ui.matrixView
        assert matrix.hasFocus()
        key(Qt.Key.Key_Home, CTRL)
        for row in range(current.matrix.rowCount()):
            for _leader in room.leaders:
                key(Qt.Key.Key_A)
                key(Qt.Key.Key_Right)
            if row < current.matrix.rowCount() - 1:
                key(Qt.Key.Key_Down)
                key(Qt.Key.Key_Home)
        key(Qt.Key.Key_I, ALT)  # back to the table
        assert current.ui.tableView.hasFocus()

    # Ctrl+4: the Agreements page, on the customer journey, its offer of the usual journey focused.
    qtbot.keyClick(window, Qt.Key.Key_4, CTRL)
    assert window.current_view() == "agreements"
    journey = tab(1)
    qtbot.waitUntil(journey.ui.startButton.hasFocus)
    key(Qt.Key.Key_Return)
    assert journey.table.rowCount() == len(DEFAULT_JOURNEY)
    # MQL's hand-off trigger, typed in place: the crossing to sales gets its label.
    journey.ui.tableView.setFocus()
    key(Qt.Key.Key_Home, CTRL)
    key(Qt.Key.Key_Down)
    key(Qt.Key.Key_Down)
    for _ in range(4):
        key(Qt.Key.Key_Right)
    type_text("Scores 60+")
    next_cell_type("Contacted within 24 h")
    assert journey.diagram is not None
    assert journey.diagram.hand_off_labels[2][1] == "Scores 60+ · Contacted within 24 h"
    everyone_agrees(journey)

    hand_offs = tab(2)
    new_row("Demo request")
    next_cell_type("Round-robin to SDRs")
    next_cell_type("S")  # the team: Sales
    everyone_agrees(hand_offs)

    decisions = tab(3)
    qtbot.waitUntil(decisions.ui.startButton.hasFocus)
    key(Qt.Key.Key_Return)
    key(Qt.Key.Key_O, ALT)  # the business model
    assert decisions.ui.modelCombo.hasFocus()
    qtbot.keyClicks(focused(), "Sales")
    key(Qt.Key.Key_W, ALT)
    qtbot.keyClicks(focused(), "Enterprise deals close through account executives")
    key(Qt.Key.Key_Return)
    decisions.ui.tableView.setFocus()
    everyone_agrees(decisions)

    incentives = tab(4)
    new_row("Pipeline from marketing")
    next_cell_type("M")  # the team: Marketing
    next_cell_type("5% of variable pay")
    next_cell_type("Sh")  # the shared objective: Shared pipeline
    assert not incentives.ui.warningLabel.isVisible()
    everyone_agrees(incentives)

    practices = tab(5)
    new_row("Marketing joins a customer visit")
    next_cell_type("M")
    key(Qt.Key.Key_Right)
    next_cell_type("Q")  # the cadence: quarterly
    everyone_agrees(practices)

    assert practices.ui.tableView.state() != QAbstractItemView.State.EditingState
    details = window.document.view().details
    assert (details.business_model, details.business_model_why) == (
        "sales-led",
        "Enterprise deals close through account executives",
    )
    everything = {kind: on_disk(room.path, kind) for kind in AgreementKind}
    assert [a.title for a in everything[AgreementKind.JOURNEY_STAGE]] == [s for s, _ in DEFAULT_JOURNEY]
    assert [a.title for a in everything[AgreementKind.DECISION_RIGHT]] == list(DECISION_AREAS)
    hand_off = everything[AgreementKind.HAND_OFF][0]
    assert (hand_off.title, hand_off.route, hand_off.team_id) == (
        "Demo request",
        "Round-robin to SDRs",
        room.sales,
    )
    incentive = everything[AgreementKind.INCENTIVE][0]
    assert (incentive.team_id, incentive.reward) == (room.marketing, "5% of variable pay")
    assert incentive.objective_id is not None
    practice = everything[AgreementKind.PRACTICE][0]
    assert (practice.team_id, practice.cadence) == (room.marketing, "quarterly")
    not_bought = [a.title for kind in AgreementKind for a in everything[kind] if not a.bought_in]
    assert not_bought == []
    assert sum(len(v) for v in everything.values()) == 7 + 1 + 4 + 1 + 1
    for current in page.tab_pages.values():
        current.ensure_loaded()
        assert " bought in." in current.ui.summaryLabel.text()
        assert "waiting on" not in current.ui.summaryLabel.text()
