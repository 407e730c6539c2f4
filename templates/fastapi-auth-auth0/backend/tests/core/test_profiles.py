"""The provider profile lookup: Auth0 /userinfo, against a local fake (respx)."""

import httpx
import pytest
import respx
from httpx import AsyncClient

from app.api.deps import get_profile_source
from app.core.auth_provider import Auth0Profiles
from app.core.config import settings
from app.core.profiles import ProfileUnavailableError
from app.main import app
from tests.conftest import HeadersFactory, TokenFactory

USERINFO = {
    "sub": "auth0|123",
    "email": "ada@example.com",
    "email_verified": True,
    "name": "Ada Lovelace",
    "picture": "https://img.example.com/ada.png",
}


def test_userinfo_lives_on_the_issuer() -> None:
    assert settings.auth0_userinfo_url == "https://tenant.auth0.test/userinfo"


@respx.mock
async def test_auth0_userinfo_is_asked_with_the_users_access_token() -> None:
    route = respx.get("https://tenant.auth0.test/userinfo").respond(json=USERINFO)
    profile = await Auth0Profiles(settings.auth0_userinfo_url).fetch("auth0|123", "access-token")
    assert profile is not None
    assert (profile.email, profile.email_verified) == ("ada@example.com", True)
    assert (profile.name, profile.avatar_url) == ("Ada Lovelace", "https://img.example.com/ada.png")
    assert route.calls.last.request.headers["authorization"] == "Bearer access-token"


@respx.mock
async def test_auth0_unverified_email_stays_unverified() -> None:
    respx.get("https://tenant.auth0.test/userinfo").respond(
        json={**USERINFO, "email_verified": False}
    )
    profile = await Auth0Profiles(settings.auth0_userinfo_url).fetch("auth0|123", "token")
    assert profile is not None
    assert (profile.email, profile.email_verified) == ("ada@example.com", False)


@respx.mock
async def test_auth0_userinfo_about_another_subject_is_refused() -> None:
    respx.get("https://tenant.auth0.test/userinfo").respond(json={**USERINFO, "sub": "other"})
    with pytest.raises(ProfileUnavailableError, match="subject"):
        await Auth0Profiles(settings.auth0_userinfo_url).fetch("auth0|123", "token")


@respx.mock
async def test_auth0_errors_are_unavailable_and_never_carry_the_token() -> None:
    respx.get("https://tenant.auth0.test/userinfo").respond(status_code=401)
    with pytest.raises(ProfileUnavailableError) as error:
        await Auth0Profiles(settings.auth0_userinfo_url).fetch("auth0|123", "secret-access-token")
    assert str(error.value) == "HTTP 401"


@respx.mock
async def test_auth0_timeout_is_unavailable() -> None:
    respx.get("https://tenant.auth0.test/userinfo").mock(side_effect=httpx.ReadTimeout("slow"))
    with pytest.raises(ProfileUnavailableError, match="ReadTimeout"):
        await Auth0Profiles(settings.auth0_userinfo_url, timeout_seconds=0.1).fetch("a", "t")


async def test_new_auth0_user_gets_the_email_from_userinfo_once(
    client: AsyncClient, make_token: TokenFactory
) -> None:
    # An access token for the API: no profile claims.
    app.dependency_overrides.pop(get_profile_source)
    token = make_token(sub="auth0|123")
    headers = {"Authorization": f"Bearer {token}"}
    with respx.mock(assert_all_called=False) as provider:
        provider.route(host="127.0.0.1").pass_through()  # the fake JWKS
        route = provider.get("https://tenant.auth0.test/userinfo").respond(json=USERINFO)
        first = await client.get("/api/users/me", headers=headers)
        second = await client.get("/api/users/me", headers=headers)
    assert first.status_code == second.status_code == 200
    assert (first.json()["email"], first.json()["name"]) == ("ada@example.com", "Ada Lovelace")
    assert route.call_count == 1
    assert route.calls.last.request.headers["authorization"] == f"Bearer {token}"


async def test_provider_outage_still_signs_the_user_in(
    client: AsyncClient, auth_headers: HeadersFactory
) -> None:
    app.dependency_overrides.pop(get_profile_source)
    headers = auth_headers("auth0|123", email=None, email_verified=None)
    with respx.mock(assert_all_called=False) as provider:
        provider.route(host="127.0.0.1").pass_through()
        provider.get("https://tenant.auth0.test/userinfo").respond(status_code=503)
        response = await client.get("/api/users/me", headers=headers)
    assert response.status_code == 200
    assert response.json()["email"] is None
