"""What a laptop typed while its room's server was away: kept in order, on disk, until it is sent.

The outbox is a small SQLite file beside the replica (``<replica>.outbox``), one row per edit: the
verb's name, its arguments as JSON, and the rows the edit made or changed on the replica. An edit
is written here (synchronously, to the disk) before it is applied to the replica, so an edit the
leader saw as kept survives a crash of the laptop; one the replica refuses is taken out again.
Sending runs each verb on the server, in order, as the laptop's role (``services.outbox``).
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

_SCHEMA = """
CREATE TABLE IF NOT EXISTS intent (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    verb TEXT NOT NULL,
    arguments TEXT NOT NULL,
    result TEXT NOT NULL DEFAULT 'null',
    made_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now'))
)
"""


@dataclasses.dataclass(frozen=True)
class Intent:
    id: int
    verb: str
    arguments: dict[str, Any]
    #: What the edit did on the replica ({"kind": …, "id": …}), null until it was applied.
    result: Any
    made_at: str


def outbox_path(replica: Path) -> Path:
    return replica.with_name(replica.name + ".outbox")


class Outbox:
    """The kept edits of one replica; opened per use (the file is tiny), safe from any thread."""

    def __init__(self, replica: Path) -> None:
        self.path = outbox_path(replica)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        connection = sqlite3.connect(self.path, timeout=5, isolation_level=None)
        try:
            connection.execute("PRAGMA synchronous = FULL")
            connection.execute(_SCHEMA)
            yield connection
        finally:
            connection.close()

    def keep(self, verb: str, arguments: dict[str, Any]) -> int:
        """Keep one edit (on the disk when this returns); its id."""
        with self._connect() as connection:
            cursor = connection.execute(
                "INSERT INTO intent (verb, arguments) VALUES (?, ?)", (verb, json.dumps(arguments))
            )
            return int(cursor.lastrowid or 0)

    def set_result(self, intent_id: int, result: Any) -> None:
        with self._connect() as connection:
            connection.execute("UPDATE intent SET result = ? WHERE id = ?", (json.dumps(result), intent_id))

    def drop(self, intent_id: int) -> None:
        with self._connect() as connection:
            connection.execute("DELETE FROM intent WHERE id = ?", (intent_id,))

    def intents(self) -> list[Intent]:
        if not self.path.exists():
            return []
        with self._connect() as connection:
            rows = connection.execute(
                "SELECT id, verb, arguments, result, made_at FROM intent ORDER BY id"
            ).fetchall()
        return [
            Intent(int(i), verb, json.loads(arguments), json.loads(result), made)
            for i, verb, arguments, result, made in rows
        ]

    def count(self) -> int:
        if not self.path.exists():
            return 0
        with self._connect() as connection:
            return int(connection.execute("SELECT count(*) FROM intent").fetchone()[0])
