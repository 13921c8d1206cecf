"""Thai and Devanagari shaped with HarfBuzz for the PDF, and read back from it as typed.

Thai and Devanagari cannot be drawn one glyph per character: a Devanagari consonant cluster
becomes one conjunct glyph (क्ष), the vowel sign ि is drawn *before* the consonant it follows, and
Thai tone marks move up or left over a vowel or a tall consonant. reportlab 5.1 does this through
``uharfbuzz`` when a paragraph style has ``shaping`` set; Offsite sets it only for text that holds
one of these scripts (see :func:`needs_shaping`), so Latin, Hebrew, Arabic and CJK text is laid
out exactly as before.

Two things reportlab does not do are added here, by replacing its word shaper with
:func:`shape_word` (a wrapper around reportlab's own):

* **Shaping per font.** reportlab shapes a whole word with the font of its first run, so
  "(เพิ่ม)" would be shaped with DejaVu Sans and print as empty boxes. Here only the runs set in a
  font of ``SHAPED_FONTS`` are shaped, each with its own font; the other runs stay as they are.
* **Text that copies and searches as typed.** A glyph without a character of its own (a
  conjunct, a lowered tone mark) gets a private-use code from reportlab, and a reordered vowel
  sign would be read back before its consonant. So every glyph of a shaped cluster gets a code
  of its own (from Supplementary Private Use Area-A, which no typed text reaches: the font chain
  prints such characters as U+FFFD) whose ToUnicode entry in the PDF is the cluster's *typed*
  text, given to the first glyph of the cluster; its other glyphs map to nothing. PDF readers
  (pypdf, pdftotext, viewers' copy and search) then give back the characters in typed order.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

log = logging.getLogger(__name__)

#: The registered font names whose runs are shaped (set by ``offsite.exchange.fonts``).
SHAPED_FONTS: frozenset[str] = frozenset()

# Unicode blocks whose text must be shaped: Devanagari, Devanagari Extended, Thai.
_SHAPED_RANGES = ((0x0900, 0x097F), (0xA8E0, 0xA8FF), (0x0E00, 0x0E7F))
_FIRST_CODE = 0xF0000  # Supplementary Private Use Area-A: codes for shaped glyphs
_LAST_CODE = 0xFFFFD

_lock = threading.Lock()
_codes: dict[tuple[str, int, str, float], int] = {}  # (font, glyph id, typed text, width) -> code
_typed: dict[int, str] = {}  # code -> typed text, for the ToUnicode map
_original_shape_word: Any = None


def needs_shaping(text: str) -> bool:
    """True when ``text`` holds a Thai or Devanagari character."""
    return any(low <= ord(c) <= high for c in text for low, high in _SHAPED_RANGES)


def typed_text(code: int) -> str | None:
    """The typed text a shaped glyph's code stands for, or None for an ordinary character."""
    return _typed.get(code)


def install(shaped_fonts: frozenset[str]) -> None:
    """Put :func:`shape_word` in place of reportlab's word shaper (once).

    Without ``uharfbuzz`` (a broken install) nothing is shaped: Thai and Devanagari then print
    letter by letter, which is logged, rather than the export failing.
    """
    global SHAPED_FONTS, _original_shape_word
    from reportlab.pdfbase import ttfonts
    from reportlab.platypus import paragraph

    if ttfonts.uharfbuzz is None:
        log.warning("uharfbuzz is missing: Thai and Devanagari print unshaped; reinstall Offsite.")
        return
    SHAPED_FONTS = shaped_fonts
    if _original_shape_word is None:
        _original_shape_word = ttfonts.shapeFragWord
    # paragraph.py imported the name; ttfonts.shapeStr (used by canvas.drawString) looks it up.
    paragraph.shapeFragWord = shape_word
    ttfonts.shapeFragWord = shape_word


