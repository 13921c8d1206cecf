"""The empathy notes of a team-switch pair: what each team had not seen, saved as typed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QPlainTextEdit

from offsite.domain.language import translate
from offsite.domain.values import Kind
from offsite.gui.binding import FieldBinding
from offsite.gui.document import EditCommand, PlanDocument, Rows
from offsite.services import brainstorm, changes
from offsite.services.changes import Created, Removed


class NoteCommand(EditCommand):
    """Write a team's empathy note; one typing burst (same ``merge_key``) is one undo step."""

    def __init__(
        self, document: PlanDocument, switch_id: int, team_id: int, text: str, merge_key: object
    ) -> None:
        super().__init__(document, translate("SwitchTab", "Edit what we had not seen"), {Kind.EMPATHY_NOTE})
        self.switch_id, self.team_id, self.text_value, self.merge_key = switch_id, team_id, text, merge_key
        self.note_id: int | None = None
        self.created = False
        self.previous_text = ""
        self._removed: Removed | None = None

    def first(self) -> None:
        result = brainstorm.set_empathy_note(
            self.document.plan, self.switch_id, self.team_id, self.text_value
        )
        self.note_id = result.id
        self.created = isinstance(result, Created)
        if not self.created:
            self.previous_text = str(result.previous["text"])  # type: ignore[union-attr]

    def again(self) -> None:
        assert self.note_id is not None
        if self.created:
            assert self._removed is not None
            changes.restore(self.document.plan, self._removed)
        else:
            changes.update_fields(
                self.document.plan, Kind.EMPATHY_NOTE, self.note_id, {"text": self.text_value}
            )

    def revert(self) -> None:
        assert self.note_id is not None
        if self.created:
            self._removed = changes.remove(self.document.plan, Kind.EMPATHY_NOTE, self.note_id)
        else:
            changes.update_fields(
                self.document.plan, Kind.EMPATHY_NOTE, self.note_id, {"text": self.previous_text}
            )

    def rows(self) -> Rows:
        notes = frozenset() if self.note_id is None else frozenset({self.note_id})
        return {Kind.EMPATHY_NOTE: notes, Kind.SWITCH: frozenset({self.switch_id})}

    def reordered(self) -> frozenset[Kind]:
        return frozenset({Kind.EMPATHY_NOTE}) if self.created else frozenset()

    def id(self) -> int:
        return 0x5A17

    def mergeWith(self, other: Any) -> bool:
        if not isinstance(other, NoteCommand) or other.merge_key != self.merge_key:
            return False
        self.text_value = other.text_value
        return True


class NoteBinding(FieldBinding):
    """An empathy note editor: saved as you type, one undo step per burst, the note made on first key."""

    def __init__(
        self, document: PlanDocument, editor: QPlainTextEdit, target: Callable[[], tuple[int, int] | None]
    ) -> None:
        super().__init__(document, editor, Kind.EMPATHY_NOTE, "text", "note", lambda: None)
        self._target = target

    def _commit(self, value: Any) -> None:
        if self._showing:
            return
        target = self._target()
        if target is None:
            return
        switch_id, team_id = target
        self._execute(
            NoteCommand(self.document, switch_id, team_id, str(value), (switch_id, team_id, self._burst))
        )
