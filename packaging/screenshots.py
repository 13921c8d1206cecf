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
VIEWS = ("prepare", "brainstorm", "plan", "buyin", "signoff", "review")

# A tab inside a phase has no --view of its own: open the window as the app does and pick it.
PHASE_TAB = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QTabWidget
from offsite.gui.app import open_window, save_screenshot
app, window = open_window(show=False)
window.open_path(Path(sys.argv[1]), ask=False)
window.show_view(sys.argv[2])
tabs = window.phase_pages[sys.argv[2]].findChild(QTabWidget)
tabs.setCurrentIndex(next(i for i in range(tabs.count()) if tabs.tabText(i).replace("&", "") == sys.argv[3]))
sys.exit(save_screenshot(window, Path(sys.argv[4])))
"""
TABS = {
    ("brainstorm", "Work back"): "brainstorm-workback",
    ("brainstorm", "Team switch"): "brainstorm-switch",
    ("brainstorm", "Candidates"): "brainstorm-candidates",
    ("buyin", "Definitions"): "buyin-definitions",
    ("buyin", "Overlaps"): "buyin-overlaps",
}
# The facilitator's window in the room: the second agenda item running, a why round on the timer,
# two items parked, the ask-why chains on screen.
FACILITATOR = """
import datetime as dt
import sys
from pathlib import Path
from PySide6.QtTest import QTest
from offsite.gui.app import open_window, save_screenshot
from offsite.services import agenda, parking
app, window = open_window(show=False)
window.open_path(Path(sys.argv[1]), ask=False)
plan = window.document.plan
item = agenda.read_agenda(plan).items[1]
agenda.start_item(plan, item.id, at=dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(minutes=31))
parking.park(plan, "Who owns the CRM data model?", "Brainstorm ▸ Ask why")
parking.park(plan, "Partner-sourced deals: whose pipeline?", "Brainstorm ▸ Ask why")
from offsite.domain.values import Kind
window.document.notify(frozenset({Kind.AGENDA_DAY, Kind.PARKED}))
window.show_view("brainstorm")
window.parking.dock.show()
window.parking.reload()
window.timer.start()
QTest.qWait(1200)
sys.exit(save_screenshot(window, Path(sys.argv[2])))
"""
# PDF pages by a heading they carry, so the pictures follow the document as sections are added.
PDF_PAGES = {
    "Page 1 of": "pdf-page-1",
    "Go outbound": "pdf-page-2",
    "Sign-off": "pdf-signoff",
    "Working back from company goals": "pdf-appendix-workback",
    "As Marketing played it": "pdf-appendix-switch",
}


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
        qt = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        for (view, tab), name in TABS.items():
            subprocess.run(
                [sys.executable, "-c", PHASE_TAB, str(demo), view, tab, str(OUT / f"{name}.png")],
                check=True,
                env=qt,
            )
            print(f"wrote {OUT / f'{name}.png'}")
        subprocess.run(
            [sys.executable, "-c", FACILITATOR, str(demo), str(OUT / "facilitator.png")], check=True, env=qt
        )
        print(f"wrote {OUT / 'facilitator.png'}")
        offsite(
            "open",
            str(demo),
            "--view",
            "brainstorm",
            "--projector",
            "--screenshot",
            str(OUT / "projector.png"),
        )
        print(f"wrote {OUT / 'projector.png'}")
        pdf = Path(folder) / "plan.pdf"
        offsite("export", str(demo), str(pdf))
        if shutil.which("pdftoppm"):
            from pypdf import PdfReader

            texts = [page.extract_text() for page in PdfReader(pdf).pages]
            for heading, name in PDF_PAGES.items():
                page = next(i for i, text in enumerate(texts, start=1) if heading in text)
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
                print(f"wrote {OUT / f'{name}.png'} (page {page})")


if __name__ == "__main__":
    main()
