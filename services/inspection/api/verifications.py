"""Verifications of training: read one; run the periodic check now (operators, tests)."""

from __future__ import annotations

import asyncio
from typing import Any
from uuid import UUID

from fastapi import APIRouter, HTTPException

from runtime.http import error_body
from services.inspection.api.deps import ApplicationDep, ClockDep, VerificationJobDep
from services.inspection.domain.verification import Verification

router = APIRouter(prefix="/v1", tags=["verifications"])


def _view(verification: Verification) -> dict[str, Any]:
    return {
        "verification_id": str(verification.id),
        "programme_id": verification.programme_id,
        "agent_id": verification.agent_id,
        "rule_codes": verification.rule_codes,
        "trained_at": verification.trained_at.isoformat(),
        "window_days": verification.window_days,
        "min_calls": verification.min_calls,
        "outcome": verification.outcome,
    }


@router.post("/verifications:check")
async def check_verifications(job: VerificationJobDep, clock: ClockDep) -> dict[str, Any]:
    """Complete, at the service clock's time, every verification whose window has passed."""
    completed = await job(clock.now())
    return {"completed": [str(v) for v in completed]}


@router.get("/verifications/{verification_id}")
async def read_verification(verification_id: UUID, application: ApplicationDep) -> dict[str, Any]:
    verification = await asyncio.to_thread(application.verification, verification_id)
    if verification is None:
        raise HTTPException(404, error_body("not_found", f"no verification {verification_id}"))
    return _view(verification)
