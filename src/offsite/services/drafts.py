"""Drafting alone and merging in the room: draft packs, drafts from nothing, and the merge.

- ``export_draft_pack`` writes, for one leader, a plan file holding what they draft against
  (the plan's details, teams, leaders, company goals and agenda), marked as that leader's draft
  of that plan, with each item's fingerprint as the common ancestor of a later merge.
- ``start_draft`` makes a draft with nothing but the app: the leader, their team, a title.
- ``preview_merge`` reads drafts (read-only: a draft is never written by a merge) and lists, per
  draft, what it adds, changes and removes and what conflicts with the plan
  (``domain.drafting.compare``). A draft of another plan, or a file that is no draft, is
  refused there with its reason; the preview itself never changes a file.
- ``merge_drafts`` writes the accepted proposals in one transaction, with a merge record per
  item: the item's origin (leader, draft, time) and both sides' state, so that merging the same
  draft again brings nothing and a later state of the draft updates what the earlier one brought.
  It returns the rows before and after, so that undo and redo are one step each.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, insert, inspect, select, update
from sqlalchemy.orm import Session

from offsite.domain.drafting import (
    SECTION,
    Base,
    Change,
    Comparison,
    Item,
    Outcome,
    Proposal,
    Side,
    compare,
    items_of,
    match_references,
    name_key,
    names_of,
    quote,
    remap,
    summary,
)
from offsite.domain.errors import (
    EditRefusedError,
    MergeRefusedError,
    NotAPlanError,
    OffsiteError,
    PlanTooNewError,
)
from offsite.domain.exercises import FUNNEL_INPUTS, SmartCriterion
from offsite.domain.rules import clean_text, document_faults
from offsite.domain.values import Kind
from offsite.services.buyin import utc_now
from offsite.services.changes import MODELS, capture, put_back
from offsite.store import PlanFile, create_plan_file, open_plan_file, revision
from offsite.store.document import document_of, plan_document
from offsite.store.fileformat import read_header
from offsite.store.models import (
    AgendaDay,
    AgendaItem,
    Candidate,
    CompanyGoal,
    Definition,
    DefinitionStance,
    DotVote,
    Draft,
    DraftBase,
    EmpathyNote,
    Funnel,
    Leader,
    MergeRecord,
    Metric,
    Objective,
    ObjectiveGoal,
    ObjectiveOrigin,
    ObjectiveTeam,
    ParkingItem,
    Plan,
    StanceRecord,
    SwitchItem,
    Team,
    TeamGoal,
    TeamSwitch,
    Theme,
    ThemeLink,
    WhyNode,
)
from offsite.store.models import (
    Base as TableBase,
)
from offsite.store.planfile import signed_error

#: Where a draft records a leader's own say: buy-in and dots, which only that leader can give.
_STANCE_SECTIONS = frozenset({"buy_in", "definition_stances", "votes"})

#: The sections a pack copies from the plan: what a leader drafts against.
PACK_SECTIONS = ("teams", "leaders", "company_goals")

_SECTION_KIND: dict[str, Kind] = {
    "teams": Kind.TEAM,
    "leaders": Kind.LEADER,
    "company_goals": Kind.GOAL,
    "objectives": Kind.OBJECTIVE,
    "buy_in": Kind.STANCE,
    "definitions": Kind.DEFINITION,
    "definition_stances": Kind.DEFINITION_STANCE,
    "why_chains": Kind.WHY_NODE,
    "themes": Kind.THEME,
    "team_goals": Kind.TEAM_GOAL,
    "funnels": Kind.FUNNEL,
    "team_switches": Kind.SWITCH,
    "candidates": Kind.CANDIDATE,
    "parking_lot": Kind.PARKED,
}


@dataclass(frozen=True, slots=True)
class DraftInfo:
    """Whose draft a file is, and of which plan (``plan_uid`` None: started with nothing but the app)."""

    uid: str
    plan_uid: str | None
    plan_title: str
    leader_uid: str
    leader_name: str
    made_at: dt.datetime
    #: Rows the leader's edits have written (store.revision): a later copy has a higher one.
    revision: int = 0

    @property
    def label(self) -> str:
        """“Dana Whitfield's draft of “FY27 offsite”” as the window and the preview say it."""
        of = f" of {quote(self.plan_title)}" if self.plan_title.strip() else ""
        return f"{possessive(self.leader_name)} draft{of}"


def possessive(name: str) -> str:
    return f"{name}’" if name.endswith("s") else f"{name}’s"


