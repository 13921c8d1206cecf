"""Plans in every older format work with every command, and a read-only command never upgrades them.

The files in tests/store/schemas are real plans written by each earlier plan format. A command
that only reads (export, verify, check, pack, a dry-run merge) reads an upgraded private copy;
the file itself keeps every byte, so the sender's older Offsite still opens it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hostile_files import Run, folder_state

from offsite.store.fileformat import SCHEMA_VERSION

SCHEMAS = Path(__file__).parents[1] / "store" / "schemas"
OLD_FORMATS = [SCHEMAS / f"plan-v{n}.offsite" for n in range(1, SCHEMA_VERSION)]
#: From format 3 on the fixtures are signed, their version's frozen content a stand-in
#: ({"title": …, "version": 2}), so a JSON export rightly refuses: the plan does not match it.
SIGNED_FROM = 3


def _format(path: Path) -> int:
    return int(path.stem.rsplit("v", 1)[1])


@pytest.fixture(params=OLD_FORMATS, ids=lambda p: p.stem)
def old_plan(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    assert request.param.is_file(), f"{request.param.name}: every older format needs a real file"
    path = tmp_path / "old.offsite"
    shutil.copyfile(request.param, path)
    return path


def ok(result: object) -> str:
    assert result.returncode == 0, result.stderr  # type: ignore[attr-defined]
    assert "Traceback" not in result.stderr  # type: ignore[attr-defined]
    return str(result.stdout)  # type: ignore[attr-defined]


def _export_json(offsite: Run, old_plan: Path, format_: int) -> dict[str, object] | None:
    """The plan exported as JSON; None (after checking the refusal) for the signed stand-in fixtures."""
    result = offsite("export", old_plan, "plan.json")
    if format_ >= SIGNED_FROM:
        assert result.returncode == 2
        assert "does not match that version's fingerprint" in result.stderr, result.stderr
        return None
    ok(result)
    document: dict[str, object] = json.loads((old_plan.parent / "plan.json").read_text(encoding="utf-8"))
    return document


def test_every_reading_command_works_on_an_old_format_and_leaves_it_as_it_was(
    offsite: Run, old_plan: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    format_ = _format(request.node.callspec.params["old_plan"])
    sent = folder_state(tmp_path)
    signed = ", locked at version 2 (signed or awaiting signatures)" if format_ >= SIGNED_FROM else ""
    assert ok(offsite("check", old_plan)) == f"old.offsite: a sound plan{signed}.\n"
    document = _export_json(offsite, old_plan, format_)
    if document is not None:
        assert document["plan"]["title"] == "Schema fixture offsite"  # type: ignore[index]
        assert {p["name"] for p in document["leaders"]} >= {"Maya Okafor", "Priya Raman"}  # type: ignore[attr-defined]
    ok(offsite("export", old_plan, "plan.pdf"))
    verified = offsite("verify", old_plan, "plan.pdf")
    assert verified.returncode in (0, 1), verified.stderr  # an unsigned plan's PDF: a verdict, not a failure
    assert "no such column" not in verified.stdout + verified.stderr
    assert "plan.pdf" in verified.stdout + verified.stderr
    packed = ok(offsite("pack", old_plan, "--leader", "Maya Okafor", "-o", "maya.offsite"))
    assert packed.startswith("Wrote “maya.offsite”: Maya Okafor’s draft pack of “old.offsite”.")
    assert ok(offsite("check", "maya.offsite")).startswith("maya.offsite: a sound draft")
    dry = offsite("merge", old_plan, "maya.offsite", "--dry-run")
    if format_ >= SIGNED_FROM:
        assert (dry.returncode, dry.stderr) == (
            1,
            "“old.offsite” is signed (version 2), so it cannot be changed. "
            "Re-open it on the Sign-off screen to edit.\n",
        )
    else:
        assert "nothing was written" in ok(dry)

    after = folder_state(tmp_path)
    assert {k: v for k, v in after.items() if k in sent} == sent  # not upgraded, not touched
    written = ["maya.offsite", "plan.pdf"] + (["plan.json"] if document is not None else [])
    assert sorted(set(after) - set(sent)) == sorted(written)


@pytest.mark.parametrize("old_plan", OLD_FORMATS[: SIGNED_FROM - 1], ids=lambda p: p.stem, indirect=True)
def test_importing_an_old_formats_export_gives_a_current_plan(
    offsite: Run, old_plan: Path, tmp_path: Path
) -> None:
    ok(offsite("export", old_plan, "plan.json"))
    ok(offsite("import", "plan.json", "again.offsite"))
    assert ok(offsite("check", "again.offsite")) == "again.offsite: a sound plan.\n"
