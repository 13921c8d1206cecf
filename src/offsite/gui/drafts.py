"""Drafting alone, merging in the room: File ▸ New Draft, Export Draft Pack and Merge Drafts.

A leader drafts before the offsite in a draft file (a pack the facilitator exported for them,
or one started with nothing but the app); in the room the facilitator merges the drafts into
the plan through a preview that lists, per draft, what each would add, change or remove and
where it conflicts with the plan. The rules are ``exchange.drafts``; this module only asks,
shows and hands the choices over. Dialogs open window-modal with ``open()`` (never ``exec()``):
the flow goes on in slots, so the event loop keeps running and tests drive them like a user.

The dialogs (``gui.draft_dialogs``) and the services load on first use: the window must open
as fast as a bare one, and a plan that is not a draft never shows them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QLabel

from offsite.domain.errors import CancelledError, OffsiteError
from offsite.domain.formatting import format_number
from offsite.domain.language import QT_TRANSLATE_NOOP, plural, translate
from offsite.gui.draft_words import banner_text

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog

    from offsite.exchange.drafts import DraftInfo, MergePreview
    from offsite.gui.document import PlanDocument
    from offsite.gui.host import Host
    from offsite.services.plans import PlanFile

IN_A_DRAFT = QT_TRANSLATE_NOOP(
    "Drafts", "This file is a draft: bring it to the facilitator, who merges it into the plan."
)
#: The preview's keys for Help ▸ Keyboard shortcuts: (keys, what they do).
KEYS = (
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Space"),
        QT_TRANSLATE_NOOP(
            "Shortcuts",
            "Merge preview: tick or untick the selected draft or item (what depends on it follows)",
        ),
    ),
    ("N", QT_TRANSLATE_NOOP("Shortcuts", "Merge preview: go to the next conflict")),
    ("P", QT_TRANSLATE_NOOP("Shortcuts", "Merge preview: keep the plan’s side of the selected conflict")),
    ("D", QT_TRANSLATE_NOOP("Shortcuts", "Merge preview: take the draft’s side of the selected conflict")),
    ("Enter", QT_TRANSLATE_NOOP("Shortcuts", "Merge preview: merge what is ticked, in one undoable step")),
)


# -- file names -----------------------------------------------------------------------------------
def pack_file_name(plan_title: str, leader_name: str) -> str:
    """“FY27 offsite – Maya Okafor draft.offsite”, without characters a file system refuses."""
    name = translate("Drafts", "{plan} – {leader} draft").format(
        plan=plan_title.strip() or "Offsite", leader=leader_name
    )
    return re.sub(r'[\\/:*?"<>|]+', " ", name).strip() + ".offsite"


class PreviewJob:
    """``preview_merge`` as a worker job; the preview waits here for the UI thread (a job returns a path)."""

    def __init__(self, plan: PlanFile, paths: list[Path]) -> None:
        self.plan, self.paths = plan, paths
        self.preview: MergePreview | None = None

    def __call__(self, progress: Any, is_cancelled: Any) -> Path:
        from offsite.exchange.drafts import preview_merge

        self.preview = preview_merge(self.plan, self.paths)
        if is_cancelled():
            raise CancelledError(translate("Drafts", "The preview was cancelled."))
        return self.plan.path


class DraftActions(QObject):
    """File ▸ New Draft, Export Draft Pack and Merge Drafts of one main window, and its draft banner."""

    def __init__(self, window: Host) -> None:
        super().__init__(window)
        self.main = window
        self.info: DraftInfo | None = None
        #: The dialog of the flow under way (a test drives it as a user would).
        self.dialog: QDialog | None = None
        self._job: PreviewJob | None = None
        ui = window.ui
        ui.actionNewDraft.triggered.connect(self.new_draft)
        ui.actionExportDraftPack.triggered.connect(self.export_pack)
        ui.actionMergeDrafts.triggered.connect(self.merge_drafts)
        ui.actionMergeHistory.triggered.connect(self.show_history)
        ui.menuFile.setToolTipsVisible(True)
        self.banner = QLabel(window)
        self.banner.setObjectName("draftBanner")
        self.banner.setWordWrap(True)
        self.banner.setAccessibleName(translate("Drafts", "This file is a draft"))
        self.banner.hide()
        self.follow(None)

    @property
    def document(self) -> PlanDocument | None:
        return self.main.document

    def follow(self, document: PlanDocument | None) -> None:
        """A plan was opened or closed: whether it is a draft decides the banner and the actions."""
        if document is None:
            self.info = None
        else:
            from offsite.exchange.drafts import read_draft_info

            self.info = read_draft_info(document.plan)
        self.banner.setVisible(self.info is not None)
        self.banner.setText(banner_text(self.info) if self.info is not None else "")
        ui = self.main.ui
        is_plan = document is not None and self.info is None
        ui.actionExportDraftPack.setEnabled(is_plan)
        ui.actionMergeDrafts.setEnabled(is_plan and document is not None and not document.readonly)
        ui.actionMergeHistory.setEnabled(is_plan)
        for action, what in (
            (
                ui.actionExportDraftPack,
                translate("Drafts", "Write a file for one leader to draft their team's objectives in"),
            ),
            (
                ui.actionMergeDrafts,
                translate("Drafts", "Bring leaders' drafts into this plan, with a preview first"),
            ),
        ):
            tip = translate("Drafts", IN_A_DRAFT) if self.info is not None else what
            if document is not None and document.readonly and action is ui.actionMergeDrafts:
                tip = translate("Drafts", "This plan is open read-only: merge where it is open for editing.")
            action.setToolTip(tip)
            action.setStatusTip(tip)

    def _show(self, dialog: QDialog) -> None:
        """Open ``dialog`` window-modal; it is deleted once answered (one flow at a time)."""
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = dialog
        dialog.finished.connect(self._dialog_finished)
        dialog.open()

    @Slot(int)
    def _dialog_finished(self, _result: int) -> None:
        dialog = self.sender()
        if dialog is self.dialog:
            self.dialog = None
        if dialog is not None:
            dialog.deleteLater()

    def _say(self, text: str) -> None:
        self.main.notifier.say(text, 10000)

    # -- File ▸ Merge History -------------------------------------------------------------------
    @Slot()
    def show_history(self) -> None:
        if self.document is None or self.info is not None:
            return
        from offsite.gui.merge_history import MergeHistoryDialog

        self._show(MergeHistoryDialog(self.document.plan, self.main))

    # -- File ▸ Export Draft Pack ----------------------------------------------------------------
    def export_pack(self) -> None:
        if self.document is None or self.info is not None:
            return
        from offsite.gui import dialogs

        view = self.document.view()
        teams: dict[int | None, str] = {t.id: t.name for t in view.teams}
        no_team = translate("Drafts", "no team")
        leaders = [
            (p.uid, f"{p.name} — {teams.get(p.team_id, no_team)}" + (f" ({p.title})" if p.title else ""))
            for p in view.leaders
        ]
        if not leaders:
            dialogs.show_error(
                self.main,
                translate("Drafts", "The plan has no leaders yet: add them on the Prepare screen first."),
            )
            return
        from offsite.gui.draft_dialogs import LeaderDialog

        dialog = LeaderDialog(leaders, self.main)
        dialog.chosen.connect(self._export_pack_for)
        self._show(dialog)

    @Slot(str)
    def _export_pack_for(self, leader_uid: str) -> None:
        from offsite.exchange.drafts import export_draft_pack
        from offsite.gui import dialogs

        assert self.document is not None
        plan, view = self.document.plan, self.document.view()
        leader = next(p for p in view.leaders if p.uid == leader_uid)
        suggested = dialogs.start_folder(plan.path) / pack_file_name(view.details.title, leader.name)
        path = dialogs.ask_save_path(
            self.main,
            translate("Drafts", "Export {leader}'s draft pack").format(leader=leader.name),
            str(suggested),
            dialogs.PLAN_FILTER,
            ".offsite",
        )
        if path is None:
            return
        if path.resolve() == plan.path.resolve():
            dialogs.show_error(
                self.main,
                translate("Drafts", "That is the plan's own file; choose another name for the draft pack."),
            )
            return
        try:
            export_draft_pack(plan, leader_uid, path)
        except OffsiteError as error:
            dialogs.show_error(self.main, str(error))
            return
        self.main.notifier.wrote(
            translate(
                "Drafts", "Wrote {leader}'s draft pack. They draft in it and bring it back to merge:"
            ).format(leader=leader.name),
            path,
        )

    # -- File ▸ New Draft -----------------------------------------------------------------------
    def new_draft(self) -> None:
        from offsite.gui.draft_dialogs import NewDraftDialog

        dialog = NewDraftDialog(self.main)
        dialog.chosen.connect(self._create_draft)
        self._show(dialog)

    @Slot(str, str, str)
    def _create_draft(self, name: str, team: str, title: str) -> None:
        from offsite.exchange.drafts import start_draft
        from offsite.gui import dialogs

        folder = dialogs.start_folder(self.main.document.plan.path if self.main.document else None)
        suggested = folder / pack_file_name(title, name.strip())
        asked = translate("Drafts", "New draft")
        path = dialogs.ask_save_path(self.main, asked, str(suggested), dialogs.PLAN_FILTER, ".offsite")
        if path is None:
            return
        if path.exists():
            dialogs.show_error(
                self.main,
                translate("Drafts", "“{file}” already exists. Choose another name for your draft.").format(
                    file=path.name
                ),
            )
            return
        try:
            start_draft(path, name, team, title).close()
        except OffsiteError as error:
            dialogs.show_error(self.main, str(error))
            return
        if self.main.open_path(path):
            self.main.show_view("plan")
            self.main.notifier.wrote(
                translate("Drafts", "Started your draft: add your team's objectives on the Plan screen."),
                path,
            )

    # -- File ▸ Merge Drafts ----------------------------------------------------------------------
    def merge_drafts(self) -> None:
        """Pick the drafts, read them on a worker, then show the preview."""
        if self.document is None or self.info is not None or self.document.readonly:
            return
        from offsite.gui import dialogs

        plan = self.document.plan
        paths = dialogs.ask_open_paths(
            self.main, translate("Drafts", "Merge drafts"), str(dialogs.start_folder(plan.path))
        )
        if paths:
            self.preview_drafts(paths)

    def preview_drafts(self, paths: list[Path]) -> None:
        """Read the drafts at ``paths`` on a worker, then show the preview (chosen in the file dialog, or dropped)."""
        if self.document is None or self.info is not None or self.document.readonly:
            return
        job = PreviewJob(self.document.plan, paths)
        if (
            self.main.run_job(
                plural(
                    len(paths),
                    translate("Drafts", "Reading {count} draft…"),
                    translate("Drafts", "Reading {count} drafts…"),
                ).format(count=format_number(len(paths))),
                job,
                self._previewed,
                cancelled=translate("Drafts", "Preview cancelled; nothing was merged."),
            )
            is not None
        ):
            self._job = job

    @Slot(str)
    def _previewed(self, _plan_path: str) -> None:
        job, self._job = self._job, None
        if job is None or job.preview is None or self.document is None:
            return
        from offsite.gui.draft_dialogs import MergePreviewDialog

        dialog = MergePreviewDialog(job.preview, self.document.view().details.title, self.main)
        dialog.mergeRequested.connect(self._merge)
        self._show(dialog)

    @Slot()
    def _merge(self) -> None:
        from offsite.gui.commands import MergeDraftsCommand
        from offsite.gui.draft_dialogs import MergePreviewDialog

        dialog = self.dialog
        assert isinstance(dialog, MergePreviewDialog)
        assert self.document is not None
        command = MergeDraftsCommand(
            self.document, dialog.preview, dialog.accepted_choices(), dialog.chosen_sides()
        )
        if self.document.execute(command):  # a refusal is shown as an error; the preview stays open
            dialog.accept()
            assert command.result is not None
            self._say(command.result.summary)
