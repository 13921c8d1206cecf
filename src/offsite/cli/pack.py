"""``offsite pack PLAN --leader NAME -o OUT``: a draft pack for one leader to fill alone and hand back."""

from __future__ import annotations

import argparse
import unicodedata
from pathlib import Path

from offsite.cli.common import UsageError, unreadable_is_usage
from offsite.domain.errors import OffsiteError


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    pack = sub.add_parser(
        "pack", help="write OUT: a draft pack of PLAN for one leader to fill alone and hand back"
    )
    pack.add_argument("plan", type=Path, metavar="PLAN")
    pack.add_argument("--leader", required=True, metavar="NAME", help="the leader, by name (any case)")
    pack.add_argument("-o", "--out", required=True, type=Path, metavar="OUT", help="the draft to write")


def _plain(name: str) -> str:
    """A name as matched on the command line: not by case, spacing or accents."""
    from offsite.domain.drafting import name_key

    decomposed = unicodedata.normalize("NFKD", name_key(name))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def run(args: argparse.Namespace) -> int:
    from offsite.domain.drafting import name_key
    from offsite.exchange.drafts import export_draft_pack, possessive
    from offsite.exchange.drafts.pack import pack_exists
    from offsite.services.plans import open_plan, read_plan
    from offsite.store.files import output_file

    plan_path: Path = args.plan
    leader_name: str = args.leader
    out: Path = args.out
    output_file(out)
    if out.exists() or out.is_symlink():
        raise OffsiteError(pack_exists(out))
    try:
        plan = open_plan(plan_path, readonly=True)
    except OffsiteError as error:
        raise unreadable_is_usage(error) from None
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
