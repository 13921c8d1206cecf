"""The open plan as the GUI sees it: the plan file, its undo stack and its change notices."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Collection, Iterable, Mapping

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from offsite.domain.errors import OffsiteError
from offsite.domain.exercises import BrainstormView
from offsite.domain.values import (
    Change,
    Heading,
    Kind,
    ObjectiveCounts,
    ObjectiveLine,
    ObjectiveList,
    ObjectiveView,
    PlanView,
    StanceEvent,
)
from offsite.services.brainstorm_view import BRAINSTORM_KINDS, patch_brainstorm, read_brainstorm
from offsite.services.plans import (
    PlanFile,
    objectives_holding,
    patch_objective_list,
    patch_plan,
    read_details,
    read_heading_ids,
    read_heading_lines,
    read_heading_place,
    read_lines,
    read_objective_counts,
    read_objective_list,
    read_objectives,
    read_outline,
    read_plan,
    read_stances,
)

log = logging.getLogger(__name__)


#: The kinds of row the plan view holds; a change to any other kind leaves the view as it is.
VIEW_KINDS = frozenset(
    {Kind.PLAN, Kind.TEAM, Kind.LEADER, Kind.GOAL, Kind.OBJECTIVE, Kind.METRIC, Kind.STANCE}
)
#: Of those, the kinds objectives refer to: a change to one reads the whole view again (when next asked).
_SHARED_KINDS = frozenset({Kind.TEAM, Kind.LEADER, Kind.GOAL})
#: The rows that hang off an objective, by kind, with the table that says which objective.
_OBJECTIVE_PARTS = {Kind.METRIC: "metric", Kind.STANCE: "stance_record"}

Rows = Mapping[Kind, Collection[int]]


class PlanDocument(QObject):
    """One open plan. Views read ``view()`` and update when ``changed`` names a kind they show.

    The view is read once, when first asked for; after that an edit that says which rows it
    touched patches the view (``store.document.view.patch_plan`` reads those objectives again)
    and the ``Change`` it emits names the objectives that changed, so a model can update those
    rows alone. Only a change of unknown rows, or of something every objective refers to (a
    team, a leader, a goal, the plan's details), reads the whole plan again.

    The Plan page lists every objective under its heading but shows one whole, so it never asks
    for the whole view (a plan of thousands of objectives holds tens of thousands of metric and
    stance rows), nor for every objective's line: it reads ``objective_counts()`` (how many each
    heading holds), ``heading_lines()`` for the rows it lists, a batch at a time as they come
    into view, ``objective(id)`` for the one selected and ``stances_of(ids)`` for the rows it
    paints; after an edit, ``objective_lines(ids)`` of the objectives it touched. An objective
    read whole is read again once an edit touches it. ``objective_list()`` reads every line at
    once (patched per change as the view is). Pages that show every objective whole (Buy-in,
    Review, the PDF) read ``view()`` when first shown.
    """

    #: Change — what an edit, undo or redo touched.
    changed = Signal(object)
    #: A sentence to show the user: an edit could not be made (and nothing changed).
    failed = Signal(str)
    #: An edit reached the plan file.
    saved = Signal()

    def __init__(self, plan: PlanFile, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.undo_stack = QUndoStack(self)
        self._view: PlanView | None = None
        self._outline: PlanView | None = None
        self._list: ObjectiveList | None = None
        #: Objectives read whole one at a time (while the whole view is not read), by id.
        self._objectives: dict[int, ObjectiveView] = {}
        #: How many times the whole plan view was read: work that should follow what changed.
        self.whole_reads = 0
        #: How many times the list of every objective was read, likewise.
        self.list_reads = 0
        self._brainstorm: BrainstormView | None = None
        #: How many times the whole brainstorm was read, likewise.
        self.whole_brainstorm_reads = 0

    @property
    def readonly(self) -> bool:
        return self.plan.readonly

    def view(self) -> PlanView:
        """The plan as of the last change, shared by every view."""
        if self._view is None:
            self._view = read_plan(self.plan)
            self.whole_reads += 1
            self._objectives.clear()  # the view holds them now
        return self._view

    def objective_list(self) -> ObjectiveList:
        """Every objective as one line (statement, period, teams), as of the last change."""
        if self._list is None:
            if self._view is not None:
                self._list = ObjectiveList.of(self._view)
            else:
                self._list = read_objective_list(self.plan)
                self.list_reads += 1
        return self._list

    # -- the Plan page's list, read as it is shown (``gui.models.ObjectiveSource``) -------------
    def objective_counts(self) -> ObjectiveCounts:
        """How many objectives each heading holds, and the plan's first: no objective's line is read."""
        return read_objective_counts(self.plan)

    def heading_lines(self, heading: Heading, start: int, count: int) -> list[ObjectiveLine]:
        """The lines under ``heading`` from its ``start``-th on, ``count`` at most, in display order."""
        return read_heading_lines(self.plan, self.outline(), heading, start, count)

    def heading_ids(self, heading: Heading) -> list[int]:
        """Every objective under ``heading``, as ids in display order."""
        return read_heading_ids(self.plan, heading)

    def objective_lines(self, objective_ids: Collection[int]) -> dict[int, ObjectiveLine]:
        """The lines of ``objective_ids`` as the plan now holds them, by id; one gone is left out."""
        if not objective_ids:
            return {}
        return {line.id: line for line in read_lines(self.plan, self.outline(), objective_ids)}

    def heading_place(self, objective_id: int) -> tuple[Heading, int] | None:
        """The heading ``objective_id`` is listed under and its row there; None once it is gone."""
        return read_heading_place(self.plan, objective_id)

    def objective(self, objective_id: int) -> ObjectiveView | None:
        """The objective ``objective_id`` whole (metrics, goals, origins) as of the last change; None if gone."""
        if self._view is not None:
            return self._view.objective(objective_id)
        found = self._objectives.get(objective_id)
        if found is None:
            read = read_objectives(self.plan, self.outline(), [objective_id])
            if not read:
                return None
            found = self._objectives[objective_id] = read[0]
        return found

    def stances_of(self, objective_ids: Collection[int]) -> dict[int, list[StanceEvent]]:
        """The stances recorded on ``objective_ids``, oldest first, by objective (read for the rows asked)."""
        by_objective: dict[int, list[StanceEvent]] = {}
        for event in read_stances(self.plan, objective_ids):
            by_objective.setdefault(event.objective_id, []).append(event)
        return by_objective

    def brainstorm(self) -> BrainstormView:
        """The Brainstorm phase's rows as of the last change, shared by its tabs (read when first asked)."""
        if self._brainstorm is None:
            self._brainstorm = read_brainstorm(self.plan)
            self.whole_brainstorm_reads += 1
        return self._brainstorm

    def outline(self) -> PlanView:
        """The plan's details, teams, leaders and goals; no objectives (unless the whole view is read).

        For what shows none of the objectives (the Prepare page, the window's title): opening a
        plan on such a page reads a screenful of rows, whatever the plan's size.
        """
        if self._view is not None:
            return self._view
        if self._outline is None:
            self._outline = read_outline(self.plan)
        return self._outline

    def notify(self, kinds: Iterable[Kind], rows: Rows | None = None, reordered: Iterable[Kind] = ()) -> None:
        """Tell every view that ``kinds`` changed: in ``rows`` only, when given (see ``Change``)."""
        change = Change(
            frozenset(kinds),
            None if rows is None else {kind: frozenset(ids) for kind, ids in rows.items()},
            frozenset(reordered),
        )
        self.changed.emit(self._patch(change))

    def _forget(self) -> None:
        """Drop what was read of the objectives: read again when next asked."""
        self._view, self._list = None, None
        self._objectives.clear()

    def _patch(self, change: Change) -> Change:
        """Bring what was read up to ``change``: patched where the rows are known, else read again when asked."""
        self._patch_brainstorm(change)
        touched = change.kinds & VIEW_KINDS
        if touched & (_SHARED_KINDS | {Kind.PLAN}):
            self._outline = None
        if not touched or (self._view is None and self._list is None and not self._objectives):
            return change
        if change.rows is None or touched & _SHARED_KINDS or not touched - {Kind.PLAN} <= change.rows.keys():
            self._forget()
            return change
        if Kind.PLAN in touched:  # the plan's details: no objective refers to them
            if self._view is not None:
                self._view = dataclasses.replace(self._view, details=read_details(self.plan))
            touched = touched - {Kind.PLAN}
            if not touched:
                return change
        try:
            objectives = self._objectives_of(change.rows)
            if objectives is None:
                self._forget()
                return change
            reordered = Kind.OBJECTIVE in change.reordered
            if self._view is not None:
                self._view = patch_plan(
                    self.plan,
                    self._view,
                    objectives,
                    reordered=reordered,
                    stances=Kind.STANCE in change.kinds,
                )
            if self._list is not None:
                self._list = patch_objective_list(self.plan, self._list, objectives, reordered=reordered)
            for objective_id in objectives:
                self._objectives.pop(objective_id, None)
        except OffsiteError:
            log.exception("the plan view could not be patched; reading it whole when next shown")
            self._forget()
            return change
        return dataclasses.replace(change, objectives=frozenset(objectives))

    def _patch_brainstorm(self, change: Change) -> None:
        """Bring the brainstorm up to ``change`` as the plan view is: patched where the rows are
        known (``services.brainstorm_view.patch_brainstorm``), else read whole when next asked."""
        touched = change.kinds & BRAINSTORM_KINDS
        if self._brainstorm is None or not touched:
            return
        if change.rows is None or not touched <= change.rows.keys():
            self._brainstorm = None
            return
        rows = {kind: ids for kind, ids in change.rows.items() if kind in BRAINSTORM_KINDS}
        try:
            self._brainstorm = patch_brainstorm(self.plan, self._brainstorm, rows, change.reordered)
        except OffsiteError:
            log.exception("the brainstorm could not be patched; reading it whole when next shown")
            self._brainstorm = None

    def _objective_of_metric(self, metric_id: int) -> int | None:
        """The objective the metric ``metric_id`` measures, as far as what was read says."""
        if self._view is not None:
            return self._view.objective_of_metric(metric_id)
        return next((o.id for o in self._objectives.values() for m in o.metrics if m.id == metric_id), None)

    def _objectives_of(self, rows: Mapping[Kind, frozenset[int]]) -> set[int] | None:
        """The objectives holding ``rows``; None when a row's objective cannot be told."""
        objectives = set(rows.get(Kind.OBJECTIVE, ()))
        for kind, table in _OBJECTIVE_PARTS.items():
            ids = rows.get(kind, frozenset())
            if kind is Kind.METRIC:
                known = {m: self._objective_of_metric(m) for m in ids}
                objectives.update(o for o in known.values() if o is not None)
                ids = frozenset(m for m, o in known.items() if o is None)
            if ids:
                found = objectives_holding(self.plan, table, ids)
                if len(found) != len(ids) and not rows.get(Kind.OBJECTIVE):
                    return None  # a row gone with no word of whose it was
                objectives.update(found.values())
        return objectives

    def execute(self, command: EditCommand, refused: Callable[[str], object] | None = None) -> bool:
        """Apply ``command`` to the plan file, then put it on the undo stack.

        The edit is committed before anything shows it as done; an expected failure is
        reported through ``failed`` (or to ``refused``, for a page that says it in place, without
        a dialog) and leaves both the file and the stack as they were.
        """
        try:
            command.apply()
        except OffsiteError as error:
            log.info("edit refused: %s", error)
            (refused or self.failed.emit)(str(error))
            self.notify(command.kinds)  # views drop whatever the user typed that was not saved
            return False
        self.undo_stack.push(command)
        self.saved.emit()
        command.announce()
        return True

    def close(self) -> None:
        self.undo_stack.clear()
        self.plan.close()


