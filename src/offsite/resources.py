"""Where the forms (ui/) and resources (icons, fonts, styles) are, installed or in a checkout.

A wheel carries them inside the package as ``offsite/_ui`` and ``offsite/_resources``; an
editable install or a checkout finds them at the top of the repository.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def _root(installed: str, checkout: str) -> Path:
    inside = _PACKAGE / installed
    if inside.is_dir():
        return inside
    return _PACKAGE.parents[1] / checkout


def ui_path(name: str) -> Path:
    """The Designer form ``name`` (e.g. ``"plan_page.ui"``)."""
    return _root("_ui", "ui") / name


def resource_path(*parts: str) -> Path:
    """A file under resources/, e.g. ``resource_path("fonts", "DejaVuSans.ttf")``."""
    return _root("_resources", "resources").joinpath(*parts)
