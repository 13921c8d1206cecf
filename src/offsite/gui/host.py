"""What the main window offers the features it hosts, and nothing of how it does it.

The drafts actions, the parking lot and the agenda bar hook into the window's menus and status
bar, follow the plan it has open and move between its phases. They see the window through
``Host``, a small interface the shell (``gui.shell``) implements, so none of them imports the
shell and the shell can import them all without a cycle.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QUndoGroup
from PySide6.QtWidgets import QListWidget, QMainWindow, QMenu, QStackedWidget, QStatusBar, QWidget

from offsite.domain.language import QT_TRANSLATE_NOOP, translate
from offsite.gui.forms import Form

if TYPE_CHECKING:
    from offsite.gui.document import PlanDocument
    from offsite.gui.notify import Notifier
    from offsite.gui.room_link import RoomLink
    from offsite.gui.workers import Job, JobThread

#: The phases in the order of an offsite: (view name, title, icon); the view name is what ``--view`` takes.
#: The titles are English here (made before the language is chosen): ``phase_title`` shows them translated.
PHASES = (
    ("prepare", QT_TRANSLATE_NOOP("Phases", "Prepare"), "prepare.svg"),
    ("brainstorm", QT_TRANSLATE_NOOP("Phases", "Brainstorm"), "brainstorm.svg"),
    ("plan", QT_TRANSLATE_NOOP("Phases", "Plan"), "plan.svg"),
    ("agreements", QT_TRANSLATE_NOOP("Phases", "Agreements"), "agreements.svg"),
    ("buyin", QT_TRANSLATE_NOOP("Phases", "Buy-in"), "buyin.svg"),
    ("signoff", QT_TRANSLATE_NOOP("Phases", "Sign-off"), "signoff.svg"),
    ("review", QT_TRANSLATE_NOOP("Phases", "Review"), "review.svg"),
)
VIEW_NAMES = tuple(key for key, _, _ in PHASES)


def phase_title(key: str) -> str:
    """The title of the phase ``key`` as the navigation shows it (“Buy-in” for ``buyin``)."""
    return translate("Phases", next(title for k, title, _ in PHASES if k == key))


class MainWindowForm(Form):
    """The window's menus, actions, navigation and status bar (main_window.ui)."""

    ui_file = "main_window.ui"
    navigation: QListWidget
    pages: QStackedWidget
    statusbar: QStatusBar
    menuFile: QMenu
    menuRecent: QMenu
    menuEdit: QMenu
    menuView: QMenu
    menuTimer: QMenu
    menuHelp: QMenu
    actionNew: QAction
    actionOpen: QAction
    actionSaveAs: QAction
    actionNewDraft: QAction
    actionExportDraftPack: QAction
    actionMergeDrafts: QAction
    actionMergeHistory: QAction
    actionExportPdf: QAction
    actionExportJson: QAction
    actionQuit: QAction
    actionAbout: QAction
    actionProjector: QAction
    actionTimerStart: QAction
    actionTimerAddMinute: QAction
    actionTimerReset: QAction
    actionShortcuts: QAction


class Host(QMainWindow):
    """The main window as its features see it: its form, the plan open in it, its notices and phases."""

    ui: MainWindowForm
    settings: QSettings
    #: The plan open in the window, or None before one is opened.
    document: PlanDocument | None
    #: Every confirmation and problem goes here (toasts over the window).
    notifier: Notifier
    #: The open plan's undo stack is its active one: its change says a plan was opened or closed.
    undo_group: QUndoGroup
    #: The phase pages by view name; looking one up builds it.
    phase_pages: dict[str, QWidget]
    #: The room the plan in the window is shared in (``gui.room_link``), or None.
    room_link: RoomLink | None

    def show_view(self, key: str) -> None:
        """Show the phase ``key`` (one of ``VIEW_NAMES``)."""
        raise NotImplementedError

    def current_view(self) -> str:
        """The view name of the phase on screen."""
        raise NotImplementedError

    def open_path(self, path: Path, *, readonly: bool = False, ask: bool = True) -> bool:
        """Open the plan at ``path`` in this window; False (with a message shown) when it cannot be."""
        raise NotImplementedError

    def run_job(
        self,
        label: str,
        job: Job,
        succeeded: Callable[[str], None] | None = None,
        *,
        cancelled: str = "",
    ) -> JobThread | None:
        """Run ``job`` on a worker thread with a cancellable progress dialog labelled ``label``.

        ``cancelled`` is what the window says when the leader cancels it ("" says nothing was written).
        """
        raise NotImplementedError
