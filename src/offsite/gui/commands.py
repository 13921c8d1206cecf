"""Undo commands: each wraps service verbs, so undo and redo go through the same rules as edits."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from offsite.domain.formatting import format_number
from offsite.domain.language import plural, translate
from offsite.domain.values import Kind
from offsite.gui.document import VIEW_KINDS, EditCommand, PlanDocument, Rows

if TYPE_CHECKING:  # the verbs (and SQLAlchemy under them) load with the first edit, not to show a plan
    from offsite.domain.drafting import Side
    from offsite.domain.parking import ParkedView
    from offsite.exchange.drafts import MergePreview, MergeResult
    from offsite.services import changes
    from offsite.services.changes import Created, Removed

_MERGE_ID = 0x0F5


def own_rows(kind: Kind, row_id: int | None, also: Sequence[Kind] = ()) -> Rows | None:
    """The rows an edit of one row of ``kind`` touches, with what cascades from it (``also``).

    An objective's metrics and stances go and come back with it, so they need no ids of their
    own; any other cascade into what the plan view holds is not known row by row.
    """
    if row_id is None:
        return None
    rows: dict[Kind, frozenset[int]] = {kind: frozenset({row_id})}
    for part in also:
        if part in VIEW_KINDS and not (kind is Kind.OBJECTIVE and part in (Kind.METRIC, Kind.STANCE)):
            return None
        rows.setdefault(part, frozenset())
    return rows


class UpdateCommand(EditCommand):
    """Change fields of one row. Edits with the same ``merge_key`` (one typing burst) merge into one step."""

    def __init__(
        self,
        document: PlanDocument,
        text: str,
        kind: Kind,
        row_id: int,
        values: Mapping[str, Any],
        *,
        merge_key: Hashable | None = None,
    ) -> None:
        super().__init__(document, text, {kind})
        self.kind, self.row_id, self.values = kind, row_id, dict(values)
        self.previous: dict[str, Any] = {}
        self.merge_key = merge_key

    def rows(self) -> Rows | None:
        return own_rows(self.kind, self.row_id)

    def first(self) -> None:
        from offsite.services import changes

        self.previous = dict(
            changes.update_fields(self.document.plan, self.kind, self.row_id, self.values).previous
        )

    def again(self) -> None:
        from offsite.services import changes

        changes.update_fields(self.document.plan, self.kind, self.row_id, self.values)

    def revert(self) -> None:
        from offsite.services import changes

        changes.update_fields(self.document.plan, self.kind, self.row_id, self.previous)

    def id(self) -> int:
        return _MERGE_ID if self.merge_key is not None else -1

    def mergeWith(self, other: Any) -> bool:
        if not isinstance(other, UpdateCommand) or other.merge_key != self.merge_key:
            return False
        self.values.update(other.values)
        for name, value in other.previous.items():
            self.previous.setdefault(name, value)
        return True


class CreateCommand(EditCommand):
    """Add something through a verb; undo removes it (capturing what cascades), redo restores it."""

    def __init__(
        self,
        document: PlanDocument,
        text: str,
        kind: Kind,
        create: Callable[[], Created],
        *,
        also: Sequence[Kind] = (),
        touches: Rows | None = None,
    ) -> None:
        super().__init__(document, text, {kind, *also, *(touches or {})})
        self.kind, self.also = kind, tuple(also)
        #: Rows besides the one made that it belongs to (a stance's objective).
        self.touches = dict(touches or {})
        self._create = create
        self.created_id: int | None = None
        self._removed: Removed | None = None

    def rows(self) -> Rows | None:
        rows = own_rows(self.kind, self.created_id, self.also)
        return None if rows is None else {**self.touches, **rows}

    def reordered(self) -> frozenset[Kind]:
        return frozenset({self.kind})

    def first(self) -> None:
        self.created_id = self._create().id

    def again(self) -> None:
        from offsite.services import changes

        assert self._removed is not None
        changes.restore(self.document.plan, self._removed)

    def revert(self) -> None:
        from offsite.services import changes

        assert self.created_id is not None
        self._removed = changes.remove(self.document.plan, self.kind, self.created_id)


class RemoveCommand(EditCommand):
    """Remove a row and what cascades from it; undo puts all of it back with the same ids."""

    def __init__(
        self, document: PlanDocument, text: str, kind: Kind, row_id: int, *, also: Sequence[Kind] = ()
    ) -> None:
        super().__init__(document, text, {kind, *also})
        self.kind, self.row_id, self.also = kind, row_id, tuple(also)
        self._removed: Removed | None = None

    def rows(self) -> Rows | None:
        return own_rows(self.kind, self.row_id, self.also)

    def reordered(self) -> frozenset[Kind]:
        return frozenset({self.kind})

    def first(self) -> None:
        from offsite.services import changes

        self._removed = changes.remove(self.document.plan, self.kind, self.row_id)

    def again(self) -> None:
        self.first()

    def revert(self) -> None:
        from offsite.services import changes

        assert self._removed is not None
        changes.restore(self.document.plan, self._removed)


class ReorderCommand(EditCommand):
    def __init__(self, document: PlanDocument, text: str, kind: Kind, ordered_ids: Sequence[int]) -> None:
        super().__init__(document, text, {kind})
        self.kind, self.ordered_ids = kind, list(ordered_ids)
        self._previous: list[int] = []

    def rows(self) -> Rows | None:
        return {self.kind: frozenset(self.ordered_ids) | frozenset(self._previous)}

    def reordered(self) -> frozenset[Kind]:
        return frozenset({self.kind})

    def first(self) -> None:
        from offsite.services import changes

        self._previous = list(
            changes.reorder(self.document.plan, self.kind, self.ordered_ids).previous["order"]
        )

    def again(self) -> None:
        from offsite.services import changes

        changes.reorder(self.document.plan, self.kind, self.ordered_ids)

    def revert(self) -> None:
        from offsite.services import changes

        changes.reorder(self.document.plan, self.kind, self._previous)


class LinkCommand(EditCommand):
    """Set an objective's owning teams or the company goals it serves."""

    def __init__(
        self, document: PlanDocument, text: str, objective_id: int, which: str, ids: Sequence[int]
    ) -> None:
        from offsite.services.objectives import set_objective_goals, set_objective_teams

        super().__init__(document, text, {Kind.OBJECTIVE})
        self._set = {"teams": set_objective_teams, "goals": set_objective_goals}[which]
        self._key = f"{which[:-1]}_ids"
        self.objective_id, self.ids = objective_id, list(ids)
        self._previous: list[int] = []

    def rows(self) -> Rows | None:
        return {Kind.OBJECTIVE: frozenset({self.objective_id})}

    def first(self) -> None:
        self._previous = list(self._set(self.document.plan, self.objective_id, self.ids).previous[self._key])

    def again(self) -> None:
        self._set(self.document.plan, self.objective_id, self.ids)

    def revert(self) -> None:
        self._set(self.document.plan, self.objective_id, self._previous)


