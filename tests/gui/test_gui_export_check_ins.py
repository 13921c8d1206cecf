"""File ▸ Export Check-ins (CSV/XLSX)…: the check-ins written on a worker, as the chosen name ends."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from offsite.services.checkins import check_in
from offsite.services.plans import read_plan
from offsite.store import open_plan_file
from quarters import forget_the_quarters

HYPERLINK = '=HYPERLINK("http://x","click")'


@pytest.fixture
def tracked_window(make_window, tmp_path: Path, demo_plan_bytes: bytes):  # type: ignore[no-untyped-def]
    """A window on a copy of the demo plan with a check-in whose note reads like a formula."""
    path = tmp_path / "demo.offsite"
    path.write_bytes(demo_plan_bytes)
    plan = open_plan_file(path)
    try:
        forget_the_quarters(plan)
        metric = read_plan(plan).objectives[0].metrics[0]
        check_in(plan, metric.id, 55, as_of=dt.date(2027, 2, 1), confidence=8, note=HYPERLINK)
    finally:
        plan.close()
    window = make_window()
    assert window.open_path(path)
    return window


def test_the_file_menu_offers_the_check_ins_beside_the_other_exports(make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    texts = [a.text() for a in window.ui.menuFile.actions()]
    at = texts.index("Export &JSON…")
    assert texts[at + 1] == "Export &Check-ins (CSV/XLSX)…"
    assert not window.export_check_ins_action.isEnabled()  # no plan open: nothing to export


@pytest.mark.parametrize("name", ["q1-check-ins.xlsx", "q1-check-ins.csv"])
def test_exporting_the_check_ins_writes_the_chosen_format_on_a_worker(
    qtbot, tracked_window, answered, tmp_path: Path, name: str
) -> None:
    out = tmp_path / name
    answered.save_paths.append(out)
    assert tracked_window.export_check_ins_action.isEnabled()
    tracked_window.export_check_ins_action.trigger()
    qtbot.waitUntil(lambda: tracked_window._job is None, timeout=30_000)
    assert answered.errors == []
    kind = out.suffix.lstrip(".").upper()
    assert f"Exported the check-ins to {kind}:" in tracked_window.notifier.text()
    if kind == "XLSX":
        sheet = openpyxl.load_workbook(out)["Check-ins"]
        header = [c.value for c in sheet[1]]
        assert sheet.cell(2, header.index("note") + 1).value == HYPERLINK
        assert sheet.cell(2, header.index("note") + 1).data_type == "s"
    else:
        text = out.read_text(encoding="utf-8-sig")
        assert text.splitlines()[0].startswith("objective,metric,metric_uid,")
        assert "'=HYPERLINK" in text
