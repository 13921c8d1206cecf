"""Freezing the plan as it stands: what a signature covers, and the fingerprint that proves it."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest

from offsite.domain.errors import EditRefusedError
from offsite.domain.fingerprint import canonical_form, fingerprint
from offsite.domain.values import Kind
from offsite.services import changes
from offsite.services.agreements import add_agreement, read_agreements
from offsite.services.changes import update_fields
from offsite.services.plans import read_plan
from offsite.services.signoff import (
    content_fingerprint,
    freeze,
    read_signoff,
    reopen,
    sign,
    version_content,
)
from offsite.services.survey import rate_alignment
from offsite.store import PlanFile
from offsite.store.document import (
    DRAFTING_KEYS,
    PROCESS_KEYS,
    SIGNED_CONTENT_KEYS,
    plan_document,
    signed_content,
)

T0 = dt.datetime(2027, 1, 16, 9, 0)


def test_a_plan_without_agreements_is_signed_as_a_plan_of_version_8_was(demo_plan: PlanFile) -> None:
    for agreement in read_agreements(demo_plan):  # the demo's, made after its version 1 was signed
        changes.remove(demo_plan, Kind.AGREEMENT, agreement.id)
    before = signed_content(demo_plan)
    assert "agreements" not in before  # an empty section added later is left out of the fingerprint
    created = add_agreement(demo_plan, "incentive", "Closed-won revenue")
    assert signed_content(demo_plan)["agreements"][0]["title"] == "Closed-won revenue"
    changes.remove(demo_plan, Kind.AGREEMENT, created.id)
    assert signed_content(demo_plan) == before


def test_every_section_is_either_signed_or_a_record_of_the_signing(demo_plan: PlanFile) -> None:
    add_agreement(
        demo_plan, "journey_stage", "SQL"
    )  # a section added later is signed once it holds something
    document = plan_document(demo_plan)
    assert set(SIGNED_CONTENT_KEYS) | set(PROCESS_KEYS) | set(DRAFTING_KEYS) == set(document)
    assert not set(SIGNED_CONTENT_KEYS) & (set(PROCESS_KEYS) | set(DRAFTING_KEYS))
    assert list(signed_content(demo_plan)) == list(SIGNED_CONTENT_KEYS)
    assert signed_content(document) == signed_content(demo_plan)


def test_signed_content_of_an_incomplete_document_is_refused() -> None:
    with pytest.raises(ValueError, match="definitions"):
        signed_content({key: [] for key in SIGNED_CONTENT_KEYS if key != "definitions"})


def test_freeze_stores_the_fingerprint_of_the_signed_content(demo_plan: PlanFile) -> None:
    expected = signed_content(demo_plan)
    created = freeze(demo_plan, frozen_by="Aiko Tanaka", override_reason="Board meeting on Monday.", at=T0)
    assert created.kind is Kind.VERSION
    view = read_signoff(demo_plan)
    assert view.locked_version_id == created.id
    version = view.current
    assert version is not None
    assert version.fingerprint == fingerprint(expected) == content_fingerprint(demo_plan)
    assert version.content == canonical_form(expected).decode("utf-8")
    assert hashlib.sha256(version.content.encode("utf-8")).hexdigest() == version.fingerprint
    assert version_content(demo_plan, created.id) == json.loads(version.content)
    assert fingerprint(version_content(demo_plan, created.id)) == version.fingerprint
    assert (version.frozen_by, version.frozen_at, version.override_reason) == (
        "Aiko Tanaka",
        T0,
        "Board meeting on Monday.",
    )


def test_freeze_without_a_reason_is_refused_while_objectives_wait(demo_plan: PlanFile) -> None:
    before = read_signoff(demo_plan).versions
    with pytest.raises(EditRefusedError, match="not bought in yet"):
        freeze(demo_plan, frozen_by="Aiko Tanaka")
    assert read_signoff(demo_plan).versions == before


def test_signing_and_the_survey_leave_the_fingerprint_alone(demo_plan: PlanFile) -> None:
    version = freeze(demo_plan, frozen_by="Aiko Tanaka", override_reason="Board meeting.", at=T0).id
    frozen = content_fingerprint(demo_plan)
    leaders = read_plan(demo_plan).leaders
    sign(demo_plan, version, leaders[0].id, "MO", at=T0 + dt.timedelta(minutes=5))
    rate_alignment(demo_plan, leaders[5].id, 5, "Signed at last.", at=T0 + dt.timedelta(minutes=6))
    assert content_fingerprint(demo_plan) == frozen
    reopen(demo_plan, "Priya Raman", "A target changes.", at=T0 + dt.timedelta(hours=1))
    assert content_fingerprint(demo_plan) == frozen


def test_an_edit_after_reopening_changes_the_fingerprint(demo_plan: PlanFile) -> None:
    version = freeze(demo_plan, frozen_by="Aiko Tanaka", override_reason="Board meeting.", at=T0).id
    frozen = content_fingerprint(demo_plan)
    reopen(demo_plan, "Priya Raman", "Coverage target changes.", at=T0 + dt.timedelta(hours=1))
    metric = read_plan(demo_plan).objectives[0].metrics[0]
    update_fields(demo_plan, Kind.METRIC, metric.id, {"target": 999})
    edited = content_fingerprint(demo_plan)
    assert edited != frozen
    stored = next(v for v in read_signoff(demo_plan).versions if v.id == version)
    assert stored.fingerprint == frozen  # the version keeps what was signed
    again = freeze(demo_plan, frozen_by="Aiko Tanaka", override_reason="Board meeting.", at=T0).id
    assert read_signoff(demo_plan).current is not None
    assert next(v for v in read_signoff(demo_plan).versions if v.id == again).fingerprint == edited


def test_version_content_of_a_missing_version_is_refused(demo_plan: PlanFile) -> None:
    with pytest.raises(EditRefusedError, match="no longer exists"):
        version_content(demo_plan, 10_000)


def test_a_draft_is_not_frozen_or_signed(demo_plan: PlanFile, tmp_path: Path) -> None:
    from offsite.exchange.drafts import export_draft_pack
    from offsite.services.plans import open_plan

    maya = next(p for p in read_plan(demo_plan).leaders if p.name == "Maya Okafor")
    path = export_draft_pack(demo_plan, maya.uid, tmp_path / "maya.offsite")
    with open_plan(path) as draft:
        with pytest.raises(EditRefusedError) as refused:
            freeze(draft, frozen_by="Maya", override_reason="Just drafting")
        assert str(refused.value) == (
            "This file is Maya Okafor’s draft, and a draft is not signed: bring it to the facilitator "
            "to merge into the plan (File ▸ Merge Drafts), and sign the plan."
        )
        assert read_signoff(draft).versions == ()
