"""Files dropped on the window: each goes to the flow its File menu item runs, with that flow's preview.

- a plan (``.offsite``): opened; over another plan, after asking (the plan that closes is named);
- a leader's draft or draft pack (a ``.offsite`` whose draft marking says so), one or several:
  File ▸ Merge Drafts' preview, on the plan open in the window;
- an Offsite JSON file: File ▸ Import Plan (a new plan, saved where the user says, then opened);
- check-ins as CSV or XLSX: File ▸ Import Actuals' mapping and preview, onto the plan open.

Anything else (a folder, a PDF, a pipe, a file that is not what its name says, files of mixed kinds)
is refused in one sentence saying what can be dropped, and nothing changes. While files are dragged
over the window a hint over the pages says what a drop would do ("Drop to merge Maya Okafor’s
draft") or, for files Offsite cannot take, the refusal; the drop is offered only for files Offsite
takes. Qt delivers no drop to a window that refused the drag, only its leaving: the refusal is said
again then, as a toast, so it outlasts the hint for whoever let go.

What a file is comes from its first bytes (and a plan's draft marking), read while it is dragged:
a few milliseconds a file. The flow runs once the drop has returned to the desktop: a dialog
opened inside the drop would hold the file manager's drag until it is answered.
"""

from __future__ import annotations

import html
import logging
import os
import re
import stat
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QPainter,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from offsite.domain.errors import OffsiteError, PlanTooNewError
from offsite.domain.formatting import format_number
from offsite.domain.language import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:
    from PySide6.QtCore import QMimeData
    from PySide6.QtGui import QPaintEvent

    from offsite.services.draft_marking import DraftInfo

log = logging.getLogger(__name__)

PLAN, DRAFT, JSON, TABLE = "plan", "draft", "json", "table"
#: What File ▸ Import Actuals reads (its file dialog's filter): text tables and workbooks.
TABLE_SUFFIXES = frozenset({".csv", ".tsv", ".txt", ".xlsx"})
#: The interchange document's ``format`` (``offsite.exchange.interchange.FORMAT``; the test holds them
#: equal). Named here because loading the interchange takes over half a second: too long for a drag.
JSON_FORMAT = "offsite-plan"
_JSON_MARK = re.compile(rb'"format"\s*:\s*"' + JSON_FORMAT.encode() + rb'"')
#: How much of a file is read to tell what it is; an export names its format in its first line.
HEAD_BYTES = 64 * 1024
_ZIP = b"PK\x03\x04"
_UTF16 = (b"\xff\xfe", b"\xfe\xff")
_NOT_TEXT = (b"\xd0\xcf\x11\xe0", b"%PDF", b"SQLite format 3\x00")
#: More files than any merge takes are refused unread: reading them would stall the drag.
MAX_FILES = 50
#: Every refusal ends by saying what can be dropped.
WHAT_CAN_BE_DROPPED = QT_TRANSLATE_NOOP(
    "FileDrops",
    "drop a plan or a leader’s draft (.offsite), a plan in Offsite JSON, or check-ins as CSV or XLSX",
)
#: Why a file is not taken: a whole sentence (made here, translated where shown), ``{file}`` the
#: file's name in quotes, ``{what}`` what can be dropped.
CANNOT_BE_READ = QT_TRANSLATE_NOOP("FileDrops", "{file} cannot be read: {what}.")
IS_A_FOLDER = QT_TRANSLATE_NOOP("FileDrops", "{file} is a folder: {what}.")
NOT_REGULAR = QT_TRANSLATE_NOOP("FileDrops", "{file} is not a regular file: {what}.")
NOT_TAKEN = QT_TRANSLATE_NOOP("FileDrops", "{file} is not a file Offsite takes: {what}.")
NOT_JSON_PLAN = QT_TRANSLATE_NOOP("FileDrops", "{file} is not a plan in Offsite JSON: {what}.")
NOT_SPREADSHEET = QT_TRANSLATE_NOOP("FileDrops", "{file} is not a spreadsheet: {what}.")
NOT_PLAN = QT_TRANSLATE_NOOP("FileDrops", "{file} is not an Offsite plan: {what}.")


