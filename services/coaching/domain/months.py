"""Months as the hotline counts them: in its local time zone."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo


def previous_month(now: datetime, zone: tzinfo) -> tuple[datetime, datetime, str]:
    """[start, end) of the month before `now`'s, in the hotline's time zone, and its label."""
    end = now.astimezone(zone).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    start = (end - timedelta(days=1)).replace(day=1)
    return start, end, f"{start:%Y-%m}"


def month_span(label: str, zone: tzinfo) -> tuple[datetime, datetime]:
    """[start, end) of the month labelled `label` ("2026-11"), in the hotline's time zone."""
    first = datetime.strptime(label, "%Y-%m").replace(tzinfo=zone)
    start, end, _ = previous_month(first + timedelta(days=32), zone)
    return start, end
