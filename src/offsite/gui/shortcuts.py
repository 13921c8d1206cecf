"""Help ▸ Keyboard shortcuts: every key of the app, grouped, with a filter — never out of date.

The menu keys are read from the window's own actions when the dialog opens; each screen's keys
come from the ``KEYS`` its module exposes (the same keys its hint line names), so a key added to a
menu or a screen shows up here without anyone remembering to list it.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from offsite.domain.language import QT_TRANSLATE_NOOP, language, translate
from offsite.gui.trees import child_items, top_level_items

#: Keys that work everywhere, by Qt's own conventions.
EVERYWHERE = (
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Tab / Shift+Tab"),
        QT_TRANSLATE_NOOP("Shortcuts", "Move to the next or previous field or list"),
    ),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Alt+underlined letter"),
        QT_TRANSLATE_NOOP("Shortcuts", "Open a menu, or go to the field of a label"),
    ),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "↑ ↓ ← →, Home, End"),
        QT_TRANSLATE_NOOP("Shortcuts", "Move in a list, a table or a tree"),
    ),
    (QT_TRANSLATE_NOOP("Shortcuts", "F2"), QT_TRANSLATE_NOOP("Shortcuts", "Edit the selected cell")),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Escape"),
        QT_TRANSLATE_NOOP("Shortcuts", "Cancel an edit; close this window or the projector"),
    ),
)

#: The projector's own keys (it takes no others: every other key goes to the facilitator window).
PROJECTOR = (
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Escape"),
        QT_TRANSLATE_NOOP(
            "Shortcuts", "Close the projector (F5 too); the facilitator window keeps the focus"
        ),
    ),
)


@dataclass(frozen=True, slots=True)
class Shortcut:
    group: str
    keys: str
    what: str


def _plain(text: str) -> str:
    """A menu text without its mnemonic ampersand, its number prefix or its ellipsis."""
    text = re.sub(r"&(.)", r"\1", text).replace("…", "").strip()
    return re.sub(r"^\d+\s+", "", text)


def menu_shortcuts(window: QMainWindow) -> list[Shortcut]:
    """Every action with a key in the window's menus, grouped by menu, in menu order."""
    found: list[Shortcut] = []
    seen: set[int] = set()

    def visit(menu: QMenu, group: str) -> None:
        for action in menu.actions():
            if id(action) in seen:
                continue
            seen.add(id(action))
            sub = action.menu()
            if isinstance(sub, QMenu):
                visit(sub, group)
                continue
            keys = [k for k in action.shortcuts() if not k.isEmpty()]
            if keys and action.isVisible():
                text = ""
                for key in keys:
                    native = key.toString(QKeySequence.SequenceFormat.NativeText)
                    text = (
                        native
                        if not text
                        else translate("Shortcuts", "{keys} or {key}").format(keys=text, key=native)
                    )
                found.append(Shortcut(group, text, _plain(action.text()) or action.toolTip()))

    for action in window.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu):
            visit(menu, translate("Shortcuts", "{menu} menu").format(menu=_plain(action.text())))
    return found


