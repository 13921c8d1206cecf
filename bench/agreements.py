"""The agreements' benchmark: one agreement edit and one stance on a large plan, each against the same
write by hand through sqlite3 (same pragmas), measured in the same run and interleaved.

    edit     raw sqlite3 UPDATE of a service level + commit   vs  changes.update_fields on the agreement
    stance   raw sqlite3 INSERT of a stance + commit          vs  record_agreement_stance

The plan is a copy of the one given (bench/generate.py: hundreds of agreements at 1,000×), so the
edits leave the run's plans as they were.
"""

from __future__ import annotations

import itertools
import shutil
import sqlite3
import statistics
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class AgreementTimes:
    """Median seconds of each write, by hand and through the verb, and how many agreements the plan held."""

    agreements: int
    raw_edit: float
    verb_edit: float
    raw_stance: float
    verb_stance: float


def _once(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def bench_agreements(work: Path, plan_path: Path, repeats: int) -> AgreementTimes:
    """Time an agreement's service level edited and a leader's stance recorded on a copy of ``plan_path``."""
    from offsite.domain.values import Kind, Stance
    from offsite.services.agreements import read_agreements, record_agreement_stance
    from offsite.services.changes import update_fields
    from offsite.services.plans import open_plan, read_plan
    from offsite.store.planfile import configure_connection

    raw_path, verb_path = work / "agreements-raw.offsite", work / "agreements-verb.offsite"
    shutil.copy(plan_path, raw_path)
    shutil.copy(plan_path, verb_path)
    raw = sqlite3.connect(raw_path, isolation_level=None)
    configure_connection(raw)
    plan = open_plan(verb_path)
    agreements = read_agreements(plan)
    hand_offs = [a.id for a in agreements if a.kind == "hand_off"] or [a.id for a in agreements]
    leaders = [p.id for p in read_plan(plan).leaders]
    counter = itertools.count()
    stances = itertools.cycle((Stance.DISCUSSING, Stance.AGREED))

    def target() -> tuple[int, int, str]:
        n = next(counter)
        return hand_offs[n % len(hand_offs)], leaders[n % len(leaders)], f"First touch within {n % 48 + 1} h"

    def raw_edit() -> None:  # the row the verb changes, by hand
        agreement, _leader, text = target()
        raw.execute("BEGIN IMMEDIATE")
        raw.execute("UPDATE agreement SET service_level = ? WHERE id = ?", (text, agreement))
        raw.execute("COMMIT")

    def verb_edit() -> None:
        agreement, _leader, text = target()
        update_fields(plan, Kind.AGREEMENT, agreement, {"service_level": text})

    def raw_stance() -> None:
        agreement, leader, _text = target()
        raw.execute("BEGIN IMMEDIATE")
        raw.execute(
            "INSERT INTO agreement_stance (uid, agreement_id, leader_id, stance, comment, recorded_at) "
            "VALUES (?, ?, ?, ?, '', ?)",
            (str(uuid.uuid4()), agreement, leader, next(stances).value, "2027-01-15 14:00:00.000000"),
        )
        raw.execute("COMMIT")

    def verb_stance() -> None:
        agreement, leader, _text = target()
        record_agreement_stance(plan, agreement, leader, next(stances))

    for warm in (raw_edit, verb_edit, raw_stance, verb_stance):  # the verbs' first call loads their code
        warm()
    times: dict[str, list[float]] = {"raw_edit": [], "verb_edit": [], "raw_stance": [], "verb_stance": []}
    for _ in range(repeats):  # interleaved, so both see the same disk and load
        times["raw_edit"].append(_once(raw_edit))
        times["verb_edit"].append(_once(verb_edit))
        times["raw_stance"].append(_once(raw_stance))
        times["verb_stance"].append(_once(verb_stance))
    raw.close()
    plan.close()
    return AgreementTimes(len(agreements), **{k: statistics.median(v) for k, v in times.items()})
