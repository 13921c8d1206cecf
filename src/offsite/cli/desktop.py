"""``offsite install-desktop`` and ``offsite uninstall-desktop``: Offsite in a Linux desktop's menu.

``pip install`` puts the ``offsite-gui`` launcher in a folder the desktop does not search (a
virtualenv's ``bin``, ``~/.local/bin``), and a wheel cannot write outside its own install. This
command writes, for the current user, under the XDG data home (``~/.local/share``):

- ``applications/<app id>.desktop``: the menu entry; it starts the launcher by its absolute path,
  so it works whatever ``PATH`` the desktop session has, and opens the ``*.offsite`` file it is given;
- ``icons/hicolor/NxN/apps/`` and ``.../mimetypes/``: the app's icon and a plan file's, pre-rendered
  PNGs from resources/icons (``packaging/render-icons.py``), so installing needs no Qt;
- ``mime/packages/<app id>.xml``: the ``application/x-offsite-plan`` type, by name (``*.offsite``)
  and by content (a SQLite file whose ``application_id`` is Offsite's), so a renamed plan is one too;
- ``metainfo/<app id>.metainfo.xml``: the AppStream description software centres show.

Then it refreshes the desktop's caches with ``update-desktop-database``, ``update-mime-database``
and ``gtk-update-icon-cache`` where they are installed. Every file is written whole (a temporary
file renamed into place). ``uninstall-desktop`` removes exactly those files, and a cache those
tools built when Offsite's files were the only thing it listed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import sysconfig
from collections.abc import Iterator, Sequence
from pathlib import Path

from offsite.cli.common import UsageError
from offsite.gui.app import APP_ID
from offsite.resources import resource_path

MIME_TYPE = "application/x-offsite-plan"
#: The icon name a desktop looks up for a MIME type that names none of its own.
MIME_ICON = MIME_TYPE.replace("/", "-")
#: The sizes of the pre-rendered icons, in pixels (hicolor's ``NxN`` folders).
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
#: The icons Offsite ships: (hicolor context, name under resources/icons, name installed).
SHIPPED_ICONS = (("apps", "offsite", APP_ID), ("mimetypes", "offsite-plan", MIME_ICON))
#: The class Qt gives the window on X11 (the application's name): the menu entry is matched to it.
WM_CLASS = "Offsite"
LAUNCHER = "offsite-gui"
#: The desktop's tools that rebuild a cache from a folder's files: (tool, its options, the folder).
CACHE_TOOLS = (
    ("update-desktop-database", ("-q",), "applications"),
    ("update-mime-database", (), "mime"),
    ("gtk-update-icon-cache", ("-q", "-t", "-f"), "icons/hicolor"),
)
#: What each tool writes into its folder: removed by uninstall when it would list nothing else.
CACHE_FILES = {
    "applications": ("mimeinfo.cache",),
    "mime": (
        *("aliases", "generic-icons", "globs", "globs2", "icons", "magic", "mime.cache"),
        *("subclasses", "treemagic", "types", "version", "XMLnamespaces", f"{MIME_TYPE}.xml"),
    ),
    "icons/hicolor": ("icon-theme.cache",),
}
#: What packaging/install-desktop.sh wrote before this command existed, and a line that says it is Offsite's.
OLD_FILES = (
    ("applications/offsite.desktop", b"Exec=offsite-gui"),
    ("mime/packages/offsite.xml", MIME_TYPE.encode()),
    ("icons/hicolor/scalable/apps/offsite.svg", b'<path d="M14 44 L26 28 L34 38 L40 30 L50 44 Z"'),
)

_SUMMARY = "Plan a sales and marketing leadership offsite"
_COMMENT = "Plan a sales and marketing offsite: objectives, methods, metrics, buy-in and a signed PDF"


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Both commands: COMMANDS lists this module under each name, so the second call finds them made."""
    if "install-desktop" in sub.choices:
        return
    sub.add_parser(
        "install-desktop",
        help="add Offsite to this user's applications menu, with its icon, and open *.offsite files with it",
    )
    sub.add_parser("uninstall-desktop", help="remove what install-desktop added")


