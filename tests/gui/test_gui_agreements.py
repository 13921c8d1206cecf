"""The Agreements page: five tables built from the keyboard, each with its buy-in matrix; every edit
undoable; the journey as a swimlane; the business model; incentive warnings; read-only when signed."""

from __future__ import annotations

from pathlib import Path

import pytest
from agreements_plans import Room, choose_in_cell, on_disk, settle, small_room
from helpers import type_into_cell
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication

from offsite.domain.agreements import DECISION_AREAS, DEFAULT_JOURNEY, AgreementKind
from offsite.domain.journey import UNOWNED
from offsite.domain.values import Stance
from offsite.gui.agreements import AgreementsPage, AgreementsTab
from offsite.gui.commands import LinkCommand
from offsite.gui.shell import MainWindow

ALT, CTRL = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier
KIND_NUMBER = {kind: number for number, kind in enumerate(AgreementKind, start=1)}


@pytest.fixture
def room(tmp_path: Path) -> Room:
    return small_room(tmp_path)


def agreements_page(qtbot, window: MainWindow) -> AgreementsPage:  # type: ignore[no-untyped-def]
    """Ctrl+4, as a facilitator moves from the Plan to the agreements."""
    qtbot.keyClick(window, Qt.Key.Key_4, CTRL)
    assert window.current_view() == "agreements"
    page = window.phase_pages["agreements"]
    assert isinstance(page, AgreementsPage)
    return page


def tab_of(qtbot, page: AgreementsPage, kind: AgreementKind) -> AgreementsTab:  # type: ignore[no-untyped-def]
    """Alt+n: the kind's tab, the keyboard in its table (or on its starter offer)."""
    focus = QApplication.focusWidget() or page
    qtbot.keyClick(focus, getattr(Qt.Key, f"Key_{KIND_NUMBER[kind]}"), ALT)
    tab = page.tab_pages[kind]
    assert page.ui.tabs.currentWidget() is tab
    settle()
    return tab


def add_by_insert(qtbot, tab: AgreementsTab, title: str) -> None:  # type: ignore[no-untyped-def]
    """Insert in the table adds a row, its first cell open: type the title and Enter."""
    view = tab.ui.tableView
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Insert)
    assert view.state() == QAbstractItemView.State.EditingState
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, title)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)


def column(tab: AgreementsTab, name: str) -> int:
    return next(i for i, f in enumerate(tab.table.fields) if f.name == name)


def cell(tab: AgreementsTab, row: int, name: str):  # type: ignore[no-untyped-def]
    return tab.table.index(row, column(tab, name))


def shown(tab: AgreementsTab, row: int, name: str) -> str:
    return str(cell(tab, row, name).data())


