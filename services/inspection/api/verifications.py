"""Verifications of training: read one; run the periodic check now (operators, tests)."""

from __future__ import annotations

import asyncio
from uuid import UUID

from fastapi import APIRouter

from contracts.api.inspection import InspectionVerificationOut, VerificationCheckOut
from services.inspection.api.deps import ApplicationDep, ClockDep, VerificationJobDep
from services.inspection.api.views import verification_out

router = APIRouter(prefix="/v1", tags=["verifications"])


@router.post("/verifications:check")
async def check_verifications(job: VerificationJobDep, clock: ClockDep) -> VerificationCheckOut:
    """Complete, at the service clock's time, every verification whose window has passed."""
    return VerificationCheckOut(completed=await job(clock.now()))


@router.get("/verifications/{verification_id}")
async def read_verification(
    verification_id: UUID, application: ApplicationDep
) -> InspectionVerificationOut:
    """The verification as requested, with its outcome once completed."""
    verification = await asyncio.to_thread(application.verification, verification_id)
    return verification_out(verification)
