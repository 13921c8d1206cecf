"""``offsite merge PLAN DRAFT...``: preview leaders' drafts against the plan, and merge them.

Exit 0 merged (or a dry run), 1 refused with nothing written, 2 for input the command cannot use.
Conflicts need a side, chosen for all (``--conflicts``) or by key (``--keep-plan``/``--take-draft``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from offsite.cli.common import IN_USE_ADVICE, UsageError, unreadable_is_usage
from offsite.domain.errors import OffsiteError

if TYPE_CHECKING:
    from offsite.domain.drafting import Proposal, Side
    from offsite.exchange.drafts import DraftPreview, MergePreview

#: The fewest characters of an item key that ``--keep-plan`` / ``--take-draft`` accept.
MIN_KEY = 4
#: How many characters of an item key the preview shows (more when that is not unique).
SHORT_KEY = 8


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    merge = sub.add_parser(
        "merge",
        help="merge leaders' drafts into PLAN: exit 0 merged, 1 refused (nothing written), 2 bad input",
        description=(
            "Preview each DRAFT against PLAN and merge what they add, change and remove. "
            "Conflicts (an item both the plan and a draft changed) need a side: the merge is "
            "refused until each has one. Drafts are never written."
        ),
    )
    merge.add_argument("plan", type=Path, metavar="PLAN")
    merge.add_argument("drafts", type=Path, nargs="+", metavar="DRAFT")
    merge.add_argument(
        "--conflicts", choices=("plan", "draft"), help="the side every conflict takes (unless chosen by key)"
    )
    merge.add_argument(
        "--keep-plan",
        action="append",
        default=[],
        metavar="KEY",
        help="keep the plan's side of the conflict whose key starts with KEY (repeatable)",
    )
    merge.add_argument(
        "--take-draft",
        action="append",
        default=[],
        metavar="KEY",
        help=(
            "take the draft's side of the conflict whose key starts with KEY (repeatable); "
            "DRAFT:KEY names the draft when two drafts changed the item"
        ),
    )
    merge.add_argument("--dry-run", action="store_true", help="show the preview; write nothing")
    merge.add_argument(
        "--skip-refused",
        action="store_true",
        help="merge the other drafts when some are refused (by default nothing is merged then)",
    )
    merge.add_argument(
        "--with-others",
        action="store_true",
        help="also merge buy-in and dots a draft records for leaders other than its own (left out by default)",
    )


@dataclass
class _Choices:
    """What the command line chose for the merge: every proposal of the mergeable drafts, and sides."""

    accepted: set[tuple[str, str]] = field(default_factory=set)
    sides: dict[tuple[str, str], Side] = field(default_factory=dict)
    #: Conflicts still without a side.
    open: list[tuple[DraftPreview, Proposal]] = field(default_factory=list)
    #: Items two drafts would both win: (item key, draft labels).
    doubles: list[tuple[str, list[DraftPreview]]] = field(default_factory=list)


def _short_keys(preview: MergePreview) -> dict[str, str]:
    """Each conflict's item key → the prefix the preview shows: 8 characters, more when needed to be unique."""
    from offsite.domain.drafting import Change

    keys = sorted({p.key for _, p in preview.proposals() if p.change is Change.CONFLICT})
    shown: dict[str, str] = {}
    for key in keys:
        length = SHORT_KEY
        while length < len(key) and any(k != key and k.startswith(key[:length]) for k in keys):
            length += 1
        shown[key] = key[:length]
    return shown


def _find_conflict(preview: MergePreview, text: str, flag: str) -> tuple[str, list[DraftPreview]]:
    """The conflict ``text`` names (a key prefix, or DRAFT:prefix): its item key and the drafts it is in."""
    from offsite.domain.drafting import Change

    conflicts = [(d, p) for d, p in preview.proposals() if p.change is Change.CONFLICT]
    shown = _short_keys(preview)
    draft_name, prefix = None, text.strip()
    head, colon, tail = prefix.partition(":")
    if colon and any(head in (d.name, str(d.path)) for d, _ in conflicts):
        draft_name, prefix = head, tail.strip()
    prefix = prefix.lower()
    if len(prefix) < MIN_KEY:
        raise UsageError(
            f"{flag} “{text}” is too short: give at least {MIN_KEY} characters of a conflict’s key, "
            "as the preview shows it in [brackets]."
        )
    keys = sorted({p.key for _, p in conflicts if p.key.lower().startswith(prefix)})
    listed = ", ".join(
        f"{shown[k]} ({p.noun} {p.label})" for k, p in {p.key: p for _, p in conflicts}.items()
    )
    if not keys:
        if not conflicts:
            raise UsageError(f"{flag} “{text}”: there are no conflicts to choose a side for.")
        raise UsageError(f"{flag} “{text}” names no conflict; the conflicts are: {listed}.")
    if len(keys) > 1:
        raise UsageError(
            f"{flag} “{text}” could be any of {len(keys)} conflicts; give more of the key: "
            + ", ".join(shown[k] for k in keys)
            + "."
        )
    drafts = [
        d
        for d, p in conflicts
        if p.key == keys[0] and (draft_name is None or draft_name in (d.name, str(d.path)))
    ]
    return keys[0], drafts