def run(args: argparse.Namespace) -> int:
    data = data_home()
    if args.command == "uninstall-desktop":
        removed = uninstall(data)
        if removed:
            print(
                f"Offsite is no longer in your applications menu ({len(removed)} files removed from {data})."
            )
        else:
            print("Offsite was not in your applications menu; nothing was removed.")
        return 0
    command = launcher_command()
    install(data, command)
    print("Offsite is in your applications menu, with its icon, and opens *.offsite plans.")
    print(f"The menu entry {data / entry_path()} starts {' '.join(command)}.")
    if command[0] == sys.executable:
        print(
            f"No {LAUNCHER} was found beside this Python, so the entry runs the package with it: that "
            "works once Offsite is installed for this Python (pip install .), not from PYTHONPATH alone.",
            file=sys.stderr,
        )
    return 0


def data_home() -> Path:
    """The user's XDG data home (``$XDG_DATA_HOME``, else ``~/.local/share``), where a desktop looks first."""
    if sys.platform in ("win32", "darwin"):
        raise UsageError(
            "install-desktop adds Offsite to a Linux desktop's menu (GNOME, KDE and the other "
            "freedesktop.org desktops); on this system start Offsite with offsite-gui."
        )
    from platformdirs import user_data_path

    return user_data_path()


def entry_path() -> Path:
    """The menu entry, relative to the data home; its name is the id the running app announces."""
    return Path("applications", f"{APP_ID}.desktop")


def launcher_command() -> list[str]:
    """How the desktop starts this Offsite: the ``offsite-gui`` script installed with it, by absolute path.

    It is looked for beside the ``offsite`` command that is running, beside this Python, and in the
    folders pip puts scripts in (the environment's, then the user's); never on ``PATH``, which may
    hold another install's. Without one (a checkout run with ``PYTHONPATH``), this Python runs the
    package: ``python -m offsite``.
    """
    for folder in _script_folders():
        script = folder / LAUNCHER
        if script.is_file() and os.access(script, os.X_OK):
            return [str(script)]
    return [sys.executable, "-m", "offsite"]


def _script_folders() -> Iterator[Path]:
    argv0 = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if argv0 is not None and argv0.name == "offsite":
        yield argv0.absolute().parent
    yield Path(sys.executable).absolute().parent
    for scheme in (sysconfig.get_default_scheme(), f"{os.name}_user"):
        try:
            yield Path(sysconfig.get_path("scripts", scheme))
        except KeyError:  # a scheme this Python does not have
            continue


def install(data: Path, command: Sequence[str]) -> list[Path]:
    """Write the menu entry (starting ``command``), icons, MIME type and metainfo under ``data``; refresh the caches.

    Returns the files written. What the old packaging script wrote goes, so the menu shows Offsite once.
    """
    from offsite.store.files import write_whole  # the store loads for this command only, not for every one

    files = _text_files(command) | {relative: path.read_bytes() for relative, path in _icon_files().items()}
    written = []
    for relative, content in files.items():
        target = data / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        written.append(write_whole(target, content))
    _remove_old_files(data)
    for tool, options, folder in CACHE_TOOLS:
        _refresh_cache(data, tool, options, folder)
    return written


def uninstall(data: Path) -> list[Path]:
    """Remove what ``install`` wrote under ``data`` (and the old script's files); returns those removed.

    Each cache is rebuilt without Offsite; a cache that would list nothing else is removed, and so is
    a folder left empty.
    """
    removed = [data / relative for relative in installed_files() if _unlink(data / relative)]
    removed += _remove_old_files(data)
    if not removed:
        return removed
    for tool, options, folder in CACHE_TOOLS:
        cache_files = CACHE_FILES[folder]
        if _holds_only(data / folder, cache_files):
            removed += [data / folder / name for name in cache_files if _unlink(data / folder / name)]
        else:
            _refresh_cache(data, tool, options, folder)
    _remove_empty_folders(data, removed)
    return removed


