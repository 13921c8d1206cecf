"""The "Team switch" tab: each team plays the other, then both versions side by side.

A pair (Marketing plays Sales) has a preparation and a presentation time box. For the selected
pair, the players' version of the played team's goals and plan sits beside the real team's own;
items without a match on the other side (the common-theme rule) are marked in colour and words.
Each team writes what it had not seen. Any item can become a candidate for the played team.

Keyboard first, in a side: Enter adds an item of the selected kind, Alt+G a goal, Alt+L a plan
step, F2 edits, Delete removes, Alt+Up / Alt+Down move, Ctrl+T turns a goal into a plan step (and
back), Ctrl+Shift+K makes a candidate; every edit is undoable.

The sides' model and painting are in ``switch_sides``, the empathy notes in ``switch_notes``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
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
from offsite.domain.themes import MATCH_RULE_TEXT
from offsite.domain.values import Kind, TeamView
from offsite.gui.brainstorm.common import claim_key, esc, quote, select_row
from offsite.gui.brainstorm.switch_notes import NoteBinding
from offsite.gui.brainstorm.switch_sides import (
    MARK_ROLE,
    ONE_SIDE_ROLE,
    ItemDelegate,
    SideModel,
    compare,
    possessive,
)
from offsite.gui.commands import CreateCommand, RemoveCommand, ReorderCommand, UpdateCommand
from offsite.gui.delegates import take_back_on_escape
from offsite.gui.document import EditCommand, PlanDocument
from offsite.gui.fit import keep_wrapped_text_whole, stack_when_narrow
from offsite.gui.forms import Form
from offsite.gui.keys import shortcut
from offsite.gui.page import Page
from offsite.gui.projection import Projection, switch_projection
from offsite.gui.theme import tone
from offsite.services import brainstorm

__all__ = ["KEYS", "KEYS_HINT", "MARK_ROLE", "ONE_SIDE_ROLE", "SideModel", "SwitchForm", "SwitchTab"]

#: The narrowest the tab shows the pairs beside the pair shown (its time boxes and buttons need ~470 px).
SIDE_BY_SIDE = 760
#: Lines of text each side keeps in view: a group title and two items with their marks.
SIDE_ROWS = 10

#: What a new item says until the facilitator types over it (it opens selected in an editor).
PLACEHOLDERS = {SwitchItemKind.GOAL: "New goal", SwitchItemKind.PLAN: "New plan step"}

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
        # Each side keeps a few items in view (an item is two or three lines with its mark); on a
        # narrow or scaled screen the pairs go above the pair shown, and the tab scrolls down.
        rows = SIDE_ROWS * ui.playedView.fontMetrics().height()
        for view in (ui.playedView, ui.realView):
            view.setMinimumHeight(rows)
        stack_when_narrow(
            ui.splitter, SIDE_BY_SIDE, {ui.pairsList: 3 * ui.pairsList.fontMetrics().height() * 2}
        )
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
        ui.pairTitle.setText(f"<span style='font-size:15px'><b>{esc(player)} plays {esc(played)}</b></span>")
        ui.playedTitle.setText(
            f"<b>{esc(played)}, as {esc(player)} presented it</b>"
            f"<br><span style='color:{tone('muted')}'>The players' version</span>"
        )
        ui.realTitle.setText(
            f"<b>{esc(possessive(played))} own</b>"
            f"<br><span style='color:{tone('muted')}'>The real team's goals and plan</span>"
        )
        ui.playerNoteLabel.setText(f"<b>{esc(player)}</b> (the players) — what we had not seen")
        ui.playedNoteLabel.setText(f"<b>{esc(played)}</b> — what we had not seen")
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
        select_row(self.views[side], index, edit=edit)

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
            if (
                key_event
                and deleting
                and not self.property("readOnly")
                and claim_key(event, self.remove_pair)
            ):
                return True
            return super().eventFilter(watched, event)
        side = next((s for s, v in self.views.items() if v is watched), None)
        if side is None:
            return super().eventFilter(watched, event)
        if event.type() == QEvent.Type.FocusIn:
            self._active_side = side
            self._enable()
        if (
            key_event
            and not self.property("readOnly")
            and self.views[side].state() != QAbstractItemView.State.EditingState
        ):
            assert isinstance(event, QKeyEvent)
            action = self._key_action(event)
            if claim_key(event, None if action is None else (lambda: self._act(action, side))):
                return True
        return super().eventFilter(watched, event)

    def _act(self, action: Callable[[SwitchSide], None], side: SwitchSide) -> None:
        self._active_side = side
        action(side)

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
                f"{quote(item.text, 40)} is now a {'goal' if kind is SwitchItemKind.GOAL else 'plan step'}."
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
            self.say(f"Added to {possessive(self.team_name(team_id))} candidates: {quote(item.text)}")
