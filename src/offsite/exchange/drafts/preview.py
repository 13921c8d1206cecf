"""The merge's preview: each draft compared with the plan, read-only.

``preview_merge`` reads drafts (a draft is never written by a merge) and lists, per draft, what
it adds, changes and removes and what conflicts with the plan (``domain.drafting.compare``). A
draft of another plan, a file that is no draft, an older copy of a draft merged before, or one
holding values typing would refuse is refused with its reason; the preview never changes a file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from offsite.domain.drafting import (
    SECTION,
    Base,
    Change,
    Comparison,
    Item,
    Proposal,
    compare,
    items_of,
    match_references,
    name_key,
    names_of,
    quote,
    remap,
    summary,
)
from offsite.domain.errors import MergeRefusedError, OffsiteError
from offsite.domain.formatting import format_moment, format_number, format_short_date
from offsite.domain.language import plural, translate
from offsite.domain.rules import document_faults
from offsite.exchange.drafts.pack import PACK_SECTIONS, same_file
from offsite.services.draft_marking import DraftInfo, draft_info, read_draft_info
from offsite.store import PlanFile, open_plan_file
from offsite.store.document import document_of, plan_document
from offsite.store.document.data import DRAFTED
from offsite.store.models import DraftBase, MergeRecord
from offsite.store.planfile import signed_error

#: Where a draft records a leader's own say: buy-in and dots, which only that leader can give.
_STANCE_SECTIONS = frozenset({"buy_in", "definition_stances", "agreement_stances", "votes"})


@dataclass(frozen=True, slots=True)
class DraftPreview:
    """One draft compared with the plan; ``refused`` is why it cannot be merged (then nothing else is set)."""

    path: Path
    info: DraftInfo | None = None
    proposals: tuple[Proposal, ...] = ()
    notes: tuple[str, ...] = ()
    refused: str = ""
    #: The draft's document in the plan's identities.
    document: Mapping[str, Any] = field(default_factory=dict, repr=False)
    #: The draft's leader in the plan's identities (a new draft's leader is matched by name).
    leader_uid: str = ""

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def label(self) -> str:
        return self.info.label if self.info is not None else f"“{self.name}”"

    def count(self, change: Change) -> int:
        return sum(1 for p in self.proposals if p.change is change)

    @property
    def tally(self) -> str:
        """“3 additions, 1 change, 1 conflict”, or “nothing new”."""
        words = []
        for change, one, many in (
            (
                Change.ADD,
                translate("DraftMerge", "{count} addition"),
                translate("DraftMerge", "{count} additions"),
            ),
            (
                Change.CHANGE,
                translate("DraftMerge", "{count} change"),
                translate("DraftMerge", "{count} changes"),
            ),
            (
                Change.REMOVE,
                translate("DraftMerge", "{count} removal"),
                translate("DraftMerge", "{count} removals"),
            ),
            (
                Change.CONFLICT,
                translate("DraftMerge", "{count} conflict"),
                translate("DraftMerge", "{count} conflicts"),
            ),
        ):
            n = self.count(change)
            if n:
                words.append(plural(n, one, many).format(count=format_number(n)))
        return ", ".join(words) or translate("DraftMerge", "nothing new")


@dataclass(frozen=True, slots=True)
class MergePreview:
    """Drafts compared with the plan, in the order given; the plan's items as they were then."""

    plan_name: str
    drafts: tuple[DraftPreview, ...]
    plan_items: Mapping[str, Item] = field(default_factory=dict, repr=False)

    @property
    def mergeable(self) -> tuple[DraftPreview, ...]:
        return tuple(d for d in self.drafts if not d.refused)

    def proposals(self) -> Iterable[tuple[DraftPreview, Proposal]]:
        for draft in self.mergeable:
            for proposal in draft.proposals:
                yield draft, proposal

    def default_selection(self) -> set[tuple[str, str]]:
        """Everything but the conflicts (they wait for a side) and what a draft records on others' behalf."""
        behalf = self.on_behalf()
        return {
            (d.info.uid, p.key)
            for d, p in self.proposals()
            if p.change is not Change.CONFLICT and d.info and (d.info.uid, p.key) not in behalf
        }

    def on_behalf(self) -> set[tuple[str, str]]:
        """Buy-in and dot votes a draft records for leaders other than its own.

        A leader drafting alone can click any leader's column; only that leader can say they
        agree, so these are offered unticked (the preview's notes say so).
        """
        return {
            (d.info.uid, item.key)
            for d in self.mergeable
            if d.info
            for item in _for_others(d.proposals, d.leader_uid)
        }


