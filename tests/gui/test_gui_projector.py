"""The projector window: what the room sees follows the facilitator's window, large and read-only."""

from __future__ import annotations

import datetime as dt
import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QApplication, QComboBox, QLineEdit

from offsite.domain.buyin import current_stances
from offsite.domain.values import Stance, StanceEvent
from offsite.gui import projector as projector_module
from offsite.gui.brainstorm import chains, switch, workback
from offsite.gui.projection import (
    KINDS,
    Line,
    Projection,
    Ranked,
    buyin_projection,
    chain_projection,
    objective_projection,
    phase_projection,
    ranking_projection,
)
from offsite.gui.projector import ProjectorWindow
from offsite.services.brainstorm import read_brainstorm

CTRL = Qt.KeyboardModifier.ControlModifier


def open_projector(qtbot, window):  # type: ignore[no-untyped-def]
    qtbot.keyClick(window, Qt.Key.Key_F5)
    projector = window.projector
    assert projector is not None
    qtbot.waitUntil(projector.isVisible)
    return projector


def shows(qtbot, projector, text: str) -> None:  # type: ignore[no-untyped-def]
    """The projector shows ``text`` soon (it redraws once per turn of the event loop)."""
    qtbot.waitUntil(lambda: text in projector.shown_text(), timeout=5000)


def brainstorm_tab(window, name: str):  # type: ignore[no-untyped-def]
    window.show_view("brainstorm")
    page = window.phase_pages["brainstorm"]
    page.go_to_tab(page.tabs[name])
    QApplication.processEvents()
    return page.tabs[name]


# -- the projection values -------------------------------------------------------------------------
def test_a_projection_is_one_of_the_known_kinds() -> None:
    assert set(KINDS) == {
        "chain",
        "funnel",
        "switch",
        "ranking",
        "objective",
        "phase",
        "chart",
        "journey",
        "agreement",
    }
    with pytest.raises(ValueError, match="sideways"):
        Projection("sideways", "Title")


def test_the_title_card_names_the_offsite(demo_window) -> None:  # type: ignore[no-untyped-def]
    card = phase_projection("Prepare", demo_window.document.view())
    assert card.kind == "phase"
    assert "Sales & Marketing Offsite 2027" in card.subtitle
    assert "14–15 January 2027" in card.subtitle


def test_chains_are_indented_trees_with_their_themes_marked(demo_window) -> None:  # type: ignore[no-untyped-def]
    document = demo_window.document
    pool = read_brainstorm(document.plan)
    teams = document.view().teams
    themed = {node_id for theme in pool.themes for node_id in theme.node_ids}
    team_id = next(n.team_id for n in pool.nodes if n.id in themed)
    projection = chain_projection(pool, teams, [team_id])
    (column,) = projection.columns
    nodes = [n for n in pool.nodes if n.team_id == team_id]
    assert [line.text for line in column.lines] == [" ".join(n.text.split()) for n in nodes]
    assert [line.depth for line in column.lines] == [n.depth for n in nodes]
    marked = [line for line, node in zip(column.lines, nodes, strict=True) if node.id in themed]
    assert marked
    assert all(line.mark.startswith("◆") for line in marked)


def test_the_ranking_shows_dots_and_the_shortlist() -> None:
    projection = ranking_projection(
        [Ranked(1, "Go outbound", "Sales", 3, shortlisted=True), Ranked(2, "Be more aligned", "Marketing", 0)]
    )
    assert projection.table is not None
    assert projection.table.rows[0] == ("1", "Go outbound", "Sales", "●●●", "✓ top")
    assert projection.table.rows[1][3] == ""
    assert projection.table.row_styles == ("shortlisted", "")


def test_the_objective_shows_its_method_and_metrics(demo_window) -> None:  # type: ignore[no-untyped-def]
    view = demo_window.document.view()
    objective = next(o for o in view.objectives if o.metrics and o.method)
    projection = objective_projection(view, objective.id)
    assert projection.title == objective.statement
    assert projection.table is not None
    assert [row[0] for row in projection.table.rows] == [m.name for m in objective.metrics]
    assert any(line.style == "heading" and line.text == "Method" for line in projection.lines)