def installed_files() -> list[Path]:
    """Every file ``install`` writes, relative to the data home."""
    return [*_text_files([LAUNCHER]), *_icon_files()]


def shipped_icon(context: str, name: str, size: int | None, *, root: Path | None = None) -> Path:
    """An icon under resources/icons: ``name``.svg, or the PNG rendered from it at ``size``."""
    icons = (root / "icons") if root is not None else resource_path("icons")
    if size is None:
        return icons / f"{name}.svg"
    return icons / "hicolor" / f"{size}x{size}" / context / f"{name}.png"


def _icon_files() -> dict[Path, Path]:
    """Where each icon goes under the data home, and the shipped file it is."""
    files = {}
    for context, name, installed in SHIPPED_ICONS:
        for size in (*ICON_SIZES, None):
            folder = f"{size}x{size}" if size else "scalable"
            source = shipped_icon(context, name, size)
            files[Path("icons", "hicolor", folder, context, installed + source.suffix)] = source
    return files


def _text_files(command: Sequence[str]) -> dict[Path, bytes]:
    return {
        entry_path(): desktop_entry(command).encode(),
        Path("mime", "packages", f"{APP_ID}.xml"): mime_package().encode(),
        Path("metainfo", f"{APP_ID}.metainfo.xml"): metainfo().encode(),
    }


def desktop_entry(command: Sequence[str]) -> str:
    """The menu entry (Desktop Entry Specification 1.4) that runs ``command`` with the file opened."""
    program = command[0]
    # "%" is written "%%" by the specification, but GLib looks for the program under the name with
    # "%%" still in it and drops the entry: GNOME would show no Offsite at all.
    if any("%" in argument or not argument.isprintable() for argument in command):
        raise UsageError(
            f"Offsite is installed in a folder whose name a menu entry cannot hold ({program!r}: "
            "a % sign or a control character); install it in a folder without one."
        )
    return "\n".join(
        (
            "[Desktop Entry]",
            "Type=Application",
            "Version=1.4",  # of the specification; desktop-file-validate 0.26 (Debian 12) knows up to 1.4
            "Name=Offsite",
            "GenericName=Leadership offsite planner",
            f"Comment={_COMMENT}",
            f"Icon={APP_ID}",
            # The launcher gone (pip uninstall), the desktop hides the entry instead of showing a dead one.
            f"TryExec={_escape(program)}",
            f"Exec={' '.join(_escape(_quote(argument)) for argument in command)} %f",
            "Terminal=false",
            "Categories=Office;ProjectManagement;",
            f"MimeType={MIME_TYPE};",
            "Keywords=offsite;planning;objectives;metrics;OKR;sales;marketing;buy-in;",
            "StartupNotify=true",
            f"StartupWMClass={WM_CLASS}",
            "",
        )
    )


#: The characters that make the Exec key quote an argument (Desktop Entry Specification, "The Exec key").
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def _quote(argument: str) -> str:
    """One argument of the Exec key: double-quoted, with ``"`` ` ``$`` ``\\`` escaped, when it needs it."""
    if not any(character in _RESERVED for character in argument):
        return argument
    for special in ("\\", '"', "`", "$"):
        argument = argument.replace(special, "\\" + special)
    return f'"{argument}"'


def _escape(value: str) -> str:
    """A string value of a desktop entry: its backslashes doubled (read before the Exec quoting is)."""
    return value.replace("\\", "\\\\")


