"""Item models over the plan's frozen views; edits go out as undo commands, never to the database."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar, overload

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from offsite.domain.buyin import current_stances, is_bought_in, leaders_concerned, stance_of
from offsite.domain.errors import OffsiteError
from offsite.domain.formatting import format_number, format_short_date
from offsite.domain.funnel import STAGE_LABELS
from offsite.domain.language import QT_TRANSLATE_NOOP, translate
from offsite.domain.signoff import DefinitionView, current_definition_stances, signing_initials
from offsite.domain.values import (
    Direction,
    LeaderView,
    ObjectiveLine,
    ObjectiveView,
    Owned,
    PlanView,
    Stance,
    StanceEvent,
)
from offsite.gui.objective_source import (
    ObjectiveGroup,
    ObjectiveHeading,
    ObjectiveSource,
    ViewSource,
    headings_of,
)
from offsite.gui.objective_source import group_objectives as group_objectives

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

#: The grey of a value the app derived, not one a person typed (a leader's default initials).
DERIVED_FOREGROUND = "#6b7280"
#: A role that returns the id of the row's plan item (objective, leader, ...).
ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: A role that returns the column's ``Field`` (the delegate picks an editor by it).
FIELD_ROLE = Qt.ItemDataRole.UserRole + 2


class FieldType(enum.Enum):
    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    TEAM = "team"
    DIRECTION = "direction"
    FLAG = "flag"
    #: A leader's signing initials: blank stands for the initials of their name, shown in grey.
    INITIALS = "initials"
    #: A leader of the plan who answers for the row (an owner), or nobody.
    LEADER = "leader"
    #: The funnel stage a metric counts, or none.
    FUNNEL_STAGE = "funnel_stage"


#: What an owner's chooser and cell say when no leader answers for it (``translate("Models", NO_OWNER)``).
NO_OWNER = QT_TRANSLATE_NOOP("Models", "No owner")
#: What a team's cell and chooser say when no team is set.
NO_TEAM = QT_TRANSLATE_NOOP("Models", "No team")
#: What a metric's funnel stage says when it counts none.
NO_STAGE = "—"


@dataclass(frozen=True, slots=True)
class Field:
    """A column of a ``RowsModel``. ``header`` and ``tooltip`` are English, marked
    ``QT_TRANSLATE_NOOP(context, ...)`` where the fields are written; ``context`` says which, so
    the table shows them in the leader's language (``shown_header``, ``shown_tooltip``)."""

    header: str
    name: str
    type: FieldType = FieldType.TEXT
    tooltip: str = ""
    context: str = ""

    @property
    def shown_header(self) -> str:
        return translate(self.context, self.header) if self.context else self.header

    @property
    def shown_tooltip(self) -> str:
        return translate(self.context, self.tooltip) if self.context and self.tooltip else self.tooltip


