"""The parts of File ▸ Import Actuals' dialog (``gui.import_dialog``): the work its workers do, the
preview's table, a filter's checklist, and the import as one undoable step.

The jobs run on a worker (``gui.background.Computation``) and touch no widget: reading the file
(``read_job``) and previewing it by a mapping against the plan (``preview_job``). Each returns a
plain result, or the sentence of an error the user should see (a file that is no table). The
exchange and pandas load on the worker with the first job, so the dialog opens at once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from offsite.domain.errors import OffsiteError
from offsite.domain.formatting import format_number
from offsite.domain.language import QT_TRANSLATE_NOOP, plural, translate
from offsite.domain.values import Kind
from offsite.gui.background import Computation, watch_quit
from offsite.gui.document import EditCommand, PlanDocument
from offsite.gui.theme import tone

if TYPE_CHECKING:
    from offsite.domain.actuals import MappingSpec, ProposedCheckIn
    from offsite.domain.values import PlanView
    from offsite.exchange.actuals import Table
    from offsite.exchange.actuals.importing import ImportCheck, PlanMetrics
    from offsite.services.checkins import Imported
    from offsite.services.plans import PlanFile

_Index = QModelIndex | QPersistentModelIndex


# --- The work on a worker ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Read:
    """A file read whole: its table, and the plan's metrics as the reading names them."""

    path: Path
    table: Table
    metrics: PlanMetrics


def read_job(path: Path, sheet: str, view: PlanView) -> Read | str:
    """Read the file at ``path`` (its ``sheet``, or the first); the sentence of its refusal otherwise."""
    from offsite.exchange.actuals import read_table
    from offsite.exchange.actuals.importing import plan_metrics

    try:
        table = read_table(path, sheet or None)
    except OffsiteError as error:
        return str(error)
    return Read(path, table, plan_metrics(view))


@dataclass(frozen=True, slots=True)
class PreviewRow:
    """A check-in the import writes, as the preview table shows it."""

    metric: str
    as_of: str
    value: str
    what: str
    state: str  # "new", "changed" or "same"
    lines: str


@dataclass(frozen=True, slots=True)
class Previewed:
    """A preview of the file by ``spec``: the check against the plan, its rows, the labels no metric has."""

    spec: MappingSpec
    check: ImportCheck
    rows: tuple[PreviewRow, ...]
    labels: tuple[tuple[str, int | None], ...]


def preview_job(plan: PlanFile, read: Read, spec: MappingSpec, source: str) -> Previewed | str:
    """The file previewed by ``spec`` against what ``source`` brought the plan before (reads the plan)."""
    from offsite.domain.actuals import header_key, line_list
    from offsite.domain.formatting import format_short_date
    from offsite.exchange.actuals.importing import check_import, unmatched_labels

    try:
        check = check_import(plan, read.table, spec, read.metrics, source)
    except OffsiteError as error:
        return str(error)
    names = read.metrics.names
    # By the reading itself: an export's check-ins of one metric and day differ by their source.
    before: dict[object, float] = dict(check.planned.changed)
    same: set[object] = set(check.planned.unchanged)
    rows = []
    for proposed in check.preview.rows:
        if proposed in before:
            what, state = (
                translate("ImportActualsDialog", "changes {before} → {after}").format(
                    before=format_number(before[proposed]), after=format_number(proposed.value)
                ),
                "changed",
            )
        elif proposed in same:
            what, state = translate("ImportActualsDialog", "already there"), "same"
        else:
            what, state = translate("ImportActualsDialog", "new"), "new"
        if proposed.source:  # an export's check-in another import brought first: which one
            what = translate("ImportActualsDialog", "{change}, from “{source}”").format(
                change=what, source=proposed.source
            )
        rows.append(
            PreviewRow(
                _metric_shown(proposed, names.get(proposed.metric_id, proposed.metric_label)),
                format_short_date(proposed.as_of),
                format_number(proposed.value),
                what,
                state,
                line_list(proposed.lines)
                if proposed.lines
                else translate("ImportActualsDialog", "no record"),
            )
        )
    labels = unmatched_labels(read.table, spec.metric_column, read.metrics) if spec.layout == "totals" else []
    # A label whose lines found their metric without an alias (an export's metric renamed since,
    # found by its uid) needs none; the labels the mapping aliases stay listed, to be changed.
    found = {header_key(proposed.metric_label) for proposed in check.preview.rows}
    aliased = {header_key(label) for label, _metric in spec.aliases}
    labels = [(label, metric) for label, metric in labels if header_key(label) not in found - aliased]
    return Previewed(spec, check, tuple(rows), tuple(labels))


def _metric_shown(proposed: ProposedCheckIn, name: str) -> str:
    """The metric's name in the plan, with the file's own name for it when that differs (an alias)."""
    from offsite.domain.actuals import header_key

    if header_key(proposed.metric_label) == header_key(name):
        return name
    return translate("ImportActualsDialog", "{metric} (“{label}”)").format(
        metric=name, label=proposed.metric_label
    )


