"""Save As and snapshots: a whole, self-contained copy of a live plan, or no change at all."""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from offsite.domain.errors import DiskFullError, ExportError
from offsite.services.objectives import add_objective
from offsite.services.plans import check_plan, read_plan
from offsite.store import PlanFile, open_plan_file
from offsite.store.snapshot import save_copy


def _statements_in_main_file_alone(path: Path, folder: Path) -> list[str]:
    """What a naive file copy (main file only, no -wal) would carry."""
    naive = folder / "naive.offsite"
    shutil.copyfile(path, naive)
    connection = sqlite3.connect(naive)
    try:
        return [row[0] for row in connection.execute("SELECT statement FROM objective ORDER BY id")]
    finally:
        connection.close()


def test_copy_of_a_live_plan_holds_its_uncheckpointed_edits(demo_plan: PlanFile, tmp_path: Path) -> None:
    add_objective(demo_plan, "Win back churned")
    wal = demo_plan.path.with_name(demo_plan.path.name + "-wal")
    assert wal.stat().st_size > 0
    naive_folder = tmp_path / "naive"
    naive_folder.mkdir()
    assert "Win back churned" not in _statements_in_main_file_alone(demo_plan.path, naive_folder), (
        "the edit is already in the main file: this test would not prove the copy reads the WAL"
    )
    destination = tmp_path / "copies" / "Offsite 2027 (copy).offsite"
    destination.parent.mkdir()

    assert save_copy(demo_plan, destination) == destination

    # One file, nothing beside it, in rollback-journal mode so it can be mailed as is.
    assert sorted(p.name for p in destination.parent.iterdir()) == [destination.name]
    assert destination.read_bytes()[18:20] == b"\x01\x01"
    assert check_plan(destination).sound
    with open_plan_file(destination) as copy:
        assert read_plan(copy) == read_plan(demo_plan)


def test_copy_replaces_an_older_copy_whole(demo_plan: PlanFile, tmp_path: Path) -> None:
    destination = tmp_path / "snapshot.offsite"
    save_copy(demo_plan, destination)
    add_objective(demo_plan, "Later idea")
    save_copy(demo_plan, destination)
    with open_plan_file(destination) as copy:
        assert read_plan(copy).objectives[-1].statement == "Later idea"


def test_failed_copy_into_a_missing_folder_is_an_export_error(demo_plan: PlanFile, tmp_path: Path) -> None:
    destination = tmp_path / "gone" / "copy.offsite"
    with pytest.raises(ExportError, match=re.escape("The folder for “copy.offsite” does not exist")):
        save_copy(demo_plan, destination)
    assert not destination.parent.exists()


def test_failed_copy_over_a_folder_leaves_it_and_no_partial_file(demo_plan: PlanFile, tmp_path: Path) -> None:
    destination = tmp_path / "copy.offsite"
    destination.mkdir()
    (destination / "keep.txt").write_text("keep me")
    with pytest.raises(ExportError, match=re.escape("“copy.offsite” is a folder; choose a file name")):
        save_copy(demo_plan, destination)
    assert (destination / "keep.txt").read_text() == "keep me"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".") or p.suffix == ".part"] == []


def test_copy_onto_a_full_disk_leaves_the_old_copy_untouched(demo_plan: PlanFile, small_disk: Path) -> None:
    destination = small_disk / "snapshot.offsite"
    destination.write_bytes(b"yesterday's snapshot")
    ballast = small_disk / "ballast"
    ballast.write_bytes(b"\0" * 400 * 1024)  # what is left is less than the demo plan's size

    full = re.escape("The disk is full, so “snapshot.offsite” was not written; free some space")
    with pytest.raises(DiskFullError, match=full):
        save_copy(demo_plan, destination)

    assert destination.read_bytes() == b"yesterday's snapshot"
    assert sorted(p.name for p in small_disk.iterdir()) == ["ballast", "snapshot.offsite"]
