"""Liveness and readiness answers of every service and the gateway."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel


class Health(BaseModel):
    status: Literal["ok", "ready"]
