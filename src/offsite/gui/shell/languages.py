"""View ▸ Language: the leader picks the language Offsite speaks from its next start.

The catalogues are installed once, as the app starts (``offsite.gui.language``), so a choice here
is remembered and takes effect the next time Offsite opens; the window says so rather than
switching half of its texts now. "The desktop's language" forgets the choice, so the desktop's
language (or English) is spoken again.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

from offsite.domain.language import LANGUAGES, translate
from offsite.gui import language
from offsite.gui.host import Host


class LanguageMenu(QMenu):
    """The View menu's Language submenu: the desktop's language, then each language in itself."""

    def __init__(self, window: Host) -> None:
        super().__init__(translate("Language", "Lan&guage"), window)
        self.setObjectName("menuLanguage")
        self.setToolTipsVisible(True)
        self._window = window
        self.choices = QActionGroup(self)
        self.choices.setExclusive(True)
        #: The item for each language code; "" is the desktop's language.
        self.items: dict[str, QAction] = {}
        desktop = self._add("", translate("Language", language.SYSTEM))
        desktop.setToolTip(translate("Language", "Speak the language the desktop is set to, or English"))
        self.addSeparator()
        for code, name in LANGUAGES.items():
            self._add(code, name)  # each named in itself, so a leader finds their own whatever is spoken
        remembered = str(QSettings().value(language.SETTING, "") or "")
        self.items.get(remembered, desktop).setChecked(True)
        self.choices.triggered.connect(self._choose)

    def _add(self, code: str, text: str) -> QAction:
        action = QAction(text, self)
        action.setCheckable(True)
        action.setData(code)
        action.setObjectName(f"actionLanguage_{code or 'system'}")
        self.choices.addAction(action)
        self.addAction(action)
        self.items[code] = action
        return action

    def _choose(self, action: QAction) -> None:
        code = str(action.data() or "")
        language.remember(code)
        if code:
            text = translate("Language", "Offsite speaks {language} from its next start.").format(
                language=LANGUAGES[code]
            )
        else:
            text = translate("Language", "Offsite speaks the desktop's language from its next start.")
        self._window.notifier.say(text)
