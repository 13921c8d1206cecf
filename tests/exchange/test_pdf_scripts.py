"""Korean, Thai and Devanagari in the PDF beside Arabic, Hebrew, emoji and Latin: printed, shaped, read back.

The text is read back twice, and both must give every phrase exactly as typed (in NFC): with
``pdftotext`` (poppler, what Evince and Okular copy and search with) and with pypdf (what
``offsite verify`` hashes).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pypdf
import pytest
from test_pdf_signoff import make_plan, sign_all

from offsite.exchange import fonts
from offsite.exchange.pdf import export_pdf, export_plan_pdf
from offsite.exchange.verify import MATCH, verify_pdf
from offsite.services.objectives import add_metric, add_objective
from offsite.services.plans import create_plan, read_plan
from offsite.services.prepare import add_team, update_plan_details

KOREAN = "아웃바운드 확대"
THAI = "เพิ่มยอดขาย"
DEVANAGARI = "बिक्री बढ़ाना"
# Harder cases: a conjunct and a vowel sign drawn before its consonant (क्षत्रिय), a reph (र्क),
# stacked conjuncts (द्वार, श्री), Thai sara am and tone marks over vowels and tall consonants.
DEVANAGARI_HARD = "क्षत्रिय र्क श्री द्वार हिंदी"
THAI_HARD = "ป่ำ ปิ่น กำไร น้ำ ไตรมาสแรก"
HEBREW = "שלום עולם"
ARABIC = "مرحبا بالعالم"
LATIN = "Crème brûlée für Ångström"

_PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U0010ffff]")


def _poppler_text(pdf: Path) -> str:
    """The PDF's text as poppler copies it, in NFC, every run of whitespace made one space."""
    if shutil.which("pdftotext") is None:  # fail, not skip: a skip would hide a missing install step
        pytest.fail("pdftotext is missing: run packaging/system-deps.sh (it installs poppler-utils)")
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True)
    return " ".join(unicodedata.normalize("NFC", out.stdout.decode("utf-8")).split())


def _pypdf_text(pdf: Path) -> str:
    return unicodedata.normalize("NFC", " ".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages))


def _no_spaces(text: str) -> str:
    return "".join(text.split())


def _world_plan(tmp_path: Path) -> Path:
    """A plan whose title, team, objectives, methods and metrics are in seven scripts; its PDF."""
    plan = create_plan(tmp_path / "plan.offsite", f"{THAI} · {DEVANAGARI} · {KOREAN}")
    update_plan_details(plan, starts_on=dt.date(2027, 1, 14), ends_on=dt.date(2027, 1, 14), venue="서울")
    team = add_team(plan, "영업팀 ทีมขาย बिक्री दल").id
    korean = add_objective(plan, KOREAN, [team], method=f"{THAI_HARD}\n{DEVANAGARI_HARD}").id
    add_metric(plan, korean, DEVANAGARI, data_source=THAI)
    mixed = add_objective(plan, f"{THAI} ({LATIN})", [team], method=f"{LATIN} 🚀 {HEBREW} {ARABIC}").id
    add_metric(plan, mixed, f"{HEBREW} {KOREAN}", data_source=f"{ARABIC} · {DEVANAGARI}")
    view = read_plan(plan)
    plan.close()
    return export_pdf(view, tmp_path / "plan.pdf")


def test_korean_thai_and_devanagari_copy_out_of_the_pdf_as_typed(tmp_path: Path) -> None:
    text = _poppler_text(_world_plan(tmp_path))
    for phrase in (
        KOREAN,
        THAI,
        DEVANAGARI,
        DEVANAGARI_HARD,
        THAI_HARD,
        "영업팀 ทีมขาย बिक्री दल",
        LATIN,
        "🚀",
    ):
        assert unicodedata.normalize("NFC", phrase) in text, phrase
    # The plan's title heads every page, drawn line by line outside the paragraphs.
    assert text.count(f"{THAI} · {DEVANAGARI} · {KOREAN}") >= 3
    assert HEBREW in text
    assert ARABIC in unicodedata.normalize("NFKC", text)  # drawn in its joined forms
    assert "\ufffd" not in text
    assert not _PRIVATE_USE.search(text)


def test_pypdf_reads_every_script_back_in_typed_order_without_replacement_characters(tmp_path: Path) -> None:
    text = _pypdf_text(_world_plan(tmp_path))
    assert "\ufffd" not in text
    assert not _PRIVATE_USE.search(text)
    assert KOREAN in text
    assert HEBREW in text
    assert ARABIC in unicodedata.normalize("NFKC", text)
    flat = " ".join(text.split())
    for phrase in (THAI, DEVANAGARI, DEVANAGARI_HARD, THAI_HARD, LATIN):
        assert unicodedata.normalize("NFC", phrase) in flat, phrase


def _glyphs_drawn(pdf: Path, font: str) -> int:
    """How many glyphs other than spaces the pages draw in the bundled font named ``font``.

    reportlab keeps code 32 for the space in every subset of a font, so that byte is a space.
    """
    count = 0
    for page in pypdf.PdfReader(pdf).pages:
        resources = page["/Resources"]["/Font"]
        names = {name for name, ref in resources.items() if font in str(ref.get_object()["/BaseFont"])}
        content = pypdf.generic.ContentStream(page.get_contents(), page.pdf)
        current = None
        for operands, operator in content.operations:
            if operator == b"Tf":
                current = operands[0]
            elif operator in (b"Tj", b"TJ") and current in names:
                parts = operands[0] if operator == b"TJ" else [operands[0]]
                drawn = b"".join(part.original_bytes for part in parts if hasattr(part, "original_bytes"))
                count += len(drawn.replace(b" ", b""))
    return count