def preview_merge(plan: PlanFile, paths: Sequence[Path | str]) -> MergePreview:
    """Compare each draft with ``plan``; nothing is written to any file.

    Raises MergeRefusedError when ``plan`` itself cannot take a merge (a draft, or signed).
    A draft that cannot be merged is in the result with ``refused`` saying why.
    """
    own = read_draft_info(plan)
    if own is not None:
        raise MergeRefusedError(
            translate(
                "DraftMerge",
                "“{plan}” is itself a draft ({draft}). Merge drafts into the plan the facilitator keeps.",
            ).format(plan=plan.name, draft=own.label)
        )
    locked = plan.locked_version()
    if locked is not None:
        raise MergeRefusedError(str(signed_error(plan.name, locked)))
    base_document = plan_document(plan)
    plan_items = items_of(base_document, DRAFTED)
    # Teams, leaders and goals an earlier draft of this merge adds are matched by later ones,
    # so two drafts naming a new team alike make one team.
    seen = {k: list(base_document[k]) for k in PACK_SECTIONS}
    # Each leader's dots in the plan, and with each draft's votes as the preview goes on.
    dots: dict[str, int] = {}
    # The glossary's terms and where each is defined: a term defined twice is two entries.
    the_plan = translate("DraftMerge", "the plan")
    terms = {name_key(d["term"]): the_plan for d in base_document.get("definitions", ())}
    # Likewise each agreement's kind and title: two hand-offs “Demo request” are two entries.
    titles = {
        (a["kind"], name_key(a["title"])): the_plan
        for a in base_document.get("agreements", ())
        if a["title"].strip()
    }
    for v in base_document.get("votes", ()):
        dots[v["leader"]] = dots.get(v["leader"], 0) + int(v["dots"])
    with plan.read() as s:
        records = _latest_records(s)
    previews: list[DraftPreview] = []
    draft_uids: dict[str, str] = {}
    for raw in paths:
        path = Path(raw)
        if same_file(path, plan.path):
            previews.append(
                DraftPreview(
                    path,
                    refused=translate(
                        "DraftMerge",
                        "“{file}” is the plan itself, not a draft of it; nothing was merged from it.",
                    ).format(file=path.name),
                )
            )
            continue
        try:
            info, document, bases = _read_draft(path)
        except OffsiteError as error:
            reason = (
                str(error)
                if path.name in str(error)
                else translate("DraftMerge", "“{file}” cannot be merged: {error}").format(
                    file=path.name, error=error
                )
            )
            refused = translate("DraftMerge", "{reason} Nothing was merged from it.").format(reason=reason)
            previews.append(DraftPreview(path, refused=refused))
            continue
        if info is None:
            previews.append(
                DraftPreview(
                    path,
                    refused=translate(
                        "DraftMerge",
                        "“{file}” is a plan, not a draft: only a draft pack (File ▸ Export Draft Pack) "
                        "or a draft a leader started (File ▸ New Draft) can be merged. Neither file was changed.",
                    ).format(file=path.name),
                )
            )
            continue
        plan_uid = base_document["plan"]["uid"]
        if info.plan_uid is not None and info.plan_uid != plan_uid:
            previews.append(
                DraftPreview(
                    path,
                    info,
                    refused=_other_plan(path.name, info, base_document["plan"]["title"]),
                )
            )
            continue
        faults = _faults(path.name, document)
        if faults:
            previews.append(DraftPreview(path, info, refused=faults))
            continue
        older = _older_copy(path.name, info, records.get(info.uid, {}))
        if older:
            previews.append(DraftPreview(path, info, refused=older))
            continue
        if info.uid in draft_uids:
            previews.append(
                DraftPreview(
                    path,
                    info,
                    refused=translate(
                        "DraftMerge",
                        "“{file}” is the same draft as “{other}” ({draft}): "
                        "merge one of them. Each leader needs a pack of their own.",
                    ).format(file=path.name, other=draft_uids[info.uid], draft=info.label),
                )
            )
            continue
        draft_uids[info.uid] = path.name
        augmented = {**base_document, **{k: list(v) for k, v in seen.items()}}
        mapping = match_references(document, augmented)
        mapped = remap(document, mapping)
        # The draft as the room knows its leader: “tomas herrera” matched is Tomás Herrera.
        known = {r["uid"]: r["name"] for r in augmented["leaders"]}
        leader_uid = mapping.get(info.leader_uid, info.leader_uid)
        if leader_uid in known:
            info = replace(info, leader_name=known[leader_uid])
        lineage = {
            key: Base(r.draft_fingerprint, r.plan_fingerprint) for key, r in records.get(info.uid, {}).items()
        }
        ancestors = {remap(key, mapping): Base(fp, fp) for key, fp in bases.items()}
        ancestors.update(lineage)
        # The plan's names first: a draft started from nothing that calls its team “sales” or its
        # leader “maya okafor” is listed with the names the room knows (“Sales”, “Maya Okafor”).
        comparison = compare(mapped, augmented, ancestors, names=names_of(augmented, mapped), shape=DRAFTED)
        comparison = _without_unmet(
            comparison, set(plan_items) | {r["uid"] for k in PACK_SECTIONS for r in seen[k]}
        )
        for proposal in comparison.proposals:
            if SECTION[proposal.section].reference and proposal.draft_item is not None:
                seen[proposal.section].append({"uid": proposal.key, **proposal.draft_item.content})
        previews.append(
            DraftPreview(
                path,
                info,
                comparison.proposals,
                comparison.notes
                + _over_budget(comparison.proposals, dots, base_document["plan"]["dot_budget"], augmented)
                + _terms_twice(comparison.proposals, terms, info.label)
                + _titles_twice(comparison.proposals, titles, info.label)
                + _behalf_note(comparison.proposals, leader_uid, augmented),
                document=mapped,
                leader_uid=leader_uid,
            )
        )
    return MergePreview(plan.name, _cross_conflicts(previews), plan_items)


