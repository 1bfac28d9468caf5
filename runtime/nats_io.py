"""Connecting to NATS and keeping the installation's JetStream stream in place."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

import nats
from nats.aio.client import Client
from nats.js import JetStreamContext
from nats.js.api import StorageType, StreamConfig
from nats.js.errors import NotFoundError

from contracts.subjects import stream_name, stream_subjects
from runtime.settings import Settings, nats_connect_options

log = logging.getLogger(__name__)

DUPLICATE_WINDOW_SECONDS = 120.0

Callback = Callable[[], Awaitable[None]]


async def connect(settings: Settings, name: str, **callbacks: Callback) -> Client:
    """A client that reconnects for ever; `callbacks` such as `reconnected_cb`.

    Credentials and TLS come from the settings (`nats_connect_options`): a user and password
    in `QA_NATS_URL`, a `.creds` file (`QA_NATS_CREDS`), a CA and a client certificate.
    """
    options = nats_connect_options(settings)
    return await nats.connect(
        options.pop("servers"),
        **options,
        name=name,
        max_reconnect_attempts=-1,
        reconnect_time_wait=0.5,
        **callbacks,
    )


async def ensure_stream(js: JetStreamContext, namespace: str) -> bool:
    """Create the stream if it is missing; True when it had to be created.

    File storage, no size or age limits: the stream is a replayable transport, and its
    de-duplication window drops a re-published `Nats-Msg-Id`.
    """
    name = stream_name(namespace)
    try:
        await js.stream_info(name)
        return False
    except NotFoundError:
        config = StreamConfig(
            name=name,
            subjects=stream_subjects(namespace),
            storage=StorageType.FILE,
            duplicate_window=DUPLICATE_WINDOW_SECONDS,
        )
        await js.add_stream(config)
        log.info("created JetStream stream %s", name)
        return True


async def producer_message_count(js: JetStreamContext, namespace: str, producer: str) -> int:
    """How many of a producer's events the stream holds."""
    info = await js.stream_info(stream_name(namespace), subjects_filter=f"{namespace}.{producer}.>")
    return sum((info.state.subjects or {}).values())
