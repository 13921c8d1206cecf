"""The one-folder bundle (``make dist``: dist/offsite/) runs Offsite on a Debian desktop with no Python.

``make test-dist`` builds the bundle and runs these tests on it (OFFSITE_BUNDLE=dist/offsite);
OFFSITE_BUNDLE=build makes them build it themselves, once per session, into a temporary folder.
``make test`` leaves them out, saying so: building takes a minute or more on two cores.

What they prove, with the bundled ``offsite`` itself and never the checkout's Python:

* Here, started with an empty environment (no PATH, PYTHONPATH, PYTHONHOME or virtualenv), it
  writes the demo plan, exports a signed plan to PDF, verifies that PDF and renders the Review page
  offscreen; the dynamic loader's own list of what it loaded (LD_DEBUG) holds nothing from a
  Python installation, only the bundle's files and the system's libraries.
* In a bare Debian bookworm that debootstrap makes (variant minbase: no Python at all) with only
  the six packages of Qt's system libraries, every library in the bundle resolves (ldd), the same
  commands work, and the app opens a real X11 window (on Xvfb) that Ctrl+Q closes with exit code 0.
  The Debian root is made once (about a minute, from the Debian mirror) and kept in build/.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from offsite.domain.signoff import signing_initials
from offsite.exchange.pdf import export_plan_pdf
from offsite.services import signoff
from offsite.services.plans import open_plan, read_plan

REPO = Path(__file__).resolve().parents[2]
SPEC = REPO / "packaging" / "offsite.spec"
#: The Debian packages of the system libraries Qt needs, as packaging/system-deps.sh names them: the
#: only ones the bare Debian gets, and all the bundle may expect of a user's machine.
QT_SYSTEM_PACKAGES = ("libegl1", "libgl1", "libxkbcommon0", "libfontconfig1", "libdbus-1-3", "libglib2.0-0")
#: The libraries Qt's Wayland plugin links that come with every Wayland session, not with the bundle.
WAYLAND_SESSION = {"libwayland-cursor.so.0", "libwayland-egl.so.1"}
SUITE = "bookworm"
#: Where the bare Debian is kept between runs (``make clean`` removes it with build/).
DEBIAN_ROOT = Path(os.environ.get("OFFSITE_DEBIAN_ROOT", REPO / "build" / f"debian-{SUITE}"))
#: The bundle, unpacked into the bare Debian where a user would put it.
INSTALLED = "/opt/offsite"
#: The one thing Qt's offscreen platform says whatever the app does (pytest's qt_log_ignore has it too).
OFFSCREEN_NOTE = "This plugin does not support propagateSizeHints()"
#: Not in the bundle: Python's tools and the Qt modules Offsite does not use (their libraries).
NOT_BUNDLED = ("pytest", "_pytest", "mypy", "PyInstaller", "pip", "setuptools", "tkinter", "ruff")
QT_NOT_BUNDLED = (
    "WebEngine",
    "3D",
    "Quick",
    "Qml",
    "Multimedia",
    "Designer",
    "Pdf",
    "VirtualKeyboard",
    "Network",
)
#: The budget the bundle stays within (it is about 230 MiB: Qt with ICU's data, numpy, pandas, the
#: fonts); a change that pulls in a Qt module or a test tool shows here first.
BUDGET_MIB = 245

pytestmark = pytest.mark.xdist_group("bundle")


# --- the bundle ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundle's folder: OFFSITE_BUNDLE's, or built here once when it says ``build``."""
    asked = os.environ.get("OFFSITE_BUNDLE", "")
    if not asked:
        pytest.skip("the bundle is tested by `make test-dist` (it builds dist/offsite first)")
    if asked == "build":
        out = tmp_path_factory.mktemp("bundle")
        subprocess.run(
            [
                sys.executable,
                "-m",
                "PyInstaller",
                "--noconfirm",
                "--log-level",
                "WARN",
                "--distpath",
                str(out / "dist"),
                "--workpath",
                str(out / "build"),
                str(SPEC),
            ],
            check=True,
            capture_output=True,
            timeout=900,
        )
        folder = out / "dist" / "offsite"
    else:
        folder = Path(asked).resolve()
    assert (folder / "offsite").is_file(), f"no bundle at {folder}: run `make dist`"
    return folder


