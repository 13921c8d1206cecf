"""The PDF's Brainstorm appendix, read back with pypdf: chains, themes, work back, switch, shortlist."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest

from offsite.domain.exercises import BrainstormView, SwitchItemKind, SwitchSide
from offsite.exchange.pdf import export_pdf
from offsite.services.brainstorm import (
    add_candidate,
    add_switch_item,
    add_team_switch,
    add_why_node,
    promote_candidate,
    read_brainstorm,
    set_funnel,
    vote,
)
from offsite.services.plans import create_plan, read_plan
from offsite.services.prepare import add_company_goal, add_leader, add_team
from offsite.store import PlanFile, open_plan_file

HEADING = "Appendix: Brainstorm"


def _pages(pdf: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in pypdf.PdfReader(pdf).pages]


def _appendix_text(pages: list[str]) -> str:
    """The text from the appendix heading to the end."""
    text = " ".join(pages)
    assert HEADING in text
    return text[text.index(HEADING) :]


def _export(plan: PlanFile, out: Path, **kw: object) -> Path:
    return export_pdf(read_plan(plan), out, brainstorm=read_brainstorm(plan), **kw)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def demo(
    tmp_path_factory: pytest.TempPathFactory, demo_plan_bytes: bytes
) -> Iterator[tuple[Path, BrainstormView]]:
    """The demo plan exported once with its brainstorm, and that brainstorm."""
    folder = tmp_path_factory.mktemp("appendix")
    path = folder / "demo.offsite"
    path.write_bytes(demo_plan_bytes)
    plan = open_plan_file(path)
    try:
        brainstorm = read_brainstorm(plan)
        yield _export(plan, folder / "demo.pdf"), brainstorm
    finally:
        plan.close()


@pytest.fixture
def small(tmp_path: Path) -> Iterator[PlanFile]:
    plan = create_plan(tmp_path / "small.offsite", "Small offsite")
    yield plan
    plan.close()


def test_the_appendix_starts_on_its_own_page_after_the_buyin(demo: tuple[Path, BrainstormView]) -> None:
    pages = _pages(demo[0])
    first = next(i for i, page in enumerate(pages) if HEADING in page)
    assert "Buy-in" in " ".join(pages[:first])
    assert "Open points" not in pages[first]
    assert "Ask-why chains" in pages[first]
    text = _appendix_text(pages)
    for title in ("Common themes", "Working back from company goals", "Team switch", "Shortlist"):
        assert title in text


def test_every_team_chain_prints_in_order_with_its_theme(demo: tuple[Path, BrainstormView]) -> None:
    pdf, brainstorm = demo
    text = _appendix_text(_pages(pdf))
    assert len(brainstorm.nodes) == 15  # three teams' chains: 6, 6 and 3 statements
    position = 0
    for node in brainstorm.nodes:  # depth-first, team by team: the order the chains print in
        found = text.find(node.text, position)
        assert found >= 0, node.text
        position = found + len(node.text)
    assert "Theme: Predictable revenue" in text
    themes = text[text.index("Common themes") :]
    assert "Predictable revenue Team Statement Sales So the company grows predictable revenue" in themes
    assert "Marketing So the company grows predictable revenue, quarter after quarter" in themes


def _runs(pdf: Path) -> list[tuple[str, float]]:
    """Every text run of the PDF with the x position where it starts, in drawing order."""
    runs: list[tuple[str, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            runs.append((text.strip(), tm[4] * cm[0] + tm[5] * cm[2] + cm[4]))

    for page in pypdf.PdfReader(pdf).pages:
        page.extract_text(visitor_text=visit)
    return runs


def test_deeper_answers_sit_further_right(demo: tuple[Path, BrainstormView]) -> None:
    pdf, brainstorm = demo
    runs = _runs(pdf)
    start = next(i for i, (text, _) in enumerate(runs) if text == HEADING)
    chain = [
        "Sales exists to close deals",
        "To hit the revenue number we commit to each quarter",
        "So the company can plan hiring and spend with confidence",
        "So the company grows predictable revenue",
    ]
    xs = []
    for statement in chain:
        start = next(i for i in range(start, len(runs)) if runs[i][0] == statement)
        xs.append(runs[start][1])
    assert xs == sorted(xs), xs
    assert len(set(xs)) == 4, xs
    depths = {n.text: n.depth for n in brainstorm.nodes}
    assert [depths[s] for s in chain] == [0, 1, 2, 3]
    # A sibling at the same depth lines up with its cousin.
    sibling = next(x for text, x in runs[start:] if text.startswith("To win customers who get real value"))
    assert sibling == pytest.approx(xs[1])


def test_work_back_tree_and_funnel_figures_worked_by_hand(demo: tuple[Path, BrainstormView]) -> None:
    text = _appendix_text(_pages(demo[0]))
    work = text[text.index("Working back from company goals") : text.index("Team switch")]
    assert "G1 Grow revenue 50% in 2027" in work
    assert "Close 10 M USD of new business Sales 10 M USD" in work
    assert "Book 180 outbound meetings a quarter Sales 180 meetings" in work
    assert "Raise MQL to SQL conversion to 30% Marketing 30%" in work
    assert "Renew 95% of contracts on time Customer Success 95%" in work
    assert "Revenue target 10,000,000 Average deal size 40,000" in work
    assert "Q1 2027 (20) · Q2 2027 (25) · Q3 2027 (25) · Q4 2027 (30)" in work
    # Q1: 20% of 10,000,000 = 2,000,000; ÷ 40,000 = 50 deals; ÷ 25% = 200 opportunities;
    # ÷ 60% = 333.3 → 334 SQLs; ÷ 30% = 1,113.3 → 1,114 MQLs; ÷ 15% = 7,426.7 → 7,427 leads.
    assert "Q1 2027 2,000,000 50 200 334 1,114 7,427" in work
    # Q4: 3,000,000 → 75 → 300 → 500 → 1,666.7 → 1,667 → 11,113.3 → 11,114.
    assert "Q4 2027 3,000,000 75 300 500 1,667 11,114" in work
    # Q2 and Q3: 2,500,000 → 62.5 → 63 → 252 → 420 → 1,400 → 9,333.3 → 9,334; the total sums the quarters.
    assert "Total 10,000,000 251 1,004 1,674 5,581 37,209" in work
    assert "rounded up to a whole number" in work


def test_team_switch_shows_both_versions_and_both_notes(demo: tuple[Path, BrainstormView]) -> None:
    text = _appendix_text(_pages(demo[0]))
    switch = text[text.index("Team switch") : text.index("Shortlist")]
    assert "Marketing plays Sales" in switch
    assert "Sales plays Marketing" in switch
    assert "20 minutes to prepare, 10 minutes to present" in switch
    assert "As Marketing played it As Sales sees it" in switch
    assert "Close as much new business as we can each quarter" in switch
    assert "Close 10 M USD of new business at a 25% win rate" in switch
    assert (
        "We thought Sales wanted more leads; they want fewer, better ones, and the time to work them."
        in switch
    )
    assert "Sales did not know we are measured on pipeline now, not on lead volume." in switch
    # One played goal shares "close new business" with Sales' own and sits on its row; the other
    # nine items of the demo stand alone.
    pairs = switch[switch.index("Marketing plays Sales") :]
    assert pairs.count("Only in this version") == 9


def test_matching_items_share_a_row_and_the_rest_are_marked(small: PlanFile, tmp_path: Path) -> None:
    sales, marketing = add_team(small, "Sales").id, add_team(small, "Marketing").id
    switch = add_team_switch(small, marketing, sales).id
    for side, text in [
        (SwitchSide.PLAYED, "Call every inbound lead within one hour"),
        (SwitchSide.PLAYED, "Discount at quarter end"),
        (SwitchSide.REAL, "Qualify accounts against the ideal customer profile"),
        (SwitchSide.REAL, "Call each inbound lead within the hour"),
    ]:
        add_switch_item(small, switch, side, SwitchItemKind.PLAN, text)
    text = _appendix_text(_pages(_export(small, tmp_path / "plan.pdf")))
    assert (
        "Call every inbound lead within one hour Call each inbound lead within the hour "
        "Discount at quarter end Only in this version "
        "Qualify accounts against the ideal customer profile Only in this version"
    ) in text
    assert text[text.index("Marketing plays Sales") :].count("Only in this version") == 2


def test_shortlist_ranks_each_team_with_dots_impact_smart_and_the_top_n(
    demo: tuple[Path, BrainstormView],
) -> None:
    text = _appendix_text(_pages(demo[0]))
    shortlist = text[text.index("A.5 Shortlist") :]
    assert "Every leader had 3 dots to place" in shortlist
    # Each team's shortlist as the facilitator kept it, then its table.
    kept = re.findall(r"Shortlisted: (.*?) # Candidate", shortlist)
    assert "Book 180 outbound meetings in Q1 2027" in kept[0]
    shortlist = re.sub(r"Shortlisted: .*? (?=# Candidate)", "", shortlist)
    row = r"(?:(?!Shortlisted).)*? (\d+) (\d|—) ((?:(?:Yes|No|—) ){5})(Shortlisted|—)"
    expected = {  # text: dots, impact, SMART marks, shortlisted
        "Book 180 outbound meetings in Q1 2027": ("3", "5", "Yes Yes Yes Yes Yes", True),
        "Call back every MQL within one hour": ("3", "4", "Yes Yes Yes No No", True),
        "Build 3× pipeline coverage before every quarter starts": ("1", "4", "— — — — —", True),
        "Share win and loss reasons with Marketing every month": ("0", "—", "— — — — —", False),
        "Agree one MQL definition with Sales by 31 January 2027": ("3", "5", "Yes Yes Yes Yes Yes", True),
        "Grow leads to 37,200 in 2027": ("0", "2", "Yes Yes No No Yes", False),
        "Be more aligned": ("0", "1", "No No — — No", False),
        "One funnel dashboard, reviewed every Monday": ("3", "—", "Yes No Yes Yes Yes", True),
        "Buy each other donuts when a shared target is hit": ("0", "—", "— — — — —", False),
    }
    for candidate, (dots, impact, marks, kept) in expected.items():
        found = re.search(re.escape(candidate) + row, shortlist)
        assert found is not None, candidate
        assert (found[1], found[2], found[3].strip(), found[4] == "Shortlisted") == (
            dots,
            impact,
            marks,
            kept,
        )
    assert (
        "SMART notes: Measurable: Meetings in the CRM; Achievable: Pod is hired; Timely: Q1 2027" in shortlist
    )
    assert "From: Typed in the room" in shortlist
    # Teams in plan order; within Sales, ranked by dots then impact.
    order = [
        shortlist.index(t) for t in ("Sales # Candidate", "Marketing # Candidate", "No team # Candidate")
    ]
    assert order == sorted(order)
    assert (
        shortlist.index("Book 180 outbound")
        < shortlist.index("Call back every MQL")
        < shortlist.index("Build 3× pipeline")
    )


def test_a_promoted_candidate_names_its_objective(demo_plan: PlanFile, tmp_path: Path) -> None:
    candidate = next(
        c for c in read_brainstorm(demo_plan).candidates if c.text.startswith("Call back every MQL")
    )
    assert candidate.objective_id is None
    promote_candidate(demo_plan, candidate.id)
    text = _appendix_text(_pages(_export(demo_plan, tmp_path / "plan.pdf")))
    plan_part = " ".join(_pages(tmp_path / "plan.pdf"))
    found = re.search(r"Call back every MQL within one hour .*?Promoted to objective (O\d+)", text)
    assert found is not None
    assert f"{found[1]} Call back every MQL within one hour" in plan_part
    # The demo's "Go outbound" was promoted from the outbound-meetings candidate, then reworded.
    outbound = re.search(r"Book 180 outbound meetings in Q1 2027 .*?Promoted to objective (O\d+)", text)
    assert outbound is not None
    assert f"{outbound[1]} Go outbound" in plan_part


def test_a_plan_without_brainstorm_data_has_no_appendix(small: PlanFile, tmp_path: Path) -> None:
    add_company_goal(small, "Grow revenue")
    add_team(small, "Sales")
    empty = read_brainstorm(small)
    assert empty == BrainstormView(dot_budget=empty.dot_budget, top_n=empty.top_n)
    for brainstorm in (None, empty):
        pdf = export_pdf(read_plan(small), tmp_path / "plan.pdf", brainstorm=brainstorm)
        text = " ".join(_pages(pdf))
        assert "Appendix" not in text
        assert "Brainstorm" not in text


def test_the_demo_without_its_brainstorm_ends_with_the_buyin(demo_plan: PlanFile, tmp_path: Path) -> None:
    pages = _pages(export_pdf(read_plan(demo_plan), tmp_path / "plan.pdf"))
    assert HEADING not in " ".join(pages)
    assert "Open points" in pages[-1]


def test_a_funnel_with_a_zero_rate_prints_why_and_no_infinity(small: PlanFile, tmp_path: Path) -> None:
    goal = add_company_goal(small, "Grow revenue", target=10, unit="M USD").id
    set_funnel(
        small,
        goal,
        revenue_target=1_000_000,
        average_deal_size=50_000,
        win_rate=0,
        sql_to_opportunity=50,
        mql_to_sql=50,
        lead_to_mql=50,
        quarters=["Q1", "Q2"],
    )
    text = _appendix_text(_pages(_export(small, tmp_path / "plan.pdf")))
    assert "The funnel cannot be computed from these inputs" in text
    assert "A win rate of 0% means no opportunity ever closes; enter a rate above 0%." in text
    assert "Win rate 0%" in text
    assert "Leads" not in text  # no table
    assert not re.search(r"\b(inf|infinity|nan)\b", text, re.IGNORECASE)


def test_a_blank_funnel_is_not_printed(small: PlanFile, tmp_path: Path) -> None:
    goal = add_company_goal(small, "Grow revenue").id
    set_funnel(small, goal, revenue_target=None)
    assert any(f.company_goal_id == goal for f in read_brainstorm(small).funnels)
    assert HEADING not in " ".join(_pages(_export(small, tmp_path / "plan.pdf")))


def test_odd_unicode_in_a_why_node_prints_as_typed(small: PlanFile, tmp_path: Path) -> None:
    team = add_team(small, "Ventes").id
    typed = ["Αύξηση εσόδων κατά 50%", "売上を五十パーセント伸ばす", "Launch 🚀 together", "שלום עולם"]
    root = add_why_node(small, team, typed[0]).id
    parent = root
    for text in typed[1:]:
        parent = add_why_node(small, team, text, parent).id
    text = _appendix_text(_pages(_export(small, tmp_path / "plan.pdf")))
    for phrase in typed:
        assert phrase in text


def test_progress_rises_to_its_total_with_the_appendix(demo_plan: PlanFile, tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    _export(demo_plan, tmp_path / "plan.pdf", progress=lambda done, total: calls.append((done, total)))
    totals = {total for _, total in calls}
    assert len(totals) == 1
    dones = [done for done, _ in calls]
    assert dones == sorted(dones)
    assert dones[-1] == calls[-1][1]
    # The appendix adds its own checkpoints: more steps than the plan alone.
    plain: list[tuple[int, int]] = []
    export_pdf(read_plan(demo_plan), tmp_path / "plain.pdf", progress=lambda d, t: plain.append((d, t)))
    assert calls[-1][1] > plain[-1][1]


def test_a_long_shortlist_repeats_its_header_on_every_page(small: PlanFile, tmp_path: Path) -> None:
    team = add_team(small, "Sales").id
    leader = add_leader(small, "Maya", "VP Sales", team).id
    first = add_candidate(small, "Candidate number 000 " + "with a long explanation " * 6, team).id
    vote(small, leader, first, 1)
    for number in range(1, 70):
        add_candidate(small, f"Candidate number {number:03d} " + "with a long explanation " * 6, team)
    pages = _pages(_export(small, tmp_path / "plan.pdf"))
    holding = [page for page in pages if "Candidate number" in page]
    assert len(holding) >= 3
    for page in holding:
        assert "# Candidate Dots Impact S M A R T Shortlist" in page
    text = " ".join(holding)
    for number in range(70):
        assert f"Candidate number {number:03d}" in text


def test_the_appendix_is_portrait_after_a_landscape_buyin(small: PlanFile, tmp_path: Path) -> None:
    team = add_team(small, "Sales").id
    for number in range(7):
        add_leader(small, f"Leader {number}", "Head", team)
    add_why_node(small, team, "Sales exists to close deals")
    reader = pypdf.PdfReader(_export(small, tmp_path / "plan.pdf"))
    buyin = next(p for p in reader.pages if "Buy-in" in p.extract_text())
    appendix = next(p for p in reader.pages if HEADING in p.extract_text())
    assert float(buyin.mediabox.width) > float(buyin.mediabox.height)
    assert float(appendix.mediabox.width) < float(appendix.mediabox.height)


def _offsite_command() -> list[str]:
    script = Path(sys.executable).with_name("offsite")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "offsite.cli"]


def test_the_cli_export_includes_the_appendix(tmp_path: Path, demo_plan_bytes: bytes) -> None:
    source = tmp_path / "demo.offsite"
    source.write_bytes(demo_plan_bytes)
    out = tmp_path / "plan.pdf"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("DISPLAY", None)
    result = subprocess.run(
        [*_offsite_command(), "export", str(source), str(out)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result
    text = _appendix_text(_pages(out))
    assert "Marketing plays Sales" in text
    assert "Q1 2027 2,000,000 50 200 334 1,114 7,427" in text
