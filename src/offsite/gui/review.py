"""The Review phase: tabs for tracking the plan after the offsite, and the alignment index.

The tabs before Alignment (the weekly check-ins first) are given by whoever builds the page (the
window's shell), so this module knows none of them. The Alignment tab is the alignment index from
the plan's evidence, beside what the leaders say.

What the Review page records (check-ins, the leaders' survey) is no part of what the leaders
signed, so the page, with its tabs, is never made read-only by the lock; each edit is undoable.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QWidget,
)

from offsite.domain.alignment import (
    RATING_MAX,
    RATING_MIN,
    GapLevel,
    whole_points,
)
from offsite.domain.formatting import format_count, format_number
from offsite.domain.language import QT_TRANSLATE_NOOP, language, translate
from offsite.domain.values import Kind
from offsite.gui.alignment_evidence import Evidence, evidence
from offsite.gui.commands import VerbCommand
from offsite.gui.delegates import read_only_table
from offsite.gui.document import PlanDocument
from offsite.gui.fit import keep_wrapped_text_whole, show_every_row, stack_columns_when_narrow
from offsite.gui.forms import Form
from offsite.gui.keys import shortcut
from offsite.gui.overlap_finder import finder_of
from offsite.gui.page import Page
from offsite.services.overlaps import read_resolutions
from offsite.services.survey import rate_alignment

if TYPE_CHECKING:
    from offsite.gui.projection import Projection

#: One key rates the selected leader: 1 (not aligned at all) to 5 (fully aligned).
RATING_KEYS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(RATING_MIN, RATING_MAX + 1)}

#: The tables' column titles, marked for the catalogue and translated where the tables are made.
COMPONENT_COLUMNS = (
    QT_TRANSLATE_NOOP("ReviewPage", "Evidence"),
    QT_TRANSLATE_NOOP("ReviewPage", "Weight"),
    QT_TRANSLATE_NOOP("ReviewPage", "Met"),
    QT_TRANSLATE_NOOP("ReviewPage", "Points"),
    QT_TRANSLATE_NOOP("ReviewPage", "Explanation"),
)
#: The gap label's colour role (the style sheet's "guidance" property): a warning is never "ok" green.
GAP_ROLES = {GapLevel.NONE: "", GapLevel.FINE: "ok", GapLevel.WARNING: "advice"}
#: The warning's ink where rich text says it (the style sheet's "advice" colour).
WARNING_INK = "#9a5b00"
SURVEY_COLUMNS = (
    QT_TRANSLATE_NOOP("ReviewPage", "Leader"),
    QT_TRANSLATE_NOOP("ReviewPage", "Rating"),
    QT_TRANSLATE_NOOP("ReviewPage", "Comment"),
)
#: The narrowest the page shows what leaders say beside the index (whose explanations then have
#: room to read); on a narrower (or scaled) screen it goes below the index.
SIDE_BY_SIDE = 1000
#: The score's caption while a large plan's overlaps are being counted.
COUNTING_OVERLAPS = QT_TRANSLATE_NOOP(
    "ReviewPage", "Counting the overlaps… the score follows when that is done."
)
#: The width of the Evidence column: its names wrap so the explanation beside them keeps room.
EVIDENCE_WIDTH = 150


class ReviewForm(Form):
    ui_file = "review_page.ui"
    pageTitle: QLabel
    pageIntro: QLabel
    tabs: QTabWidget
    alignmentTab: QWidget
    alignmentIntro: QLabel
    indexBox: QGroupBox
    scoreLabel: QLabel
    scoreCaption: QLabel
    componentsTable: QTableWidget
    rulesLabel: QLabel
    surveyBox: QGroupBox
    surveyTable: QTableWidget
    commentEdit: QLineEdit
    ratingCombo: QComboBox
    rateButton: QPushButton
    keysHint: QLabel
    saidLabel: QLabel
    gapLabel: QLabel
    columns: QHBoxLayout


def _whole(value: float) -> str:
    # Rounded as the PDF and the verdict round: 62.5 reads 63 everywhere.
    return str(whole_points(value))


def _signed(value: float) -> str:
    rounded = whole_points(value)
    return f"+{rounded}" if rounded > 0 else f"{rounded}".replace("-", "−")


def _one_decimal(value: float) -> str:
    """``62.5``, ``3.0`` (``62,5`` in German): always one decimal, as the points and the mean read."""
    if language() == "en":
        return f"{value:.1f}"
    from babel.numbers import format_decimal

    return str(format_decimal(value, format="0.0", locale=language()))


def _item(text: str, *, align_right: bool = False, data: Any = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if align_right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if data is not None:
        item.setData(Qt.ItemDataRole.UserRole, data)
    return item


class ReviewPage(Page):
    """The Review phase: the tabs given (the weekly check-ins first), then Alignment."""

    shows = frozenset(
        {
            Kind.PLAN,
            Kind.TEAM,
            Kind.LEADER,
            Kind.GOAL,
            Kind.OBJECTIVE,
            Kind.METRIC,
            Kind.STANCE,
            Kind.CANDIDATE,
            Kind.OVERLAP_RESOLUTION,
            Kind.SURVEY_RATING,
        }
    )
    #: The survey and the tabs' records stay writable while the plan is signed.
    edits_content = False

    message = Signal(str)
    #: A sentence saying why an edit of a tab was not taken.
    rejected = Signal(str)

    def __init__(self, document: PlanDocument, tabs: Sequence[tuple[str, Page]] = ()) -> None:
        """``tabs``: (title, page) of the tabs before Alignment, in order (Alt+1, Alt+2 …)."""
        super().__init__(document)
        self.ui = ui = ReviewForm.setup(self)
        self.current: Evidence | None = None

        components = ui.componentsTable
        header = read_only_table(components, [translate("ReviewPage", c) for c in COMPONENT_COLUMNS])
        components.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        components.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, EVIDENCE_WIDTH)

        survey = ui.surveyTable
        read_only_table(survey, [translate("ReviewPage", c) for c in SURVEY_COLUMNS])
        survey.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        survey.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        survey.currentCellChanged.connect(lambda *_: self._show_leader())
        # Every component and every leader's rating reads whole, each row as tall as its wrapped
        # text; on a narrow or scaled screen the survey goes below the index and the page scrolls.
        for table in (components, survey):
            show_every_row(table)
        stack_columns_when_narrow(ui.columns, self, SIDE_BY_SIDE)
        keep_wrapped_text_whole(self)  # before the tabs join: each keeps its own text whole
        survey.installEventFilter(self)

        labels = {
            1: translate("ReviewPage", "not aligned"),
            2: "",
            3: translate("ReviewPage", "partly"),
            4: "",
            5: translate("ReviewPage", "fully aligned"),
        }
        for n in range(RATING_MIN, RATING_MAX + 1):
            ui.ratingCombo.addItem(f"{n}" + (f" — {labels[n]}" if labels[n] else ""), n)
        ui.rateButton.clicked.connect(self.rate_from_form)
        ui.commentEdit.returnPressed.connect(self.rate_from_form)
        ui.keysHint.setText(
            translate(
                "ReviewPage",
                "Keys in the table: 1–5 rate the selected leader (with the comment above) · "
                "Enter to write a comment first · Ctrl+Z undoes a rating.",
            )
        )
        ui.rulesLabel.setText(self._rules(0))
        self.finder = finder_of(document)
        self.finder.ready.connect(self._overlaps_ready)
        self._add_tabs(tabs)

    # -- the tabs ------------------------------------------------------------------------------
    def _add_tabs(self, tabs: Sequence[tuple[str, Page]]) -> None:
        ui = self.ui
        names: dict[QWidget, str] = {ui.alignmentTab: "Alignment"}  # the form's title, before translation
        for place, (title, tab) in enumerate(tabs):
            ui.tabs.insertTab(place, tab, translate("PhaseTabs", title))
            names[tab] = title
            for name in ("message", "rejected"):  # the window hears the page's, not the tabs'
                said = getattr(tab, name, None)
                if said is not None:
                    said.connect(getattr(self, name))
            tab.projectionChanged.connect(partial(self._tab_projection_changed, tab))
        ui.tabs.setCurrentIndex(0)
        pages = [page for i in range(ui.tabs.count()) if (page := ui.tabs.widget(i)) is not None]
        #: Each tab by its title as given (a view such as "review:Check-ins" opens one, in any language).
        self.tabs: dict[str, QWidget] = {names.get(p, ui.tabs.tabText(ui.tabs.indexOf(p))): p for p in pages}
        self._tab_keys: list[QShortcut] = []
        for number, page in enumerate(pages, start=1):
            ui.tabs.setTabToolTip(number - 1, f"{ui.tabs.tabText(number - 1)} (Alt+{number})")
            self._tab_keys.append(
                shortcut(
                    QKeySequence(f"Alt+{number}"),
                    self,
                    partial(self.go_to_tab, page),
                    Qt.ShortcutContext.WindowShortcut,  # from the navigation list too, while this page shows
                )
            )
        ui.tabs.currentChanged.connect(lambda _index: self.projectionChanged.emit())

    def go_to_tab(self, tab: QWidget) -> None:
        """Show ``tab`` with the keyboard in its first table, ready for its keys."""
        self.ui.tabs.setCurrentWidget(tab)
        first = getattr(tab, "first_focus", None)
        target = first() if callable(first) else self.ui.surveyTable
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def first_focus(self) -> QWidget:
        tab = self.ui.tabs.currentWidget()
        first = getattr(tab, "first_focus", None)
        return first() if callable(first) else self.ui.surveyTable

    def _tab_projection_changed(self, tab: Page) -> None:
        if self.ui.tabs.currentWidget() is tab:
            self.projectionChanged.emit()

    def projection(self) -> Projection | None:
        """What the current tab projects; the Alignment tab, the phase's title card."""
        tab = self.ui.tabs.currentWidget()
        if isinstance(tab, Page):
            tab.ensure_loaded()
            return tab.projection()
        return None

    def make_read_only(self) -> None:
        super().make_read_only()
        for index in range(self.ui.tabs.count()):
            tab = self.ui.tabs.widget(index)
            if isinstance(tab, Page):
                tab.make_read_only()
        for tab_key in self._tab_keys:  # going from tab to tab changes nothing
            tab_key.setEnabled(True)

    # -- loading -------------------------------------------------------------------------------
    def load(self, document: PlanDocument) -> None:
        ui = self.ui
        reviewed = self.finder.review(document.view(), read_resolutions(document.plan))
        if reviewed is None:  # a large plan: its overlaps are counted on a worker
            ui.scoreLabel.setText("…")
            ui.scoreCaption.setText(
                f"<span style='font-size:15px'>{translate('ReviewPage', COUNTING_OVERLAPS)}</span>"
            )
            return
        self.current = found = evidence(document, reviewed.review)
        index = found.index
        ui.scoreLabel.setText("—" if index.score is None else _whole(index.score))
        caption = translate("ReviewPage", "out of 100, from the plan's evidence")
        if index.score is None:
            caption = translate(
                "ReviewPage", "No score yet: the plan has no objectives and no overlaps to count."
            )
        if index.said is not None and index.gap is not None:
            if index.gap_level is GapLevel.WARNING:
                # Words as well as colour: the warning must read without its amber.
                gap = translate("ReviewPage", "gap <b>{gap}</b>, above the evidence").format(
                    gap=_signed(index.gap)
                )
                gap = f"<span style='color:{WARNING_INK}'>{gap}</span>"
            else:
                gap = translate("ReviewPage", "gap <b>{gap}</b>").format(gap=_signed(index.gap))
            caption += "<br>" + translate("ReviewPage", "Leaders say <b>{said}</b> · {gap}").format(
                said=_whole(index.said), gap=gap
            )
        ui.scoreCaption.setText(f"<span style='font-size:15px'>{caption}</span>")

        table = ui.componentsTable
        table.setRowCount(len(index.components))
        for row, component in enumerate(index.components):
            scored = component.total > 0
            cells = (
                _item(component.label),
                _item(
                    f"{format_number(round(component.weight * 100))}%" if scored else "—", align_right=True
                ),
                _item(
                    translate("ReviewPage", "{met} of {total}").format(
                        met=format_count(component.met), total=format_count(component.total)
                    )
                    if scored
                    else "—",
                    align_right=True,
                ),
                _item(_one_decimal(component.points) if scored else "—", align_right=True),
                _item(component.explanation),
            )
            for column, item in enumerate(cells):
                table.setItem(row, column, item)
        table.resizeRowsToContents()
        height = table.horizontalHeader().height() + sum(table.rowHeight(r) for r in range(table.rowCount()))
        table.setFixedHeight(height + 2 * table.frameWidth() + 2)
        ui.rulesLabel.setText(self._rules(found.unchecked))
        self._show_survey(document, found)
        self._show_leader()

    def _overlaps_ready(self) -> None:
        """The overlaps are counted: show the score now, or when the page is next shown."""
        self.reload_when_shown()

    def _rules(self, unchecked: int) -> str:
        smart = translate(
            "ReviewPage",
            "An objective passes the SMART check when it was promoted from a brainstorm candidate whose "
            "five SMART marks are all yes; an objective written straight on the Plan screen has no marks "
            "and counts as not passing",
        )
        if unchecked:
            smart += translate("ReviewPage", " ({count} here)").format(count=format_number(unchecked))
        return translate(
            "ReviewPage",
            "<b>How the score is made.</b> Each row is a share of the objectives (the last, of the overlaps "
            "found) times its weight; the score is the sum, out of 100. A row with nothing to count is left "
            "out and the other weights scaled up. {smart}. Leaders' mean rating maps 1 → 0, 3 → 50, "
            "5 → 100; the gap is what leaders say minus the score.",
        ).format(smart=smart)

    def _show_survey(self, document: PlanDocument, found: Evidence) -> None:
        view = document.view()
        survey, index = found.survey, found.index
        table = self.ui.surveyTable
        previous = self._selected_leader_id()
        table.setRowCount(len(view.leaders))
        for row, leader in enumerate(view.leaders):
            rating = survey.rating_of(leader.id)
            cells = (
                leader.name,
                translate("ReviewPage", "{rating} of 5").format(rating=rating.rating)
                if rating
                else translate("ReviewPage", "not rated"),
                rating.comment if rating else "",
            )
            for column, text in enumerate(cells):
                item = _item(text, align_right=column == 1, data=leader.id)
                item.setToolTip(leader.title if column == 0 else text)
                table.setItem(row, column, item)
        table.resizeRowsToContents()
        if previous is not None:
            self._select_leader(previous)
        elif view.leaders:
            table.setCurrentCell(0, 0)

        if survey.mean is None or index.said is None:
            self.ui.saidLabel.setText(translate("ReviewPage", "No leader has rated alignment yet."))
        else:
            self.ui.saidLabel.setText(
                translate(
                    "ReviewPage",
                    "Leaders say: mean <b>{mean}</b> of 5 from {rated} of "
                    "{leaders} leaders — <b>{said}</b> on the index's 0–100 scale.",
                ).format(
                    mean=_one_decimal(survey.mean),
                    rated=format_number(len(survey.ratings)),
                    leaders=format_number(len(view.leaders)),
                    said=_whole(index.said),
                )
            )
        gap = ""
        if index.gap is not None:
            gap = translate("ReviewPage", "Gap <b>{gap}</b> points. ").format(gap=_signed(index.gap))
        self.ui.gapLabel.setText(f"{gap}{index.verdict}")
        self.ui.gapLabel.setProperty("guidance", GAP_ROLES[index.gap_level] or None)
        self.ui.gapLabel.style().unpolish(self.ui.gapLabel)
        self.ui.gapLabel.style().polish(self.ui.gapLabel)

    # -- rating --------------------------------------------------------------------------------
    def _selected_leader_id(self) -> int | None:
        item = self.ui.surveyTable.item(self.ui.surveyTable.currentRow(), 0)
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def _select_leader(self, leader_id: int) -> None:
        table = self.ui.surveyTable
        for row in range(table.rowCount()):
            item = table.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == leader_id:
                table.setCurrentCell(row, table.currentColumn() if table.currentColumn() >= 0 else 0)
                return

    def _show_leader(self) -> None:
        leader_id = self._selected_leader_id()
        rating = self.current.survey.rating_of(leader_id) if self.current and leader_id is not None else None
        self.ui.commentEdit.setText(rating.comment if rating else "")
        self.ui.ratingCombo.setCurrentIndex(self.ui.ratingCombo.findData(rating.rating) if rating else -1)

    def rate(self, rating: int, comment: str | None = None) -> bool:
        """Record the selected leader's rating (undoable); True when it reached the plan."""
        leader_id = self._selected_leader_id()
        leader = self.document.view().leader(leader_id) if leader_id is not None else None
        if leader is None:
            self.document.failed.emit(translate("ReviewPage", "Select a leader in the survey table first."))
            return False
        text = self.ui.commentEdit.text() if comment is None else comment
        doc = self.document

        def undo(previous: Mapping[str, Any]) -> object:
            return rate_alignment(doc.plan, **previous)

        done = doc.execute(
            VerbCommand(
                doc,
                translate("ReviewPage", "Rate alignment {rating} for {leader}").format(
                    rating=rating, leader=leader.name
                ),
                [Kind.SURVEY_RATING],
                lambda: rate_alignment(doc.plan, leader.id, rating, text),
                undo,
            )
        )
        if done:
            self.message.emit(
                translate("ReviewPage", "{leader} rates alignment {rating} of 5.").format(
                    leader=leader.name, rating=rating
                )
            )
        return done

    def rate_from_form(self) -> None:
        rating = self.ui.ratingCombo.currentData()
        if rating is None:
            # No rating yet: back to the table, where one key rates with the comment just typed.
            self.ui.surveyTable.setFocus()
            self.message.emit(translate("ReviewPage", "Now press 1–5 to rate, with this comment."))
            return
        if self.rate(int(rating)):
            self.ui.surveyTable.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.ui.surveyTable
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and self.ui.rateButton.isEnabled()
        ):
            rating = RATING_KEYS.get(Qt.Key(event.key()))
            if rating is not None and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                self.rate(rating)
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.ui.commentEdit.setFocus()
                self.ui.commentEdit.selectAll()
                return True
        return super().eventFilter(watched, event)