class VerbCommand(EditCommand):
    """Any verb as an undoable edit.

    ``do()`` runs the verb. If it returns Created, undo removes what it made (with everything
    that cascades) and redo restores it. If it returns Updated, undo passes the previous
    values to ``undo(previous)`` and redo runs ``do()`` again.
    """

    def __init__(
        self,
        document: PlanDocument,
        text: str,
        kinds: Sequence[Kind],
        do: Callable[[], Created | changes.Updated],
        undo: Callable[[Mapping[str, Any]], object] | None = None,
    ) -> None:
        super().__init__(document, text, kinds)
        self._do, self._undo = do, undo
        self.result: Created | changes.Updated | None = None
        self._removed: Removed | None = None

    def first(self) -> None:
        from offsite.services import changes

        self.result = self._do()
        if isinstance(self.result, changes.Updated) and self._undo is None:
            raise TypeError(f"{self.text()}: a verb that updates needs an undo")

    def again(self) -> None:
        from offsite.services import changes
        from offsite.services.changes import Created

        if isinstance(self.result, Created):
            assert self._removed is not None
            changes.restore(self.document.plan, self._removed)
        else:
            self._do()

    def revert(self) -> None:
        from offsite.services import changes
        from offsite.services.changes import Created

        if isinstance(self.result, Created):
            self._removed = changes.remove(self.document.plan, self.result.kind, self.result.id)
        elif self.result is not None and self._undo is not None:
            self._undo(self.result.previous)


