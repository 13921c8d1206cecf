"""Whether the app has a plan open for editing, and holding it the same way from a command.

The app holds a plan it edits with a lock file beside it, ``<plan>.lock``, written by Qt's
QLockFile (gui.shell.files.FileFlows.open_path): a second window then offers the plan
read-only. A command that writes a plan (``offsite merge``) must honour that lock too, and hold
it while it writes, so the app cannot start editing underneath it. This module reads and writes
that lock file as QLockFile does, without Qt (the store has none): the first lines are the
holder's process id, its program name, its host name, the machine's id and the boot's id.

Like QLockFile with no stale time (how the app uses it), a lock counts as held unless it is
provably left over: written before this boot, or on this machine by a process that is gone
(or whose id a different program now has). A lock from another machine always counts.

(Not to be confused with store.lock, the lock a signed version puts on the plan's content.)
"""

from __future__ import annotations

import contextlib
import os
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from offsite.domain.errors import PlanInUseError
from offsite.domain.language import translate

#: Far more than any lock file holds: a larger one is not read whole (and counts as held).
_MAX_LOCK_BYTES = 4096


@dataclass(frozen=True, slots=True)
class Holder:
    """Who holds a plan's lock, as its lock file says."""

    pid: int
    program: str
    host: str
    #: True when the holder runs on this computer.
    here: bool


def lock_path(plan: Path | str) -> Path:
    """The app's lock file for ``plan``: beside it, named after its resolved path, as the app names it."""
    return Path(str(Path(plan).resolve()) + ".lock")


def holder(plan: Path | str) -> Holder | None:
    """Who has ``plan`` open for editing, or None when nobody does (no lock, or a left-over one)."""
    try:
        with lock_path(plan).open("rb") as file:
            data = file.read(_MAX_LOCK_BYTES)
    except FileNotFoundError:
        return None
    except OSError:
        return Holder(0, "", "", here=True)  # a lock we cannot read is one we cannot prove stale
    lines = data.decode("utf-8", "replace").split("\n")
    fields = (lines + [""] * 5)[:5]
    pid_text, program, host, host_id, boot_id = fields
    try:
        pid = int(pid_text)
    except ValueError:
        pid = 0
    if pid <= 0:
        return Holder(0, program, host, here=True)  # as QLockFile: unparsable is never stale
    here = host in ("", _host_name())
    if host_id:
        here = host_id == _machine_id()
    if boot_id and boot_id != _boot_id():
        return None  # written before this computer last started
    if here and not _running(pid, program):
        return None
    return Holder(pid, program, host, here)


def refuse_if_open(plan: Path | str, advice: str) -> None:
    """Raise PlanInUseError, naming where and ending with ``advice``, when the app has ``plan`` open."""
    found = holder(plan)
    if found is None:
        return
    name = Path(plan).name
    if found.here:
        text = translate("Files", "“{name}” is open in Offsite on this computer; {advice}")
    elif found.host:
        text = translate("Files", "“{name}” is open in Offsite on {computer}; {advice}")
    else:
        text = translate("Files", "“{name}” is open in Offsite on another computer; {advice}")
    raise PlanInUseError(text.format(name=name, computer=found.host, advice=advice))


@contextlib.contextmanager
def holding(plan: Path | str, advice: str) -> Iterator[None]:
    """Hold ``plan``'s lock for the duration, as the app does while it edits; refuse if it is held.

    A left-over lock (its process gone) is replaced, as QLockFile replaces it.
    """
    path = lock_path(plan)
    for _attempt in range(2):
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            break
        except FileExistsError:
            refuse_if_open(plan, advice)
            with contextlib.suppress(FileNotFoundError):
                path.unlink()  # left over by a process that is gone
    else:
        refuse_if_open(plan, advice)
        raise PlanInUseError(
            translate("Files", "“{name}” is being opened by another program; try again.").format(
                name=Path(plan).name
            )
        )
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(_contents().encode("utf-8"))
        yield
    finally:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def _contents() -> str:
    """This process as QLockFile writes its holder, so that the app honours (and can judge) it."""
    return f"{os.getpid()}\n{_program(os.getpid()) or ''}\n{_host_name()}\n{_machine_id()}\n{_boot_id()}\n"


def _running(pid: int, program: str) -> bool:
    """As QLockFile judges it: the process exists, and (where it can tell) runs the program named."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # another user's process: it exists
    except OverflowError:
        return False
    if not Path("/proc/self").exists():
        return True  # no way to read a process's program here: its existing is enough
    running = _program(pid)
    # QLockFile takes an unreadable program as a different one: the id was reused, the lock is stale.
    return running == Path(program).name if running is not None else False


def _program(pid: int) -> str | None:
    """The file name of the program ``pid`` runs (Linux), as QLockFile names it; None if unreadable."""
    try:
        target = os.readlink(f"/proc/{pid}/exe")
    except OSError:
        return None
    return Path(target.removesuffix(" (deleted)")).name


def _host_name() -> str:
    return socket.gethostname()


def _first_line(*paths: str) -> str:
    for candidate in paths:
        try:
            return Path(candidate).read_text(encoding="ascii", errors="replace").strip()
        except OSError:
            continue
    return ""


def _machine_id() -> str:
    return _first_line("/var/lib/dbus/machine-id", "/etc/machine-id")  # in the order Qt reads them


def _boot_id() -> str:
    return _first_line("/proc/sys/kernel/random/boot_id")
