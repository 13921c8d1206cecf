"""A short session in the room, driven only by key events, with the projector checked at each step."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QSpinBox, QTreeView

from offsite.gui.projection import buyin_projection

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def focused():  # type: ignore[no-untyped-def]
    return QApplication.focusWidget()


def shows(qtbot, projector, text: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: text in projector.shown_text(), timeout=5000)


def type_and_enter(qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type over the open editor of a new statement, then Enter: as a facilitator does."""
    qtbot.waitUntil(lambda: isinstance(focused(), QLineEdit))
    editor = focused()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not isinstance(focused(), QLineEdit), timeout=15_000)


def test_a_session_from_the_keyboard_alone(qtbot, demo_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = demo_window
    qtbot.waitUntil(window.isActiveWindow)

    # F5: the projector opens beside the facilitator window, which keeps the keys.
    qtbot.keyClick(window, Qt.Key.Key_F5)
    projector = window.projector
    assert projector is not None
    qtbot.waitUntil(projector.isVisible)
    qtbot.waitUntil(window.isActiveWindow)

    # F6 starts the agenda on its first item's screen; F6 again moves on to the why chains.
    qtbot.keyClick(window, Qt.Key.Key_F6)
    assert window.current_view() == "prepare"
    qtbot.waitUntil(
        lambda: window.agenda_bar.label.text().startswith("Now: Welcome and the three-year vision")
    )
    assert "left" in window.agenda_bar.label.text()
    qtbot.keyClick(focused() or window, Qt.Key.Key_F6)
    assert window.current_view() == "brainstorm"
    qtbot.waitUntil(lambda: window.agenda_bar.label.text().startswith("Now: Ask why: each team's chains"))
    shows(qtbot, projector, "Ask why")

    # Ctrl+2 Brainstorm, Alt+1 Ask why: the keyboard lands in the first team's chain.
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    assert window.current_view() == "brainstorm"
    qtbot.keyClick(focused() or window, Qt.Key.Key_1, ALT)
    page = window.phase_pages["brainstorm"]
    chains = page.tabs["Ask why"]
    qtbot.waitUntil(lambda: isinstance(focused(), QTreeView))
    tree = focused()
    assert any(column.view is tree for column in chains.columns.values()), (
        tree,
        tree.objectName(),
        tree.accessibleName(),
    )
    shows(qtbot, projector, "Ask why")

    # Down selects the first statement; Enter asks why; typing answers; the room sees each answer.
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: tree.currentIndex().isValid())
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    type_and_enter(qtbot, "Because the board counts booked revenue")
    shows(qtbot, projector, "Because the board counts booked revenue")
    qtbot.waitUntil(lambda: focused() is tree)
    qtbot.keyClick(tree, Qt.Key.Key_Return)  # why again, under the new answer
    type_and_enter(qtbot, "So hiring plans hold")
    shows(qtbot, projector, "So hiring plans hold")
    text = projector.shown_text()
    assert text.index("Because the board counts booked revenue") < text.index("So hiring plans hold")

    # Alt+4 Candidates: choose a candidate with the arrows, Tab to a leader's dots, ↑ gives a dot.
    qtbot.keyClick(focused(), Qt.Key.Key_4, ALT)
    candidates = page.tabs["Candidates"]
    qtbot.waitUntil(lambda: focused() is candidates.ui.poolView)
    qtbot.waitUntil(lambda: projector.projection is not None and projector.projection.kind == "ranking")
    pool = candidates.ui.poolView
    undotted = next(
        row for row in range(candidates.model.rowCount()) if candidates.model.row_at(row).candidate.dots == 0
    )
    for _ in range(undotted):
        qtbot.keyClick(pool, Qt.Key.Key_Down)
    chosen = candidates.current_candidate()
    assert chosen is not None
    assert chosen.dots == 0
    budget = candidates.pool.dot_budget
    qtbot.keyClick(focused(), Qt.Key.Key_D, ALT)  # "Dots per leader": one more dot for everyone
    qtbot.waitUntil(lambda: focused() is candidates.ui.budgetSpin)
    qtbot.keyClick(focused(), Qt.Key.Key_Up)
    qtbot.waitUntil(lambda: candidates.pool.dot_budget == budget + 1)
    qtbot.keyClick(focused(), Qt.Key.Key_R, ALT)  # back up to the pool's neighbourhood ("Rank by")
    leaders_with_dots = {
        leader_id
        for leader_id, (_spin, _left) in candidates._dots.items()
        if candidates.pool.dots_used(leader_id) < candidates.pool.dot_budget
    }
    assert leaders_with_dots, "every leader spent their dots in the demo"
    seen: list[str] = []
    for _ in range(60):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        widget = focused()
        seen.append(widget.objectName() or type(widget).__name__)
        if (
            isinstance(widget, QSpinBox)
            and widget.objectName().startswith("dots_")
            and int(widget.objectName().removeprefix("dots_")) in leaders_with_dots
        ):
            break
    else:
        raise AssertionError(f"Tab never reached a leader with dots left {seen} {leaders_with_dots}")
    qtbot.keyClick(focused(), Qt.Key.Key_Up)
    qtbot.waitUntil(lambda: candidates.pool.candidate(chosen.id).dots == 1)
    qtbot.waitUntil(lambda: "●" in _row_of(projector, chosen.text))
    assert _row_of(projector, chosen.text).split(" | ")[3] == "●"

    # Ctrl+Shift+Space starts the timer: both windows show it counting.
    qtbot.keyClick(focused(), Qt.Key.Key_Space, CTRL | SHIFT)
    assert window.timer.running
    qtbot.waitUntil(lambda: not projector.timer_label.isHidden())
    assert window.timer.label in projector.shown_text()
    assert window.timer_bar.time.text().startswith("⏱ ")
    qtbot.waitUntil(lambda: window.timer.text() != "5:00", timeout=3000)  # it counts
    qtbot.keyClick(focused(), Qt.Key.Key_A, CTRL | SHIFT)  # a minute more
    assert window.timer.remaining_ms() > 5 * 60_000
    qtbot.keyClick(focused(), Qt.Key.Key_Space, CTRL | SHIFT)  # pause
    assert not window.timer.running

    # Ctrl+5 Buy-in, then A records "agreed" on the selected cell.
    qtbot.keyClick(focused(), Qt.Key.Key_5, CTRL)
    assert window.current_view() == "buyin"
    buyin_page = window.phase_pages["buyin"]
    matrix = buyin_page.ui.matrixView
    for _ in range(40):  # Tab on until the matrix has the keyboard
        if focused() is matrix:
            break
        qtbot.keyClick(focused() or window, Qt.Key.Key_Tab)
    assert focused() is matrix
    qtbot.waitUntil(lambda: matrix.currentIndex().isValid())
    view = window.document.view()

    def undecided() -> bool:  # a leader concerned by the objective, with no stance yet
        cell = buyin_page.stances.cell()
        if cell is None:
            return False
        objective, leader_id = cell
        leader = view.leader(leader_id)
        return leader.team_id in objective.team_ids and not any(
            e.objective_id == objective.id and e.leader_id == leader_id for e in view.stances
        )

    for _ in range(80):  # the arrows walk the matrix to an undecided cell
        if undecided():
            break
        before = matrix.currentIndex()
        qtbot.keyClick(matrix, Qt.Key.Key_Right)
        if matrix.currentIndex() == before:
            qtbot.keyClick(matrix, Qt.Key.Key_Down)
            qtbot.keyClick(matrix, Qt.Key.Key_Home)
    assert undecided()
    objective, leader_id = buyin_page.stances.cell()
    objective_id, leader = objective.id, view.leader(leader_id)
    count = len(view.stances)
    qtbot.keyClick(matrix, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: len(window.document.view().stances) == count + 1)
    recorded = max(window.document.view().stances, key=lambda e: e.id)
    assert (recorded.objective_id, recorded.leader_id, recorded.stance.label) == (
        objective_id,
        leader_id,
        "Agreed",
    )
    expected = buyin_projection(window.document.view(), objective_id, leader_id)
    qtbot.waitUntil(lambda: projector.projection == expected)
    assert f"{leader.name} | " in projector.projection.text()
    shows(qtbot, projector, "Agreed")
    assert view.objective(objective_id).statement in projector.shown_text()

    # Escape in the projector closes it; the facilitator window keeps the keyboard.
    qtbot.keyClick(projector, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not projector.isVisible())
    qtbot.waitUntil(window.isActiveWindow)
    assert matrix.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers


def _row_of(projector, text: str) -> str:  # type: ignore[no-untyped-def]
    """The projected table row (cells joined by " | ") of the candidate reading ``text``."""
    projection = projector.projection
    if projection is None or projection.table is None:
        return ""
    wanted = " ".join(text.split())
    return next((" | ".join(row) for row in projection.table.rows if row[1] == wanted), "")
