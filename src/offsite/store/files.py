"""Files on disk as they really are: reading what someone sent, and writing whole or not at all.

Reading: what stands where a plan, a draft, a JSON or a PDF should be may be a named pipe (a
read would wait forever), a device, a folder or a link that points at itself. ``input_file``
tells each from a regular file without blocking, in one sentence a leader can act on.

Writing: the content goes to a temporary file beside the target, reaches the disk, and only then
replaces the target in one rename; a failure leaves any earlier file as it was and no
temporary file behind. A target that is a pipe, a device or a broken link is refused, never replaced.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from offsite.domain.errors import DiskFullError, ExportError, OffsiteError, UnreadableFileError
from offsite.domain.formatting import format_number
from offsite.domain.language import translate

log = logging.getLogger(__name__)


def input_file(path: Path, error: type[OffsiteError] = UnreadableFileError) -> os.stat_result:
    """The status of ``path`` when it is a regular file Offsite may read; else ``error`` saying what it is.

    Never opens the file, so a named pipe cannot block the caller; follows links, telling a
    link that leads nowhere from a missing file.
    """
    name = path.name
    try:
        status = os.stat(path)
    except OSError as failure:
        if failure.errno == errno.ELOOP:
            raise error(
                translate(
                    "Files",
                    "“{name}” is a link that leads nowhere (it points back at itself); "
                    "choose the file it was meant to point to.",
                ).format(name=name)
            ) from None
        if failure.errno == errno.ENOENT and os.path.islink(path):
            raise error(
                translate(
                    "Files", "“{name}” is a link to a file that no longer exists; choose the file itself."
                ).format(name=name)
            ) from None
        if failure.errno == errno.ENOENT:
            raise error(
                translate("Files", "“{name}” does not exist: check the folder and the name.").format(
                    name=name
                )
            ) from None
        if failure.errno in (errno.EACCES, errno.EPERM):
            raise error(
                translate("Files", "“{name}” cannot be read: you do not have permission to read it.").format(
                    name=name
                )
            ) from None
        raise error(
            translate("Files", "“{name}” cannot be read ({reason}).").format(
                name=name, reason=failure.strerror or failure
            )
        ) from None
    if stat.S_ISDIR(status.st_mode):
        raise error(
            translate("Files", "“{name}” is a folder, not a file; choose a file inside it.").format(name=name)
        )
    if not stat.S_ISREG(status.st_mode):
        raise error(
            translate(
                "Files",
                "“{name}” is not a regular file (it is a pipe, a socket or a device), so Offsite did not "
                "read it; save what it should hold as a file and choose that.",
            ).format(name=name)
        )
    return status


def read_limited(path: Path, limit: int, error: type[OffsiteError] = UnreadableFileError) -> bytes:
    """The bytes of the regular file ``path``, refusing one larger than ``limit`` (even if it grows while read)."""
    input_file(path, error)
    try:
        # O_NONBLOCK: should a pipe be swapped in after the check, opening it still returns at once.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as failure:
        raise error(
            translate("Files", "“{name}” cannot be read ({reason}).").format(
                name=path.name, reason=failure.strerror or failure
            )
        ) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise error(
                translate("Files", "“{name}” is not a regular file, so Offsite did not read it.").format(
                    name=path.name
                )
            )
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
    except OSError as failure:
        raise error(
            translate("Files", "“{name}” cannot be read ({reason}).").format(
                name=path.name, reason=failure.strerror or failure
            )
        ) from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise error(
            translate(
                "Files",
                "“{name}” is over {megabytes} MB (or still growing), far larger than any plan; check that it is the right file.",
            ).format(name=path.name, megabytes=format_number(limit // (1024 * 1024)))
        )
    return data


def output_file(out: Path) -> None:
    """Refuse a target that is no place for a file: a folder, a pipe, a device or a broken link."""
    name = out.name
    if not os.path.lexists(out):
        if not out.parent.is_dir():
            raise ExportError(
                translate("Files", "The folder for “{name}” does not exist; choose another place.").format(
                    name=name
                )
            )
        return
    try:
        status = os.stat(out)
    except OSError as failure:
        if failure.errno == errno.ELOOP:
            raise ExportError(
                translate(
                    "Files",
                    "“{name}” is a link that leads nowhere (it points back at itself); choose another name.",
                ).format(name=name)
            ) from None
        if failure.errno == errno.ENOENT:
            raise ExportError(
                translate(
                    "Files", "“{name}” is a link to a file that no longer exists; choose another name."
                ).format(name=name)
            ) from None
        raise file_error(failure, out) from None
    if stat.S_ISDIR(status.st_mode):
        raise ExportError(
            translate("Files", "“{name}” is a folder; choose a file name instead.").format(name=name)
        )
    if not stat.S_ISREG(status.st_mode):
        raise ExportError(
            translate(
                "Files",
                "“{name}” is not a regular file (it is a pipe, a socket or a device); choose another name.",
            ).format(name=name)
        )


@contextlib.contextmanager
def replacing(out: Path) -> Iterator[Path]:
    """A temporary path to fill; on leaving the block it replaces ``out`` in one step.

    Raises DiskFullError or ExportError (with a sentence a leader can act on) for the
    failures of the file system; any exception leaves ``out`` untouched.
    """
    output_file(out)
    temp = temporary_beside(out)
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


def temporary_beside(out: Path) -> Path:
    """A new, unused name beside ``out`` (hidden), to build a file under before it takes ``out``'s place."""
    import secrets  # with hmac, OpenSSL's library: loaded by the first write, not by opening a plan

    return out.with_name(f".{out.name}.{secrets.token_hex(6)}.part")


