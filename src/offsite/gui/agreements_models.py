"""The parts of the Agreements page below its tabs: the table and matrix models, the cell editors, and
the undo commands the glossary's did not already give (moving a row, adding a starter set at once).

The table is a ``RowsModel`` whose columns are ``FIELDS[kind]``; a column naming a team, a leader,
a metric, a definition, an objective or a cadence shows a name and edits with a combo of the plan's
choices. The matrix is a ``StanceMatrixModel`` in which every leader is concerned: an agreement
binds both teams.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QComboBox, QStyleOptionViewItem, QWidget

from offsite.domain.agreements import (
    CADENCES,
    FIELDS,
    AgreementKind,
    AgreementView,
    current_agreement_stances,
)
from offsite.domain.formatting import format_number
from offsite.domain.language import QT_TRANSLATE_NOOP, translate
from offsite.domain.values import Kind, LeaderView
from offsite.gui.delegates import FieldDelegate
from offsite.gui.document import EditCommand, PlanDocument, Rows
from offsite.gui.models import FIELD_ROLE, Field, FieldType, RowsModel, StanceMatrixModel
from offsite.gui.theme import tone

if TYPE_CHECKING:
    from offsite.services.changes import Removed

#: What a blank choice of each kind of reference says, in its cell and at the top of its combo.
BLANKS = {
    "metric_id": QT_TRANSLATE_NOOP("AgreementsTab", "No metric"),
    "definition_id": QT_TRANSLATE_NOOP("AgreementsTab", "No definition"),
    "objective_id": QT_TRANSLATE_NOOP("AgreementsTab", "No objective"),
    "cadence": QT_TRANSLATE_NOOP("AgreementsTab", "Not agreed"),
}
#: The sign in the first cell of an incentive the app warns about.
WARNING_SIGN = "⚠"
CHOICE_FIELDS = frozenset(BLANKS)


def table_fields(kind: AgreementKind) -> tuple[Field, ...]:
    """The table's columns for ``kind``: ``FIELDS[kind]``, with the house editors for teams and owners."""
    types = {"team_id": FieldType.TEAM, "owner_id": FieldType.LEADER}
    return tuple(
        Field(f.label, f.name, types.get(f.name, FieldType.TEXT), f.tip, context="Agreements")
        for f in FIELDS[kind]
    )


class AgreementsModel(RowsModel):
    """One kind's agreements, a row each; references show the name of what they name."""

    def __init__(
        self,
        kind: AgreementKind,
        on_edit: Callable[[int, str, Any], None],
        team_names: Callable[[], dict[int, str]],
        leader_names: Callable[[], dict[int, str]],
        choices: Callable[[str], Sequence[tuple[Any, str]]],
        parent: Any = None,
    ) -> None:
        super().__init__(table_fields(kind), on_edit, team_names, parent, leader_names)
        self.kind = kind
        self._choices = choices
        #: Incentives the app warns about, by id, with why (``services.agreements.incentive_warnings``).
        self.warnings: dict[int, str] = {}

    def rows(self) -> list[AgreementView]:
        return list(self._rows)

    def _display(self, field: Field, value: Any) -> str:
        if field.name in CHOICE_FIELDS:
            if value in (None, ""):
                return translate("AgreementsTab", BLANKS[field.name])
            return str(dict(self._choices(field.name)).get(value, value))
        return super()._display(field, value)

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        field = self.fields[index.column()]
        warning = self.warnings.get(self._rows[index.row()].id, "") if index.column() == 0 else ""
        if warning and role == Qt.ItemDataRole.DisplayRole:
            return f"{WARNING_SIGN} {super().data(index, role)}"
        if warning and role == Qt.ItemDataRole.ToolTipRole:
            return warning
        if warning and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(tone("advice")))
        if (role == Qt.ItemDataRole.ToolTipRole and field.type is not FieldType.TEXT) or (
            role == Qt.ItemDataRole.ToolTipRole and field.name in CHOICE_FIELDS
        ):
            shown = self.data(index, Qt.ItemDataRole.DisplayRole)
            return f"{field.shown_header}: {shown}" if shown else None
        return super().data(index, role)

    def repaint(self) -> None:
        """Names of what the rows refer to changed (a metric renamed elsewhere): repaint every cell."""
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.fields) - 1))