def mime_package() -> str:
    """The plan file's MIME type for shared-mime-info: ``*.offsite``, or a SQLite file with Offsite's application_id.

    The content rule (priority 60) outranks plain SQLite's (50), and the type is a kind of SQLite
    database, so a database browser is still offered for it.
    """
    from offsite.store.fileformat import APPLICATION_ID, SUFFIX

    return f"""<?xml version="1.0" encoding="UTF-8"?>
<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
  <mime-type type="{MIME_TYPE}">
    <comment>Offsite plan</comment>
    <sub-class-of type="application/vnd.sqlite3"/>
    <icon name="{MIME_ICON}"/>
    <generic-icon name="x-office-document"/>
    <glob pattern="*{SUFFIX}"/>
    <magic priority="60">
      <match type="string" offset="0" value="SQLite format 3">
        <match type="big32" offset="68" value="0x{APPLICATION_ID:08X}"/>
      </match>
    </magic>
  </mime-type>
</mime-info>
"""


def metainfo() -> str:
    """The AppStream description (what a software centre shows): id, name, summary, licence, plan type."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<component type="desktop-application">
  <id>{APP_ID}</id>
  <metadata_license>MIT</metadata_license>
  <project_license>MIT</project_license>
  <name>Offsite</name>
  <summary>{_SUMMARY}</summary>
  <description>
    <p>
      Offsite carries the day sales and marketing leaders spend together from who is at the table
      to a plan the CEO can sign: each team's objectives, the method that reaches each one, the
      metrics that prove it, the agreements beyond goals (the customer journey, hand-offs, decision
      rights, incentives and joint practices) and every leader's buy-in, recorded live in the room,
      then exported as a PDF.
    </p>
    <p>
      Everything lives in one plan file that you keep wherever you like. There is no Save button:
      every change is in the file before the screen shows it as done, and Undo reverses any edit.
      It works offline, in a venue with no network. After the offsite it tracks the plan: check-ins,
      imported actuals, quarter reviews and the next cycle.
    </p>
  </description>
  <launchable type="desktop-id">{APP_ID}.desktop</launchable>
  <provides>
    <mediatype>{MIME_TYPE}</mediatype>
    <binary>offsite</binary>
    <binary>{LAUNCHER}</binary>
  </provides>
  <categories>
    <category>Office</category>
    <category>ProjectManagement</category>
  </categories>
  <content_rating type="oars-1.1"/>
</component>
"""


def _refresh_cache(data: Path, tool: str, options: Sequence[str], folder: str) -> None:
    """Rebuild the desktop's cache of ``data / folder`` with ``tool``, when it is installed.

    A tool that is missing is skipped (the desktop then reads the folder itself); one that fails is
    said in a sentence, since the files themselves are in place.
    """
    program = shutil.which(tool)
    if program is None or not (data / folder).is_dir():
        return
    try:
        done = subprocess.run(
            [program, *options, str(data / folder)], capture_output=True, text=True, timeout=120, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        said = str(error)
    else:
        if done.returncode == 0:
            return
        lines = (done.stderr or done.stdout).strip().splitlines()
        said = lines[-1] if lines else f"exit {done.returncode}"
    print(f"{tool} failed ({said}); the desktop may show the change after you log in again.", file=sys.stderr)


def _remove_old_files(data: Path) -> list[Path]:
    removed = []
    for relative, mark in OLD_FILES:
        old = data / relative
        try:
            if old.is_file() and mark in old.read_bytes() and _unlink(old):
                removed.append(old)
        except OSError:
            continue  # not ours to judge: left as it is
    return removed


def _holds_only(folder: Path, names: Sequence[str]) -> bool:
    """Whether ``folder`` has no file but ``names`` (at any depth): its cache would list nothing."""
    if not folder.is_dir():
        return False
    return all(
        path.relative_to(folder).as_posix() in names for path in folder.rglob("*") if not path.is_dir()
    )


def _unlink(path: Path) -> bool:
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    return True


def _remove_empty_folders(data: Path, removed: Sequence[Path]) -> None:
    """Remove each folder the removed files leave empty, up to (not including) the data home."""
    for path in sorted(removed, key=lambda p: len(p.parts), reverse=True):
        folder = path.parent
        while folder != data and data in folder.parents:
            try:
                folder.rmdir()  # only when empty
            except OSError:
                break
            folder = folder.parent
