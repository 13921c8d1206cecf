"""The PDF from buy-in to a signed plan: DRAFT or signed, the sign-off block, definitions, overlaps, alignment."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pypdf
import pytest

from offsite.domain.errors import CancelledError
from offsite.domain.fingerprint import short_fingerprint
from offsite.domain.overlap import OverlapRule
from offsite.domain.values import Kind, Stance
from offsite.exchange.pdf import (
    DRAFT_FOOTER,
    KEY_FINGERPRINT,
    KEY_PAGE_TEXT,
    KEY_PLAN,
    KEY_STATUS,
    KEY_TEXT_RULE,
    KEY_VERSION,
    export_plan_pdf,
    page_text_hash,
)
from offsite.exchange.pdf.text import drawn_texts
from offsite.services.buyin import record_stance
from offsite.services.changes import update_fields
from offsite.services.definitions import add_definition, record_definition_stance
from offsite.services.objectives import add_metric, add_objective
from offsite.services.overlaps import resolve_overlap
from offsite.services.plans import create_plan
from offsite.services.prepare import add_company_goal, add_leader, add_team
from offsite.services.signoff import freeze, read_signoff, sign, withdraw_signature
from offsite.services.survey import rate_alignment
from offsite.store import PlanFile

T0 = dt.datetime(2027, 1, 15, 16, 0)
MINUTE = dt.timedelta(minutes=1)


@dataclass
class Small:
    plan: PlanFile
    leaders: list[tuple[int, str, str]]  # id, name, initials
    objectives: list[int]


def make_plan(path: Path, title: str = "Signed offsite") -> Small:
    """Two teams, a leader each, two objectives on one goal (one overlap), a glossary, two ratings."""
    plan = create_plan(path, title)
    sales = add_team(plan, "Sales").id
    marketing = add_team(plan, "Marketing").id
    maya = add_leader(plan, "Maya Okafor", "VP of Sales", sales).id
    priya = add_leader(plan, "Priya Raman", "Chief Marketing Officer", marketing).id
    goal = add_company_goal(plan, "Grow revenue 50% in 2027").id
    outbound = add_objective(plan, "Open forty enterprise accounts", [sales], goal_ids=[goal]).id
    brand = add_objective(plan, "Publish quarterly benchmark reports", [marketing], goal_ids=[goal]).id
    add_metric(plan, outbound, "Accounts opened", target=40, shared=True)
    add_metric(plan, brand, "Reports published", target=4)
    record_stance(plan, outbound, maya, Stance.AGREED, at=T0)
    record_stance(plan, brand, priya, Stance.AGREED, at=T0)
    resolve_overlap(
        plan, OverlapRule.SAME_COMPANY_GOAL.value, outbound, brand, "kept", "Different work, one goal.", at=T0
    )
    sql = add_definition(plan, "Sales qualified lead", "A lead sales has accepted.", sales).id
    record_definition_stance(plan, sql, maya, Stance.AGREED, at=T0)
    add_definition(plan, "Pipeline", "Open opportunities closing this quarter.", None)
    rate_alignment(plan, maya, 4, "Close enough", at=T0)
    rate_alignment(plan, priya, 5, at=T0)
    return Small(plan, [(maya, "Maya Okafor", "MO"), (priya, "Priya Raman", "PR")], [outbound, brand])


def sign_all(small: Small, by: str = "Facilitator", reason: str | None = None) -> int:
    version = freeze(small.plan, frozen_by=by, override_reason=reason, at=T0).id
    for n, (leader, _, initials) in enumerate(small.leaders, start=1):
        sign(small.plan, version, leader, initials, at=T0 + n * MINUTE)
    return version


def pages(pdf: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in pypdf.PdfReader(pdf).pages]


@pytest.fixture
def small(tmp_path: Path) -> Small:
    made = make_plan(tmp_path / "plan.offsite")
    yield made
    made.plan.close()


def test_a_draft_has_draft_on_every_page_and_no_fingerprint(small: Small, tmp_path: Path) -> None:
    out = export_plan_pdf(small.plan, tmp_path / "draft.pdf")
    texts = pages(out)
    assert len(texts) >= 3
    for text in texts:
        assert "DRAFT" in text
        assert DRAFT_FOOTER in text
        assert "fingerprint" not in text.lower()
    info = pypdf.PdfReader(out).metadata
    assert info[KEY_STATUS] == "draft"
    assert KEY_FINGERPRINT not in info
    assert KEY_VERSION not in info
    assert len(info[KEY_PLAN]) == 36


def test_a_leaders_draft_says_whose_draft_it_is_on_the_cover_and_every_page(
    small: Small, tmp_path: Path
) -> None:
    from offsite.exchange.drafts import export_draft_pack
    from offsite.services.plans import open_plan, read_plan

    maya = next(p for p in read_plan(small.plan).leaders if p.name == "Maya Okafor")
    path = export_draft_pack(small.plan, maya.uid, tmp_path / "maya.offsite")
    with open_plan(path) as draft:
        sales = read_plan(draft).teams[0].id
        add_objective(draft, "Own the mid-market", [sales], method="Call them. Meet them. Win them.")
        out = export_plan_pdf(draft, tmp_path / "maya.pdf")
    texts = pages(out)
    assert "MAYA OKAFOR’S DRAFT OF “SIGNED OFFSITE” Signed offsite" in texts[0]
    for text in texts:
        assert "DRAFT — Maya Okafor’s draft of “Signed offsite”, not the plan" in text
        assert DRAFT_FOOTER not in text


def test_a_signed_plan_prints_version_and_fingerprint_on_every_page(small: Small, tmp_path: Path) -> None:
    sign_all(small)
    version = read_signoff(small.plan).current
    assert version is not None
    out = export_plan_pdf(small.plan, tmp_path / "signed.pdf")
    texts = pages(out)
    footer = f"Version 1 · fingerprint {short_fingerprint(version.fingerprint)}"
    for text in texts:
        assert "DRAFT" not in text
        assert footer in text
    whole = " ".join(texts)
    assert "Version 1, signed by both leaders. Frozen by Facilitator on 15 Jan 2027, 16:00 UTC." in whole
    assert "Maya Okafor VP of Sales MO 15 Jan 2027, 16:01 UTC" in whole
    assert "Priya Raman Chief Marketing Officer PR 15 Jan 2027, 16:02 UTC" in whole
    grouped = " ".join(version.fingerprint[i : i + 4] for i in range(0, 64, 4))
    assert grouped in whole
    reader = pypdf.PdfReader(out)
    info = reader.metadata
    assert info[KEY_STATUS] == "signed"
    assert info[KEY_VERSION] == "1"
    assert info[KEY_FINGERPRINT] == version.fingerprint
    # Each page's hash is of the text it draws, read back from the PDF as ``offsite verify`` reads it.
    assert info[KEY_TEXT_RULE] == "drawn"
    assert info[KEY_PAGE_TEXT].split() == [page_text_hash(text) for text in drawn_texts(reader)]


def test_a_version_awaiting_signatures_is_still_a_draft(small: Small, tmp_path: Path) -> None:
    version = freeze(small.plan, frozen_by="Facilitator", at=T0).id
    sign(small.plan, version, small.leaders[0][0], "MO", at=T0 + MINUTE)
    out = export_plan_pdf(small.plan, tmp_path / "awaiting.pdf")
    texts = pages(out)
    for text in texts:
        assert "DRAFT — version 1 awaiting signatures (1 of 2)" in text
    whole = " ".join(texts)
    assert "Priya Raman Chief Marketing Officer — Not signed yet" in whole
    assert pypdf.PdfReader(out).metadata[KEY_STATUS] == "awaiting"


def test_definitions_overlaps_and_alignment_with_hand_checked_numbers(small: Small, tmp_path: Path) -> None:
    whole = " ".join(pages(export_plan_pdf(small.plan, tmp_path / "plan.pdf")))
    # Data definitions: the owning team's leader agreed to the first; nobody to the second yet.
    assert "1 of 2 definitions are bought in." in whole
    assert "Sales qualified lead A lead sales has accepted. Sales Yes" in whole
    assert (
        "Pipeline Open opportunities closing this quarter. Everyone No Waiting on Maya Okafor, Priya Raman"
        in whole
    )
    # Overlap review: two objectives serving one goal are the design, not a finding; the note the
    # plan stored when they still were one stays with the goal, and nothing is counted.
    assert "No overlap found between different teams’ objectives" in whole
    assert (
        "Serve “Grow revenue 50% in 2027”: Open forty enterprise accounts (Sales), Publish quarterly "
        "benchmark reports (Marketing)." in whole
    )
    assert (
        "Noted earlier: “Open forty enterprise accounts” and “Publish quarterly benchmark reports”: kept "
        "with a note, “Different work, one goal.”" in whole
    )
    # Alignment: no overlap to count, so the other weights are scaled up by 1 / 0.85: shared 1 of 2
    # → 14.7; bought in 2 of 2 → 35.3; linked 2 of 2 → 17.6; SMART 0 of 2 (no candidates) → 0:
    # 67.6. Said: mean 4.5 → 87.5; gap +20, a warning in words.
    assert "Shared or customer-centric metric" in whole
    assert "29% 1 of 2 14.7" in whole
    assert "35% 2 of 2 35.3" in whole
    assert "18% 0 of 2 0.0" in whole
    assert "No overlaps found: not scored" in whole
    assert "Score 100% 67.6" in whole
    assert "68 88 +20" in whole
    assert "Mean rating 4.5 of 5, n = 2" in whole
    assert "Gap (said − score): leaders above the evidence" in whole
    assert "Warning: leaders rate alignment 20 points above the evidence" in whole
    assert "an objective not promoted from a candidate counts as not passing" in whole
    # The order: definitions after the objectives, overlaps and alignment after the buy-in.
    for earlier, later in (
        ("Objectives, methods and metrics", "Data definitions"),
        ("Data definitions", "Buy-in"),
        ("Buy-in", "Overlap review"),
        ("Overlap review", "Alignment index"),
    ):
        assert whole.index(earlier) < whole.index(later)
    assert "Sign-off" not in whole  # never frozen: nothing to sign off yet


def test_the_signoff_block_is_last_and_lists_reopened_versions(small: Small, tmp_path: Path) -> None:
    from offsite.services.signoff import reopen

    sign_all(small)
    reopen(small.plan, "Priya Raman", "Add a webinar target.", at=T0 + 60 * MINUTE)
    out = export_plan_pdf(small.plan, tmp_path / "reopened.pdf")
    whole = " ".join(pages(out))
    assert "Not signed: the plan is open for editing." in whole
    assert "Version 1" in whole
    assert "by Priya Raman Why: Add a webinar target." in whole
    assert whole.index("Alignment index") < whole.index("Sign-off")
    assert pypdf.PdfReader(out).metadata[KEY_STATUS] == "draft"


def test_progress_rises_to_a_fixed_total_and_cancel_still_works(small: Small, tmp_path: Path) -> None:
    sign_all(small)
    calls: list[tuple[int, int]] = []
    export_plan_pdf(small.plan, tmp_path / "p.pdf", progress=lambda d, t: calls.append((d, t)))
    assert calls[-1][0] == calls[-1][1]
    assert len({t for _, t in calls}) == 1
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)

    seen = 0

    def cancel_later() -> bool:
        nonlocal seen
        seen += 1
        return seen > 3

    with pytest.raises(CancelledError):
        export_plan_pdf(small.plan, tmp_path / "cancelled.pdf", is_cancelled=cancel_later)
    assert not (tmp_path / "cancelled.pdf").exists()


def test_two_leaders_of_one_name_each_keep_their_own_title_and_initials(tmp_path: Path) -> None:
    plan = create_plan(tmp_path / "twins.offsite", "Twins")
    sales = add_team(plan, "Sales").id
    vp = add_leader(plan, "Alex Kim", "VP of Sales", sales).id
    director = add_leader(plan, "Alex Kim", "Director of Sales", sales).id
    goal = add_company_goal(plan, "Grow revenue").id
    objective = add_objective(plan, "Go outbound", [sales], goal_ids=[goal]).id
    for leader, initials in ((vp, "VPK"), (director, "DIR")):
        record_stance(plan, objective, leader, Stance.AGREED, at=T0)
        update_fields(plan, Kind.LEADER, leader, {"initials": initials})  # each signs as they set
    version = freeze(plan, frozen_by="Facilitator", at=T0).id
    sign(plan, version, director, "DIR", at=T0 + MINUTE)
    sign(plan, version, vp, "VPK", at=T0 + 2 * MINUTE)
    text = pages(export_plan_pdf(plan, tmp_path / "twins.pdf"))[-1]
    assert "Alex Kim VP of Sales VPK" in text
    assert "Alex Kim Director of Sales DIR" in text
    plan.close()


def test_the_demo_overlap_page_lists_two_findings_and_its_goal_once(tmp_path: Path) -> None:
    from offsite.exchange.demo import write_demo_plan

    plan = write_demo_plan(tmp_path / "demo.offsite")
    try:
        whole = " ".join(pages(export_plan_pdf(plan, tmp_path / "demo.pdf")))
    finally:
        plan.close()
    section = whole[whole.index("Overlap review") : whole.index("Alignment index")]
    # Two real overlaps: the pipeline both teams read from the CRM (settled in the demo) and
    # marketing's lead volume against sales' ideal customer (open).
    assert "2 overlaps found between different teams’ objectives, 1 settled: 1 overlap to settle." in section
    assert section.count("Rule: ") == 2
    assert "Shared data source" in section
    assert "Known conflict" in section
    # Five objectives serving one goal: one line, no finding, no "same company goal" pairs.
    assert "SERVING ONE COMPANY GOAL" in section
    assert (
        section.count(
            "Serve “Grow revenue 50% in 2027”: Go outbound (Sales), Fill the pipeline (Marketing), One funnel "
            "view (Sales + Marketing), Expand happy customers (Sales + Customer Success), Clean hand-offs "
            "(Sales + Marketing + RevOps)."
        )
        == 1
    )
    assert OverlapRule.SAME_COMPANY_GOAL.label not in whole
    # The index counts the two, and a gap of one point is close, not a warning.
    assert "Overlaps resolved: 1 of 2 found." in whole
    assert "Leaders rate alignment 1 point above the evidence, close to what the plan shows." in whole
    assert "Warning:" not in whole


def test_the_signoff_page_prints_who_signed_on_behalf_why_and_a_withdrawn_signature(
    small: Small, tmp_path: Path
) -> None:
    (maya, *_), (priya, *_) = small.leaders
    version = freeze(small.plan, frozen_by="Facilitator", at=T0).id
    first = sign(small.plan, version, maya, "MO", at=T0 + MINUTE).id
    withdraw_signature(small.plan, first, at=T0 + 2 * MINUTE)
    sign(small.plan, version, maya, "mo", at=T0 + 3 * MINUTE)
    sign(
        small.plan,
        version,
        priya,
        "DW",
        on_behalf_by="Dana Whitfield",
        reason="Priya is on a flight; she agreed by phone.",
        at=T0 + 4 * MINUTE,
    )
    text = pages(export_plan_pdf(small.plan, tmp_path / "behalf.pdf"))[-1]
    assert "Signed on behalf by Dana Whitfield. Reason: Priya is on a flight; she agreed by phone." in text
    assert "Signature of 15 Jan 2027" in text
    assert "withdrawn" in text
    assert "Withdrawn 15 Jan 2027" in text


def test_the_signoff_page_lists_the_signatures_withdrawn_from_every_earlier_version(
    small: Small, tmp_path: Path
) -> None:
    from offsite.services.signoff import reopen

    (maya, *_), (priya, *_) = small.leaders
    first = freeze(small.plan, frozen_by="Facilitator", at=T0).id
    taken_back = sign(small.plan, first, priya, "PR", at=T0 + MINUTE).id
    withdraw_signature(small.plan, taken_back, at=T0 + 2 * MINUTE)
    sign(small.plan, first, priya, "PR", at=T0 + 3 * MINUTE)
    sign(small.plan, first, maya, "MO", at=T0 + 4 * MINUTE)
    reopen(small.plan, "Facilitator", "Maya's team takes on one more objective.", at=T0 + 10 * MINUTE)
    second = freeze(small.plan, frozen_by="Facilitator", at=T0 + 20 * MINUTE).id
    again = sign(small.plan, second, maya, "MO", at=T0 + 21 * MINUTE).id
    withdraw_signature(small.plan, again, at=T0 + 22 * MINUTE)

    text = pages(export_plan_pdf(small.plan, tmp_path / "versions.pdf"))[-1]
    # Version 2's own withdrawal sits in its signature table, as before.
    assert "Maya Okafor Signature of 15 Jan 2027, 16:21 UTC withdrawn" in text
    assert "Withdrawn 15 Jan 2027, 16:22 UTC" in text
    # Version 1 is listed among the earlier versions with its withdrawn signature, leader and times.
    assert "Version 1 15 Jan 2027, 16:00 UTC by Facilitator 2 signatures 1 withdrawn" in text
    earlier = text[text.index("SIGNATURES WITHDRAWN FROM EARLIER VERSIONS") :]
    assert (
        "Version 1 Priya Raman Signature of 15 Jan 2027, 16:01 UTC withdrawn PR Withdrawn 15 Jan 2027, 16:02 UTC"
        in earlier
    )
    assert "16:21" not in earlier  # version 2's withdrawal is not repeated as an earlier one


def test_a_signed_plan_with_check_ins_prints_the_same_plan_and_says_progress_is_kept_apart(
    small: Small, tmp_path: Path
) -> None:
    from offsite.services.checkins import check_in, log_win
    from offsite.services.plans import read_plan

    sign_all(small)
    before = export_plan_pdf(small.plan, tmp_path / "before.pdf").read_bytes()
    metric = read_plan(small.plan).objectives[0].metrics[0].id
    check_in(small.plan, metric, 12, as_of=dt.date(2027, 2, 1), confidence=7, note="Twelve opened")
    log_win(small.plan, dt.date(2027, 2, 3), "First enterprise account opened", thanks="Maya")
    after = export_plan_pdf(small.plan, tmp_path / "after.pdf")
    assert after.read_bytes() == before  # the signed plan's PDF is the plan, not its progress
    whole = " ".join(pages(after))
    assert "Progress tracked against it afterwards (check-ins, quarter-end scores, the wins log)" in whole
    assert "changes neither the plan nor its fingerprint" in whole
    assert "Twelve opened" not in whole
