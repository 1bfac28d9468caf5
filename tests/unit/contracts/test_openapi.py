"""OpenAPI is a product surface: every operation of every service and of the gateway documents
its successful answer with a named model (from `contracts/`), not a free-form object."""

from __future__ import annotations

from importlib import import_module
from typing import Any

import pytest
from fastapi import FastAPI

from gateway.main import build_app
from runtime.service import build_service_app
from runtime.settings import Settings

SERVICES = ("rules", "inspection", "knowledge", "training", "coaching")


def app_of(name: str) -> FastAPI:
    if name == "gateway":
        return build_app(Settings())
    return build_service_app(import_module(f"services.{name}.service").SERVICE, Settings())


def names_a_model(schema: dict[str, Any]) -> bool:
    """A `$ref` to a component, or a list of them."""
    return "$ref" in schema or "$ref" in schema.get("items", {})


def undocumented(document: dict[str, Any]) -> list[str]:
    missing = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                schema = response.get("content", {}).get("application/json", {}).get("schema", {})
                if status.startswith("2") and not names_a_model(schema):
                    missing.append(f"{method.upper()} {path} {status}")
    return missing


@pytest.mark.parametrize("name", [*SERVICES, "gateway"])
def test_every_success_answer_has_a_schema(name: str) -> None:
    document = app_of(name).openapi()
    assert len(document["paths"]) >= 3
    assert undocumented(document) == []
