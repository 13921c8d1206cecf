"""How a candidate's origin label quotes its source, the same on screen and in the plan file.

A candidate remembers where it came from ("Sales' why chain: “…”", "Parking lot: “…”"). The
services write those labels and the screens write the matching previews; both call these functions
so a label never reads one way in a preview and another once stored.
"""

from __future__ import annotations

#: How much of a statement an origin label quotes before it shortens it with "…".
LABEL_QUOTE = 60


def quote(text: str, limit: int = LABEL_QUOTE) -> str:
    """``text`` on one line in quotation marks, cut with an ellipsis past ``limit`` characters."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return f"“{text}”"


def possessive(name: str) -> str:
    """As the candidates' origin labels write it: “Sales'”, “Marketing's”."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"
