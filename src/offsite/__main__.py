"""``python -m offsite [PLAN]``: what the ``offsite-gui`` launcher does, where that script is not installed.

The menu entry ``offsite install-desktop`` writes falls back to it when Offsite runs from a checkout
(``PYTHONPATH``) rather than a ``pip install``: the app opens on PLAN, or on the last plan.
"""

import sys

from offsite.cli import main_gui

sys.exit(main_gui())
