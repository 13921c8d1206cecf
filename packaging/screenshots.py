"""Render the README's screenshots from the demo plan, through the real command line.

Run with ``make screenshots``; ``python packaging/screenshots.py --trust`` renders only the
screens that show Offsite on a 150%-scaled laptop, a dark desktop and a 1080p projector, and
``--german`` only the screens in German. Each screen is ``offsite open DEMO --view NAME --screenshot PNG``;
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
OUT = Path(os.environ.get("OFFSITE_SCREENSHOTS") or ROOT / "docs" / "screenshots")
VIEWS = ("prepare", "brainstorm", "plan", "agreements", "buyin", "signoff", "review")

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
if sys.argv[3] == "Incentives":  # the one the app warns about, with its warning under the table
    from offsite.services.agreements import incentive_warnings
    from PySide6.QtWidgets import QApplication
    window.show()
    QApplication.processEvents()  # the tab reads its rows when it is first shown
    flagged = next(iter(incentive_warnings(window.document.plan)))
    tabs.currentWidget().select_agreement(flagged)
sys.exit(save_screenshot(window, Path(sys.argv[4])))
"""
TABS = {
    ("brainstorm", "Work back"): "brainstorm-workback",
    ("brainstorm", "Team switch"): "brainstorm-switch",
    ("brainstorm", "Candidates"): "brainstorm-candidates",
    ("agreements", "Hand-offs"): "agreements-hand-offs",
    ("agreements", "Incentives"): "agreements-incentives",
    ("buyin", "Definitions"): "buyin-definitions",
    ("buyin", "Overlaps"): "buyin-overlaps",
    ("review", "Progress"): "review-progress",
    ("review", "Quarter end"): "review-quarter-end",
    ("review", "Alignment"): "review-alignment",
}
# Any screen: a 1280×800 laptop at a scale (QT_SCALE_FACTOR, so the PNG has the laptop's
# physical pixels), on a dark desktop palette, or the projector filling a 1920×1080 projector.
SCREEN = """
import os
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication, QTabWidget
from offsite.gui.app import make_application, open_window, save_projector_screenshot
from offsite.gui.theme import dark_desktop_palette
plan, view, tab, mode, png = sys.argv[1:6]
app = make_application(sys.argv[:1])
if mode == "dark":
    app.setPalette(dark_desktop_palette())
app, window = open_window(show=False)
window.open_path(Path(plan), ask=False)
window.show_view(view)
if tab:
    tabs = window.phase_pages[view].findChild(QTabWidget)
    tabs.setCurrentIndex(next(i for i in range(tabs.count()) if tabs.tabText(i).replace("&", "") == tab))
if mode == "projector":
    sys.exit(save_projector_screenshot(window, Path(png), (1920, 1080)))
scale = float(os.environ.get("QT_SCALE_FACTOR", "1"))
window.resize(round(1280 / scale), round(800 / scale))
window.show()
for _ in range(3):
    QApplication.processEvents()
sys.exit(0 if window.grab().save(png) else 1)
"""
# (view, tab, mode, scale, file): the laptop at 150%, a dark desktop, and the projector at 1080p.
SCREENS = (
    ("prepare", "", "light", "1.5", "scaled-150-prepare"),
    ("brainstorm", "Candidates", "light", "1.5", "scaled-150-brainstorm-candidates"),
    ("plan", "", "light", "1.5", "scaled-150-plan"),
    ("prepare", "", "dark", "1", "dark-prepare"),
    ("brainstorm", "Ask why", "dark", "1", "dark-brainstorm"),
    ("brainstorm", "Candidates", "dark", "1", "dark-brainstorm-candidates"),
    ("buyin", "Objectives", "dark", "1", "dark-buyin"),
    ("brainstorm", "Ask why", "projector", "1", "projector-1080p"),
    ("brainstorm", "Candidates", "projector", "1", "projector-1080p-vote"),
    ("agreements", "Customer journey", "dark", "1", "dark-agreements"),
    ("agreements", "Customer journey", "projector", "1", "projector-1080p-journey"),
)
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
# Drafting alone, merging in the room: three leaders' drafts of the demo plan. Maya's was merged
# once already; since then the plan and her draft both reworded her objective (a conflict).
# Priya and Daniel bring theirs for the first time; a pack of another plan is refused.
DRAFTS = """
import shutil
import sys
from pathlib import Path
from offsite.domain.values import Kind
from offsite.exchange import drafts
from offsite.exchange.demo import write_demo_plan
from offsite.services import brainstorm, changes, objectives
from offsite.services.plans import open_plan, read_plan

demo, folder = Path(sys.argv[1]), Path(sys.argv[2])
shutil.copy(demo, folder / "Offsite 2027.offsite")
plan = open_plan(folder / "Offsite 2027.offsite")


def pack(name, file):
    uid = next(p.uid for p in read_plan(plan).leaders if p.name == name)
    drafts.export_draft_pack(plan, uid, folder / file)
    draft = open_plan(folder / file)
    view = read_plan(draft)
    return draft, {t.name: t.id for t in view.teams}, view.goals[0].id


def objective(draft, statement, team, goal, metric, target, method=""):
    made = objectives.add_objective(draft, statement, [team], period="FY2027", method=method, goal_ids=[goal])
    objectives.add_metric(draft, made.id, metric, target=target, unit="$")
    return made.id


def reword(file, old, new):
    target = open_plan(file) if isinstance(file, Path) else file
    row = next(o for o in read_plan(target).objectives if o.statement == old)
    changes.update_fields(target, Kind.OBJECTIVE, row.id, {"statement": new})
    if target is not file:
        target.close()


maya, teams, goal = pack("Maya Okafor", "maya.offsite")
objective(maya, "Own the mid-market", teams["Sales"], goal, "Mid-market bookings", 4_000_000,
          "Named accounts for every rep; a weekly pipeline review.")
maya.close()
drafts.merge_drafts(plan, drafts.preview_merge(plan, [folder / "maya.offsite"]))
reword(plan, "Own the mid-market", "Own the mid-market segment")
maya = open_plan(folder / "maya.offsite")
reword(maya, "Own the mid-market", "Win 40 mid-market logos")
brainstorm.add_candidate(maya, "Double outbound meetings in Q1", teams["Sales"])
maya.close()

priya, teams, goal = pack("Priya Raman", "priya.offsite")
objective(priya, "Launch the partner program", teams["Marketing"], goal, "Partner-sourced pipeline", 2_000_000,
          "Sign ten resellers by March. Co-market with each in one campaign a quarter. "
          "Pay partners on sourced pipeline, not on leads.")
why = brainstorm.add_why_node(priya, teams["Marketing"], "We want partners to bring us deals")
brainstorm.add_why_node(priya, teams["Marketing"], "Because they already own the buyer relationship", why.id)
priya.close()

daniel, teams, goal = pack("Daniel Kim", "daniel.offsite")
objective(daniel, "Expand the top 50 accounts", teams["Customer Success"], goal, "Expansion revenue", 1_500_000,
          "Quarterly business reviews with an executive sponsor each.")
brainstorm.add_candidate(daniel, "Health score on every renewal", teams["Customer Success"])
daniel.close()

other = write_demo_plan(folder / "Last year.offsite")
changes.update_fields(other, Kind.PLAN, read_plan(other).details.id, {"title": "Sales & Marketing Offsite 2026"})
drafts.export_draft_pack(other, read_plan(other).leaders[1].uid, folder / "tomas-2026.offsite")
other.close()
plan.close()
"""
MERGE_PREVIEW = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from offsite.gui.app import open_window
from offsite.gui.draft_dialogs import MergePreviewDialog
from offsite.exchange.drafts import preview_merge

