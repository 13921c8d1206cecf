"""The merge: accepted proposals written into the plan in one transaction, undone and redone whole.

``merge_drafts`` writes the accepted proposals of a preview with a merge record per item: the
item's origin (leader, draft, time) and both sides' state, so that merging the same draft again
brings nothing and a later state of the draft updates what the earlier one brought. It returns
the rows before and after, so that undo and redo are one step each. ``read_origins`` says where
each item the plan holds came from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from offsite.domain.drafting import Change, Outcome, Proposal, Side, items_of
from offsite.domain.errors import MergeRefusedError
from offsite.domain.formatting import format_number
from offsite.domain.language import plural, translate
from offsite.exchange.drafts.origins import DraftOrigin as DraftOrigin
from offsite.exchange.drafts.origins import read_origins as read_origins
from offsite.exchange.drafts.preview import DraftPreview, MergePreview
from offsite.exchange.drafts.rows import SECTION_KIND, Ids, RowKey, remove_item, row_key, write_item
from offsite.services.buyin import utc_now
from offsite.services.changes import capture, put_back
from offsite.store import PlanFile
from offsite.store.document import document_of
from offsite.store.document.data import DRAFTED
from offsite.store.models import Base as TableBase
from offsite.store.models import DotVote, MergeRecord


@dataclass(frozen=True, slots=True)
class MergeResult:
    """What a merge did: per-outcome counts, and the rows before and after for undo and redo."""

    counts: Mapping[str, int]
    drafts: tuple[str, ...]
    before: tuple[tuple[str, Mapping[str, Any]], ...] = ()
    after: tuple[tuple[str, Mapping[str, Any]], ...] = ()

    @property
    def summary(self) -> str:
        """“Merged 3 drafts: 9 added, 1 changed, 1 kept as the plan had it.”"""
        parts = []
        for outcome, words in (
            (Outcome.ADDED, translate("DraftMerge", "{count} added")),
            (Outcome.CHANGED, translate("DraftMerge", "{count} changed")),
            (Outcome.REMOVED, translate("DraftMerge", "{count} removed")),
            (Outcome.KEPT_PLAN, translate("DraftMerge", "{count} kept as the plan had it")),
        ):
            if self.counts.get(outcome.value):
                parts.append(words.format(count=format_number(self.counts[outcome.value])))
        n = len(self.drafts)
        merged = plural(
            n,
            translate("DraftMerge", "Merged {count} draft: {outcomes}."),
            translate("DraftMerge", "Merged {count} drafts: {outcomes}."),
        )
        outcomes = ", ".join(parts) if parts else translate("DraftMerge", "nothing new")
        return merged.format(count=format_number(n), outcomes=outcomes)


Choice = tuple[str, str]  # (draft uid, item key)


def merge_drafts(
    plan: PlanFile,
    preview: MergePreview,
    accepted: Iterable[Choice] | None = None,
    sides: Mapping[Choice, Side] | None = None,
    *,
    at: dt.datetime | None = None,
) -> MergeResult:
    """Write the ``accepted`` proposals of ``preview`` (by default all but the conflicts) in one transaction.

    Each accepted conflict needs its side in ``sides``; what an accepted item requires (a new
    team, the statement a new answer hangs under) is merged with it. Refused, with nothing
    written, when a conflict has no side, when two drafts would both win the same item, or
    when the plan changed since the preview.
    """
    sides = dict(sides or {})
    chosen = set(preview.default_selection() if accepted is None else accepted)
    chosen |= {choice for choice in sides if choice not in chosen}
    by_choice = {(d.info.uid, p.key): (d, p) for d, p in preview.proposals() if d.info is not None}
    unknown = [c for c in chosen if c not in by_choice]
    if unknown:
        raise MergeRefusedError(
            translate(
                "DraftMerge", "Some of the chosen items are not in this preview; preview the drafts again."
            )
        )
    chosen = _with_requirements(chosen, by_choice, set(preview.plan_items))
    open_conflicts = [
        by_choice[c] for c in chosen if by_choice[c][1].change is Change.CONFLICT and c not in sides
    ]
    if open_conflicts:
        raise MergeRefusedError(conflicts_message(open_conflicts))
    winners: dict[str, list[str]] = {}
    order = {c: i for i, c in enumerate(by_choice)}
    for choice in sorted(chosen, key=order.__getitem__):  # in the preview's order of drafts
        draft, proposal = by_choice[choice]
        if proposal.change is not Change.CONFLICT or sides.get(choice) is Side.DRAFT:
            winners.setdefault(proposal.key, []).append(draft.label)
    doubles = {k: v for k, v in winners.items() if len(v) > 1}
    if doubles:
        key, labels = next(iter(doubles.items()))
        # Name the item, so the facilitator knows which one to untick or settle.
        item = next(p for _, p in by_choice.values() if p.key == key)
        raise MergeRefusedError(
            translate(
                "DraftMerge",
                "{drafts} both change the {noun} {item}; take one draft's side and keep the plan's for the other.",
            ).format(drafts=translate("DraftMerge", " and ").join(labels), noun=item.noun, item=item.label)
        )
    moment = at or utc_now()
    counts: dict[str, int] = {}
    with plan.write() as s:
        current = items_of(document_of(s, plan.name), DRAFTED)
        for choice in chosen:
            proposal = by_choice[choice][1]
            then = preview.plan_items.get(proposal.key)
            now = current.get(proposal.key)
            # What the item needs must still be there too: a team or company goal removed since
            # the preview would otherwise be dropped silently from an objective's links.
            gone = [r for r in proposal.requires if r in preview.plan_items and r not in current]
            if (
                gone
                or (then is None) != (now is None)
                or (then is not None and now is not None and then.fingerprint != now.fingerprint)
            ):
                raise MergeRefusedError(
                    translate(
                        "DraftMerge",
                        "The plan changed since the preview (the {noun} {item}); preview the drafts again.",
                    ).format(noun=proposal.noun, item=proposal.label)
                )
        ids = Ids(s)
        ordered = [
            c
            for c in ((d.info.uid, p.key) for d, p in preview.proposals() if d.info is not None)
            if c in chosen
        ]
        touched = _existing_roots(s, ids, [by_choice[c][1] for c in ordered])
        before = _image(s, touched, [])
        written: list[tuple[DraftPreview, Proposal, Outcome]] = []
        for choice in ordered:
            draft, proposal = by_choice[choice]
            outcome = _apply(s, ids, proposal, sides.get(choice))
            written.append((draft, proposal, outcome))
            counts[outcome.value] = counts.get(outcome.value, 0) + 1
        s.flush()
        after_items = items_of(document_of(s, plan.name), DRAFTED)
        record_ids = []
        for draft, proposal, outcome in written:
            assert draft.info is not None
            info = draft.info
            now_item = after_items.get(proposal.key)
            record = MergeRecord(
                draft_uid=info.uid,
                item_key=proposal.key,
                section=proposal.section,
                action=outcome.value,
                leader_uid=draft.leader_uid,
                leader_name=info.leader_name,
                draft_name=draft.name,
                merged_at=moment,
                draft_fingerprint=None if proposal.draft_item is None else proposal.draft_item.fingerprint,
                plan_fingerprint=None if now_item is None else now_item.fingerprint,
                draft_revision=info.revision,
            )
            s.add(record)
            s.flush()
            record_ids.append(record.id)
        roots = _existing_roots(s, Ids(s), [p for _, p, _ in written])
        after = _image(s, roots, record_ids)
    # The drafts that brought something; when none did, all of them (“Merged 3 drafts: nothing new.”).
    merged = {draft.name for draft, _, _ in written} or {d.name for d in preview.mergeable}
    return MergeResult(counts, tuple(d.name for d in preview.mergeable if d.name in merged), before, after)


def conflicts_message(conflicts: Sequence[tuple[DraftPreview, Proposal]]) -> str:
    """Which conflicts wait for a side, one line each, as the command line and the dialog say it."""
    n = len(conflicts)
    heading = plural(
        n,
        translate("DraftMerge", "{count} conflict needs a side; nothing was merged:"),
        translate("DraftMerge", "{count} conflicts need a side; nothing was merged:"),
    )
    lines = [heading.format(count=format_number(n))]
    for draft, p in conflicts:
        # A uid's first characters name the item; a vote's or a funnel's key is made of others' uids.
        key = "" if ":" in p.key else f" [{p.key[:8]}]"
        line = (
            translate(
                "DraftMerge",
                "- {noun} {item}{key} in {draft}: plan: {plan}; draft: {theirs}; differs: {detail}.",
            )
            if p.detail
            else translate("DraftMerge", "- {noun} {item}{key} in {draft}: plan: {plan}; draft: {theirs}.")
        )
        lines.append(
            line.format(
                noun=p.noun,
                item=p.label,
                key=key,
                draft=draft.label,
                plan=p.plan_side,
                theirs=p.draft_side,
                detail=p.detail,
            )
        )
    return "\n".join(lines)


def _with_requirements(
    chosen: set[Choice], by_choice: Mapping[Choice, tuple[DraftPreview, Proposal]], present: set[str]
) -> set[Choice]:
    """``chosen`` and every addition of the same draft they need (a new team, a parent statement)."""
    result = set(chosen)
    pending = list(chosen)
    while pending:
        draft_uid, key = pending.pop()
        _, proposal = by_choice[(draft_uid, key)]
        for required in proposal.requires:
            if required in present:
                continue
            choice = (draft_uid, required)
            if choice not in result and choice in by_choice:
                result.add(choice)
                pending.append(choice)
            elif choice not in by_choice:
                # An earlier draft of this merge adds it: take that one along.
                other = next(
                    (c for c in by_choice if c[1] == required and by_choice[c][1].change is Change.ADD), None
                )
                if other is not None and other not in result:
                    result.add(other)
                    pending.append(other)
    return result


def undo_merge(plan: PlanFile, result: MergeResult) -> None:
    """Put the plan back as it was before the merge, in one transaction."""
    with plan.write() as s:
        _swap(s, result.after, result.before)


def redo_merge(plan: PlanFile, result: MergeResult) -> None:
    """Make the merge again, exactly (same rows, same ids), in one transaction."""
    with plan.write() as s:
        _swap(s, result.before, result.after)


def _swap(
    s: Session, out: Sequence[tuple[str, Mapping[str, Any]]], back: Sequence[tuple[str, Mapping[str, Any]]]
) -> None:
    tables = {t.name: t for t in TableBase.metadata.sorted_tables}
    order = {t.name: i for i, t in enumerate(TableBase.metadata.sorted_tables)}
    for name, row in sorted(out, key=lambda r: -order[r[0]]):
        table = tables[name]
        where = [column == row[column.name] for column in table.primary_key.columns]
        s.execute(delete(table).where(*where))
    put_back(s, back)


def _existing_roots(s: Session, ids: Ids, proposals: Iterable[Proposal]) -> dict[str, list[RowKey]]:
    """The rows the proposals touch that exist now, by section (a vote by its leader and candidate)."""
    roots: dict[str, list[RowKey]] = {}
    for p in proposals:
        item = p.draft_item or p.plan_item
        assert item is not None
        key = row_key(s, ids, item)
        if key is not None:
            roots.setdefault(p.section, []).append(key)
    return roots


def _image(
    s: Session, roots: Mapping[str, list[RowKey]], record_ids: list[int]
) -> tuple[tuple[str, Mapping[str, Any]], ...]:
    """Every row of ``roots`` and all that deleting them would take with it, plus the merge records."""
    rows: list[tuple[str, Mapping[str, Any]]] = []
    seen: set[tuple[str, Any]] = set()

    def keep(found: Iterable[tuple[str, Mapping[str, Any]]]) -> None:
        for name, row in found:
            table = TableBase.metadata.tables[name]
            key = (name, tuple(row[c.name] for c in table.primary_key.columns))
            if key not in seen:
                seen.add(key)
                rows.append((name, row))

    for section, keys in roots.items():
        for key in keys:
            if isinstance(key, tuple):  # a vote: its leader and candidate
                leader, candidate = key
                found = s.execute(
                    select(DotVote.__table__).where(
                        DotVote.leader_id == leader, DotVote.candidate_id == candidate
                    )
                ).mappings()
                keep(("dot_vote", dict(m)) for m in found)
        row_ids = [key for key in keys if isinstance(key, int)]
        if row_ids:
            keep(capture(s, SECTION_KIND[section], row_ids))
    if record_ids:
        found = s.execute(select(MergeRecord.__table__).where(MergeRecord.id.in_(record_ids))).mappings()
        keep(("merge_record", dict(m)) for m in found)
    return tuple(rows)


def _apply(s: Session, ids: Ids, proposal: Proposal, side: Side | None) -> Outcome:
    """Write one accepted proposal on the side chosen; what the merge did with it."""
    if proposal.change is Change.CONFLICT and side is Side.PLAN:
        return Outcome.KEPT_PLAN
    if proposal.draft_item is None:
        assert proposal.plan_item is not None
        remove_item(s, ids, proposal.plan_item)
        return Outcome.REMOVED
    existed = (
        row_key(s, ids, proposal.draft_item) is not None
        if proposal.section != "votes"
        else proposal.plan_item is not None
    )
    write_item(s, ids, proposal.draft_item)
    return Outcome.CHANGED if existed else Outcome.ADDED
