"""The quarter's end: each objective scored from its metrics, the leaders' override (with a reason)
and decision, a short retrospective per objective, the wins to celebrate, and closing the quarter.

Reviews, wins and alignment readings are process records: a signed plan takes them (the page is
never made read-only by the lock), and each edit is one undoable step. A retrospective is saved
as it is typed; one typing burst is one step (``gui.binding``), as everywhere in Offsite.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Hashable, Mapping
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from offsite.domain.alignment import whole_points
from offsite.domain.formatting import format_number, format_short_date
from offsite.domain.language import QT_TRANSLATE_NOOP, language, plural, translate
from offsite.domain.progress import DELIVERED, MISSED, PROGRESS, format_score, quarter_of
from offsite.domain.values import Change, Kind
from offsite.gui.alignment_evidence import evidence
from offsite.gui.binding import FieldBinding
from offsite.gui.commands import CreateCommand, RemoveCommand, UpdateCommand, VerbCommand
from offsite.gui.dates import DateLineEdit, document_year
from offsite.gui.delegates import setup_editable_table
from offsite.gui.document import PlanDocument
from offsite.gui.fit import keep_wrapped_text_whole, show_every_row, stack_columns_when_narrow
from offsite.gui.forms import Form
from offsite.gui.keys import shortcut
from offsite.gui.overlap_finder import finder_of
from offsite.gui.page import Page
from offsite.gui.quarter_tables import (
    METRICS,
    OBJECTIVE,
    OVERRIDE,
    REASON,
    TEAMS,
    ChoiceDelegate,
    ObjectivesModel,
    WinsModel,
)
from offsite.gui.rich_text import literal
from offsite.gui.theme import tone
from offsite.services.changes import Created, Updated
from offsite.services.checkins import (
    log_win,
    restore_alignment_reading,
    restore_review,
    review_day,
    review_objective,
    take_alignment_reading,
)
from offsite.services.overlaps import read_resolutions
from offsite.services.quarter import (
    ObjectiveScore,
    Quarter,
    default_quarter,
    plan_quarters,
    quarter_labelled,
    quarter_scores,
    read_alignment_readings,
    read_reviews,
    read_wins,
    reviewed_periods,
)

#: The keys of this page for Help ▸ Keyboard shortcuts: (keys, what they do).
#: Both marked for the catalogue in this page's context ("QuarterPage"): Help translates them there.
KEYS = (
    ("Alt+Q", QT_TRANSLATE_NOOP("QuarterPage", "Choose the quarter")),
    (
        "Alt+O",
        QT_TRANSLATE_NOOP(
            "QuarterPage", "Go to the objectives: type a score under Override, then its Reason"
        ),
    ),
    (
        QT_TRANSLATE_NOOP("QuarterPage", "Enter (in the objectives)"),
        QT_TRANSLATE_NOOP("QuarterPage", "Write the selected objective's retrospective"),
    ),
    ("Alt+K / Alt+N", QT_TRANSLATE_NOOP("QuarterPage", "What worked / What did not work")),
    ("Alt+W", QT_TRANSLATE_NOOP("QuarterPage", "Log a win: type what was won, Tab to the people to thank")),
    (
        QT_TRANSLATE_NOOP("QuarterPage", "Ctrl+Enter (in the wins)"),
        QT_TRANSLATE_NOOP("QuarterPage", "Log the win"),
    ),
    (
        QT_TRANSLATE_NOOP("QuarterPage", "Delete (in the wins list)"),
        QT_TRANSLATE_NOOP("QuarterPage", "Remove the selected win"),
    ),
    ("Alt+C", QT_TRANSLATE_NOOP("QuarterPage", "Close the quarter: keep the alignment index for its trend")),
)
KEYS_HINT = QT_TRANSLATE_NOOP(
    "QuarterPage",
    "In the table: type a score under Override (0.0–1.0), then its Reason; Decision: keep, drop or "
    "change · F2 edits a cell · Enter writes the retrospective · Ctrl+Z undoes.",
)
#: A decision as a sentence names it ("Decide keep for …").
DECISION_WORDS = {
    "keep": QT_TRANSLATE_NOOP("QuarterPage", "keep"),
    "drop": QT_TRANSLATE_NOOP("QuarterPage", "drop"),
    "change": QT_TRANSLATE_NOOP("QuarterPage", "change"),
}
#: The narrowest the page shows the retrospective beside the wins; narrower, the wins go below.
SIDE_BY_SIDE = 900
#: Objectives whose rows the table keeps room for (the page scrolls down instead): a plan's usual
#: six, each row as tall as its wrapped statement and metrics.
OBJECTIVE_ROWS = 6
#: Wins the list keeps room for.
WIN_ROWS = 4
#: The most of an objective's statement the retrospective's title shows (the rest in its tooltip).
TITLE_CHARS = 32
#: What the page says while no objective is selected (an empty plan).
NO_OBJECTIVE = QT_TRANSLATE_NOOP("QuarterPage", "Select an objective above to write its retrospective.")
_REVIEW_MERGE_ID = 0x0F6


def one_decimal(value: float) -> str:
    """A mean rating to one decimal, as the language writes it: ``4.0`` (``4,0``)."""
    if language() == "en":
        return f"{value:.1f}"
    from babel.numbers import format_decimal

    return str(format_decimal(value, format="0.0", locale=language()))


class QuarterForm(Form):
    ui_file = "quarter_page.ui"
    pageTitle: QLabel
    pageIntro: QLabel
    quarterCombo: QComboBox
    summaryLabel: QLabel
    objectivesLabel: QLabel
    objectivesView: QTableView
    keysHint: QLabel
    columns: QHBoxLayout
    retroBox: QGroupBox
    workedEdit: QPlainTextEdit
    didNotWorkEdit: QPlainTextEdit
    winsBox: QGroupBox
    winDayEdit: DateLineEdit
    winTextEdit: QLineEdit
    winThanksEdit: QLineEdit
    winObjectiveCombo: QComboBox
    logWinButton: QPushButton
    removeWinButton: QPushButton
    winsView: QTableView
    closeBox: QGroupBox
    closeButton: QPushButton
    closedLabel: QLabel
    trendLabel: QLabel
    messageLabel: QLabel


class ReviewCommand(VerbCommand):
    """Fields of an objective's quarter review set through ``review_objective``; undo through
    ``restore_review`` (or, when it made the review, by removing it).

    Commands with the same ``merge_key`` (one typing burst in a retrospective) merge into one step:
    the fields typed last are redone, and undo goes back to before the burst's first keystroke.
    """

    def __init__(
        self,
        document: PlanDocument,
        text: str,
        objective_id: int,
        period: str,
        fields: Mapping[str, Any],
        *,
        merge_key: Hashable | None = None,
    ) -> None:
        self.fields = dict(fields)
        self.objective_id, self.period = objective_id, period
        super().__init__(
            document,
            text,
            [Kind.OBJECTIVE_REVIEW],
            lambda: review_objective(document.plan, objective_id, period, **self.fields),
            lambda previous: restore_review(document.plan, previous),
        )
        self.merge_key = merge_key

    def id(self) -> int:
        return _REVIEW_MERGE_ID if self.merge_key is not None else -1

    def mergeWith(self, other: Any) -> bool:
        if (
            not isinstance(other, ReviewCommand)
            or other.merge_key is None
            or other.merge_key != self.merge_key
        ):
            return False
        self.fields.update(other.fields)
        # A review this burst made is removed by undo whatever was typed into it since; one it
        # changed goes back to the values before the burst's first keystroke.
        if isinstance(self.result, Updated) and isinstance(other.result, Updated):
            self.result = Updated(
                self.result.kind, self.result.id, {**other.result.previous, **self.result.previous}
            )
        return True


class ReviewBinding(FieldBinding):
    """A retrospective's box bound to one field of the selected objective's review for the quarter:
    each keystroke saved through ``review_objective``, one typing burst one undo step."""

    def __init__(
        self,
        document: PlanDocument,
        editor: QPlainTextEdit,
        field: str,
        label: str,
        target: Callable[[], tuple[int, str] | None],
    ) -> None:
        super().__init__(document, editor, Kind.OBJECTIVE_REVIEW, field, label, lambda: None)
        self._target = target

    def _commit(self, value: Any) -> None:
        if self._showing:
            return
        target = self._target()
        if target is None:
            return
        objective_id, period = target
        self._execute(
            ReviewCommand(
                self.document,
                translate("QuarterPage", "Edit {field}").format(field=self.label),
                objective_id,
                period,
                {self.field: value},
                merge_key=(objective_id, period, self.field, self._burst),
            )
        )


class QuarterPage(Page):
    """The quarter's end (see the module docstring)."""

    shows = frozenset(
        {
            Kind.PLAN,
            Kind.TEAM,
            Kind.OBJECTIVE,
            Kind.METRIC,
            Kind.CHECK_IN,
            Kind.OBJECTIVE_REVIEW,
            Kind.WIN,
            Kind.ALIGNMENT_READING,
        }
    )
    #: Reviews, wins and readings are process records: a signed plan takes them.
    edits_content = False

    #: A sentence confirming what was done (the window shows it as a toast).
    message = Signal(str)
    #: A sentence saying why something was not done.
    rejected = Signal(str)

    def __init__(self, document: PlanDocument, today: Callable[[], dt.date] | None = None) -> None:
        """``today`` gives the day the default quarter and a new win's day follow (tests fix it);
        by default the plan's review day (``services.checkins.review_day``)."""
        super().__init__(document)
        self.ui = ui = QuarterForm.setup(self)
        self._today = today or (lambda: review_day(document.plan))
        self._quarters: tuple[Quarter, ...] = ()
        #: Closing waits for the overlaps of a large plan to be counted.
        self._closing = False

        ui.quarterCombo.currentIndexChanged.connect(lambda _index: self._quarter_chosen())

        view = ui.objectivesView
        self.objectives = ObjectivesModel(self._edit_review, self)
        view.setModel(self.objectives)
        self._objective_delegate = ChoiceDelegate(list, view, document_year(document))
        self._objective_delegate.rejected.connect(lambda text: self._say(text, problem=True))
        setup_editable_table(view, self._objective_delegate)
        view.setWordWrap(True)  # statements and metrics read whole, a line each
        view.setTabKeyNavigation(False)  # arrows move between cells; Tab goes on to the retrospective
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        header = view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in (OBJECTIVE, TEAMS, METRICS, REASON):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        show_every_row(view, first=OBJECTIVE_ROWS)
        view.selectionModel().currentRowChanged.connect(lambda *_: self._show_retrospective())
        view.installEventFilter(self)
        ui.keysHint.setText(translate("QuarterPage", KEYS_HINT))

        self._retro = [
            ReviewBinding(
                document, ui.workedEdit, "worked", translate("QuarterPage", "what worked"), self._target
            ),
            ReviewBinding(
                document,
                ui.didNotWorkEdit,
                "did_not_work",
                translate("QuarterPage", "what did not work"),
                self._target,
            ),
        ]

        wins = ui.winsView
        self.wins = WinsModel(self._edit_win, self._objective_choices, self)
        wins.setModel(self.wins)
        self._win_delegate = ChoiceDelegate(list, wins, document_year(document))
        self._win_delegate.rejected.connect(lambda text: self._say(text, problem=True))
        setup_editable_table(wins, self._win_delegate)
        wins.setWordWrap(True)  # a win and its thanks read whole, however narrow the box
        wins.setTabKeyNavigation(False)  # Tab goes on to closing the quarter, not cell by cell
        wins_header = wins.horizontalHeader()
        wins_header.setStretchLastSection(False)
        wins_header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        wins_header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        show_every_row(wins, first=WIN_ROWS)
        ui.winDayEdit.set_plan_year(document_year(document))
        ui.winDayEdit.rejected.connect(lambda text: self._say(text, problem=True))
        ui.logWinButton.clicked.connect(self.log_win)
        ui.removeWinButton.clicked.connect(self.remove_win)
        for edit in (ui.winTextEdit, ui.winThanksEdit):
            edit.returnPressed.connect(self.log_win)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut(QKeySequence(key), ui.winsBox, self.log_win, context)
        shortcut(QKeySequence(Qt.Key.Key_Delete), wins, self.remove_win, Qt.ShortcutContext.WidgetShortcut)

        ui.closeButton.clicked.connect(self.close_quarter)
        self.finder = finder_of(document)
        self.finder.ready.connect(self._overlaps_ready)

        # Narrow (a laptop at 150%), the wins go below the retrospective and the page scrolls down.
        stack_columns_when_narrow(ui.columns, self, SIDE_BY_SIDE)
        keep_wrapped_text_whole(self)

    # -- the quarter ---------------------------------------------------------------------------
    @property
    def quarter(self) -> Quarter | None:
        """The quarter chosen."""
        label = self.ui.quarterCombo.currentData()
        return quarter_labelled(label) if isinstance(label, str) else None

    def choose_quarter(self, label: str) -> bool:
        """Show the quarter stored as ``label`` (“2027-Q1”); False when the plan lists no such quarter."""
        index = self.ui.quarterCombo.findData(label)
        if index < 0:
            return False
        self.ui.quarterCombo.setCurrentIndex(index)
        return True

    def load(self, document: PlanDocument) -> None:
        view = document.view()
        today = self._today()
        quarters = plan_quarters(view.details, also=reviewed_periods(document.plan), today=today)
        combo = self.ui.quarterCombo
        chosen = self.quarter or default_quarter(quarters, today)
        if quarters != self._quarters:
            self._quarters = quarters
            combo.blockSignals(True)
            combo.clear()
            for quarter in quarters:
                span = f"{format_short_date(quarter.start)} – {format_short_date(quarter.end)}"
                combo.addItem(f"{quarter.words}  ({span})", quarter.label)  # no words of its own
            combo.setCurrentIndex(max(0, combo.findData(chosen.label)))
            combo.blockSignals(False)
        self._show_quarter()

    def _quarter_chosen(self) -> None:
        for binding in self._retro:
            binding.end_burst()  # typing in another quarter's review is another step
        self._show_quarter()

    def _show_quarter(self) -> None:
        quarter = self.quarter
        if quarter is None:
            return
        self._show_objectives(quarter)
        self._show_wins(quarter)
        self._show_closed(quarter)

    def update_to(self, change: Change) -> None:
        """Re-read only what an edit of the page's own records touched; anything else reloads."""
        kinds = change.kinds & self.shows
        quarter = self.quarter
        if quarter is None or not kinds <= {Kind.OBJECTIVE_REVIEW, Kind.WIN, Kind.ALIGNMENT_READING}:
            self.reload()
            return
        if Kind.OBJECTIVE_REVIEW in kinds:
            reviews = read_reviews(self.document.plan, quarter)
            rows = [dataclasses.replace(r, review=reviews.get(r.id)) for r in self.objectives.rows()]
            self._show_scores(rows, quarter)
        if Kind.WIN in kinds:
            self._show_wins(quarter)
        if Kind.ALIGNMENT_READING in kinds:
            self._show_closed(quarter)

    # -- scores ----------------------------------------------------------------------------------
    def _show_objectives(self, quarter: Quarter) -> None:
        view = self.document.view()
        self._show_scores(quarter_scores(self.document.plan, view, quarter), quarter)
        combo = self.ui.winObjectiveCombo
        chosen = combo.currentData()
        combo.clear()
        combo.addItem(translate("QuarterPage", "No objective"), None)
        for objective_id, statement in self._objective_choices():
            combo.addItem(statement, objective_id)
        combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen is not None else 0)

    def _show_scores(self, rows: list[ObjectiveScore], quarter: Quarter) -> None:
        table = self.ui.objectivesView
        self.objectives.set_rows(rows)
        if rows and not table.currentIndex().isValid():
            table.setCurrentIndex(self.objectives.index(0, OVERRIDE))  # ready to type a score
        self.ui.summaryLabel.setText(self._summary(rows, quarter))
        self._show_retrospective()

    def _summary(self, rows: list[ObjectiveScore], quarter: Quarter) -> str:
        if not rows:
            return translate("QuarterPage", "The plan has no objectives to score yet.")
        scored = [r for r in rows if r.score is not None]
        counts = {word: sum(1 for r in scored if r.words == word) for word in (DELIVERED, PROGRESS, MISSED)}
        parts = [
            translate("QuarterPage", "{scored} of {count} objectives scored").format(
                scored=format_number(len(scored)), count=format_number(len(rows))
            )
        ]
        if scored:
            mean = sum(r.score for r in scored if r.score is not None) / len(scored)
            parts.append(translate("QuarterPage", "mean <b>{score}</b>").format(score=format_score(mean)))
            parts.append(", ".join(f"{format_number(n)} {word}" for word, n in counts.items() if n))
        text = " · ".join(parts)
        if not scored:
            text += translate(
                "QuarterPage", " — no metric has an actual in {quarter} yet (check in on the Check-ins tab)"
            ).format(quarter=quarter.words)
        pending = sum(1 for r in rows if r.needs_reason)
        if pending:
            needed = plural(
                pending,
                translate("QuarterPage", "{count} override needs a reason"),
                translate("QuarterPage", "{count} overrides need a reason"),
            ).format(count=format_number(pending))
            text += f" · <span style='color:{tone('advice')}'><b>{needed}</b></span>"
        return text

    def _edit_review(self, objective_id: int, field: str, value: Any) -> None:
        """An Override, Reason or Decision typed in the table: one undoable step."""
        quarter = self.quarter
        row = self.objectives.row_of(objective_id)
        scored = self.objectives.objective(row)
        if quarter is None or scored is None:
            return
        name = f"“{scored.statement}”"
        decision = (
            translate("QuarterPage", DECISION_WORDS[value]) if value in DECISION_WORDS else str(value or "")
        )
        texts = {
            "score": translate("QuarterPage", "Override the score of {objective}").format(objective=name)
            if value is not None
            else translate("QuarterPage", "Clear the override of {objective}").format(objective=name),
            "reason": translate("QuarterPage", "Give the reason for {objective}'s score").format(
                objective=name
            ),
            "decision": translate("QuarterPage", "Decide {decision} for {objective}").format(
                decision=decision or translate("QuarterPage", "nothing yet"), objective=name
            ),
        }
        after = translate("QuarterPage", " The override was left as it was.") if field == "score" else ""
        command = ReviewCommand(self.document, texts[field], objective_id, quarter.label, {field: value})
        if not self.document.execute(command, refused=lambda text: self._say(text + after, problem=True)):
            return
        now = self.objectives.objective(self.objectives.row_of(objective_id))
        if field == "score" and now is not None:
            if value is None:
                self._say(
                    translate("QuarterPage", "{objective} has its metrics' score again: {score}.").format(
                        objective=name, score=format_score(now.score) or translate("QuarterPage", "none")
                    )
                )
            elif now.needs_reason:
                self._say(
                    translate(
                        "QuarterPage", "{objective} scores {score}, {reading}. Now type why under Reason."
                    ).format(objective=name, score=format_score(value), reading=now.words)
                )
                # Keyboard first: the reason is the next thing to type, once this editor has closed.
                QTimer.singleShot(0, self, lambda: self._go_to(objective_id, REASON))
            else:
                self._say(
                    translate("QuarterPage", "{objective} scores {score}, {reading}.").format(
                        objective=name, score=format_score(value), reading=now.words
                    )
                )
        elif field == "reason":
            self._say(
                (
                    translate("QuarterPage", "Kept the reason for {objective}'s score.")
                    if value
                    else translate("QuarterPage", "Cleared the reason for {objective}'s score.")
                ).format(objective=name)
            )
        elif field == "decision":
            self._say(
                translate("QuarterPage", "{objective}: {decision} next cycle.").format(
                    objective=name, decision=decision or translate("QuarterPage", "undecided")
                )
            )

    def _go_to(self, objective_id: int, column: int) -> None:
        row = self.objectives.row_of(objective_id)
        if row >= 0:
            self.ui.objectivesView.setCurrentIndex(self.objectives.index(row, column))

    # -- the retrospective --------------------------------------------------------------------------
    def _selected(self) -> ObjectiveScore | None:
        return self.objectives.objective(self.ui.objectivesView.currentIndex().row())

    def _target(self) -> tuple[int, str] | None:
        selected, quarter = self._selected(), self.quarter
        return None if selected is None or quarter is None else (selected.id, quarter.label)

    def _show_retrospective(self) -> None:
        ui, selected, quarter = self.ui, self._selected(), self.quarter
        editable = selected is not None and not self.document.readonly
        for edit in (ui.workedEdit, ui.didNotWorkEdit):
            edit.setEnabled(editable)
        if selected is None or quarter is None:
            ui.retroBox.setTitle(translate("QuarterPage", "Retrospective"))
            ui.retroBox.setToolTip(translate("QuarterPage", NO_OBJECTIVE))
            for binding in self._retro:
                binding.show("")
            return
        # In the box's title, never wrapped (a long statement cut short, whole in the tip): a wrapped
        # label here made the box taller for its width than the page's minimum counts, and stacked
        # on a scaled laptop the wins under it were squeezed into the box below.
        statement = (
            selected.statement
            if len(selected.statement) <= TITLE_CHARS
            else (selected.statement[: TITLE_CHARS - 1].rstrip() + "…")
        )
        ui.retroBox.setTitle(
            translate("QuarterPage", "Retrospective — {objective}, {quarter}").format(
                objective=statement, quarter=quarter.words
            )
        )
        ui.retroBox.setToolTip(
            translate("QuarterPage", "The retrospective of “{objective}” for {quarter}").format(
                objective=selected.statement, quarter=quarter.words
            )
        )
        review = selected.review
        self._retro[0].show(review.worked if review else "")
        self._retro[1].show(review.did_not_work if review else "")

    def write_retrospective(self) -> None:
        """Go to the selected objective's “What worked”, the caret at the end of what is there."""
        edit = self.ui.workedEdit
        if edit.isEnabled():
            edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
            edit.moveCursor(edit.textCursor().MoveOperation.End)

    # -- wins -----------------------------------------------------------------------------------------
    def _objective_choices(self) -> list[tuple[int, str]]:
        return [(o.id, o.statement) for o in self.document.view().objectives]

    def _show_wins(self, quarter: Quarter) -> None:
        self.wins.set_rows(read_wins(self.document.plan, quarter))
        day = self.ui.winDayEdit.date()
        if day is None or day not in quarter:  # a new win's day: today, within the quarter shown
            self.ui.winDayEdit.setDate(min(max(self._today(), quarter.start), quarter.end))
        self.ui.removeWinButton.setEnabled(self.wins.rowCount() > 0 and not self.document.readonly)

    def log_win(self) -> bool:
        """Log the win the fields describe (undoable); True when it reached the plan."""
        ui, doc = self.ui, self.document
        try:
            day = ui.winDayEdit.typed_date()
        except ValueError as error:
            self._say(str(error), problem=True)
            ui.winDayEdit.setFocus()
            return False
        if day is None:
            self._say(translate("QuarterPage", "Give the win's day, e.g. 14 Mar."), problem=True)
            ui.winDayEdit.setFocus()
            return False
        text, thanks = ui.winTextEdit.text(), ui.winThanksEdit.text().strip()
        objective_id = ui.winObjectiveCombo.currentData()
        command = CreateCommand(
            doc,
            translate("QuarterPage", "Log a win"),
            Kind.WIN,
            lambda: log_win(doc.plan, day, text, thanks=thanks, objective_id=objective_id),
        )
        if not doc.execute(command, refused=lambda sentence: self._say(sentence, problem=True)):
            ui.winTextEdit.setFocus()
            return False
        ui.winTextEdit.clear()
        ui.winThanksEdit.clear()
        ui.winDayEdit.setDate(day)
        said = (
            translate("QuarterPage", "Logged the win of {day}: “{win}”, thanks to {people}.")
            if thanks
            else translate("QuarterPage", "Logged the win of {day}: “{win}”.")
        ).format(day=format_short_date(day), win=text.strip(), people=thanks)
        quarter = self.quarter
        if quarter is not None and day not in quarter:
            said += translate("QuarterPage", " It is in {quarter}: choose that quarter to see it.").format(
                quarter=quarter_of(day).words
            )
        elif command.created_id is not None:
            row = self.wins.row_of(command.created_id)
            if row >= 0:
                ui.winsView.setCurrentIndex(self.wins.index(row, 1))
        self._say(said)
        ui.winTextEdit.setFocus()  # the next win
        return True

    def _edit_win(self, win_id: int, field: str, value: Any) -> None:
        self.document.execute(
            UpdateCommand(
                self.document, translate("QuarterPage", "Edit win"), Kind.WIN, win_id, {field: value}
            ),
            refused=lambda text: self._say(text, problem=True),
        )

    def remove_win(self) -> bool:
        """Remove the selected win (undoable)."""
        view = self.ui.winsView
        current = view.currentIndex()
        if not current.isValid():
            self._say(translate("QuarterPage", "Select a win in the list to remove it."), problem=True)
            return False
        row = current.row()
        text = self.wins.index(row, 1).data()
        command = RemoveCommand(
            self.document, translate("QuarterPage", "Remove win"), Kind.WIN, self.wins.row_id(row)
        )
        if not self.document.execute(command, refused=lambda sentence: self._say(sentence, problem=True)):
            return False
        self._say(translate("QuarterPage", "Removed the win “{win}”; Ctrl+Z puts it back.").format(win=text))
        if self.wins.rowCount():
            view.setCurrentIndex(self.wins.index(min(row, self.wins.rowCount() - 1), current.column()))
        return True

    # -- closing the quarter -----------------------------------------------------------------------
    def _show_closed(self, quarter: Quarter) -> None:
        ui = self.ui
        readings = read_alignment_readings(self.document.plan)
        this = next((r for r in readings if r.period == quarter.label), None)
        if this is None:
            ui.closedLabel.setText(
                translate(
                    "QuarterPage",
                    "{quarter} is not closed yet. Closing keeps the alignment index as it is then "
                    "(Review ▸ Alignment), with the leaders' mean rating, so the index has a trend.",
                ).format(quarter=quarter.words)
            )
            ui.closeButton.setText(translate("QuarterPage", "&Close the quarter"))
        else:
            rating = (
                translate("QuarterPage", "the leaders' mean rating <b>{rating}</b> of 5").format(
                    rating=one_decimal(this.self_rating)
                )
                if this.self_rating is not None
                else translate("QuarterPage", "no leader's rating")
            )
            ui.closedLabel.setText(
                translate(
                    "QuarterPage",
                    "<b>Closed</b> on {day}: alignment index <b>{index}</b>, {rating}. Closing again keeps "
                    "the index as it is then.",
                ).format(day=format_short_date(this.taken_at.date()), index=this.evidence, rating=rating)
            )
            ui.closeButton.setText(translate("QuarterPage", "&Close again"))
        trend = []
        for reading in readings:
            closed = quarter_labelled(reading.period)
            trend.append(f"{closed.words if closed else literal(reading.period)} <b>{reading.evidence}</b>")
        ui.trendLabel.setText(
            translate("QuarterPage", "Alignment index by quarter closed: {trend}").format(
                trend=" → ".join(trend)
            )
            if trend
            else ""
        )
        ui.trendLabel.setVisible(bool(trend))

    def close_quarter(self) -> bool:
        """Keep the alignment index now and the leaders' mean rating for the chosen quarter (undoable).

        For a large plan whose overlaps are still being counted, the quarter closes once they are;
        returns True when the reading reached the plan now.
        """
        doc, quarter = self.document, self.quarter
        if quarter is None:
            return False
        reviewed = self.finder.review(doc.view(), read_resolutions(doc.plan))
        if reviewed is None:
            self._closing = True
            self._say(
                translate(
                    "QuarterPage", "Counting the plan's overlaps first; {quarter} closes when that is done."
                ).format(quarter=quarter.words)
            )
            return False
        found = evidence(doc, reviewed.review)
        if found.index.score is None:
            self._say(
                translate(
                    "QuarterPage",
                    "There is no alignment index to keep yet: the plan has no objectives and no overlaps to count.",
                ),
                problem=True,
            )
            return False
        points, rating = whole_points(found.index.score), found.survey.mean
        command = VerbCommand(
            doc,
            translate("QuarterPage", "Close {quarter}").format(quarter=quarter.words),
            [Kind.ALIGNMENT_READING],
            lambda: take_alignment_reading(doc.plan, quarter.label, points, rating),
            lambda previous: restore_alignment_reading(doc.plan, previous),
        )
        if not doc.execute(command, refused=lambda text: self._say(text, problem=True)):
            return False
        said = (
            translate("QuarterPage", "the leaders' mean rating {rating} of 5").format(
                rating=one_decimal(rating)
            )
            if rating is not None
            else translate("QuarterPage", "no leaders' rating (none has rated alignment yet)")
        )
        kept = translate("QuarterPage", "kept the alignment index {index} and {rating} for the trend").format(
            index=points, rating=said
        )
        if isinstance(command.result, Updated) and command.result.previous.get("evidence") is not None:
            self._say(
                translate("QuarterPage", "Closed {quarter} again: {kept} (it was {index}).").format(
                    quarter=quarter.words, kept=kept, index=command.result.previous["evidence"]
                )
            )
        else:
            self._say(
                translate("QuarterPage", "Closed {quarter}: {kept}.").format(quarter=quarter.words, kept=kept)
            )
        return isinstance(command.result, Created | Updated)

    def _overlaps_ready(self) -> None:
        if self._closing:
            self._closing = False
            self.close_quarter()

    # -- shared -------------------------------------------------------------------------------------
    def _say(self, text: str, *, problem: bool = False) -> None:
        """A sentence on the page (in the problem colour when refused) and as the window's toast."""
        label = self.ui.messageLabel
        label.setText(text)
        label.setProperty("problem", problem)
        label.style().unpolish(label)
        label.style().polish(label)
        label.show()
        (self.rejected if problem else self.message).emit(text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter on an objective (no cell being edited) goes to its retrospective: keyboard first."""
        if (
            watched is self.ui.objectivesView
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            and self.ui.objectivesView.state() != QAbstractItemView.State.EditingState
        ):
            self.write_retrospective()
            return True
        return super().eventFilter(watched, event)

    def first_view(self) -> QWidget:
        """Where the keyboard lands when the tab is shown (``go_to_tab``): the objectives."""
        return self.ui.objectivesView
