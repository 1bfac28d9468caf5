"""Naming the field a validation error is about, the same way everywhere."""

from __future__ import annotations

from collections.abc import Sequence

_LOCATIONS = ("body", "query", "path", "header")


def field_path(loc: Sequence[int | str]) -> str:
    """("body", "segments", 0, "text") -> "segments[0].text"."""
    path = ""
    for part in loc:
        if part in _LOCATIONS and not path:
            continue
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path or "body"
