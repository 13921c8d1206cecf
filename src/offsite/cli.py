"""The command line: open the app, or export, import, check and merge plans from scripts.

A failure prints one plain sentence on stderr and exits non-zero; no traceback reaches the
user. A file a command could not use is left as it was; outputs are written whole or not at all.
"""

from __future__ import annotations

import argparse
import logging
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from offsite import __version__
from offsite.domain.errors import (
    DiskFullError,
    ExportError,
    ImportFormatError,
    NotAPlanError,
    OffsiteError,
    PlanTooNewError,
    UnreadableFileError,
)

if TYPE_CHECKING:
    from offsite.domain.drafting import Proposal, Side
    from offsite.exchange.drafts import DraftPreview, MergePreview

VIEWS = ("prepare", "brainstorm", "plan", "buyin", "signoff", "review")

#: What to do about a plan the app has open, when a command would write it.
IN_USE_ADVICE = "close it there or merge from its File ▸ Merge Drafts."

#: The fewest characters of an item key that ``--keep-plan`` / ``--take-draft`` accept.
MIN_KEY = 4
#: How many characters of an item key the preview shows (more when that is not unique).
SHORT_KEY = 8


class UsageError(OffsiteError):
    """The command was given something it cannot act on (a leader or key it cannot tell): exit 2."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="offsite", description="Plan a sales and marketing leadership offsite."
    )
    parser.add_argument("--version", action="version", version=f"Offsite {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    opener = sub.add_parser("open", help="open PLAN in the app")
    opener.add_argument("plan", type=Path, metavar="PLAN")
    opener.add_argument("--view", choices=VIEWS, help="the phase to show")
    opener.add_argument(
        "--screenshot",
        type=Path,
        metavar="PNG",
        help="render the window at 1280x800 to PNG once loaded, then exit",
    )
    opener.add_argument(
        "--projector",
        action="store_true",
        help="open the projector window too; with --screenshot, render it (1280x720) instead",
    )
    demo = sub.add_parser("demo", help="write the demo plan to PLAN")
    demo.add_argument("plan", type=Path, metavar="PLAN")
    export = sub.add_parser("export", help="export PLAN to OUT (.pdf or .json)")
    export.add_argument("plan", type=Path, metavar="PLAN")
    export.add_argument("out", type=Path, metavar="OUT")
    importer = sub.add_parser("import", help="create PLAN from an interchange file")
    importer.add_argument("source", type=Path, metavar="IN.json")
    importer.add_argument("plan", type=Path, metavar="PLAN")
    check = sub.add_parser(
        "check", help="exit 0 if PLAN is sound, 1 listing its problems, 2 if it is no plan"
    )
    check.add_argument("plan", type=Path, metavar="PLAN")
    verify = sub.add_parser(
        "verify",
        help="exit 0 if PDF shows PLAN's current signed version, 1 saying what differs, 2 if a file is unreadable",
    )
    verify.add_argument("plan", type=Path, metavar="PLAN")
    verify.add_argument("pdf", type=Path, metavar="PDF")
    pack = sub.add_parser(
        "pack", help="write OUT: a draft pack of PLAN for one leader to fill alone and hand back"
    )
    pack.add_argument("plan", type=Path, metavar="PLAN")
    pack.add_argument("--leader", required=True, metavar="NAME", help="the leader, by name (any case)")
    pack.add_argument("-o", "--out", required=True, type=Path, metavar="OUT", help="the draft to write")
    draft = sub.add_parser("draft", help="start a draft from nothing: OUT for one leader and their team")
    draft.add_argument("out", type=Path, metavar="OUT")
    draft.add_argument("--leader", required=True, metavar="NAME", help="your name")
    draft.add_argument("--team", required=True, metavar="TEAM", help="your team, as the plan names it")
    draft.add_argument("--title", default="", metavar="TITLE", help="the offsite the draft is for")
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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    try:
        return _dispatch(args)
    except (
        UsageError,
        NotAPlanError,
        PlanTooNewError,
        UnreadableFileError,
        ImportFormatError,
        ExportError,
        DiskFullError,
    ) as error:
        # Input the command cannot read (no plan, an altered one, one too new), or an output it
        # could not write (a full disk): exit 2, as for ``check``; nothing was left half-written.
        print(str(error), file=sys.stderr)
        return 2
    except OffsiteError as error:
        print(str(error), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Interrupted; nothing was left half-written.", file=sys.stderr)
        return 130
    except Exception as error:  # a bug: one sentence, never a traceback
        print(f"Offsite failed unexpectedly ({type(error).__name__}: {error}).", file=sys.stderr)
        return 1


def main_gui() -> int:
    """The desktop entry's command: open the plan file it was given (a double-click), or the last plan."""
    files = [argument for argument in sys.argv[1:] if not argument.startswith("-")]
    return main(["open", files[0]] if files else [])


def _dispatch(args: argparse.Namespace) -> int:
    if args.command is None:
        from offsite.gui.app import run

        return run()
    if args.command == "open":
        from offsite.gui.app import run

        return run(args.plan, view=args.view, screenshot=args.screenshot, projector=args.projector)
    if args.command == "demo":
        from offsite.services.demo import write_demo_plan
        from offsite.store.files import output_file

        output_file(args.plan)
        if args.plan.exists():
            raise OffsiteError(
                f"“{args.plan.name}” already exists; choose a new file name for the demo plan."
            )
        write_demo_plan(args.plan).close()
        return 0
    if args.command == "export":
        return _export(args.plan, args.out)
    if args.command == "import":
        from offsite.exchange.interchange import import_json

        import_json(args.source, args.plan).close()
        return 0
    if args.command == "check":
        return _check(args.plan)
    if args.command == "verify":
        return _verify(args.plan, args.pdf)
    if args.command == "pack":
        return _pack(args.plan, args.leader, args.out)
    if args.command == "draft":
        return _draft(args.out, args.leader, args.team, args.title)
    if args.command == "merge":
        return _merge(args)
    raise AssertionError(args.command)