def read_draft_info(plan: PlanFile) -> DraftInfo | None:
    """The file's draft marking, or None for a plan (or a file older than drafts)."""
    with plan.read() as s:
        return _draft_info(s)


def _draft_info(s: Session) -> DraftInfo | None:
    if not inspect(s.connection()).has_table("draft"):
        return None
    row = s.scalars(select(Draft).order_by(Draft.id).limit(1)).first()
    if row is None:
        return None
    return DraftInfo(
        row.uid, row.plan_uid, row.plan_title, row.leader_uid, row.leader_name, row.made_at, row.revision
    )


# --- Making drafts --------------------------------------------------------------------------------


def _is_plan_file(path: Path) -> bool:
    """True for an existing Offsite plan or draft (read from its header alone)."""
    try:
        read_header(path)
    except NotAPlanError:
        return False
    except PlanTooNewError:
        return True  # a newer Offsite's plan or draft is ours too
    return True


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.resolve() == other.resolve() or (one.exists() and one.samefile(other))
    except (OSError, RuntimeError):  # RuntimeError: a link that points at itself
        return False


#: Why a pack is never written over an existing file: it may hold a leader's filled draft.
def _pack_exists(out: Path) -> str:
    return f"“{out.name}” already exists and may hold a leader’s draft; choose a new file name for the pack."


def export_draft_pack(
    plan: PlanFile, leader_uid: str, out: Path | str, *, at: dt.datetime | None = None
) -> Path:
    """Write ``out``: the chosen leader's draft of ``plan``, holding what they draft against.

    The pack holds the plan's details, teams, leaders, company goals and agenda (all with the
    plan's identities), and each of those items' fingerprints as the plan has them now. The
    plan is only read. ``out`` is written whole or not at all, and never over another plan or
    draft: that may be a leader's filled draft, perhaps open in another window.
    """
    out = Path(out)
    if _same_file(out, plan.path):
        # The pack would be moved over the open plan: everything but its teams and goals lost.
        raise EditRefusedError(f"“{out.name}” is the plan itself; save the draft pack under another name.")
    if _is_plan_file(out):
        raise EditRefusedError(
            f"“{out.name}” is an Offsite file already and may hold a leader's draft; save the pack under another name."
        )
    document = plan_document(plan)
    leader = next((p for p in document["leaders"] if p["uid"] == leader_uid), None)
    if leader is None:
        raise EditRefusedError("That leader is no longer in the plan; choose another.")
    if read_draft_info(plan) is not None:
        raise EditRefusedError(
            f"“{plan.name}” is itself a draft. Export draft packs from the plan the facilitator keeps."
        )
    if not out.parent.is_dir():
        raise OffsiteError(f"The folder for “{out.name}” does not exist; choose another place.")

    def fill(draft: PlanFile) -> None:
        with draft.write() as s:
            _copy_reference(s, document)
            s.add(
                Draft(
                    plan_uid=document["plan"]["uid"],
                    plan_title=document["plan"]["title"],
                    leader_uid=leader["uid"],
                    leader_name=leader["name"],
                    made_at=at or utc_now(),
                )
            )
            for key, item in items_of({k: document[k] for k in PACK_SECTIONS}).items():
                s.add(DraftBase(item_key=key, fingerprint=item.fingerprint))
            s.flush()
            revision.install(s.connection())  # from here on, every edit of the leader counts

    # Built beside ``out`` and put there whole, never over a file another pack wrote meanwhile.
    create_plan_file(out, fill, exists=_pack_exists(out)).close()
    return out


def _copy_reference(s: Session, document: Mapping[str, Any]) -> None:
    details = document["plan"]
    s.add(
        Plan(
            uid=details["uid"],
            title=details["title"],
            starts_on=_day(details["starts_on"]),
            ends_on=_day(details["ends_on"]),
            venue=details["venue"],
            horizon=details["horizon"],
            vision=details["vision"],
            dot_budget=details["dot_budget"],
            top_n=details["top_n"],
        )
    )
    s.flush()
    ids = _Ids(s)
    for item in items_of({k: document[k] for k in PACK_SECTIONS}).values():
        _write(s, ids, item)
    agenda = document.get("agenda") or {}
    for position, entry in enumerate(agenda.get("items", ())):
        s.add(
            AgendaItem(
                uid=entry["uid"],
                title=entry["title"],
                minutes=entry["minutes"],
                view=entry["view"],
                position=position,
            )
        )
    s.add(AgendaDay(starts_at=(agenda.get("day") or {}).get("starts_at") or "09:00"))


