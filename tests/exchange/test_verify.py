"""``verify_pdf``: a matching, an older, an altered, a draft and another plan's PDF, and unreadable files."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest
from test_pdf_signoff import MINUTE, T0, Small, make_plan, sign_all

from offsite.domain.fingerprint import canonical_form, short_fingerprint
from offsite.domain.values import Stance
from offsite.exchange.pdf import KEY_FINGERPRINT, export_plan_pdf
from offsite.exchange.verify import (
    ALTERED,
    ANOTHER_PLAN,
    EDITED_SINCE,
    MATCH,
    NOT_OFFSITE,
    NOT_SIGNED,
    UNKNOWN_VERSION,
    UNREADABLE,
    verify_pdf,
)
from offsite.services.buyin import record_stance
from offsite.services.objectives import add_metric
from offsite.services.signoff import content_fingerprint, freeze, freeze_version, read_signoff, reopen, sign
from offsite.store import open_plan_file
from offsite.store.document import signed_content


@pytest.fixture
def small(tmp_path: Path) -> Small:
    made = make_plan(tmp_path / "plan.offsite")
    yield made
    made.plan.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _signed_pdf(small: Small, out: Path) -> Path:
    sign_all(small)
    return export_plan_pdf(small.plan, out)


def _stamp(pdf: Path, out: Path, text: str, page: int = 1) -> Path:
    """``pdf`` with ``text`` drawn onto one page (0-based), its document information kept as it was."""
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.setFont("Helvetica", 9)
    canvas.drawString(72, 400, text)
    canvas.save()
    overlay = pypdf.PdfReader(io.BytesIO(buffer.getvalue())).pages[0]
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(pdf))
    writer.pages[page].merge_page(overlay)
    with out.open("wb") as stream:
        writer.write(stream)
    return out


def test_a_matching_pdf_passes(small: Small, tmp_path: Path) -> None:
    pdf = _signed_pdf(small, tmp_path / "signed.pdf")
    fp = read_signoff(small.plan).versions[0].fingerprint
    small.plan.close()
    verdict = verify_pdf(small.plan.path, pdf)
    assert (verdict.code, verdict.kind) == (0, MATCH), verdict
    assert verdict.message == (
        "Matches version 1 of “Signed offsite”, signed by both leaders on 15 January 2027 "
        f"(fingerprint {short_fingerprint(fp)})."
    )


def test_an_older_version_is_edited_since(small: Small, tmp_path: Path) -> None:
    pdf = _signed_pdf(small, tmp_path / "v1.pdf")
    reopen(small.plan, "Priya Raman", "Add a webinar target.", at=T0 + 60 * MINUTE)
    verdict = verify_pdf(small.plan.path, pdf)
    assert (verdict.code, verdict.kind) == (1, EDITED_SINCE)
    assert "shows version 1 of “Signed offsite”, which is no longer the signed plan" in verdict.message
    assert "Priya Raman re-opened it on 15 Jan 2027, 17:00 UTC (“Add a webinar target.”)" in verdict.message
    assert verdict.message.endswith("and it has not been signed again.")

    add_metric(small.plan, small.objectives[1], "Webinars held", target=6)
    verdict = verify_pdf(small.plan.path, pdf)
    assert verdict.message.endswith("and the plan has been edited since.")

    version = freeze(small.plan, frozen_by="Facilitator", at=T0 + 90 * MINUTE).id
    for leader, _, initials in small.leaders:
        sign(small.plan, version, leader, initials, at=T0 + 100 * MINUTE)
    verdict = verify_pdf(small.plan.path, pdf)
    assert (verdict.code, verdict.kind) == (1, EDITED_SINCE)
    assert verdict.message.endswith("and version 2 is signed by all now.")
    fresh = export_plan_pdf(small.plan, tmp_path / "v2.pdf")
    assert verify_pdf(small.plan.path, fresh).code == 0


def test_an_altered_pdf_names_the_page(small: Small, tmp_path: Path) -> None:
    pdf = _signed_pdf(small, tmp_path / "signed.pdf")
    altered = _stamp(pdf, tmp_path / "altered.pdf", "Target: 400 accounts", page=1)
    verdict = verify_pdf(small.plan.path, altered)
    assert (verdict.code, verdict.kind) == (1, ALTERED)
    assert verdict.message == (
        "“altered.pdf” was altered after export: the text of page 2 is not what Offsite printed."
    )

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(pdf))
    writer.remove_page(len(writer.pages) - 1)
    shorter = tmp_path / "shorter.pdf"
    with shorter.open("wb") as stream:
        writer.write(stream)
    verdict = verify_pdf(small.plan.path, shorter)
    assert verdict.kind == ALTERED
    assert "Offsite printed" in verdict.message


def test_a_forged_fingerprint_matches_no_version(small: Small, tmp_path: Path) -> None:
    pdf = _signed_pdf(small, tmp_path / "signed.pdf")
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(pdf))
    writer.add_metadata({KEY_FINGERPRINT: "0" * 64})
    forged = tmp_path / "forged.pdf"
    with forged.open("wb") as stream:
        writer.write(stream)
    verdict = verify_pdf(small.plan.path, forged)
    # The footers still print the real fingerprint: the PDF does not agree with itself.
    assert (verdict.code, verdict.kind) == (1, ALTERED)
    assert "the footer of pages 1" in verdict.message


def test_another_plan_and_a_draft(small: Small, tmp_path: Path) -> None:
    draft = export_plan_pdf(small.plan, tmp_path / "draft.pdf")
    verdict = verify_pdf(small.plan.path, draft)
    assert (verdict.code, verdict.kind) == (1, NOT_SIGNED)
    assert "is a draft of “Signed offsite”" in verdict.message

    other = make_plan(tmp_path / "other.offsite", "Another offsite")
    try:
        sign_all(other)
        theirs = export_plan_pdf(other.plan, tmp_path / "theirs.pdf")
    finally:
        other.plan.close()
    verdict = verify_pdf(small.plan.path, theirs)
    assert (verdict.code, verdict.kind) == (1, ANOTHER_PLAN)
    assert (
        verdict.message
        == "“theirs.pdf” is the PDF of another plan (“Another offsite”), not of “Signed offsite”."
    )

    twin = make_plan(tmp_path / "twin.offsite", "Signed offsite")  # another plan of the same title
    try:
        sign_all(twin)
        twins = export_plan_pdf(twin.plan, tmp_path / "twins.pdf")
    finally:
        twin.plan.close()
    verdict = verify_pdf(small.plan.path, twins)
    assert (verdict.code, verdict.kind) == (1, ANOTHER_PLAN)
    assert verdict.message == (
        f"“twins.pdf” is the PDF of another plan file, not of “{small.plan.path.name}”, "
        "though both are titled “Signed offsite”."
    )


def test_a_pdf_not_made_by_offsite(tmp_path: Path, small: Small) -> None:
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(tmp_path / "letter.pdf"))
    canvas.drawString(72, 720, "Dear all")
    canvas.save()
    verdict = verify_pdf(small.plan.path, tmp_path / "letter.pdf")
    assert (verdict.code, verdict.kind) == (1, NOT_OFFSITE)


def test_unreadable_files_exit_2_and_stay_untouched(small: Small, tmp_path: Path) -> None:
    pdf = _signed_pdf(small, tmp_path / "signed.pdf")
    small.plan.close()
    plan_path = small.plan.path
    not_pdf = tmp_path / "notes.pdf"
    not_pdf.write_bytes(b"just some notes\n")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(pdf.read_bytes()[:400])
    before = {p.name: _digest(p) for p in (plan_path, pdf, not_pdf, broken)}
    listing = sorted(p.name for p in tmp_path.iterdir())

    cases = [
        (plan_path, tmp_path / "missing.pdf", "“missing.pdf” cannot be read: it does not exist."),
        (plan_path, not_pdf, "“notes.pdf” is not a PDF."),
        (plan_path, tmp_path, None),
        (plan_path, broken, None),
        (tmp_path / "missing.offsite", pdf, None),
        (pdf, pdf, None),  # a PDF is no plan
    ]
    for plan_file, pdf_file, message in cases:
        verdict = verify_pdf(plan_file, pdf_file)
        assert (verdict.code, verdict.kind) == (2, UNREADABLE), (plan_file, pdf_file, verdict)
        if message is not None:
            assert verdict.message == message
    assert {p.name: _digest(p) for p in (plan_path, pdf, not_pdf, broken)} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == listing


def test_unknown_version_when_the_plan_is_a_copy_from_before_signing(small: Small, tmp_path: Path) -> None:
    import shutil

    small.plan.close()
    before = tmp_path / "before.offsite"
    shutil.copyfile(small.plan.path, before)
    small.plan = open_plan_file(small.plan.path)
    pdf = _signed_pdf(small, tmp_path / "signed.pdf")
    verdict = verify_pdf(before, pdf)
    assert (verdict.code, verdict.kind) == (1, UNKNOWN_VERSION)
    assert "matches no version of “Signed offsite”" in verdict.message


# --- the console script: ``offsite verify PLAN PDF`` --------------------------------------------------


def _offsite(tmp_path: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run the real ``offsite`` console script, as tests/test_cli.py does."""
    script = Path(sys.executable).with_name("offsite")
    command = [str(script)] if script.is_file() else [sys.executable, "-m", "offsite.cli"]
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run(
        [*command, *map(str, args)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


def test_the_command_exits_0_1_and_2_with_one_sentence(small: Small, tmp_path: Path) -> None:
    draft = tmp_path / "draft.pdf"
    small.plan.close()
    exported = _offsite(tmp_path, "export", small.plan.path, draft)
    assert exported.returncode == 0, exported.stderr
    small.plan = open_plan_file(small.plan.path)
    signed = _signed_pdf(small, tmp_path / "signed.pdf")
    small.plan.close()
    before = _digest(small.plan.path)

    ok = _offsite(tmp_path, "verify", small.plan.path, signed)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.startswith("Matches version 1 of “Signed offsite”, signed by both leaders")

    truncated = tmp_path / "truncated.pdf"  # pypdf repairs what it can, and would say so on stderr
    data = signed.read_bytes()
    truncated.write_bytes(data[: data.rindex(b"%%EOF")])
    for pdf, code, start in (
        (draft, 1, "“draft.pdf” is a draft"),
        (tmp_path / "missing.pdf", 2, "“missing.pdf” cannot be read"),
        (truncated, 2, "“truncated.pdf” is not a PDF Offsite can read"),
    ):
        result = _offsite(tmp_path, "verify", small.plan.path, pdf)
        assert result.returncode == code, result
        assert "Traceback" not in result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1
        assert lines[0].startswith(start)
    assert _digest(small.plan.path) == before


# --- Versions frozen while Offsite listed the buy-in history by time ---------------------------------


def _sign_as_listed_by_time(small: Small, reason: str | None = None) -> int:
    """Freeze and sign the plan as Offsite did while it listed each buy-in history by time, not in
    the order recorded: the content such a version holds, and the fingerprint its PDFs carry."""
    content = signed_content(small.plan)
    content["buy_in"] = sorted(content["buy_in"], key=lambda e: e["recorded_at"])
    canonical = canonical_form(content)
    version = freeze_version(
        small.plan,
        canonical.decode("utf-8"),
        hashlib.sha256(canonical).hexdigest(),
        frozen_by="Facilitator",
        override_reason=reason,
        at=T0,
    ).id
    for n, (leader, _, initials) in enumerate(small.leaders, start=1):
        sign(small.plan, version, leader, initials, at=T0 + n * MINUTE)
    return version


def test_a_plan_signed_when_buy_in_was_listed_by_time_still_matches(small: Small, tmp_path: Path) -> None:
    # Maya's word on the benchmark reports, recorded last on a laptop whose clock was a day behind.
    maya, brand = small.leaders[0][0], small.objectives[1]
    record_stance(small.plan, brand, maya, Stance.AGREED, "Happy to help.", at=T0 - 1440 * MINUTE)
    _sign_as_listed_by_time(small)
    assert content_fingerprint(small.plan) != read_signoff(small.plan).versions[0].fingerprint
    pdf = export_plan_pdf(small.plan, tmp_path / "signed.pdf")
    small.plan.close()
    verdict = verify_pdf(small.plan.path, pdf)
    assert (verdict.code, verdict.kind) == (0, MATCH), verdict


def test_a_plan_signed_when_buy_in_was_listed_by_time_does_not_match_where_a_stance_now_reads_otherwise(
    small: Small, tmp_path: Path
) -> None:
    # Signed when the agreement (the later time) counted; Maya's decline was recorded after it.
    maya, outbound = small.leaders[0][0], small.objectives[0]
    record_stance(
        small.plan, outbound, maya, Stance.DECLINED, "Not with this headcount.", at=T0 - 1440 * MINUTE
    )
    _sign_as_listed_by_time(small, reason="Signed before the board meeting.")
    pdf = export_plan_pdf(small.plan, tmp_path / "signed.pdf")
    small.plan.close()
    verdict = verify_pdf(small.plan.path, pdf)
    assert (verdict.code, verdict.kind) == (1, EDITED_SINCE), verdict
