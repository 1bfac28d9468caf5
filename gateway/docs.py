"""OpenAPI for bodies the gateway forwards unparsed (so it does not validate twice)."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel

from contracts.call import Call

_REF = "#/components/schemas/{model}"
EXAMPLE_CALL = Call.model_config["json_schema_extra"]["examples"][0]  # type: ignore[index]


def json_body(model: type[BaseModel], example: Any) -> dict[str, Any]:
    schema = {"$ref": _REF.format(model=model.__name__)}
    content = {"application/json": {"schema": schema, "example": example}}
    return {"requestBody": {"required": True, "content": content}}


def install_openapi(app: FastAPI, models: list[type[BaseModel]]) -> None:
    """Add the forwarded bodies' schemas to the generated document's components."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
            )
            schemas = document.setdefault("components", {}).setdefault("schemas", {})
            for model in models:
                schema = model.model_json_schema(ref_template=_REF)
                schemas.update(schema.pop("$defs", {}))
                schemas[model.__name__] = schema
            app.openapi_schema = document
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
