"""The whole system in one test process: each app on its own uvicorn server and port."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from importlib import import_module

import uvicorn
from fastapi import FastAPI

from runtime.clock import Clock
from runtime.service import build_service_app
from runtime.settings import Settings


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class ServerThread:
    def __init__(self, app: FastAPI, port: int) -> None:
        config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.url = f"http://127.0.0.1:{port}"

    def start(self, seconds: float = 60.0) -> None:
        self.thread.start()
        deadline = time.monotonic() + seconds
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"server on {self.url} did not start")
            time.sleep(0.02)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


def service_app(name: str, settings: Settings, clock: Clock | None = None) -> FastAPI:
    """A service's app, built from its declaration (`services/<name>/service.py`)."""
    declaration = import_module(f"services.{name}.service").SERVICE
    return build_service_app(declaration, settings, clock)


@contextmanager
def running_stack(settings: Settings, clock: Clock | None = None) -> Iterator[tuple[Settings, str]]:
    """Start every service (those with periodic jobs on `clock`, else `settings.clock()`) and
    the gateway; yield the settings they share and the gateway's URL."""
    from gateway.main import build_app as gateway_app

    names = ("rules", "inspection", "knowledge", "training", "coaching", "gateway")
    ports = {name: free_port() for name in names}
    urls = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
    settings = replace(settings, service_urls=urls)
    apps = {name: service_app(name, settings, clock) for name in names[:-1]}
    apps["gateway"] = gateway_app(settings)
    started: list[ServerThread] = []
    try:
        for name in names:
            server = ServerThread(apps[name], ports[name])
            server.start()
            started.append(server)
        yield settings, urls["gateway"]
    finally:
        for server in reversed(started):
            server.stop()