def start_draft(
    path: Path | str,
    leader_name: str,
    team_name: str,
    plan_title: str = "",
    *,
    at: dt.datetime | None = None,
) -> PlanFile:
    """A new draft with nothing but the app: the leader and their team, for a plan to be named later.

    Its teams, leaders and company goals are matched to the plan's by name when it is merged.
    Returns the open draft; refuses to overwrite a file.
    """
    leader_name = clean_text(leader_name, "Your name").strip()
    team_name = clean_text(team_name, "Your team").strip()
    plan_title = clean_text(plan_title, "The offsite").strip()
    if not leader_name:
        raise EditRefusedError("Give your name: the facilitator sees it on everything your draft brings.")
    if not team_name:
        raise EditRefusedError("Give your team, as the plan names it (for example “Sales”).")

    def fill(draft: PlanFile) -> None:
        with draft.write() as s:
            s.add(
                Plan(title=plan_title or f"{possessive(leader_name)} draft", venue="", horizon="", vision="")
            )
            team = Team(name=team_name, position=0)
            s.add(team)
            s.flush()
            leader = Leader(name=leader_name, title="", team_id=team.id, position=0)
            s.add(leader)
            s.flush()
            s.add(
                Draft(
                    plan_uid=None,
                    plan_title=plan_title,
                    leader_uid=leader.uid,
                    leader_name=leader_name,
                    made_at=at or utc_now(),
                )
            )
            s.flush()
            revision.install(s.connection())

    path = Path(path)
    return create_plan_file(
        path, fill, exists=f"“{path.name}” already exists; choose a new file name for your draft."
    )


# --- The preview ----------------------------------------------------------------------------------


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
            (Change.ADD, "addition", "additions"),
            (Change.CHANGE, "change", "changes"),
            (Change.REMOVE, "removal", "removals"),
            (Change.CONFLICT, "conflict", "conflicts"),
        ):
            n = self.count(change)
            if n:
                words.append(f"{n} {one if n == 1 else many}")
        return ", ".join(words) or "nothing new"


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
        found = set()
        for d, p in self.proposals():
            item = p.draft_item
            if d.info is None or item is None or p.section not in _STANCE_SECTIONS:
                continue
            if item.content.get("leader") not in (None, d.leader_uid):
                found.add((d.info.uid, p.key))
        return found


