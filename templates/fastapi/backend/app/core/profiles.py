"""The signed-in person's verified e-mail and name, asked from the provider if the token lacks them.

What the provider is asked, and how, is its profile source in app.core.auth_provider; this
module holds what every source shares: the interface, its errors, reading a text claim and
the one authenticated GET a source makes.

app.services.users caches the answer on the user row: the provider is asked on first
sight, and again at most once a minute while the stored e-mail is missing or unverified,
never on every request.
"""

from typing import Any, Protocol

import httpx

from app.core.auth import Profile

TIMEOUT_SECONDS = 5.0


class ProfileUnavailableError(Exception):
    """The provider could not be asked or gave no usable answer; sign-in goes on without it."""


class ProfileConfigError(RuntimeError):
    """A setting the lookup needs is missing; the message names it."""


class ProfileSource(Protocol):
    async def fetch(self, subject: str, access_token: str) -> Profile | None:
        """The provider's profile of `subject`, or None when it has nothing to add."""
        ...


def text_claim(value: object, limit: int) -> str | None:
    """A non-empty text claim cut to its column's length; anything else is absent."""
    return value[:limit] if isinstance(value, str) and value else None


async def get_json(url: str, bearer: str, timeout_seconds: float) -> Any:
    """GET `url` with a bearer token and decode its JSON; any failure is unavailable.

    Errors name the exception and status only: never the request headers (the bearer).
    """
    try:
        async with httpx.AsyncClient(timeout=timeout_seconds) as client:
            response = await client.get(url, headers={"Authorization": f"Bearer {bearer}"})
        response.raise_for_status()
        return response.json()
    except httpx.HTTPStatusError as exc:
        raise ProfileUnavailableError(f"HTTP {exc.response.status_code}") from exc
    except (httpx.HTTPError, ValueError) as exc:
        raise ProfileUnavailableError(type(exc).__name__) from exc
