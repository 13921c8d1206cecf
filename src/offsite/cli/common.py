"""What every command shares: the usage refusal (exit 2) and what to say about a plan in use."""

from __future__ import annotations

import argparse

from offsite.domain.errors import NotAPlanError, OffsiteError, PlanTooNewError
from offsite.domain.language import LANGUAGES

#: What to do about a plan the app has open, when a command would write it.
IN_USE_ADVICE = "close it there or merge from its File ▸ Merge Drafts."


class UsageError(OffsiteError):
    """The command was given something it cannot act on (a leader or key it cannot tell): exit 2."""


def unreadable_is_usage(error: OffsiteError) -> OffsiteError:
    """A plan that cannot be read is exit 2, as for ``check``; any other refusal stays exit 1."""
    if isinstance(error, NotAPlanError | PlanTooNewError):
        return UsageError(str(error))
    return error


def add_language_option(parser: argparse.ArgumentParser) -> None:
    """``--language de``: the PDF's words, numbers and dates in that language (English by default)."""
    parser.add_argument(
        "--language",
        choices=tuple(LANGUAGES),
        default="en",
        help="the language of the PDF's words, numbers and dates (default: en)",
    )


def speak(language: str) -> None:
    """Write what follows in ``language``: its catalogue loaded (Qt's, read without a window)."""
    if language != "en":
        from offsite.gui.language import install

        install(language)
