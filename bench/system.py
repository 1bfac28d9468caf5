"""Start the whole system (`qa run`) in a child process for a benchmark, and stop it after."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx

API_KEY = "bench-key"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_until_in_force(url: str, process: subprocess.Popen[bytes], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    headers = {"X-API-Key": API_KEY}
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"qa run exited with {process.returncode}")
        try:
            if (
                httpx.get(f"{url}/v1/rulesets/active", headers=headers, timeout=2).status_code
                == 200
            ):
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the system did not come up within {seconds} s")


@contextmanager
def running_system(seconds: float = 180.0) -> Iterator[tuple[str, str]]:
    """Yield the gateway URL and API key of a freshly started system."""
    ports = {name: _free_port() for name in ("GATEWAY", "RULES", "INSPECTION")}
    with tempfile.TemporaryDirectory(prefix="qa-bench-") as data_dir:
        env = dict(os.environ)
        env.update({f"QA_{name}_PORT": str(port) for name, port in ports.items()})
        env.update(
            QA_DATA_DIR=os.environ.get("QA_DATA_DIR", data_dir),
            QA_NAMESPACE=f"bench{int(time.time())}",
            QA_BOOTSTRAP_API_KEY=API_KEY,
        )
        process = subprocess.Popen([sys.executable, "-m", "runtime.cli", "run"], env=env)
        url = f"http://127.0.0.1:{ports['GATEWAY']}"
        try:
            _wait_until_in_force(url, process, seconds)
            yield url, API_KEY
        finally:
            process.send_signal(signal.SIGINT)
            process.wait(timeout=60)