def what_can_be_dropped() -> str:
    """What can be dropped, in the leader's language (every refusal ends with it)."""
    return translate("FileDrops", WHAT_CAN_BE_DROPPED)


# -- what a dropped file is (no Qt) ------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class DroppedFile:
    """One dropped file: its ``kind`` (PLAN, DRAFT, JSON, TABLE), or None and ``why`` not (one of
    the sentences above, untranslated)."""

    path: Path
    kind: str | None
    why: str = ""
    #: Whose draft it is, for a DRAFT.
    draft: DraftInfo | None = None


def read_dropped(path: Path) -> DroppedFile:
    """What the file at ``path`` is, judged by its suffix and then its first bytes; never opens a pipe."""
    try:
        status = os.stat(path)
    except OSError:
        return DroppedFile(path, None, CANNOT_BE_READ)
    if stat.S_ISDIR(status.st_mode):
        return DroppedFile(path, None, IS_A_FOLDER)
    if not stat.S_ISREG(status.st_mode):
        return DroppedFile(path, None, NOT_REGULAR)
    suffix = path.suffix.lower()
    if suffix == ".offsite":
        return _read_plan(path)
    if suffix not in TABLE_SUFFIXES | {".json"}:
        return DroppedFile(path, None, NOT_TAKEN)
    try:
        with open(path, "rb") as handle:
            head = handle.read(HEAD_BYTES)
    except OSError:
        return DroppedFile(path, None, CANNOT_BE_READ)
    if suffix == ".json":
        if _JSON_MARK.search(head):
            return DroppedFile(path, JSON)
        return DroppedFile(path, None, NOT_JSON_PLAN)
    # A table is read by its bytes, whatever its name (exchange.actuals.reading): a zip is a workbook.
    if head.startswith(_ZIP):
        return DroppedFile(path, TABLE)
    binary = head.startswith(_NOT_TEXT) or (b"\x00" in head and not head.startswith(_UTF16))
    if suffix == ".xlsx" or binary:
        return DroppedFile(path, None, NOT_SPREADSHEET)
    return DroppedFile(path, TABLE)


def _read_plan(path: Path) -> DroppedFile:
    """A plan, or a leader's draft as its marking says; a file that is no plan is refused here."""
    from offsite.services.draft_marking import read_draft_info
    from offsite.services.plans import open_plan

    try:
        plan = open_plan(path, readonly=True, check_integrity=False)
    except PlanTooNewError:
        return DroppedFile(path, PLAN)  # opening it says to update Offsite
    except OffsiteError:
        return DroppedFile(path, None, NOT_PLAN)
    try:
        info = read_draft_info(plan)
    except OffsiteError:
        info = None  # a damaged plan: opening it says so
    finally:
        plan.close()
    return DroppedFile(path, DRAFT, draft=info) if info is not None else DroppedFile(path, PLAN)


@dataclass(frozen=True, slots=True)
class WindowState:
    """What a drop depends on in the window: the plan open (its path and title), and whether it takes drafts."""

    path: Path | None = None
    title: str = ""
    is_draft: bool = False
    readonly: bool = False


@dataclass(frozen=True, slots=True)
class Drop:
    """What a drop of some files does: ``action`` on ``files``, or (``action`` None) a refusal.

    ``words`` is what the hint says while they are dragged (the refusal's sentence for a refusal);
    ``detail`` a second, smaller line.
    """

    action: str | None
    words: str
    detail: str = ""
    files: tuple[DroppedFile, ...] = ()

    @property
    def paths(self) -> list[Path]:
        return [file.path for file in self.files]


OPEN, REPLACE, MERGE, IMPORT_PLAN, IMPORT_ACTUALS = (
    "open",
    "replace",
    "merge",
    "import plan",
    "import actuals",
)


def refusal(text: str) -> Drop:
    """A drop that changes nothing; ``text`` is one sentence."""
    return Drop(None, text)


def quoted(path: Path) -> str:
    return f"“{path.name}”"


