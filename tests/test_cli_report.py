"""``offsite report``, run as the real console script: the results report of a quarter, a month or a
week as a PDF; a period it cannot read said with how to write one; never a plan overwritten."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from tests.report_plan import TITLE, make_report_plan
from tests.test_cli import assert_failed, snapshot

from cli_runner import Run


@pytest.fixture(scope="module")
def plan_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return make_report_plan(tmp_path_factory.mktemp("cli-report") / "northwind.offsite").path.read_bytes()


@pytest.fixture
def plan_file(tmp_path: Path, plan_bytes: bytes) -> Path:
    path = tmp_path / "northwind.offsite"
    path.write_bytes(plan_bytes)
    return path


def text_of(pdf: Path) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(pdf).pages)


def test_report_writes_the_quarters_results_as_of_its_end(
    offsite: Run, tmp_path: Path, plan_file: Path
) -> None:
    before = plan_file.read_bytes()
    out = tmp_path / "q1 results.pdf"
    result = offsite("report", plan_file, out, "--period", "2027-Q1", "--as-of", "2027-07-20")
    assert result.returncode == 0, result
    assert result.stdout.strip() == (
        f"Wrote the results report on Q1 2027, as of 31 Mar 2027, the end of Q1 2027, to “{out}”."
    )
    text = text_of(out)
    assert TITLE in text
    assert "Q1 2027 (1 Jan – 31 Mar 2027)" in text
    assert "Progress tracked against the plan signed as version 1" in text
    assert "O1 Win twenty new logos 1.0 delivered" in text
    assert plan_file.read_bytes() == before  # read only


def test_without_a_period_the_report_covers_the_last_quarter_finished(
    offsite: Run, tmp_path: Path, plan_file: Path
) -> None:
    out = tmp_path / "report.pdf"
    result = offsite("report", plan_file, out, "--as-of", "2027-05-02")
    assert result.returncode == 0, result
    assert "results report on Q1 2027" in result.stdout
    # A month, typed as people write it, read as of the day given.
    month = tmp_path / "may.pdf"
    result = offsite("report", plan_file, month, "--period", "May 2027", "--as-of", "2027-05-10")
    assert result.returncode == 0, result
    assert "as of 10 May 2027, before May 2027 ends (31 May 2027)" in result.stdout
    assert "May 2027 (1–31 May 2027)" in text_of(month)


@pytest.mark.parametrize(
    ("period", "said"),
    [
        (
            "Q5 2027",
            "“Q5 2027” is not a period Offsite can read. Write the period as 2027-Q1, 2027-03 or 2027-W05.",
        ),
        ("2027", "A results report covers a quarter, a month or a week, not “2027”."),
    ],
)
def test_a_period_it_cannot_read_says_how_to_write_one_and_writes_nothing(
    offsite: Run, tmp_path: Path, plan_file: Path, period: str, said: str
) -> None:
    before = snapshot(tmp_path)
    sentence = assert_failed(offsite("report", plan_file, tmp_path / "report.pdf", "--period", period), 2)
    assert said in sentence
    assert "2027-Q1, 2027-03 or 2027-W05" in sentence
    assert snapshot(tmp_path) == before


def test_report_never_writes_over_a_plan(offsite: Run, tmp_path: Path, plan_file: Path) -> None:
    plan_named_pdf = tmp_path / "looks like a report.pdf"
    plan_named_pdf.write_bytes(plan_file.read_bytes())
    before = snapshot(tmp_path)
    sentence = assert_failed(offsite("report", plan_file, plan_named_pdf), 2)
    assert sentence == "“looks like a report.pdf” is an Offsite plan; choose another name for the report."
    sentence = assert_failed(offsite("report", plan_file, plan_file), 2)
    assert sentence == "“northwind.offsite” should end in .pdf: the results report is a PDF."
    assert snapshot(tmp_path) == before


def test_a_missing_plan_or_an_unreadable_day_is_refused(
    offsite: Run, tmp_path: Path, plan_file: Path
) -> None:
    sentence = assert_failed(offsite("report", tmp_path / "nowhere.offsite", tmp_path / "r.pdf"), 2)
    assert "nowhere.offsite" in sentence
    sentence = assert_failed(offsite("report", plan_file, tmp_path / "r.pdf", "--as-of", "31/03/2027"), 2)
    assert sentence == "“31/03/2027” is not a date Offsite can read; write it as 2027-03-31."
    assert not (tmp_path / "r.pdf").exists()
