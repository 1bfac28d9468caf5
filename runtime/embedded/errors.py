"""The one error the embedded servers raise."""

from __future__ import annotations


class EmbeddedError(RuntimeError):
    """An embedded server could not be started."""
