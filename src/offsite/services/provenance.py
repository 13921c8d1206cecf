"""Where the plan's items came from: the history of merged drafts, as a facilitator reads it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import groupby

from sqlalchemy import inspect, select

from offsite.domain.drafting import SECTION, Outcome, items_of, label, names_of, noun_of
from offsite.domain.language import translate
from offsite.store import PlanFile
from offsite.store.document import document_of
from offsite.store.document.data import DRAFTED
from offsite.store.models import MergeRecord


@dataclass(frozen=True, slots=True)
class MergeEntry:
    """One item one merge settled: when, from whose draft, what it is and what became of it."""

    merged_at: dt.datetime
    leader_name: str
    draft_name: str
    noun: str
    label: str
    outcome: Outcome

    @property
    def outcome_text(self) -> str:
        return {
            Outcome.ADDED: translate("Provenance", "added"),
            Outcome.CHANGED: translate("Provenance", "changed"),
            Outcome.REMOVED: translate("Provenance", "removed"),
            Outcome.KEPT_PLAN: translate("Provenance", "kept as the plan had it"),
        }[self.outcome]


def merge_history(plan: PlanFile) -> tuple[MergeEntry, ...]:
    """Every item every merge settled, newest merge first (by the order written, not the merging
    machine's clock), each merge's items in the order it wrote them; items since removed say so."""
    with plan.read() as s:
        if not inspect(s.connection()).has_table("merge_record"):
            return ()
        written = list(s.scalars(select(MergeRecord).order_by(MergeRecord.id)))
        if not written:
            return ()
        # A merge writes its records one after another: newest merge first, each in the order written.
        merges = [list(group) for _, group in groupby(written, key=lambda r: (r.merged_at, r.draft_uid))]
        records = [r for merge in reversed(merges) for r in merge]
        document = document_of(s, plan.name)
    items = items_of(document, DRAFTED)
    names = names_of(document)
    entries = []
    for r in records:
        item = items.get(r.item_key)
        section = SECTION.get(r.section)
        noun = section.shown_noun if section is not None else r.section.replace("_", " ")
        noun = noun_of(item) if item is not None else noun  # an agreement by its kind: hand-off
        shown = (
            label(item, names)
            if item is not None
            else translate("Provenance", "(no longer in the plan; {key})").format(key=r.item_key[:8])
        )
        entries.append(MergeEntry(r.merged_at, r.leader_name, r.draft_name, noun, shown, Outcome(r.action)))
    return tuple(entries)
