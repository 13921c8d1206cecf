"""The lock (requirements/app.txt, requirements/test.txt) is current with pyproject.toml.

``make run`` and ``make test`` install the lock's exact versions, hash-checked, and the project
with ``--no-deps``: nothing resolves at install time, so a lock that falls behind pyproject.toml
installs a tree that pyproject.toml does not describe, and nobody is told. These tests are the
check CI runs (it runs ``make test`` only):

- every requirement of pyproject.toml is met by a pin of the lock (read with ``packaging``, from
  the files alone);
- the lock pins every package that the installed packages' own metadata says the tree needs, at a
  version each requirer accepts, and pins nothing that nothing needs;
- the app's lock is the tests' lock cut down, so ``make run`` runs what the suite proved;
- the installed packages are the lock's versions, so the suite's verdict is about the lock.

Together these are what a re-lock would find out, without one: re-running the resolver needs the
package index (``make lock`` does it, and leaves the files unchanged while the lock is current),
and CI must pass without the network answering.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import NormalizedName, canonicalize_name

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "packaging"))

from lock import APP_LOCK, TEST_LOCK, Pin, project_requirements, read_lock

#: The platform ``make lock`` resolves for (Linux x86_64, Python 3.11): a requirement's marker is
#: read as there, whatever machine runs the tests.
TARGET = {
    "python_version": "3.11",
    "python_full_version": "3.11.0",
    "sys_platform": "linux",
    "platform_system": "Linux",
    "platform_machine": "x86_64",
    "os_name": "posix",
    "implementation_name": "cpython",
    "platform_python_implementation": "CPython",
}

#: Each lock and whether it carries the test extra.
LOCKS = {"app": (APP_LOCK, False), "test": (TEST_LOCK, True)}


def _applies(requirement: Requirement, extra: str = "") -> bool:
    marker: Marker | None = requirement.marker
    return marker is None or marker.evaluate({**TARGET, "extra": extra})


def _requirements_of(name: NormalizedName, extras: Iterable[str]) -> list[Requirement]:
    """What the installed distribution ``name`` requires, with ``extras`` asked for, on the target."""
    try:
        declared = distribution(name).requires or []
    except PackageNotFoundError:
        pytest.fail(f"{name} is pinned but not installed: run `make test` to install the lock")
    needed: list[Requirement] = []
    for line in declared:
        requirement = Requirement(line)
        if any(_applies(requirement, extra) for extra in ("", *extras)):
            needed.append(requirement)
    return needed


def dependency_tree(roots: list[Requirement]) -> dict[NormalizedName, list[tuple[str, Requirement]]]:
    """Every package the roots need, transitively, with who requires it and how."""
    required: dict[NormalizedName, list[tuple[str, Requirement]]] = {}
    walked: set[tuple[NormalizedName, str]] = set()
    queue = [("pyproject.toml", requirement) for requirement in roots if _applies(requirement)]
    while queue:
        requirer, requirement = queue.pop()
        name = canonicalize_name(requirement.name)
        required.setdefault(name, []).append((requirer, requirement))
        for extra in ("", *sorted(requirement.extras)):
            if (name, extra) in walked:
                continue
            walked.add((name, extra))
            queue += [(name, needed) for needed in _requirements_of(name, [extra] if extra else [])]
    return required


def _unmet(requirement: Requirement, pins: dict[NormalizedName, Pin]) -> str | None:
    pin = pins.get(canonicalize_name(requirement.name))
    if pin is None:
        return "not pinned"
    if not requirement.specifier.contains(pin.version, prereleases=True):
        return f"the lock has {pin.version}"
    return None


@pytest.mark.parametrize("which", LOCKS)
def test_every_requirement_of_pyproject_is_met_by_a_pin_of_the_lock(which: str) -> None:
    path, test = LOCKS[which]
    pins = read_lock(path)
    unmet = [
        f"{requirement}: {problem}"
        for requirement in project_requirements(test=test)
        if _applies(requirement) and (problem := _unmet(requirement, pins))
    ]
    assert unmet == [], f"{path.name} is behind pyproject.toml: run `make lock`"


@pytest.mark.parametrize("which", LOCKS)
def test_the_lock_pins_every_package_the_tree_needs_at_a_version_its_requirers_accept(which: str) -> None:
    path, test = LOCKS[which]
    pins = read_lock(path)
    unmet = [
        f"{requirer} needs {requirement}: {problem}"
        for requirers in dependency_tree(project_requirements(test=test)).values()
        for requirer, requirement in requirers
        if (problem := _unmet(requirement, pins))
    ]
    assert unmet == [], f"{path.name} misses part of the tree: run `make lock`"


@pytest.mark.parametrize("which", LOCKS)
def test_the_lock_pins_nothing_that_nothing_needs(which: str) -> None:
    path, test = LOCKS[which]
    needed = dependency_tree(project_requirements(test=test))
    stale = sorted(set(read_lock(path)) - set(needed))
    assert stale == [], f"{path.name} still pins what pyproject.toml no longer needs: run `make lock`"


def test_the_apps_pins_are_the_tests_pins() -> None:
    tests = read_lock(TEST_LOCK)
    differ = [
        f"{pin.name}=={pin.version} (tests: {tests[pin.name].version if pin.name in tests else 'none'})"
        for pin in read_lock(APP_LOCK).values()
        if tests.get(pin.name) != pin
    ]
    assert differ == [], "make run would install versions the suite did not run with: run `make lock`"


def test_the_installed_packages_are_the_locks_versions() -> None:
    # What the suite passes with is what `make run` installs only if the suite ran on the lock.
    differ = []
    for pin in read_lock(TEST_LOCK).values():
        try:
            installed = distribution(pin.name).version
        except PackageNotFoundError:
            installed = "not installed"
        if installed != pin.version:
            differ.append(f"{pin.name}: lock {pin.version}, installed {installed}")
    assert differ == [], "this environment is not the lock's: run `make test` (it installs the lock)"


def test_a_pin_without_hashes_is_refused(tmp_path: Path) -> None:
    # pip's --require-hashes refuses it too, but only on the machine that installs; this says so here.
    lock = tmp_path / "requirements.txt"
    lock.write_text("alembic==1.20.1 \\\n    --hash=sha256:" + "0" * 64 + "\nmako==1.4.3\n", encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape("mako==1.4.3")):
        read_lock(lock)
    lock.write_text("alembic>=1.20.1 \\\n    --hash=sha256:" + "0" * 64 + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not an exact pin"):
        read_lock(lock)
