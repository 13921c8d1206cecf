"""Undo and redo reach every edit, from any screen, and the file follows each step."""

from __future__ import annotations

import pytest
from helpers import type_into_cell
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from offsite.domain.values import Kind
from offsite.services.plans import open_plan, read_plan


def on_disk(window):  # type: ignore[no-untyped-def]
    with open_plan(window.document.plan.path, readonly=True) as plan:
        return read_plan(plan)


def test_a_typing_burst_is_saved_per_keystroke_and_undone_in_one_step(qtbot, demo_window) -> None:
    page = demo_window.phase_pages["prepare"]
    edit = page.ui.titleEdit
    edit.setFocus()
    edit.end(False)
    qtbot.keyClicks(edit, " - Day 1")
    assert on_disk(demo_window).details.title == "Sales & Marketing Offsite 2027 - Day 1"
    qtbot.keyClick(
        edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
    )  # the plan's undo, not the field's
    assert on_disk(demo_window).details.title == "Sales & Marketing Offsite 2027"
    assert edit.text() == "Sales & Marketing Offsite 2027"
    qtbot.keyClick(
        edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert on_disk(demo_window).details.title == "Sales & Marketing Offsite 2027 - Day 1"
    assert demo_window.windowTitle().startswith("Sales & Marketing Offsite 2027 - Day 1")


def test_removing_a_leader_and_undoing_brings_back_their_stance_history(qtbot, demo_window) -> None:
    page = demo_window.phase_pages["prepare"]
    before = on_disk(demo_window)
    tomas = next(p for p in before.leaders if p.name == "Tomás Herrera")
    page.ui.leadersView.setCurrentIndex(page.leaders.index(page.leaders.row_of(tomas.id), 0))
    qtbot.mouseClick(page.ui.removeLeaderButton, Qt.MouseButton.LeftButton)
    after = on_disk(demo_window)
    assert tomas.id not in {p.id for p in after.leaders}
    assert all(s.leader_id != tomas.id for s in after.stances)
    demo_window.undo_action.trigger()
    assert on_disk(demo_window) == before


def test_removing_a_team_that_has_leaders_is_refused_with_a_reason(qtbot, demo_window, answered) -> None:
    page = demo_window.phase_pages["prepare"]
    before = on_disk(demo_window)
    page.ui.teamsView.setCurrentIndex(page.teams.index(0, 0))
    qtbot.mouseClick(page.ui.removeTeamButton, Qt.MouseButton.LeftButton)
    assert answered.errors == ["Sales still has 2 leaders: move them to another team or remove them first."]
    assert on_disk(demo_window) == before
    assert not demo_window.document.undo_stack.canUndo()


def test_undo_of_an_edit_on_another_screen_updates_that_screen(qtbot, demo_window) -> None:
    demo_window.show_view("plan")
    plan_page = demo_window.phase_pages["plan"]
    first_goal = on_disk(demo_window).goals[0]
    demo_window.show_view("prepare")
    prepare = demo_window.phase_pages["prepare"]
    type_into_cell(qtbot, prepare.ui.goalsView, prepare.goals.index(0, 0), "Double revenue by 2028")
    demo_window.show_view("plan")
    assert plan_page.ui.goalsList.item(0).text() == "Double revenue by 2028"
    demo_window.undo_action.trigger()
    assert plan_page.ui.goalsList.item(0).text() == first_goal.statement
    assert on_disk(demo_window).goals[0].statement == first_goal.statement


def test_reordering_objectives_within_a_team_is_saved_and_undoable(qtbot, demo_window) -> None:
    demo_window.show_view("plan")
    page = demo_window.phase_pages["plan"]
    marketing = [o.statement for o in on_disk(demo_window).objectives if len(o.team_ids) == 1][1:3]
    assert marketing == ["Fill the pipeline", "Own the category"]
    own = next(o for o in on_disk(demo_window).objectives if o.statement == "Own the category")
    page.ui.objectivesView.setCurrentIndex(page.tree.index_of(own.id))
    qtbot.mouseClick(page.ui.moveUpButton, Qt.MouseButton.LeftButton)
    order = [o.statement for o in on_disk(demo_window).objectives]
    assert order.index("Own the category") < order.index("Fill the pipeline")
    demo_window.undo_action.trigger()
    order = [o.statement for o in on_disk(demo_window).objectives]
    assert order.index("Own the category") > order.index("Fill the pipeline")


def test_guidance_advises_but_never_blocks(qtbot, demo_window) -> None:
    demo_window.show_view("plan")
    page = demo_window.phase_pages["plan"]
    page.ui.statementEdit.setFocus()
    page.ui.statementEdit.selectAll()
    qtbot.keyClicks(page.ui.statementEdit, "Grow the outbound pipeline fast")
    assert page.ui.statementHint.text().startswith("● 5 words")
    assert any(o.statement == "Grow the outbound pipeline fast" for o in on_disk(demo_window).objectives)


def test_a_number_cell_refuses_text_and_keeps_its_value(qtbot, demo_window) -> None:
    demo_window.show_view("plan")
    page = demo_window.phase_pages["plan"]
    messages: list[str] = []
    page.rejected.connect(messages.append)
    target = [f.name for f in page.metrics.fields].index("target")
    type_into_cell(qtbot, page.ui.metricsView, page.metrics.index(0, target), "lots")
    assert messages == ["“lots” is not a number, so target was left as it was."]
    assert page.metrics.index(0, target).data() == "180"
    type_into_cell(qtbot, page.ui.metricsView, page.metrics.index(0, target), "1,200")
    assert page.metrics.index(0, target).data() == "1,200"


def test_an_objective_promoted_from_a_candidate_shows_where_it_came_from(qtbot, demo_window) -> None:
    from offsite.services import brainstorm

    plan = demo_window.document.plan
    view = demo_window.document.view()
    marketing = next(t for t in view.teams if t.name == "Marketing")
    node = brainstorm.add_why_node(plan, marketing.id, "Predictable revenue").id
    uid = next(n.uid for n in brainstorm.read_brainstorm(plan).nodes if n.id == node)
    candidate = brainstorm.add_candidate(
        plan, "Own the pipeline", marketing.id, "why_chain", origin_uid=uid
    ).id
    objective = brainstorm.promote_candidate(plan, candidate, team_ids=[marketing.id]).id
    demo_window.document.notify({Kind.OBJECTIVE})
    demo_window.show_view("plan")
    page = demo_window.phase_pages["plan"]
    page.ui.objectivesView.setCurrentIndex(page.tree.index_of(objective))
    assert page.ui.originLabel.isVisible()
    assert page.ui.originLabel.text() == "from: Marketing's ask-why chain › “Predictable revenue”"
    first = next(o for o in view.objectives if not o.origin_label)
    page.ui.objectivesView.setCurrentIndex(page.tree.index_of(first.id))
    assert not page.ui.originLabel.isVisible()


CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier

#: Each kind of bound text editor: (page, editor attribute, how to read its field back from the file).
TEXT_EDITORS = {
    "objective (line)": (
        "plan",
        "statementEdit",
        lambda view, page: view.objective(page.current_id).statement,
    ),
    "method (text box)": ("plan", "methodEdit", lambda view, page: view.objective(page.current_id).method),
    "title (line)": ("prepare", "titleEdit", lambda view, page: view.details.title),
    "vision (text box)": ("prepare", "visionEdit", lambda view, page: view.details.vision),
}


def _text(editor) -> str:  # type: ignore[no-untyped-def]
    return editor.toPlainText() if isinstance(editor, QPlainTextEdit) else editor.text()


def _end(qtbot, editor) -> None:  # type: ignore[no-untyped-def]
    """The caret after the last word: Ctrl+End in a text box, End in a line."""
    if isinstance(editor, QPlainTextEdit):
        qtbot.keyClick(editor, Qt.Key.Key_End, CTRL)
    else:
        qtbot.keyClick(editor, Qt.Key.Key_End)


def _come_back(qtbot, editor) -> None:  # type: ignore[no-untyped-def]
    """Click into the editor, then to its end, as a user adds to what is there."""
    target = editor.viewport() if isinstance(editor, QPlainTextEdit) else editor
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(editor.hasFocus)
    _end(qtbot, editor)


@pytest.mark.parametrize("which", TEXT_EDITORS)
def test_ctrl_z_takes_back_only_the_last_thing_typed(qtbot, demo_window, which: str) -> None:  # type: ignore[no-untyped-def]
    page_name, attribute, stored = TEXT_EDITORS[which]
    demo_window.show_view(page_name)
    page = demo_window.phase_pages[page_name]
    editor = getattr(page.ui, attribute)
    start = _text(editor)

    def saved() -> str:
        return str(stored(on_disk(demo_window), page))

    # A sentence, Tab away; back, a second sentence, Tab away: Ctrl+Z takes back the second only.
    _come_back(qtbot, editor)
    qtbot.keyClicks(editor, " Weekly review.")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert not editor.hasFocus()
    _come_back(qtbot, editor)
    qtbot.keyClicks(editor, " Owner: Maya.")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, CTRL)
    assert saved() == _text(editor) == start + " Weekly review."

    # Typing, Ctrl+Z, Ctrl+Shift+Z, more typing: that typing is a step of its own, not part of the redone one.
    _come_back(qtbot, editor)
    qtbot.keyClicks(editor, " Owner: Maya.")
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert saved() == _text(editor) == start + " Weekly review."
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL | SHIFT)
    assert saved() == _text(editor) == start + " Weekly review. Owner: Maya."
    _end(qtbot, editor)
    qtbot.keyClicks(editor, " By Friday.")
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert saved() == _text(editor) == start + " Weekly review. Owner: Maya."
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert saved() == _text(editor) == start