class RowsModel(QAbstractTableModel):
    """A table of frozen rows (leaders, goals, metrics ...) whose cells edit through ``on_edit``.

    ``on_edit(row_id, field_name, value)`` pushes an undo command; the model shows the change
    when the document reloads it (``set_rows``), so the screen never runs ahead of the file.
    """

    def __init__(
        self,
        fields: Sequence[Field],
        on_edit: Callable[[int, str, Any], None],
        team_names: Callable[[], dict[int, str]] | None = None,
        parent: Any = None,
        leader_names: Callable[[], dict[int, str]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.fields = list(fields)
        self._rows: list[Any] = []
        self._on_edit = on_edit
        self._team_names = team_names or dict
        self._leader_names = leader_names or dict

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Show ``rows``; same ids in the same order update in place (keeping selection and editors)."""
        rows = list(rows)
        if rows == self._rows:
            return  # nothing to repaint (the statement typed above a metrics table, say)
        if [r.id for r in rows] == [r.id for r in self._rows]:
            self._rows = rows
            if rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(self.fields) - 1))
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def replace_rows(self, rows: Mapping[int, Any]) -> None:
        """Show new values of some rows, by row number (same ids): one repaint per row, not the table's."""
        for row, value in rows.items():
            self._rows[row] = value
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.fields) - 1))

    def row_id(self, row: int) -> int:
        return int(self._rows[row].id)

    def row_of(self, row_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == row_id), -1)

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.fields)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.fields):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.fields[section].shown_header
            if role == Qt.ItemDataRole.ToolTipRole and self.fields[section].tooltip:
                return self.fields[section].shown_tooltip
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.fields[index.column()].type is FieldType.FLAG:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row, field = self._rows[index.row()], self.fields[index.column()]
        value = getattr(row, field.name)
        if field.type is FieldType.INITIALS:
            if role == Qt.ItemDataRole.ForegroundRole and not value:
                return QBrush(QColor(DERIVED_FOREGROUND))  # not set: the initials of their name
            if role == Qt.ItemDataRole.ToolTipRole:
                return field.shown_tooltip
            value = signing_initials(row)
        if role == ID_ROLE:
            return row.id
        if role == FIELD_ROLE:
            return field
        if role == Qt.ItemDataRole.EditRole:
            return value
        if field.type is FieldType.FLAG:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(field, value)
        if role == Qt.ItemDataRole.ToolTipRole and field.type is FieldType.TEXT and value:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole and field.type is FieldType.NUMBER:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, field: Field, value: Any) -> str:
        if field.type is FieldType.NUMBER:
            return format_number(value)
        if field.type is FieldType.DATE:
            return format_short_date(value)
        if field.type is FieldType.TEAM:
            no_team = translate("Models", NO_TEAM)
            return self._team_names().get(value, no_team) if value is not None else no_team
        if field.type is FieldType.LEADER:
            no_owner = translate("Models", NO_OWNER)
            return self._leader_names().get(value, no_owner) if value is not None else no_owner
        if field.type is FieldType.DIRECTION:
            return translate("Models", "↑ up") if value == Direction.UP else translate("Models", "↓ down")
        if field.type is FieldType.FUNNEL_STAGE:
            return STAGE_LABELS.get(value, NO_STAGE)
        return str(value).replace("\n", " ")

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        field = self.fields[index.column()]
        if field.type is FieldType.FLAG:
            if role != Qt.ItemDataRole.CheckStateRole:
                return False
            value = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role != Qt.ItemDataRole.EditRole:
            return False
        if value == getattr(self._rows[index.row()], field.name):
            return False
        if field.type is FieldType.INITIALS and value == signing_initials(self._rows[index.row()]):
            return False  # confirmed as they are: the initials of their name stay derived from it
        self._on_edit(self.row_id(index.row()), field.name, value)
        return True


def sync_rows(
    model: QAbstractItemModel,
    parent: QModelIndex,
    current: Sequence[int],
    wanted: Sequence[int],
    put: Callable[[list[int]], None],
    *,
    removed: Callable[[int], None] | None = None,
) -> list[int]:
    """Bring the rows under ``parent`` from the ids ``current`` to ``wanted``, one signal per step.

    ``put(ids)`` makes the model list ``ids`` under ``parent``; it is called between each
    begin/end pair. Rows not wanted are removed (``removed`` hears of each), rows kept but out
    of order are moved, new rows are inserted; returns the ids inserted.
    """
    rows = list(current)
    if rows == list(wanted):
        return []
    keep = set(wanted)
    row = len(rows) - 1
    while row >= 0:  # bottom up, a run of unwanted rows at a time
        if rows[row] in keep:
            row -= 1
            continue
        last = row
        while row >= 0 and rows[row] not in keep:
            row -= 1
        gone = rows[row + 1 : last + 1]
        model.beginRemoveRows(parent, row + 1, last)
        del rows[row + 1 : last + 1]
        put(list(rows))
        if removed is not None:
            for item in gone:
                removed(item)
        model.endRemoveRows()
    present = set(rows)
    order = [i for i in wanted if i in present]
    for target, item in enumerate(order):
        if rows[target] == item:
            continue
        source = rows.index(item, target)
        model.beginMoveRows(parent, source, source, parent, target)
        rows.insert(target, rows.pop(source))
        put(list(rows))
        model.endMoveRows()
    inserted: list[int] = []
    target = 0
    while target < len(wanted):
        if target < len(rows) and rows[target] == wanted[target]:
            target += 1
            continue
        end = target
        while end < len(wanted) and wanted[end] not in present:
            end += 1
        model.beginInsertRows(parent, target, end - 1)
        rows[target:target] = wanted[target:end]
        put(list(rows))
        model.endInsertRows()
        inserted += wanted[target:end]
        target = end
    return inserted


def buyin_summary(
    objective: Owned, leaders: Sequence[LeaderView], stances: Mapping[tuple[int, int], StanceEvent]
) -> str:
    """The Buy-in column of an objective: bought in, how many of the leaders concerned agreed, or none yet.

    ``stances``: the current stances (``current_stances``), of this objective at least.
    """
    concerned = leaders_concerned(objective, leaders)
    agreed = sum(stance_of(objective.id, p.id, stances) is Stance.AGREED for p in concerned)
    if is_bought_in(objective, leaders, stances):
        return translate("Models", "✓ bought in")
    if concerned:
        return translate("Models", "{agreed} of {count} agreed").format(
            agreed=format_number(agreed), count=format_number(len(concerned))
        )
    return translate("Models", "no leaders yet")