def _over_budget(
    proposals: Sequence[Proposal], dots: dict[str, int], budget: int, plan: Mapping[str, Any]
) -> tuple[str, ...]:
    """Notes on leaders whose dots this draft's votes take past the plan's budget; ``dots`` is kept current.

    A leader drafting alone sees a full budget; in the room their dots meet those they placed
    there, and the merge writes what was accepted as it is, so the facilitator is told here.
    """
    raised: list[str] = []
    for p in proposals:
        if p.section != "votes":
            continue
        item = p.draft_item or p.plan_item
        assert item is not None
        leader = item.content["leader"]
        new = int(p.draft_item.content["dots"]) if p.draft_item is not None else 0
        old = int(p.plan_item.content["dots"]) if p.plan_item is not None else 0
        dots[leader] = dots.get(leader, 0) + new - old
        if new > old and leader not in raised:
            raised.append(leader)
    names = {r["uid"]: r["name"] for r in plan.get("leaders", ())}
    over = translate(
        "DraftMerge",
        "{leader} would have {dots} dots with this draft's votes, "
        "over the budget of {budget}; untick some of them, or take dots back in the plan.",
    )
    return tuple(
        over.format(
            leader=names.get(leader) or translate("DraftMerge", "A leader"),
            dots=format_number(dots[leader]),
            budget=format_number(budget),
        )
        for leader in raised
        if dots[leader] > budget
    )


def _behalf_note(proposals: Sequence[Proposal], own: str, plan: Mapping[str, Any]) -> tuple[str, ...]:
    """A note when a draft records buy-in or dots for other leaders: those wait, unticked."""
    names = {r["uid"]: r["name"] for r in plan.get("leaders", ())}
    others = list(
        dict.fromkeys(
            names.get(item.content["leader"]) or translate("DraftMerge", "another leader")
            for item in _for_others(proposals, own)
        )
    )
    if not others:
        return ()
    if len(others) == 1:
        return (
            translate(
                "DraftMerge",
                "The draft records buy-in or dots for {leader}, which only that leader can give: they are "
                "left out unless chosen (tick them, or add --with-others on the command line).",
            ).format(leader=others[0]),
        )
    return (
        translate(
            "DraftMerge",
            "The draft records buy-in or dots for {leaders} and {last}, which only those leaders can give: "
            "they are left out unless chosen (tick them, or add --with-others on the command line).",
        ).format(leaders=", ".join(others[:-1]), last=others[-1]),
    )


