"""The sign-off: who signed which version, the fingerprint, and every version before, with each
signature withdrawn and each re-opening."""

from __future__ import annotations

from typing import Any

from offsite.domain.language import QT_TRANSLATE_NOOP, plural, translate
from offsite.domain.signoff import (
    SignoffView,
    VersionView,
    WithdrawalView,
)
from offsite.exchange.pdf.flowables import grid_commands, platypus_module, table
from offsite.exchange.pdf.layout import Layout
from offsite.exchange.pdf.rtl import para
from offsite.exchange.pdf.seal import STATUS_SIGNED
from offsite.exchange.pdf.sections.common import section_heading
from offsite.exchange.pdf.styles import DRAFT_INK, MM, NAVY
from offsite.exchange.pdf.wording import all_of, format_moment, grouped_fingerprint, whole

#: What the signed commitment leaves out: the progress tracked against it after the offsite.
TRACKED_APART = QT_TRANSLATE_NOOP(
    "PdfSignoff",
    "The signature covers the plan as agreed. Progress tracked against it afterwards (check-ins, "
    "quarter-end scores, the wins log) is kept apart and changes neither the plan nor its fingerprint; "
    "the results report (“offsite report”) shows it.",
)


def build(layout: Layout) -> list[Any]:
    platypus, s = platypus_module(), layout.styles
    signoff, seal = layout.extras.signoff, layout.seal
    if signoff is None or not signoff.versions:
        return []
    story: list[Any] = [
        platypus.Spacer(1, 6 * MM),
        section_heading(layout, layout.next_section(), translate("PdfSignoff", "Sign-off")),
    ]
    version = seal.version
    if version is None:
        story.append(
            para(
                translate(
                    "PdfSignoff",
                    "Not signed: the plan is open for editing. Earlier versions and why each was re-opened:",
                ),
                s.body,
            )
        )
    else:
        if seal.status == STATUS_SIGNED:
            lead = translate(
                "PdfSignoff", "Version {version}, signed by {leaders}. Frozen by {facilitator} on {moment}."
            ).format(
                version=version.number,
                leaders=all_of(seal.signed),
                facilitator=version.frozen_by,
                moment=format_moment(version.frozen_at),
            )
        else:
            lead = translate(
                "PdfSignoff",
                "Version {version} is frozen and awaiting signatures: {signed} of {required} leaders have "
                "signed. Frozen by {facilitator} on {moment}.",
            ).format(
                version=version.number,
                signed=whole(seal.signed),
                required=whole(seal.required),
                facilitator=version.frozen_by,
                moment=format_moment(version.frozen_at),
            )
        story.append(para(lead, s.body))
        if version.override_reason:
            story.append(
                para(
                    translate(
                        "PdfSignoff", "Frozen before every objective was bought in, because: {reason}"
                    ).format(reason=version.override_reason),
                    s.body,
                )
            )
        story.append(_signature_table(layout, version, signoff))
        story += [
            platypus.Spacer(1, 4),
            para(translate("PdfSignoff", "FINGERPRINT (SHA-256 OF THE SIGNED CONTENT)"), s.label),
            para(grouped_fingerprint(version.fingerprint), s.cell_bold),
            para(
                translate(
                    "PdfSignoff",
                    "Check a printed or e-mailed copy against the plan file with "
                    "“offsite verify PLAN PDF”; the footer of every page shows the first sixteen digits.",
                ),
                s.note,
            ),
            para(translate("PdfSignoff", TRACKED_APART), s.note),
        ]
    earlier = [v for v in signoff.versions if version is None or v.id != version.id]
    if earlier:
        rows: list[list[Any]] = [
            [
                para(translate("PdfSignoff", "Version"), s.head),
                para(translate("PdfSignoff", "Frozen"), s.head),
                para(translate("PdfSignoff", "Signed"), s.head),
                para(translate("PdfSignoff", "Re-opened"), s.head),
            ]
        ]
        for v in earlier:
            reopened: Any = para("—", s.cell_muted)
            if v.reopening is not None:
                reopened = [
                    para(
                        translate("PdfSignoff", "{moment} by {leader}").format(
                            moment=format_moment(v.reopening.at), leader=v.reopening.by
                        ),
                        s.cell,
                    ),
                    para(
                        translate("PdfSignoff", "Why: {reason}").format(reason=v.reopening.reason),
                        s.cell_muted,
                    ),
                ]
            rows.append(
                [
                    para(translate("PdfSignoff", "Version {version}").format(version=v.number), s.cell_bold),
                    [
                        para(format_moment(v.frozen_at), s.cell),
                        para(
                            translate("PdfSignoff", "by {facilitator}").format(facilitator=v.frozen_by),
                            s.cell_muted,
                        ),
                    ],
                    _signed_cell(layout, v),
                    reopened,
                ]
            )
        title = para(translate("PdfSignoff", "EARLIER VERSIONS"), s.label)
        title.keepWithNext = True
        widths = [22 * MM, 40 * MM, 26 * MM, layout.width - 88 * MM]
        story += [platypus.Spacer(1, 4 * MM), title, table(rows, widths, grid_commands(), repeatRows=1)]
        story += _earlier_withdrawals(layout, earlier)
    return story


