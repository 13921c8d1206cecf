"""Panes that reflow on a narrow (or scaled) screen rather than scroll sideways or overlap.

``stack_when_narrow``: two panes side by side go one above the other below a width, each
then with the whole width (the page scrolls down instead of sideways);
``stack_columns_when_narrow`` does the same for the columns of a box layout.

A word-wrapped label tells its layout a minimum height for a width other than the one it gets.
Once a row of buttons reflows so a pane can be narrow, its labels wrap onto more lines than
that, and the page would be squeezed below what it shows: fields overlapping, the last line
cut. ``keep_wrapped_text_whole`` makes each such label ask for the height its lines need at its
current width, so the page scrolls down a little instead.

A list squeezed to the height of its header shows a row and a half; ``show_rows`` keeps room
for a number of rows, so the page scrolls down rather than a list read at a glance shrinking;
``show_every_row`` keeps room for all the rows of a short table whose rows wrap.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QBoxLayout, QHeaderView, QLabel, QScrollArea, QSplitter, QTableView, QWidget
from shiboken6 import isValid


def rows_height(table: QTableView, rows: int, *, sideways: bool = False) -> int:
    """The height ``rows`` rows of ``table`` need under its header (and its sideways scroll bar)."""
    bar = table.horizontalScrollBar().sizeHint().height() if sideways else 0
    return (
        table.horizontalHeader().sizeHint().height()
        + rows * table.verticalHeader().defaultSectionSize()
        + 2 * table.frameWidth()
        + bar
    )


def show_rows(table: QTableView, rows: int, *, sideways: bool = False) -> None:
    """Keep room for ``rows`` rows under the header, so a list of teams never shows a row and a half
    (and, for a table that may scroll ``sideways``, for its scroll bar too)."""
    table.setMinimumHeight(rows_height(table, rows, sideways=sideways))


class _EveryRow(QObject):
    """Keeps its table exactly as tall as its header and every row (a child of the table, so its
    connections end with it)."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table
        self.pending = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.later()
        return False

    def later(self, *_: object) -> None:
        """Fit once the header has laid its rows out: they follow the columns one by one."""
        if not self.pending:
            self.pending = True
            QTimer.singleShot(0, self, self.fit)

    def fit(self) -> None:
        self.pending = False
        if not isValid(self.table):  # its model empties as the table goes away
            return
        table, model = self.table, self.table.model()
        count = model.rowCount() if model is not None else 0
        # The rows' heights, or what their text needs at the columns' widths now when the rows
        # have not followed yet.
        rows = table.verticalHeader()
        hints = sum(max(table.sizeHintForRow(row), rows.minimumSectionSize()) for row in range(count))
        lines = max(rows.length(), hints)
        # Around the rows: the header and the frame as drawn (a style sheet's border included).
        chrome = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
        need = chrome + lines
        if need != table.minimumHeight() or need != table.maximumHeight():
            table.setFixedHeight(need)  # no taller either: a blank band under the last row reads as cut


def show_every_row(table: QTableView) -> None:
    """Keep ``table`` as tall as all its rows, each as high as its wrapped text at the columns'
    widths: a short list read whole (the index's five components) never scrolls inside the page."""
    rows = table.verticalHeader()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    # Every row shows, so no scroll bar: one appearing would narrow the columns, rewrap the rows
    # and change the height the table needs again.
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    keeper = _EveryRow(table)
    table.installEventFilter(keeper)
    table.horizontalHeader().sectionResized.connect(keeper.later)  # the columns' widths rewrap the rows
    rows.sectionResized.connect(keeper.later)
    model = table.model()
    if model is not None:  # new rows, or new text in them
        for changed in (model.dataChanged, model.rowsInserted, model.rowsRemoved, model.modelReset):
            changed.connect(keeper.later)
    keeper.fit()


