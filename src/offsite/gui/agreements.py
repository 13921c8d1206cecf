"""Agreements: what sales and marketing leaders settle beyond their objectives, built together in the
room from the keyboard: the customer journey, hand-offs, decision rights, incentives, joint practices.

Five tabs (Alt+1 … Alt+5), one per ``AgreementKind``, each a table of that kind's ``FIELDS`` that
edits in place as the Definitions glossary does (type to edit, Insert or Ctrl+Shift+E adds a row,
Delete removes, Escape on a new row takes it back, Alt+Up / Alt+Down move), and under it the buy-in
matrix for its agreements × leaders (``stances.StanceMatrix``: one key per stance). The journey tab
draws the journey as a swimlane beside its table; the decision rights tab holds the business model;
the incentives tab warns of an incentive no shared objective asks for, in the words of
``incentive_warning``. Every edit is one service verb in one undo step.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QTabWidget, QWidget

from offsite.domain.agreements import AgreementKind
from offsite.domain.language import QT_TRANSLATE_NOOP, translate
from offsite.domain.values import Kind, Stance
from offsite.gui.agreements_tab import ADD_KEY, SWITCH_KEY, AgreementsTab, AgreementsTabForm
from offsite.gui.document import PlanDocument
from offsite.gui.fit import keep_wrapped_text_whole
from offsite.gui.forms import Form
from offsite.gui.keys import shortcut
from offsite.gui.page import Page
from offsite.gui.stances import STANCE_KEYS
from offsite.gui.theme import tone

if TYPE_CHECKING:
    from offsite.gui.projection import Projection

__all__ = ["KEYS", "AgreementsForm", "AgreementsPage", "AgreementsTab", "AgreementsTabForm"]

#: The tabs in the order a facilitator takes them (the order of ``AgreementKind``).
KINDS = tuple(AgreementKind)

#: What a stance's key does in a matrix, for Help ▸ Keyboard shortcuts.
_RECORDS = {
    Stance.AGREED: QT_TRANSLATE_NOOP("Shortcuts", "In a matrix: record “Agreed”"),
    Stance.DISCUSSING: QT_TRANSLATE_NOOP("Shortcuts", "In a matrix: record “Discussing”"),
    Stance.CHANGES_REQUESTED: QT_TRANSLATE_NOOP("Shortcuts", "In a matrix: record “Changes requested”"),
    Stance.DECLINED: QT_TRANSLATE_NOOP("Shortcuts", "In a matrix: record “Declined”"),
    Stance.PENDING: QT_TRANSLATE_NOOP("Shortcuts", "In a matrix: record “Pending”"),
}

#: The keys of this page for Help ▸ Keyboard shortcuts: (keys, what they do); what they do is
#: marked for the catalogue in the context "Shortcuts", where Help translates it.
KEYS = (
    (
        "Alt+1 … Alt+5",
        QT_TRANSLATE_NOOP(
            "Shortcuts", "Go to Customer journey, Hand-offs, Decision rights, Incentives or Joint practices"
        ),
    ),
    (
        f"Insert / {ADD_KEY}",
        QT_TRANSLATE_NOOP("Shortcuts", "Add a row to the table, its first cell open for typing"),
    ),
    (
        "Delete",
        QT_TRANSLATE_NOOP(
            "Shortcuts", "In a table: remove the selected row (undo brings it back with its buy-in)"
        ),
    ),
    ("Escape", QT_TRANSLATE_NOOP("Shortcuts", "In a new row's first cell: take the row back")),
    ("Alt+Up / Alt+Down", QT_TRANSLATE_NOOP("Shortcuts", "In a table: move the selected row up or down")),
    (
        "Enter",
        QT_TRANSLATE_NOOP(
            "Shortcuts", "On an empty journey or decision rights table: start from the usual set"
        ),
    ),
    (SWITCH_KEY, QT_TRANSLATE_NOOP("Shortcuts", "From the table to the buy-in matrix, and back")),
    ("Alt+O / Alt+W", QT_TRANSLATE_NOOP("Shortcuts", "Decision rights: the business model, and why")),
    *((QKeySequence(key.value).toString(), _RECORDS[stance]) for key, stance in STANCE_KEYS.items()),
    (
        "Enter",
        QT_TRANSLATE_NOOP(
            "Shortcuts", "In a matrix: type a comment, then Enter records it with the stance the cell shows"
        ),
    ),
)


class AgreementsForm(Form):
    ui_file = "agreements_page.ui"
    pageTitle: QLabel
    pageIntro: QLabel
    lockedLabel: QLabel
    tabs: QTabWidget


class AgreementsPage(Page):
    """The five kinds of agreement as tabs, Alt+1 … Alt+5; the projector shows the tab on screen."""

    shows = frozenset({Kind.PLAN})

    def __init__(self, document: PlanDocument) -> None:
        super().__init__(document)
        self.ui = ui = AgreementsForm.setup(self)
        keep_wrapped_text_whole(ui.pageIntro, ui.lockedLabel)
        self.tab_pages: dict[AgreementKind, AgreementsTab] = {}
        self._tab_keys = []
        for number, kind in enumerate(KINDS, start=1):
            tab = AgreementsTab(document, kind)
            self.tab_pages[kind] = tab
            ui.tabs.addTab(tab, kind.shown_heading)
            ui.tabs.setTabToolTip(number - 1, f"{kind.shown_heading} (Alt+{number})")
            tab.projectionChanged.connect(lambda t=tab: self._tab_projection_changed(t))
            self._tab_keys.append(shortcut(QKeySequence(f"Alt+{number}"), self, partial(self.go_to_tab, tab)))
        #: The tabs by name, for an agenda item or ``--view agreements:<tab>``.
        self.tabs: dict[str, QWidget] = {kind.heading: tab for kind, tab in self.tab_pages.items()}
        self._add_key = shortcut(QKeySequence(ADD_KEY), self, self._add_on_current_tab)
        ui.tabs.currentChanged.connect(lambda _index: self.projectionChanged.emit())

    def current_tab(self) -> AgreementsTab:
        tab = self.ui.tabs.currentWidget()
        assert isinstance(tab, AgreementsTab)
        return tab

    def go_to_tab(self, tab: QWidget) -> None:
        """Show ``tab`` with the keyboard in its table (or on its starter offer)."""
        self.ui.tabs.setCurrentWidget(tab)
        if isinstance(tab, AgreementsTab):
            tab.first_focus().setFocus(Qt.FocusReason.ShortcutFocusReason)

    def first_focus(self) -> QWidget:
        return self.current_tab().first_focus()

    def _add_on_current_tab(self) -> None:
        self.current_tab().add_row()

    def _tab_projection_changed(self, tab: AgreementsTab) -> None:
        if self.ui.tabs.currentWidget() is tab:
            self.projectionChanged.emit()

    def load(self, document: PlanDocument) -> None:
        """The page's own part is the read-only note; each tab loads its kind when shown."""

    def projection(self) -> Projection | None:
        tab = self.current_tab()
        tab.ensure_loaded()
        return tab.projection()

    def make_read_only(self) -> None:
        super().make_read_only()
        for tab in self.tab_pages.values():
            tab.make_read_only()
        for tab_key in self._tab_keys:  # going from tab to tab changes nothing
            tab_key.setEnabled(True)
        signed = self.document.plan.locked_version() is not None
        if signed:
            note = translate(
                "AgreementsPage",
                "<b>Read-only:</b> these agreements are part of the signed plan. Re-open it on the "
                "Sign-off screen to change them.",
            )
        else:
            note = translate(
                "AgreementsPage",
                "<b>Read-only:</b> this plan is open read-only here, so its agreements cannot be changed.",
            )
        self.ui.lockedLabel.setText(f"<span style='color:{tone('advice')}'>{note}</span>")
        self.ui.lockedLabel.show()
