"""Rule set versions: create, revise, validate, publish, list, read, diff, dry run."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query

from runtime.http import error_body
from services.rules.api.deps import ActorDep, ApplicationDep, RelayDep
from services.rules.api.schemas import DraftIn, DryRunIn, RevisionIn, RuleSetOut
from services.rules.application import UnknownVersionError
from services.rules.domain.ruleset import InvalidRuleSetError, RuleSetError, RuleSetVersion

router = APIRouter(prefix="/v1/rulesets", tags=["rulesets"])


def _found(application: ApplicationDep, version: int) -> RuleSetVersion:
    try:
        return application.version(version)
    except UnknownVersionError as error:
        raise HTTPException(404, error_body("not_found", str(error))) from error


def _out(application: ApplicationDep, ruleset: RuleSetVersion, rules: bool = True) -> RuleSetOut:
    return RuleSetOut.of(ruleset, application.catalog().active_version, rules)


@router.get("")
def list_versions(application: ApplicationDep) -> list[RuleSetOut]:
    active = application.catalog().active_version
    return [RuleSetOut.of(r, active, with_rules=False) for r in application.versions()]


@router.post("", status_code=201)
def create_draft(body: DraftIn, application: ApplicationDep, actor: ActorDep) -> dict[str, Any]:
    """A new draft: with `rules`, or a copy of version `based_on` to edit."""
    if body.based_on is not None:
        _found(application, body.based_on)
    draft = application.create_draft(body.description, body.rules, body.based_on, actor)
    return {"ruleset": _out(application, draft), "errors": draft.validate()}


@router.get("/active")
def active_version(application: ApplicationDep) -> RuleSetOut:
    active = application.catalog().active_version
    if active is None:
        raise HTTPException(404, error_body("not_found", "no rule set has been published yet"))
    return _out(application, _found(application, active))


@router.get("/diff")
def diff(
    application: ApplicationDep,
    from_version: Annotated[int, Query(alias="from", ge=1)],
    to_version: Annotated[int, Query(alias="to", ge=1)],
) -> dict[str, Any]:
    """Rules added, removed and changed (field by field) from one version to another."""
    _found(application, from_version)
    _found(application, to_version)
    return {"from": from_version, "to": to_version, **application.diff(from_version, to_version)}


@router.get("/{version}")
def read_version(version: int, application: ApplicationDep) -> RuleSetOut:
    return _out(application, _found(application, version))


@router.put("/{version}")
def revise_draft(
    version: int, body: RevisionIn, application: ApplicationDep, actor: ActorDep
) -> dict[str, Any]:
    """Replace a draft's rules; a published version is immutable (409)."""
    _found(application, version)
    try:
        ruleset = application.revise(version, body.description, body.rules, body.reason, actor)
    except RuleSetError as error:
        raise HTTPException(409, error_body("immutable", str(error))) from error
    return {"ruleset": _out(application, ruleset), "errors": ruleset.validate()}


@router.post("/{version}:validate")
def validate(version: int, application: ApplicationDep) -> dict[str, Any]:
    errors = _found(application, version).validate()
    return {"version": version, "valid": not errors, "errors": errors}


@router.post("/{version}:publish")
def publish(
    version: int, application: ApplicationDep, relay: RelayDep, actor: ActorDep
) -> RuleSetOut:
    """Publish a valid draft; it becomes the rule set in force. Repeating it is harmless."""
    _found(application, version)
    try:
        ruleset = application.publish(version, actor)
    except InvalidRuleSetError as error:
        body = error_body("invalid_ruleset", str(error), error.errors)
        raise HTTPException(422, body) from error
    relay.wake()
    return _out(application, ruleset)


@router.post("/{version}:dry-run")
def dry_run_version(version: int, body: DryRunIn, application: ApplicationDep) -> dict[str, Any]:
    """Evaluate a version (draft or published) on a call given here; nothing is stored."""
    ruleset = _found(application, version)
    errors = ruleset.validate()
    if errors:
        message = f"version {version} has {len(errors)} error(s); validate it first"
        raise HTTPException(422, error_body("invalid_ruleset", message, errors))
    rules = [r for r in ruleset.rules if body.rule_codes is None or r["code"] in body.rule_codes]
    outcomes = application.dry_run(rules, body.call)
    return {"version": version, "outcomes": [o.to_dict() for o in outcomes]}
