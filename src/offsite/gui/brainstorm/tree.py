"""A tree of plan items listed depth first, each under its parent: the model behind Ask why's
chains and Work back's team goals."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import QModelIndex, QObject

from offsite.domain.exercises import TreeItem
from offsite.gui.brainstorm.common import ROOT, Index
from offsite.gui.models import TreeModel

Item = TypeVar("Item", bound=TreeItem)


class DepthFirstTree(TreeModel, Generic[Item]):
    """Items in display (depth-first) order as a tree; one whose parent is not among them shows at
    the top. An index's internal id is its item's id, so an index survives a refresh of the items."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: dict[int, Item] = {}
        self._children: dict[int | None, list[int]] = {None: []}
        self._row: dict[int, int] = {}

    def set_items(self, items: Sequence[Item]) -> None:
        """Show ``items``: the same tree refreshes its rows in place (selection and editors stay),
        another one resets the model."""
        same_shape = [(i.id, i.parent_id) for i in items] == [
            (i.id, i.parent_id) for i in self._items.values()
        ]
        if same_shape:
            self._items = {i.id: i for i in items}
            last = self.columnCount() - 1
            for item in items:
                self.dataChanged.emit(self.index_of(item.id), self.index_of(item.id, last))
            return
        children: dict[int | None, list[int]] = {None: []}
        known = {i.id for i in items}
        for item in items:
            children.setdefault(item.parent_id if item.parent_id in known else None, []).append(item.id)
        self.beginResetModel()
        self._items = {i.id: i for i in items}
        self._children = children
        self._row = {i: row for ids in children.values() for row, i in enumerate(ids)}
        self.endResetModel()

    @property
    def items(self) -> list[Item]:
        return list(self._items.values())

    def item_at(self, index: Index) -> Item | None:
        if not index.isValid():
            return None
        return self._items.get(int(index.internalId()))

    def index_of(self, item_id: int, column: int = 0) -> QModelIndex:
        if item_id not in self._items:
            return QModelIndex()
        return self.createIndex(self._row[item_id], column, item_id)

    def parent_id(self, item: Item) -> int | None:
        """The parent ``item`` shows under, or None at the top."""
        return item.parent_id if item.parent_id in self._items else None

    def index(self, row: int, column: int, parent: Index = ROOT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        parent_id = int(parent.internalId()) if parent.isValid() else None
        return self.createIndex(row, column, self._children[parent_id][row])

    def parent_index(self, index: Index) -> QModelIndex:
        item = self.item_at(index)
        parent_id = self.parent_id(item) if item is not None else None
        if parent_id is None:
            return QModelIndex()
        return self.createIndex(self._row[parent_id], 0, parent_id)

    def rowCount(self, parent: Index = ROOT) -> int:
        if not parent.isValid():
            return len(self._children.get(None, []))
        if parent.column() != 0:
            return 0
        return len(self._children.get(int(parent.internalId()), []))