def write_counts(added: int, changed: int, unchanged: int) -> str:
    """ "12 check-ins (9 new, 3 changing a value); 40 are in the plan already"."""
    writes = added + changed
    if changed:
        text = plural(
            writes,
            translate("ImportActualsDialog", "{count} check-in ({added} new, {changed} changing a value)"),
            translate("ImportActualsDialog", "{count} check-ins ({added} new, {changed} changing a value)"),
        )
    else:
        text = plural(
            writes,
            translate("ImportActualsDialog", "{count} check-in ({added} new)"),
            translate("ImportActualsDialog", "{count} check-ins ({added} new)"),
        )
    text = text.format(
        count=format_number(writes), added=format_number(added), changed=format_number(changed)
    )
    if unchanged:
        text += plural(
            unchanged,
            translate("ImportActualsDialog", "; {count} is in the plan already"),
            translate("ImportActualsDialog", "; {count} are in the plan already"),
        ).format(count=format_number(unchanged))
    return text


class LatestJob(QObject):
    """The dialog's work on a worker: one job at a time, and only the latest job's result taken.

    A job asked for while one runs waits for it (two readings of a large file never share the two
    cores); a job cancelled is left to end on its own and its result dropped. ``busy`` says a job
    has run long enough to show it (and whether it may be cancelled); ``idle``, that none runs.
    """

    busy = Signal(bool)
    idle = Signal()
    failed = Signal(str)

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._worker: Computation | None = None
        self._next: Callable[[], None] | None = None
        self._generation = 0
        self._done: Callable[[Any], None] = lambda _result: None
        self.cancellable = True
        self._show = QTimer(self)
        self._show.setSingleShot(True)
        self._show.timeout.connect(self._shown)
        watch_quit()

    @property
    def running(self) -> bool:
        return self._worker is not None or self._next is not None

    def run(
        self,
        work: Callable[[], object],
        done: Callable[[Any], None],
        what: str,
        *,
        show_after_ms: int,
        cancellable: bool = True,
    ) -> None:
        """Run ``work`` once the job running ends; ``done`` gets its result unless another job was
        asked for (or this one cancelled) meanwhile."""
        self._generation += 1
        generation = self._generation

        def start() -> None:
            worker = Computation(lambda: (generation, work()), what)
            # Bound slots of this object, never lambdas: they run queued on the UI thread.
            worker.done.connect(self._worker_done)
            worker.failed.connect(self._worker_failed)
            worker.finished.connect(self._worker_finished)
            self._worker, self._done, self.cancellable = worker, done, cancellable
            worker.start_kept()
            self._show.start(show_after_ms)

        if self._worker is None:
            start()
        else:
            self._next = start

    def cancel(self) -> None:
        """Stop waiting: the job running ends on its own, and what it returns is dropped."""
        self._generation += 1
        self._next = None
        self._worker = None
        self._show.stop()
        self.idle.emit()

    @Slot()
    def _shown(self) -> None:
        if self._worker is not None:
            self.busy.emit(self.cancellable)

    @Slot(object)
    def _worker_done(self, result: tuple[int, Any]) -> None:
        generation, payload = result
        if generation == self._generation:
            self._done(payload)

    @Slot(str)
    def _worker_failed(self, text: str) -> None:
        if self.sender() is self._worker:
            self.failed.emit(text)

    @Slot()
    def _worker_finished(self) -> None:
        worker = self.sender()
        if isinstance(worker, Computation):
            worker.release()
        if worker is not self._worker:
            return  # a job cancelled, ended at last
        self._worker = None
        following, self._next = self._next, None
        if following is not None:
            following()
        else:
            self._show.stop()
            self.idle.emit()


# --- The preview's table -------------------------------------------------------------------------------


