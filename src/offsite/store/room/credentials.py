"""Where a laptop keeps the password of its room's role: a PostgreSQL password file, readable by its user alone.

The password file is libpq's own format (``host:port:database:role:password``), which PostgreSQL's
client reads itself (``passfile``); Offsite keeps its own in its configuration folder with mode
0600, never in the room's state file, a log or a command line. Join codes carry a password once,
from the facilitator's screen to the leader's laptop.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from offsite.domain.errors import OffsiteError
from offsite.domain.language import translate
from offsite.store.files import replacing

#: A join code: offsite-room://ROLE:PASSWORD@HOST:PORT/DATABASE
SCHEME = "offsite-room"


def passfile() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir("offsite")) / "room-passwords"


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace(":", "\\:")


def _line(host: str, port: int, database: str, role: str, password: str) -> str:
    return ":".join(_escape(part) for part in (host, str(port), database, role, password))


def remember(host: str, port: int, database: str, role: str, password: str, path: Path | None = None) -> Path:
    """Keep the role's password in the password file (0600), replacing an older one for the same role."""
    path = path or passfile()
    path.parent.mkdir(parents=True, exist_ok=True)
    prefix = ":".join(_escape(part) for part in (host, str(port), database, role)) + ":"
    kept = [line for line in _lines(path) if not line.startswith(prefix)]
    kept.append(_line(host, port, database, role, password))
    _write(path, kept)
    return path


def knows(host: str, port: int, database: str, role: str, path: Path | None = None) -> bool:
    """Whether the password file has a password for the role on that server (``*`` matches any value)."""
    wanted = (host, str(port), database, role)
    for line in _lines(path or passfile()):
        fields = _split(line)
        if len(fields) == 5 and all(f in ("*", w) for f, w in zip(fields[:4], wanted, strict=True)):
            return True
    return False


def _split(line: str) -> list[str]:
    fields, current, escaped = [], "", False
    for char in line:
        if escaped:
            current, escaped = current + char, False
        elif char == "\\":
            escaped = True
        elif char == ":":
            fields.append(current)
            current = ""
        else:
            current += char
    fields.append(current)
    return fields


def forget(host: str, port: int, database: str, role: str, path: Path | None = None) -> None:
    path = path or passfile()
    prefix = ":".join(_escape(part) for part in (host, str(port), database, role)) + ":"
    lines = _lines(path)
    kept = [line for line in lines if not line.startswith(prefix)]
    if kept != lines:
        _write(path, kept)


def _write(path: Path, lines: list[str]) -> None:
    """The whole file in one step (temp + rename), readable and writable by this user alone."""
    with replacing(path) as temp:
        temp.chmod(0o600)  # before a byte of a password is in it
        temp.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def _lines(path: Path) -> list[str]:
    try:
        return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except FileNotFoundError:
        return []


@dataclasses.dataclass(frozen=True)
class JoinCode:
    """What a leader's laptop needs to join: the server, the database, the leader's role and its password."""

    host: str
    port: int
    database: str
    role: str
    password: str

    def text(self) -> str:
        return (
            f"{SCHEME}://{quote(self.role, safe='')}:{quote(self.password, safe='')}@"
            f"{self.host}:{self.port}/{quote(self.database, safe='')}"
        )

    @classmethod
    def parse(cls, text: str) -> JoinCode:
        cleaned = text.strip()
        wrong = OffsiteError(
            translate(
                "RoomServer",
                "That is not a room's join code. It starts with “offsite-room://”: ask the facilitator "
                "to show yours again.",
            )
        )
        try:
            parts = urlsplit(cleaned)
            port = parts.port
        except ValueError:
            raise wrong from None
        if parts.scheme != SCHEME or not parts.hostname or not parts.username or not parts.password:
            raise wrong
        database = unquote(parts.path.lstrip("/"))
        if not database or port is None:
            raise wrong
        return cls(parts.hostname, port, database, unquote(parts.username), unquote(parts.password))
