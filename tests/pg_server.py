"""A real PostgreSQL server for the room's tests: Debian's ``postgresql``, started once per test process.

Each test process (each pytest-xdist worker) starts its own server in a temporary folder on a
free port, through the same ``LocalServer`` that ``make room-server`` uses, and stops it when the
session ends. ``pg_database`` gives each test a database of its own; the roles a room makes are
the cluster's, so each test's room has a name of its own too. No mock and no SQLite stand-in.
"""

from __future__ import annotations

import itertools
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from offsite.store.room.localserver import LocalServer

_databases = itertools.count(1)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[LocalServer]:
    folder = Path(tempfile.mkdtemp(prefix="offsite-test-pg-")) / "server"
    server = LocalServer(folder)
    server.start()
    try:
        yield server
    finally:
        server.stop("immediate")


def admin_connection(server: LocalServer, database: str = "postgres"):  # type: ignore[no-untyped-def]
    import psycopg

    return psycopg.connect(
        host=server.host,
        port=server.port,
        user="offsite",
        password=server.admin_password,
        dbname=database,
        autocommit=True,
    )


@pytest.fixture
def pg_database(pg_server: LocalServer) -> Iterator[str]:
    """The name of a new, empty database on the test server, dropped after the test."""
    name = f"room_{next(_databases)}"
    with admin_connection(pg_server) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    yield name
    with admin_connection(pg_server) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
