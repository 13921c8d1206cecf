"""The PDF export at scale: laid out once, page hashes from the drawn text, work in proportion to the plan.

Work is counted (layout passes, paragraphs wrapped, table rows handled), never timed.
"""

from __future__ import annotations

import collections
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pypdf
import pytest

from offsite.exchange.demo import write_demo_plan
from offsite.exchange.pdf import (
    KEY_PAGE_TEXT,
    KEY_TEXT_RULE,
    export_plan_pdf,
    page_text_hash,
)
from offsite.exchange.pdf.text import drawn_texts
from offsite.exchange.verify import ALTERED, NOT_SIGNED, verify_pdf
from offsite.services.generated import make_plan
from offsite.services.objectives import add_objective
from offsite.services.plans import read_plan
from offsite.store import PlanFile

#: Objectives typed in right-to-left and CJK scripts (Arabic, Hebrew, Japanese), and one mixing them.
SCRIPTS = (
    "زيادة الإيرادات المتكررة بنسبة ١٥٪ في منطقة الخليج",
    "להגדיל את שיעור ההמרה של לידים ב-20% עד סוף השנה",
    "日本市場での新規顧客を四半期ごとに30社獲得する",
    "Grow EMEA pipeline 3× — צמיחה, نمو, 成長",
)


@pytest.fixture
def counts(monkeypatch: pytest.MonkeyPatch) -> collections.Counter[str]:
    """How often the layout builds a document, wraps a paragraph, and how many table rows it handles."""
    from reportlab.platypus import doctemplate, paragraph, tables

    seen: collections.Counter[str] = collections.Counter()

    def counting(cls: Any, name: str, key: str, rows: Callable[[Any], int] | None = None) -> None:
        original = getattr(cls, name)

        def counted(self: Any, *args: Any, **kwargs: Any) -> Any:
            seen[key] += rows(self) if rows is not None else 1
            return original(self, *args, **kwargs)

        monkeypatch.setattr(cls, name, counted)

    counting(doctemplate.BaseDocTemplate, "build", "builds")
    counting(paragraph.Paragraph, "wrap", "paragraphs wrapped")
    counting(paragraph.Paragraph, "breakLines", "lines broken")
    counting(paragraph.Paragraph, "breakLinesCJK", "lines broken")
    counting(paragraph.Paragraph, "drawPara", "paragraphs drawn")
    counting(tables.Table, "_calc_height", "table rows measured", lambda t: len(t._cellvalues))
    counting(tables.Table, "split", "table rows split", lambda t: len(t._cellvalues))
    return seen


def _export(plan: PlanFile, out: Path) -> tuple[pypdf.PdfReader, dict[str, str]]:
    export_plan_pdf(plan, out)
    reader = pypdf.PdfReader(io.BytesIO(out.read_bytes()))
    info = {str(k): str(v) for k, v in (reader.metadata or {}).items()}
    return reader, info


def test_the_pdf_is_laid_out_once_and_every_footer_counts_all_pages(
    tmp_path: Path, counts: collections.Counter[str]
) -> None:
    plan = write_demo_plan(tmp_path / "demo.offsite")
    try:
        reader, _ = _export(plan, tmp_path / "demo.pdf")
    finally:
        plan.close()
    assert counts["builds"] == 1
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        assert f"Page {number} of {total}" in page.extract_text()


def _with_scripts(plan: PlanFile) -> None:
    team_ids = [t.id for t in read_plan(plan).teams]
    for n, statement in enumerate(SCRIPTS):
        add_objective(plan, statement, team_ids[n % len(team_ids) : n % len(team_ids) + 1], method=statement)


@pytest.mark.parametrize("which", ["demo", "generated with right-to-left and CJK text"])
def test_each_page_hash_is_of_the_text_read_back_from_the_written_pdf(tmp_path: Path, which: str) -> None:
    if which == "demo":
        plan = write_demo_plan(tmp_path / "plan.offsite")
    else:
        plan = make_plan(tmp_path / "plan.offsite", objectives=12, leaders=4, teams=2)
        _with_scripts(plan)
    try:
        reader, info = _export(plan, tmp_path / "plan.pdf")
    finally:
        plan.close()
    texts = drawn_texts(reader)
    assert info[KEY_TEXT_RULE] == "drawn"
    assert info[KEY_PAGE_TEXT].split() == [page_text_hash(text) for text in texts]
    if which != "demo":  # the scripts print, and read back as typed (right-to-left in drawing order)
        whole = "".join(texts)
        assert "日本市場での新規顧客を四半期ごとに30社獲得する" in whole
        assert any(ord(c) in range(0x0590, 0x0600) for c in whole)  # Hebrew
        assert any(ord(c) in range(0x0600, 0x0700) or ord(c) in range(0xFB50, 0xFF00) for c in whole)
    # ``offsite verify`` reads the same hashes back: a draft is "not signed", not "altered".
    verdict = verify_pdf(tmp_path / "plan.offsite", tmp_path / "plan.pdf")
    assert verdict.kind == NOT_SIGNED, verdict