def shape_word(word: list[Any], features: Any = None, force: bool = False) -> Any:
    """reportlab's word shaper, applied to each run in a font of ``SHAPED_FONTS`` on its own.

    ``word`` is reportlab's frag word: ``[width, (frag, text), ...]``. Returns it unchanged when
    nothing in it is shaped, else a shaped frag word with the new width.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfbase.ttfonts import ShapedFragWord, ShapedStr, makeShapedFragWord

    if isinstance(word, ShapedFragWord):
        return word
    runs = word[1:]
    if not any(_shaped_run(frag, text) for frag, text in runs):
        return word
    width = 0.0
    shaped: list[Any] = []
    for frag, text in runs:
        if not _shaped_run(frag, text):
            shaped.append((frag, text))
            if isinstance(text, ShapedStr):
                width += sum(glyph.x_advance for glyph in text.__shapeData__) * frag.fontSize / 1000
            elif not hasattr(frag, "cbDefn"):
                width += stringWidth(text, frag.fontName, frag.fontSize)
            continue
        single = [stringWidth(text, frag.fontName, frag.fontSize), (frag, text)]
        result = (
            _original_shape_word(single, force=True)
            if features is None
            else _original_shape_word(single, features, force=True)
        )
        width += result[0]
        for piece_frag, piece in result[1:]:
            readable = _readable(piece, text, piece_frag.fontName) if isinstance(piece, ShapedStr) else piece
            shaped.append((piece_frag, readable))
    return makeShapedFragWord(word)([width, *shaped])


def shape_text(text: str, font_name: str, size: float) -> tuple[str, float]:
    """One run of text in one font, shaped when it needs it, and its width at ``size`` points."""
    from reportlab.lib.abag import ABag
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if font_name not in SHAPED_FONTS or not needs_shaping(text):
        return text, float(stringWidth(text, font_name, size))
    result = shape_word([0.0, (ABag(fontName=font_name, fontSize=size), text)])
    # ShapedStr pieces add up to a ShapedStr (a str.join would drop the glyph positions).
    shaped = result[1][1]
    for _, piece in result[2:]:
        shaped += piece
    return shaped, float(result[0])


def _shaped_run(frag: Any, text: str) -> bool:
    """True for a run of text to shape now.

    Text shaped once already is left as it is: a paragraph split across pages or a word broken
    across lines is wrapped again from its shaped pieces, and HarfBuzz knows nothing of the codes
    given out here (nor should a piece starting with a mark be shaped on its own).
    """
    from reportlab.pdfbase.ttfonts import ShapedStr

    return (
        bool(text)
        and not hasattr(frag, "cbDefn")
        and frag.fontName in SHAPED_FONTS
        and not isinstance(text, ShapedStr)
        and not any(ord(c) >= _FIRST_CODE for c in text)
    )


def _readable(shaped: Any, typed: str, font_name: str) -> Any:
    """``shaped`` with each glyph's code replaced by one that reads back as the typed text.

    ``shaped`` is reportlab's ShapedStr for ``typed``: one character per glyph, in drawing order,
    and per glyph the index in ``typed`` where its cluster starts.
    """
    from reportlab.pdfbase.pdfmetrics import getFont
    from reportlab.pdfbase.ttfonts import ShapedStr

    data = shaped.__shapeData__
    reads = _reads(typed, [(glyph.cluster, glyph.x_advance != 0) for glyph in data])
    face = getFont(font_name).face
    chars: list[str] = []
    positions: list[Any] = []
    for char, text, glyph in zip(shaped, reads, data, strict=True):
        # reportlab moves the pen back by ``width - x_advance + x_offset`` after a glyph moved
        # sideways. A glyph moved left (a Thai tone mark on a tall consonant, a reph) would leave
        # a gap to the right that readers such as pypdf take for a space, so its code is given the
        # width that ends the glyph exactly where the next one starts.
        width = glyph.x_advance - glyph.x_offset if glyph.x_offset < 0 else face.charWidths[ord(char)]
        if char == text and width == face.charWidths[ord(char)]:
            chars.append(char)
            positions.append(glyph)
            continue
        code = _code(face, font_name, face.charToGlyph[ord(char)], text, width)
        chars.append(chr(code))
        positions.append(glyph._replace(width=width))
    return ShapedStr("".join(chars), shapeData=positions)


def _reads(typed: str, glyphs: list[tuple[int, bool]]) -> list[str]:
    """What each glyph (its cluster's start in ``typed``, whether it advances) reads back as.

    The typed characters go to the glyphs that advance the pen, in order: PDF readers place
    text by those, and put a glyph drawn raised or lowered (a Thai tone mark) on a line of its
    own. So a cluster's characters are dealt to its advancing glyphs one by one (the last takes
    the rest), and a cluster of marks only (a Thai vowel above) joins the advancing glyph drawn
    before it. Glyphs given nothing read back as nothing.
    """
    clusters: dict[int, list[int]] = {}
    for i, (start, _) in enumerate(glyphs):
        clusters.setdefault(start, []).append(i)
    starts = sorted(clusters)
    ends = dict(zip(starts, [*starts[1:], len(typed)], strict=True))
    reads = [""] * len(glyphs)
    last_advancing: int | None = None
    for cluster in starts:
        members = clusters[cluster]
        text = typed[cluster : ends[cluster]]
        advancing = [i for i in members if glyphs[i][1]]
        if not advancing:
            owner = last_advancing if last_advancing is not None else members[0]
            reads[owner] += text
            continue
        for number, i in enumerate(advancing):
            reads[i] = text[number:] if number == len(advancing) - 1 else text[number : number + 1]
        last_advancing = advancing[-1]
    return reads


def _code(face: Any, font_name: str, glyph: int, reads: str, width: float) -> int:
    """The code drawing ``glyph`` of ``font_name`` ``width`` wide that reads back as ``reads``.

    Made on first use, and the same for the rest of the process.
    """
    key = (font_name, glyph, reads, width)
    with _lock:
        code = _codes.get(key)
        if code is None:
            code = _FIRST_CODE + len(_codes)
            if code > _LAST_CODE:
                raise ValueError("Too many distinct shaped glyphs for one export.")
            _codes[key] = code
            _typed[code] = reads
            face.charToGlyph[code] = glyph
            face.charWidths[code] = width
        return code
