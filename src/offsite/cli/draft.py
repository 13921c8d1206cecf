"""``offsite draft OUT --leader NAME --team TEAM``: a draft started from nothing, for one leader."""

from __future__ import annotations

import argparse
from pathlib import Path

from offsite.cli.common import UsageError


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    draft = sub.add_parser("draft", help="start a draft from nothing: OUT for one leader and their team")
    draft.add_argument("out", type=Path, metavar="OUT")
    draft.add_argument("--leader", required=True, metavar="NAME", help="your name")
    draft.add_argument("--team", required=True, metavar="TEAM", help="your team, as the plan names it")
    draft.add_argument("--title", default="", metavar="TITLE", help="the offsite the draft is for")


def run(args: argparse.Namespace) -> int:
    from offsite.domain.errors import EditRefusedError
    from offsite.exchange.drafts import possessive, start_draft

    out: Path = args.out
    leader_name: str = args.leader
    team_name: str = args.team
    title: str = args.title
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
