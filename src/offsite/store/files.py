"""Writing a file whole or not at all: exports, copies and anything else a user will hand on.

The content goes to a temporary file beside the target, reaches the disk, and only then
replaces the target in one rename; a failure leaves any earlier file as it was and no
temporary file behind.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path

from offsite.domain.errors import DiskFullError, ExportError, OffsiteError

log = logging.getLogger(__name__)


@contextlib.contextmanager
def replacing(out: Path) -> Iterator[Path]:
    """A temporary path to fill; on leaving the block it replaces ``out`` in one step.

    Raises DiskFullError or ExportError (with a sentence a leader can act on) for the
    failures of the file system; any exception leaves ``out`` untouched.
    """
    if out.is_dir():
        raise ExportError(f"“{out.name}” is a folder; choose a file name instead.")
    if not out.parent.is_dir():
        raise ExportError(f"The folder for “{out.name}” does not exist; choose another place.")
    temp = out.with_name(f".{out.name}.{secrets.token_hex(6)}.part")
    try:
        # 0o666 lets the umask decide, as for any new file the user makes.
        os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666))
    except OSError as error:
        raise file_error(error, out) from error
    try:
        yield temp
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        _keep_permissions(out, temp)
        os.replace(temp, out)
    except BaseException as error:
        temp.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise file_error(error, out) from error
        raise
    _sync_folder(out.parent)


def write_whole(out: Path, data: bytes) -> Path:
    """Write ``data`` to ``out`` whole or not at all; returns ``out``."""
    with replacing(out) as temp:
        temp.write_bytes(data)
    return out


def file_error(error: OSError, out: Path) -> OffsiteError:
    """The typed error, with advice, for a file system failure while writing ``out``."""
    unchanged = f" Any earlier “{out.name}” is unchanged."
    if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return DiskFullError(
            f"The disk is full, so “{out.name}” was not written; free some space and try again." + unchanged
        )
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return ExportError(
            f"Offsite may not write to the folder of “{out.name}”; choose another place." + unchanged
        )
    if error.errno == errno.ENOENT:
        return ExportError(f"The folder for “{out.name}” does not exist; choose another place.")
    reason = error.strerror or str(error)
    return ExportError(f"“{out.name}” could not be written ({reason}); try another place." + unchanged)


def _keep_permissions(out: Path, temp: Path) -> None:
    """Replacing an existing file keeps its permissions (someone may have shared it on purpose)."""
    try:
        mode = stat.S_IMODE(out.stat().st_mode)
    except OSError:
        return
    try:
        os.chmod(temp, mode)
    except OSError:
        log.debug("could not keep the permissions of %s", out)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the system allows it (POSIX); elsewhere a no-op."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
