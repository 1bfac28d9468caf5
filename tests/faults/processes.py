"""A service in a child process (`uvicorn services.<name>.api.main:app`), which a test kills
with SIGKILL and starts again on the same port."""

from __future__ import annotations

import signal
import subprocess

import httpx
import psutil

from runtime.settings import Settings
from tests.stack import free_port
from tests.support import spawn, wait_for

START_SECONDS = 60.0


class ServiceProcess:
    def __init__(self, name: str, settings: Settings) -> None:
        self.name = name
        self.settings = settings
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def spawn(self) -> None:
        """Start the process; `wait_up` waits for it to answer."""
        app = f"services.{self.name}.api.main:app"
        port = str(self.port)
        self.process = spawn(
            "uvicorn", self.settings, app, "--port", port, "--log-level", "warning"
        )

    async def wait_up(self, path: str = "/healthz", seconds: float = START_SECONDS) -> None:
        """Until `path` answers 200 (`/readyz`: ready for calls)."""

        async def answers() -> bool:
            assert self.process is not None
            assert self.process.poll() is None, f"{self.name} exited with {self.process.returncode}"
            try:
                async with httpx.AsyncClient(base_url=self.url, timeout=2) as client:
                    return (await client.get(path)).status_code == 200
            except httpx.TransportError:
                return False

        await wait_for(answers, seconds, f"{self.name} on {self.url}{path}")

    async def start(self, path: str = "/healthz") -> None:
        self.spawn()
        await self.wait_up(path)

    def cpu_seconds(self) -> float:
        """User and system time the process has used so far."""
        assert self.process is not None
        times = psutil.Process(self.process.pid).cpu_times()
        return float(times.user + times.system)

    def kill(self) -> None:
        """SIGKILL: no shutdown, no draining, no last words."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.kill()
