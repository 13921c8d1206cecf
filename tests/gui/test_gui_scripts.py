"""Objectives written in Hindi, Thai and Korean show on the Plan page in real, shaped glyphs.

Hindi (Devanagari) is drawn only through a font's OpenType tables: Qt says "OpenType support
missing" (on stderr, as an info message) for every font it tries first that lacks them, so a
quiet log is the check that Qt went straight to a font that has them.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QTextLayout

from offsite.gui.shell import MainWindow
from offsite.services.objectives import add_objective
from offsite.services.plans import create_plan

#: An objective in each script, and the writing system the font drawing it must have.
TITLES = {
    "बिक्री पाइपलाइन को साफ़ करना": QFontDatabase.WritingSystem.Devanagari,
    "ขยายฐานลูกค้าในภาคเหนือ": QFontDatabase.WritingSystem.Thai,
    "영업 파이프라인 정리": QFontDatabase.WritingSystem.Korean,
}


def fonts_drawing(text: str, font: QFont) -> list[tuple[str, list[int]]]:
    """Each run of ``text`` laid out in ``font``: the family that draws it and its glyph indexes."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return [(run.rawFont().familyName(), list(run.glyphIndexes())) for run in layout.glyphRuns()]


def test_hindi_thai_and_korean_objectives_show_on_the_plan_page_in_fonts_of_their_script(
    qtbot, qtlog, make_window, tmp_path: Path
) -> None:
    path = tmp_path / "regional.offsite"
    with create_plan(path, "Regional offsite") as plan:
        ids = [add_objective(plan, title).id for title in TITLES]
    window: MainWindow = make_window()
    assert window.open_path(path)
    window.show_view("plan")
    page = window.phase_pages["plan"]
    tree = page.ui.objectivesView
    shown = [page.tree.index_of(objective_id) for objective_id in ids]
    assert [index.data() for index in shown] == list(TITLES)
    assert all(tree.viewport().rect().contains(tree.visualRect(index)) for index in shown)

    image = window.grab()  # paints every title, in the tree and in the editor
    assert [r.message for r in qtlog.records if "OpenType" in r.message] == []
    assert image.save(str(tmp_path / "plan-page-scripts.png"))
    if os.environ.get("OFFSITE_SCREENSHOTS"):  # to look at the page
        image.save(str(Path(os.environ["OFFSITE_SCREENSHOTS"]) / "plan-page-scripts.png"))

    for title, writing_system in TITLES.items():
        for bold in (False, True):  # the current objective's title is bold in the editor
            font = QFont(tree.font())
            font.setBold(bold)
            runs = fonts_drawing(title, font)
            assert runs, title
            for family, glyphs in runs:
                assert 0 not in glyphs, f"{title!r} has an empty box in {family}"
            letters = [family for family, glyphs in runs if len(glyphs) > 2]
            assert all(writing_system in QFontDatabase.writingSystems(f) for f in letters), (title, runs)
