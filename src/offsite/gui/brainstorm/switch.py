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
    QListWidgetItem,
    QTreeView,
    QWidget,
)

from offsite.domain.exercises import (
    Exercise,
    SwitchItemKind,
    SwitchItemView,
    SwitchSide,
)
from offsite.domain.language import QT_TRANSLATE_NOOP, translate
from offsite.domain.themes import match_rule_text
from offsite.domain.values import Change, Kind
from offsite.gui.brainstorm.common import (
    claim_key,
    make_candidate,
    patched_brainstorm,
    quote,
    select_row,
)
from offsite.gui.brainstorm.switch_pairs import PairsTab, SwitchForm
from offsite.gui.brainstorm.switch_sides import (
    MARK_ROLE,
    ONE_SIDE_ROLE,
    ItemDelegate,
    SideModel,
    compare,
    own,
)
from offsite.gui.commands import CreateCommand, RemoveCommand, ReorderCommand, UpdateCommand
from offsite.gui.delegates import take_back_on_escape
from offsite.gui.document import PlanDocument
from offsite.gui.fit import keep_wrapped_text_whole, stack_when_narrow
from offsite.gui.keys import shortcut
from offsite.gui.projection import Projection, switch_projection
from offsite.gui.rich_text import literal as esc
from offsite.gui.theme import tone
from offsite.services import brainstorm

__all__ = ["KEYS", "KEYS_HINT", "MARK_ROLE", "ONE_SIDE_ROLE", "SideModel", "SwitchForm", "SwitchTab"]

#: The narrowest the tab shows the pairs beside the pair shown (its time boxes and buttons need ~470 px).
SIDE_BY_SIDE = 760
#: Lines of text each side keeps in view: a group title and two items with their marks.
SIDE_ROWS = 10

#: What a new item says until the facilitator types over it (it opens selected in an editor).
#: Written into the plan in the leader's language: translate("SwitchTab", ...) where used.
PLACEHOLDERS = {
    SwitchItemKind.GOAL: QT_TRANSLATE_NOOP("SwitchTab", "New goal"),
    SwitchItemKind.PLAN: QT_TRANSLATE_NOOP("SwitchTab", "New plan step"),
}

KEYS_HINT = QT_TRANSLATE_NOOP(
    "SwitchTab",
    "Keys in a side: Enter add an item of the selected kind · Alt+G add a goal · Alt+L add a plan step · "
    "F2 edit · Delete remove · Alt+↑/↓ move · Ctrl+T goal ⇄ plan step · Ctrl+Shift+K make a candidate · "
    "Ctrl+Z undo. In the pairs: Delete removes a pair.",
)
#: The same keys for Help ▸ Keyboard shortcuts: (keys, what they do).
KEYS = (
    ("Enter", QT_TRANSLATE_NOOP("Shortcuts", "Add an item of the selected kind")),
    ("Alt+G", QT_TRANSLATE_NOOP("Shortcuts", "Add a goal")),
    ("Alt+L", QT_TRANSLATE_NOOP("Shortcuts", "Add a plan step")),
    ("F2", QT_TRANSLATE_NOOP("Shortcuts", "Edit the selected item")),
    ("Delete", QT_TRANSLATE_NOOP("Shortcuts", "Remove the selected item (in the pairs: the pair)")),
    ("Alt+↑ / Alt+↓", QT_TRANSLATE_NOOP("Shortcuts", "Move the item up or down")),
    ("Ctrl+T", QT_TRANSLATE_NOOP("Shortcuts", "Turn a goal into a plan step, or back")),
    ("Ctrl+Shift+K", QT_TRANSLATE_NOOP("Shortcuts", "Make a candidate of the selected item")),
)


