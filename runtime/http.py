"""HTTP conventions shared by every service and the gateway: error bodies, health, actor."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from typing import Annotated, Any, TypeVar, cast

import asyncpg
import psycopg
from eventsourcing import persistence
from fastapi import Depends, FastAPI, Header, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from contracts.envelope import Actor
from runtime.clock import Clock
from runtime.errors import field_path

T = TypeVar("T")
log = logging.getLogger(__name__)


def error_items(errors: Sequence[Any], prefix: Sequence[int | str] = ()) -> list[dict[str, str]]:
    return [{"field": field_path([*prefix, *e["loc"]]), "problem": str(e["msg"])} for e in errors]


def error_body(
    code: str, message: str, errors: list[dict[str, str]] | None = None
) -> dict[str, Any]:
    body: dict[str, Any] = {"error": code, "message": message}
    if errors is not None:
        body["errors"] = errors
    return body


def problem(status: int, code: str, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse(error_body(code, message) | extra, status_code=status)


async def _on_request_invalid(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError | ValidationError)
    items = error_items(exc.errors())
    message = "; ".join(f"{i['field']}: {i['problem']}" for i in items[:5])
    return JSONResponse(error_body("invalid_request", message, items), status_code=422)


async def _on_http_error(_: Request, exc: Exception) -> JSONResponse:
    """An HTTPException whose detail is already an error body is sent as that body."""
    assert isinstance(exc, StarletteHTTPException)
    if isinstance(exc.detail, dict) and "error" in exc.detail:
        body = exc.detail
    else:
        body = error_body(f"http_{exc.status_code}", str(exc.detail))
    return JSONResponse(body, status_code=exc.status_code, headers=exc.headers)


_DEFAULT_CODES = {404: "not_found", 409: "conflict", 422: "invalid_request"}


def map_domain_errors(app: FastAPI, statuses: Mapping[type[Exception], int]) -> None:
    """Answer a service's domain exceptions with their HTTP status: the error code is the
    exception's `code` attribute (else the status's usual one), `errors` its field list, and
    its `details` (a dict) further fields of the body (e.g. the id of what it conflicts with)."""

    async def answer(_: Request, exc: Exception) -> JSONResponse:
        status = next(statuses[cls] for cls in type(exc).__mro__ if cls in statuses)
        code = getattr(exc, "code", None) or _DEFAULT_CODES.get(status, f"http_{status}")
        body = error_body(code, str(exc), getattr(exc, "errors", None))
        return JSONResponse(body | getattr(exc, "details", {}), status_code=status)

    for exception in statuses:
        app.add_exception_handler(exception, answer)


_DATABASE_ERRORS: tuple[type[Exception], ...] = (
    persistence.OperationalError,  # the event store (eventsourcing wraps psycopg's errors)
    persistence.InterfaceError,
    psycopg.OperationalError,  # psycopg_pool.PoolTimeout among them
    psycopg.InterfaceError,
    asyncpg.PostgresConnectionError,  # read models
    asyncpg.exceptions.OperatorInterventionError,
    asyncpg.exceptions.InsufficientResourcesError,
    ConnectionError,  # asyncpg's connection refused or reset
)
_DOWN_STATES = ("08", "53", "57P")
"""SQLSTATE classes of a server that cannot be reached or will not serve: connection
exception, insufficient resources, shutdown / cannot connect now."""


def database_unavailable(error: BaseException) -> bool:
    """Whether PostgreSQL could not be reached or would not serve, rather than refusing one
    statement (a cancelled query, a deadlock, a lock timeout stay server errors)."""
    if isinstance(error, ConnectionError | asyncpg.PostgresConnectionError):
        return True
    cause: BaseException | None = error
    while cause is not None and not isinstance(cause, psycopg.Error | asyncpg.PostgresError):
        cause = cause.__cause__
    if cause is None:
        return isinstance(
            error, persistence.InterfaceError | persistence.ConnectionUnavailableError
        )
    state: str | None = cause.sqlstate
    return state is None or state.startswith(_DOWN_STATES)


async def _on_database_error(_: Request, exc: Exception) -> JSONResponse:
    if not database_unavailable(exc):
        raise exc
    log.warning("PostgreSQL unavailable: %s: %s", type(exc).__name__, exc)
    body = error_body("database_unavailable", "PostgreSQL is unavailable; try again shortly")
    return JSONResponse(body, status_code=503, headers={"Retry-After": "5"})


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(StarletteHTTPException, _on_http_error)
    app.add_exception_handler(RequestValidationError, _on_request_invalid)
    app.add_exception_handler(ValidationError, _on_request_invalid)
    for database_error in _DATABASE_ERRORS:
        app.add_exception_handler(database_error, _on_database_error)


def request_actor(
    x_actor_id: Annotated[str | None, Header()] = None,
    x_actor_role: Annotated[str | None, Header()] = None,
) -> Actor:
    """The caller, as the gateway authenticated it (services sit behind the gateway)."""
    return Actor(id=x_actor_id or "anonymous", role=x_actor_role or "platform")


def component(kind: type[T]) -> Callable[[Request], T]:
    """A dependency on one of the running service's components (its application, clock,
    queries, jobs), as its declaration built them at startup."""

    def get(request: Request) -> T:
        return cast(T, request.app.state.context.components[kind])

    get.__name__ = f"component_{kind.__name__}"
    return get


ActorDep = Annotated[Actor, Depends(request_actor)]
ClockDep = Annotated[Clock, Depends(component(Clock))]
