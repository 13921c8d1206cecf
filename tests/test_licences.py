"""Offsite's licence and the third-party licences: what an IT department reads before installing.

THIRD-PARTY-LICENSES.md names every package the app runs with (the runtime lock) and every font
it ships, and is what packaging/third_party_licenses.py writes from the installed packages'
metadata; the wheel carries Offsite's MIT licence and the fonts' licence texts as licence files.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "packaging"))

from lock import APP_LOCK, ROOT, read_lock
from third_party_licenses import OUTPUT, render

#: A row of one of the list's tables: | first | second | third |
_ROW = re.compile(r"^\| (?!-)(?P<first>.+?) \| (?P<second>.+?) \| (?P<third>.+?) \|$")


def _section(heading: str) -> list[re.Match[str]]:
    """The table rows under ``## heading`` of the committed list, its header row left out."""
    text = OUTPUT.read_text(encoding="utf-8")
    body = text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    rows = [match for line in body.splitlines() if (match := _ROW.match(line))]
    return rows[1:]


def test_the_list_names_every_package_of_the_runtime_lock_at_its_version_with_a_licence() -> None:
    listed = {row["first"]: (row["second"], row["third"]) for row in _section("Python packages")}
    pinned = {pin.name: pin.version for pin in read_lock(APP_LOCK).values()}
    assert {name: version for name, (version, _) in listed.items()} == pinned
    assert all(licence.strip() for _, licence in listed.values())
    assert listed["pyside6-essentials"][1] == "LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only"
    assert listed["psycopg-binary"][1] == "LGPL-3.0-only"


def test_the_list_is_what_the_script_writes_from_the_installed_packages() -> None:
    assert OUTPUT.read_text(encoding="utf-8") == render(), (
        "THIRD-PARTY-LICENSES.md is out of date: run `python packaging/third_party_licenses.py`"
    )


def test_the_list_names_every_bundled_font_with_a_licence_text_that_ships_beside_it() -> None:
    rows = _section("Fonts")
    listed = {name for row in rows for name in re.findall(r"`([^`]+\.ttf)`", row["first"])}
    assert listed == {font.name for font in (ROOT / "resources" / "fonts").glob("*.ttf")}
    texts = [ROOT / row["third"].strip("`") for row in rows]
    assert all(text.is_file() and text.parent.name == "fonts" for text in texts), texts
    assert any("SIL Open Font License 1.1" in row["second"] for row in rows)


def test_the_wheel_carries_the_mit_licence_and_the_fonts_licence_texts(tmp_path: Path) -> None:
    assert tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["license"] == "MIT"
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License\n\nCopyright (c) The Offsite authors\n")
    assert 'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND' in licence
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    (wheel,) = tmp_path.glob("offsite-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        dist_info = next(name.split("/")[0] for name in archive.namelist() if ".dist-info/" in name)
        metadata = archive.read(f"{dist_info}/METADATA").decode("utf-8")
        assert archive.read(f"{dist_info}/licenses/LICENSE").decode("utf-8") == licence
        for text in (ROOT / "resources" / "fonts").glob("*-LICENSE.txt"):
            assert f"License-File: resources/fonts/{text.name}" in metadata
            assert archive.read(f"{dist_info}/licenses/resources/fonts/{text.name}") == text.read_bytes()
    assert "License-Expression: MIT" in metadata
