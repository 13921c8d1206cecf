"""Buy-in ▸ Overlaps: the demo's findings by rule, settled by keys, each settlement one undo step."""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import Qt

from offsite.domain.overlap import OverlapRule
from offsite.domain.overlap_review import earlier_text
from offsite.domain.signoff import ResolutionAction
from offsite.exchange.pdf import export_plan_pdf
from offsite.gui.overlaps import KEY_ROLE, NOTHING_TO_SETTLE, EntryKind
from offsite.services.objectives import add_metric
from offsite.services.overlaps import read_resolutions, resolve_overlap
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


@pytest.fixture
def shared_pipeline(make_window, tmp_path: Path, demo_plan_bytes: bytes):  # type: ignore[no-untyped-def]
    """The demo where “Clean hand-offs” also tracks Marketing's “Marketing-sourced pipeline”: one more
    overlap to settle, between “Fill the pipeline” and “Clean hand-offs”."""
    path = tmp_path / "demo.offsite"
    path.write_bytes(demo_plan_bytes)
    with open_plan(path) as plan:
        hand_offs = next(o for o in read_plan(plan).objectives if o.statement == "Clean hand-offs")
        add_metric(plan, hand_offs.id, "Marketing-sourced pipeline")
    window = make_window()
    assert window.open_path(path)
    return window


def pick(tab, first: str, second: str):  # type: ignore[no-untyped-def]
    """Select the finding between the objectives worded ``first`` and ``second``; returns its entry."""
    entry = next(
        e
        for e in tab.entries
        if e.finding is not None and {e.first.statement, e.second.statement} == {first, second}
    )
    tab.select(entry.key)
    tab.ui.findingsView.setFocus()
    assert tab.current_entry() == entry
    return entry


def test_findings_are_listed_by_rule_with_its_sentence(qtbot, demo_window) -> None:  # type: ignore[no-untyped-def]
    tab = overlaps_tab(qtbot, demo_window)
    _view, resolutions = on_disk(demo_window.document.plan.path)
    groups = [tab.tree.item(row, 0) for row in range(tab.tree.rowCount())]
    # The most telling rules first; the goals several teams serve last, once each, nothing to settle.
    assert [g.text() for g in groups] == [
        "Known conflict · 1 finding, 1 open",
        "Shared data source · 1 finding, 0 open",
        "Serving one company goal · 1 goal, nothing to settle",
    ]
    assert all(tab.ui.findingsView.isExpanded(g.index()) for g in groups)
    assert tab.ui.summaryLabel.text() == (
        "<b>1 overlap to settle</b> (2 found, 1 settled) · 1 company goal served together, by design"
    )
    current = tab.current_entry()
    assert current is not None
    assert current.is_open  # the first open one is selected
    assert OverlapRule.KNOWN_CONFLICT.text in tab.ui.ruleLabel.text()
    assert "Inbound leads" in tab.ui.detailLabel.text()
    # The demo's settled finding is greyed with its resolution; "open only" hides it.
    [kept] = [e for e in tab.entries if e.resolution is not None]
    assert kept.resolution == resolutions[0]
    assert groups[1].child(0, 1).text() == "Kept with a note"
    qtbot.keyClick(tab.ui.findingsView, Qt.Key.Key_F, CTRL_SHIFT)
    assert tab.ui.openOnlyCheck.isChecked()
    assert tab.tree.item(1, 0).rowCount() == 0
    assert tab.tree.rowCount() == 2  # the goals are no findings: not listed among the open ones
    qtbot.keyClick(tab.ui.findingsView, Qt.Key.Key_F, CTRL_SHIFT)
    # Enter on a heading folds the group.
    tab.ui.findingsView.setCurrentIndex(tab.tree.index(0, 0))
    qtbot.keyClick(tab.ui.findingsView, Qt.Key.Key_Return)
    assert not tab.ui.findingsView.isExpanded(tab.tree.index(0, 0))


