"""Prometheus metrics of every service, served at /metrics."""

from __future__ import annotations

from prometheus_client import Counter, Histogram

CALLS_RECEIVED = Counter(
    "qa_calls_received_total",
    "Calls received by the inspection service, by receipt (accepted, duplicate, conflict)",
    ["receipt"],
)
CALLS_FAILED = Counter("qa_calls_failed_total", "Calls inspected that failed (grade or red line)")
RULE_VIOLATIONS = Counter(
    "qa_rule_violations_total", "Findings of automatic inspections, by rule", ["rule_code"]
)
INSPECTION_SECONDS = Histogram(
    "qa_inspection_batch_seconds",
    "Time to inspect and store one request's calls",
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
RELAY_PUBLISHED = Counter(
    "qa_relay_published_total", "Events published to JetStream by outbox relays", ["producer"]
)
CONSUMER_MESSAGES = Counter(
    "qa_consumer_messages_total", "Messages handled by tracked consumers", ["consumer"]
)
WORKER_FAILURES = Counter(
    "qa_worker_failures_total",
    "Failures of a service's background workers (relay, consumers, jobs), each then restarted",
    ["service", "worker"],
)
CONSUMER_RETRIES = Counter(
    "qa_consumer_retries_total",
    "Messages whose effect failed and that a tracked consumer will try again later",
    ["consumer"],
)
DEAD_LETTERS = Counter(
    "qa_dead_letters_total",
    "Messages dead-lettered: unreadable, their effect kept failing, or unpublishable (relay)",
    ["service", "consumer", "reason"],
)
