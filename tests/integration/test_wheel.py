"""The built wheel (what ``pip install .`` installs) carries its forms, icons, fonts and migrations.

The wheel is built without build isolation (hatchling is installed in the test environment, so
no network is needed), unpacked, and a child Python imports ``offsite`` from the unpacked tree
only: the editable checkout in site-packages sits behind PYTHONPATH, and the script proves it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

REPO = Path(__file__).resolve().parents[2]

REQUIRED = (
    "offsite/_ui/main_window.ui",
    "offsite/_resources/fonts/DejaVuSans.ttf",
    "offsite/_resources/icons/offsite.svg",
    "offsite/_resources/style.qss",
    "offsite/store/migrations/env.py",
    "offsite/store/migrations/script.py.mako",
    "offsite/store/migrations/versions/0001_first_schema.py",
)

SCRIPT = textwrap.dedent(
    """
    import sys
    from pathlib import Path

    root = Path(sys.argv[1]).resolve()
    work = Path(sys.argv[2])

    import offsite
    from offsite.resources import resource_path, ui_path

    def inside(path):
        return Path(path).resolve().is_relative_to(root)

    assert inside(offsite.__file__), offsite.__file__
    form = ui_path("main_window.ui")
    assert inside(form), form
    assert form.is_file(), form
    for parts in (("fonts", "DejaVuSans.ttf"), ("icons", "offsite.svg"), ("style.qss",)):
        assert inside(resource_path(*parts)), resource_path(*parts)
        assert resource_path(*parts).is_file(), resource_path(*parts)

    import offsite.store.migrate
    assert inside(offsite.store.migrate.__file__), offsite.store.migrate.__file__

    from offsite.exchange.pdf import export_pdf
    from offsite.gui.app import run
    from offsite.exchange.demo import write_demo_plan
    from offsite.services.plans import read_plan

    plan_path = work / "demo.offsite"
    plan = write_demo_plan(plan_path)
    try:
        export_pdf(read_plan(plan), work / "demo.pdf")
    finally:
        plan.close()
    code = run(plan_path, view="plan", screenshot=work / "plan.png")
    assert code == 0, code
    print("WHEEL-OK")
    """
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    outdir = tmp_path_factory.mktemp("wheel-dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(outdir), str(REPO)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    wheels = list(outdir.glob("offsite-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.fixture(scope="module")
def unpacked(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("wheel-unpacked")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    return target


# Meant to keep both tests (and one build) on one worker under --dist loadgroup.
@pytest.mark.xdist_group("wheel")
def test_wheel_carries_forms_resources_and_migrations(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    expected = set(REQUIRED)
    expected |= {f"offsite/_ui/{form.name}" for form in (REPO / "ui").glob("*.ui")}
    expected |= {
        f"offsite/_resources/{path.relative_to(REPO / 'resources').as_posix()}"
        for path in (REPO / "resources").rglob("*")
        if path.is_file()
    }
    assert len(expected) > len(REQUIRED)
    missing = sorted(expected - names)
    assert not missing, missing
    entry_points = next(name for name in names if name.endswith(".dist-info/entry_points.txt"))
    with zipfile.ZipFile(wheel) as archive:
        scripts = archive.read(entry_points).decode("utf-8")
    assert "offsite = offsite.cli:main" in scripts


@pytest.mark.xdist_group("wheel")
def test_wheel_runs_from_its_own_files(unpacked: Path, tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    env = dict(os.environ)
    env["PYTHONPATH"] = str(unpacked)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        folder = tmp_path / "home" / variable.lower()
        folder.mkdir(parents=True)
        env[variable] = str(folder)
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(unpacked), str(work)],
        cwd=work,  # not the checkout, so "" on sys.path cannot find the source tree
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "WHEEL-OK" in result.stdout
    pdf = PdfReader(work / "demo.pdf")
    assert "Go outbound" in "\n".join(page.extract_text() or "" for page in pdf.pages)
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in pdf.pages
        for font in page["/Resources"].get("/Font", {}).values()
    }
    assert any("DejaVuSans" in name for name in fonts), fonts  # the bundled font, found in the wheel
    png = (work / "plan.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(png[16:20], "big") == 1280
    assert int.from_bytes(png[20:24], "big") == 800
