"""User text as a flowable: escaped, each character in a bundled font that has it, and Hebrew or
Arabic text broken into lines for its width and then reordered line by line for display."""

from __future__ import annotations

import weakref
from typing import Any
from xml.sax.saxutils import escape

from offsite.exchange import fonts
from offsite.exchange.pdf.flowables import platypus_module
from offsite.exchange.pdf.styles import colour as as_colour


def para(text: str, style: Any, *, colour: str | None = None) -> Any:
    """A flowable for user text in ``style``: escaped, font fallback applied, right-to-left handled."""
    text = fonts.clean(text)
    bold = style.fontName == fonts.BOLD
    if colour is not None:
        style = _coloured(style, colour)
    if text.isascii() and style.fontName in (fonts.REGULAR, fonts.BOLD):
        # Most text is plain ASCII: every character is in the paragraph's own font, left to right
        # and unshaped, so the markup is the escaped text, as ``fonts.markup`` makes it, without
        # looking each character up in the font chain.
        fonts.font_chain()
        return paragraph_class()(escape(text).replace("\n", "<br/>"), style)
    style = fonts.paragraph_style(style, text)
    if fonts.has_rtl(text):
        return _rtl_paragraph_class()(text, style, bold)
    return paragraph_class()(fonts.markup(text, bold), style)


_PARAGRAPH_CLASS: Any = None


def paragraph_class() -> Any:
    """reportlab's ``Paragraph``, breaking its lines once for a width however often it is asked.

    A table asks each cell for its size to set the row heights, and again to draw it, and a
    row split across pages asks once more: three line breaks of the same text for the same
    width. The lines depend on the width alone (the style is fixed), so a second ask for the
    width last broken for gives the same lines back; the PDF is the same, byte for byte.
    """
    global _PARAGRAPH_CLASS
    if _PARAGRAPH_CLASS is not None:
        return _PARAGRAPH_CLASS
    Paragraph = platypus_module().Paragraph

    class SteadyParagraph(Paragraph):  # type: ignore[misc,valid-type]
        _broken_for: float | None = None

        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            if available_width == self._broken_for and hasattr(self, "blPara"):  # split drops the lines
                return self.width, self.height
            size: tuple[float, float] = super().wrap(available_width, available_height)
            # reportlab answers a width too narrow for any text without breaking lines: ask again then.
            self._broken_for = (
                available_width if hasattr(self, "blPara") and size[0] == available_width else None
            )
            return size

    _PARAGRAPH_CLASS = SteadyParagraph
    return SteadyParagraph


#: Each style's variants in another text colour, made once per style (a table may ask for
#: thousands of cells in the same few colours).
_VARIANTS: weakref.WeakKeyDictionary[Any, dict[str, Any]] = weakref.WeakKeyDictionary()


def _coloured(style: Any, colour: str) -> Any:
    variants = _VARIANTS.setdefault(style, {})
    made = variants.get(colour)
    if made is None:
        from reportlab.lib.styles import ParagraphStyle

        made = variants[colour] = ParagraphStyle(
            f"{style.name}-{colour}", parent=style, textColor=as_colour(colour)
        )
    return made


_RTL_CLASS: Any = None


def _rtl_paragraph_class() -> Any:
    """The flowable for text holding Hebrew or Arabic (defined on first use: it subclasses reportlab)."""
    global _RTL_CLASS
    if _RTL_CLASS is not None:
        return _RTL_CLASS
    from reportlab.lib.enums import TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Flowable, Spacer

    Paragraph = paragraph_class()

    class RtlParagraph(Flowable):  # type: ignore[misc]
        """Breaks its text into lines for the width it gets, then reorders each line for display."""

        def __init__(self, text: str, style: Any, bold: bool) -> None:
            super().__init__()
            self.text, self.style, self.bold = text, style, bold
            self._inner: Any = None
            self._inner_width = -1.0

        def _layout(self, width: float) -> Any:
            if self._inner is None or abs(self._inner_width - width) > 0.01:
                # A little slack so that reportlab's own wrapping never breaks a line again.
                text_width = width - self.style.leftIndent - self.style.rightIndent - 2
                lines = fonts.visual_lines(self.text, max(text_width, 1), self.style.fontSize, self.bold)
                # A right-to-left paragraph of several lines is set flush right, as its readers
                # expect; a single line (a name, a short cell) keeps its column's alignment.
                alignment = self.style.alignment
                if len(lines) > 1 and alignment == TA_LEFT and fonts.base_is_rtl(self.text):
                    alignment = TA_RIGHT
                style = ParagraphStyle(f"{self.style.name}-rtl", parent=self.style, alignment=alignment)
                self._inner = Paragraph("<br/>".join(fonts.markup(line, self.bold) for line in lines), style)
                self._inner_width = width
            return self._inner

        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            inner = self._layout(available_width)
            self.width, self.height = inner.wrap(available_width, available_height)
            return self.width, self.height

        def split(self, available_width: float, available_height: float) -> list[Any]:
            parts = list(self._layout(available_width).split(available_width, available_height))
            if len(parts) == 1:
                # Every line fits after all (reportlab asked by the height of another width):
                # a split is two parts, so the second is empty, as a table splitting a cell expects.
                return [parts[0], Spacer(0, 0)]
            return parts

        def draw(self) -> None:
            self._inner.drawOn(self.canv, 0, 0)

        def getSpaceBefore(self) -> float:
            return float(self.style.spaceBefore)

        def getSpaceAfter(self) -> float:
            return float(self.style.spaceAfter)

    _RTL_CLASS = RtlParagraph
    return RtlParagraph
