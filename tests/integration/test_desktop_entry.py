"""``offsite install-desktop``: after a pip install, Offsite is in the desktop's menu and opens *.offsite files.

The real command runs in a child process with its own XDG data home; what it writes is judged by
the desktop's own tools and readers: ``desktop-file-validate``, ``appstreamcli validate``, GLib's
MIME and launch code through ``gio`` (GNOME's file manager resolves and opens files so) and Qt's
QMimeDatabase (KDE's). Every one of them is installed by packaging/system-deps.sh.
"""

from __future__ import annotations

import configparser
import importlib.util
import json
import os
import shutil
import socket
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cli_runner import Run, command, ok
from offsite.cli import desktop
from offsite.gui.app import APP_ID, make_application
from offsite.services.plans import create_plan

REPO = Path(__file__).resolve().parents[2]
MIME = "{http://www.freedesktop.org/standards/shared-mime-info}"
TIMEOUT = 60


def _data_home(tmp_path: Path) -> Path:
    """The XDG data home the ``offsite`` fixture's commands run with."""
    return tmp_path / "home" / "xdg_data_home"


@pytest.fixture
def installed(offsite: Run, tmp_path: Path) -> Path:
    """``offsite install-desktop`` run for real; returns the data home it wrote into."""
    said = ok(offsite("install-desktop"))
    assert "Offsite is in your applications menu" in said
    return _data_home(tmp_path)


