"""What differs between a received PDF and the one Offsite prints for the same signed version.

``offsite verify`` prints the signed version again (the export is deterministic, see
``offsite.exchange.pdf``) and requires the received file to be the same bytes. When it is not,
this module names the difference a reader would care about, in this order:

1. what runs or hides in the file: JavaScript anywhere, an action on opening (``/OpenAction``,
   ``/AA``), a form (``/AcroForm``), embedded files — none of which Offsite ever prints;
2. pages missing or added (pages are matched by their whole content, so "page 5 is missing"
   names the signed PDF's page even when the pages after it moved up);
3. for a page present in both, the first of: annotations (``/Annots``), the page boxes (MediaBox,
   CropBox, BleedBox, TrimBox, ArtBox), rotation, what the page draws (its content streams,
   decoded and joined), its resources (fonts, images and drawings, ``/XObject``), any other key;
4. the document catalogue (outlines, optional content, names…) and the document information.

Inheritable page attributes are resolved through the page tree, so a crop box set on the page
tree's root is seen on every page. Streams are compared decoded: re-compressing a page does not
hide a change, nor count as one. Everything is read with pypdf from memory; nothing is written.
"""

from __future__ import annotations

import difflib
import hashlib
import io
from typing import Any

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    StreamObject,
)

from offsite.domain.language import QT_TRANSLATE_NOOP, plural, translate

#: Attributes a page inherits from the page tree when it has none of its own (ISO 32000 §7.7.3.4).
_INHERITED = ("/Resources", "/MediaBox", "/CropBox", "/Rotate")
_BOXES = {
    "/MediaBox": QT_TRANSLATE_NOOP("PdfCompare", "media box"),
    "/CropBox": QT_TRANSLATE_NOOP("PdfCompare", "crop box"),
    "/BleedBox": QT_TRANSLATE_NOOP("PdfCompare", "bleed box"),
    "/TrimBox": QT_TRANSLATE_NOOP("PdfCompare", "trim box"),
    "/ArtBox": QT_TRANSLATE_NOOP("PdfCompare", "art box"),
}
#: What a page dictionary holds that is not what it shows, or is compared on its own.
_PAGE_SKIP = frozenset({"/Parent", "/Type", "/Annots", "/Contents", "/Resources", "/Rotate", *_BOXES})
#: Catalogue entries that make a PDF do something, by how the sentence names them.
_ACTIVE = {
    "/OpenAction": QT_TRANSLATE_NOOP("PdfCompare", "the PDF carries an action that runs when it is opened"),
    "/AA": QT_TRANSLATE_NOOP(
        "PdfCompare", "the PDF carries actions that run when it is opened, closed, saved or printed"
    ),
    "/AcroForm": QT_TRANSLATE_NOOP("PdfCompare", "the PDF carries a form with fields"),
}
TOO_DEEP = QT_TRANSLATE_NOOP("PdfCompare", "the PDF's objects nest deeper than any PDF Offsite prints")
#: A hostile file may nest objects without end; past this many, the comparison stops and says so.
_BUDGET = 200_000


class _TooDeep(Exception):
    """The PDF's objects nest deeper or more often than any PDF Offsite prints."""


