"""What the brainstorm tabs share: quoting a statement, rows as tall as their wrapped text,
selecting (and opening) a row, claiming a tab's own keys before a window shortcut does, what a
removal takes with it, and making a candidate of what an exercise found."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Protocol

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QStyleOptionViewItem, QTreeView

from offsite.domain.exercises import BrainstormView, Exercise
from offsite.domain.labels import quote as quote
from offsite.domain.language import translate
from offsite.domain.values import Change, Kind
from offsite.gui.commands import CreateCommand, VerbCommand
from offsite.gui.delegates import reveal_row
from offsite.gui.document import PlanDocument, Rows
from offsite.services import brainstorm
from offsite.services.changes import Created, Updated

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


def depth(index: Index) -> int:
    """How many levels ``index`` sits below the top of its tree."""
    levels, parent = 0, index.parent()
    while parent.isValid():
        levels, parent = levels + 1, parent.parent()
    return levels


def wrapped_height(font: QFont, width: int, text: str) -> int:
    """The height ``text`` takes word-wrapped at ``width`` pixels in ``font``."""
    box = QFontMetrics(font).boundingRect(QRect(0, 0, width, 10_000), int(Qt.TextFlag.TextWordWrap), text)
    return box.height()


def wrapped_row_hint(
    hint: QSize, option: QStyleOptionViewItem, index: Index, view: QTreeView, column_width: int
) -> QSize:
    """``hint`` made as tall as the text of the cell ``index`` word-wrapped in a tree column
    ``column_width`` pixels wide, less the row's indentation; a column too narrow to wrap in
    keeps ``hint``."""
    width = column_width - view.indentation() * (depth(index) + 1) - 12
    if width <= 40:
        return hint
    text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
    font = index.data(Qt.ItemDataRole.FontRole)
    height = wrapped_height(font if isinstance(font, QFont) else option.font, width, text) + 8
    return QSize(hint.width(), max(hint.height(), height))


def select_row(
    view: QAbstractItemView,
    index: QModelIndex,
    *,
    rows: bool = False,
    edit: bool = False,
) -> None:
    """Focus ``view`` on ``index`` (its whole row when ``rows``), opening its editor with the text
    selected when ``edit`` so typing replaces a placeholder."""
    view.setFocus()
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
    if rows:
        flags |= QItemSelectionModel.SelectionFlag.Rows
    view.selectionModel().setCurrentIndex(index, flags)
    reveal_row(view, index)  # a reload that just ran lays rows out late
    if edit:
        view.edit(index)
        editor = view.indexWidget(index)
        if isinstance(editor, QLineEdit):
            editor.selectAll()


def claim_key(event: QEvent, action: Callable[[], None] | None) -> bool:
    """Take a key a tab acts on: its shortcut override is accepted (no window shortcut steals the
    key), its key press runs ``action``. False when there is no ``action`` (the key goes on)."""
    if action is None or not isinstance(event, QKeyEvent):
        return False
    if event.type() == QEvent.Type.ShortcutOverride:
        event.accept()
    elif event.type() == QEvent.Type.KeyPress:
        action()
    else:
        return False
    return True


class _Node(Protocol):
    @property
    def id(self) -> int: ...

    @property
    def parent_id(self) -> int | None: ...


def removal(ordered: Sequence[_Node], node_id: int) -> tuple[set[int], int | None]:
    """What removing ``node_id`` from a tree listed depth first takes with it (its subtree, itself
    included), and which node to select next: the one above it, else the first one after."""
    position = next(i for i, n in enumerate(ordered) if n.id == node_id)
    subtree = {node_id}
    for other in ordered[position + 1 :]:
        if other.parent_id in subtree:
            subtree.add(other.id)
    after = [n.id for n in ordered[position + 1 :] if n.id not in subtree]
    following = ordered[position - 1].id if position > 0 else (after[0] if after else None)
    return subtree, following


def make_candidate(
    document: PlanDocument,
    text: str,
    team_id: int | None,
    exercise: Exercise,
    origin_uid: str,
    *,
    detail: str = "",
) -> bool:
    """Put ``text`` in the candidate pool for ``team_id`` as one undo step, remembering the
    exercise and the item it came from; False when the plan refused it (the user was told)."""
    command = CreateCommand(
        document,
        translate("Brainstorm", "Make candidate"),
        Kind.CANDIDATE,
        lambda: brainstorm.add_candidate(document.plan, text, team_id, exercise, origin_uid, detail=detail),
    )
    return document.execute(command)


class BrainstormVerb(VerbCommand):
    """A brainstorm verb as an undoable edit that says which rows it touches (``rows``; the row a
    verb makes is added to them), so the document patches its brainstorm instead of reading it
    whole, and the tabs repaint those rows alone. ``reordered``: kinds whose rows it moves."""

    def __init__(
        self,
        document: PlanDocument,
        text: str,
        kinds: Sequence[Kind],
        do: Callable[[], Created | Updated],
        undo: Callable[[Mapping[str, Any]], object] | None = None,
        *,
        rows: Rows,
        reordered: Iterable[Kind] = (),
    ) -> None:
        super().__init__(document, text, kinds, do, undo)
        #: Read when asked, not now: a verb may learn what it touches as it runs (the shortlist kept).
        self._rows = rows
        self._reordered = frozenset(reordered)

    def rows(self) -> Rows:
        rows = {kind: frozenset(ids) for kind, ids in self._rows.items()}
        if isinstance(self.result, Created):
            made = self.result.kind
            return {**rows, made: rows.get(made, frozenset()) | {self.result.id}}
        return rows

    def reordered(self) -> frozenset[Kind]:
        if isinstance(self.result, Created):
            return self._reordered | {self.result.kind}
        return self._reordered


#: What the brainstorm tabs show that every row of theirs refers to: a change to one reloads a tab.
SHARED_KINDS = frozenset({Kind.TEAM, Kind.GOAL, Kind.LEADER})


def patched_brainstorm(document: PlanDocument, change: Change) -> BrainstormView | None:
    """The brainstorm as of ``change``, when a tab can show it by repainting the rows ``change``
    names; None when the tab must load again (rows not known, a team or goal changed, or the
    brainstorm had to be read whole)."""
    if change.whole or change.kinds & SHARED_KINDS:
        return None
    reads = document.whole_brainstorm_reads
    view = document.brainstorm()
    return None if document.whole_brainstorm_reads != reads else view


def ids_of(change: Change, *kinds: Kind) -> frozenset[int]:
    """The ids ``change`` names of any of ``kinds``."""
    rows = change.rows or {}
    return frozenset().union(*(rows.get(kind, frozenset()) for kind in kinds))
