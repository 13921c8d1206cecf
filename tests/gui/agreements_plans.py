"""Plans and key strokes the Agreements page tests share: a small room (Sales and Marketing, three
leaders, one objective of marketing's with a metric), and driving the page's tables by keys."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox

from offsite.domain.agreements import AgreementKind, AgreementView
from offsite.services import objectives, prepare
from offsite.services.agreements import read_agreements
from offsite.services.plans import create_plan, open_plan


@dataclass(frozen=True)
class Room:
    path: Path
    sales: int
    marketing: int
    leaders: tuple[int, ...]
    objective: int
    metric: int


def small_room(folder: Path) -> Room:
    """A plan with the teams Sales and Marketing, three leaders, and one objective only marketing
    holds (“More qualified leads”, measured by “MQLs”): an incentive tied to it is warned about."""
    path = folder / "room.offsite"
    with create_plan(path, "Spring offsite") as plan:
        sales = prepare.add_team(plan, "Sales").id
        marketing = prepare.add_team(plan, "Marketing").id
        leaders = (
            prepare.add_leader(plan, "Priya Raman", "VP Marketing", marketing).id,
            prepare.add_leader(plan, "Maya Okafor", "VP Sales", sales).id,
            prepare.add_leader(plan, "Sam Lee", "Sales Director", sales).id,
        )
        objective = objectives.add_objective(plan, "More qualified leads", [marketing]).id
        metric = objectives.add_metric(plan, objective, "MQLs").id
    return Room(path, sales, marketing, leaders, objective, metric)


def on_disk(path: Path, kind: AgreementKind) -> list[AgreementView]:
    with open_plan(path, readonly=True) as plan:
        return [a for a in read_agreements(plan) if a.kind == kind.value]


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def choose_in_cell(qtbot, view: QAbstractItemView, index: QModelIndex, text: str) -> None:  # type: ignore[no-untyped-def]
    """Open the cell's combo with F2, type the start of ``text`` to pick it, Enter to keep it."""
    view.setFocus()
    view.setCurrentIndex(index)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    combos = [c for c in view.findChildren(QComboBox) if c.isVisible()]
    assert len(combos) == 1, f"expected one open combo, found {len(combos)}"
    combo = combos[0]
    qtbot.keyClicks(combo, text)
    assert combo.currentText().startswith(text), f"typed {text!r}, the combo shows {combo.currentText()!r}"
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)
