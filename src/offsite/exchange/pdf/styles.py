"""The house style of the plan PDF: colours (hex), measures (points) and the paragraph styles."""

from __future__ import annotations

from typing import Any

from offsite.domain.values import (
    Stance,
)
from offsite.exchange import fonts

# Colours (hex) and measures (points) of the house layout.
INK = "#1D2433"


NAVY = "#1F3A5F"


ACCENT = "#2A6F97"


MUTED = "#5B6475"


FAINT = "#8A93A3"


RULE = "#D5DAE1"


HEAD_FILL = "#EEF2F6"


TINT = "#F6F8FA"


MM = 72 / 25.4


MARGIN_X = 20 * MM


MARGIN_TOP = 22 * MM


MARGIN_BOTTOM = 20 * MM


INDENT = 11 * MM  # what sits under an objective lines up after its number


STANCE_COLOURS: dict[Stance, tuple[str, str]] = {  # (fill, text)
    Stance.AGREED: ("#DDF0E4", "#1E6B3A"),
    Stance.DISCUSSING: ("#FFF3D1", "#7A5600"),
    Stance.CHANGES_REQUESTED: ("#FDE6D2", "#8F4300"),
    Stance.DECLINED: ("#F8DADA", "#9B2323"),
    Stance.PENDING: ("#F1F3F6", "#5B6475"),
}


GREEN_FILL, GREEN_INK = STANCE_COLOURS[Stance.AGREED]


WARNING_FILL, WARNING_INK = STANCE_COLOURS[Stance.CHANGES_REQUESTED]


DRAFT_INK = "#A23B3B"


WATERMARK = "#EEF0F4"


PORTRAIT_LEADERS = 6


LANDSCAPE_LEADERS = 12


_COLOURS: dict[str, Any] = {}


def colour(value: Any) -> Any:
    """reportlab's colour for ``value`` (a hex string), made once: reportlab parses a colour given
    as a string each time it sets it, for every paragraph and cell it draws."""
    if not isinstance(value, str):
        return value
    made = _COLOURS.get(value)
    if made is None:
        from reportlab.lib.colors import toColor

        made = _COLOURS[value] = toColor(value)
    return made


class Styles:
    """The paragraph styles of the document, made once per export."""

    def __init__(self) -> None:
        from reportlab.lib.enums import TA_CENTER, TA_RIGHT
        from reportlab.lib.styles import ParagraphStyle

        regular, bold = fonts.REGULAR, fonts.BOLD

        def style(name: str, **kw: Any) -> Any:
            kw.setdefault("fontName", regular)
            kw["textColor"] = colour(kw.get("textColor", INK))
            return ParagraphStyle(name, **kw)

        self.body = style("body", fontSize=9.5, leading=14, spaceAfter=5)
        self.kicker = style("kicker", fontName=bold, fontSize=9, leading=12, textColor=ACCENT)
        self.title = style("title", fontName=bold, fontSize=26, leading=32, textColor=NAVY, spaceAfter=8)
        self.subtitle = style("subtitle", fontSize=12, leading=17, textColor=MUTED)
        self.vision = style("vision", fontSize=12.5, leading=19, textColor=INK)
        self.h1 = style("h1", fontName=bold, fontSize=17, leading=22, textColor=NAVY, spaceAfter=4)
        self.h2 = style(
            "h2", fontName=bold, fontSize=12.5, leading=16, textColor=ACCENT, spaceBefore=6, spaceAfter=2
        )
        self.objective = style("objective", fontName=bold, fontSize=11.5, leading=15, textColor=INK)
        self.number = style("number", fontName=bold, fontSize=11.5, leading=15, textColor=ACCENT)
        self.label = style("label", fontName=bold, fontSize=7.5, leading=10, textColor=MUTED)
        self.note = style("note", fontSize=8.5, leading=12, textColor=MUTED)
        self.body_indented = style("body_indented", parent=self.body, leftIndent=INDENT)
        self.note_indented = style("note_indented", parent=self.note, leftIndent=INDENT)
        self.label_indented = style("label_indented", parent=self.label, leftIndent=INDENT, spaceAfter=1)
        self.flag = style("flag", fontName=bold, fontSize=6.5, leading=9, textColor=ACCENT)
        self.cell = style("cell", fontSize=8, leading=10.5)
        self.cell_bold = style("cell_bold", fontName=bold, fontSize=8, leading=10.5)
        self.cell_muted = style("cell_muted", fontSize=7.5, leading=10, textColor=MUTED)
        self.cell_right = style("cell_right", fontSize=8, leading=10.5, alignment=TA_RIGHT)
        self.cell_center = style("cell_center", fontSize=8, leading=10.5, alignment=TA_CENTER)
        self.head = style("head", fontName=bold, fontSize=7.5, leading=9.5, textColor=MUTED)
        self.head_right = style("head_right", parent=self.head, alignment=TA_RIGHT)
        self.head_center = style("head_center", parent=self.head, alignment=TA_CENTER)
        self.stat = style("stat", fontName=bold, fontSize=18, leading=22, textColor=NAVY)
        self.stance = style("stance", fontSize=7, leading=8.5, alignment=TA_CENTER)
        self.rotated = style("rotated", fontName=bold, fontSize=7.5, leading=9)
        # The appendix: a third heading level, tree statements and the small tags beside them.
        self.h3 = style(
            "h3", fontName=bold, fontSize=10.5, leading=14, textColor=NAVY, spaceBefore=8, spaceAfter=4
        )
        self.tree = style("tree", fontSize=9, leading=12.5)
        self.tree_root = style("tree_root", fontName=bold, fontSize=9.5, leading=13)
        self.marker = style("marker", fontSize=9, leading=12.5, textColor=FAINT, alignment=TA_RIGHT)
        self.marker_small = style("marker_small", parent=self.marker, fontSize=8, leading=10.5)
        self.tag = style("tag", fontName=bold, fontSize=7, leading=9.5, textColor=ACCENT)
        self.cell_total = style("cell_total", fontName=bold, fontSize=8, leading=10.5, alignment=TA_RIGHT)
