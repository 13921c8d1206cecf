"""The pairs of the "Team switch" tab: who plays whom, each pair's time boxes and empathy notes.

``switch.SwitchTab`` adds the pair's two sides, the players' version and the real team's own.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTreeView,
)

from offsite.domain.errors import OffsiteError
from offsite.domain.exercises import BrainstormView, SwitchSide, TeamSwitchView
from offsite.domain.formatting import format_number
from offsite.domain.language import translate
from offsite.domain.values import Kind, TeamView
from offsite.gui.brainstorm.common import claim_key
from offsite.gui.brainstorm.switch_notes import NoteBinding
from offsite.gui.brainstorm.switch_sides import own
from offsite.gui.commands import CreateCommand, RemoveCommand, UpdateCommand
from offsite.gui.document import EditCommand, PlanDocument
from offsite.gui.forms import Form
from offsite.gui.page import Page
from offsite.services import brainstorm


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


class PairsTab(Page):
    """The pairs list and the new-pair choosers; the selected pair's time boxes and notes."""

    def __init__(self, document: PlanDocument) -> None:
        super().__init__(document)
        self.ui = ui = SwitchForm.setup(self)
        self.brainstorm = BrainstormView()
        self.teams: tuple[TeamView, ...] = ()
        self.switch_id: int | None = None
        self._loading = False
        self._minute_bursts = {"prepare_minutes": 0, "present_minutes": 0}
        ui.pairsList.installEventFilter(self)
        ui.playerNote.setPlaceholderText(translate("SwitchTab", "What we had not seen…"))
        ui.playedNote.setPlaceholderText(translate("SwitchTab", "What we had not seen…"))
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

    def make_read_only(self) -> None:
        super().make_read_only()
        self.ui.pairsList.setEnabled(True)  # choosing which pair to see changes nothing

    def team_name(self, team_id: int) -> str:
        name = next((t.name for t in self.teams if t.id == team_id), None)
        return translate("SwitchTab", "A team") if name is None else name

    def pair_name(self, switch: TeamSwitchView) -> str:
        return translate("SwitchTab", "{player} plays {played}").format(
            player=self.team_name(switch.player_team_id), played=self.team_name(switch.played_team_id)
        )

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
            times = translate("SwitchTab", "{prepare} min to prepare · {present} to present").format(
                prepare=format_number(switch.prepare_minutes), present=format_number(switch.present_minutes)
            )
            item = QListWidgetItem(f"{self.pair_name(switch)}\n{times}")
            item.setData(Qt.ItemDataRole.UserRole, switch.id)
            item.setToolTip(
                translate(
                    "SwitchTab", "{pair}: {played} item(s) in the players' version, {real} in {version}"
                ).format(
                    pair=self.pair_name(switch),
                    played=format_number(counts[0]),
                    real=format_number(counts[1]),
                    version=own(self.team_name(switch.played_team_id)),
                )
            )
            listing.addItem(item)
            if switch.id == self.switch_id:
                listing.setCurrentItem(item)
        if not switches:
            empty = QListWidgetItem(
                translate("SwitchTab", "No pair yet: choose who plays whom below, then Add pair.")
            )
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            listing.addItem(empty)
        listing.blockSignals(False)

    def select_pair(self, switch_id: int) -> None:
        listing = self.ui.pairsList
        for row in range(listing.count()):
            if listing.item(row).data(Qt.ItemDataRole.UserRole) == switch_id:
                listing.setCurrentRow(row)
                return

    def say(self, text: str, *, warning: bool = False) -> None:
        label = self.ui.statusLabel
        label.setText(text)
        label.setProperty("guidance", "advice" if warning else None)
        label.style().unpolish(label)
        label.style().polish(label)

    def _forget_selection(self) -> None:
        """A new pair shows: what was selected in the sides no longer applies."""

    def _pair_added(self) -> None:
        """Where the keyboard goes once a pair is added (the sides are the subclass's)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        deleting = (
            isinstance(event, QKeyEvent)
            and event.type() in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride)
            and event.key() == Qt.Key.Key_Delete
        )
        if (
            watched is self.ui.pairsList
            and deleting
            and not self.property("readOnly")
            and claim_key(event, self.remove_pair)
        ):
            return True
        return super().eventFilter(watched, event)

    # -- pairs -----------------------------------------------------------------------------
    def add_pair(self) -> None:
        """Pair the teams chosen in the two lists; a refusal is said on the status line."""
        player, played = self.ui.playerCombo.currentData(), self.ui.playedCombo.currentData()
        if not isinstance(player, int) or not isinstance(played, int):
            self.say(
                translate("SwitchTab", "Add two teams in Prepare first: a pair is one team playing another."),
                warning=True,
            )
            return
        existing = next(
            (s for s in self.brainstorm.switches if (s.player_team_id, s.played_team_id) == (player, played)),
            None,
        )
        if existing is not None:
            self.select_pair(existing.id)
            self.say(
                translate("SwitchTab", "{pair} is already a pair: it is selected.").format(
                    pair=self.pair_name(existing)
                ),
                warning=True,
            )
            return
        doc = self.document
        command = CreateCommand(
            doc,
            translate("SwitchTab", "Add team switch pair"),
            Kind.SWITCH,
            lambda: brainstorm.add_team_switch(doc.plan, player, played),
        )
        if self._execute_here(command) and command.created_id is not None:
            self.switch_id = command.created_id
            self._forget_selection()
            self.reload()
            self.select_pair(command.created_id)
            # The return match is the likely next pair: offer it.
            for combo, team_id in ((self.ui.playerCombo, played), (self.ui.playedCombo, player)):
                combo.setCurrentIndex(max(combo.findData(team_id), 0))
            self._pair_added()
            self.say(
                translate(
                    "SwitchTab",
                    "Added the pair {player} plays {played}: press Enter to record the players' first goal.",
                ).format(player=self.team_name(player), played=self.team_name(played))
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
            self.say(translate("SwitchTab", "Select a pair to remove first."), warning=True)
            return
        switches = self.brainstorm.switches
        position = next(i for i, s in enumerate(switches) if s.id == switch.id)
        rest = [s.id for s in switches if s.id != switch.id]
        following = rest[min(position, len(rest) - 1)] if rest else None
        name = self.pair_name(switch)
        if self.document.execute(
            RemoveCommand(
                self.document,
                translate("SwitchTab", "Remove team switch pair"),
                Kind.SWITCH,
                switch.id,
                also=(Kind.SWITCH_ITEM, Kind.EMPATHY_NOTE),
            )
        ):
            self.switch_id = following
            self._forget_selection()
            self.reload()
            self.say(
                translate("SwitchTab", "Removed the pair {pair} (Ctrl+Z brings it back).").format(pair=name)
            )

    def _set_minutes(self, field: str, value: int) -> None:
        switch = self.current_switch()
        if self._loading or switch is None or getattr(switch, field) == value:
            return
        self.document.execute(
            UpdateCommand(
                self.document,
                translate("SwitchTab", "Edit time box"),
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
