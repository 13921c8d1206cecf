"""The Brainstorm phase: one tab per exercise (ask why, work back, team switch) and the candidate pool."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTabWidget, QWidget

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

    def make_read_only(self) -> None:
        """Each tab knows best what to lock: a Page tab locks itself (and its own keys)."""
        super().make_read_only()
        for tab in self.tabs.values():
            if isinstance(tab, Page):
                tab.make_read_only()
