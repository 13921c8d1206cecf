"""The Plan phase: objectives by team, each with its method and metrics, and guidance as you type.

A plan may hold thousands of objectives, and the page shows a screenful of them and one whole. So
it reads how many objectives each team's heading holds, the lines (statement, period, teams) of
the rows it lists, a batch at a time as they scroll into view (``ObjectivesModel`` over the
``PlanDocument``, ``gui.trees.FetchAsShown``), the stances of the rows it paints, and the
objective selected whole (``PlanDocument.objective``). Opening the page costs about the same on a
plan of any size; the pages that show every objective whole (Buy-in, Review) read the whole view
when first shown.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolButton,
    QTreeView,
)

from offsite.domain.guidance import Guidance, method_guidance, metric_guidance, statement_guidance
from offsite.domain.language import QT_TRANSLATE_NOOP, translate
from offsite.domain.values import Change, Kind, ObjectiveView
from offsite.exchange import drafts
from offsite.gui.binding import FieldBinding
from offsite.gui.commands import CreateCommand, LinkCommand, RemoveCommand, ReorderCommand, UpdateCommand
from offsite.gui.delegates import FieldDelegate, edit_new_row, reveal_row, setup_editable_table
from offsite.gui.document import PlanDocument
from offsite.gui.fit import keep_wrapped_text_whole, show_rows, stack_when_narrow
from offsite.gui.forms import Form
from offsite.gui.models import NO_OWNER, Field, FieldType, ObjectivesModel, RowsModel
from offsite.gui.page import Page
from offsite.gui.projection import Projection, objective_projection
from offsite.gui.trees import FetchAsShown

#: The narrowest the page shows the objectives beside the editor (whose team and metric lists
#: then have room for their names); on a narrower (or scaled) screen the editor goes below.
SIDE_BY_SIDE = 1000
#: Stacked, the objectives list keeps this many rows in view above the editor.
STACKED_OBJECTIVE_ROWS = 8
#: Rows of metrics an objective shows at a glance (it has two or three).
METRIC_ROWS = 3

#: The keys of this page for Help ▸ Keyboard shortcuts: (keys, what they do); what they do is
#: marked for the catalogue in the context "Shortcuts", where Help translates it.
KEYS = (
    ("Ctrl+Shift+O", QT_TRANSLATE_NOOP("Shortcuts", "Add an objective to the selected team")),
    ("Ctrl+Shift+M", QT_TRANSLATE_NOOP("Shortcuts", "Add a metric to this objective")),
    ("Ctrl+Shift+↑ / Ctrl+Shift+↓", QT_TRANSLATE_NOOP("Shortcuts", "Move the objective up or down")),
    (
        "Alt+O / Alt+P / Alt+W / Alt+S / Alt+M",
        QT_TRANSLATE_NOOP("Shortcuts", "Go to the objective, period, owners, goals served, method"),
    ),
    ("Alt+N / Alt+R", QT_TRANSLATE_NOOP("Shortcuts", "Choose who owns the objective, or its method")),
)


class PlanForm(Form):
    ui_file = "plan_page.ui"
    pageTitle: QLabel
    pageIntro: QLabel
    splitter: QSplitter
    objectivesView: QTreeView
    addObjectiveButton: QPushButton
    removeObjectiveButton: QPushButton
    moveUpButton: QToolButton
    moveDownButton: QToolButton
    editorStack: QStackedWidget
    statementEdit: QLineEdit
    statementHint: QLabel
    originLabel: QLabel
    periodEdit: QLineEdit
    ownerCombo: QComboBox
    teamsList: QListWidget
    goalsList: QListWidget
    methodEdit: QPlainTextEdit
    methodHint: QLabel
    methodOwnerCombo: QComboBox
    metricsView: QTableView
    addMetricButton: QPushButton
    removeMetricButton: QPushButton
    metricHint: QLabel


METRIC_FIELDS = (
    Field(QT_TRANSLATE_NOOP("PlanPage", "Metric"), "name", context="PlanPage"),
    Field(
        QT_TRANSLATE_NOOP("PlanPage", "Owner"),
        "owner_id",
        FieldType.LEADER,
        QT_TRANSLATE_NOOP("PlanPage", "The leader who answers for this metric"),
        context="PlanPage",
    ),
    Field(QT_TRANSLATE_NOOP("PlanPage", "Unit"), "unit", context="PlanPage"),
    Field(QT_TRANSLATE_NOOP("PlanPage", "Baseline"), "baseline", FieldType.NUMBER, context="PlanPage"),
    Field(QT_TRANSLATE_NOOP("PlanPage", "Target"), "target", FieldType.NUMBER, context="PlanPage"),
    Field(
        QT_TRANSLATE_NOOP("PlanPage", "Direction"),
        "direction",
        FieldType.DIRECTION,
        QT_TRANSLATE_NOOP("PlanPage", "Up: success is more. Down: success is less."),
        context="PlanPage",
    ),
    Field(QT_TRANSLATE_NOOP("PlanPage", "Due"), "due", FieldType.DATE, context="PlanPage"),
    Field(
        QT_TRANSLATE_NOOP("PlanPage", "Funnel"),
        "funnel_stage",
        FieldType.FUNNEL_STAGE,
        QT_TRANSLATE_NOOP("PlanPage", "The funnel stage it counts: leads, MQLs, SQLs …"),
        context="PlanPage",
    ),
    Field(
        QT_TRANSLATE_NOOP("PlanPage", "Data source"),
        "data_source",
        FieldType.TEXT,
        QT_TRANSLATE_NOOP("PlanPage", "Where the number comes from, e.g. CRM: pipeline report"),
        context="PlanPage",
    ),
    Field(
        QT_TRANSLATE_NOOP("PlanPage", "Cust."),
        "customer_centric",
        FieldType.FLAG,
        QT_TRANSLATE_NOOP("PlanPage", "Customer-centric: retention, satisfaction …"),
        context="PlanPage",
    ),
    Field(
        QT_TRANSLATE_NOOP("PlanPage", "Shared"),
        "shared",
        FieldType.FLAG,
        QT_TRANSLATE_NOOP("PlanPage", "Shared: owned jointly by Sales and Marketing"),
        context="PlanPage",
    ),
)


#: Each metric column's starting width, by field: room for its header and a typical value.
METRIC_WIDTHS = {
    "name": 130,
    "owner_id": 112,
    "unit": 64,
    "baseline": 72,
    "target": 72,
    "direction": 74,
    "due": 84,
    "funnel_stage": 100,
    "data_source": 104,
    "customer_centric": 48,
    "shared": 60,
}


def show_guidance(label: QLabel, guidance: Guidance) -> None:
    """Advice under a field: green when the text has its shape, amber when not; never a block."""
    label.setText(("✓ " if guidance.ok else "● ") + guidance.message)
    label.setProperty("guidance", "ok" if guidance.ok else "advice")
    label.style().unpolish(label)
    label.style().polish(label)


class PlanPage(Page):
    shows = frozenset({Kind.OBJECTIVE, Kind.METRIC, Kind.TEAM, Kind.GOAL, Kind.STANCE, Kind.LEADER})

    def __init__(self, document: PlanDocument) -> None:
        super().__init__(document)
        self.ui = ui = PlanForm.setup(self)
        self.current_id: int | None = None
        self._filling = False
        self._patching = False
        #: Objectives a leader's draft brought, by uid: read again with every reload.
        self.draft_origins: dict[str, drafts.DraftOrigin] = {}

        self.tree = ObjectivesModel(self)
        self.tree.failed.connect(document.failed)
        ui.objectivesView.setModel(self.tree)
        # Every row is one line of text: the tree lays out thousands of rows without asking each its height.
        ui.objectivesView.setUniformRowHeights(True)
        self.fetcher = FetchAsShown(ui.objectivesView)
        ui.objectivesView.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        ui.objectivesView.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        ui.objectivesView.header().setStretchLastSection(False)
        # The Buy-in column holds “2 of 3 agreed” whole, in whichever language the app speaks.
        widest = translate("Models", "{agreed} of {count} agreed").format(agreed="10", count="10")
        ui.objectivesView.header().resizeSection(
            1, max(100, ui.objectivesView.fontMetrics().horizontalAdvance(widest) + 16)
        )
        ui.objectivesView.selectionModel().currentChanged.connect(self._on_current_changed)
        ui.splitter.setSizes([330, 790])
        keep_wrapped_text_whole(self)
        tree = ui.objectivesView  # a row is a line of text and its padding, under the header
        rows = tree.header().sizeHint().height() + STACKED_OBJECTIVE_ROWS * (tree.fontMetrics().height() + 8)
        stack_when_narrow(ui.splitter, SIDE_BY_SIDE, {tree: rows})
        # The owning teams flow left to right onto as many lines as the width needs; each list is
        # as high as a list can be and still draw its frame and scroll bar (three short lines).
        ui.teamsList.setWrapping(True)
        ui.teamsList.setResizeMode(QListView.ResizeMode.Adjust)
        for checks in (ui.teamsList, ui.goalsList):
            checks.setMaximumHeight(checks.minimumSizeHint().height())

        current = lambda: self.current_id  # noqa: E731
        # What each field is called in its undo step (“Edit objective”), in the app's language.
        self.statement = FieldBinding(
            document,
            ui.statementEdit,
            Kind.OBJECTIVE,
            "statement",
            translate("PlanPage", "objective"),
            current,
        )
        self.period = FieldBinding(
            document, ui.periodEdit, Kind.OBJECTIVE, "period", translate("PlanPage", "period"), current
        )
        self.method = FieldBinding(
            document, ui.methodEdit, Kind.OBJECTIVE, "method", translate("PlanPage", "method"), current
        )
        ui.statementEdit.textChanged.connect(lambda t: show_guidance(ui.statementHint, statement_guidance(t)))
        ui.methodEdit.textChanged.connect(
            lambda: show_guidance(ui.methodHint, method_guidance(ui.methodEdit.toPlainText()))
        )
        ui.teamsList.itemChanged.connect(lambda _item: self._links_changed("teams", ui.teamsList))
        ui.goalsList.itemChanged.connect(lambda _item: self._links_changed("goals", ui.goalsList))

        ui.ownerCombo.currentIndexChanged.connect(lambda _i: self._owner_chosen("owner_id", ui.ownerCombo))
        ui.methodOwnerCombo.currentIndexChanged.connect(
            lambda _i: self._owner_chosen("method_owner_id", ui.methodOwnerCombo)
        )

        delegate = FieldDelegate(list, self, leader_choices=self._leader_choices)
        self.rejected = delegate.rejected
        self.metrics = RowsModel(
            METRIC_FIELDS, self._edit_metric, parent=self, leader_names=lambda: dict(self._leader_choices())
        )
        view = ui.metricsView
        view.setModel(self.metrics)
        setup_editable_table(view, delegate)
        header = view.horizontalHeader()
        # The metric keeps a readable name (and the last column takes what room is left): on a
        # narrow or scaled screen the table scrolls sideways rather than squeezing the name to "…".
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(48)
        header.setStretchLastSection(True)
        for column, field in enumerate(METRIC_FIELDS):
            # A header longer in the app's language than in English widens its column to show it whole.
            header.resizeSection(column, max(METRIC_WIDTHS[field.name], header.sectionSizeHint(column)))
        show_rows(view, METRIC_ROWS, sideways=True)
        view.selectionModel().currentChanged.connect(lambda *_: self._show_metric_hint())

        ui.addObjectiveButton.clicked.connect(self.add_objective)
        ui.removeObjectiveButton.clicked.connect(self.remove_objective)
        ui.moveUpButton.clicked.connect(lambda: self.move_objective(-1))
        ui.moveDownButton.clicked.connect(lambda: self.move_objective(+1))
        ui.addMetricButton.clicked.connect(self.add_metric)
        ui.removeMetricButton.clicked.connect(self.remove_metric)
        QShortcut(QKeySequence("Ctrl+Shift+Up"), self, lambda: self.move_objective(-1))
        QShortcut(QKeySequence("Ctrl+Shift+Down"), self, lambda: self.move_objective(+1))
        ui.addObjectiveButton.setToolTip(
            translate("PlanPage", "Add an objective to the selected team (Ctrl+Shift+O)")
        )
        QShortcut(QKeySequence("Ctrl+Shift+O"), self, self.add_objective)
        ui.addMetricButton.setToolTip(translate("PlanPage", "Add a metric to this objective (Ctrl+Shift+M)"))
        QShortcut(QKeySequence("Ctrl+Shift+M"), self, self.add_metric)

    # -- loading -------------------------------------------------------------------------
    def load(self, document: PlanDocument) -> None:
        self.draft_origins = drafts.read_origins(document.plan)
        self.tree.set_source(document)
        tree = self.ui.objectivesView
        for row in range(self.tree.rowCount()):  # the headings span the columns
            tree.setFirstColumnSpanned(row, QModelIndex(), True)
        # Every heading open, in one layout: the tree fetches a heading's next batch each time it
        # lays it out, and a layout per heading would fetch batches nobody scrolled to.
        tree.expandToDepth(0)
        self._keep_current()
        self._select(self.current_id)
        self._fill_editor()

    def _keep_current(self) -> None:
        """The objective selected stays so while the plan holds it; else the plan's first is."""
        if self.current_id is not None and not self.tree.holds(self.current_id):
            self.current_id = None
        if self.current_id is None:
            self.current_id = self.tree.first_id

    def update_to(self, change: Change) -> None:
        """An edit of some objectives (or their metrics or stances) updates their rows alone."""
        if change.objectives is None or change.kinds & {Kind.TEAM, Kind.GOAL, Kind.LEADER}:
            self.reload()
            return
        # Rows taken out from under the selection move Qt's current row: the objective being
        # edited stays the one selected after the patch, not whichever row Qt moved to.
        self._patching = True
        try:
            patched = self.tree.patch(
                change.objectives,
                stances=Kind.STANCE in change.kinds,
                reordered=Kind.OBJECTIVE in change.reordered,
            )
        finally:
            self._patching = False
        if not patched:
            self.reload()
            return
        self._keep_current()
        self._select(self.current_id)
        if self.current_id is None or self.current_id in change.objectives:
            self._fill_editor()
        self.projectionChanged.emit()

    def select_objective(self, objective_id: int) -> None:
        """Show ``objective_id`` in the editor with the keyboard in its statement (Adjust: edit it here)."""
        self.ensure_loaded()
        self._select(objective_id)
        self.ui.statementEdit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _select(self, objective_id: int | None) -> None:
        index = self.tree.index_of(objective_id) if objective_id is not None else QModelIndex()
        selection = self.ui.objectivesView.selectionModel()
        if index.isValid() and selection.currentIndex() != index:
            selection.setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        objective = self.tree.objective_at(current)
        if self._patching:
            return
        if objective is not None and objective.id != self.current_id:
            self.current_id = objective.id
            self._fill_editor()
            self.projectionChanged.emit()

    def projection(self) -> Projection | None:
        """The objective under discussion: statement, owners and period, method and metrics."""
        objective = self.current_objective()
        outline = self.document.outline()  # the objective shown, with the teams, leaders and goals it names
        shown = dataclasses.replace(outline, objectives=(objective,) if objective is not None else ())
        return objective_projection(shown, self.current_id)

    def current_objective(self) -> ObjectiveView | None:
        return None if self.current_id is None else self.document.objective(self.current_id)

    def _fill_editor(self) -> None:
        objective = self.current_objective()
        ui = self.ui
        ui.editorStack.setCurrentIndex(0 if objective is None else 1)
        if objective is None:
            return
        view = self.document.outline()
        self._filling = True
        try:
            self.statement.show(objective.statement)
            self.period.show(objective.period)
            self.method.show(objective.method)
            show_guidance(ui.statementHint, statement_guidance(ui.statementEdit.text()))
            draft = self.draft_origins.get(objective.uid)
            origin = "\n".join(t for t in (origin_text(objective), draft.label if draft else "") if t)
            ui.originLabel.setText(origin)
            ui.originLabel.setVisible(bool(origin))
            show_guidance(ui.methodHint, method_guidance(ui.methodEdit.toPlainText()))
            self._fill_checks(ui.teamsList, [(t.id, t.name) for t in view.teams], objective.team_ids)
            self._fill_checks(ui.goalsList, [(g.id, g.statement) for g in view.goals], objective.goal_ids)
            for combo, owner in (
                (ui.ownerCombo, objective.owner_id),
                (ui.methodOwnerCombo, objective.method_owner_id),
            ):
                self._fill_owner(combo, owner)
        finally:
            self._filling = False
        self.metrics.set_rows(objective.metrics)
        self._show_metric_hint()

    def _leader_choices(self) -> list[tuple[int, str]]:
        """Who may own an objective, a method or a metric: the plan's leaders, in their order."""
        return [(p.id, p.name) for p in self.document.outline().leaders]

    def _fill_owner(self, combo: QComboBox, owner_id: int | None) -> None:
        choices = [(None, translate("Models", NO_OWNER)), *self._leader_choices()]
        if [(combo.itemData(i), combo.itemText(i)) for i in range(combo.count())] != choices:
            combo.clear()
            for leader_id, name in choices:
                combo.addItem(name, leader_id)
        combo.setCurrentIndex(max(0, combo.findData(owner_id)))

    @staticmethod
    def _fill_checks(widget: QListWidget, choices: list[tuple[int, str]], checked: tuple[int, ...]) -> None:
        existing = [
            (widget.item(i).data(Qt.ItemDataRole.UserRole), widget.item(i).text())
            for i in range(widget.count())
        ]
        if existing != choices:
            widget.clear()
            for choice_id, text in choices:
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, choice_id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                widget.addItem(item)
        for i in range(widget.count()):
            item = widget.item(i)
            state = (
                Qt.CheckState.Checked
                if item.data(Qt.ItemDataRole.UserRole) in checked
                else Qt.CheckState.Unchecked
            )
            if item.checkState() != state:
                item.setCheckState(state)

    def _show_metric_hint(self) -> None:
        current = self.ui.metricsView.currentIndex()
        objective = self.current_objective()
        if objective is None or not objective.metrics:
            show_guidance(self.ui.metricHint, metric_guidance("", None))
            return
        row = current.row() if current.isValid() else 0
        metric = objective.metrics[min(row, len(objective.metrics) - 1)]
        show_guidance(self.ui.metricHint, metric_guidance(metric.name, metric.target))

    # -- edits ---------------------------------------------------------------------------
    def _links_changed(self, which: str, widget: QListWidget) -> None:
        if self._filling or self.current_id is None:
            return
        ids = [
            int(widget.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(widget.count())
            if widget.item(i).checkState() == Qt.CheckState.Checked
        ]
        if which == "teams":
            what = translate("PlanPage", "Change owning teams")
        else:
            what = translate("PlanPage", "Change company goals served")
        self.document.execute(LinkCommand(self.document, what, self.current_id, which, ids))

    def _owner_chosen(self, name: str, combo: QComboBox) -> None:
        """A leader chosen (or “No owner”) for the objective or its method: one undo step."""
        objective = self.current_objective()
        if self._filling or objective is None:
            return
        chosen = combo.currentData()
        if chosen == getattr(objective, name):
            return
        if name == "owner_id":
            what = translate("PlanPage", "Change owner")
        else:
            what = translate("PlanPage", "Change method owner")
        self.document.execute(
            UpdateCommand(self.document, what, Kind.OBJECTIVE, objective.id, {name: chosen})
        )

    def _edit_metric(self, metric_id: int, name: str, value: Any) -> None:
        self.document.execute(
            UpdateCommand(
                self.document, translate("PlanPage", "Edit metric"), Kind.METRIC, metric_id, {name: value}
            )
        )

    def add_objective(self) -> None:
        """Add an objective to the team of the selected row (or the first team) and start typing its name."""
        doc = self.document
        view = doc.outline()
        group = self.tree.group_at(self.ui.objectivesView.currentIndex())
        objective = self.current_objective()
        if group is not None and group.team_id is not None:
            teams: tuple[int, ...] = (group.team_id,)
        elif objective is not None and group is not None and group.key == "shared":
            teams = objective.team_ids
        else:
            teams = (view.teams[0].id,) if view.teams else ()
        from offsite.services import objectives  # the verbs load with the first edit

        command = CreateCommand(
            doc,
            translate("PlanPage", "Add objective"),
            Kind.OBJECTIVE,
            lambda: objectives.add_objective(
                doc.plan, translate("PlanPage", "New objective"), teams, period=view.details.horizon
            ),
        )
        if doc.execute(command):
            self.current_id = command.created_id
            self._select(self.current_id)
            self._fill_editor()
            # Its statement is what the user types first: the objective shows in the tree, the
            # editor on the right takes the keys.
            reveal_row(self.ui.objectivesView, self.ui.objectivesView.currentIndex())
            self.ui.statementEdit.setFocus()
            self.ui.statementEdit.selectAll()

    def remove_objective(self) -> None:
        if self.current_id is None:
            self.document.failed.emit(translate("PlanPage", "Select an objective to remove first."))
            return
        removed = self.current_id
        successor = self.tree.successor(removed)
        if self.document.execute(
            RemoveCommand(
                self.document,
                translate("PlanPage", "Remove objective"),
                Kind.OBJECTIVE,
                removed,
                also=(Kind.METRIC, Kind.STANCE),
            )
        ):
            self.current_id = successor
            self._select(self.current_id)
            self._fill_editor()

    def move_objective(self, step: int) -> None:
        """Move the selected objective up or down within its group."""
        group = self.tree.group_at(self.ui.objectivesView.currentIndex())
        if group is None or self.current_id is None:
            return
        ids = self.tree.heading_ids(group)
        if self.current_id not in ids:
            return
        here = ids.index(self.current_id)
        there = here + step
        if not 0 <= there < len(ids):
            return
        ids[here], ids[there] = ids[there], ids[here]
        self.document.execute(
            ReorderCommand(self.document, translate("PlanPage", "Move objective"), Kind.OBJECTIVE, ids)
        )

    def add_metric(self) -> None:
        objective = self.current_objective()
        if objective is None:
            self.document.failed.emit(
                translate("PlanPage", "Select an objective first; metrics belong to an objective.")
            )
            return
        doc = self.document
        from offsite.services import objectives  # the verbs load with the first edit

        command = CreateCommand(
            doc,
            translate("PlanPage", "Add metric"),
            Kind.METRIC,
            lambda: objectives.add_metric(doc.plan, objective.id, translate("PlanPage", "New metric")),
        )
        if doc.execute(command) and command.created_id is not None:
            edit_new_row(self.ui.metricsView, self.metrics.index(self.metrics.row_of(command.created_id), 0))

    def remove_metric(self) -> None:
        current = self.ui.metricsView.currentIndex()
        if not current.isValid():
            self.document.failed.emit(translate("PlanPage", "Select a metric to remove first."))
            return
        self.document.execute(
            RemoveCommand(
                self.document,
                translate("PlanPage", "Remove metric"),
                Kind.METRIC,
                self.metrics.row_id(current.row()),
            )
        )


def origin_text(objective: ObjectiveView) -> str:
    """Where an objective came from, as its editor shows it: "from: …", or "merged from: …" as is."""
    label = objective.origin_label
    if not label:
        return ""
    if objective.merged_from or label.startswith("merged from"):
        return label
    return translate("PlanPage", "from: {origin}").format(origin=label)
