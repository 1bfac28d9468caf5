"""One owner at a time for a data folder."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from runtime.embedded.errors import EmbeddedError
from runtime.embedded.process import read_int


class DataDirLock:
    """An exclusive `flock` on `<data dir>/.lock`; the kernel drops it if the owner dies."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / ".lock"
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            owner = read_int(self.path)
            raise EmbeddedError(
                f"{self.path.parent} is in use by another process (pid {owner}); "
                "stop it or choose another QA_DATA_DIR"
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
