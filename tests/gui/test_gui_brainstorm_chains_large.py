"""The "Ask why" tab on a large brainstorm: theme suggestions found on a worker while the chains stay
usable, and listed fifty at a time."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMainWindow

from offsite.gui.app import make_application
from offsite.gui.brainstorm import BrainstormPage, chains
from offsite.gui.brainstorm.chains import (
    FINDING_SUGGESTIONS,
    SUGGEST_AT_ONCE,
    SUGGESTIONS_AT_FIRST,
    ChainsTab,
)
from offsite.gui.document import PlanDocument
from offsite.services.brainstorm import add_why_node
from offsite.services.plans import create_plan, open_plan
from offsite.services.prepare import add_team

ANSWERS = 160  # per team: two teams make more than SUGGEST_AT_ONCE answers
WORDS = 40


def word(n: int) -> str:
    syllables = ("ba", "ke", "li", "mo", "nu", "pa", "re", "si")
    return "".join(syllables[(n >> shift) & 7] for shift in (0, 3, 6))


@pytest.fixture(scope="module")
def large_brainstorm(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """Two teams' chains of 160 answers each; answer i of either team reads "word(i) word(i + 1)",
    so each answer meets four of the other team's: 640 suggestions."""
    path = tmp_path_factory.mktemp("chains") / "large.offsite"
    plan = create_plan(path, "Chains")
    for name in ("Sales", "Marketing"):
        team = add_team(plan, name).id
        start = add_why_node(plan, team, f"{name} exists to grow revenue").id
        for n in range(ANSWERS):
            add_why_node(plan, team, f"To {word(n % WORDS)} {word((n + 1) % WORDS)}", start)
    plan.close()
    assert 2 * ANSWERS > SUGGEST_AT_ONCE
    return path.read_bytes()


def test_a_large_brainstorm_gets_its_suggestions_on_a_worker_fifty_at_a_time(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, large_brainstorm: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    go = threading.Event()
    suggest = chains._suggest

    def held(asked):  # type: ignore[no-untyped-def]
        assert threading.current_thread() is not threading.main_thread()  # never on the UI thread
        go.wait(timeout=60)
        return suggest(asked)

    monkeypatch.setattr(chains, "_suggest", held)
    path = tmp_path / "large.offsite"
    path.write_bytes(large_brainstorm)
    make_application([])
    document = PlanDocument(open_plan(path))
    tab = ChainsTab(document)
    window = QMainWindow()
    window.setCentralWidget(BrainstormPage(document, [("Ask why", tab)]))
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    listing = tab.ui.suggestionsList
    # While the worker looks, the list says so and the chains answer the keyboard.
    assert [listing.item(r).text() for r in range(listing.count())] == [FINDING_SUGGESTIONS]
    assert not tab.ui.acceptButton.isEnabled()
    sales = next(iter(tab.columns.values()))
    sales.view.setFocus()
    sales.view.setCurrentIndex(sales.model.index(0, 0))
    qtbot.keyClick(sales.view, Qt.Key.Key_Down)
    assert sales.current_node() is not None
    assert sales.current_node().depth == 1

    go.set()
    qtbot.waitUntil(lambda: listing.count() > 1, timeout=60_000)
    assert len(tab.suggestions) == 4 * ANSWERS
    assert listing.count() == SUGGESTIONS_AT_FIRST + 1
    more = listing.item(SUGGESTIONS_AT_FIRST)
    rest = 4 * ANSWERS - SUGGESTIONS_AT_FIRST
    assert more.text() == f"Show {SUGGESTIONS_AT_FIRST} more ({rest:,} not listed yet)…"
    assert tab.current_suggestion() is not None
    assert tab.ui.acceptButton.isEnabled()
    # Enter on the last line lists fifty more and selects the first of them.
    listing.setFocus()
    listing.setCurrentRow(SUGGESTIONS_AT_FIRST)
    assert tab.current_suggestion() is None
    qtbot.keyClick(listing, Qt.Key.Key_Return)
    assert listing.count() == 2 * SUGGESTIONS_AT_FIRST + 1
    assert listing.currentRow() == SUGGESTIONS_AT_FIRST
    assert tab.current_suggestion() is tab.suggestions[SUGGESTIONS_AT_FIRST]
    window.close()
    document.close()
    QApplication.processEvents()