def test_a_pdf_hashed_by_the_earlier_rule_still_verifies_and_a_changed_one_does_not(tmp_path: Path) -> None:
    """A PDF exported before the drawn-text rule carries hashes of pypdf's extracted text and no rule."""
    plan = make_plan(tmp_path / "plan.offsite", objectives=6, leaders=4, teams=2)
    _with_scripts(plan)
    try:
        reader, _ = _export(plan, tmp_path / "plan.pdf")
    finally:
        plan.close()
    assert drawn_texts(reader) != [page.extract_text() for page in reader.pages]

    def earlier(texts: list[str], out: Path) -> Path:
        writer = pypdf.PdfWriter(clone_from=reader)
        info = {str(k): str(v) for k, v in (reader.metadata or {}).items() if str(k) != KEY_TEXT_RULE}
        info[KEY_PAGE_TEXT] = " ".join(page_text_hash(text) for text in texts)
        writer.metadata = info  # replaces the document information: no rule

        writer.write(out)
        return out

    extracted = [page.extract_text() for page in reader.pages]
    old = earlier(extracted, tmp_path / "earlier.pdf")
    assert KEY_TEXT_RULE not in (pypdf.PdfReader(old).metadata or {})
    assert verify_pdf(tmp_path / "plan.offsite", old).kind == NOT_SIGNED
    changed = earlier(["Target: 400 accounts", *extracted[1:]], tmp_path / "changed.pdf")
    verdict = verify_pdf(tmp_path / "plan.offsite", changed)
    assert verdict.kind == ALTERED
    assert "the text of page 1 is not what Offsite printed" in verdict.message


def test_plain_ascii_text_is_marked_up_as_the_font_chain_would() -> None:
    """``para`` skips the font chain for ASCII text: the paragraph it makes must be the same."""
    from offsite.exchange import fonts
    from offsite.exchange.pdf.rtl import para
    from offsite.exchange.pdf.styles import Styles

    fonts.font_chain()
    s = Styles()
    ascii_text = "".join(chr(c) for c in range(32, 127)) + "\nA <b>bold</b> & 'quoted' line"
    from reportlab.platypus import Paragraph

    for style in (s.body, s.cell_bold):
        made = para(ascii_text, style)
        chained = Paragraph(fonts.markup(fonts.clean(ascii_text), style.fontName == fonts.BOLD), style)
        assert made.style is style
        assert [(f.fontName, f.text) for f in made.frags] == [(f.fontName, f.text) for f in chained.frags]


def _work(tmp_path: Path, objectives: int, counts: collections.Counter[str]) -> dict[str, int]:
    plan = make_plan(tmp_path / f"plan-{objectives}.offsite", objectives=objectives)
    try:
        counts.clear()
        export_plan_pdf(plan, tmp_path / f"plan-{objectives}.pdf")
    finally:
        plan.close()
    return dict(counts)


def test_the_whole_export_wraps_paragraphs_in_proportion_to_the_plan(
    tmp_path: Path, counts: collections.Counter[str]
) -> None:
    small = _work(tmp_path, 30, counts)
    large = _work(tmp_path, 300, counts)
    assert small["builds"] == large["builds"] == 1
    assert large["paragraphs wrapped"] <= 13 * small["paragraphs wrapped"]


def test_a_paragraph_breaks_its_lines_once_for_its_width(
    tmp_path: Path, counts: collections.Counter[str]
) -> None:
    # A table asks each cell's size to set the row heights, again to draw it, and again where a
    # row splits across pages: breaking the lines each time cost reportlab about three times the
    # line breaking a paragraph needs.
    work = _work(tmp_path, 30, counts)
    assert work["paragraphs drawn"] > 500
    assert work["lines broken"] <= 1.3 * work["paragraphs drawn"], work


def _long_table_work(rows: int, counts: collections.Counter[str]) -> dict[str, int]:
    """Lay out one table of ``rows`` rows under a header, as the buy-in matrix and open points are."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate

    from offsite.exchange import fonts
    from offsite.exchange.pdf.flowables import grid_commands, table
    from offsite.exchange.pdf.rtl import para
    from offsite.exchange.pdf.styles import Styles

    fonts.font_chain()
    s = Styles()
    body = [
        [para(f"O{n}", s.cell_bold), para(f"Objective {n} with a statement long enough to wrap " * 2, s.cell)]
        for n in range(1, rows + 1)
    ]
    commands = grid_commands() + [("BACKGROUND", (0, n), (0, n), "#FBEDED") for n in range(1, rows + 1, 3)]
    flowable = table(
        [[para("", s.head), para("Objective", s.head)], *body], [40, 400], commands, repeatRows=1
    )
    counts.clear()
    SimpleDocTemplate(io.BytesIO(), pagesize=A4, invariant=1).build([flowable])
    return dict(counts)


def test_a_long_table_is_laid_out_in_proportion_to_its_rows(counts: collections.Counter[str]) -> None:
    small = _long_table_work(200, counts)
    large = _long_table_work(2000, counts)
    for what in ("table rows measured", "table rows split", "paragraphs wrapped"):
        # Ten times the rows: ten times the work, give or take the first and last pages. One
        # reportlab table split page by page over all its remaining rows made this grow with the
        # square of the rows (about 100 times).
        assert large[what] <= 13 * small[what], (what, small[what], large[what])