def _entry(data: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(data / "applications" / f"{APP_ID}.desktop", encoding="utf-8")
    return dict(parser["Desktop Entry"])


def _tool(name: str, *args: str | Path, data: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if data is not None:
        env["XDG_DATA_HOME"] = str(data)
    program = shutil.which(name)
    assert program, f"{name} is not installed: run packaging/system-deps.sh"
    return subprocess.run(
        [program, *map(str, args)], capture_output=True, text=True, env=env, timeout=TIMEOUT, check=False
    )


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def _files(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if not path.is_dir())


def test_the_menu_entry_passes_desktop_file_validate_and_starts_this_offsite_by_absolute_path(
    installed: Path,
) -> None:
    entry_file = installed / "applications" / f"{APP_ID}.desktop"
    checked = _tool("desktop-file-validate", entry_file)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout + checked.stderr == ""
    entry = _entry(installed)
    assert entry["Name"] == "Offsite"
    assert entry["Type"] == "Application"
    assert entry["MimeType"] == "application/x-offsite-plan;"
    assert entry["Categories"] == "Office;ProjectManagement;"
    assert entry["Icon"] == APP_ID
    assert entry["StartupWMClass"] == "Offsite"
    program, *rest = entry["Exec"].split(" ")
    assert rest[-1] == "%f"  # the double-clicked plan is handed over
    launcher = Path(program)
    assert launcher.is_absolute(), entry["Exec"]  # the desktop session's PATH lacks pip's script folder
    assert launcher.is_file(), launcher
    assert os.access(launcher, os.X_OK), launcher
    assert entry["TryExec"] == program
    # The launcher installed with the `offsite` that ran: the GUI script beside it.
    assert launcher == Path(command()[0]).with_name("offsite-gui")
    assert "main_gui" in launcher.read_text(encoding="utf-8")


def test_the_metainfo_passes_appstream_validation_and_names_the_entry_and_the_plan_type(
    installed: Path,
) -> None:
    metainfo = installed / "metainfo" / f"{APP_ID}.metainfo.xml"
    checked = _tool("appstreamcli", "validate", "--no-net", metainfo)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    component = ET.parse(metainfo).getroot()
    assert component.get("type") == "desktop-application"
    assert component.findtext("id") == APP_ID
    assert component.findtext("name") == "Offsite"
    assert component.findtext("project_license") == "MIT"
    assert component.findtext("launchable[@type='desktop-id']") == f"{APP_ID}.desktop"
    assert component.findtext("provides/mediatype") == "application/x-offsite-plan"


def test_the_icons_are_pngs_of_every_declared_size_for_the_app_and_its_plan_files(installed: Path) -> None:
    hicolor = installed / "icons" / "hicolor"
    mime_icon = ET.parse(installed / "mime" / "packages" / f"{APP_ID}.xml").find(f".//{MIME}icon")
    assert mime_icon is not None
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        assert _png_size(hicolor / f"{size}x{size}" / "apps" / f"{_entry(installed)['Icon']}.png") == (
            size,
            size,
        )
        plan_icon = hicolor / f"{size}x{size}" / "mimetypes" / f"{mime_icon.get('name')}.png"
        assert _png_size(plan_icon) == (size, size)
    assert (hicolor / "icon-theme.cache").is_file()  # gtk-update-icon-cache ran: GTK sees the new icons


def test_the_mime_type_names_offsite_files_and_knows_a_plan_by_its_header(installed: Path) -> None:
    mime_type = ET.parse(installed / "mime" / "packages" / f"{APP_ID}.xml").getroot().find(f"{MIME}mime-type")
    assert mime_type is not None
    assert mime_type.get("type") == "application/x-offsite-plan"
    assert [glob.get("pattern") for glob in mime_type.iter(f"{MIME}glob")] == ["*.offsite"]
    header = mime_type.find(f"{MIME}magic/{MIME}match/{MIME}match")
    assert header is not None
    assert (header.get("offset"), int(header.get("value") or "", 16)) == ("68", 0x4F465354)
    assert "*.offsite" in (installed / "mime" / "globs2").read_text(
        encoding="utf-8"
    )  # update-mime-database ran


def _plans(folder: Path) -> dict[str, Path]:
    """A plan, the same plan renamed without its suffix, and another program's SQLite database."""
    import sqlite3

    plan = folder / "Kickoff 2027.offsite"
    create_plan(plan, "Kickoff 2027").close()
    renamed = folder / "kickoff-copy"
    shutil.copyfile(plan, renamed)
    other = folder / "crm.sqlite3"
    with sqlite3.connect(other) as database:
        database.execute("CREATE TABLE deal (id INTEGER)")
    database.close()
    return {"plan": plan, "renamed": renamed, "other": other}


QT_MIME = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QCoreApplication, QMimeDatabase
    app = QCoreApplication(sys.argv[:1])
    for path in sys.argv[1:]:
        print(QMimeDatabase().mimeTypeForFile(path).name())
    """
)


def _content_types(reader: str, data: Path, files: list[Path]) -> list[str]:
    if reader == "qt":
        env = dict(os.environ, XDG_DATA_HOME=str(data))
        done = subprocess.run(
            [sys.executable, "-c", QT_MIME, *map(str, files)],
            capture_output=True,
            text=True,
            env=env,
            timeout=TIMEOUT,
            check=True,
        )
        return done.stdout.split()
    types = []
    for path in files:
        done = _tool("gio", "info", "--attributes=standard::content-type", path, data=data)
        assert done.returncode == 0, done.stderr
        types.append(done.stdout.rsplit("standard::content-type:", 1)[1].strip())
    return types


@pytest.mark.parametrize("reader", ["gio", "qt"], ids=["GNOME (GLib)", "KDE (Qt)"])
def test_the_desktop_resolves_a_plan_file_to_the_offsite_type_by_name_and_by_content(
    installed: Path, tmp_path: Path, reader: str
) -> None:
    files = _plans(tmp_path)
    types = _content_types(reader, installed, [files["plan"], files["renamed"], files["other"]])
    assert types == ["application/x-offsite-plan", "application/x-offsite-plan", "application/vnd.sqlite3"]


def test_the_desktop_opens_offsite_plans_with_offsite(installed: Path) -> None:
    said = _tool("gio", "mime", "application/x-offsite-plan", data=installed)
    assert said.returncode == 0, said.stderr
    assert f"Default application for “application/x-offsite-plan”: {APP_ID}.desktop" in said.stdout


LAUNCHER = """#!{python}
import json, socket, sys
with socket.create_connection(("127.0.0.1", {port})) as connection:
    connection.sendall(json.dumps(sys.argv[1:]).encode())
"""


def test_a_double_click_hands_the_plan_to_a_launcher_in_a_folder_with_spaces_and_quotes(
    tmp_path: Path,
) -> None:
    folder = tmp_path / 'Leadership $HOME\'s "plans" (2027) `draft` \\ #1' / "bin"
    folder.mkdir(parents=True)
    plan = tmp_path / "Kickoff 2027.offsite"
    plan.write_bytes(b"")
    entry_file = tmp_path / "applications" / f"{APP_ID}.desktop"
    entry_file.parent.mkdir()
    with socket.create_server(("127.0.0.1", 0)) as server:
        server.settimeout(TIMEOUT)
        launcher = folder / "offsite-gui"
        launcher.write_text(LAUNCHER.format(python=sys.executable, port=server.getsockname()[1]))
        launcher.chmod(0o755)
        entry_file.write_text(desktop.desktop_entry([str(launcher)]), encoding="utf-8")
        checked = _tool("desktop-file-validate", entry_file)
        assert checked.returncode == 0, checked.stdout + checked.stderr
        launched = _tool("gio", "launch", entry_file, plan)
        assert launched.returncode == 0, launched.stderr
        connection, _ = server.accept()  # the launcher, started by GLib from the Exec line
        with connection:
            connection.settimeout(TIMEOUT)
            received = b""
            while chunk := connection.recv(4096):
                received += chunk
    assert json.loads(received) == [str(plan)]


def test_a_launcher_in_a_folder_with_a_percent_sign_is_refused_in_a_sentence(tmp_path: Path) -> None:
    with pytest.raises(desktop.UsageError, match="a % sign"):
        desktop.desktop_entry([str(tmp_path / "Q3 (100% done)" / "bin" / "offsite-gui")])


def test_uninstall_desktop_leaves_no_file_behind(installed: Path, offsite: Run) -> None:
    said = ok(offsite("uninstall-desktop"))
    assert "Offsite is no longer in your applications menu" in said
    assert _files(installed) == []
    assert list(installed.iterdir()) == []  # nor a folder it made
    assert "nothing was removed" in ok(offsite("uninstall-desktop"))


def test_uninstall_keeps_other_apps_and_takes_offsite_out_of_the_desktops_caches(
    offsite: Run, tmp_path: Path
) -> None:
    data = _data_home(tmp_path)
    other_entry = data / "applications" / "org.example.Notes.desktop"
    other_entry.parent.mkdir(parents=True)
    other_entry.write_text(
        "[Desktop Entry]\nType=Application\nName=Notes\nExec=notes %f\nMimeType=text/x-notes;\n",
        encoding="utf-8",
    )
    other_mime = data / "mime" / "packages" / "org.example.Notes.xml"
    other_mime.parent.mkdir(parents=True)
    other_mime.write_text(
        '<?xml version="1.0"?>\n<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">'
        '<mime-type type="text/x-notes"><comment>Notes</comment><glob pattern="*.notes"/></mime-type>'
        "</mime-info>\n",
        encoding="utf-8",
    )
    other_icon = data / "icons" / "hicolor" / "48x48" / "apps" / "org.example.Notes.png"
    other_icon.parent.mkdir(parents=True)
    shutil.copyfile(REPO / "resources" / "icons" / "hicolor" / "48x48" / "apps" / "offsite.png", other_icon)
    before = {path: path.read_bytes() for path in (other_entry, other_mime, other_icon)}

    ok(offsite("install-desktop"))
    assert "offsite" in (data / "applications" / "mimeinfo.cache").read_text(encoding="utf-8").lower()
    ok(offsite("uninstall-desktop"))

    assert {path: path.read_bytes() for path in (other_entry, other_mime, other_icon)} == before
    assert "text/x-notes=org.example.Notes.desktop;" in (data / "applications" / "mimeinfo.cache").read_text(
        encoding="utf-8"
    )
    for cache in (
        "applications/mimeinfo.cache",
        "mime/globs2",
        "mime/mime.cache",
        "icons/hicolor/icon-theme.cache",
    ):
        assert b"offsite" not in (data / cache).read_bytes().lower(), cache
    assert "*.notes" in (data / "mime" / "globs2").read_text(encoding="utf-8")
    assert not [name for name in _files(data) if "offsite" in name.lower()]
    plan = _plans(tmp_path)["plan"]
    assert _content_types("gio", data, [plan]) == ["application/vnd.sqlite3"]


def test_install_replaces_what_the_old_packaging_script_wrote(offsite: Run, tmp_path: Path) -> None:
    data = _data_home(tmp_path)
    old_entry = data / "applications" / "offsite.desktop"
    old_entry.parent.mkdir(parents=True)
    old_entry.write_text(
        "[Desktop Entry]\nType=Application\nName=Offsite\nExec=offsite-gui %f\nIcon=offsite\n"
        "MimeType=application/x-offsite-plan;\n",
        encoding="utf-8",
    )
    old_icon = data / "icons" / "hicolor" / "scalable" / "apps" / "offsite.svg"
    old_icon.parent.mkdir(parents=True)
    shutil.copyfile(REPO / "resources" / "icons" / "offsite.svg", old_icon)
    old_mime = data / "mime" / "packages" / "offsite.xml"
    old_mime.parent.mkdir(parents=True)
    old_mime.write_text('<mime-type type="application/x-offsite-plan"/>\n', encoding="utf-8")

    ok(offsite("install-desktop"))

    assert [path for path in (old_entry, old_icon, old_mime) if path.exists()] == []
    entries = [path.name for path in (data / "applications").glob("*.desktop")]
    assert entries == [f"{APP_ID}.desktop"]  # the menu shows Offsite once


def test_packaging_install_desktop_sh_installs_and_uninstalls_through_the_command(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = dict(os.environ, XDG_DATA_HOME=str(data))
    env["PATH"] = f"{Path(command()[0]).parent}{os.pathsep}{env.get('PATH', '')}"
    script = REPO / "packaging" / "install-desktop.sh"
    done = subprocess.run(
        ["bash", script], capture_output=True, text=True, env=env, timeout=TIMEOUT, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert Path(_entry(data)["TryExec"]).name == "offsite-gui"
    done = subprocess.run(
        ["bash", script, "--uninstall"], capture_output=True, text=True, env=env, timeout=TIMEOUT, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert _files(data) == []


def _render_icons_module() -> object:
    spec = importlib.util.spec_from_file_location("render_icons", REPO / "packaging" / "render-icons.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_shipped_icons_are_the_svgs_drawn_at_each_size(qapp: object) -> None:
    from PySide6.QtGui import QImage

    render = _render_icons_module().render  # type: ignore[attr-defined]
    for context, name, _ in desktop.SHIPPED_ICONS:
        svg = desktop.shipped_icon(context, name, None)
        for size in desktop.ICON_SIZES:
            png = desktop.shipped_icon(context, name, size)
            shipped = QImage(str(png)).convertToFormat(QImage.Format.Format_ARGB32)
            assert shipped == render(svg, size), f"{png} is out of date: run packaging/render-icons.py"


def test_the_running_app_names_the_menu_entry_and_window_class_it_belongs_to(
    qapp: object, installed: Path
) -> None:
    from PySide6.QtGui import QGuiApplication

    make_application([])
    entry_file = installed / "applications" / f"{QGuiApplication.desktopFileName()}.desktop"
    assert entry_file.is_file()  # Wayland matches the window to this entry (its name and icon) by it
    assert QGuiApplication.applicationName() == _entry(installed)["StartupWMClass"]  # X11's WM_CLASS