def _terms_twice(proposals: Sequence[Proposal], terms: dict[str, str], label: str) -> tuple[str, ...]:
    """Notes on definitions this draft adds for a term the plan (or an earlier draft) defines already.

    Both would be merged as two entries of one term; ``terms`` is kept current across the drafts.
    """
    notes = []
    for p in proposals:
        if p.section != "definitions" or p.change is not Change.ADD or p.draft_item is None:
            continue
        term = name_key(str(p.draft_item.content["term"]))
        if term in terms:
            notes.append(
                translate(
                    "DraftMerge",
                    "The definition {definition} is defined in {where} already; merging it makes two "
                    "entries for one term: untick one, or merge and settle the wording on the Definitions tab.",
                ).format(definition=p.label, where=terms[term])
            )
        else:
            terms[term] = label
    return tuple(notes)


def _titles_twice(
    proposals: Sequence[Proposal], titles: dict[tuple[str, str], str], label: str
) -> tuple[str, ...]:
    """Notes on agreements this draft adds with the kind and title of one the plan (or an earlier
    draft) holds already, as ``_terms_twice`` for definitions; ``titles`` is kept current."""
    notes = []
    for p in proposals:
        if p.section != "agreements" or p.change is not Change.ADD or p.draft_item is None:
            continue
        kind, title = str(p.draft_item.content["kind"]), str(p.draft_item.content["title"])
        if not title.strip():
            continue
        key = (kind, name_key(title))
        if key in titles:
            notes.append(
                translate(
                    "DraftMerge",
                    "The {noun} {item} is in {where} already; merging it makes two entries of "
                    "one {noun}: untick one, or merge and settle the wording in the plan.",
                ).format(noun=p.noun, item=p.label, where=titles[key])
            )
        else:
            titles[key] = label
    return tuple(notes)


def _other_plan(name: str, info: DraftInfo, title: str) -> str:
    """Why a draft of another plan is refused; two plans may share a title, so say which is which."""
    if name_key(info.plan_title) == name_key(title):
        return translate(
            "DraftMerge",
            "“{file}” is {draft}, but of another plan file with the same title (the pack was made on "
            "{day} from a plan this one is not): merge it into the plan it came from. Neither file was changed.",
        ).format(file=name, draft=info.label, day=format_short_date(info.made_at.date()))
    return translate(
        "DraftMerge",
        "“{file}” is {draft}, made from another plan, not from {plan}: merge it into the "
        "plan it came from. Neither file was changed.",
    ).format(file=name, draft=info.label, plan=quote(title))


def _older_copy(name: str, info: DraftInfo, records: Mapping[str, MergeRecord]) -> str:
    """Why ``info`` is an older copy of a draft merged before (empty when it is not).

    Merging it would take back, as removals and changes, what the later copy brought.
    """
    merged = [r for r in records.values() if r.draft_revision is not None]
    latest = max(merged, key=lambda r: (r.draft_revision or 0, r.id), default=None)
    if latest is None or latest.draft_revision is None or info.revision >= latest.draft_revision:
        return ""
    return translate(
        "DraftMerge",
        "“{file}” is an older copy of {draft}: a later copy (“{latest}”) was merged on "
        "{when} UTC, and merging this one would take back what that one brought. Merge the latest copy; "
        "nothing was merged from this one.",
    ).format(file=name, draft=info.label, latest=latest.draft_name, when=format_moment(latest.merged_at))


#: How many faulty values a refused draft lists before it counts the rest.
_FAULTS_LISTED = 8


def _faults(name: str, document: Mapping[str, Any]) -> str:
    """Why a draft holding values the app would refuse if typed cannot be merged (empty when none).

    The draft is a file from elsewhere: anything can have been written into it. Its every value
    is held to the rules typing keeps (domain.rules), before anything of it is merged.
    """
    faults = document_faults(document)
    if not faults:
        return ""
    listed = "; ".join(str(fault) for fault in faults[:_FAULTS_LISTED])
    more = len(faults) - _FAULTS_LISTED
    if more > 0:
        listed += plural(
            more,
            translate("DraftMerge", "; and {count} more value like these"),
            translate("DraftMerge", "; and {count} more values like these"),
        ).format(count=format_number(more))
    return translate(
        "DraftMerge",
        "{file}: {faults}. Offsite would refuse these if typed, so nothing was merged from “{file}”; "
        "correct them in the draft (or ask its leader for a new one).",
    ).format(file=name, faults=listed)


