"""The "Team switch" tab: each team plays the other, then both versions side by side.

A pair (Marketing plays Sales) has a preparation and a presentation time box. For the selected
pair, the players' version of the played team's goals and plan sits beside the real team's own;
items without a match on the other side (the common-theme rule) are marked in colour and words.
Each team writes what it had not seen. Any item can become a candidate for the played team.

Keyboard first, in a side: Enter adds an item of the selected kind, Alt+G a goal, Alt+L a plan
step, F2 edits, Delete removes, Alt+Up / Alt+Down move, Ctrl+T turns a goal into a plan step (and
back), Ctrl+Shift+K makes a candidate; every edit is undoable.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPalette,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from offsite.domain.errors import OffsiteError
from offsite.domain.exercises import (
    BrainstormView,
    Exercise,
    SwitchItemKind,
    SwitchItemView,
    SwitchSide,
    TeamSwitchView,
)
from offsite.domain.themes import MATCH_RULE_TEXT, match_items
from offsite.domain.values import Kind, TeamView
from offsite.gui.binding import FieldBinding
from offsite.gui.commands import CreateCommand, RemoveCommand, ReorderCommand, UpdateCommand
from offsite.gui.delegates import reveal_row, take_back_on_escape
from offsite.gui.document import EditCommand, PlanDocument
from offsite.gui.fit import keep_wrapped_text_whole
from offsite.gui.forms import Form
from offsite.gui.keys import shortcut
from offsite.gui.models import ID_ROLE
from offsite.gui.page import Page
from offsite.gui.projection import Projection, switch_projection
from offsite.gui.theme import INK_ON_TINT, tone
from offsite.services import brainstorm, changes
from offsite.services.changes import Created, Removed

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

#: What a new item says until the facilitator types over it (it opens selected in an editor).
PLACEHOLDERS = {SwitchItemKind.GOAL: "New goal", SwitchItemKind.PLAN: "New plan step"}
GROUP_TITLES = {SwitchItemKind.GOAL: "Goals", SwitchItemKind.PLAN: "Plan"}
KINDS = (SwitchItemKind.GOAL, SwitchItemKind.PLAN)
PLAYERS_VERSION = "the players' version"

#: The comparison mark of an item: its words (shown under the item) and its role value.
MARK_ROLE = Qt.ItemDataRole.UserRole + 40
ONE_SIDE_ROLE = Qt.ItemDataRole.UserRole + 41
ONE_SIDE_BACKGROUND = "#fff4e0"
ONE_SIDE_TEXT = "#8a5300"
MATCHED_TEXT = "#1b7f3b"
CANDIDATE_TEXT = "#2f5f8f"
GROUP_BACKGROUND = "#f3f5f8"

KEYS_HINT = (
    "Keys in a side: Enter add an item of the selected kind · Alt+G add a goal · Alt+L add a plan step · "
    "F2 edit · Delete remove · Alt+↑/↓ move · Ctrl+T goal ⇄ plan step · Ctrl+Shift+K make a candidate · "
    "Ctrl+Z undo. In the pairs: Delete removes a pair."
)
#: The same keys for Help ▸ Keyboard shortcuts: (keys, what they do).
KEYS = (
    ("Enter", "Add an item of the selected kind"),
    ("Alt+G", "Add a goal"),
    ("Alt+L", "Add a plan step"),
    ("F2", "Edit the selected item"),
    ("Delete", "Remove the selected item (in the pairs: the pair)"),
    ("Alt+↑ / Alt+↓", "Move the item up or down"),
    ("Ctrl+T", "Turn a goal into a plan step, or back"),
    ("Ctrl+Shift+K", "Make a candidate of the selected item"),
)


class SwitchForm(Form):
    ui_file = "brainstorm_switch.ui"
    switchIntro: QLabel
    splitter: QSplitter
    pairsList: QListWidget
    playerCombo: QComboBox
    playedCombo: QComboBox
    addPairButton: QPushButton
    removePairButton: QPushButton
    pairTitle: QLabel
    prepareSpin: QSpinBox
    presentSpin: QSpinBox
    playedTitle: QLabel
    playedView: QTreeView
    realTitle: QLabel
    realView: QTreeView
    ruleLabel: QLabel
    addGoalButton: QPushButton
    addPlanButton: QPushButton
    removeItemButton: QPushButton
    candidateButton: QPushButton
    playerNoteLabel: QLabel
    playerNote: QPlainTextEdit
    playedNoteLabel: QLabel
    playedNote: QPlainTextEdit
    keysHint: QLabel
    statusLabel: QLabel


def possessive(name: str) -> str:
    """As the candidates' origin labels write it: “Sales'”, “Marketing's”."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[: limit - 1].rstrip() + '…'}”"


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass(frozen=True, slots=True)
class Mark:
    """How an item compares with the other side: ``matched`` is the other side's text, or None."""

    matched: str | None
    words: str


