"""Guidance shown as a leader types: advice, never a block.

Seed 000 defines the shapes: an objective is a two- or three-word statement, a method
is three or four sentences, a metric is a quantitative data point.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from offsite.domain.words import words

# A sentence ends at . ! ? (or their CJK forms) followed by space or the end; "e.g." and
# decimals such as 2.5 do not end one.
# The look-behinds include the abbreviation's final dot, which is where a split would happen.
# CJK full stops end a sentence even with no space after them, as CJK text has none.
_SENTENCE_END = re.compile(r"(?<!\b[eE]\.[gG]\.)(?<!\b[iI]\.[eE]\.)(?<=[.!?])(?:\s+|$)|(?<=[。！？])\s*")
_NUMBER = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class Guidance:
    """A hint about a piece of text: ``ok`` is False when the text misses its shape."""

    ok: bool
    message: str


def count_words(text: str) -> int:
    return len(words().findall(text))


def count_sentences(text: str) -> int:
    stripped = text.strip()
    if not stripped:
        return 0
    return len([part for part in _SENTENCE_END.split(stripped) if part.strip()])


def statement_guidance(statement: str) -> Guidance:
    words = count_words(statement)
    if words == 0:
        return Guidance(False, "Name the objective in two or three words, e.g. “Go outbound”.")
    if words < 2:
        return Guidance(False, f"{words} word — an objective reads best in two or three words.")
    if words > 3:
        return Guidance(
            False, f"{words} words — try to say it in two or three; the method carries the detail."
        )
    return Guidance(True, f"{words} words — a crisp objective.")


def method_guidance(method: str) -> Guidance:
    sentences = count_sentences(method)
    if sentences == 0:
        return Guidance(False, "Say how in three or four specific, actionable sentences.")
    if sentences < 3:
        noun = "sentence" if sentences == 1 else "sentences"
        return Guidance(False, f"{sentences} {noun} — three or four make a method specific and actionable.")
    if sentences > 4:
        return Guidance(
            False, f"{sentences} sentences — keep the method to three or four; split the rest out."
        )
    return Guidance(True, f"{sentences} sentences — specific and actionable.")


def metric_guidance(name: str, target: float | None) -> Guidance:
    if target is None and not _NUMBER.search(name):
        return Guidance(False, "Give the metric a target number: success should be measurable.")
    if not name.strip():
        return Guidance(False, "Name what is counted, e.g. “appointments booked”.")
    return Guidance(True, "Measurable.")
