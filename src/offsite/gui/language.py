"""The language the window speaks: Offsite's catalogue and Qt's own, chosen once at start.

The leader's choice (View ▸ Language, kept in the settings) wins; without one, the first of the
desktop's languages Offsite speaks (``LANGUAGE``, then ``LC_MESSAGES`` or ``LANG``, as
``QLocale.system().uiLanguages()`` lists them); ``OFFSITE_LANGUAGE``
overrides both (the tests run in English whatever the machine speaks). A language Offsite has
no catalogue for is English.

Installing the catalogues translates three things: every ``translate()`` call in Offsite's code
(through ``offsite.domain.language``, in any thread: a loaded catalogue is only read, and the PDF
is written on a worker), the Designer forms as ``QUiLoader`` builds them, and Qt's own words (a
dialog's Cancel, a text field's context menu) from the ``qtbase`` catalogue PySide6 ships.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from offsite.domain import language as words
from offsite.domain.language import LANGUAGES, QT_TRANSLATE_NOOP
from offsite.resources import resource_path

SETTING = "language"
ENVIRONMENT = "OFFSITE_LANGUAGE"
SYSTEM = QT_TRANSLATE_NOOP("Language", "The desktop's language")


@dataclass
class _Installed:
    name: str
    translators: list[QTranslator]


_installed = _Installed("en", [])


def chosen() -> str:
    """The language to start in: ``OFFSITE_LANGUAGE``, else the leader's setting, else the desktop's."""
    for name in (os.environ.get(ENVIRONMENT, ""), str(QSettings().value(SETTING, "") or "")):
        if name:
            return _supported(name)
    # The desktop's languages in its order of preference (LANGUAGE, then LC_MESSAGES or LANG): the
    # first one Offsite speaks, English when it speaks none of them.
    for name in QLocale.system().uiLanguages():
        if _supported(name) != "en" or name.lower().startswith("en"):
            return _supported(name)
    return "en"


def _supported(name: str) -> str:
    code = name.replace("-", "_").split("_")[0].lower()
    return code if code in LANGUAGES else "en"


def catalogue(name: str) -> str:
    """The path of Offsite's compiled catalogue for ``name`` (``make translations`` builds it)."""
    return str(resource_path("translations", f"offsite_{name}.qm"))


def install(name: str) -> str:
    """Speak ``name`` from now on (the windows made after this); returns the language now spoken.

    Works without a QApplication too (``offsite export --language de``): Offsite's own texts are
    looked up in its catalogue directly; with one, the catalogues are installed in it as well,
    for the Designer forms and Qt's own words. A language whose catalogue is missing from the
    installation stays English rather than half translated.
    """
    uninstall()
    name = _supported(name)
    if name == "en":
        return "en"
    ours = QTranslator()
    if not ours.load(catalogue(name)):
        return "en"
    translators = [ours]
    qt_own = QTranslator()
    if qt_own.load(
        QLocale(name), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        translators.append(qt_own)
    if QCoreApplication.instance() is not None:
        for translator in translators:
            QCoreApplication.installTranslator(translator)
    QLocale.setDefault(QLocale(name))

    def lookup(context: str, text: str, disambiguation: str | None) -> str:
        return ours.translate(context, text, disambiguation) or ""

    words.use(lookup, name)
    _installed.name, _installed.translators = name, translators
    return name


def uninstall() -> None:
    """Back to English (the source texts), as Offsite starts."""
    if QCoreApplication.instance() is not None:
        for translator in _installed.translators:
            QCoreApplication.removeTranslator(translator)
    if _installed.name != "en":
        QLocale.setDefault(QLocale.system())
    words.use(None)
    _installed.name, _installed.translators = "en", []


def spoken() -> str:
    """The language the window speaks now."""
    return _installed.name


def remember(name: str) -> None:
    """Start in ``name`` from the next start on (``""``: the desktop's language)."""
    if name:
        QSettings().setValue(SETTING, name)
    else:
        QSettings().remove(SETTING)
