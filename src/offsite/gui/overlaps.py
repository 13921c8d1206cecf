"""Buy-in ▸ Overlaps: the findings of ``domain.overlap`` and how the facilitator settled each.

Findings are grouped by the rule that found them (each group with its counts, collapsible);
settled ones stay listed, greyed, with their resolution, unless "Open findings only" hides them.
A merged pair no longer exists as two objectives, so its entry comes from the stored resolution
and names the shared objective. Each resolution is one undo step.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QKeyEvent,
    QKeySequence,
    QShortcut,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTreeView,
    QWidget,
)

from offsite.domain.overlap import Overlap, OverlapRule, find_overlaps
from offsite.domain.signoff import ResolutionAction, ResolutionView, overlap_key
from offsite.domain.values import ObjectiveView, PlanView
from offsite.gui.buyin import esc
from offsite.gui.commands import VerbCommand
from offsite.gui.document import PlanDocument
from offsite.gui.forms import Form
from offsite.gui.page import Page
from offsite.gui.theme import tone
from offsite.services import overlaps
from offsite.services.changes import Kind

#: The groups, most telling first; "same company goal" finds the most and says the least.
RULE_ORDER = (
    OverlapRule.KNOWN_CONFLICT,
    OverlapRule.SHARED_METRIC_NAME,
    OverlapRule.SHARED_DATA_SOURCE,
    OverlapRule.SIMILAR_WORDING,
    OverlapRule.SAME_COMPANY_GOAL,
)
#: A group with more findings than this starts collapsed (its heading still counts them).
COLLAPSE_ABOVE = 5
KEY_ROLE = Qt.ItemDataRole.UserRole + 11
ACTION_KEYS = {
    Qt.Key.Key_M: ResolutionAction.MERGED,
    Qt.Key.Key_A: ResolutionAction.ADJUSTED,
    Qt.Key.Key_K: ResolutionAction.KEPT,
}
KEYS_HINT = (
    "In the list: M merge · A adjust · K keep with a note · Enter confirms, Escape cancels · "
    "Ctrl+Shift+G / Ctrl+Shift+H edit the first / second objective on the Plan page · "
    "Ctrl+Shift+F open findings only · Ctrl+Z undoes a resolution"
)
_GREY = "#8a929e"
_ACTION_COLOURS = {
    ResolutionAction.MERGED: "#14632f",
    ResolutionAction.ADJUSTED: "#2f5f8f",
    ResolutionAction.KEPT: "#5b6472",
}


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of the list: an open or settled finding, or a merge that replaced its pair."""

    key: str  # the stored key: rule and the two objectives' uids
    rule: OverlapRule
    first: ObjectiveView | None
    second: ObjectiveView | None
    detail: str
    finding: Overlap | None = None
    resolution: ResolutionView | None = None
    merged: ObjectiveView | None = None

    @property
    def is_open(self) -> bool:
        return self.resolution is None


def entries(view: PlanView, resolutions: tuple[ResolutionView, ...]) -> list[Entry]:
    """The findings of ``view`` with their resolutions, then the merges whose pair is gone."""
    by_key = {r.key: r for r in resolutions}
    found: list[Entry] = []
    seen: set[str] = set()
    for finding in find_overlaps(view):
        first, second = view.objective(finding.first_id), view.objective(finding.second_id)
        if first is None or second is None:
            continue
        key = overlap_key(finding.rule.value, first.uid, second.uid)
        seen.add(key)
        found.append(Entry(key, finding.rule, first, second, finding.detail, finding, by_key.get(key)))
    by_uid = {o.uid: o for o in view.objectives}
    for resolution in resolutions:
        if resolution.key in seen or resolution.action is not ResolutionAction.MERGED:
            continue
        try:
            rule = OverlapRule(resolution.rule)
        except ValueError:
            continue
        merged = by_uid.get(resolution.merged_objective_uid or "")
        found.append(Entry(resolution.key, rule, None, None, "", None, resolution, merged))
    return found


def team_names(view: PlanView, objective: ObjectiveView) -> str:
    return " + ".join(t.name for t in view.teams if t.id in objective.team_ids) or "no team"


