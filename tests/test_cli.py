"""The command line, run as the real ``offsite`` console script in a child process.

Scripts rely on this contract: exit codes, one plain sentence on stderr for a failure (never a
traceback), inputs left byte for byte as they were, outputs written whole or not at all.
"""

from __future__ import annotations

import json
import sqlite3
import struct
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from cli_runner import Run
from offsite import __version__
from offsite.cli import VIEWS
from offsite.exchange.interchange import GENERATED_FIELDS

DEMO_TITLE = "Sales & Marketing Offsite 2027"


@pytest.fixture
def demo_file(tmp_path: Path, demo_plan_bytes: bytes) -> Path:
    path = tmp_path / "demo.offsite"
    path.write_bytes(demo_plan_bytes)
    return path


def assert_failed(result: subprocess.CompletedProcess[str], code: int | None = None) -> str:
    """The command failed with one plain sentence on stderr; returns that sentence."""
    assert result.returncode != 0, result
    if code is not None:
        assert result.returncode == code, result
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].strip(), result.stderr
    return lines[0]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file directly in ``folder`` with its bytes, to prove a failure changed nothing."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def without_generated(document: dict[str, object]) -> dict[str, object]:
    return {key: value for key, value in document.items() if key not in GENERATED_FIELDS}


# --- version and demo --------------------------------------------------------------------------------


def test_version(offsite: Run) -> None:
    result = offsite("--version")
    assert result.returncode == 0, result
    assert result.stdout.strip() == f"Offsite {__version__}" == "Offsite 0.2.0"


def test_demo_writes_a_sound_plan(offsite: Run, tmp_path: Path) -> None:
    plan = tmp_path / "new.offsite"
    result = offsite("demo", plan)
    assert result.returncode == 0, result
    assert plan.is_file()
    checked = offsite("check", plan)
    assert checked.returncode == 0, checked
    assert "sound" in checked.stdout


def test_demo_refuses_an_existing_file(offsite: Run, tmp_path: Path) -> None:
    existing = tmp_path / "taken.offsite"
    existing.write_bytes(b"someone else's work\n")
    before = snapshot(tmp_path)
    sentence = assert_failed(offsite("demo", existing))
    assert "taken.offsite" in sentence
    assert snapshot(tmp_path) == before


# --- export ------------------------------------------------------------------------------------------


def test_export_pdf(offsite: Run, tmp_path: Path, demo_file: Path) -> None:
    before = demo_file.read_bytes()
    out = tmp_path / "plan.pdf"
    result = offsite("export", demo_file, out)
    assert result.returncode == 0, result
    text = "\n".join(page.extract_text() or "" for page in PdfReader(out).pages)
    assert DEMO_TITLE in text
    assert "Go outbound" in text
    assert demo_file.read_bytes() == before


def test_export_json(offsite: Run, tmp_path: Path, demo_file: Path) -> None:
    before = demo_file.read_bytes()
    out = tmp_path / "plan.json"
    result = offsite("export", demo_file, out)
    assert result.returncode == 0, result
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["format"] == "offsite-plan"
    assert document["plan"]["title"] == DEMO_TITLE
    assert demo_file.read_bytes() == before


def test_export_to_an_unknown_suffix_writes_nothing(offsite: Run, tmp_path: Path, demo_file: Path) -> None:
    before = snapshot(tmp_path)
    sentence = assert_failed(offsite("export", demo_file, tmp_path / "plan.docx"))
    assert "plan.docx" in sentence
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("existing", [False, True], ids=["new-output", "existing-output"])
@pytest.mark.parametrize("suffix", [".pdf", ".json"])
def test_export_of_a_text_file_fails_and_writes_nothing(
    offsite: Run, tmp_path: Path, suffix: str, existing: bool
) -> None:
    notes = tmp_path / "notes.offsite"
    notes.write_text("Agenda: coffee, then objectives.\n", encoding="utf-8")
    out = tmp_path / f"out{suffix}"
    if existing:
        out.write_bytes(b"last week's export, to be kept\n")
    before = snapshot(tmp_path)
    sentence = assert_failed(offsite("export", notes, out))
    assert "notes.offsite" in sentence
    assert snapshot(tmp_path) == before  # input and any earlier output byte for byte, no temporary files
    assert out.exists() == existing


# --- import ------------------------------------------------------------------------------------------


def test_import_round_trip(offsite: Run, tmp_path: Path, demo_file: Path) -> None:
    first = tmp_path / "first.json"
    assert offsite("export", demo_file, first).returncode == 0
    imported = tmp_path / "imported.offsite"
    result = offsite("import", first, imported)
    assert result.returncode == 0, result
    assert offsite("check", imported).returncode == 0
    second = tmp_path / "second.json"
    assert offsite("export", imported, second).returncode == 0
    one = json.loads(first.read_text(encoding="utf-8"))
    two = json.loads(second.read_text(encoding="utf-8"))
    assert set(GENERATED_FIELDS) <= set(one)
    assert without_generated(two) == without_generated(one)


