"""Buy-in ▸ Overlaps: the findings of ``domain.overlap`` and how the facilitator settled each.

What is a finding, what is settled and what only informs come from ``domain.overlap_review``, the
same call the PDF and the alignment index make. Findings are grouped by the rule that found them
(each group with its counts, collapsible); settled ones stay listed, greyed, with their resolution,
unless "Open findings only" hides them. A merged pair no longer exists as two objectives, so its
entry comes from the stored resolution and names the shared objective. Company goals that several
teams' objectives serve are listed once each, after the findings: the design, nothing to settle.
Resolutions that settle nothing any more (older plans' "same company goal" notes outside a group, a
pair the rules no longer find) are listed last, as history. Each resolution is one undo step.

A plan of thousands of objectives can have thousands of findings: each group lists its first
``SHOWN_AT_FIRST`` and ends in a "Show … more" line that lists the next ones (Enter or a click).
The review itself comes from ``gui.overlap_finder``: on a large plan it is worked out on a worker
thread while the tab says "Finding overlaps…" and the rest of the window stays usable.
"""

from __future__ import annotations

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

from offsite.domain.formatting import format_number
from offsite.domain.language import QT_TRANSLATE_NOOP, plural, translate
from offsite.domain.overlap import OverlapRule, TooCommon, too_common_sentence
from offsite.domain.overlap_review import (
    OverlapReview,
    earlier_text,
    owners_text,
    to_settle_text,
)
from offsite.domain.signoff import ResolutionAction, in_sentence
from offsite.domain.themes import TOO_COMMON
from offsite.domain.values import Kind, ObjectiveView, PlanView
from offsite.gui.commands import VerbCommand
from offsite.gui.document import PlanDocument
from offsite.gui.fit import keep_wrapped_text_whole, stack_when_narrow
from offsite.gui.forms import Form
from offsite.gui.notify import claims_escape
from offsite.gui.overlap_entries import Entry, EntryKind, Lines
from offsite.gui.overlap_finder import finder_of
from offsite.gui.page import Page
from offsite.gui.rich_text import literal as esc
from offsite.gui.stances import moment_text
from offsite.gui.theme import tone
from offsite.services import overlaps

#: The groups of findings, most telling first.
RULE_ORDER = (
    OverlapRule.KNOWN_CONFLICT,
    OverlapRule.SHARED_METRIC_NAME,
    OverlapRule.SHARED_DATA_SOURCE,
    OverlapRule.SIMILAR_WORDING,
)
#: The heading of the company goals served together, and of the history. Made at import: each is
#: shown as ``translate("OverlapsTab", ...)``, which is also the key of its part of the list.
GOALS_HEADING = QT_TRANSLATE_NOOP("OverlapsTab", "Serving one company goal")
HISTORY_HEADING = QT_TRANSLATE_NOOP("OverlapsTab", "Settled earlier")
GOALS_SENTENCE = QT_TRANSLATE_NOOP(
    "OverlapsTab",
    "Objectives of different teams that serve the same company goal: the plan working as designed. "
    "Each goal is listed once, for information; there is nothing to settle, and the alignment index "
    "does not count them as overlaps.",
)
HISTORY_SENTENCE = QT_TRANSLATE_NOOP(
    "OverlapsTab",
    "Resolutions stored earlier that settle no finding now (the rules no longer find their pair), "
    "kept so nothing written in the room is lost; they are not counted.",
)
NOTHING_TO_SETTLE = QT_TRANSLATE_NOOP(
    "OverlapsTab",
    "Objectives that serve the same company goal are the design, not an overlap: nothing to settle.",
)
#: A group with more findings than this starts collapsed (its heading still counts them).
COLLAPSE_ABOVE = 5
#: A group lists this many findings at first; its "Show … more" line lists as many again.
SHOWN_AT_FIRST = 50
GOAL_DETAIL_NAMES = 50
#: A finding's line shortens each objective's statement to this many characters.
STATEMENT_CHARS = 34
FINDING_TEXT = QT_TRANSLATE_NOOP("OverlapsTab", "Finding overlaps…")
BUSY_SUMMARY = QT_TRANSLATE_NOOP(
    "OverlapsTab",
    "<b>Finding overlaps…</b> The list fills in when it is done; the rest of Offsite works meanwhile.",
)
#: The narrowest the tab shows a finding's detail beside the list; narrower, the detail goes below.
SIDE_BY_SIDE = 900
#: Stacked, the findings list keeps this many rows in view above the detail.
STACKED_ROWS = 7
KEY_ROLE = Qt.ItemDataRole.UserRole + 11
SECTION_ROLE = Qt.ItemDataRole.UserRole + 12
MORE_ROLE = Qt.ItemDataRole.UserRole + 13
ACTION_KEYS = {
    Qt.Key.Key_M: ResolutionAction.MERGED,
    Qt.Key.Key_A: ResolutionAction.ADJUSTED,
    Qt.Key.Key_K: ResolutionAction.KEPT,
}
KEYS_HINT = QT_TRANSLATE_NOOP(
    "OverlapsTab",
    "In the list: M merge · A adjust · K keep with a note · Enter confirms, Escape cancels · "
    "Ctrl+Shift+G / Ctrl+Shift+H edit the first / second objective on the Plan page · "
    "Ctrl+Shift+F open findings only · Ctrl+Z undoes a resolution",
)
#: The theme's tone for each way of settling (gui.theme: light and dark desktops alike).
_ACTION_TONES = {
    ResolutionAction.MERGED: "promoted",
    ResolutionAction.ADJUSTED: "origin",
    ResolutionAction.KEPT: "muted",
}