def test_objectives_serving_one_goal_are_shown_once_with_nothing_to_settle(  # type: ignore[no-untyped-def]
    qtbot, demo_window, answered
) -> None:
    path = demo_window.document.plan.path
    tab = overlaps_tab(qtbot, demo_window)
    ui = tab.ui
    before = on_disk(path)
    goals = tab.tree.item(2, 0)
    # Five objectives of four teams serve "Grow revenue": one line, not the ten pairs they make.
    assert goals.rowCount() == 1
    line = (
        "Serve “Grow revenue 50% in 2027”: Go outbound (Sales), Fill the pipeline (Marketing), One funnel "
        "view (Sales + Marketing), Expand happy customers (Sales + Customer Success), Clean hand-offs "
        "(Sales + Marketing + RevOps)"
    )
    assert goals.child(0, 0).text() == line
    assert goals.child(0, 1).text() == "Nothing to settle"
    rows = [
        tab.tree.item(r, 0).child(c, 0).text()
        for r in range(tab.tree.rowCount())
        for c in range(tab.tree.item(r, 0).rowCount())
    ]
    assert rows.count(line) == 1
    assert not any("Expand happy customers" in row and "↔" in row for row in rows)

    # Down the list by keys: past the two findings and the goals' heading, to the goal itself.
    ui.findingsView.setCurrentIndex(tab.tree.index(0, 0))
    for _ in range(5):
        qtbot.keyClick(ui.findingsView, Qt.Key.Key_Down)
    entry = tab.current_entry()
    assert entry is not None
    assert entry.group is not None
    assert "Serve “Grow revenue 50% in 2027”" in ui.firstLabel.text()
    assert "Clean hand-offs" in ui.firstLabel.text()
    assert "By design." in ui.resolutionLabel.text()
    assert not ui.mergeButton.isVisible()
    # M, A and K explain that there is nothing to settle, and write nothing.
    for key in (Qt.Key.Key_M, Qt.Key.Key_A, Qt.Key.Key_K):
        qtbot.keyClick(ui.findingsView, key)
        assert not ui.resolveBox.isVisible()
    assert answered.errors == [NOTHING_TO_SETTLE] * 3
    assert on_disk(path) == before


def test_a_same_goal_note_from_an_older_plan_stays_with_its_goal_and_counts_for_nothing(  # type: ignore[no-untyped-def]
    qtbot, make_window, tmp_path: Path, demo_plan_bytes: bytes
) -> None:
    path = tmp_path / "older.offsite"
    path.write_bytes(demo_plan_bytes)
    with open_plan(path) as plan:
        ids = {o.statement: o.id for o in read_plan(plan).objectives}
        # What a plan written before this version holds: a note on a pair that served one goal,
        # and one on a pair no rule finds any more.
        resolve_overlap(
            plan,
            "same_company_goal",
            ids["Go outbound"],
            ids["One funnel view"],
            "kept",
            "One funnel, two motions.",
        )
        resolve_overlap(
            plan, "similar_wording", ids["Expand happy customers"], ids["Own the category"], "adjusted"
        )
    window = make_window()
    assert window.open_path(path)
    tab = overlaps_tab(qtbot, window)
    assert tab.ui.summaryLabel.text().startswith("<b>1 overlap to settle</b> (2 found, 1 settled)")
    assert [tab.tree.item(r, 0).text() for r in range(tab.tree.rowCount())][2:] == [
        "Serving one company goal · 1 goal, nothing to settle",
        "Settled earlier · 1 resolution",
    ]
    goal = next(e for e in tab.entries if e.group is not None)
    tab.select(goal.key)
    assert "Noted earlier" in tab.ui.detailLabel.text()
    assert "“Go outbound” and “One funnel view”: kept with a note, “One funnel, two motions.”" in (
        tab.ui.detailLabel.text()
    )
    history = tab.tree.item(3, 0).child(0, 0)
    assert history.text() == "“Expand happy customers” and “Own the category”: adjusted"
    assert tab.tree.item(3, 0).child(0, 1).text() == "Adjusted"
    # The Review page counts the same two overlaps, one settled: the older notes count for nothing.
    window.show_view("review")
    table = window.phase_pages["review"].ui.componentsTable
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "Overlaps resolved")
    assert table.item(row, 2).text() == "1 of 2"


def test_keep_needs_a_note_and_adjust_leads_to_the_plan_page(  # type: ignore[no-untyped-def]
    qtbot, make_window, shared_pipeline, answered
) -> None:
    demo_window = shared_pipeline
    path = demo_window.document.plan.path
    tab = overlaps_tab(qtbot, demo_window)
    ui = tab.ui
    assert tab.ui.summaryLabel.text().startswith("<b>2 overlaps to settle</b> (3 found, 1 settled)")
    entry = pick(tab, "Go outbound", "Own the category")
    before = on_disk(path)

    # Keep without a note: refused with the reason, nothing written, the form stays open.
    qtbot.keyClick(ui.findingsView, Qt.Key.Key_K)
    assert ui.resolveBox.isVisible()
    assert ui.noteEdit.hasFocus()
    qtbot.keyClick(ui.noteEdit, Qt.Key.Key_Return)
    assert answered.errors == ["Say in a note why both objectives are kept as they are."]
    assert on_disk(path) == before
    assert ui.resolveBox.isVisible()
    qtbot.keyClicks(ui.noteEdit, "Different buyers, different leads")
    qtbot.keyClick(ui.noteEdit, Qt.Key.Key_Return)
    _view, resolutions = on_disk(path)
    [new] = [r for r in resolutions if r not in before[1]]
    assert (new.key, new.action, new.note) == (
        entry.key,
        ResolutionAction.KEPT,
        "Different buyers, different leads",
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
    assert "Different buyers, different leads" in tab.ui.resolutionLabel.text()


def test_merge_makes_one_shared_objective_and_undo_brings_both_back(qtbot, shared_pipeline) -> None:  # type: ignore[no-untyped-def]
    demo_window = shared_pipeline
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


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(path).pages)


