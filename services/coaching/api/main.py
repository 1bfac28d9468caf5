"""The coaching service process: `uvicorn services.coaching.api.main:app`."""

from runtime.service import build_service_app
from runtime.settings import Settings
from services.coaching.service import SERVICE

app = build_service_app(SERVICE, Settings())