class OverlapsForm(Form):
    ui_file = "overlaps_tab.ui"
    introLabel: QLabel
    summaryLabel: QLabel
    openOnlyCheck: QCheckBox
    splitter: QSplitter
    findingsView: QTreeView
    ruleLabel: QLabel
    firstLabel: QLabel
    showFirstButton: QPushButton
    secondLabel: QLabel
    showSecondButton: QPushButton
    detailLabel: QLabel
    resolutionLabel: QLabel
    mergeButton: QPushButton
    adjustButton: QPushButton
    keepButton: QPushButton
    resolveBox: QGroupBox
    resolveHint: QLabel
    statementLabel: QLabel
    statementEdit: QLineEdit
    noteLabel: QLabel
    noteEdit: QLineEdit
    confirmButton: QPushButton
    cancelButton: QPushButton
    keysHint: QLabel


class ResolveCommand(VerbCommand):
    """Resolve an overlap; redo resolves it again and keeps what the new undo needs."""

    def again(self) -> None:
        self.result = self._do()


class OverlapsTab(Page):
    #: The facilitator asked to edit an objective on the Plan page (its id).
    objectiveRequested = Signal(int)
    shows = frozenset({Kind.OBJECTIVE, Kind.METRIC, Kind.TEAM, Kind.GOAL, Kind.OVERLAP_RESOLUTION})

    def __init__(self, document: PlanDocument) -> None:
        super().__init__(document)
        self.ui = ui = OverlapsForm.setup(self)
        self.read_only = False
        self.entries: list[Entry] = []
        self.mode: ResolutionAction | None = None
        self._collapsed: dict[OverlapRule, bool] = {}
        self.tree = QStandardItemModel(self)
        self.tree.setHorizontalHeaderLabels(["Finding", "Resolution"])
        view = ui.findingsView
        view.setModel(self.tree)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setUniformRowHeights(True)
        view.header().setStretchLastSection(False)
        view.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        view.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        view.header().resizeSection(1, 150)
        view.selectionModel().currentChanged.connect(lambda *_: self._show_current())
        view.collapsed.connect(lambda index: self._remember_group(index, True))
        view.expanded.connect(lambda index: self._remember_group(index, False))
        view.installEventFilter(self)
        ui.splitter.setStretchFactor(0, 3)
        ui.splitter.setStretchFactor(1, 2)
        ui.splitter.setSizes([560, 420])
        ui.keysHint.setText(KEYS_HINT)

        ui.openOnlyCheck.setToolTip("Hide the findings settled already (Ctrl+Shift+F)")
        ui.openOnlyCheck.toggled.connect(lambda _on: self.load(self.document))
        ui.mergeButton.setToolTip("One shared objective, owned by both teams, keeping both origins (M)")
        ui.adjustButton.setToolTip("Change the objectives on the Plan page; a note says how (A)")
        ui.keepButton.setToolTip("Keep both as they are; a note says why (K)")
        ui.showFirstButton.setToolTip("Edit the first objective on the Plan page (Ctrl+Shift+G)")
        ui.showSecondButton.setToolTip("Edit the second objective on the Plan page (Ctrl+Shift+H)")
        ui.mergeButton.clicked.connect(lambda: self.start(ResolutionAction.MERGED))
        ui.adjustButton.clicked.connect(lambda: self.start(ResolutionAction.ADJUSTED))
        ui.keepButton.clicked.connect(lambda: self.start(ResolutionAction.KEPT))
        ui.showFirstButton.clicked.connect(lambda: self.show_on_plan(0))
        ui.showSecondButton.clicked.connect(lambda: self.show_on_plan(1))
        ui.confirmButton.clicked.connect(self.confirm)
        ui.cancelButton.clicked.connect(self.cancel)
        ui.statementEdit.returnPressed.connect(self.confirm)
        ui.noteEdit.returnPressed.connect(self.confirm)
        for edit in (ui.statementEdit, ui.noteEdit):
            edit.installEventFilter(self)
        ui.resolveBox.setVisible(False)
        self._edit_keys = [
            QShortcut(QKeySequence("Ctrl+Shift+G"), self, lambda: self.show_on_plan(0)),
            QShortcut(QKeySequence("Ctrl+Shift+H"), self, lambda: self.show_on_plan(1)),
            QShortcut(QKeySequence("Ctrl+Shift+F"), self, ui.openOnlyCheck.toggle),
        ]

    def first_focus(self) -> QWidget:
        return self.ui.findingsView

    # -- the list ------------------------------------------------------------------------
    def load(self, document: PlanDocument) -> None:
        view = document.view()
        self.entries = entries(view, overlaps.read_resolutions(document.plan))
        current = self.current_entry()
        keep = current.key if current is not None else None
        open_only = self.ui.openOnlyCheck.isChecked()
        self.tree.removeRows(0, self.tree.rowCount())
        total_open = sum(e.is_open for e in self.entries)
        groups = [(r, [e for e in self.entries if e.rule is r]) for r in RULE_ORDER]
        groups = [(r, members) for r, members in groups if members]
        for rule, members in groups:
            still_open = sum(e.is_open for e in members)
            heading = QStandardItem(
                f"{rule.label} · {len(members)} finding{'s' if len(members) != 1 else ''}, {still_open} open"
            )
            heading.setToolTip(rule.text)
            font = QFont()
            font.setBold(True)
            heading.setFont(font)
            status = QStandardItem("Open" if still_open else "All settled")
            status.setForeground(QBrush(QColor("#9a5b00" if still_open else "#14632f")))
            for entry in members:
                if open_only and not entry.is_open:
                    continue
                heading.appendRow(self._row(view, entry))
            self.tree.appendRow([heading, status])
            # A big group starts collapsed when others are there to see; alone, it is the list.
            crowded = len(members) > COLLAPSE_ABOVE and len(groups) > 1
            collapsed = self._collapsed.get(rule, crowded)
            self.ui.findingsView.setExpanded(heading.index(), not collapsed)
        self.ui.findingsView.setFirstColumnSpanned(0, QModelIndex(), False)
        if not self.entries:
            summary = "No overlaps found: no two teams' objectives share a metric, a goal or their wording."
        else:
            summary = f"<b>{total_open} of {len(self.entries)}</b> findings open."
        self.ui.summaryLabel.setText(summary)
        self.select(keep)

    def _row(self, view: PlanView, entry: Entry) -> list[QStandardItem]:
        if entry.first is not None and entry.second is not None:
            text = (
                f"“{entry.first.statement}” ({team_names(view, entry.first)})  ↔  "
                f"“{entry.second.statement}” ({team_names(view, entry.second)})"
            )
        elif entry.merged is not None:
            text = f"Merged into “{entry.merged.statement}” ({team_names(view, entry.merged)})"
        else:
            text = "Merged (the shared objective has since been removed or merged again)"
        item = QStandardItem(text)
        item.setToolTip(f"{text}\n{entry.detail}" if entry.detail else text)
        item.setData(entry.key, KEY_ROLE)
        resolution = entry.resolution
        status = QStandardItem("Open" if resolution is None else resolution.action.label)
        if resolution is not None:
            item.setForeground(QBrush(QColor(_GREY)))
            status.setForeground(QBrush(QColor(_ACTION_COLOURS[resolution.action])))
            if resolution.note:
                status.setToolTip(resolution.note)
        else:
            status.setForeground(QBrush(QColor("#9a5b00")))
        return [item, status]

    def _remember_group(self, index: QModelIndex, collapsed: bool) -> None:
        if not index.parent().isValid():
            text = self.tree.itemFromIndex(index.siblingAtColumn(0)).text()
            rule = next((r for r in RULE_ORDER if text.startswith(r.label + " ·")), None)
            if rule is not None:
                self._collapsed[rule] = collapsed

    def current_entry(self) -> Entry | None:
        index = self.ui.findingsView.currentIndex()
        key = index.siblingAtColumn(0).data(KEY_ROLE) if index.isValid() else None
        return next((e for e in self.entries if e.key == key), None) if key else None

    def select(self, key: str | None) -> None:
        """Select the entry ``key`` (expanding its group), else the first open finding, else the first."""
        target = None
        for row in range(self.tree.rowCount()):
            group = self.tree.item(row, 0)
            for child in range(group.rowCount()):
                item = group.child(child, 0)
                if key is not None and item.data(KEY_ROLE) == key:
                    target = item
        if target is None and key is None:
            children = [
                self.tree.item(row, 0).child(child, 0)
                for row in range(self.tree.rowCount())
                if self.ui.findingsView.isExpanded(self.tree.index(row, 0))
                for child in range(self.tree.item(row, 0).rowCount())
            ]
            open_ones = [c for c in children if (e := self.entry(c.data(KEY_ROLE))) and e.is_open]
            target = (open_ones or children or [None])[0]
        view = self.ui.findingsView
        if target is not None:
            view.setExpanded(target.parent().index(), True)
            view.setCurrentIndex(target.index())
            view.scrollTo(target.index())
        elif self.tree.rowCount() and not view.currentIndex().isValid():
            view.setCurrentIndex(self.tree.index(0, 0))
        self._show_current()

    def entry(self, key: str) -> Entry | None:
        return next((e for e in self.entries if e.key == key), None)

    # -- the detail ----------------------------------------------------------------------
    def _show_current(self) -> None:
        ui, entry = self.ui, self.current_entry()
        view = self.document.view()
        index = ui.findingsView.currentIndex()
        if entry is None:
            group = self.tree.itemFromIndex(index.siblingAtColumn(0)) if index.isValid() else None
            rule = next((r for r in RULE_ORDER if group and group.text().startswith(r.label + " ·")), None)
            ui.ruleLabel.setText(
                f"<b>{esc(rule.label)}</b><br><span style='color:{tone('muted')}'>{esc(rule.text)}</span>"
                if rule
                else ""
            )
            for label in (ui.firstLabel, ui.secondLabel, ui.detailLabel):
                label.setText("")
            ui.resolutionLabel.setText(
                "Select a finding (arrow keys) to settle it." if self.entries else "Nothing to settle."
            )
        else:
            ui.ruleLabel.setText(
                f"<b>Found by: {esc(entry.rule.label)}</b><br>"
                f"<span style='color:{tone('muted')}'>{esc(entry.rule.text)}</span>"
            )
            if entry.first is not None and entry.second is not None:
                for label, objective in ((ui.firstLabel, entry.first), (ui.secondLabel, entry.second)):
                    label.setText(
                        f"<b>“{esc(objective.statement)}”</b><br>"
                        f"<span style='color:{tone('muted')}'>{esc(team_names(view, objective))}</span>"
                    )
                others = [
                    e.rule.label
                    for e in self.entries
                    if e is not entry
                    and e.finding is not None
                    and entry.finding is not None
                    and (e.finding.first_id, e.finding.second_id)
                    == (entry.finding.first_id, entry.finding.second_id)
                ]
                also = f"<br><i>Also found by: {esc(', '.join(others))}.</i>" if others else ""
                ui.detailLabel.setText(esc(entry.detail) + also)
            else:
                merged = entry.merged
                ui.firstLabel.setText(
                    f"<b>“{esc(merged.statement)}”</b><br><span style='color:{tone('muted')}'>"
                    f"{esc(team_names(view, merged))} · {esc(merged.origin_label)}</span>"
                    if merged is not None
                    else "The shared objective is no longer in the plan."
                )
                ui.secondLabel.setText("")
                ui.detailLabel.setText("")
            resolution = entry.resolution
            if resolution is None:
                ui.resolutionLabel.setText(
                    f"<span style='color:{tone('advice')}'><b>Open.</b></span> Merge, adjust or keep?"
                )
            else:
                colour = _ACTION_COLOURS[resolution.action]
                note = f": “{esc(resolution.note)}”" if resolution.note else "."
                when = resolution.resolved_at.strftime("%d %b %H:%M")
                extra = (
                    " Edit the objectives on the Plan page (Ctrl+Shift+G / Ctrl+Shift+H)."
                    if resolution.action is ResolutionAction.ADJUSTED
                    else ""
                )
                ui.resolutionLabel.setText(
                    f"<span style='color:{colour}'><b>{esc(resolution.action.label)}</b></span>"
                    f" ({when}){note}{extra}"
                )
        pair = entry is not None and entry.first is not None
        open_pair = pair and entry is not None and entry.is_open and not self.read_only
        for button in (ui.mergeButton, ui.adjustButton, ui.keepButton):
            button.setEnabled(open_pair)
        ui.showFirstButton.setVisible(entry is not None and (pair or entry.merged is not None))
        ui.showSecondButton.setVisible(pair)
        ui.secondLabel.setVisible(bool(ui.secondLabel.text()))
        ui.detailLabel.setVisible(bool(ui.detailLabel.text()))
        if self.mode is not None and (entry is None or not entry.is_open):
            self.cancel(refocus=False)
        self.projectionChanged.emit()

    def _objective(self, which: int) -> ObjectiveView | None:
        entry = self.current_entry()
        if entry is None:
            return None
        if entry.first is None:
            return entry.merged if which == 0 else None
        return entry.first if which == 0 else entry.second

    def show_on_plan(self, which: int) -> None:
        objective = self._objective(which)
        if objective is None:
            self.document.failed.emit("Select a finding first: its objectives open on the Plan page.")
            return
        self.objectiveRequested.emit(objective.id)

    # -- resolving -----------------------------------------------------------------------
    def start(self, action: ResolutionAction) -> None:
        """Open the inline form for ``action`` on the selected finding (the note, and a merge's wording)."""
        entry = self.current_entry()
        if self.read_only:
            return
        if entry is None or entry.first is None or entry.second is None:
            self.document.failed.emit("Select a finding to settle first.")
            return
        if not entry.is_open:
            self.document.failed.emit(
                f"That finding is {entry.resolution.action.label.lower() if entry.resolution else 'settled'} "
                "already; undo it (Ctrl+Z) to settle it differently."
            )
            return
        ui = self.ui
        self.mode = action
        merging = action is ResolutionAction.MERGED
        ui.statementLabel.setVisible(merging)
        ui.statementEdit.setVisible(merging)
        ui.noteEdit.clear()
        if action is ResolutionAction.MERGED:
            ui.resolveBox.setTitle("Merge into one shared objective")
            ui.resolveHint.setText(
                "Both teams will own it; both origins are kept, and buy-in starts afresh. Word it for both:"
            )
            ui.statementEdit.setText(entry.first.statement)
            ui.noteEdit.setPlaceholderText("Why merge (optional)")
            ui.confirmButton.setText("Merge")
            ui.statementEdit.setFocus()
            ui.statementEdit.selectAll()
        elif action is ResolutionAction.ADJUSTED:
            ui.resolveBox.setTitle("Adjust the objectives")
            ui.resolveHint.setText(
                "Mark it adjusted, then edit the objectives on the Plan page (Ctrl+Shift+G / Ctrl+Shift+H)."
            )
            ui.noteEdit.setPlaceholderText("What changes (optional)")
            ui.confirmButton.setText("Mark adjusted")
            ui.noteEdit.setFocus()
        else:
            ui.resolveBox.setTitle("Keep both as they are")
            ui.resolveHint.setText("Say why both stay: the note is required.")
            ui.noteEdit.setPlaceholderText("Why both stay (required)")
            ui.confirmButton.setText("Keep both")
            ui.noteEdit.setFocus()
        ui.resolveBox.setVisible(True)

    def cancel(self, refocus: bool = True) -> None:
        self.mode = None
        self.ui.resolveBox.setVisible(False)
        if refocus:
            self.ui.findingsView.setFocus()

    def confirm(self) -> bool:
        """Resolve the selected finding as the open form says; True when it reached the plan."""
        entry, action = self.current_entry(), self.mode
        if action is None or entry is None or entry.finding is None or self.read_only:
            return False
        doc, finding = self.document, entry.finding
        note = self.ui.noteEdit.text()
        statement = self.ui.statementEdit.text() if action is ResolutionAction.MERGED else None
        if action is ResolutionAction.MERGED:
            assert entry.first is not None
            assert entry.second is not None
            label = f"Merge “{entry.first.statement}” and “{entry.second.statement}”"
        else:
            label = (
                "Mark an overlap adjusted" if action is ResolutionAction.ADJUSTED else "Keep both objectives"
            )
        command = ResolveCommand(
            doc,
            label,
            [Kind.OVERLAP_RESOLUTION, Kind.OBJECTIVE, Kind.METRIC, Kind.STANCE],
            lambda: overlaps.resolve_overlap(
                doc.plan,
                finding.rule.value,
                finding.first_id,
                finding.second_id,
                action,
                note,
                statement=statement,
            ),
            lambda previous: overlaps.unresolve_overlap(doc.plan, previous),
        )
        self.mode = None  # the reload after the edit must not close the form twice
        if not doc.execute(command):
            self.mode = action
            (self.ui.noteEdit if action is not ResolutionAction.MERGED else self.ui.statementEdit).setFocus()
            return False
        self.ui.resolveBox.setVisible(False)
        self.select(entry.key)
        self.ui.findingsView.setFocus()
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if (
                watched is self.ui.findingsView
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            ):
                action = ACTION_KEYS.get(Qt.Key(event.key()))
                if action is not None:
                    if not self.read_only:
                        self.start(action)
                    return True
                if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    index = self.ui.findingsView.currentIndex()
                    if index.isValid() and not index.parent().isValid():
                        view = self.ui.findingsView
                        view.setExpanded(
                            index.siblingAtColumn(0), not view.isExpanded(index.siblingAtColumn(0))
                        )
                        return True
            if watched in (self.ui.statementEdit, self.ui.noteEdit) and event.key() == Qt.Key.Key_Escape:
                self.cancel()
                return True
        return super().eventFilter(watched, event)

    def make_read_only(self) -> None:
        super().make_read_only()
        self.read_only = True
        self.cancel(refocus=False)
        # Looking around changes nothing: the filter and the way to the Plan page stay.
        self.ui.openOnlyCheck.setEnabled(True)
        self.ui.showFirstButton.setEnabled(True)
        self.ui.showSecondButton.setEnabled(True)
        for shortcut in self._edit_keys:
            shortcut.setEnabled(True)
        self._show_current()
