"""The error body every non-validation error shares, for the OpenAPI document."""

from typing import Any

from pydantic import BaseModel

_DESCRIPTIONS = {
    400: "Bad request",
    401: "Missing or invalid access token",
    403: "The caller's role does not allow this",
    404: "Not found (or not visible to the caller)",
    409: "Conflicts with the current state",
    410: "No longer valid",
    413: "Request body too large",
    429: "Rate limit exceeded (see Retry-After)",
    503: "Authentication temporarily unavailable",
}


class ErrorDetail(BaseModel):
    detail: str


def error_response(description: str) -> dict[str, Any]:
    """One error answer for `responses=`, documented with the ErrorDetail body."""
    return {"model": ErrorDetail, "description": description}


def error_responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """`responses=` for a route: each code with its usual description."""
    return {code: error_response(_DESCRIPTIONS[code]) for code in codes}


# What any authenticated endpoint may answer besides its own errors.
AUTH_ERRORS = error_responses(401, 429, 503)
