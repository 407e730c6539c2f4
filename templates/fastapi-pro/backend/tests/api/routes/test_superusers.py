"""Who may use /api/admin/flags: subjects in SUPERUSER_SUBJECTS, or verified SUPERUSER_EMAILS."""

from httpx import AsyncClient

from app.core.auth import Profile
from tests.conftest import FakeProfiles, HeadersFactory

# The test settings: SUPERUSER_SUBJECTS=root_subject, SUPERUSER_EMAILS=admin@example.com.


async def test_unverified_email_of_a_superuser_gets_403(
    client: AsyncClient, auth_headers: HeadersFactory
) -> None:
    headers = auth_headers("mallory", email="admin@example.com", email_verified=False)
    response = await client.get("/api/admin/flags", headers=headers)
    assert response.status_code == 403
    assert response.json() == {"detail": "superuser only"}


async def test_superuser_email_without_a_verified_claim_gets_403(
    client: AsyncClient, auth_headers: HeadersFactory, profiles: FakeProfiles
) -> None:
    # The claim is missing and the provider does not vouch for the address either.
    profiles.answer = Profile(
        email="admin@example.com", email_verified=False, name=None, avatar_url=None
    )
    headers = auth_headers("mallory", email="admin@example.com", email_verified=None)
    assert (await client.get("/api/admin/flags", headers=headers)).status_code == 403


async def test_subject_listed_in_superuser_subjects_gets_200_without_any_email(
    client: AsyncClient, auth_headers: HeadersFactory
) -> None:
    headers = auth_headers("root_subject", email=None, email_verified=None)
    response = await client.get("/api/admin/flags", headers=headers)
    assert response.status_code == 200
    assert response.json() == {"items": [], "next_cursor": None}


async def test_email_the_provider_verified_gets_200(
    client: AsyncClient, auth_headers: HeadersFactory, profiles: FakeProfiles
) -> None:
    profiles.answer = Profile(
        email="admin@example.com", email_verified=True, name=None, avatar_url=None
    )
    headers = auth_headers("ops", email=None, email_verified=None)
    assert (await client.get("/api/admin/flags", headers=headers)).status_code == 200
