"""Expected failures, each with a message a leader can act on.

Services, the store and the exchange raise these; the GUI shows ``str(error)`` in a dialog
and the command line prints it as one sentence. Anything else is a bug and reaches the
crash handler instead.
"""

from __future__ import annotations


class OffsiteError(Exception):
    """Base of every expected failure; ``str()`` is the sentence shown to the user."""


class NotAPlanError(OffsiteError):
    """The file is not an Offsite plan (text, empty, damaged, or another program's database)."""


class UnreadableFileError(OffsiteError):
    """What stands at a path is not a file Offsite can read: a pipe, a device, a folder, a broken link."""


class PlanTooNewError(OffsiteError):
    """The plan was written by a newer Offsite than this one."""


class PlanInUseError(OffsiteError):
    """Another Offsite window or process has the plan open for editing."""


class PlanReadOnlyError(OffsiteError):
    """The plan is open read-only, so it cannot be changed."""


class DiskFullError(OffsiteError):
    """The disk (or the plan's own size limit) is full; the change was not saved."""


class PlanBusyError(OffsiteError):
    """Another program held the plan locked for longer than we wait."""


class PlanSignedError(OffsiteError):
    """The plan is signed (frozen as a version), so its content cannot change until it is re-opened."""


class EditRefusedError(OffsiteError):
    """The edit would break the plan's rules (e.g. removing a team that still has leaders)."""


class ExportError(OffsiteError):
    """An export could not be written."""


class ImportFormatError(OffsiteError):
    """An interchange file could not be read as a plan."""


class UnreadableTableError(ImportFormatError):
    """A file of actuals cannot be read as a table at all: not a table, too large, damaged, a pipe."""


class CancelledError(OffsiteError):
    """The user cancelled a long-running job."""


class MergeRefusedError(OffsiteError):
    """A draft cannot be merged: not a draft, a draft of another plan, or a conflict left unchosen."""