def test_insert_adds_a_journey_stage_typed_in_place_and_escape_takes_a_new_one_back(  # type: ignore[no-untyped-def]
    qtbot, make_window, room: Room
) -> None:
    window = make_window()
    assert window.open_path(room.path)
    page = agreements_page(qtbot, window)
    tab = tab_of(qtbot, page, AgreementKind.JOURNEY_STAGE)
    assert tab.ui.suggestBox.isVisible()  # the usual journey is offered on an empty table

    add_by_insert(qtbot, tab, "Trial signup")
    assert [a.title for a in on_disk(room.path, AgreementKind.JOURNEY_STAGE)] == ["Trial signup"]
    assert shown(tab, 0, "title") == "Trial signup"
    assert not tab.ui.suggestBox.isVisible()
    assert tab.diagram is not None
    assert [p.stage.title for p in tab.diagram.swimlane.stages] == ["Trial signup"]

    # A second row, escaped in its first cell: gone, and no undo step left for it.
    steps = window.document.undo_stack.count()
    view = tab.ui.tableView
    qtbot.keyClick(view, Qt.Key.Key_Insert)
    assert tab.table.rowCount() == 2
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1)
    assert len(on_disk(room.path, AgreementKind.JOURNEY_STAGE)) == 1
    assert window.document.undo_stack.count() == steps

    # Ctrl+Shift+E adds too, from anywhere on the page.
    qtbot.keyClick(tab.ui.summaryLabel, Qt.Key.Key_E, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert tab.table.rowCount() == 2


FIELD_EDITS = {
    # kind: (text field, typed; choice field, typed in its combo, shown)
    AgreementKind.JOURNEY_STAGE: (
        "service_level",
        "SQL contacted within 24 h",
        "metric_id",
        "More",
        "More qualified leads › MQLs",
    ),
    AgreementKind.HAND_OFF: (
        "on_miss",
        "Lead goes back to the pool",
        "metric_id",
        "More",
        "More qualified leads › MQLs",
    ),
    AgreementKind.DECISION_RIGHT: ("consulted", "Sales and finance", "owner_id", "Maya", "Maya Okafor"),
    AgreementKind.INCENTIVE: (
        "reward",
        "10% of variable pay",
        "objective_id",
        "More",
        "More qualified leads",
    ),
    AgreementKind.PRACTICE: ("title", "Joint customer visit", "cadence", "Q", "Quarterly"),
}


@pytest.mark.parametrize("kind", list(AgreementKind), ids=lambda k: k.value)
def test_each_kind_edits_its_text_team_and_choice_cells_by_keys_and_undo_redo_every_edit(  # type: ignore[no-untyped-def]
    qtbot, make_window, room: Room, kind: AgreementKind
) -> None:
    window = make_window()
    assert window.open_path(room.path)
    tab = tab_of(qtbot, agreements_page(qtbot, window), kind)
    view = tab.ui.tableView
    add_by_insert(qtbot, tab, "First")
    text_field, typed, choice_field, pick, picked = FIELD_EDITS[kind]

    type_into_cell(qtbot, view, cell(tab, 0, text_field), typed)
    choose_in_cell(qtbot, view, cell(tab, 0, "team_id"), "Sales")
    choose_in_cell(qtbot, view, cell(tab, 0, choice_field), pick)

    saved = on_disk(room.path, kind)[0]
    assert getattr(saved, text_field) == typed
    assert saved.team_id == room.sales
    assert shown(tab, 0, "team_id") == "Sales"
    assert shown(tab, 0, choice_field) == picked
    assert getattr(saved, choice_field) is not None
    assert getattr(saved, choice_field) != ""

    # Each edit is its own undo step: three undos take the three back, three redos replay them.
    stack = window.document.undo_stack
    for _ in range(3):
        stack.undo()
    blank = on_disk(room.path, kind)[0]
    assert (blank.title, blank.team_id, getattr(blank, choice_field) or None) == ("First", None, None)
    assert shown(tab, 0, "team_id") == "No team"
    for _ in range(3):
        stack.redo()
    assert on_disk(room.path, kind)[0] == saved
    assert shown(tab, 0, choice_field) == picked


def test_alt_up_and_down_move_a_row_and_undo_moves_it_back(qtbot, make_window, room: Room) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    assert window.open_path(room.path)
    tab = tab_of(qtbot, agreements_page(qtbot, window), AgreementKind.PRACTICE)
    for title in ("Weekly pipeline review", "Joint customer visit", "Shared win story"):
        add_by_insert(qtbot, tab, title)
    view = tab.ui.tableView
    view.setCurrentIndex(tab.table.index(2, 0))
    qtbot.keyClick(view, Qt.Key.Key_Up, ALT)
    qtbot.keyClick(view, Qt.Key.Key_Up, ALT)
    order = ["Shared win story", "Weekly pipeline review", "Joint customer visit"]
    assert [a.title for a in on_disk(room.path, AgreementKind.PRACTICE)] == order
    assert [shown(tab, r, "title") for r in range(3)] == order
    assert view.currentIndex().row() == 0  # the selection moved with it
    qtbot.keyClick(view, Qt.Key.Key_Down, ALT)
    assert shown(tab, 1, "title") == "Shared win story"
    window.document.undo_stack.undo()
    window.document.undo_stack.undo()
    assert [shown(tab, r, "title") for r in range(3)] == [
        "Weekly pipeline review",
        "Shared win story",
        "Joint customer visit",
    ]


def test_enter_on_the_empty_journey_adds_the_usual_journey_with_the_plans_teams_in_one_undo_step(  # type: ignore[no-untyped-def]
    qtbot, make_window, room: Room
) -> None:
    window = make_window()
    assert window.open_path(room.path)
    tab = tab_of(qtbot, agreements_page(qtbot, window), AgreementKind.JOURNEY_STAGE)
    qtbot.waitUntil(tab.ui.startButton.hasFocus)
    tab.ui.tableView.setFocus()
    qtbot.keyClick(tab.ui.tableView, Qt.Key.Key_Return)

    stages = on_disk(room.path, AgreementKind.JOURNEY_STAGE)
    assert [a.title for a in stages] == [stage for stage, _team in DEFAULT_JOURNEY]
    teams = {"Marketing": room.marketing, "Sales": room.sales}
    assert [a.team_id for a in stages] == [teams[team] for _stage, team in DEFAULT_JOURNEY]
    lanes = [lane.name for lane in tab.diagram.swimlane.lanes] if tab.diagram else []
    assert lanes == ["Marketing", "Sales"]
    assert window.document.undo_stack.undoText() == "Start from the usual journey"

    window.document.undo_stack.undo()  # one step takes all seven back
    assert on_disk(room.path, AgreementKind.JOURNEY_STAGE) == []
    assert tab.table.rowCount() == 0
    assert tab.ui.suggestBox.isVisible()
    window.document.undo_stack.redo()
    assert [a.title for a in on_disk(room.path, AgreementKind.JOURNEY_STAGE)] == [
        s for s, _ in DEFAULT_JOURNEY
    ]


def test_the_usual_journey_leaves_a_stage_unowned_when_the_plan_has_no_team_of_that_name(  # type: ignore[no-untyped-def]
    qtbot, make_window, room: Room
) -> None:
    from offsite.domain.values import Kind
    from offsite.services import changes

    with __import__("offsite.services.plans", fromlist=["open_plan"]).open_plan(room.path) as plan:
        changes.update_fields(plan, Kind.TEAM, room.sales, {"name": "Field sales"})
    window = make_window()
    assert window.open_path(room.path)
    tab = tab_of(qtbot, agreements_page(qtbot, window), AgreementKind.JOURNEY_STAGE)
    qtbot.keyClick(tab.ui.startButton, Qt.Key.Key_Return)
    stages = on_disk(room.path, AgreementKind.JOURNEY_STAGE)
    assert [a.team_id for a in stages] == [room.marketing] * 3 + [None] * 4
    assert tab.diagram is not None
    assert [lane.name for lane in tab.diagram.swimlane.lanes] == ["Marketing", UNOWNED]


def test_the_usual_decisions_go_in_as_one_step_and_the_business_model_is_chosen_and_undone(  # type: ignore[no-untyped-def]
    qtbot, make_window, room: Room
) -> None:
    window = make_window()
    assert window.open_path(room.path)
    tab = tab_of(qtbot, agreements_page(qtbot, window), AgreementKind.DECISION_RIGHT)
    qtbot.waitUntil(tab.ui.startButton.hasFocus)
    qtbot.keyClick(tab.ui.startButton, Qt.Key.Key_Return)
    assert [a.title for a in on_disk(room.path, AgreementKind.DECISION_RIGHT)] == list(DECISION_AREAS)
    stack = window.document.undo_stack
    assert stack.undoText() == "Add the usual decisions"

    # The business model: its combo by keys, the why typed; each saved and undoable.
    combo = tab.ui.modelCombo
    combo.setFocus()
    qtbot.keyClicks(combo, "Product")
    assert combo.currentText() == "Product-led"
    why = tab.ui.whyEdit
    why.setFocus()
    qtbot.keyClicks(why, "Users try before sales talks to them")
    qtbot.keyClick(why, Qt.Key.Key_Return)
    details = window.document.view().details
    assert (details.business_model, details.business_model_why) == (
        "product-led",
        "Users try before sales talks to them",
    )
    stack.undo()
    assert window.document.view().details.business_model_why == ""
    assert why.text() == ""
    stack.undo()
    assert window.document.view().details.business_model == ""
    assert combo.currentText() == "Not chosen"
    stack.undo()
    assert on_disk(room.path, AgreementKind.DECISION_RIGHT) == []


def test_stance_keys_record_buy_in_and_the_summary_names_who_everyone_waits_on(  # type: ignore[no-untyped-def]
    qtbot, make_window, room: Room
) -> None:
    window = make_window()
    assert window.open_path(room.path)
    tab = tab_of(qtbot, agreements_page(qtbot, window), AgreementKind.HAND_OFF)
    add_by_insert(qtbot, tab, "Demo request")
    add_by_insert(qtbot, tab, "Webinar attendee")
    assert tab.ui.summaryLabel.text() == (
        "0 of 2 hand-offs bought in; waiting on Priya Raman (2), Maya Okafor (2), Sam Lee (2)."
    )
    matrix = tab.ui.matrixView
    matrix.setFocus()
    matrix.setCurrentIndex(tab.matrix.index(0, 0))
    for _ in range(3):  # A agreed, then → to the next leader
        qtbot.keyClick(matrix, Qt.Key.Key_A)
        qtbot.keyClick(matrix, Qt.Key.Key_Right)
    matrix.setCurrentIndex(tab.matrix.index(1, 0))
    qtbot.keyClick(matrix, Qt.Key.Key_A)
    qtbot.keyClick(matrix, Qt.Key.Key_Right)
    qtbot.keyClick(matrix, Qt.Key.Key_C)

    first, second = on_disk(room.path, AgreementKind.HAND_OFF)
    assert first.bought_in
    assert not second.bought_in
    assert second.stance_of(room.leaders[1]) is Stance.CHANGES_REQUESTED
    assert (
        tab.ui.summaryLabel.text() == "1 of 2 hand-offs bought in; waiting on Maya Okafor (1), Sam Lee (1)."
    )
    assert tab.matrix.index(0, 3).data() == "✓ Yes"

    # Delete removes the first hand-off; undo brings it back bought in.
    view = tab.ui.tableView
    view.setFocus()
    view.setCurrentIndex(tab.table.index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert [a.title for a in on_disk(room.path, AgreementKind.HAND_OFF)] == ["Webinar attendee"]
    window.document.undo_stack.undo()
    restored = on_disk(room.path, AgreementKind.HAND_OFF)[0]
    assert restored.title == "Demo request"
    assert restored.bought_in
    assert tab.ui.summaryLabel.text().startswith("1 of 2 hand-offs bought in")


def test_an_incentive_warning_shows_until_its_objective_is_shared_by_both_teams(  # type: ignore[no-untyped-def]
    qtbot, make_window, room: Room
) -> None:
    from offsite.domain.agreements import ObjectiveShare, incentive_warning

    window = make_window()
    assert window.open_path(room.path)
    tab = tab_of(qtbot, agreements_page(qtbot, window), AgreementKind.INCENTIVE)
    add_by_insert(qtbot, tab, "Marketing-sourced pipeline")
    # No objective yet: the sign in its row, and the reason under the table.
    unnamed = incentive_warning(None, None, [])
    assert shown(tab, 0, "title").startswith("⚠ ")
    assert tab.ui.warningLabel.isVisible()
    assert unnamed in tab.ui.warningLabel.text()

    choose_in_cell(qtbot, tab.ui.tableView, cell(tab, 0, "objective_id"), "More")
    only_marketing = incentive_warning(
        room.objective, None, [ObjectiveShare(room.objective, "More qualified leads", (room.marketing,), ())]
    )
    assert tab.ui.warningLabel.isVisible()
    assert only_marketing.replace("“", "") in tab.ui.warningLabel.text().replace("“", "").replace(
        "&quot;", ""
    )
    assert only_marketing == tab.table.warnings[tab.rows[0].id]

    # On the Plan page sales takes the objective on too: shared, the warning goes.
    document = window.document
    document.execute(LinkCommand(document, "Teams", room.objective, "teams", [room.marketing, room.sales]))
    assert not tab.ui.warningLabel.isVisible()
    assert not shown(tab, 0, "title").startswith("⚠")
    document.undo_stack.undo()
    assert tab.ui.warningLabel.isVisible()
    assert shown(tab, 0, "title").startswith("⚠ ")


def test_a_signed_plan_shows_its_agreements_read_only_and_says_why(  # type: ignore[no-untyped-def]
    qtbot, make_window, room: Room
) -> None:
    from offsite.services import agreements, signoff
    from offsite.services.plans import open_plan

    with open_plan(room.path) as plan:
        agreements.add_agreement(plan, AgreementKind.JOURNEY_STAGE, "Awareness", team_id=room.marketing)
        signoff.freeze(plan, frozen_by="Facilitator", override_reason="Signed as the offsite closed")
    window = make_window()
    assert window.open_path(room.path)
    page = agreements_page(qtbot, window)
    tab = tab_of(qtbot, page, AgreementKind.JOURNEY_STAGE)
    assert page.ui.lockedLabel.isVisible()
    assert "part of the signed plan" in page.ui.lockedLabel.text()
    assert tab.table.rowCount() == 1
    view = tab.ui.tableView
    view.setFocus()
    view.setCurrentIndex(tab.table.index(0, 0))
    for key in (Qt.Key.Key_Insert, Qt.Key.Key_Delete, Qt.Key.Key_X):
        qtbot.keyClick(view, key)
    matrix = tab.ui.matrixView
    matrix.setCurrentIndex(tab.matrix.index(0, 0))
    qtbot.keyClick(matrix, Qt.Key.Key_A)
    assert view.state() != QAbstractItemView.State.EditingState
    assert not tab.ui.addButton.isEnabled()
    assert not tab.ui.suggestBox.isVisible()
    stage = on_disk(room.path, AgreementKind.JOURNEY_STAGE)
    assert [a.title for a in stage] == ["Awareness"]
    assert stage[0].stances == ()
    # Going from tab to tab still works.
    assert tab_of(qtbot, page, AgreementKind.INCENTIVE).read_only


def test_the_projector_shows_the_journey_large_or_the_selected_agreement_with_each_stance(  # type: ignore[no-untyped-def]
    qtbot, make_window, room: Room
) -> None:
    from offsite.gui.projector import ProjectorWindow
    from offsite.gui.swimlane import SwimlaneView

    window = make_window()
    assert window.open_path(room.path)
    page = agreements_page(qtbot, window)
    journey = tab_of(qtbot, page, AgreementKind.JOURNEY_STAGE)
    qtbot.keyClick(journey.ui.startButton, Qt.Key.Key_Return)
    type_into_cell(qtbot, journey.ui.tableView, cell(journey, 2, "trigger"), "Scores 60+")
    journey.ui.tableView.setCurrentIndex(journey.table.index(3, 0))  # SQL
    assert journey.diagram is not None
    assert journey.diagram.current_id == journey.rows[3].id  # the row selected is the stage outlined

    projection = page.projection()
    assert projection is not None
    assert projection.kind == "journey"
    assert projection.swimlane is not None
    assert projection.current == journey.rows[3].id
    assert "SQL (current)" in projection.text()
    assert "→ Scores 60+" in projection.text()
    projector = ProjectorWindow()
    qtbot.addWidget(projector)
    projector.show()
    projector.set_projection(projection)
    projector.settle()
    drawn = projector.findChildren(SwimlaneView)
    assert len(drawn) == 1
    assert drawn[0].projector
    assert drawn[0].current_id == journey.rows[3].id
    assert drawn[0].hand_off_labels[2][1] == "Scores 60+"
    window.activateWindow()  # the facilitator's window keeps the keys, as on a desktop
    qtbot.waitUntil(window.isActiveWindow)

    practices = tab_of(qtbot, page, AgreementKind.PRACTICE)
    add_by_insert(qtbot, practices, "Joint customer visit")
    choose_in_cell(qtbot, practices.ui.tableView, cell(practices, 0, "cadence"), "Q")
    matrix = practices.ui.matrixView
    matrix.setCurrentIndex(practices.matrix.index(0, 0))
    qtbot.keyClick(matrix, Qt.Key.Key_A)
    projection = page.projection()
    assert projection is not None
    assert projection.kind == "agreement"
    projector.set_projection(projection)
    projector.settle()
    text = projector.shown_text()
    assert "Joint customer visit" in text
    assert "Cadence Quarterly" in text
    assert "Priya Raman" in text
    assert "Agreed" in text
    assert "Sam Lee" in text
    assert "Pending" in text
    assert "1 of 3 leaders agreed" in text


def test_an_agenda_item_opens_the_agreements_page_on_its_tab(qtbot, make_window, room: Room) -> None:  # type: ignore[no-untyped-def]
    from offsite.domain.agenda import VIEWS, view_label
    from offsite.services import agenda
    from offsite.services.plans import open_plan

    assert "agreements" in VIEWS
    assert view_label("agreements:Hand-offs") == "Agreements ▸ Hand-offs"
    with open_plan(room.path) as plan:
        agenda.add_agenda_item(plan, "The journey together", 45, "agreements")
        agenda.add_agenda_item(plan, "Who takes which leads", 30, "agreements:Hand-offs")
    window = make_window()
    assert window.open_path(room.path)
    qtbot.keyClick(window, Qt.Key.Key_F6)
    assert window.current_view() == "agreements"
    page = window.phase_pages["agreements"]
    qtbot.keyClick(window, Qt.Key.Key_F6)
    assert page.ui.tabs.currentWidget() is page.tab_pages[AgreementKind.HAND_OFF]


def test_an_edit_reads_again_only_the_agreements_it_touched(  # type: ignore[no-untyped-def]
    qtbot, make_window, room: Room, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Typing in one row, or a stance on it, reads that row again: not the plan, not the other rows."""
    from offsite.services import agreements

    window = make_window()
    assert window.open_path(room.path)
    journey = tab_of(qtbot, agreements_page(qtbot, window), AgreementKind.JOURNEY_STAGE)
    qtbot.keyClick(journey.ui.startButton, Qt.Key.Key_Return)
    reads: list[object] = []
    real = agreements.read_agreements

    def counted(plan, ids=None):  # type: ignore[no-untyped-def]
        reads.append(None if ids is None else sorted(ids))
        return real(plan, ids)

    monkeypatch.setattr(agreements, "read_agreements", counted)
    whole = window.document.whole_reads
    sql = journey.rows[3].id
    type_into_cell(qtbot, journey.ui.tableView, cell(journey, 3, "message"), "A rep calls the same day")
    matrix = journey.ui.matrixView
    matrix.setFocus()
    matrix.setCurrentIndex(journey.matrix.index(3, 0))
    qtbot.keyClick(matrix, Qt.Key.Key_A)
    assert reads == [[sql], [sql]]  # each edit: the one stage it touched
    assert window.document.whole_reads == whole
    assert journey.rows[3].message == "A rep calls the same day"
    assert journey.rows[3].stance_of(room.leaders[0]) is Stance.AGREED
