"""The Sign-off phase: freeze the plan as a version, each leader signs it, re-open it with a reason.

Freezing is an edit like any other (on the undo stack, until someone signs). A leader signs with
their own initials, or someone signs on their behalf with a reason; a signature is undone, or
withdrawn (which the history keeps), until every leader has signed: then the signatures are final.
Re-opening is a record that is only ever added to, so it is not on the undo stack.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, QSettings, QStringListModel, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QCompleter,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from offsite.domain.errors import OffsiteError
from offsite.domain.fingerprint import short_fingerprint
from offsite.domain.language import QT_TRANSLATE_NOOP, plural, translate
from offsite.domain.signoff import Readiness, SignatureView, SignoffView, VersionView
from offsite.domain.values import Kind, LeaderView
from offsite.gui.commands import CreateCommand, WithdrawSignatureCommand
from offsite.gui.delegates import read_only_table
from offsite.gui.document import EditCommand, PlanDocument
from offsite.gui.fit import keep_wrapped_text_whole, show_every_row, show_rows, stack_columns_when_narrow
from offsite.gui.forms import Form
from offsite.gui.page import Page
from offsite.gui.rich_text import literal as _esc
from offsite.gui.stances import moment_text
from offsite.services import signoff
from offsite.services.changes import Created
from offsite.services.draft_marking import DraftInfo, read_draft_info

#: Where the facilitator's name is remembered between offsites (QSettings key).
NAME_SETTING = "signoff/name"

#: When a signature can be taken back, said where people sign. Made at import: shown as
#: ``translate("SignoffPage", FINAL)``.
FINAL = QT_TRANSLATE_NOOP(
    "SignoffPage",
    "Undo or Withdraw takes a signature back until every leader has signed; then the signatures are "
    "final, and re-opening is the way to change the plan.",
)

#: The keys of the Sign-off screen for Help ▸ Keyboard shortcuts: (keys, what they do). Made at
#: import, so marked in the "Shortcuts" context for the dialog to translate where it shows them.
KEYS = (
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Type in the table"),
        QT_TRANSLATE_NOOP("Shortcuts", "Start the selected leader's initials; Enter signs"),
    ),
    (
        "Alt+A",
        QT_TRANSLATE_NOOP(
            "Shortcuts", "Sign on behalf of the selected leader: who signs (Alt+Y) and why (Alt+N)"
        ),
    ),
    (
        "Delete / Alt+D",
        QT_TRANSLATE_NOOP(
            "Shortcuts",
            "In the table: withdraw the selected leader's signature, until every leader has signed",
        ),
    ),
    (
        "Ctrl+Z",
        QT_TRANSLATE_NOOP("Shortcuts", "Undo a signature or a withdrawal, until every leader has signed"),
    ),
)

#: Made at import: each shown as ``translate("SignoffPage", ...)``.
SIGN_COLUMNS = (
    QT_TRANSLATE_NOOP("SignoffPage", "Leader"),
    QT_TRANSLATE_NOOP("SignoffPage", "Title"),
    QT_TRANSLATE_NOOP("SignoffPage", "Status"),
    QT_TRANSLATE_NOOP("SignoffPage", "Initials"),
    QT_TRANSLATE_NOOP("SignoffPage", "Signed at"),
)
#: The narrowest the page shows re-opening and the versions beside the signing (whose table then
#: has room for its columns); on a narrower (or scaled) screen they go below it.
SIDE_BY_SIDE = 900
#: The narrowest the signing row keeps signing on behalf and withdrawing beside the initials.
SIGN_ROW_FROM = 600
#: Leaders the signing table keeps in view on any screen (the page scrolls down to make room).
SIGN_ROWS = 3
VERSION_COLUMNS = (
    QT_TRANSLATE_NOOP("SignoffPage", "Version"),
    QT_TRANSLATE_NOOP("SignoffPage", "Frozen, signed, re-opened"),
)


class SignoffForm(Form):
    ui_file = "signoff_page.ui"
    pageTitle: QLabel
    pageIntro: QLabel
    stateLabel: QLabel
    messageLabel: QLabel
    freezeBox: QGroupBox
    readinessLabel: QLabel
    reasonEdit: QLineEdit
    frozenByEdit: QLineEdit
    freezeButton: QPushButton
    freezeHint: QLabel
    currentBox: QGroupBox
    fingerprintLabel: QLabel
    copyButton: QToolButton
    frozenLabel: QLabel
    signTable: QTableWidget
    signRow: QHBoxLayout
    signAsLabel: QLabel
    initialsEdit: QLineEdit
    signButton: QPushButton
    behalfCheck: QCheckBox
    withdrawButton: QPushButton
    behalfPane: QWidget
    behalfByEdit: QLineEdit
    behalfWhyEdit: QLineEdit
    signHint: QLabel
    reopenBox: QGroupBox
    reopenByEdit: QLineEdit
    reopenWhyEdit: QLineEdit
    reopenButton: QPushButton
    versionsTable: QTableWidget
    columns: QHBoxLayout


def local(at: dt.datetime) -> dt.datetime:
    """A stored time (naive UTC) in the computer's time zone."""
    return (at if at.tzinfo is not None else at.replace(tzinfo=dt.UTC)).astimezone()


