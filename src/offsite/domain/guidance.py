"""Guidance shown as a leader types: advice, never a block.

Seed 000 defines the shapes: an objective is a two- or three-word statement, a method
is three or four sentences, a metric is a quantitative data point.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from offsite.domain.formatting import format_number
from offsite.domain.language import plural, translate
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
    count = format_number(words)
    if words == 0:
        return Guidance(
            False, translate("Guidance", "Name the objective in two or three words, e.g. “Go outbound”.")
        )
    if words < 2:
        return Guidance(
            False,
            translate("Guidance", "{count} word — an objective reads best in two or three words.").format(
                count=count
            ),
        )
    if words > 3:
        return Guidance(
            False,
            translate(
                "Guidance", "{count} words — try to say it in two or three; the method carries the detail."
            ).format(count=count),
        )
    return Guidance(True, translate("Guidance", "{count} words — a crisp objective.").format(count=count))


def method_guidance(method: str) -> Guidance:
    sentences = count_sentences(method)
    count = format_number(sentences)
    if sentences == 0:
        return Guidance(
            False, translate("Guidance", "Say how in three or four specific, actionable sentences.")
        )
    if sentences < 3:
        few = plural(
            sentences,
            translate("Guidance", "{count} sentence — three or four make a method specific and actionable."),
            translate("Guidance", "{count} sentences — three or four make a method specific and actionable."),
        )
        return Guidance(False, few.format(count=count))
    if sentences > 4:
        return Guidance(
            False,
            translate(
                "Guidance", "{count} sentences — keep the method to three or four; split the rest out."
            ).format(count=count),
        )
    return Guidance(
        True, translate("Guidance", "{count} sentences — specific and actionable.").format(count=count)
    )


def metric_guidance(name: str, target: float | None) -> Guidance:
    if target is None and not _NUMBER.search(name):
        return Guidance(
            False, translate("Guidance", "Give the metric a target number: success should be measurable.")
        )
    if not name.strip():
        return Guidance(False, translate("Guidance", "Name what is counted, e.g. “appointments booked”."))
    return Guidance(True, translate("Guidance", "Measurable."))
