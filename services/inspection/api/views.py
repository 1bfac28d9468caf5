"""Receipts, calls and verifications as the API shows them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from contracts.api.inspection import (
    BatchCountsOut,
    BatchItemOut,
    BatchOut,
    CallOut,
    CallReceiptOut,
    ConflictItemOut,
    InspectedItemOut,
    InspectionVerificationOut,
    InvalidItemOut,
    TooLargeItemOut,
)
from contracts.call import Call
from contracts.inspection import InspectionResult
from runtime.mapping import carry
from services.inspection.application import Receipt
from services.inspection.domain.call import InspectedCall
from services.inspection.domain.verification import Verification


def receipt_out(receipt: Receipt) -> CallReceiptOut:
    """An accepted or duplicate call (`receive_call` raises on a conflict)."""
    assert receipt.status != "conflict"
    assert receipt.result is not None
    return CallReceiptOut(call_id=receipt.call_id, status=receipt.status, inspection=receipt.result)


def batch_out(
    positions: Sequence[int],
    receipts: Sequence[Receipt],
    refused: Sequence[InvalidItemOut | TooLargeItemOut],
) -> BatchOut:
    """Every item of a batch in its order: the receipts of the valid calls (at `positions`)
    and the refused items."""
    results: list[BatchItemOut] = [*refused]
    results += [_item(i, r) for i, r in zip(positions, receipts, strict=True)]
    results.sort(key=lambda item: item.index)
    counts = Counter(item.status for item in results)
    return BatchOut(
        counts=BatchCountsOut(
            accepted=counts["accepted"],
            duplicate=counts["duplicate"],
            conflict=counts["conflict"],
            invalid=counts["invalid"],
            too_large=counts["too_large"],
        ),
        results=results,
    )


def _item(index: int, receipt: Receipt) -> BatchItemOut:
    if receipt.status == "conflict" or receipt.result is None:
        return ConflictItemOut(index=index, call_id=receipt.call_id, status="conflict")
    result = receipt.result
    return InspectedItemOut(
        index=index,
        call_id=receipt.call_id,
        status=receipt.status,
        score=result.score,
        grade=result.grade,
        passed=result.passed,
    )


def call_out(stored: InspectedCall) -> CallOut:
    """A call from the event store (stored a moment ago, before the read model caught up)."""
    inspection = InspectionResult.model_validate(stored.result) if stored.result else None
    return CallOut(
        call=Call.model_validate(stored.call),
        status="inspected" if inspection else "received",
        inspection=inspection,
    )


def verification_out(verification: Verification) -> InspectionVerificationOut:
    return carry(InspectionVerificationOut, verification, verification_id=verification.id)
