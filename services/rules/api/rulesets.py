"""Rule set versions: create, revise, validate, publish, list, read, diff, dry run."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from contracts.api.rules import (
    DiffOut,
    DraftIn,
    DraftOut,
    DryRunIn,
    DryRunOut,
    RevisionIn,
    RuleSetOut,
    ValidationOut,
)
from services.rules.api.deps import ActorDep, ApplicationDep, DryRunnerDep
from services.rules.api.views import dry_run_out, ruleset_out
from services.rules.domain.ruleset import InvalidRuleSetError, RuleSetVersion

router = APIRouter(prefix="/v1/rulesets", tags=["rulesets"])


def _out(application: ApplicationDep, ruleset: RuleSetVersion) -> RuleSetOut:
    return ruleset_out(ruleset, application.catalog().active_version)


def _draft_out(application: ApplicationDep, ruleset: RuleSetVersion) -> DraftOut:
    return DraftOut.model_validate(
        {"ruleset": _out(application, ruleset), "errors": ruleset.validate()}
    )


@router.get("")
def list_versions(application: ApplicationDep) -> list[RuleSetOut]:
    active = application.catalog().active_version
    return [ruleset_out(r, active, with_rules=False) for r in application.versions()]


@router.post("", status_code=201)
def create_draft(body: DraftIn, application: ApplicationDep, actor: ActorDep) -> DraftOut:
    """A new draft: with `rules`, or a copy of version `based_on` to edit."""
    if body.based_on is not None:
        application.version(body.based_on)
    draft = application.create_draft(body.description, body.rules, body.based_on, actor)
    return _draft_out(application, draft)


@router.get("/active")
def active_version(application: ApplicationDep) -> RuleSetOut:
    return _out(application, application.active())


@router.get("/diff")
def diff(
    application: ApplicationDep,
    from_version: Annotated[int, Query(alias="from", ge=1)],
    to_version: Annotated[int, Query(alias="to", ge=1)],
) -> DiffOut:
    """Rules added, removed and changed (field by field) from one version to another."""
    changes = application.diff(from_version, to_version)
    return DiffOut.model_validate({"from": from_version, "to": to_version, **changes})


@router.get("/{version}")
def read_version(version: int, application: ApplicationDep) -> RuleSetOut:
    return _out(application, application.version(version))


@router.put("/{version}")
def revise_draft(
    version: int, body: RevisionIn, application: ApplicationDep, actor: ActorDep
) -> DraftOut:
    """Replace a draft's rules; a published version is immutable (409)."""
    ruleset = application.revise(version, body.description, body.rules, body.reason, actor)
    return _draft_out(application, ruleset)


@router.post("/{version}:validate")
def validate(version: int, application: ApplicationDep) -> ValidationOut:
    errors = application.version(version).validate()
    return ValidationOut.model_validate({"version": version, "valid": not errors, "errors": errors})


@router.post("/{version}:publish")
def publish(version: int, application: ApplicationDep, actor: ActorDep) -> RuleSetOut:
    """Publish a valid draft; it becomes the rule set in force. Repeating it is harmless."""
    return _out(application, application.publish(version, actor))


@router.post("/{version}:dry-run")
def dry_run_version(
    version: int, body: DryRunIn, application: ApplicationDep, runner: DryRunnerDep
) -> DryRunOut:
    """Evaluate a valid version (draft or published) on a call given here; nothing is stored.
    A dry run is stopped at its time limit (422 `dry_run_timeout`)."""
    ruleset = application.version(version)
    if errors := ruleset.validate():
        message = f"version {version} has {len(errors)} error(s); validate it first"
        raise InvalidRuleSetError(errors, message)
    rules = [r for r in ruleset.rules if body.rule_codes is None or r["code"] in body.rule_codes]
    return dry_run_out(runner.run(rules, body.call), version)
