"""The funnel half of the "Work back" tab: the inputs saved as typed, the table recomputed at once,
a figure made a candidate. ``workback.WorkBackTab`` adds the team goals beside it."""

from __future__ import annotations

import itertools
import logging
import math
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableView,
    QWidget,
)

from offsite.domain.exercises import BrainstormView, Exercise, FunnelView, TeamGoalView
from offsite.domain.formatting import format_number
from offsite.domain.funnel import (
    FIELD_LABELS,
    ROUNDING_RULE,
    STAGE_LABELS,
    STAGES,
    TOTAL_LABEL,
    FunnelInputs,
    FunnelMessage,
)
from offsite.domain.language import translate
from offsite.domain.values import CompanyGoalView, TeamView
from offsite.gui.binding import moves_caret
from offsite.gui.brainstorm.common import make_candidate, quote
from offsite.gui.brainstorm.workback_funnel import (
    Figure,
    FunnelCommand,
    FunnelModel,
    candidate_value,
    even_weights,
    format_weights,
    goal_summary,
    parse_input,
    parse_quarters,
    parse_weights,
    split_storable,
    storable,
)
from offsite.gui.document import PlanDocument
from offsite.gui.forms import Form
from offsite.gui.page import Page
from offsite.gui.projection import Projection, funnel_projection
from offsite.gui.rich_text import literal as esc
from offsite.gui.theme import tone

log = logging.getLogger(__name__)

#: Which team a funnel figure is a goal for, by default, when the plan has a team of that name.
STAGE_TEAMS = {
    "revenue": "sales",
    "deals": "sales",
    "opportunities": "sales",
    "sqls": "sales",
    "mqls": "marketing",
    "leads": "marketing",
}
_RATES = ("win_rate", "sql_to_opportunity", "mql_to_sql", "lead_to_mql")
_bursts = itertools.count(1)


class WorkBackForm(Form):
    ui_file = "brainstorm_workback.ui"
    workBackIntro: QLabel
    goalCombo: QComboBox
    goalSummary: QLabel
    splitter: QSplitter
    goalsArea: QWidget
    newGoalButton: QPushButton
    subGoalButton: QPushButton
    removeGoalButton: QPushButton
    goalCandidateButton: QPushButton
    keysHint: QLabel
    revenueEdit: QLineEdit
    dealSizeEdit: QLineEdit
    winRateEdit: QLineEdit
    sqlRateEdit: QLineEdit
    mqlRateEdit: QLineEdit
    leadRateEdit: QLineEdit
    quartersEdit: QLineEdit
    evenRadio: QRadioButton
    weightsRadio: QRadioButton
    weightsEdit: QLineEdit
    messagesLabel: QLabel
    funnelTable: QTableView
    figureLabel: QLabel
    figureTeamCombo: QComboBox
    figureCandidateButton: QPushButton
    ruleLabel: QLabel
    statusLabel: QLabel


