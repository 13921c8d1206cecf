"""The Brainstorm phase: one tab per exercise (ask why, work back, team switch) and the candidate pool."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from offsite.gui.document import PlanDocument
from offsite.gui.forms import Form
from offsite.gui.page import Page


class BrainstormForm(Form):
    ui_file = "brainstorm_page.ui"
    pageTitle: QLabel
    pageIntro: QLabel
    exercises: QTabWidget


class BrainstormPage(Page):
    """A container: each tab is a Page of its own, reloading when what it shows changes."""

    def __init__(self, document: PlanDocument, tabs: list[tuple[str, QWidget]]) -> None:
        super().__init__(document)
        self.ui = BrainstormForm.setup(self)
        self.tabs = dict(tabs)
        for title, tab in tabs:
            self.ui.exercises.addTab(tab, title)

    def load(self, document: PlanDocument) -> None:
        """Nothing of its own to show; the tabs load themselves."""


class UpcomingExercise(QWidget):
    """An exercise still to come: what it will hold, in a sentence, and nothing to click."""

    def __init__(self, text: str) -> None:
        super().__init__()
        label = QLabel(text)
        label.setObjectName("upcomingLabel")
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 16, 4, 4)
        layout.addWidget(label)
        layout.addStretch(1)


WORK_BACK_SOON = (
    "<b>Work back from company goals</b> comes in the next version of Offsite: a company goal broken "
    "into team goals, and the reverse funnel — revenue to deals, opportunities, SQLs, MQLs and leads, "
    "per quarter — recomputed as you type. Its figures will become candidates for their teams."
)
TEAM_SWITCH_SOON = (
    "<b>Team switch</b> comes in the next version of Offsite: Marketing plays Sales and Sales plays "
    "Marketing, each presenting the other team's goals and plan, then both versions side by side with "
    "what each side had not seen."
)
