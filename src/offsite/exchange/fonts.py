"""Fonts for the PDF: finding the bundled files, per-character fallback, and right-to-left lines.

Font fallback rule
------------------
Every character of user text is drawn with the first font of the chain whose character map has
it: DejaVu Sans (Latin, Greek, Cyrillic, Hebrew, Arabic, symbols), then Offsite Gothic KR
(Korean Hangul), Noto Sans Thai, Noto Sans Devanagari (each of these with its Bold for bold
text), then Droid Sans Fallback (Chinese, Japanese; no bold), then Symbola (monochrome emoji and
other symbols). The character maps are read once per process and cached.

* A combining mark (and the zero-width non-joiner) stays in the font of the letter before it when
  that font has it, so a Thai or Devanagari syllable is never split between two fonts.
* Runs in the Thai and Devanagari fonts are shaped with HarfBuzz; see
  :mod:`offsite.exchange.shaping`, which also makes them read back from the PDF as typed.
* Variation selectors (U+FE00–U+FE0F, U+E0100–U+E01EF) and the zero-width joiner (U+200D) have
  no glyph of their own; they are dropped silently, so "👩‍💻" prints as its two emoji.
* A tab or another control character prints as a space; a line break stays a line break.
* Any other character that no font of the chain has (a colour-only emoji such as U+1F972, a
  private-use character) prints as U+FFFD REPLACEMENT CHARACTER "�" from DejaVu Sans: the reader
  sees that something was there, and nothing is dropped silently or crashes the export.

Right-to-left text
------------------
reportlab 5.1 can reorder right-to-left text only with ``rlbidi``, which Offsite does not ship
(without it ``reportlab.pdfgen.textobject.rtlSupport`` is False). So Offsite shapes and reorders
Hebrew and Arabic before reportlab sees the text, and HarfBuzz is not used for them: ``arabic_reshaper`` turns Arabic letters into
their joined presentation forms (which DejaVu Sans has), the text is broken into lines in
*logical* order at the width available, and each line is then put into *visual* order with
``python-bidi``'s ``get_display``. Reordering per line (not per paragraph) keeps the first words
of a long right-to-left paragraph on its first line. Only text containing a right-to-left
character takes this path; everything else goes to reportlab untouched.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from offsite.domain.language import translate
from offsite.exchange import shaping
from offsite.resources import resource_path

REGULAR = "OffsiteSans"
BOLD = "OffsiteSans-Bold"
HANGUL = "OffsiteHangul"
HANGUL_BOLD = "OffsiteHangul-Bold"
THAI = "OffsiteThai"
THAI_BOLD = "OffsiteThai-Bold"
DEVANAGARI = "OffsiteDevanagari"
DEVANAGARI_BOLD = "OffsiteDevanagari-Bold"
CJK = "OffsiteCJK"
SYMBOLS = "OffsiteSymbols"
REPLACEMENT = "\ufffd"

_FONT_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    HANGUL: "OffsiteGothicKR-Regular.ttf",
    HANGUL_BOLD: "OffsiteGothicKR-Bold.ttf",
    THAI: "NotoSansThai-Regular.ttf",
    THAI_BOLD: "NotoSansThai-Bold.ttf",
    DEVANAGARI: "NotoSansDevanagari-Regular.ttf",
    DEVANAGARI_BOLD: "NotoSansDevanagari-Bold.ttf",
    CJK: "DroidSansFallbackFull.ttf",
    SYMBOLS: "Symbola_hint.ttf",
}
_CHAINS = {
    False: (REGULAR, HANGUL, THAI, DEVANAGARI, CJK, SYMBOLS),
    True: (BOLD, HANGUL_BOLD, THAI_BOLD, DEVANAGARI_BOLD, CJK, SYMBOLS),
}
#: Fonts whose runs HarfBuzz shapes (see ``offsite.exchange.shaping``).
SHAPED = frozenset({THAI, THAI_BOLD, DEVANAGARI, DEVANAGARI_BOLD})

_SILENT = re.compile("[\u200d\ufe00-\ufe0f\U000e0100-\U000e01ef]")
_RTL_CLASSES = frozenset({"R", "AL"})
_MARKS = frozenset({"Mn", "Mc", "Me"})


@dataclass(frozen=True, slots=True)
class FontChain:
    """The registered fonts and the characters each one has."""

    cmaps: dict[str, frozenset[int]]

    def font_for(self, char: str, bold: bool = False) -> str | None:
        """The first font of the chain that has ``char``, or None when none has it."""
        code = ord(char)
        for name in _CHAINS[bold]:
            if code in self.cmaps[name]:
                return name
        return None


_lock = threading.Lock()
_chain: FontChain | None = None


def font_chain() -> FontChain:
    """Register the bundled fonts with reportlab (once per process) and return their chain.

    Raises FileNotFoundError naming the missing file when the fonts were not installed.
    """
    global _chain
    with _lock:
        if _chain is None:
            from reportlab.lib.fonts import addMapping
            from reportlab.pdfbase import pdfmetrics
            from reportlab.pdfbase.ttfonts import TTFont

            cmaps: dict[str, frozenset[int]] = {}
            for name, filename in _FONT_FILES.items():
                path = resource_path("fonts", filename)
                if not path.is_file():
                    raise FileNotFoundError(
                        translate("PdfFonts", "The PDF font {font} is missing from {folder}.").format(
                            font=filename, folder=path.parent
                        )
                    )
                font = TTFont(name, str(path))
                pdfmetrics.registerFont(font)
                cmaps[name] = frozenset(font.face.charToGlyph)
            _fix_to_unicode_cmap()
            shaping.install(SHAPED)
            # <b> inside Paragraph markup maps to the bold face (CJK and symbols have none).
            for regular, bold in (
                (REGULAR, BOLD),
                (HANGUL, HANGUL_BOLD),
                (THAI, THAI_BOLD),
                (DEVANAGARI, DEVANAGARI_BOLD),
                (CJK, CJK),
                (SYMBOLS, SYMBOLS),
            ):
                for is_italic in (0, 1):
                    addMapping(regular, 0, is_italic, regular)
                    addMapping(regular, 1, is_italic, bold)
            _chain = FontChain(cmaps)
        return _chain


def _fix_to_unicode_cmap() -> None:
    """Make reportlab's ToUnicode maps right for characters beyond U+FFFF and for shaped glyphs.

    reportlab 5.1 writes such a character as five or six hex digits (``<1F600>``), which PDF
    readers reject, so copying or searching an emoji fails. The map must hold UTF-16BE code
    units (``<D83DDE00>``). A shaped glyph's code (see ``offsite.exchange.shaping``) maps to the
    typed text of its cluster instead, which may be several characters or none. This replaces
    the map writer with one that does both, identical for all other characters.
    """
    from reportlab.pdfbase import ttfonts

    original = ttfonts.makeToUnicodeCMap
    if getattr(original, "_offsite_fixed", False):
        return

    def make_to_unicode_cmap(fontname: str, subset: list[int]) -> str:
        lines = original(fontname, subset).split("\n")
        fixed = [
            f"<{i:02X}> <{_utf16(reads if (reads := shaping.typed_text(code)) is not None else chr(code))}>"
            if code > 0xFFFF
            else None
            for i, code in enumerate(subset)
        ]
        start = lines.index(f"{len(subset)} beginbfchar") + 1
        for offset, line in enumerate(fixed):
            if line is not None:
                lines[start + offset] = line
        return "\n".join(lines)

    make_to_unicode_cmap._offsite_fixed = True  # type: ignore[attr-defined]
    ttfonts.makeToUnicodeCMap = make_to_unicode_cmap


def _utf16(text: str) -> str:
    return text.encode("utf-16-be", "surrogatepass").hex().upper()


def clean(text: str) -> str:
    """User text as it will print: silent marks dropped, controls as spaces, ``\\n`` kept."""
    text = _SILENT.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "".join(" " if c != "\n" and unicodedata.category(c) == "Cc" else c for c in text)


def runs(text: str, bold: bool = False) -> Iterator[tuple[str, str]]:
    """Split cleaned text into (font name, text) runs; characters no font has become U+FFFD."""
    chain = font_chain()
    primary = _CHAINS[bold][0]
    current: str | None = None
    buffer: list[str] = []
    for char in text:
        if char == "\n" or char == " ":
            font: str | None = current or primary
        elif current is not None and _joins_its_base(char) and ord(char) in chain.cmaps[current]:
            font = current  # shaped together with the letter before it, never split off
        else:
            font = chain.font_for(char, bold)
            if font is None:
                char, font = REPLACEMENT, primary
        if font != current and buffer:
            yield current or primary, "".join(buffer)
            buffer = []
        current = font
        buffer.append(char)
    if buffer:
        yield current or primary, "".join(buffer)


def _joins_its_base(char: str) -> bool:
    """A combining mark or the zero-width non-joiner: it belongs to the letter before it."""
    return char == "\u200c" or unicodedata.category(char) in _MARKS


def markup(text: str, bold: bool = False) -> str:
    """Paragraph markup for user text: escaped, each run in the font that has its glyphs.

    ``text`` must already be cleaned (see :func:`clean`). Runs in the paragraph's own font carry
    no tag; runs in a fallback font are wrapped in ``<font name=...>``. Line breaks become ``<br/>``.
    """
    primary = _CHAINS[bold][0]
    parts: list[str] = []
    for font, chunk in runs(text, bold):
        escaped = escape(chunk).replace("\n", "<br/>")
        parts.append(escaped if font == primary else f'<font name="{font}">{escaped}</font>')
    return "".join(parts)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The printed width of cleaned text (without line breaks) at ``size`` points."""
    return sum(shaping.shape_text(chunk, font, size)[1] for font, chunk in runs(text, bold))


