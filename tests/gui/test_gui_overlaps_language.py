"""Buy-in ▸ Overlaps in German: the groups are headed, keyed and explained in the room's language."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from offsite.domain import language
from offsite.gui.overlaps import GOALS_SENTENCE

GERMAN = {
    ("OverlapsTab", "Serving one company goal"): "Gemeinsam verfolgt",
    ("OverlapsTab", "{heading} · {goals}, nothing to settle"): "{heading} · {goals}, nichts offen",
    ("OverlapsTab", "{count} goal"): "{count} Unternehmensziel",
    ("OverlapsTab", GOALS_SENTENCE): "Ziele verschiedener Teams, die demselben Unternehmensziel dienen.",
    ("OverlapRules", "Known conflict"): "Bekannter Konflikt",
    ("OverlapsTab", "{rule} · {findings}, {open} open"): "{rule} · {findings}, {open} offen",
    ("OverlapsTab", "{count} finding"): "{count} Befund",
}


@pytest.fixture
def german() -> Iterator[None]:
    language.use(lambda context, text, _disambiguation: GERMAN.get((context, text), ""), "de")
    try:
        yield
    finally:
        language.use(None)


def test_a_german_room_reads_the_groups_and_the_goal_served_together_in_german(  # type: ignore[no-untyped-def]
    german, qtbot, make_window, tmp_path: Path, demo_plan_bytes: bytes
) -> None:
    path = tmp_path / "demo.offsite"
    path.write_bytes(demo_plan_bytes)
    window = make_window()
    assert window.open_path(path)
    window.show_view("buyin")
    page = window.phase_pages["buyin"]
    page.ui.matrixView.setFocus()
    qtbot.keyClick(page.ui.matrixView, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    tab = page.overlaps
    headings = [tab.tree.item(row, 0).text() for row in range(tab.tree.rowCount())]
    assert headings[0] == "Bekannter Konflikt · 1 Befund, 1 offen"
    assert headings[-1] == "Gemeinsam verfolgt · 1 Unternehmensziel, nichts offen"
    # The goals' heading, selected, explains itself in German: its German title is its key.
    goals = tab.tree.item(tab.tree.rowCount() - 1, 0)
    tab.ui.findingsView.setCurrentIndex(goals.index())
    assert "<b>Gemeinsam verfolgt</b>" in tab.ui.ruleLabel.text()
    assert "demselben Unternehmensziel dienen." in tab.ui.ruleLabel.text()
    # So does the goal itself (Down to it, as a facilitator would).
    qtbot.keyClick(tab.ui.findingsView, Qt.Key.Key_Down)
    assert tab.current_entry() is not None
    assert "<b>Gemeinsam verfolgt</b>" in tab.ui.ruleLabel.text()
