"""A tree of plan items listed depth first, each under its parent: the model behind Ask why's
chains and Work back's team goals (rows brought up to date with ``gui.models.sync_rows``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import QModelIndex, QObject

from offsite.domain.exercises import TreeItem
from offsite.gui.brainstorm.common import ROOT, Index
from offsite.gui.models import TreeModel, sync_rows

Item = TypeVar("Item", bound=TreeItem)


class DepthFirstTree(TreeModel, Generic[Item]):
    """Items in display (depth-first) order as a tree; one whose parent is not among them shows at
    the top. An index's internal id is its item's id, so an index survives a refresh of the items."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: dict[int, Item] = {}
        self._children: dict[int | None, list[int]] = {None: []}
        self._row: dict[int, int] = {}
        #: The parent each shown item shows under (None at the top).
        self._parent: dict[int, int | None] = {}

    def set_items(self, items: Sequence[Item]) -> list[int]:
        """Show ``items``: rows edited repaint, rows gone are removed, new ones inserted and moved
        ones moved (selection, editors and what is expanded stay). Returns the ids inserted."""
        fresh = {i.id: i for i in items}
        wanted: dict[int | None, list[int]] = {None: []}
        for item in items:
            wanted.setdefault(item.parent_id if item.parent_id in fresh else None, []).append(item.id)
        edited = [i for i, item in fresh.items() if i in self._items and self._items[i] != item]
        self._items.update(fresh)
        # Remove and move, top down: an item gone or moved under another parent leaves with its rows.
        queue: list[int | None] = [None]
        while queue:
            parent_id = queue.pop(0)
            if parent_id not in self._children:
                continue  # under an item removed above
            keep = wanted.get(parent_id, []) if parent_id is None or parent_id in fresh else []
            current = self._children[parent_id]
            shown = set(current)
            sync_rows(
                self,
                self._index_or_root(parent_id),
                current,
                [i for i in keep if i in shown],
                lambda ids, p=parent_id: self._put(p, ids),  # type: ignore[misc]
                removed=self._forget,
            )
            queue += self._children.get(parent_id, [])
        # Insert, top down, so a new item's answers go in under it.
        queue = [None]
        inserted: list[int] = []
        while queue:
            parent_id = queue.pop(0)
            current = self._children.setdefault(parent_id, [])
            inserted += sync_rows(
                self,
                self._index_or_root(parent_id),
                current,
                wanted.get(parent_id, []),
                lambda ids, p=parent_id: self._put(p, ids),  # type: ignore[misc]
            )
            queue += wanted.get(parent_id, [])
        for gone in set(self._items) - fresh.keys():
            del self._items[gone]
        last = self.columnCount() - 1
        for item_id in edited:
            if item_id in self._parent and item_id not in inserted:
                self.dataChanged.emit(self.index_of(item_id), self.index_of(item_id, last))
        return inserted

    def update_items(self, items: Sequence[Item]) -> None:
        """Repaint ``items``, each already shown in the same place (a statement typed into)."""
        last = self.columnCount() - 1
        for item in items:
            if item.id in self._parent:
                self._items[item.id] = item
                self.dataChanged.emit(self.index_of(item.id), self.index_of(item.id, last))

    def _put(self, parent_id: int | None, ids: list[int]) -> None:
        self._children[parent_id] = ids
        for row, item_id in enumerate(ids):
            self._row[item_id] = row
            self._parent[item_id] = parent_id

    def _forget(self, item_id: int) -> None:
        """``item_id`` left its parent's rows: it and what showed under it are no longer shown."""
        stack = [item_id]
        while stack:
            gone = stack.pop()
            if self._parent.get(gone, -1) == -1:
                continue
            self._row.pop(gone, None)
            self._parent.pop(gone, None)
            stack += self._children.pop(gone, [])

    def _index_or_root(self, item_id: int | None) -> QModelIndex:
        return QModelIndex() if item_id is None else self.index_of(item_id)

    @property
    def items(self) -> list[Item]:
        """The items shown, in display (depth-first) order."""
        ordered: list[Item] = []
        stack = list(reversed(self._children.get(None, [])))
        while stack:
            item_id = stack.pop()
            ordered.append(self._items[item_id])
            stack += reversed(self._children.get(item_id, []))
        return ordered

    def item_at(self, index: Index) -> Item | None:
        if not index.isValid():
            return None
        return self._items.get(int(index.internalId()))

    def index_of(self, item_id: int, column: int = 0) -> QModelIndex:
        if item_id not in self._parent:
            return QModelIndex()
        return self.createIndex(self._row[item_id], column, item_id)

    def parent_id(self, item: Item) -> int | None:
        """The parent ``item`` shows under, or None at the top."""
        return self._parent.get(item.id)

    def index(self, row: int, column: int, parent: Index = ROOT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        parent_id = int(parent.internalId()) if parent.isValid() else None
        return self.createIndex(row, column, self._children[parent_id][row])

    def parent_index(self, index: Index) -> QModelIndex:
        if not index.isValid():
            return QModelIndex()
        parent_id = self._parent.get(int(index.internalId()))
        if parent_id is None:
            return QModelIndex()
        return self.createIndex(self._row[parent_id], 0, parent_id)

    def rowCount(self, parent: Index = ROOT) -> int:
        if not parent.isValid():
            return len(self._children.get(None, []))
        if parent.column() != 0:
            return 0
        return len(self._children.get(int(parent.internalId()), []))
