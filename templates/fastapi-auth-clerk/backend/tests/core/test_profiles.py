"""The provider profile lookup: Clerk Backend API, against a local fake (respx)."""

from typing import Any

import httpx
import pytest
import respx
from httpx import AsyncClient

from app.api.deps import get_profile_source
from app.core.auth_provider import CLERK_API_URL, ClerkProfiles
from app.core.profiles import ProfileConfigError, ProfileUnavailableError
from app.main import app
from tests.conftest import HeadersFactory

SECRET = "sk_test_fake_clerk_secret_key"  # the test settings' CLERK_SECRET_KEY
USER_URL = f"{CLERK_API_URL}/users/user_2abc"


def clerk_user(status: str = "verified", **fields: Any) -> dict[str, Any]:
    """A Clerk Backend API user object (GET /v1/users/{user_id}), trimmed."""
    return {
        "id": "user_2abc",
        "object": "user",
        "first_name": "Ada",
        "last_name": "Lovelace",
        "image_url": "https://img.clerk.com/ada.png",
        "primary_email_address_id": "idn_primary",
        "email_addresses": [
            {
                "id": "idn_old",
                "object": "email_address",
                "email_address": "old@example.com",
                "verification": {"status": "verified", "strategy": "email_code"},
            },
            {
                "id": "idn_primary",
                "object": "email_address",
                "email_address": "ada@example.com",
                "verification": {"status": status, "strategy": "email_code"},
            },
        ],
        **fields,
    }


@respx.mock
async def test_clerk_profile_is_the_primary_address_read_with_the_secret_key() -> None:
    route = respx.get(USER_URL).respond(json=clerk_user())
    profile = await ClerkProfiles(SECRET).fetch("user_2abc", "the-session-token")
    assert profile is not None
    assert (profile.email, profile.email_verified) == ("ada@example.com", True)
    assert (profile.name, profile.avatar_url) == ("Ada Lovelace", "https://img.clerk.com/ada.png")
    assert route.calls.last.request.headers["authorization"] == f"Bearer {SECRET}"


@respx.mock
@pytest.mark.parametrize("status", ["unverified", "failed", "expired"])
async def test_clerk_address_not_verified_by_clerk_is_unverified(status: str) -> None:
    respx.get(USER_URL).respond(json=clerk_user(status))
    profile = await ClerkProfiles(SECRET).fetch("user_2abc", "token")
    assert profile is not None
    assert (profile.email, profile.email_verified) == ("ada@example.com", False)


@respx.mock
async def test_clerk_user_without_email_addresses_has_no_email() -> None:
    respx.get(USER_URL).respond(
        json=clerk_user(email_addresses=[], primary_email_address_id=None, first_name=None)
    )
    profile = await ClerkProfiles(SECRET).fetch("user_2abc", "token")
    assert profile is not None
    assert (profile.email, profile.email_verified, profile.name) == (None, False, "Lovelace")


@pytest.mark.parametrize("key", ["", "sk_live_replace-with-your-clerk-secret-key"])
async def test_clerk_lookup_without_secret_key_names_the_setting(key: str) -> None:
    with pytest.raises(ProfileConfigError, match="CLERK_SECRET_KEY"):
        await ClerkProfiles(key).fetch("user_2abc", "token")


@respx.mock
async def test_clerk_api_errors_are_unavailable_and_never_carry_the_key() -> None:
    respx.get(USER_URL).respond(status_code=500, text=SECRET)
    with pytest.raises(ProfileUnavailableError) as error:
        await ClerkProfiles(SECRET).fetch("user_2abc", "token")
    assert str(error.value) == "HTTP 500"


@respx.mock
async def test_clerk_api_timeout_is_unavailable() -> None:
    respx.get(USER_URL).mock(side_effect=httpx.ConnectTimeout("timed out"))
    with pytest.raises(ProfileUnavailableError, match="ConnectTimeout"):
        await ClerkProfiles(SECRET, timeout_seconds=0.1).fetch("user_2abc", "token")


@respx.mock
async def test_clerk_answer_that_is_not_a_user_is_unavailable() -> None:
    respx.get(USER_URL).respond(json=["not", "a", "user"])
    with pytest.raises(ProfileUnavailableError):
        await ClerkProfiles(SECRET).fetch("user_2abc", "token")


async def test_new_clerk_user_gets_the_email_from_the_backend_api_once(
    client: AsyncClient, auth_headers: HeadersFactory
) -> None:
    # The default session token: no e-mail claim at all.
    app.dependency_overrides.pop(get_profile_source)
    headers = auth_headers("user_2abc", email=None, email_verified=None)
    with respx.mock(assert_all_called=False) as provider:
        provider.route(host="127.0.0.1").pass_through()  # the fake JWKS
        route = provider.get(USER_URL).respond(json=clerk_user())
        first = await client.get("/api/users/me", headers=headers)
        second = await client.get("/api/users/me", headers=headers)
    assert first.status_code == second.status_code == 200
    assert (first.json()["email"], first.json()["name"]) == ("ada@example.com", "Ada Lovelace")
    assert route.call_count == 1


async def test_provider_outage_still_signs_the_user_in(
    client: AsyncClient, auth_headers: HeadersFactory
) -> None:
    app.dependency_overrides.pop(get_profile_source)
    headers = auth_headers("user_2abc", email=None, email_verified=None)
    with respx.mock(assert_all_called=False) as provider:
        provider.route(host="127.0.0.1").pass_through()
        provider.get(USER_URL).respond(status_code=503)
        response = await client.get("/api/users/me", headers=headers)
    assert response.status_code == 200
    assert response.json()["email"] is None
