"""Saying what happened: one toast in the window's corner for every confirmation and status-line error.

The status bar is full in the room (timer, agenda, "All changes saved", the plan's path), so a
temporary message there gets no width and never shows. A toast sits over the page, bottom right,
where the eye already is; it never takes focus (typing carries on), fades after a few seconds, and
Esc dismisses it. When a file was written, its path is a link that opens the containing folder.

While it shows, it watches only its window's size (to stay in the corner) and Esc, as a shortcut
of the window: typing goes to the field with the focus without passing through Python.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path

from PySide6.QtCore import (
    QEasingCurve,
    QEvent,
    QObject,
    QPropertyAnimation,
    Qt,
    QTimer,
    QUrl,
)
from PySide6.QtGui import QDesktopServices, QEnterEvent, QKeyEvent, QKeySequence, QShortcut, QTextDocument
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsOpacityEffect,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QStyle,
    QToolButton,
    QWidget,
)

from offsite.domain.language import translate

log = logging.getLogger(__name__)

#: How long a toast stays before it fades: long enough to read a sentence, short enough to not linger.
SHORT_MS = 6000
#: A written file: the user may want to reach for the link.
FILE_MS = 10000
FADE_MS = 400
MARGIN = 16
ZERO_WIDTH_SPACE = "\u200b"


def open_url(url: QUrl) -> bool:
    """Open ``url`` with the desktop (a folder in the file manager). Tests replace this."""
    return QDesktopServices.openUrl(url)


def folder_url(path: Path) -> QUrl:
    """The URL of the folder that holds ``path``."""
    return QUrl.fromLocalFile(str(Path(path).resolve().parent))


class Toast(QFrame):
    """A small message over the window's bottom-right corner that fades by itself."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("toast")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # never takes the keyboard from the page
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        # A refusal carries the platform's warning sign: told apart without relying on colour.
        self.sign = QLabel(self)
        self.sign.setObjectName("toastSign")
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        self.sign.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size)
        )
        self.sign.hide()
        self.label = QLabel(self)
        self.label.setObjectName("toastText")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.label.linkActivated.connect(self._open_link)
        self.close_button = QToolButton(self)
        self.close_button.setObjectName("toastClose")
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.close_button.setToolTip(translate("Notify", "Dismiss (Esc)"))
        self.close_button.setAccessibleName(translate("Notify", "Dismiss the message"))
        self.close_button.clicked.connect(self.dismiss)
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(14, 10, 6, 10)
        self._row.setSpacing(8)
        self._row.addWidget(self.sign, 0, Qt.AlignmentFlag.AlignVCenter)
        self._row.addWidget(self.label, 1)
        self._row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        # The opacity effect exists only while fading: a widget under an effect is painted
        # through an offscreen pixmap, which loses the styled background on some platforms.
        self._fade: QPropertyAnimation | None = None
        self._stay = QTimer(self)
        self._stay.setSingleShot(True)
        self._stay.timeout.connect(self._start_fade)
        # Esc from wherever the focus is in the window, while the toast shows. A field that has a use
        # for Esc claims it first (a cell editor cancels; see claims_escape) and the toast waits.
        self._escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), window)
        self._escape.setContext(Qt.ShortcutContext.WindowShortcut)
        self._escape.setEnabled(False)
        self._escape.activated.connect(self.dismiss)
        self.hide()

    def show_text(self, rich: str, *, problem: bool = False, timeout_ms: int = SHORT_MS) -> None:
        """Show ``rich`` (already escaped) now; ``timeout_ms`` 0 keeps it until dismissed."""
        self._stop_fade()
        self.label.setText(rich)
        self.setAccessibleDescription(self.label.text())
        self.setProperty("problem", problem)
        self.sign.setVisible(problem)
        self.style().unpolish(self)
        self.style().polish(self)
        self._place()
        self.show()
        self.raise_()
        self._escape.setEnabled(True)
        window = self.parentWidget()
        if window is not None:
            window.installEventFilter(self)  # follow the window's size while shown (once: Qt keeps one)
        if timeout_ms > 0:
            self._stay.start(timeout_ms)
        else:
            self._stay.stop()

    def text(self) -> str:
        """What the toast says, as plain text (what a screen reader reads)."""
        return plain_text(self.label.text()) if self.isVisible() else ""

    def dismiss(self) -> None:
        self._stay.stop()
        self._stop_fade()
        self.hide()
        self._escape.setEnabled(False)
        window = self.parentWidget()
        if window is not None:
            window.removeEventFilter(self)

    def _start_fade(self) -> None:
        effect = QGraphicsOpacityEffect(self)
        self.setGraphicsEffect(effect)
        fade = self._fade = QPropertyAnimation(effect, b"opacity", self)
        fade.setDuration(FADE_MS)
        fade.setStartValue(1.0)
        fade.setEndValue(0.0)
        fade.setEasingCurve(QEasingCurve.Type.InQuad)
        fade.finished.connect(self.dismiss)
        fade.start()

    def _stop_fade(self) -> None:
        if self._fade is not None:
            fade, self._fade = self._fade, None
            fade.finished.disconnect(self.dismiss)
            fade.stop()
            fade.deleteLater()
        # PySide6's stub types the effect as QGraphicsEffect, but Qt takes nullptr (None) to remove it.
        self.setGraphicsEffect(None)  # type: ignore[arg-type]

    def _open_link(self, href: str) -> None:
        opened = open_url(QUrl(href))
        if not opened:
            log.warning("the desktop could not open %s", href)

    def _place(self) -> None:
        window = self.parentWidget()
        assert window is not None
        area = window.rect()
        if isinstance(window, QMainWindow):
            central = window.centralWidget()
            if central is not None:
                area = central.geometry()
        width = min(520, max(240, area.width() - 2 * MARGIN))
        self._row.activate()  # the text just changed: measure the new one, not the last
        height = self.heightForWidth(width)
        self.setFixedSize(width, height if height > 0 else self.sizeHint().height())
        self.move(area.right() - width - MARGIN + 1, area.bottom() - self.height() - MARGIN + 1)

    # The toast hover-pauses (reading takes as long as it takes) and follows the window's size.
    def enterEvent(self, event: QEnterEvent) -> None:
        if self._stay.isActive():
            self._stay.stop()
            self._stay.setProperty("paused", True)
        if self._fade is not None:  # caught while fading: back to whole, and it waits again
            self._stop_fade()
            self._stay.setProperty("paused", True)
        super().enterEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        if self._stay.property("paused"):
            self._stay.setProperty("paused", False)
            self._stay.start(SHORT_MS // 2)
        super().leaveEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False


def claims_escape(event: QEvent) -> bool:
    """Whether ``event`` asks if the widget takes Esc itself (before any window shortcut); if so it
    is accepted, and Esc comes as a key press. For a field that closes or cancels with Esc, so
    that Esc does that first while a toast shows (the next Esc dismisses the toast)."""
    if (
        event.type() == QEvent.Type.ShortcutOverride
        and isinstance(event, QKeyEvent)
        and event.key() == Qt.Key.Key_Escape
    ):
        event.accept()
        return True
    return False


def plain_text(rich: str) -> str:
    """Rich text back to what a reader sees (without the path's invisible break points)."""
    document = QTextDocument()
    document.setHtml(rich)
    return document.toPlainText().replace(ZERO_WIDTH_SPACE, "")


def breakable(path: str) -> str:
    """``path`` escaped, free to wrap after each separator: a long path wraps instead of being clipped."""
    escaped = html.escape(path)
    for separator in ("/", "\\"):
        escaped = escaped.replace(separator, separator + ZERO_WIDTH_SPACE)
    return escaped


class Notifier(QObject):
    """The window's one voice: confirmations, refusals and written files, as a toast."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.toast = Toast(window)

    def say(self, text: str, timeout_ms: int = SHORT_MS) -> None:
        """Confirm something that happened (or say what to do next)."""
        log.info("told the user: %s", text)
        self.toast.show_text(html.escape(text), timeout_ms=timeout_ms)

    def problem(self, text: str, timeout_ms: int = SHORT_MS + 2000) -> None:
        """Say why something was not done (typed text not taken, a step refused)."""
        log.info("told the user of a problem: %s", text)
        self.toast.show_text(html.escape(text), problem=True, timeout_ms=timeout_ms)

    def wrote(self, text: str, path: Path) -> None:
        """Confirm a written file: ``text``, then its full path as a link to the folder that holds it."""
        path = Path(path)
        log.info("told the user: %s %s", text, path)
        link = html.escape(folder_url(path).toString(), quote=True)
        self.toast.show_text(
            f'{html.escape(text)}<br><a href="{link}">{breakable(str(path))}</a>'
            + translate("Notify", "<br><small>Click the path to open its folder.</small>"),
            timeout_ms=FILE_MS,
        )

    def text(self) -> str:
        return self.toast.text()


def notifier_of(widget: QWidget) -> Notifier | None:
    notifier = getattr(widget.window(), "notifier", None)
    return notifier if isinstance(notifier, Notifier) else None


def say(widget: QWidget, text: str, timeout_ms: int = SHORT_MS) -> None:
    """Tell the user ``text`` in ``widget``'s window (for code that only holds a widget)."""
    notifier = notifier_of(widget)
    if notifier is not None:
        notifier.say(text, timeout_ms)
