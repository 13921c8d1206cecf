"""The main window's shell: the window, its menus and actions, the status bar and notices, switching
between the phases, and opening, saving and exporting plans. The phase pages it hosts are modules
of their own that do not know the window (see ``compose``); its features see it through
``gui.host.Host``.
"""

from offsite.gui.host import PHASES, VIEW_NAMES
from offsite.gui.shell.window import MainWindow

__all__ = ["PHASES", "VIEW_NAMES", "MainWindow"]