def _choose(preview: MergePreview, args: argparse.Namespace) -> _Choices:
    """Every proposal of the mergeable drafts, with the sides the flags give; UsageError for a bad KEY."""
    from offsite.domain.drafting import Change, Side

    chosen = _Choices()
    per_key: dict[tuple[str, str], Side] = {}
    for flag, texts, side in (
        ("--keep-plan", args.keep_plan, Side.PLAN),
        ("--take-draft", args.take_draft, Side.DRAFT),
    ):
        for text in texts:
            key, drafts = _find_conflict(preview, text, flag)
            if side is Side.DRAFT and len(drafts) > 1:
                names = ", ".join(d.name for d in drafts)
                raise UsageError(
                    f"--take-draft “{text}”: {len(drafts)} drafts ({names}) change that item and only one can win; "
                    f"say whose, e.g. --take-draft {drafts[0].name}:{text}."
                )
            for d in drafts:
                assert d.info is not None
                choice = (d.info.uid, key)
                if per_key.get(choice, side) is not side:
                    raise UsageError(
                        f"The conflict “{text}” is given both --keep-plan and --take-draft; choose one."
                    )
                per_key[choice] = side
    taken = {key for (_, key), side in per_key.items() if side is Side.DRAFT}
    everyone = Side(args.conflicts) if args.conflicts else None
    behalf = set() if args.with_others else preview.on_behalf()
    for draft, proposal in preview.proposals():
        assert draft.info is not None
        choice = (draft.info.uid, proposal.key)
        if choice in behalf:
            continue
        chosen.accepted.add(choice)
        if proposal.change is not Change.CONFLICT:
            continue
        picked: Side | None = per_key.get(choice)
        if picked is None and proposal.key in taken:
            picked = Side.PLAN  # another draft's side of this item was taken by key: only one wins
        picked = picked or everyone
        if picked is None:
            chosen.open.append((draft, proposal))
        else:
            chosen.sides[choice] = picked
    winners: dict[str, list[DraftPreview]] = {}
    for draft, proposal in preview.proposals():
        assert draft.info is not None
        if (
            proposal.change is Change.CONFLICT
            and chosen.sides.get((draft.info.uid, proposal.key)) is Side.DRAFT
        ):
            winners.setdefault(proposal.key, []).append(draft)
    chosen.doubles = [(k, v) for k, v in winners.items() if len(v) > 1]
    return chosen


def _print_preview(preview: MergePreview, with_others: bool = False) -> None:
    """Each draft and what it brings; what is left out (others' buy-in) is marked so, not counted in."""
    from offsite.domain.drafting import Change

    shown = _short_keys(preview)
    left_out = set() if with_others else preview.on_behalf()
    for draft in preview.drafts:
        named = draft.label if draft.info is None else f"{draft.label} ({draft.name})"
        if draft.refused:
            print(f"{named}: refused.")
            continue
        print(f"{named}: {draft.tally}")
        for p in draft.proposals:
            if draft.info is not None and (draft.info.uid, p.key) in left_out:
                print(f"  ○ {p.noun} {p.label}  (left out: add --with-others to merge it)")
            elif p.change is Change.ADD:
                print(f"  + {p.noun} {p.label}" + (f": {p.detail}" if p.detail else ""))
            elif p.change is Change.CHANGE:
                print(f"  ~ {p.noun} {p.label}" + (f": {p.detail}" if p.detail else ""))
            elif p.change is Change.REMOVE:
                print(f"  - {p.noun} {p.label}")
            else:
                print(
                    f"  ! conflict {p.noun} {p.label}: plan: {p.plan_side}; draft: {p.draft_side}"
                    f"  [{shown[p.key]}]"
                )
                if p.detail:
                    print(f"      differs: {p.detail}")
        for note in draft.notes:
            print(f"  note: {note}")