def screen_shortcuts() -> list[Shortcut]:
    """Each screen's keys, from the ``KEYS`` of its module."""
    from offsite.gui import (
        agenda,
        agreements,
        buyin,
        checkins,
        drafts,
        parking,
        plan,
        progress,
        quarter,
        signoff,
    )
    from offsite.gui.brainstorm import KEYS as BRAINSTORM_KEYS
    from offsite.gui.brainstorm import candidates, chains, switch, workback

    # (group, the context its module marks its keys' words in, the keys)
    groups: list[tuple[str, str, Iterable[tuple[str, str]]]] = [
        (QT_TRANSLATE_NOOP("Shortcuts", "Everywhere"), "Shortcuts", EVERYWHERE),
        (QT_TRANSLATE_NOOP("Shortcuts", "Prepare ▸ Agenda (in the table)"), "Shortcuts", agenda.KEYS),
        (QT_TRANSLATE_NOOP("Shortcuts", "Brainstorm"), "Shortcuts", BRAINSTORM_KEYS),
        (QT_TRANSLATE_NOOP("Shortcuts", "Brainstorm ▸ Ask why (in a chain)"), "Shortcuts", chains.KEYS),
        (
            QT_TRANSLATE_NOOP("Shortcuts", "Brainstorm ▸ Work back (in the team goals)"),
            "Shortcuts",
            workback.KEYS,
        ),
        (QT_TRANSLATE_NOOP("Shortcuts", "Brainstorm ▸ Team switch (in a side)"), "Shortcuts", switch.KEYS),
        (QT_TRANSLATE_NOOP("Shortcuts", "Brainstorm ▸ Candidates"), "Shortcuts", candidates.KEYS),
        (QT_TRANSLATE_NOOP("Shortcuts", "Plan"), "Shortcuts", plan.KEYS),
        (QT_TRANSLATE_NOOP("Shortcuts", "Agreements"), "Shortcuts", agreements.KEYS),
        (QT_TRANSLATE_NOOP("Shortcuts", "Buy-in (in the matrix)"), "Shortcuts", buyin_keys(buyin)),
        (QT_TRANSLATE_NOOP("Shortcuts", "Sign-off"), "Shortcuts", signoff.KEYS),
        (QT_TRANSLATE_NOOP("Shortcuts", "Review ▸ Check-ins (in the table)"), "Shortcuts", checkins.KEYS),
        (QT_TRANSLATE_NOOP("Shortcuts", "Review ▸ Progress"), "Shortcuts", progress.KEYS),
        (QT_TRANSLATE_NOOP("Shortcuts", "Review ▸ Quarter end"), "QuarterPage", quarter.KEYS),
        (QT_TRANSLATE_NOOP("Shortcuts", "Parking lot (in the panel)"), "Shortcuts", parking.KEYS),
        (QT_TRANSLATE_NOOP("Shortcuts", "File ▸ Merge Drafts (in the preview)"), "Shortcuts", drafts.KEYS),
        (QT_TRANSLATE_NOOP("Shortcuts", "Projector"), "Shortcuts", PROJECTOR),
    ]
    # Each module marks its keys' words QT_TRANSLATE_NOOP(context, …): they are translated here.
    return [
        Shortcut(translate("Shortcuts", group), shown_keys(context, keys), translate(context, what))
        for group, context, pairs in groups
        for keys, what in pairs
    ]


#: One key of a list of keys as a screen's ``KEYS`` write them ("Ctrl+Enter", "Alt+K / Alt+N").
_KEY_LIST = re.compile(r"( / |, | or | )")


def shown_keys(context: str, keys: str) -> str:
    """``keys`` as the leader's keyboard names them: a phrase ("Enter (in the wins)") translated
    where its module marked it, else each key by Qt's own name in the leader's language ("Entf",
    "Strg+Enter" in German), as the menu keys show; English as written."""
    shown = translate(context, keys)
    if shown != keys or language() == "en":
        return shown
    parts = _KEY_LIST.split(keys)
    for place in range(0, len(parts), 2):
        part = parts[place]
        sequence = QKeySequence(part)
        # A key Qt knows by that name (not an arrow glyph, not "…"): its name on this keyboard.
        if part.isascii() and sequence.count() == 1 and sequence.toString():
            parts[place] = sequence.toString(QKeySequence.SequenceFormat.NativeText)
        elif "+" in part:  # "Ctrl+Shift+↑": the modifiers by their names, the glyph as drawn
            modifiers, key = part.rsplit("+", 1)
            named = QKeySequence(f"{modifiers}+A").toString(QKeySequence.SequenceFormat.NativeText)
            if named.endswith("+A"):
                parts[place] = f"{named[:-1]}{key}"
    return "".join(parts)


def buyin_keys(module: object) -> list[tuple[str, str]]:
    """The Buy-in matrix's keys: its own ``KEYS`` when it has them, else one per stance key."""
    own = getattr(module, "KEYS", None)
    if own:
        return list(own)
    stance_keys = getattr(module, "STANCE_KEYS", {})
    keys = [
        (
            QKeySequence(key.value if hasattr(key, "value") else int(key)).toString(
                QKeySequence.SequenceFormat.NativeText
            ),
            translate("Shortcuts", "Record “{stance}”").format(stance=stance.label),
        )
        for key, stance in stance_keys.items()
    ]
    return [*keys, ("Enter", QT_TRANSLATE_NOOP("Shortcuts", "Type a comment first, then record with Enter"))]