def put_in_place(temp: Path, out: Path, exists: str) -> None:
    """Make the finished file ``temp`` appear at ``out`` in one step, never over a file already there.

    ``temp`` reaches the disk first; then a hard link gives it the name ``out``, which fails if
    anything holds that name, so of two commands creating the same file exactly one succeeds
    and the other gets ``exists`` (an OffsiteError). ``temp`` is gone afterwards either way.
    """
    try:
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        try:
            os.link(temp, out)
        except FileExistsError:
            raise OffsiteError(exists) from None
        except OSError as error:
            if error.errno not in _NO_HARD_LINKS:
                raise
            _claim_and_replace(temp, out, exists)
    except OSError as error:
        raise file_error(error, out) from error
    finally:
        temp.unlink(missing_ok=True)
    _sync_folder(out.parent)


#: What a file system without hard links (FAT, some network shares) answers to ``os.link``.
_NO_HARD_LINKS = {
    errno.EPERM,
    errno.EXDEV,
    errno.EMLINK,
    getattr(errno, "ENOTSUP", -1),
    getattr(errno, "EOPNOTSUPP", -1),
}


def _claim_and_replace(temp: Path, out: Path, exists: str) -> None:
    """Without hard links: claim the name with an exclusive create, then rename the finished file onto it."""
    try:
        os.close(os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666))
    except FileExistsError:
        raise OffsiteError(exists) from None
    os.replace(temp, out)


def write_whole(out: Path, data: bytes) -> Path:
    """Write ``data`` to ``out`` whole or not at all; returns ``out``."""
    with replacing(out) as temp:
        temp.write_bytes(data)
    return out


def file_error(error: OSError, out: Path) -> OffsiteError:
    """The typed error, with advice, for a file system failure while writing ``out``."""
    name = out.name
    if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return DiskFullError(
            translate(
                "Files",
                "The disk is full, so “{name}” was not written; free some space and try again. "
                "Any earlier “{name}” is unchanged.",
            ).format(name=name)
        )
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return ExportError(
            translate(
                "Files",
                "Offsite may not write to the folder of “{name}”; choose another place. Any earlier “{name}” is unchanged.",
            ).format(name=name)
        )
    if error.errno == errno.ENOENT:
        return ExportError(
            translate("Files", "The folder for “{name}” does not exist; choose another place.").format(
                name=name
            )
        )
    reason = error.strerror or str(error)
    return ExportError(
        translate(
            "Files",
            "“{name}” could not be written ({reason}); try another place. Any earlier “{name}” is unchanged.",
        ).format(name=name, reason=reason)
    )


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
