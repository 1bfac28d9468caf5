"""The training service process: `uvicorn services.training.api.main:app`."""

from runtime.service import build_service_app
from runtime.settings import Settings
from services.training.service import SERVICE

app = build_service_app(SERVICE, Settings())
