"""packaging/system-deps.sh, run before every `make run` and `make test`: apt only when something is missing.

The script runs for real with bash; only the commands around it are stand-ins on its PATH:
``apt-get`` and ``sudo`` record that they were called (a test must never install anything),
``ldconfig`` and ``fc-list`` print a machine's lists, and ``id`` says who the user is.
The linker cache here is very long, as on a developer's desktop: that is what made a check with
``ldconfig -p | grep -q`` die of SIGPIPE under ``set -o pipefail`` and run apt on nearly every launch.
"""

from __future__ import annotations

import shutil
import stat
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "packaging" / "system-deps.sh"
BASH = shutil.which("bash") or "/bin/bash"

#: Every library the script checks for (with --desktop), as `ldconfig -p` names them.
LIBRARIES = (
    "libEGL.so.1",
    "libGL.so.1",
    "libxkbcommon.so.0",
    "libfontconfig.so.1",
    "libdbus-1.so.3",
    "libglib-2.0.so.0",
    "libxcb-cursor.so.0",
    "libxcb-icccm.so.4",
    "libxcb-image.so.0",
    "libxcb-keysyms.so.1",
    "libxcb-randr.so.0",
    "libxcb-render-util.so.0",
    "libxcb-shape.so.0",
    "libxcb-xkb.so.1",
    "libxkbcommon-x11.so.0",
)
#: About 400 KB, six times what a pipe holds: a reader that stops early leaves the writer blocked.
FILLER_LINES = 5_000


def _executable(path: Path, text: str) -> None:
    path.write_text("#!" + BASH + "\n" + text, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


@dataclass
class Machine:
    """A PATH holding only stand-ins: what the script may find, and what it called."""

    bin: Path
    calls: Path

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [BASH, str(SCRIPT), *args],
            env={"PATH": str(self.bin), "LANG": "C.UTF-8", "HOME": str(self.bin.parent)},
            capture_output=True,
            text=True,
            timeout=60,
        )

    def called(self) -> list[str]:
        return self.calls.read_text(encoding="utf-8").splitlines() if self.calls.exists() else []


def machine(tmp_path: Path, *, missing: str | None = None, root: bool = True, sudo: bool = True) -> Machine:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    calls = tmp_path / "calls.log"
    # The libraries come first, then a long tail: a `grep -q` stops reading at the first lines.
    cache = tmp_path / "ld.so.cache.txt"
    lines = [f"{FILLER_LINES + len(LIBRARIES)} libs found in cache `/etc/ld.so.cache'"]
    lines += [
        f"\t{name} (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/{name}"
        for name in LIBRARIES
        if name != missing
    ]
    lines += [
        f"\tlibfiller{n}.so.1 (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/libfiller{n}.so.1"
        for n in range(FILLER_LINES)
    ]
    cache.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _executable(bin_dir / "ldconfig", f'exec cat "{cache}"\n')
    _executable(
        bin_dir / "fc-list",
        'echo "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf: DejaVu Sans:style=Book"\n',
    )
    _executable(bin_dir / "pdftotext", "exit 0\n")  # poppler-utils, which the PDF tests read back with
    _executable(bin_dir / "soffice", "exit 0\n")  # LibreOffice Calc, which the check-ins export tests open
    for tool in (
        "desktop-file-validate",
        "appstreamcli",
        "update-mime-database",
        "gio",
    ):  # the desktop entry's tests
        _executable(bin_dir / tool, "exit 0\n")
    _executable(bin_dir / "id", f"echo {0 if root else 1000}\n")
    _executable(bin_dir / "apt-get", f'echo "apt-get $*" >> "{calls}"\n')
    if sudo:
        _executable(bin_dir / "sudo", f'echo "sudo $*" >> "{calls}"\n')
    # The real text tools a shell script may use; nothing else of the machine (no real sudo).
    for tool in ("cat", "grep"):
        (bin_dir / tool).symlink_to(shutil.which(tool) or f"/bin/{tool}")
    return Machine(bin_dir, calls)


@pytest.mark.parametrize("desktop", [(), ("--desktop",)], ids=["tests", "desktop"])
def test_with_every_library_present_apt_is_never_called(tmp_path: Path, desktop: tuple[str, ...]) -> None:
    here = machine(tmp_path, root=False)
    for _ in range(20):
        run = here.run(*desktop)
        assert here.called() == [], (
            f"apt ran although nothing was missing (it needs the network and sudo):\n{run.stdout}"
        )
        assert run.returncode == 0, run.stdout + run.stderr
        assert run.stdout == ""


def test_a_missing_library_names_its_package_and_the_sudo_it_needs(tmp_path: Path) -> None:
    here = machine(tmp_path, missing="libxkbcommon.so.0", root=False)
    run = here.run()
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Offsite needs these Debian packages, which are not installed: libxkbcommon0\n" in run.stdout
    assert "needs administrator rights: sudo may ask for your password" in run.stdout
    install = "sudo apt-get install -y -q --no-install-recommends libxkbcommon0"
    assert f"Running: {install}\n" in run.stdout
    assert here.called() == ["sudo apt-get update -q", install]


def test_without_root_or_sudo_it_prints_the_command_and_fails(tmp_path: Path) -> None:
    here = machine(tmp_path, missing="libxcb-cursor.so.0", root=False, sudo=False)
    run = here.run("--desktop")
    assert run.returncode == 1
    assert "not installed: libxcb-cursor0\n" in run.stdout
    assert "needs administrator rights, and sudo is not available here" in run.stdout
    assert (
        "    apt-get update -q && apt-get install -y -q --no-install-recommends libxcb-cursor0\n"
        in run.stdout
    )
    assert here.called() == []


def test_as_root_a_missing_library_is_installed_without_sudo(tmp_path: Path) -> None:
    here = machine(tmp_path, missing="libGL.so.1", root=True)
    run = here.run()
    assert run.returncode == 0, run.stdout + run.stderr
    assert here.called() == [
        "apt-get update -q",
        "apt-get install -y -q --no-install-recommends libgl1",
    ]
