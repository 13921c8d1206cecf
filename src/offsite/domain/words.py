"""Words in any script: letters together with the marks that complete them.

Python's ``\\w`` knows letters but not combining marks, so a pattern of letters alone cuts a Hindi
word at each vowel sign (बढ़ाएं would be three "words") and an accented letter written as a
letter and a combining accent in two. These patterns take a letter and every mark that follows
it as one word, in Devanagari, Thai, Arabic and Hebrew as in Latin scripts.
"""

from __future__ import annotations

import functools
import re
import unicodedata


@functools.cache
def _marks() -> str:
    """A character class body of every combining mark (Mn, Mc, Me) in the Basic Multilingual Plane."""
    ranges: list[str] = []
    start = None
    for code in range(0x300, 0x10000 + 1):
        mark = code < 0x10000 and unicodedata.category(chr(code)) in ("Mn", "Mc", "Me")
        if mark and start is None:
            start = code
        elif not mark and start is not None:
            ranges.append(f"\\u{start:04x}-\\u{code - 1:04x}" if code - 1 > start else f"\\u{start:04x}")
            start = None
    return "".join(ranges)


@functools.cache
def letters() -> re.Pattern[str]:
    """A run of letters and their marks: no digits, no underscore (the words rules compare)."""
    return re.compile(f"(?:[^\\W\\d_]|[{_marks()}])+")


@functools.cache
def words() -> re.Pattern[str]:
    """A word as a leader counts it: letters, digits and marks, joined by an apostrophe or a hyphen."""
    part = f"(?:[^\\W_]|[{_marks()}])+"
    return re.compile(f"{part}(?:['’\\-]{part})*")
