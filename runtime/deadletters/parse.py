"""Reading one message as an envelope a consumer can apply, or saying why it never will be."""

from __future__ import annotations

from pydantic import ValidationError

from contracts.envelope import Envelope
from contracts.events import payload_of
from contracts.subjects import subject_for


class PoisonMessageError(ValueError):
    """The message can never be applied as it is: retrying would only fail again."""

    def __init__(self, reason: str, message: str, envelope: Envelope | None = None) -> None:
        super().__init__(message)
        self.reason = reason
        self.envelope = envelope
        """The envelope, when the message is one."""


def _first(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "message"
    more = f" (and {error.error_count() - 1} more)" if error.error_count() > 1 else ""
    return f"{where}: {first['msg']}{more}"


def parse(namespace: str, subject: str, data: bytes) -> Envelope:
    """The envelope in `data`, intact, on its own subject, with a payload valid for its type."""
    try:
        envelope = Envelope.from_bytes(data)
    except ValidationError as error:
        raise PoisonMessageError("malformed", f"not an envelope: {_first(error)}") from error
    if not envelope.is_intact():
        raise PoisonMessageError("broken_hash", "the hash does not match the envelope", envelope)
    expected = subject_for(namespace, envelope.producer, envelope.event_name)
    if subject != expected:
        message = f"{envelope.event_type} belongs on {expected}"
        raise PoisonMessageError("wrong_subject", message, envelope)
    try:
        payload_of(envelope)
    except KeyError as error:
        message = f"unknown event type {envelope.event_type}"
        raise PoisonMessageError("unknown_type", message, envelope) from error
    except ValidationError as error:
        message = f"payload is not a valid {envelope.event_type}: {_first(error)}"
        raise PoisonMessageError("invalid_payload", message, envelope) from error
    return envelope