def decide(files: list[DroppedFile], window: WindowState) -> Drop:
    """What dropping ``files`` on a window in ``window``'s state does; always one sentence to show."""
    if not files:
        return refusal(
            translate("FileDrops", "Nothing to open here: {what}.").format(what=what_can_be_dropped())
        )
    other = next((file for file in files if file.kind is None), None)
    if other is not None:
        return refusal(
            translate("FileDrops", other.why).format(file=quoted(other.path), what=what_can_be_dropped())
        )
    kinds = {file.kind for file in files}
    if len(kinds) > 1:
        return refusal(
            translate("FileDrops", "These files are of different kinds: {what}, one kind at a time.").format(
                what=what_can_be_dropped()
            )
        )
    kind, first = kinds.pop(), files[0]
    if kind == DRAFT:
        return _drafts(files, window)
    if len(files) > 1:
        return refusal(
            {
                PLAN: translate("FileDrops", "Drop one plan at a time: a window shows one plan."),
                JSON: translate("FileDrops", "Drop one JSON file at a time: each becomes a plan of its own."),
                TABLE: translate(
                    "FileDrops", "Drop one file of check-ins at a time: the import previews one file."
                ),
            }[str(kind)]
        )
    if kind == PLAN:
        return _plan(first, window)
    if kind == JSON:
        return Drop(
            IMPORT_PLAN,
            translate("FileDrops", "Drop to make a new plan from {file}").format(file=quoted(first.path)),
            translate("FileDrops", "You choose where it is saved; then it opens here."),
            (first,),
        )
    if window.path is None:
        return refusal(
            translate(
                "FileDrops", "Open a plan first: the check-ins in {file} go into the plan open here."
            ).format(file=quoted(first.path))
        )
    return Drop(
        IMPORT_ACTUALS,
        translate("FileDrops", "Drop to import check-ins from {file}").format(file=quoted(first.path)),
        translate("FileDrops", "Into “{plan}”, after a preview of what it writes.").format(plan=window.title),
        (first,),
    )


def _plan(file: DroppedFile, window: WindowState) -> Drop:
    """One plan (or one draft not to be merged): opened, in place of the plan open after asking."""
    name = file.draft.label if file.draft is not None else quoted(file.path)
    if window.path is None:
        return Drop(OPEN, translate("FileDrops", "Drop to open {file}").format(file=name), files=(file,))
    if _same(file.path, window.path):
        return refusal(
            translate("FileDrops", "{file} is the plan open in this window already.").format(
                file=quoted(file.path)
            )
        )
    return Drop(
        REPLACE,
        translate("FileDrops", "Drop to open {file} in place of “{plan}”").format(
            file=name, plan=window.title
        ),
        translate("FileDrops", "“{plan}” closes; every change to it is already saved.").format(
            plan=window.title
        ),
        (file,),
    )


def _drafts(files: list[DroppedFile], window: WindowState) -> Drop:
    """Leaders' drafts: merged into the plan open, with the preview first; one alone opens elsewhere."""
    if window.path is not None and not window.is_draft and not window.readonly:
        from offsite.gui.draft_words import whose_draft

        names = [file.draft.leader_name for file in files if file.draft is not None]
        if len(names) == 1:
            words = translate("FileDrops", "Drop to merge {draft}").format(draft=whose_draft(names[0]))
        else:
            words = translate("FileDrops", "Drop to merge the drafts of {leaders} and {last}").format(
                leaders=", ".join(names[:-1]), last=names[-1]
            )
        return Drop(
            MERGE,
            words,
            translate(
                "FileDrops",
                "Into “{plan}”; a preview shows what each adds or changes before anything is merged.",
            ).format(plan=window.title),
            tuple(files),
        )
    if window.readonly and not window.is_draft:
        return refusal(
            translate("FileDrops", "This plan is open read-only: merge drafts where it is open for editing.")
        )
    if len(files) == 1:
        return _plan(files[0], window)
    if window.path is None:
        return refusal(
            translate(
                "FileDrops", "Open the plan first, then drop the drafts on it: they merge into that plan."
            )
        )
    return refusal(
        translate(
            "FileDrops",
            "“{plan}” is itself a draft: open the plan, then drop the drafts on it to merge them.",
        ).format(plan=window.title)
    )