def preview_merge(plan: PlanFile, paths: Sequence[Path | str]) -> MergePreview:
    """Compare each draft with ``plan``; nothing is written to any file.

    Raises MergeRefusedError when ``plan`` itself cannot take a merge (a draft, or signed).
    A draft that cannot be merged is in the result with ``refused`` saying why.
    """
    own = read_draft_info(plan)
    if own is not None:
        raise MergeRefusedError(
            f"“{plan.name}” is itself a draft ({own.label}). Merge drafts into the plan the facilitator keeps."
        )
    locked = plan.locked_version()
    if locked is not None:
        raise MergeRefusedError(str(signed_error(plan.name, locked)))
    base_document = plan_document(plan)
    plan_items = items_of(base_document)
    # Teams, leaders and goals an earlier draft of this merge adds are matched by later ones,
    # so two drafts naming a new team alike make one team.
    seen = {k: list(base_document[k]) for k in PACK_SECTIONS}
    # Each leader's dots in the plan, and with each draft's votes as the preview goes on.
    dots: dict[str, int] = {}
    # The glossary's terms and where each is defined: a term defined twice is two entries.
    terms = {name_key(d["term"]): "the plan" for d in base_document.get("definitions", ())}
    for v in base_document.get("votes", ()):
        dots[v["leader"]] = dots.get(v["leader"], 0) + int(v["dots"])
    with plan.read() as s:
        records = _latest_records(s)
    previews: list[DraftPreview] = []
    draft_uids: dict[str, str] = {}
    for raw in paths:
        path = Path(raw)
        try:
            same_file = path.resolve() == plan.path.resolve()
        except (OSError, RuntimeError):  # RuntimeError: a link that points at itself
            same_file = False
        if same_file:
            previews.append(
                DraftPreview(
                    path,
                    refused=f"“{path.name}” is the plan itself, not a draft of it; nothing was merged from it.",
                )
            )
            continue
        try:
            info, document, bases = _read_draft(path)
        except OffsiteError as error:
            reason = str(error) if path.name in str(error) else f"“{path.name}” cannot be merged: {error}"
            previews.append(DraftPreview(path, refused=f"{reason} Nothing was merged from it."))
            continue
        if info is None:
            previews.append(
                DraftPreview(
                    path,
                    refused=(
                        f"“{path.name}” is a plan, not a draft: only a draft pack (File ▸ Export Draft Pack) "
                        "or a draft a leader started (File ▸ New Draft) can be merged. Neither file was changed."
                    ),
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
                    refused=(
                        f"“{path.name}” is the same draft as “{draft_uids[info.uid]}” ({info.label}): "
                        "merge one of them. Each leader needs a pack of their own."
                    ),
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
        comparison = compare(mapped, augmented, ancestors, names=names_of(augmented, mapped))
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
                + _behalf_note(
                    comparison.proposals, mapping.get(info.leader_uid, info.leader_uid), augmented
                ),
                document=mapped,
                leader_uid=mapping.get(info.leader_uid, info.leader_uid),
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
    return tuple(
        f"{names.get(leader, 'A leader')} would have {dots[leader]} dots with this draft's votes, "
        f"over the budget of {budget}; untick some of them, or take dots back in the plan."
        for leader in raised
        if dots[leader] > budget
    )


def _behalf_note(proposals: Sequence[Proposal], own: str, plan: Mapping[str, Any]) -> tuple[str, ...]:
    """A note when a draft records buy-in or dots for other leaders: those wait, unticked."""
    names = {r["uid"]: r["name"] for r in plan.get("leaders", ())}
    others = []
    for p in proposals:
        item = p.draft_item
        if item is None or p.section not in _STANCE_SECTIONS:
            continue
        leader = item.content.get("leader")
        if leader not in (None, own) and names.get(leader, "another leader") not in others:
            others.append(names.get(leader, "another leader"))
    if not others:
        return ()
    who = " and ".join([", ".join(others[:-1]), others[-1]] if len(others) > 1 else others)
    return (
        f"The draft records buy-in or dots for {who}, which only "
        f"{'that leader' if len(others) == 1 else 'those leaders'} can give: they are left out unless "
        "chosen (tick them, or add --with-others on the command line).",
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
                f"The definition {p.label} is defined in {terms[term]} already; merging it makes two "
                "entries for one term: untick one, or merge and settle the wording on the Definitions tab."
            )
        else:
            terms[term] = label
    return tuple(notes)


def _other_plan(name: str, info: DraftInfo, title: str) -> str:
    """Why a draft of another plan is refused; two plans may share a title, so say which is which."""
    if name_key(info.plan_title) == name_key(title):
        made = info.made_at.strftime("%-d %b %Y")
        return (
            f"“{name}” is {info.label}, but of another plan file with the same title (the pack was made on "
            f"{made} from a plan this one is not): merge it into the plan it came from. Neither file was changed."
        )
    return (
        f"“{name}” is {info.label}, made from another plan, not from {quote(title)}: merge it into the "
        "plan it came from. Neither file was changed."
    )


def _older_copy(name: str, info: DraftInfo, records: Mapping[str, MergeRecord]) -> str:
    """Why ``info`` is an older copy of a draft merged before (empty when it is not).

    Merging it would take back, as removals and changes, what the later copy brought.
    """
    merged = [r for r in records.values() if r.draft_revision is not None]
    latest = max(merged, key=lambda r: (r.draft_revision or 0, r.id), default=None)
    if latest is None or latest.draft_revision is None or info.revision >= latest.draft_revision:
        return ""
    when = latest.merged_at.strftime("%-d %b %Y %H:%M")
    return (
        f"“{name}” is an older copy of {info.label}: a later copy (“{latest.draft_name}”) was merged on "
        f"{when} UTC, and merging this one would take back what that one brought. Merge the latest copy; "
        "nothing was merged from this one."
    )


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
        listed += f"; and {more} more value{'s' if more > 1 else ''} like these"
    return (
        f"{name}: {listed}. Offsite would refuse these if typed, so nothing was merged from “{name}”; "
        "correct them in the draft (or ask its leader for a new one)."
    )


def _read_draft(path: Path) -> tuple[DraftInfo | None, dict[str, Any], dict[str, str]]:
    """The draft's marking, document and pack fingerprints, read without writing a byte of it."""
    draft = open_plan_file(path, readonly=True)
    try:
        with draft.read() as s:
            info = _draft_info(s)
            if info is None:
                return None, {}, {}
            bases = {b.item_key: b.fingerprint for b in s.scalars(select(DraftBase))}
            try:
                document = document_of(s, path.name)
            except (ValueError, TypeError, KeyError, ArithmeticError):
                # A value no plan holds in that column (text where a date belongs), or a row naming
                # one the file does not have: written by something other than Offsite.
                raise MergeRefusedError(
                    f"“{path.name}” holds values Offsite cannot read as a plan (a date, number or "
                    "reference of the wrong kind), so it was not written by Offsite as it is; "
                    "ask its leader for a new draft."
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
                f"The {p.noun} {p.label} is not merged: it belongs to something the plan no longer holds."
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
                verb = "added" if p.change is Change.ADD else "changed"
                p = replace(
                    p,
                    change=Change.CONFLICT,
                    detail=(p.detail + "; " if p.detail else "") + f"also {verb} in {' and '.join(others)}",
                    plan_side=p.plan_side or _side(p.plan_item, names),
                    draft_side=p.draft_side or _side(p.draft_item, names),
                )
            proposals.append(p)
        result.append(replace(preview, proposals=tuple(proposals)))
    return tuple(result)


def _side(item: Item | None, names: Mapping[str, str]) -> str:
    """One side of a conflict between drafts, in a line: what tells it from the other side."""
    if item is None:
        return "none"
    return summary(item, names)


# --- The merge ------------------------------------------------------------------------------------


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
            (Outcome.ADDED, "added"),
            (Outcome.CHANGED, "changed"),
            (Outcome.REMOVED, "removed"),
            (Outcome.KEPT_PLAN, "kept as the plan had it"),
        ):
            if self.counts.get(outcome.value):
                parts.append(f"{self.counts[outcome.value]} {words}")
        n = len(self.drafts)
        what = f"{n} draft{'s' if n != 1 else ''}"
        return f"Merged {what}: " + (", ".join(parts) if parts else "nothing new") + "."


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
        raise MergeRefusedError("Some of the chosen items are not in this preview; preview the drafts again.")
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
            f"{' and '.join(labels)} both change the {item.noun} {item.label}; "
            "take one draft's side and keep the plan's for the other."
        )
    moment = at or utc_now()
    counts: dict[str, int] = {}
    with plan.write() as s:
        current = items_of(document_of(s, plan.name))
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
                    f"The plan changed since the preview (the {proposal.noun} {proposal.label}); preview the drafts again."
                )
        ids = _Ids(s)
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
        after_items = items_of(document_of(s, plan.name))
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
        roots = _existing_roots(s, _Ids(s), [p for _, p, _ in written])
        after = _image(s, roots, record_ids)
    # The drafts that brought something; when none did, all of them (“Merged 3 drafts: nothing new.”).
    merged = {draft.name for draft, _, _ in written} or {d.name for d in preview.mergeable}
    return MergeResult(counts, tuple(d.name for d in preview.mergeable if d.name in merged), before, after)


