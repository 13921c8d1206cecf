"""Item models pass Qt's model tester and show what the plan holds."""

from __future__ import annotations

from offsite.domain.values import Stance
from offsite.gui.models import BuyInModel, Field, FieldType, ObjectivesModel, RowsModel, group_objectives
from offsite.services.plans import read_plan


def test_objectives_model_groups_by_team_and_passes_the_model_tester(qtmodeltester, demo_plan) -> None:
    view = read_plan(demo_plan)
    model = ObjectivesModel()
    model.set_view(view)
    qtmodeltester.check(model)
    titles = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert titles[0] == "Sales  (1)"
    assert "Shared objectives  (3)" in titles
    sales = model.index(0, 0)
    assert model.index(0, 0, sales).data() == "Go outbound"
    assert model.index(0, 1, sales).data() == "✓ bought in"


def test_objectives_model_keeps_shape_when_only_text_changes(qtmodeltester, demo_plan, qtbot) -> None:
    from offsite.services.changes import Kind, update_fields

    model = ObjectivesModel()
    model.set_view(read_plan(demo_plan))
    outbound = next(o for o in read_plan(demo_plan).objectives if o.statement == "Go outbound")
    update_fields(demo_plan, Kind.OBJECTIVE, outbound.id, {"statement": "Go outbound now"})
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.dataChanged):
        model.set_view(read_plan(demo_plan))
    assert model.index(0, 0, model.index(0, 0)).data() == "Go outbound now"
    qtmodeltester.check(model)


def test_buyin_model_shows_current_stances_and_bought_in(qtmodeltester, demo_plan) -> None:
    view = read_plan(demo_plan)
    model = BuyInModel()
    model.set_view(view)
    qtmodeltester.check(model)
    assert model.rowCount() == len(view.objectives)
    assert model.columnCount() == len(view.leaders) + 1
    row = next(i for i, o in enumerate(view.objectives) if o.statement == "Go outbound")
    tomas = next(i for i, p in enumerate(view.leaders) if p.name == "Tomás Herrera")
    assert model.index(row, tomas).data() == Stance.AGREED.label  # the later of his two stances
    assert model.index(row, len(view.leaders)).data() == "✓ Yes"
    priya = next(i for i, p in enumerate(view.leaders) if p.name == "Priya Raman")
    assert model.index(row, priya).data() == "—"  # Marketing does not own "Go outbound"


def test_rows_model_edits_go_out_as_requests_not_into_the_rows(qtmodeltester, demo_plan) -> None:
    requests: list[tuple[int, str, object]] = []
    fields = (Field("Name", "name"), Field("Team", "team_id", FieldType.TEAM))
    view = read_plan(demo_plan)
    model = RowsModel(fields, lambda *edit: requests.append(edit), lambda: {t.id: t.name for t in view.teams})
    model.set_rows(view.leaders)
    qtmodeltester.check(model)
    assert model.index(0, 1).data() == "Sales"
    assert model.setData(model.index(0, 0), "Maya O.")
    assert requests == [(view.leaders[0].id, "name", "Maya O.")]
    assert model.index(0, 0).data() == "Maya Okafor"  # shown only once the plan says so
    assert not model.setData(model.index(0, 0), "Maya Okafor")  # unchanged: no edit at all


def test_groups_put_multi_team_objectives_under_shared(demo_plan) -> None:
    groups = group_objectives(read_plan(demo_plan))
    shared = next(g for g in groups if g.key == "shared")
    assert {o.statement for o in shared.objectives} == {
        "One funnel view",
        "Expand happy customers",
        "Clean hand-offs",
    }
    assert all(len(o.team_ids) > 1 for o in shared.objectives)


def test_tree_models_give_their_owner_as_parent_and_a_row_its_parent_row(demo_plan) -> None:
    """Qt's two ``parent``s share one Python name: without an index it is the model's owner (QObject)."""
    from PySide6.QtCore import QObject

    from offsite.gui.brainstorm.chains import ChainModel

    owner = QObject()
    objectives = ObjectivesModel(owner)
    objectives.set_view(read_plan(demo_plan))
    assert objectives.parent() is owner
    sales = objectives.index(0, 0)
    assert objectives.parent(objectives.index(0, 0, sales)) == sales
    assert not objectives.parent(sales).isValid()
    chains = ChainModel(lambda node_id, text: None, owner)
    assert chains.parent() is owner
