"""A signed PDF altered where its text stays the same: ``offsite verify`` names the change and exits 1.

Each hostile PDF is made with pypdf from a real signed export of the demo plan (version 2, frozen
and signed by all six leaders here, since the demo opens re-opened after version 1): an
annotation stamped over a metric's target, a white box drawn over it in an added content stream,
a crop box that hides half a page, JavaScript that runs on opening, a page removed together with
its text hash. Before, verify hashed page text only and passed every one of them. Each case
checks the sentence, the exit code and that no file in the folder changed; the untouched PDF
passes, and the same version exported twice (in two processes, at two times) is the same bytes.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pypdf
import pytest
from hostile_files import command, folder_state
from pypdf.annotations import FreeText
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    RectangleObject,
    StreamObject,
    TextStringObject,
)

from offsite.domain.formatting import format_number
from offsite.exchange.demo import write_demo_plan
from offsite.exchange.pdf import KEY_PAGE_TEXT, export_plan_pdf, page_text_hash
from offsite.exchange.pdf.text import drawn_texts
from offsite.exchange.verify import ALTERED, MATCH, verify_pdf
from offsite.services.plans import open_plan, read_plan
from offsite.services.signoff import freeze, read_signoff, sign
from offsite.services.survey import rate_alignment

SIGNED = dt.datetime(2027, 1, 25, 10, 0)
TIMEOUT = 120  # seconds: verify prints the demo plan again, a few seconds on a busy machine


@pytest.fixture(scope="module")
def signed_demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The demo plan with version 2 signed by all, and its signed PDF, made once for the module."""
    folder = tmp_path_factory.mktemp("signed-demo")
    plan = write_demo_plan(folder / "demo.offsite")
    try:
        freeze(plan, frozen_by="Facilitator", override_reason="The board meets on Monday.", at=SIGNED)
        version = read_signoff(plan).locked_version_id
        assert version is not None
        for minute, leader in enumerate(read_plan(plan).leaders, start=1):
            sign(
                plan,
                version,
                leader.id,
                "".join(w[0] for w in leader.name.split()),
                at=SIGNED + dt.timedelta(minutes=minute),
            )
        pdf = export_plan_pdf(plan, folder / "signed.pdf")
    finally:
        plan.close()
    return folder / "demo.offsite", pdf


@pytest.fixture
def case(signed_demo: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the signed plan and its PDF in the test's own folder."""
    plan, pdf = signed_demo
    return Path(shutil.copy2(plan, tmp_path)), Path(shutil.copy2(pdf, tmp_path))


def _target(pdf: Path) -> tuple[int, float, float, str]:
    """Where the first metric's target is printed: page (0-based), x and y of the text, and the text."""
    plan = open_plan(pdf.with_name("demo.offsite"), readonly=True)
    try:
        metric = next(m for o in read_plan(plan).objectives for m in o.metrics if m.target is not None)
    finally:
        plan.close()
    target = format_number(metric.target)
    found: list[tuple[int, float, float]] = []
    for index, page in enumerate(pypdf.PdfReader(pdf).pages):

        def visit(text: str, cm: list[float], tm: list[float], *_: object, index: int = index) -> None:
            if target in text and not found:
                found.append((index, cm[4] + tm[4], cm[5] + tm[5]))

        if metric.name in " ".join(page.extract_text().split()):
            page.extract_text(visitor_text=visit)
            if found:
                return (*found[0], target)
    raise AssertionError(f"no page shows the target of “{metric.name}”")


def _write(writer: pypdf.PdfWriter, out: Path) -> Path:
    with out.open("wb") as stream:
        writer.write(stream)
    return out


def _annotated(pdf: Path, out: Path) -> tuple[Path, str]:
    page, x, y, _ = _target(pdf)
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(pdf))
    stamp = FreeText(
        text="400", rect=(x - 4, y - 4, x + 60, y + 12), font_size="9pt", background_color="ffffff"
    )
    writer.add_annotation(page, stamp)
    return _write(writer, out), f"page {page + 1} has an annotation the signed PDF does not have"


