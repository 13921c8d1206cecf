"""The customer journey drawn as a swimlane: a lane per team, the stages left to right, the hand-offs.

It paints ``offsite.domain.journey.lay_out`` (the one layout the screen, the projector and the PDF
draw) and adds only geometry: each stage a rounded box in its lane and column, an arrow to the
next stage, and the hand-offs that cross from one team to another drawn heavier, in the accent
colour, with their trigger and service level written on them: the moments the room agreed who
reaches out. The current stage is outlined; a bought-in stage carries a tick.

Text never shrinks below a readable size: with many stages the widget grows wider and its
scroll area scrolls sideways. A title or label too long for its box is elided; the tooltip over
it gives it whole. ``projector=True`` draws larger, near-black on white, whatever the desktop.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QFrame, QScrollArea, QToolTip, QWidget

from offsite.domain.journey import Swimlane
from offsite.domain.language import translate
from offsite.gui.theme import colours, is_dark

#: Sizes in px at scale 1 (the facilitator's screen); the projector draws larger (``projector_swimlane``).
LANE_LABEL_W, COLUMN_W, LANE_H, BOX_W, BOX_H, MARGIN = 120, 168, 124, 142, 78, 10
#: Text sizes in px at scale 1: a stage's title (and a lane's name), and the smaller details.
TITLE_PX, DETAIL_PX = 14, 12
#: The projector's scale: as large as the screen's width allows, within these bounds; its text is
#: ``PROJECTOR_TEXT`` times larger against the boxes. At the floor a stage's title is 14 px on a
#: 720p projector (seven stages fit), larger on a larger screen; a longer journey scrolls to keep
#: the stage under discussion in view rather than shrink, the lanes' names staying at the left.
PROJECTOR_SCALES = (0.85, 1.9)
PROJECTOR_TEXT = 1.2


@dataclass(frozen=True, slots=True)
class Colours:
    ink: str
    muted: str
    lane: str
    lane_alt: str
    box: str
    box_line: str
    accent: str
    current: str
    ok: str
    background: str


def _colours(projector: bool, widget: QWidget) -> Colours:
    if projector:  # near-black on white: a washed-out projector keeps this contrast
        return Colours(
            "#111111",
            "#474747",
            "#f3f4f6",
            "#e8eaee",
            "#ffffff",
            "#5b6472",
            "#a34700",
            "#0b3d91",
            "#0d5a2b",
            "#ffffff",
        )
    tones = colours(widget.palette())
    dark = is_dark(widget.palette())
    return Colours(
        ink=tones["ink"],
        muted=tones["muted"],
        lane="#2f3237" if dark else "#f4f6f9",
        lane_alt="#272a2e" if dark else "#eaeef3",
        box="#3a3f46" if dark else "#ffffff",
        box_line=tones["rule"],
        accent=tones["advice"],
        current=tones["focus"],
        ok=tones["ok"],
        background=widget.palette().color(widget.backgroundRole()).name(),
    )


def two_lines(metrics: QFontMetrics, text: str, width: float) -> list[str]:
    """``text`` on at most two lines of ``width``: broken between words, the rest elided (“…”)."""
    words, first = text.split(), ""
    while words and metrics.horizontalAdvance(f"{first} {words[0]}".strip()) <= width:
        first = f"{first} {words.pop(0)}".strip()
    if not first:  # one word wider than the line: elided on its own
        return [metrics.elidedText(text, Qt.TextElideMode.ElideRight, round(width))]
    rest = " ".join(words)
    return [first, metrics.elidedText(rest, Qt.TextElideMode.ElideRight, round(width))] if rest else [first]


class SwimlaneView(QWidget):
    """Paints one ``Swimlane``; ``stage_rects`` and ``hand_off_labels`` are its layout, for tests and tips."""

    #: A stage was clicked: its id.
    stageClicked = Signal(int)

    def __init__(self, parent: QWidget | None = None, *, projector: bool = False) -> None:
        super().__init__(parent)
        self.projector = projector
        self.scale = PROJECTOR_SCALES[0] if projector else 1.0
        self.swimlane = Swimlane((), (), ())
        self.current_id: int | None = None
        #: Each stage's box, by stage id, in this widget's coordinates.
        self.stage_rects: dict[int, QRectF] = {}
        #: Each crossing hand-off's label box and its whole text, by the column it leaves.
        self.hand_off_labels: dict[int, tuple[QRectF, str]] = {}
        self.setMouseTracking(True)
        self.setAccessibleName(translate("Swimlane", "Customer journey: stages by team"))
        self.setSizePolicy(self.sizePolicy().horizontalPolicy(), self.sizePolicy().verticalPolicy())

    # -- what it shows --------------------------------------------------------------------------
    def set_swimlane(self, swimlane: Swimlane, current_id: int | None = None) -> None:
        self.swimlane, self.current_id = swimlane, current_id
        self._lay_out()
        self.updateGeometry()
        self.resize(self.sizeHint().expandedTo(self.size()) if self.parent() is None else self.sizeHint())
        self.update()

    def set_current(self, stage_id: int | None) -> None:
        if stage_id != self.current_id:
            self.current_id = stage_id
            self.update()

    def _s(self, value: float) -> float:
        return value * self.scale

    def text_font(self, *, bold: bool = False, small: bool = False) -> QFont:
        font = QFont(self.font())
        larger = PROJECTOR_TEXT if self.projector else 1.0
        font.setPixelSize(round((DETAIL_PX if small else TITLE_PX) * self.scale * larger))
        font.setBold(bold)
        return font

    def fit_width(self, width: int) -> None:
        """On the projector: as large as ``width`` allows, within ``PROJECTOR_SCALES``."""
        natural = MARGIN * 2 + LANE_LABEL_W + max(1, self.swimlane.columns) * COLUMN_W
        low, high = PROJECTOR_SCALES
        self.scale = max(low, min(high, width / natural))
        self._lay_out()
        self.updateGeometry()
        self.resize(self.sizeHint())

    def _lay_out(self) -> None:
        s = self._s
        self.stage_rects.clear()
        self.hand_off_labels.clear()
        for placed in self.swimlane.stages:
            x = s(MARGIN + LANE_LABEL_W) + placed.column * s(COLUMN_W) + (s(COLUMN_W) - s(BOX_W)) / 2
            y = s(MARGIN) + placed.lane * s(LANE_H) + (s(LANE_H) - s(BOX_H)) / 2
            self.stage_rects[placed.stage.id] = QRectF(x, y, s(BOX_W), s(BOX_H))
        ids = [p.stage.id for p in self.swimlane.stages]
        metrics = QFontMetrics(self.text_font(small=True))
        for hand_off in self.swimlane.crossings:
            if not hand_off.label:
                continue
            source = self.stage_rects[ids[hand_off.source]]
            target = self.stage_rects[ids[hand_off.target]]
            width = s(COLUMN_W) * 1.5
            centre_x = (
                (source.right() + target.left()) / 2
                if target.left() > source.right()
                else source.center().x()
            )
            # Between the two lanes, over the arrow's vertical run.
            centre_y = (source.center().y() + target.center().y()) / 2
            lines = len(two_lines(metrics, hand_off.label, width - s(8)))
            height = metrics.lineSpacing() * lines + s(6)
            self.hand_off_labels[hand_off.source] = (
                QRectF(centre_x - width / 2, centre_y - height / 2, width, height),
                hand_off.label,
            )

    def sizeHint(self) -> QSize:
        s = self._s
        columns = max(1, self.swimlane.columns)
        lanes = max(1, len(self.swimlane.lanes))
        return QSize(
            round(s(MARGIN * 2 + LANE_LABEL_W) + columns * s(COLUMN_W)),
            round(s(MARGIN * 2) + lanes * s(LANE_H)),
        )

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    # -- painting -------------------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:
        c = _colours(self.projector, self)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        s = self._s
        if self.projector:
            painter.fillRect(self.rect(), QColor(c.background))
        if not self.swimlane.stages:
            painter.setPen(QColor(c.muted))
            painter.setFont(self.text_font())
            painter.drawText(
                QRectF(self.rect()),
                Qt.AlignmentFlag.AlignCenter,
                translate("Swimlane", "No journey stages yet."),
            )
            painter.end()
            return
        width = self.width() - s(MARGIN)
        for index, _lane in enumerate(self.swimlane.lanes):
            band = QRectF(s(MARGIN), s(MARGIN) + index * s(LANE_H), width - s(MARGIN), s(LANE_H))
            painter.fillRect(band, QColor(c.lane if index % 2 == 0 else c.lane_alt))
        self._paint_arrows(painter, c)
        for placed in self.swimlane.stages:
            self._paint_stage(painter, c, placed.stage.id)
        self._paint_hand_off_labels(painter, c)
        self._paint_lane_names(painter, c)
        painter.end()

    def _paint_lane_names(self, painter: QPainter, c: Colours) -> None:
        """Each lane's name at the left of what is in view: scrolled sideways, it stays readable."""
        s = self._s
        left = max(0, self.visibleRegion().boundingRect().left())
        painter.setFont(self.text_font(bold=True))
        metrics = QFontMetrics(painter.font())
        for index, lane in enumerate(self.swimlane.lanes):
            band = QRectF(left + s(MARGIN), s(MARGIN) + index * s(LANE_H), s(LANE_LABEL_W) - s(8), s(LANE_H))
            if left > 0:  # over the stages scrolled under it
                painter.fillRect(band, QColor(c.lane if index % 2 == 0 else c.lane_alt))
            label = band.adjusted(s(8), 0, -s(4), 0)
            painter.setPen(QColor(c.ink))
            wrap = int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft) | int(
                Qt.TextFlag.TextWordWrap
            )
            whole = metrics.boundingRect(label.toRect(), wrap, lane.name)
            if whole.width() <= label.width() + 1 and whole.height() <= label.height():
                painter.drawText(label, wrap, lane.name)
            else:
                painter.drawText(
                    label,
                    Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                    metrics.elidedText(lane.name, Qt.TextElideMode.ElideRight, round(label.width())),
                )

    def _paint_arrows(self, painter: QPainter, c: Colours) -> None:
        s = self._s
        ids = [p.stage.id for p in self.swimlane.stages]
        for hand_off in self.swimlane.hand_offs:
            source = self.stage_rects[ids[hand_off.source]]
            target = self.stage_rects[ids[hand_off.target]]
            colour = QColor(c.accent if hand_off.crosses else c.muted)
            pen = QPen(colour, s(3 if hand_off.crosses else 1.6))
            painter.setPen(pen)
            path = QPainterPath()
            start = QPointF(source.right(), source.center().y())
            end = QPointF(target.left(), target.center().y())
            path.moveTo(start)
            if hand_off.crosses:  # out, down (or up) between the columns, and in
                middle = (start.x() + end.x()) / 2
                path.lineTo(middle, start.y())
                path.lineTo(middle, end.y())
            path.lineTo(end)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
            head = s(9 if hand_off.crosses else 7)
            painter.setBrush(QBrush(colour))
            painter.drawPolygon(
                QPolygonF(
                    [
                        end,
                        QPointF(end.x() - head, end.y() - head / 2),
                        QPointF(end.x() - head, end.y() + head / 2),
                    ]
                )
            )

    def _paint_stage(self, painter: QPainter, c: Colours, stage_id: int) -> None:
        s = self._s
        rect = self.stage_rects[stage_id]
        stage = next(p.stage for p in self.swimlane.stages if p.stage.id == stage_id)
        current = stage_id == self.current_id
        painter.setBrush(QColor(c.box))
        painter.setPen(QPen(QColor(c.current if current else c.box_line), s(3.5 if current else 1.2)))
        painter.drawRoundedRect(rect, s(10), s(10))
        inner = rect.adjusted(s(8), s(6), -s(8), -s(6))
        painter.setPen(QColor(c.ink))
        painter.setFont(self.text_font(bold=True))
        metrics = QFontMetrics(painter.font())
        mark = " ✓" if stage.bought_in else ""
        title_box = QRectF(inner)
        title_box.setWidth(inner.width() - (metrics.horizontalAdvance(mark) if mark else 0))
        title_box.setHeight(metrics.lineSpacing() * 2)
        lines = two_lines(
            metrics, stage.title or translate("Swimlane", "(untitled stage)"), title_box.width()
        )
        painter.drawText(title_box, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft, "\n".join(lines))
        if mark:
            painter.setPen(QColor(c.ok))
            painter.drawText(inner, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight, mark.strip())
        detail = stage.owner or stage.metric
        if detail:
            painter.setPen(QColor(c.muted))
            painter.setFont(self.text_font(small=True))
            small = QFontMetrics(painter.font())
            painter.drawText(
                inner,
                Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignLeft,
                small.elidedText(detail, Qt.TextElideMode.ElideRight, round(inner.width())),
            )

    def _paint_hand_off_labels(self, painter: QPainter, c: Colours) -> None:
        s = self._s
        painter.setFont(self.text_font(small=True))
        metrics = QFontMetrics(painter.font())
        for rect, text in self.hand_off_labels.values():
            painter.setPen(QPen(QColor(c.accent), s(1.2)))
            painter.setBrush(QColor(c.box))
            painter.drawRoundedRect(rect, s(6), s(6))
            painter.setPen(QColor(c.ink))
            painter.drawText(
                rect.adjusted(s(4), 0, -s(4), 0),
                Qt.AlignmentFlag.AlignCenter,
                "\n".join(two_lines(metrics, text, rect.width() - s(8))),
            )

    # -- the whole text of what was elided, and clicks ---------------------------------------------
    def tip_at(self, point: QPointF) -> str:
        """The whole text of what is under ``point``: a stage with its details, or a hand-off's label."""
        for rect, text in self.hand_off_labels.values():
            if rect.contains(point):
                return text
        for placed in self.swimlane.stages:
            if self.stage_rects[placed.stage.id].contains(point):
                stage = placed.stage
                if stage.bought_in:
                    lines = [translate("Swimlane", "{stage} — bought in").format(stage=stage.title)]
                else:
                    lines = [stage.title]
                lines += [
                    f"{label}: {value}"
                    for label, value in (
                        (translate("Swimlane", "Owner"), stage.owner),
                        (translate("Swimlane", "Message"), stage.message),
                        (translate("Swimlane", "Hand-off trigger"), stage.trigger),
                        (translate("Swimlane", "Service level"), stage.service_level),
                        (translate("Swimlane", "Metric"), stage.metric),
                    )
                    if value
                ]
                return "\n".join(lines)
        for index, lane in enumerate(self.swimlane.lanes):
            top = self._s(MARGIN) + index * self._s(LANE_H)
            if point.x() < self._s(MARGIN + LANE_LABEL_W) and top <= point.y() < top + self._s(LANE_H):
                return lane.name
        return ""

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QHelpEvent):
            tip = self.tip_at(QPointF(event.pos()))
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        for stage_id, rect in self.stage_rects.items():
            if rect.contains(event.position()):
                self.stageClicked.emit(stage_id)
                return
        super().mousePressEvent(event)


def projector_swimlane(
    swimlane: Swimlane, current_id: int | None, parent: QWidget, width: int
) -> QScrollArea:
    """The journey for the projector: large, dark on white, the current stage scrolled into view."""
    view = SwimlaneView(projector=True)
    view.set_swimlane(swimlane, current_id)
    view.fit_width(max(1, width))
    area = swimlane_area(view, parent)
    area.setObjectName("projectorSwimlane")
    area.setStyleSheet("QScrollArea, QScrollArea > QWidget > QWidget { background: #ffffff; }")
    area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setFixedHeight(view.height())
    rect = view.stage_rects.get(current_id) if current_id is not None else None
    if rect is not None:
        area.ensureVisible(round(rect.center().x()), round(rect.center().y()), round(rect.width()), 0)
    return area


def swimlane_area(view: SwimlaneView, parent: QWidget | None = None) -> QScrollArea:
    """``view`` in a scroll area that scrolls sideways (and down) rather than shrink its text."""
    area = QScrollArea(parent)
    area.setWidget(view)
    area.setWidgetResizable(False)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    area.horizontalScrollBar().valueChanged.connect(lambda _value: view.update())  # the lanes' names follow
    return area