def all_shortcuts(window: QMainWindow) -> list[Shortcut]:
    return menu_shortcuts(window) + screen_shortcuts()


class _Wrapping(QStyledItemDelegate):
    """Rows as tall as their words wrapped to the column's width (a tree sizes them unwrapped)."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self._tree = tree

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        sized = QStyleOptionViewItem(option)
        indent = self._tree.indentation() if index.parent().isValid() and index.column() == 0 else 0
        # A valid rect, or the style measures the words on one line whatever the width.
        sized.rect = QRect(0, 0, max(1, self._tree.columnWidth(index.column()) - indent), 10_000)
        return super().sizeHint(sized, index)


class ShortcutsDialog(QDialog):
    """A non-modal list of every key, with a filter field; F1 or Ctrl+/ opens it."""

    def __init__(self, window: QMainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(translate("Shortcuts", "Keyboard shortcuts — Offsite"))
        self.setModal(False)
        self.window_ = window
        layout = QVBoxLayout(self)
        intro = QLabel(
            translate("Shortcuts", "Every step of a session can be done from the keyboard. Type to filter.")
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.filter = QLineEdit(self)
        self.filter.setObjectName("shortcutsFilter")
        self.filter.setPlaceholderText(
            translate("Shortcuts", "Filter: a key (Ctrl+Shift) or a word (candidate)")
        )
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName(translate("Shortcuts", "Filter the shortcuts"))
        layout.addWidget(self.filter)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("shortcutsTree")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([translate("Shortcuts", "Keys"), translate("Shortcuts", "What they do")])
        self.tree.setRootIsDecorated(False)
        # A long list of keys or a long description (German is longer) wraps rather than being cut.
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.tree.setItemDelegate(_Wrapping(self.tree))
        self.tree.header().sectionResized.connect(lambda *_: self.tree.doItemsLayout())
        self.tree.header().setStretchLastSection(True)
        self.tree.setAccessibleName(translate("Shortcuts", "Keyboard shortcuts"))
        layout.addWidget(self.tree, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self.filter.textChanged.connect(self.apply_filter)
        self.resize(720, 640)
        self.refresh()

    def refresh(self) -> None:
        """Read the keys again (a menu may have changed since the dialog was built)."""
        self.tree.clear()
        self.shortcuts = all_shortcuts(self.window_)
        groups: dict[str, QTreeWidgetItem] = {}
        bold = self.tree.font()
        bold.setBold(True)
        for shortcut in self.shortcuts:
            group = groups.get(shortcut.group)
            if group is None:
                group = QTreeWidgetItem(self.tree, [shortcut.group])
                group.setFirstColumnSpanned(True)
                group.setFont(0, bold)
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                groups[shortcut.group] = group
            QTreeWidgetItem(group, [shortcut.keys, shortcut.what])
        self.tree.expandAll()
        self._fit_keys_column()
        self.apply_filter(self.filter.text())

    def _fit_keys_column(self) -> None:
        """The keys as wide as they need, up to less than half the list: what they do keeps room."""
        widest = self.tree.sizeHintForColumn(0) + 2 * self.tree.indentation()
        self.tree.setColumnWidth(0, max(120, min(widest, self.tree.viewport().width() * 2 // 5)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_keys_column()

    def apply_filter(self, text: str) -> None:
        words = [_spoken(word) for word in text.casefold().split()]
        for group in top_level_items(self.tree):
            shown = 0
            for item in child_items(group):
                haystack = _spoken(f"{group.text(0)} {_ranges(item.text(0))} {item.text(1)}".casefold())
                hide = not all(word in haystack for word in words)
                item.setHidden(hide)
                shown += not hide
            group.setHidden(shown == 0)

    def visible_rows(self) -> list[tuple[str, str, str]]:
        """(group, keys, what) of every row the filter leaves shown."""
        rows = []
        for group in top_level_items(self.tree):
            if group.isHidden():
                continue
            for item in child_items(group):
                if not item.isHidden():
                    rows.append((group.text(0), item.text(0), item.text(1)))
        return rows

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()
        super().showEvent(event)
        self.filter.setFocus()


def find_actions(window: QMainWindow) -> Iterable[QAction]:
    """Every action in the window's menus (for tests: no two share a key)."""
    seen: set[int] = set()

    def visit(menu: QMenu) -> Iterable[QAction]:
        for action in menu.actions():
            if id(action) in seen:
                continue
            seen.add(id(action))
            submenu = action.menu()  # a QObject to the stub (Qt's menu<T>() template), a QMenu here
            if isinstance(submenu, QMenu):
                yield from visit(submenu)
            elif not action.isSeparator():
                yield action

    for action in window.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu):
            yield from visit(menu)


