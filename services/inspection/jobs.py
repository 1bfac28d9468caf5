"""The periodic job: complete the verifications of training whose window has passed (or that
have seen enough calls), at the time it is given. It reads the agent's counts from the read
model and hands them to the application's command."""

from __future__ import annotations

import asyncio
from datetime import datetime
from uuid import UUID

from contracts.comparison import Counts
from services.inspection.application.verifications import VerificationCommands
from services.inspection.domain.verification import Verification
from services.inspection.readmodel.rates import ViolationRates


class VerificationJob:
    def __init__(self, app: VerificationCommands, rates: ViolationRates) -> None:
        self.app = app
        self.rates = rates

    async def __call__(self, now: datetime) -> list[UUID]:
        """Complete every due verification; the ids of those completed."""
        completed = []
        for verification in await asyncio.to_thread(self.app.pending_verifications):
            after = await self._counts(
                verification, verification.trained_at, verification.after_window_end(now)
            )
            if not verification.due(now, after.calls):
                continue
            start = verification.trained_at - verification.window
            before = await self._counts(verification, start, verification.trained_at)
            await asyncio.to_thread(
                self.app.complete_verification, verification.id, before, after, now
            )
            completed.append(verification.id)
        return completed

    async def _counts(self, verification: Verification, start: datetime, end: datetime) -> Counts:
        return await self.rates.counts(verification.agent_id, verification.rule_codes, start, end)
