"""Auth0's pieces of sign-in: the profile in its tokens and the profile source.

Auth0 access tokens carry no e-mail unless an Action adds it. The API then asks the
tenant's OpenID Connect `/userinfo` endpoint with the user's own access token (the
frontend requests the scopes `openid profile email`; app.core.profiles has the interface).
"""

from typing import Any

from app.core.auth import Profile
from app.core.config import settings
from app.core.profiles import (
    TIMEOUT_SECONDS,
    ProfileSource,
    ProfileUnavailableError,
    get_json,
    text_claim,
)


def profile_from_claims(claims: dict[str, Any]) -> Profile:
    # Access tokens carry profile claims only when an Auth0 Action adds them; otherwise
    # the profile comes from /userinfo (Auth0Profiles).
    email = text_claim(claims.get("email"), 320)
    return Profile(
        email=email,
        email_verified=email is not None and claims.get("email_verified") is True,
        name=text_claim(claims.get("name"), 100),
        avatar_url=text_claim(claims.get("picture"), 2048),
    )


class Auth0Profiles:
    """OpenID Connect userinfo, asked with the user's own access token."""

    def __init__(self, userinfo_url: str, *, timeout_seconds: float = TIMEOUT_SECONDS) -> None:
        self.userinfo_url = userinfo_url
        self.timeout_seconds = timeout_seconds

    async def fetch(self, subject: str, access_token: str) -> Profile | None:
        document = await get_json(self.userinfo_url, access_token, self.timeout_seconds)
        if not isinstance(document, dict) or document.get("sub") != subject:
            raise ProfileUnavailableError("userinfo did not describe the token's subject")
        # Standard OIDC claims: email, email_verified, name, picture.
        return profile_from_claims(document)


def new_profile_source() -> ProfileSource:
    """The configured provider's profile source (app.api.deps keeps one per process)."""
    return Auth0Profiles(settings.auth0_userinfo_url)
