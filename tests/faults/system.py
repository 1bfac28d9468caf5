"""The whole system for one fault: the services named in `apart` each in a child process of
their own (a name twice: two replicas, the gateway talking to the first), the others and the
gateway in this process, all on one namespace, with the default rule pack in force."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from types import TracebackType

import httpx

from runtime.settings import Settings
from services.rules.bootstrap import ensure_default_pack
from tests.faults.processes import ServiceProcess
from tests.stack import ServerThread, free_port, service_app
from tests.support import wait_for

SERVICES = ("rules", "inspection", "knowledge", "training", "coaching")
READY_SECONDS = 60.0


def local(port: int) -> str:
    return f"http://127.0.0.1:{port}"


class System:
    def __init__(self, settings: Settings, apart: Sequence[str] = ()) -> None:
        self.processes: dict[str, list[ServiceProcess]] = {}
        for name in apart:
            self.processes.setdefault(name, []).append(ServiceProcess(name, settings))
        ports = {name: free_port() for name in [*SERVICES, "gateway"] if name not in apart}
        urls = {name: local(port) for name, port in ports.items()}
        urls |= {name: replicas[0].url for name, replicas in self.processes.items()}
        self.settings = replace(settings, service_urls=urls)
        self.url = urls["gateway"]
        self._ports = ports
        self._threads: list[ServerThread] = []

    def process(self, name: str, replica: int = 0) -> ServiceProcess:
        return self.processes[name][replica]

    def replicas(self) -> list[ServiceProcess]:
        return [process for group in self.processes.values() for process in group]

    def client(self) -> httpx.AsyncClient:
        """A platform's client of the gateway."""
        headers = {"X-API-Key": self.settings.bootstrap_api_key}
        return httpx.AsyncClient(base_url=self.url, headers=headers, timeout=60)

    async def __aenter__(self) -> System:
        from gateway.main import build_app

        for process in self.replicas():  # every child at once: they take a while to import
            process.spawn()
        try:
            for name, port in self._ports.items():
                app = build_app(self.settings) if name == "gateway" else None
                thread = ServerThread(app or service_app(name, self.settings), port)
                thread.start()
                self._threads.append(thread)
            for process in self.replicas():
                await process.wait_up()
            ensure_default_pack(self.settings)
            await self.ready()
        except BaseException:
            self.stop()
            raise
        return self

    async def ready(self) -> None:
        """Until every service, every replica included, is ready for requests."""
        urls = [local(port) for name, port in self._ports.items() if name != "gateway"]
        urls += [process.url for process in self.replicas()]
        async with httpx.AsyncClient(timeout=2) as client:
            for url in urls:

                async def ready(url: str = url) -> bool:
                    try:
                        return (await client.get(f"{url}/readyz")).status_code == 200
                    except httpx.TransportError:
                        return False

                await wait_for(ready, READY_SECONDS, f"{url} ready")

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def stop(self) -> None:
        for thread in reversed(self._threads):
            thread.stop()
        self._threads.clear()
        for process in self.replicas():
            process.stop()
