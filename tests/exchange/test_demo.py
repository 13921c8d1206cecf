"""The demo plan is data (resources/demo.json) read by the one import: the same offsite as ever, a new plan each time."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
from tests.exchange.older import V8_SECTIONS

from offsite.domain.errors import OffsiteError
from offsite.domain.fingerprint import Later, canonical_form, without_later_defaults
from offsite.domain.overlap_review import review_overlaps
from offsite.exchange.demo import demo_document_path, write_demo_plan
from offsite.exchange.interchange import export_document
from offsite.services.overlaps import read_resolutions
from offsite.services.plans import check_plan, read_plan
from offsite.store.document.data import LATER

UID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
SHA256 = re.compile(r"\b[0-9a-f]{64}\b")

#: The demo as the code that built it wrote it, export after export (uids and hashes aside, which
#: it drew fresh each time). When the demo is changed on purpose, run ``demo_fingerprint`` on the
#: new export and write its value here.
DEMO_AS_BUILT = "2ed2eda7d23b33299a342d891b198f681bd9111374211d78b1543ffce4024049"


def demo_fingerprint(document: dict[str, Any]) -> str:
    """The document's content, with each uid named by the order it first appears and hashes masked.

    Equal for two plans that differ only in their identities: every text, number, date, order
    and cross-reference counts.
    """
    kept = {k: v for k, v in document.items() if k not in ("generator", "exported_at")}
    # The owners the format gained in version 7, all unset, the review cadence of version 8 while
    # empty, and the format's version are not the offsite.
    owners = Later(
        {"owner": None, "method_owner": None}, {"metrics": Later({"owner": None, "funnel_stage": ""})}
    )
    cadence = {key: LATER.defaults[key] for key in V8_SECTIONS}
    kept = {**without_later_defaults(kept, Later(cadence, within={"objectives": owners})), "version": 6}
    text = canonical_form(kept).decode("utf-8")
    order: dict[str, str] = {}
    text = UID.sub(lambda m: order.setdefault(m.group(), f"uid-{len(order)}"), text)
    text = SHA256.sub("sha256", text)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def uids_of(document: dict[str, Any]) -> list[str]:
    """Every uid of ``document`` where it is written, in the order of its canonical form."""
    kept = {k: v for k, v in document.items() if k not in ("generator", "exported_at")}
    return UID.findall(canonical_form(kept).decode("utf-8"))


@pytest.fixture
def demo(tmp_path: Path) -> dict[str, Any]:
    with write_demo_plan(tmp_path / "demo.offsite") as plan:
        return export_document(plan)


def test_the_demo_is_the_offsite_it_always_was(demo: dict[str, Any]) -> None:
    assert demo["plan"]["title"] == "Sales & Marketing Offsite 2027"
    assert (demo["plan"]["starts_on"], demo["plan"]["ends_on"]) == ("2027-01-14", "2027-01-15")
    assert [o["statement"] for o in demo["objectives"]] == [
        "Go outbound",
        "Fill the pipeline",
        "One funnel view",
        "Expand happy customers",
        "Clean hand-offs",
        "Own the category",
    ]
    assert [len(o["metrics"]) for o in demo["objectives"]] == [2, 2, 1, 2, 3, 2]
    assert len(demo["buy_in"]) == 13
    brainstorm = ("why_chains", "themes", "team_goals", "funnels", "team_switches", "candidates", "votes")
    assert [len(demo[k]) for k in brainstorm] == [15, 1, 7, 1, 2, 13, 13]
    assert [len(demo[k]) for k in ("definitions", "overlap_resolutions", "survey")] == [3, 1, 5]
    (version,) = demo["versions"]
    assert len(version["signatures"]) == 6
    assert version["reopening"]["by"] == "Priya Raman"
    assert len(demo["agenda"]["items"]) == 7
    assert [m["draft_name"] for m in demo["drafting"]["merges"]] == ["daniel-kim-draft.offsite"]
    # Everything else, to the last comment and date: as the demo was when code built it.
    assert demo_fingerprint(demo) == DEMO_AS_BUILT


def test_every_demo_written_is_a_plan_of_its_own(tmp_path: Path, demo: dict[str, Any]) -> None:
    with write_demo_plan(tmp_path / "another.offsite") as plan:
        another = export_document(plan)
        # The overlap the room settled is still settled: its key pairs the objectives' uids in order.
        review = review_overlaps(read_plan(plan), read_resolutions(plan))
        assert (review.settled, review.found) == (1, 2)
    assert demo_fingerprint(another) == demo_fingerprint(demo)
    assert another["plan"]["uid"] != demo["plan"]["uid"]
    assert not set(UID.findall(json.dumps(another))) & set(UID.findall(json.dumps(demo)))
    shipped = json.loads(demo_document_path().read_text(encoding="utf-8"))
    assert demo["plan"]["uid"] != shipped["plan"]["uid"]
    # New uids, in the order of the old ones: what the plan pairs or sorts by uid stays as it was.
    pairs = sorted(set(zip(uids_of(shipped), uids_of(another), strict=True)))
    assert len({old for old, _ in pairs}) == len(pairs)
    assert [new for _, new in pairs] == sorted(new for _, new in pairs)
    # Its signed version still verifies: the content signed and its fingerprint agree.
    (version,) = another["versions"]
    assert hashlib.sha256(version["content"].encode("utf-8")).hexdigest() == version["fingerprint"]
    assert another["plan"]["uid"] in version["content"]
    assert check_plan(tmp_path / "another.offsite").sound


def test_the_demo_is_not_written_over_a_file_or_into_a_missing_folder(tmp_path: Path) -> None:
    kept = tmp_path / "demo.offsite"
    kept.write_text("keep")
    with pytest.raises(
        OffsiteError, match=re.escape("“demo.offsite” already exists; choose a new file name")
    ):
        write_demo_plan(kept)
    assert kept.read_text() == "keep"
    with pytest.raises(OffsiteError, match=re.escape("The folder for “demo.offsite” does not exist")):
        write_demo_plan(tmp_path / "nowhere" / "demo.offsite")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.offsite"]
