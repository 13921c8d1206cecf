"""File ▸ Merge History shows where merged items came from: whose draft, which file, when."""

from __future__ import annotations

from offsite.gui.merge_history import MergeHistoryDialog
from offsite.store import PlanFile


def test_history_groups_the_demo_merge_under_daniels_draft(qtbot, demo_window) -> None:  # type: ignore[no-untyped-def]
    demo_window.ui.actionMergeHistory.trigger()
    dialog = demo_window.drafts.dialog
    assert isinstance(dialog, MergeHistoryDialog)
    qtbot.waitExposed(dialog)
    assert dialog.summary.text() == "1 item came in with 1 merged draft, the latest merge first."
    (group,) = [dialog.tree.topLevelItem(i) for i in range(dialog.tree.topLevelItemCount())]
    assert group.text(0) == "Daniel Kim’s draft (daniel-kim-draft.offsite) · 14 Jan 2027 08:45 UTC · 1 item"
    row = group.child(0)
    assert row.text(0) == "Objective “Expand happy customers” (Sales, Customer Success)"
    assert row.text(1) == "added"


def test_a_plan_without_merges_says_how_to_merge(qtbot, plan: PlanFile) -> None:  # type: ignore[no-untyped-def]
    dialog = MergeHistoryDialog(plan)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "No draft has been merged into this plan yet" in dialog.summary.text()
    assert dialog.tree.isHidden()


def test_merge_history_is_not_offered_in_a_draft(qtbot, demo_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from offsite.exchange.drafts import export_draft_pack

    view = demo_window.document.view()
    path = export_draft_pack(demo_window.document.plan, view.leaders[0].uid, tmp_path / "maya.offsite")
    assert demo_window.open_path(path)
    assert not demo_window.ui.actionMergeHistory.isEnabled()