class _Plain:
    """pypdf objects as plain, comparable Python values: resolved references, decoded streams.

    A reference to one of the document's pages becomes ``("page", n)``, so an annotation's
    ``/P`` or a link's destination compares by page number instead of recursing into the page.
    """

    def __init__(self, reader: PdfReader) -> None:
        self.pages = {
            page.indirect_reference.idnum: n
            for n, page in enumerate(reader.pages, start=1)
            if page.indirect_reference is not None
        }
        self.memo: dict[int, Any] = {}
        self.budget = _BUDGET

    def __call__(self, obj: Any, skip: frozenset[str] = frozenset()) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise _TooDeep
        if isinstance(obj, IndirectObject):
            if obj.idnum in self.pages:
                return ("page", self.pages[obj.idnum])
            if obj.idnum in self.memo:
                return self.memo[obj.idnum]
            self.memo[obj.idnum] = ("cycle", obj.idnum)  # a loop back to an object being read
            value = self(obj.get_object())
            self.memo[obj.idnum] = value
            return value
        if isinstance(obj, StreamObject):
            head = {k: self(v) for k, v in obj.items() if k not in ("/Length", "/Filter", "/DecodeParms")}
            return ("stream", tuple(sorted(head.items())), _decoded(obj))
        if isinstance(obj, DictionaryObject):
            return ("dict", tuple(sorted((k, self(v)) for k, v in obj.items() if k not in skip)))
        if isinstance(obj, ArrayObject):
            return ("array", tuple(self(v) for v in obj))
        if isinstance(obj, NameObject):
            return ("name", str(obj))
        if isinstance(obj, float | int) and not isinstance(obj, bool):
            return ("number", round(float(obj), 4))
        return (type(obj).__name__, str(obj) if not isinstance(obj, bytes) else obj.hex())


def _decoded(stream: StreamObject) -> bytes:
    try:
        return bytes(stream.get_data())
    except Exception:  # a filter pypdf cannot undo: compare the raw bytes
        return bytes(stream._data) if isinstance(stream._data, bytes) else b""


def _page_dict(page: DictionaryObject) -> dict[str, Any]:
    """The page's own entries with the inheritable ones it takes from the page tree."""
    merged = {str(k): v for k, v in page.items()}
    node: Any = page.get("/Parent")
    seen: set[int] = set()
    while node is not None and len(seen) < 64:
        if isinstance(node, IndirectObject):
            if node.idnum in seen:
                break
            seen.add(node.idnum)
        node = node.get_object()
        if not isinstance(node, DictionaryObject):
            break
        for key in _INHERITED:
            if key not in merged and key in node:
                merged[key] = node[key]
        node = node.get("/Parent")
    return merged


def _contents(plain: _Plain, page: dict[str, Any]) -> bytes:
    """What the page draws: its content streams, decoded and joined as a reader joins them."""
    contents = page.get("/Contents")
    if contents is None:
        return b""
    value = contents.get_object()
    streams = value if isinstance(value, ArrayObject) else [contents]
    parts = []
    for item in streams:
        stream = item.get_object()
        plain.budget -= 1
        if isinstance(stream, StreamObject):
            parts.append(_decoded(stream))
    return b"\n".join(parts)


class _Side:
    """One PDF, read for comparison."""

    def __init__(self, data: bytes) -> None:
        self.reader = PdfReader(io.BytesIO(data))
        self.plain = _Plain(self.reader)
        self.pages = [_page_dict(page) for page in self.reader.pages]
        self._keys: list[str] | None = None

    def page_key(self, index: int) -> str:
        """A digest of everything page ``index`` (0-based) shows, to match pages across the two PDFs."""
        if self._keys is None:
            self._keys = [self._key(page) for page in self.pages]
        return self._keys[index]

    def _key(self, page: dict[str, Any]) -> str:
        parts = (
            self.plain(
                DictionaryObject({NameObject(k): v for k, v in page.items() if k != "/Contents"}),
                _SKIP_PARENT,
            ),
            _contents(self.plain, page),
        )
        return hashlib.sha256(repr(parts).encode()).hexdigest()


_SKIP_PARENT = frozenset({"/Parent"})


def _has_javascript(side: _Side) -> bool:
    """True when any object of the file (reachable from its trailer) is or names JavaScript."""
    seen: set[int] = set()
    stack: list[Any] = [side.reader.trailer]
    steps = 0
    while stack:
        steps += 1
        if steps > _BUDGET:
            raise _TooDeep
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            if obj.idnum in seen:
                continue
            seen.add(obj.idnum)
            obj = obj.get_object()
        if isinstance(obj, DictionaryObject):
            if "/JS" in obj or obj.get("/S") == "/JavaScript":
                return True
            names = obj.get("/Names")
            if isinstance(names, DictionaryObject) and "/JavaScript" in names:
                return True
            stack.extend(v for k, v in obj.items() if k != "/Parent")
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)
    return False