def _same(one: Path, other: Path) -> bool:
    try:
        return one.resolve() == other.resolve() or one.samefile(other)
    except OSError:
        return False


def dropped_paths(mime: QMimeData) -> list[Path] | None:
    """The local files ``mime`` carries; None when it carries no URL at all (text being dragged)."""
    if not mime.hasUrls():
        return None
    # A web address is no file here: its name alone, which cannot be read, is refused by name.
    return [Path(url.toLocalFile()) if url.isLocalFile() else Path(url.fileName()) for url in mime.urls()]


# -- the hint over the pages while files are dragged --------------------------------------------------
class DropHint(QWidget):
    """A wash over the pages with what a drop would do, in a card at its middle; mouse and keys pass by."""

    #: The card's width: a sentence in two or three lines, never wider than the pages allow.
    CARD_WIDTH = 520

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("dropHint")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.accepting = True
        self.words = ""
        self.card = QFrame(self)
        self.card.setObjectName("dropHintCard")
        # A refusal carries the platform's warning sign, as a refused step's toast does.
        self.sign = QLabel(self.card)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_LargeIconSize)
        self.sign.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size)
        )
        self.label = QLabel(self.card)
        self.label.setObjectName("dropHintText")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        row = QHBoxLayout(self.card)
        row.setContentsMargins(24, 16, 24, 16)
        row.setSpacing(16)
        row.addWidget(self.sign, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.label, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.card, 0, Qt.AlignmentFlag.AlignCenter)
        self.hide()

    def show_drop(self, drop: Drop, over: QWidget) -> None:
        """Say ``drop``'s words over ``over`` (the window's pages)."""
        self.accepting = drop.action is not None
        self.words = drop.words
        detail = f"<p style='font-size: 13px'>{html.escape(drop.detail)}</p>" if drop.detail else ""
        self.label.setText(f"<p style='font-size: 18px'>{html.escape(drop.words)}</p>{detail}")
        self.label.setAccessibleName(drop.words)
        self.sign.setVisible(not self.accepting)
        accent = "palette(highlight)" if self.accepting else "palette(mid)"
        self.card.setStyleSheet(
            "QFrame#dropHintCard { background: palette(base); border: 1px solid palette(mid); "
            f"border-left: 4px solid {accent}; border-radius: 6px; }}"
            "QLabel#dropHintText { color: palette(text); }"
        )
        self.card.setFixedWidth(min(self.CARD_WIDTH, max(over.width() - 80, 200)))
        self.setGeometry(over.geometry())
        self.show()
        self.raise_()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        role = QPalette.ColorRole.Highlight if self.accepting else QPalette.ColorRole.Mid
        accent = self.palette().color(role)
        wash = QColor(accent)
        wash.setAlpha(36 if self.accepting else 20)
        painter.setBrush(wash)
        pen = QPen(accent, 3, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawRoundedRect(self.rect().adjusted(6, 6, -6, -6), 12, 12)


# -- the window's side ---------------------------------------------------------------------------------
class FileDrops(QObject):
    """Files dragged over and dropped on one main window: the hint, and the flow each drop starts."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        #: The main window (gui.shell.window.MainWindow, which builds this: naming its class here
        #: would make the two modules import each other): its flows, document and notifier.
        self.main: Any = window
        self.hint = DropHint(window)
        #: The question a plan dropped over another asks, while it is open (a test answers it).
        self.question: QMessageBox | None = None
        #: The files being dragged and what their drop would do, read once as the drag enters.
        self._dragged: tuple[tuple[Path, ...], Drop] | None = None
        window.setAcceptDrops(True)

    def state(self) -> WindowState:
        document = self.main.document
        if document is None:
            return WindowState()
        info = self.main.drafts.info
        title = (
            info.label if info is not None else document.outline().details.title or document.plan.path.stem
        )
        return WindowState(document.plan.path, title, info is not None, document.readonly)

    def _drop_of(self, paths: list[Path]) -> Drop:
        key = tuple(paths)
        if self._dragged is not None and self._dragged[0] == key:
            return self._dragged[1]
        if len(paths) > MAX_FILES:
            drop = refusal(
                translate("FileDrops", "That is {count} files; {what}.").format(
                    count=format_number(len(paths)), what=what_can_be_dropped()
                )
            )
        else:
            drop = decide([read_dropped(path) for path in paths], self.state())
        self._dragged = (key, drop)
        return drop

    # -- the events the window hands over --------------------------------------------------------
    def enter(self, event: QDragEnterEvent) -> None:
        """Files came over the window: say what their drop would do; offer the drop only if it does something."""
        self._dragged = None  # read again: the files, or the plan open, may have changed since
        self.move(event)

    def move(self, event: QDragMoveEvent) -> None:
        paths = dropped_paths(event.mimeData())
        if paths is None:
            event.ignore()
            return
        drop = self._drop_of(paths)
        pages = self.main.centralWidget()
        if pages is not None:
            self.hint.show_drop(drop, pages)
        if drop.action is None:
            event.ignore()
        else:
            event.acceptProposedAction()

    def leave(self, _event: QDragLeaveEvent) -> None:
        """The files left, or were let go where they are refused (Qt delivers no drop then): a refusal
        stays said a few seconds after its hint goes, for whoever let go."""
        self.hint.hide()
        dragged, self._dragged = self._dragged, None
        if dragged is not None and dragged[1].action is None:
            self._refuse(dragged[1])

    def _refuse(self, drop: Drop) -> None:
        log.info("drop refused: %s", drop.words)
        self.main.notifier.problem(drop.words)

    def drop(self, event: QDropEvent) -> None:
        """Run the drop's flow once the desktop has its drag back; a refusal is said, and nothing changes."""
        paths = dropped_paths(event.mimeData())
        self.hint.hide()
        if paths is None:
            event.ignore()
            return
        drop = self._drop_of(paths)
        self._dragged = None
        if drop.action is None:
            event.ignore()
            self._refuse(drop)
            return
        event.acceptProposedAction()
        QTimer.singleShot(0, self, partial(self.take, drop))

    # -- the flows -------------------------------------------------------------------------------
    def take(self, drop: Drop) -> None:
        """Start the flow of ``drop`` (its File menu item's, past the choice of the file)."""
        log.info("dropped %s: %s", ", ".join(str(p) for p in drop.paths), drop.action)
        path = drop.paths[0]
        if drop.action == OPEN:
            self.main.open_path(path)
        elif drop.action == REPLACE:
            self._ask_to_replace(drop)
        elif drop.action == MERGE:
            self.main.drafts.preview_drafts(drop.paths)
        elif drop.action == IMPORT_PLAN:
            self.main.import_plan_from(path)
        elif drop.action == IMPORT_ACTUALS:
            self.main.import_actuals.start(path)

    def _ask_to_replace(self, drop: Drop) -> None:
        """Ask before the plan open closes for the one dropped (window-modal: the flow goes on in a slot)."""
        file = drop.files[0]
        title = self.state().title
        name = file.draft.label if file.draft is not None else quoted(file.path)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Offsite",
            translate("FileDrops", "Open {file} in place of “{plan}”?").format(file=name, plan=title),
            parent=self.main,
        )
        box.setInformativeText(
            translate("FileDrops", "“{plan}” closes; every change to it is already saved.").format(plan=title)
        )
        open_button = box.addButton(
            translate("FileDrops", "&Open {file}").format(file=quoted(file.path)),
            QMessageBox.ButtonRole.AcceptRole,
        )
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(open_button)
        box.finished.connect(partial(self._answered, box, open_button, file.path))
        if self.question is not None:
            self.question.close()
        self.question = box
        box.open()

    def _answered(self, box: QMessageBox, open_button: QPushButton, path: Path, _result: int) -> None:
        if box is self.question:
            self.question = None
        box.deleteLater()
        self.main.activateWindow()  # the keys are the window's again, on the plan open now
        if box.clickedButton() is open_button:
            self.main.open_path(path)
