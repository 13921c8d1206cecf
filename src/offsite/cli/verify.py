"""``offsite verify PLAN PDF``: does the PDF show the plan's current signed version?"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    verify = sub.add_parser(
        "verify",
        help="exit 0 if PDF shows PLAN's current signed version, 1 saying what differs, 2 if a file is unreadable",
    )
    verify.add_argument("plan", type=Path, metavar="PLAN")
    verify.add_argument("pdf", type=Path, metavar="PDF")


def run(args: argparse.Namespace) -> int:
    from offsite.cli.common import speak
    from offsite.exchange.verify import verify_pdf

    # A PDF printed in German is checked, and its verdict said, in German.
    verdict = verify_pdf(args.plan, args.pdf, speak=speak)
    print(verdict.message, file=sys.stdout if verdict.code == 0 else sys.stderr)
    return verdict.code
