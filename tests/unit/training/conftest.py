"""The training application on memory and on PostgreSQL (`open_app`), on a manual clock."""

from __future__ import annotations

import pytest

from runtime.clock import ManualClock
from services.training.application import TrainingApplication
from tests.conftest import OpenApplication
from tests.unit.training.delivery import NOW


@pytest.fixture
def app(open_app: OpenApplication) -> TrainingApplication:
    application: TrainingApplication = open_app(
        TrainingApplication, "training", QA_VERIFY_MIN_CALLS=5
    )
    application.clock = ManualClock(NOW)
    return application
