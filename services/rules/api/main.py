"""The rules service process: `uvicorn services.rules.api.main:app`."""

from runtime.service import build_service_app
from runtime.settings import Settings
from services.rules.service import SERVICE

app = build_service_app(SERVICE, Settings())
