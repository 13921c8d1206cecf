"""``offsite check`` on agreements hand-edited outside Offsite: each fault named as a leader finds
the agreement (its kind and title), with what to correct; a sound plan with agreements is sound."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.cli_runner import runner

from offsite.domain.agreements import AgreementKind
from offsite.domain.values import Stance
from offsite.services import agreements, prepare
from offsite.services.plans import check_plan, create_plan


def _plan_with_agreements(path: Path) -> None:
    with create_plan(path, "Offsite 2027") as plan:
        sales = prepare.add_team(plan, "Sales").id
        maya = prepare.add_leader(plan, "Maya Okafor", "", sales).id
        priya = prepare.add_leader(plan, "Priya Raman", "", sales).id
        practice = agreements.add_agreement(
            plan, AgreementKind.PRACTICE, "Joint customer visit", cadence="quarterly"
        )
        hand_off = agreements.add_agreement(plan, AgreementKind.HAND_OFF, "Demo request", route="To SDRs")
        agreements.record_agreement_stance(plan, hand_off.id, maya, Stance.AGREED)
        agreements.record_agreement_stance(plan, practice.id, priya, Stance.AGREED)


def _hand_edit(path: Path, *statements: str) -> None:
    """Edit the file as a tool other than Offsite would: no check constraints, no foreign keys."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA ignore_check_constraints = ON")
        connection.execute("PRAGMA foreign_keys = OFF")
        for statement in statements:
            connection.execute(statement)
        connection.commit()
    finally:
        connection.close()


def test_a_plan_with_agreements_is_sound(tmp_path: Path) -> None:
    path = tmp_path / "plan.offsite"
    _plan_with_agreements(path)
    assert check_plan(path).problems == ()


def test_agreement_rows_edited_outside_offsite_are_each_named_with_what_to_correct(tmp_path: Path) -> None:
    path = tmp_path / "plan.offsite"
    _plan_with_agreements(path)
    _hand_edit(
        path,
        "UPDATE agreement SET kind = 'promise' WHERE title = 'Demo request'",
        "UPDATE agreement SET cadence = 'daily' WHERE title = 'Joint customer visit'",
        "UPDATE agreement SET route = 'To ' || char(0) || 'SDRs' WHERE title = 'Demo request'",
        "UPDATE agreement SET service_level = char(0) WHERE title = 'Joint customer visit'",
        "UPDATE agreement_stance SET stance = 'maybe' WHERE id = 1",
        "DELETE FROM leader WHERE name = 'Priya Raman'",
        "UPDATE plan SET business_model = 'founder-led'",
    )
    problems = check_plan(path).problems
    # SQLite's own checks say what they find in their words; the rest names each agreement.
    assert problems[0] == "Storage: CHECK constraint failed in agreement"
    assert "A agreement_stance row (#2) points at a missing leader." in problems
    assert [p for p in problems[1:] if not p.startswith("A agreement_stance row")] == [
        "The agreement “Demo request” (#2) is of an unknown kind “promise”: it should be a journey stage, "
        "hand-off, decision right, incentive or joint practice. Remove it, or add it again as one of these.",
        "The joint practice “Joint customer visit” (#1) has the cadence “daily”, which is none: choose "
        "weekly, monthly, quarterly or yearly, or leave it blank.",
        "The agreement “Demo request” (#2) holds a NUL character in its route, which a plan cannot show "
        "or export: retype that text.",
        "The joint practice “Joint customer visit” (#1) holds a NUL character in its service level, which "
        "a plan cannot show or export: retype that text.",
        "Unknown agreement stance “maybe”.",
        "A stance on the joint practice “Joint customer visit” (#2) is by a leader no longer in the plan "
        "(#2): remove the stance, or add the leader back.",
        "The plan's business model is “founder-led”, which is none: choose sales-led, product-led or "
        "hybrid, or leave it blank.",
    ]


def test_offsite_check_lists_a_hand_edited_agreement_and_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "plan.offsite"
    _plan_with_agreements(path)
    _hand_edit(path, "UPDATE agreement SET cadence = 'every full moon' WHERE title = 'Joint customer visit'")
    result = runner(tmp_path)("check", str(path))
    assert result.returncode == 1, result
    assert result.stdout.splitlines() == [
        "plan.offsite: 1 problem(s):",
        "  - The joint practice “Joint customer visit” (#1) has the cadence “every full moon”, which is "
        "none: choose weekly, monthly, quarterly or yearly, or leave it blank.",
    ]
