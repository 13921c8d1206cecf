"""The Prepare phase: the offsite's details, teams, leaders and company goals."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from offsite.domain.formatting import format_date
from offsite.domain.language import QT_TRANSLATE_NOOP, translate
from offsite.domain.values import Kind
from offsite.gui.binding import FieldBinding
from offsite.gui.commands import CreateCommand, RemoveCommand, UpdateCommand
from offsite.gui.dates import DateLineEdit, document_year
from offsite.gui.delegates import FieldDelegate, edit_new_row, setup_editable_table
from offsite.gui.document import PlanDocument
from offsite.gui.fit import keep_wrapped_text_whole, show_rows, stack_columns_when_narrow
from offsite.gui.forms import Form
from offsite.gui.models import Field, FieldType, RowsModel
from offsite.gui.onboarding import Onboarding
from offsite.gui.page import Page
from offsite.services import prepare
from offsite.services.cycle import PreviousCycleView, read_previous_cycle


class PrepareForm(Form):
    ui_file = "prepare_page.ui"
    pageTitle: QLabel
    pageIntro: QLabel
    pageLayout: QVBoxLayout
    columns: QHBoxLayout
    detailsBox: QGroupBox
    titleEdit: QLineEdit
    startsOnEdit: DateLineEdit
    endsOnEdit: DateLineEdit
    venueEdit: QLineEdit
    horizonEdit: QLineEdit
    visionEdit: QPlainTextEdit
    teamsView: QTableView
    addTeamButton: QPushButton
    removeTeamButton: QPushButton
    leadersView: QTableView
    addLeaderButton: QPushButton
    removeLeaderButton: QPushButton
    goalsView: QTableView
    addGoalButton: QPushButton
    removeGoalButton: QPushButton


#: The tables' columns, their headers and tips in English: ``translated`` shows them in the leader's language.
LEADER_FIELDS = (
    Field(QT_TRANSLATE_NOOP("PreparePage", "Name"), "name"),
    Field(QT_TRANSLATE_NOOP("PreparePage", "Title"), "title"),
    Field(QT_TRANSLATE_NOOP("PreparePage", "Team"), "team_id", FieldType.TEAM),
    Field(
        QT_TRANSLATE_NOOP("PreparePage", "Signs as"),
        "initials",
        FieldType.INITIALS,
        QT_TRANSLATE_NOOP(
            "PreparePage",
            "The initials this leader signs with. Grey: the initials of their name; type others if they "
            "sign differently (clear them to go back).",
        ),
    ),
)
GOAL_FIELDS = (
    Field(QT_TRANSLATE_NOOP("PreparePage", "Company goal"), "statement"),
    Field(QT_TRANSLATE_NOOP("PreparePage", "Baseline"), "baseline", FieldType.NUMBER),
    Field(QT_TRANSLATE_NOOP("PreparePage", "Target"), "target", FieldType.NUMBER),
    Field(QT_TRANSLATE_NOOP("PreparePage", "Unit"), "unit"),
    Field(QT_TRANSLATE_NOOP("PreparePage", "Due"), "due", FieldType.DATE),
)
TEAM_FIELDS = (Field(QT_TRANSLATE_NOOP("PreparePage", "Team"), "name"),)


def translated(fields: tuple[Field, ...]) -> list[Field]:
    """``fields`` with their headers and tips in the leader's language."""
    return [
        replace(
            field,
            header=translate("PreparePage", field.header),
            tooltip=translate("PreparePage", field.tooltip) if field.tooltip else "",
        )
        for field in fields
    ]


def _row_texts(noun: str) -> tuple[str, str, str]:
    """The undo texts for editing and removing a row, and what to do when none is selected."""
    if noun == "team":
        return (
            translate("PreparePage", "Edit team"),
            translate("PreparePage", "Remove team"),
            translate("PreparePage", "Select a team to remove first."),
        )
    if noun == "leader":
        return (
            translate("PreparePage", "Edit leader"),
            translate("PreparePage", "Remove leader"),
            translate("PreparePage", "Select a leader to remove first."),
        )
    return (
        translate("PreparePage", "Edit company goal"),
        translate("PreparePage", "Remove company goal"),
        translate("PreparePage", "Select a company goal to remove first."),
    )


#: The narrowest the page shows the offsite and teams beside the leaders and company goals: each
#: column then about 420 px, room for every header and a leader's whole name. Narrower (a laptop
#: at 150%), the leaders and goals go below the teams with the page's whole width.
SIDE_BY_SIDE = 880
#: Rows each list keeps in view once stacked, where the page scrolls down rather than squeezes.
STACKED_ROWS = 4