def team_names(view: PlanView, objective: ObjectiveView) -> str:
    return owners_text(view, objective.team_ids)


def quoted(text: str) -> str:
    """``text`` in the quotation marks of the leader's language: “…” in English, „…“ in German."""
    return translate("OverlapsTab", "“{value}”").format(value=text)


def shortened(statement: str, at_most: int = STATEMENT_CHARS) -> str:
    """``statement`` cut at a word to ``at_most`` characters, with "…" when it was longer."""
    if len(statement) <= at_most:
        return statement
    head = statement[: at_most - 1]
    cut = head.rsplit(" ", 1)[0] if " " in head else head
    return cut.rstrip(" ,;:") + "…"


def too_common_text(common: TooCommon, names: int = 8) -> str:
    """What the rules leave out for being too common, in one sentence; "" when nothing is."""
    parts = []
    for kind, values in (
        (translate("OverlapsTab", "words {values}"), common.words),
        (translate("OverlapsTab", "metric names {values}"), common.metric_names),
        (translate("OverlapsTab", "data sources {values}"), common.data_sources),
    ):
        if values:
            shown = ", ".join(quoted(value) for value, _count in values[:names])
            if len(values) > names:
                shown = translate("OverlapsTab", "{values} and {count} more").format(
                    values=shown, count=len(values) - names
                )
            parts.append(kind.format(values=shown))
    if not parts:
        return ""
    return translate(
        "OverlapsTab", "Too common to count (each shared by more than {count} objectives): {parts}."
    ).format(count=TOO_COMMON, parts="; ".join(parts))


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


def _status(text: str, meaning: str) -> QStandardItem:
    """A group's status cell: its word, in the tone of what it means (``gui.theme.tone``)."""
    item = QStandardItem(text)
    item.setForeground(QBrush(QColor(tone(meaning))))
    return item


def _counted(n: int, one: str, many: str) -> str:
    """“1 finding”, “3 findings”: ``one`` or ``many`` (translated, with ``{count}``) for ``n``."""
    return plural(n, one, many).format(count=n)