def _signed_cell(layout: Layout, version: VersionView) -> Any:
    """How many signatures a version kept, and how many were withdrawn from it."""
    s = layout.styles
    kept = len(version.signatures)
    signatures = plural(
        kept, translate("PdfSignoff", "{count} signature"), translate("PdfSignoff", "{count} signatures")
    )
    cell = [para(signatures.format(count=whole(kept)), s.cell)]
    if version.withdrawals:
        withdrawn = translate("PdfSignoff", "{count} withdrawn").format(count=whole(len(version.withdrawals)))
        cell.append(para(withdrawn, s.cell_muted, colour=DRAFT_INK))
    return cell


def _earlier_withdrawals(layout: Layout, versions: list[VersionView]) -> list[Any]:
    """Every signature withdrawn from an earlier version, version by version, as the current one lists them."""
    platypus, s = platypus_module(), layout.styles
    titles = {p.uid: p.title for p in layout.view.leaders}
    rows: list[list[Any]] = [
        [
            para(translate("PdfSignoff", "Version"), s.head),
            para(translate("PdfSignoff", "Leader"), s.head),
            para(translate("PdfSignoff", "Initials"), s.head),
            para(translate("PdfSignoff", "Withdrawn"), s.head),
        ]
    ]
    for version in versions:
        for withdrawal in version.withdrawals:
            who, _title, initials, withdrawn = _withdrawal_cells(layout, withdrawal, titles)
            number = translate("PdfSignoff", "Version {version}").format(version=version.number)
            rows.append([para(number, s.cell_bold), who, initials, withdrawn])
    if len(rows) == 1:
        return []
    title = para(translate("PdfSignoff", "SIGNATURES WITHDRAWN FROM EARLIER VERSIONS"), s.label)
    title.keepWithNext = True
    widths = [22 * MM, layout.width - 22 * MM - 22 * MM - 42 * MM, 22 * MM, 42 * MM]
    return [platypus.Spacer(1, 4 * MM), title, table(rows, widths, grid_commands(), repeatRows=1)]


def _withdrawal_cells(layout: Layout, withdrawal: WithdrawalView, titles: dict[str, str]) -> list[Any]:
    """A withdrawn signature as four cells: who (and how it was signed), title, initials, when withdrawn."""
    s = layout.styles
    return [
        [
            para(withdrawal.leader_name, s.cell),
            para(
                (
                    translate(
                        "PdfSignoff", "Signature of {moment} withdrawn (it was signed on behalf by {leader})"
                    )
                    if withdrawal.signed_by
                    else translate("PdfSignoff", "Signature of {moment} withdrawn")
                ).format(moment=format_moment(withdrawal.signed_at), leader=withdrawal.signed_by),
                s.cell_muted,
            ),
        ],
        para(titles.get(withdrawal.leader_uid, ""), s.cell),
        para(withdrawal.initials, s.cell_muted),
        para(
            translate("PdfSignoff", "Withdrawn {moment}").format(
                moment=format_moment(withdrawal.withdrawn_at)
            ),
            s.cell,
            colour=DRAFT_INK,
        ),
    ]


def _signature_table(layout: Layout, version: VersionView, signoff: SignoffView) -> Any:
    s = layout.styles
    titles = {p.uid: p.title for p in layout.view.leaders}
    rows: list[list[Any]] = [
        [
            para(translate("PdfSignoff", "Leader"), s.head),
            para(translate("PdfSignoff", "Title"), s.head),
            para(translate("PdfSignoff", "Initials"), s.head),
            para(translate("PdfSignoff", "Signed at"), s.head),
        ]
    ]
    for signature in version.signatures:
        who: Any = para(signature.leader_name, s.cell_bold)
        if signature.on_behalf:
            who = [
                who,
                para(
                    translate("PdfSignoff", "Signed on behalf by {leader}. Reason: {reason}").format(
                        leader=signature.signed_by, reason=signature.behalf_reason
                    ),
                    s.cell_muted,
                ),
            ]
        rows.append(
            [
                who,
                para(titles.get(signature.leader_uid, ""), s.cell),
                para(signature.initials, s.cell_bold, colour=NAVY),
                para(format_moment(signature.signed_at), s.cell),
            ]
        )
    for withdrawal in version.withdrawals:
        rows.append(_withdrawal_cells(layout, withdrawal, titles))
    for leader_id in signoff.unsigned_leader_ids:
        leader = next((p for p in layout.view.leaders if p.id == leader_id), None)
        if leader is None:
            continue
        rows.append(
            [
                para(leader.name, s.cell_bold),
                para(leader.title, s.cell),
                para("—", s.cell_muted),
                para(translate("PdfSignoff", "Not signed yet"), s.cell, colour=DRAFT_INK),
            ]
        )
    widths = [48 * MM, layout.width - 48 * MM - 22 * MM - 42 * MM, 22 * MM, 42 * MM]
    return table(rows, widths, grid_commands(), repeatRows=1)
