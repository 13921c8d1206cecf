"""Render the README's screenshots from the demo plan, through the real command line.

Run with ``make screenshots``. Each screen is ``offsite open DEMO --view NAME --screenshot PNG``;
the PDF's first pages are rendered with pdftoppm when it is installed (poppler-utils).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
VIEWS = ("prepare", "plan", "buyin", "brainstorm")

# A tab inside a phase has no --view of its own: open the window as the app does and pick it.
BRAINSTORM_TAB = """
import sys
from pathlib import Path
from offsite.gui.app import open_window, save_screenshot
app, window = open_window(show=False)
window.open_path(Path(sys.argv[1]), ask=False)
window.show_view("brainstorm")
page = window.phase_pages["brainstorm"]
page.ui.exercises.setCurrentWidget(page.tabs[sys.argv[2]])
sys.exit(save_screenshot(window, Path(sys.argv[3])))
"""
TABS = {
    "Work back": "brainstorm-workback",
    "Team switch": "brainstorm-switch",
    "Candidates": "brainstorm-candidates",
}
PDF_PAGES = {1: "pdf-page-1", 2: "pdf-page-2", 7: "pdf-appendix-workback", 8: "pdf-appendix-switch"}


def offsite(*args: str) -> None:
    script = Path(sys.executable).with_name("offsite")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "offsite.cli"]
    subprocess.run([*command, *args], check=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        demo = Path(folder) / "Demo plan.offsite"
        offsite("demo", str(demo))
        for view in VIEWS:
            offsite("open", str(demo), "--view", view, "--screenshot", str(OUT / f"{view}.png"))
            print(f"wrote {OUT / f'{view}.png'}")
        for tab, name in TABS.items():
            subprocess.run(
                [sys.executable, "-c", BRAINSTORM_TAB, str(demo), tab, str(OUT / f"{name}.png")],
                check=True,
                env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
            )
            print(f"wrote {OUT / f'{name}.png'}")
        pdf = Path(folder) / "plan.pdf"
        offsite("export", str(demo), str(pdf))
        if shutil.which("pdftoppm"):
            for page, name in PDF_PAGES.items():
                subprocess.run(
                    [
                        "pdftoppm",
                        "-r",
                        "60",
                        "-png",
                        "-singlefile",
                        "-f",
                        str(page),
                        "-l",
                        str(page),
                        str(pdf),
                        str(OUT / name),
                    ],
                    check=True,
                )
                print(f"wrote {OUT / f'{name}.png'}")


if __name__ == "__main__":
    main()
