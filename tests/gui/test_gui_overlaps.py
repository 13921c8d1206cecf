"""Buy-in ▸ Overlaps: the demo's findings by rule, settled by keys, each settlement one undo step."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from offsite.domain.overlap import OverlapRule
from offsite.domain.signoff import ResolutionAction
from offsite.services.overlaps import read_resolutions
from offsite.services.plans import open_plan, read_plan

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def on_disk(path: Path):  # type: ignore[no-untyped-def]
    with open_plan(path, readonly=True) as plan:
        return read_plan(plan), read_resolutions(plan)


def overlaps_tab(qtbot, window):  # type: ignore[no-untyped-def]
    window.show_view("buyin")
    page = window.phase_pages["buyin"]
    page.ui.matrixView.setFocus()
    qtbot.keyClick(page.ui.matrixView, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert page.ui.tabs.currentWidget() is page.overlaps
    assert page.overlaps.ui.findingsView.hasFocus()
    return page.overlaps


def pick(tab, first: str, second: str):  # type: ignore[no-untyped-def]
    """Select the finding between the objectives worded ``first`` and ``second``; returns its entry."""
    entry = next(
        e
        for e in tab.entries
        if e.first is not None and {e.first.statement, e.second.statement} == {first, second}
    )
    tab.select(entry.key)
    tab.ui.findingsView.setFocus()
    assert tab.current_entry() == entry
    return entry


def test_findings_are_listed_by_rule_with_its_sentence(qtbot, demo_window) -> None:  # type: ignore[no-untyped-def]
    tab = overlaps_tab(qtbot, demo_window)
    _view, resolutions = on_disk(demo_window.document.plan.path)
    groups = [tab.tree.item(row, 0) for row in range(tab.tree.rowCount())]
    # The most telling rules first; the big same-goal group last, folded so it is not noise.
    assert [g.text() for g in groups] == [
        "Known conflict · 1 finding, 1 open",
        "Shared data source · 1 finding, 1 open",
        "Same company goal · 10 findings, 9 open",
    ]
    same_goal = groups[2]
    assert same_goal.rowCount() == 10
    assert not tab.ui.findingsView.isExpanded(same_goal.index())
    assert tab.ui.findingsView.isExpanded(groups[0].index())
    assert "11 of 12" in tab.ui.summaryLabel.text()
    current = tab.current_entry()
    assert current is not None
    assert current.is_open  # the first open one is selected
    assert OverlapRule.KNOWN_CONFLICT.text in tab.ui.ruleLabel.text()
    assert "Inbound leads" in tab.ui.detailLabel.text()
    # The demo's settled finding is greyed with its resolution; "open only" hides it.
    [kept] = [e for e in tab.entries if not e.is_open]
    assert kept.resolution == resolutions[0]
    statuses = [same_goal.child(i, 1).text() for i in range(10)]
    assert statuses.count("Kept with a note") == 1
    qtbot.keyClick(tab.ui.findingsView, Qt.Key.Key_F, CTRL_SHIFT)
    assert tab.ui.openOnlyCheck.isChecked()
    assert tab.tree.item(2, 0).rowCount() == 9
    # Enter on a heading folds the group.
    tab.ui.findingsView.setCurrentIndex(tab.tree.index(0, 0))
    qtbot.keyClick(tab.ui.findingsView, Qt.Key.Key_Return)
    assert not tab.ui.findingsView.isExpanded(tab.tree.index(0, 0))


def test_keep_needs_a_note_and_adjust_leads_to_the_plan_page(  # type: ignore[no-untyped-def]
    qtbot, make_window, demo_window, answered
) -> None:
    path = demo_window.document.plan.path
    tab = overlaps_tab(qtbot, demo_window)
    ui = tab.ui
    entry = pick(tab, "Go outbound", "Expand happy customers")
    before = on_disk(path)

    # Keep without a note: refused with the reason, nothing written, the form stays open.
    qtbot.keyClick(ui.findingsView, Qt.Key.Key_K)
    assert ui.resolveBox.isVisible()
    assert ui.noteEdit.hasFocus()
    qtbot.keyClick(ui.noteEdit, Qt.Key.Key_Return)
    assert answered.errors == ["Say in a note why both objectives are kept as they are."]
    assert on_disk(path) == before
    assert ui.resolveBox.isVisible()
    qtbot.keyClicks(ui.noteEdit, "Different buyers, same goal")
    qtbot.keyClick(ui.noteEdit, Qt.Key.Key_Return)
    _view, resolutions = on_disk(path)
    [new] = [r for r in resolutions if r not in before[1]]
    assert (new.key, new.action, new.note) == (
        entry.key,
        ResolutionAction.KEPT,
        "Different buyers, same goal",
    )
    assert not ui.resolveBox.isVisible()
    assert tab.current_entry().resolution.action is ResolutionAction.KEPT
    assert "Kept with a note" in ui.resolutionLabel.text()
    assert "Different buyers" in ui.resolutionLabel.text()
    # Settled already: a second K explains instead of writing.
    qtbot.keyClick(ui.findingsView, Qt.Key.Key_K)
    assert "already" in answered.errors[-1]

    # Adjust: an optional note, then Ctrl+Shift+H opens the second objective on the Plan page.
    adjusted = pick(tab, "Fill the pipeline", "Clean hand-offs")
    qtbot.keyClick(ui.findingsView, Qt.Key.Key_A)
    qtbot.keyClick(ui.noteEdit, Qt.Key.Key_Return)
    _view, resolutions = on_disk(path)
    assert {r.key: r.action for r in resolutions}[adjusted.key] is ResolutionAction.ADJUSTED
    assert "Plan page" in ui.resolutionLabel.text()
    qtbot.keyClick(ui.findingsView, Qt.Key.Key_H, CTRL_SHIFT)
    assert demo_window.current_view() == "plan"
    assert demo_window.phase_pages["plan"].current_id == adjusted.second.id

    # Both settlements survive closing the window.
    demo_window.close()
    again = make_window()
    assert again.open_path(path)
    tab = overlaps_tab(qtbot, again)
    settled = {e.key: e.resolution.action for e in tab.entries if e.resolution is not None}
    assert settled[entry.key] is ResolutionAction.KEPT
    assert settled[adjusted.key] is ResolutionAction.ADJUSTED
    tab.select(entry.key)
    assert "Different buyers, same goal" in tab.ui.resolutionLabel.text()


def test_merge_makes_one_shared_objective_and_undo_brings_both_back(qtbot, demo_window) -> None:  # type: ignore[no-untyped-def]
    path = demo_window.document.plan.path
    tab = overlaps_tab(qtbot, demo_window)
    ui = tab.ui
    entry = pick(tab, "Fill the pipeline", "Clean hand-offs")
    first, second = entry.first, entry.second
    before = on_disk(path)

    qtbot.keyClick(ui.findingsView, Qt.Key.Key_M)
    assert ui.statementEdit.isVisible()
    assert ui.statementEdit.hasFocus()
    assert ui.statementEdit.text() == first.statement
    qtbot.keyClicks(ui.statementEdit, "One clean pipeline")
    qtbot.keyClick(ui.statementEdit, Qt.Key.Key_Return)

    view, resolutions = on_disk(path)
    ids = {o.id for o in view.objectives}
    assert second.id not in ids
    merged = view.objective(first.id)
    assert merged.statement == "One clean pipeline"
    assert set(merged.team_ids) == set(first.team_ids) | set(second.team_ids)
    assert [o.origin_uid for o in merged.merged_from] == [first.uid, second.uid]
    assert merged.origin_label.startswith("merged from: ")
    assert first.statement not in {o.statement for o in view.objectives}
    resolution = next(r for r in resolutions if r.key == entry.key)
    assert (resolution.action, resolution.merged_objective_uid) == (ResolutionAction.MERGED, merged.uid)
    # The merged pair stays listed, settled, naming the shared objective.
    assert tab.current_entry().key == entry.key
    assert "One clean pipeline" in ui.firstLabel.text()
    assert "Merged" in ui.resolutionLabel.text()

    demo_window.undo_action.trigger()
    assert on_disk(path) == before
    assert tab.entry(entry.key).is_open
    demo_window.redo_action.trigger()
    view, resolutions = on_disk(path)
    assert second.id not in {o.id for o in view.objectives}
    assert view.objective(first.id).statement == "One clean pipeline"
    assert len(view.objective(first.id).merged_from) == 2
    demo_window.undo_action.trigger()  # the redone merge undoes as well
    assert on_disk(path) == before


def test_escape_cancels_and_a_read_only_plan_settles_nothing(  # type: ignore[no-untyped-def]
    qtbot, make_window, tmp_path: Path, demo_plan_bytes: bytes, demo_window
) -> None:
    tab = overlaps_tab(qtbot, demo_window)
    qtbot.keyClick(tab.ui.findingsView, Qt.Key.Key_M)
    qtbot.keyClick(tab.ui.statementEdit, Qt.Key.Key_Escape)
    assert not tab.ui.resolveBox.isVisible()
    assert tab.ui.findingsView.hasFocus()
    demo_window.close()

    path = tmp_path / "readonly.offsite"
    path.write_bytes(demo_plan_bytes)
    window = make_window()
    assert window.open_path(path, readonly=True)
    tab = overlaps_tab(qtbot, window)
    before = on_disk(path)
    for key in (Qt.Key.Key_M, Qt.Key.Key_A, Qt.Key.Key_K):
        qtbot.keyClick(tab.ui.findingsView, key)
        assert not tab.ui.resolveBox.isVisible()
    assert not any(b.isEnabled() for b in (tab.ui.mergeButton, tab.ui.adjustButton, tab.ui.keepButton))
    assert tab.ui.openOnlyCheck.isEnabled()
    assert on_disk(path) == before
