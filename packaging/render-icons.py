"""Render the desktop icons from resources/icons/offsite.svg (the app) and offsite-plan.svg (a plan file).

Run after changing either SVG: ``python packaging/render-icons.py``. It writes
``resources/icons/hicolor/NxN/apps/offsite.png`` and ``.../mimetypes/offsite-plan.png`` at every size of
``offsite.cli.desktop.ICON_SIZES``, each drawn from the vector at that size (not scaled from another
picture, so 16×16 stays sharp). ``offsite install-desktop`` copies these files, so installing needs no
Qt; tests/integration/test_desktop_entry.py checks they are what this script draws.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402  (after the platform is chosen)
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

from offsite.cli.desktop import ICON_SIZES, SHIPPED_ICONS, shipped_icon  # noqa: E402


def render(svg: Path, size: int) -> QImage:
    """``svg`` drawn at ``size``×``size`` pixels on a transparent background, antialiased."""
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not an SVG Qt can draw.")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    for context, name, _installed in SHIPPED_ICONS:
        svg = shipped_icon(context, name, None, root=ROOT / "resources")
        for size in ICON_SIZES:
            png = shipped_icon(context, name, size, root=ROOT / "resources")
            png.parent.mkdir(parents=True, exist_ok=True)
            if not render(svg, size).save(str(png), "PNG"):
                raise SystemExit(f"{png} could not be written.")
            print(png.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
