"""The two sides of a team-switch pair: the players' version and the real team's own.

Each side lists "Goals" and "Plan" as two groups with the items beneath; every item carries its
comparison mark (matched on the other side, or only on this one, by the common-theme rule),
painted on a small line under its wrapped text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeView

from offsite.domain.exercises import SwitchItemKind, SwitchItemView, SwitchSide, TeamSwitchView
from offsite.domain.labels import possessive as possessive
from offsite.domain.language import QT_TRANSLATE_NOOP, translate
from offsite.domain.themes import match_items
from offsite.gui.brainstorm.common import ROOT, Index, quote, wrapped_height
from offsite.gui.models import ID_ROLE, sync_rows
from offsite.gui.theme import INK_ON_TINT

#: English keys, shown as translate("SwitchTab", ...).
GROUP_TITLES = {
    SwitchItemKind.GOAL: QT_TRANSLATE_NOOP("SwitchTab", "Goals"),
    SwitchItemKind.PLAN: QT_TRANSLATE_NOOP("SwitchTab", "Plan"),
}
KINDS = (SwitchItemKind.GOAL, SwitchItemKind.PLAN)


def own(team: str) -> str:
    """“Sales' own”, “Marketing's own”: the real team's version of its goals and plan."""
    if team.endswith("s"):
        return translate("SwitchTab", "{team}' own").format(team=team)
    return translate("SwitchTab", "{team}'s own").format(team=team)


#: The comparison mark of an item: its words (shown under the item) and its role value.
MARK_ROLE = Qt.ItemDataRole.UserRole + 40
ONE_SIDE_ROLE = Qt.ItemDataRole.UserRole + 41
ONE_SIDE_BACKGROUND = "#fff4e0"
ONE_SIDE_TEXT = "#8a5300"
MATCHED_TEXT = "#1b7f3b"
CANDIDATE_TEXT = "#2f5f8f"
GROUP_BACKGROUND = "#f3f5f8"


@dataclass(frozen=True, slots=True)
class Mark:
    """How an item compares with the other side: ``matched`` is the other side's text, or None."""

    matched: str | None
    words: str


def compare(switch: TeamSwitchView, played_name: str) -> dict[int, Mark]:
    """Each item's comparison mark, by item id (see ``offsite.domain.themes.match_items``)."""
    played, real = switch.side(SwitchSide.PLAYED), switch.side(SwitchSide.REAL)
    theirs = own(played_name)
    also_own = translate("SwitchTab", "✓ Also in {version}: {item}")
    also_players = translate("SwitchTab", "✓ Also in the players' version: {item}")
    only_players = translate("SwitchTab", "● Only in the players' version")
    only_own = translate("SwitchTab", "● Only in {version}").format(version=theirs)
    marks: dict[int, Mark] = {}
    for match in match_items([i.text for i in played], [i.text for i in real]):
        one, other = played[match.played], real[match.real]
        marks[one.id] = Mark(other.text, also_own.format(version=theirs, item=quote(other.text, 48)))
        marks[other.id] = Mark(one.text, also_players.format(item=quote(one.text, 48)))
    for item in played:
        marks.setdefault(item.id, Mark(None, only_players))
    for item in real:
        marks.setdefault(item.id, Mark(None, only_own))
    return marks


