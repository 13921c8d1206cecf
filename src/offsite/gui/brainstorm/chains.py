"""The translate("ChainsTab", "Ask why") tab: each team's ask-why chains side by side, their common themes and suggestions.

Keyboard first, in a chain: Enter answers the selected statement ("why?"), Ctrl+Enter starts a new
chain, Tab / Shift+Tab go deeper / shallower, F2 edits, Delete removes; every edit is undoable.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QTreeView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from offsite.domain.exercises import BrainstormView, Exercise, WhyNodeView
from offsite.domain.formatting import format_number
from offsite.domain.language import QT_TRANSLATE_NOOP, translate
from offsite.domain.themes import (
    ThemeNode,
    ThemeSuggestion,
    common_words,
    common_words_text,
    rule_text,
    significant_words,
    suggest_theme_pairs,
)
from offsite.domain.values import Change, Kind, TeamView
from offsite.gui.background import Computation, watch_quit
from offsite.gui.brainstorm.common import (
    BrainstormVerb,
    ids_of,
    make_candidate,
    patched_brainstorm,
    removal,
    select_row,
    wrapped_row_hint,
)
from offsite.gui.brainstorm.common import quote as _quote
from offsite.gui.brainstorm.tree import DepthFirstTree
from offsite.gui.commands import CreateCommand, RemoveCommand, UpdateCommand
from offsite.gui.delegates import take_back_on_escape
from offsite.gui.document import PlanDocument
from offsite.gui.fit import keep_wrapped_text_whole, stack_when_narrow
from offsite.gui.forms import Form
from offsite.gui.keys import shortcut
from offsite.gui.models import ID_ROLE
from offsite.gui.page import Page
from offsite.gui.projection import Projection, chain_projection
from offsite.gui.rich_text import literal as _esc
from offsite.gui.theme import INK_ON_TINT
from offsite.services import brainstorm

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

#: What a new answer says until the facilitator types over it (it opens selected in an editor).
#: Both are written into the plan in the leader's language: translate("ChainsTab", ...) where used.
ANSWER_PLACEHOLDER = QT_TRANSLATE_NOOP("ChainsTab", "Why?")
STATEMENT_PLACEHOLDER = QT_TRANSLATE_NOOP("ChainsTab", "New statement")
THEMED_BACKGROUND = "#e8f0fe"

KEYS_HINT = QT_TRANSLATE_NOOP(
    "ChainsTab",
    "Keys in a chain: Enter ask why (answer the selected statement) · Ctrl+Enter new starting statement · "
    "Tab deeper · Shift+Tab shallower · F2 edit · Delete remove · Ctrl+Z undo · "
    "Ctrl+L link the selected statements as a theme · Ctrl+Shift+K make a candidate",
)
#: The same keys for Help ▸ Keyboard shortcuts: (keys, what they do).
KEYS = (
    ("Enter", QT_TRANSLATE_NOOP("Shortcuts", "Ask why: answer the selected statement")),
    ("Ctrl+Enter", QT_TRANSLATE_NOOP("Shortcuts", "Start a new chain (a new starting statement)")),
    ("Tab", QT_TRANSLATE_NOOP("Shortcuts", "Go deeper: make the statement an answer of the one above")),
    ("Shift+Tab", QT_TRANSLATE_NOOP("Shortcuts", "Go shallower")),
    ("F2", QT_TRANSLATE_NOOP("Shortcuts", "Edit the selected statement")),
    ("Delete", QT_TRANSLATE_NOOP("Shortcuts", "Remove the statement with its answers")),
    ("Escape", QT_TRANSLATE_NOOP("Shortcuts", "While typing a new statement: take it back")),
    ("Ctrl+L", QT_TRANSLATE_NOOP("Shortcuts", "Link the selected statements as a theme")),
    ("Ctrl+Shift+K", QT_TRANSLATE_NOOP("Shortcuts", "Make a candidate of the selected statement")),
)
#: The narrowest the tab shows the chains beside the themes: two chains of about 300 px each and
#: the themes' buttons; on a narrower (or scaled) screen the themes go below the chains.
SIDE_BY_SIDE = 900
#: Stacked, each chain keeps this many lines of text in view.
STACKED_CHAIN_LINES = 12
#: Side by side or stacked, the themes and the suggestions keep this many lines in view (two
#: suggestions of two teams' statements wrap onto four lines each in the narrow side pane).
THEME_LINES, SUGGESTION_LINES = 5, 9
#: A brainstorm with up to this many answers is searched for themes at once; a larger one on a
#: worker thread, while the list says "Finding suggestions…" and the chains stay editable.
SUGGEST_AT_ONCE = 300
#: The suggestions list shows this many at first; its last line lists as many more.
SUGGESTIONS_AT_FIRST = 50
FINDING_SUGGESTIONS = QT_TRANSLATE_NOOP("ChainsTab", "Finding suggestions…")
#: The data of the suggestions list's "Show more" line (a suggestion's is its number).
MORE_SUGGESTIONS = "more"


class ChainsForm(Form):
    ui_file = "brainstorm_chains.ui"
    chainsIntro: QLabel
    teamBar: QWidget
    teamBarLayout: QHBoxLayout
    splitter: QSplitter
    chainsArea: QWidget
    chainsAreaLayout: QHBoxLayout
    newChainButton: QPushButton
    answerButton: QPushButton
    candidateButton: QPushButton
    keysHint: QLabel
    themesTree: QTreeWidget
    linkButton: QPushButton
    addToThemeButton: QPushButton
    unlinkButton: QPushButton
    ruleLabel: QLabel
    suggestionsList: QListWidget
    acceptButton: QPushButton
    dismissButton: QPushButton
    statusLabel: QLabel


@dataclass(frozen=True)
class Suggesting:
    """What theme suggestions are worked out from: the answers, the dismissed and the linked pairs."""

    nodes: tuple[ThemeNode, ...]
    dismissed: tuple[tuple[str, str], ...]
    linked: tuple[tuple[str, str], ...]


def _suggest(asked: Suggesting) -> tuple[list[ThemeSuggestion], bool]:
    """The suggestions, and whether some words were too common to count (the rule then says so)."""
    found = suggest_theme_pairs(asked.nodes, dismissed=asked.dismissed, already_linked=asked.linked)
    common = common_words(significant_words(n.text) for n in asked.nodes if n.depth >= 1)
    return found, bool(common)


class ChainModel(DepthFirstTree[WhyNodeView]):
    """One team's ask-why chains as a tree: starting statements at the top, answers beneath."""

    def __init__(self, on_edit: Callable[[int, str], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on_edit = on_edit
        self._themes: dict[int, tuple[str, ...]] = {}

    def set_nodes(self, nodes: Sequence[WhyNodeView], themes: Mapping[int, Sequence[str]]) -> list[int]:
        """``nodes`` in display (depth-first) order; ``themes`` names each node's themes.

        Returns the ids of the nodes inserted (see ``DepthFirstTree.set_items``)."""
        before, self._themes = self._themes, {k: tuple(v) for k, v in themes.items()}
        inserted = self.set_items(nodes)
        remarked = {i for i in before.keys() | self._themes.keys() if before.get(i) != self._themes.get(i)}
        for node_id in remarked - set(inserted):  # a theme's mark shows beside the statement
            index = self.index_of(node_id)
            if index.isValid():
                self.dataChanged.emit(index, index)
        return inserted

    def themes_of(self, node_id: int) -> tuple[str, ...]:
        """The names of the themes ``node_id`` belongs to."""
        return self._themes.get(node_id, ())

    @property
    def nodes(self) -> list[WhyNodeView]:
        return self.items

    def node_at(self, index: Index) -> WhyNodeView | None:
        return self.item_at(index)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self.node_at(index)
        if node is None:
            return None
        themes = self._themes.get(node.id, ())
        if role == Qt.ItemDataRole.DisplayRole:
            return node.text + "".join(f"   ◆ {name}" for name in themes)
        if role == Qt.ItemDataRole.EditRole:
            return node.text
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = node.text
            if themes:
                tip += "\n" + translate("ChainsTab", "Common theme: {themes}").format(
                    themes=", ".join(themes)
                )
            return tip
        if role == Qt.ItemDataRole.BackgroundRole and themes:
            return QBrush(QColor(THEMED_BACKGROUND))
        if role == Qt.ItemDataRole.ForegroundRole and themes:  # the tint is light on any desktop
            return QBrush(QColor(INK_ON_TINT))
        if role == Qt.ItemDataRole.FontRole and node.depth == 0:
            font = QFont()
            font.setBold(True)
            return font
        if role == ID_ROLE:
            return node.id
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        node = self.node_at(index)
        if node is None or role != Qt.ItemDataRole.EditRole:
            return False
        text = str(value).strip()
        if not text or text == node.text:
            return False
        self._on_edit(node.id, text)
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable


class WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped text at the column's width, so long answers read in full."""

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        hint = super().sizeHint(option, index)
        return wrapped_row_hint(hint, option, index, self._view, self._view.viewport().width())


@dataclass
class TeamChains:
    """One team's column of the side-by-side view."""

    team_id: int
    widget: QWidget
    title: QLabel
    view: QTreeView
    model: ChainModel
    selected_id: int | None = None

    def current_node(self) -> WhyNodeView | None:
        return self.model.node_at(self.view.currentIndex())


class ChainsTab(Page):
    shows = frozenset({Kind.WHY_NODE, Kind.THEME, Kind.DISMISSAL, Kind.TEAM, Kind.CANDIDATE})

    def __init__(self, document: PlanDocument) -> None:
        super().__init__(document)
        self.ui = ui = ChainsForm.setup(self)
        self.brainstorm = BrainstormView()
        self._filling_themes = False
        self.teams: tuple[TeamView, ...] = ()
        self.shown_team_ids: list[int] | None = None  # None until the first load picks the default
        self.columns: dict[int, TeamChains] = {}
        self.team_buttons: dict[int, QToolButton] = {}
        self.suggestions: list[ThemeSuggestion] = []
        #: The suggestions worked out last and what they were worked out from; the worker finding
        #: them for a large brainstorm, and what to find next when it is done.
        self._suggested: tuple[Suggesting, list[ThemeSuggestion], bool] | None = None
        self._suggesting: Computation | None = None
        self._suggest_next: Suggesting | None = None
        self._suggestions_shown = SUGGESTIONS_AT_FIRST
        self._active_team_id: int | None = None

        ui.keysHint.setText(translate("ChainsTab", KEYS_HINT))
        ui.ruleLabel.setText(rule_text())
        ui.splitter.setStretchFactor(0, 3)
        ui.splitter.setStretchFactor(1, 1)
        ui.splitter.setSizes([700, 340])
        keep_wrapped_text_whole(self)
        line = ui.suggestionsList.fontMetrics().lineSpacing()
        ui.themesTree.setMinimumHeight(THEME_LINES * line)
        ui.suggestionsList.setMinimumHeight(SUGGESTION_LINES * line)
        stack_when_narrow(ui.splitter, SIDE_BY_SIDE, {ui.chainsArea: STACKED_CHAIN_LINES * line})
        ui.themesTree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        ui.suggestionsList.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)

        ui.newChainButton.clicked.connect(lambda: self.new_statement())
        ui.answerButton.clicked.connect(lambda: self.answer())
        ui.candidateButton.clicked.connect(lambda: self.make_candidate())
        ui.linkButton.clicked.connect(self.link_as_theme)
        ui.addToThemeButton.clicked.connect(self.add_to_theme)
        ui.unlinkButton.clicked.connect(self.unlink)
        ui.acceptButton.clicked.connect(self.accept_suggestion)
        ui.dismissButton.clicked.connect(self.dismiss_suggestion)
        ui.suggestionsList.currentRowChanged.connect(lambda _row: self._enable_buttons())
        ui.suggestionsList.itemActivated.connect(self._suggestion_activated)
        ui.suggestionsList.itemClicked.connect(self._suggestion_activated)
        ui.themesTree.currentItemChanged.connect(lambda *_: self._enable_buttons())
        ui.themesTree.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        ui.themesTree.itemChanged.connect(self._theme_renamed)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        shortcut(QKeySequence("Ctrl+L"), self, self.link_as_theme, context)
        shortcut(QKeySequence("Ctrl+Shift+K"), self, self.make_candidate, context)

    def make_read_only(self) -> None:
        super().make_read_only()
        for button in self.team_buttons.values():
            button.setEnabled(True)  # choosing which chains to see changes nothing

    # -- loading -------------------------------------------------------------------------
    def load(self, document: PlanDocument) -> None:
        self.teams = document.view().teams
        self.brainstorm = bs = document.brainstorm()
        known = [t.id for t in self.teams]
        if self.shown_team_ids is None:
            with_chains = [t for t in known if any(n.team_id == t for n in bs.nodes)]
            self.shown_team_ids = (with_chains + [t for t in known if t not in with_chains])[:2]
        self.shown_team_ids = [t for t in self.shown_team_ids if t in known]
        self._fill_team_bar()
        self._build_columns()
        self._show_chains()
        self._fill_themes()
        self._fill_suggestions()
        self._enable_buttons()
        self._show_picked()

    def update_to(self, change: Change) -> None:
        """Repaint what ``change`` touched: a statement typed into repaints its row alone; one
        added, moved or removed is inserted, moved or removed in its chain (nothing is reset,
        the selection and an open editor stay, only what is new is expanded)."""
        bs = patched_brainstorm(self.document, change)
        if bs is None:
            self.reload()
            return
        self.brainstorm = bs
        edited = ids_of(change, Kind.WHY_NODE)
        if (
            Kind.THEME in change.kinds
            or Kind.WHY_NODE in change.reordered
            or (Kind.WHY_NODE in change.kinds and not edited)
        ):
            self._show_chains()
            self._fill_themes()
        elif edited:
            themed = set()
            for node_id in edited:
                node = bs.node(node_id)
                column = self.columns.get(node.team_id) if node is not None else None
                if node is not None and column is not None:
                    column.model.update_items([node])
                if column is not None and column.model.themes_of(node_id):
                    themed.add(node_id)
            if themed:  # the themes list quotes the statement
                self._fill_themes()
        if change.kinds & {Kind.WHY_NODE, Kind.THEME, Kind.DISMISSAL}:
            self._fill_suggestions()
        self._enable_buttons()
        self._show_picked()

    def _show_chains(self) -> None:
        """Each shown team's chain as the brainstorm holds it, expanding only what is new."""
        themes_by_node: dict[int, list[str]] = {}
        for theme in self.brainstorm.themes:
            for node_id in theme.node_ids:
                themes_by_node.setdefault(node_id, []).append(theme.name)
        for column in self.columns.values():
            nodes = [n for n in self.brainstorm.nodes if n.team_id == column.team_id]
            for node_id in column.model.set_nodes(nodes, themes_by_node):
                index = column.model.index_of(node_id)
                column.view.expand(index)
                if index.parent().isValid():
                    column.view.expand(index.parent())  # a new answer shows under its statement
            self._restore(column)

    def _fill_team_bar(self) -> None:
        layout = self.ui.teamBarLayout
        wanted = [(t.id, t.name) for t in self.teams]
        if [(i, b.text()) for i, b in self.team_buttons.items()] != wanted:
            for button in self.team_buttons.values():
                layout.removeWidget(button)
                button.deleteLater()
            self.team_buttons = {}
            last = layout.itemAt(layout.count() - 1)  # None when the bar is empty
            if last is not None and last.spacerItem():
                layout.takeAt(layout.count() - 1)
            for team_id, name in wanted:
                button = QToolButton(self.ui.teamBar)
                button.setText(name)
                button.setCheckable(True)
                button.setToolTip(
                    translate("ChainsTab", "Show {team}'s chains side by side with the others").format(
                        team=name
                    )
                )
                button.toggled.connect(lambda on, t=team_id: self._toggle_team(t, on))
                button.setEnabled(True)
                layout.addWidget(button)
                self.team_buttons[team_id] = button
            layout.addStretch(1)
        for team_id, button in self.team_buttons.items():
            button.blockSignals(True)
            button.setChecked(team_id in (self.shown_team_ids or []))
            button.blockSignals(False)

    def _toggle_team(self, team_id: int, shown: bool) -> None:
        ids = [t for t in (self.shown_team_ids or []) if t != team_id]
        if shown:
            ids.append(team_id)
        order = [t.id for t in self.teams]
        self.shown_team_ids = sorted(ids, key=lambda t: order.index(t) if t in order else len(order))
        self.reload()

    def _build_columns(self) -> None:
        layout = self.ui.chainsAreaLayout
        names = {t.id: t.name for t in self.teams}
        wanted = list(self.shown_team_ids or [])
        for team_id in [t for t in self.columns if t not in wanted]:
            column = self.columns.pop(team_id)
            layout.removeWidget(column.widget)
            column.widget.deleteLater()
        for column in self.columns.values():
            layout.removeWidget(column.widget)
        for team_id in wanted:
            column = self.columns.get(team_id) or self._make_column(team_id)
            self.columns[team_id] = column
            column.title.setText(f"<b>{_esc(names.get(team_id, '?'))}</b>")
            column.view.setAccessibleName(
                translate("ChainsTab", "{team}'s ask-why chains").format(team=names.get(team_id, "?"))
            )
            layout.addWidget(column.widget, 1)
        self.columns = {t: self.columns[t] for t in wanted}
        if not wanted:
            self.ui.statusLabel.setText(
                translate("ChainsTab", "Choose the teams whose chains to show, above.")
            )

    def _make_column(self, team_id: int) -> TeamChains:
        widget = QWidget(self.ui.chainsArea)
        box = QVBoxLayout(widget)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(4)
        title = QLabel(widget)
        view = QTreeView(widget)
        model = ChainModel(self._edit_text, view)
        view.setModel(model)
        view.setItemDelegate(WrappingDelegate(view))
        view.setHeaderHidden(True)
        view.setWordWrap(True)
        view.setUniformRowHeights(False)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setIndentation(18)
        view.setEditTriggers(
            QAbstractItemView.EditTrigger.NoEditTriggers
            if self.property("readOnly")
            else QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        view.installEventFilter(self)
        view.viewport().installEventFilter(self)
        box.addWidget(title)
        box.addWidget(view, 1)
        column = TeamChains(team_id, widget, title, view, model)
        view.selectionModel().currentChanged.connect(lambda current, _prev: self._on_current(column, current))
        return column

    def _restore(self, column: TeamChains) -> None:
        if column.selected_id is None:
            return
        index = column.model.index_of(column.selected_id)
        if not index.isValid():
            column.selected_id = None
            return
        if column.view.currentIndex() != index:
            column.view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )

    def _on_current(self, column: TeamChains, current: QModelIndex) -> None:
        node = column.model.node_at(current)
        if node is not None:
            column.selected_id = node.id
        self._active_team_id = column.team_id
        self._enable_buttons()
        self._show_picked()
        self.projectionChanged.emit()

    def first_view(self) -> QWidget | None:
        """Where Alt+1 puts the keyboard: the active team's chain."""
        column = self._active_column()
        return column.view if column is not None else None

    def projection(self) -> Projection | None:
        """The chains shown, side by side, with each one's selected statement highlighted."""
        current = {}
        for team_id, column in self.columns.items():
            node = column.current_node()
            current[team_id] = node.id if node is not None else None
        return chain_projection(self.brainstorm, self.teams, list(self.columns), current)

    def _theme_renamed(self, item: QTreeWidgetItem, _column: int) -> None:
        data = item.data(0, Qt.ItemDataRole.UserRole)
        if self._filling_themes or not data or data[0] != "theme":
            return
        theme = next((t for t in self.brainstorm.themes if t.id == data[1]), None)
        name = item.text(0).strip()
        if theme is None or name == theme.name:
            return
        if not name:  # a theme keeps a name: a blank one is taken back
            item.setText(0, theme.name)
            return
        self.document.execute(
            UpdateCommand(
                self.document, translate("ChainsTab", "Rename theme"), Kind.THEME, theme.id, {"name": name}
            )
        )

    def _fill_themes(self) -> None:
        self._filling_themes = True
        try:
            self._fill_theme_items()
        finally:
            self._filling_themes = False

    def _fill_theme_items(self) -> None:
        tree = self.ui.themesTree
        current = tree.currentItem()
        keep = current.data(0, Qt.ItemDataRole.UserRole) if current is not None else None
        names = {t.id: t.name for t in self.teams}
        nodes = {n.id: n for n in self.brainstorm.nodes}
        tree.clear()
        restore: QTreeWidgetItem | None = None
        for theme in self.brainstorm.themes:
            top = QTreeWidgetItem([theme.name])
            top.setData(0, Qt.ItemDataRole.UserRole, ("theme", theme.id))
            if not self.property("readOnly"):  # F2 renames a theme; its statements are edited in the chains
                top.setFlags(top.flags() | Qt.ItemFlag.ItemIsEditable)
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            top.setToolTip(0, theme.name)
            tree.addTopLevelItem(top)
            if keep == ("theme", theme.id):
                restore = top
            for node_id in theme.node_ids:
                node = nodes.get(node_id)
                if node is None:
                    continue
                text = f"{names.get(node.team_id, '?')}: {node.text}"
                child = QTreeWidgetItem([text])
                child.setToolTip(0, text)
                child.setData(0, Qt.ItemDataRole.UserRole, ("node", theme.id, node.id))
                top.addChild(child)
                if keep == ("node", theme.id, node.id):
                    restore = child
        if not self.brainstorm.themes:
            empty = QTreeWidgetItem(
                [
                    translate(
                        "ChainsTab",
                        "No common theme yet: select a statement in two teams' chains, then Link.",
                    )
                ]
            )
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            tree.addTopLevelItem(empty)
        tree.expandAll()
        if restore is not None:
            tree.setCurrentItem(restore)

    def _fill_suggestions(self) -> None:
        bs = self.brainstorm
        uids = {n.id: n.uid for n in bs.nodes}
        asked = Suggesting(
            tuple(ThemeNode(n.uid, str(n.team_id), n.text, n.depth) for n in bs.nodes),
            tuple((d.first_uid, d.second_uid) for d in bs.dismissed),
            tuple(
                (uids[a], uids[b])
                for theme in bs.themes
                for a, b in combinations(theme.node_ids, 2)
                if a in uids and b in uids
            ),
        )
        listing = self.ui.suggestionsList
        if self._suggested is None or self._suggested[0] != asked:
            if sum(1 for n in asked.nodes if n.depth >= 1) > SUGGEST_AT_ONCE:
                self._suggest_on_worker(asked)
                self.suggestions = []
                listing.clear()
                waiting = QListWidgetItem(translate("ChainsTab", FINDING_SUGGESTIONS))
                waiting.setFlags(Qt.ItemFlag.NoItemFlags)
                listing.addItem(waiting)
                return
            self._suggested = (asked, *_suggest(asked))
        _asked, self.suggestions, common = self._suggested
        rule = rule_text()
        self.ui.ruleLabel.setText(f"{rule} {common_words_text()}" if common else rule)
        row = max(listing.currentRow(), 0)
        listing.clear()
        by_uid = {n.uid: n for n in bs.nodes}
        names = {t.id: t.name for t in self.teams}
        for number, suggestion in enumerate(self.suggestions[: self._suggestions_shown]):
            one, other = by_uid[suggestion.first_uid], by_uid[suggestion.second_uid]
            item = QListWidgetItem(
                f"{names.get(one.team_id, '?')}: {_quote(one.text)}  ↔  "
                f"{names.get(other.team_id, '?')}: {_quote(other.text)}\n"
                + translate("ChainsTab", "Shared: {words}").format(words=", ".join(suggestion.shared_words))
            )
            item.setData(Qt.ItemDataRole.UserRole, number)
            item.setToolTip(f"{one.text}\n↔\n{other.text}")
            listing.addItem(item)
        rest = len(self.suggestions) - self._suggestions_shown
        if rest > 0:
            more = QListWidgetItem(
                translate("ChainsTab", "Show {count} more ({rest} not listed yet)…").format(
                    count=format_number(min(rest, SUGGESTIONS_AT_FIRST)), rest=format_number(rest)
                )
            )
            more.setData(Qt.ItemDataRole.UserRole, MORE_SUGGESTIONS)
            more.setToolTip(translate("ChainsTab", "Press Enter or click to list the next suggestions."))
            listing.addItem(more)
        if not self.suggestions:
            empty = QListWidgetItem(translate("ChainsTab", "No suggestion at the moment."))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            listing.addItem(empty)
        else:
            listing.setCurrentRow(min(row, listing.count() - 1))

    def _suggest_on_worker(self, asked: Suggesting) -> None:
        if self._suggesting is not None:
            self._suggest_next = asked
            return
        watch_quit()
        worker = Computation(
            lambda: (asked, *_suggest(asked)), translate("ChainsTab", "Finding theme suggestions")
        )
        # Bound slots, never lambdas: they run queued on the UI thread.
        worker.done.connect(self._suggestions_found)
        worker.failed.connect(self.document.failed)
        worker.finished.connect(self._suggesting_finished)
        self._suggesting = worker
        worker.start_kept()

    def _suggestions_found(self, result: tuple[Suggesting, list[ThemeSuggestion], bool]) -> None:
        self._suggested = result

    def _suggesting_finished(self) -> None:
        worker, self._suggesting = self._suggesting, None
        if worker is not None:
            worker.release()
        wanted, self._suggest_next = self._suggest_next, None
        if wanted is not None and (self._suggested is None or self._suggested[0] != wanted):
            self._suggest_on_worker(wanted)
            return
        if self.isVisible():
            self._fill_suggestions()
            self._enable_buttons()
        else:
            self._stale = True

    def _suggestion_activated(self, item: QListWidgetItem) -> None:
        """The "Show more" line lists the next suggestions and selects the first of them."""
        if item.data(Qt.ItemDataRole.UserRole) != MORE_SUGGESTIONS:
            return
        first = self._suggestions_shown
        self._suggestions_shown += SUGGESTIONS_AT_FIRST
        self._fill_suggestions()
        self.ui.suggestionsList.setCurrentRow(first)

    def _enable_buttons(self) -> None:
        if self.property("readOnly"):
            return
        column = self._active_column()
        node = column.current_node() if column is not None else None
        self.ui.newChainButton.setEnabled(column is not None)
        self.ui.answerButton.setEnabled(column is not None)
        self.ui.candidateButton.setEnabled(node is not None)
        item = self.ui.themesTree.currentItem()
        self.ui.addToThemeButton.setEnabled(item is not None and bool(item.data(0, Qt.ItemDataRole.UserRole)))
        self.ui.unlinkButton.setEnabled(item is not None and bool(item.data(0, Qt.ItemDataRole.UserRole)))
        has_suggestion = self.current_suggestion() is not None
        self.ui.acceptButton.setEnabled(has_suggestion)
        self.ui.dismissButton.setEnabled(has_suggestion)

    def _show_picked(self) -> None:
        picked = self.picked_nodes()
        names = {t.id: t.name for t in self.teams}
        if picked:
            self.ui.statusLabel.setText(
                translate("ChainsTab", "Selected: {statements}").format(
                    statements=" · ".join(f"{names.get(n.team_id, '?')} {_quote(n.text, 40)}" for n in picked)
                )
            )

    # -- what is selected ----------------------------------------------------------------
    def _active_column(self) -> TeamChains | None:
        if self._active_team_id in self.columns:
            return self.columns[self._active_team_id]
        return next(iter(self.columns.values()), None)

    def column(self, team_id: int) -> TeamChains:
        return self.columns[team_id]

    def picked_nodes(self) -> list[WhyNodeView]:
        """The statement selected in each shown chain, in column order."""
        found = (c.current_node() for c in self.columns.values())
        return [n for n in found if n is not None]

    def current_suggestion(self) -> ThemeSuggestion | None:
        item = self.ui.suggestionsList.currentItem()
        number = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return (
            self.suggestions[number] if isinstance(number, int) and number < len(self.suggestions) else None
        )

    def select(self, column: TeamChains, node_id: int, *, edit: bool = False) -> None:
        """Make ``node_id`` the selected statement of ``column`` (opening its editor when asked)."""
        if self._stale:
            self.reload()
        column.selected_id = node_id
        index = column.model.index_of(node_id)
        if not index.isValid():
            return
        select_row(column.view, index, edit=edit)

    # -- keyboard --------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and any(
            c.view.viewport() is watched for c in self.columns.values()
        ):
            view = watched.parent()
            if isinstance(view, QTreeView):
                view.doItemsLayout()  # rows re-wrap at the new width
            return False
        column = next((c for c in self.columns.values() if c.view is watched), None)
        if column is None:
            return super().eventFilter(watched, event)
        if event.type() == QEvent.Type.FocusIn:
            self._active_team_id = column.team_id
            self._enable_buttons()
        if (
            event.type() in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride)
            and isinstance(event, QKeyEvent)
            and not self.property("readOnly")
            and column.view.state() != QAbstractItemView.State.EditingState
        ):
            action = self._key_action(event)
            if action is not None:
                if event.type() == QEvent.Type.ShortcutOverride:
                    event.accept()  # the key is ours: no window shortcut takes it
                else:
                    action(column)
                return True
        return super().eventFilter(watched, event)

    def _key_action(self, event: QKeyEvent) -> Callable[[TeamChains], None] | None:
        key = event.key()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        none = Qt.KeyboardModifier.NoModifier
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if modifiers == none:
                return self.answer
            if modifiers == Qt.KeyboardModifier.ControlModifier:
                return self.new_statement
        if key == Qt.Key.Key_Tab and modifiers == none:
            return self.indent
        shift = Qt.KeyboardModifier.ShiftModifier
        if (key == Qt.Key.Key_Backtab and modifiers in (none, shift)) or (
            key == Qt.Key.Key_Tab and modifiers == shift
        ):
            return self.outdent  # not Ctrl+Shift+Tab: that goes to the previous exercise tab
        if key == Qt.Key.Key_Delete and modifiers == none:
            return self.remove
        return None

    # -- chain edits ---------------------------------------------------------------------
    def _column_or_warn(self, column: TeamChains | None) -> TeamChains | None:
        column = column or self._active_column()
        if column is None:
            self.document.failed.emit(translate("ChainsTab", "Choose a team to show its chains first."))
        return column

    def new_statement(self, column: TeamChains | None = None) -> None:
        """Start a new chain for the column's team and type its statement."""
        column = self._column_or_warn(column)
        if column is None:
            return
        doc, team_id = self.document, column.team_id
        self._add(
            column,
            translate("ChainsTab", "Start a chain"),
            lambda: brainstorm.add_why_node(doc.plan, team_id, translate("ChainsTab", STATEMENT_PLACEHOLDER)),
        )

    def answer(self, column: TeamChains | None = None) -> None:
        """Ask why of the selected statement: a new answer under it, ready to type."""
        column = self._column_or_warn(column)
        if column is None:
            return
        node = column.current_node()
        if node is None:
            self.new_statement(column)
            return
        doc = self.document
        self._add(
            column,
            translate("ChainsTab", "Ask why"),
            lambda: brainstorm.add_why_node(
                doc.plan, node.team_id, translate("ChainsTab", ANSWER_PLACEHOLDER), node.id
            ),
        )

    def _add(self, column: TeamChains, label: str, verb: Callable[[], Any]) -> None:
        before = column.current_node()
        command = CreateCommand(self.document, label, Kind.WHY_NODE, verb)
        if self.document.execute(command) and command.created_id is not None:
            self.select(column, command.created_id, edit=True)
            if before is not None:  # Escape takes the new statement back and reselects this one
                take_back_on_escape(column.view, command, lambda: self.select(column, before.id))
            else:
                take_back_on_escape(column.view, command)

    def _edit_text(self, node_id: int, text: str) -> None:
        self.document.execute(
            UpdateCommand(
                self.document,
                translate("ChainsTab", "Edit statement"),
                Kind.WHY_NODE,
                node_id,
                {"text": text},
            )
        )

    def indent(self, column: TeamChains) -> None:
        self._move(column, translate("ChainsTab", "Go deeper"), brainstorm.indent_why_node)

    def outdent(self, column: TeamChains) -> None:
        self._move(column, translate("ChainsTab", "Go shallower"), brainstorm.outdent_why_node)

    def _move(self, column: TeamChains, label: str, verb: Callable[[Any, int], Any]) -> None:
        node = column.current_node()
        if node is None:
            return
        doc, node_id = self.document, node.id
        doc.execute(
            BrainstormVerb(
                doc,
                label,
                [Kind.WHY_NODE],
                lambda: verb(doc.plan, node_id),
                lambda previous: brainstorm.move_why_node(doc.plan, node_id, **previous),
                rows={Kind.WHY_NODE: {node_id}},
                reordered=[Kind.WHY_NODE],
            )
        )
        self.select(column, node_id)

    def remove(self, column: TeamChains) -> None:
        """Remove the selected statement with its answers; the one above it is selected next."""
        node = column.current_node()
        if node is None:
            return
        _subtree, following = removal(column.model.nodes, node.id)
        if self.document.execute(
            RemoveCommand(
                self.document,
                translate("ChainsTab", "Remove statement"),
                Kind.WHY_NODE,
                node.id,
                also=(Kind.THEME,),
            )
        ):
            column.selected_id = following
            if following is not None:
                self.select(column, following)

    def make_candidate(self, column: TeamChains | None = None) -> None:
        """Put the selected statement in the candidate pool, remembering the chain it came from."""
        column = column or self._active_column()
        node = column.current_node() if column is not None else None
        if node is None:
            self.document.failed.emit(
                translate("ChainsTab", "Select a statement in a chain to make it a candidate.")
            )
            return
        if make_candidate(self.document, node.text, node.team_id, Exercise.WHY_CHAIN, node.uid):
            self.ui.statusLabel.setText(
                translate("ChainsTab", "Added to the candidates: {candidate}").format(
                    candidate=_quote(node.text)
                )
            )

    # -- themes ----------------------------------------------------------------------------
    def link_as_theme(self) -> None:
        """Link the statements selected in the shown chains (two teams or more) as a new theme."""
        picked = self.picked_nodes()
        if len({n.team_id for n in picked}) < 2:
            self.document.failed.emit(
                translate(
                    "ChainsTab",
                    "Select a statement in the chains of at least two teams, then link them as one theme.",
                )
            )
            return
        doc, name, ids = self.document, picked[0].text, [n.id for n in picked]
        same = next((t for t in self.brainstorm.themes if set(t.node_ids) == set(ids)), None)
        if same is not None:
            self.ui.statusLabel.setText(
                translate("ChainsTab", "Those statements are linked as “{theme}” already.").format(
                    theme=same.name
                )
            )
            return
        doc.execute(
            CreateCommand(
                doc,
                translate("ChainsTab", "Link as theme"),
                Kind.THEME,
                lambda: brainstorm.add_theme(doc.plan, name, ids),
            )
        )

    def _theme_item(self) -> tuple[Any, ...] | None:
        item = self.ui.themesTree.currentItem()
        data = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        return tuple(data) if data else None

    def add_to_theme(self) -> None:
        """Add the statements selected in the chains to the theme selected in the list."""
        data = self._theme_item()
        picked = self.picked_nodes()
        if data is None or not picked:
            self.document.failed.emit(
                translate("ChainsTab", "Select a theme and a statement in a chain, then add it.")
            )
            return
        theme_id = int(data[1])
        theme = next((t for t in self.brainstorm.themes if t.id == theme_id), None)
        existing = list(theme.node_ids) if theme is not None else []
        wanted = existing + [n.id for n in picked if n.id not in existing]
        doc = self.document
        doc.execute(
            BrainstormVerb(
                doc,
                translate("ChainsTab", "Add to theme"),
                [Kind.THEME],
                lambda: brainstorm.set_theme_nodes(doc.plan, theme_id, wanted),
                lambda previous: brainstorm.set_theme_nodes(doc.plan, theme_id, previous["node_ids"]),
                rows={Kind.THEME: {theme_id}},
            )
        )

    def unlink(self) -> None:
        """Take the selected statement out of its theme; on a theme, remove the theme."""
        data = self._theme_item()
        if data is None:
            self.document.failed.emit(
                translate("ChainsTab", "Select a theme, or one of its statements, to unlink.")
            )
            return
        doc, theme_id = self.document, int(data[1])
        if data[0] == "theme":
            doc.execute(RemoveCommand(doc, translate("ChainsTab", "Remove theme"), Kind.THEME, theme_id))
            return
        node_id = int(data[2])
        doc.execute(
            BrainstormVerb(
                doc,
                translate("ChainsTab", "Unlink from theme"),
                [Kind.THEME],
                lambda: brainstorm.unlink_from_theme(doc.plan, theme_id, node_id),
                lambda previous: brainstorm.set_theme_nodes(doc.plan, theme_id, previous["node_ids"]),
                rows={Kind.THEME: {theme_id}},
            )
        )

    def accept_suggestion(self) -> None:
        """Link the suggested pair as a theme named after the shorter of the two statements."""
        suggestion = self.current_suggestion()
        if suggestion is None:
            return
        by_uid = {n.uid: n for n in self.brainstorm.nodes}
        one, other = by_uid[suggestion.first_uid], by_uid[suggestion.second_uid]
        name = min(one.text, other.text, key=len)
        doc, ids = self.document, [one.id, other.id]
        doc.execute(
            CreateCommand(
                doc,
                translate("ChainsTab", "Accept suggested theme"),
                Kind.THEME,
                lambda: brainstorm.add_theme(doc.plan, name, ids),
            )
        )

    def dismiss_suggestion(self) -> None:
        suggestion = self.current_suggestion()
        if suggestion is None:
            return
        doc, first, second = self.document, suggestion.first_uid, suggestion.second_uid
        doc.execute(
            CreateCommand(
                doc,
                translate("ChainsTab", "Dismiss suggestion"),
                Kind.DISMISSAL,
                lambda: brainstorm.dismiss_suggestion(doc.plan, first, second),
            )
        )
