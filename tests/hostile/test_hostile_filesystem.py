"""What is in a plan's place on disk may be anything: each gets one sentence, exit 2, and no change.

A named pipe would hang a reader forever, a symbolic link that points at itself fails deep in
the file system, a folder or a device file is not a plan, and a folder may not take a new file.
Each case is made for real by the test, handed to every command that reads or writes a file, and
checked for the sentence, the exit code, that nothing hung, and that no file below the test's
folder changed.
"""

from __future__ import annotations

import os
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile_files import Run, folder_state

from cli_runner import runner


def fifo(path: Path) -> str:
    os.mkfifo(path)
    return "is not a regular file"


def symlink_loop(path: Path) -> str:
    path.symlink_to(path.name)  # points at itself
    return "is a link that leads nowhere"


def folder(path: Path) -> str:
    path.mkdir()
    return "is a folder"


def device(path: Path) -> str:
    if os.geteuid() != 0:
        pytest.skip("making a device file needs root")
    os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 5))  # what /dev/zero is
    return "is not a regular file"


INPUTS: dict[str, Callable[[Path], str]] = {f.__name__: f for f in (fifo, symlink_loop, folder, device)}


@pytest.fixture
def real_plan(tmp_path: Path, demo_plan_bytes: bytes) -> Path:
    path = tmp_path / "plan.offsite"
    path.write_bytes(demo_plan_bytes)
    return path


READERS = {
    "check": lambda bad, plan: ("check", bad),
    "export-pdf": lambda bad, plan: ("export", bad, "out.pdf"),
    "export-json": lambda bad, plan: ("export", bad, "out.json"),
    "pack": lambda bad, plan: ("pack", bad, "--leader", "Maya Okafor", "-o", "pack.offsite"),
    "merge-plan": lambda bad, plan: ("merge", bad, plan),
    "merge-draft": lambda bad, plan: ("merge", plan, bad),
    "verify-plan": lambda bad, plan: ("verify", bad, "signed.pdf"),
    "verify-pdf": lambda bad, plan: ("verify", plan, bad),
    "import": lambda bad, plan: ("import", bad, "new.offsite"),
    "open": lambda bad, plan: ("open", bad, "--screenshot", "shot.png"),
}


@pytest.mark.parametrize("kind", INPUTS)
@pytest.mark.parametrize("reader", READERS)
def test_every_command_refuses_what_is_no_file_in_its_input(
    kind: str, reader: str, offsite: Run, tmp_path: Path, real_plan: Path
) -> None:
    bad = tmp_path / "sent.offsite"
    said = INPUTS[kind](bad)
    (tmp_path / "signed.pdf").write_bytes(b"%PDF-1.7\n%%EOF\n")
    before = folder_state(tmp_path)
    try:
        result = offsite(*READERS[reader](bad, real_plan))
    except subprocess.TimeoutExpired:
        pytest.fail(f"offsite {reader} hung on a {kind}")
    merge_refusal = reader == "merge-draft"  # merge's contract: a refused draft is exit 1, nothing written
    assert result.returncode == (1 if merge_refusal else 2), result
    assert f"“sent.offsite” {said}" in result.stderr, result.stderr
    assert "unexpectedly" not in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 2
    assert folder_state(tmp_path) == before


WRITERS = {
    "export-pdf": lambda bad, plan: ("export", plan, bad),
    "export-json": lambda bad, plan: ("export", plan, bad),
    "pack": lambda bad, plan: ("pack", plan, "--leader", "Maya Okafor", "-o", bad),
    "draft": lambda bad, plan: ("draft", bad, "--leader", "Maya Okafor", "--team", "Sales"),
    "demo": lambda bad, plan: ("demo", bad),
    "import": lambda bad, plan: ("import", "plan.json", bad),
}


@pytest.mark.parametrize("kind", ["fifo", "symlink_loop", "device"])
@pytest.mark.parametrize("writer", WRITERS)
def test_every_command_refuses_to_write_over_what_is_no_file(
    kind: str, writer: str, offsite: Run, tmp_path: Path, real_plan: Path
) -> None:
    assert offsite("export", real_plan, "plan.json").returncode == 0
    suffix = {"export-pdf": ".pdf", "export-json": ".json"}.get(writer, ".offsite")
    bad = tmp_path / f"out{suffix}"
    INPUTS[kind](bad)
    before = folder_state(tmp_path)
    try:
        result = offsite(*WRITERS[writer](bad, real_plan))
    except subprocess.TimeoutExpired:
        pytest.fail(f"offsite {writer} hung on a {kind}")
    assert result.returncode == 2, result
    assert f"“{bad.name}”" in result.stderr, result.stderr
    assert "unexpectedly" not in result.stderr
    assert "Traceback" not in result.stderr
    assert folder_state(tmp_path) == before
    assert os.path.lexists(bad)
    assert not bad.is_file()


def test_a_read_only_folder_refuses_every_new_file(tmp_path: Path, real_plan: Path) -> None:
    offsite = runner(tmp_path, as_a_user=True)  # root, as CI runs, may write anywhere: not a leader
    exported = tmp_path / "plan.json"
    assert offsite("export", real_plan, exported).returncode == 0
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        for args in (
            ("export", real_plan, locked / "out.pdf"),
            ("pack", real_plan, "--leader", "Maya Okafor", "-o", locked / "pack.offsite"),
            ("demo", locked / "demo.offsite"),
            ("draft", locked / "draft.offsite", "--leader", "Maya Okafor", "--team", "Sales"),
            ("import", exported, locked / "imported.offsite"),
        ):
            result = offsite(*args)
            assert result.returncode == 2, result
            assert "may not write" in result.stderr
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o700)


def test_a_file_still_being_written_is_read_whole_or_refused_in_one_sentence(
    offsite: Run, tmp_path: Path, real_plan: Path
) -> None:
    """A JSON export someone is still appending to (a sync client, a slow copy) while it is imported."""
    import sys
    import textwrap

    assert offsite("export", real_plan, "plan.json").returncode == 0
    growing = tmp_path / "growing.json"
    growing.write_bytes((tmp_path / "plan.json").read_bytes())
    writer = subprocess.Popen(  # appends to the file for a few seconds, from another process
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import time
                end = time.monotonic() + 4
                with open({str(growing)!r}, "ab", buffering=0) as out:
                    while time.monotonic() < end:
                        out.write(b"\\n" * 4096 + b"{{}}")
                """
            ),
        ]
    )
    try:
        result = offsite("import", growing, "new.offsite")
    finally:
        writer.wait(timeout=60)
    assert "Traceback" not in result.stderr
    assert "unexpectedly" not in result.stderr
    if result.returncode == 0:  # read before the first append: a whole plan
        assert offsite("check", "new.offsite").returncode == 0
    else:
        assert result.returncode == 2, result
        assert len(result.stderr.strip().splitlines()) == 1
        assert "“growing.json”" in result.stderr
        assert not (tmp_path / "new.offsite").exists()


def test_a_file_that_outgrows_the_limit_while_read_is_refused(tmp_path: Path) -> None:
    from offsite.domain.errors import UnreadableFileError
    from offsite.store.files import read_limited

    path = tmp_path / "huge.json"
    path.write_bytes(b" " * (3 * 1024 * 1024))
    with pytest.raises(UnreadableFileError, match=r"“huge\.json” is over 2 MB \(or still growing\)"):
        read_limited(path, 2 * 1024 * 1024)