def test_the_buyin_row_shows_each_concerned_leaders_stance(demo_window) -> None:  # type: ignore[no-untyped-def]
    view = demo_window.document.view()
    objective = next(o for o in view.objectives if o.team_ids)
    leader = next(p for p in view.leaders if p.team_id in objective.team_ids)
    stances = current_stances(view.stances)
    stances[(objective.id, leader.id)] = StanceEvent(
        0, objective.id, leader.id, Stance.AGREED, "If we get two SDRs", dt.datetime(2027, 1, 15, 10, 0)
    )
    projection = buyin_projection(view, objective.id, leader.id, stances)
    assert projection.title == objective.statement
    assert projection.table is not None
    row = next(r for r in projection.table.rows if r[0] == leader.name)
    assert row[2] == "Agreed"
    assert row[3] == "“If we get two SDRs”"
    assert "agreed" in projection.subtitle.lower()
    assert buyin_projection(view, None).lines == (Line("No objective yet", style="muted"),)


# -- the window ----------------------------------------------------------------------------------------
def test_f5_opens_the_projector_without_taking_the_focus(qtbot, demo_window) -> None:  # type: ignore[no-untyped-def]
    window = demo_window
    window.show_view("plan")
    projector = open_projector(qtbot, window)
    assert window.ui.actionProjector.isChecked()
    assert not projector.isFullScreen()  # one screen: a normal window beside the facilitator's
    qtbot.waitUntil(window.isActiveWindow)
    objective = window.phase_pages["plan"].current_objective()
    shows(qtbot, projector, objective.statement)
    assert projector.projection == window.current_projection()
    qtbot.keyClick(window, Qt.Key.Key_F5)  # F5 again closes it
    qtbot.waitUntil(lambda: not projector.isVisible())
    assert not window.ui.actionProjector.isChecked()


def test_escape_in_the_projector_closes_it_and_the_facilitator_keeps_the_keys(qtbot, demo_window) -> None:  # type: ignore[no-untyped-def]
    projector = open_projector(qtbot, demo_window)
    qtbot.keyClick(projector, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not projector.isVisible())
    assert not demo_window.ui.actionProjector.isChecked()
    qtbot.waitUntil(demo_window.isActiveWindow)


def test_the_projector_has_no_control_and_no_facilitator_note(qtbot, demo_window) -> None:  # type: ignore[no-untyped-def]
    window = demo_window
    projector = open_projector(qtbot, window)
    for tab, hint in (
        ("Ask why", chains.KEYS_HINT),
        ("Work back", workback.KEYS_HINT),
        ("Team switch", switch.KEYS_HINT),
    ):
        brainstorm_tab(window, tab)
        qtbot.waitUntil(lambda: projector.projection == window.current_projection())
        projector.settle()
        text = projector.shown_text()
        assert hint not in text
        assert "Keys in" not in text
        assert str(window.document.plan.path) not in text
    candidates = brainstorm_tab(window, "Candidates")
    qtbot.waitUntil(lambda: projector.projection is not None and projector.projection.kind == "ranking")
    texts = " ".join(c.text for c in candidates.pool.candidates)
    notes = [
        m.note for c in candidates.pool.candidates for m in c.smart if m.note.strip() and m.note not in texts
    ]
    assert notes
    assert not any(note in projector.shown_text() for note in notes)  # SMART notes are the facilitator's
    for kind in (QLineEdit, QAbstractButton, QComboBox, QAbstractItemView):
        assert projector.findChildren(kind) == []


@pytest.mark.parametrize(
    ("tab", "kind"),
    [("Ask why", "chain"), ("Work back", "funnel"), ("Team switch", "switch"), ("Candidates", "ranking")],
)
def test_each_brainstorm_tab_projects_its_exercise(qtbot, demo_window, tab: str, kind: str) -> None:  # type: ignore[no-untyped-def]
    projector = open_projector(qtbot, demo_window)
    brainstorm_tab(demo_window, tab)
    qtbot.waitUntil(lambda: projector.projection is not None and projector.projection.kind == kind)
    projector.settle()
    assert projector.projection.title in projector.shown_text()


def test_the_funnel_follows_each_keystroke(qtbot, demo_window) -> None:  # type: ignore[no-untyped-def]
    projector = open_projector(qtbot, demo_window)
    tab = brainstorm_tab(demo_window, "Work back")
    edit = tab.ui.revenueEdit
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "12000000")
    shows(qtbot, projector, "12,000,000")
    assert "Total" in projector.shown_text()
    rate = tab.ui.winRateEdit  # a typo shows as a missing figure, never as "nan %" or "1e309 %"
    rate.setFocus()
    rate.selectAll()
    qtbot.keyClicks(rate, "1e309")
    qtbot.waitUntil(lambda: ("Win rate", "—") in projector.projection.facts, timeout=5000)
    projector.settle()
    text = projector.shown_text()
    assert "1e309" not in text
    assert "nan" not in text.lower()
    assert "inf " not in text.lower()


