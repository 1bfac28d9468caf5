"""What a command on a programme can fail with."""

from __future__ import annotations


class ProgrammeError(Exception):
    """A command the programme's state does not allow now (HTTP 409)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class InvalidInputError(ValueError):
    """Input the programme cannot accept, naming each field at fault (HTTP 422)."""

    def __init__(self, errors: list[dict[str, str]]) -> None:
        super().__init__("; ".join(f"{e['field']}: {e['problem']}" for e in errors))
        self.errors = errors
