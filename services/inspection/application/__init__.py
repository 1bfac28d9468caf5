"""The inspection service's application, on one event store: receiving and inspecting calls
(calls.py) and verifying training from later calls (verifications.py)."""

from __future__ import annotations

from services.inspection.application.calls import (
    CallCommands,
    CallConflictError,
    CallNotFoundError,
    NoActiveRuleSetError,
    Receipt,
)
from services.inspection.application.verifications import (
    VerificationCommands,
    VerificationNotFoundError,
)


class InspectionApplication(CallCommands, VerificationCommands):
    name = "Inspection"


__all__ = [
    "CallConflictError",
    "CallNotFoundError",
    "InspectionApplication",
    "NoActiveRuleSetError",
    "Receipt",
    "VerificationNotFoundError",
]
