"""A long name in a table's header is cut with “…”, never clipped mid-letter (“SQLs accepted by
account e”): Qt cuts a header's text by the header's own font, so that font must be the weight its
sections are drawn in."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication


def test_the_buy_in_matrix_measures_its_row_names_in_the_bold_it_draws_them_in(qtbot, demo_window) -> None:  # type: ignore[no-untyped-def]
    window = demo_window
    window.show_view("agreements")
    page = window.phase_pages["agreements"]
    page.ui.tabs.setCurrentIndex(3)  # Incentives: “SQLs accepted by account executives” and others
    tab = page.ui.tabs.currentWidget()
    tab.ensure_loaded()
    QApplication.processEvents()
    header = tab.ui.matrixView.verticalHeader()
    longest = max(
        (tab.matrix.headerData(row, header.orientation()) for row in range(tab.matrix.rowCount())), key=len
    )
    assert header.fontMetrics().horizontalAdvance(longest) > header.width()  # too long to show whole
    assert header.font().weight() >= QFont.Weight.DemiBold