def test_the_tab_the_review_page_and_the_pdf_agree_on_every_line_and_count(  # type: ignore[no-untyped-def]
    qtbot, make_window, tmp_path: Path, demo_plan_bytes: bytes, answered
) -> None:
    # The demo with what later edits and older plans leave behind: one more finding (a shared metric
    # name), a note stored on a pair that serves one goal, and a resolution whose pair no rule finds.
    path = tmp_path / "demo.offsite"
    path.write_bytes(demo_plan_bytes)
    with open_plan(path) as plan:
        ids = {o.statement: o.id for o in read_plan(plan).objectives}
        add_metric(plan, ids["Clean hand-offs"], "Marketing-sourced pipeline")
        resolve_overlap(
            plan, "same_company_goal", ids["Go outbound"], ids["One funnel view"], "kept", "Two motions."
        )
        resolve_overlap(
            plan, "similar_wording", ids["Expand happy customers"], ids["Own the category"], "adjusted"
        )
    window = make_window()
    assert window.open_path(path)
    tab = overlaps_tab(qtbot, window)
    # Settle the known conflict from the keyboard.
    pick(tab, "Go outbound", "Own the category")
    qtbot.keyClick(tab.ui.findingsView, Qt.Key.Key_K)
    qtbot.keyClicks(tab.ui.noteEdit, "Different buyers")
    qtbot.keyClick(tab.ui.noteEdit, Qt.Key.Key_Return)
    assert answered.errors == []

    whole = pdf_text(export_plan_pdf(window.document.plan, tmp_path / "plan.pdf"))
    section = whole[whole.index("Overlap review") : whole.index("Alignment index")]
    view = window.document.view()
    shown = [
        (tab.entry(heading.child(row, 0).data(KEY_ROLE)), heading.child(row, 1).text())
        for heading in (tab.tree.item(r, 0) for r in range(tab.tree.rowCount()))
        for row in range(heading.rowCount())
    ]
    kinds = [entry.kind for entry, _status in shown]
    assert kinds == [EntryKind.FINDING] * 3 + [EntryKind.GOAL, EntryKind.HISTORY]
    for entry, status in shown:
        if entry.kind is EntryKind.FINDING:
            # The same finding, settled (or open) the same way: its resolution follows its rule.
            assert f"{entry.rule.label} {entry.detail} Rule: {entry.rule.text} {status}" in section
        elif entry.kind is EntryKind.GOAL:
            assert section.count(f"{entry.detail}.") == 1
            [note] = entry.served.earlier
            assert f"Noted earlier: {earlier_text(view, note)}" in section
        else:
            assert (
                f"{entry.detail} {entry.rule.label} Settled earlier; the rules no longer find this pair, so "
                f"it is not counted. {status}" in section
            )
    assert section.count("Rule: ") == 3  # no finding in the PDF that the tab does not list
    assert [status for _entry, status in shown[:3]] == ["Kept with a note", "Open", "Kept with a note"]

    # The counts: the tab's summary, the PDF's, and the alignment index on the Review page and in the PDF.
    summary = tab.ui.summaryLabel.text()
    assert summary.startswith("<b>1 overlap to settle</b> (3 found, 2 settled)")
    assert "3 overlaps found between different teams’ objectives, 2 settled: 1 overlap to settle." in section
    window.show_view("review")
    review = window.phase_pages["review"].ui
    row = next(
        r
        for r in range(review.componentsTable.rowCount())
        if review.componentsTable.item(r, 0).text() == "Overlaps resolved"
    )
    assert review.componentsTable.item(row, 2).text() == "2 of 3"
    assert "Overlaps resolved: 2 of 3 found." in whole
    verdict = review.gapLabel.text().split(" points. ", 1)[1]
    assert verdict in whole
    said = re.search(r"<b>(\d+)</b> on the index", review.saidLabel.text())
    assert said is not None
    # The PDF's big numbers: the score, then what leaders say, as the Review page shows them.
    assert f"{review.scoreLabel.text()} {said.group(1)} " in whole
