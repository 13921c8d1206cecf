"""The phase pages the window hosts, and how they are put together: the one place pages meet.

Each page is a module of its own that knows neither the window nor the other pages; what one
page holds of another (Brainstorm's exercises, Buy-in's Definitions and Overlaps tabs, Review's
Check-ins tab, Prepare's agenda) is given to it here, and what a page asks of another goes through the window.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

from offsite.domain.language import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from offsite.gui.document import PlanDocument
    from offsite.gui.page import Page


def build_pages(
    document: PlanDocument,
    keys: Sequence[str],
    *,
    settings: QSettings,
    show_objective: Callable[[int], None],
    import_actuals: Callable[[], None] | None = None,
) -> dict[str, QWidget]:
    """The phase pages ``keys`` for ``document``, new; ``show_objective`` shows one on the Plan page,
    ``import_actuals`` opens File ▸ Import Actuals (the Check-ins tab's button).

    Each phase's modules (and the storage stack under them) load when its page is first built:
    the first screen pays only for itself.

    The tabs' titles stay English here: they are also the tabs' keys (an agenda item names its
    screen as ``brainstorm:Ask why``, kept in the plan); a page shows ``translate("PhaseTabs", title)``.
    """

    def prepare() -> QWidget:
        from offsite.gui.agenda import AgendaPanel
        from offsite.gui.prepare import PreparePage

        return PreparePage(document, AgendaPanel(document))

    def brainstorm() -> QWidget:
        from offsite.gui.brainstorm import BrainstormPage
        from offsite.gui.brainstorm.candidates import CandidatesTab
        from offsite.gui.brainstorm.chains import ChainsTab
        from offsite.gui.brainstorm.switch import SwitchTab
        from offsite.gui.brainstorm.workback import WorkBackTab

        return BrainstormPage(
            document,
            [
                (QT_TRANSLATE_NOOP("PhaseTabs", "Ask why"), ChainsTab(document)),
                (QT_TRANSLATE_NOOP("PhaseTabs", "Work back"), WorkBackTab(document)),
                (QT_TRANSLATE_NOOP("PhaseTabs", "Team switch"), SwitchTab(document)),
                (QT_TRANSLATE_NOOP("PhaseTabs", "Candidates"), CandidatesTab(document)),
            ],
        )

    def plan() -> QWidget:
        from offsite.gui.plan import PlanPage

        return PlanPage(document)

    def agreements() -> QWidget:
        from offsite.gui.agreements import AgreementsPage

        return AgreementsPage(document)

    def buyin() -> QWidget:
        from offsite.gui.buyin import BuyInPage
        from offsite.gui.definitions import DefinitionsTab
        from offsite.gui.overlaps import OverlapsTab

        overlaps = OverlapsTab(document)
        overlaps.objectiveRequested.connect(show_objective)  # Adjust: edit it on the Plan page
        return BuyInPage(document, DefinitionsTab(document), overlaps)

    def signoff() -> QWidget:
        from offsite.gui.signoff import SignoffPage

        return SignoffPage(document, settings)

    def review() -> QWidget:
        from offsite.gui.checkins import CheckInsTab
        from offsite.gui.progress import ProgressPage
        from offsite.gui.quarter import QuarterPage
        from offsite.gui.review import ReviewPage

        # The Review phase's tabs, in the order of the cadence (each week, then the charts, then
        # the quarter's end), before its own Alignment tab (always last).
        checkins = CheckInsTab(document)
        if import_actuals is not None:
            checkins.importRequested.connect(import_actuals)
        review_tabs: list[tuple[str, Page]] = [
            (QT_TRANSLATE_NOOP("PhaseTabs", "Check-ins"), checkins),
            (QT_TRANSLATE_NOOP("PhaseTabs", "Progress"), ProgressPage(document)),
            (QT_TRANSLATE_NOOP("PhaseTabs", "Quarter end"), QuarterPage(document)),
        ]
        return ReviewPage(document, review_tabs)

    makers: dict[str, Callable[[], QWidget]] = {
        "prepare": prepare,
        "brainstorm": brainstorm,
        "plan": plan,
        "agreements": agreements,
        "buyin": buyin,
        "signoff": signoff,
        "review": review,
    }
    return {key: makers[key]() for key in keys}
