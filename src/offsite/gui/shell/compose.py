"""The phase pages the window hosts, and how they are put together: the one place pages meet.

Each page is a module of its own that knows neither the window nor the other pages; what one
page holds of another (Brainstorm's exercises, Buy-in's Definitions and Overlaps tabs, Prepare's
agenda) is given to it here, and what a page asks of another goes through the window.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from offsite.gui.document import PlanDocument


def build_pages(
    document: PlanDocument,
    keys: Sequence[str],
    *,
    settings: QSettings,
    show_objective: Callable[[int], None],
) -> dict[str, QWidget]:
    """The phase pages ``keys`` for ``document``, new; ``show_objective`` shows one on the Plan page."""
    # The phases (and the storage stack under them) load with the first plan, after the
    # window has painted: start-up shows a window as fast as a bare one.
    from offsite.gui.agenda import AgendaPanel
    from offsite.gui.brainstorm import BrainstormPage
    from offsite.gui.brainstorm.candidates import CandidatesTab
    from offsite.gui.brainstorm.chains import ChainsTab
    from offsite.gui.brainstorm.switch import SwitchTab
    from offsite.gui.brainstorm.workback import WorkBackTab
    from offsite.gui.buyin import BuyInPage
    from offsite.gui.definitions import DefinitionsTab
    from offsite.gui.overlaps import OverlapsTab
    from offsite.gui.plan import PlanPage
    from offsite.gui.prepare import PreparePage
    from offsite.gui.review import ReviewPage
    from offsite.gui.signoff import SignoffPage

    def buyin() -> QWidget:
        overlaps = OverlapsTab(document)
        overlaps.objectiveRequested.connect(show_objective)  # Adjust: edit it on the Plan page
        return BuyInPage(document, DefinitionsTab(document), overlaps)

    makers: dict[str, Callable[[], QWidget]] = {
        "prepare": lambda: PreparePage(document, AgendaPanel(document)),
        "brainstorm": lambda: BrainstormPage(
            document,
            [
                ("Ask why", ChainsTab(document)),
                ("Work back", WorkBackTab(document)),
                ("Team switch", SwitchTab(document)),
                ("Candidates", CandidatesTab(document)),
            ],
        ),
        "plan": lambda: PlanPage(document),
        "buyin": buyin,
        "signoff": lambda: SignoffPage(document, settings),
        "review": lambda: ReviewPage(document),
    }
    return {key: makers[key]() for key in keys}
