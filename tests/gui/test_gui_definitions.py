"""Buy-in ▸ Definitions: the glossary edited by typing, each leader's stance by one key, all undoable."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import open_editor, type_into_cell
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox

from offsite.domain.values import Kind, Stance
from offsite.gui.definitions import SUGGESTED_DEFINITION, SUGGESTED_TERM
from offsite.services import changes
from offsite.services.definitions import read_definitions
from offsite.services.plans import open_plan, read_plan


def on_disk(path: Path):  # type: ignore[no-untyped-def]
    with open_plan(path, readonly=True) as plan:
        return read_definitions(plan)


def leaders(path: Path):  # type: ignore[no-untyped-def]
    with open_plan(path, readonly=True) as plan:
        return read_plan(plan)


@pytest.fixture
def empty_glossary(tmp_path: Path, demo_plan_bytes: bytes) -> Path:
    """The demo plan with its glossary emptied: teams and leaders, no definitions."""
    path = tmp_path / "demo.offsite"
    path.write_bytes(demo_plan_bytes)
    with open_plan(path) as plan:
        for definition in read_definitions(plan):
            changes.remove(plan, Kind.DEFINITION, definition.id)
    return path


def definitions_tab(qtbot, window):  # type: ignore[no-untyped-def]
    window.show_view("buyin")
    page = window.phase_pages["buyin"]
    page.ui.matrixView.setFocus()
    qtbot.keyClick(page.ui.matrixView, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert page.ui.tabs.currentWidget() is page.definitions
    return page.definitions


def test_empty_glossary_offers_sql_then_typing_keys_and_undo_build_it(  # type: ignore[no-untyped-def]
    qtbot, make_window, empty_glossary: Path, answered
) -> None:
    window = make_window()
    assert window.open_path(empty_glossary)
    tab = definitions_tab(qtbot, window)
    ui = tab.ui
    assert ui.suggestBox.isVisible()
    qtbot.waitUntil(ui.suggestButton.hasFocus)

    # Enter takes the offer: the term with a starter definition, its wording open for editing.
    qtbot.keyClick(ui.suggestButton, Qt.Key.Key_Return)
    [sql] = on_disk(empty_glossary)
    assert (sql.term, sql.definition, sql.team_id) == (SUGGESTED_TERM, SUGGESTED_DEFINITION, None)
    assert not ui.suggestBox.isVisible()
    editor = open_editor(ui.glossaryView, tab.glossary.index(0, 1))
    editor.selectAll()
    qtbot.keyClicks(editor, "Accepted by sales: fits the ICP, need and timing confirmed")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: ui.glossaryView.state() != QAbstractItemView.State.EditingState)
    assert (
        on_disk(empty_glossary)[0].definition == "Accepted by sales: fits the ICP, need and timing confirmed"
    )

    # The term by typing, the owning team from its list.
    type_into_cell(qtbot, ui.glossaryView, tab.glossary.index(0, 0), "SQL")
    assert on_disk(empty_glossary)[0].term == "SQL"
    view = leaders(empty_glossary)
    sales = next(t for t in view.teams if t.name == "Sales")
    index = tab.glossary.index(0, 2)
    ui.glossaryView.setFocus()
    ui.glossaryView.setCurrentIndex(index)
    ui.glossaryView.edit(index)
    [combo] = [c for c in ui.glossaryView.findChildren(QComboBox) if c.isVisible()]
    assert combo.itemText(0) == "Everyone"
    combo.setCurrentIndex(combo.findData(sales.id))
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: on_disk(empty_glossary)[0].team_id == sales.id)
    assert tab.glossary.index(0, 2).data() == "Sales"

    # One key per stance in the matrix; both Sales leaders agree and it is bought in.
    columns = [i for i, p in enumerate(view.leaders) if p.team_id == sales.id]
    assert len(columns) == 2
    matrix = ui.matrixView
    matrix.setFocus()
    for column in columns:
        matrix.setCurrentIndex(tab.matrix.index(0, column))
        qtbot.keyClick(matrix, Qt.Key.Key_A)
    other = next(i for i, p in enumerate(view.leaders) if p.team_id != sales.id)
    matrix.setCurrentIndex(tab.matrix.index(0, other))
    qtbot.keyClick(matrix, Qt.Key.Key_D)
    [sql] = on_disk(empty_glossary)
    assert sql.bought_in
    assert [s.stance for s in sql.stances] == [Stance.AGREED, Stance.AGREED, Stance.DISCUSSING]
    assert tab.matrix.index(0, len(view.leaders)).data() == "✓ Yes"
    assert tab.matrix.index(0, other).data() == Stance.DISCUSSING.label
    assert "1 of 1" in ui.summaryLabel.text()
    assert "Discussing" in ui.definitionHistory.item(0).text()

    # Delete removes it with its buy-in; undo brings all of it back.
    before = on_disk(empty_glossary)
    ui.glossaryView.setFocus()
    ui.glossaryView.setCurrentIndex(tab.glossary.index(0, 0))
    qtbot.keyClick(ui.glossaryView, Qt.Key.Key_Delete)
    assert on_disk(empty_glossary) == ()
    assert ui.suggestBox.isVisible()
    window.undo_action.trigger()
    assert on_disk(empty_glossary) == before
    assert tab.matrix.index(0, len(view.leaders)).data() == "✓ Yes"
    assert answered.errors == []


def test_escape_on_a_new_term_takes_it_back(qtbot, demo_window) -> None:  # type: ignore[no-untyped-def]
    path = demo_window.document.plan.path
    tab = definitions_tab(qtbot, demo_window)
    before = on_disk(path)
    steps = demo_window.document.undo_stack.count()
    tab.ui.glossaryView.setFocus()
    qtbot.keyClick(
        tab.ui.glossaryView,
        Qt.Key.Key_D,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert [d.term for d in on_disk(path)][-1] == "New term"
    editor = open_editor(tab.ui.glossaryView, tab.glossary.index(len(before), 0))
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: on_disk(path) == before)
    assert demo_window.document.undo_stack.count() == steps
    # Kept when typed into instead.
    qtbot.keyClick(
        tab.ui.glossaryView,
        Qt.Key.Key_D,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    editor = open_editor(tab.ui.glossaryView, tab.glossary.index(len(before), 0))
    editor.selectAll()
    qtbot.keyClicks(editor, "Win rate")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: [d.term for d in on_disk(path)][-1] == "Win rate")


def test_a_read_only_plan_takes_no_definition_edit(
    qtbot, make_window, tmp_path: Path, demo_plan_bytes: bytes
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "demo.offsite"
    path.write_bytes(demo_plan_bytes)
    window = make_window()
    assert window.open_path(path, readonly=True)
    tab = definitions_tab(qtbot, window)
    before = on_disk(path)
    ui = tab.ui
    assert not ui.addButton.isEnabled()
    assert not ui.removeButton.isEnabled()
    assert not ui.recordButton.isEnabled()
    assert ui.glossaryView.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    ui.glossaryView.setFocus()
    ui.glossaryView.setCurrentIndex(tab.glossary.index(0, 0))
    qtbot.keyClick(ui.glossaryView, Qt.Key.Key_Delete)
    qtbot.keyClick(
        ui.glossaryView, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    ui.matrixView.setFocus()
    ui.matrixView.setCurrentIndex(tab.matrix.index(1, 0))
    qtbot.keyClick(ui.matrixView, Qt.Key.Key_A)
    assert on_disk(path) == before
    assert not window.document.undo_stack.canUndo()