class PreviewModel(QAbstractTableModel):
    """Every check-in the import writes: its metric, day, value, what it does to the plan, and its lines.

    Plain rows made on the worker: a file of 100,000 lines shows at once and scrolls as any table.
    """

    HEADERS = (
        QT_TRANSLATE_NOOP("ImportActualsDialog", "Metric"),
        QT_TRANSLATE_NOOP("ImportActualsDialog", "As of"),
        QT_TRANSLATE_NOOP("ImportActualsDialog", "Value"),
        QT_TRANSLATE_NOOP("ImportActualsDialog", "Import"),
        QT_TRANSLATE_NOOP("ImportActualsDialog", "From"),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[PreviewRow, ...] = ()

    def set_rows(self, rows: tuple[PreviewRow, ...]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row(self, number: int) -> PreviewRow:
        return self._rows[number]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008  (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return translate("ImportActualsDialog", self.HEADERS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (row.metric, row.as_of, row.value, row.what, row.lines)[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == 3:
            if row.state == "same":
                return QBrush(QColor(tone("muted")))
            if row.state == "changed":
                return QBrush(QColor(tone("advice")))
        return None


# --- A filter: a column and the values to keep ------------------------------------------------------


#: How many of a column's values a filter's checklist shows at once before it scrolls.
CHECKLIST_ROWS = 4


class FilterRow(QWidget):
    """Keep the records whose ``column`` holds one of the values ticked; ✕ removes the filter."""

    changed = Signal()
    removed = Signal()

    def __init__(self, headers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._values_of: Any = None  # column -> its values, most frequent first
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        left = QVBoxLayout()
        top = QHBoxLayout()
        self.column = QComboBox(self)
        self.column.setAccessibleName(translate("ImportActualsDialog", "The column a filter looks at"))
        self.column.addItems(list(headers))
        top.addWidget(self.column, 1)
        self.remove = QToolButton(self)
        self.remove.setText("✕")
        self.remove.setAccessibleName(translate("ImportActualsDialog", "Remove this filter"))
        self.remove.setToolTip(
            translate("ImportActualsDialog", "Remove this filter: every record counts again")
        )
        top.addWidget(self.remove)
        left.addLayout(top)
        left.addStretch(1)
        layout.addLayout(left)
        self.values = QListWidget(self)
        self.values.setAccessibleName(
            translate("ImportActualsDialog", "The values to keep: Space ticks or unticks")
        )
        self.values.setToolTip(
            translate(
                "ImportActualsDialog", "Tick the values to keep (Space); none ticked keeps every record"
            )
        )
        self.values.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.values.setTextElideMode(Qt.TextElideMode.ElideRight)
        layout.addWidget(self.values, 1)
        self.column.currentIndexChanged.connect(self._column_chosen)
        self.values.itemChanged.connect(self._ticked)
        self.remove.clicked.connect(self.removed)

    def fill(self, values_of: Any, column: str, ticked: Sequence[str] = ()) -> None:
        """Show ``column`` and its values (``values_of(column)``), ticking ``ticked``."""
        self._values_of = values_of
        index = self.column.findText(column, Qt.MatchFlag.MatchFixedString)
        if index < 0 and column:
            self.column.addItem(column)
            index = self.column.count() - 1
        self.column.blockSignals(True)
        self.column.setCurrentIndex(max(index, 0))
        self.column.blockSignals(False)
        self._list_values(ticked)

    def chosen(self) -> tuple[str, tuple[str, ...]]:
        ticked = [
            item.text()
            for item in (self.values.item(row) for row in range(self.values.count()))
            if item is not None and item.checkState() == Qt.CheckState.Checked
        ]
        return self.column.currentText(), tuple(ticked)

    def _list_values(self, ticked: Sequence[str]) -> None:
        from offsite.domain.actuals import header_key

        wanted = {header_key(value) for value in ticked}
        present = list(self._values_of(self.column.currentText())) if self._values_of else []
        keys = {header_key(value) for value in present}
        missing = [value for value in ticked if header_key(value) not in keys]
        self.values.blockSignals(True)
        self.values.clear()
        for value in [*missing, *present]:
            item = QListWidgetItem(value, self.values)
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable
            )
            item.setCheckState(
                Qt.CheckState.Checked if header_key(value) in wanted else Qt.CheckState.Unchecked
            )
            item.setToolTip(
                translate("ImportActualsDialog", "{value} — no record of this file holds it").format(
                    value=value
                )
                if value in missing
                else value
            )
        if self.values.count():
            self.values.setCurrentRow(0)
        self.values.blockSignals(False)
        rows = max(1, min(CHECKLIST_ROWS, self.values.count()))
        height = self.values.sizeHintForRow(0) if self.values.count() else self.fontMetrics().height() + 4
        self.values.setFixedHeight(rows * height + 2 * self.values.frameWidth() + 2)

    @Slot(int)
    def _column_chosen(self, _index: int) -> None:
        self._list_values(())
        self.changed.emit()

    @Slot(QListWidgetItem)
    def _ticked(self, _item: QListWidgetItem) -> None:
        self.changed.emit()


# --- The import as one undoable step --------------------------------------------------------------------


def write_job(plan: PlanFile, readings: Sequence[ProposedCheckIn], source: str) -> Imported | str:
    """Write an import's check-ins (one transaction); the sentence of its refusal otherwise."""
    from offsite.services.checkins import apply_readings

    try:
        return apply_readings(plan, readings, source)
    except OffsiteError as error:
        return str(error)


class ImportCommand(EditCommand):
    """An import's check-ins in one step: undo takes every one of them back (and puts back the values
    it changed), redo writes them again. ``written``: the import was written already (on a worker);
    the step records it."""

    def __init__(
        self,
        document: PlanDocument,
        source: str,
        readings: Sequence[ProposedCheckIn],
        *,
        written: Imported | None = None,
    ) -> None:
        count = len(readings) if written is None else len(written.added) + len(written.changed)
        text = plural(
            count,
            translate("ImportActualsDialog", "Import {count} check-in from “{source}”"),
            translate("ImportActualsDialog", "Import {count} check-ins from “{source}”"),
        ).format(count=format_number(count), source=source)
        super().__init__(document, text, {Kind.CHECK_IN})
        self.source, self.readings = source, tuple(readings)
        self.imported: Imported | None = written

    def first(self) -> None:
        if self.imported is None:
            self.again()

    def again(self) -> None:
        from offsite.services.checkins import apply_readings

        self.imported = apply_readings(self.document.plan, self.readings, self.source)

    def revert(self) -> None:
        from offsite.services.checkins import undo_readings

        assert self.imported is not None
        undo_readings(self.document.plan, self.imported)
