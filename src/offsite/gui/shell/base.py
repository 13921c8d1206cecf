"""What the parts of the window's shell know of each other: one class they all build on.

The window is put together from a few parts (``files``, ``jobs``, ``room``), each a class
over ``ShellBase``; this names what one part calls in another, so each type-checks on its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from offsite.gui.host import Host

if TYPE_CHECKING:
    from offsite.gui.document import PlanDocument


class ShellBase(Host):
    """The main window as its own parts see it: the Host interface and the steps they share."""

    def install(self, document: PlanDocument) -> None:
        """Show ``document`` in the window: its pages, undo stack, title and status."""
        raise NotImplementedError

    def close_document(self) -> None:
        """Close the plan open in the window, if any: its pages go and its lock is released."""
        raise NotImplementedError

    def plan_checked(self, problem: str) -> None:
        """The integrity check of the plan on screen is done: ``problem`` is "" or why it is damaged."""
        raise NotImplementedError

    def cancel_job(self, *, wait: bool) -> None:
        """Cancel the export under way, if any (``wait`` for its thread to end)."""
        raise NotImplementedError
