"""Make the PDF export's Korean font from Debian's NanumGothic (fonts-nanum), as shipped in resources/fonts.

Usage (needs fontTools, ``pip install fonttools==4.69.1``; not a dependency of Offsite itself):

    apt-get download fonts-nanum && dpkg-deb -x fonts-nanum_*.deb nanum
    python packaging/make-hangul-font.py nanum/usr/share/fonts/truetype/nanum resources/fonts

NanumGothic is 4.7 MB a face, most of it Hanja and Latin that other bundled fonts already draw.
This keeps only the Hangul blocks (syllables, jamo, compatibility jamo, extended jamo), which
brings each face to about 1.3 MB. The SIL Open Font License lets a font be modified only under a
name without its Reserved Font Names ("Nanum", "NanumGothic", ...), so the subset is renamed
"Offsite Gothic KR"; it stays under the OFL with NAVER's copyright notice.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

HANGUL = [
    *range(0x1100, 0x1200),  # Hangul Jamo
    *range(0x3130, 0x3190),  # Hangul Compatibility Jamo
    *range(0xA960, 0xA980),  # Hangul Jamo Extended-A
    *range(0xAC00, 0xD7A4),  # Hangul Syllables
    *range(0xD7B0, 0xD800),  # Hangul Jamo Extended-B
    0x20,
]
FAMILY = "Offsite Gothic KR"
LICENCE = (
    "This Font Software is licensed under the SIL Open Font License, Version 1.1. "
    "Modified from NanumGothic (Copyright (c) 2010, NAVER Corporation): Hangul subset, renamed."
)


def make(source: Path, out: Path, style: str) -> None:
    options = subset.Options()
    options.layout_features = ["*"]
    options.hinting = False
    options.name_IDs = [0]  # the copyright notice; every other name is rewritten below
    options.name_languages = [0x409]
    font = TTFont(source, recalcTimestamp=False)  # the same bytes on every run
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=HANGUL)
    subsetter.subset(font)
    postscript = f"{FAMILY.replace(' ', '')}-{style}"
    names = font["name"]
    for name_id, value in {
        1: FAMILY,
        2: style,
        3: f"{postscript};Offsite",
        4: f"{FAMILY} {style}",
        5: "Version 3.021; Hangul subset",
        6: postscript,
        13: LICENCE,
        14: "https://openfontlicense.org",
    }.items():
        names.setName(value, name_id, 3, 1, 0x409)
    font.save(out)


def main() -> None:
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    make(source / "NanumGothic.ttf", target / "OffsiteGothicKR-Regular.ttf", "Regular")
    make(source / "NanumGothicBold.ttf", target / "OffsiteGothicKR-Bold.ttf", "Bold")


if __name__ == "__main__":
    main()