folder, png = Path(sys.argv[1]), Path(sys.argv[2])
app, window = open_window(show=False)
window.open_path(folder / "Offsite 2027.offsite", ask=False)
window.resize(1280, 800)
window.show()
files = [folder / name for name in ("maya.offsite", "priya.offsite", "daniel.offsite", "tomas-2026.offsite")]
document = window.document
dialog = MergePreviewDialog(preview_merge(document.plan, files), document.view().details.title, window)
dialog.show()
for _ in range(3):
    QApplication.processEvents()
conflict = next(c for c in dialog._rows if dialog._choices[c][1].change.value == "conflict")
dialog.tree.setCurrentItem(dialog._rows[conflict])
dialog.tree.setFocus()
dialog.toggle_current()  # ticked, so the merge waits for a side: the moment the picture shows
for _ in range(3):
    QApplication.processEvents()
sys.exit(0 if dialog.grab().save(str(png)) else 1)
"""
DRAFT_WINDOW = """
import sys
from pathlib import Path
from offsite.gui.app import open_window, save_screenshot
app, window = open_window(show=False)
window.open_path(Path(sys.argv[1]), ask=False)
window.show_view("plan")
sys.exit(save_screenshot(window, Path(sys.argv[2])))
"""
# PDF pages by a heading they carry, so the pictures follow the document as sections are added.
PDF_PAGES = {
    "Page 1 of": "pdf-page-1",
    "Go outbound": "pdf-page-2",
    "Sign-off": "pdf-signoff",
    "Customer journey": "pdf-journey",
    "Incentives": "pdf-incentives",
    "Working back from company goals": "pdf-appendix-workback",
    "As Marketing played it": "pdf-appendix-switch",
}


# The README's screens are in English whatever this machine speaks; GERMAN shows a few in German.
os.environ["OFFSITE_LANGUAGE"] = "en"
#: (view, file) of the screens shown in German too: the language a German desktop starts Offsite in.
GERMAN = (("plan", "de-plan"), ("buyin", "de-buyin"), ("review", "de-review"))


def offsite(*args: str, language: str = "en") -> None:
    script = Path(sys.executable).with_name("offsite")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "offsite.cli"]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "OFFSITE_LANGUAGE": language}
    subprocess.run([*command, *args], check=True, env=env)


def german(demo: Path, folder: Path) -> None:
    """A few screens and the PDF's first page as a German-speaking leader sees them."""
    for view, name in GERMAN:
        offsite("open", str(demo), "--view", view, "--screenshot", str(OUT / f"{name}.png"), language="de")
        print(f"wrote {OUT / f'{name}.png'}")
    pdf = folder / "plan-de.pdf"
    offsite("export", str(demo), str(pdf), "--language", "de")
    if shutil.which("pdftoppm"):
        render_page(pdf, 2, "de-pdf-page-2")