def _root(side: _Side) -> DictionaryObject:
    """The document catalogue; a damaged one stands as an empty catalogue (its pages read all the same)."""
    root = side.reader.trailer["/Root"].get_object()
    return root if isinstance(root, DictionaryObject) else DictionaryObject()


def _catalogue_active(side: _Side) -> str | None:
    root = _root(side)
    for key, what in _ACTIVE.items():
        if key in root:
            return translate("PdfCompare", what)
    entry = root.get("/Names")
    names = entry.get_object() if entry is not None else None
    if isinstance(names, DictionaryObject) and "/EmbeddedFiles" in names:
        return translate("PdfCompare", "the PDF carries embedded files")
    return None


def active_content(data: bytes) -> str | None:
    """A sentence fragment when the PDF carries what Offsite never prints and a viewer may run, else None."""
    try:
        side = _Side(data)
        if _has_javascript(side):
            return translate("PdfCompare", "the PDF carries JavaScript")
        return _catalogue_active(side)
    except _TooDeep:
        return translate("PdfCompare", TOO_DEEP)


def _pages(numbers: list[int], *, missing: bool) -> str:
    """ "page 5 of the signed PDF is missing", "pages 2, 3 and 4 are not in the signed PDF"."""
    if len(numbers) == 1:
        sentence = (
            translate("PdfCompare", "page {page} of the signed PDF is missing")
            if missing
            else translate("PdfCompare", "page {page} is not in the signed PDF")
        )
        return sentence.format(page=numbers[0])
    shown = [str(n) for n in numbers[:5]]
    if len(numbers) > 5:
        sentence = (
            translate("PdfCompare", "pages {pages} and {more} more of the signed PDF are missing")
            if missing
            else translate("PdfCompare", "pages {pages} and {more} more are not in the signed PDF")
        )
        return sentence.format(pages=", ".join(shown), more=len(numbers) - 5)
    sentence = (
        translate("PdfCompare", "pages {pages} and {last} of the signed PDF are missing")
        if missing
        else translate("PdfCompare", "pages {pages} and {last} are not in the signed PDF")
    )
    return sentence.format(pages=", ".join(shown[:-1]), last=shown[-1])


def _annotations(side: _Side, page: dict[str, Any]) -> list[Any]:
    annots = page.get("/Annots")
    value = annots.get_object() if annots is not None else None
    return [side.plain(a) for a in value] if isinstance(value, ArrayObject) else []


def _page_difference(given: _Side, made: _Side, g: int, m: int) -> str | None:
    """How page ``g`` of the received PDF differs from page ``m`` of Offsite's (0-based), or None."""
    number = g + 1
    gp, mp = given.pages[g], made.pages[m]
    theirs, ours = _annotations(given, gp), _annotations(made, mp)
    extra = [a for a in theirs if a not in ours]
    if extra:
        sentence = plural(
            len(extra),
            translate("PdfCompare", "page {page} has an annotation the signed PDF does not have"),
            translate("PdfCompare", "page {page} has {count} annotations the signed PDF does not have"),
        )
        return sentence.format(page=number, count=len(extra))
    if theirs != ours:
        return translate("PdfCompare", "the annotations of page {page} are not the signed PDF's").format(
            page=number
        )
    for key, label in _BOXES.items():
        if given.plain(gp.get(key)) != made.plain(mp.get(key)):
            if key not in mp:
                return translate("PdfCompare", "page {page} has a {box} the signed PDF does not have").format(
                    page=number, box=translate("PdfCompare", label)
                )
            return translate("PdfCompare", "the {box} of page {page} is not the signed PDF's").format(
                page=number, box=translate("PdfCompare", label)
            )
    if given.plain(gp.get("/Rotate", 0)) != made.plain(mp.get("/Rotate", 0)):
        return translate("PdfCompare", "page {page} is turned differently from the signed PDF's").format(
            page=number
        )
    drawn, printed = _contents(given.plain, gp), _contents(made.plain, mp)
    if drawn != printed:
        if drawn.startswith(printed) or drawn.endswith(printed):
            return translate(
                "PdfCompare", "page {page} draws something over or under what the signed PDF shows"
            ).format(page=number)
        return translate("PdfCompare", "what page {page} draws is not what the signed PDF shows").format(
            page=number
        )
    resources, printed_resources = given.plain(gp.get("/Resources")), made.plain(mp.get("/Resources"))
    if resources != printed_resources:
        return translate(
            "PdfCompare",
            "page {page} uses images, drawings or fonts (its resources) that are not the signed PDF's",
        ).format(page=number)
    for key in sorted((set(gp) | set(mp)) - _PAGE_SKIP):
        if given.plain(gp.get(key)) != made.plain(mp.get(key)):
            return translate(
                "PdfCompare", "page {page} has {key} set differently from the signed PDF"
            ).format(page=number, key=key)
    return None


