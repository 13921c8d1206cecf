"""The rows of a ``QTreeWidget`` as lists, for code that walks every group and its items.

Qt's ``topLevelItem(i)`` and ``child(i)`` answer None past the end; walking ``range(count)`` never
goes there, and these lists say so once instead of a None check at every loop.
"""

from __future__ import annotations

from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem


def top_level_items(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    """The tree's top-level rows, top to bottom."""
    return [item for i in range(tree.topLevelItemCount()) if (item := tree.topLevelItem(i)) is not None]


def child_items(parent: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    """The rows directly under ``parent``, top to bottom."""
    return [item for i in range(parent.childCount()) if (item := parent.child(i)) is not None]
