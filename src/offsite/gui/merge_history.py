"""File ▸ Merge History: where every merged item came from — whose draft, which file, when.

The Plan page and the Candidates tab show an item's origin beside it; this dialog shows the
origin of everything a merge touched (why-statements, team goals, votes, definitions …) and
what became of it, grouped by merge, newest first.
"""

from __future__ import annotations

from itertools import groupby

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from offsite.domain.drafting import Outcome
from offsite.domain.formatting import format_moment, format_number
from offsite.domain.language import QT_TRANSLATE_NOOP, plural, translate
from offsite.gui.draft_words import whose_draft
from offsite.services.plans import PlanFile
from offsite.services.provenance import MergeEntry, merge_history

#: Columns of the history: the item, what the merge did with it.
COLUMNS = (QT_TRANSLATE_NOOP("MergeHistory", "Item"), QT_TRANSLATE_NOOP("MergeHistory", "Merged"))
#: What became of an item, in the leader's language (``MergeEntry.outcome_text`` is the English).
OUTCOME_WORDS = {
    Outcome.ADDED: QT_TRANSLATE_NOOP("MergeHistory", "added"),
    Outcome.CHANGED: QT_TRANSLATE_NOOP("MergeHistory", "changed"),
    Outcome.REMOVED: QT_TRANSLATE_NOOP("MergeHistory", "removed"),
    Outcome.KEPT_PLAN: QT_TRANSLATE_NOOP("MergeHistory", "kept as the plan had it"),
}


def merge_heading(entries: list[MergeEntry]) -> str:
    """“Daniel Kim’s draft (daniel-kim-draft.offsite) · 14 Jan 2027 08:45 UTC · 3 items”."""
    first = entries[0]
    n = len(entries)
    return plural(
        n,
        translate("MergeHistory", "{draft} ({file}) · {when} UTC · {count} item"),
        translate("MergeHistory", "{draft} ({file}) · {when} UTC · {count} items"),
    ).format(
        draft=whose_draft(first.leader_name),
        file=first.draft_name,
        when=format_moment(first.merged_at),
        count=format_number(n),
    )


class MergeHistoryDialog(QDialog):
    """Each merge as a group, each item it settled as a row: “objective “Expand happy customers” — added”."""

    def __init__(self, plan: PlanFile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("MergeHistory", "Merge History"))
        self.resize(760, 460)
        layout = QVBoxLayout(self)
        entries = merge_history(plan)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels([translate("MergeHistory", column) for column in COLUMNS])
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(96)
        layout.addWidget(self.tree)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._fill(entries)

    def _fill(self, entries: tuple[MergeEntry, ...]) -> None:
        if not entries:
            self.summary.setText(
                translate(
                    "MergeHistory",
                    "No draft has been merged into this plan yet. Merge leaders’ drafts with File ▸ Merge Drafts.",
                )
            )
            self.tree.hide()
            return
        merges = [
            list(group)
            for _, group in groupby(entries, key=lambda e: (e.merged_at, e.leader_name, e.draft_name))
        ]
        n, items = len(merges), len(entries)
        came = plural(
            items,
            translate("MergeHistory", "{count} item came in with {drafts}, the latest merge first."),
            translate("MergeHistory", "{count} items came in with {drafts}, the latest merge first."),
        )
        drafts = plural(
            n,
            translate("MergeHistory", "{count} merged draft"),
            translate("MergeHistory", "{count} merged drafts"),
        ).format(count=format_number(n))
        self.summary.setText(came.format(count=format_number(items), drafts=drafts))
        for group in merges:
            top = QTreeWidgetItem(self.tree, [merge_heading(group), ""])
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            top.setFirstColumnSpanned(True)
            for entry in group:
                row = QTreeWidgetItem(
                    top,
                    [
                        f"{entry.noun[:1].upper()}{entry.noun[1:]} {entry.label}",
                        translate("MergeHistory", OUTCOME_WORDS[entry.outcome]),
                    ],
                )
                row.setToolTip(0, f"{entry.noun[:1].upper()}{entry.noun[1:]} {entry.label}")
            top.setExpanded(True)
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)
