"""The fingerprint of a signed plan: SHA-256 of one canonical JSON form of its frozen content.

The canonical form is the contract that lets anyone recompute a signed plan's fingerprint from its
exported JSON, in any language: parse the JSON, write it back as below, hash the bytes.

``canonical_form(content)`` is JSON text (RFC 8259) encoded as UTF-8, written thus:

- **Objects**: members sorted by key, comparing keys (after NFC, below) code point by code point
  (Python's ``str`` order; note that this is *not* the UTF-16 order of RFC 8785 for characters beyond
  U+FFFF). Keys must be strings. Two keys that are equal after NFC are an error.
- **Arrays**: elements in their given order (order is meaningful: it is the plan's order).
- **Strings** (keys and values): normalised to Unicode NFC, then written between double quotes with
  only ``"`` and ``\\`` escaped as ``\\"`` and ``\\\\``, and the control characters U+0000–U+001F
  escaped as ``\\b \\f \\n \\r \\t`` or else ``\\u00xx`` (lowercase hex). Every other character,
  including non-ASCII and U+007F, U+2028 and U+2029, is written as itself in UTF-8.
- **Numbers**: integers in decimal, without leading zeros or a plus sign. A float with no fractional
  part is written as the integer it equals (``1.0`` → ``1``, ``-0.0`` → ``0``, ``1e20`` →
  ``100000000000000000000``); any other float as the shortest decimal that reads back as the same
  IEEE 754 double, in Python's ``repr`` notation (``0.1``, ``2.5``, ``-3.75``, ``1e-07``,
  ``1.5e-10``). NaN and infinities are refused.
- **true**, **false** and **null** as themselves.
- **No whitespace** anywhere outside strings: separators are ``,`` and ``:`` alone.

So ``{"b": "x", "a": 1.0}`` has the canonical form ``{"a":1,"b":"x"}``. Lists and tuples are both
arrays; any other type (dates, decimals, bytes, sets) is refused: the caller turns them into strings
or numbers first, as the export does.
"""

from __future__ import annotations

import json
import math
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

SHORT_LENGTH = 16
_HEX = frozenset("0123456789abcdef")


@dataclass(frozen=True, slots=True)
class Later:
    """Fields of one kind of record added after plans were first signed, with the value every older
    plan stands for (``defaults``), and the same for the records it holds (``within``, by field).

    While a record holds such a value the field is left out of what is hashed, so each version
    signed before the field existed keeps its fingerprint, and verifies. The plan's shape declares
    which fields these are (``offsite.store.document.data.LATER``); this module only applies them.
    """

    defaults: Mapping[str, Any] = field(default_factory=dict)
    within: Mapping[str, Later] = field(default_factory=dict)


#: Nothing added later: a record hashed as it is.
NOTHING_LATER: Final = Later()


def without_later_defaults(record: Mapping[str, Any], later: Later) -> dict[str, Any]:
    """``record`` without the later fields that hold their default, at every depth ``later`` names."""
    defaults = later.defaults
    kept = {
        key: value
        for key, value in record.items()
        if not (key in defaults and value == defaults[key] and type(value) is type(defaults[key]))
    }
    for key, inner in later.within.items():
        value = kept.get(key)
        if isinstance(value, Mapping):
            kept[key] = without_later_defaults(value, inner)
        elif isinstance(value, list | tuple):
            kept[key] = [without_later_defaults(v, inner) if isinstance(v, Mapping) else v for v in value]
    return kept


def canonical_form(content: Mapping[str, Any]) -> bytes:
    """The canonical bytes of ``content`` (see the module docstring).

    Raises ValueError for NaN or an infinity, two keys equal after NFC, or a string that cannot be
    encoded as UTF-8 (a lone surrogate); TypeError for a key that is not a string or a value that is
    not a mapping, list, tuple, string, number, boolean or None.
    """
    text = json.dumps(
        _canonical(content),
        ensure_ascii=False,
        allow_nan=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    return text.encode("utf-8")


def fingerprint(content: Mapping[str, Any]) -> str:
    """The lowercase hexadecimal SHA-256 (64 characters) of ``canonical_form(content)``.

    Raises what ``canonical_form`` raises.
    """
    import hashlib  # OpenSSL's library (megabytes) loads for a version signed, not for every window

    return hashlib.sha256(canonical_form(content)).hexdigest()


def short_fingerprint(fp: str) -> str:
    """The first 16 hex digits of ``fp`` in groups of four, for page footers: "3f2a 9c1b 0d4e 77aa".

    Raises ValueError when ``fp`` is not at least 16 hexadecimal digits.
    """
    head = fp.strip().lower()[:SHORT_LENGTH]
    if len(head) < SHORT_LENGTH or not set(head) <= _HEX:
        raise ValueError(f"Not a fingerprint: {fp!r}.")
    return " ".join(head[i : i + 4] for i in range(0, SHORT_LENGTH, 4))


def _canonical(value: Any) -> Any:
    """``value`` with strings in NFC and whole floats as ints, ready for ``json.dumps``."""
    # bool before int: True is an int in Python, but it is written as true.
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value!r} has no place in a fingerprinted plan: JSON has no NaN or infinity.")
        return int(value) if value.is_integer() else value
    if isinstance(value, Mapping):
        result: dict[str, Any] = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"Keys must be strings, not {type(key).__name__}: {key!r}.")
            normal = unicodedata.normalize("NFC", key)
            if normal in result:
                raise ValueError(f"Two keys read {normal!r} once normalised.")
            result[normal] = _canonical(item)
        return result
    if isinstance(value, list | tuple):
        return [_canonical(item) for item in value]
    raise TypeError(f"Cannot fingerprint a {type(value).__name__}: {value!r}.")