class TreeModel(QAbstractItemModel):
    """An item model whose rows have parent rows; a subclass says which in ``parent_index``."""

    # Qt has two ``parent``s: the QObject's owner, and a row's parent row; Python has one name.
    @overload
    def parent(self) -> QObject | None: ...
    @overload
    def parent(self, index: Index) -> QModelIndex: ...
    def parent(self, index: Index | None = None) -> QObject | QModelIndex | None:
        if index is None:
            return super().parent()
        return self.parent_index(index)

    def parent_index(self, index: Index) -> QModelIndex:
        """The index of the row ``index`` sits under; an invalid index at the top."""
        raise NotImplementedError


#: The objectives a heading lists at first, and adds each time the tree is scrolled (or moved by
#: keys) near its last one: a screenful or two, whatever the plan's size (see ``ObjectivesModel``).
FETCH_BATCH = 50


class ObjectivesModel(TreeModel):
    """Objectives headed by owning team: headings at the top level, objectives beneath.

    A plan may hold thousands of objectives; the tree shows a screenful. So it reads from its
    ``ObjectiveSource`` how many objectives each heading holds (no line of any), and the lines of
    the rows it lists only: a heading's first ``FETCH_BATCH``, then ``fetchMore`` reads and adds
    the next batch as the tree scrolls to them (``gui.trees.FetchAsShown``); ``index_of`` lists
    the rows up to an objective asked for by id (one just added, or picked elsewhere). A heading's
    count is of all its objectives. ``canFetchMore`` says yes only once the tree has painted a row
    near a heading's last listed one: ``QTreeView`` fetches for every open heading each time it
    lays itself out (an edit that adds a row, a reload), and would otherwise list batch after
    batch nobody looked at. The Buy-in column of a row is worked out when it is painted, from the
    stances of that row and the batch below it. Opening the page reads the headings' counts, a
    batch of lines under each and the stances of a screenful, whatever the plan's size.
    """

    HEADERS = (QT_TRANSLATE_NOOP("Models", "Objective"), QT_TRANSLATE_NOOP("Models", "Buy-in"))

    #: A sentence to show: rows could not be read (a damaged plan); those listed stay as they are.
    failed = Signal(str)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._source: ObjectiveSource | None = None
        #: Who buys in: the plan's leaders.
        self._leaders: tuple[LeaderView, ...] = ()
        self._headings: list[ObjectiveHeading] = []
        #: The objectives listed as rows under each heading (its first ones), read as they were listed.
        self._rows: list[list[ObjectiveLine]] = []
        #: The furthest row under each heading the tree has asked to paint.
        self._seen: list[int] = []
        #: The plan's first objective in display order, as of the last count.
        self._first: int | None = None
        #: The Buy-in column of each objective shown so far (worked out when its row is painted).
        self._bought_in: dict[int, str] = {}
        #: Where each objective listed as a row stands: (heading row, row under it). Of the rows
        #: listed only: an objective further down is looked for when asked (``index_of``).
        self._where: dict[int, tuple[int, int]] = {}

    def set_view(self, view: PlanView) -> None:
        """Show every objective of ``view`` (its stances give the Buy-in column)."""
        self.set_source(ViewSource(view))

    def set_source(self, source: ObjectiveSource) -> None:
        """Show the objectives ``source`` holds: each heading's count, and the lines of its first rows.

        The same headings listing the same objectives update in place (the selection and the
        scroll kept); otherwise the tree starts again from each heading's first batch.
        """
        outline = source.outline()
        counts = source.objective_counts()
        headings = headings_of(outline.teams, counts)
        if [(h.key, h.count) for h in headings] == [(h.key, h.count) for h in self._headings]:
            rows = [
                list(source.heading_lines(h.heading, 0, len(listed))) if listed else []
                for h, listed in zip(headings, self._rows, strict=True)
            ]
            if [[o.id for o in r] for r in rows] == [[o.id for o in r] for r in self._rows]:
                self._source, self._leaders, self._first = source, outline.leaders, counts.first
                self._headings, self._rows, self._bought_in = headings, rows, {}
                self._index_rows()
                last = len(self.HEADERS) - 1
                for g, listed in enumerate(rows):
                    heading = self.index(g, 0)
                    self.dataChanged.emit(heading, self.index(g, last))
                    if listed:
                        self.dataChanged.emit(
                            self.index(0, 0, heading), self.index(len(listed) - 1, last, heading)
                        )
                return
        rows = [list(source.heading_lines(h.heading, 0, FETCH_BATCH)) if h.count else [] for h in headings]
        self.beginResetModel()
        self._source, self._leaders, self._first = source, outline.leaders, counts.first
        self._headings, self._rows, self._bought_in = headings, rows, {}
        self._seen = [-1] * len(headings)
        self._index_rows()
        self.endResetModel()

    def patch(self, objective_ids: frozenset[int], *, stances: bool, reordered: bool) -> bool:
        """Show the objectives ``objective_ids`` as the source now holds them, changing only their rows.

        An objective edited in place repaints its row; one added, removed, moved or given other
        teams is inserted and removed as rows (a heading's count repaints): the rows listed are
        read again, not the plan's every line. Returns False, changing nothing, when the headings
        themselves change (a team's first shared objective): the caller then sets the whole
        source again. ``stances``: the buy-in column of these objectives may have changed too;
        ``reordered``: objectives were added, removed or moved.
        """
        source = self._source
        if source is None:
            return False
        fresh = source.objective_lines(objective_ids)
        in_place = not reordered and all(
            i in fresh and i in self._where and fresh[i].team_ids == self._line(i).team_ids
            for i in objective_ids
        )
        summary = dict(self._bought_in)
        if stances or not in_place:
            for objective_id in objective_ids:
                summary.pop(objective_id, None)  # worked out again when next shown
        if in_place:
            for i in objective_ids:
                g, r = self._where[i]
                self._rows[g][r] = fresh[i]
            self._bought_in = summary
            self._repaint(objective_ids)
            return True
        counts = source.objective_counts()
        headings = headings_of(source.outline().teams, counts)
        if [h.key for h in headings] != [h.key for h in self._headings]:
            return False
        for g, (old, new) in enumerate(zip(self._headings, headings, strict=True)):
            listed = len(self._rows[g])
            # A heading listed whole stays whole; one listed in part keeps as many rows.
            wanted = new.count if listed >= old.count else min(listed, new.count)
            lines = list(source.heading_lines(new.heading, 0, wanted)) if wanted else []
            known = {o.id: o for o in (*self._rows[g], *lines)}

            def put(ids: list[int], g: int = g, known: dict[int, ObjectiveLine] = known) -> None:
                self._rows[g] = [known[i] for i in ids]
                self._index_rows()

            sync_rows(self, self.index(g, 0), [o.id for o in self._rows[g]], [o.id for o in lines], put)
            self._rows[g] = lines
        self._headings, self._first, self._bought_in = headings, counts.first, summary
        self._index_rows()
        self._repaint(objective_ids)
        for g in range(len(headings)):
            self.dataChanged.emit(self.index(g, 0), self.index(g, len(self.HEADERS) - 1))
        return True

    def _repaint(self, objective_ids: Collection[int]) -> None:
        """Repaint the rows of ``objective_ids`` that are listed."""
        for i in objective_ids:
            where = self._where.get(i)
            if where is not None:
                parent = self.index(where[0], 0)
                self.dataChanged.emit(
                    self.index(where[1], 0, parent), self.index(where[1], len(self.HEADERS) - 1, parent)
                )

    def _index_rows(self) -> None:
        self._where = {o.id: (g, r) for g, rows in enumerate(self._rows) for r, o in enumerate(rows)}

    def _line(self, objective_id: int) -> ObjectiveLine:
        g, r = self._where[objective_id]
        return self._rows[g][r]

    @property
    def groups(self) -> list[ObjectiveGroup]:
        """Every heading with all its objectives, listed as rows yet or not (those not listed are read)."""
        groups = []
        for heading, rows in zip(self._headings, self._rows, strict=True):
            rest: Sequence[ObjectiveLine] = ()
            if self._source is not None and heading.count > len(rows):
                rest = self._source.heading_lines(heading.heading, len(rows), heading.count - len(rows))
            groups.append(ObjectiveGroup(heading.key, heading.title, heading.team_id, (*rows, *rest)))
        return groups

    @property
    def first_id(self) -> int | None:
        """The plan's first objective in display order (None for a plan of none)."""
        return self._first

    def holds(self, objective_id: int) -> bool:
        """Whether the plan still holds ``objective_id`` (listed as a row yet or not)."""
        if objective_id in self._where:
            return True
        return self._source is not None and self._read(lambda s: s.heading_place(objective_id)) is not None

    def heading_ids(self, heading: ObjectiveHeading) -> list[int]:
        """Every objective under ``heading``, in order (what moving one among them needs)."""
        return list(self._read(lambda s: s.heading_ids(heading.heading)) or ())

    def successor(self, objective_id: int) -> int | None:
        """The objective to select once ``objective_id`` is gone: the one after it (the next heading's
        first after its heading's last), or, after the last of all, the one before it."""
        if self.index_of(objective_id).isValid():
            g, r = self._where[objective_id]
        else:
            g, r = -1, -1
        if g >= 0 and r + 1 < self._headings[g].count:
            self._show_up_to(g, (r + 1) // FETCH_BATCH * FETCH_BATCH + FETCH_BATCH)
            if r + 1 < len(self._rows[g]):
                return self._rows[g][r + 1].id
        later = next((rows for rows in self._rows[g + 1 :] if rows), None)
        if later:
            return later[0].id
        if r > 0:
            return self._rows[g][r - 1].id
        for heading in reversed(self._headings[: max(g, 0)]):
            if heading.count:
                ids = self.heading_ids(heading)
                return ids[-1] if ids else None
        return None

    def _read(self, read: Callable[[ObjectiveSource], Any]) -> Any:
        """``read(source)``, or None (said through ``failed``) when the plan cannot be read."""
        if self._source is None:
            return None
        try:
            return read(self._source)
        except OffsiteError as error:
            self.failed.emit(str(error))
            return None

    # -- rows as they are needed ---------------------------------------------------------------
    def _more(self, parent: Index) -> bool:
        """Whether ``parent`` is a heading with objectives not listed yet."""
        if not parent.isValid() or parent.internalId() != 0 or not 0 <= parent.row() < len(self._headings):
            return False
        return len(self._rows[parent.row()]) < self._headings[parent.row()].count

    def canFetchMore(self, parent: Index) -> bool:
        # Near the end of what is listed: the tree painted a row of the last half batch.
        return (
            self._more(parent)
            and self._seen[parent.row()] >= len(self._rows[parent.row()]) - FETCH_BATCH // 2
        )

    def fetchMore(self, parent: Index) -> None:
        if self._more(parent):
            self._show_up_to(parent.row(), len(self._rows[parent.row()]) + FETCH_BATCH)

    def fetch_all(self, parent: Index) -> None:
        """List every objective under the heading ``parent`` (for End, and a search by typing)."""
        if self._more(parent):
            self._show_up_to(parent.row(), self._headings[parent.row()].count)

    def _show_up_to(self, g: int, count: int) -> None:
        """List the rows under heading ``g`` up to ``count``, reading their lines."""
        heading, first = self._headings[g], len(self._rows[g])
        count = min(count, heading.count)
        if count <= first:
            return
        lines = self._read(lambda s: s.heading_lines(heading.heading, first, count - first))
        if lines is None:
            return
        if len(lines) < count - first:  # fewer than counted: another program changed the plan since
            self._headings[g] = dataclasses.replace(heading, count=first + len(lines))
            self.dataChanged.emit(self.index(g, 0), self.index(g, len(self.HEADERS) - 1))
        lines = [o for o in lines if o.id not in self._where]
        if not lines:
            return
        self.beginInsertRows(self.index(g, 0), first, first + len(lines) - 1)
        self._rows[g].extend(lines)
        self._where.update((o.id, (g, r)) for r, o in enumerate(lines, start=first))
        self.endInsertRows()

    # -- the tree -----------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = _ROOT) -> QModelIndex:
        # Bounds checked here rather than by hasIndex(): the tree asks for every row it lays out.
        if not 0 <= column < len(self.HEADERS) or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0) if row < len(self._headings) else QModelIndex()
        g = parent.row()
        if parent.internalId() == 0 and parent.column() == 0 and row < len(self._rows[g]):
            return self.createIndex(row, column, g + 1)
        return QModelIndex()

    def hasChildren(self, parent: Index = _ROOT) -> bool:
        if not parent.isValid():
            return bool(self._headings)
        return parent.internalId() == 0 and parent.column() == 0 and bool(self._headings[parent.row()].count)

    def parent_index(self, index: Index) -> QModelIndex:
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(int(index.internalId()) - 1, 0, 0)

    def rowCount(self, parent: Index = _ROOT) -> int:
        if not parent.isValid():
            return len(self._headings)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._rows[parent.row()])
        return 0

    def columnCount(self, parent: Index = _ROOT) -> int:
        return len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < 2
        ):
            return translate("Models", self.HEADERS[section])
        return None

    def group_at(self, index: Index) -> ObjectiveHeading | None:
        """The heading of the row ``index``: the heading itself, or the one an objective is listed under."""
        if not index.isValid():
            return None
        row = index.row() if index.internalId() == 0 else int(index.internalId()) - 1
        return self._headings[row] if 0 <= row < len(self._headings) else None

    def objective_at(self, index: Index) -> ObjectiveLine | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        rows = self._rows[int(index.internalId()) - 1]
        return rows[index.row()] if index.row() < len(rows) else None

    def index_of(self, objective_id: int) -> QModelIndex:
        """The row of ``objective_id``, listing the rows up to it first when it is not listed yet."""
        where = self._where.get(objective_id)
        if where is None:
            place = self._read(lambda s: s.heading_place(objective_id))
            g = next((g for g, h in enumerate(self._headings) if place and h.heading == place[0]), None)
            if g is None:
                return QModelIndex()
            # To the end of its batch: the rows after it come as they do on scrolling.
            self._show_up_to(g, (place[1] // FETCH_BATCH + 1) * FETCH_BATCH)
            where = self._where.get(objective_id)
            if where is None:  # not where the plan said: another program changed it since
                return QModelIndex()
        g, r = where
        return self.index(r, 0, self.index(g, 0))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        objective = self.objective_at(index)
        if objective is None:
            heading = self.group_at(index)
            if heading is None:
                return None
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{heading.title}  ({format_number(heading.count)})" if index.column() == 0 else None
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            return None
        if role == ID_ROLE:
            return objective.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if index.column() == 0:
                g = int(index.internalId()) - 1
                self._seen[g] = max(self._seen[g], index.row())
                text = objective.statement or translate("Models", "(untitled objective)")
                if role == Qt.ItemDataRole.ToolTipRole and objective.period:
                    text += f" · {objective.period}"
                return text
            return self._summary(objective)
        bought_in = role == Qt.ItemDataRole.ForegroundRole and index.column() == 1
        if bought_in and self._summary(objective).startswith("✓"):
            return QBrush(QColor("#1b7f3b"))
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def _summary(self, objective: ObjectiveLine) -> str:
        summary = self._bought_in.get(objective.id)
        if summary is None and objective.id in self._where:
            # This row and the rows below it in its batch, in one read: a screen paints top down.
            g, r = self._where[objective.id]
            batch = [o for o in self._rows[g][r : r + FETCH_BATCH] if o.id not in self._bought_in]
            events = self._read(lambda s: s.stances_of([o.id for o in batch])) or {}
            for line in batch:
                self._bought_in[line.id] = buyin_summary(
                    line, self._leaders, current_stances(events.get(line.id, ()))
                )
            summary = self._bought_in[objective.id]
        return summary or ""


STANCE_COLOURS: dict[Stance, tuple[str, str]] = {
    Stance.PENDING: ("#eceff3", "#5b6472"),
    Stance.DISCUSSING: ("#fff3cd", "#7a5a00"),
    Stance.CHANGES_REQUESTED: ("#ffe1c7", "#8a3b00"),
    Stance.AGREED: ("#d6f2dd", "#14632f"),
    Stance.DECLINED: ("#f9d6d5", "#8f1d1a"),
}


class _Row(Protocol):
    """What a stance matrix needs of its rows: an id to keep its place across reloads."""

    @property
    def id(self) -> int: ...


RowT = TypeVar("RowT", bound=_Row)


class StanceMatrixModel(QAbstractTableModel, Generic[RowT]):
    """Items (objectives, definitions) × leaders, each cell the leader's current stance; the last
    column says whether the item is bought in. Subclasses say who is concerned and what was said."""

    #: What a row is, for tooltips and untitled rows, marked ``QT_TRANSLATE_NOOP("Models", ...)``
    #: (a subclass may set a noun already translated: its lookup then finds nothing and keeps it).
    noun = QT_TRANSLATE_NOOP("Models", "item")

    def _noun(self) -> str:
        return translate("Models", self.noun)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: tuple[RowT, ...] = ()
        self._leaders: tuple[LeaderView, ...] = ()
        self._team_names: dict[int, str] = {}
        self._loaded = False

    def set_items(
        self, items: Sequence[RowT], leaders: Sequence[LeaderView], team_names: dict[int, str]
    ) -> None:
        """Show ``items`` × ``leaders``; the same ids in the same order update in place (keeping the cell)."""
        same = (
            self._loaded
            and [i.id for i in self._items] == [i.id for i in items]
            and [p.id for p in self._leaders] == [p.id for p in leaders]
        )
        if not same:
            self.beginResetModel()
        self._items, self._leaders, self._team_names = tuple(items), tuple(leaders), dict(team_names)
        self._loaded = True
        self._refresh()
        if not same:
            self.endResetModel()
            return
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))
        self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, max(0, self.rowCount() - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(0, self.columnCount() - 1))

    def replace_items(self, items: Mapping[int, RowT]) -> None:
        """Show new values of some items, by row number (same ids, same leaders): their rows alone repaint."""
        rows = list(self._items)
        relabelled = []
        for row, item in items.items():
            if self._label(rows[row]) != self._label(item):
                relabelled.append(row)
            rows[row] = item
        self._items = tuple(rows)
        self._refresh_items(items.values())
        last = self.columnCount() - 1
        for row in items:
            self.dataChanged.emit(self.index(row, 0), self.index(row, last))
        for row in relabelled:  # the header measures its sections again: only for a new label
            self.headerDataChanged.emit(Qt.Orientation.Vertical, row, row)

    # -- what subclasses say -----------------------------------------------------------------
    def _refresh(self) -> None:
        """Compute what the cells need once per reload (the current stances)."""

    def _refresh_items(self, items: Iterable[RowT]) -> None:
        """Compute again what the cells of ``items`` need, after ``replace_items``."""
        self._refresh()

    def _event(self, item: RowT, leader_id: int) -> Any:
        """The leader's current (last recorded) stance event on ``item`` (with ``stance`` and ``comment``), or None."""
        raise NotImplementedError

    def _concerned(self, item: RowT, leader: LeaderView) -> bool:
        raise NotImplementedError

    def _bought_in(self, item: RowT) -> bool:
        raise NotImplementedError

    def _label(self, item: RowT) -> str:
        raise NotImplementedError

    def _owners(self, item: RowT) -> str:
        raise NotImplementedError

    # -- the table ---------------------------------------------------------------------------
    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() or not self._loaded else len(self._items)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() or not self._loaded else len(self._leaders) + 1

    def item(self, row: int) -> RowT | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_of(self, item_id: int) -> int:
        return next((i for i, item in enumerate(self._items) if item.id == item_id), -1)

    def leader_id(self, column: int) -> int | None:
        return self._leaders[column].id if 0 <= column < len(self._leaders) else None

    def stance_at(self, index: Index) -> Stance | None:
        """The stance a leader's cell shows (Pending when nothing is recorded); None off the leaders."""
        item = self.item(index.row()) if index.isValid() else None
        leader_id = self.leader_id(index.column()) if index.isValid() else None
        if item is None or leader_id is None:
            return None
        event = self._event(item, leader_id)
        return event.stance if event else Stance.PENDING

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not self._loaded:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if section == len(self._leaders):
                return translate("Models", "Bought in") if role == Qt.ItemDataRole.DisplayRole else None
            if not 0 <= section < len(self._leaders):
                return None
            leader = self._leaders[section]
            team = self._team_names.get(leader.team_id) if leader.team_id is not None else None
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{leader.name}\n{team or translate('Models', NO_TEAM)}"
            if role == Qt.ItemDataRole.ToolTipRole:  # in full, whatever the column's width
                who = f"{leader.name}, {leader.title}" if leader.title else leader.name
                return f"{who} · {team or translate('Models', NO_TEAM)}"
            return None
        item = self.item(section)
        if item is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._label(item) or translate("Models", "(untitled {noun})").format(noun=self._noun())
        if role == Qt.ItemDataRole.ToolTipRole:
            return translate("Models", "{item} — owned by {owners}").format(
                item=self._label(item), owners=self._owners(item)
            )
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.item(index.row()) if index.isValid() else None
        if item is None:
            return None
        if index.column() == len(self._leaders):
            bought = self._bought_in(item)
            if role == Qt.ItemDataRole.DisplayRole:
                return translate("Models", "✓ Yes") if bought else translate("Models", "Not yet")
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor("#14632f" if bought else "#5b6472"))
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignCenter)
            return None
        leader = self._leaders[index.column()]
        concerned = self._concerned(item, leader)
        event = self._event(item, leader.id)
        stance = event.stance if event else Stance.PENDING
        if role == Qt.ItemDataRole.DisplayRole:
            if not concerned and event is None:
                return "—"
            return stance.label
        if role == Qt.ItemDataRole.ToolTipRole:
            who = translate("Models", "{leader} on “{item}”: {stance}").format(
                leader=leader.name, item=self._label(item), stance=stance.label
            )
            if event and event.comment:
                who += f"\n“{event.comment}”"
            if not concerned:
                who += "\n" + translate(
                    "Models", "(Their team does not own this {noun}, so their stance does not count.)"
                ).format(noun=self._noun())
            return who
        if role == Qt.ItemDataRole.BackgroundRole and (concerned or event is not None):
            return QBrush(QColor(STANCE_COLOURS[stance][0]))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(STANCE_COLOURS[stance][1] if concerned else "#9aa1ab"))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == ID_ROLE:
            return (item.id, leader.id)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class BuyInModel(StanceMatrixModel[ObjectiveView]):
    """Objectives × leaders, each cell the leader's current stance; the last column says bought in."""

    noun = QT_TRANSLATE_NOOP("Models", "objective")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._stances: dict[tuple[int, int], Any] = {}
        #: Each objective's row.
        self._rows: dict[int, int] = {}

    def set_view(self, view: PlanView) -> None:
        self._stances = current_stances(view.stances)
        self.set_items(view.objectives, view.leaders, {t.id: t.name for t in view.teams})
        self._rows = {o.id: row for row, o in enumerate(self._items)}

    def patch(self, view: PlanView, objective_ids: frozenset[int]) -> bool:
        """Repaint the rows of ``objective_ids`` as ``view`` holds them (objectives and leaders as they were).

        Returns False, changing nothing, when objectives were added, removed or moved: the caller
        then sets the whole view.
        """
        if not self._loaded or len(view.objectives) != len(self._items):
            return False
        rows = [self._rows.get(i) for i in objective_ids]
        if any(row is None or self._items[row].id != view.objectives[row].id for row in rows):
            return False
        items = list(self._items)
        for row in rows:
            assert row is not None
            items[row] = view.objectives[row]
        self._items = tuple(items)
        self._stances = {k: e for k, e in self._stances.items() if k[0] not in objective_ids}
        self._stances.update(current_stances(e for e in view.stances if e.objective_id in objective_ids))
        last = self.columnCount() - 1
        for row in rows:
            assert row is not None
            self.dataChanged.emit(self.index(row, 0), self.index(row, last))
            self.headerDataChanged.emit(Qt.Orientation.Vertical, row, row)
        return True

    def objective(self, row: int) -> ObjectiveView | None:
        return self.item(row)

    def _event(self, item: Any, leader_id: int) -> Any:
        return self._stances.get((item.id, leader_id))

    def _concerned(self, item: Any, leader: LeaderView) -> bool:
        return leader.team_id in item.team_ids

    def _bought_in(self, item: Any) -> bool:
        return is_bought_in(item, self._leaders, self._stances)

    def _label(self, item: Any) -> str:
        return str(item.statement)

    def _owners(self, item: Any) -> str:
        return " + ".join(n for t, n in self._team_names.items() if t in item.team_ids) or translate(
            "Models", "no team"
        )