class AgreementDelegate(FieldDelegate):
    """The house editors, and a combo of the plan's metrics, definitions, objectives or cadences."""

    def __init__(
        self,
        team_choices: Callable[[], list[tuple[int, str]]],
        leader_choices: Callable[[], list[tuple[int, str]]],
        choices: Callable[[str], Sequence[tuple[Any, str]]],
        parent: Any = None,
    ) -> None:
        super().__init__(team_choices, parent, leader_choices=leader_choices)
        self._choices = choices

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        field = index.data(FIELD_ROLE)
        if field is not None and field.name in CHOICE_FIELDS:
            combo = QComboBox(parent)
            combo.addItem(
                translate("AgreementsTab", BLANKS[field.name]), "" if field.name == "cadence" else None
            )
            for value, label in self._choices(field.name):
                combo.addItem(label, value)
                combo.setItemData(combo.count() - 1, label, Qt.ItemDataRole.ToolTipRole)
            combo.setAccessibleName(field.shown_header)
            return combo
        return super().createEditor(parent, option, index)


def name_choices(document: PlanDocument, definitions: Mapping[int, str]) -> dict[str, list[tuple[Any, str]]]:
    """What each reference column offers: metrics as “Objective › Metric”, definitions, objectives, cadences."""
    view = document.view()
    return {
        "metric_id": [(m.id, f"{o.statement} › {m.name}") for o in view.objectives for m in o.metrics],
        "definition_id": list(definitions.items()),
        "objective_id": [(o.id, o.statement) for o in view.objectives],
        "cadence": [(c, _capitalised(translate("Agreements", c))) for c in CADENCES],
    }


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


class AgreementBuyInModel(StanceMatrixModel[AgreementView]):
    """One kind's agreements × leaders. Every leader is concerned: an agreement binds both teams."""

    def __init__(self, kind: AgreementKind, parent: Any = None) -> None:
        super().__init__(parent)
        self.noun = kind.shown_noun
        self._current: dict[tuple[int, int], Any] = {}

    def _refresh(self) -> None:
        self._current = {}
        for item in self._items:
            self._current.update(current_agreement_stances(item.stances))

    def _refresh_items(self, items: Iterable[AgreementView]) -> None:
        for item in items:
            for leader in self._leaders:
                self._current.pop((item.id, leader.id), None)
            self._current.update(current_agreement_stances(item.stances))

    def _event(self, item: Any, leader_id: int) -> Any:
        return self._current.get((item.id, leader_id))

    def _concerned(self, item: Any, leader: LeaderView) -> bool:
        return True

    def _bought_in(self, item: Any) -> bool:
        return bool(item.bought_in)

    def _label(self, item: Any) -> str:
        return str(item.title)

    def _owners(self, item: Any) -> str:
        return translate("AgreementsTab", "both teams (every leader must agree)")


class MoveCommand(EditCommand):
    """Move an agreement up or down among those of its kind; undo moves it back as far as it went."""

    def __init__(self, document: PlanDocument, text: str, agreement_id: int, steps: int) -> None:
        super().__init__(document, text, {Kind.AGREEMENT})
        self.agreement_id, self.steps, self.moved = agreement_id, steps, 0

    def rows(self) -> Rows | None:
        return {Kind.AGREEMENT: frozenset({self.agreement_id})}

    def reordered(self) -> frozenset[Kind]:
        return frozenset({Kind.AGREEMENT})

    def first(self) -> None:
        from offsite.services import agreements

        self.moved = agreements.move_agreement(self.document.plan, self.agreement_id, self.steps)

    def again(self) -> None:
        from offsite.services import agreements

        agreements.move_agreement(self.document.plan, self.agreement_id, self.moved)

    def revert(self) -> None:
        from offsite.services import agreements

        agreements.move_agreement(self.document.plan, self.agreement_id, -self.moved)


