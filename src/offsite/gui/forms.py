"""Designer forms from ui/, loaded into our own widget classes with typed, checked children.

A ``Form`` subclass names the widgets the code uses, with their types; ``setup`` loads the
.ui file into an existing widget (composition, as ``setupUi`` does) and fails loudly when a
name is missing or has another type, so the forms and the code cannot drift apart unseen.
"""

from __future__ import annotations

import typing
from typing import Any, Self

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction  # noqa: F401  (used in annotations of forms)
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import QWidget

from offsite.resources import ui_path


class FormError(RuntimeError):
    """A form does not match the code that uses it (a renamed or retyped widget)."""


class _IntoLoader(QUiLoader):
    """A loader that builds the form's top-level into ``base`` instead of a new widget."""

    def __init__(self, base: QWidget) -> None:
        # A QUiLoader loads every Designer plugin on Qt's library path as it is made (PySide's,
        # Qt Quick's, WebEngine's: about 20 MB and the Qt Quick stack). The forms use none of
        # them, so it is made with no library path; Qt's own plugins keep theirs.
        paths = QCoreApplication.libraryPaths()
        QCoreApplication.setLibraryPaths([])
        try:
            super().__init__(base)
        finally:
            QCoreApplication.setLibraryPaths(paths)
        self._base = base
        from offsite.gui.dates import DateLineEdit  # the forms' own widgets, named in their <customwidgets>

        self.registerCustomWidget(DateLineEdit)

    def createWidget(self, class_name: str, parent: QWidget | None = None, name: str = "") -> QWidget:
        if parent is None:
            return self._base
        return super().createWidget(class_name, parent, name)


class Form:
    """Declare ``ui_file`` and the typed children; ``Form.setup(widget)`` returns the filled form."""

    ui_file: typing.ClassVar[str]

    @classmethod
    def children_spec(cls) -> dict[str, type[QObject]]:
        hints = typing.get_type_hints(cls, localns=_qt_namespace())
        return {name: kind for name, kind in hints.items() if name != "ui_file" and isinstance(kind, type)}

    @classmethod
    def setup(cls, base: QWidget) -> Self:
        path = ui_path(cls.ui_file)
        if not path.is_file():
            raise FormError(f"The form {cls.ui_file} is missing from the installation ({path}).")
        loader = _IntoLoader(base)
        if loader.load(str(path), None) is None:
            raise FormError(f"The form {cls.ui_file} could not be loaded: {loader.errorString()}")
        form = cls()
        for name, kind in cls.children_spec().items():
            child: Any = base if base.objectName() == name else base.findChild(kind, name)
            if child is None or not isinstance(child, kind):
                raise FormError(f"{cls.ui_file} has no {kind.__name__} named “{name}”.")
            setattr(form, name, child)
        return form


def _qt_namespace() -> dict[str, Any]:
    from PySide6 import QtGui, QtWidgets

    namespace: dict[str, Any] = {}
    namespace.update(vars(QtGui))
    namespace.update(vars(QtWidgets))
    return namespace