def _read_draft(path: Path) -> tuple[DraftInfo | None, dict[str, Any], dict[str, str]]:
    """The draft's marking, document and pack fingerprints, read without writing a byte of it."""
    draft = open_plan_file(path, readonly=True)
    try:
        with draft.read() as s:
            info = draft_info(s)
            if info is None:
                return None, {}, {}
            bases = {b.item_key: b.fingerprint for b in s.scalars(select(DraftBase))}
            try:
                document = document_of(s, path.name)
            except (ValueError, TypeError, KeyError, ArithmeticError):
                # A value no plan holds in that column (text where a date belongs), or a row naming
                # one the file does not have: written by something other than Offsite.
                raise MergeRefusedError(
                    translate(
                        "DraftMerge",
                        "“{file}” holds values Offsite cannot read as a plan (a date, number or "
                        "reference of the wrong kind), so it was not written by Offsite as it is; "
                        "ask its leader for a new draft.",
                    ).format(file=path.name)
                ) from None
            return info, document, bases
    finally:
        draft.close()


def _latest_records(s: Session) -> dict[str, dict[str, MergeRecord]]:
    """For each draft, each item's latest merge record: the common ancestor of the next merge."""
    latest: dict[str, dict[str, MergeRecord]] = {}
    for record in s.scalars(select(MergeRecord).order_by(MergeRecord.id)):
        latest.setdefault(record.draft_uid, {})[record.item_key] = record
    return latest


def _without_unmet(comparison: Comparison, present: set[str]) -> Comparison:
    """Drop proposals that need an item neither the plan holds nor the draft offers; say so in a note."""
    proposals = list(comparison.proposals)
    notes = list(comparison.notes)
    while True:
        offered = {p.key for p in proposals if p.draft_item is not None}
        unmet = [
            p
            for p in proposals
            if p.draft_item is not None and any(r not in present and r not in offered for r in p.requires)
        ]
        if not unmet:
            break
        for p in unmet:
            proposals.remove(p)
            notes.append(
                translate(
                    "DraftMerge",
                    "The {noun} {item} is not merged: it belongs to something the plan no longer holds.",
                ).format(noun=p.noun, item=p.label)
            )
    return Comparison(tuple(proposals), tuple(notes), comparison.counts)


def _cross_conflicts(previews: list[DraftPreview]) -> tuple[DraftPreview, ...]:
    """An item two drafts of one merge both change, remove or add (a funnel for the same goal)
    is a conflict in each: only one side can win, and the facilitator picks it.
    """
    touched: dict[str, list[str]] = {}
    for preview in previews:
        for p in preview.proposals:
            if not SECTION[p.section].reference and not SECTION[p.section].history:
                touched.setdefault(p.key, []).append(preview.label)
    if not any(len(v) > 1 for v in touched.values()):
        return tuple(previews)
    names = names_of(*(p.document for p in previews))
    result = []
    for preview in previews:
        proposals = []
        for p in preview.proposals:
            others = [label for label in touched.get(p.key, ()) if label != preview.label]
            if others:
                if p.change is Change.ADD:
                    also = translate("DraftMerge", "also added in {drafts}")
                else:
                    also = translate("DraftMerge", "also changed in {drafts}")
                joined = translate("DraftMerge", " and ").join(others)
                p = replace(
                    p,
                    change=Change.CONFLICT,
                    detail=(p.detail + "; " if p.detail else "") + also.format(drafts=joined),
                    plan_side=p.plan_side or _side(p.plan_item, names),
                    draft_side=p.draft_side or _side(p.draft_item, names),
                )
            proposals.append(p)
        result.append(replace(preview, proposals=tuple(proposals)))
    return tuple(result)


def _side(item: Item | None, names: Mapping[str, str]) -> str:
    """One side of a conflict between drafts, in a line: what tells it from the other side."""
    if item is None:
        return translate("DraftMerge", "none")
    return summary(item, names)


def _for_others(proposals: Iterable[Proposal], own: str) -> Iterable[Item]:
    """The buy-in and dots among ``proposals`` that a draft of leader ``own`` records for other leaders."""
    for p in proposals:
        item = p.draft_item
        if (
            item is not None
            and p.section in _STANCE_SECTIONS
            and item.content.get("leader") not in (None, own)
        ):
            yield item
