"""Phase switching: the phase pages, each built the first time it is shown, in a stack that scrolls."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QSizePolicy, QStackedWidget, QStyle, QTabWidget, QWidget

from offsite.gui.host import VIEW_NAMES

#: Below this window width (1280×800 at 125% scale is 1024 wide, at 150% 853) the phases show as icons only.
COMPACT_WIDTH = 1100
NAVIGATION_WIDTH = {False: 190, True: 64}


class PhasePages(dict[str, QWidget]):
    """The phase pages by view name, each built by ``build`` the first time it is looked up.

    Iterating gives only the pages built so far; looking one up (``[key]`` or ``get``) builds it.
    """

    def __init__(self, build: Callable[[str], QWidget]) -> None:
        super().__init__()
        self._build = build

    def __missing__(self, key: str) -> QWidget:
        if key not in VIEW_NAMES:
            raise KeyError(key)
        page = self._build(key)
        self[key] = page
        return page

    def get(self, key: str, default: QWidget | None = None) -> QWidget | None:  # type: ignore[override]
        try:
            return self[key]
        except KeyError:
            return default


def size_for_current(stack: QStackedWidget | QTabWidget) -> None:
    """``stack`` asks for the room of its current page only: the others are ignored in its size."""
    current = stack.currentWidget()
    for index in range(stack.count()):
        page = stack.widget(index)
        if page is None:
            continue
        policy = QSizePolicy.Policy.Preferred if page is current else QSizePolicy.Policy.Ignored
        page.setSizePolicy(policy, policy)
    stack.updateGeometry()


class PagesScroll(QScrollArea):
    """Holds the phase pages: they fill the room there is, and scroll when they need more.

    QScrollArea's own resizing would size word-wrapped pages by their height for the width,
    which overestimates and scrolls a page that fits; the minimum size is what a page needs.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("pagesScroll")
        self.setFrameShape(QFrame.Shape.NoFrame)

    def setWidget(self, widget: QWidget) -> None:
        super().setWidget(widget)
        widget.installEventFilter(self)
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.fit()
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def fit(self) -> None:
        widget = self.widget()
        if widget is None:
            return
        need = widget.minimumSizeHint().expandedTo(widget.minimumSize())
        room = self.maximumViewportSize()
        # A scroll bar for one direction takes room from the other.
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        if need.width() > room.width():
            room.setHeight(room.height() - bar)
        if need.height() > room.height():
            room.setWidth(room.width() - bar)
        widget.resize(need.expandedTo(room))


def scroll_pages(pages: QStackedWidget) -> PagesScroll:
    """Put ``pages`` in a scroll area in its place: pages scroll rather than force the window
    wider or taller than a small or scaled screen.

    At 1280×800 every page fits as it is; at 125% or 150% scale (1024×640 or 853×533 in
    layout pixels) the page scrolls instead of being clipped or pushing the window off-screen.
    """
    central = pages.parentWidget()
    assert central is not None, "the stack sits in the form's central widget"
    layout = central.layout()
    assert layout is not None, "the central widget lays the stack out"
    scroll = PagesScroll(central)
    layout.replaceWidget(pages, scroll)
    scroll.setWidget(pages)
    pages.currentChanged.connect(lambda _index: size_for_current_page(pages))
    return scroll


def size_for_current_page(pages: QStackedWidget) -> None:
    """The stack asks for the room of the page on screen only, not of the largest page built
    (and a page with tabs for the room of its tab on screen)."""
    size_for_current(pages)
    page = pages.currentWidget()
    for tabs in page.findChildren(QTabWidget) if page is not None else ():
        if not tabs.property("offsiteSizedForCurrent"):
            tabs.setProperty("offsiteSizedForCurrent", True)
            tabs.currentChanged.connect(lambda _i, t=tabs: size_for_current(t))
        size_for_current(tabs)
