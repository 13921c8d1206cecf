"""``python -m offsite.cli``: the ``offsite`` command, where the console script is not installed.

In the one-folder bundle this is the executable; started by its other name, ``offsite-gui`` (a
link beside it, as the desktop entry starts it), it is the desktop entry's command.
"""

import sys
from pathlib import Path

from offsite.cli import main, main_gui

sys.exit(main_gui() if sys.argv and Path(sys.argv[0]).name == "offsite-gui" else main())
