"""The overlap review of the open plan, kept per plan and worked out off the UI thread.

The Overlaps tab and the Review page both need the review (``domain.overlap_review``): the findings,
how each was settled and the goals served together. ``finder_of(document)`` gives the one
``OverlapFinder`` of an open plan. It keeps an ``OverlapIndex``, so after an edit only the objectives
that changed are indexed again and only their pairs judged again.

A plan of up to ``AT_ONCE`` objectives is reviewed at once, on the UI thread: it takes a few
milliseconds, and a "Finding overlaps…" flash on every edit would only distract. So is a small edit
of a larger plan reviewed already (a settlement, a few objectives changed, see ``_quick``). Other
reviews of a larger plan are made on a worker thread: ``review`` returns None at once (the page shows that it is finding
overlaps, and the rest of the window stays usable), and ``ready`` fires when the review is in.
Requests made while the worker runs are folded into one more run with the latest plan.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal, Slot

from offsite.domain.language import translate
from offsite.domain.overlap import OverlapIndex, TooCommon, goal_groups
from offsite.domain.overlap_review import OverlapReview, review_found
from offsite.domain.signoff import ResolutionView
from offsite.domain.values import PlanView
from offsite.gui import overlap_entries
from offsite.gui.background import Computation, watch_quit
from offsite.gui.document import PlanDocument
from offsite.gui.overlap_entries import Lines

#: A plan with up to this many objectives is reviewed at once on the UI thread (a few ms).
AT_ONCE = 300
#: So is an edit of up to ``QUICK_EDITS`` objectives of a larger plan with up to ``QUICK_FINDINGS``
#: findings: only their pairs are judged again, and the review is made again in a few ms.
QUICK_EDITS = 5
QUICK_FINDINGS = 2000
FINDER_NAME = "overlapFinder"


@dataclass(frozen=True)
class Reviewed:
    """What the worker hands back: the review of exactly this view and these resolutions."""

    view: PlanView
    resolutions: tuple[ResolutionView, ...]
    review: OverlapReview
    too_common: TooCommon
    #: How many objectives this review indexed again (every one the first time, then those edited).
    reindexed: int
    #: The Overlaps tab's lines, made here too: on a worker for a large plan.
    lines: Lines


def _review(index: OverlapIndex, view: PlanView, resolutions: tuple[ResolutionView, ...]) -> Reviewed:
    index.update(view)
    review = review_found(view, index.findings(), goal_groups(view), resolutions)
    return Reviewed(
        view, resolutions, review, index.too_common(), index.reindexed, overlap_entries.lines(view, review)
    )


class OverlapFinder(QObject):
    """The overlap review of one open plan (see the module docstring)."""

    #: A new review is in: ``review`` now returns it for the plan it was asked for.
    ready = Signal()
    #: True while a worker is finding overlaps.
    busyChanged = Signal(bool)
    #: A sentence for the user: the review could not be made.
    failed = Signal(str)

    def __init__(self, document: PlanDocument) -> None:
        super().__init__(document)
        self.setObjectName(FINDER_NAME)
        self._index = OverlapIndex()
        self._worker: Computation | None = None
        self._wanted: tuple[PlanView, tuple[ResolutionView, ...]] | None = None
        self.current: Reviewed | None = None
        watch_quit()

    @property
    def busy(self) -> bool:
        return self._worker is not None

    def review(self, view: PlanView, resolutions: tuple[ResolutionView, ...]) -> Reviewed | None:
        """The review of ``view`` with ``resolutions``, or None while a worker works it out."""
        current = self.current
        if current is not None and current.view is view and current.resolutions == resolutions:
            return current
        if self._worker is not None:
            self._wanted = (view, resolutions)
            return None
        if len(view.objectives) <= AT_ONCE or self._quick(view):
            self.current = _review(self._index, view, resolutions)
            return self.current
        self._start(view, resolutions)
        return None

    def _quick(self, view: PlanView) -> bool:
        """True when bringing the review up to date with ``view`` is a few ms of work: few objectives
        edited since the last review, and not many findings to list again."""
        current = self.current
        if current is None or len(current.review.findings) > QUICK_FINDINGS:
            return False
        edited = self._index.pending(view)
        return edited is not None and edited <= QUICK_EDITS

    def _start(self, view: PlanView, resolutions: tuple[ResolutionView, ...]) -> None:
        index = self._index  # only the worker touches it until it is done

        def work() -> Reviewed:
            return _review(index, view, resolutions)

        worker = Computation(work, translate("OverlapsTab", "Finding overlaps"))
        # Bound slots of this object, never lambdas: they run queued on the UI thread.
        worker.done.connect(self._done)
        worker.failed.connect(self._failed)
        worker.finished.connect(self._finished)
        self._worker = worker
        worker.start_kept()
        self.busyChanged.emit(True)

    @Slot(object)
    def _done(self, result: Reviewed) -> None:
        self.current = result

    @Slot(str)
    def _failed(self, text: str) -> None:
        self.failed.emit(text)

    @Slot()
    def _finished(self) -> None:
        worker, self._worker = self._worker, None
        if worker is not None:
            worker.release()
        wanted, self._wanted = self._wanted, None
        current = self.current
        if wanted is not None and (
            current is None or current.view is not wanted[0] or current.resolutions != wanted[1]
        ):
            self._start(*wanted)
            return
        self.busyChanged.emit(False)
        self.ready.emit()


def finder_of(document: PlanDocument) -> OverlapFinder:
    """The overlap finder of ``document``, made on first use and kept as long as the plan is open."""
    finder = document.findChild(OverlapFinder, FINDER_NAME)
    if finder is None:
        finder = OverlapFinder(document)
    return finder
