"""File ▸ New Plan…: after the file, a blank plan or a starter template, picked from the keyboard."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QRadioButton

from offsite.domain.agreements import AgreementKind
from offsite.services.agreements import read_agreements
from offsite.services.plans import open_plan, read_plan


def open_starter(qtbot, make_window, answered, path: Path):  # type: ignore[no-untyped-def]
    """A window, File ▸ New Plan… with ``path`` chosen, and the dialog that asks where to start."""
    window = make_window()
    answered.save_paths.append(path)
    window.ui.actionNew.trigger()
    qtbot.waitUntil(lambda: window.starter_dialog is not None and window.starter_dialog.isVisible())
    qtbot.waitUntil(window.starter_dialog.isActiveWindow)  # the keys go to it
    return window, window.starter_dialog


def focused() -> QRadioButton:
    widget = QApplication.focusWidget()
    assert isinstance(widget, QRadioButton), widget
    return widget


def test_the_arrow_keys_and_enter_start_a_plan_from_a_template(
    qtbot, make_window, answered, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "Growth offsite.offsite"
    window, dialog = open_starter(qtbot, make_window, answered, path)
    assert not path.exists()  # nothing is written until the facilitator says where to start
    assert [c.accessibleName() for c in dialog.choices.values()] == [
        "Blank plan",
        "Sales-led B2B",
        "Product-led SaaS",
        "Field-sales enterprise",
    ]
    assert focused().accessibleName() == "Blank plan"
    assert dialog.ui.summaryLabel.text().startswith("The new plan opens on Prepare, empty.")
    qtbot.keyClick(focused(), Qt.Key.Key_Down)
    assert focused().accessibleName() == "Sales-led B2B"
    qtbot.keyClick(focused(), Qt.Key.Key_Down)
    assert (focused().accessibleName(), dialog.template()) == ("Product-led SaaS", "product-led-saas")
    assert dialog.ui.summaryLabel.text().startswith(
        "Fills in 4 teams, 7 journey stages, 4 hand-offs, 4 definitions, 5 decision rights, "
        "4 joint practices.\nBusiness model: product-led."
    )
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.starter_dialog is None)

    assert window.document.plan.path == path.resolve()
    assert window.current_view() == "prepare"
    assert window.phase_pages["prepare"].teams.rowCount() == 4
    assert "Started from “Product-led SaaS”" in window.notifier.text()
    with open_plan(path, readonly=True) as plan:
        view = read_plan(plan)
        agreements = read_agreements(plan)
    assert view.details.business_model == "product-led"
    assert [a.title for a in agreements if a.kind == AgreementKind.JOURNEY_STAGE][:2] == [
        "Awareness",
        "Sign-up",
    ]
    assert not view.leaders
    assert not any(a.stances for a in agreements)


def test_enter_starts_a_blank_plan_and_escape_none(qtbot, make_window, answered, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    kept = tmp_path / "Not now.offsite"
    window, _dialog = open_starter(qtbot, make_window, answered, kept)
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.starter_dialog is None)
    assert not kept.exists()
    assert window.document is None

    path = tmp_path / "Blank.offsite"
    answered.save_paths.append(path)
    window.ui.actionNew.trigger()
    qtbot.waitUntil(lambda: window.starter_dialog is not None and window.starter_dialog.isVisible())
    qtbot.waitUntil(window.starter_dialog.isActiveWindow)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.starter_dialog is None)
    with open_plan(path, readonly=True) as plan:
        assert not read_agreements(plan)
        assert not read_plan(plan).teams
    assert window.phase_pages["prepare"].onboarding.isVisible()  # an empty plan's first screen


def test_a_letter_picks_a_template(qtbot, make_window, answered, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "Enterprise.offsite"
    window, dialog = open_starter(qtbot, make_window, answered, path)
    qtbot.keyClick(dialog, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)  # &Field-sales enterprise
    qtbot.waitUntil(lambda: dialog.template() == "field-sales-enterprise")  # a mnemonic clicks, animated
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.starter_dialog is None)
    with open_plan(path, readonly=True) as plan:
        stages = [a.title for a in read_agreements(plan) if a.kind == AgreementKind.JOURNEY_STAGE]
    assert stages[0] == "Target account"
