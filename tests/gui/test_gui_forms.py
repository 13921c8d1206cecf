"""The Designer forms and the code that uses them agree: every named widget exists with its type."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMainWindow, QWidget

from offsite.gui.agreements import AgreementsForm, AgreementsTabForm
from offsite.gui.brainstorm import BrainstormForm
from offsite.gui.brainstorm.candidates import CandidatesForm
from offsite.gui.brainstorm.chains import ChainsForm
from offsite.gui.brainstorm.switch import SwitchForm
from offsite.gui.brainstorm.workback import WorkBackForm
from offsite.gui.buyin import BuyInForm
from offsite.gui.checkins import CheckInsForm
from offsite.gui.cycle_dialog import CycleDialogForm
from offsite.gui.definitions import DefinitionsForm
from offsite.gui.forms import Form, FormError
from offsite.gui.host import MainWindowForm
from offsite.gui.import_dialog import ImportDialogForm
from offsite.gui.overlaps import OverlapsForm
from offsite.gui.phases import PhaseForm
from offsite.gui.plan import PlanForm
from offsite.gui.prepare import PrepareForm
from offsite.gui.quarter import QuarterForm
from offsite.gui.review import ReviewForm
from offsite.gui.signoff import SignoffForm
from offsite.gui.starter_dialog import StarterDialogForm
from offsite.resources import ui_path

FORMS = [
    MainWindowForm,
    PrepareForm,
    PlanForm,
    AgreementsForm,
    AgreementsTabForm,
    BuyInForm,
    DefinitionsForm,
    OverlapsForm,
    PhaseForm,
    BrainstormForm,
    ChainsForm,
    CandidatesForm,
    SwitchForm,
    WorkBackForm,
    SignoffForm,
    ReviewForm,
    CheckInsForm,
    CycleDialogForm,
    QuarterForm,
    ImportDialogForm,
    StarterDialogForm,
]


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.ui_file)
def test_every_widget_the_code_names_is_in_the_form(qtbot, form: type[Form]) -> None:
    base = QMainWindow() if form is MainWindowForm else QWidget()
    qtbot.addWidget(base)
    loaded = form.setup(base)
    for name, kind in form.children_spec().items():
        child = getattr(loaded, name)
        assert isinstance(child, kind), name
        assert child.objectName() == name


def test_every_ui_file_is_used_by_a_form() -> None:
    used = {form.ui_file for form in FORMS}
    on_disk = {path.name for path in ui_path("x").parent.glob("*.ui")}
    assert on_disk == used


def test_a_form_naming_a_missing_widget_fails_loudly(qtbot) -> None:
    from PySide6.QtWidgets import QLineEdit

    class Broken(Form):
        ui_file = "phase_page.ui"
        noSuchEdit: QLineEdit

    base = QWidget()
    qtbot.addWidget(base)
    with pytest.raises(FormError, match="noSuchEdit"):
        Broken.setup(base)