@pytest.fixture(scope="session")
def signed_plan_bytes(demo_plan_bytes: bytes, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The demo plan, locked and signed by every leader: the plan whose PDF ``verify`` accepts."""
    path = tmp_path_factory.mktemp("signed") / "signed.offsite"
    path.write_bytes(demo_plan_bytes)
    with open_plan(path) as plan:
        version = signoff.freeze(
            plan, frozen_by="Maya Okafor", override_reason="Signed as the offsite closed"
        ).id
        for leader in read_plan(plan).leaders:
            signoff.sign(plan, version, leader.id, signing_initials(leader))
    return path.read_bytes()


def _bare_environment(home: Path, **more: str) -> dict[str, str]:
    """What a desktop session gives a program it starts, without a trace of Python: no PATH at all."""
    return {"HOME": str(home), "LANG": "C.UTF-8", **more}


def _run(bundle: Path, *args: str, cwd: Path, **more: str) -> subprocess.CompletedProcess[str]:
    (cwd / "home").mkdir(exist_ok=True)
    return subprocess.run(
        [str(bundle / "offsite"), *args],
        cwd=cwd,
        env=_bare_environment(cwd / "home", **more),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _pdf_pages(pdf: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(pdf).pages]


def _pdf_text(pdf: Path) -> str:
    return "\n".join(_pdf_pages(pdf))


def _pdf_fonts(pdf: Path) -> set[str]:
    return {
        str(font.get_object()["/BaseFont"])
        for page in PdfReader(pdf).pages
        for font in page["/Resources"].get("/Font", {}).values()
    }


def _loaded(prefix: Path) -> set[str]:
    """Every shared object a process loaded, as the dynamic loader wrote it for LD_DEBUG=libs
    with LD_DEBUG_OUTPUT=``prefix`` (one file per process, ``prefix.PID``)."""
    return {
        match.group(1)
        for log in prefix.parent.glob(prefix.name + ".*")
        for match in re.finditer(r"calling init: (\S+)", log.read_text("utf-8", errors="replace"))
    }


def _png_size(png: Path) -> tuple[int, int]:
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", png
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def _quiet(stderr: str) -> str:
    """What the app said on stderr, less the offscreen platform's standing note."""
    return "\n".join(line for line in stderr.splitlines() if line.strip() and line.strip() != OFFSCREEN_NOTE)


def _log_problems(home: Path) -> list[str]:
    """The app log's errors and tracebacks (the crash hook writes a crash there)."""
    lines = []
    for log in home.rglob("offsite.log"):
        lines += [
            line
            for line in log.read_text("utf-8").splitlines()
            if re.search(r" (ERROR|CRITICAL) |Traceback", line)
        ]
    return lines


def test_the_bundle_holds_offsite_its_licences_and_only_the_qt_it_uses(bundle: Path) -> None:
    inside = bundle / "_internal"
    for notice in ("LICENSE", "THIRD-PARTY-LICENSES.md"):
        assert (bundle / notice).read_text("utf-8") == (REPO / notice).read_text("utf-8")
    # The interpreter's licence and Qt's (LGPL-3.0, GPL), which Qt's wheels do not carry; each
    # package's own licence files stay in its metadata folder.
    licences = {path.name for path in (inside / "licences").iterdir()}
    assert licences == {"Python-PSF-2.0.txt", "LGPL-3.0.txt", "GPL-3.0.txt", "GPL-2.0.txt"}
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in (inside / "licences" / "LGPL-3.0.txt").read_text("utf-8")
    assert list(inside.glob("psycopg-*.dist-info/licenses/LICENSE.txt"))
    for form in (REPO / "ui").glob("*.ui"):
        assert (inside / "offsite" / "_ui" / form.name).is_file(), form.name
    for resource in (REPO / "resources").rglob("*"):
        if resource.is_file():
            assert (inside / "offsite" / "_resources" / resource.relative_to(REPO / "resources")).is_file()
    assert (inside / "offsite" / "store" / "migrations" / "versions" / "0001_first_schema.py").is_file()
    assert (inside / "offsite" / "store" / "document" / "columns.json").is_file()

    names = {path.name for path in inside.iterdir()}
    assert not names & set(NOT_BUNDLED), names & set(NOT_BUNDLED)
    qt = inside / "PySide6" / "Qt"
    libraries = [path.name for path in (qt / "lib").iterdir()]
    assert "libQt6Charts.so.6" in libraries  # the Review page's charts
    unused = [name for name in libraries if any(f"Qt6{module}" in name for module in QT_NOT_BUNDLED)]
    assert not unused, unused
    # Qt's own words in the languages Offsite speaks, and Babel's dates and numbers for them, only
    assert sorted(path.name for path in (qt / "translations").iterdir()) == ["qtbase_de.qm"]
    assert (inside / "offsite" / "_resources" / "translations" / "offsite_de.qm").is_file()
    assert sorted(path.stem for path in (inside / "babel" / "locale-data").iterdir()) == ["de", "en", "root"]
    plugins = {path.relative_to(qt / "plugins").as_posix() for path in (qt / "plugins").rglob("*.so")}
    for needed in (
        "platforms/libqxcb.so",
        "platforms/libqwayland.so",
        "platforms/libqoffscreen.so",
        "imageformats/libqsvg.so",
        "iconengines/libqsvgicon.so",
        "platformthemes/libqxdgdesktopportal.so",
    ):
        assert needed in plugins, needed
    assert "platformthemes/libqgtk3.so" not in plugins  # it brings the whole of GTK

    files = [path for path in bundle.rglob("*") if path.is_file() and not path.is_symlink()]
    size = sum(path.stat().st_size for path in files)
    largest = sorted(files, key=lambda path: path.stat().st_size)[-8:]
    assert size < BUDGET_MIB * 2**20, f"{size / 2**20:.0f} MiB; the largest: " + ", ".join(
        f"{p.relative_to(bundle)} {p.stat().st_size / 2**20:.1f}" for p in largest
    )


def test_the_bundle_runs_with_an_empty_environment_and_loads_nothing_of_this_machines_python(
    bundle: Path, signed_plan_bytes: bytes, tmp_path: Path
) -> None:
    (tmp_path / "signed.offsite").write_bytes(signed_plan_bytes)
    loader = tmp_path / "loaded"
    made = _run(bundle, "demo", "demo.offsite", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    exported = _run(
        bundle,
        "export",
        "signed.offsite",
        "signed.pdf",
        cwd=tmp_path,
        LD_DEBUG="libs",
        LD_DEBUG_OUTPUT=str(loader),
    )
    assert exported.returncode == 0, exported.stderr
    verified = _run(bundle, "verify", "signed.offsite", "signed.pdf", cwd=tmp_path)
    assert verified.returncode == 0, verified.stderr
    assert re.match(
        r"Matches version \d+ of “Sales & Marketing Offsite 2027”, signed by all six leaders", verified.stdout
    )
    refused = _run(bundle, "verify", "demo.offsite", "signed.pdf", cwd=tmp_path)
    assert refused.returncode == 1
    assert "another plan file" in refused.stderr
    # The same PDF as this checkout writes of the plan: the same pages, words and embedded fonts.
    with open_plan(tmp_path / "signed.offsite", readonly=True) as plan:
        export_plan_pdf(plan, tmp_path / "checkout.pdf")
    assert _pdf_pages(tmp_path / "signed.pdf") == _pdf_pages(tmp_path / "checkout.pdf")
    assert _pdf_fonts(tmp_path / "signed.pdf") == _pdf_fonts(tmp_path / "checkout.pdf")
    assert "Go outbound" in _pdf_text(tmp_path / "signed.pdf")

    # Every shared object the export loaded (libpython, the extension modules): the bundle's own,
    # or the system's.
    loaded = _loaded(loader)
    assert any(Path(path).name.startswith("libpython3") for path in loaded), loaded
    outside = sorted(
        path
        for path in loaded
        if not Path(path).resolve().is_relative_to(bundle.resolve())
        and not path.startswith(("/lib/", "/lib64/", "/usr/lib/"))
    )
    assert not outside, outside
    pythons = [path for path in loaded if "python" in path.lower() and not Path(path).is_relative_to(bundle)]
    assert not pythons, pythons  # not the system's libpython either


def test_the_bundled_app_renders_the_review_page_offscreen(
    bundle: Path, demo_plan_bytes: bytes, tmp_path: Path
) -> None:
    (tmp_path / "demo.offsite").write_bytes(demo_plan_bytes)
    shown = _run(
        bundle,
        "open",
        "demo.offsite",
        "--view",
        "review",
        "--screenshot",
        "review.png",
        cwd=tmp_path,
        QT_QPA_PLATFORM="offscreen",
        LD_DEBUG="libs",
        LD_DEBUG_OUTPUT=str(tmp_path / "loaded"),
    )
    assert shown.returncode == 0, shown.stderr
    assert not _quiet(shown.stderr), shown.stderr  # not a Qt warning: no missing plugin, font or form
    assert _png_size(tmp_path / "review.png") == (1280, 800)
    # The Review page's charts, the forms' loader, the SVG icons and the platform came from the bundle.
    qt = {Path(path).name for path in _loaded(tmp_path / "loaded") if Path(path).is_relative_to(bundle)}
    assert {"QtCharts.abi3.so", "QtUiTools.abi3.so", "libqsvgicon.so", "libqoffscreen.so"} <= qt, qt
    assert list((tmp_path / "home").rglob("offsite.log"))
    assert not _log_problems(tmp_path / "home")


def test_the_bundled_app_speaks_german_on_a_german_desktop(
    bundle: Path, demo_plan_bytes: bytes, tmp_path: Path
) -> None:
    (tmp_path / "demo.offsite").write_bytes(demo_plan_bytes)
    pictures = {}
    for language in ("en_GB", "de_DE"):
        png = f"buyin-{language[:2]}.png"
        shown = _run(
            bundle,
            "open",
            "demo.offsite",
            "--view",
            "buyin",
            "--screenshot",
            png,
            cwd=tmp_path,
            QT_QPA_PLATFORM="offscreen",
            LANGUAGE=f"{language}:{language[:2]}",  # as a desktop set to that language starts a program
            OFFSITE_LANGUAGE="",
        )
        assert shown.returncode == 0, shown.stderr
        assert not _quiet(shown.stderr), shown.stderr
        pictures[language[:2]] = (tmp_path / png).read_bytes()
    assert pictures["de"] != pictures["en"]  # the same plan, the page's words in German
    assert not _log_problems(tmp_path / "home")


def test_the_bundles_menu_entry_starts_its_own_offsite_gui_by_absolute_path(
    bundle: Path, tmp_path: Path
) -> None:
    data = tmp_path / "home" / ".local" / "share"
    installed = _run(bundle, "install-desktop", cwd=tmp_path, XDG_DATA_HOME=str(data))
    assert installed.returncode == 0, installed.stderr
    entry = data / "applications" / "io.github.offsite.Offsite.desktop"
    checked = subprocess.run(
        ["desktop-file-validate", str(entry)], capture_output=True, text=True, check=False
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    exec_line = next(line for line in entry.read_text("utf-8").splitlines() if line.startswith("Exec="))
    program = exec_line.removeprefix("Exec=").split(" ")[0].strip('"')
    assert Path(program) == (bundle / "offsite-gui").absolute()
    assert (bundle / "offsite-gui").resolve() == (bundle / "offsite").resolve()
    listed = _run(bundle, "--help", cwd=tmp_path)  # the bundle's executable is Offsite's command
    assert listed.returncode == 0, listed.stderr
    assert "install-desktop" in listed.stdout


# --- a bare Debian -------------------------------------------------------------------------------


def _in_debian(root: Path, *argv: str, env: dict[str, str] | None = None) -> list[str]:
    """The command line that runs ``argv`` inside the Debian at ``root``, with /proc mounted there
    in a mount namespace of its own (gone with the process: nothing stays mounted in build/)."""
    variables = [f"{name}={value}" for name, value in (env or {}).items()]
    inner = f'mount -t proc proc "{root}/proc" && exec chroot "{root}" /usr/bin/env -i "$@"'
    return ["unshare", "--mount", "--fork", "sh", "-c", inner, "sh", *variables, *argv]


def _debian_run(
    root: Path, *argv: str, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        _in_debian(root, *argv, env=env), capture_output=True, text=True, timeout=timeout, check=False
    )


def _make_debian(root: Path) -> None:
    """debootstrap a minimal Debian into ``root``, then apt-get Qt's system libraries in it."""
    shutil.rmtree(root, ignore_errors=True)
    root.parent.mkdir(parents=True, exist_ok=True)
    made = subprocess.run(
        ["debootstrap", "--variant=minbase", SUITE, str(root), "http://deb.debian.org/debian"],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert made.returncode == 0, (
        f"debootstrap could not make a Debian root:\n{made.stdout[-3000:]}{made.stderr[-3000:]}"
    )
    apt = "apt-get update -q && apt-get install -y -q --no-install-recommends " + " ".join(QT_SYSTEM_PACKAGES)
    installed = _debian_run(
        root,
        "sh",
        "-c",
        apt + " && apt-get clean",
        env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "DEBIAN_FRONTEND": "noninteractive"},
        timeout=900,
    )
    assert installed.returncode == 0, installed.stdout[-3000:] + installed.stderr[-3000:]
    (root / ".offsite-ready").write_text(" ".join(QT_SYSTEM_PACKAGES) + "\n")


@pytest.fixture(scope="session")
def debian(bundle: Path) -> Path:
    """A bare Debian with Qt's system libraries and the bundle in /opt/offsite, and no Python."""
    if os.geteuid() != 0:
        pytest.skip("a bare Debian (debootstrap, chroot) needs root")
    if not shutil.which("debootstrap") or not shutil.which("unshare"):
        pytest.fail(
            "`make test-dist` needs debootstrap and unshare (packaging/system-deps.sh --dist installs them)"
        )
    root = DEBIAN_ROOT
    ready = root / ".offsite-ready"
    if not ready.is_file() or ready.read_text().split() != list(QT_SYSTEM_PACKAGES):
        _make_debian(root)
    target = root / INSTALLED.lstrip("/")
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(bundle, target, symlinks=True)
    return root


@pytest.fixture
def debian_home(debian: Path, tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A home folder inside the Debian for one test: (its path here, its path there)."""
    name = f"home-{tmp_path.name}"
    home = debian / "work" / name
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    yield home, f"/work/{name}"
    shutil.rmtree(home, ignore_errors=True)


def test_the_bare_debian_has_no_python_and_every_library_of_the_bundle_resolves_in_it(debian: Path) -> None:
    python = [
        path
        for folder in ("usr/bin", "usr/local/bin", "usr/lib", "usr/local/lib")
        for path in (debian / folder).glob("*python*")
    ]
    assert not python, python
    assert not list((debian / "usr" / "lib").rglob("libpython*"))
    internal = f"{INSTALLED}/_internal"
    binaries = [
        f"{INSTALLED}/{path.relative_to(debian / INSTALLED.lstrip('/')).as_posix()}"
        for path in sorted((debian / INSTALLED.lstrip("/")).rglob("*"))
        if path.is_file() and not path.is_symlink() and path.read_bytes()[:4] == b"\x7fELF"
    ]
    assert len(binaries) > 100
    # The bootloader puts _internal on the library path; Qt's own libraries find theirs by run path.
    script = 'for f in "$@"; do ldd "$f" | sed -n "s|^|$f: |; /not found/p"; done'
    resolved = _debian_run(
        debian,
        "sh",
        "-c",
        script,
        "sh",
        *binaries,
        env={"PATH": "/usr/bin:/bin", "LD_LIBRARY_PATH": internal},
    )
    assert resolved.returncode == 0, resolved.stderr
    missing = {line.split(": ", 1)[1].split()[0] for line in resolved.stdout.splitlines()}
    # Only what a Wayland session's machine always has (PyInstaller leaves it to the compositor's
    # machine, whose drivers it must match): the Wayland plugin is not loaded without a Wayland session.
    assert missing <= WAYLAND_SESSION, resolved.stdout
    assert all("wayland" in line.split(": ", 1)[0].lower() for line in resolved.stdout.splitlines()), (
        resolved.stdout
    )


def test_the_bundle_writes_exports_and_verifies_plans_in_a_bare_debian(
    debian: Path, debian_home: tuple[Path, str], signed_plan_bytes: bytes
) -> None:
    here, there = debian_home
    (here / "signed.offsite").write_bytes(signed_plan_bytes)
    env = {"HOME": there, "LANG": "C.UTF-8"}
    offsite = f"{INSTALLED}/offsite"
    made = _debian_run(debian, offsite, "demo", f"{there}/demo.offsite", env=env)
    assert made.returncode == 0, made.stderr
    assert (here / "demo.offsite").stat().st_size > 0
    exported = _debian_run(
        debian, offsite, "export", f"{there}/signed.offsite", f"{there}/signed.pdf", env=env
    )
    assert exported.returncode == 0, exported.stderr
    verified = _debian_run(
        debian, offsite, "verify", f"{there}/signed.offsite", f"{there}/signed.pdf", env=env
    )
    assert verified.returncode == 0, verified.stderr
    assert re.match(
        r"Matches version \d+ of “Sales & Marketing Offsite 2027”, signed by all six leaders", verified.stdout
    )
    assert "Go outbound" in _pdf_text(here / "signed.pdf")
    shown = _debian_run(
        debian,
        offsite,
        "open",
        f"{there}/demo.offsite",
        "--view",
        "review",
        "--screenshot",
        f"{there}/review.png",
        env={**env, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert shown.returncode == 0, shown.stderr
    assert not _quiet(shown.stderr), shown.stderr
    assert _png_size(here / "review.png") == (1280, 800)


@pytest.fixture
def x_display(tmp_path: Path) -> Iterator[str]:
    """A real X server (Xvfb) on a free display; a chroot reaches it by its abstract socket."""
    if not shutil.which("Xvfb") or not shutil.which("xdotool"):
        pytest.fail("`make test-dist` needs Xvfb and xdotool (packaging/system-deps.sh --dist installs them)")
    read, write = os.pipe()
    with (tmp_path / "xvfb.log").open("w") as log:
        server = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
            pass_fds=(write,),
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
    os.close(write)
    with os.fdopen(read) as said:
        number = said.readline().strip()  # Xvfb writes its display number once it accepts clients
    try:
        assert number.isdigit(), (tmp_path / "xvfb.log").read_text()
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_bundle_opens_a_window_in_a_bare_debian_that_ctrl_q_closes(
    debian: Path, debian_home: tuple[Path, str], demo_plan_bytes: bytes, x_display: str
) -> None:
    here, there = debian_home
    (here / "demo.offsite").write_bytes(demo_plan_bytes)
    env = {
        "HOME": there,
        "LANG": "C.UTF-8",
        "DISPLAY": x_display,
        "QT_QPA_PLATFORM": "xcb",
        "LD_DEBUG": "libs",
        "LD_DEBUG_OUTPUT": f"{there}/loaded",
    }
    app = subprocess.Popen(
        _in_debian(debian, f"{INSTALLED}/offsite", "open", f"{there}/demo.offsite", env=env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        xdotool = {**os.environ, "DISPLAY": x_display}
        # --sync waits for the window to be mapped; the timeout only bounds a broken start.
        found = subprocess.run(
            ["xdotool", "search", "--sync", "--name", "^Sales & Marketing Offsite 2027 — Offsite$"],
            env=xdotool,
            capture_output=True,
            text=True,
            timeout=90,
            check=False,
        )
        assert found.returncode == 0, found.stderr
        window = found.stdout.split()[0]
        subprocess.run(
            ["xdotool", "windowfocus", "--sync", window, "key", "ctrl+q"], env=xdotool, check=True, timeout=30
        )
        _, err = app.communicate(timeout=60)
    finally:
        if app.poll() is None:  # the whole group: unshare, and the app it started in the Debian
            os.killpg(app.pid, signal.SIGKILL)
            app.communicate()
    assert app.returncode == 0, err
    assert not err.strip(), err  # no Qt warning on a real X server: every plugin and library was there
    # X11 through the bundle's xcb plugin, and the Debian's own libxcb and fontconfig under it.
    loaded = _loaded(here / "loaded")
    assert f"{INSTALLED}/_internal/PySide6/Qt/plugins/platforms/libqxcb.so" in loaded, loaded
    assert {"libxcb.so.1", "libfontconfig.so.1"} <= {
        Path(path).name for path in loaded if path.startswith(("/lib/", "/usr/lib/"))
    }, loaded
    assert list(here.rglob("offsite.log"))
    assert not _log_problems(here)
