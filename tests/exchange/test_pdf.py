"""The PDF export, read back with pypdf: what a reader of the printed plan sees."""

from __future__ import annotations

import datetime as dt
import errno
import resource
import signal
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest

from offsite.domain.errors import CancelledError, DiskFullError, ExportError
from offsite.domain.values import PlanView, Stance
from offsite.exchange import fonts
from offsite.exchange.demo import write_demo_plan
from offsite.exchange.pdf import (
    CANCELLED_MESSAGE,
    export_pdf,
    format_date,
    format_date_range,
    format_number,
)
from offsite.services.buyin import record_stance
from offsite.services.objectives import add_metric, add_objective
from offsite.services.plans import create_plan, read_plan
from offsite.services.prepare import add_company_goal, add_leader, add_team, update_plan_details
from offsite.store import PlanFile
from offsite.store.files import file_error


def _demo_view(tmp_path: Path) -> PlanView:
    plan = write_demo_plan(tmp_path / "demo.offsite")
    try:
        return read_plan(plan)
    finally:
        plan.close()


def _small_plan(tmp_path: Path, title: str = "Offsite") -> PlanFile:
    plan = create_plan(tmp_path / "plan.offsite", title)
    update_plan_details(plan, starts_on=dt.date(2027, 1, 14), ends_on=dt.date(2027, 1, 14), venue="HQ")
    return plan


def _view(plan: PlanFile) -> PlanView:
    try:
        return read_plan(plan)
    finally:
        plan.close()


def _pages(pdf: Path) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(pdf).pages]


def _flat(pdf: Path) -> str:
    """All the text with every run of whitespace made one space (lines wrap anywhere)."""
    return " ".join(" ".join(_pages(pdf)).split())


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_demo_plan_pdf_shows_cover_goals_objectives_metrics_and_buyin(tmp_path: Path) -> None:
    view = _demo_view(tmp_path)
    out = export_pdf(view, tmp_path / "plan.pdf")
    assert out == tmp_path / "plan.pdf"
    pages = _pages(out)
    text = _flat(out)

    assert "Sales & Marketing Offsite 2027" in pages[0]
    assert "14–15 January 2027" in pages[0]
    assert "The Boathouse, Lake Windermere" in pages[0]
    assert "H1 2027" in pages[0]
    assert "one revenue team from first touch to renewal" in " ".join(pages[0].split())
    for goal in view.goals:
        assert goal.statement in text
    assert "20 → 30 M USD" in text
    assert "31 December 2027" in text
    for objective in view.objectives:
        assert objective.statement in text
        assert " ".join(objective.method.split()) in text
        for metric in objective.metrics:
            assert metric.name in text
            assert metric.data_source in text
    assert "Shared objectives" in text
    assert "Sales, Marketing, RevOps" in text  # the owning teams of a shared objective
    assert "↓ Down" in text
    assert "↑ Up" in text
    assert "CUSTOMER-CENTRIC" in text


def test_numbers_drop_a_trailing_zero_and_keep_decimals(tmp_path: Path) -> None:
    view = _demo_view(tmp_path)
    text = _flat(export_pdf(view, tmp_path / "plan.pdf"))
    assert "20 → 30 M USD" in text
    assert "4.2 7.5 M USD" in text  # a metric's baseline, target and unit, in that order
    assert ".0 " not in text


def test_buyin_matrix_names_every_leader_with_current_stances(tmp_path: Path) -> None:
    view = _demo_view(tmp_path)
    pages = _pages(export_pdf(view, tmp_path / "plan.pdf"))
    matrix = next(page for page in pages if "Buy-in" in page and "Bought in" in page)
    for leader in view.leaders:
        assert leader.name in matrix
    flat = " ".join(matrix.split())
    # One funnel view: Maya, Tomás and Priya agreed, Lena asked for changes, so not bought in.
    assert "O4 One funnel view Agreed Agreed Agreed Changes requested — — No" in flat
    assert "O1 Go outbound Agreed Agreed — — — — Yes" in flat
    assert "2 of 6 objectives are bought in" in flat
    assert "Coverage target should be 3.5× for enterprise deals." in flat


def test_every_page_says_page_n_of_m_and_the_title(tmp_path: Path) -> None:
    pages = _pages(export_pdf(_demo_view(tmp_path), tmp_path / "plan.pdf"))
    assert len(pages) > 2
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
        assert "Sales & Marketing Offsite 2027" in page


def test_markup_in_user_text_prints_literally(tmp_path: Path) -> None:
    plan = _small_plan(tmp_path, "<b>Bold</b> & Co")
    team = add_team(plan, "Sales & <Marketing>").id
    add_objective(
        plan, "Tom & Jerry <i>win</i>", [team], method="Use &amp; and &lt; as typed, not <br/> breaks."
    )
    pdf = export_pdf(_view(plan), tmp_path / "plan.pdf")
    text = _flat(pdf)
    assert "<b>Bold</b> & Co" in text
    assert "Sales & <Marketing>" in text
    assert "Tom & Jerry <i>win</i>" in text
    assert "Use &amp; and &lt; as typed, not <br/> breaks." in text