def _conflicts_message(preview: MergePreview, conflicts: Sequence[tuple[DraftPreview, Proposal]]) -> str:
    """The conflicts still waiting for a side, one line each, and how to choose (with the preview's keys)."""
    shown = _short_keys(preview)
    n = len(conflicts)
    lines = [f"{n} conflict{'s' if n != 1 else ''} need{'s' if n == 1 else ''} a side; nothing was merged:"]
    for draft, p in conflicts:
        lines.append(
            f"- {p.noun} {p.label} [{shown[p.key]}] in {draft.label} ({draft.name}): "
            f"plan: {p.plan_side}; draft: {p.draft_side}" + (f"; differs: {p.detail}." if p.detail else ".")
        )
    example = shown[conflicts[0][1].key]
    lines.append(
        f"Choose with --take-draft KEY or --keep-plan KEY for each (e.g. --take-draft {example}), "
        "or --conflicts draft|plan for all of them."
    )
    return "\n".join(lines)


def _refusal(preview: MergePreview, args: argparse.Namespace, choices: _Choices) -> str | None:
    """Why the merge the flags ask for cannot go ahead, or None."""
    refused = [d for d in preview.drafts if d.refused]
    mergeable = preview.mergeable
    if not mergeable:
        n = len(preview.drafts)
        return "Nothing was merged: " + (
            "the file was refused." if n == 1 else f"all {n} files were refused."
        )
    if refused and not args.skip_refused:
        n = len(refused)
        return (
            f"Nothing was merged: {n} of {len(preview.drafts)} files {'was' if n == 1 else 'were'} refused; "
            f"leave {'it' if n == 1 else 'them'} out, or add --skip-refused to merge the "
            + ("other draft." if len(mergeable) == 1 else f"other {len(mergeable)}.")
        )
    if choices.doubles:
        key, drafts = choices.doubles[0]
        shown = _short_keys(preview)[key]
        names = " and ".join(d.name for d in drafts)
        return (
            f"Nothing was merged: {names} both change the item [{shown}] and only one can win; "
            f"take one with --take-draft {drafts[0].name}:{shown} (the others keep the plan’s)."
        )
    if choices.open:
        return _conflicts_message(preview, choices.open)
    return None


def run(args: argparse.Namespace) -> int:
    from offsite.exchange.drafts import MergeResult, merge_drafts, preview_merge
    from offsite.services.plans import open_plan
    from offsite.store.inuse import holding, refuse_if_open

    if not args.dry_run and args.plan.exists():
        # The app editing the plan would not see the merge, and would write over it: refuse at once
        # (waiting could mean hours, as long as the offsite runs), and say where to merge instead.
        refuse_if_open(args.plan, IN_USE_ADVICE)
    # The preview only reads: the plan is opened read-only until a merge is sure to be written.
    try:
        plan = open_plan(args.plan, readonly=True)
    except OffsiteError as error:
        raise unreadable_is_usage(error) from None
    with plan:
        preview = preview_merge(plan, args.drafts)
    choices = _choose(preview, args)
    _print_preview(preview, args.with_others)
    sys.stdout.flush()
    for draft in preview.drafts:
        if draft.refused:
            print(draft.refused, file=sys.stderr)
    refusal = _refusal(preview, args, choices)
    if args.dry_run:
        if refusal is None:
            print("Dry run: the merge would go ahead; nothing was written.")
        else:
            print("Dry run: the merge would be refused (see above); nothing was written.")
            print(refusal, file=sys.stderr)
        return 0
    if refusal is not None:
        print(refusal, file=sys.stderr)
        return 1
    if not choices.accepted:
        print(
            MergeResult({}, tuple(d.name for d in preview.mergeable)).summary + " The plan was not changed."
        )
        return 0
    # Held as the app holds a plan it edits, so that the app cannot open it for editing mid-merge.
    with holding(args.plan, IN_USE_ADVICE), open_plan(args.plan) as plan:
        # Compared again with the plan opened for writing, so nothing changed in between goes unseen.
        preview = preview_merge(plan, args.drafts)
        choices = _choose(preview, args)
        refusal = _refusal(preview, args, choices)
        if refusal is not None:
            print(refusal, file=sys.stderr)
            return 1
        result = merge_drafts(plan, preview, choices.accepted, choices.sides)
    print(result.summary)
    return 0
