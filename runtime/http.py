"""HTTP conventions shared by every service and the gateway: error bodies, health, actor."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Annotated, Any, TypeVar, cast

from fastapi import Depends, FastAPI, Header, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from contracts.envelope import Actor
from runtime.clock import Clock
from runtime.errors import field_path

T = TypeVar("T")


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


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(StarletteHTTPException, _on_http_error)
    app.add_exception_handler(RequestValidationError, _on_request_invalid)
    app.add_exception_handler(ValidationError, _on_request_invalid)


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
