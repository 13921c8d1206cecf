"""The structure a plan file must have: its schema is data Offsite wrote, never code to trust.

A plan arrives by e-mail or on a stick. SQLite keeps triggers and views inside the file, so a
file with an extra trigger (multiplying every target on merge), a lock trigger replaced (a
signed version editable again) or a recursive view (hanging every read) would run its author's
code inside Offsite. Every connection therefore runs with ``trusted_schema = OFF``, and before
a file is used its whole ``sqlite_schema`` — tables, indexes, triggers and views — is compared
with the schema this version of Offsite creates for that plan format; any difference refuses
the file with one sentence that names it.

The expected schemas are a generated resource (``schemas.json`` beside this module), one per
plan format, for plans and for leaders' drafts (which add their revision triggers), so opening
a plan never runs the migrations just to know them. ``python -m offsite.store.schema --write``
regenerates it after a migration is added; tests/store/test_store_schema.py fails until it is.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from offsite.domain.errors import NotAPlanError
from offsite.domain.formatting import format_number
from offsite.domain.language import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:
    from sqlalchemy import Engine

SCHEMAS_PATH = Path(__file__).with_name("schemas.json")
#: The first plan format in which a file can be a leader's draft (with revision triggers).
FIRST_DRAFT_FORMAT = 5

#: One object of a schema: (type, name, table it belongs to, its SQL with white space folded).
SchemaObject = tuple[str, str, str, str | None]
#: What a refusal calls each kind of object (marked here, translated where the phrase is made).
_KIND_WORDS = {
    "table": QT_TRANSLATE_NOOP("PlanSchema", "table"),
    "index": QT_TRANSLATE_NOOP("PlanSchema", "index"),
    "trigger": QT_TRANSLATE_NOOP("PlanSchema", "trigger"),
    "view": QT_TRANSLATE_NOOP("PlanSchema", "view"),
}
#: A difference as a phrase, by how it differs and whether the object belongs to another table; the
#: object's kind is a word of ``_KIND_WORDS``.
_PHRASES = {
    ("extra", True): QT_TRANSLATE_NOOP("PlanSchema", "an extra {kind} “{name}” on “{table}”"),
    ("extra", False): QT_TRANSLATE_NOOP("PlanSchema", "an extra {kind} “{name}”"),
    ("changed", True): QT_TRANSLATE_NOOP("PlanSchema", "a changed {kind} “{name}” on “{table}”"),
    ("changed", False): QT_TRANSLATE_NOOP("PlanSchema", "a changed {kind} “{name}”"),
    ("missing", True): QT_TRANSLATE_NOOP("PlanSchema", "a missing {kind} “{name}” on “{table}”"),
    ("missing", False): QT_TRANSLATE_NOOP("PlanSchema", "a missing {kind} “{name}”"),
}


def _fold(sql: str | None) -> str | None:
    # str.split() and re's \s agree on what white space is; split is several times faster.
    return None if sql is None else " ".join(sql.split())


def read_schema(connection: sqlite3.Connection) -> frozenset[SchemaObject]:
    """Every object of the file's ``sqlite_schema`` (reading it runs none of the file's code)."""
    rows = connection.execute("SELECT type, name, tbl_name, sql FROM sqlite_schema").fetchall()
    return frozenset((str(t), str(n), str(tb), _fold(s)) for t, n, tb, s in rows)


@cache
def _variants(schema_version: int) -> dict[str, frozenset[SchemaObject]]:
    """The schemas of plan format ``schema_version`` by variant ("plan", and from format 5 "draft")."""
    # Only that format's schemas are kept: a process opens plans of one format (or two, an old plan
    # and the one it is upgraded to), and every format's would be a megabyte held for nothing.
    raw = json.loads(SCHEMAS_PATH.read_text(encoding="utf-8"))
    key = str(schema_version)
    return {
        variant: frozenset(tuple(o) for o in by_version[key])
        for variant, by_version in sorted(raw.items())
        if key in by_version
    }


def expected_schemas(schema_version: int) -> tuple[frozenset[SchemaObject], ...]:
    """The schemas a file of plan format ``schema_version`` may have: a plan's, and from format 5 a draft's."""
    return tuple(_variants(schema_version).values())


#: The order objects are created in: tables, then what is built on them.
_CREATION_ORDER = {"table": 0, "view": 1, "index": 2, "trigger": 3}


def creation_statements(schema_version: int) -> list[str]:
    """The statements that create an empty plan of format ``schema_version`` as its migrations leave it.

    Read from the expected schema, which is the migrations' own output (and a test keeps it so): a
    new plan gets its schema in one script instead of running every migration since the first.
    SQLite's own objects (its automatic indexes, ``sqlite_sequence``) come with the tables.
    """
    objects = _variants(schema_version)["plan"]
    return [
        sql
        for kind, name, _table, sql in sorted(objects, key=lambda o: (_CREATION_ORDER[o[0]], o[1]))
        if sql is not None and not name.startswith("sqlite_")
    ]


def _describe(how: str, obj: SchemaObject) -> str:
    """``obj`` as an "extra", "changed" or "missing" object of the file."""
    kind, name, table, _sql = obj
    word = translate("PlanSchema", _KIND_WORDS[kind]) if kind in _KIND_WORDS else kind
    on_table = bool(kind in {"trigger", "index"} and table and table != name)
    return translate("PlanSchema", _PHRASES[how, on_table]).format(kind=word, name=name, table=table)


def schema_differences(actual: frozenset[SchemaObject], schema_version: int) -> list[str]:
    """What differs between ``actual`` and the nearest schema Offsite writes for that format ([] when none).

    Each entry is a phrase: "an extra trigger “x” on “metric”", "a changed trigger …", "a missing view …".
    """
    candidates = expected_schemas(schema_version)
    if not candidates:
        return [
            translate("PlanSchema", "a plan format ({format}) that no version of Offsite wrote").format(
                format=schema_version
            )
        ]
    if actual in candidates:  # every open of a sound plan: no differences to describe
        return []
    best: list[str] | None = None
    for expected in candidates:
        found = _compare(actual, expected)
        if not found:
            return []
        if best is None or len(found) < len(best):
            best = found
    assert best is not None
    return best


def _compare(actual: frozenset[SchemaObject], expected: frozenset[SchemaObject]) -> list[str]:
    by_name_actual = {(o[0], o[1]): o for o in actual}
    by_name_expected = {(o[0], o[1]): o for o in expected}
    found: list[str] = []
    for key in sorted(by_name_actual.keys() - by_name_expected.keys()):
        found.append(_describe("extra", by_name_actual[key]))
    for key in sorted(by_name_actual.keys() & by_name_expected.keys()):
        if by_name_actual[key] != by_name_expected[key]:
            found.append(_describe("changed", by_name_actual[key]))
    for key in sorted(by_name_expected.keys() - by_name_actual.keys()):
        found.append(_describe("missing", by_name_expected[key]))
    return found


def summary(differences: list[str], most: int = 3) -> str:
    """The differences as one clause: "an extra trigger “x” on “metric” and 2 more"."""
    shown = differences[:most]
    text = shown[-1]
    if len(shown) > 1:
        text = translate("PlanSchema", "{earlier} and {last}").format(
            earlier=", ".join(shown[:-1]), last=text
        )
    if len(differences) > most:
        text = translate("PlanSchema", "{differences} (and {count} more)").format(
            differences=text, count=format_number(len(differences) - most)
        )
    return text


def check_schema(connection: sqlite3.Connection, schema_version: int, name: str) -> None:
    """Refuse a file whose structure is not the one Offsite writes for its format; NotAPlanError says what differs."""
    differences = schema_differences(read_schema(connection), schema_version)
    if differences:
        raise NotAPlanError(
            translate(
                "PlanSchema",
                "“{name}” was altered outside Offsite: it has {differences}. "
                "Offsite does not open a plan whose structure differs from the one it writes, and left the file "
                "untouched; ask for a fresh copy from whoever sent it.",
            ).format(name=name, differences=summary(differences))
        )


# -- generating the resource (developers, after adding a migration) -----------------------------


def _generate() -> dict[str, dict[str, list[list[str | None]]]]:
    from sqlalchemy import create_engine
    from sqlalchemy.pool import StaticPool

    from offsite.store import revision
    from offsite.store.fileformat import SCHEMA_VERSION
    from offsite.store.migrate import upgrade

    result: dict[str, dict[str, list[list[str | None]]]] = {"draft": {}, "plan": {}}
    for version in range(1, SCHEMA_VERSION + 1):
        engine = create_engine("sqlite://", poolclass=StaticPool)
        upgrade(engine, f"{version:04d}")
        result["plan"][str(version)] = _sorted(_read_engine(engine))
        if version >= FIRST_DRAFT_FORMAT:
            with engine.begin() as connection:
                revision.install(connection)
            result["draft"][str(version)] = _sorted(_read_engine(engine))
        engine.dispose()
    return result


def _read_engine(engine: Engine) -> frozenset[SchemaObject]:
    """The schema of the database behind ``engine``, as ``read_schema`` reads a file's."""
    raw = engine.raw_connection()
    try:
        return read_schema(raw.driver_connection)  # type: ignore[arg-type]
    finally:
        raw.close()


def _sorted(objects: Iterable[SchemaObject]) -> list[list[str | None]]:
    return [list(o) for o in sorted(objects, key=lambda o: (o[0], o[1]))]


def generated_text() -> str:
    """The resource's text as this version's migrations make it."""
    return json.dumps(_generate(), indent=1, ensure_ascii=False, sort_keys=True) + "\n"


if __name__ == "__main__":  # pragma: no cover - a developer's command
    import sys

    if sys.argv[1:] == ["--write"]:
        SCHEMAS_PATH.write_text(generated_text(), encoding="utf-8")
        print(f"wrote {SCHEMAS_PATH}")
    else:
        print("usage: python -m offsite.store.schema --write", file=sys.stderr)
        sys.exit(2)