class FunnelTab(Page):
    """The company goal chosen, its funnel inputs and table; the team goals are the subclass's."""

    def __init__(self, document: PlanDocument) -> None:
        super().__init__(document)
        self.ui = ui = WorkBackForm.setup(self)
        self.brainstorm = BrainstormView()
        self.teams: tuple[TeamView, ...] = ()
        self.company_goals: tuple[CompanyGoalView, ...] = ()
        self.goal_id: int | None = None
        self._shown: dict[str, Any] = {}  # what each funnel input showed last from the plan file
        self._burst = next(_bursts)
        self._loading = False
        self._active = "goals"  # where Ctrl+Shift+K takes its candidate from: "goals" or "funnel"
        self.messages: tuple[FunnelMessage, ...] = ()

        self.inputs: dict[str, QLineEdit] = {
            "revenue_target": ui.revenueEdit,
            "average_deal_size": ui.dealSizeEdit,
            "win_rate": ui.winRateEdit,
            "sql_to_opportunity": ui.sqlRateEdit,
            "mql_to_sql": ui.mqlRateEdit,
            "lead_to_mql": ui.leadRateEdit,
        }
        edits = {**self.inputs, "quarters": ui.quartersEdit, "weights": ui.weightsEdit}
        self._base_tips = {name: edit.toolTip() for name, edit in edits.items()}
        ui.ruleLabel.setText(
            translate("WorkBackTab", "How the figures are rounded: {rule}").format(
                rule=translate("Funnel", ROUNDING_RULE)
            )
        )
        for money in (ui.revenueEdit, ui.dealSizeEdit):  # a narrow pane never cuts a figure's first digits
            money.setMinimumWidth(money.fontMetrics().horizontalAdvance("10,000,000") + 16)

        self.funnel_model = FunnelModel(ui.funnelTable)
        table = ui.funnelTable
        table.setModel(self.funnel_model)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.setTabKeyNavigation(False)
        columns = table.horizontalHeader()
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        wide = (STAGES.index("revenue"), STAGES.index("deals"), STAGES.index("opportunities"))
        for column in wide:
            columns.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # Revenue's and the long titles' columns ("Opportunities", German "Abschlüsse") take their
        # contents' width; the stages sharing the rest are never narrower than their titles.
        titles = (columns.sectionSizeFromContents(c).width() for c in range(len(STAGES)) if c not in wide)
        columns.setMinimumSectionSize(max(56, *titles))
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(26)
        table.installEventFilter(self)
        # A new width may scroll the stages sideways, or no longer: the table makes room for the bar.
        table.horizontalScrollBar().rangeChanged.connect(lambda *_: self._fit_table())
        table.selectionModel().currentChanged.connect(lambda *_: self._on_current_figure())

        for name, edit in self.inputs.items():
            edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            edit.textEdited.connect(lambda _text, n=name: self._input_edited(n))
        for edit in edits.values():
            edit.editingFinished.connect(self._end_burst)
            edit.installEventFilter(self)
        ui.quartersEdit.textEdited.connect(lambda _text: self._split_edited())
        ui.weightsEdit.textEdited.connect(lambda _text: self._split_edited())
        ui.weightsRadio.toggled.connect(self._split_toggled)
        ui.figureCandidateButton.clicked.connect(lambda: self.make_figure_candidate())

    def current_goal(self) -> TeamGoalView | None:
        """The selected team goal (the subclass shows them); a figure's team defaults to its team."""
        return None

    def _enable_buttons(self) -> None:
        """Enable what applies to the chosen company goal and the selected figure."""
        if self.readonly:
            return
        has_goal = self.goal_id is not None
        has_figure = self.current_figure() is not None and self.funnel() is not None
        self.ui.figureCandidateButton.setEnabled(has_figure)
        self.ui.figureTeamCombo.setEnabled(has_figure)
        for edit in (*self.inputs.values(), self.ui.quartersEdit):
            edit.setEnabled(has_goal)
        self.ui.evenRadio.setEnabled(has_goal)
        self.ui.weightsRadio.setEnabled(has_goal)
        self.ui.weightsEdit.setEnabled(has_goal and self.ui.weightsRadio.isChecked())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if isinstance(watched, QLineEdit) and watched in (
            *self.inputs.values(),
            self.ui.quartersEdit,
            self.ui.weightsEdit,
        ):
            if (
                kind == QEvent.Type.ShortcutOverride
                and isinstance(event, QKeyEvent)
                and (
                    event.matches(QKeySequence.StandardKey.Undo)
                    or event.matches(QKeySequence.StandardKey.Redo)
                )
            ):
                event.ignore()  # Ctrl+Z undoes in the plan, not only in this field
                return True
            if kind == QEvent.Type.FocusIn:
                self._active = "funnel"
            if kind == QEvent.Type.FocusOut or moves_caret(event):
                self._end_burst()  # typing elsewhere in the field, or in another, is a new step
            return False
        if watched is self.ui.funnelTable and kind == QEvent.Type.FocusIn:
            self._active = "funnel"
            return False

        return super().eventFilter(watched, event)

    @property
    def readonly(self) -> bool:
        """Read-only when the plan is, whether or not the page holding this tab passed that on."""
        return self.document.readonly or bool(self.property("readOnly"))

    def make_read_only(self) -> None:
        super().make_read_only()
        self.ui.goalCombo.setEnabled(True)  # choosing which goal to see changes nothing

    def company_goal(self) -> CompanyGoalView | None:
        return next((g for g in self.company_goals if g.id == self.goal_id), None)

    def funnel(self) -> FunnelView | None:
        return self.brainstorm.funnel(self.goal_id) if self.goal_id is not None else None

    def _fill_figure_teams(self) -> None:
        combo = self.ui.figureTeamCombo
        wanted = [(t.id, t.name) for t in self.teams] + [(None, translate("WorkBackTab", "No team"))]
        shown = [(combo.itemData(i), combo.itemText(i)) for i in range(combo.count())]
        if wanted != shown:
            keep = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for team_id, name in wanted:
                combo.addItem(name, team_id)
            combo.setCurrentIndex(max(combo.findData(keep), 0))
            combo.blockSignals(False)

    # -- the funnel's inputs ----------------------------------------------------------------------
    def _show_funnel(self, *, force: bool = False) -> None:
        """Show the stored inputs, leaving alone what the user is typing that the file already holds."""
        funnel = self.funnel()
        self._loading = True
        try:
            for name, edit in self.inputs.items():
                stored = getattr(funnel, name) if funnel is not None else None
                if force or name not in self._shown or self._shown[name] != stored:
                    edit.setText(format_number(stored))
                    self._shown[name] = stored
            split = (funnel.quarters, funnel.weights) if funnel is not None else ((), None)
            if force or "split" not in self._shown or self._shown["split"] != split:
                quarters, weights = split
                self.ui.quartersEdit.setText(", ".join(quarters))
                self.ui.weightsRadio.setChecked(weights is not None)
                self.ui.evenRadio.setChecked(weights is None)
                if weights is not None:
                    self.ui.weightsEdit.setText(format_weights(weights))
                elif force:
                    self.ui.weightsEdit.clear()
                self._shown["split"] = split
        finally:
            self._loading = False
        self.ui.weightsEdit.setEnabled(self.ui.weightsRadio.isChecked() and not self.readonly)
        self.recompute()

    def screen_inputs(self) -> FunnelInputs:
        """The inputs as they read on screen (a blank is None, text that is no number NaN)."""
        values = {name: parse_input(edit.text()) for name, edit in self.inputs.items()}
        quarters = parse_quarters(self.ui.quartersEdit.text())
        weights = parse_weights(self.ui.weightsEdit.text()) if self.ui.weightsRadio.isChecked() else None
        return FunnelInputs(quarters=quarters, weights=weights, **values)

    def _end_burst(self) -> None:
        self._burst = next(_bursts)

    def _input_edited(self, name: str) -> None:
        self.recompute()
        if self._loading or self.goal_id is None or self.readonly:
            return
        value = parse_input(self.inputs[name].text())
        if not storable(value, rate=name in _RATES) or self._shown.get(name) == value:
            return  # the message beside the table says what is wrong; the file keeps the last good value
        self._shown[name] = value
        self._save({name: value}, _input_label(name, translate("WorkBackTab", "Edit {input}")), name)

    def _split_edited(self) -> None:
        self.recompute()
        if self._loading or self.goal_id is None or self.readonly:
            return
        inputs = self.screen_inputs()
        quarters, weights = inputs.quarters, inputs.weights
        if not split_storable(quarters, weights):
            return
        old_quarters, old_weights = self._shown.get("split", ((), None))
        values: dict[str, Any] = {}
        if quarters != tuple(old_quarters):
            values["quarters"] = list(quarters)
        if weights != old_weights:
            values["weights"] = None if weights is None else list(weights)
        if not values:
            return
        self._shown["split"] = (quarters, weights)
        label = (
            translate("WorkBackTab", "Edit quarters")
            if "quarters" in values
            else translate("WorkBackTab", "Edit quarter weights")
        )
        self._save(values, label, "split")

    def _split_toggled(self, by_weights: bool) -> None:
        if self._loading:
            return
        self.ui.weightsEdit.setEnabled(by_weights and not self.readonly)
        if by_weights and not parse_weights(self.ui.weightsEdit.text()):
            count = len(parse_quarters(self.ui.quartersEdit.text()))
            self.ui.weightsEdit.setText(format_weights(even_weights(count)))
        self._end_burst()
        self._split_edited()
        self._end_burst()

    def _save(self, values: dict[str, Any], label: str, field: str) -> None:
        assert self.goal_id is not None
        self.document.execute(
            FunnelCommand(
                self.document, label, self.goal_id, values, merge_key=(self.goal_id, field, self._burst)
            )
        )

    # -- the funnel table -----------------------------------------------------------------------
    def recompute(self) -> None:
        """Recompute the table from what the inputs show, with a message for whatever blocks it."""
        if self.goal_id is None:
            self.messages = ()
            self.funnel_model.set_rows([])
            self._show_messages()
            return
        inputs = self.screen_inputs()
        try:
            from offsite.domain.funnel import funnel_table

            result = funnel_table(inputs)
            rows = []
            if result.table is not None:
                for row in result.table.rows:
                    rows.append((row.label, list(row.figures)))
            if any(not math.isfinite(v) for _, values in rows for v in values):
                raise ValueError("a figure is not finite")
            self.messages = result.messages
        except Exception:  # the table must never take the window down, whatever the inputs
            log.exception("the reverse funnel could not be computed")
            rows = []
            self.messages = (
                FunnelMessage(
                    None, translate("Funnel", "These figures cannot be computed; check the inputs."), True
                ),
            )
        self.funnel_model.set_rows(rows)
        self._fit_table()
        self._show_messages()
        self._on_current_figure()
        self.projectionChanged.emit()  # the room sees the table recomputed as the facilitator types

    def projection(self) -> Projection | None:
        """The funnel of the chosen company goal: its inputs as typed, the table as recomputed."""
        goal = self.company_goal()
        inputs = []
        for name, edit in self.inputs.items():
            value = parse_input(edit.text())
            if value is None:
                shown = ""
            elif math.isfinite(value):
                shown = format_number(value) + (" %" if name in _RATES else "")
            else:  # the room sees that a figure is missing, not the typo
                shown = "—"
            label = translate("Funnel", FIELD_LABELS[name])
            inputs.append((label[:1].upper() + label[1:], shown))
        model = self.funnel_model
        rows = [
            (
                str(model.headerData(row, Qt.Orientation.Vertical)),
                [model.text(row, column) for column in range(model.columnCount())],
            )
            for row in range(model.rowCount())
        ]
        headers = [translate("Funnel", STAGE_LABELS[stage]) for stage in STAGES]
        summary = goal_summary(goal) if goal is not None else ""
        total = translate("Funnel", TOTAL_LABEL)  # the rows' labels read as the table's header shows them
        return funnel_projection(goal, summary, inputs, headers, rows, total_label=total)

    def _fit_table(self) -> None:
        """As tall as its rows (at least a year's four quarters and the total): no empty band below."""
        table = self.ui.funnelTable
        rows = max(self.funnel_model.rowCount(), 5)
        # On a narrow screen the stages scroll sideways: the bar then takes a row's room, not the total's.
        columns, scroll = table.horizontalHeader(), table.horizontalScrollBar()
        bar = scroll.sizeHint().height() if scroll.maximum() > 0 else 0
        height = columns.sizeHint().height() + rows * table.verticalHeader().defaultSectionSize()
        height += 2 * table.frameWidth() + 2 + bar
        table.setMinimumHeight(min(height, 5 * table.verticalHeader().defaultSectionSize() + 40 + bar))
        table.setMaximumHeight(height)

    def _show_messages(self) -> None:
        by_field: dict[str, str] = {}
        lines = []
        for message in self.messages:
            color = tone("problem" if message.blocking else "advice")
            lines.append(
                f'<span style="color:{color}">{"⚠" if message.blocking else "?"} {esc(message.text)}</span>'
            )
            if message.field and by_field.get(message.field) != "blocking":
                by_field[message.field] = "blocking" if message.blocking else "advice"
        unsaved = []
        for name, edit in self.inputs.items():
            value = parse_input(edit.text())
            if not storable(value, rate=name in _RATES) and name in self._shown:
                kept = format_number(self._shown[name]) or translate("WorkBackTab", "blank")
                unsaved.append(
                    _input_label(
                        name, translate("WorkBackTab", "the {input} (the plan keeps {kept})"), kept=kept
                    )
                )
        if unsaved:
            not_saved = translate("WorkBackTab", "Not saved until fixed: {inputs}.").format(
                inputs="; ".join(unsaved)
            )
            lines.append(f'<span style="color:{tone("muted")}">{esc(not_saved)}</span>')
        if self.goal_id is None:
            lines = [translate("WorkBackTab", "Choose a company goal to work back from.")]
        elif not any(m.blocking for m in self.messages) and self.funnel_model.rowCount():
            recomputed = translate(
                "WorkBackTab", "✓ Recomputed as you type; select a figure to make it a candidate."
            )
            lines.append(f'<span style="color:{tone("ok")}">{recomputed}</span>')
        self.ui.messagesLabel.setText("<br>".join(lines))
        edits = {**self.inputs, "quarters": self.ui.quartersEdit, "weights": self.ui.weightsEdit}
        for name, edit in edits.items():
            problem = by_field.get(name, "")
            if edit.property("problem") != problem:
                edit.setProperty("problem", problem)
                edit.style().unpolish(edit)
                edit.style().polish(edit)
            tip = next((m.text for m in self.messages if m.field == name), "")
            edit.setToolTip(tip or self._base_tips.get(name, ""))

    def current_figure(self) -> Figure | None:
        return self.funnel_model.figure(self.ui.funnelTable.currentIndex())

    def _on_current_figure(self) -> None:
        figure = self.current_figure()
        if figure is None:
            self.ui.figureLabel.setText(translate("WorkBackTab", "Select a figure to make it a candidate"))
        else:
            from offsite.services.funnel import candidate_text

            self.ui.figureLabel.setText(
                translate("WorkBackTab", "Selected: {figure}").format(
                    figure=candidate_text("", figure.stage, figure.quarter, candidate_value(figure))
                )
            )
            self._default_figure_team(figure)
        self._enable_buttons()

    def _default_figure_team(self, figure: Figure) -> None:
        wanted = STAGE_TEAMS.get(figure.stage, "")
        team = next((t for t in self.teams if t.name.strip().casefold() == wanted), None)
        if team is None:
            goal = self.current_goal()
            team_id = goal.team_id if goal is not None else None
        else:
            team_id = team.id
        combo = self.ui.figureTeamCombo
        index = combo.findData(team_id)
        if index >= 0 and team_id is not None:
            combo.setCurrentIndex(index)

    def make_figure_candidate(self) -> None:
        figure = self.current_figure()
        funnel = self.funnel()
        if figure is None or funnel is None:
            self.document.failed.emit(
                translate("WorkBackTab", "Select a figure in the funnel table to make it a candidate.")
            )
            return
        from offsite.services.funnel import candidate_text

        team_id = self.ui.figureTeamCombo.currentData()
        names = {t.id: t.name for t in self.teams}
        team = names.get(team_id, "") if team_id is not None else ""
        value = candidate_value(figure)
        text = candidate_text(team, figure.stage, figure.quarter, value)
        detail = candidate_text("", figure.stage, figure.quarter, value)
        if make_candidate(self.document, text, team_id, Exercise.FUNNEL, funnel.uid, detail=detail):
            added = (
                translate("WorkBackTab", "Added to the candidates for {team}: {candidate}")
                if team
                else translate("WorkBackTab", "Added to the candidates: {candidate}")
            )
            self.ui.statusLabel.setText(added.format(team=team, candidate=quote(text, 70)))


def _input_label(name: str, sentence: str, **more: str) -> str:
    """``sentence`` (translated, with ``{input}``) naming the funnel input ``name`` as the leader reads it."""
    return sentence.format(input=translate("Funnel", FIELD_LABELS[name]), **more)
