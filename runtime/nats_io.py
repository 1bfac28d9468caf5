"""Connecting to NATS and keeping the installation's JetStream stream in place."""

from __future__ import annotations

import logging
import os
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
DEFAULT_MAX_AGE_DAYS = 30.0
DAY_SECONDS = 86_400.0

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


def stream_max_age_days() -> float:
    """`QA_STREAM_MAX_AGE_DAYS` (default 30; 0: kept for ever)."""
    return float(os.environ.get("QA_STREAM_MAX_AGE_DAYS") or DEFAULT_MAX_AGE_DAYS)


async def ensure_stream(
    js: JetStreamContext, namespace: str, max_age_days: float | None = None
) -> bool:
    """Create the stream if it is missing; True when it had to be created.

    File storage, no size limit; a message is deleted `max_age_days` after it was published
    (default `stream_max_age_days()`): the stream is a transport, the event stores are the
    record. An existing stream whose age limit differs is updated. The de-duplication window
    drops a re-published `Nats-Msg-Id`.
    """
    name = stream_name(namespace)
    days = stream_max_age_days() if max_age_days is None else max_age_days
    max_age = days * DAY_SECONDS
    try:
        info = await js.stream_info(name)
    except NotFoundError:
        config = StreamConfig(
            name=name,
            subjects=stream_subjects(namespace),
            storage=StorageType.FILE,
            duplicate_window=DUPLICATE_WINDOW_SECONDS,
            max_age=max_age,
        )
        await js.add_stream(config)
        log.info("created JetStream stream %s", name)
        return True
    if abs((info.config.max_age or 0.0) - max_age) > 1.0:
        await js.update_stream(info.config, max_age=max_age)
        log.info("JetStream stream %s: messages now kept %g days (0: for ever)", name, days)
    return False


async def producer_message_count(js: JetStreamContext, namespace: str, producer: str) -> int:
    """How many of a producer's events the stream holds."""
    info = await js.stream_info(stream_name(namespace), subjects_filter=f"{namespace}.{producer}.>")
    return sum((info.state.subjects or {}).values())


async def stream_created(js: JetStreamContext, namespace: str) -> str | None:
    """When the installation's stream was created: a stream deleted and made anew differs."""
    created = (await js.stream_info(stream_name(namespace))).created
    return None if created is None else str(created)