class PreparePage(Page):
    #: A sentence saying why typed text was not taken (e.g. a baseline that is not a number).
    rejected = Signal(str)
    shows = frozenset({Kind.PLAN, Kind.TEAM, Kind.LEADER, Kind.GOAL})

    def __init__(self, document: PlanDocument, agenda: QWidget) -> None:
        """``agenda`` is the day's agenda panel, self-contained, shown below the columns."""
        super().__init__(document)
        self.ui = ui = PrepareForm.setup(self)
        self._bindings = {
            name: FieldBinding(
                document, editor, Kind.PLAN, name, label, lambda: document.outline().details.id
            )
            for name, editor, label in (
                ("title", ui.titleEdit, translate("PreparePage", "title")),
                ("starts_on", ui.startsOnEdit, translate("PreparePage", "first day")),
                ("ends_on", ui.endsOnEdit, translate("PreparePage", "last day")),
                ("venue", ui.venueEdit, translate("PreparePage", "venue")),
                ("horizon", ui.horizonEdit, translate("PreparePage", "horizon")),
                ("vision", ui.visionEdit, translate("PreparePage", "vision")),
            )
        }
        for date_edit in (ui.startsOnEdit, ui.endsOnEdit):  # "soonish" is no date: the status bar says so
            date_edit.rejected.connect(self.rejected)
        # A next cycle's plan names the plan it continues (File ▸ Start the Next Cycle), under its details.
        self.continues = QLabel()
        self.continues.setObjectName("continuesLabel")
        self.continues.setWordWrap(True)
        self.continues.setTextFormat(Qt.TextFormat.PlainText)  # a title is the user's text, never markup
        self.continues.setAccessibleName(translate("PreparePage", "The plan this one continues"))
        self._details_form = ui.detailsBox.layout()
        assert isinstance(self._details_form, QFormLayout)
        self._details_form.addRow(translate("PreparePage", "Continues"), self.continues)
        self._details_form.setRowVisible(self.continues, False)
        self.teams = self._table(ui.teamsView, TEAM_FIELDS, Kind.TEAM, "team")
        self.leaders = self._table(ui.leadersView, LEADER_FIELDS, Kind.LEADER, "leader")
        self.goals = self._table(ui.goalsView, GOAL_FIELDS, Kind.GOAL, "company goal")
        for table in (ui.teamsView, ui.leadersView, ui.goalsView):
            show_rows(table, 3)
        stack_columns_when_narrow(ui.columns, self, SIDE_BY_SIDE, self._columns_stacked)
        ui.leadersView.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        ui.leadersView.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        goals_header = ui.goalsView.horizontalHeader()
        goals_header.setStretchLastSection(False)
        goals_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 72), (2, 72), (3, 70), (4, 96)):
            # At least its header's width: a longer language's "Baseline" is read whole, not cut.
            goals_header.resizeSection(
                column, max(width, goals_header.sectionSizeFromContents(column).width())
            )
        ui.addTeamButton.clicked.connect(self.add_team)
        ui.addLeaderButton.clicked.connect(self.add_leader)
        ui.addGoalButton.clicked.connect(self.add_goal)
        ui.removeTeamButton.clicked.connect(lambda: self._remove(ui.teamsView, self.teams, Kind.TEAM, "team"))
        ui.removeLeaderButton.clicked.connect(
            lambda: self._remove(ui.leadersView, self.leaders, Kind.LEADER, "leader", also=(Kind.STANCE,))
        )
        ui.removeGoalButton.clicked.connect(
            lambda: self._remove(ui.goalsView, self.goals, Kind.GOAL, "company goal", also=(Kind.OBJECTIVE,))
        )
        self.agenda = agenda
        self.ui.pageLayout.addWidget(self.agenda, 2)
        self.ui.pageLayout.setStretch(2, 3)  # the teams, leaders and goals keep most of the height
        # An empty plan leads with where to begin (under the intro, over the tables it fills).
        self.onboarding = Onboarding(self)
        self.onboarding.hide()
        self.onboarding.leadersRequested.connect(self.add_leader)
        self.ui.pageLayout.insertWidget(2, self.onboarding, 0)
        # On a scaled screen the intro takes two lines: the page scrolls down rather than squeeze a list.
        keep_wrapped_text_whole(self)

    def _columns_stacked(self, stacked: bool) -> None:
        # Stacked, the page scrolls down, so the leaders and goals can keep a row more in view.
        for table in (self.ui.leadersView, self.ui.goalsView):
            show_rows(table, STACKED_ROWS if stacked else 3)

    def _team_choices(self) -> list[tuple[int, str]]:
        return [(t.id, t.name) for t in self.document.outline().teams]

    def _table(self, view: QTableView, fields: Any, kind: Kind, noun: str) -> RowsModel:
        def edit(row_id: int, name: str, value: Any) -> None:
            self.document.execute(
                UpdateCommand(self.document, _row_texts(noun)[0], kind, row_id, {name: value})
            )

        model = RowsModel(
            translated(fields), edit, lambda: {t.id: t.name for t in self.document.outline().teams}, self
        )
        view.setModel(model)
        # One delegate per view: a view hears only its editors.
        delegate = FieldDelegate(self._team_choices, view, document_year(self.document))
        delegate.rejected.connect(self.rejected)
        setup_editable_table(view, delegate)
        view.horizontalHeader().setStretchLastSection(True)
        view.setAlternatingRowColors(True)
        return model

    def load(self, document: PlanDocument) -> None:
        view = document.outline()
        details = view.details
        for name, binding in self._bindings.items():
            binding.show(getattr(details, name))
        self.teams.set_rows(view.teams)
        self.leaders.set_rows(view.leaders)
        self.goals.set_rows(view.goals)
        self._show_previous_cycle(read_previous_cycle(document.plan))
        empty = not view.teams and not view.leaders
        if empty and not self.onboarding.isVisibleTo(self):
            self.onboarding.first_focus().setFocus()  # one key from starting: D, L or I
        self.onboarding.setVisible(empty)

    def _show_previous_cycle(self, link: PreviousCycleView | None) -> None:
        """“Continues: “Sales & Marketing Offsite 2027”, signed”, with where it came from in the tooltip."""
        assert isinstance(self._details_form, QFormLayout)
        self._details_form.setRowVisible(self.continues, link is not None)
        if link is None:
            return
        plan = link.title or link.file_name
        if link.fingerprint:
            shown = translate("PreparePage", "“{plan}” (signed, fingerprint {fingerprint}…)").format(
                plan=plan, fingerprint=link.fingerprint[:8]
            )
        else:
            shown = translate("PreparePage", "“{plan}” (never signed)").format(plan=plan)
        self.continues.setText(shown)
        if link.started_at:
            tip = translate(
                "PreparePage",
                "This plan was started from “{file}” on {date}. Its unfinished objectives are "
                "candidates on the Brainstorm page; its quarter reviews' lessons are in the parking lot.",
            ).format(file=link.file_name, date=format_date(link.started_at.date()))
        else:
            tip = translate(
                "PreparePage",
                "This plan was started from “{file}”. Its unfinished objectives are "
                "candidates on the Brainstorm page; its quarter reviews' lessons are in the parking lot.",
            ).format(file=link.file_name)
        self.continues.setToolTip(tip)

    def _add(self, view: QTableView, model: RowsModel, command: CreateCommand) -> None:
        if self.document.execute(command) and command.created_id is not None:
            row = model.row_of(command.created_id)
            if row >= 0:
                edit_new_row(view, model.index(row, 0))

    def add_team(self) -> None:
        doc = self.document
        number = len(doc.outline().teams) + 1
        self._add(
            self.ui.teamsView,
            self.teams,
            CreateCommand(
                doc,
                translate("PreparePage", "Add team"),
                Kind.TEAM,
                lambda: prepare.add_team(
                    doc.plan, translate("PreparePage", "Team {number}").format(number=number)
                ),
            ),
        )

    def add_leader(self) -> None:
        doc = self.document
        current = self.ui.teamsView.currentIndex()
        team_id = self.teams.row_id(current.row()) if current.isValid() else None
        self._add(
            self.ui.leadersView,
            self.leaders,
            CreateCommand(
                doc,
                translate("PreparePage", "Add leader"),
                Kind.LEADER,
                lambda: prepare.add_leader(doc.plan, translate("PreparePage", "New leader"), "", team_id),
            ),
        )

    def add_goal(self) -> None:
        doc = self.document
        self._add(
            self.ui.goalsView,
            self.goals,
            CreateCommand(
                doc,
                translate("PreparePage", "Add company goal"),
                Kind.GOAL,
                lambda: prepare.add_company_goal(doc.plan, translate("PreparePage", "New company goal")),
            ),
        )

    def _remove(
        self, view: QTableView, model: RowsModel, kind: Kind, noun: str, also: tuple[Kind, ...] = ()
    ) -> None:
        current = view.currentIndex()
        if not current.isValid():
            self.document.failed.emit(_row_texts(noun)[2])
            return
        row = current.row()
        self.document.execute(
            RemoveCommand(self.document, _row_texts(noun)[1], kind, model.row_id(row), also=also)
        )
        if model.rowCount():
            view.setCurrentIndex(model.index(min(row, model.rowCount() - 1), 0))