def test_the_switch_marks_what_one_side_did_not_see(qtbot, demo_window) -> None:  # type: ignore[no-untyped-def]
    projector = open_projector(qtbot, demo_window)
    tab = brainstorm_tab(demo_window, "Team switch")
    switch_view = tab.current_switch()
    assert switch_view is not None
    shows(qtbot, projector, tab.pair_name(switch_view))
    text = projector.shown_text()
    assert "● only here" in text
    for item in switch_view.items:
        assert " ".join(item.text.split()) in text.replace("\n", " ") or item.text[:20] in text


def test_a_new_selection_shows_at_once(qtbot, demo_window) -> None:  # type: ignore[no-untyped-def]
    window = demo_window
    window.show_view("plan")
    projector = open_projector(qtbot, window)
    page = window.phase_pages["plan"]
    view = page.ui.objectivesView
    view.setFocus()
    before = projector.projection
    for _ in range(3):
        qtbot.keyClick(view, Qt.Key.Key_Down)
        if page.current_objective() is not None and projector.projection != before:
            break
    qtbot.waitUntil(lambda: projector.projection == window.current_projection())
    shows(qtbot, projector, page.current_objective().statement)


def test_a_long_view_shrinks_to_fit_and_a_short_one_stays_large(qtbot) -> None:  # type: ignore[no-untyped-def]
    projector = ProjectorWindow()
    qtbot.addWidget(projector)
    projector.show()
    projector.set_projection(Projection("chain", "Short", lines=(Line("One line"),)))
    projector.settle()
    assert projector.scale == 1.0
    many = tuple(Line(f"Line {i} of a long chain", depth=i % 3) for i in range(40))
    projector.set_projection(Projection("chain", "Long", lines=many))
    projector.settle()
    assert projector.scale < 1.0


def test_two_screens_ask_which_one_and_a_cancel_opens_nothing(qtbot, demo_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    screen = QGuiApplication.primaryScreen()
    monkeypatch.setattr(QGuiApplication, "screens", staticmethod(lambda: [screen, screen]))
    asked: list[list[str]] = []

    def cancel(parent, title, label, items, current, editable):  # type: ignore[no-untyped-def]
        asked.append(list(items))
        return "", False

    monkeypatch.setattr(projector_module.QInputDialog, "getItem", staticmethod(cancel))
    qtbot.keyClick(demo_window, Qt.Key.Key_F5)
    assert len(asked) == 1
    assert len(asked[0]) == 2
    assert demo_window.projector is None or not demo_window.projector.isVisible()
    assert not demo_window.ui.actionProjector.isChecked()

    def pick(parent, title, label, items, current, editable):  # type: ignore[no-untyped-def]
        return items[current], True

    monkeypatch.setattr(projector_module.QInputDialog, "getItem", staticmethod(pick))
    qtbot.keyClick(demo_window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: demo_window.projector is not None and demo_window.projector.isVisible())
    assert demo_window.projector.isFullScreen()
    assert demo_window.settings.value("projector/screen") == screen.name()
    demo_window.projector.close()


def test_the_timer_shows_large_while_it_runs(qtbot, demo_window) -> None:  # type: ignore[no-untyped-def]
    projector = open_projector(qtbot, demo_window)
    assert projector.timer_label.isHidden()
    demo_window.timer.set_duration(3, "Prepare the switch")
    demo_window.timer.start()
    qtbot.waitUntil(lambda: not projector.timer_label.isHidden())
    assert "Prepare the switch" in projector.shown_text()
    assert "3:00" in projector.shown_text()
    demo_window.timer.reset()
    assert projector.timer_label.isHidden()


# -- the command line -------------------------------------------------------------------------------
def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize("view", ["brainstorm", "plan"])
def test_open_with_the_projector_renders_it(tmp_path: Path, demo_plan_bytes: bytes, view: str) -> None:
    plan = tmp_path / "demo.offsite"
    plan.write_bytes(demo_plan_bytes)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        folder = tmp_path / "home" / variable.lower()
        folder.mkdir(parents=True, exist_ok=True)
        env[variable] = str(folder)
    script = Path(sys.executable).with_name("offsite")
    command = [str(script)] if script.is_file() else [sys.executable, "-m", "offsite.cli"]
    png = tmp_path / f"{view}.png"
    result = subprocess.run(
        [*command, "open", str(plan), "--view", view, "--projector", "--screenshot", str(png)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result
    assert "Traceback" not in result.stderr
    assert _png_size(png) == projector_module.SCREENSHOT_SIZE
    image = QImage(str(png))
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 2  # not blank: text on the white page
    dark = sum(
        image.pixelColor(x, y).lightness() < 80
        for x in range(0, image.width(), 5)
        for y in range(0, image.height(), 5)
    )
    assert dark > 200  # plenty of large dark type
