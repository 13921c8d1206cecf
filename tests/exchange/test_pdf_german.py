"""A PDF printed while Offsite speaks another language: every word Offsite writes on it goes through
the catalogue, its numbers and dates read as German writes them, and a signed one still verifies.

The language is installed with ``offsite.domain.language.use`` and a lookup that marks every text it
is asked for as «text»: a word on a page outside «…» that is not the plan's own (a name, an objective,
a number, a date) is one Offsite wrote without asking the catalogue. The PDF is read back with
pdftotext, as a reader's tools read it.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
from test_pdf_signoff import Small, make_plan, sign_all

from offsite.domain import language
from offsite.domain.fingerprint import short_fingerprint
from offsite.exchange.demo import write_demo_plan
from offsite.exchange.pdf import KEY_LANGUAGE, export_plan_pdf
from offsite.exchange.verify import MATCH, OTHER_LANGUAGE, verify_pdf
from offsite.services.objectives import add_metric
from offsite.services.prepare import add_company_goal
from offsite.services.signoff import read_signoff

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")


#: Letters that make a word: a run of two or more (single letters are codes such as the O in O3).
WORD = re.compile(r"[^\W\d_]{2,}")


def marked(context: str, text: str, disambiguation: str | None) -> str:
    """The catalogue's answer in this test: the text asked for, marked «text»."""
    del context, disambiguation
    return f"«{text}»"


def shouted(context: str, text: str, disambiguation: str | None) -> str:
    """Another answer: the text in capitals (its {placeholders} kept), so a word Offsite wrote through
    the catalogue is known by its case wherever a table or the watermark puts it on the page."""
    del context, disambiguation
    return "".join(part if part.startswith("{") else part.upper() for part in re.split(r"(\{\w*\})", text))


@pytest.fixture
def speaking_marked() -> Iterator[None]:
    language.use(marked, "de")
    yield
    language.use(None)


@pytest.fixture
def small(tmp_path: Path) -> Iterator[Small]:
    made = make_plan(tmp_path / "plan.offsite")
    yield made
    made.plan.close()


def page_texts(pdf: Path) -> list[str]:
    """Each page's text as pdftotext reads it (laid out, so a table's cells stay apart)."""
    out = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return out.split("\f")[: len(pypdf.PdfReader(pdf).pages)]


def outside_marks(text: str) -> str:
    """``text`` without what is inside «…» (nested marks included: a text may hold a translated text)."""
    kept: list[str] = []
    depth = 0
    for character in text:
        if character == "«":
            depth += 1
        elif character == "»":
            depth = max(0, depth - 1)
        elif depth == 0:
            kept.append(character)
        elif character == "\n":
            kept.append(" ")
    return "".join(kept)


def plan_words(plan_path: Path) -> set[str]:
    """Every word the plan file holds (names, statements, notes…): what the PDF may print as it is."""
    words: set[str] = set()
    with sqlite3.connect(plan_path) as connection:
        tables = [
            name for (name,) in connection.execute("select name from sqlite_master where type = 'table'")
        ]
        for table in tables:
            for row in connection.execute(f'select * from "{table}"'):
                for value in row:
                    if isinstance(value, str):
                        words.update(w.lower() for w in WORD.findall(value))
    return words


def german_calendar_words() -> set[str]:
    """The month names and abbreviations a German date is written with ("Januar", "Jan.")."""
    from babel.dates import get_month_names

    return {
        w.lower()
        for width in ("wide", "abbreviated")
        for name in get_month_names(width, locale="de").values()
        for w in WORD.findall(name)
    }


def strays(pdf: Path, allowed: set[str]) -> dict[int, list[str]]:
    """Page number → the words not in capitals (not from the catalogue) that neither the plan nor a
    date holds."""
    found: dict[int, list[str]] = {}
    for number, text in enumerate(page_texts(pdf), start=1):
        words = [w for w in WORD.findall(text) if w.lower() not in allowed and not w.isupper()]
        if words:
            found[number] = sorted(set(words))
    return found


