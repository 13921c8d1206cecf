"""The dialogs of drafting: whose draft pack to export, a new draft, and the merge preview.

``offsite.gui.drafts`` opens them (File ▸ New Draft, Export Draft Pack, Merge Drafts); this module
loads the first time one is shown, so the window does not pay for their widgets at start.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QKeyEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from offsite.domain.drafting import Change, Side, dependants, needed
from offsite.domain.formatting import format_number
from offsite.domain.language import QT_TRANSLATE_NOOP, plural, translate
from offsite.gui.draft_words import day
from offsite.gui.rich_text import literal as html_escaped
from offsite.gui.trees import child_items, top_level_items

if TYPE_CHECKING:
    from offsite.domain.drafting import Proposal
    from offsite.exchange.drafts import Choice, DraftPreview, MergePreview

Index = QModelIndex | QPersistentModelIndex

ERROR_COLOR = "#b42318"
ADVICE_COLOR = "#9a5b00"
NOTE_COLOR = "#4b5563"
#: Each change's chip: (background, text).
CHIP_COLORS = {
    Change.ADD: ("#e3f4e8", "#14632f"),
    Change.CHANGE: ("#e4eefc", "#1a4d8f"),
    Change.REMOVE: ("#eceef1", "#374151"),
    Change.CONFLICT: ("#fff0cc", "#7a4a00"),
}
#: The chip's word for each change, in the leader's language (``Change.label`` is the English).
CHANGE_WORDS = {
    Change.ADD: QT_TRANSLATE_NOOP("Drafts", "Adds"),
    Change.CHANGE: QT_TRANSLATE_NOOP("Drafts", "Changes"),
    Change.REMOVE: QT_TRANSLATE_NOOP("Drafts", "Removes"),
    Change.CONFLICT: QT_TRANSLATE_NOOP("Drafts", "Conflict"),
}
SIDE_WORDS = {
    Side.PLAN: QT_TRANSLATE_NOOP("Drafts", "Keep the plan’s"),
    Side.DRAFT: QT_TRANSLATE_NOOP("Drafts", "Take the draft’s"),
}
#: The keys of the merge preview, for its hint line.
PREVIEW_KEYS = QT_TRANSLATE_NOOP(
    "Drafts",
    "Space ticks or unticks · N next conflict · P keeps the plan’s · D takes the draft’s · "
    "Enter merges · Esc cancels",
)

CHOICE_ROLE = Qt.ItemDataRole.UserRole
DRAFT_ROLE = Qt.ItemDataRole.UserRole + 1
ITEM, CHANGE, DETAIL, SIDE = range(4)


def _frame(dialog: QDialog, name: str, title: str, intro: str) -> QVBoxLayout:
    """The dialog's name and title, and its layout opened with a wrapped line saying what it is for."""
    dialog.setObjectName(name)
    dialog.setWindowTitle(title)
    layout = QVBoxLayout(dialog)
    label = QLabel(intro, dialog)
    label.setWordWrap(True)
    layout.addWidget(label)
    return layout