def conflicts_message(conflicts: Sequence[tuple[DraftPreview, Proposal]]) -> str:
    """Which conflicts wait for a side, one line each, as the command line and the dialog say it."""
    n = len(conflicts)
    lines = [f"{n} conflict{'s' if n != 1 else ''} need{'s' if n == 1 else ''} a side; nothing was merged:"]
    for draft, p in conflicts:
        # A uid's first characters name the item; a vote's or a funnel's key is made of others' uids.
        key = "" if ":" in p.key else f" [{p.key[:8]}]"
        lines.append(
            f"- {p.noun} {p.label}{key} in {draft.label}: plan: {p.plan_side}; "
            f"draft: {p.draft_side}" + (f"; differs: {p.detail}." if p.detail else ".")
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


def _existing_roots(s: Session, ids: _Ids, proposals: Iterable[Proposal]) -> dict[str, list[Any]]:
    """The rows the proposals touch that exist now, by section (a vote by its leader and candidate)."""
    roots: dict[str, list[Any]] = {}
    for p in proposals:
        if p.section == "votes":
            item = p.draft_item or p.plan_item
            assert item is not None
            leader, candidate = (
                ids.get(Leader, item.content["leader"]),
                ids.get(Candidate, item.content["candidate"]),
            )
            if leader is not None and candidate is not None:
                roots.setdefault("votes", []).append((leader, candidate))
            continue
        row_id = _row_id(s, ids, p)
        if row_id is not None:
            roots.setdefault(p.section, []).append(row_id)
    return roots


def _row_id(s: Session, ids: _Ids, p: Proposal) -> int | None:
    if p.section == "funnels":
        item = p.draft_item or p.plan_item
        assert item is not None
        goal = ids.get(CompanyGoal, item.content["company_goal"])
        return None if goal is None else s.scalar(select(Funnel.id).where(Funnel.company_goal_id == goal))
    return ids.get(MODELS[_SECTION_KIND[p.section]], p.key)


def _image(
    s: Session, roots: Mapping[str, list[Any]], record_ids: list[int]
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

    for section, row_ids in roots.items():
        if section == "votes":
            for leader, candidate in row_ids:
                found = s.execute(
                    select(DotVote.__table__).where(
                        DotVote.leader_id == leader, DotVote.candidate_id == candidate
                    )
                ).mappings()
                keep(("dot_vote", dict(m)) for m in found)
            continue
        keep(capture(s, _SECTION_KIND[section], row_ids))
    if record_ids:
        found = s.execute(select(MergeRecord.__table__).where(MergeRecord.id.in_(record_ids))).mappings()
        keep(("merge_record", dict(m)) for m in found)
    return tuple(rows)


# --- Writing items --------------------------------------------------------------------------------


class _Ids:
    """uid → local id of the plan's rows, read once per table and kept current as rows are written."""

    def __init__(self, s: Session) -> None:
        self._s = s
        self._maps: dict[type, dict[str, int]] = {}

    def _map(self, model: type) -> dict[str, int]:
        if model not in self._maps:
            self._maps[model] = {uid: i for i, uid in self._s.execute(select(model.id, model.uid))}  # type: ignore[attr-defined]
        return self._maps[model]

    def get(self, model: type, uid: str | None) -> int | None:
        return None if uid is None else self._map(model).get(uid)

    def need(self, model: type, uid: str | None) -> int | None:
        if uid is None:
            return None
        found = self.get(model, uid)
        if found is None:
            raise MergeRefusedError(
                "An item of the draft needs something the plan does not hold; preview the drafts again."
            )
        return found

    def forget(self, model: type, uid: str) -> None:
        self._map(model).pop(uid, None)

    def learn(self, model: type, uid: str, row_id: int) -> None:
        self._map(model)[uid] = row_id


def _apply(s: Session, ids: _Ids, proposal: Proposal, side: Side | None) -> Outcome:
    if proposal.change is Change.CONFLICT and side is Side.PLAN:
        return Outcome.KEPT_PLAN
    if proposal.draft_item is None:
        _remove(s, ids, proposal)
        return Outcome.REMOVED
    existed = (
        _row_id(s, ids, proposal) is not None
        if proposal.section != "votes"
        else proposal.plan_item is not None
    )
    _write(s, ids, proposal.draft_item)
    return Outcome.CHANGED if existed else Outcome.ADDED


def _remove(s: Session, ids: _Ids, proposal: Proposal) -> None:
    item = proposal.plan_item
    assert item is not None
    if proposal.section == "votes":
        # Removals come in merge order, parents first: a vote whose candidate (or leader) this
        # merge removed already went with it, so there is nothing left to remove.
        leader = ids.get(Leader, item.content["leader"])
        candidate = ids.get(Candidate, item.content["candidate"])
        if leader is not None and candidate is not None:
            s.execute(delete(DotVote).where(DotVote.leader_id == leader, DotVote.candidate_id == candidate))
        return
    row_id = _row_id(s, ids, proposal)
    if row_id is not None:
        model = MODELS[_SECTION_KIND[proposal.section]]
        s.execute(delete(model).where(model.id == row_id))  # type: ignore[attr-defined]
        ids.forget(model, item.uid)


def _day(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def _moment(value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    return dt.datetime.fromisoformat(value).astimezone(dt.UTC).replace(tzinfo=None)


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def _upsert(s: Session, ids: _Ids, model: type, uid: str, values: Mapping[str, Any]) -> int:
    """Update the row ``uid`` with ``values``, or insert it at the end; returns its id."""
    row_id = ids.get(model, uid)
    if row_id is not None:
        s.execute(update(model).where(model.id == row_id).values(**values))  # type: ignore[attr-defined]
        return row_id
    extra = {}
    if "position" in model.__table__.c:  # type: ignore[attr-defined]
        extra["position"] = int(s.scalar(select(func.coalesce(func.max(model.position), -1))) or 0) + 1  # type: ignore[attr-defined]
    new_id: int = s.execute(insert(model).values(uid=uid, **values, **extra).returning(model.id)).scalar_one()  # type: ignore[attr-defined]
    ids.learn(model, uid, new_id)
    return new_id


def _sync_parts(
    s: Session, model: type, parent_column: str, parent_id: int, parts: Sequence[Mapping[str, Any]]
) -> None:
    """Make the parent's parts (metrics, switch items, empathy notes) those listed, in that order, by uid."""
    column = getattr(model, parent_column)
    existing = {uid: i for i, uid in s.execute(select(model.id, model.uid).where(column == parent_id))}  # type: ignore[attr-defined]
    wanted = {p["uid"] for p in parts}
    gone = [i for uid, i in existing.items() if uid not in wanted]
    if gone:
        s.execute(delete(model).where(model.id.in_(gone)))  # type: ignore[attr-defined]
    has_position = "position" in model.__table__.c  # type: ignore[attr-defined]
    for position, part in enumerate(parts):
        values = {k: v for k, v in part.items() if k != "uid"}
        if has_position:
            values["position"] = position
        if part["uid"] in existing:
            s.execute(update(model).where(model.id == existing[part["uid"]]).values(**values))  # type: ignore[attr-defined]
        else:
            # A part's uid is unique in the file: one moved from another parent moves here.
            s.execute(delete(model).where(model.uid == part["uid"]))  # type: ignore[attr-defined]
            s.execute(insert(model).values(uid=part["uid"], **{parent_column: parent_id}, **values))


def _links(
    s: Session, model: type, own: str, other: str, own_id: int, other_ids: Iterable[int | None]
) -> None:
    s.execute(delete(model).where(getattr(model, own) == own_id))
    rows = [{own: own_id, other: i} for i in dict.fromkeys(other_ids) if i is not None]
    if rows:
        s.execute(insert(model), rows)


def _write(s: Session, ids: _Ids, item: Item) -> None:
    """Make the plan hold ``item`` as given (inserted, or updated in place)."""
    c = item.content
    match item.section:
        case "teams":
            _upsert(s, ids, Team, item.uid, {"name": c["name"]})
        case "leaders":
            _upsert(
                s,
                ids,
                Leader,
                item.uid,
                {
                    "name": c["name"],
                    "title": c["title"],
                    "team_id": ids.get(Team, c.get("team")),
                    "initials": c.get("initials", ""),
                },
            )
        case "company_goals":
            _upsert(
                s,
                ids,
                CompanyGoal,
                item.uid,
                {
                    "statement": c["statement"],
                    "baseline": _float(c["baseline"]),
                    "target": _float(c["target"]),
                    "unit": c["unit"],
                    "due": _day(c["due"]),
                },
            )
        case "objectives":
            row = _upsert(
                s,
                ids,
                Objective,
                item.uid,
                {
                    "statement": c["statement"],
                    "period": c["period"],
                    "method": c["method"],
                    "origin_candidate_uid": c["origin_candidate_uid"],
                    "origin_label": c["origin_label"],
                },
            )
            _links(s, ObjectiveTeam, "objective_id", "team_id", row, (ids.get(Team, t) for t in c["teams"]))
            _links(
                s,
                ObjectiveGoal,
                "objective_id",
                "goal_id",
                row,
                (ids.get(CompanyGoal, g) for g in c["company_goals"]),
            )
            metrics = [
                {
                    **m,
                    "baseline": _float(m["baseline"]),
                    "target": _float(m["target"]),
                    "due": _day(m["due"]),
                }
                for m in c["metrics"]
            ]
            _sync_parts(s, Metric, "objective_id", row, metrics)
            _sync_parts(s, ObjectiveOrigin, "objective_id", row, c.get("merged_from", ()))
        case "buy_in":
            _upsert(
                s,
                ids,
                StanceRecord,
                item.uid,
                {
                    "objective_id": ids.need(Objective, c["objective"]),
                    "leader_id": ids.need(Leader, c["leader"]),
                    "stance": c["stance"],
                    "comment": c["comment"],
                    "recorded_at": _moment(c["recorded_at"]),
                },
            )
        case "definitions":
            _upsert(
                s,
                ids,
                Definition,
                item.uid,
                {"term": c["term"], "definition": c["definition"], "team_id": ids.get(Team, c.get("team"))},
            )
        case "definition_stances":
            _upsert(
                s,
                ids,
                DefinitionStance,
                item.uid,
                {
                    "definition_id": ids.need(Definition, c["definition"]),
                    "leader_id": ids.need(Leader, c["leader"]),
                    "stance": c["stance"],
                    "comment": c["comment"],
                    "recorded_at": _moment(c["recorded_at"]),
                },
            )
        case "why_chains":
            _upsert(
                s,
                ids,
                WhyNode,
                item.uid,
                {
                    "team_id": ids.need(Team, c["team"]),
                    "parent_id": ids.need(WhyNode, c.get("parent")),
                    "text": c["text"],
                },
            )
        case "themes":
            row = _upsert(s, ids, Theme, item.uid, {"name": c["name"]})
            _links(s, ThemeLink, "theme_id", "node_id", row, (ids.get(WhyNode, n) for n in c["nodes"]))
        case "team_goals":
            _upsert(
                s,
                ids,
                TeamGoal,
                item.uid,
                {
                    "company_goal_id": ids.need(CompanyGoal, c["company_goal"]),
                    "parent_id": ids.need(TeamGoal, c.get("parent")),
                    "team_id": ids.get(Team, c.get("team")),
                    "statement": c["statement"],
                    "target": _float(c["target"]),
                    "unit": c["unit"],
                },
            )
        case "funnels":
            goal = ids.need(CompanyGoal, c["company_goal"])
            values = {
                **{name: _float(c[name]) for name in FUNNEL_INPUTS},
                # Stored as ``set_funnel`` stores them: the document writes whole numbers as
                # integers (40), which the plan's reader would not take back as weights (40.0).
                "quarters": json.dumps(c["quarters"], ensure_ascii=False),
                "weights": None if c["weights"] is None else json.dumps([float(w) for w in c["weights"]]),
            }
            existing = s.scalar(select(Funnel.id).where(Funnel.company_goal_id == goal))
            if existing is not None:
                s.execute(update(Funnel).where(Funnel.id == existing).values(**values))
            else:
                s.execute(insert(Funnel).values(uid=item.uid, company_goal_id=goal, **values))
        case "team_switches":
            row = _upsert(
                s,
                ids,
                TeamSwitch,
                item.uid,
                {
                    "player_team_id": ids.need(Team, c["player_team"]),
                    "played_team_id": ids.need(Team, c["played_team"]),
                    "prepare_minutes": c["prepare_minutes"],
                    "present_minutes": c["present_minutes"],
                },
            )
            _sync_parts(s, SwitchItem, "switch_id", row, c["items"])
            notes = [{**n, "team_id": ids.need(Team, n["team"])} for n in c["empathy_notes"]]
            _sync_parts(
                s, EmpathyNote, "switch_id", row, [{k: v for k, v in n.items() if k != "team"} for n in notes]
            )
        case "candidates":
            smart = {}
            for criterion in SmartCriterion:
                mark = c["smart"].get(criterion.value, {})
                smart[f"smart_{criterion.value}"] = mark.get("value")
                smart[f"smart_{criterion.value}_note"] = mark.get("note", "")
            _upsert(
                s,
                ids,
                Candidate,
                item.uid,
                {
                    "team_id": ids.get(Team, c.get("team")),
                    "text": c["text"],
                    "exercise": c["exercise"],
                    "origin_uid": c["origin_uid"],
                    "origin_label": c["origin_label"],
                    "impact": c["impact"],
                    "shortlisted": bool(c.get("shortlisted", False)),
                    **smart,
                },
            )
        case "votes":
            leader, candidate = ids.need(Leader, c["leader"]), ids.need(Candidate, c["candidate"])
            s.execute(delete(DotVote).where(DotVote.leader_id == leader, DotVote.candidate_id == candidate))
            s.execute(insert(DotVote).values(leader_id=leader, candidate_id=candidate, dots=c["dots"]))
        case "parking_lot":
            _upsert(
                s,
                ids,
                ParkingItem,
                item.uid,
                {
                    "text": c["text"],
                    "raised_at": _moment(c["raised_at"]),
                    "raised_in": c["raised_in"],
                    "resolved_at": _moment(c["resolved_at"]),
                    "resolution": c["resolution"],
                    "candidate_uid": c["candidate_uid"],
                },
            )
        case _:  # pragma: no cover - every section of domain.drafting.SECTIONS is written above
            raise AssertionError(item.section)


# --- Origins --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DraftOrigin:
    """Where a merged item came from: the leader, the draft file and the time of the merge."""

    leader_name: str
    draft_name: str
    merged_at: dt.datetime
    outcome: Outcome

    @property
    def label(self) -> str:
        """“From Dana Whitfield’s draft (dana.offsite), merged 23 Nov 2026 10:14 UTC”."""
        when = self.merged_at.strftime("%-d %b %Y %H:%M")
        return f"From {possessive(self.leader_name)} draft ({self.draft_name}), merged {when} UTC"


def read_origins(plan: PlanFile) -> dict[str, DraftOrigin]:
    """Each item the plan holds as a draft brought it: item key → its latest origin."""
    with plan.read() as s:
        if not inspect(s.connection()).has_table("merge_record"):
            return {}
        origins: dict[str, DraftOrigin] = {}
        for r in s.scalars(select(MergeRecord).order_by(MergeRecord.id)):
            outcome = Outcome(r.action)
            if outcome.brought:
                origins[r.item_key] = DraftOrigin(r.leader_name, r.draft_name, r.merged_at, outcome)
            elif outcome is Outcome.REMOVED:
                origins.pop(r.item_key, None)
        return origins