def compare(switch: TeamSwitchView, played_name: str) -> dict[int, Mark]:
    """Each item's comparison mark, by item id (see ``offsite.domain.themes.match_items``)."""
    played, real = switch.side(SwitchSide.PLAYED), switch.side(SwitchSide.REAL)
    own = f"{possessive(played_name)} own"
    marks: dict[int, Mark] = {}
    for match in match_items([i.text for i in played], [i.text for i in real]):
        one, other = played[match.played], real[match.real]
        marks[one.id] = Mark(other.text, f"✓ Also in {own}: {_quote(other.text, 48)}")
        marks[other.id] = Mark(one.text, f"✓ Also in {PLAYERS_VERSION}: {_quote(one.text, 48)}")
    for item in played:
        marks.setdefault(item.id, Mark(None, f"● Only in {PLAYERS_VERSION}"))
    for item in real:
        marks.setdefault(item.id, Mark(None, f"● Only in {own}"))
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
        groups: dict[SwitchItemKind, list[int]] = {kind: [] for kind in KINDS}
        for item in items:
            groups[item.kind].append(item.id)
        if groups == self._groups:
            self._items = {i.id: i for i in items}
            self._marks, self._candidates = dict(marks), candidate_uids
            for item in items:
                index = self.index_of(item.id)
                self.dataChanged.emit(index, index)
            for row in range(len(KINDS)):
                self.dataChanged.emit(self.index(row, 0), self.index(row, 0))
            return
        self.beginResetModel()
        self._items = {i.id: i for i in items}
        self._groups = groups
        self._row = {i: row for ids in groups.values() for row, i in enumerate(ids)}
        self._marks, self._candidates = dict(marks), candidate_uids
        self.endResetModel()

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
    def index(self, row: int, column: int, parent: Index = _ROOT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, self._GROUP + row)
        kind = self.kind_at(parent)
        assert kind is not None
        return self.createIndex(row, column, self._groups[kind][row])

    def parent(self, index: Index = _ROOT) -> QModelIndex:  # type: ignore[override]
        item = self.item_at(index)
        if item is None:
            return QModelIndex()
        return self.group_index(item.kind)

    def rowCount(self, parent: Index = _ROOT) -> int:
        if not parent.isValid():
            return len(KINDS)
        if parent.column() != 0 or int(parent.internalId()) < self._GROUP:
            return 0
        return len(self._groups[KINDS[int(parent.internalId()) - self._GROUP]])

    def columnCount(self, parent: Index = _ROOT) -> int:
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
                words += "   ★ candidate"
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
            return f"{GROUP_TITLES[kind]}  ({count})" if count else f"{GROUP_TITLES[kind]}  — none yet"
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(GROUP_BACKGROUND))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(INK_ON_TINT))
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"Select and press Enter to add a {'goal' if kind is SwitchItemKind.GOAL else 'plan step'}"
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
        flags = int(Qt.TextFlag.TextWordWrap)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        height = QFontMetrics(option.font).boundingRect(QRect(0, 0, width, 10_000), flags, text).height()
        if mark:
            small = QFontMetrics(self._small(option.font))
            height += 2 + small.boundingRect(QRect(0, 0, width, 10_000), flags, str(mark)).height()
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


