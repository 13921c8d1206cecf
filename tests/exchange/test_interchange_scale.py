"""The interchange at the size of a long offsite: a large plan goes out and comes back the same,
and its import does the same few writes however many objectives it holds."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event

from offsite.exchange.interchange import GENERATED_FIELDS, import_json, write_json
from offsite.services.generated import make_plan


def _exported(path: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    for name in GENERATED_FIELDS:
        document.pop(name)
    return document


def _generated_export(folder: Path, objectives: int) -> Path:
    with make_plan(folder / f"plan-{objectives}.offsite", objectives=objectives, leaders=6, teams=4) as plan:
        return write_json(plan, folder / f"plan-{objectives}.json")


@contextmanager
def _statements_counted() -> Iterator[list[str]]:
    """Every SQL statement any engine sends while the block runs (an executemany counts once)."""
    sent: list[str] = []

    def count(
        conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool
    ) -> None:
        sent.append(statement)

    event.listen(Engine, "before_cursor_execute", count)
    try:
        yield sent
    finally:
        event.remove(Engine, "before_cursor_execute", count)


def test_a_generated_plan_exported_imported_and_exported_again_reads_the_same(tmp_path: Path) -> None:
    first = _generated_export(tmp_path, 300)
    with import_json(first, tmp_path / "imported.offsite") as imported:
        again = write_json(imported, tmp_path / "again.json")

    document = _exported(first)
    assert len(document["objectives"]) == 300
    assert sum(len(o["metrics"]) for o in document["objectives"]) > 300
    for section in ("buy_in", "why_chains", "candidates", "votes", "definitions", "overlap_resolutions"):
        assert document[section], section  # the plan's other sections go out and come back too
    assert _exported(again) == document
    # Byte for byte, but for when it was written: a leader comparing the files sees no change.
    lines = [line for line in first.read_text(encoding="utf-8").splitlines() if "exported_at" not in line]
    assert [
        line for line in again.read_text(encoding="utf-8").splitlines() if "exported_at" not in line
    ] == lines


def test_an_import_sends_as_many_statements_at_500_objectives_as_at_50(tmp_path: Path) -> None:
    sent: dict[int, list[str]] = {}
    for objectives in (50, 500):
        source = _generated_export(tmp_path, objectives)
        with _statements_counted() as statements:
            import_json(source, tmp_path / f"imported-{objectives}.offsite").close()
        sent[objectives] = statements

    assert len(sent[500]) == len(sent[50]), (len(sent[50]), len(sent[500]))
    # The rows went in a table at a time: one INSERT for all 500 objectives.
    assert sum(statement.startswith("INSERT INTO objective (") for statement in sent[500]) == 1