def test_every_word_offsite_writes_on_the_demo_plans_pdf_comes_from_the_catalogue(tmp_path: Path) -> None:
    plan = write_demo_plan(tmp_path / "demo.offsite")
    language.use(shouted, "de")
    try:
        pdf = export_plan_pdf(plan, tmp_path / "demo.pdf")
    finally:
        language.use(None)
        plan.close()
    texts = page_texts(pdf)
    assert len(texts) > 5  # the whole plan: cover, goals, objectives, agreements, buy-in, appendix
    allowed = plan_words(tmp_path / "demo.offsite") | german_calendar_words()
    assert strays(pdf, allowed) == {}
    joined = "\n".join(texts)
    for heading in ("COMPANY GOALS", "OBJECTIVES, METHODS AND METRICS", "BUY-IN", "APPENDIX: BRAINSTORM"):
        assert heading in joined
    assert all(re.search(r"PAGE \d+ OF \d+", t) for t in texts)
    assert all("DRAFT — NOT SIGNED" in t for t in texts)


def test_numbers_and_dates_on_a_german_pdf_read_as_german_writes_them(
    small: Small, tmp_path: Path, speaking_marked: None
) -> None:
    import datetime as dt

    add_company_goal(small.plan, "Build pipeline", target=1250000, unit="EUR", due=dt.date(2027, 1, 14))
    add_metric(small.plan, small.objectives[0], "Pipeline created", target=1250000)
    pdf = export_plan_pdf(small.plan, tmp_path / "german.pdf")
    text = "\n".join(page_texts(pdf))
    assert text.count("1.250.000") == 2
    assert "1,250,000" not in text
    assert "14. Januar 2027" in text
    assert "January" not in text


def test_a_signed_pdf_printed_in_german_verifies_while_offsite_speaks_german(
    small: Small, tmp_path: Path, speaking_marked: None
) -> None:
    sign_all(small)
    fingerprint = read_signoff(small.plan).versions[0].fingerprint
    pdf = export_plan_pdf(small.plan, tmp_path / "signed.pdf")
    small.plan.close()
    texts = page_texts(pdf)
    footer = f"«Version 1 · fingerprint {short_fingerprint(fingerprint)}»"
    assert all(footer in " ".join(t.split()) for t in texts)
    assert outside_marks(" ".join(texts)).count("Version") == 0
    assert pypdf.PdfReader(pdf).metadata[KEY_LANGUAGE] == "de"
    # The sign-off's times as German writes them, filled into the translated "{date}, {time} UTC".
    assert "«15.01.2027, 16:01 UTC»" in " ".join(texts)

    verdict = verify_pdf(small.plan.path, pdf)
    assert (verdict.code, verdict.kind) == (0, MATCH), verdict
    assert verdict.message == (
        "«Matches version 1 of “Signed offsite”, signed by «both leaders» on 15. Januar 2027 "
        f"(fingerprint {short_fingerprint(fingerprint)}).»"
    )


def test_a_german_pdf_checked_while_offsite_speaks_english_says_so_rather_than_altered(
    small: Small, tmp_path: Path, speaking_marked: None
) -> None:
    sign_all(small)
    pdf = export_plan_pdf(small.plan, tmp_path / "signed.pdf")
    small.plan.close()
    language.use(None)  # as the command line speaks
    verdict = verify_pdf(small.plan.path, pdf)
    assert (verdict.code, verdict.kind) == (2, OTHER_LANGUAGE), verdict
    assert verdict.message == (
        "“signed.pdf” was printed in German: Offsite can check its footers and print it again to "
        "compare only while it speaks German too."
    )


def test_every_word_offsite_writes_on_the_results_report_comes_from_the_catalogue(tmp_path: Path) -> None:
    from offsite.domain.reporting import report_period
    from offsite.exchange.report import export_report, read_report
    from offsite.services.checkins import review_day

    plan = write_demo_plan(tmp_path / "demo.offsite")
    language.use(shouted, "de")
    try:
        report = read_report(plan, report_period("2027-Q1"), review_day(plan))
        export_report(report, tmp_path / "report.pdf")
    finally:
        language.use(None)
        plan.close()
    allowed = plan_words(tmp_path / "demo.offsite") | german_calendar_words()
    assert strays(tmp_path / "report.pdf", allowed) == {}