def test_accented_greek_cyrillic_and_cjk_text_extracts_as_typed(tmp_path: Path) -> None:
    plan = _small_plan(tmp_path, "Offsite Zürich")
    team = add_team(plan, "Ventes").id
    typed = [
        "Crème brûlée für Ångström, naïve façade",
        "Αύξηση εσόδων κατά 50%",
        "Рост выручки на 50%",
        "売上を五十パーセント伸ばす",
        "增加收入百分之五十",
    ]
    objective = add_objective(plan, typed[0], [team], method=f"{typed[3]}\n{typed[4]}").id
    add_metric(plan, objective, typed[1], data_source=typed[2])
    text = _flat(export_pdf(_view(plan), tmp_path / "plan.pdf"))
    for phrase in typed:
        assert phrase in text


def test_hebrew_and_arabic_print_right_to_left_with_joined_letters(tmp_path: Path) -> None:
    plan = _small_plan(tmp_path)
    team = add_team(plan, "מכירות").id
    add_objective(plan, "שלום עולם", [team], method="مرحبا بالعالم")
    text = _flat(export_pdf(_view(plan), tmp_path / "plan.pdf"))
    # pypdf reads right-to-left runs back into typed order only when they were drawn reversed.
    assert "שלום עולם" in text
    assert "מכירות" in text
    # Arabic is drawn with its joined (presentation) forms, e.g. the initial meem U+FEE3.
    assert "\ufee3" in text
    assert "مرحبا بالعالم" in unicodedata.normalize("NFKC", text)


def test_emoji_print_and_characters_without_a_glyph_become_the_replacement_character(tmp_path: Path) -> None:
    plan = _small_plan(tmp_path)
    team = add_team(plan, "Sales").id
    add_objective(
        plan,
        "Launch 🚀 and ❤️ and 👩‍💻",
        [team],
        method="Colour-only 🥲 and private-use \ue000 characters",
    )
    text = _flat(export_pdf(_view(plan), tmp_path / "plan.pdf"))
    # Variation selector and zero-width joiner drop silently; the emoji themselves print.
    assert "Launch 🚀 and ❤ and 👩💻" in text
    assert "\ufe0f" not in text
    assert "\u200d" not in text
    # No bundled font has these: each prints as U+FFFD, never silently dropped.
    assert "Colour-only \ufffd and private-use \ufffd characters" in text


def test_fallback_rule_picks_the_first_font_with_the_glyph() -> None:
    chain = fonts.font_chain()
    assert chain.font_for("é") == fonts.REGULAR
    assert chain.font_for("é", bold=True) == fonts.BOLD
    assert chain.font_for("漢") == fonts.CJK
    assert chain.font_for("🚀") == fonts.SYMBOLS
    assert chain.font_for("🥲") is None
    assert list(fonts.runs(fonts.clean("a🥲\u200d\ufe0fb\tc"))) == [(fonts.REGULAR, "a\ufffdb c")]


def test_ten_thousand_characters_in_one_field_wrap_across_pages(tmp_path: Path) -> None:
    plan = _small_plan(tmp_path)
    team = add_team(plan, "Sales").id
    method = ("Grow the pipeline with the whole team. " * 260)[:9_980] + " TAIL-OF-METHOD"
    assert len(method) >= 9_990
    first = add_objective(plan, "Long method", [team], method=method).id
    add_objective(plan, "W" * 10_000, [team], method="Z" * 10_000 + "END")
    add_metric(plan, first, "M" * 3_000, data_source="S" * 3_000)
    pdf = export_pdf(_view(plan), tmp_path / "plan.pdf")
    pages = _pages(pdf)
    assert len(pages) > 3
    text = _flat(pdf)
    assert "TAIL-OF-METHOD" in text
    assert "END" in "".join(text.split())
    assert "".join(text.split()).count("W") >= 10_000


def test_cancelling_leaves_no_file_and_no_temporary_file(tmp_path: Path) -> None:
    view = _demo_view(tmp_path)
    before = _listing(tmp_path)
    polls = 0

    def cancel_after_a_few_polls() -> bool:
        nonlocal polls
        polls += 1
        return polls > 4

    with pytest.raises(CancelledError, match="nothing was written"):
        export_pdf(view, tmp_path / "plan.pdf", is_cancelled=cancel_after_a_few_polls)
    assert polls > 4
    assert _listing(tmp_path) == before


def test_cancelling_leaves_an_existing_pdf_unchanged(tmp_path: Path) -> None:
    view = _demo_view(tmp_path)
    out = tmp_path / "plan.pdf"
    out.write_bytes(b"%PDF-1.4 the signed version\n")
    before = _listing(tmp_path)
    with pytest.raises(CancelledError) as caught:
        export_pdf(view, out, is_cancelled=lambda: True)
    assert str(caught.value) == CANCELLED_MESSAGE
    assert out.read_bytes() == b"%PDF-1.4 the signed version\n"
    assert _listing(tmp_path) == before