class EditCommand(QUndoCommand):
    """An undoable edit whose first application happened, and was committed, before the push."""

    def __init__(self, document: PlanDocument, text: str, kinds: Iterable[Kind]) -> None:
        super().__init__(text)
        self.document = document
        self.kinds = frozenset(kinds)
        self._applied_by_execute = False
        self._taking_back = False

    def rows(self) -> Rows | None:
        """The rows this edit touched, by kind, for every kind in ``kinds``; None when not known.

        A kind given with no ids means no row of it beyond those under the objectives named
        (an objective's metrics and stances go and come back with it).
        """
        return None

    def reordered(self) -> frozenset[Kind]:
        """The kinds whose rows this edit added, removed or moved."""
        return frozenset()

    def announce(self) -> None:
        """Tell the views what this edit (or its undo or redo) touched."""
        self.document.notify(self.kinds, self.rows(), self.reordered())

    # Subclasses implement these three with service calls.
    def first(self) -> None:
        raise NotImplementedError

    def again(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def apply(self) -> None:
        self.first()
        self._applied_by_execute = True

    def redo(self) -> None:
        if self._applied_by_execute:
            self._applied_by_execute = False  # QUndoStack.push calls redo(); the edit is already in
            return
        self._guard(self.again)

    def undo(self) -> None:
        self._guard(self.revert)
        if self._taking_back:
            self.setObsolete(True)  # the stack drops it: nothing to redo

    def take_back(self) -> bool:
        """Undo this edit and forget it, as if never made (a new row whose editor was escaped).

        Only the latest edit can be taken back; returns False, changing nothing, for any other.
        """
        stack = self.document.undo_stack
        if stack.index() == 0 or stack.command(stack.index() - 1) is not self:
            return False
        self._taking_back = True
        stack.undo()
        return True

    def _guard(self, step: Callable[[], None]) -> None:
        try:
            step()
        except OffsiteError as error:
            log.warning("%s could not be replayed: %s", self.text(), error)
            self.document.failed.emit(str(error))
            self.setObsolete(True)
        else:
            self.document.saved.emit()
        finally:
            self.announce()
