"""A signed PDF never says something the screen did not: the same plan read on the screens and in the PDF.

For the demo plan and a generated plan of a thousand objectives, each signed: the alignment index
(every component, so the SMART results with it), the overlaps (each finding, open or settled), the
shortlist and the short fingerprint are read from the real pages of the main window and from the
text of the exported PDF (pypdf), and must say the same thing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import Qt

from offsite.domain import smart
from offsite.domain.exercises import CandidateView
from offsite.domain.signoff import signing_initials
from offsite.exchange.pdf import export_plan_pdf
from offsite.gui.brainstorm.candidates import CandidatesTab
from offsite.gui.overlaps import EntryKind
from offsite.services.generated import make_plan
from offsite.services.plans import open_plan, read_plan
from offsite.services.signoff import freeze, read_signoff, sign
from offsite.store import PlanFile

SIGNED_AT = dt.datetime(2027, 1, 16, 17, 0)


def sign_by_all(plan: PlanFile) -> None:
    """Freeze the plan (with a reason: not every objective is bought in) and sign it as every leader."""
    freeze(plan, frozen_by="Facilitator", override_reason="Signed for the board meeting.", at=SIGNED_AT)
    version = read_signoff(plan).locked_version_id
    assert version is not None
    for n, leader in enumerate(read_plan(plan).leaders, start=1):
        sign(plan, version, leader.id, signing_initials(leader), at=SIGNED_AT + dt.timedelta(minutes=n))


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(path).pages)


def pdf_story(path: Path, title: str) -> str:
    """The PDF's text without what every page repeats (header, footer, a table's repeated head), so a
    table row that a page break splits reads as one again."""
    story = pdf_text(path)
    for furniture in (
        re.escape(title),
        r"Page \d+ of \d+",
        r"Version \d+ · fingerprint [0-9a-f ]{19}",
    ):
        story = re.sub(furniture, " ", story)
    return " ".join(story.split())


def between(text: str, start: str, end: str) -> str:
    first = text.index(start)
    return text[first : text.index(end, first)]


@dataclass(frozen=True)
class Screens:
    """What the pages of the main window show, read from their widgets and models."""

    score: str
    components: list[tuple[str, ...]]
    gap: str
    found_settled: tuple[int, int]
    #: Each finding to settle: (first statement, second statement, "Open" or how it was settled).
    findings: list[tuple[str, str, str]]
    shortlisted: list[str]
    fingerprint: str


def read_plan_title(path: Path) -> str:
    with open_plan(path, readonly=True) as plan:
        return read_plan(plan).details.title


def read_screens(window, qtbot) -> Screens:  # type: ignore[no-untyped-def]
    window.show_view("review")
    review = window.phase_pages["review"].ui
    # A large plan's overlaps are counted on a worker: the score shows when they are.
    qtbot.waitUntil(lambda: review.scoreLabel.text() != "…", timeout=60_000)
    table = review.componentsTable
    components = [
        tuple(table.item(row, column).text() for column in (0, 4, 1, 2, 3)) for row in range(table.rowCount())
    ]
    gap = re.search(r"Gap <b>([^<]+)</b>", review.gapLabel.text())

    window.show_view("buyin")
    buyin = window.phase_pages["buyin"]
    buyin.ui.matrixView.setFocus()
    qtbot.keyClick(buyin.ui.matrixView, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)  # the Overlaps tab
    overlaps = buyin.overlaps
    assert buyin.ui.tabs.currentWidget() is overlaps
    qtbot.waitUntil(lambda: not overlaps.busy, timeout=60_000)
    summary = re.search(r"\((\d+) found, (\d+) settled\)", overlaps.ui.summaryLabel.text())
    assert summary is not None
    findings = [
        (e.first.statement, e.second.statement, "Open" if e.resolution is None else e.resolution.action.label)
        for e in overlaps.entries
        if e.kind is EntryKind.FINDING and e.first is not None and e.second is not None
    ]

    window.show_view("brainstorm")
    brainstorm = window.phase_pages["brainstorm"]
    candidates = brainstorm.tabs["Candidates"]
    brainstorm.ui.exercises.setCurrentWidget(candidates)
    assert isinstance(candidates, CandidatesTab)
    assert candidates.isVisible()
    pool = candidates.model
    shortlisted = [
        pool.row_at(row).candidate.text for row in range(pool.rowCount()) if pool.row_at(row).shortlisted
    ]

    window.show_view("signoff")
    label = window.phase_pages["signoff"].ui.fingerprintLabel.text()
    fingerprint = re.search(r"<code>([0-9a-f ]+)…</code>", label)
    assert fingerprint is not None
    return Screens(
        review.scoreLabel.text(),
        components,
        gap.group(1).replace("−", "-") if gap else "—",
        (int(summary.group(1)), int(summary.group(2))),
        findings,
        sorted(shortlisted),
        fingerprint.group(1),
    )


def assert_agree(screens: Screens, pdf: Path, title: str) -> None:
    text = pdf_story(pdf, title)
    # The alignment index: the score, the gap, and every component (SMART check included), as shown.
    alignment = between(text, "Alignment index", "WHAT LEADERS SAY")
    stats = re.search(r"(\d+|—) (\d+|—) ([+-]\d+|—) Score from the plan’s evidence", alignment)
    assert stats is not None
    assert stats.group(1) == screens.score
    assert stats.group(3) == screens.gap
    for name, explanation, weight, met, points in screens.components:
        shown = f"{name} {explanation} {weight} {met} {points}" if met != "—" else f"{name} {explanation} — —"
        assert shown in alignment, shown
    smart_row = next(c for c in screens.components if c[0] == "SMART check passed")
    assert f"SMART check passed Objectives that pass the SMART check: {smart_row[3]}." in alignment

    # The overlaps: how many found and settled, and each finding open or settled the same way.
    review = between(text, "Overlap review", "Alignment index")
    first_head = review.index("Objectives Finding Resolution") + 1
    review = review[:first_head] + review[first_head:].replace("Objectives Finding Resolution ", "")
    found, settled = screens.found_settled
    assert (
        f"{found} overlap{'s' if found != 1 else ''} found between different teams’ objectives, {settled} settled"
        in review
    )
    starts = {}
    for first, second, status in screens.findings:
        # The first words of each: a row split by a page break reads on with the other cells first.
        opening, other = " ".join(first.split()[:4]), " ".join(second.split()[:3])
        pair = rf"O\d+ {re.escape(opening)} .{{0,300}}? and (?:.{{0,800}}? )?O\d+ {re.escape(other)} "
        found_at = re.search(pair, review)
        assert found_at is not None, (first, second)
        starts[found_at.start()] = status
    ends = [*sorted(starts)[1:], len(review)]
    for (start, status), end in zip(sorted(starts.items()), ends, strict=True):
        resolution = review[start:end]  # the row: the pair, the finding and its rule, the resolution
        if status == "Open":
            assert " Open" in resolution, review[start:end]
        else:
            assert status in resolution, review[start:end]
            assert " Open" not in resolution, review[start:end]

    # The shortlist, as kept by the facilitator.
    kept = [
        item
        for listed in re.findall(r"Shortlisted: (.*?) # Candidate Dots", text)
        for item in listed.split("; ")
        if item != "none kept yet"
    ]
    assert sorted(kept) == screens.shortlisted

    # The short fingerprint: the Sign-off screen's and every page footer's.
    pages = pdf_text(pdf)
    assert pages.count(f"fingerprint {screens.fingerprint}") == len(re.findall(r"Page \d+ of", pages)) > 0


def test_the_demo_plan_reads_the_same_on_the_screens_and_in_its_signed_pdf(
    qtbot, make_window, tmp_path: Path, demo_plan_bytes: bytes
) -> None:
    path = tmp_path / "demo.offsite"
    path.write_bytes(demo_plan_bytes)
    with open_plan(path) as plan:
        sign_by_all(plan)
        pdf = export_plan_pdf(plan, tmp_path / "demo.pdf")
    window = make_window()
    assert window.open_path(path)
    screens = read_screens(window, qtbot)
    assert screens.findings
    assert screens.shortlisted
    assert_agree(screens, pdf, read_plan_title(path))


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_a_thousand_objective_plan_reads_the_same_on_the_screens_and_in_its_signed_pdf(
    qtbot, make_window, tmp_path: Path
) -> None:
    path = tmp_path / "big.offsite"
    with make_plan(path, objectives=1000, leaders=8, teams=4) as plan:
        sign_by_all(plan)
        pdf = export_plan_pdf(plan, tmp_path / "big.pdf")
    window = make_window()
    assert window.open_path(path)
    screens = read_screens(window, qtbot)
    assert len(screens.findings) == 35
    assert_agree(screens, pdf, read_plan_title(path))


def test_the_smart_rule_of_the_domain_is_the_one_the_review_screen_and_the_pdf_count(
    qtbot, make_window, tmp_path: Path, demo_plan_bytes: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Change the domain's SMART rule and both the Review screen and the PDF follow it: neither has
    a rule of its own that could drift from the other."""
    path = tmp_path / "demo.offsite"
    path.write_bytes(demo_plan_bytes)

    def stricter(candidate: CandidateView) -> bool:  # a rule no copy elsewhere would share
        return False

    monkeypatch.setattr(smart, "passes", stricter)
    with open_plan(path) as plan:
        sign_by_all(plan)
        pdf = export_plan_pdf(plan, tmp_path / "demo.pdf")
    window = make_window()
    assert window.open_path(path)
    screens = read_screens(window, qtbot)
    smart_row = next(c for c in screens.components if c[0] == "SMART check passed")
    assert smart_row[3] == "0 of 6"
    assert "SMART check passed Objectives that pass the SMART check: 0 of 6." in pdf_text(pdf)
