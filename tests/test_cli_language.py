"""``offsite export``, ``report`` and ``verify`` in German: the PDF a German-speaking CEO signs.

The command line itself speaks English; ``--language de`` writes the PDF's words, numbers and
dates in German, and ``verify`` checks a signed German PDF in German (its footers and the
reprint it compares are German), saying its verdict in the PDF's language.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from cli_runner import Run
from offsite.domain.signoff import signing_initials
from offsite.services import signoff
from offsite.services.plans import open_plan, read_plan


def _text(pdf: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(pdf).pages)


@pytest.fixture
def signed(tmp_path: Path, demo_plan_bytes: bytes) -> Path:
    path = tmp_path / "signed.offsite"
    path.write_bytes(demo_plan_bytes)
    with open_plan(path) as plan:
        version = signoff.freeze(
            plan, frozen_by="Maya Okafor", override_reason="Signed as the offsite closed"
        ).id
        for leader in read_plan(plan).leaders:
            signoff.sign(plan, version, leader.id, signing_initials(leader))
    return path


def test_a_pdf_exported_in_german_reads_german_around_the_plans_own_words(
    offsite: Run, tmp_path: Path, demo_plan_bytes: bytes
) -> None:
    plan = tmp_path / "demo.offsite"
    plan.write_bytes(demo_plan_bytes)
    english, german = tmp_path / "en.pdf", tmp_path / "de.pdf"
    assert offsite("export", plan, english).returncode == 0
    result = offsite("export", plan, german, "--language", "de")
    assert result.returncode == 0, result.stderr
    text = _text(german)
    assert "14.–15. Jan. 2027" in text
    assert "14–15 January 2027" in _text(english)
    assert "Unternehmensziele" in text or "UNTERNEHMENSZIELE" in text
    assert "Go outbound" in text  # the plan's own words stay as the leaders typed them
    assert "COMPANY GOALS" not in text.upper().replace("UNTERNEHMENSZIELE", "")


def test_a_signed_german_pdf_verifies_and_says_so_in_german(
    offsite: Run, tmp_path: Path, signed: Path
) -> None:
    pdf = tmp_path / "signed-de.pdf"
    assert offsite("export", signed, pdf, "--language", "de").returncode == 0
    assert "Fingerabdruck" in _text(pdf)
    verified = offsite("verify", signed, pdf)
    assert verified.returncode == 0, verified.stderr
    assert re.match(
        r"Stimmt mit Fassung \d+ von „Sales & Marketing Offsite 2027“ überein, unterzeichnet von allen sechs Führungskräften am ",
        verified.stdout,
    ), verified.stdout


def test_an_altered_german_pdf_is_refused(offsite: Run, tmp_path: Path, signed: Path) -> None:
    pdf = tmp_path / "signed-de.pdf"
    assert offsite("export", signed, pdf, "--language", "de").returncode == 0
    english = tmp_path / "signed-en.pdf"
    assert offsite("export", signed, english).returncode == 0
    # The German PDF's pages under the English one's document information: the text no longer matches it.
    from pypdf import PdfWriter

    forged = PdfWriter(clone_from=str(english))
    german = PdfReader(pdf)
    forged.pages[0].merge_page(german.pages[0])
    with (tmp_path / "forged.pdf").open("wb") as out:
        forged.write(out)
    refused = offsite("verify", signed, tmp_path / "forged.pdf")
    assert refused.returncode == 1, refused.stdout
    assert "was altered after export" in refused.stderr


def test_export_refuses_a_language_offsite_does_not_speak(
    offsite: Run, tmp_path: Path, demo_plan_bytes: bytes
) -> None:
    plan = tmp_path / "demo.offsite"
    plan.write_bytes(demo_plan_bytes)
    result = offsite("export", plan, tmp_path / "fr.pdf", "--language", "fr")
    assert result.returncode == 2
    assert "invalid choice: 'fr'" in result.stderr
    assert not (tmp_path / "fr.pdf").exists()
