"""Auth0's pieces of sign-in: the profile in its tokens and the profile source.

Auth0 access tokens carry no e-mail unless an Action adds it. The API then asks the
tenant's OpenID Connect `/userinfo` endpoint with the user's own access token (the
frontend requests the scopes `openid profile email`; app.core.profiles has the interface).
"""

from functools import lru_cache
from typing import Any

import httpx

from app.core.auth import Profile
from app.core.config import settings
from app.core.profiles import TIMEOUT_SECONDS, ProfileSource, ProfileUnavailableError


def _text(value: object, limit: int) -> str | None:
    return value[:limit] if isinstance(value, str) and value else None


def profile_from_claims(claims: dict[str, Any]) -> Profile:
    # Access tokens carry profile claims only when an Auth0 Action adds them; otherwise
    # the profile comes from /userinfo (Auth0Profiles).
    email = _text(claims.get("email"), 320)
    return Profile(
        email=email,
        email_verified=email is not None and claims.get("email_verified") is True,
        name=_text(claims.get("name"), 100),
        avatar_url=_text(claims.get("picture"), 2048),
    )


class Auth0Profiles:
    """OpenID Connect userinfo, asked with the user's own access token."""

    def __init__(self, userinfo_url: str, *, timeout_seconds: float = TIMEOUT_SECONDS) -> None:
        self.userinfo_url = userinfo_url
        self.timeout_seconds = timeout_seconds

    async def fetch(self, subject: str, access_token: str) -> Profile | None:
        document = await _get_json(self.userinfo_url, access_token, self.timeout_seconds)
        if not isinstance(document, dict) or document.get("sub") != subject:
            raise ProfileUnavailableError("userinfo did not describe the token's subject")
        # Standard OIDC claims: email, email_verified, name, picture.
        return profile_from_claims(document)


async def _get_json(url: str, bearer: str, timeout_seconds: float) -> Any:
    # Errors name the exception and status only: never the request headers (the bearer).
    try:
        async with httpx.AsyncClient(timeout=timeout_seconds) as client:
            response = await client.get(url, headers={"Authorization": f"Bearer {bearer}"})
        response.raise_for_status()
        return response.json()
    except httpx.HTTPStatusError as exc:
        raise ProfileUnavailableError(f"HTTP {exc.response.status_code}") from exc
    except (httpx.HTTPError, ValueError) as exc:
        raise ProfileUnavailableError(type(exc).__name__) from exc


@lru_cache
def process_profile_source() -> ProfileSource:
    """The process-wide profile source of the configured provider."""
    return Auth0Profiles(settings.auth0_userinfo_url)