def _export(plan_path: Path, out: Path) -> int:
    suffix = out.suffix.lower()
    if suffix not in (".pdf", ".json"):
        raise OffsiteError(f"“{out.name}” should end in .pdf or .json, so Offsite knows what to write.")
    from offsite.services.plans import open_plan
    from offsite.store.files import output_file

    output_file(out)  # before the work: a pipe or a folder there is said at once, not after the layout
    # One read transaction: a plan another program is writing is exported as one state of it.
    with open_plan(plan_path, readonly=True) as plan, plan.snapshot():
        if suffix == ".pdf":
            from offsite.exchange.pdf import export_plan_pdf

            export_plan_pdf(plan, out)
        else:
            from offsite.exchange.interchange import write_json

            write_json(plan, out)
    return 0


def _check(plan_path: Path) -> int:
    from offsite.services.plans import check_plan

    try:
        result = check_plan(plan_path)
    except (NotAPlanError, PlanTooNewError) as error:
        print(str(error), file=sys.stderr)
        return 2
    except OffsiteError as error:
        print(str(error), file=sys.stderr)
        return 2
    if result.signed_version is not None:
        signed = f"locked at version {result.signed_version} (signed or awaiting signatures)"
    else:
        signed = None
    if result.sound:
        what = f"a sound draft ({result.draft_of})" if result.draft_of else "a sound plan"
        print(f"{plan_path.name}: {what}" + (f", {signed}." if signed else "."))
        return 0
    if signed:
        print(f"{plan_path.name} is {signed}.")
    print(f"{plan_path.name}: {len(result.problems)} problem(s):")
    for problem in result.problems:
        print(f"  - {problem}")
    return 1


def _verify(plan_path: Path, pdf_path: Path) -> int:
    from offsite.exchange.verify import verify_pdf

    verdict = verify_pdf(plan_path, pdf_path)
    print(verdict.message, file=sys.stdout if verdict.code == 0 else sys.stderr)
    return verdict.code


# --- Drafts: pack, draft, merge ---------------------------------------------------------------------


def _unreadable_is_usage(error: OffsiteError) -> OffsiteError:
    """A plan that cannot be read is exit 2, as for ``check``; any other refusal stays exit 1."""
    if isinstance(error, NotAPlanError | PlanTooNewError):
        return UsageError(str(error))
    return error


def _plain(name: str) -> str:
    """A name as matched on the command line: not by case, spacing or accents."""
    from offsite.domain.drafting import name_key

    decomposed = unicodedata.normalize("NFKD", name_key(name))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _pack(plan_path: Path, leader_name: str, out: Path) -> int:
    from offsite.domain.drafting import name_key
    from offsite.exchange.drafts import export_draft_pack, possessive
    from offsite.services.plans import open_plan, read_plan
    from offsite.store.files import output_file

    output_file(out)
    if out.exists() or out.is_symlink():
        raise OffsiteError(
            f"“{out.name}” already exists and may hold a leader’s draft; choose a new file name for the pack."
        )
    try:
        plan = open_plan(plan_path, readonly=True)
    except OffsiteError as error:
        raise _unreadable_is_usage(error) from None
    with plan, plan.snapshot():
        leaders = read_plan(plan).leaders
        wanted = name_key(leader_name)
        found = [p for p in leaders if name_key(p.name) == wanted]
        if not found:  # “tomas herrera” for Tomás Herrera: accents are hard to type
            found = [p for p in leaders if _plain(p.name) == _plain(leader_name)]
        if not found and wanted:
            # “maya” or “okafor” is enough when only one leader's name holds that word.
            found = [p for p in leaders if _plain(leader_name) in _plain(p.name).split()]
        names = ", ".join(p.name for p in leaders) or "none"
        if not found:
            raise UsageError(
                f"“{plan_path.name}” has no leader called “{leader_name.strip()}”; its leaders are: {names}."
            )
        if len(found) > 1:
            raise UsageError(
                f"“{leader_name.strip()}” could be {' or '.join(p.name for p in found)}; "
                f"give the full name (the leaders are: {names})."
            )
        leader = found[0]
        export_draft_pack(plan, leader.uid, out)
    print(
        f"Wrote “{out.name}”: {possessive(leader.name)} draft pack of “{plan_path.name}”. "
        f"Send it to {leader.name}; merge it back with: offsite merge {plan_path} {out}"
    )
    return 0


def _draft(out: Path, leader_name: str, team_name: str, title: str) -> int:
    from offsite.domain.errors import EditRefusedError
    from offsite.exchange.drafts import possessive, start_draft

    try:
        start_draft(out, leader_name, team_name, title).close()
    except EditRefusedError as error:  # an empty name or team: the command was given too little
        raise UsageError(str(error)) from None
    of = f" for “{title.strip()}”" if title.strip() else ""
    print(
        f"Wrote “{out.name}”: {possessive(leader_name.strip())} draft ({team_name.strip()}){of}. "
        f"Fill it in with: offsite open {out}"
    )
    return 0


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


def _merge(args: argparse.Namespace) -> int:
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
        raise _unreadable_is_usage(error) from None
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


if __name__ == "__main__":
    sys.exit(main())