class NoteCommand(EditCommand):
    """Write a team's empathy note; one typing burst (same ``merge_key``) is one undo step."""

    def __init__(
        self, document: PlanDocument, switch_id: int, team_id: int, text: str, merge_key: object
    ) -> None:
        super().__init__(document, "Edit what we had not seen", {Kind.EMPATHY_NOTE})
        self.switch_id, self.team_id, self.text_value, self.merge_key = switch_id, team_id, text, merge_key
        self.note_id: int | None = None
        self.created = False
        self.previous_text = ""
        self._removed: Removed | None = None

    def first(self) -> None:
        result = brainstorm.set_empathy_note(
            self.document.plan, self.switch_id, self.team_id, self.text_value
        )
        self.note_id = result.id
        self.created = isinstance(result, Created)
        if not self.created:
            self.previous_text = str(result.previous["text"])  # type: ignore[union-attr]

    def again(self) -> None:
        assert self.note_id is not None
        if self.created:
            assert self._removed is not None
            changes.restore(self.document.plan, self._removed)
        else:
            changes.update_fields(
                self.document.plan, Kind.EMPATHY_NOTE, self.note_id, {"text": self.text_value}
            )

    def revert(self) -> None:
        assert self.note_id is not None
        if self.created:
            self._removed = changes.remove(self.document.plan, Kind.EMPATHY_NOTE, self.note_id)
        else:
            changes.update_fields(
                self.document.plan, Kind.EMPATHY_NOTE, self.note_id, {"text": self.previous_text}
            )

    def id(self) -> int:
        return 0x5A17

    def mergeWith(self, other: Any) -> bool:
        if not isinstance(other, NoteCommand) or other.merge_key != self.merge_key:
            return False
        self.text_value = other.text_value
        return True


class NoteBinding(FieldBinding):
    """An empathy note editor: saved as you type, one undo step per burst, the note made on first key."""

    def __init__(
        self, document: PlanDocument, editor: QPlainTextEdit, target: Callable[[], tuple[int, int] | None]
    ) -> None:
        super().__init__(document, editor, Kind.EMPATHY_NOTE, "text", "note", lambda: None)
        self._target = target

    def _commit(self, value: Any) -> None:
        if self._showing:
            return
        target = self._target()
        if target is None:
            return
        switch_id, team_id = target
        self._execute(
            NoteCommand(self.document, switch_id, team_id, str(value), (switch_id, team_id, self._burst))
        )


