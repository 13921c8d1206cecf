"""The journey's swimlane: a lane per team in journey order, a stage per column, the hand-offs that
cross teams drawn in the accent colour with their label, legible at a dozen stages (it scrolls)."""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from offsite.domain.journey import UNOWNED, Stage, lay_out
from offsite.gui.swimlane import TITLE_PX, SwimlaneView, _colours, projector_swimlane, swimlane_area

SALES, MARKETING = 1, 2
TEAMS = {SALES: "Sales", MARKETING: "Marketing"}
JOURNEY = (
    Stage(10, "Awareness", MARKETING),
    Stage(11, "MQL", MARKETING, trigger="Scores 60+", service_level="within 1 day", bought_in=True),
    Stage(12, "SQL", SALES, owner="Maya Okafor", trigger="Demo booked"),
    Stage(13, "Opportunity", SALES),
    Stage(14, "Renewal and expansion with the customer's whole buying committee", None),
)


def near(a: QColor, b: QColor, slack: int = 40) -> bool:
    return all(abs(x - y) <= slack for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True))


def test_the_lanes_follow_the_journey_and_each_stage_has_its_column(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = SwimlaneView()
    qtbot.addWidget(view)
    view.set_swimlane(lay_out(JOURNEY, TEAMS), current_id=12)
    # Marketing first (the journey reaches it first), though Sales has the lower id; then the unowned.
    assert [lane.name for lane in view.swimlane.lanes] == ["Marketing", "Sales", UNOWNED]
    rects = [view.stage_rects[s.id] for s in JOURNEY]
    assert [r.left() for r in rects] == sorted(r.left() for r in rects)  # one column each, in order
    assert len({r.left() for r in rects}) == len(rects)
    tops = [r.top() for r in rects]
    assert tops[0] == tops[1] < tops[2] == tops[3] < tops[4]
    # Two hand-offs cross teams: MQL → SQL (labelled) and Opportunity → the unowned stage (no label).
    assert [(h.source, h.target) for h in view.swimlane.crossings] == [(1, 2), (3, 4)]
    assert view.hand_off_labels == {1: (view.hand_off_labels[1][0], "Scores 60+ · within 1 day")}


def test_it_paints_crossings_in_the_accent_the_current_stage_outlined_and_long_text_whole_in_a_tip(  # type: ignore[no-untyped-def]
    qtbot,
) -> None:
    view = SwimlaneView()
    qtbot.addWidget(view)
    view.set_swimlane(lay_out(JOURNEY, TEAMS), current_id=12)
    view.show()
    qtbot.waitExposed(view)
    image = view.grab().toImage()
    colours = _colours(False, view)
    mql, sql = view.stage_rects[11], view.stage_rects[12]
    middle = round((mql.right() + sql.left()) / 2)
    below_start = round(mql.center().y() + 12)  # on the crossing's vertical run, above its label
    assert near(image.pixelColor(middle, below_start), QColor(colours.accent))
    # The current stage's outline is the focus colour; another stage's is not.
    edge = round(sql.top()) + 20  # on the box's left edge, above where the arrow comes in
    assert near(image.pixelColor(round(sql.left()), edge), QColor(colours.current))
    opportunity = view.stage_rects[13]
    assert not near(image.pixelColor(round(opportunity.left()), edge), QColor(colours.current))

    long_title = JOURNEY[4].title
    assert long_title in view.tip_at(view.stage_rects[14].center())
    assert "Owner: Maya Okafor" in view.tip_at(sql.center())
    label_rect, label = view.hand_off_labels[1]
    assert view.tip_at(label_rect.center()) == label == "Scores 60+ · within 1 day"
    assert view.tip_at(QPointF(20, mql.center().y())) == "Marketing"


def test_a_dozen_stages_scroll_sideways_rather_than_shrink_the_text(qtbot) -> None:  # type: ignore[no-untyped-def]
    stages = [Stage(i, f"Stage {i}", MARKETING if i < 6 else SALES) for i in range(12)]
    view = SwimlaneView()
    area = swimlane_area(view)
    qtbot.addWidget(area)
    area.resize(1100, 320)
    view.set_swimlane(lay_out(stages, TEAMS))
    area.show()
    qtbot.waitExposed(area)
    QApplication.processEvents()
    assert view.text_font().pixelSize() == TITLE_PX
    assert view.width() > area.viewport().width()
    assert area.horizontalScrollBar().isVisible()
    # Scrolled to the end, the lanes' names are still drawn at the left of what is in view.
    area.horizontalScrollBar().setValue(area.horizontalScrollBar().maximum())
    QApplication.processEvents()
    assert view.visibleRegion().boundingRect().left() > 0
    view.grab()  # paints without a warning (the suite fails on any)


def test_the_projector_draws_larger_dark_on_white_and_fits_seven_stages_on_a_720p_screen(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QWidget

    holder = QWidget()
    qtbot.addWidget(holder)
    seven = [Stage(i, f"Stage {i}", MARKETING if i < 3 else SALES) for i in range(7)]
    area = projector_swimlane(lay_out(seven, TEAMS), 4, holder, 1168)  # 1280 less the projector's margins
    view = area.widget()
    assert isinstance(view, SwimlaneView)
    assert view.projector
    assert view.width() <= 1168
    assert view.text_font().pixelSize() >= TITLE_PX  # never smaller than on the laptop
    assert _colours(True, view).background == "#ffffff"
    assert _colours(True, view).ink == "#111111"
    wide = projector_swimlane(lay_out(seven, TEAMS), 4, holder, 1840)  # a 1080p projector
    assert wide.widget().text_font().pixelSize() > view.text_font().pixelSize()
    view.grab()
