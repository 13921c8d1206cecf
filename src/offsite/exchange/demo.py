"""The demo plan: a realistic offsite drawn from the source articles, for first run, tests and screenshots.

The plan is data, ``resources/demo.json``: an interchange document (docs/interchange.md), so it
is edited as any plan is (open it, change it, export it) and read back by the one import every
plan goes through. Its dates are fixed (the offsite of 14–15 January 2027, signed the day after),
never relative to today: the story, the signed version and the screenshots stay the same.

Every demo written is a plan of its own, as a new plan is: its identities (uids) are drawn fresh,
so a draft pack of one demo is refused by another, as a pack of any other plan is.
"""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
import uuid
from pathlib import Path
from typing import Any

from offsite.domain.errors import ExportError, OffsiteError
from offsite.domain.language import translate
from offsite.exchange.interchange import import_json, read_document
from offsite.resources import resource_path
from offsite.store import PlanFile
from offsite.store.files import output_file

#: The uids of an interchange document, wherever they are written: as values, inside an item key
#: (``vote:<uid>:<uid>``) and inside a signed version's content.
_UID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def demo_document_path() -> Path:
    """Where the demo plan's interchange document is: in the checkout's resources/, or the wheel's."""
    return resource_path("demo.json")


def write_demo_plan(path: Path | str) -> PlanFile:
    """Create the demo plan at ``path`` (which must not exist) and return it open.

    The plan is built beside ``path`` and appears there whole, never over another file.
    """
    path = Path(path)
    output_file(path)
    if path.exists() or path.is_symlink():
        raise OffsiteError(
            translate(
                "DemoPlan", "“{file}” already exists; choose a new file name for the demo plan."
            ).format(file=path.name)
        )
    if not path.parent.is_dir():
        raise ExportError(
            translate("DemoPlan", "The folder for “{file}” does not exist; choose another place.").format(
                file=path.name
            )
        )
    document = with_fresh_identities(read_document(demo_document_path()))
    with tempfile.TemporaryDirectory(prefix="offsite-demo-") as folder:
        source = Path(folder) / "demo.json"
        source.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        return import_json(source, path)


def with_fresh_identities(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` with every uid replaced by a new one, consistently; each signed version re-hashed.

    A uid has the same length and characters as its replacement, so a version's content stays in
    canonical form and only its fingerprint changes. The fingerprints a merge record keeps of the
    items it merged are left as they were: they only matter when the same draft is merged again,
    and the demo's draft was never kept.
    """
    text = json.dumps(document)
    old = sorted(set(_UID.findall(text)))
    # Drawn fresh, then handed out in the old uids' order: whatever the plan orders or pairs by uid
    # (an overlap's key names the smaller objective uid first) orders and pairs the same way.
    fresh = dict(zip(old, sorted(str(uuid.uuid4()) for _ in old), strict=True))
    text = _UID.sub(lambda m: fresh[m.group()], text)
    renewed: dict[str, Any] = json.loads(text)
    for version in renewed.get("versions", []):
        version["fingerprint"] = hashlib.sha256(version["content"].encode("utf-8")).hexdigest()
    return renewed