class SwitchTab(Page):
    shows = frozenset({Kind.SWITCH, Kind.SWITCH_ITEM, Kind.EMPATHY_NOTE, Kind.TEAM, Kind.CANDIDATE})

    def __init__(self, document: PlanDocument) -> None:
        super().__init__(document)
        self.ui = ui = SwitchForm.setup(self)
        self.brainstorm = BrainstormView()
        self.teams: tuple[TeamView, ...] = ()
        self.switch_id: int | None = None
        self._loading = False
        self._active_side = SwitchSide.PLAYED
        self._selected: dict[SwitchSide, int | None] = {SwitchSide.PLAYED: None, SwitchSide.REAL: None}
        self._minute_bursts = {"prepare_minutes": 0, "present_minutes": 0}

        ui.keysHint.setText(KEYS_HINT)
        ui.ruleLabel.setText(MATCH_RULE_TEXT)
        ui.splitter.setStretchFactor(0, 1)
        ui.splitter.setStretchFactor(1, 4)
        ui.splitter.setSizes([250, 800])
        keep_wrapped_text_whole(self)
        ui.playerNote.setPlaceholderText("What we had not seen…")
        ui.playedNote.setPlaceholderText("What we had not seen…")
        ui.pairsList.installEventFilter(self)
        ui.pairsList.currentItemChanged.connect(lambda current, _previous: self._on_pair(current))

        self.models: dict[SwitchSide, SideModel] = {}
        self.views = {SwitchSide.PLAYED: ui.playedView, SwitchSide.REAL: ui.realView}
        for side, view in self.views.items():
            model = SideModel(side, self._edit_text, view)
            self.models[side] = model
            view.setModel(model)
            view.setItemDelegate(ItemDelegate(view))
            view.setHeaderHidden(True)
            view.setRootIsDecorated(False)
            view.setItemsExpandable(False)
            view.setIndentation(14)
            view.setWordWrap(True)
            view.setUniformRowHeights(False)
            view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            view.setEditTriggers(
                QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
            )
            view.installEventFilter(self)
            view.viewport().installEventFilter(self)
            view.selectionModel().currentChanged.connect(
                lambda current, _previous, s=side: self._on_current(s, current)
            )
        ui.playedView.setAccessibleName("The players' version")
        ui.realView.setAccessibleName("The real team's own")
        self.setTabOrder(ui.playedView, ui.realView)

        self.note_bindings = {
            "player": NoteBinding(document, ui.playerNote, lambda: self._note_target("player")),
            "played": NoteBinding(document, ui.playedNote, lambda: self._note_target("played")),
        }
        ui.prepareSpin.valueChanged.connect(lambda value: self._set_minutes("prepare_minutes", value))
        ui.presentSpin.valueChanged.connect(lambda value: self._set_minutes("present_minutes", value))
        ui.prepareSpin.editingFinished.connect(lambda: self._end_minutes_burst("prepare_minutes"))
        ui.presentSpin.editingFinished.connect(lambda: self._end_minutes_burst("present_minutes"))

        ui.addPairButton.clicked.connect(self.add_pair)
        ui.removePairButton.clicked.connect(self.remove_pair)
        ui.addGoalButton.clicked.connect(lambda: self.add_item(SwitchItemKind.GOAL))
        ui.addPlanButton.clicked.connect(lambda: self.add_item(SwitchItemKind.PLAN))
        ui.removeItemButton.clicked.connect(lambda: self.remove_item())
        ui.candidateButton.clicked.connect(lambda: self.make_candidate())
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        shortcut(QKeySequence("Ctrl+Shift+K"), self, self.make_candidate, context)

    def make_read_only(self) -> None:
        super().make_read_only()
        self.ui.pairsList.setEnabled(True)  # choosing which pair to see changes nothing

    # -- loading -------------------------------------------------------------------------
    def load(self, document: PlanDocument) -> None:
        self._loading = True
        try:
            self.teams = document.view().teams
            self.brainstorm = brainstorm.read_brainstorm(document.plan)
            self._fill_combos()
            self._fill_pairs()
            self._show_switch()
        finally:
            self._loading = False
        self._enable()

    def team_name(self, team_id: int) -> str:
        return next((t.name for t in self.teams if t.id == team_id), "A team")

    def pair_name(self, switch: TeamSwitchView) -> str:
        return f"{self.team_name(switch.player_team_id)} plays {self.team_name(switch.played_team_id)}"

    def current_switch(self) -> TeamSwitchView | None:
        return next((s for s in self.brainstorm.switches if s.id == self.switch_id), None)

    def _fill_combos(self) -> None:
        wanted = [(t.name, t.id) for t in self.teams]
        for position, combo in enumerate((self.ui.playerCombo, self.ui.playedCombo)):
            have = [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())]
            if have == wanted:
                continue
            keep = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for name, team_id in wanted:
                combo.addItem(name, team_id)
            found = combo.findData(keep) if keep is not None else -1
            combo.setCurrentIndex(found if found >= 0 else min(position, combo.count() - 1))
            combo.blockSignals(False)

    def _fill_pairs(self) -> None:
        listing = self.ui.pairsList
        switches = self.brainstorm.switches
        if self.switch_id not in {s.id for s in switches}:
            self.switch_id = switches[0].id if switches else None
        listing.blockSignals(True)
        listing.clear()
        for switch in switches:
            counts = (len(switch.side(SwitchSide.PLAYED)), len(switch.side(SwitchSide.REAL)))
            item = QListWidgetItem(
                f"{self.pair_name(switch)}\n"
                f"{switch.prepare_minutes} min to prepare · {switch.present_minutes} to present"
            )
            item.setData(Qt.ItemDataRole.UserRole, switch.id)
            item.setToolTip(
                f"{self.pair_name(switch)}: {counts[0]} item(s) in the players' version, "
                f"{counts[1]} in {possessive(self.team_name(switch.played_team_id))} own"
            )
            listing.addItem(item)
            if switch.id == self.switch_id:
                listing.setCurrentItem(item)
        if not switches:
            empty = QListWidgetItem("No pair yet: choose who plays whom below, then Add pair.")
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            listing.addItem(empty)
        listing.blockSignals(False)

    def _show_switch(self) -> None:
        ui, switch = self.ui, self.current_switch()
        if switch is None:
            ui.pairTitle.setText("<span style='font-size:15px'><b>No pair selected</b></span>")
            ui.playedTitle.setText("<b>The players' version</b>")
            ui.realTitle.setText("<b>The real team's own</b>")
            ui.playerNoteLabel.setText("<b>The players</b> — what we had not seen")
            ui.playedNoteLabel.setText("<b>The played team</b> — what we had not seen")
            for model in self.models.values():
                model.set_items((), {}, frozenset())
            for binding in self.note_bindings.values():
                binding.show("")
            return
        player, played = self.team_name(switch.player_team_id), self.team_name(switch.played_team_id)
        ui.pairTitle.setText(
            f"<span style='font-size:15px'><b>{_esc(player)} plays {_esc(played)}</b></span>"
        )
        ui.playedTitle.setText(
            f"<b>{_esc(played)}, as {_esc(player)} presented it</b>"
            f"<br><span style='color:{tone('muted')}'>The players' version</span>"
        )
        ui.realTitle.setText(
            f"<b>{_esc(possessive(played))} own</b>"
            f"<br><span style='color:{tone('muted')}'>The real team's goals and plan</span>"
        )
        ui.playerNoteLabel.setText(f"<b>{_esc(player)}</b> (the players) — what we had not seen")
        ui.playedNoteLabel.setText(f"<b>{_esc(played)}</b> — what we had not seen")
        if ui.prepareSpin.value() != switch.prepare_minutes:
            ui.prepareSpin.setValue(switch.prepare_minutes)
        if ui.presentSpin.value() != switch.present_minutes:
            ui.presentSpin.setValue(switch.present_minutes)
        marks = compare(switch, played)
        candidates = frozenset(
            c.origin_uid
            for c in self.brainstorm.candidates
            if c.exercise is Exercise.TEAM_SWITCH and c.origin_uid
        )
        for side, model in self.models.items():
            model.set_items(switch.side(side), marks, candidates)
            self.views[side].expandAll()
            self._restore(side)
        for which, team_id in (("player", switch.player_team_id), ("played", switch.played_team_id)):
            note = switch.note(team_id)
            self.note_bindings[which].show(note.text if note is not None else "")

    def _restore(self, side: SwitchSide) -> None:
        selected = self._selected[side]
        if selected is None:
            return
        index = self.models[side].index_of(selected)
        if not index.isValid():
            self._selected[side] = None
            return
        view = self.views[side]
        if view.currentIndex() != index:
            view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def _enable(self) -> None:
        if self.property("readOnly"):
            return
        ui = self.ui
        has_pair = self.current_switch() is not None
        for widget in (
            ui.prepareSpin,
            ui.presentSpin,
            ui.playedView,
            ui.realView,
            ui.addGoalButton,
            ui.addPlanButton,
            ui.playerNote,
            ui.playedNote,
        ):
            widget.setEnabled(has_pair)
        ui.removePairButton.setEnabled(has_pair)
        ui.addPairButton.setEnabled(len(self.teams) >= 2)
        item = self.current_item()
        ui.removeItemButton.setEnabled(item is not None)
        ui.candidateButton.setEnabled(item is not None)

    def _on_pair(self, current: QListWidgetItem | None) -> None:
        switch_id = current.data(Qt.ItemDataRole.UserRole) if current is not None else None
        if not isinstance(switch_id, int) or switch_id == self.switch_id:
            return
        self.switch_id = switch_id
        self._selected = dict.fromkeys(self._selected)
        self._loading = True
        try:
            self._show_switch()
        finally:
            self._loading = False
        self._enable()
        self.projectionChanged.emit()

    def first_view(self) -> QWidget | None:
        """Where Alt+3 puts the keyboard: the active side of the pair, or the pairs when there is none."""
        return self.views[self._active_side] if self.current_switch() is not None else self.ui.pairsList

    def projection(self) -> Projection | None:
        """The selected pair: both versions side by side, matches and one-side-only items marked."""
        switch = self.current_switch()
        if switch is None:
            return switch_projection(None, "", "", {})
        player, played = self.team_name(switch.player_team_id), self.team_name(switch.played_team_id)
        marks = {item_id: (mark.matched, mark.words) for item_id, mark in compare(switch, played).items()}
        return switch_projection(switch, player, played, marks)

    def _on_current(self, side: SwitchSide, current: QModelIndex) -> None:
        item = self.models[side].item_at(current)
        self._selected[side] = item.id if item is not None else None
        self._active_side = side
        self._enable()

    # -- what is selected ----------------------------------------------------------------
    def select_pair(self, switch_id: int) -> None:
        listing = self.ui.pairsList
        for row in range(listing.count()):
            if listing.item(row).data(Qt.ItemDataRole.UserRole) == switch_id:
                listing.setCurrentRow(row)
                return

    def current_item(self, side: SwitchSide | None = None) -> SwitchItemView | None:
        side = side or self._active_side
        return self.models[side].item_at(self.views[side].currentIndex())

    def select_item(self, side: SwitchSide, item_id: int, *, edit: bool = False) -> None:
        """Make ``item_id`` the selected item of ``side`` (opening its editor when asked)."""
        if self._stale:
            self.reload()
        self._selected[side] = item_id
        self._active_side = side
        index = self.models[side].index_of(item_id)
        if not index.isValid():
            return
        view = self.views[side]
        view.setFocus()
        view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        reveal_row(view, index)  # the reload that just ran lays rows out late
        if edit:
            view.edit(index)
            editor = view.indexWidget(index)
            if isinstance(editor, QLineEdit):
                editor.selectAll()

    def say(self, text: str, *, warning: bool = False) -> None:
        label = self.ui.statusLabel
        label.setText(text)
        label.setProperty("guidance", "advice" if warning else None)
        label.style().unpolish(label)
        label.style().polish(label)

    # -- keyboard --------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and any(v.viewport() is watched for v in self.views.values()):
            view = watched.parent()
            if isinstance(view, QTreeView):
                view.doItemsLayout()  # rows re-wrap at the new width
            return False
        key_event = isinstance(event, QKeyEvent) and event.type() in (
            QEvent.Type.KeyPress,
            QEvent.Type.ShortcutOverride,
        )
        if watched is self.ui.pairsList:
            deleting = isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Delete
            if key_event and deleting and not self.property("readOnly"):
                if event.type() == QEvent.Type.KeyPress:
                    self.remove_pair()
                else:
                    event.accept()
                return True
            return super().eventFilter(watched, event)
        side = next((s for s, v in self.views.items() if v is watched), None)
        if side is None:
            return super().eventFilter(watched, event)
        if event.type() == QEvent.Type.FocusIn:
            self._active_side = side
            self._enable()
        view = self.views[side]
        if (
            key_event
            and not self.property("readOnly")
            and view.state() != QAbstractItemView.State.EditingState
        ):
            assert isinstance(event, QKeyEvent)
            action = self._key_action(event)
            if action is not None:
                if event.type() == QEvent.Type.ShortcutOverride:
                    event.accept()  # the key is ours: no window shortcut takes it
                else:
                    self._active_side = side
                    action(side)
                return True
        return super().eventFilter(watched, event)

    def _key_action(self, event: QKeyEvent) -> Callable[[SwitchSide], None] | None:
        key = event.key()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        none, alt = Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.AltModifier
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and modifiers == none:
            return lambda side: self.add_item(None, side)
        if key == Qt.Key.Key_Delete and modifiers == none:
            return lambda side: self.remove_item(side)
        if key == Qt.Key.Key_T and modifiers == Qt.KeyboardModifier.ControlModifier:
            return self.toggle_kind
        if key == Qt.Key.Key_Up and modifiers == alt:
            return lambda side: self.move_item(side, -1)
        if key == Qt.Key.Key_Down and modifiers == alt:
            return lambda side: self.move_item(side, +1)
        return None

    # -- pairs -----------------------------------------------------------------------------
    def add_pair(self) -> None:
        """Pair the teams chosen in the two lists; a refusal is said on the status line."""
        player, played = self.ui.playerCombo.currentData(), self.ui.playedCombo.currentData()
        if not isinstance(player, int) or not isinstance(played, int):
            self.say("Add two teams in Prepare first: a pair is one team playing another.", warning=True)
            return
        existing = next(
            (s for s in self.brainstorm.switches if (s.player_team_id, s.played_team_id) == (player, played)),
            None,
        )
        if existing is not None:
            self.select_pair(existing.id)
            self.say(f"{self.pair_name(existing)} is already a pair: it is selected.", warning=True)
            return
        doc = self.document
        command = CreateCommand(
            doc,
            "Add team switch pair",
            Kind.SWITCH,
            lambda: brainstorm.add_team_switch(doc.plan, player, played),
        )
        if self._execute_here(command) and command.created_id is not None:
            self.switch_id = command.created_id
            self._selected = dict.fromkeys(self._selected)
            self.reload()
            self.select_pair(command.created_id)
            # The return match is the likely next pair: offer it.
            for combo, team_id in ((self.ui.playerCombo, played), (self.ui.playedCombo, player)):
                combo.setCurrentIndex(max(combo.findData(team_id), 0))
            view = self.views[SwitchSide.PLAYED]
            view.setFocus()
            view.setCurrentIndex(self.models[SwitchSide.PLAYED].group_index(SwitchItemKind.GOAL))
            self.say(
                f"Added the pair {self.team_name(player)} plays {self.team_name(played)}: "
                "press Enter to record the players' first goal."
            )

    def _execute_here(self, command: EditCommand) -> bool:
        """``document.execute``, except that a refusal shows on this tab's status line, not in a dialog."""
        try:
            command.apply()
        except OffsiteError as error:
            self.say(str(error), warning=True)
            return False
        doc = self.document
        doc.undo_stack.push(command)
        doc.saved.emit()
        doc.notify(command.kinds)
        return True

    def remove_pair(self) -> None:
        switch = self.current_switch()
        if switch is None:
            self.say("Select a pair to remove first.", warning=True)
            return
        switches = self.brainstorm.switches
        position = next(i for i, s in enumerate(switches) if s.id == switch.id)
        rest = [s.id for s in switches if s.id != switch.id]
        following = rest[min(position, len(rest) - 1)] if rest else None
        name = self.pair_name(switch)
        if self.document.execute(
            RemoveCommand(
                self.document,
                "Remove team switch pair",
                Kind.SWITCH,
                switch.id,
                also=(Kind.SWITCH_ITEM, Kind.EMPATHY_NOTE),
            )
        ):
            self.switch_id = following
            self._selected = dict.fromkeys(self._selected)
            self.reload()
            self.say(f"Removed the pair {name} (Ctrl+Z brings it back).")

    def _set_minutes(self, field: str, value: int) -> None:
        switch = self.current_switch()
        if self._loading or switch is None or getattr(switch, field) == value:
            return
        self.document.execute(
            UpdateCommand(
                self.document,
                "Edit time box",
                Kind.SWITCH,
                switch.id,
                {field: value},
                merge_key=(Kind.SWITCH, switch.id, field, self._minute_bursts[field]),
            )
        )

    def _end_minutes_burst(self, field: str) -> None:
        self._minute_bursts[field] += 1

    def _note_target(self, which: str) -> tuple[int, int] | None:
        switch = self.current_switch()
        if switch is None or self._loading:
            return None
        return switch.id, switch.player_team_id if which == "player" else switch.played_team_id

    # -- items -----------------------------------------------------------------------------
    def add_item(self, kind: SwitchItemKind | None = None, side: SwitchSide | None = None) -> None:
        """Add a goal or plan step to ``side`` (the active side), ready to type over."""
        switch = self.current_switch()
        if switch is None:
            self.say("Add or select a pair first.", warning=True)
            return
        side = side or self._active_side
        if kind is None:
            kind = self.models[side].kind_at(self.views[side].currentIndex()) or SwitchItemKind.GOAL
        doc, switch_id, text = self.document, switch.id, PLACEHOLDERS[kind]
        command = CreateCommand(
            doc,
            f"Add {'goal' if kind is SwitchItemKind.GOAL else 'plan step'}",
            Kind.SWITCH_ITEM,
            lambda: brainstorm.add_switch_item(doc.plan, switch_id, side, kind, text),
        )
        if doc.execute(command) and command.created_id is not None:
            self.select_item(side, command.created_id, edit=True)
            take_back_on_escape(self.views[side], command)

    def _edit_text(self, item_id: int, text: str) -> None:
        self.document.execute(
            UpdateCommand(self.document, "Edit team switch item", Kind.SWITCH_ITEM, item_id, {"text": text})
        )

    def remove_item(self, side: SwitchSide | None = None) -> None:
        side = side or self._active_side
        item = self.current_item(side)
        if item is None:
            self.say("Select a goal or plan step to remove first.", warning=True)
            return
        model = self.models[side]
        ids = model.ids(item.kind)
        position = ids.index(item.id)
        rest = [i for i in ids if i != item.id]
        following = rest[min(position, len(rest) - 1)] if rest else None
        if self.document.execute(
            RemoveCommand(self.document, "Remove team switch item", Kind.SWITCH_ITEM, item.id)
        ):
            if following is not None:
                self.select_item(side, following)
            else:
                self._selected[side] = None
                view = self.views[side]
                view.setFocus()
                view.setCurrentIndex(model.group_index(item.kind))

    def move_item(self, side: SwitchSide, step: int) -> None:
        item = self.current_item(side)
        if item is None:
            return
        ids = self.models[side].ids(item.kind)
        position = ids.index(item.id)
        target = position + step
        if not 0 <= target < len(ids):
            return
        ids[position], ids[target] = ids[target], ids[position]
        if self.document.execute(ReorderCommand(self.document, "Move item", Kind.SWITCH_ITEM, ids)):
            self.select_item(side, item.id)

    def toggle_kind(self, side: SwitchSide | None = None) -> None:
        """Turn the selected goal into a plan step, or the plan step into a goal."""
        side = side or self._active_side
        item = self.current_item(side)
        if item is None:
            self.say("Select a goal or plan step first.", warning=True)
            return
        kind = SwitchItemKind.PLAN if item.kind is SwitchItemKind.GOAL else SwitchItemKind.GOAL
        if self.document.execute(
            UpdateCommand(self.document, "Change item kind", Kind.SWITCH_ITEM, item.id, {"kind": kind.value})
        ):
            self.select_item(side, item.id)
            self.say(
                f"{_quote(item.text, 40)} is now a {'goal' if kind is SwitchItemKind.GOAL else 'plan step'}."
            )

    def make_candidate(self, side: SwitchSide | None = None) -> None:
        """Put the selected item in the played team's candidates, remembering where it came from."""
        if self.property("readOnly"):
            return
        switch = self.current_switch()
        item = self.current_item(side)
        if switch is None or item is None:
            self.say("Select a goal or plan step to make it a candidate.", warning=True)
            return
        doc, team_id = self.document, switch.played_team_id
        command = CreateCommand(
            doc,
            "Make candidate",
            Kind.CANDIDATE,
            lambda: brainstorm.add_candidate(doc.plan, item.text, team_id, Exercise.TEAM_SWITCH, item.uid),
        )
        if doc.execute(command):
            self.say(f"Added to {possessive(self.team_name(team_id))} candidates: {_quote(item.text)}")
