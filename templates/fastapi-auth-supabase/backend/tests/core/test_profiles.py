"""The provider profile lookup: Supabase token claims."""

import pytest

from app.api.deps import get_profile_source
from app.core.auth_provider import TokenProfiles, profile_from_claims
from app.core.config import settings


async def test_supabase_never_asks_the_provider() -> None:
    assert isinstance(await get_profile_source(), TokenProfiles)
    assert await TokenProfiles().fetch("user-id", "token") is None


def test_user_metadata_email_verified_is_not_trusted() -> None:
    # Any signed-in user can write user_metadata (supabase.auth.updateUser({data})).
    claims = {"sub": "u", "email": "admin@example.com", "user_metadata": {"email_verified": True}}
    profile = profile_from_claims(claims)
    assert (profile.email, profile.email_verified) == ("admin@example.com", False)


def test_email_is_verified_when_the_project_requires_confirmation(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(settings, "supabase_email_confirmation_required", True)
    assert profile_from_claims({"sub": "u", "email": "ada@example.com"}).email_verified
    assert not profile_from_claims({"sub": "u", "phone": "+15555550100"}).email_verified


def test_a_hook_claim_decides_over_the_project_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    # A top-level claim can only come from a custom access token hook.
    monkeypatch.setattr(settings, "supabase_email_confirmation_required", True)
    claims = {"sub": "u", "email": "ada@example.com", "email_verified": False}
    assert not profile_from_claims(claims).email_verified
    monkeypatch.setattr(settings, "supabase_email_confirmation_required", False)
    assert profile_from_claims({**claims, "email_verified": True}).email_verified


def test_user_metadata_that_is_not_an_object_is_ignored() -> None:
    profile = profile_from_claims({"sub": "u", "email": "ada@example.com", "user_metadata": "x"})
    assert (profile.email, profile.name, profile.avatar_url) == ("ada@example.com", None, None)