def test_a_folder_as_destination_raises_export_error(tmp_path: Path) -> None:
    view = _demo_view(tmp_path)
    folder = tmp_path / "exports"
    folder.mkdir()
    with pytest.raises(ExportError, match="is a folder"):
        export_pdf(view, folder)
    assert _listing(folder) == []


def test_a_destination_inside_a_file_raises_export_error(tmp_path: Path) -> None:
    view = _demo_view(tmp_path)
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("x")
    before = _listing(tmp_path)
    with pytest.raises(ExportError, match="not a folder"):
        export_pdf(view, not_a_folder / "plan.pdf")
    assert _listing(tmp_path) == before
    assert not_a_folder.read_text() == "x"


@pytest.fixture
def small_file_size_limit() -> Iterator[int]:
    """Let this process write files of at most 4 KiB: a real write failure, as on a full quota."""
    limit = 4096
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    try:
        yield limit
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)


def test_a_failed_write_leaves_the_existing_pdf_and_no_temporary_file(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    view = _demo_view(tmp_path)
    out = tmp_path / "plan.pdf"
    out.write_bytes(b"%PDF-1.4 the signed version\n")
    before = _listing(tmp_path)
    request.getfixturevalue("small_file_size_limit")
    with pytest.raises(ExportError, match="could not be written"):
        export_pdf(view, out)
    assert out.read_bytes() == b"%PDF-1.4 the signed version\n"
    assert _listing(tmp_path) == before


def test_a_full_disk_is_reported_as_disk_full(tmp_path: Path) -> None:
    error = file_error(OSError(errno.ENOSPC, "No space left on device"), tmp_path / "plan.pdf")
    assert isinstance(error, DiskFullError)
    assert "disk is full" in str(error)
    assert "plan.pdf" in str(error)


def test_progress_rises_to_its_total(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    export_pdf(
        _demo_view(tmp_path), tmp_path / "plan.pdf", progress=lambda done, total: calls.append((done, total))
    )
    assert len(calls) > 5
    totals = {total for _, total in calls}
    assert len(totals) == 1
    dones = [done for done, _ in calls]
    assert dones == sorted(dones)
    assert dones[-1] == calls[-1][1]
    assert dones[0] < dones[-1]


def test_twelve_leaders_fit_a_landscape_matrix(tmp_path: Path) -> None:
    plan = _small_plan(tmp_path)
    teams = [add_team(plan, name).id for name in ("Sales", "Marketing", "Customer Success")]
    leaders = [
        add_leader(plan, f"Leader Number{i:02d}", "Head of Something Important", teams[i % 3]).id
        for i in range(12)
    ]
    objective = add_objective(plan, "Everyone agrees", teams).id
    for leader in leaders:
        record_stance(plan, objective, leader, Stance.AGREED)
    pdf = export_pdf(_view(plan), tmp_path / "plan.pdf")
    reader = pypdf.PdfReader(pdf)
    last = reader.pages[-1]
    assert float(last.mediabox.width) > float(last.mediabox.height)  # landscape
    matrix = last.extract_text()
    for i in range(12):
        assert f"Number{i:02d}" in matrix
    assert "O1 Everyone agrees" in " ".join(matrix.split())
    assert "Yes" in matrix  # bought in: all twelve agreed


def test_dates_and_numbers_are_formatted_for_readers() -> None:
    assert format_date(dt.date(2027, 1, 14)) == "14 January 2027"
    assert format_date(None) == ""
    assert format_date_range(dt.date(2027, 1, 14), dt.date(2027, 1, 15)) == "14–15 January 2027"
    assert format_date_range(dt.date(2027, 1, 30), dt.date(2027, 2, 2)) == "30 January – 2 February 2027"
    assert (
        format_date_range(dt.date(2026, 12, 30), dt.date(2027, 1, 2)) == "30 December 2026 – 2 January 2027"
    )
    assert format_number(20.0) == "20"
    assert format_number(4.2) == "4.2"
    assert format_number(1_250_000.0) == "1,250,000"
    assert format_number(2_500_000.5) == "2,500,000.5"
    assert format_number(None) == ""


def test_fonts_are_found_in_the_resources() -> None:
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DroidSansFallbackFull.ttf", "Symbola_hint.ttf"):
        assert fonts.resource_path("fonts", name).is_file()
    for licence in ("DejaVuSans-LICENSE.txt", "DroidSansFallback-LICENSE.txt", "Symbola-LICENSE.txt"):
        assert fonts.resource_path("fonts", licence).is_file()


def test_company_goals_without_values_still_print(tmp_path: Path) -> None:
    plan = _small_plan(tmp_path)
    add_company_goal(plan, "Be loved by customers")
    add_company_goal(plan, "Reach 5,000 customers", target=5000, unit="customers", due=dt.date(2027, 6, 30))
    text = _flat(export_pdf(_view(plan), tmp_path / "plan.pdf"))
    assert "Be loved by customers" in text
    assert "Target 5,000 customers" in text
    assert "30 June 2027" in text
    assert "No objectives have been written yet." in text
