"""Clerk's pieces of sign-in: the profile in its tokens and the profile source.

Clerk's default session token carries no e-mail. The API then reads the user from Clerk's
Backend API (`GET /v1/users/{user_id}` with CLERK_SECRET_KEY) and takes the primary
e-mail address and whether Clerk verified it (app.core.profiles has the interface).
"""

from typing import Any
from urllib.parse import quote

from app.core.auth import Profile
from app.core.config import is_placeholder, settings
from app.core.profiles import (
    TIMEOUT_SECONDS,
    ProfileConfigError,
    ProfileSource,
    ProfileUnavailableError,
    get_json,
    text_claim,
)

CLERK_API_URL = "https://api.clerk.com/v1"


def profile_from_claims(claims: dict[str, Any]) -> Profile:
    # Clerk's default session token has no profile claims: the e-mail then comes from
    # Clerk's Backend API (ClerkProfiles). Custom session token claims `email`,
    # `email_verified`, `name` and `picture` are used when present.
    email = text_claim(claims.get("email"), 320)
    return Profile(
        email=email,
        email_verified=email is not None and claims.get("email_verified") is True,
        name=text_claim(claims.get("name"), 100),
        avatar_url=text_claim(claims.get("picture") or claims.get("image_url"), 2048),
    )


class ClerkProfiles:
    """Clerk Backend API: the user object, read with the instance's secret key."""

    def __init__(
        self,
        secret_key: str,
        *,
        api_url: str = CLERK_API_URL,
        timeout_seconds: float = TIMEOUT_SECONDS,
    ) -> None:
        self._secret_key = secret_key
        self.api_url = api_url
        self.timeout_seconds = timeout_seconds

    async def fetch(self, subject: str, access_token: str) -> Profile | None:
        if is_placeholder(self._secret_key):
            raise ProfileConfigError(
                "CLERK_SECRET_KEY is not set: the API needs it to read users' e-mail addresses "
                "from Clerk (Clerk dashboard > API keys > Secret keys)"
            )
        url = f"{self.api_url}/users/{quote(subject, safe='')}"
        return clerk_profile(await get_json(url, self._secret_key, self.timeout_seconds))


def clerk_profile(user: Any) -> Profile:
    """The primary e-mail address, verified when its verification status is `verified`."""
    if not isinstance(user, dict):
        raise ProfileUnavailableError("Clerk answered with something other than a user")
    addresses = user.get("email_addresses")
    primary_id = user.get("primary_email_address_id")
    primary = next(
        (
            address
            for address in (addresses if isinstance(addresses, list) else [])
            if isinstance(address, dict) and address.get("id") == primary_id
        ),
        {},
    )
    verification = primary.get("verification")
    status = verification.get("status") if isinstance(verification, dict) else None
    names = (user.get("first_name"), user.get("last_name"))
    return profile_from_claims(
        {
            "email": primary.get("email_address"),
            "email_verified": status == "verified",
            "name": " ".join(part for part in names if isinstance(part, str) and part),
            "picture": user.get("image_url"),
        }
    )


def new_profile_source() -> ProfileSource:
    """The configured provider's profile source (app.api.deps keeps one per process)."""
    return ClerkProfiles(settings.clerk_secret_key)
