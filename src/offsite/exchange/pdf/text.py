"""The text a page draws: as the export records it while drawing, and as read back from a PDF.

Both sides give the same string for a PDF Offsite wrote: the characters of every string the page's
text operators show (``Tj``, ``TJ``, ``'`` and ``"``), in the order the page draws them, each code
turned back into text through its font's ToUnicode map (a shaped Thai or Devanagari glyph reads as
its cluster's typed text, see ``offsite.exchange.shaping``). Nothing is guessed from positions:
no spaces or line breaks are inserted and right-to-left runs are not reordered, so reading a PDF
back is a plain walk over its content streams, the same for every release of the PDF library.

``drawn_texts`` reads a received PDF, which may be hostile: it follows form XObjects only a few
levels deep and stops after a fixed number of operators; what it cannot decode reads as U+FFFD,
so the page's hash simply differs.
"""

from __future__ import annotations

import re
from typing import Any

from offsite.exchange import shaping

#: Codes ``offsite.exchange.shaping`` gives to shaped glyphs (Supplementary Private Use Area-A).
_SHAPED = re.compile("[\U000f0000-\U000ffffd]")
#: A hostile PDF may nest forms or draw without end; beyond these, reading stops.
_MAX_DEPTH = 8
_MAX_OPERATIONS = 5_000_000
_HEX = re.compile(rb"<([0-9A-Fa-f\s]*)>")


def readable(drawn: str) -> str:
    """The drawn characters as the PDF's ToUnicode maps read them back (shaped glyphs as typed text)."""
    if _SHAPED.search(drawn) is None:
        return drawn

    def typed(match: re.Match[str]) -> str:
        reads = shaping.typed_text(ord(match.group()))
        return match.group() if reads is None else reads

    return _SHAPED.sub(typed, drawn)


class _TooMuch(Exception):
    """The page draws more, or nests deeper, than any page Offsite prints."""


def drawn_texts(reader: Any) -> list[str]:
    """Each page's drawn text (see the module docstring), read from a pypdf ``PdfReader``."""
    fonts: dict[Any, dict[int, str] | None] = {}
    texts: list[str] = []
    for page in reader.pages:
        out: list[str] = []
        budget = [_MAX_OPERATIONS]
        try:
            _walk(page.get_contents(), _resources(page), out, fonts, 0, budget)
        except _TooMuch:
            out.append("\ufffd")
        texts.append("".join(out))
    return texts


def _resources(page: Any) -> Any:
    """The page's resources, inherited from the page tree when the page has none of its own."""
    node = page
    for _ in range(64):
        if node is None:
            return None
        resources = node.get("/Resources")
        if resources is not None:
            return resources.get_object()
        parent = node.get("/Parent")
        node = parent.get_object() if parent is not None else None
    return None


def _walk(
    contents: Any,
    resources: Any,
    out: list[str],
    fonts: dict[Any, dict[int, str] | None],
    depth: int,
    budget: list[int],
) -> None:
    from pypdf.generic import ContentStream

    if contents is None:
        return
    if depth > _MAX_DEPTH:
        raise _TooMuch
    if not isinstance(contents, ContentStream):
        contents = ContentStream(contents, None)
    font_map: dict[int, str] | None = None
    for operands, operator in contents.operations:
        budget[0] -= 1
        if budget[0] < 0:
            raise _TooMuch
        if operator == b"Tf" and operands:
            font_map = _font_map(resources, operands[0], fonts)
        elif operator in (b"Tj", b"'") and operands:
            out.append(_decode(operands[0], font_map))
        elif operator == b'"' and len(operands) > 2:
            out.append(_decode(operands[2], font_map))
        elif operator == b"TJ" and operands:
            for item in _items(operands[0]):
                if isinstance(item, (str, bytes)):
                    out.append(_decode(item, font_map))
        elif operator == b"Do" and operands:
            form = _form(resources, operands[0])
            if form is not None:
                inner = form.get("/Resources")
                _walk(
                    form,
                    inner.get_object() if inner is not None else resources,
                    out,
                    fonts,
                    depth + 1,
                    budget,
                )


def _items(array: Any) -> list[Any]:
    return list(array) if isinstance(array, list) else []


def _entry(resources: Any, kind: str, name: Any) -> Any:
    if resources is None:
        return None
    group = resources.get(kind)
    if group is None:
        return None
    found = group.get_object().get(name)
    return found.get_object() if found is not None else None


def _form(resources: Any, name: Any) -> Any:
    xobject = _entry(resources, "/XObject", name)
    if xobject is None or xobject.get("/Subtype") != "/Form":
        return None
    return xobject


def _font_map(resources: Any, name: Any, fonts: dict[Any, dict[int, str] | None]) -> dict[int, str] | None:
    """Code → text from the font's ToUnicode map; None for a font without one (read as Windows-1252)."""
    font = _entry(resources, "/Font", name)
    if font is None:
        return {}
    reference = font.indirect_reference
    key = (reference.idnum, reference.generation) if reference is not None else id(font)
    if key not in fonts:
        to_unicode = font.get("/ToUnicode")
        fonts[key] = None if to_unicode is None else _parse_cmap(to_unicode.get_object().get_data())
    return fonts[key]


def _parse_cmap(data: bytes) -> dict[int, str]:
    """One-byte codes → text, from a ToUnicode CMap's ``bfchar`` and ``bfrange`` sections."""
    mapping: dict[int, str] = {}
    for section in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        values = _HEX.findall(section)
        for source, target in zip(values[0::2], values[1::2], strict=False):
            mapping[_code(source)] = _utf16(target)
    for section in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for line in section.splitlines():
            parts = _HEX.findall(line)
            if len(parts) == 3:
                low, high, first = _code(parts[0]), _code(parts[1]), _utf16(parts[2])
                if first and 0 <= high - low < 256 and ord(first[-1]) + high - low <= 0x10FFFF:
                    for offset in range(high - low + 1):
                        mapping[low + offset] = first[:-1] + chr(ord(first[-1]) + offset)
    return mapping


def _code(hex_digits: bytes) -> int:
    digits = b"".join(hex_digits.split())
    return int(digits, 16) if digits else -1


def _utf16(hex_digits: bytes) -> str:
    digits = b"".join(hex_digits.split())
    try:
        return bytes.fromhex(digits.decode("ascii")).decode("utf-16-be")
    except (ValueError, UnicodeDecodeError):
        return "\ufffd"


def _decode(operand: Any, font_map: dict[int, str] | None) -> str:
    raw = operand.get_original_bytes() if hasattr(operand, "get_original_bytes") else operand
    if isinstance(raw, str):
        raw = raw.encode("latin-1", "replace")
    if font_map is None:
        return bytes(raw).decode("cp1252", "replace")
    return "".join(font_map.get(byte, "\ufffd") for byte in bytes(raw))
