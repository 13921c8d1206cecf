"""The layers point down and Qt stays in the GUI: checked by import-linter, and again from the source."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "offsite"
QT = ("PySide6", "shiboken6")


def test_import_linter_contracts_are_kept() -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())",
            "--config",
            str(ROOT / "pyproject.toml"),
            "--no-cache",
            "--no-logo",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    assert "0 broken" in report, report
    assert "Qt stays in the gui layer KEPT" in report, report


def _imported_modules(path: Path) -> list[tuple[int, str]]:
    """Every module a file imports, at any depth (function bodies included), with its line."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) in {"import_module", "__import__"}
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append((node.lineno, node.args[0].value))
    return found


def _below_gui() -> list[Path]:
    gui = PACKAGE / "gui"
    return sorted(p for p in PACKAGE.rglob("*.py") if gui not in p.parents)


def test_source_scan_finds_the_modules_below_the_gui() -> None:
    names = {p.relative_to(PACKAGE).as_posix() for p in _below_gui()}
    assert {"domain/buyin.py", "store/planfile.py", "services/changes.py"} <= names
    assert not any(name.startswith("gui/") for name in names)


@pytest.mark.parametrize("path", _below_gui(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_module_outside_the_gui_imports_qt(path: Path) -> None:
    offending = [
        f"line {line}: {module}" for line, module in _imported_modules(path) if module.split(".")[0] in QT
    ]
    assert not offending, f"{path.relative_to(ROOT)} imports Qt outside offsite.gui: {offending}"


def test_the_scan_would_see_a_qt_import_inside_a_function(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "def later():\n    from PySide6.QtCore import QTimer\n"
        "import importlib\nimportlib.import_module('shiboken6')\n"
    )
    found = sorted(module for _, module in _imported_modules(sample))
    assert found == ["PySide6.QtCore", "importlib", "shiboken6"]
