"""Rule sets and rules: forwarded to the rules service."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from contracts.api import rules as api
from gateway.auth import ActorDep
from gateway.deps import RulesDep

router = APIRouter(prefix="/v1", tags=["rulesets"])


@router.get("/rulesets", response_model=list[api.RuleSetOut])
async def list_versions(request: Request, actor: ActorDep, rules: RulesDep) -> Response:
    """Every version with its status (draft / published) and which one is in force."""
    return await rules.forward(request, actor)


@router.post("/rulesets", status_code=201, response_model=api.DraftOut)
async def create_draft(
    body: api.DraftIn, request: Request, actor: ActorDep, rules: RulesDep
) -> Response:
    """A new draft version (its validation errors are listed, not refused)."""
    return await rules.forward(request, actor)


@router.get("/rulesets/active", response_model=api.RuleSetOut)
async def active_version(request: Request, actor: ActorDep, rules: RulesDep) -> Response:
    return await rules.forward(request, actor)


@router.get("/rulesets/diff", response_model=api.DiffOut)
async def diff_versions(
    request: Request,
    actor: ActorDep,
    rules: RulesDep,
    from_version: Annotated[int, Query(alias="from", ge=1)],
    to_version: Annotated[int, Query(alias="to", ge=1)],
) -> Response:
    """Rules added, removed and changed (field by field) between two versions."""
    return await rules.forward(request, actor)


@router.get("/rulesets/{version}", response_model=api.RuleSetOut)
async def read_version(
    version: int, request: Request, actor: ActorDep, rules: RulesDep
) -> Response:
    return await rules.forward(request, actor)


@router.put("/rulesets/{version}", response_model=api.DraftOut)
async def revise_draft(
    version: int, body: api.RevisionIn, request: Request, actor: ActorDep, rules: RulesDep
) -> Response:
    """Replace a draft's rules; a published version is immutable (409)."""
    return await rules.forward(request, actor)


@router.post("/rulesets/{version}:validate", response_model=api.ValidationOut)
async def validate(version: int, request: Request, actor: ActorDep, rules: RulesDep) -> Response:
    """Every error of the draft, each naming its field (unknown operator, bad regex...)."""
    return await rules.forward(request, actor)


@router.post("/rulesets/{version}:publish", response_model=api.RuleSetOut)
async def publish(version: int, request: Request, actor: ActorDep, rules: RulesDep) -> Response:
    """Publish a valid draft: it becomes the rule set in force for every new inspection."""
    return await rules.forward(request, actor)


@router.post("/rulesets/{version}:dry-run", response_model=api.DryRunOut)
async def dry_run_version(
    version: int, body: api.DryRunIn, request: Request, actor: ActorDep, rules: RulesDep
) -> Response:
    """Evaluate a version on a call given in the request; matches come with evidence."""
    return await rules.forward(request, actor)


@router.post("/rules:dry-run", response_model=api.DryRunOut)
async def dry_run_rules(
    body: api.AdHocDryRunIn, request: Request, actor: ActorDep, rules: RulesDep
) -> Response:
    """Evaluate rules that are in no version yet on a call given in the request."""
    return await rules.forward(request, actor)
