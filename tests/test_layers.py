"""The layers point down, Qt stays in the GUI, the GUI reaches the store only through services, the
pages of the window are independent, and no module imports itself in a circle: checked by
import-linter (and its import graph, grimp), and the Qt rule again from the source."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import grimp
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
    assert "The GUI reaches the plan file only through services KEPT" in report, report
    assert "The pages the window hosts are independent: they meet only in gui.shell KEPT" in report, report


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


def import_cycles(package: str) -> list[list[str]]:
    """Each circle of imports in ``package``, as one closed chain (``a -> b -> a``), imports inside
    functions and under TYPE_CHECKING included: they are imports all the same."""
    graph = grimp.build_graph(package, cache_dir=None)
    modules = sorted(graph.modules)
    # Tarjan's strongly connected components, iteratively (the graph is deep enough to matter).
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    for root in modules:
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            module, imported = work[-1]
            step = next((m for m in imported if m in modules), None)
            if step is not None:
                if step not in index:
                    index[step] = low[step] = len(index)
                    stack.append(step)
                    on_stack.add(step)
                    work.append((step, iter(sorted(graph.find_modules_directly_imported_by(step)))))
                elif step in on_stack:
                    low[module] = min(low[module], index[step])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[module])
            if low[module] == index[module]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == module:
                        break
                if len(component) > 1:
                    components.append(sorted(component))
    cycles = []
    for component in components:
        first = component[0]
        # The shortest way back to the first module from one it imports closes the circle.
        back = min(
            (
                graph.find_shortest_chain(importer=step, imported=first) or (step,)
                for step in graph.find_modules_directly_imported_by(first)
                if step in component
            ),
            key=len,
        )
        cycles.append([first, *back])
    return cycles


def test_no_module_of_offsite_imports_itself_in_a_circle() -> None:
    cycles = import_cycles("offsite")
    assert not cycles, "import cycles (break each at its cause):\n" + "\n".join(
        " -> ".join(c) for c in cycles
    )


def test_the_cycle_finder_sees_a_circle_through_a_function_and_type_checking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "circle"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "page.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from circle.window import Window\n"
    )
    (package / "window.py").write_text("def build():\n    from circle.page import Page\n")
    (package / "alone.py").write_text("import circle.page\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert import_cycles("circle") == [["circle.page", "circle.window", "circle.page"]]