def _white_box(pdf: Path, out: Path) -> tuple[Path, str]:
    page, x, y, _ = _target(pdf)
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(pdf))
    box = StreamObject()
    box.set_data(f"q 1 1 1 rg {x - 2:.1f} {y - 3:.1f} 60 14 re f Q".encode())
    target = writer.pages[page]
    contents = target["/Contents"].get_object()
    parts = list(contents) if isinstance(contents, ArrayObject) else [target.raw_get("/Contents")]
    target[NameObject("/Contents")] = ArrayObject([*parts, writer._add_object(box)])
    return _write(writer, out), f"page {page + 1} draws something over or under what the signed PDF shows"


def _cropped(pdf: Path, out: Path) -> tuple[Path, str]:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(pdf))
    media = writer.pages[2].mediabox
    writer.pages[2].cropbox = RectangleObject(
        (0, float(media.height) / 2, float(media.width), float(media.height))
    )
    return _write(writer, out), "page 3 has a crop box the signed PDF does not have"


def _cropped_tree(pdf: Path, out: Path) -> tuple[Path, str]:
    """The crop box set once on the page tree, which every page inherits."""
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(pdf))
    pages = writer._root_object["/Pages"].get_object()
    pages[NameObject("/CropBox")] = RectangleObject((0, 400, 595, 842))
    return _write(writer, out), "page 1 has a crop box the signed PDF does not have"


def _javascript(pdf: Path, out: Path) -> tuple[Path, str]:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(pdf))
    action = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert('Target: 400 accounts');"),
        }
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    return _write(writer, out), "the PDF carries JavaScript"


def _page_removed(pdf: Path, out: Path) -> tuple[Path, str]:
    reader = pypdf.PdfReader(pdf)
    writer = pypdf.PdfWriter(clone_from=reader)
    writer.remove_page(4)
    hashes = str((reader.metadata or {})[KEY_PAGE_TEXT]).split()
    del hashes[4]  # the page's text hash goes too, so every other page still matches its own
    writer.add_metadata({KEY_PAGE_TEXT: " ".join(hashes)})
    return _write(writer, out), "page 5 of the signed PDF is missing"


def _bytes_appended(pdf: Path, out: Path) -> tuple[Path, str]:
    """An update appended after the end, which changes nothing a viewer shows: still not the signed bytes."""
    out.write_bytes(pdf.read_bytes() + b"% appended by another program\n")
    return out, (
        "its pages show the same, but the file is not byte for byte the one Offsite prints "
        "(another program saved or changed it)"
    )


TAMPERINGS: dict[str, Callable[[Path, Path], tuple[Path, str]]] = {
    "an annotation over a metric": _annotated,
    "a white box drawn over a number": _white_box,
    "a crop box hiding half a page": _cropped,
    "a crop box on the page tree": _cropped_tree,
    "JavaScript run on opening": _javascript,
    "a page removed with its hash": _page_removed,
    "bytes appended after the end": _bytes_appended,
}


@pytest.mark.parametrize("tampering", TAMPERINGS, ids=list(TAMPERINGS))
def test_a_tampered_signed_pdf_fails_naming_what_changed(tampering: str, case: tuple[Path, Path]) -> None:
    plan, pdf = case
    tampered, clause = TAMPERINGS[tampering](pdf, pdf.with_name("tampered.pdf"))
    reader = pypdf.PdfReader(tampered)  # every page's text still has its hash: text alone passed it
    hashes = str((reader.metadata or {})[KEY_PAGE_TEXT]).split()
    assert [page_text_hash(text) for text in drawn_texts(reader)] == hashes
    before = folder_state(plan.parent)
    verdict = verify_pdf(plan, tampered)
    assert (verdict.code, verdict.kind) == (1, ALTERED), verdict
    assert verdict.message == f"“tampered.pdf” was altered after export: {clause}."
    assert folder_state(plan.parent) == before