def test_devanagari_conjuncts_and_thai_sara_am_are_drawn_as_shaped_glyphs(tmp_path: Path) -> None:
    plan = create_plan(tmp_path / "plan.offsite", "Shaping")
    team = add_team(plan, "Sales").id
    # क्ष + त्रि + य: 8 characters, 4 glyphs (two conjuncts, the i sign, ya).
    # ก + ำ: 2 characters, 3 glyphs (sara am splits into nikhahit and sara aa).
    add_objective(plan, "Expand", [team], method="क्षत्रिय กำ")
    view = read_plan(plan)
    plan.close()
    pdf = export_pdf(view, tmp_path / "plan.pdf")
    assert _glyphs_drawn(pdf, "NotoSansDevanagari") == 4
    assert _glyphs_drawn(pdf, "NotoSansThai") == 3


def test_bold_and_regular_faces_and_marks_follow_their_letters() -> None:
    chain = fonts.font_chain()
    assert chain.font_for("한") == fonts.HANGUL
    assert chain.font_for("한", bold=True) == fonts.HANGUL_BOLD
    assert chain.font_for("ก") == fonts.THAI
    assert chain.font_for("ก", bold=True) == fonts.THAI_BOLD
    assert chain.font_for("क") == fonts.DEVANAGARI
    assert chain.font_for("क", bold=True) == fonts.DEVANAGARI_BOLD
    assert chain.font_for("漢") == fonts.CJK
    # A Devanagari syllable stays in one run, so it is shaped whole; the space keeps it too.
    assert list(fonts.runs("कि (x)")) == [(fonts.DEVANAGARI, "कि "), (fonts.REGULAR, "(x)")]


def test_the_fonts_and_their_licences_ship_in_the_resources() -> None:
    for name in (
        "OffsiteGothicKR-Regular.ttf",
        "OffsiteGothicKR-Bold.ttf",
        "NotoSansThai-Regular.ttf",
        "NotoSansThai-Bold.ttf",
        "NotoSansDevanagari-Regular.ttf",
        "NotoSansDevanagari-Bold.ttf",
    ):
        assert fonts.resource_path("fonts", name).is_file()
    for licence in ("OffsiteGothicKR-LICENSE.txt", "Noto-LICENSE.txt"):
        assert "SIL Open Font License" in fonts.resource_path("fonts", licence).read_text(encoding="utf-8")


def test_a_signed_plan_titled_in_thai_devanagari_and_korean_verifies(tmp_path: Path) -> None:
    small = make_plan(tmp_path / "plan.offsite", title=f"{THAI} · {DEVANAGARI_HARD} · {KOREAN}")
    sign_all(small)
    pdf = export_plan_pdf(small.plan, tmp_path / "signed.pdf")
    small.plan.close()
    verdict = verify_pdf(small.plan.path, pdf)
    assert (verdict.code, verdict.kind) == (0, MATCH), verdict


def test_long_thai_and_devanagari_without_spaces_wrap_across_pages(tmp_path: Path) -> None:
    thai, devanagari = "เพิ่มยอดขายให้ลูกค้าใหม่ในภูมิภาค", "बिक्रीबढ़ाना"
    plan = create_plan(tmp_path / "plan.offsite", "Long")
    team = add_team(plan, "Sales").id
    add_objective(plan, "Grow", [team], method=f"{thai * 150}\n{devanagari * 250}")
    view = read_plan(plan)
    plan.close()
    pdf = export_pdf(view, tmp_path / "plan.pdf")
    pages = len(pypdf.PdfReader(pdf).pages)
    assert pages >= 3
    text = _no_spaces(_poppler_text(pdf))
    assert "\ufffd" not in text
    # Only where a page break puts the header and footer inside the text is a repetition cut.
    assert text.count(thai) >= 150 - pages
    assert text.count(devanagari) >= 250 - pages


def test_a_table_row_of_hebrew_and_arabic_cells_splits_across_a_page(tmp_path: Path) -> None:
    """A table may split a row at the foot of a page (a long metric, a long note) and carry the rest
    of its cells over. A right-to-left cell that turns out to fit whole goes whole into the first
    part; reportlab expects two parts of a split, so it gets the cell and an empty remainder, and
    the PDF is written, with every word of the row in it."""
    from reportlab.lib.pagesizes import A6
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import SimpleDocTemplate, Spacer, Table

    from offsite.exchange.pdf.rtl import para

    fonts.font_chain()  # registers the fonts
    style = ParagraphStyle("cell", fontName=fonts.REGULAR, fontSize=9, leading=11)
    hebrew = "מספר הלקוחות החדשים ברבעון הראשון " * 3
    arabic = "عدد العملاء الجدد في الربع الأول " * 2
    fitting = para("שיחות", style)
    assert len(fitting.split(120, 500)) in (0, 2)  # whole, with an empty remainder
    rows = [[para(f"{n} · {hebrew}", style), para(arabic, style), para("שיחות", style)] for n in range(6)]
    out = tmp_path / "rows.pdf"
    document = SimpleDocTemplate(str(out), pagesize=A6, leftMargin=20, rightMargin=20)
    document.build([Spacer(0, 150), Table(rows, colWidths=[120, 80, 60], splitInRow=1)])
    assert len(pypdf.PdfReader(out).pages) > 1