def when(at: dt.datetime) -> str:
    return moment_text(local(at), year=True)


def lock_banner_text(document: PlanDocument) -> str | None:
    """The sentence every page shows while the plan is locked; None when it is open for editing."""
    number = document.plan.locked_version()
    if number is None:
        return None
    view = signoff.read_signoff(document.plan)
    current = view.current
    leaders = len(document.view().leaders)
    signed = len(current.signatures) if current is not None else 0
    if view.signed_by_all:
        state = translate("SignoffPage", "Signed version {number}").format(number=number)
    else:
        state = translate(
            "SignoffPage", "Version {number} is frozen for signing ({signed} of {leaders} signed)"
        ).format(number=number, signed=signed, leaders=leaders)
    return translate(
        "SignoffPage",
        "<b>{state} — read-only.</b> Re-open it on the <a href='signoff'>Sign-off screen</a> to edit; "
        "check-ins, the quarter's review and the wins go on under Review.",
    ).format(state=state)


def _leaders_in(content: str, default: int) -> int:
    """How many leaders a version's frozen content holds (who could sign it then)."""
    try:
        leaders = json.loads(content).get("leaders")
    except (ValueError, AttributeError):
        return default
    return len(leaders) if isinstance(leaders, list) else default


def _names(names: Iterable[str]) -> str:
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return translate("SignoffPage", "{names} and {last}").format(names=", ".join(names[:-1]), last=names[-1])


