"""The projector window: what the room sees, large and high-contrast, following the facilitator.

It renders the ``Projection`` of the facilitator window's current view (see
``offsite.gui.projection``) with plain labels — no editing control, nothing the facilitator keeps
to themselves — and a review's progress chart as the chart itself, large; it redraws at once
whenever the view, the selection or the plan changes. The timer shows large in its corner while
one runs. Near-black on white: it stays readable on a washed-out projector in a lit room, where
light-on-dark loses its contrast first.

Opened from View ▸ Projector (F5): full screen on the screen the facilitator picks when there are
two or more, a normal window otherwise. Escape (or F5 again) closes it; focus stays with the
facilitator's window, which keeps every key.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QFont,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QPalette,
    QScreen,
    QTextDocumentFragment,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from offsite.domain.language import translate
from offsite.gui.notify import claims_escape
from offsite.gui.projection import Column, Line, Projection, Table
from offsite.gui.rich_text import literal as _esc

if TYPE_CHECKING:
    from offsite.gui.timers import SessionTimer

#: The size ``offsite open … --projector --screenshot`` renders at: a 720p projector.
SCREENSHOT_SIZE = (1280, 720)
#: Base text size in px at scale 1 (a 1280×720 window); titles and the timer are larger.
BASE_PX = 28
#: Steps the text shrinks by, in turn, until everything fits without scrolling. No further:
#: body text keeps a cap height of 1/40 of the screen's height, legible from the back of the
#: room (a long list shows its top part, as the facilitator's window does, rather than shrink).
SCALES = (1.0, 0.94, 0.9)

INK = "#111111"
MUTED = "#474747"
RULE = "#8c8c8c"
STYLE_COLOURS: dict[str, tuple[str, str]] = {  # style: (text colour, background or "")
    "": (INK, ""),
    "current": (INK, "#ffe27a"),
    "heading": (INK, ""),
    "theme": ("#0a3a8c", ""),
    "matched": ("#0d5a2b", ""),
    "only": ("#7a3300", "#fff0d6"),
    "muted": (MUTED, ""),
    "quote": (INK, ""),
    "total": (INK, "#e9ecf0"),
    "shortlisted": (INK, "#cdeed6"),
    "good": ("#0d5a2b", ""),
    "bad": ("#a3160c", ""),
}
MARK_COLOURS = {"theme": "#0a3a8c", "matched": "#0d5a2b", "only": "#7a3300", "current": "#0a3a8c"}
TIMER_COLOURS = {"": INK, "soon": "#8a4b00", "up": "#b42318"}


#: The charts' text size against the body text's: a chart's axis labels and legend are many short
#: words around a plot that should keep most of the screen.
CHART_TEXT = 0.62


def light_palette() -> QPalette:
    """Near-black on white, whatever the desktop's palette: what a chart on the projector draws in."""
    palette = QPalette(QColor(INK), QColor("#ffffff"))
    for role, colour in (
        (QPalette.ColorRole.Window, "#ffffff"),
        (QPalette.ColorRole.Base, "#ffffff"),
        (QPalette.ColorRole.WindowText, INK),
        (QPalette.ColorRole.Text, INK),
    ):
        palette.setColor(role, QColor(colour))
    return palette


def _unbroken(text: str) -> str:
    """``text`` escaped, that a line may not break inside (a fact reads whole, or on the next line)."""
    return _esc(text).replace(" ", "&nbsp;").replace("-", "\u2011")


