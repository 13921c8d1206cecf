"""The words Offsite says, in the leader's language: one call every layer uses.

Every sentence, label and heading Offsite shows (on screen, in a dialog, in the PDF) is written as
``translate("Context", "Source text")``: English in the code, the leader's language on screen.
``pyside6-lupdate`` finds these calls (``make translations``) and writes them into
``resources/translations/offsite_<lang>.ts`` for a translator; ``pyside6-lrelease`` compiles that
into the ``.qm`` catalogue the app loads (``offsite.gui.language``), which installs Qt's own lookup
here with :func:`use`. Until then, and on the command line, the English source is the text.

- A placeholder is named, filled after translating, so a translation may move it:
  ``translate("Buy-in", "Remove {name}?").format(name=leader)``. Never an f-string: the text looked
  up must be the literal lupdate extracted.
- A text made before the language is chosen (a module constant, a tuple of labels) is marked
  ``QT_TRANSLATE_NOOP("Context", "Text")`` where it is written and translated where it is shown:
  ``translate("Context", LABEL)``.
- A plural picks between two translated texts with :func:`plural`; German, like English, has one
  form for one and one for the rest.
- A number or date in a text is formatted by ``offsite.domain.formatting`` (``format_number``,
  ``format_date``, ``format_moment``), which follows the same language.

The context names the screen or part the text belongs to (the class a Designer form is for, or a
short name such as ``"Buy-in"``): a translator sees it as the heading of the text's group.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["LANGUAGES", "QT_TRANSLATE_NOOP", "language", "plural", "translate", "use"]

#: The languages Offsite speaks, by code, each named in itself (as a language menu lists them); every
#: one but English has a catalogue, resources/translations/offsite_<code>.ts.
LANGUAGES = {"en": "English", "de": "Deutsch"}

_Lookup = Callable[[str, str, "str | None"], str]

_lookup: _Lookup | None = None
_language = "en"


def translate(context: str, text: str, disambiguation: str | None = None) -> str:
    """``text`` in the leader's language (itself while the language is English or has no translation)."""
    if _lookup is None:
        return text
    return _lookup(context, text, disambiguation) or text


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate looks for
    """Mark ``text`` for the catalogue without translating it yet; :func:`translate` it where it is shown."""
    del context
    return text


def plural(count: int, one: str, many: str) -> str:
    """``one`` for a count of one, else ``many``: both already translated.

    ``plural(n, translate("Plan", "{n} leader"), translate("Plan", "{n} leaders")).format(n=format_number(n))``
    """
    return one if count == 1 else many


def use(lookup: _Lookup | None, name: str = "en") -> None:
    """Show Offsite in ``name`` (``"de"``) through ``lookup``; ``use(None)`` goes back to English.

    Numbers and dates follow (``offsite.domain.formatting``): a German screen reads ``1.250.000``
    and ``14. Januar 2027``.
    """
    global _lookup, _language
    _lookup = lookup
    _language = name if lookup is not None else "en"


def language() -> str:
    """The language Offsite speaks now: ``"en"`` or the code :func:`use` was given (``"de"``)."""
    return _language
