"""A PostgreSQL server of the room's own, on this laptop: Debian's ``postgresql`` binaries, one folder.

For a room with no company server: ``make room-server`` (``offsite room server``) starts one that
listens on this laptop's network, and the tests start one in a temporary folder on a free port.
The server is PostgreSQL itself (``initdb`` and ``pg_ctl``), never a stand-in.

PostgreSQL refuses to run as root; started by root, the server runs as the ``postgres`` user the
Debian package creates, and its folder is handed to that user.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import time
from pathlib import Path

from offsite.domain.errors import OffsiteError
from offsite.domain.language import translate

#: Where Debian installs each major version's server binaries.
DEBIAN_ROOT = Path("/usr/lib/postgresql")
#: The superuser ``initdb`` makes: the role a facilitator hosts rooms with.
ADMIN = "offsite"


class ServerError(OffsiteError):
    """The local server could not be made, started or stopped; the sentence says why."""


def server_binaries() -> Path:
    """The folder of ``initdb`` and ``pg_ctl``: Debian's newest version, else what PATH has."""
    versions = sorted(
        (path for path in DEBIAN_ROOT.glob("*/bin") if (path / "initdb").exists()),
        key=lambda path: int(path.parent.name) if path.parent.name.isdigit() else 0,
    )
    if versions:
        return versions[-1]
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    raise ServerError(
        translate(
            "RoomServer",
            "PostgreSQL's server is not installed on this laptop. Install Debian's “postgresql” package "
            "(bash packaging/system-deps.sh --room does it), or host the room on your company's server.",
        )
    )


def free_port() -> int:
    """A port no server listens on, below the range the system hands out to outgoing connections:
    a port from that range could be taken by some client's connection while the server restarts."""
    low = 32768
    with contextlib.suppress(OSError, ValueError, IndexError):
        low = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    for _ in range(200):
        port = secrets.randbelow(max(1, low - 20000)) + 20000 if low > 21000 else 0
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return int(probe.getsockname()[1])
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclasses.dataclass
class LocalServer:
    """One PostgreSQL cluster in ``folder``: made on first ``start``, kept between starts."""

    folder: Path
    port: int = 0
    host: str = "127.0.0.1"
    #: Where the server listens; "*" lets the room's laptops reach it over the network.
    listen: str = "127.0.0.1"

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def password_file(self) -> Path:
        return self.folder / "admin-password"

    @property
    def admin_password(self) -> str:
        return self.password_file.read_text(encoding="utf-8").strip()

    def url(self, database: str = ADMIN) -> str:
        """The SQLAlchemy URL of the server's superuser (its password is not in it: see ``connect_args``)."""
        return f"postgresql+psycopg://{ADMIN}@{self.host}:{self.port}/{database}"

    def connect_args(self) -> dict[str, str]:
        return {"password": self.admin_password}

    def _as_server_user(self) -> list[str]:
        if os.geteuid() != 0:
            return []
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            raise ServerError(
                translate(
                    "RoomServer",
                    "PostgreSQL will not run as root, and there is no “postgres” user to run it as. "
                    "Start the room's server as an ordinary user.",
                )
            ) from None
        return ["runuser", "-u", "postgres", "--"]

    def _run(self, *command: str) -> None:
        result = subprocess.run(
            [*self._as_server_user(), *command], capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            raise ServerError(
                translate("RoomServer", "{program} failed: {output}").format(
                    program=Path(command[0]).name, output=(result.stderr or result.stdout).strip()
                )
            )

    def _hand_over(self) -> None:
        if os.geteuid() == 0:
            # The server's user must reach its folder: a folder above it that only root may enter
            # (a temporary folder is made so) is opened to be passed through, not read.
            for above in self.folder.resolve().parents:
                mode = above.stat().st_mode
                if not mode & 0o001:
                    above.chmod(mode | 0o001)
            user = pwd.getpwnam("postgres")
            for path in [self.folder, *self.folder.rglob("*")]:
                os.chown(path, user.pw_uid, user.pw_gid)

    def initialise(self) -> None:
        """Make the cluster (once): UTF-8, a superuser ``offsite`` with a password of its own, SCRAM logins."""
        if (self.data / "PG_VERSION").exists():
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        self.folder.chmod(0o700)
        self.password_file.write_text(secrets.token_urlsafe(24) + "\n", encoding="utf-8")
        self.password_file.chmod(0o600)
        self._hand_over()
        bin_folder = server_binaries()
        self._run(
            str(bin_folder / "initdb"),
            "--pgdata",
            str(self.data),
            "--username",
            ADMIN,
            "--pwfile",
            str(self.password_file),
            "--auth",
            "scram-sha-256",
            "--encoding",
            "UTF8",
            "--no-locale",
        )
        with (self.data / "pg_hba.conf").open("a", encoding="utf-8") as hba:
            # The room's laptops log in with their own roles and passwords, from anywhere they reach it.
            hba.write("host all all 0.0.0.0/0 scram-sha-256\nhost all all ::/0 scram-sha-256\n")
        self._hand_over()

    def start(self) -> None:
        self.initialise()
        if not self.port:
            self.port = free_port()
        bin_folder = server_binaries()
        options = " ".join(
            [
                f"-c port={self.port}",
                f"-c listen_addresses='{self.listen}'",
                f"-c unix_socket_directories='{self.folder}'",
                "-c max_connections=200",
            ]
        )
        self._run(
            str(bin_folder / "pg_ctl"),
            "start",
            "--wait",
            "--timeout",
            "60",
            "--pgdata",
            str(self.data),
            "--log",
            str(self.folder / "server.log"),
            "--options",
            options,
        )

    def create_database(self, name: str = ADMIN) -> None:
        """Make the database ``name`` on the running server, unless it is there already."""
        import psycopg

        with psycopg.connect(
            host=self.host,
            port=self.port,
            user=ADMIN,
            password=self.admin_password,
            dbname="postgres",
            autocommit=True,
        ) as connection:
            if connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is None:
                connection.execute(f'CREATE DATABASE "{name}"')

    def stop(self, mode: str = "fast") -> None:
        """Stop the server: ``fast`` ends its sessions cleanly, ``immediate`` is a crash (no shutdown checkpoint)."""
        if not (self.data / "postmaster.pid").exists():
            return
        self._run(
            str(server_binaries() / "pg_ctl"), "stop", "--wait", "--mode", mode, "--pgdata", str(self.data)
        )

    def kill(self) -> None:
        """End the server as a power cut would: SIGKILL to the postmaster, no shutdown at all."""
        pid_file = self.data / "postmaster.pid"
        try:
            pid = int(pid_file.read_text().splitlines()[0])
        except (FileNotFoundError, ValueError, IndexError):
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, 9)
        # Until the process is gone (PostgreSQL will not start while its pid lives, even as a zombie).
        for _ in range(400):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.025)
