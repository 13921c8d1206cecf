"""The dialog of File ▸ Import Actuals (``gui.import_actuals`` opens it; import_dialog.ui).

A file of actuals, read on a worker, and the mapping that makes check-ins of it: a saved one
(picked at once when its columns are in the file) or a new one, guessed from the file's header.
The mapping screen says which column holds what: for a file of one line a reading, its metric,
date and value columns (and a note and an owner), with another name of a metric for each label
the plan does not know; for a list of records (deals, leads), which metric they make up, counted
or one column summed per day, week, month or quarter, perhaps as a running total, and the values
of a column to keep (Deal Stage: Closed Won). Below, the preview, made again on the worker a
moment after each choice: every check-in it writes (new, changing a value, or there already)
and every line at fault with its reason, and what the reading noticed. Import is disabled while
any fault remains; it writes in one undoable step (``import_parts.ImportCommand``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QRect, QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from offsite.domain.actuals import STAGE_HEADERS, MappingSpec, header_key
from offsite.domain.formatting import format_number
from offsite.domain.language import QT_TRANSLATE_NOOP, plural, translate
from offsite.domain.values import Kind
from offsite.gui import dialogs
from offsite.gui.commands import VerbCommand
from offsite.gui.document import PlanDocument
from offsite.gui.fit import watch_resize
from offsite.gui.forms import Form
from offsite.gui.import_parts import (
    FilterRow,
    ImportCommand,
    LatestJob,
    Previewed,
    PreviewModel,
    Read,
    preview_job,
    read_job,
    write_counts,
    write_job,
)
from offsite.gui.theme import tone

if TYPE_CHECKING:
    from offsite.services.checkins import Imported, MappingView

#: The file dialogs' choice of files.
FILE_FILTER = QT_TRANSLATE_NOOP("ImportActualsDialog", "Actuals (*.csv *.xlsx *.txt *.tsv);;All files (*)")
NEW_MAPPING = QT_TRANSLATE_NOOP("ImportActualsDialog", "New mapping…")
#: The value column's "count the records" (a list of records counted, not summed).
COUNT = "\x00count"
DECIMALS = (
    ("auto", QT_TRANSLATE_NOOP("ImportActualsDialog", "Automatic")),
    ("point", "1,234.50"),
    ("comma", "1.234,50"),
)
DATE_ORDERS = (
    ("auto", QT_TRANSLATE_NOOP("ImportActualsDialog", "Automatic")),
    ("day_first", QT_TRANSLATE_NOOP("ImportActualsDialog", "Day first")),
    ("month_first", QT_TRANSLATE_NOOP("ImportActualsDialog", "Month first")),
)
PERIODS = (
    ("day", QT_TRANSLATE_NOOP("ImportActualsDialog", "day")),
    ("week", QT_TRANSLATE_NOOP("ImportActualsDialog", "week")),
    ("month", QT_TRANSLATE_NOOP("ImportActualsDialog", "month")),
    ("quarter", QT_TRANSLATE_NOOP("ImportActualsDialog", "quarter")),
)
#: A preview starts this long after the last choice, so a burst of choices makes one preview.
DEBOUNCE_MS = 250
#: The progress bar shows only for work that takes longer than this: a small file never flickers.
BUSY_AFTER_MS = 300
#: The height the preview keeps below the mapping when the dialog has room for both.
PREVIEW_ROOM = 240
#: How many of the preview's first rows its columns are fitted to.
FIT_ROWS = 200
#: How many lines at fault show at once (the list scrolls to the others).
FAULTS_SHOWN = 4
#: Lines at fault the list shows; the rest are counted.
MOST_FAULTS = 500
#: Where the last mapping used is remembered (it is picked first when its columns fit the file).
LAST_MAPPING_KEY = "import/lastMapping"


class ImportDialogForm(Form):
    ui_file = "import_dialog.ui"
    introLabel: QLabel
    fileEdit: QLineEdit
    browseButton: QPushButton
    sheetLabel: QLabel
    sheetCombo: QComboBox
    mappingCombo: QComboBox
    layoutLabel: QLabel
    splitter: QSplitter
    mappingScroll: QScrollArea
    mappingPanel: QWidget
    columnsBox: QGroupBox
    columnsForm: QFormLayout
    totalsRadio: QRadioButton
    recordsRadio: QRadioButton
    metricColumnCombo: QComboBox
    dateColumnCombo: QComboBox
    valueColumnCombo: QComboBox
    noteColumnCombo: QComboBox
    ownerColumnCombo: QComboBox
    decimalCombo: QComboBox
    datesCombo: QComboBox
    recordsBox: QGroupBox
    metricCombo: QComboBox
    periodCombo: QComboBox
    cumulativeCheck: QCheckBox
    filtersLayout: QVBoxLayout
    addFilterButton: QPushButton
    aliasesBox: QGroupBox
    aliasesForm: QFormLayout
    importSummary: QLabel
    busyBar: QProgressBar
    cancelButton: QPushButton
    faultsList: QListWidget
    rowsView: QTableView
    importNotes: QLabel
    saveNameEdit: QLineEdit
    saveButton: QPushButton
    buttonBox: QDialogButtonBox


class ImportActualsDialog(QDialog):
    """A file of actuals, its mapping and the preview of what importing it writes."""

    #: The sentence to say once the check-ins are written (the dialog closes, accepted).
    imported = Signal(str)

    def __init__(
        self,
        document: PlanDocument,
        mappings: list[MappingView],
        path: Path | None = None,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = ui = ImportDialogForm.setup(self)
        self.setObjectName("importActualsDialog")
        self.document = document
        self._mappings = list(mappings)
        self._settings = settings
        self._read: Read | None = None
        #: The latest preview of the mapping as it stands (None while one is due).
        self.previewed: Previewed | None = None
        self._jobs = LatestJob(self)
        self._filling = False  # the widgets are being set from a mapping: no preview per widget
        self._aliases: dict[str, tuple[str, int | None]] = {}  # label key -> (label, metric or None)
        self._suggested: set[str] = set()  # the label keys whose metric the reading suggested
        self._labels: tuple[tuple[str, int | None], ...] = ()
        self._filters: list[FilterRow] = []
        self._values: dict[str, tuple[str, ...]] = {}
        self._saved = ""  # said once, before the next preview's summary
        self._split_by_hand = False  # the user moved the line between the mapping and the preview
        self._writing = False  # the import is being written: nothing closes or cancels it

        for combo, choices in (
            (ui.decimalCombo, DECIMALS),
            (ui.datesCombo, DATE_ORDERS),
            (ui.periodCombo, PERIODS),
        ):
            for data, text in choices:
                combo.addItem(translate("ImportActualsDialog", text), data)
        ui.decimalCombo.setToolTip(
            translate(
                "ImportActualsDialog",
                "How the file writes numbers: Automatic reads it from the file (a note below says how); "
                "1,234.50 has a decimal point, 1.234,50 a decimal comma",
            )
        )
        ui.datesCombo.setToolTip(
            translate(
                "ImportActualsDialog",
                "How the file writes dates: Automatic reads it from the file (a note below says how); "
                "Day first is 14/03/2027, Month first 03/14/2027",
            )
        )
        self.model = PreviewModel(self)
        view = ui.rowsView
        view.setModel(self.model)
        view.verticalHeader().hide()
        view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        view.setWordWrap(False)
        view.setAlternatingRowColors(True)
        rows = view.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(view.fontMetrics().height() + 10)  # a compact list: as many rows as fit
        header = view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the metric takes the room
        ui.layoutLabel.setContentsMargins(0, 0, 6, 0)  # apart from the first choice's circle
        ui.faultsList.hide()
        watch_resize(ui.faultsList, self._fit_faults)  # a narrower list wraps its faults onto more lines
        ui.busyBar.hide()
        ui.cancelButton.hide()
        ui.sheetLabel.hide()
        ui.sheetCombo.hide()
        self.import_button = ui.buttonBox.addButton(
            translate("ImportActualsDialog", "&Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setEnabled(False)
        self.import_button.setDefault(True)
        self._fill_mappings(None)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._start_preview)
        self._jobs.busy.connect(self._show_busy)
        self._jobs.idle.connect(self._idle)
        self._jobs.failed.connect(self._say_problem)

        ui.browseButton.clicked.connect(self._browse)
        ui.sheetCombo.activated.connect(self._sheet_chosen)
        ui.mappingCombo.activated.connect(self._mapping_chosen)
        ui.recordsRadio.toggled.connect(self._layout_chosen)
        for combo in (
            ui.metricColumnCombo,
            ui.dateColumnCombo,
            ui.valueColumnCombo,
            ui.noteColumnCombo,
            ui.ownerColumnCombo,
            ui.decimalCombo,
            ui.datesCombo,
            ui.metricCombo,
            ui.periodCombo,
        ):
            combo.currentIndexChanged.connect(self._changed)
        ui.cumulativeCheck.toggled.connect(self._changed)
        ui.addFilterButton.clicked.connect(self._add_filter_clicked)
        ui.cancelButton.clicked.connect(self.cancel_work)
        ui.saveButton.clicked.connect(self.save_mapping)
        ui.buttonBox.accepted.connect(self.import_now)
        ui.buttonBox.rejected.connect(self.reject)
        ui.fileEdit.installEventFilter(self)
        ui.saveNameEdit.installEventFilter(self)
        ui.saveNameEdit.textChanged.connect(self._update_buttons)

        self._show_layout()
        self._set_enabled(False)
        if document.readonly:
            ui.saveButton.setToolTip(
                translate(
                    "ImportActualsDialog", "This plan is open read-only here: nothing can be saved in it."
                )
            )
        self.setMinimumSize(780, 480)  # 1280×800 at 150% leaves 853×533 layout pixels
        self.resize(1000, 720)
        ui.splitter.setStretchFactor(0, 0)
        ui.splitter.setStretchFactor(1, 1)
        ui.splitter.splitterMoved.connect(self._split_moved)
        if path is not None:
            ui.fileEdit.setText(str(path))
            self.read_file()
        else:
            ui.importSummary.setText(
                translate(
                    "ImportActualsDialog",
                    "Choose the file of actuals: Browse, or type its path and press Enter.",
                )
            )
            ui.fileEdit.setFocus()

    # -- what the dialog is doing -----------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """Whether it waits for the file or a preview (Import waits too)."""
        return self._jobs.running or self._debounce.isActive()

    @property
    def source(self) -> str:
        """Where the check-ins come from: the saved mapping's name, else the file's name without its suffix."""
        name = self._mapping_name()
        if name:
            return name
        path = (
            self._read.path if self._read is not None else Path(self.ui.fileEdit.text().strip() or "actuals")
        )
        return path.stem.strip() or path.name

    def _mapping_name(self) -> str:
        data = self.ui.mappingCombo.currentData()
        return data if isinstance(data, str) else ""

    # -- the file ---------------------------------------------------------------------------------
    @Slot()
    def _browse(self) -> None:
        current = self.ui.fileEdit.text().strip()
        folder = str(Path(current).parent) if current else str(dialogs.start_folder(self.document.plan.path))
        path = dialogs.ask_open_path(
            self,
            translate("ImportActualsDialog", "Import actuals from"),
            folder,
            translate("ImportActualsDialog", FILE_FILTER),
        )
        if path is not None:
            self.ui.fileEdit.setText(str(path))
            self.read_file()

    def read_file(self, sheet: str = "") -> None:
        """Read the file the File field names (its ``sheet``, or the first) on the worker."""
        text = self.ui.fileEdit.text().strip()
        if not text:
            self._say_problem(translate("ImportActualsDialog", "Choose the file of actuals first (Browse)."))
            return
        path = Path(text).expanduser()
        if not path.is_absolute():
            path = dialogs.start_folder(self.document.plan.path) / path
        view = self.document.view()
        self._read = None
        self.previewed = None
        self.model.set_rows(())
        self.ui.faultsList.hide()
        self.ui.importNotes.clear()
        self._set_enabled(False)
        self._say(translate("ImportActualsDialog", "Reading “{file}”…").format(file=path.name))
        self._run(
            lambda: read_job(path, sheet, view),
            self._was_read,
            translate("ImportActualsDialog", "Reading “{file}”").format(file=path.name),
            at_once=True,
        )

    @Slot(object)
    def _was_read(self, result: Read | str) -> None:
        if isinstance(result, str):
            self._say_problem(result)
            return
        self._read = result
        self._values.clear()
        table = result.table
        sheets = table.sheets if table.kind == "xlsx" else ()
        self.ui.sheetCombo.blockSignals(True)
        self.ui.sheetCombo.clear()
        self.ui.sheetCombo.addItems(list(sheets))
        self.ui.sheetCombo.setCurrentIndex(max(self.ui.sheetCombo.findText(table.sheet), 0))
        self.ui.sheetCombo.blockSignals(False)
        self.ui.sheetLabel.setVisible(len(sheets) > 1)
        self.ui.sheetCombo.setVisible(len(sheets) > 1)
        self._fill_headers(table.headers)
        self._fill_metrics()
        self._set_enabled(True)
        name = self._mapping_name() or self._fitting_mapping()
        self._fill_mappings(name)
        self._apply(self._spec_of(name) if name else self._guessed(), new=not name)

    @Slot(int)
    def _sheet_chosen(self, _index: int) -> None:
        self.read_file(self.ui.sheetCombo.currentText())

    # -- the mapping ------------------------------------------------------------------------------
    def _fill_mappings(self, selected: str | None) -> None:
        combo = self.ui.mappingCombo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(translate("ImportActualsDialog", NEW_MAPPING), None)
        for mapping in self._mappings:
            combo.addItem(mapping.name, mapping.name)
        index = combo.findData(selected) if selected else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)
        self._show_mapping_hint()

    def _show_mapping_hint(self) -> None:
        name = self._mapping_name()
        self.ui.mappingCombo.setToolTip(
            translate(
                "ImportActualsDialog",
                "The check-ins it brings are marked “{mapping}”: importing the next export by it adds only "
                "what is new.",
            ).format(mapping=name)
            if name
            else translate(
                "ImportActualsDialog",
                "Columns found by their names: check them below, and save the mapping to use it again "
                "(also from the command line).",
            )
        )

    def _fitting_mapping(self) -> str | None:
        """The saved mapping whose columns are all in the file: the last one used first."""
        if self._read is None:
            return None
        headers = {header_key(h) for h in self._read.table.headers}
        last = self._settings.value(LAST_MAPPING_KEY) if self._settings is not None else None
        names = [m.name for m in self._mappings]
        for name in ([last] if last in names else []) + names:
            spec = self._spec_of(str(name))
            if spec.columns() and all(header_key(column) in headers for column in spec.columns()):
                return str(name)
        return None

    def _spec_of(self, name: str) -> MappingSpec:
        from offsite.exchange.actuals.importing import mapping_spec

        mapping = next(m for m in self._mappings if m.name == name)
        return mapping_spec(mapping)

    def _guessed(self) -> MappingSpec:
        from offsite.domain.actuals import guess_mapping

        assert self._read is not None
        return guess_mapping(self._read.table.headers) or MappingSpec()

    @Slot(int)
    def _mapping_chosen(self, _index: int) -> None:
        name = self._mapping_name()
        self.ui.saveNameEdit.setText(name)
        self._show_mapping_hint()
        if self._read is not None:
            self._apply(self._spec_of(name) if name else self._guessed(), new=not name)

    def _apply(self, spec: MappingSpec, *, new: bool) -> None:
        """Set every choice from ``spec``, then preview it."""
        ui = self.ui
        self._filling = True
        try:
            (ui.recordsRadio if spec.layout == "records" else ui.totalsRadio).setChecked(True)
            self._show_layout()
            self._select_column(ui.metricColumnCombo, spec.metric_column)
            self._select_column(ui.dateColumnCombo, spec.date_column)
            value = COUNT if spec.layout == "records" and spec.aggregate == "count" else spec.value_column
            self._select_column(ui.valueColumnCombo, value)
            self._select_column(ui.noteColumnCombo, spec.note_column)
            self._select_column(ui.ownerColumnCombo, spec.owner_column)
            for combo, data in (
                (ui.decimalCombo, spec.decimal),
                (ui.datesCombo, spec.dates),
                (ui.periodCombo, spec.period),
            ):
                combo.setCurrentIndex(max(combo.findData(data), 0))
            ui.metricCombo.setCurrentIndex(max(ui.metricCombo.findData(spec.metric_id), 0))
            ui.cumulativeCheck.setChecked(spec.cumulative)
            for row in list(self._filters):
                self._remove_filter(row)
            for column, values in spec.filters:
                self._add_filter(column, values)
            if new and spec.layout == "records" and not spec.filters:
                self._add_stage_filter()
            self._aliases = {header_key(label): (label, metric) for label, metric in spec.aliases}
            self._suggested.clear()
            self._labels = ()
            self._build_aliases()
        finally:
            self._filling = False
        self._changed()

    def _fill_headers(self, headers: tuple[str, ...]) -> None:
        combos = (
            (self.ui.metricColumnCombo, translate("ImportActualsDialog", "— choose —")),
            (self.ui.dateColumnCombo, translate("ImportActualsDialog", "— choose —")),
            (self.ui.valueColumnCombo, translate("ImportActualsDialog", "— choose —")),
            (self.ui.noteColumnCombo, translate("ImportActualsDialog", "— none —")),
            (self.ui.ownerColumnCombo, translate("ImportActualsDialog", "— none —")),
        )
        for combo, blank in combos:
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(blank, "")
            for header in headers:
                if header.strip():
                    combo.addItem(header, header)
            combo.blockSignals(False)
        self._show_layout()

    def _fill_metrics(self) -> None:
        combo = self.ui.metricCombo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(translate("ImportActualsDialog", "— choose the metric —"), None)
        if self._read is not None:
            for metric_id, name in self._read.metrics.ordered:
                combo.addItem(name, metric_id)
        combo.blockSignals(False)

    def _select_column(self, combo: QComboBox, column: str) -> None:
        """Choose ``column`` (as a header names it, any case); one the file lacks is shown as such."""
        if column == COUNT:
            combo.setCurrentIndex(0)
            return
        for index in range(combo.count()):
            data = combo.itemData(index)
            if isinstance(data, str) and data != COUNT and header_key(data) == header_key(column):
                combo.setCurrentIndex(index)
                return
        if column.strip():
            combo.addItem(
                translate("ImportActualsDialog", "{column} (not in this file)").format(column=column), column
            )
            combo.setCurrentIndex(combo.count() - 1)
        else:
            combo.setCurrentIndex(0)

    @Slot(bool)
    def _layout_chosen(self, _records: bool) -> None:
        self._show_layout()
        if not self._filling and self.ui.recordsRadio.isChecked() and not self._filters:
            self._add_stage_filter()
        self._changed()

    def _show_layout(self) -> None:
        self._resplit()
        ui = self.ui
        records = ui.recordsRadio.isChecked()
        ui.columnsForm.setRowVisible(ui.metricColumnCombo, not records)
        ui.recordsBox.setVisible(records)
        ui.aliasesBox.setVisible(not records and bool(self._labels))
        combo = ui.valueColumnCombo
        if combo.count():
            combo.setItemText(
                0,
                translate("ImportActualsDialog", "Count the records")
                if records
                else translate("ImportActualsDialog", "— choose —"),
            )
            combo.setItemData(0, COUNT if records else "")
        ui.valueColumnCombo.setToolTip(
            translate("ImportActualsDialog", "Count the records, or sum this column, per period")
            if records
            else translate("ImportActualsDialog", "The column of each line's value")
        )

    def spec(self) -> MappingSpec:
        """The mapping as the dialog's choices stand."""
        ui = self.ui
        records = ui.recordsRadio.isChecked()
        value = str(ui.valueColumnCombo.currentData() or "")
        metric = ui.metricCombo.currentData()
        return MappingSpec(
            layout="records" if records else "totals",
            metric_column="" if records else str(ui.metricColumnCombo.currentData() or ""),
            date_column=str(ui.dateColumnCombo.currentData() or ""),
            value_column="" if value == COUNT else value,
            note_column=str(ui.noteColumnCombo.currentData() or ""),
            owner_column=str(ui.ownerColumnCombo.currentData() or ""),
            metric_id=metric if records and isinstance(metric, int) else None,
            aggregate="count" if value == COUNT else "sum",
            period=ui.periodCombo.currentData(),
            cumulative=ui.cumulativeCheck.isChecked(),
            decimal=ui.decimalCombo.currentData(),
            dates=ui.datesCombo.currentData(),
            filters=tuple(row.chosen() for row in self._filters) if records else (),
            aliases=tuple((label, metric) for label, metric in self._aliases.values() if metric is not None),
        )

    # -- filters ----------------------------------------------------------------------------------
    def _values_of(self, column: str) -> tuple[str, ...]:
        """A column's values, most frequent first (read once per file)."""
        if self._read is None:
            return ()
        key = header_key(column)
        if key not in self._values:
            self._values[key] = self._read.table.values(column)
        return self._values[key]

    @Slot()
    def _add_filter_clicked(self) -> None:
        headers = self._read.table.headers if self._read is not None else ()
        stage = next((h for h in headers if header_key(h) in STAGE_HEADERS), "")
        used = {header_key(row.column.currentText()) for row in self._filters}
        column = (
            stage
            if stage and header_key(stage) not in used
            else next((h for h in headers if h.strip() and header_key(h) not in used), "")
        )
        row = self._add_filter(column, ())
        row.values.setFocus()
        self._changed()

    def _add_stage_filter(self) -> None:
        """A records file with a stage column gets a filter on it, nothing ticked yet (every record kept)."""
        headers = self._read.table.headers if self._read is not None else ()
        stage = next((h for h in headers if header_key(h) in STAGE_HEADERS), "")
        if stage:
            self._add_filter(stage, ())

    def _add_filter(self, column: str, values: tuple[str, ...] | list[str]) -> FilterRow:
        headers = [h for h in (self._read.table.headers if self._read is not None else ()) if h.strip()]
        row = FilterRow(headers, self.ui.recordsBox)
        row.fill(self._values_of, column, values)
        row.changed.connect(self._changed)
        row.removed.connect(self._filter_removed)
        self.ui.filtersLayout.addWidget(row)
        row.show()  # now, not once the layout gets round to it: the mapping's height counts it
        self._filters.append(row)
        self._resplit()
        return row

    @Slot()
    def _filter_removed(self) -> None:
        row = self.sender()
        if isinstance(row, FilterRow):
            self._remove_filter(row)
            self.ui.addFilterButton.setFocus()
            self._changed()

    def _remove_filter(self, row: FilterRow) -> None:
        self._filters.remove(row)
        self.ui.filtersLayout.removeWidget(row)
        row.hide()
        row.deleteLater()
        self._resplit()

    # -- another name of a metric -----------------------------------------------------------------
    def _build_aliases(self) -> None:
        """A row per label the plan does not know: which metric it is (pre-filled with the likely one)."""
        form = self.ui.aliasesForm
        while form.rowCount():
            form.removeRow(0)
        metrics = self._read.metrics.ordered if self._read is not None else []
        for label, _suggested in self._labels:
            combo = QComboBox(self.ui.aliasesBox)
            combo.setAccessibleName(
                translate("ImportActualsDialog", "The metric “{label}” names").format(label=label)
            )
            combo.addItem(translate("ImportActualsDialog", "— not imported: choose a metric —"), None)
            for metric_id, name in metrics:
                combo.addItem(name, metric_id)
            chosen = self._aliases.get(header_key(label), (label, None))[1]
            combo.setCurrentIndex(max(combo.findData(chosen), 0) if chosen is not None else 0)
            combo.setProperty("label", label)
            combo.currentIndexChanged.connect(self._alias_chosen)
            caption = QLabel(
                translate("ImportActualsDialog", "“{label}” is").format(label=label), self.ui.aliasesBox
            )
            caption.setTextFormat(Qt.TextFormat.PlainText)
            caption.setWordWrap(True)
            caption.setBuddy(combo)
            form.addRow(caption, combo)
            caption.show()
            combo.show()
        self.ui.aliasesBox.setVisible(not self.ui.recordsRadio.isChecked() and bool(self._labels))
        self._resplit()

    @Slot(int)
    def _alias_chosen(self, _index: int) -> None:
        combo = self.sender()
        if isinstance(combo, QComboBox):
            label = str(combo.property("label"))
            self._aliases[header_key(label)] = (label, combo.currentData())
            self._suggested.discard(header_key(label))
            self._changed()

    def _take_labels(self, labels: tuple[tuple[str, int | None], ...]) -> bool:
        """Show the labels the preview found that name no metric; True when that changed a choice."""
        if labels == self._labels:
            return False
        keys = {header_key(label) for label, _ in labels}
        for key in [k for k in self._suggested if k not in keys]:  # a suggestion for a label gone
            self._aliases.pop(key, None)
            self._suggested.discard(key)
        changed = False
        for label, suggested in labels:
            key = header_key(label)
            if key not in self._aliases and suggested is not None:
                self._aliases[key] = (label, suggested)
                self._suggested.add(key)
                changed = True
        self._labels = labels
        self._build_aliases()
        return changed

    # -- the preview ------------------------------------------------------------------------------
    @Slot()
    def _changed(self) -> None:
        """A choice changed: preview again once the choices settle."""
        if self._filling or self._read is None:
            return
        self.previewed = None
        self._update_buttons()
        self._debounce.start()

    @Slot()
    def _start_preview(self) -> None:
        if self._read is None:
            return
        read, spec, source, plan = self._read, self.spec(), self.source, self.document.plan
        self._run(
            lambda: preview_job(plan, read, spec, source),
            self._was_previewed,
            translate("ImportActualsDialog", "Previewing “{file}”").format(file=read.path.name),
        )

    @Slot(object)
    def _was_previewed(self, result: Previewed | str) -> None:
        if isinstance(result, str):
            self._say_problem(result)
            return
        if self._take_labels(result.labels):
            self._changed()  # a likely metric was filled in for a label: preview with it
            return
        if result.spec != self.spec() or self._debounce.isActive():
            return  # a choice changed meanwhile: its own preview follows
        self.previewed = result
        check = result.check
        self.model.set_rows(result.rows)
        self._fit_columns()
        faults = check.preview.faults
        listing = self.ui.faultsList
        listing.clear()
        problem = QBrush(QColor(tone("problem")))
        for fault in faults[:MOST_FAULTS]:
            item = QListWidgetItem(f"⚠ {fault}", listing)
            item.setForeground(problem)
        if len(faults) > MOST_FAULTS:
            more = len(faults) - MOST_FAULTS
            QListWidgetItem(
                translate("ImportActualsDialog", "… and {count} more lines at fault.").format(
                    count=format_number(more)
                ),
                listing,
            )
        listing.setVisible(bool(faults))
        self._fit_faults()
        notes = check.preview.notes
        self.ui.importNotes.setText("\n".join(f"• {note}" for note in notes))
        self.ui.importNotes.setVisible(bool(notes))
        self._say_result()
        self._update_buttons()

    def _fit_faults(self) -> None:
        """The list of faults as tall as its first few, each on as many lines as it wraps to at the
        list's width (a fault names its remedy, and a long one must not be cut); it scrolls on."""
        listing = self.ui.faultsList
        count = min(listing.count(), FAULTS_SHOWN)
        if not count:
            return
        width = max(listing.viewport().width() - 2 * listing.spacing() - 8, 80)
        metrics = listing.fontMetrics()
        flags = int(Qt.TextFlag.TextWordWrap)
        lines = sum(
            metrics.boundingRect(QRect(0, 0, width, 10_000), flags, item.text()).height() + 2
            for item in (listing.item(n) for n in range(count))
            if item is not None
        )
        height = lines + 2 * listing.frameWidth() + 4
        if listing.height() != height:
            listing.setFixedHeight(height)

    def _fit_columns(self) -> None:
        """The metric's column takes the room; the others are as wide as their words in the first
        rows (a file's first screenfuls tell; measuring 100,000 rows would hold the window up)."""
        header = self.ui.rowsView.horizontalHeader()
        measure = self.ui.rowsView.fontMetrics().horizontalAdvance
        rows = [self.model.row(n) for n in range(min(self.model.rowCount(), FIT_ROWS))]
        for column, title in enumerate(self.model.HEADERS):
            if column == 0:
                continue
            texts = [title, *((r.metric, r.as_of, r.value, r.what, r.lines)[column] for r in rows)]
            header.resizeSection(column, min(max(measure(text) for text in texts) + 24, 360))

    def _say_result(self) -> None:
        previewed = self.previewed
        if previewed is None:
            return
        check = previewed.check
        planned = check.planned
        faults = check.preview.faults
        counts = write_counts(len(planned.added), len(planned.changed), len(planned.unchanged))
        saved, self._saved = self._saved, ""
        if faults:
            lines = len({fault.line for fault in faults})
            self._say_problem(
                plural(
                    lines,
                    translate(
                        "ImportActualsDialog",
                        "{count} line at fault: correct it in the file or the mapping; nothing is imported "
                        "until then.",
                    ),
                    translate(
                        "ImportActualsDialog",
                        "{count} lines at fault: correct them in the file or the mapping; nothing is imported "
                        "until then.",
                    ),
                ).format(count=format_number(lines))
            )
        elif not check.preview.rows:
            self._say_problem(
                translate(
                    "ImportActualsDialog",
                    "The file makes no check-in by this mapping: check the columns and filters above.",
                )
            )
        elif not planned.writes:
            self._say(
                saved
                + translate(
                    "ImportActualsDialog",
                    "Nothing new from “{source}”: its check-ins are in the plan already ({counts}).",
                ).format(source=check.source, counts=counts)
            )
        elif self.document.readonly:
            self._say_problem(
                translate(
                    "ImportActualsDialog",
                    "This plan is open read-only here: import {counts} where it is open for editing.",
                ).format(counts=counts)
            )
        else:
            self._say(
                saved
                + translate("ImportActualsDialog", "Import from “{source}” writes {counts}.").format(
                    source=check.source, counts=counts
                )
            )

    # -- work on the worker -----------------------------------------------------------------------
    def _run(
        self,
        work: Callable[[], object],
        done: Callable[[Any], None],
        what: str,
        *,
        at_once: bool = False,
        cancellable: bool = True,
    ) -> None:
        self._jobs.run(
            work, done, what, show_after_ms=0 if at_once else BUSY_AFTER_MS, cancellable=cancellable
        )
        self._update_buttons()

    @Slot(bool)
    def _show_busy(self, cancellable: bool) -> None:
        self.ui.busyBar.show()
        self.ui.cancelButton.setVisible(cancellable)

    @Slot()
    def _idle(self) -> None:
        self.ui.busyBar.hide()
        self.ui.cancelButton.hide()
        self._update_buttons()

    @Slot()
    def cancel_work(self) -> None:
        """Stop waiting: what the worker still reads is dropped when it ends."""
        reading = self._read is None
        self._debounce.stop()
        self._jobs.cancel()
        if reading:
            self._say(
                translate(
                    "ImportActualsDialog",
                    "Reading cancelled: press Enter in the File field to read it again, or Browse for another.",
                )
            )
        else:
            self._say(
                translate("ImportActualsDialog", "Preview cancelled: change a choice to preview again.")
            )
        self._update_buttons()

    # -- saving and importing ---------------------------------------------------------------------
    @Slot()
    def save_mapping(self) -> None:
        """Save the choices under the name typed, for next time (undoable)."""
        name = " ".join(self.ui.saveNameEdit.text().split())
        if not name or self._read is None or self.document.readonly:
            return
        from offsite.exchange.actuals.importing import saved_settings
        from offsite.services.checkins import read_mappings, restore_mapping
        from offsite.services.checkins import save_mapping as save

        spec, plan = self.spec(), self.document.plan
        command = VerbCommand(
            self.document,
            translate("ImportActualsDialog", "Save the mapping “{mapping}”").format(mapping=name),
            [Kind.IMPORT_MAPPING],
            lambda: save(
                plan,
                name,
                saved_settings(spec),
                metric_id=spec.metric_id,
                filters=spec.filters,
                aliases=spec.aliases,
            ),
            lambda previous: restore_mapping(plan, previous),
        )
        if not self.document.execute(command, refused=self._say_problem):
            return
        self._mappings = read_mappings(plan)
        saved = next((m.name for m in self._mappings if m.name.casefold() == name.casefold()), name)
        self._fill_mappings(saved)
        self.ui.saveNameEdit.setText(saved)
        self._saved = translate(
            "ImportActualsDialog",
            "Saved the mapping “{mapping}”: choose it next time, or name it in offsite checkins import --mapping. ",
        ).format(mapping=saved)
        self._changed()  # the source is the mapping's name now: compare again

    @Slot()
    def import_now(self) -> None:
        """Write the check-ins of the preview in one step (Ctrl+Z in the window takes it back)."""
        previewed = self.previewed
        if previewed is None or previewed.check.refused or not previewed.check.planned.writes or self.busy:
            return
        if self.document.readonly:
            return
        check, plan = previewed.check, self.document.plan
        count = check.planned.writes
        self._writing = True
        self.ui.mappingScroll.setEnabled(False)
        # The rows stay as they are: not painting them again spares the worker's writing the waits
        # of the Python calls a repaint makes (each one waits its turn for the interpreter).
        self.ui.rowsView.setUpdatesEnabled(False)
        self._say(
            plural(
                count,
                translate("ImportActualsDialog", "Writing {count} check-in…"),
                translate("ImportActualsDialog", "Writing {count} check-ins…"),
            ).format(count=format_number(count))
        )
        # On the worker, as the reading: a file of 100,000 readings takes seconds to write, and the
        # window keeps painting meanwhile. It cannot be cancelled half way (one transaction).
        self._run(
            lambda: write_job(plan, check.preview.rows, check.source),
            self._was_written,
            translate("ImportActualsDialog", "Importing the check-ins"),
            at_once=True,
            cancellable=False,
        )

    @Slot(object)
    def _was_written(self, result: Imported | str) -> None:
        self._writing = False
        self.ui.mappingScroll.setEnabled(True)
        self.ui.rowsView.setUpdatesEnabled(True)
        previewed = self.previewed
        if isinstance(result, str) or previewed is None:
            self._say_problem(str(result))
            self._update_buttons()
            return
        check = previewed.check
        # Written already: the undo stack records it, so that Ctrl+Z takes it back.
        command = ImportCommand(self.document, check.source, check.preview.rows, written=result)
        self.document.execute(command, refused=self._say_problem)
        written, changed = len(result.added) + len(result.changed), len(result.changed)
        if changed:
            text = plural(
                written,
                translate(
                    "ImportActualsDialog", "Imported {count} check-in from “{source}” ({changed} changed)."
                ),
                translate(
                    "ImportActualsDialog", "Imported {count} check-ins from “{source}” ({changed} changed)."
                ),
            )
        else:
            text = plural(
                written,
                translate("ImportActualsDialog", "Imported {count} check-in from “{source}”."),
                translate("ImportActualsDialog", "Imported {count} check-ins from “{source}”."),
            )
        text = text.format(count=format_number(written), source=check.source, changed=format_number(changed))
        if self._settings is not None and self._mapping_name():
            self._settings.setValue(LAST_MAPPING_KEY, self._mapping_name())
        self.imported.emit(text)
        super().accept()

    def _update_buttons(self) -> None:
        previewed = self.previewed
        ready = (
            previewed is not None
            and not self.busy
            and not previewed.check.refused
            and previewed.check.planned.writes > 0
            and not self.document.readonly
        )
        writes = previewed.check.planned.writes if previewed is not None else 0
        self.import_button.setEnabled(ready)
        self.import_button.setText(
            plural(
                writes,
                translate("ImportActualsDialog", "&Import {count} Check-in"),
                translate("ImportActualsDialog", "&Import {count} Check-ins"),
            ).format(count=format_number(writes))
            if ready
            else translate("ImportActualsDialog", "&Import")
        )
        self.ui.saveButton.setEnabled(
            self._read is not None
            and bool(self.ui.saveNameEdit.text().strip())
            and not self.document.readonly
        )

    def _set_enabled(self, enabled: bool) -> None:
        """The mapping's choices work once a file is read."""
        for widget in (self.ui.mappingScroll, self.ui.mappingCombo, self.ui.saveNameEdit):
            widget.setEnabled(enabled)
        self._update_buttons()

    # -- what the dialog says ---------------------------------------------------------------------
    def _say(self, text: str) -> None:
        self.ui.importSummary.setProperty("problem", False)
        self._restyle(self.ui.importSummary)
        self.ui.importSummary.setText(text)

    def _say_problem(self, text: str) -> None:
        self.ui.importSummary.setProperty("problem", True)
        self._restyle(self.ui.importSummary)
        self.ui.importSummary.setText(f"⚠ {text}")

    @staticmethod
    def _restyle(widget: QWidget) -> None:
        widget.style().unpolish(widget)
        widget.style().polish(widget)

    # -- the mapping above, the preview below ----------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self._split_by_hand:
            self._split()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._split_by_hand:
            self._split()

    def _split(self) -> None:
        """The mapping as tall as it needs while the preview keeps room for a screenful of rows; on a
        small screen each gets half (the mapping scrolls)."""
        splitter = self.ui.splitter
        total = sum(splitter.sizes()) or splitter.height()
        wanted = self.ui.mappingPanel.sizeHint().height() + 2
        top = min(wanted, max(total // 2, total - PREVIEW_ROOM))
        splitter.setSizes([top, max(total - top, 0)])

    def _resplit(self) -> None:
        """Split again once the mapping's rows, shown or hidden just now, are laid out."""
        if not self._split_by_hand:
            QTimer.singleShot(0, self, self._split)

    @Slot(int, int)
    def _split_moved(self, _position: int, _index: int) -> None:
        self._split_by_hand = True

    # -- keys -------------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the File field reads the file; in the name field it saves the mapping (not Import)."""
        enter = (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        )
        if enter and watched is self.ui.fileEdit:
            self.read_file()
            return True
        if enter and watched is self.ui.saveNameEdit:
            self.save_mapping()
            return True
        return super().eventFilter(watched, event)

    def reject(self) -> None:
        """Escape stops waiting for the file first; then it closes the dialog, writing nothing. While
        the import is written it waits: the check-ins go in whole, then the dialog closes."""
        if self._writing:
            return
        if self._jobs.running and self._jobs.cancellable:
            self.cancel_work()
            return
        self._jobs.cancel()
        self._debounce.stop()
        super().reject()
