"""Supabase's pieces of sign-in: the profile in its tokens and the profile source.

Supabase access tokens always carry `email`: there is nothing to ask. Whether it is
verified is decided from the token (`profile_from_claims`; app.core.profiles has the
interface of a profile source).
"""

from typing import Any

from app.core.auth import Profile
from app.core.config import settings
from app.core.profiles import ProfileSource, text_claim


def profile_from_claims(claims: dict[str, Any]) -> Profile:
    metadata = claims.get("user_metadata")
    meta: dict[str, Any] = metadata if isinstance(metadata, dict) else {}
    email = text_claim(claims.get("email"), 320)
    # `user_metadata` is writable by the user (and set regardless of proof when e-mail
    # confirmation is off): its `email_verified` is never trusted. A top-level claim can
    # only come from a custom access token hook; else the project setting decides.
    verified = claims.get("email_verified")
    if not isinstance(verified, bool):
        verified = settings.supabase_email_confirmation_required
    return Profile(
        email=email,
        email_verified=email is not None and verified,
        name=text_claim(meta.get("full_name") or meta.get("name"), 100),
        avatar_url=text_claim(meta.get("avatar_url"), 2048),
    )


class TokenProfiles:
    """Supabase: the token already holds the profile, the provider is never asked."""

    async def fetch(self, subject: str, access_token: str) -> Profile | None:
        return None


def new_profile_source() -> ProfileSource:
    """The configured provider's profile source (app.api.deps keeps one per process)."""
    return TokenProfiles()
