"""``offsite cycle PLAN NEW``: the next offsite's plan from the command line, as the real console script.

The contract a script relies on: exit 0 and NEW written; 1 refused (NEW exists: left as it was);
2 a file or an argument it cannot use (no file written). PLAN is only read.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_runner import Run, digest, ok, refused
from offsite.services.checkins import review_objective
from offsite.services.cycle import read_outcomes
from offsite.services.plans import open_plan
from offsite.store.document import plan_document
from quarters import forget_the_quarters


@pytest.fixture
def plan_path(tmp_path: Path, demo_plan_bytes: bytes) -> Path:
    """The demo plan after its first quarter: “Go outbound” kept at 0.4, “Fill the pipeline” at 0.9."""
    path = tmp_path / "offsite-2027.offsite"
    path.write_bytes(demo_plan_bytes)
    with open_plan(path) as plan:
        forget_the_quarters(plan)
        ids = {o.statement: o.id for o in read_outcomes(plan)}
        review_objective(
            plan, ids["Go outbound"], "Q1 2027", score=0.4, decision="keep", worked="Warm sequences"
        )
        review_objective(plan, ids["Fill the pipeline"], "Q1 2027", score=0.9)
    return path


def document(path: Path) -> dict[str, object]:
    with open_plan(path, readonly=True) as plan:
        return plan_document(plan)


def test_cycle_carries_the_unfinished_objectives_and_says_which_and_why(
    offsite: Run, plan_path: Path, tmp_path: Path
) -> None:
    before = digest(plan_path)

    said = ok(offsite("cycle", plan_path, "offsite-h2.offsite"))

    assert "Wrote “offsite-h2.offsite”: “Sales & Marketing Offsite H2 2027” (H2 2027)" in said
    assert "  Go outbound — Q1 score 0.4 · decision: keep" in said
    assert "  Clean hand-offs — no quarter review" in said
    assert "Fill the pipeline" not in said  # delivered: 0.9
    assert "buy-in again" in said
    new = document(tmp_path / "offsite-h2.offsite")
    assert [c["text"] for c in new["candidates"]] == [  # type: ignore[index, union-attr]
        "Go outbound",
        "One funnel view",
        "Expand happy customers",
        "Clean hand-offs",
        "Own the category",
    ]
    assert new["previous_cycle"]["file_name"] == "offsite-2027.offsite"  # type: ignore[index]
    assert digest(plan_path) == before  # PLAN is only read


def test_cycle_takes_the_objectives_title_and_horizon_given(
    offsite: Run, plan_path: Path, tmp_path: Path
) -> None:
    with open_plan(plan_path, readonly=True) as plan:
        handoffs = next(o.uid for o in read_outcomes(plan) if o.statement == "Clean hand-offs")

    said = ok(
        offsite(
            "cycle",
            plan_path,
            "fy28.offsite",
            "--objective",
            "fill THE pipeline",
            "--objective",
            handoffs,
            "--title",
            "FY28 revenue offsite",
            "--horizon",
            "FY2028",
        )
    )

    assert "“FY28 revenue offsite” (FY2028)" in said
    new = document(tmp_path / "fy28.offsite")
    assert [c["text"] for c in new["candidates"]] == ["Fill the pipeline", "Clean hand-offs"]  # type: ignore[index, union-attr]
    assert (new["plan"]["title"], new["plan"]["horizon"]) == ("FY28 revenue offsite", "FY2028")  # type: ignore[index]


def test_cycle_never_writes_over_an_existing_file(offsite: Run, plan_path: Path, tmp_path: Path) -> None:
    taken = tmp_path / "next.offsite"
    taken.write_bytes(b"last year's notes")

    said = refused(offsite("cycle", plan_path, taken), 1)

    assert "“next.offsite” already exists" in said
    assert taken.read_bytes() == b"last year's notes"


def test_cycle_refuses_an_objective_the_plan_does_not_have(
    offsite: Run, plan_path: Path, tmp_path: Path
) -> None:
    said = refused(offsite("cycle", plan_path, "next.offsite", "--objective", "Win every deal"), 2)

    assert "has no objective “Win every deal”" in said
    assert "“Go outbound” (" in said  # the objectives it has, with their uids
    assert not (tmp_path / "next.offsite").exists()


def test_cycle_refuses_a_file_that_is_not_a_plan(offsite: Run, tmp_path: Path) -> None:
    notes = tmp_path / "notes.offsite"
    notes.write_text("not a plan", encoding="utf-8")

    refused(offsite("cycle", notes, "next.offsite"), 2)

    assert not (tmp_path / "next.offsite").exists()
