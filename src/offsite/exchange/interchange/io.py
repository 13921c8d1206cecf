"""Plan <-> interchange file: export a plan as one JSON document, read one, import one as a new plan.

The plan is read by ``offsite.store.document`` (the one reader), checked by the same rules as an
import (``validate``), so an export always imports again; an import validates the whole document
before ``offsite.store.document.write`` turns it into rows of a new plan file, built beside the
target and put there whole.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import json
import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy.exc import DBAPIError, IntegrityError

import offsite
from offsite.domain.errors import ExportError, ImportFormatError, OffsiteError
from offsite.domain.language import translate
from offsite.exchange.interchange.validate import Problem, check_document, parse
from offsite.store.document import plan_document, utc_text
from offsite.store.document.fields import FORMAT, VERSION
from offsite.store.document.write import insert_document
from offsite.store.files import output_file, read_limited, write_whole
from offsite.store.planfile import PlanFile, create_plan_file, translate_operational_error

log = logging.getLogger(__name__)

#: Fields that describe the export, not the plan: they differ between two exports of one plan.
GENERATED_FIELDS = ("generator", "exported_at")

#: A plan document larger than this is refused unread rather than exhausting memory.
MAX_DOCUMENT_BYTES = 256 * 1024 * 1024


def export_document(plan: PlanFile) -> dict[str, Any]:
    """The whole plan as an interchange document, read in one transaction.

    Returns a dict ready for ``json.dumps``, checked by the same rules as an import, so an
    export always imports again. Raises ExportError when the file holds no plan details or
    something the format cannot carry (a damaged plan), and the store's typed errors (e.g.
    PlanBusyError) when it cannot be read.
    """
    document = {
        "format": FORMAT,
        "version": VERSION,
        "generator": f"Offsite {offsite.__version__}",
        "exported_at": utc_text(dt.datetime.now(dt.UTC)),
        **plan_document(plan),
    }
    try:
        check_document(document)
    except Problem as problem:
        raise ExportError(
            translate(
                "Interchange",
                "“{plan}” cannot be exported: {problem}. Run “offsite check” on it, or correct it in Offsite.",
            ).format(plan=plan.name, problem=problem)
        ) from None
    return document


def write_json(plan: PlanFile, out: Path | str) -> Path:
    """Write the plan to ``out`` as an interchange document, whole or not at all; returns ``out``.

    The document goes to a temporary file beside ``out``, is flushed to the disk, and only then
    replaces ``out``, so a failure at any point leaves an earlier ``out`` as it was. Raises
    ExportError (DiskFullError when the disk is full) with a sentence a leader can act on.
    """
    out = Path(out)
    document = export_document(plan)
    try:
        data = (json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n").encode("utf-8")
    except (ValueError, UnicodeEncodeError) as error:
        raise ExportError(
            translate(
                "Interchange",
                "“{plan}” holds a value that JSON cannot carry ({reason}); run “offsite check” on it.",
            ).format(plan=plan.name, reason=error)
        ) from error
    write_whole(out, data)
    return out


def read_document(source: Path | str) -> dict[str, Any]:
    """Read and validate an interchange document; returns it as parsed.

    Raises ImportFormatError, whose message says what is wrong and where (as a JSON path such
    as ``objectives[2].metrics[0].target``), when the file is not a valid Offsite plan document.
    """
    source = Path(source)
    data = read_limited(source, MAX_DOCUMENT_BYTES, ImportFormatError)
    return parse(data, source.name)


def import_json(source: Path | str, plan_path: Path | str) -> PlanFile:
    """Create a new plan file at ``plan_path`` from the interchange document ``source``; returns it open.

    Uids are kept; positions follow the order of the lists. Refuses (OffsiteError) when
    ``plan_path`` exists, leaving it untouched. Raises ImportFormatError when the document is
    not valid, and the store's typed errors (e.g. DiskFullError) when the plan cannot be
    written; after any failure no plan file is left behind.
    """
    with _collection_paused():
        return _import_json(Path(source), Path(plan_path))


@contextlib.contextmanager
def _collection_paused() -> Iterator[None]:
    """Python's cycle collector paused while a document is read and written, and run once after.

    A large plan is hundreds of thousands of new objects, none in a cycle; the collector would walk
    them all again and again as they are made (a third of the time spent reading the document).
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _import_json(source: Path, plan_path: Path) -> PlanFile:
    output_file(plan_path)
    exists = translate(
        "Interchange", "“{file}” already exists; choose another name for the imported plan."
    ).format(file=plan_path.name)
    if plan_path.exists() or plan_path.is_symlink():
        raise OffsiteError(exists)
    document = read_document(source)
    if not plan_path.parent.is_dir():
        raise OffsiteError(
            translate("Interchange", "The folder for “{file}” does not exist; choose another place.").format(
                file=plan_path.name
            )
        )
    plan = create_plan_from_document(document, plan_path, exists=exists)
    log.info("imported %s into %s", source, plan_path)
    return plan


def create_plan_from_document(
    document: dict[str, Any], plan_path: Path, *, exists: str, done: str = "imported"
) -> PlanFile:
    """A new plan file at ``plan_path`` holding the validated ``document``; returns it open.

    Built beside the target and put there whole: a crash, or a second write to the same name at
    the same time, never leaves half a plan there, nor replaces the other one (OffsiteError
    ``exists``). Raises the store's typed errors (e.g. DiskFullError) when it cannot be written
    (saying nothing was ``done``: "imported" or "written"); after any failure no plan file is left behind.
    """

    def fill(plan: PlanFile) -> None:
        with plan.write_rows() as connection:
            insert_document(connection, document)

    try:
        return create_plan_file(plan_path, fill, exists=exists)
    except (DBAPIError, sqlite3.Error) as error:
        if isinstance(error, IntegrityError):
            raise
        translated = translate_operational_error(error, plan_path.name)
        if translated is not None:
            raise translated from error
        # One whole sentence per thing not done, so a translator can order each.
        refusal = (
            translate(
                "Interchange",
                "“{file}” could not be written ({reason}), so nothing was written; try another place.",
            )
            if done == "written"
            else translate(
                "Interchange",
                "“{file}” could not be written ({reason}), so nothing was imported; try another place.",
            )
        )
        raise OffsiteError(refusal.format(file=plan_path.name, reason=_reason(error))) from error


def _reason(error: BaseException) -> str:
    original = getattr(error, "orig", None)
    return str(original if original is not None else error)