@pytest.mark.parametrize(
    "content",
    [
        pytest.param('{"format": "offsite-plan", "version": 1, "plan": {', id="truncated"),
        pytest.param("not json at all", id="text"),
        pytest.param('{"format": "someone-else", "version": 1}', id="other-format"),
        pytest.param("", id="empty"),
    ],
)
def test_import_of_a_broken_document_creates_no_plan(offsite: Run, tmp_path: Path, content: str) -> None:
    source = tmp_path / "broken.json"
    source.write_text(content, encoding="utf-8")
    before = snapshot(tmp_path)
    assert_failed(offsite("import", source, tmp_path / "new.offsite"))
    assert snapshot(tmp_path) == before
    assert not list(tmp_path.glob("new.offsite*"))


def test_import_refuses_an_existing_plan(offsite: Run, tmp_path: Path, demo_file: Path) -> None:
    source = tmp_path / "plan.json"
    assert offsite("export", demo_file, source).returncode == 0
    existing = tmp_path / "existing.offsite"
    existing.write_bytes(b"keep me exactly as I am\n")
    before = snapshot(tmp_path)
    sentence = assert_failed(offsite("import", source, existing))
    assert "existing.offsite" in sentence
    assert snapshot(tmp_path) == before


# --- check -------------------------------------------------------------------------------------------


def test_check_a_sound_plan(offsite: Run, demo_file: Path) -> None:
    before = demo_file.read_bytes()
    result = offsite("check", demo_file)
    assert result.returncode == 0, result
    assert result.stderr == ""
    assert demo_file.read_bytes() == before


def test_check_lists_the_problems_of_a_plan(offsite: Run, demo_file: Path) -> None:
    connection = sqlite3.connect(demo_file)
    try:
        connection.execute("PRAGMA foreign_keys = OFF")
        objective = connection.execute("SELECT min(id) FROM objective").fetchone()[0]
        leader = connection.execute("SELECT min(id) FROM leader").fetchone()[0]
        assert objective is not None
        assert leader is not None
        connection.execute(
            "INSERT INTO stance_record (uid, objective_id, leader_id, stance, comment, recorded_at)"
            " VALUES ('00000000-0000-4000-8000-000000000001', ?, ?, 'maybe', '', '2027-01-14 10:00:00')",
            (objective, leader),
        )
        changed = connection.execute(
            "UPDATE metric SET direction = 'sideways' WHERE id = (SELECT min(id) FROM metric)"
        )
        assert changed.rowcount == 1
        connection.commit()
    finally:
        connection.close()
    before = demo_file.read_bytes()
    result = offsite("check", demo_file)
    assert result.returncode == 1, result
    listed = [line for line in result.stdout.splitlines() if line.strip().startswith("- ")]
    assert len(listed) >= 2, result.stdout
    assert any("maybe" in line for line in listed), result.stdout
    assert any("sideways" in line for line in listed), result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert demo_file.read_bytes() == before


def _text_file(path: Path) -> None:
    path.write_text("Offsite agenda\n", encoding="utf-8")


def _empty_file(path: Path) -> None:
    path.write_bytes(b"")


def _other_database(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)")
    connection.execute("INSERT INTO invoices (amount) VALUES (12.5)")
    connection.commit()
    connection.close()


@pytest.mark.parametrize(
    "make", [_text_file, _empty_file, _other_database, None], ids=["text", "empty", "other-sqlite", "missing"]
)
def test_check_of_no_plan_exits_2(offsite: Run, tmp_path: Path, make: Callable[[Path], None] | None) -> None:
    path = tmp_path / "suspect.offsite"
    if make is not None:
        make(path)
    before = snapshot(tmp_path)
    sentence = assert_failed(offsite("check", path), code=2)
    assert "suspect.offsite" in sentence
    assert snapshot(tmp_path) == before


# --- open --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("view", VIEWS)
def test_open_with_a_screenshot_of_each_view(
    offsite: Run, tmp_path: Path, demo_file: Path, view: str
) -> None:
    png = tmp_path / f"{view}.png"
    result = offsite("open", demo_file, "--view", view, "--screenshot", png)
    assert result.returncode == 0, result
    assert "Traceback" not in result.stderr
    assert png_size(png) == (1280, 800)


def test_views_are_the_contract() -> None:
    assert VIEWS == ("prepare", "brainstorm", "plan", "agreements", "buyin", "signoff", "review")


@pytest.mark.parametrize("make", [_text_file, _empty_file, None], ids=["text", "empty", "missing"])
def test_open_of_no_plan_fails_without_a_dialog(
    offsite: Run, tmp_path: Path, make: Callable[[Path], None] | None
) -> None:
    path = tmp_path / "suspect.offsite"
    if make is not None:
        make(path)
    before = snapshot(tmp_path)
    sentence = assert_failed(offsite("open", path, "--view", "plan", "--screenshot", tmp_path / "shot.png"))
    assert "suspect.offsite" in sentence
    assert snapshot(tmp_path) == before
    assert not (tmp_path / "shot.png").exists()


def test_open_rejects_an_unknown_view(offsite: Run, demo_file: Path, tmp_path: Path) -> None:
    result = offsite("open", demo_file, "--view", "sideways", "--screenshot", tmp_path / "shot.png")
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "shot.png").exists()
