"""The knowledge service process: `uvicorn services.knowledge.api.main:app`."""

from runtime.service import build_service_app
from runtime.settings import Settings
from services.knowledge.service import SERVICE

app = build_service_app(SERVICE, Settings())
