"""The inspection service process: `uvicorn services.inspection.api.main:app`."""

from runtime.service import build_service_app
from runtime.settings import Settings
from services.inspection.service import SERVICE

app = build_service_app(SERVICE, Settings())
