"""The German catalogue is complete, current and well formed, and compiles into what the app loads.

``make translations`` adds every text of the code and forms to resources/translations/*.ts; these
tests fail while one is missing there (a new English text nobody translated), while the catalogue
keeps a text the code no longer says, or while a translation would break its text on screen (a
placeholder lost, a keyboard mnemonic dropped, the HTML of a rich label changed).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CATALOGUES = sorted((ROOT / "resources" / "translations").glob("offsite_*.ts"))
BIN = Path(sys.executable).parent
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z_0-9]*(?:[:!][^}]*)?\}")
#: Rich text's tags (not a placeholder such as "<leader uid>" that a sentence shows as written).
TAG = re.compile(
    r"</?(a|b|i|u|p|br|em|strong|span|div|small|big|sup|sub|code|pre|tt|nobr|hr|ul|ol|li|table|tr|td|th|h[1-6]|font|img)\b"
)


def messages(ts: Path) -> dict[tuple[str, str, str], str | None]:
    """(context, source, disambiguation) → translation (None while unfinished)."""
    found: dict[tuple[str, str, str], str | None] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            done = translation.get("type") not in ("unfinished", "vanished", "obsolete") and translation.text
            key = (name, message.findtext("source") or "", message.findtext("comment") or "")
            found[key] = translation.text if done else None
    return found


def test_there_is_a_german_catalogue() -> None:
    assert [path.name for path in CATALOGUES] == ["offsite_de.ts"]


@pytest.mark.parametrize("ts", CATALOGUES, ids=lambda path: path.stem)
def test_the_catalogue_has_every_text_of_the_code_and_no_other(ts: Path, tmp_path: Path) -> None:
    fresh = tmp_path / ts.name
    shutil.copy(ts, fresh)
    subprocess.run(
        [
            BIN / "pyside6-lupdate",
            "-extensions",
            "py,ui",
            "-locations",
            "none",
            "-no-obsolete",
            "-silent",
            ROOT / "src" / "offsite",
            ROOT / "ui",
            "-ts",
            fresh,
        ],
        check=True,
    )
    before, after = set(messages(ts)), set(messages(fresh))
    new = sorted(after - before)
    gone = sorted(before - after)
    assert not new, f"{len(new)} texts are not in {ts.name} yet (run `make translations`): {new[:10]}"
    assert not gone, (
        f"{ts.name} keeps {len(gone)} texts the code no longer says (`make translations`): {gone[:10]}"
    )


@pytest.mark.parametrize("ts", CATALOGUES, ids=lambda path: path.stem)
def test_every_text_is_translated_with_its_placeholders_mnemonic_and_markup(ts: Path) -> None:
    problems = []
    for (context, source, _), translation in messages(ts).items():
        where = f"[{context}] {source!r}"
        if translation is None:
            problems.append(f"{where}: not translated")
            continue
        if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(translation)):
            problems.append(f"{where}: the placeholders differ in {translation!r}")
        if "&" in source.replace("&&", "") and "&" not in translation.replace("&&", ""):
            problems.append(f"{where}: the keyboard mnemonic (&) is lost in {translation!r}")
        if sorted(TAG.findall(source)) != sorted(TAG.findall(translation)):
            problems.append(f"{where}: the markup differs in {translation!r}")
        if source.strip() and not translation.strip():
            problems.append(f"{where}: translated as blank")
    assert problems == [], f"{len(problems)} problems:\n" + "\n".join(problems[:40])


@pytest.mark.parametrize("ts", CATALOGUES, ids=lambda path: path.stem)
def test_the_catalogue_compiles_into_the_file_the_app_loads(ts: Path, tmp_path: Path) -> None:
    from PySide6.QtCore import QTranslator

    compiled = tmp_path / ts.with_suffix(".qm").name
    subprocess.run([BIN / "pyside6-lrelease", "-silent", ts, "-qm", compiled], check=True)
    translator = QTranslator()
    assert translator.load(str(compiled))
    assert translator.translate("MainWindow", "&File") == "&Datei"
    built = ts.with_suffix(".qm")
    assert built.is_file(), f"{built.name} is not built: `make translations` (make run/test build it)"
    assert built.read_bytes() == compiled.read_bytes(), (
        f"{built.name} is older than {ts.name}: `make translations`"
    )