def _page_differences(given: _Side, made: _Side) -> str | None:
    theirs = [given.page_key(i) for i in range(len(given.pages))]
    ours = [made.page_key(i) for i in range(len(made.pages))]
    if theirs == ours:
        return None
    matcher = difflib.SequenceMatcher(a=ours, b=theirs, autojunk=False)
    missing: list[int] = []
    added: list[int] = []
    changed: list[str] = []
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            continue
        pairs = min(a1 - a0, b1 - b0) if op == "replace" else 0
        for k in range(pairs):
            sentence = _page_difference(given, made, b0 + k, a0 + k)
            changed.append(
                sentence
                or translate("PdfCompare", "page {page} is not the signed PDF's").format(page=b0 + k + 1)
            )
        missing += range(a0 + pairs + 1, a1 + 1)
        added += range(b0 + pairs + 1, b1 + 1)
    if missing:
        return _pages(missing, missing=True)
    if added:
        return _pages(added, missing=False)
    return changed[0] if changed else None


def _catalogue_difference(given: _Side, made: _Side) -> str | None:
    skip = frozenset({"/Pages"})
    theirs, ours = _root(given), _root(made)
    for key in sorted(set(theirs) | set(ours)):
        if key in skip:
            continue
        if given.plain(theirs.get(key)) != made.plain(ours.get(key)):
            if key not in ours:
                return translate(
                    "PdfCompare", "the PDF's catalogue has {key}, which the signed PDF does not have"
                ).format(key=key)
            return translate("PdfCompare", "the PDF's catalogue entry {key} is not the signed PDF's").format(
                key=key
            )
    info_theirs: dict[str, Any] = dict(given.reader.metadata or {})
    info_ours: dict[str, Any] = dict(made.reader.metadata or {})
    keys = sorted(k for k in set(info_theirs) | set(info_ours) if info_theirs.get(k) != info_ours.get(k))
    if keys:
        return translate(
            "PdfCompare", "its document information differs from the signed PDF's in {keys}"
        ).format(keys=", ".join(keys[:3]))
    return None


def difference(given: bytes, made: bytes) -> str:
    """The first difference a reader would care about between the received PDF and Offsite's, as a clause.

    Call it only when the bytes differ; when nothing shown differs, the clause says the file was
    re-saved or changed by another program.
    """
    if given == made:
        raise ValueError("The two PDFs are the same bytes.")
    try:
        theirs, ours = _Side(given), _Side(made)
        found = (
            active_content(given) or _page_differences(theirs, ours) or _catalogue_difference(theirs, ours)
        )
        if found:
            return found
    except _TooDeep:
        return translate("PdfCompare", TOO_DEEP)
    return translate(
        "PdfCompare",
        "its pages show the same, but the file is not byte for byte the one Offsite prints "
        "(another program saved or changed it)",
    )
