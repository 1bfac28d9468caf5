"""`python -m tests.integration.plumbing_proc relay|consumer <namespace> <batch> [crash after]`.

With a fourth argument the process SIGKILLs itself once it has published (relay) or applied
(consumer) that many events.

A separate module, so that the event classes keep their importable topics in the child.
Servers come from QA_DATABASE_URL / QA_NATS_URL.
"""

import asyncio
import logging
import sys

from runtime.settings import Settings
from tests.integration.plumbing_app import run_consumer, run_relay

if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    role, namespace, batch = sys.argv[1], sys.argv[2], int(sys.argv[3])
    crash_after = int(sys.argv[4]) if len(sys.argv) > 4 else None
    runner = run_relay if role == "relay" else run_consumer
    asyncio.run(runner(Settings(namespace=namespace), batch, crash_after))
