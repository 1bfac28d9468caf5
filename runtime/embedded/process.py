"""Waiting for, stopping and recognising server processes, and probing ports."""

from __future__ import annotations

import ctypes
import logging
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import psutil

log = logging.getLogger(__name__)

PR_SET_PDEATHSIG = 1
_LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform == "linux" else None


def wait_until(
    condition: Callable[[], bool], timeout: float, what: str, interval: float = 0.05
) -> None:
    """Poll `condition` until it holds; raise TimeoutError after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() >= deadline:
            raise TimeoutError(f"timed out after {timeout:g}s waiting for {what}")
        time.sleep(interval)


def stop_process(process: subprocess.Popen[bytes], timeout: float, name: str) -> int:
    """SIGTERM, wait up to `timeout`, then SIGKILL; the exit code."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            log.warning(
                "%s (pid %d) ignored SIGTERM for %gs; killing it", name, process.pid, timeout
            )
            process.kill()
    return process.wait()


def describe_exit(code: int) -> str:
    """How a process ended, from its exit code (negative: the signal that ended it)."""
    if code < 0:
        try:
            return f"by {signal.Signals(-code).name}"
        except ValueError:
            return f"by signal {-code}"
    return f"with code {code}"


def die_with_parent() -> None:
    """`preexec_fn` for child servers: on Linux, the kernel sends them SIGTERM when the thread
    that spawned them exits, so a killed `qa` leaves nothing running. Spawn from the main thread."""
    if _LIBC is not None:
        _LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def read_int(path: Path) -> int | None:
    """The integer a pid or port file starts with, if any."""
    try:
        return int(path.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def is_server_process(pid: int, name: str, marker: Path) -> bool:
    """Whether `pid` runs program `name` with `marker` (its data path) on its command line."""
    try:
        process = psutil.Process(pid)
        arguments = [str(part) for part in process.cmdline()]
        return str(process.name()) == name and any(str(marker) in arg for arg in arguments)
    except psutil.Error:
        return False


def terminate_pid(pid: int, timeout: float) -> None:
    try:
        process = psutil.Process(pid)
        process.terminate()
        process.wait(timeout)
    except psutil.TimeoutExpired:
        process.kill()
    except psutil.NoSuchProcess:
        pass


def port_is_free(host: str, port: int) -> bool:
    """Nothing listens there. SO_REUSEADDR, as the servers set it, so that connections of a
    just-stopped run lingering in TIME_WAIT do not count as a listener."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
        return True
