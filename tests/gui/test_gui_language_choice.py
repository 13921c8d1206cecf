"""Which language Offsite starts in: the leader's choice, else the first of the desktop's languages
it speaks, else English; ``OFFSITE_LANGUAGE`` overrides both.

Each case is a fresh process, as a desktop starts Offsite: Qt reads the desktop's languages
(``LANGUAGE``, ``LC_MESSAGES``, ``LANG``) once, when the process starts.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

CHOSEN = """
from PySide6.QtCore import QCoreApplication
app = QCoreApplication([])
app.setOrganizationName("Offsite")
app.setApplicationName("Offsite")
from offsite.gui.language import chosen, remember
import sys
if len(sys.argv) > 1:
    remember(sys.argv[1])
print(chosen())
"""


def _chosen(tmp_path: Path, *setting: str, **environment: str) -> str:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "OFFSITE_LANGUAGE")
    }
    env.update({"XDG_CONFIG_HOME": str(tmp_path / "config"), "LANG": "C.UTF-8", **environment})
    done = subprocess.run(
        [sys.executable, "-c", CHOSEN, *setting],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout.strip()


@pytest.mark.parametrize(
    ("desktop", "spoken"),
    [
        ("de_DE:de", "de"),  # a German desktop
        ("de_AT", "de"),  # Austrian German is German
        ("fr_FR:de_DE", "de"),  # French first, which Offsite does not speak; then German
        ("en_GB:de_DE", "en"),  # English first
        ("fr_FR", "en"),  # no language Offsite speaks
    ],
)
def test_offsite_starts_in_the_first_of_the_desktops_languages_it_speaks(
    tmp_path: Path, desktop: str, spoken: str
) -> None:
    assert _chosen(tmp_path, LANGUAGE=desktop) == spoken


def test_a_plain_c_desktop_is_english(tmp_path: Path) -> None:
    assert _chosen(tmp_path, LANG="C") == "en"


def test_the_leaders_choice_wins_over_the_desktop_and_the_environment_over_both(tmp_path: Path) -> None:
    assert _chosen(tmp_path, "en", LANGUAGE="de_DE") == "en"  # View ▸ Language ▸ English on a German desktop
    assert _chosen(tmp_path, LANGUAGE="de_DE") == "en"  # remembered for the next start
    assert _chosen(tmp_path, LANGUAGE="de_DE", OFFSITE_LANGUAGE="de") == "de"
