"""The JSON Schemas in docs/contracts are those the contracts produce today."""

from __future__ import annotations

from pathlib import Path

import orjson

from contracts.export import all_schemas

DOCS = Path(__file__).resolve().parents[3] / "docs" / "contracts"


def test_published_schemas_are_current() -> None:
    published = {path.name.removesuffix(".schema.json") for path in DOCS.glob("*.schema.json")}
    current = all_schemas()
    assert published == set(current), "run `python -m contracts.export`"
    for name, schema in current.items():
        on_disk = orjson.loads((DOCS / f"{name}.schema.json").read_bytes())
        assert on_disk == schema, f"{name} changed: run `python -m contracts.export`"