class WithdrawSignatureCommand(EditCommand):
    """Withdraw a signature; undo puts it back as it was (and drops the withdrawal), redo withdraws again."""

    def __init__(self, document: PlanDocument, text: str, signature_id: int) -> None:
        super().__init__(document, text, {Kind.SIGNATURE})
        self.signature_id = signature_id
        self.withdrawal_id: int | None = None

    def first(self) -> None:
        from offsite.services.signoff import withdraw_signature

        self.withdrawal_id = withdraw_signature(self.document.plan, self.signature_id)

    def again(self) -> None:
        self.first()

    def revert(self) -> None:
        from offsite.services.signoff import take_back_withdrawal

        assert self.withdrawal_id is not None
        self.signature_id = take_back_withdrawal(self.document.plan, self.withdrawal_id)


class ParkToCandidateCommand(EditCommand):
    """Make a parked item a candidate; undo removes the candidate and re-opens the item, together."""

    def __init__(self, document: PlanDocument, parked: ParkedView, team_id: int) -> None:
        super().__init__(
            document, translate("Commands", "Make a parked item a candidate"), {Kind.PARKED, Kind.CANDIDATE}
        )
        self.item_id, self.team_id = parked.id, team_id
        self.state: dict[str, Any] = {
            "resolved_at": parked.resolved_at,
            "resolution": parked.resolution,
            "candidate_uid": parked.candidate_uid,
        }
        self.candidate_id: int | None = None
        self._removed: Removed | None = None
        self._resolved: Mapping[str, Any] = {}

    def rows(self) -> Rows | None:
        if self.candidate_id is None:
            return None
        # Redone, the candidate comes back with its id: the pool places that one row.
        return {Kind.CANDIDATE: frozenset({self.candidate_id}), Kind.PARKED: frozenset({self.item_id})}

    def reordered(self) -> frozenset[Kind]:
        return frozenset({Kind.CANDIDATE})

    def first(self) -> None:
        from offsite.services.parking import park_to_candidate

        self.candidate_id = park_to_candidate(self.document.plan, self.item_id, self.team_id).id

    def again(self) -> None:
        from offsite.services.parking import put_back_candidate

        assert self._removed is not None
        put_back_candidate(self.document.plan, self.item_id, self._removed, self._resolved)

    def revert(self) -> None:
        from offsite.services.parking import take_back_candidate

        assert self.candidate_id is not None
        self._removed, self._resolved = take_back_candidate(
            self.document.plan, self.item_id, self.candidate_id, self.state
        )


class MergeDraftsCommand(EditCommand):
    """Merge leaders' drafts into the plan: one step for undo, however many items and drafts it brings.

    The first time runs the merge; undo and redo put back the rows before or after it, each in
    one transaction. A merge may touch any kind of item, so every view is told.
    """

    def __init__(
        self,
        document: PlanDocument,
        preview: MergePreview,
        accepted: set[tuple[str, str]],
        sides: Mapping[tuple[str, str], Side],
    ) -> None:
        drafts = len({uid for uid, _key in accepted}) or len(preview.mergeable)
        text = plural(
            drafts,
            translate("Commands", "Merge {count} draft"),
            translate("Commands", "Merge {count} drafts"),
        )
        super().__init__(document, text.format(count=format_number(drafts)), frozenset(Kind))
        self.preview, self.accepted, self.sides = preview, set(accepted), dict(sides)
        self.result: MergeResult | None = None

    def first(self) -> None:
        from offsite.exchange.drafts import merge_drafts

        self.result = merge_drafts(self.document.plan, self.preview, self.accepted, self.sides)

    def again(self) -> None:
        from offsite.exchange.drafts import redo_merge

        assert self.result is not None
        redo_merge(self.document.plan, self.result)

    def revert(self) -> None:
        from offsite.exchange.drafts import undo_merge

        assert self.result is not None
        undo_merge(self.document.plan, self.result)