class ProjectorWindow(QWidget):
    """A top-level window without menus or controls, showing one ``Projection`` at a time."""

    #: The window was closed (Escape, F5, or the window manager).
    closed = Signal()

    def __init__(self, parent: QWidget | None = None, timer: SessionTimer | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("projector")
        self.setWindowTitle(translate("Projector", "Offsite — Projector"))
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAutoFillBackground(True)
        self.projection: Projection | None = None
        self.scale = 1.0
        self.timer = timer

        outer = QVBoxLayout(self)
        outer.setContentsMargins(56, 36, 56, 28)
        outer.setSpacing(10)
        header = QHBoxLayout()
        header.setSpacing(32)
        self.title = self._label("projectorTitle")
        self.timer_label = self._label("projectorTimer", wrap=False)
        self.timer_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.timer_label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        titles = QVBoxLayout()
        titles.setSpacing(6)
        titles.addWidget(self.title)
        self.subtitle = self._label("projectorSubtitle")
        titles.addWidget(self.subtitle)
        titles.addStretch(1)
        header.addLayout(titles, 1)
        header.addWidget(self.timer_label, 0, Qt.AlignmentFlag.AlignTop)
        outer.addLayout(header)
        self.facts = self._label("projectorFacts")
        outer.addWidget(self.facts)

        self.scroll_area = QScrollArea(self)
        self.scroll_area.setObjectName("projectorScroll")
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.body = QWidget()
        self.body.setObjectName("projectorBody")
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 8, 0, 0)
        self.body_layout.setSpacing(18)
        self.scroll_area.setWidget(self.body)
        outer.addWidget(self.scroll_area, 1)
        self.footer = self._label("projectorFooter")
        outer.addWidget(self.footer)

        self._fit = QTimer(self)
        self._fit.setSingleShot(True)
        self._fit.setInterval(0)
        self._fit.timeout.connect(self._fit_text)
        if timer is not None:
            timer.ticked.connect(lambda _ms: self._show_timer())
            timer.stateChanged.connect(self._show_timer)
        self._apply_style()
        self._show_timer()
        self.resize(*SCREENSHOT_SIZE)

    def _label(self, name: str, *, wrap: bool = True) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(wrap)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return label

    # -- showing a projection -------------------------------------------------------------------
    def set_projection(self, projection: Projection) -> None:
        """Show ``projection``, shrinking the text only as far as it takes to fit."""
        if projection == self.projection:
            return
        self.projection = projection
        self.scale = 1.0
        self._apply_style()
        self._render()
        self._fit.start()

    def _px(self, factor: float = 1.0) -> int:
        return max(12, round(BASE_PX * factor * self.scale * self._screen_factor()))

    def _screen_factor(self) -> float:
        """Larger windows (a 1080p projector) get proportionally larger type than 1280×720."""
        return max(0.75, min(self.width() / SCREENSHOT_SIZE[0], self.height() / SCREENSHOT_SIZE[1], 2.0))

    def _apply_style(self) -> None:
        px = self._px
        self.setStyleSheet(
            f"""
            QWidget#projector, QWidget#projectorBody, QScrollArea#projectorScroll {{
                background: #ffffff; color: {INK};
            }}
            QLabel {{ color: {INK}; font-size: {px()}px; background: transparent; }}
            QLabel#projectorTitle {{ font-size: {px(1.65)}px; font-weight: 700; }}
            QLabel#projectorTitle[card="true"] {{ font-size: {px(2.6)}px; margin-top: {px(3)}px; }}
            QLabel#projectorSubtitle {{ font-size: {px(0.9)}px; color: {MUTED}; }}
            QLabel#projectorFacts {{ font-size: {px(0.9)}px; }}
            QLabel#projectorFooter {{ font-size: {px(0.78)}px; color: {MUTED}; }}
            QLabel#projectorTimer {{ font-size: {round(BASE_PX * 2.2 * self._screen_factor())}px;
                font-weight: 700; padding: 0 4px; }}
            QLabel[role="heading"] {{ font-size: {px(1.05)}px; font-weight: 700;
                border: none; border-bottom: 3px solid {INK}; padding: 0 0 4px 0; margin: 0; }}
            QLabel[role="subheading"] {{ font-size: {px(0.8)}px; color: {MUTED}; }}
            """
        )

    def _clear_body(self) -> None:
        while self.body_layout.count():
            item = self.body_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
            elif item is not None and item.layout() is not None:
                _delete_layout(item.layout())

    def _render(self) -> None:
        projection = self.projection
        if projection is None:
            return
        self.title.setText(_esc(projection.title))
        self.subtitle.setText(_esc(projection.subtitle))
        self.subtitle.setVisible(bool(projection.subtitle))
        self.facts.setText(
            " &nbsp;·&nbsp; ".join(
                f"<span style='color:{MUTED}'>{_unbroken(label)}</span>&nbsp;<b>{_unbroken(value)}</b>"
                for label, value in projection.facts
            )
        )
        self.facts.setVisible(bool(projection.facts))
        self.footer.setText(_esc(projection.footer))
        self.footer.setVisible(bool(projection.footer))
        self._clear_body()
        card = projection.kind == "phase"
        centre = Qt.AlignmentFlag.AlignHCenter if card else Qt.AlignmentFlag.AlignLeft
        for label in (self.title, self.subtitle, self.facts):
            label.setAlignment(centre | Qt.AlignmentFlag.AlignTop)
        self.title.setProperty("card", card)
        self.title.style().unpolish(self.title)
        self.title.style().polish(self.title)
        if card:
            self.body_layout.addStretch(1)
        if projection.columns:
            row = QWidget(self.body)
            columns = QHBoxLayout(row)
            columns.setContentsMargins(0, 0, 0, 0)
            columns.setSpacing(round(48 * self.scale))
            for column in projection.columns:
                columns.addWidget(self._column(column, row), 1, Qt.AlignmentFlag.AlignTop)
            self.body_layout.addWidget(row)
            row.show()
        if projection.table is not None:
            table = self._label("projectorTable")
            table.setText(self._table_html(projection.table))
            self.body_layout.addWidget(table)
            table.show()
        if projection.lines:
            lines = self._label("projectorLines")
            lines.setText(self._lines_html(projection.lines))
            if card:
                lines.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            self.body_layout.addWidget(lines)
            lines.show()
        if projection.swimlane is not None:  # the journey, as large as the width allows
            from offsite.gui.swimlane import projector_swimlane

            journey = projector_swimlane(
                projection.swimlane, projection.current, self.body, self.scroll_area.viewport().width()
            )
            self.body_layout.addWidget(journey)
            journey.show()
        if projection.chart is not None:  # the chart takes the room the text leaves
            chart = self._chart(projection)
            self.body_layout.addWidget(chart, 1)
            chart.show()
            return
        self.body_layout.addStretch(2 if card else 1)

    def _chart(self, projection: Projection) -> QWidget:
        """The projection's progress chart, large, in dark ink on the projector's white."""
        from offsite.domain.series import FunnelSeries, MetricSeries, PairSeries
        from offsite.gui import charts

        series, today = projection.chart, projection.today
        chart: QWidget
        if isinstance(series, MetricSeries):
            chart = charts.ProgressChart(series, today, self.body)
        elif isinstance(series, PairSeries):
            chart = charts.PairChart(series, today, self.body)
        elif isinstance(series, FunnelSeries):
            chart = charts.FunnelChart(series, self.body)
        else:
            assert series is not None
            chart = charts.TrendChart(series, self.body)
        chart.setObjectName("projectorChart")
        # The charts draw in their widget's palette and font: the projector's, not the desktop's
        # (a dark desktop's chart would be a dark patch on the white page). Each view of a pair
        # gets them too: under the projector's style sheet a child does not take its parent's.
        font = QFont(chart.font())
        font.setPixelSize(self._px(CHART_TEXT))
        for view in (chart, *chart.findChildren(charts.ChartView)):
            view.setPalette(light_palette())
            view.setFont(font)
        return chart

    def _column(self, column: Column, parent: QWidget) -> QWidget:
        box = QWidget(parent)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        heading = self._label("projectorHeading")
        heading.setProperty("role", "heading")
        heading.setText(_esc(column.heading))
        heading.setIndent(0)
        layout.addWidget(heading)
        if column.subheading:
            sub = self._label("projectorSubheading")
            sub.setProperty("role", "subheading")
            sub.setText(_esc(column.subheading))
            layout.addWidget(sub)
        lines = self._label("projectorLines")
        lines.setText(self._lines_html(column.lines))
        layout.addWidget(lines)
        layout.addStretch(1)
        return box

    def _lines_html(self, lines: tuple[Line, ...]) -> str:
        indent = round(self._px() * 1.25)
        gap = round(self._px() * 0.3)
        parts: list[str] = []
        for line in lines:
            colour, background = STYLE_COLOURS.get(line.style, STYLE_COLOURS[""])
            text = _esc(line.text)
            bold = line.style == "heading" or (line.depth == 0 and line.style not in ("quote", "muted"))
            if bold:
                text = f"<b>{text}</b>"
            if line.style == "quote":
                text = f"<i>{text}</i>"
            if line.mark:
                mark_colour = MARK_COLOURS.get(line.style, MUTED)
                # Each mark (“◆ Predictable revenue”) keeps its symbol with its first word, but the
                # marks wrap like words: an unbreakable run would push the next column off screen.
                marks = " · ".join(_esc(m).replace("◆ ", "◆&nbsp;") for m in line.mark.split(" · "))
                text += (
                    f"&nbsp;&nbsp;<span style='color:{mark_colour}; font-size:{self._px(0.72)}px;"
                    f" font-weight:700'>{marks}</span>"
                )
            shade = f" background-color:{background};" if background and line.style == "current" else ""
            top = gap * 2 if line.style == "heading" and parts else 0
            left, hang = indent * line.depth, 0
            if line.bullet:  # a hanging bullet: the wrapped lines align with the text, not the bullet
                hang = round(self._px() * 1.1)
                left += hang
                text = f"<span style='color:{RULE}'>{_esc(line.bullet)}</span>&nbsp;{text}"
            parts.append(
                f"<p style='margin-left:{left}px; text-indent:{-hang}px; margin-top:{top}px; "
                f"margin-bottom:{gap}px; color:{colour};{shade}'>{text}</p>"
            )
        return "".join(parts)

    def _table_html(self, table: Table) -> str:
        pad = round(self._px() * 0.2)
        head = "".join(
            f"<th align='{'right' if i in table.numeric else 'left'}' "
            f"style='padding:{pad}px {pad * 3}px; border-bottom:3px solid {INK}'>{_esc(h)}</th>"
            for i, h in enumerate(table.headers)
        )
        rows = []
        for r, row in enumerate(table.rows):
            style = table.style(r)
            colour, background = STYLE_COLOURS.get(style, STYLE_COLOURS[""])
            bold = style in ("total", "current")
            cells = []
            for i, value in enumerate(row):
                text = f"<b>{_esc(value)}</b>" if bold else _esc(value)
                wrap = "" if table.stretch == i else " white-space:nowrap;"
                cells.append(
                    f"<td align='{'right' if i in table.numeric else 'left'}' "
                    f"style='padding:{pad}px {pad * 3}px; color:{colour};{wrap} "
                    f"border-bottom:1px solid {RULE}'>{text}</td>"
                )
            bg = f" bgcolor='{background}'" if background else ""
            rows.append(f"<tr{bg}>{''.join(cells)}</tr>")
        return (  # natural widths: the ``stretch`` column alone wraps when the page is too narrow
            f"<table cellspacing='0' style='border-collapse:collapse'><tr>{head}</tr>{''.join(rows)}</table>"
        )

    def _fit_text(self) -> None:
        """Shrink the text a step while the body is taller than the room can see (one step a turn)."""
        self.body_layout.activate()
        width, available = self.scroll_area.viewport().width(), self.scroll_area.viewport().height()
        needed = self.body.heightForWidth(width) if self.body.hasHeightForWidth() else -1
        if needed < 0:
            needed = self.body.sizeHint().height()
        smaller = [scale for scale in SCALES if scale < self.scale]
        if needed <= available or not smaller:
            return
        self.scale = smaller[0]
        self._apply_style()
        self._render()
        self._fit.start()  # measured again once the new labels are laid out

    def settle(self, rounds: int = 40) -> None:
        """Process events until the text has its final size (for screenshots and tests)."""
        from PySide6.QtWidgets import QApplication

        for _ in range(rounds):
            QApplication.processEvents()
            if not self._fit.isActive():
                QApplication.processEvents()
                if not self._fit.isActive():
                    return

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if self.projection is not None:
            self.scale = 1.0
            self._apply_style()
            self._render()
            self._fit.start()

    # -- the timer ---------------------------------------------------------------------------------
    def _show_timer(self) -> None:
        timer = self.timer
        shown = self.timer_label.isVisible()
        if timer is None or not timer.active:
            self.timer_label.hide()
            if shown:
                self._fit.start()  # the header shrank: the text may grow back
            return
        from offsite.gui.timers import WARNING_MS

        remaining = timer.remaining_ms()
        state = "up" if remaining <= 0 else ("soon" if remaining <= WARNING_MS else "")
        label = translate("Projector", "Time's up") if state == "up" else timer.label
        colour = TIMER_COLOURS[state]
        small = round(BASE_PX * 0.8 * self._screen_factor())
        self.timer_label.setText(
            f"<div align='right' style='color:{colour}'>{_esc(timer.text())}"
            f"<br><span style='font-size:{small}px; font-weight:600'>{_esc(label)}</span></div>"
        )
        self.timer_label.show()
        if not shown:
            self._fit.start()  # the header grew: fit the text in what is left

    # -- what a test (or a screen reader) can read -----------------------------------------------
    def shown_text(self) -> str:
        """The plain text of every visible label, top to bottom."""
        labels = [self.title, self.timer_label, self.subtitle, self.facts]
        labels += [label for label in self.body.findChildren(QLabel) if not label.isHidden()]
        labels.append(self.footer)
        return "\n".join(
            QTextDocumentFragment.fromHtml(label.text()).toPlainText()
            for label in labels
            if not label.isHidden() and label.text()
        )

    # -- opening and closing ---------------------------------------------------------------------
    def present(self, screen: QScreen | None) -> None:
        """Full screen on ``screen``; a normal window when there is none to choose."""
        if screen is None:
            self.resize(*SCREENSHOT_SIZE)
            self.show()
            return
        self.setScreen(screen)
        self.setGeometry(screen.geometry())
        self.showFullScreen()

    def event(self, event: QEvent) -> bool:
        if claims_escape(
            event
        ):  # Esc closes the projector, even while the facilitator's window shows a toast
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_F5) or event.matches(
            QKeySequence.StandardKey.Cancel
        ):
            self.close()
            return
        parent = self.parentWidget()
        if parent is not None:  # every other key belongs to the facilitator's window
            parent.activateWindow()
            QGuiApplication.sendEvent(parent.focusWidget() or parent, event)
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        self.closed.emit()


