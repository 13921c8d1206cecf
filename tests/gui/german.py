"""What a German-speaking leader reads: every text a screen shows, and the English left in it.

``shown_texts`` gathers the words a widget tree puts in front of a leader (labels, buttons, tabs,
headers, list and table cells, placeholders, tooltips, menus); ``english_in`` finds the English
words among them that are not the plan's own content (a leader's names and objectives stay as they
were typed). The English words looked for are ones German does not share (not "Team", "Plan",
"Review", "Pipeline" or "in"), so a German text is never mistaken for English.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QTableView,
    QTextEdit,
    QTreeView,
    QWidget,
)

#: English words German does not use: the function words of a sentence and Offsite's own nouns and
#: verbs. A German text has none of them.
_ENGLISH_WORDS = """
the and of to with for your you this that these those is are were be been has have had not on by
from would each every what who which it its there their them they or but if then than can could
should may might must any some more most other into out about after before when where why how
yes new save close remove add edit view help file show hide record objective objectives method
methods metric metrics leader leaders goal goals stance pending agreed declined discussing
requested week weeks month months quarter quarters none only one two three first last next back
here now today undo redo cancel settings open opens opened add added removed signed sign
signature sign-off buy-in overlap overlaps definitions glossary term terms prepare brainstorm
agreements chains switch candidates owner owners target targets actual actuals due progress
parking lot projector room draft drafts merge keep adjust preview choose chosen change changes
changed nothing everything someone leaders' team's teams' company goals nobody
"""
ENGLISH = frozenset(_ENGLISH_WORDS.split())
_WORD = re.compile(r"[^\W\d_][^\W\d_'’\-]*(?:['’\-][^\W\d_]+)*")
#: Where a shown text joins pieces: lines, bullets, the projector's separators and quotation marks.
_PIECES = re.compile(r"[\n•·“”„\"«»:;()]+|\s{2,}")
#: The same text as typed: the projector keeps hyphenated words whole with non-breaking hyphens and
#: spaces, and a cut text ends in an ellipsis.
_SAME = str.maketrans({"\u2011": "-", "\u00a0": " ", "\u202f": " ", "\u00ad": None, "…": None})


def plan_texts(path: Path) -> list[str]:
    """Every text value stored in the plan file at ``path`` (its content, which stays as typed)."""
    found: set[str] = set()
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            for row in connection.execute(f'SELECT * FROM "{table}"'):
                found.update(value for value in row if isinstance(value, str) and len(value) > 1)
    return sorted(found, key=len, reverse=True)


def _plain(text: str) -> str:
    return QTextDocumentFragment.fromHtml(text).toPlainText() if "<" in text else text


def _item_texts(view: QAbstractItemView, rows: int = 40) -> Iterator[str]:
    model = view.model()
    if model is None:
        return
    if isinstance(view, (QTableView, QTreeView)):
        for section in range(_columns(model, QModelIndex())):
            yield str(model.headerData(section, Qt.Orientation.Horizontal) or "")
    pending = [QModelIndex()]
    while pending:
        parent = pending.pop()
        for row in range(min(model.rowCount(parent), rows)):
            for column in range(_columns(model, parent)):
                index = model.index(row, column, parent)
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = model.data(index, role)
                    if isinstance(value, str):
                        yield value
            pending.append(model.index(row, 0, parent))


def _columns(model: QAbstractItemModel, parent: QModelIndex) -> int:
    try:
        return model.columnCount(parent)
    except TypeError:  # a list model's column count is not Python's to call: it has one
        return 1


def _action_texts(actions: Iterable[QAction]) -> Iterator[str]:
    for action in actions:
        yield action.text()
        yield action.toolTip() if action.toolTip() != action.text().replace("&", "") else ""
        yield action.statusTip()
        menu = action.menu()
        if isinstance(menu, QMenu):
            yield menu.title()
            yield from _action_texts(menu.actions())


def shown_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every text ``root`` and its visible children show a leader."""
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if not widget.isVisibleTo(root) and widget is not root:
            continue
        where = widget.objectName() or type(widget).__name__
        texts: list[str] = [widget.toolTip(), widget.windowTitle() if widget.isWindow() else ""]
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        elif isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
            texts.append(widget.placeholderText())
            if widget.isReadOnly():
                texts.append(widget.toPlainText())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QTabBar):
            texts += [widget.tabText(i) for i in range(widget.count())]
            texts += [widget.tabToolTip(i) for i in range(widget.count())]
        elif isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, QAbstractItemView):
            texts += list(_item_texts(widget))
        texts += list(_action_texts(widget.actions()))
        for text in texts:
            if text and text.strip():
                yield where, _plain(text)


def english_in(texts: Iterable[tuple[str, str]], content: list[str]) -> list[str]:
    """Each shown text with an English word outside the plan's ``content``, with where it is."""
    found = []
    typed = [value.translate(_SAME) for value in content]
    whole = [re.compile(rf"(?<!\w){re.escape(value)}(?!\w)") for value in typed]
    for where, text in texts:
        if text.startswith("/"):  # a file's path, as the status bar names the plan
            continue
        rest = text.translate(_SAME).replace("&&", "&").replace("&", "")
        for value, pattern in zip(typed, whole, strict=True):
            if value in rest:
                rest = pattern.sub(" ", rest)
        # What is left of the plan's own words: a piece cut short, or a value the screen joined to others
        pieces = [piece.strip() for piece in _PIECES.split(rest)]
        rest = " ".join(
            piece for piece in pieces if len(piece) < 4 or not any(piece in value for value in typed)
        )
        words = {word.lower().strip("'’-") for word in _WORD.findall(rest)}
        english = sorted(words & ENGLISH)
        if english:
            found.append(f"{where}: “{text[:140]}” ({', '.join(english)})")
    return sorted(set(found))
