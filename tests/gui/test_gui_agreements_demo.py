"""The agreements part of the demo offsite, run from the keyboard: the agenda's Agreements item opens
the page, the facilitator settles the open hand-off and the incentive the app warns about (tying it
to a shared objective), the room agrees, and every hand-off and incentive is bought in."""

from __future__ import annotations

from agreements_plans import settle
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

from offsite.domain.agreements import AgreementKind
from offsite.gui.agreements import AgreementsTab
from offsite.services.agenda import read_agenda
from offsite.services.agreements import incentive_warnings, read_agreements

ALT, CTRL = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier
LEADERS = 6  # the demo's: Maya, Tomás, Priya, Lena, Daniel, Aiko, the matrix's columns in order


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def test_the_demo_rooms_open_agreements_are_settled_from_the_keyboard(qtbot, demo_window) -> None:  # type: ignore[no-untyped-def]
    window = demo_window
    plan = window.document.plan
    page = window.phase_pages["agreements"]

    def key(k: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        qtbot.keyClick(focused(), k, modifiers)

    def tab(number: int) -> AgreementsTab:
        key(getattr(Qt.Key, f"Key_{number}"), ALT)
        settle()
        current = page.ui.tabs.currentWidget()
        assert isinstance(current, AgreementsTab)
        return current

    def to_row(current: AgreementsTab, title: str) -> int:
        """Down the table from its first row to the agreement titled ``title``."""
        current.ui.tableView.setFocus()
        key(Qt.Key.Key_Home, CTRL)
        row = next(r for r, a in enumerate(current.rows) if a.title == title)
        for _ in range(row):
            key(Qt.Key.Key_Down)
        return row

    def everyone_agrees_on(current: AgreementsTab, row: int) -> None:
        """Alt+I to the buy-in matrix, down to ``row``, A on each leader's cell, Alt+I back."""
        key(Qt.Key.Key_I, ALT)
        assert current.ui.matrixView.hasFocus()
        key(Qt.Key.Key_Home, CTRL)
        for _ in range(row):
            key(Qt.Key.Key_Down)
        for _leader in range(LEADERS):
            key(Qt.Key.Key_A)
            key(Qt.Key.Key_Right)
        key(Qt.Key.Key_I, ALT)
        settle()

    # The day's agenda has an hour for the agreements; F6 runs the agenda, and each item opens its
    # screen: the facilitator walks it to the Agreements item.
    views = [item.view for item in read_agenda(plan).items]
    assert "agreements" in views
    for _ in range(views.index("agreements") + 1):  # the first F6 starts the day's first item
        qtbot.keyClick(window, Qt.Key.Key_F6)
        settle()
    qtbot.waitUntil(lambda: window.current_view() == "agreements")

    # Hand-offs: Tomás asked for changes on demo requests; the room writes them into the response time.
    hand_offs = tab(2)
    row = to_row(hand_offs, "Demo request")
    for _ in range(4):  # lead source, route, team, owner → response time
        key(Qt.Key.Key_Right)
    view = focused()
    assert isinstance(view, QAbstractItemView)
    key(Qt.Key.Key_F2)
    qtbot.keyClicks(focused(), "; after 4 pm, by 10 am the next working day")
    key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)
    settle()
    everyone_agrees_on(hand_offs, row)

    # Incentives: marketing's bonus on raw lead volume is flagged; tied to the shared pipeline
    # objective instead, the warning goes, and the room agrees.
    incentives = tab(4)
    flagged = next(a.id for a in incentives.rows if a.title == "Raw inbound lead volume")
    assert flagged in incentive_warnings(plan)
    row = to_row(incentives, "Raw inbound lead volume")
    assert incentives.ui.warningLabel.isVisible()
    for _ in range(3):  # rewarded for, team, reward → shared objective
        key(Qt.Key.Key_Right)
    view = focused()
    assert isinstance(view, QAbstractItemView)
    qtbot.keyClicks(view, "F")  # typing opens the list of objectives on “Fill the pipeline”
    key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)
    settle()
    # Still paid on inbound leads, a metric of another objective: the warning says so.
    assert "paid on a metric of “Own the category”" in incentive_warnings(plan)[flagged]
    key(Qt.Key.Key_Right)
    qtbot.keyClicks(view, "F")  # the metric: “Fill the pipeline › Marketing-sourced pipeline”
    key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)
    settle()
    assert flagged not in incentive_warnings(plan)
    qtbot.waitUntil(lambda: not incentives.ui.warningLabel.isVisible())
    everyone_agrees_on(incentives, row)

    agreed = {a.title: a for a in read_agreements(plan)}
    demo_request = agreed["Demo request"]
    assert demo_request.service_level.endswith("; after 4 pm, by 10 am the next working day")
    assert demo_request.bought_in
    raw_leads = agreed["Raw inbound lead volume"]
    assert raw_leads.bought_in
    assert next(a.statement for a in window.document.view().objectives if a.id == raw_leads.objective_id) == (
        "Fill the pipeline"
    )
    metrics = {m.id: m.name for o in window.document.view().objectives for m in o.metrics}
    assert metrics[raw_leads.metric_id] == "Marketing-sourced pipeline"
    still_open = [a.title for a in read_agreements(plan) if not a.bought_in]
    assert still_open == ["Free-trial sign-up (product-qualified)"]  # Aiko waits for a PQL definition
    assert all(a.bought_in for a in read_agreements(plan) if a.kind == AgreementKind.INCENTIVE.value)
    assert incentives.ui.summaryLabel.text().startswith("5 of 5 incentives bought in")
    # Every step is undoable: one undo puts the last stance back.
    window.document.undo_stack.undo()
    assert not next(a for a in read_agreements(plan) if a.id == flagged).bought_in