class SideModel(QAbstractItemModel):
    """One side of a switch pair: “Goals” and “Plan” as two groups, the items beneath."""

    _GROUP = 1 << 40  # internal ids of the two group rows; items use their own ids

    def __init__(self, side: SwitchSide, on_edit: Callable[[int, str], None], parent: QObject) -> None:
        super().__init__(parent)
        self.side = side
        self._on_edit = on_edit
        self._items: dict[int, SwitchItemView] = {}
        self._groups: dict[SwitchItemKind, list[int]] = {kind: [] for kind in KINDS}
        self._row: dict[int, int] = {}
        self._marks: dict[int, Mark] = {}
        self._candidates: frozenset[str] = frozenset()

    def set_items(
        self, items: Sequence[SwitchItemView], marks: dict[int, Mark], candidate_uids: frozenset[str]
    ) -> None:
        """Show ``items`` (one side of a pair): rows gone are removed, new ones inserted, moved
        ones moved, and every row repainted (a match marks items on both sides); never a reset."""
        groups: dict[SwitchItemKind, list[int]] = {kind: [] for kind in KINDS}
        for item in items:
            groups[item.kind].append(item.id)
        self._marks, self._candidates = dict(marks), candidate_uids
        inserted: set[int] = set()
        for step in ("leave", "come"):
            if step == "come":  # the items' new values, once those leaving a group are gone from it
                self._items = {i.id: i for i in items}
            for row, kind in enumerate(KINDS):
                shown = set(self._groups[kind])
                wanted = groups[kind] if step == "come" else [i for i in groups[kind] if i in shown]
                inserted.update(
                    sync_rows(
                        self,
                        self.index(row, 0),
                        self._groups[kind],
                        wanted,
                        lambda ids, k=kind: self._put(k, ids),  # type: ignore[misc]
                    )
                )
        for item in items:
            if item.id not in inserted:
                index = self.index_of(item.id)
                self.dataChanged.emit(index, index)
        for row in range(len(KINDS)):
            self.dataChanged.emit(self.index(row, 0), self.index(row, 0))

    def _put(self, kind: SwitchItemKind, ids: list[int]) -> None:
        self._groups[kind] = ids
        self._row.update({item_id: row for row, item_id in enumerate(ids)})

    # -- lookups ---------------------------------------------------------------------------
    def item_at(self, index: Index) -> SwitchItemView | None:
        if not index.isValid():
            return None
        return self._items.get(int(index.internalId()))

    def kind_at(self, index: Index) -> SwitchItemKind | None:
        """The kind of the item, or of the group row, at ``index``."""
        if not index.isValid():
            return None
        internal = int(index.internalId())
        if internal >= self._GROUP:
            return KINDS[internal - self._GROUP]
        item = self._items.get(internal)
        return item.kind if item is not None else None

    def index_of(self, item_id: int) -> QModelIndex:
        item = self._items.get(item_id)
        if item is None:
            return QModelIndex()
        return self.createIndex(self._row[item_id], 0, item_id)

    def group_index(self, kind: SwitchItemKind) -> QModelIndex:
        return self.index(KINDS.index(kind), 0)

    def ids(self, kind: SwitchItemKind) -> list[int]:
        return list(self._groups[kind])

    def mark(self, item_id: int) -> Mark | None:
        return self._marks.get(item_id)

    # -- the model -------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = ROOT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, self._GROUP + row)
        kind = self.kind_at(parent)
        assert kind is not None
        return self.createIndex(row, column, self._groups[kind][row])

    def parent(self, index: Index = ROOT) -> QModelIndex:  # type: ignore[override]
        item = self.item_at(index)
        if item is None:
            return QModelIndex()
        return self.group_index(item.kind)

    def rowCount(self, parent: Index = ROOT) -> int:
        if not parent.isValid():
            return len(KINDS)
        if parent.column() != 0 or int(parent.internalId()) < self._GROUP:
            return 0
        return len(self._groups[KINDS[int(parent.internalId()) - self._GROUP]])

    def columnCount(self, parent: Index = ROOT) -> int:
        return 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.item_at(index)
        if item is None:
            return self._group_data(KINDS[index.row()], role)
        mark = self._marks.get(item.id)
        if role == Qt.ItemDataRole.DisplayRole or role == Qt.ItemDataRole.EditRole:
            return item.text
        if role == MARK_ROLE:
            words = mark.words if mark is not None else ""
            if item.uid in self._candidates:
                words += "   " + translate("SwitchTab", "★ candidate")
            return words
        if role == ONE_SIDE_ROLE:
            return mark is not None and mark.matched is None
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.text + (f"\n{mark.words}" if mark is not None else "")
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return mark.words if mark is not None else ""
        if role == Qt.ItemDataRole.BackgroundRole and mark is not None and mark.matched is None:
            return QBrush(QColor(ONE_SIDE_BACKGROUND))
        if role == Qt.ItemDataRole.ForegroundRole and mark is not None and mark.matched is None:
            return QBrush(QColor(INK_ON_TINT))  # the tint is light on any desktop
        if role == ID_ROLE:
            return item.id
        return None

    def _group_data(self, kind: SwitchItemKind, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            count = len(self._groups[kind])
            title = translate("SwitchTab", GROUP_TITLES[kind])
            return (
                f"{title}  ({count})"
                if count
                else translate("SwitchTab", "{group}  — none yet").format(group=title)
            )
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(GROUP_BACKGROUND))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(INK_ON_TINT))
        if role == Qt.ItemDataRole.ToolTipRole:
            if kind is SwitchItemKind.GOAL:
                return translate("SwitchTab", "Select and press Enter to add a goal")
            return translate("SwitchTab", "Select and press Enter to add a plan step")
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        item = self.item_at(index)
        if item is None or role != Qt.ItemDataRole.EditRole:
            return False
        text = str(value).strip()
        if not text or text == item.text:
            return False
        self._on_edit(item.id, text)
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.item_at(index) is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags


class ItemDelegate(QStyledItemDelegate):
    """An item's text wrapped at the column's width, its comparison mark on a small line beneath."""

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self._view = view

    def _text_width(self, index: Index) -> int:
        depth = 1 if index.parent().isValid() else 0
        return self._view.viewport().width() - self._view.indentation() * depth - 14

    @staticmethod
    def _small(font: QFont) -> QFont:
        small = QFont(font)
        small.setPointSizeF(max(font.pointSizeF() - 1.0, 7.0))
        return small

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        hint = super().sizeHint(option, index)
        mark = index.data(MARK_ROLE)
        width = self._text_width(index)
        if width <= 40:
            return hint
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        height = wrapped_height(option.font, width, text)
        if mark:
            height += 2 + wrapped_height(self._small(option.font), width, str(mark))
        return QSize(hint.width(), max(hint.height(), height + 10))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        mark = index.data(MARK_ROLE)
        if mark is None:  # a group row
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, opt.text = opt.text, ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        rect = opt.rect.adjusted(6, 5, -6, -4)
        flags = (
            int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft) | int(Qt.AlignmentFlag.AlignTop)
        )
        painter.save()
        painter.setFont(opt.font)
        group = QPalette.ColorGroup.Normal
        painter.setPen(
            opt.palette.color(
                group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
            )
        )
        used = painter.boundingRect(rect, flags, text)
        painter.drawText(rect, flags, text)
        if mark:
            painter.setFont(self._small(opt.font))
            colour = ONE_SIDE_TEXT if index.data(ONE_SIDE_ROLE) else MATCHED_TEXT
            if "★" in str(mark) and not index.data(ONE_SIDE_ROLE) and not str(mark).startswith("✓"):
                colour = CANDIDATE_TEXT
            painter.setPen(QColor(colour))
            painter.drawText(rect.adjusted(0, used.height() + 2, 0, 0), flags, str(mark))
        painter.restore()
