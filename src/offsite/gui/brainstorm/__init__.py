"""The Brainstorm phase: one tab per exercise (ask why, work back, team switch) and the candidate pool."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTabWidget, QWidget

from offsite.domain.language import QT_TRANSLATE_NOOP, translate
from offsite.gui.document import PlanDocument
from offsite.gui.fit import keep_wrapped_text_whole
from offsite.gui.forms import Form
from offsite.gui.page import Page
from offsite.gui.projection import Projection

#: The keys of this page for Help ▸ Keyboard shortcuts: (keys, what they do).
KEYS = (
    (
        "Alt+1 … Alt+4",
        QT_TRANSLATE_NOOP(
            "Shortcuts", "Go to Ask why, Work back, Team switch or Candidates (focus in its list)"
        ),
    ),
    ("Ctrl+Tab / Ctrl+Shift+Tab", QT_TRANSLATE_NOOP("Shortcuts", "Next or previous exercise tab")),
)
# The tabs' titles, as the window composes them: English keys of ``BrainstormPage.tabs``, shown
# translated.
TAB_TITLES = (
    QT_TRANSLATE_NOOP("BrainstormPage", "Ask why"),
    QT_TRANSLATE_NOOP("BrainstormPage", "Work back"),
    QT_TRANSLATE_NOOP("BrainstormPage", "Team switch"),
    QT_TRANSLATE_NOOP("BrainstormPage", "Candidates"),
)


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
        keep_wrapped_text_whole(self.ui.pageIntro)  # on a scaled screen the intro takes two lines
        self.tabs = dict(tabs)
        for number, (title, tab) in enumerate(tabs, start=1):
            shown = translate("BrainstormPage", title)
            self.ui.exercises.addTab(tab, shown)
            self.ui.exercises.setTabToolTip(
                number - 1,
                translate("BrainstormPage", "{tab} (Alt+{number})").format(tab=shown, number=number),
            )
            if isinstance(tab, Page):
                tab.projectionChanged.connect(lambda t=tab: self._tab_projection_changed(t))
            QShortcut(
                QKeySequence(f"Alt+{number}"),
                self,
                lambda t=tab: self.go_to_tab(t),
                Qt.ShortcutContext.WindowShortcut,  # from the navigation list too, while this page shows
            )
        self.ui.exercises.currentChanged.connect(lambda _index: self.projectionChanged.emit())

    def go_to_tab(self, tab: QWidget) -> None:
        """Show ``tab`` with the keyboard in its first list, ready for its keys."""
        self.ui.exercises.setCurrentWidget(tab)
        first = getattr(tab, "first_view", None)
        target = first() if callable(first) else None
        if isinstance(target, QWidget) and target.isEnabled():
            target.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
        layout = tab.layout()
        if layout is not None:
            layout.activate()
        views = [v for v in tab.findChildren(QAbstractItemView) if v.isVisible() and v.isEnabled()]
        if views:
            views.sort(
                key=lambda v: (v.mapTo(tab, v.rect().topLeft()).x(), v.mapTo(tab, v.rect().topLeft()).y())
            )
            views[0].setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _tab_projection_changed(self, tab: Page) -> None:
        if self.ui.exercises.currentWidget() is tab:
            self.projectionChanged.emit()

    def projection(self) -> Projection | None:
        """What the current exercise tab projects."""
        tab = self.ui.exercises.currentWidget()
        if not isinstance(tab, Page):
            return None
        tab.ensure_loaded()
        return tab.projection()

    def load(self, document: PlanDocument) -> None:
        """Nothing of its own to show; the tabs load themselves."""

    def make_read_only(self) -> None:
        """Each tab knows best what to lock: a Page tab locks itself (and its own keys)."""
        super().make_read_only()
        for tab in self.tabs.values():
            if isinstance(tab, Page):
                tab.make_read_only()
