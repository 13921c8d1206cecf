"""``python -m offsite.cli``: the ``offsite`` command, where the console script is not installed."""

import sys

from offsite.cli import main

sys.exit(main())