class _WrappedHeight(QObject):
    """On each new width of a watched label: its minimum height is what its lines need there."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, QLabel):
            # A label's height for a width is never less than its minimum: measure without it,
            # or a label once narrow keeps its extra lines as a blank band when it widens.
            was = watched.minimumHeight()
            watched.setMinimumHeight(0)
            need = watched.heightForWidth(watched.width())
            watched.setMinimumHeight(need if need > 0 else was)
        return False


def keep_wrapped_text_whole(*roots: QWidget) -> None:
    """Make every word-wrapped label in (or of) ``roots`` at least as tall as its lines."""
    if not roots:
        return
    keeper = _WrappedHeight(roots[0])
    for root in roots:
        labels = [root] if isinstance(root, QLabel) else root.findChildren(QLabel)
        for label in labels:
            if label.wordWrap():
                label.installEventFilter(keeper)


class _StackWhenNarrow(QObject):
    """Calls ``stack(True)`` as its owner gets narrower than a width, ``stack(False)`` as it gets
    at least that wide again (once per crossing)."""

    def __init__(self, owner: QWidget, side_by_side_from: int, stack: Callable[[bool], None]) -> None:
        super().__init__(owner)
        self.side_by_side_from, self.stack = side_by_side_from, stack
        self.stacked: bool | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.apply(watched.width())
        return False

    def apply(self, width: int) -> None:
        stacked = width < self.side_by_side_from
        if stacked != self.stacked:
            self.stacked = stacked
            self.stack(stacked)


def _watch(owner: QWidget, side_by_side_from: int, stack: Callable[[bool], None]) -> None:
    stacker = _StackWhenNarrow(owner, side_by_side_from, stack)
    owner.installEventFilter(stacker)
    stacker.apply(owner.width())


class _PaneHeight(QObject):
    """Stacked in a splitter, a pane with word-wrapped text is as tall as its lines need at its width.

    A splitter gives a pane its minimum height, which counts each wrapped label at one line; the
    pane's layout then squeezes its lists under the text that follows them. Asking for the
    height for the pane's width keeps every row whole, and the page scrolls down instead. A pane
    that scrolls on its own beside another shows all of its content when stacked: one scroll
    bar, the page's, rather than a short box scrolling inside a scrolling page."""

    def __init__(self, splitter: QSplitter) -> None:
        super().__init__(splitter)
        self.splitter = splitter

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A new width, or content that needs more room at the same width (a label wrapping longer).
        changed = event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest)
        if changed and isinstance(watched, QWidget):
            self.fit(watched)
        return False

    def fit(self, pane: QWidget) -> None:
        layout = pane.layout()
        content = pane.widget() if isinstance(pane, QScrollArea) else None
        if layout is None and content is None:
            return  # a list as a pane: its height is the caller's (``tall``)
        need = 0
        stacked = self.splitter.orientation() == Qt.Orientation.Vertical
        if stacked and layout is not None and layout.hasHeightForWidth():
            # Never less than its minimum: a splitter takes a pane's minimum height as set.
            need = max(layout.totalHeightForWidth(pane.width()), pane.minimumSizeHint().height())
        if stacked and isinstance(pane, QScrollArea) and content is not None:
            inner, frame = content.layout(), 2 * pane.frameWidth()
            need = content.minimumSizeHint().expandedTo(content.minimumSize()).height()
            if inner is not None and inner.hasHeightForWidth():  # wrapped text: its lines at this width
                need = max(need, inner.totalHeightForWidth(pane.width() - frame))
            need += frame
        if need != pane.minimumHeight():
            pane.setMinimumHeight(need)
            self.splitter.updateGeometry()  # the page around the splitter makes room for it now


def stack_when_narrow(splitter: QSplitter, side_by_side_from: int, tall: dict[QWidget, int]) -> None:
    """Show ``splitter``'s panes side by side when its owner is at least ``side_by_side_from``
    wide, else one above the other, each widget of ``tall`` then at least that high (and each
    pane as tall as its wrapped text needs at its width)."""
    owner = splitter.parentWidget()
    if owner is None:
        return
    panes = [pane for i in range(splitter.count()) if (pane := splitter.widget(i)) is not None]
    keeper = _PaneHeight(splitter)
    for pane in panes:
        pane.installEventFilter(keeper)

    def stack(stacked: bool) -> None:
        splitter.setOrientation(Qt.Orientation.Vertical if stacked else Qt.Orientation.Horizontal)
        for widget, height in tall.items():  # stacked, a list keeps enough rows to read
            widget.setMinimumHeight(height if stacked else 0)
        for pane in panes:
            keeper.fit(pane)

    _watch(owner, side_by_side_from, stack)


def stack_columns_when_narrow(
    columns: QBoxLayout, owner: QWidget, side_by_side_from: int, stacked: Callable[[bool], None] | None = None
) -> None:
    """Lay ``columns`` out left to right while ``owner`` is at least ``side_by_side_from`` wide,
    else top to bottom (each column then with the whole width); ``stacked`` hears each change."""

    def stack(on: bool) -> None:
        direction = QBoxLayout.Direction.TopToBottom if on else QBoxLayout.Direction.LeftToRight
        columns.setDirection(direction)
        if stacked is not None:
            stacked(on)

    _watch(owner, side_by_side_from, stack)
