"""Errors of the knowledge commands that the API maps to status codes."""


class NotFoundError(LookupError):
    """No article, case, proposal or finding with that id (404)."""