class DefinitionBuyInModel(StanceMatrixModel[DefinitionView]):
    """Glossary terms × leaders: the definitions' buy-in, by the objectives' rule."""

    noun = QT_TRANSLATE_NOOP("Models", "definition")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._current: dict[tuple[int, int], Any] = {}

    def _refresh(self) -> None:
        self._current = {}
        for item in self._items:
            self._current.update(current_definition_stances(item.stances))

    def _refresh_items(self, items: Iterable[DefinitionView]) -> None:
        for item in items:
            for leader in self._leaders:
                self._current.pop((item.id, leader.id), None)
            self._current.update(current_definition_stances(item.stances))

    def definition(self, row: int) -> DefinitionView | None:
        return self.item(row)

    def _event(self, item: Any, leader_id: int) -> Any:
        return self._current.get((item.id, leader_id))

    def _concerned(self, item: Any, leader: LeaderView) -> bool:
        return leader.id in item.concerned_leader_ids

    def _bought_in(self, item: Any) -> bool:
        return bool(item.bought_in)

    def _label(self, item: Any) -> str:
        return str(item.term)

    def _owners(self, item: Any) -> str:
        return self._team_names.get(item.team_id, "?") if item.team_id is not None else "everyone"


def as_date(value: Any) -> dt.date | None:
    return value if isinstance(value, dt.date) else None