def test_the_untouched_signed_pdf_passes(case: tuple[Path, Path]) -> None:
    plan, pdf = case
    before = folder_state(plan.parent)
    verdict = verify_pdf(plan, pdf)
    assert (verdict.code, verdict.kind) == (0, MATCH), verdict
    assert verdict.message.startswith(
        "Matches version 2 of “Sales & Marketing Offsite 2027”, signed by all six leaders"
    )
    assert folder_state(plan.parent) == before


def _offsite(folder: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """The real ``offsite`` command, in ``folder`` with a sandboxed home."""
    env = dict(os.environ)
    env.pop("DISPLAY", None)
    env["QT_QPA_PLATFORM"] = "offscreen"
    for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        home = folder / "home" / variable.lower()
        home.mkdir(parents=True, exist_ok=True)
        env[variable] = str(home)
    return subprocess.run(
        [*command(), *map(str, args)],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=TIMEOUT,
        check=False,
    )


def test_the_same_version_exported_twice_is_the_same_bytes(case: tuple[Path, Path], tmp_path: Path) -> None:
    plan, pdf = case
    exported = _offsite(tmp_path, "export", plan, tmp_path / "again.pdf")  # another process, another time
    assert exported.returncode == 0, exported.stderr
    assert (tmp_path / "again.pdf").read_bytes() == pdf.read_bytes()
    info = pypdf.PdfReader(pdf).metadata or {}
    assert info["/CreationDate"] == info["/ModDate"] == "D:20270125100600+00'00'"  # the last signature


def test_the_command_exits_1_with_the_sentence_and_changes_nothing(
    case: tuple[Path, Path], tmp_path: Path
) -> None:
    plan, pdf = case
    tampered, clause = _annotated(pdf, tmp_path / "stamped.pdf")
    before = folder_state(tmp_path)
    result = _offsite(tmp_path, "verify", plan, tampered)
    assert result.returncode == 1, result
    assert result.stderr.strip() == f"“stamped.pdf” was altered after export: {clause}."
    assert folder_state(tmp_path) == before


def test_a_rating_after_signing_is_named_when_the_pdf_differs(case: tuple[Path, Path]) -> None:
    """The survey stays open on a signed plan and shows in the PDF: an earlier honest copy is told why it differs."""
    plan, pdf = case
    opened = open_plan(plan)
    try:
        leader = read_plan(opened).leaders[0]
        rate_alignment(opened, leader.id, 1, "Not aligned after all.", at=SIGNED + dt.timedelta(days=2))
    finally:
        opened.close()
    verdict = verify_pdf(plan, pdf)
    assert (verdict.code, verdict.kind) == (1, ALTERED), verdict
    assert verdict.message.endswith(
        "The leaders' alignment ratings changed after the plan was signed (last on 27 Jan 2027, 10:00 UTC), "
        "so a PDF exported before then shows the earlier ratings: export it again to compare."
    )


def test_a_pdf_from_another_release_says_which_release_can_check_it(case: tuple[Path, Path]) -> None:
    """Another release may lay the plan out otherwise; an altered /Creator still fails, so it hides nothing."""
    plan, pdf = case
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(pdf))
    writer.add_metadata({"/Creator": "Offsite 0.0.9"})
    older = _write(writer, pdf.with_name("older.pdf"))
    ours = str((pypdf.PdfReader(pdf).metadata or {})["/Creator"])
    verdict = verify_pdf(plan, older)
    assert (verdict.code, verdict.kind) == (1, ALTERED), verdict
    assert verdict.message == (
        f"“older.pdf” was exported by Offsite 0.0.9, and this is {ours}, which prints version 2 of "
        "“Sales & Marketing Offsite 2027” otherwise (its document information differs from the signed "
        "PDF's in /Creator): verify it with Offsite 0.0.9, or export the plan again."
    )