def _buttons(dialog: QDialog, layout: QVBoxLayout, accept: str) -> QPushButton:
    """Cancel and the dialog's default button ``accept``, at the foot of ``layout``; the default button."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, dialog)
    button = buttons.addButton(accept, QDialogButtonBox.ButtonRole.AcceptRole)
    button.setDefault(True)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    return button


# -- asking who and what --------------------------------------------------------------------------
class LeaderDialog(QDialog):
    """Whose draft pack to export: the plan's leaders with their teams; Enter takes the selected one."""

    chosen = Signal(str)  # the leader's uid

    def __init__(self, leaders: Iterable[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = _frame(
            self,
            "leaderDialog",
            translate("Drafts", "Export draft pack — Offsite"),
            translate(
                "Drafts",
                "Whose draft pack? It holds the plan's teams, leaders, company goals and agenda; "
                "the leader drafts their team's objectives in it and brings it back to be merged.",
            ),
        )
        self.list = QListWidget(self)
        self.list.setObjectName("leaderList")
        self.list.setAccessibleName(translate("Drafts", "Leaders"))
        for uid, text in leaders:
            item = QListWidgetItem(text, self.list)
            item.setData(Qt.ItemDataRole.UserRole, uid)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _item: self.accept())
        layout.addWidget(self.list)
        self.export_button = _buttons(self, layout, translate("Drafts", "&Export…"))
        self.resize(460, 340)

    def accept(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        super().accept()
        self.chosen.emit(item.data(Qt.ItemDataRole.UserRole))


class NewDraftDialog(QDialog):
    """A leader starting a draft with nothing but the app: their name, their team, the offsite."""

    chosen = Signal(str, str, str)  # name, team, offsite title, as typed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = _frame(
            self,
            "newDraftDialog",
            translate("Drafts", "New draft — Offsite"),
            translate(
                "Drafts",
                "Draft your team's objectives before the offsite. Name your team as the plan does "
                "(for example “Sales”): the facilitator's merge matches it by name.",
            ),
        )
        form = QFormLayout()
        self.name_edit = self._field(form, translate("Drafts", "Your &name:"), "nameEdit", "Maya Okafor")
        self.team_edit = self._field(
            form, translate("Drafts", "Your &team:"), "teamEdit", translate("Drafts", "Sales")
        )
        self.title_edit = self._field(
            form,
            translate("Drafts", "The &offsite:"),
            "offsiteEdit",
            translate("Drafts", "Optional, e.g. FY27 offsite"),
        )
        layout.addLayout(form)
        self.ok_button = _buttons(self, layout, translate("Drafts", "&Choose Where to Save…"))
        for edit in (self.name_edit, self.team_edit):
            edit.textChanged.connect(self._follow)
        self._follow()
        self.resize(480, self.sizeHint().height())

    def _field(self, form: QFormLayout, label: str, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        form.addRow(label, edit)
        return edit

    def _follow(self) -> None:
        ready = bool(self.name_edit.text().strip() and self.team_edit.text().strip())
        self.ok_button.setEnabled(ready)
        self.ok_button.setToolTip("" if ready else translate("Drafts", "Give your name and your team first."))

    def accept(self) -> None:
        if not self.ok_button.isEnabled():
            return
        super().accept()
        self.chosen.emit(self.name_edit.text(), self.team_edit.text(), self.title_edit.text())


# -- the merge preview ----------------------------------------------------------------------------
class WrapDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped text at the column's current width (a tree only wraps painting)."""

    PADDING = 10

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        hint = super().sizeHint(option, index)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        tree = self.parent()
        if not text or not isinstance(tree, QTreeWidget):
            return hint
        font = index.data(Qt.ItemDataRole.FontRole) or option.font
        width = max(80, self._text_width(tree, index))
        bounds = QFontMetrics(font).boundingRect(QRect(0, 0, width, 100_000), Qt.TextFlag.TextWordWrap, text)
        return QSize(hint.width(), max(hint.height(), bounds.height() + self.PADDING))

    @staticmethod
    def _text_width(tree: QTreeWidget, index: Index) -> int:
        header = tree.header()
        if index.column() != ITEM:
            return header.sectionSize(index.column()) - 12
        depth = 1 if index.parent().isValid() else 0
        spanned = tree.isFirstColumnSpanned(index.row(), index.parent())
        width = tree.viewport().width() if spanned else header.sectionSize(ITEM)
        width -= tree.indentation() * (depth + 1) + 12
        if index.data(Qt.ItemDataRole.CheckStateRole) is not None:
            width -= tree.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) + 8
        return width


class ChipDelegate(QStyledItemDelegate):
    """The change as a coloured chip: Adds, Changes, Removes, Conflict."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        change = index.data(CHOICE_ROLE)
        base = QStyleOptionViewItem(option)
        self.initStyleOption(base, index)
        base.text = ""
        style = base.widget.style() if base.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, base, painter, base.widget)
        if change is None:
            return
        background, foreground = CHIP_COLORS[Change(change)]
        text = translate("Drafts", CHANGE_WORDS[Change(change)])
        font = QFont(option.font)
        font.setBold(True)
        metrics = QFontMetrics(font)
        rect: QRect = option.rect
        chip = QRect(0, 0, metrics.horizontalAdvance(text) + 16, metrics.height() + 4)
        chip.moveCenter(rect.center())
        chip.moveLeft(rect.left() + 6)  # centred in the row like the box and the text, left in the column
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(background))
        painter.drawRoundedRect(chip, chip.height() / 2, chip.height() / 2)
        painter.setPen(QColor(foreground))
        painter.setFont(font)
        painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()


class ProposalTree(QTreeWidget):
    """The preview's tree: lays its rows out again when a width changes, so wrapped text fits."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header().sectionResized.connect(lambda *_: self.scheduleDelayedItemsLayout())

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()


class MergePreviewDialog(QDialog):
    """What merging the drafts would do, draft by draft, item by item; the facilitator ticks what to take.

    A draft's row ticks all its items; unticking an item unticks what needs it, ticking one
    ticks what it needs. A conflict is taken only with a side (P: keep the plan's, D: take the
    draft's); Merge waits until every ticked conflict has one. ``mergeRequested`` asks the
    window to merge; it closes the dialog once the merge is in, or leaves it open to fix.
    """

    mergeRequested = Signal()

    def __init__(self, preview: MergePreview, plan_title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.sides: dict[Choice, Side] = {}
        self._choices: dict[Choice, tuple[DraftPreview, Proposal]] = {}
        self._rows: dict[Choice, QTreeWidgetItem] = {}
        self._syncing = False
        self.setObjectName("mergePreviewDialog")
        self.setWindowTitle(translate("Drafts", "Merge drafts — Offsite"))
        layout = QVBoxLayout(self)
        into = (
            f"<b>{html_escaped(plan_title)}</b> ({html_escaped(preview.plan_name)})"
            if plan_title
            else preview.plan_name
        )
        intro = QLabel(
            translate(
                "Drafts", "Tick what to bring into {plan}. The drafts themselves are not changed."
            ).format(plan=into)
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.tree = self._make_tree()
        layout.addWidget(self.tree, 1)
        layout.addLayout(self._make_side_buttons())
        self.keys_hint = QLabel(translate("Drafts", PREVIEW_KEYS))
        self.keys_hint.setObjectName("keysHint")
        layout.addWidget(self.keys_hint)
        layout.addLayout(self._make_footer())
        self._fill()
        self.tree.itemChanged.connect(self._on_item_changed)
        self.tree.currentItemChanged.connect(lambda *_: self._follow_current())
        self._keys = {
            Qt.Key.Key_Space: self.toggle_current,
            Qt.Key.Key_P: self.keep_plan,
            Qt.Key.Key_D: self.take_draft,
            Qt.Key.Key_N: self.next_conflict,
        }
        self.tree.installEventFilter(self)
        self._refresh()
        self._size_to(parent)
        self.tree.setFocus()

    # -- building -----------------------------------------------------------------------------
    def _make_tree(self) -> ProposalTree:
        tree = ProposalTree(self)
        tree.setObjectName("proposalTree")
        tree.setAccessibleName(translate("Drafts", "What each draft brings"))
        tree.setColumnCount(4)
        tree.setHeaderLabels(
            [
                translate("Drafts", "Item"),
                translate("Drafts", "Change"),
                translate("Drafts", "Detail"),
                translate("Drafts", "Side"),
            ]
        )
        tree.setWordWrap(True)
        tree.setUniformRowHeights(False)
        tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        tree.setAllColumnsShowFocus(True)
        tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        tree.setItemDelegate(WrapDelegate(tree))
        tree.setItemDelegateForColumn(CHANGE, ChipDelegate(tree))
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(DETAIL, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(CHANGE, QHeaderView.ResizeMode.Fixed)
        for column, width in ((ITEM, 360), (CHANGE, 96), (SIDE, 124)):
            header.resizeSection(column, width)
        return tree

    def _make_side_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(QLabel(translate("Drafts", "Selected conflict:")))
        self.plan_button = QPushButton(translate("Drafts", "Keep the &plan’s (P)"), self)
        self.draft_button = QPushButton(translate("Drafts", "Take the &draft’s (D)"), self)
        self.plan_button.setToolTip(
            translate("Drafts", "Keep what the plan has for this item; the draft's version is not merged.")
        )
        self.draft_button.setToolTip(
            translate("Drafts", "Replace the plan's version of this item with the draft's.")
        )
        for button in (self.plan_button, self.draft_button):
            button.setAutoDefault(False)
            row.addWidget(button)
        row.addStretch(1)
        self.plan_button.clicked.connect(self.keep_plan)
        self.draft_button.clicked.connect(self.take_draft)
        return row

    def _make_footer(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.status = QLabel(self)
        self.status.setObjectName("mergeStatus")
        self.status.setWordWrap(True)
        row.addWidget(self.status, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.merge_button = buttons.addButton(
            translate("Drafts", "&Merge"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.merge_button.setDefault(True)
        buttons.accepted.connect(self.request_merge)
        buttons.rejected.connect(self.reject)
        row.addWidget(buttons)
        return row

    def _size_to(self, parent: QWidget | None) -> None:
        room = parent.size() if parent is not None else QSize(1280, 800)
        self.resize(min(1120, max(720, room.width() - 120)), min(680, max(480, room.height() - 100)))

    def _fill(self) -> None:
        selected = self.preview.default_selection()
        for draft in self.preview.drafts:
            top = QTreeWidgetItem(self.tree)
            font = QFont(self.tree.font())
            font.setBold(True)
            top.setFont(ITEM, font)
            top.setFirstColumnSpanned(True)
            if draft.refused or draft.info is None:
                named = f"{draft.label} ({draft.name})" if draft.info is not None else draft.label
                top.setText(ITEM, translate("Drafts", "{draft} · cannot be merged").format(draft=named))
                top.setForeground(ITEM, QBrush(QColor(ERROR_COLOR)))
                self._add_line(top, draft.refused, ERROR_COLOR)
            else:
                top.setText(
                    ITEM,
                    translate("Drafts", "{draft} · made {day} · {tally}").format(
                        draft=draft.label, day=day(draft.info.made_at), tally=draft.tally
                    ),
                )
                top.setToolTip(ITEM, str(draft.path))
                top.setData(ITEM, DRAFT_ROLE, draft.info.uid)
                top.setFlags(top.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                top.setCheckState(ITEM, Qt.CheckState.Unchecked)
                for proposal in draft.proposals:
                    self._add_proposal(top, draft, proposal, (draft.info.uid, proposal.key) in selected)
                for note in draft.notes:
                    self._add_line(top, translate("Drafts", "Note: {note}").format(note=note), NOTE_COLOR)
            top.setExpanded(True)
        self._update_draft_rows()
        first = self.tree.topLevelItem(0)
        if first is not None:
            self.tree.setCurrentItem(first)

    def _add_proposal(
        self, top: QTreeWidgetItem, draft: DraftPreview, proposal: Proposal, ticked: bool
    ) -> None:
        assert draft.info is not None
        choice = (draft.info.uid, proposal.key)
        row = QTreeWidgetItem(top)
        row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        row.setText(ITEM, f"{proposal.noun} {proposal.label}")
        row.setData(ITEM, CHOICE_ROLE, choice)
        row.setCheckState(ITEM, Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        row.setData(CHANGE, CHOICE_ROLE, proposal.change.value)
        row.setToolTip(CHANGE, translate("Drafts", CHANGE_WORDS[proposal.change]))
        if proposal.change is Change.CONFLICT:
            lines = [
                translate("Drafts", "Plan: {side}").format(side=proposal.plan_side),
                translate("Drafts", "Draft: {side}").format(side=proposal.draft_side),
            ]
            if proposal.detail:
                lines.append(translate("Drafts", "Differs: {detail}").format(detail=proposal.detail))
            detail = "\n".join(lines)
        else:
            detail = proposal.detail
        row.setText(DETAIL, detail)
        row.setToolTip(DETAIL, detail)
        row.setToolTip(
            ITEM,
            f"{proposal.noun[:1].upper()}{proposal.noun[1:]} {proposal.label}"
            + (f"\n{detail}" if detail else ""),
        )
        self._choices[choice] = (draft, proposal)
        self._rows[choice] = row

    def _add_line(self, top: QTreeWidgetItem, text: str, color: str) -> None:
        """A row of words under a draft (why it is refused, a note): nothing to tick."""
        line = QTreeWidgetItem(top)
        line.setText(ITEM, text)
        line.setToolTip(ITEM, text)
        line.setForeground(ITEM, QBrush(QColor(color)))
        line.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        line.setFirstColumnSpanned(True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Space, P and D on the tree's selected row (Enter and Escape reach the dialog's buttons)."""
        if watched is self.tree and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            key = Qt.Key(event.key())
            plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if plain and key in self._keys:
                self._keys[key]()
                return True
        return super().eventFilter(watched, event)

    # -- ticking ----------------------------------------------------------------------------
    @contextmanager
    def _syncing_rows(self) -> Iterator[None]:
        self._syncing = True
        try:
            yield
        finally:
            self._syncing = False

    def _on_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._syncing or column != ITEM:
            return
        with self._syncing_rows():
            choice = item.data(ITEM, CHOICE_ROLE)
            ticked = item.checkState(ITEM) == Qt.CheckState.Checked
            if choice is not None:
                self._tick_related(tuple(choice), ticked)
            elif item.data(ITEM, DRAFT_ROLE) is not None:
                uid = item.data(ITEM, DRAFT_ROLE)
                self._tick([c for c in self._rows if c[0] == uid], ticked)
            self._update_draft_rows()
        self._refresh()

    def _tick_related(self, choice: Choice, ticked: bool) -> None:
        """Ticking an item ticks what it needs; unticking it unticks what needs it (same draft)."""
        draft, proposal = self._choices[choice]
        if ticked:
            keys = needed([proposal.key], draft.proposals, self.preview.plan_items)
        else:
            keys = dependants(proposal.key, draft.proposals)
        self._tick([(choice[0], key) for key in keys], ticked)

    def _tick(self, choices: Iterable[Choice], ticked: bool) -> None:
        state = Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        for choice in choices:
            row = self._rows.get(choice)
            if row is not None:
                row.setCheckState(ITEM, state)

    def _update_draft_rows(self) -> None:
        """Each draft's box: ticked when all its items are, partly when some are."""
        for top in top_level_items(self.tree):
            uid = top.data(ITEM, DRAFT_ROLE)
            if uid is None:
                continue
            states = {self._rows[c].checkState(ITEM) for c in self._rows if c[0] == uid}
            if states == {Qt.CheckState.Checked}:
                top.setCheckState(ITEM, Qt.CheckState.Checked)
            elif Qt.CheckState.Checked in states:
                top.setCheckState(ITEM, Qt.CheckState.PartiallyChecked)
            else:
                top.setCheckState(ITEM, Qt.CheckState.Unchecked)

    @Slot()
    def toggle_current(self) -> None:
        """Space: tick or untick the selected item, or a whole draft."""
        item = self.tree.currentItem()
        if item is None or item.data(ITEM, Qt.ItemDataRole.CheckStateRole) is None:
            return
        checked = item.checkState(ITEM) == Qt.CheckState.Checked
        item.setCheckState(ITEM, Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)

    @Slot()
    def next_conflict(self) -> None:
        """Select the next conflict after the current row (round to the first), so that P or D settles it."""
        rows = [self._rows[c] for c, (_d, p) in self._choices.items() if p.change is Change.CONFLICT]
        if not rows:
            return
        order = {id(row): i for i, row in enumerate(self._all_rows())}
        current = order.get(id(self.tree.currentItem()), -1)
        rows.sort(key=lambda row: order[id(row)])
        after = [row for row in rows if order[id(row)] > current]
        self.tree.setCurrentItem((after or rows)[0])

    def _all_rows(self) -> list[QTreeWidgetItem]:
        """Every row of the tree, top to bottom."""
        found = []
        for top in top_level_items(self.tree):
            found.append(top)
            found += child_items(top)
        return found

    @Slot()
    def keep_plan(self) -> None:
        self.choose_side(Side.PLAN)

    @Slot()
    def take_draft(self) -> None:
        self.choose_side(Side.DRAFT)

    def choose_side(self, side: Side) -> None:
        """Settle the selected conflict; choosing a side also takes the item into the merge."""
        choice = self.current_conflict()
        if choice is None:
            return
        self.sides[choice] = side
        row = self._rows[choice]
        if row.checkState(ITEM) != Qt.CheckState.Checked:
            row.setCheckState(ITEM, Qt.CheckState.Checked)  # ticks what it needs, through itemChanged
        self._refresh()

    def current_conflict(self) -> Choice | None:
        item = self.tree.currentItem()
        choice = item.data(ITEM, CHOICE_ROLE) if item is not None else None
        if choice is None or self._choices[tuple(choice)][1].change is not Change.CONFLICT:
            return None
        return tuple(choice)

    # -- what is chosen ---------------------------------------------------------------------
    def accepted_choices(self) -> set[Choice]:
        """The ticked items, as ``merge_drafts`` takes them."""
        return {c for c, row in self._rows.items() if row.checkState(ITEM) == Qt.CheckState.Checked}

    def chosen_sides(self) -> dict[Choice, Side]:
        """The sides of the ticked conflicts (a side of an unticked one is not merged)."""
        accepted = self.accepted_choices()
        return {c: side for c, side in self.sides.items() if c in accepted}

    def open_conflicts(self) -> list[Choice]:
        return [
            c
            for c in self.accepted_choices()
            if self._choices[c][1].change is Change.CONFLICT and c not in self.sides
        ]

    def taken_twice(self) -> Proposal | None:
        """An item whose draft side is taken in more than one draft: only one can win."""
        taken: dict[str, int] = {}
        for (_uid, key), side in self.chosen_sides().items():
            if side is Side.DRAFT:
                taken[key] = taken.get(key, 0) + 1
        return next(
            (p for c, (_d, p) in self._choices.items() if taken.get(c[1], 0) > 1),
            None,
        )

    def missing(self) -> str:
        """What stops the merge, in a sentence; empty when nothing does."""
        if not self.preview.mergeable:
            return translate("Drafts", "Nothing here can be merged: see why under each file.")
        if not any(d.proposals for d in self.preview.mergeable):
            return translate("Drafts", "These drafts bring nothing new: the plan already holds all of it.")
        waiting = len(self.open_conflicts())
        if waiting:
            return plural(
                waiting,
                translate("Drafts", "Choose a side for {count} conflict: select it, then P or D."),
                translate("Drafts", "Choose a side for {count} conflicts: select it, then P or D."),
            ).format(count=format_number(waiting))
        twice = self.taken_twice()
        if twice is not None:
            return translate(
                "Drafts",
                "Two drafts’ versions of {noun} {item} are taken: keep the plan’s (P) for one of them.",
            ).format(noun=twice.noun, item=twice.label)
        if not self.accepted_choices():
            return translate("Drafts", "Nothing is ticked: tick what to merge.")
        return ""

    def summary(self) -> str:
        """“Merging 9 items from 3 drafts.”, and the files left out (refused) if any."""
        accepted = self.accepted_choices()
        drafts = {uid for uid, _ in accepted}
        items = plural(
            len(accepted), translate("Drafts", "{count} item"), translate("Drafts", "{count} items")
        ).format(count=format_number(len(accepted)))
        from_drafts = plural(
            len(drafts), translate("Drafts", "{count} draft"), translate("Drafts", "{count} drafts")
        ).format(count=format_number(len(drafts)))
        text = translate("Drafts", "Merging {items} from {drafts}.").format(items=items, drafts=from_drafts)
        refused = sum(1 for d in self.preview.drafts if d.refused)
        if refused:
            text += " " + plural(
                refused,
                translate("Drafts", "{count} file left out: see why under it."),
                translate("Drafts", "{count} files left out: see why under each."),
            ).format(count=format_number(refused))
        return text

    def _refresh(self) -> None:
        for choice, (_draft, proposal) in self._choices.items():
            if proposal.change is Change.CONFLICT:
                self._show_side(choice)
        missing = self.missing()
        self.status.setText(missing or self.summary())
        self.status.setStyleSheet(f"color: {ADVICE_COLOR}; font-weight: 600;" if missing else "")
        self.merge_button.setEnabled(not missing)
        self.merge_button.setToolTip(
            missing or translate("Drafts", "Merge the ticked items into the plan (Enter); Ctrl+Z undoes it.")
        )
        self._follow_current()

    def _show_side(self, choice: Choice) -> None:
        row = self._rows[choice]
        side = self.sides.get(choice)
        ticked = row.checkState(ITEM) == Qt.CheckState.Checked
        with self._syncing_rows():
            if side is not None:
                row.setText(SIDE, translate("Drafts", SIDE_WORDS[side]))
                row.setForeground(SIDE, QBrush(QColor("#111827")))
            else:
                row.setText(SIDE, translate("Drafts", "Choose: P or D"))
                row.setForeground(SIDE, QBrush(QColor(ADVICE_COLOR if ticked else NOTE_COLOR)))

    def _follow_current(self) -> None:
        conflict = self.current_conflict() is not None
        self.plan_button.setEnabled(conflict)
        self.draft_button.setEnabled(conflict)

    @Slot()
    def request_merge(self) -> None:
        if not self.missing():
            self.mergeRequested.emit()


# -- the flows ------------------------------------------------------------------------------------