class SwitchTab(PairsTab):
    shows = frozenset({Kind.SWITCH, Kind.SWITCH_ITEM, Kind.EMPATHY_NOTE, Kind.TEAM, Kind.CANDIDATE})

    def __init__(self, document: PlanDocument) -> None:
        super().__init__(document)
        #: The switch items made candidates (their uids), for the marks; None when the pool changed.
        self._switch_candidates: frozenset[str] | None = None
        ui = self.ui
        self._active_side = SwitchSide.PLAYED
        self._selected: dict[SwitchSide, int | None] = {SwitchSide.PLAYED: None, SwitchSide.REAL: None}

        ui.keysHint.setText(translate("SwitchTab", KEYS_HINT))
        ui.ruleLabel.setText(match_rule_text())
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
        ui.playedView.setAccessibleName(translate("SwitchTab", "The players' version"))
        ui.realView.setAccessibleName(translate("SwitchTab", "The real team's own"))
        self.setTabOrder(ui.playedView, ui.realView)

        ui.pairsList.currentItemChanged.connect(lambda current, _previous: self._on_pair(current))
        ui.addGoalButton.clicked.connect(lambda: self.add_item(SwitchItemKind.GOAL))
        ui.addPlanButton.clicked.connect(lambda: self.add_item(SwitchItemKind.PLAN))
        ui.removeItemButton.clicked.connect(lambda: self.remove_item())
        ui.candidateButton.clicked.connect(lambda: self.make_candidate())
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        shortcut(QKeySequence("Ctrl+Shift+K"), self, self.make_candidate, context)

    # -- loading -------------------------------------------------------------------------
    def load(self, document: PlanDocument) -> None:
        self._loading = True
        try:
            self.teams = document.view().teams
            self.brainstorm = document.brainstorm()
            self._switch_candidates = None
            self._fill_combos()
            self._fill_pairs()
            self._show_switch()
        finally:
            self._loading = False
        self._enable()

    def update_to(self, change: Change) -> None:
        """Show ``change`` in the pair shown: its items repaint, come, go or move (never a reset,
        the selection and an open editor stay); the pairs' list follows a pair edited or added."""
        bs = patched_brainstorm(self.document, change)
        if bs is None:
            self.reload()
            return
        self.brainstorm = bs
        if Kind.CANDIDATE in change.kinds:
            self._switch_candidates = None
        self._loading = True
        try:
            if change.kinds & {Kind.SWITCH, Kind.SWITCH_ITEM}:  # the list counts each pair's items
                self._fill_pairs()
            self._show_switch()
        finally:
            self._loading = False
        self._enable()

    def _show_switch(self) -> None:
        ui, switch = self.ui, self.current_switch()
        if switch is None:
            ui.pairTitle.setText(
                "<span style='font-size:15px'><b>"
                + translate("SwitchTab", "No pair selected")
                + "</b></span>"
            )
            ui.playedTitle.setText("<b>" + translate("SwitchTab", "The players' version") + "</b>")
            ui.realTitle.setText("<b>" + translate("SwitchTab", "The real team's own") + "</b>")
            ui.playerNoteLabel.setText(translate("SwitchTab", "<b>The players</b> — what we had not seen"))
            ui.playedNoteLabel.setText(
                translate("SwitchTab", "<b>The played team</b> — what we had not seen")
            )
            for model in self.models.values():
                model.set_items((), {}, frozenset())
            for binding in self.note_bindings.values():
                binding.show("")
            return
        player, played = self.team_name(switch.player_team_id), self.team_name(switch.played_team_id)
        pair = translate("SwitchTab", "{player} plays {played}").format(player=player, played=played)
        ui.pairTitle.setText(f"<span style='font-size:15px'><b>{esc(pair)}</b></span>")
        presented = translate("SwitchTab", "{played}, as {player} presented it").format(
            player=player, played=played
        )
        muted = tone("muted")
        players_version = translate("SwitchTab", "The players' version")
        real_version = translate("SwitchTab", "The real team's goals and plan")
        ui.playedTitle.setText(
            f"<b>{esc(presented)}</b><br><span style='color:{muted}'>{esc(players_version)}</span>"
        )
        ui.realTitle.setText(
            f"<b>{esc(own(played))}</b><br><span style='color:{muted}'>{esc(real_version)}</span>"
        )
        ui.playerNoteLabel.setText(
            translate("SwitchTab", "<b>{team}</b> (the players) — what we had not seen").format(
                team=esc(player)
            )
        )
        ui.playedNoteLabel.setText(
            translate("SwitchTab", "<b>{team}</b> — what we had not seen").format(team=esc(played))
        )
        if ui.prepareSpin.value() != switch.prepare_minutes:
            ui.prepareSpin.setValue(switch.prepare_minutes)
        if ui.presentSpin.value() != switch.present_minutes:
            ui.presentSpin.setValue(switch.present_minutes)
        marks = compare(switch, played)
        if self._switch_candidates is None:  # read again only when the pool changed
            self._switch_candidates = frozenset(
                c.origin_uid
                for c in self.brainstorm.candidates
                if c.exercise is Exercise.TEAM_SWITCH and c.origin_uid
            )
        for side, model in self.models.items():
            model.set_items(switch.side(side), marks, self._switch_candidates)
            for kind in (SwitchItemKind.GOAL, SwitchItemKind.PLAN):  # the two groups; items hold none
                self.views[side].expand(model.group_index(kind))
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
        self._forget_selection()
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

    def _forget_selection(self) -> None:
        self._selected = dict.fromkeys(self._selected)

    def _pair_added(self) -> None:
        """The players present first: the keyboard goes to their goals, ready for Enter."""
        view = self.views[SwitchSide.PLAYED]
        view.setFocus()
        view.setCurrentIndex(self.models[SwitchSide.PLAYED].group_index(SwitchItemKind.GOAL))

    # -- what is selected ----------------------------------------------------------------
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

    # -- items -----------------------------------------------------------------------------
    def add_item(self, kind: SwitchItemKind | None = None, side: SwitchSide | None = None) -> None:
        """Add a goal or plan step to ``side`` (the active side), ready to type over."""
        switch = self.current_switch()
        if switch is None:
            self.say(translate("SwitchTab", "Add or select a pair first."), warning=True)
            return
        side = side or self._active_side
        if kind is None:
            kind = self.models[side].kind_at(self.views[side].currentIndex()) or SwitchItemKind.GOAL
        doc, switch_id, text = self.document, switch.id, translate("SwitchTab", PLACEHOLDERS[kind])
        command = CreateCommand(
            doc,
            translate("SwitchTab", "Add goal")
            if kind is SwitchItemKind.GOAL
            else translate("SwitchTab", "Add plan step"),
            Kind.SWITCH_ITEM,
            lambda: brainstorm.add_switch_item(doc.plan, switch_id, side, kind, text),
        )
        if doc.execute(command) and command.created_id is not None:
            self.select_item(side, command.created_id, edit=True)
            take_back_on_escape(self.views[side], command)

    def _edit_text(self, item_id: int, text: str) -> None:
        self.document.execute(
            UpdateCommand(
                self.document,
                translate("SwitchTab", "Edit team switch item"),
                Kind.SWITCH_ITEM,
                item_id,
                {"text": text},
            )
        )

    def remove_item(self, side: SwitchSide | None = None) -> None:
        side = side or self._active_side
        item = self.current_item(side)
        if item is None:
            self.say(translate("SwitchTab", "Select a goal or plan step to remove first."), warning=True)
            return
        model = self.models[side]
        ids = model.ids(item.kind)
        position = ids.index(item.id)
        rest = [i for i in ids if i != item.id]
        following = rest[min(position, len(rest) - 1)] if rest else None
        if self.document.execute(
            RemoveCommand(
                self.document, translate("SwitchTab", "Remove team switch item"), Kind.SWITCH_ITEM, item.id
            )
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
        if self.document.execute(
            ReorderCommand(self.document, translate("SwitchTab", "Move item"), Kind.SWITCH_ITEM, ids)
        ):
            self.select_item(side, item.id)

    def toggle_kind(self, side: SwitchSide | None = None) -> None:
        """Turn the selected goal into a plan step, or the plan step into a goal."""
        side = side or self._active_side
        item = self.current_item(side)
        if item is None:
            self.say(translate("SwitchTab", "Select a goal or plan step first."), warning=True)
            return
        kind = SwitchItemKind.PLAN if item.kind is SwitchItemKind.GOAL else SwitchItemKind.GOAL
        if self.document.execute(
            UpdateCommand(
                self.document,
                translate("SwitchTab", "Change item kind"),
                Kind.SWITCH_ITEM,
                item.id,
                {"kind": kind.value},
            )
        ):
            self.select_item(side, item.id)
            now = (
                translate("SwitchTab", "{item} is now a goal.")
                if kind is SwitchItemKind.GOAL
                else translate("SwitchTab", "{item} is now a plan step.")
            )
            self.say(now.format(item=quote(item.text, 40)))

    def make_candidate(self, side: SwitchSide | None = None) -> None:
        """Put the selected item in the played team's candidates, remembering where it came from."""
        if self.property("readOnly"):
            return
        switch = self.current_switch()
        item = self.current_item(side)
        if switch is None or item is None:
            self.say(
                translate("SwitchTab", "Select a goal or plan step to make it a candidate."), warning=True
            )
            return
        team_id = switch.played_team_id
        if make_candidate(self.document, item.text, team_id, Exercise.TEAM_SWITCH, item.uid):
            team = self.team_name(team_id)
            added = (
                translate("SwitchTab", "Added to {team}' candidates: {candidate}")
                if team.endswith("s")
                else translate("SwitchTab", "Added to {team}'s candidates: {candidate}")
            )
            self.say(added.format(team=team, candidate=quote(item.text)))
