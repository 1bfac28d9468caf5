"""Domain failures as HTTP errors: unknown programme 404, state conflict 409, bad input 422."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from fastapi import HTTPException

from runtime.http import error_body
from services.training.application import UnknownProgrammeError
from services.training.domain.errors import InvalidInputError, ProgrammeError


@contextmanager
def domain_errors() -> Iterator[None]:
    try:
        yield
    except UnknownProgrammeError as error:
        raise HTTPException(404, error_body("not_found", str(error))) from error
    except InvalidInputError as error:
        body = error_body("invalid_request", str(error), error.errors)
        raise HTTPException(422, body) from error
    except ProgrammeError as error:
        raise HTTPException(409, error_body(error.code, str(error))) from error