def test_each_line_typed_into_a_method_is_its_own_undo_step(qtbot, demo_window) -> None:  # type: ignore[no-untyped-def]
    demo_window.show_view("plan")
    page = demo_window.phase_pages["plan"]
    editor = page.ui.methodEdit

    def saved() -> str:
        return str(on_disk(demo_window).objective(page.current_id).method)

    _come_back(qtbot, editor)
    before = editor.toPlainText()
    qtbot.keyClick(editor, Qt.Key.Key_A, CTRL)  # select all, then type over it
    qtbot.keyClicks(editor, "Hire a pod of four SDRs.")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "Marketing writes the sequences.")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "Review every Monday.")
    assert saved() == "Hire a pod of four SDRs.\nMarketing writes the sequences.\nReview every Monday."

    # Ctrl+Z takes back the last line with its line break; again, the line before; never all at once.
    # The first line typed over the old method, so taking it back brings the old method back.
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert saved() == editor.toPlainText() == "Hire a pod of four SDRs.\nMarketing writes the sequences."
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert saved() == editor.toPlainText() == "Hire a pod of four SDRs."
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert saved() == editor.toPlainText() == before


def _caret_to_start(qtbot, editor, how: str) -> None:  # type: ignore[no-untyped-def]
    """Put the caret before the first word: a click there, or the keys a typist uses."""
    if how == "click":
        if isinstance(editor, QPlainTextEdit):  # the first line, left of its first letter
            target, y = editor.viewport(), editor.fontMetrics().height() // 2 + 4
        else:
            target, y = editor, editor.height() // 2
        qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=QPoint(1, y))
        assert editor.textCursor().position() == 0 if isinstance(editor, QPlainTextEdit) else True
        assert isinstance(editor, QPlainTextEdit) or editor.cursorPosition() == 0
    elif isinstance(editor, QPlainTextEdit):
        qtbot.keyClick(editor, Qt.Key.Key_Home, CTRL)
    else:
        for _ in range(len(editor.text())):
            qtbot.keyClick(editor, Qt.Key.Key_Left)


@pytest.mark.parametrize("how", ["click", "keys"])
@pytest.mark.parametrize("which", TEXT_EDITORS)
def test_typing_somewhere_else_in_the_text_is_a_new_undo_step(
    qtbot, demo_window, which: str, how: str
) -> None:  # type: ignore[no-untyped-def]
    page_name, attribute, stored = TEXT_EDITORS[which]
    demo_window.show_view(page_name)
    page = demo_window.phase_pages[page_name]
    editor = getattr(page.ui, attribute)
    start = _text(editor)

    def saved() -> str:
        return str(stored(on_disk(demo_window), page))

    # Add to the end, then go to the start (never leaving the field) and add there: two steps.
    _come_back(qtbot, editor)
    qtbot.keyClicks(editor, " Weekly review.")
    _caret_to_start(qtbot, editor, how)
    assert editor.hasFocus()
    qtbot.keyClicks(editor, "Draft: ")
    assert saved() == _text(editor) == "Draft: " + start + " Weekly review."
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert saved() == _text(editor) == start + " Weekly review."
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert saved() == _text(editor) == start
