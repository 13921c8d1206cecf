"""The agreements beyond goals in the plan PDF: the journey's swimlane and table, hand-offs, decision
rights under the business model, incentives with their warnings, joint practices; read back from
the real PDF (pypdf, and poppler's word boxes for what must stay inside the page)."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pypdf
import pytest
from test_pdf_signoff import T0, Small, make_plan, sign_all

from offsite.domain.agreements import AgreementKind
from offsite.domain.journey import HandOff
from offsite.domain.values import Kind, Stance
from offsite.exchange.pdf import export_plan_pdf
from offsite.exchange.pdf.text import drawn_texts
from offsite.exchange.verify import MATCH, verify_pdf
from offsite.services.agreements import add_agreement, incentive_warnings, record_agreement_stance
from offsite.services.changes import update_fields
from offsite.services.plans import read_plan

GOLDEN = Path(__file__).parent / "golden" / "plan_without_agreements.txt"
HEADINGS = ("Data definitions", *(k.heading for k in AgreementKind), "Buy-in")


@dataclass
class Agreed:
    small: Small
    sales: int
    marketing: int
    maya: int
    priya: int
    flagged: int  # an incentive on one team's objective


def _flat(text: str) -> str:
    return " ".join(text.split())


def _pages(pdf: Path) -> list[str]:
    return [_flat(page.extract_text()) for page in pypdf.PdfReader(pdf).pages]


def _agree_all(agreed: Agreed, agreement_id: int) -> None:
    for leader in (agreed.maya, agreed.priya):
        record_agreement_stance(agreed.small.plan, agreement_id, leader, Stance.AGREED, at=T0)


def _with_agreements(path: Path) -> Agreed:
    """The small signed-offsite plan with two journey stages, a hand-off, a decision right under a
    sales-led model, two incentives (one flagged) and a joint practice; most agreed by both."""
    small = make_plan(path)
    plan = small.plan
    view = read_plan(plan)
    sales, marketing = (t.id for t in view.teams)
    (maya, _, _), (priya, _, _) = small.leaders
    outbound, brand = small.objectives
    metric = next(m.id for o in view.objectives if o.id == outbound for m in o.metrics)
    definition = 1
    agreed = Agreed(small, sales, marketing, maya, priya, 0)
    mql = add_agreement(
        plan,
        "journey_stage",
        "MQL",
        team_id=marketing,
        owner_id=priya,
        message="A specialist will call you",
        trigger="Lead accepted",
        service_level="within 24 h",
    ).id
    sql = add_agreement(
        plan, "journey_stage", "SQL", team_id=sales, owner_id=maya, message="Let us solve it together"
    ).id
    hand_off = add_agreement(
        plan,
        "hand_off",
        "Demo request",
        route="Round-robin to SDRs",
        team_id=sales,
        owner_id=maya,
        service_level="First touch within 4 business hours",
        on_miss="Re-routed to the next SDR",
        definition_id=definition,
        metric_id=metric,
    ).id
    pricing = add_agreement(
        plan,
        "decision_right",
        "Pricing",
        team_id=sales,
        owner_id=maya,
        consulted="Marketing",
        why="Deal desk",
    ).id
    update_fields(
        plan,
        Kind.PLAN,
        view.details.id,
        {"business_model": "sales-led", "business_model_why": "Deals need a discovery call."},
    )
    shared = add_agreement(
        plan,
        "incentive",
        "Accounts opened",
        team_id=marketing,
        reward="10% of variable pay",
        metric_id=metric,
    ).id
    agreed.flagged = add_agreement(
        plan,
        "incentive",
        "Reports published",
        team_id=marketing,
        reward="Quarterly award",
        objective_id=brand,
    ).id
    visit = add_agreement(
        plan,
        "practice",
        "Marketing joins a customer visit",
        team_id=marketing,
        owner_id=priya,
        cadence="quarterly",
    ).id
    for agreement in (mql, hand_off, pricing, shared, visit):
        _agree_all(agreed, agreement)
    record_agreement_stance(plan, sql, maya, Stance.AGREED, at=T0)
    record_agreement_stance(plan, sql, priya, Stance.CHANGES_REQUESTED, "Say 48 h in Q1.", at=T0)
    return agreed


@pytest.fixture
def agreed(tmp_path: Path) -> Agreed:
    made = _with_agreements(tmp_path / "plan.offsite")
    yield made
    made.small.plan.close()


def test_each_agreement_section_follows_the_definitions_with_its_rows_and_buy_in(
    agreed: Agreed, tmp_path: Path
) -> None:
    text = " ".join(_pages(export_plan_pdf(agreed.small.plan, tmp_path / "plan.pdf")))
    # Numbered sections, in the facilitator's order, between the definitions and the buy-in.
    found = [re.search(rf"\d+ {re.escape(heading)}\b", text) for heading in HEADINGS]
    assert all(found), [h for h, m in zip(HEADINGS, found, strict=True) if m is None]
    starts = [m.start() for m in found if m is not None]
    assert starts == sorted(starts)
    journey, hand_offs, decisions, incentives, practices, _buyin = (
        text[a:b] for a, b in zip(starts[1:], [*starts[2:], len(text)], strict=False)
    )
    assert "1 of 2 journey stages bought in" in journey
    for cell in (
        "MQL",
        "Marketing",
        "Priya Raman",
        "A specialist will call you",
        "Lead accepted",
        "within 24 h",
    ):
        assert cell in journey
    assert "Changes requested by Priya Raman: “Say 48 h in Q1.”" in journey
    for cell in (
        "Demo request",
        "Round-robin to SDRs",
        "First touch within 4 business hours",
        "Re-routed to the next SDR",
        "Sales qualified lead",  # the definition the leads meet
        "Accounts opened",  # the metric
        "Agreed by all",
    ):
        assert cell in hand_offs, cell
    assert "Business model: Sales-led. Deals need a discovery call." in decisions
    assert "Pricing" in decisions
    assert "Deal desk" in decisions
    assert "10% of variable pay" in incentives
    assert "Quarterly award" in incentives
    assert "Still to agree: Maya Okafor, Priya Raman" in incentives
    assert "Marketing joins a customer visit" in practices
    assert "Quarterly" in practices
    assert "Agreed by all" in practices


def test_a_flagged_incentive_prints_the_rules_warning_word_for_word(agreed: Agreed, tmp_path: Path) -> None:
    warnings = incentive_warnings(agreed.small.plan)
    assert set(warnings) == {agreed.flagged}
    text = " ".join(_pages(export_plan_pdf(agreed.small.plan, tmp_path / "plan.pdf")))
    assert f"⚠ {_flat(warnings[agreed.flagged])}" in text
    assert text.count("⚠") == 1  # the incentive on a shared metric carries none


def test_the_swimlane_draws_every_stage_and_labels_the_hand_off_between_teams(
    agreed: Agreed, tmp_path: Path
) -> None:
    add_agreement(agreed.small.plan, "journey_stage", "Advocacy")  # no team owns it yet
    pages = _pages(export_plan_pdf(agreed.small.plan, tmp_path / "plan.pdf"))
    page = next(p for p in pages if "Customer journey" in p)
    label = HandOff(0, 1, 0, 1, "Lead accepted", "within 24 h").label
    # The label joins trigger and service level: only the diagram writes it so.
    assert label == "Lead accepted · within 24 h"
    assert label in page
    # Each stage is a box of the diagram and a row of the table under it.
    assert len(re.findall(r"\bMQL\b", page)) >= 2
    assert len(re.findall(r"\bSQL\b", page)) >= 2
    # The lanes are the teams in journey order.
    assert page.index("Marketing") < page.index("Sales") < page.index("Not yet owned")
    # A stage no team owns is named so in the diagram's lane and in its table row alike.
    assert page.count("Not yet owned") == 2


def _word_boxes(pdf: Path) -> list[tuple[int, float, float, str, tuple[float, float, float, float]]]:
    """(page, width, height, word, (x0, y0, x1, y1)) of every word poppler finds on every page."""
    html = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    found = []
    for number, page in enumerate(re.findall(r"<page (.*?)</page>", html, re.S), start=1):
        width, height = (float(v) for v in re.search(r'width="([\d.]+)" height="([\d.]+)"', page).groups())
        for x0, y0, x1, y1, word in re.findall(
            r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>', page
        ):
            found.append((number, width, height, word, (float(x0), float(y0), float(x1), float(y1))))
    return found


def test_twelve_stages_with_long_titles_fit_inside_the_page_and_beside_the_heading(
    agreed: Agreed, tmp_path: Path
) -> None:
    plan = agreed.small.plan
    filler = "a stage title the room wrote at length, word after word, " * 6
    for n in range(3, 13):
        team = agreed.sales if n % 3 else agreed.marketing
        add_agreement(
            plan, "journey_stage", f"Stage{n}: {filler}", team_id=team, trigger=f"Trigger {n} " + filler
        )
    pdf = export_plan_pdf(plan, tmp_path / "plan.pdf")
    boxes = _word_boxes(pdf)
    outside = [
        (page, word)
        for page, width, height, word, (x0, y0, x1, y1) in boxes
        if x0 < 0 or y0 < 0 or x1 > width + 0.5 or y1 > height + 0.5
    ]
    assert not outside
    heading_page = next(page for page, *_, word, _ in boxes if word == "journey")
    on_it = {word for page, *_, word, _ in boxes if page == heading_page}
    # The diagram, with every stage (cut short in its box), starts on the heading's page.
    assert {f"Stage{n}:" for n in range(3, 13)} <= on_it
    # The table under it prints every word of the longest title.
    text = " ".join(_pages(pdf))
    assert text.count(_flat(f"Stage12: {filler}")) == 1


def test_a_sixty_stage_journey_goes_on_over_pages_between_rows_at_a_readable_size(
    agreed: Agreed, tmp_path: Path
) -> None:
    plan = agreed.small.plan
    for n in range(3, 61):
        add_agreement(
            plan, "journey_stage", f"Step{n:02}", team_id=agreed.sales if n % 2 else agreed.marketing
        )
    boxes = _word_boxes(export_plan_pdf(plan, tmp_path / "plan.pdf"))
    steps = [(page, box) for page, _, _, word, box in boxes if re.fullmatch(r"Step\d\d", word)]
    # Each step is a box of the diagram and a row of the table.
    assert sorted({w for _, _, _, w, _ in boxes if re.fullmatch(r"Step\d\d", w)}) == [
        f"Step{n:02}" for n in range(3, 61)
    ]
    # The diagram is not shrunk to one page: its rows go on over the next, each word as tall as
    # type a reader reads (poppler's box is about 1.2 times the type size).
    pages = {page for page, _ in steps}
    assert len(pages) >= 2
    assert min(y1 - y0 for _, (_, y0, _, y1) in steps) >= 6
    assert not [w for _, width, height, w, (x0, y0, x1, y1) in boxes if x1 > width + 0.5 or y1 > height + 0.5]


def test_typed_text_of_any_script_and_length_prints_as_typed(agreed: Agreed, tmp_path: Path) -> None:
    plan = agreed.small.plan
    long_words = " ".join(f"word{n}" for n in range(1, 1500))  # about ten thousand characters
    assert len(long_words) > 9_900
    typed = ["<b>Tags & ampersands</b>", "Launch 🚀 day", "สวัสดีครับ", "增加收入百分之五十", "שלום עולם"]
    add_agreement(plan, "journey_stage", typed[0], team_id=agreed.sales, message=long_words, trigger=typed[1])
    add_agreement(plan, "hand_off", typed[2], route=typed[3], on_miss=typed[4])
    add_agreement(plan, "practice", typed[3], team_id=agreed.marketing)
    pdf = export_plan_pdf(plan, tmp_path / "plan.pdf")
    text = unicodedata.normalize("NFC", " ".join(_pages(pdf)))
    for phrase in typed:
        assert unicodedata.normalize("NFC", phrase) in text, phrase
    # Every word, in order, wrapped over as many lines and pages as it takes.
    assert re.findall(r"\bword\d+\b", text) == long_words.split()
    assert "\ufffd" not in text


def test_sections_with_nothing_to_show_are_left_out(small_plan: Small, tmp_path: Path) -> None:
    plan = small_plan.plan
    add_agreement(plan, "hand_off", "Demo request", route="Round-robin to SDRs")
    text = " ".join(_pages(export_plan_pdf(plan, tmp_path / "hand-offs.pdf")))
    assert re.search(r"\d+ Hand-offs", text)
    for heading in ("Customer journey", "Decision rights", "Incentives", "Joint practices", "Business model"):
        assert heading not in text, heading
    # The business model alone is a decision the leaders made: it prints under its heading.
    update_fields(plan, Kind.PLAN, read_plan(plan).details.id, {"business_model": "product-led"})
    text = " ".join(_pages(export_plan_pdf(plan, tmp_path / "model.pdf")))
    assert re.search(r"\d+ Decision rights", text)
    assert "Business model: Product-led." in text
    assert "No decision rights have been agreed yet." in text


@pytest.fixture
def small_plan(tmp_path: Path) -> Small:
    made = make_plan(tmp_path / "small.offsite")
    yield made
    made.plan.close()


def test_a_plan_without_agreements_prints_the_same_text_as_before_agreements_existed(
    small_plan: Small, tmp_path: Path
) -> None:
    """The golden file is the text each page drew (``text.drawn_texts``) of this plan's PDF as Offsite
    printed it before the agreements existed (a draft: its bytes carry the export date). A layout
    change made on purpose to a section this plan shows is the one reason to write it again."""
    pdf = export_plan_pdf(small_plan.plan, tmp_path / "plan.pdf")
    drawn = "\n\f\n".join(drawn_texts(pypdf.PdfReader(pdf))) + "\n"
    assert drawn == GOLDEN.read_text(encoding="utf-8")


def test_offsite_verify_passes_on_a_signed_plan_with_agreements(agreed: Agreed, tmp_path: Path) -> None:
    sign_all(agreed.small, reason="The board meets on Monday")  # two agreements are still open
    pdf = export_plan_pdf(agreed.small.plan, tmp_path / "signed.pdf")
    pages = _pages(pdf)
    assert any("Customer journey" in page for page in pages)
    # Landscape pages (the agreements) carry the signed footer as the portrait ones do.
    landscape = [p for p in pypdf.PdfReader(pdf).pages if float(p.mediabox.width) > float(p.mediabox.height)]
    assert landscape
    agreed.small.plan.close()
    verdict = verify_pdf(agreed.small.plan.path, pdf)
    assert (verdict.code, verdict.kind) == (0, MATCH), verdict
