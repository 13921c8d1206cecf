"""Files a user hands on are written whole, with the permissions any new file of theirs gets."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from offsite.domain.errors import ExportError
from offsite.store.files import replacing, write_whole


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_gets_the_users_usual_permissions(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        out = write_whole(tmp_path / "plan.pdf", b"%PDF-1.4 ...")
    finally:
        os.umask(previous)
    assert mode(out) == 0o644  # readable by the colleagues it is meant for, not 0600


def test_replacing_a_file_keeps_its_permissions(tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    out.write_text("old")
    out.chmod(0o640)
    write_whole(out, b"new")
    assert out.read_bytes() == b"new"
    assert mode(out) == 0o640


def test_a_failure_inside_the_block_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    out = tmp_path / "plan.pdf"
    out.write_bytes(b"old")

    def export_that_breaks_midway() -> None:
        with replacing(out) as temp:
            temp.write_bytes(b"half")
            raise RuntimeError("the export broke midway")

    with pytest.raises(RuntimeError):
        export_that_breaks_midway()
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.pdf"]


def test_a_folder_is_not_a_file_name(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="is a folder"):
        write_whole(tmp_path, b"x")
