"""User text inside Qt rich text (labels, tooltips, the projector): shown literally, never as markup.

A statement such as "Grow <b>EMEA</b> & APAC" is the leader's words, not HTML: every label that
mixes user text into rich text passes it through ``literal`` first.
"""

from __future__ import annotations

import html


def literal(text: str) -> str:
    """``text`` as rich text shows it literally: ``&``, ``<`` and ``>`` escaped (quotes need not be)."""
    return html.escape(text, quote=False)