class FocusRing(QWidget):
    """A clear ring around whatever has the keyboard focus, whatever its kind: focus always shows.

    Lists, tables and text fields show focus with their own border (style.qss); buttons, combos,
    spin boxes and check boxes draw only a faint native hint, so this ring is drawn round them.
    """

    COLOUR = "#1a73e8"
    OWN_BORDER = ("QAbstractItemView", "QLineEdit", "QPlainTextEdit", "QTextEdit")

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("focusRing")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.target: QWidget | None = None
        self.hide()
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self.target is not None:
            with contextlib.suppress(RuntimeError):  # already deleted
                self.target.removeEventFilter(self)
        self.target = None
        window = self.parentWidget()
        if (
            new is None
            or window is None
            or new.window() is not window
            or any(new.inherits(name) for name in self.OWN_BORDER)
            or new.parentWidget() is None
        ):
            self.hide()
            return
        self.target = new
        new.installEventFilter(self)
        self._follow()

    def eventFilter(self, watched: object, event: object) -> bool:
        from PySide6.QtCore import QEvent

        if watched is self.target and getattr(event, "type", lambda: None)() in (
            QEvent.Type.Move,
            QEvent.Type.Resize,
            QEvent.Type.Show,
            QEvent.Type.Hide,
        ):
            self._follow()
        return False

    def _follow(self) -> None:
        target, window = self.target, self.parentWidget()
        if target is None or window is None or not target.isVisible():
            self.hide()
            return
        from PySide6.QtCore import QPoint, QRect

        top_left = target.mapTo(window, QPoint(0, 0))
        self.setGeometry(QRect(top_left, target.size()).adjusted(-3, -3, 3, 3))
        self.show()
        self.raise_()
        self.update()

    def paintEvent(self, _event: object) -> None:
        from PySide6.QtGui import QColor, QPainter, QPen

        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(QColor(self.COLOUR))
        pen.setWidth(2)
        painter.setPen(pen)
        painter.drawRoundedRect(self.rect().adjusted(1, 1, -1, -1), 4, 4)


#: Keys as people type them in the filter, and as the list writes them.
_SYNONYMS = (
    ("return", "enter"),
    ("escape", "esc"),
    ("del", "delete"),
    ("up", "↑"),
    ("down", "↓"),
    ("left", "←"),
    ("right", "→"),
    ("control", "ctrl"),
)


def _spoken(text: str) -> str:
    """Key names written one way, so that "ctrl+return" finds "Ctrl+Enter" and "alt+down" "Alt+↓"."""
    for typed, written in _SYNONYMS:
        text = re.sub(rf"(?<![a-z]){typed}(?![a-z])", written, text)
    return text


def _ranges(keys: str) -> str:
    """ "Alt+1 … Alt+4" also reads as Alt+2 and Alt+3, so a search for either finds it."""

    def spell(match: re.Match[str]) -> str:
        prefix, first, last = match[1], int(match[2]), int(match[3])
        return " ".join(f"{prefix}{n}" for n in range(first, last + 1))

    return re.sub(r"([A-Za-z+]+\+)(\d)\s*…\s*\1(\d)", spell, keys)
