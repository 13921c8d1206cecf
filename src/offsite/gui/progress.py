"""The Review phase's Progress page: the check-ins rolled up per week, month or quarter, as charts.

Four tabs, one chooser of the grain above them (Alt+W week, Alt+M month, Alt+Q quarter):

- **Metrics**: every metric grouped by its objective, with its latest actual and its status today in
  colour and in words; the selected one's progress chart (actuals against the target and the
  expected line, today marked) over its confidence chart;
- **Sales & Marketing**: each pair the rollups make (a metric both teams share, or a sales metric
  beside a marketing one) as two charts on one date range;
- **Funnel**: leads → MQLs → SQLs → opportunities → deals per period from the metrics' funnel
  stages, the work-back funnel's plan in outline beside them, and the latest period in a sentence;
- **Alignment trend**: the alignment index of each closed quarter beside the leaders' self-rating.

The page reads the check-ins when first shown (on a worker thread for a large plan, saying so), and
follows what changed: an edit of some check-ins reads those metrics again and redraws the charts
that show them, no other. On the projector the current tab's chart shows large, on white.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSignalBlocker, Qt, Slot
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QRadioButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from offsite.domain.formatting import format_number, format_short_date
from offsite.domain.language import QT_TRANSLATE_NOOP, plural, translate
from offsite.domain.progress import Grain, Status
from offsite.domain.series import (
    NO_CHECK_INS,
    NO_QUARTERS,
    FunnelSeries,
    MetricSeries,
    TrendSeries,
    Words,
    said,
)
from offsite.domain.tracking import MetricPair
from offsite.domain.values import Change, Kind
from offsite.gui import theme
from offsite.gui.background import Computation, watch_quit
from offsite.gui.charts import ConfidenceChart, FunnelChart, PairChart, ProgressChart, TrendChart
from offsite.gui.document import PlanDocument
from offsite.gui.fit import watch_resize
from offsite.gui.page import Page
from offsite.services.checkins import review_day
from offsite.services.progress_read import ProgressRollup, count_check_ins, read_alignment_trend

if TYPE_CHECKING:
    from offsite.gui.projection import Projection

#: Up to this many check-ins are read as the page is shown; more are read on a worker thread while
#: the page says so (200,000 check-ins take about a second to read and roll up).
AT_ONCE = 20_000
#: The grains the page rolls up by, with the key that chooses each (Alt+ the underlined letter).
#: (Every text of this page's tables is marked for the catalogue and shown through ``translate``,
#: context "ProgressPage": the language is chosen after this module is read.)
GRAINS = (
    (Grain.WEEK, QT_TRANSLATE_NOOP("ProgressPage", "&Week")),
    (Grain.MONTH, QT_TRANSLATE_NOOP("ProgressPage", "&Month")),
    (Grain.QUARTER, QT_TRANSLATE_NOOP("ProgressPage", "&Quarter")),
)
GRAIN_WORDS = {
    Grain.WEEK: QT_TRANSLATE_NOOP("ProgressPage", "week by week"),
    Grain.MONTH: QT_TRANSLATE_NOOP("ProgressPage", "month by month"),
    Grain.QUARTER: QT_TRANSLATE_NOOP("ProgressPage", "quarter by quarter"),
}
#: The tabs, by key: (title with its Alt+ letter, what the projector calls it).
TABS = {
    "metrics": (QT_TRANSLATE_NOOP("ProgressPage", "Metr&ics"), QT_TRANSLATE_NOOP("ProgressPage", "Progress")),
    "pairs": (
        QT_TRANSLATE_NOOP("ProgressPage", "&Sales && Marketing"),
        QT_TRANSLATE_NOOP("ProgressPage", "Sales and Marketing"),
    ),
    "funnel": (QT_TRANSLATE_NOOP("ProgressPage", "F&unnel"), QT_TRANSLATE_NOOP("ProgressPage", "Funnel")),
    "trend": (
        QT_TRANSLATE_NOOP("ProgressPage", "Alignment t&rend"),
        QT_TRANSLATE_NOOP("ProgressPage", "Alignment trend"),
    ),
}
COLUMNS = (
    QT_TRANSLATE_NOOP("ProgressPage", "Metric"),
    QT_TRANSLATE_NOOP("ProgressPage", "Latest"),
    QT_TRANSLATE_NOOP("ProgressPage", "Status"),
)
#: The metrics list's width as the page opens: most metric names whole beside their figure and
#: status, and never more than its share of a narrow (or scaled) screen, where the charts need the room.
LIST_WIDTH = 420
LIST_SHARE = 0.36
#: Narrower than this, the list shows names and statuses only (the chart labels the latest figure).
LATEST_FROM = 340
#: A status's mark before its word: the colour says it at a glance, the word says it to everyone.
STATUS_MARK = "●"
READING = QT_TRANSLATE_NOOP("ProgressPage", "Reading {count} check-ins…")
EMPTY_HINT = QT_TRANSLATE_NOOP(
    "ProgressPage",
    "Each metric's chart appears with its first check-in: type this week's actuals on the Check-ins "
    "tab, or import your CRM's export.",
)
NO_PAIRS = QT_TRANSLATE_NOOP(
    "ProgressPage",
    "No sales and marketing pair yet: Offsite pairs a metric both teams share, or a sales metric and a "
    "marketing metric at the same funnel stage or of the same name (teams named Sales and Marketing).",
)
NO_STAGES = QT_TRANSLATE_NOOP(
    "ProgressPage",
    "No metric counts a funnel stage yet: choose Leads, MQLs, SQLs, Opportunities or Deals in a "
    "metric's Funnel cell on the Plan page.",
)
PLANNED_PER_QUARTER = QT_TRANSLATE_NOOP(
    "ProgressPage", "The work-back funnel plans quarters: roll up by quarter (Alt+Q) to see its counts."
)
PAIR_BASIS = {
    "shared": QT_TRANSLATE_NOOP("ProgressPage", "one metric both teams answer for"),
    "stage": QT_TRANSLATE_NOOP("ProgressPage", "the same funnel stage"),
    "name": QT_TRANSLATE_NOOP("ProgressPage", "the same name"),
}

#: The keys of this page for Help ▸ Keyboard shortcuts: (keys, what they do); the list translates
#: each description in the "Shortcuts" context.
KEYS = (
    ("Alt+W / Alt+M / Alt+Q", QT_TRANSLATE_NOOP("Shortcuts", "Roll progress up by week, month or quarter")),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Alt+I / Alt+S / Alt+U / Alt+R"),
        QT_TRANSLATE_NOOP("Shortcuts", "Go to Metrics, Sales & Marketing, Funnel or Alignment trend"),
    ),
    ("↑ ↓", QT_TRANSLATE_NOOP("Shortcuts", "In the metrics: show the next or previous metric's charts")),
    ("Alt+P", QT_TRANSLATE_NOOP("Shortcuts", "Sales & Marketing: choose the pair")),
)


def _t(text: str) -> str:
    """One of this page's marked texts in the leader's language."""
    return translate("ProgressPage", text)


def _paired_by(basis: str) -> str:
    """“Paired by the same funnel stage”: why two metrics stand side by side."""
    return translate("ProgressPage", "Paired by {basis}").format(
        basis=_t(PAIR_BASIS[basis]) if basis in PAIR_BASIS else basis
    )


def _as_of(rollup: ProgressRollup) -> str:
    """“month by month as of 15 Mar 2027”."""
    return translate("ProgressPage", "{grain} as of {day}").format(
        grain=_t(GRAIN_WORDS[rollup.grain]), day=format_short_date(rollup.today)
    )


def _item(texts: tuple[str, ...]) -> QTreeWidgetItem:
    item = QTreeWidgetItem(list(texts))
    item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class ProgressPage(Page):
    """The check-ins as charts: per metric, sales beside marketing, the funnel, the alignment trend."""

    shows = frozenset(
        {
            Kind.PLAN,
            Kind.TEAM,
            Kind.LEADER,
            Kind.OBJECTIVE,
            Kind.METRIC,
            Kind.FUNNEL,
            Kind.CHECK_IN,
            Kind.ALIGNMENT_READING,
        }
    )
    #: Check-ins are process records: a signed plan still takes them, so the page is never locked.
    edits_content = False

    def __init__(self, document: PlanDocument, today: dt.date | None = None) -> None:
        """``today`` fixes the day the page judges progress on (tests, screenshots); else the date."""
        super().__init__(document)
        self._today = today
        self.grain = Grain.MONTH
        self.rollup: ProgressRollup | None = None
        self._worker: Computation | None = None
        self._again = False  # a reload was asked while the worker read: read again when it is done

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.setSpacing(6)
        header = QHBoxLayout()
        self.summary = QLabel(self)
        self.summary.setObjectName("pageIntro")
        self.summary.setWordWrap(True)
        header.addWidget(self.summary, 1)
        header.addWidget(QLabel(translate("ProgressPage", "Roll up by:"), self))
        self.grain_buttons = QButtonGroup(self)
        for grain, text in GRAINS:
            button = QRadioButton(_t(text), self)
            button.setToolTip(
                translate("ProgressPage", "Each chart {grain}").format(grain=_t(GRAIN_WORDS[grain]))
            )
            button.setChecked(grain is self.grain)
            self.grain_buttons.addButton(button)
            button.setProperty("grain", grain.value)
            header.addWidget(button)
        self.grain_buttons.buttonToggled.connect(self._grain_toggled)
        layout.addLayout(header)

        self.stack = QStackedWidget(self)
        layout.addWidget(self.stack, 1)
        self.state = QLabel(self.stack)
        self.state.setObjectName("pageTitle")
        self.state.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.state_hint = QLabel(_t(EMPTY_HINT), self.stack)
        self.state_hint.setObjectName("keysHint")
        self.state_hint.setWordWrap(True)
        self.state_hint.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        state_page = QWidget(self.stack)
        state_layout = QVBoxLayout(state_page)
        state_layout.addStretch(1)
        state_layout.addWidget(self.state)
        state_layout.addWidget(self.state_hint)
        state_layout.addStretch(2)
        self.stack.addWidget(state_page)

        self.tabs = QTabWidget(self.stack)
        self.stack.addWidget(self.tabs)
        empty = MetricSeries("")
        today = self.today()
        self._build_metrics_tab(empty, today)
        self._build_pairs_tab(today)
        self._build_funnel_tab()
        self._build_trend_tab()
        self.tab_pages: dict[str, QWidget] = {
            "metrics": self.metrics_tab,
            "pairs": self.pairs_tab,
            "funnel": self.funnel_tab,
            "trend": self.trend_tab,
        }
        for key, page in self.tab_pages.items():
            self.tabs.addTab(page, _t(TABS[key][0]))
        self.tabs.currentChanged.connect(self._tab_changed)
        watch_quit()

    # -- building ---------------------------------------------------------------------------------
    def _build_metrics_tab(self, empty: MetricSeries, today: dt.date) -> None:
        self.metrics_tab = QSplitter(Qt.Orientation.Horizontal, self.tabs)
        self.metrics_tab.setChildrenCollapsible(False)
        self.tree = QTreeWidget(self.metrics_tab)
        self.tree.setObjectName("progressMetrics")
        self.tree.setHeaderLabels([_t(c) for c in COLUMNS])
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setAccessibleName(translate("ProgressPage", "Metrics by objective, with their status"))
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(self._current_changed)
        charts = QSplitter(Qt.Orientation.Vertical, self.metrics_tab)
        charts.setChildrenCollapsible(False)
        self.progress_chart = ProgressChart(empty, today, charts)
        self.confidence_chart = ConfidenceChart(empty, today, charts)
        # The progress chart above names the today line; said once, the bands' names fit a narrow chart.
        for marker in self.confidence_chart.chart().legend().markers():
            if marker.series().name() == said(Words.TODAY):
                marker.setVisible(False)
        charts.setStretchFactor(0, 3)
        charts.setStretchFactor(1, 2)
        self.metrics_tab.setStretchFactor(0, 0)
        self.metrics_tab.setStretchFactor(1, 1)
        self._list_moved = False  # once the facilitator drags the divider, the list keeps its width
        self.metrics_tab.splitterMoved.connect(self._list_dragged)
        watch_resize(self.metrics_tab, self._fit_list)
        self._items: dict[int, QTreeWidgetItem] = {}

    def _fit_list(self) -> None:
        if not self._list_moved:
            width = self.metrics_tab.width()
            share = min(LIST_WIDTH, round(width * LIST_SHARE))
            self.metrics_tab.setSizes([share, max(0, width - share)])
        self.tree.setColumnHidden(1, self.tree.width() < LATEST_FROM)

    def _list_dragged(self, _position: int, _index: int) -> None:
        self._list_moved = True

    def _build_pairs_tab(self, today: dt.date) -> None:
        self.pairs_tab = QWidget(self.tabs)
        layout = QVBoxLayout(self.pairs_tab)
        layout.setContentsMargins(6, 8, 6, 6)
        row = QHBoxLayout()
        label = QLabel(translate("ProgressPage", "&Pair:"), self.pairs_tab)
        self.pair_combo = QComboBox(self.pairs_tab)
        self.pair_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        label.setBuddy(self.pair_combo)
        self.pair_basis = QLabel(self.pairs_tab)
        self.pair_basis.setObjectName("keysHint")
        row.addWidget(label)
        row.addWidget(self.pair_combo)
        row.addWidget(self.pair_basis, 1)
        layout.addLayout(row)
        empty = MetricSeries("")
        from offsite.domain.series import PairSeries

        self.pair_chart = PairChart(PairSeries(empty, empty), today, self.pairs_tab)
        layout.addWidget(self.pair_chart, 1)
        self.pairs_message = QLabel(_t(NO_PAIRS), self.pairs_tab)
        self.pairs_message.setObjectName("keysHint")
        self.pairs_message.setWordWrap(True)
        self.pairs_message.setAlignment(Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.pairs_message, 1)
        self.pair_combo.currentIndexChanged.connect(lambda _i: self._show_pair())

    def _build_funnel_tab(self) -> None:
        self.funnel_tab = QWidget(self.tabs)
        layout = QVBoxLayout(self.funnel_tab)
        layout.setContentsMargins(6, 8, 6, 6)
        self.funnel_chart = FunnelChart(FunnelSeries((), ()), self.funnel_tab)
        layout.addWidget(self.funnel_chart, 1)
        self.funnel_reading = QLabel(self.funnel_tab)
        self.funnel_reading.setWordWrap(True)
        self.funnel_reading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bold = QFont(self.funnel_reading.font())
        bold.setBold(True)
        self.funnel_reading.setFont(bold)
        layout.addWidget(self.funnel_reading)
        self.funnel_note = QLabel(self.funnel_tab)
        self.funnel_note.setObjectName("keysHint")
        self.funnel_note.setWordWrap(True)
        layout.addWidget(self.funnel_note)

    def _build_trend_tab(self) -> None:
        self.trend_tab = QWidget(self.tabs)
        layout = QVBoxLayout(self.trend_tab)
        layout.setContentsMargins(6, 8, 6, 6)
        self.trend_chart = TrendChart(TrendSeries((), (), ()), self.trend_tab)
        layout.addWidget(self.trend_chart, 1)
        self.trend_note = QLabel(
            translate(
                "ProgressPage",
                "Each quarter closed keeps its alignment index (the plan's evidence, 0–100) and the "
                "leaders' mean self-rating (1–5): the two lines show whether they move together.",
            ),
            self.trend_tab,
        )
        self.trend_note.setObjectName("keysHint")
        self.trend_note.setWordWrap(True)
        layout.addWidget(self.trend_note)

    def make_read_only(self) -> None:
        """Nothing here edits the plan: the grain and the pair stay free to choose on a plan open elsewhere."""
        self.setProperty("readOnly", True)

    # -- the day, the grain and the tabs ----------------------------------------------------------
    def today(self) -> dt.date:
        return self._today or review_day(self.document.plan)

    def set_grain(self, grain: Grain | str) -> None:
        """Roll up per ``grain`` (week, month or quarter): the charts shown redraw in place."""
        grain = Grain(grain)
        for button in self.grain_buttons.buttons():
            if button.property("grain") == grain.value and not button.isChecked():
                button.setChecked(True)  # comes back here through the toggle
                return
        if grain is self.grain:
            return
        self.grain = grain
        if self.rollup is not None:
            self.rollup = self.rollup.regrained(grain)
            self._show_metric()
            self._show_pair()
            self._show_funnel()
            self._show_summary()
            self.projectionChanged.emit()

    def _grain_toggled(self, button: QRadioButton, checked: bool) -> None:
        if checked:
            self.set_grain(str(button.property("grain")))

    def go_to_tab(self, tab: QWidget) -> None:
        self.tabs.setCurrentWidget(tab)

    def _tab_changed(self, _index: int) -> None:
        self.projectionChanged.emit()

    # -- loading ---------------------------------------------------------------------------------
    def load(self, document: PlanDocument) -> None:
        if self._worker is not None:
            self._again = True
            return
        # What the plan view, the brainstorm and the few alignment readings hold is read here; the
        # check-ins, which may be hundreds of thousands, on a worker when there are many.
        view = document.view()
        funnels = document.brainstorm().funnels
        trend = read_alignment_trend(document.plan)
        count = count_check_ins(document.plan)
        grain, today = self.grain, self.today()
        if count <= AT_ONCE:
            self._show(ProgressRollup.read(document.plan, view, funnels, trend, grain, today))
            return
        plan = document.plan

        def work() -> ProgressRollup:
            return ProgressRollup.read(plan, view, funnels, trend, grain, today)

        self.rollup = None
        self._say(_t(READING).format(count=format_number(count)), "")
        worker = Computation(
            work, translate("ProgressPage", "Reading {count} check-ins").format(count=format_number(count))
        )
        # Bound slots of this page, never lambdas: they run queued on the UI thread.
        worker.done.connect(self._read)
        worker.failed.connect(self._failed)
        worker.finished.connect(self._finished)
        self._worker = worker
        worker.start_kept()

    @property
    def reading(self) -> bool:
        """Whether the check-ins are being read on a worker thread."""
        return self._worker is not None

    @Slot(object)
    def _read(self, rollup: ProgressRollup) -> None:
        if self.grain is not rollup.grain:  # the grain was changed while reading
            rollup = rollup.regrained(self.grain)
        self._show(rollup)
        self.projectionChanged.emit()

    @Slot(str)
    def _failed(self, text: str) -> None:
        self._say(translate("ProgressPage", "The check-ins could not be read"), text)

    @Slot()
    def _finished(self) -> None:
        worker, self._worker = self._worker, None
        if worker is not None:
            worker.release()
        if self._again:
            self._again = False
            self.reload()

    def _say(self, state: str, hint: str) -> None:
        self.state.setText(state)
        self.state_hint.setText(hint)
        self.stack.setCurrentIndex(0)

    def _show(self, rollup: ProgressRollup) -> None:
        self.rollup = rollup
        if rollup.check_ins == 0:
            self._say(said(NO_CHECK_INS), _t(EMPTY_HINT))
        else:
            self.stack.setCurrentWidget(self.tabs)
        self._fill_tree()
        self._fill_pairs()
        self._show_funnel()
        self.trend_chart.set_series(rollup.trend)
        self._show_summary()

    def _show_summary(self) -> None:
        rollup = self.rollup
        if rollup is None:
            return
        counts = dict.fromkeys(Status, 0)
        for status in rollup.statuses.values():
            counts[status] += 1
        metrics, check_ins = len(rollup.metrics), rollup.check_ins
        parts = [
            plural(
                metrics,
                translate("ProgressPage", "{count} metric"),
                translate("ProgressPage", "{count} metrics"),
            ).format(count=format_number(metrics)),
            plural(
                check_ins,
                translate("ProgressPage", "{count} check-in"),
                translate("ProgressPage", "{count} check-ins"),
            ).format(count=format_number(check_ins)),
            _as_of(rollup),
        ]
        judged = ", ".join(
            f"{format_number(counts[s])} {s.said}"
            for s in (Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK)
            if counts[s]
        )
        self.summary.setText(" · ".join(parts) + (f" — {judged}" if judged else ""))

    # -- the metrics -----------------------------------------------------------------------------
    def _fill_tree(self) -> None:
        rollup = self.rollup
        assert rollup is not None
        selected = self.selected_metric()
        tree = self.tree
        with QSignalBlocker(tree):
            tree.clear()
            self._items.clear()
            heading = QFont(tree.font())
            heading.setBold(True)
            brushes = self._brushes()
            headings = []
            for objective in rollup.view.objectives:
                if not objective.metrics:
                    continue
                parent = QTreeWidgetItem(
                    [" ".join(objective.statement.split()) or translate("ProgressPage", "Objective")]
                )
                parent.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a heading: the arrows pass over it
                parent.setFont(0, heading)
                parent.setToolTip(0, parent.text(0))
                for metric in objective.metrics:
                    item = _item((metric.name or translate("ProgressPage", "Metric"), "", ""))
                    item.setData(0, Qt.ItemDataRole.UserRole, metric.id)
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                    parent.addChild(item)
                    self._items[metric.id] = item
                    self._mark(metric.id, brushes)
                headings.append(parent)
            # All at once, then the spans: a span set on a tree still growing lays it out again
            # each time (seconds for thousands of objectives).
            tree.addTopLevelItems(headings)
            tree.expandAll()
            for parent in headings:
                parent.setFirstColumnSpanned(True)
        first = selected if selected in self._items else next(iter(self._items), None)
        if first is not None:
            tree.setCurrentItem(self._items[first])  # shows its charts
        else:
            self._show_metric()

    def _brushes(self) -> dict[Status, QBrush]:
        """Each status's colour on this desktop (green, amber, red, grey; lighter on a dark one)."""
        tones = theme.colours(self.tree.palette())
        return {status: QBrush(QColor(tones[status.role])) for status in Status}

    def _mark(self, metric_id: int, brushes: dict[Status, QBrush] | None = None) -> None:
        """The metric's row: its latest actual, and its status in colour and in words."""
        rollup, item = self.rollup, self._items.get(metric_id)
        if rollup is None or item is None:
            return
        brushes = brushes or self._brushes()
        status = rollup.statuses.get(metric_id, Status.NO_DATA)
        latest = rollup.latest.get(metric_id)
        unit = rollup.metrics[metric_id].unit.strip()
        item.setText(1, format_number(latest))  # its unit is in the tooltip and on the chart's axis
        item.setText(2, f"{STATUS_MARK} {status.label}")
        item.setForeground(2, brushes[status])
        item.setData(2, Qt.ItemDataRole.AccessibleTextRole, status.label)
        name = rollup.metrics[metric_id].name
        if latest is None:
            tip = translate("ProgressPage", "{metric}: no check-in yet, {status}").format(
                metric=name, status=status.said
            )
        else:
            tip = translate("ProgressPage", "{metric}: latest {value}, {status}").format(
                metric=name, value=f"{format_number(latest)} {unit}".strip(), status=status.said
            )
        for column in range(len(COLUMNS)):
            item.setToolTip(column, tip)

    def selected_metric(self) -> int | None:
        item = self.tree.currentItem()
        found = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        return int(found) if found is not None else None

    def select_metric(self, metric_id: int) -> None:
        self.tree.setCurrentItem(self._items[metric_id])

    def _current_changed(self, current: QTreeWidgetItem | None, previous: QTreeWidgetItem | None) -> None:
        """Show the metric chosen; the arrows pass over an objective's heading to the next metric
        in the direction they went (the heading names the metrics under it, it has no chart)."""
        tree = self.tree
        if current is not None and current.childCount():
            down = (
                previous is None or tree.visualItemRect(previous).top() < tree.visualItemRect(current).top()
            )
            target = (current.child(0) if down else tree.itemAbove(current)) or current.child(0)
            if target is not None:
                tree.setCurrentItem(target)
            return
        self._show_metric()

    def _show_metric(self) -> None:
        metric_id, rollup = self.selected_metric(), self.rollup
        if metric_id is None or rollup is None:
            return  # an objective's heading: the charts keep the metric last shown
        series = rollup.series(metric_id)
        today = rollup.today
        self.progress_chart.set_series(series, today)
        self.confidence_chart.set_series(series, today)
        self.projectionChanged.emit()

    # -- sales and marketing -----------------------------------------------------------------------
    def _fill_pairs(self) -> None:
        rollup = self.rollup
        assert rollup is not None
        combo = self.pair_combo
        chosen = combo.currentData()
        pairs = rollup.pairs()
        with QSignalBlocker(combo):
            combo.clear()
            for pair in pairs:
                combo.addItem(pair.label, (pair.sales_metric, pair.marketing_metric))
            index = combo.findData(chosen) if chosen is not None else -1
            combo.setCurrentIndex(max(0, index) if pairs else -1)
        for widget in (combo, self.pair_basis, self.pair_chart):
            widget.setVisible(bool(pairs))
        self.pairs_message.setVisible(not pairs)
        self._show_pair()

    def current_pair(self) -> MetricPair | None:
        rollup, index = self.rollup, self.pair_combo.currentIndex()
        if rollup is None or index < 0:
            return None
        pairs = rollup.pairs()
        return pairs[index] if index < len(pairs) else None

    def _show_pair(self) -> None:
        pair, rollup = self.current_pair(), self.rollup
        if pair is None or rollup is None:
            return
        series = rollup.pair_series(pair)
        self.pair_chart.set_series(series, rollup.today)
        # A metric both teams share is one chart, not the same chart twice.
        self.pair_chart.marketing.setVisible(not pair.shared)
        if pair.shared:
            self.pair_chart.sales.chart().setTitle(f"{series.title} · {series.sales.heading}")
        self.pair_basis.setText(_paired_by(pair.basis))
        self.projectionChanged.emit()

    # -- the funnel ----------------------------------------------------------------------------------
    def _show_funnel(self) -> None:
        rollup = self.rollup
        if rollup is None:
            return
        series, sentence = rollup.funnel()
        staged = bool(series.stages)
        self.funnel_chart.set_series(series)
        self.funnel_chart.setVisible(staged)
        self.funnel_reading.setText(sentence if staged else _t(NO_STAGES))
        note = ""
        if staged and rollup.planned is not None and rollup.grain is not Grain.QUARTER:
            note = _t(PLANNED_PER_QUARTER)
        elif staged and rollup.planned is None:
            note = translate(
                "ProgressPage",
                "No work-back funnel to set the actuals against: fill one in on Brainstorm ▸ Work back.",
            )
        self.funnel_note.setText(note)
        self.funnel_note.setVisible(bool(note))

    # -- following edits ---------------------------------------------------------------------------
    def update_to(self, change: Change) -> None:
        """Check-ins edited: those metrics' rows and charts, and the funnel if they count a stage;
        an alignment reading: the trend. Anything else reads the page again."""
        rollup, kinds = self.rollup, change.kinds & self.shows
        if rollup is None or self._worker is not None:
            self.reload()  # while reading: read again once done
            return
        rows = change.rows or {}
        if kinds == {Kind.ALIGNMENT_READING}:
            rollup.with_trend(read_alignment_trend(self.document.plan))
            self.trend_chart.set_series(rollup.trend)
            self.projectionChanged.emit()
            return
        if kinds != {Kind.CHECK_IN} or Kind.CHECK_IN not in rows:
            self.reload()
            return
        metrics = rollup.metrics_of(self.document.plan, rows[Kind.CHECK_IN])
        if metrics is None:
            self.reload()
            return
        self._checked_in(rollup.refresh(self.document.plan, metrics))

    def _checked_in(self, metric_ids: Collection[int]) -> None:
        rollup = self.rollup
        assert rollup is not None
        if rollup.check_ins == 0:
            self._say(said(NO_CHECK_INS), _t(EMPTY_HINT))
        elif self.stack.currentWidget() is not self.tabs:
            self.stack.setCurrentWidget(self.tabs)
        for metric_id in metric_ids:
            self._mark(metric_id)
        if self.selected_metric() in metric_ids:
            self._show_metric()
        pair = self.current_pair()
        if pair is not None and {pair.sales_metric, pair.marketing_metric} & set(metric_ids):
            self._show_pair()
        if any(rollup.metrics[m] in rollup.staged for m in metric_ids):
            self._show_funnel()
        self._show_summary()
        self.projectionChanged.emit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.rollup is not None:
            brushes = self._brushes()
            for metric_id in self._items:
                self._mark(metric_id, brushes)  # the status colours follow a light or dark desktop

    # -- the projector ---------------------------------------------------------------------------------
    def projection(self) -> Projection | None:
        """The current tab's chart, large: the selected metric, the pair, the funnel or the trend."""
        from offsite.gui.projection import Line, Projection

        rollup = self.rollup
        key = next(k for k, page in self.tab_pages.items() if page is self.tabs.currentWidget())
        title = _t(TABS[key][1])
        if rollup is None or rollup.check_ins == 0:
            state = self.state.text() or said(NO_CHECK_INS)
            return Projection(
                "chart", translate("ProgressPage", "Progress"), lines=(Line(state, style="muted"),)
            )
        grain = _t(GRAIN_WORDS[rollup.grain])
        subtitle = translate("ProgressPage", "{grain} · as of {day}").format(
            grain=grain[:1].upper() + grain[1:], day=format_short_date(rollup.today)
        )
        if key == "metrics":
            metric_id = self.selected_metric()
            if metric_id is None:
                return Projection(
                    "chart",
                    title,
                    subtitle,
                    lines=(Line(translate("ProgressPage", "No metric chosen"), style="muted"),),
                )
            return Projection("chart", title, subtitle, chart=rollup.series(metric_id), today=rollup.today)
        if key == "pairs":
            pair = self.current_pair()
            if pair is None:
                return Projection("chart", title, lines=(Line(_t(NO_PAIRS), style="muted"),))
            # A metric both teams share is one chart, large.
            chart = rollup.series(pair.sales_metric) if pair.shared else rollup.pair_series(pair)
            paired = _paired_by(pair.basis)  # the chart names the metrics
            return Projection("chart", title, f"{paired} · {_as_of(rollup)}", chart=chart, today=rollup.today)
        if key == "funnel":
            series, sentence = rollup.funnel()
            if not series.stages:
                return Projection("chart", title, lines=(Line(_t(NO_STAGES), style="muted"),))
            return Projection("chart", title, subtitle, chart=series, footer=sentence)
        if rollup.trend.is_empty:
            return Projection("chart", title, lines=(Line(said(NO_QUARTERS), style="muted"),))
        return Projection(
            "chart",
            title,
            translate("ProgressPage", "The alignment index of each closed quarter"),
            chart=rollup.trend,
        )
