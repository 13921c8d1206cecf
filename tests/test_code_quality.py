"""The code stays as the house style asks: ruff's broad rule set, and mypy strict below the GUI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)


def test_ruff_finds_nothing() -> None:
    result = run(sys.executable, "-m", "ruff", "check", "--no-cache", "src", "tests", "bench", "packaging")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_leaves_the_code_as_it_is() -> None:
    result = run(
        sys.executable, "-m", "ruff", "format", "--check", "--no-cache", "src", "tests", "bench", "packaging"
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_passes_on_domain_store_services_and_exchange(tmp_path: Path) -> None:
    result = run(sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "mypy"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success" in result.stdout