def trust_screens(demo: Path) -> None:
    """The laptop at 150%, a dark desktop and the projector at 1080p."""
    qt = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for view, tab, mode, scale, name in SCREENS:
        subprocess.run(
            [sys.executable, "-c", SCREEN, str(demo), view, tab, mode, str(OUT / f"{name}.png")],
            check=True,
            env={**qt, "QT_SCALE_FACTOR": scale},
        )
        print(f"wrote {OUT / f'{name}.png'}")


def render_page(pdf: Path, page: int, name: str) -> None:
    """One page of ``pdf`` as ``OUT/name.png``, at the README's resolution."""
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


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        demo = Path(folder) / "Demo plan.offsite"
        offsite("demo", str(demo))
        if "--trust" in sys.argv[1:]:
            trust_screens(demo)
            return
        if "--german" in sys.argv[1:]:
            german(demo, Path(folder))
            return
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
        trust_screens(demo)
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
        drafted = Path(folder) / "drafts"
        drafted.mkdir()
        subprocess.run([sys.executable, "-c", DRAFTS, str(demo), str(drafted)], check=True, env=qt)
        subprocess.run(
            [sys.executable, "-c", MERGE_PREVIEW, str(drafted), str(OUT / "merge-preview.png")],
            check=True,
            env=qt,
        )
        print(f"wrote {OUT / 'merge-preview.png'}")
        subprocess.run(
            [sys.executable, "-c", DRAFT_WINDOW, str(drafted / "priya.offsite"), str(OUT / "draft.png")],
            check=True,
            env=qt,
        )
        print(f"wrote {OUT / 'draft.png'}")
        pdf = Path(folder) / "plan.pdf"
        offsite("export", str(demo), str(pdf))
        if shutil.which("pdftoppm"):
            from pypdf import PdfReader

            texts = [page.extract_text() for page in PdfReader(pdf).pages]
            for heading, name in PDF_PAGES.items():
                page = next(i for i, text in enumerate(texts, start=1) if heading in text)
                render_page(pdf, page, name)
            report = Path(folder) / "report.pdf"
            offsite("report", str(demo), str(report), "--period", "2027-Q1")
            for page in (1, 2):
                render_page(report, page, f"report-page-{page}")
        german(demo, Path(folder))


if __name__ == "__main__":
    main()
