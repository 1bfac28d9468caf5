"""Process-wide logging for the `qa` command: one format, one level, quiet third parties."""

from __future__ import annotations

import logging

FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"

# Libraries that log every step at INFO; their warnings and errors still show.
NOISY = ("pgserver", "httpx", "httpcore", "nats", "asyncio")


def configure_logging(level: str = "INFO") -> None:
    """Log to stderr at `level` (a name such as "INFO" or "DEBUG")."""
    numeric = logging.getLevelName(level.upper())
    if not isinstance(numeric, int):
        raise ValueError(f"unknown log level {level!r} (QA_LOG_LEVEL)")
    logging.basicConfig(level=numeric, format=FORMAT, force=True)
    for name in NOISY:
        logging.getLogger(name).setLevel(max(numeric, logging.WARNING))
