"""The room's own PostgreSQL server: made, started, crashed and started again in one folder."""

from __future__ import annotations

import tempfile
from pathlib import Path

from offsite.store.room.localserver import LocalServer
from pg_server import admin_connection


def test_a_server_made_in_a_folder_keeps_what_was_committed_through_a_crash() -> None:
    # Not under tmp_path: pytest keeps its temporary root closed to the server's own user.
    folder = Path(tempfile.mkdtemp(prefix="offsite-test-server-"))
    server = LocalServer(folder / "room-server")
    server.start()
    try:
        with admin_connection(server) as connection:
            connection.execute("CREATE TABLE note (said text)")
            connection.execute("INSERT INTO note VALUES ('we agreed')")
        server.kill()  # no shutdown: as a power cut
        server.start()
        with admin_connection(server) as connection:
            assert connection.execute("SELECT said FROM note").fetchall() == [("we agreed",)]
        assert (folder / "room-server" / "admin-password").stat().st_mode & 0o777 == 0o600
    finally:
        server.stop()


def test_the_session_server_gives_each_test_a_database_of_its_own(
    pg_server: LocalServer, pg_database: str
) -> None:
    with admin_connection(pg_server, pg_database) as connection:
        assert connection.execute("SELECT current_database()").fetchone() == (pg_database,)
        assert connection.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
        ).fetchone() == (0,)