class AddAllCommand(EditCommand):
    """Add several agreements as one step (the usual journey, the decisions to settle): undo takes
    them all back, with any buy-in recorded since; redo puts them all back."""

    def __init__(
        self,
        document: PlanDocument,
        text: str,
        adds: Sequence[tuple[str, Mapping[str, Any]]],
        kind: AgreementKind,
    ) -> None:
        super().__init__(document, text, {Kind.AGREEMENT, Kind.AGREEMENT_STANCE})
        self.kind, self.adds = kind, list(adds)
        self.created: list[int] = []
        self._removed: list[Removed] = []

    def rows(self) -> Rows | None:
        return {Kind.AGREEMENT: frozenset(self.created), Kind.AGREEMENT_STANCE: frozenset()}

    def reordered(self) -> frozenset[Kind]:
        return frozenset({Kind.AGREEMENT})

    def first(self) -> None:
        from offsite.domain.errors import OffsiteError
        from offsite.services import agreements, changes

        try:
            for title, fields in self.adds:
                self.created.append(
                    agreements.add_agreement(self.document.plan, self.kind, title, **fields).id
                )
        except OffsiteError:  # all or nothing: what was added before the refusal goes again
            for agreement_id in reversed(self.created):
                changes.remove(self.document.plan, Kind.AGREEMENT, agreement_id)
            self.created = []
            raise

    def again(self) -> None:
        from offsite.services import changes

        for removed in reversed(self._removed):
            changes.restore(self.document.plan, removed)
        self._removed = []

    def revert(self) -> None:
        from offsite.services import changes

        self._removed = [
            changes.remove(self.document.plan, Kind.AGREEMENT, i) for i in reversed(self.created)
        ]


def waiting_on(rows: Sequence[AgreementView], leaders: Sequence[LeaderView]) -> list[tuple[str, int]]:
    """Each leader who has not agreed to some of ``rows``, with how many, in the leaders' order."""
    from offsite.domain.values import Stance

    counts = []
    for leader in leaders:
        count = sum(row.stance_of(leader.id) is not Stance.AGREED for row in rows)
        if count:
            counts.append((leader.name, count))
    return counts


#: How the summary line counts each kind (“5 of 7 stages bought in”), whole so a translation may
#: inflect the noun.
COUNTED = {
    AgreementKind.JOURNEY_STAGE: QT_TRANSLATE_NOOP("AgreementsTab", "{bought} of {count} stages bought in"),
    AgreementKind.HAND_OFF: QT_TRANSLATE_NOOP("AgreementsTab", "{bought} of {count} hand-offs bought in"),
    AgreementKind.DECISION_RIGHT: QT_TRANSLATE_NOOP(
        "AgreementsTab", "{bought} of {count} decision rights bought in"
    ),
    AgreementKind.INCENTIVE: QT_TRANSLATE_NOOP("AgreementsTab", "{bought} of {count} incentives bought in"),
    AgreementKind.PRACTICE: QT_TRANSLATE_NOOP(
        "AgreementsTab", "{bought} of {count} joint practices bought in"
    ),
}


def summary(kind: AgreementKind, rows: Sequence[AgreementView], leaders: Sequence[LeaderView]) -> str:
    """“5 of 7 stages bought in; waiting on Priya Raman (2)”, or that there are none yet."""
    if not rows:
        return translate("AgreementsTab", "No {items} yet.").format(items=kind.shown_plural)
    bought = sum(row.bought_in for row in rows)
    line = translate("AgreementsTab", COUNTED[kind]).format(
        bought=format_number(bought), count=format_number(len(rows))
    )
    if not leaders:
        return translate("AgreementsTab", "{line}; no leaders yet to agree.").format(line=line)
    waiting = waiting_on(rows, leaders)
    if waiting:
        names = ", ".join(f"{name} ({format_number(count)})" for name, count in waiting)
        return translate("AgreementsTab", "{line}; waiting on {leaders}.").format(line=line, leaders=names)
    return line + "."