def _delete_layout(layout: Any) -> None:
    while layout.count():
        item = layout.takeAt(0)
        if item.widget() is not None:
            item.widget().deleteLater()
        elif item.layout() is not None:
            _delete_layout(item.layout())


def choose_screen(parent: QWidget, settings: QSettings | None = None) -> QScreen | None:
    """The screen for the projector: None with one screen, else the one the facilitator picks.

    The picker proposes the screen chosen last time, or any screen other than the facilitator's.
    Returns None when there is a single screen; raises LookupError when the choice is cancelled.
    """
    screens = QGuiApplication.screens()
    if len(screens) < 2:
        return None
    names = [
        (
            translate("Projector", "{screen} — {width}×{height} (this window)")
            if s is parent.screen()
            else translate("Projector", "{screen} — {width}×{height}")
        ).format(
            screen=s.name() or translate("Projector", "Screen"),
            width=s.geometry().width(),
            height=s.geometry().height(),
        )
        for s in screens
    ]
    remembered = str(settings.value("projector/screen", "")) if settings is not None else ""
    default = next((i for i, s in enumerate(screens) if s.name() == remembered and remembered), None)
    if default is None:
        default = next((i for i, s in enumerate(screens) if s is not parent.screen()), 0)
    choice, ok = QInputDialog.getItem(
        parent,
        translate("Projector", "Projector"),
        translate("Projector", "Show the projector view on:"),
        names,
        default,
        False,
    )
    if not ok:
        raise LookupError("cancelled")
    screen = screens[names.index(choice)]
    if settings is not None:
        settings.setValue("projector/screen", screen.name())
    return screen
