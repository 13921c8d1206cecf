"""The lock: the exact version and hashes of every package Offsite installs, read back.

``requirements/app.txt`` pins what the app runs with (``make run`` installs it) and
``requirements/test.txt`` what the tests run with as well (``make test``); ``make lock`` writes both
from the ranges in pyproject.toml. The licence list (``third_party_licenses.py``) and
``tests/test_lock.py`` read them through this module, so the format is parsed in one place.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import NormalizedName, canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
APP_LOCK = ROOT / "requirements" / "app.txt"
TEST_LOCK = ROOT / "requirements" / "test.txt"


@dataclass(frozen=True)
class Pin:
    """One line of the lock: a package at one version, and the hashes of the files pip may take."""

    name: NormalizedName
    version: str
    hashes: tuple[str, ...]


def read_lock(path: Path) -> dict[NormalizedName, Pin]:
    """The pins of a lock file written by ``make lock`` (pip's requirements format), by package name.

    Raises ValueError on a line that is not ``name==version`` with its hashes: pip's hash-checking
    install (``--require-hashes``) refuses such a line too, but only when someone installs.
    """
    pins: dict[NormalizedName, Pin] = {}
    # A requirement and its ``--hash`` options are one logical line, continued with backslashes.
    logical = path.read_text(encoding="utf-8").replace("\\\n", " ")
    for number, line in enumerate(logical.splitlines(), start=1):
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        requirement = Requirement(words[0])
        specifiers = list(requirement.specifier)
        hashes = tuple(word.removeprefix("--hash=") for word in words[1:] if word.startswith("--hash="))
        if (
            len(specifiers) != 1
            or specifiers[0].operator != "=="
            or not hashes
            or len(hashes) != len(words) - 1
        ):
            raise ValueError(
                f"{path.name}, logical line {number}: not an exact pin with hashes: {line.strip()}"
            )
        name = canonicalize_name(requirement.name)
        if name in pins:
            raise ValueError(f"{path.name}: {name} is pinned twice")
        pins[name] = Pin(name, specifiers[0].version, hashes)
    return pins


def project_requirements(*, test: bool) -> list[Requirement]:
    """What pyproject.toml asks for: the app's dependencies, and with ``test`` the test extra too."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lines = list(project["dependencies"])
    if test:
        lines += project["optional-dependencies"]["test"]
    return [Requirement(line) for line in lines]
