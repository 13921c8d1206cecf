"""Progress and cancellation of one export: checkpoints in the story report as they are placed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from offsite.domain.errors import CancelledError
from offsite.domain.language import QT_TRANSLATE_NOOP, translate

Progress = Callable[[int, int], None]


IsCancelled = Callable[[], bool]


CANCELLED_MESSAGE = QT_TRANSLATE_NOOP("PdfExport", "Export cancelled; nothing was written.")


@dataclass
class Run:
    """Progress and cancellation of one export; steps are the story's checkpoints, then writing."""

    progress: Progress | None
    is_cancelled: IsCancelled | None
    steps: int = 0
    done: int = 0
    pages: int = 0

    @property
    def total(self) -> int:
        return self.steps + 1

    def check(self) -> None:
        if self.is_cancelled is not None and self.is_cancelled():
            raise CancelledError(translate("PdfExport", CANCELLED_MESSAGE))

    def step(self) -> None:
        self.check()
        self.done = min(self.done + 1, self.total - 1)
        if self.progress is not None:
            self.progress(self.done, self.total)

    def finish(self) -> None:
        self.done = self.total
        if self.progress is not None:
            self.progress(self.done, self.total)
