"""``offsite new PLAN [--template NAME]``: a new plan, blank or started from a starter template.

A template (``offsite.domain.templates``) fills in the teams, the customer journey, a hand-off per
typical lead source, the data definitions, the decision rights with the business model, and the
joint practices; nothing is bought in, and no leader is invented. PLAN is never written over an
existing file, and appears whole or not at all. Exit 0 written; 1 refused (PLAN exists, left as it
was); 2 an argument it cannot use (an unknown template, a name not ending in .offsite).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from offsite.cli.common import UsageError
from offsite.domain.errors import EditRefusedError, OffsiteError
from offsite.domain.templates import TEMPLATES


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    listed = "\n".join(f"  {t.name:<24}{t.title}\n  {'':<24}{t.description}" for t in TEMPLATES)
    new = sub.add_parser(
        "new",
        help="write a new plan PLAN, blank or started from a template",
        description=(
            "Write a new plan, blank or started from a starter template: its teams, customer journey,\n"
            "hand-offs, definitions, decision rights and joint practices, for the leaders to agree in the room."
        ),
        epilog=f"templates:\n{listed}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    new.add_argument("plan", type=Path, metavar="PLAN", help="the new plan to write (.offsite)")
    new.add_argument(
        "--template", metavar="NAME", default="", help="start from this template (its name or title, below)"
    )
    new.add_argument("--title", help="the offsite's title (default: PLAN's name)")


def run(args: argparse.Namespace) -> int:
    from offsite.services.templates import chosen_template, start_plan

    path: Path = args.plan
    if path.suffix.lower() != ".offsite":
        raise UsageError(f"“{path.name}” should end in .offsite: it is a new plan.")
    if args.template:
        try:
            chosen_template(args.template)
        except EditRefusedError as error:
            raise UsageError(str(error)) from None
    if path.exists() or path.is_symlink():
        raise OffsiteError(f"“{path.name}” already exists; choose a new file name for the plan.")
    title = path.stem if args.title is None else args.title.strip()
    plan, started = start_plan(path, title or path.stem, args.template)
    plan.close()
    if started is None:
        print(f"Wrote “{path.name}”: a blank plan, “{title or path.stem}”.")
        return 0
    template = started.template
    print(f"Wrote “{path.name}” from the “{template.title}” template: {template.summary()}.")
    print(f"Business model: {template.business_model}. No leader has agreed to any of it yet.")
    print("Add the leaders at the table, then take each agreement to buy-in.")
    return 0
