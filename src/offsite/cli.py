"""The command line: open the app, or export, import and check plans from scripts.

A failure prints one plain sentence on stderr and exits non-zero; no traceback reaches the
user. A file a command could not use is left as it was; outputs are written whole or not at all.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from offsite import __version__
from offsite.domain.errors import NotAPlanError, OffsiteError, PlanTooNewError

VIEWS = ("prepare", "brainstorm", "plan", "buyin", "signoff", "review")


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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    try:
        return _dispatch(args)
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
    raise AssertionError(args.command)


def _export(plan_path: Path, out: Path) -> int:
    suffix = out.suffix.lower()
    if suffix not in (".pdf", ".json"):
        raise OffsiteError(f"“{out.name}” should end in .pdf or .json, so Offsite knows what to write.")
    from offsite.services.plans import open_plan

    with open_plan(plan_path, readonly=True) as plan:
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
        print(f"{plan_path.name}: a sound plan" + (f", {signed}." if signed else "."))
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


if __name__ == "__main__":
    sys.exit(main())