def paragraph_style(style: Any, text: str) -> Any:
    """``style``, or a copy of it that shapes, when ``text`` holds Thai or Devanagari."""
    if not shaping.needs_shaping(text) or style.shaping:
        return style
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle(f"{style.name}-shaped", parent=style, shaping=1)


def has_rtl(text: str) -> bool:
    """True when the text holds a right-to-left (Hebrew, Arabic, ...) character."""
    return any(unicodedata.bidirectional(c) in _RTL_CLASSES for c in text)


def base_is_rtl(text: str) -> bool:
    """The paragraph direction by the Unicode rule: that of its first strong character."""
    for c in text:
        kind = unicodedata.bidirectional(c)
        if kind in _RTL_CLASSES:
            return True
        if kind == "L":
            return False
    return False


def visual_lines(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Break cleaned right-to-left text into lines that fit ``width``, each in visual order.

    Arabic is shaped first (joined letter forms); lines are broken in logical order at spaces,
    and inside a word only when the word alone is wider than the line; then each line is
    reordered for display with the paragraph's base direction.
    """
    import arabic_reshaper
    from bidi import get_display

    base = "R" if base_is_rtl(text) else "L"
    shaped = arabic_reshaper.reshape(text)
    lines: list[str] = []
    for hard_line in shaped.split("\n"):
        lines.extend(_break_line(hard_line, width, size, bold))
    return [str(get_display(line, base_dir=base)) for line in lines]


def _break_line(line: str, width: float, size: float, bold: bool) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in line.split(" "):
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size, bold) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
            current = ""
        while text_width(word, size, bold) > width and len(word) > 1:
            cut = _longest_prefix(word, width, size, bold)
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    lines.append(current)
    return lines


def _longest_prefix(word: str, width: float, size: float, bold: bool) -> int:
    low, high = 1, len(word)
    while low < high:
        middle = (low + high + 1) // 2
        if text_width(word[:middle], size, bold) <= width:
            low = middle
        else:
            high = middle - 1
    return low