class OverlapsTab(Page):
    #: The facilitator asked to edit an objective on the Plan page (its id).
    objectiveRequested = Signal(int)
    shows = frozenset({Kind.OBJECTIVE, Kind.METRIC, Kind.TEAM, Kind.GOAL, Kind.OVERLAP_RESOLUTION})

    def __init__(self, document: PlanDocument) -> None:
        super().__init__(document)
        self.ui = ui = OverlapsForm.setup(self)
        self.read_only = False
        self.entries: list[Entry] = []
        self._by_key: dict[str, Entry] = {}
        self._by_pair: dict[tuple[int, int], list[Entry]] = {}
        self.lines = Lines((), {}, {}, {}, [], [])
        self.mode: ResolutionAction | None = None
        self._collapsed: dict[str, bool] = {}
        #: Per group (its section name): the entries it lists, and how many of them are shown.
        self._listed: dict[str, list[Entry]] = {}
        self._shown: dict[str, int] = {}
        self.busy = False
        self.review = OverlapReview((), (), (), ())
        self.too_common = TooCommon()
        self.finder = finder_of(document)
        self.finder.ready.connect(self._review_ready)
        self.finder.failed.connect(document.failed)
        self.tree = QStandardItemModel(self)
        self.tree.setHorizontalHeaderLabels(
            [translate("OverlapsTab", "Finding"), translate("OverlapsTab", "Resolution")]
        )
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
        view.clicked.connect(self._clicked)
        view.collapsed.connect(lambda index: self._remember_group(index, True))
        view.expanded.connect(lambda index: self._remember_group(index, False))
        view.installEventFilter(self)
        ui.splitter.setStretchFactor(0, 3)
        ui.splitter.setStretchFactor(1, 2)
        ui.splitter.setSizes([560, 420])
        ui.keysHint.setText(translate("OverlapsTab", KEYS_HINT))
        # On a narrow or scaled screen the summary wraps and the detail goes under the findings,
        # each with the whole width: the tab scrolls down instead of sideways.
        keep_wrapped_text_whole(self)
        row = view.fontMetrics().lineSpacing() + 8
        stack_when_narrow(
            ui.splitter, SIDE_BY_SIDE, {view: view.header().sizeHint().height() + STACKED_ROWS * row}
        )

        ui.openOnlyCheck.setToolTip(
            translate("OverlapsTab", "Hide the findings settled already (Ctrl+Shift+F)")
        )
        ui.openOnlyCheck.toggled.connect(lambda _on: self.load(self.document))
        ui.mergeButton.setToolTip(
            translate("OverlapsTab", "One shared objective, owned by both teams, keeping both origins (M)")
        )
        ui.adjustButton.setToolTip(
            translate("OverlapsTab", "Change the objectives on the Plan page; a note says how (A)")
        )
        ui.keepButton.setToolTip(translate("OverlapsTab", "Keep both as they are; a note says why (K)"))
        ui.showFirstButton.setToolTip(
            translate("OverlapsTab", "Edit the first objective on the Plan page (Ctrl+Shift+G)")
        )
        ui.showSecondButton.setToolTip(
            translate("OverlapsTab", "Edit the second objective on the Plan page (Ctrl+Shift+H)")
        )
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
        reviewed = self.finder.review(view, overlaps.read_resolutions(document.plan))
        if reviewed is None:
            self._show_busy()
            return
        self.busy = False
        self.review = review = reviewed.review
        self.too_common = reviewed.too_common
        current = self.current_entry()
        keep = current.key if current is not None else None
        self.lines = reviewed.lines
        self.entries = list(reviewed.lines.entries)
        self._by_key = reviewed.lines.by_key
        self._by_pair = reviewed.lines.by_pair
        open_only = self.ui.openOnlyCheck.isChecked()
        self.tree.removeRows(0, self.tree.rowCount())
        self._listed = {}
        sections = self._sections(open_only)
        for title, tooltip, members, status in sections:
            section = title.split(" · ")[0]
            heading = QStandardItem(title)
            heading.setToolTip(tooltip)
            heading.setData(section, SECTION_ROLE)
            font = QFont()
            font.setBold(True)
            heading.setFont(font)
            self._listed[section] = [e for e in members if not (open_only and not e.is_open)]
            self.tree.appendRow([heading, status])
            self._list_more(heading, 0, self._shown.get(section, SHOWN_AT_FIRST))
            # A big group starts collapsed when others are there to see; alone, it is the list.
            crowded = len(members) > COLLAPSE_ABOVE and len(sections) > 1
            collapsed = self._collapsed.get(section, crowded)
            self.ui.findingsView.setExpanded(heading.index(), not collapsed)
        self.ui.findingsView.setFirstColumnSpanned(0, QModelIndex(), False)
        if not self.entries:
            summary = translate(
                "OverlapsTab",
                "No overlaps found: no two teams' objectives share a metric or most of their wording.",
            )
        else:
            summary = translate(
                "OverlapsTab", "<b>{to_settle}</b> ({found} found, {settled} settled)"
            ).format(
                to_settle=esc(to_settle_text(review)),
                found=review.found,
                settled=review.settled,
            )
            if review.groups:
                summary += _counted(
                    len(review.groups),
                    translate("OverlapsTab", " · {count} company goal served together, by design"),
                    translate("OverlapsTab", " · {count} company goals served together, by design"),
                )
        common = too_common_text(reviewed.too_common)
        if common:
            summary += f"<br><span style='color:{tone('muted')}'>{esc(common)}</span>"
        self.ui.summaryLabel.setText(summary)
        self.select(keep)

    def _show_busy(self) -> None:
        """Finding overlaps on a worker: say so, keep what was listed, settle nothing meanwhile."""
        self.busy = True
        self.ui.summaryLabel.setText(translate("OverlapsTab", BUSY_SUMMARY))
        if not self.entries:
            self.tree.removeRows(0, self.tree.rowCount())
            waiting = QStandardItem(translate("OverlapsTab", FINDING_TEXT))
            waiting.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.appendRow([waiting, QStandardItem("")])
        self.cancel(refocus=False)
        self._show_current()

    def _review_ready(self) -> None:
        """The finder's worker is done: show its review now, or when the tab is next shown."""
        self.reload_when_shown()

    def _list_more(self, heading: QStandardItem, start: int, count: int) -> QStandardItem | None:
        """List ``count`` more entries of ``heading``'s group from ``start``, then its "Show more"
        line if some are left; returns the first row listed."""
        section = heading.data(SECTION_ROLE)
        listed = self._listed.get(section, [])
        view = self.document.view()
        first = None
        for entry in listed[start : start + count]:
            row = self._row(view, entry)
            heading.appendRow(row)
            first = first or row[0]
        shown = min(len(listed), start + count)
        self._shown[section] = max(shown, SHOWN_AT_FIRST)
        rest = len(listed) - shown
        if rest > 0:
            more = QStandardItem(
                translate("OverlapsTab", "Show {count} more ({rest} not listed yet)…").format(
                    count=format_number(min(rest, SHOWN_AT_FIRST)), rest=format_number(rest)
                )
            )
            more.setData(section, MORE_ROLE)
            more.setData(section, SECTION_ROLE)
            more.setToolTip(
                translate("OverlapsTab", "Press Enter or click to list the next findings of this group.")
            )
            font = QFont()
            font.setItalic(True)
            more.setFont(font)
            more.setForeground(QBrush(QColor(tone("origin"))))
            heading.appendRow([more, QStandardItem("")])
        return first

    def show_more(self, section: str) -> bool:
        """List the next findings of the group ``section`` in place of its "Show more" line and
        select the first of them; False when the group has none left to list."""
        for row in range(self.tree.rowCount()):
            heading = self.tree.item(row, 0)
            if heading.data(SECTION_ROLE) != section:
                continue
            last = heading.child(heading.rowCount() - 1, 0) if heading.rowCount() else None
            if last is None or last.data(MORE_ROLE) is None:
                return False
            heading.removeRow(heading.rowCount() - 1)
            first = self._list_more(heading, heading.rowCount(), SHOWN_AT_FIRST)
            if first is not None:
                self.ui.findingsView.setCurrentIndex(first.index())
            return True
        return False

    def _clicked(self, index: QModelIndex) -> None:
        section = index.siblingAtColumn(0).data(MORE_ROLE)
        if section:
            self.show_more(section)

    def _reveal(self, key: str) -> None:
        """List the entry ``key`` if its group has not listed it yet (it is past "Show more")."""
        for section, listed in self._listed.items():
            position = next((n for n, e in enumerate(listed) if e.key == key), None)
            if position is None:
                continue
            while self._shown.get(section, SHOWN_AT_FIRST) <= position and self.show_more(section):
                pass
            return

    def _sections(self, open_only: bool) -> list[tuple[str, str, list[Entry], QStandardItem]]:
        """(heading, its tooltip, its entries, its status cell) for each part of the list that has entries."""
        sections = []
        for rule in RULE_ORDER:
            members = self.lines.by_rule.get(rule, [])
            if not members:
                continue
            still_open = sum(e.is_open for e in members)
            status = (
                _status(translate("OverlapsTab", "Open"), "advice")
                if still_open
                else _status(translate("OverlapsTab", "All settled"), "promoted")
            )
            # The heading's first part, before " · ", is the key of its group: keep the " · ".
            title = translate("OverlapsTab", "{rule} · {findings}, {open} open").format(
                rule=rule.label,
                findings=_counted(
                    len(members),
                    translate("OverlapsTab", "{count} finding"),
                    translate("OverlapsTab", "{count} findings"),
                ),
                open=still_open,
            )
            sections.append((title, self.rule_text(rule), members, status))
        if open_only:
            return sections
        if goals := self.lines.goals:
            title = translate("OverlapsTab", "{heading} · {goals}, nothing to settle").format(
                heading=translate("OverlapsTab", GOALS_HEADING),
                goals=_counted(
                    len(goals),
                    translate("OverlapsTab", "{count} goal"),
                    translate("OverlapsTab", "{count} goals"),
                ),
            )
            sections.append(
                (
                    title,
                    translate("OverlapsTab", GOALS_SENTENCE),
                    goals,
                    _status(translate("OverlapsTab", "By design"), "origin"),
                )
            )
        if history := self.lines.history:
            title = translate("OverlapsTab", "{heading} · {resolutions}").format(
                heading=translate("OverlapsTab", HISTORY_HEADING),
                resolutions=_counted(
                    len(history),
                    translate("OverlapsTab", "{count} resolution"),
                    translate("OverlapsTab", "{count} resolutions"),
                ),
            )
            sections.append(
                (
                    title,
                    translate("OverlapsTab", HISTORY_SENTENCE),
                    history,
                    _status(translate("OverlapsTab", "Not counted"), "muted"),
                )
            )
        return sections

    def _row(self, view: PlanView, entry: Entry) -> list[QStandardItem]:
        if entry.kind is EntryKind.GOAL:
            item = QStandardItem(entry.detail)
            item.setToolTip(f"{entry.detail}\n{translate('OverlapsTab', GOALS_SENTENCE)}")
            item.setData(entry.key, KEY_ROLE)
            status = QStandardItem(translate("OverlapsTab", "Nothing to settle"))
            status.setForeground(QBrush(QColor(tone("origin"))))
            return [item, status]
        whole = ""  # a finding's line in full, for its tooltip
        if entry.kind is EntryKind.HISTORY:
            text = entry.detail
        elif entry.first is not None and entry.second is not None:
            # Each side shortened, so a line shows both objectives whatever their length (the
            # tooltip and the detail give them whole).
            pair = translate("OverlapsTab", "“{first}” ({first_teams})  ↔  “{second}” ({second_teams})")
            first_teams, second_teams = team_names(view, entry.first), team_names(view, entry.second)
            text = pair.format(
                first=shortened(entry.first.statement),
                first_teams=first_teams,
                second=shortened(entry.second.statement),
                second_teams=second_teams,
            )
            whole = pair.format(
                first=entry.first.statement,
                first_teams=first_teams,
                second=entry.second.statement,
                second_teams=second_teams,
            )
        elif entry.merged is not None:
            text = translate("OverlapsTab", "Merged into “{objective}” ({teams})").format(
                objective=entry.merged.statement, teams=team_names(view, entry.merged)
            )
        else:
            text = translate(
                "OverlapsTab", "Merged (the shared objective has since been removed or merged again)"
            )
        item = QStandardItem(text)
        whole = whole or text
        item.setToolTip(f"{whole}\n{entry.detail}" if entry.detail and entry.detail != whole else whole)
        item.setData(entry.key, KEY_ROLE)
        resolution = entry.resolution
        status = QStandardItem(
            translate("OverlapsTab", "Open") if resolution is None else resolution.action.label
        )
        if resolution is not None:
            item.setForeground(QBrush(QColor(tone("muted"))))
            status.setForeground(QBrush(QColor(tone(_ACTION_TONES[resolution.action]))))
            if resolution.note:
                status.setToolTip(resolution.note)
        else:
            status.setForeground(QBrush(QColor(tone("advice"))))
        return [item, status]

    def _remember_group(self, index: QModelIndex, collapsed: bool) -> None:
        if not index.parent().isValid():
            section = self.tree.itemFromIndex(index.siblingAtColumn(0)).data(SECTION_ROLE)
            if section:
                self._collapsed[section] = collapsed

    def current_entry(self) -> Entry | None:
        index = self.ui.findingsView.currentIndex()
        key = index.siblingAtColumn(0).data(KEY_ROLE) if index.isValid() else None
        return self._by_key.get(key) if key else None

    def select(self, key: str | None) -> None:
        """Select the entry ``key`` (expanding its group), else the first open finding, else the first."""
        if key is not None:
            self._reveal(key)
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
            target = next(iter(open_ones or children), None)
        view = self.ui.findingsView
        if target is not None:
            view.setExpanded(target.parent().index(), True)
            view.setCurrentIndex(target.index())
            view.scrollTo(target.index())
        elif self.tree.rowCount() and not view.currentIndex().isValid():
            view.setCurrentIndex(self.tree.index(0, 0))
        self._show_current()

    def entry(self, key: str) -> Entry | None:
        return self._by_key.get(key)

    # -- the detail ----------------------------------------------------------------------
    def _show_current(self) -> None:
        ui, entry = self.ui, self.current_entry()
        view = self.document.view()
        index = ui.findingsView.currentIndex()
        for label in (ui.firstLabel, ui.secondLabel, ui.detailLabel):
            label.setText("")
        if entry is None:
            heading = self.tree.itemFromIndex(index.siblingAtColumn(0)) if index.isValid() else None
            ui.ruleLabel.setText(self._section_text(heading.data(SECTION_ROLE) if heading else None))
            if self.busy:
                hint = translate("OverlapsTab", FINDING_TEXT)
            elif heading is not None and heading.data(MORE_ROLE):
                hint = translate(
                    "OverlapsTab", "Press Enter (or click) to list the next findings of this group."
                )
            elif self.entries:
                hint = translate("OverlapsTab", "Select a finding (arrow keys) to settle it.")
            else:
                hint = translate("OverlapsTab", "Nothing to settle.")
            ui.resolutionLabel.setText(hint)
        elif entry.kind is EntryKind.GOAL:
            self._show_goal(view, entry)
        else:
            self._show_settleable(view, entry)
        pair = entry is not None and entry.first is not None and entry.kind is not EntryKind.HISTORY
        open_pair = pair and entry is not None and entry.is_open and not self.read_only and not self.busy
        for button in (ui.mergeButton, ui.adjustButton, ui.keepButton):
            button.setEnabled(open_pair)
            button.setVisible(entry is None or entry.kind is not EntryKind.GOAL)
        ui.showFirstButton.setVisible(entry is not None and (pair or entry.merged is not None))
        ui.showSecondButton.setVisible(pair)
        ui.firstLabel.setVisible(bool(ui.firstLabel.text()))
        ui.secondLabel.setVisible(bool(ui.secondLabel.text()))
        ui.detailLabel.setVisible(bool(ui.detailLabel.text()))
        if self.mode is not None and (entry is None or not entry.is_open):
            self.cancel(refocus=False)
        self.projectionChanged.emit()

    def rule_text(self, rule: OverlapRule) -> str:
        """The rule's sentence, and what it leaves out for being too common when the plan has any."""
        if self.too_common and rule is not OverlapRule.KNOWN_CONFLICT:
            return f"{rule.text} {too_common_sentence()}"
        return rule.text

    def _section_text(self, section: str | None) -> str:
        """The heading's rule (or what the part of the list is), for the detail when a heading is selected."""
        rule = next((r for r in RULE_ORDER if r.label == section), None)
        if rule is not None:
            title, sentence = rule.label, self.rule_text(rule)
        elif section == translate("OverlapsTab", GOALS_HEADING):
            title, sentence = section, translate("OverlapsTab", GOALS_SENTENCE)
        elif section == translate("OverlapsTab", HISTORY_HEADING):
            title, sentence = section, translate("OverlapsTab", HISTORY_SENTENCE)
        else:
            return ""
        return f"<b>{esc(title)}</b><br><span style='color:{tone('muted')}'>{esc(sentence)}</span>"

    def _show_goal(self, view: PlanView, entry: Entry) -> None:
        """A company goal served together: who serves it, what was noted on it earlier, nothing to settle."""
        ui, served = self.ui, entry.served
        assert served is not None
        ui.ruleLabel.setText(self._section_text(translate("OverlapsTab", GOALS_HEADING)))
        by_id = {o.id: o for o in view.objectives}
        present = [o for i in served.group.objective_ids if (o := by_id.get(i)) is not None]
        members = "".join(
            f"<li>{quoted(esc(o.statement))} <span style='color:{tone('muted')}'>({esc(team_names(view, o))})</span></li>"
            for o in present[:GOAL_DETAIL_NAMES]
        )
        if len(present) > GOAL_DETAIL_NAMES:
            members += translate("OverlapsTab", "<li>and {count} more</li>").format(
                count=format_number(len(present) - GOAL_DETAIL_NAMES)
            )
        ui.firstLabel.setText(
            translate("OverlapsTab", "<b>Serve “{goal}”</b><ul>{objectives}</ul>").format(
                goal=esc(served.group.statement), objectives=members
            )
        )
        if served.earlier:
            notes = "".join(f"<li>{esc(earlier_text(view, r))}</li>" for r in served.earlier)
            ui.detailLabel.setText(
                translate(
                    "OverlapsTab",
                    "<i>Noted earlier, when serving one goal was still listed as an overlap:</i><ul>{notes}</ul>",
                ).format(notes=notes)
            )
        ui.resolutionLabel.setText(
            translate(
                "OverlapsTab",
                "<span style='color:{colour}'><b>By design.</b></span> Nothing to settle, and not counted "
                "as an overlap in the alignment index.",
            ).format(colour=tone("origin"))
        )

    def _show_settleable(self, view: PlanView, entry: Entry) -> None:
        """A finding, a merge that settled one, or a resolution kept as history."""
        ui = self.ui
        if entry.kind is EntryKind.HISTORY:
            rule = (
                entry.rule.label
                if entry.rule is not None
                else translate("OverlapsTab", "A rule this version does not know")
            )
            ui.ruleLabel.setText(
                f"<b>{esc(translate('OverlapsTab', HISTORY_HEADING))} · {esc(rule)}</b><br>"
                f"<span style='color:{tone('muted')}'>{esc(translate('OverlapsTab', HISTORY_SENTENCE))}</span>"
            )
            ui.detailLabel.setText(esc(entry.detail))
        elif entry.rule is not None:
            ui.ruleLabel.setText(
                translate("OverlapsTab", "<b>Found by: {rule}</b>").format(rule=esc(entry.rule.label))
                + f"<br><span style='color:{tone('muted')}'>{esc(self.rule_text(entry.rule))}</span>"
            )
        if entry.kind is EntryKind.HISTORY:
            pass
        elif entry.first is not None and entry.second is not None:
            for label, objective in ((ui.firstLabel, entry.first), (ui.secondLabel, entry.second)):
                label.setText(
                    f"<b>{quoted(esc(objective.statement))}</b><br>"
                    f"<span style='color:{tone('muted')}'>{esc(team_names(view, objective))}</span>"
                )
            found = entry.finding
            same_pair = self._by_pair.get((found.first_id, found.second_id), []) if found is not None else []
            others = [e.rule.label for e in same_pair if e is not entry and e.rule is not None]
            also = (
                translate("OverlapsTab", "<br><i>Also found by: {rules}.</i>").format(
                    rules=esc(", ".join(others))
                )
                if others
                else ""
            )
            ui.detailLabel.setText(esc(entry.detail) + also)
        else:
            merged = entry.merged
            ui.firstLabel.setText(
                f"<b>{quoted(esc(merged.statement))}</b><br><span style='color:{tone('muted')}'>"
                f"{esc(team_names(view, merged))} · {esc(merged.origin_label)}</span>"
                if merged is not None
                else translate("OverlapsTab", "The shared objective is no longer in the plan.")
            )
        resolution = entry.resolution
        if resolution is None:
            ui.resolutionLabel.setText(
                translate(
                    "OverlapsTab", "<span style='color:{colour}'><b>Open.</b></span> Merge, adjust or keep?"
                ).format(colour=tone("advice"))
            )
            return
        colour = tone(_ACTION_TONES[resolution.action])
        settled = {
            "colour": colour,
            "action": esc(resolution.action.label),
            "when": moment_text(resolution.resolved_at),
            "note": esc(resolution.note),
        }
        if resolution.note:
            said = translate(
                "OverlapsTab", "<span style='color:{colour}'><b>{action}</b></span> ({when}): “{note}”"
            ).format(**settled)
        else:
            said = translate(
                "OverlapsTab", "<span style='color:{colour}'><b>{action}</b></span> ({when})."
            ).format(**settled)
        if resolution.action is ResolutionAction.ADJUSTED and entry.kind is EntryKind.FINDING:
            said += translate(
                "OverlapsTab", " Edit the objectives on the Plan page (Ctrl+Shift+G / Ctrl+Shift+H)."
            )
        ui.resolutionLabel.setText(said)

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
            self.document.failed.emit(
                translate("OverlapsTab", "Select a finding first: its objectives open on the Plan page.")
            )
            return
        self.objectiveRequested.emit(objective.id)

    # -- resolving -----------------------------------------------------------------------
    def start(self, action: ResolutionAction) -> None:
        """Open the inline form for ``action`` on the selected finding (the note, and a merge's wording)."""
        entry = self.current_entry()
        if self.read_only:
            return
        if self.busy:
            self.document.failed.emit(
                translate(
                    "OverlapsTab",
                    "Offsite is still finding overlaps after the last change; settle this one when the list is updated.",
                )
            )
            return
        if entry is not None and entry.kind is EntryKind.GOAL:
            self.document.failed.emit(translate("OverlapsTab", NOTHING_TO_SETTLE))
            return
        if entry is not None and entry.kind is EntryKind.HISTORY:
            self.document.failed.emit(
                translate(
                    "OverlapsTab",
                    "That resolution was stored earlier and settles no finding now: nothing to settle.",
                )
            )
            return
        if entry is None or entry.first is None or entry.second is None:
            self.document.failed.emit(translate("OverlapsTab", "Select a finding to settle first."))
            return
        if not entry.is_open:
            self.document.failed.emit(
                translate(
                    "OverlapsTab",
                    "That finding is {settled} already; undo it (Ctrl+Z) to settle it differently.",
                ).format(
                    settled=in_sentence(entry.resolution.action.label)
                    if entry.resolution
                    else translate("OverlapsTab", "settled")
                )
            )
            return
        ui = self.ui
        self.mode = action
        merging = action is ResolutionAction.MERGED
        ui.statementLabel.setVisible(merging)
        ui.statementEdit.setVisible(merging)
        ui.noteEdit.clear()
        if action is ResolutionAction.MERGED:
            ui.resolveBox.setTitle(translate("OverlapsTab", "Merge into one shared objective"))
            ui.resolveHint.setText(
                translate(
                    "OverlapsTab",
                    "Both teams will own it; both origins are kept, and buy-in starts afresh. Word it for both:",
                )
            )
            ui.statementEdit.setText(entry.first.statement)
            ui.noteEdit.setPlaceholderText(translate("OverlapsTab", "Why merge (optional)"))
            ui.confirmButton.setText(translate("OverlapsTab", "Merge"))
            ui.statementEdit.setFocus()
            ui.statementEdit.selectAll()
        elif action is ResolutionAction.ADJUSTED:
            ui.resolveBox.setTitle(translate("OverlapsTab", "Adjust the objectives"))
            ui.resolveHint.setText(
                translate(
                    "OverlapsTab",
                    "Mark it adjusted, then edit the objectives on the Plan page (Ctrl+Shift+G / Ctrl+Shift+H).",
                )
            )
            ui.noteEdit.setPlaceholderText(translate("OverlapsTab", "What changes (optional)"))
            ui.confirmButton.setText(translate("OverlapsTab", "Mark adjusted"))
            ui.noteEdit.setFocus()
        else:
            ui.resolveBox.setTitle(translate("OverlapsTab", "Keep both as they are"))
            ui.resolveHint.setText(translate("OverlapsTab", "Say why both stay: the note is required."))
            ui.noteEdit.setPlaceholderText(translate("OverlapsTab", "Why both stay (required)"))
            ui.confirmButton.setText(translate("OverlapsTab", "Keep both"))
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
            label = translate("OverlapsTab", "Merge “{first}” and “{second}”").format(
                first=entry.first.statement, second=entry.second.statement
            )
        elif action is ResolutionAction.ADJUSTED:
            label = translate("OverlapsTab", "Mark an overlap adjusted")
        else:
            label = translate("OverlapsTab", "Keep both objectives")
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
        if watched in (self.ui.statementEdit, self.ui.noteEdit) and claims_escape(event):
            return True  # Esc cancels the resolution before it dismisses a toast
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
                    more = index.siblingAtColumn(0).data(MORE_ROLE) if index.isValid() else None
                    if more:
                        self.show_more(more)
                        return True
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
