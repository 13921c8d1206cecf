"""Write THIRD-PARTY-LICENSES.md: the licence of every package Offsite runs with, and of its fonts.

Usage (in the environment ``make run`` or ``make test`` installed, so the versions are the lock's):

    python packaging/third_party_licenses.py

The packages are the runtime lock's (requirements/app.txt), each with the licence its installed
distribution declares: the SPDX ``License-Expression`` where it has one, else its ``License`` line,
else its trove classifiers. The fonts are those in resources/fonts, with the licence and licence
file that resources/fonts/README.md gives for each. ``tests/test_licences.py`` fails
when the list differs from what this writes, so a change to the lock comes with a new list.
"""

from __future__ import annotations

import re
import sys
from importlib.metadata import PackageNotFoundError, metadata

from lock import APP_LOCK, ROOT, Pin, read_lock

OUTPUT = ROOT / "THIRD-PARTY-LICENSES.md"
FONTS = ROOT / "resources" / "fonts"

HEADER = """\
# Third-party licences

Offsite itself is under the MIT licence (LICENSE). It runs with the Python packages below, at the
versions of its lock (requirements/app.txt), which `pip install` fetches separately: each comes
with its own licence text in its installed `.dist-info` folder. The fonts below ship inside
Offsite, with their licence texts beside them. The tests' tools (requirements/test.txt) are not
distributed and are not listed.

Written by `python packaging/third_party_licenses.py` from the installed packages' metadata; do not
edit by hand.
"""

#: A classifier's prefix that says nothing about which licence it is.
_CLASSIFIER_PREFIX = re.compile(r"^License :: (OSI Approved :: )?")
#: A row of the fonts' table in resources/fonts/README.md: | `a.ttf`, `b.ttf` | covers | licence — `file` |
_FONT_ROW = re.compile(r"^\|\s*(`[^|]+\.ttf`[^|]*)\|[^|]*\|\s*(.+?)\s+—\s+`([^`]+)`\s*\|\s*$")


def licence_of(name: str) -> str:
    """The licence the installed distribution ``name`` declares, in one line."""
    try:
        fields = metadata(name)
    except PackageNotFoundError:
        sys.exit(f"{name} is in the lock but not installed here: run `make run` (or `make test`) first")
    expression = fields.get("License-Expression")
    if expression:
        return str(expression)
    declared = str(fields.get("License") or "").strip()
    if declared and "\n" not in declared:  # a whole licence text pasted there says less than a classifier
        return declared
    classifiers = [
        _CLASSIFIER_PREFIX.sub("", classifier)
        for classifier in fields.get_all("Classifier") or []
        if classifier.startswith("License ::") and classifier != "License :: OSI Approved"
    ]
    if classifiers:
        return "; ".join(classifiers)
    sys.exit(f"{name} declares no licence in its metadata: read its licence and write it into this script")


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def package_rows(pins: dict[str, Pin]) -> list[str]:
    rows = ["| Package | Version | Licence |", "|---|---|---|"]
    for pin in sorted(pins.values(), key=lambda pin: pin.name):
        rows.append(f"| {pin.name} | {pin.version} | {_cell(licence_of(pin.name))} |")
    return rows


def font_rows() -> list[str]:
    """The fonts' licences as resources/fonts/README.md states them, one row per licence line."""
    rows = ["| Font files (resources/fonts) | Licence | Licence text |", "|---|---|---|"]
    for line in (FONTS / "README.md").read_text(encoding="utf-8").splitlines():
        match = _FONT_ROW.match(line)
        if match:
            files, licence, text = match.groups()
            files = re.sub(r"\s*\([^)]*\)", "", files).strip()  # "(1.3 MB each)" is for the README's readers
            rows.append(f"| {files} | {licence} | `resources/fonts/{text}` |")
    return rows


def render() -> str:
    """The whole list, as this script writes it."""
    parts = [
        HEADER,
        "## Python packages",
        "",
        *package_rows(read_lock(APP_LOCK)),
        "",
        "## Fonts",
        "",
        *font_rows(),
    ]
    return "\n".join(parts) + "\n"


def main() -> None:
    OUTPUT.write_text(render(), encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
