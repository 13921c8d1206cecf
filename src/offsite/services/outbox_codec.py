"""How a kept edit's arguments are written in the outbox and read back: JSON with dates, times and
the domain's enums tagged, so a verb is called again with the values it was called with."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from offsite.domain.values import Direction, Kind, Stance

_ENUMS: dict[str, type[enum.Enum]] = {"Stance": Stance, "Kind": Kind, "Direction": Direction}


def encode(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return {"enum": type(value).__name__, "value": value.value}
    if isinstance(value, dt.datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"date": value.isoformat()}
    if isinstance(value, (list, tuple)):
        return [encode(item) for item in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    raise TypeError(f"an edit with a {type(value).__name__} cannot be kept for later")


def decode(value: Any) -> Any:
    if isinstance(value, list):
        return [decode(item) for item in value]
    if isinstance(value, dict):
        if "datetime" in value:
            return dt.datetime.fromisoformat(value["datetime"])
        if "date" in value:
            return dt.date.fromisoformat(value["date"])
        if "enum" in value:
            return _ENUMS[value["enum"]](value["value"])
    return value
