"""Ports and URLs: a port is free when nothing listens on it, even if a stopped run's
connections linger; a service listening on every interface is reached on the loopback."""

from __future__ import annotations

import socket

from runtime.embedded.process import port_is_free
from runtime.settings import Settings


def test_a_listener_holds_a_port_and_time_wait_does_not() -> None:
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen()
    port = server.getsockname()[1]
    client = socket.create_connection(("127.0.0.1", port))
    accepted, _ = server.accept()
    assert not port_is_free("127.0.0.1", port)
    accepted.close()
    server.close()
    client.close()
    assert port_is_free("127.0.0.1", port)


def test_services_on_every_interface_are_reached_on_the_loopback() -> None:
    settings = Settings(host="::", service_urls={"rules": "http://rules:8081"})
    assert settings.service_url("gateway") == f"http://127.0.0.1:{settings.port('gateway')}"
    assert settings.service_url("rules") == "http://rules:8081"