def _item(text: str, *, tip: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if tip:
        item.setToolTip(tip)
    return item


class SignoffPage(Page):
    shows = frozenset(
        {
            Kind.PLAN,
            Kind.OBJECTIVE,
            Kind.LEADER,
            Kind.TEAM,
            Kind.STANCE,
            Kind.AGREEMENT,
            Kind.AGREEMENT_STANCE,
            Kind.VERSION,
            Kind.SIGNATURE,
            Kind.REOPENING,
        }
    )
    #: Stays usable while the plan is signed: signing and re-opening are what a locked plan allows.
    edits_content = False

    #: A sentence for the status bar: who signed, what was frozen or re-opened.
    message = Signal(str)

    def __init__(self, document: PlanDocument, settings: QSettings | None = None) -> None:
        super().__init__(document)
        self.settings = settings or QSettings()
        self.ui = ui = SignoffForm.setup(self)
        self._view: SignoffView | None = None
        self._readiness: Readiness | None = None
        self._draft: DraftInfo | None = None  # a leader's draft is never frozen or signed
        self._leaders: tuple[LeaderView, ...] = ()
        self._signed: dict[int, SignatureView] = {}
        self._full_fingerprint = ""

        table = ui.signTable
        table.setColumnCount(len(SIGN_COLUMNS))
        table.setHorizontalHeaderLabels([translate("SignoffPage", c) for c in SIGN_COLUMNS])
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.currentCellChanged.connect(lambda *_: self._show_signer())
        table.installEventFilter(self)

        versions = ui.versionsTable
        vheader = read_only_table(versions, tuple(translate("SignoffPage", c) for c in VERSION_COLUMNS))
        versions.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        versions.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Wrapped lines need the row's height again once the column has its real width.
        vheader.sectionResized.connect(lambda *_: versions.resizeRowsToContents())
        versions.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # The freeze box keeps its size; the signing table (when a version is locked) takes the rest.
        left = self.findChild(QVBoxLayout, "leftColumn")
        assert left is not None
        self._left: QVBoxLayout = left
        self._left.addStretch(1)
        # On a narrow (or scaled) screen re-opening and the versions go below the signing, each
        # with the whole width, and the signing row wraps onto two lines: the page scrolls down
        # instead of sideways. The newest version reads whole however its lines wrap.
        keep_wrapped_text_whole(self)
        stack_columns_when_narrow(ui.columns, self, SIDE_BY_SIDE, self._columns_stacked)
        stack_columns_when_narrow(ui.signRow, ui.currentBox, SIGN_ROW_FROM)
        show_rows(table, SIGN_ROWS)
        show_every_row(versions, first=1)

        # Who freezes or re-opens: the facilitator's remembered name, or a leader's (completed inline).
        self._names = QStringListModel(self)
        completer = QCompleter(self._names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.InlineCompletion)  # no popup to dismiss
        ui.frozenByEdit.setCompleter(completer)
        ui.reopenByEdit.setCompleter(completer)
        name = str(self.settings.value(NAME_SETTING, "") or "")
        ui.frozenByEdit.setText(name)
        ui.reopenByEdit.setText(name)
        # The agreements beyond goals are signed with the objectives: a reason covers either.
        ui.reasonEdit.setPlaceholderText(
            translate(
                "SignoffPage", "Only when an objective or agreement is not bought in: why freeze anyway?"
            )
        )
        for edit in (ui.reasonEdit, ui.frozenByEdit):
            edit.textChanged.connect(self._update_freeze_button)
        ui.reasonEdit.returnPressed.connect(self.freeze)
        ui.frozenByEdit.returnPressed.connect(self.freeze)
        ui.freezeButton.clicked.connect(self.freeze)
        ui.copyButton.clicked.connect(self.copy_fingerprint)
        ui.copyButton.setToolTip(
            translate("SignoffPage", "Copy the full SHA-256 fingerprint to the clipboard")
        )
        ui.initialsEdit.returnPressed.connect(self.sign)
        ui.signButton.clicked.connect(self.sign)
        ui.behalfPane.hide()
        ui.behalfCheck.toggled.connect(self._show_behalf)
        ui.behalfByEdit.setCompleter(completer)
        for edit in (ui.behalfByEdit, ui.behalfWhyEdit):
            edit.returnPressed.connect(self.sign)
        ui.withdrawButton.clicked.connect(self.withdraw)
        ui.withdrawButton.setToolTip(
            translate(
                "SignoffPage",
                "Take the selected leader's signature back; the history keeps that it was withdrawn. "
                "Only until every leader has signed.",
            )
        )
        ui.signHint.setText(translate("SignoffPage", FINAL))
        ui.messageLabel.hide()
        for edit in (ui.reopenByEdit, ui.reopenWhyEdit):
            edit.textChanged.connect(self._update_reopen_button)
            edit.returnPressed.connect(self.reopen)
        ui.reopenButton.clicked.connect(self.reopen)

    def _columns_stacked(self, stacked: bool) -> None:
        """Stacked, the versions below take the height left over, not a blank band above them."""
        self.ui.columns.setStretch(0, 0 if stacked else 3)
        self.ui.columns.setStretch(1, 1 if stacked else 2)

    # -- loading -------------------------------------------------------------------------------
    def load(self, document: PlanDocument) -> None:
        plan = document.plan
        self._view = view = signoff.read_signoff(plan)
        self._readiness = ready = signoff.readiness(plan)
        self._leaders = document.view().leaders
        self._draft = read_draft_info(plan)
        self._names.setStringList([leader.name for leader in self._leaders])
        current = view.current
        self._show_state(view, current)
        self._show_readiness(ready, view)
        self.ui.freezeBox.setVisible(current is None)
        self.ui.currentBox.setVisible(current is not None)
        self._left.setStretch(self._left.count() - 1, 0 if current is not None else 1)
        self._left.setStretch(self._left.indexOf(self.ui.currentBox), 1)
        self.ui.reopenBox.setVisible(current is not None)
        if current is not None:
            self._show_current(current, view)
        self._show_versions(view)
        self._update_freeze_button()
        self._update_reopen_button()

    def _show_state(self, view: SignoffView, current: VersionView | None) -> None:
        if current is None:
            earlier = len(view.versions)
            if earlier:
                text = plural(
                    earlier,
                    translate("SignoffPage", "<b>Open for editing.</b> {count} earlier version kept below."),
                    translate("SignoffPage", "<b>Open for editing.</b> {count} earlier versions kept below."),
                ).format(count=earlier)
            else:
                text = translate("SignoffPage", "<b>Open for editing.</b>")
        else:
            signed, total = len(current.signatures), len(self._leaders)
            if view.signed_by_all:
                text = translate(
                    "SignoffPage",
                    "<b>Signed version {number}</b> — every leader has signed; the plan is read-only.",
                ).format(number=current.number)
            else:
                text = translate(
                    "SignoffPage",
                    "<b>Version {number} is frozen for signing</b> — {signed} of {total} "
                    "leaders have signed; the plan is read-only.",
                ).format(number=current.number, signed=signed, total=total)
        self.ui.stateLabel.setText(text)
        self.ui.stateLabel.setProperty("locked", current is not None)
        self.ui.stateLabel.style().polish(self.ui.stateLabel)

    def _show_readiness(self, ready: Readiness, view: SignoffView) -> None:
        number = max((v.number for v in view.versions), default=0) + 1
        self.ui.freezeButton.setText(
            translate("SignoffPage", "&Freeze version {number}").format(number=number)
        )
        if ready.objective_count == 0:
            text = translate(
                "SignoffPage",
                "The plan has no objectives yet. Add them on the Plan screen, or give a reason to freeze anyway.",
            )
        elif not ready.pending:
            count = ready.objective_count
            text = (
                translate("SignoffPage", "✓ <b>All {count} objectives are bought in.</b>").format(count=count)
                if count != 1
                else translate("SignoffPage", "✓ <b>The objective is bought in.</b>")
            )
        else:
            waiting = len(ready.pending)
            bought = ready.objective_count - waiting
            lines = "".join(
                (
                    translate("SignoffPage", "<li>“{objective}” — waiting on {leaders}</li>").format(
                        objective=_esc(p.statement), leaders=_esc(_names(p.waiting_on))
                    )
                    if p.waiting_on
                    else translate(
                        "SignoffPage",
                        "<li>“{objective}” — waiting on nobody: no leader in its teams yet</li>",
                    ).format(objective=_esc(p.statement))
                )
                for p in ready.pending
            )
            text = translate(
                "SignoffPage",
                "<b>{bought} of {total} objectives are bought in.</b> Still waiting:"
                "<ul style='margin-top:4px; margin-bottom:0'>{lines}</ul>",
            ).format(bought=bought, total=ready.objective_count, lines=lines)
        self.ui.readinessLabel.setText(text + self._agreements_readiness(ready))

    @staticmethod
    def _agreements_readiness(ready: Readiness) -> str:
        """The agreements beyond goals, signed with the objectives: which still wait, on whom."""
        count = ready.agreement_count
        if not count:
            return ""
        if not ready.agreements_pending:
            if count != 1:
                return translate(
                    "SignoffPage",
                    "<br>✓ <b>All {count} agreements are bought in</b> "
                    "(journey, hand-offs, decision rights, incentives, practices).",
                ).format(count=count)
            return translate(
                "SignoffPage",
                "<br>✓ <b>The agreement is bought in</b> (journey, hand-offs, decision rights, incentives, practices).",
            )
        bought = count - len(ready.agreements_pending)
        lines = "".join(f"<li>{_esc(p.line)}</li>" for p in ready.agreements_pending)
        return translate(
            "SignoffPage",
            "<br><b>{bought} of {count} agreements are bought in</b> — every leader agrees to each. "
            "Still waiting:<ul style='margin-top:4px; margin-bottom:0'>{lines}</ul>",
        ).format(bought=bought, count=count, lines=lines)

    def _show_current(self, current: VersionView, view: SignoffView) -> None:
        ui = self.ui
        ui.currentBox.setTitle(translate("SignoffPage", "Version {number}").format(number=current.number))
        self._full_fingerprint = current.fingerprint
        ui.fingerprintLabel.setText(
            translate("SignoffPage", "Fingerprint (SHA-256) <code>{fingerprint}…</code>").format(
                fingerprint=short_fingerprint(current.fingerprint)
            )
        )
        ui.fingerprintLabel.setToolTip(current.fingerprint)
        frozen = translate("SignoffPage", "Frozen {when} by <b>{who}</b>.").format(
            when=when(current.frozen_at), who=_esc(current.frozen_by)
        )
        if current.override_reason:
            frozen += translate("SignoffPage", " Frozen before full buy-in: “{reason}”.").format(
                reason=_esc(current.override_reason)
            )
        ui.frozenLabel.setText(frozen)

        # By uid, not name: two leaders may share a name.
        unsigned = set(view.unsigned_leader_ids)
        by_uid = {g.leader_uid: g for g in current.signatures}
        self._signed = {}
        table = ui.signTable
        previous = self._selected_leader_id()
        table.setRowCount(len(self._leaders))
        for row, leader in enumerate(self._leaders):
            signature = by_uid.get(leader.uid) if leader.id not in unsigned else None
            if signature is not None:
                self._signed[leader.id] = signature
            status = translate("SignoffPage", "To sign")
            if signature is not None:
                status = (
                    translate("SignoffPage", "✓ Signed by {signer}").format(signer=signature.signed_by)
                    if signature.on_behalf
                    else translate("SignoffPage", "✓ Signed")
                )
            cells = (
                leader.name,
                leader.title,
                status,
                signature.initials if signature else "",
                when(signature.signed_at) if signature else "",
            )
            for column, text in enumerate(cells):
                item = _item(text)
                item.setData(Qt.ItemDataRole.UserRole, leader.id)
                table.setItem(row, column, item)
        table.resizeRowsToContents()
        same_version = getattr(self, "_shown_version_id", None) == current.id
        self._shown_version_id = current.id
        target = previous if same_version and previous is not None and previous in unsigned else None
        if target is None:
            target = next((p.id for p in self._leaders if p.id in unsigned), previous)
        self._select_leader(target)
        self._show_signer()

    def _show_versions(self, view: SignoffView) -> None:
        table = self.ui.versionsTable
        table.clearSpans()
        table.setRowCount(len(view.versions))
        for row, version in enumerate(view.versions):
            locked = version.id == view.locked_version_id
            number = _item(
                translate("SignoffPage", "{number}\ncurrent").format(number=version.number)
                if locked
                else f"{version.number}"
            )
            number.setTextAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            font = number.font()
            font.setBold(True)
            number.setFont(font)
            signed = len(version.signatures)
            total = _leaders_in(version.content, len(self._leaders))
            initials = ", ".join(g.initials for g in version.signatures)
            lines = [
                translate("SignoffPage", "Frozen {when} by {who}").format(
                    when=when(version.frozen_at), who=version.frozen_by
                ),
                translate("SignoffPage", "Fingerprint {fingerprint}…").format(
                    fingerprint=short_fingerprint(version.fingerprint)
                ),
                (
                    translate("SignoffPage", "Signed {signed}/{total}: {initials}")
                    if initials
                    else translate("SignoffPage", "Signed {signed}/{total}")
                ).format(signed=signed, total=total, initials=initials),
            ]
            lines += [
                translate("SignoffPage", "{signer} signed on behalf of {leader}: “{reason}”").format(
                    signer=g.signed_by, leader=g.leader_name, reason=g.behalf_reason
                )
                for g in version.signatures
                if g.on_behalf
            ]
            lines += [
                translate("SignoffPage", "{leader}’s signature of {signed} withdrawn {withdrawn}").format(
                    leader=w.leader_name, signed=when(w.signed_at), withdrawn=when(w.withdrawn_at)
                )
                for w in version.withdrawals
            ]
            if version.override_reason:
                lines.insert(
                    1,
                    translate("SignoffPage", "Frozen before full buy-in: “{reason}”").format(
                        reason=version.override_reason
                    ),
                )
            if version.reopening is not None:
                r = version.reopening
                lines.append(
                    translate("SignoffPage", "Re-opened {when} by {who}: “{reason}”").format(
                        when=when(r.at), who=r.by, reason=r.reason
                    )
                )
            elif locked:
                lines.append(translate("SignoffPage", "Not re-opened: the plan is read-only."))
            detail = _item(
                "\n".join(lines),
                tip=translate("SignoffPage", "Fingerprint (SHA-256): {fingerprint}").format(
                    fingerprint=version.fingerprint
                ),
            )
            detail.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            table.setItem(row, 0, number)
            table.setItem(row, 1, detail)
        if not view.versions:
            table.setRowCount(1)
            table.setItem(
                0, 0, _item(translate("SignoffPage", "None yet: freeze the plan to make version 1."))
            )
            table.setSpan(0, 0, 1, len(VERSION_COLUMNS))
        table.resizeRowsToContents()

    # -- freezing ------------------------------------------------------------------------------
    def _update_freeze_button(self) -> None:
        ready = self._readiness
        reason = self.ui.reasonEdit.text().strip()
        name = self.ui.frozenByEdit.text().strip()
        is_ready = ready is not None and ready.ready
        draft = self._draft
        if draft is not None:
            hint = translate(
                "SignoffPage",
                "This is {draft}: a draft is not signed. Bring it to the facilitator, who merges "
                "it into the plan (File ▸ Merge Drafts); the plan is signed.",
            ).format(draft=draft.label)
        elif not is_ready and not reason:
            hint = translate(
                "SignoffPage",
                "Give an override reason to freeze before every objective and agreement is bought in.",
            )
        elif not name:
            hint = translate("SignoffPage", "Say who freezes the plan (Frozen by).")
        else:
            hint = translate(
                "SignoffPage",
                "Freezing makes the plan read-only until it is re-opened; Undo takes it back until someone signs.",
            )
        enabled = (is_ready or bool(reason)) and bool(name) and not self.document.readonly and draft is None
        self.ui.freezeButton.setEnabled(enabled)
        self.ui.freezeButton.setToolTip(
            translate(
                "SignoffPage",
                "Freeze needs every objective and agreement bought in, or an override reason, and who "
                "freezes it. {hint}",
            ).format(hint=hint)
        )
        self.ui.freezeHint.setText(hint)

    def freeze(self) -> bool:
        """Freeze the plan as the next version (undoable until the first signature)."""
        doc = self.document
        if doc.readonly:
            self._say(
                translate(
                    "SignoffPage",
                    "“{plan}” is open read-only here: freeze it in the window that has it open.",
                ).format(plan=doc.plan.name),
                problem=True,
            )
            return False
        name = self.ui.frozenByEdit.text().strip()
        reason = self.ui.reasonEdit.text().strip() or None
        number = max((v.number for v in (self._view.versions if self._view else ())), default=0) + 1
        done = doc.execute(
            CreateCommand(
                doc,
                translate("SignoffPage", "Freeze version {number}").format(number=number),
                Kind.VERSION,
                lambda: signoff.freeze(doc.plan, frozen_by=name, override_reason=reason),
            )
        )
        if done:
            if name:
                self.settings.setValue(NAME_SETTING, name)
                if not self.ui.reopenByEdit.text().strip():
                    self.ui.reopenByEdit.setText(name)
            self.ui.reasonEdit.clear()
            self._say(
                translate(
                    "SignoffPage",
                    "Froze version {number}: the plan is read-only. Each leader now signs with their initials.",
                ).format(number=number)
            )
            self.ui.initialsEdit.setFocus()
        return done

    def copy_fingerprint(self) -> None:
        if self._full_fingerprint:
            QGuiApplication.clipboard().setText(self._full_fingerprint)
            self.message.emit(
                translate("SignoffPage", "Copied the fingerprint {fingerprint}").format(
                    fingerprint=self._full_fingerprint
                )
            )

    # -- signing -------------------------------------------------------------------------------
    def _selected_leader_id(self) -> int | None:
        item = self.ui.signTable.item(self.ui.signTable.currentRow(), 0)
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def _select_leader(self, leader_id: int | None) -> None:
        for row, leader in enumerate(self._leaders):
            if leader.id == leader_id:
                self.ui.signTable.setCurrentCell(row, 0)
                return

    def _show_signer(self) -> None:
        ui = self.ui
        leader_id = self._selected_leader_id()
        leader = next((p for p in self._leaders if p.id == leader_id), None)
        signed = self._signed.get(leader_id) if leader_id is not None else None
        can_sign = leader is not None and signed is None and not self.document.readonly
        ui.initialsEdit.setEnabled(can_sign)
        ui.signButton.setEnabled(can_sign)
        ui.behalfCheck.setEnabled(can_sign)
        ui.behalfPane.setEnabled(can_sign)
        complete = self._view is not None and self._view.signed_by_all
        ui.withdrawButton.setEnabled(signed is not None and not complete and not self.document.readonly)
        if leader is None:
            ui.signAsLabel.setText(translate("SignoffPage", "Select a leader to sign."))
        elif signed is not None:
            if signed.on_behalf:
                said = translate(
                    "SignoffPage", "<b>{leader}</b> signed {when} (by {signer}, on their behalf)."
                )
            else:
                said = translate("SignoffPage", "<b>{leader}</b> signed {when}.")
            ui.signAsLabel.setText(
                said.format(
                    leader=_esc(leader.name), when=when(signed.signed_at), signer=_esc(signed.signed_by)
                )
            )
        elif ui.behalfCheck.isChecked():
            ui.signAsLabel.setText(
                translate("SignoffPage", "Sign on behalf of <b>{leader}</b>, with your initials:").format(
                    leader=_esc(leader.name)
                )
            )
        else:
            ui.signAsLabel.setText(
                translate("SignoffPage", "Sign as <b>{leader}</b>:").format(leader=_esc(leader.name))
            )

    def _show_behalf(self, on: bool) -> None:
        """Signing on behalf asks who signs and why, beneath the initials."""
        self.ui.behalfPane.setVisible(on)
        self._show_signer()
        if on:
            self.ui.behalfByEdit.setFocus()

    def sign(self) -> bool:
        """The selected leader signs the locked version with their initials, or someone on their behalf."""
        view = self._view
        current = view.current if view is not None else None
        leader_id = self._selected_leader_id()
        leader = next((p for p in self._leaders if p.id == leader_id), None)
        if current is None or leader is None:
            self._say(translate("SignoffPage", "Select a leader in the table to sign."), problem=True)
            return False
        ui, plan = self.ui, self.document.plan
        initials = ui.initialsEdit.text()
        behalf = ui.behalfCheck.isChecked()
        by, why = ui.behalfByEdit.text().strip(), ui.behalfWhyEdit.text().strip()
        command = CreateCommand(
            self.document,
            translate("SignoffPage", "Sign version {number} for {leader}").format(
                number=current.number, leader=leader.name
            )
            if behalf
            else translate("SignoffPage", "Sign as {leader}").format(leader=leader.name),
            Kind.SIGNATURE,
            lambda: signoff.sign(
                plan, current.id, leader.id, initials, on_behalf_by=by if behalf else None, reason=why
            ),
        )
        if not self._execute(command):
            return False
        ui.initialsEdit.clear()
        if signoff.read_signoff(plan).signed_by_all:
            # Every leader has signed: the signatures are final, and so is what they signed.
            self.document.undo_stack.clear()
        if behalf:
            ui.behalfWhyEdit.clear()
            ui.behalfCheck.setChecked(False)
        assert command.created_id is not None
        at = local(signoff_time(self.document, command.created_id) or dt.datetime.now(dt.UTC))
        if behalf:
            said = translate(
                "SignoffPage", "{signer} signed for {leader} version {number} at {time}. {final}"
            )
        else:
            said = translate("SignoffPage", "{leader} signed version {number} at {time}. {final}")
        self._say(
            said.format(
                signer=by,
                leader=leader.name,
                number=current.number,
                time=f"{at:%H:%M}",
                final=translate("SignoffPage", FINAL),
            )
        )
        if ui.initialsEdit.isEnabled():
            ui.initialsEdit.setFocus()
        else:
            ui.signTable.setFocus()
        return True

    def withdraw(self) -> bool:
        """Take back the selected leader's signature (undoable); the history keeps the withdrawal."""
        leader_id = self._selected_leader_id()
        signature = self._signed.get(leader_id) if leader_id is not None else None
        if signature is None:
            self._say(
                translate("SignoffPage", "Select a leader who has signed to withdraw their signature."),
                problem=True,
            )
            return False
        command = WithdrawSignatureCommand(
            self.document,
            translate("SignoffPage", "Withdraw {leader}’s signature").format(leader=signature.leader_name),
            signature.id,
        )
        if not self._execute(command):
            return False
        self._say(
            translate(
                "SignoffPage",
                "Withdrew {leader}’s signature; the sign-off history keeps it. They may sign again; Undo puts it back.",
            ).format(leader=signature.leader_name)
        )
        self.ui.initialsEdit.setFocus() if self.ui.initialsEdit.isEnabled() else self.ui.signTable.setFocus()
        return True

    def _execute(self, command: EditCommand) -> bool:
        """Run an undoable sign-off edit; a refusal is said on the page, in the leader's words."""
        if self.document.readonly:  # the fields are locked, but Enter still reaches here
            self._say(
                translate(
                    "SignoffPage", "“{plan}” is open read-only here: sign in the window that has it open."
                ).format(plan=self.document.plan.name),
                problem=True,
            )
            return False
        return self.document.execute(command, refused=lambda text: self._say(text, problem=True))

    # -- re-opening ----------------------------------------------------------------------------
    def _update_reopen_button(self) -> None:
        by = self.ui.reopenByEdit.text().strip()
        why = self.ui.reopenWhyEdit.text().strip()
        enabled = bool(by and why) and not self.document.readonly
        self.ui.reopenButton.setEnabled(enabled)
        self.ui.reopenButton.setToolTip(
            translate(
                "SignoffPage",
                "Re-opening records who and why, and makes the plan editable; the signed version stays.",
            )
            if enabled
            else translate(
                "SignoffPage", "Say who re-opens the plan and why: both are recorded with the version."
            )
        )

    def reopen(self) -> bool:
        """Re-open the locked version for editing, recording who and why (final: no undo)."""
        by = self.ui.reopenByEdit.text().strip()
        why = self.ui.reopenWhyEdit.text().strip()
        current = self._view.current if self._view is not None else None
        created = self._run(lambda: signoff.reopen(self.document.plan, by, why), {Kind.REOPENING})
        if created is None:
            return False
        # The version's freeze and signatures are history now: none of them can be undone past this.
        self.document.undo_stack.clear()
        self.ui.reopenWhyEdit.clear()
        number = current.number if current is not None else ""
        self._say(
            translate(
                "SignoffPage",
                "{who} re-opened version {number}: the plan is editable again; the signed version is kept.",
            ).format(who=by, number=number)
        )
        return True

    # -- shared ---------------------------------------------------------------------------------
    def _run(self, verb: Callable[[], Created], kinds: set[Kind]) -> Created | None:
        """A verb with no undo: done at once, refused with its sentence, never on the undo stack."""
        if self.document.readonly:  # the fields are locked, but Enter still reaches here
            self._say(
                translate(
                    "SignoffPage",
                    "“{plan}” is open read-only here: sign or re-open it in the window that has it open.",
                ).format(plan=self.document.plan.name),
                problem=True,
            )
            return None
        try:
            created = verb()
        except OffsiteError as error:
            self._say(str(error), problem=True)
            return None
        self.document.saved.emit()
        self.document.notify(kinds)
        return created

    def _say(self, text: str, *, problem: bool = False) -> None:
        """A sentence on the page (red when refused) and in the status bar; never a modal question."""
        label = self.ui.messageLabel
        label.setText(text)
        label.setProperty("problem", problem)
        label.style().polish(label)
        label.show()
        self.message.emit(text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the signing table, typing starts the initials and Enter moves to them: keyboard first."""
        if (
            watched is self.ui.signTable
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Delete
            and self.ui.withdrawButton.isEnabled()
        ):
            self.withdraw()  # Delete on a signed leader's row: withdraw, as the button does
            return True
        if (
            watched is self.ui.signTable
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and self.ui.initialsEdit.isEnabled()
        ):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.ui.initialsEdit.setFocus()
                return True
            text = event.text()
            if (
                text
                and text.isprintable()
                and not text.isspace()
                and not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
            ):
                self.ui.initialsEdit.setFocus()
                self.ui.initialsEdit.insert(text)
                return True
        return super().eventFilter(watched, event)


def signoff_time(document: PlanDocument, signature_id: int) -> dt.datetime | None:
    """When a signature was made, as stored."""
    for version in signoff.read_signoff(document.plan).versions:
        for signature in version.signatures:
            if signature.id == signature_id:
                return signature.signed_at
    return None
