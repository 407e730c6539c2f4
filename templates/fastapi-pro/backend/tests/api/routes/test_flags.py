"""/api/flags (evaluated for the caller) and /api/admin/flags (superusers)."""

import uuid
from typing import Any

import pytest
from httpx import AsyncClient

from app.models import Organization, User
from tests.conftest import HeadersFactory

Org = tuple[Organization, dict[str, User]]


@pytest.fixture
def admin(auth_headers: HeadersFactory) -> dict[str, str]:
    # admin@example.com is listed in SUPERUSER_EMAILS by the test settings.
    return auth_headers("root", email="admin@example.com")


async def put_flag(
    client: AsyncClient, admin: dict[str, str], key: str = "new-ui", **body: Any
) -> Any:
    payload = {"enabled": True, "rollout_percentage": 100, **body}
    return await client.put(f"/api/admin/flags/{key}", headers=admin, json=payload)


async def my_flags(client: AsyncClient, headers: dict[str, str], **params: Any) -> Any:
    return (await client.get("/api/flags", headers=headers, params=params)).json()["flags"]


async def test_no_flags_yet(client: AsyncClient, auth_headers: HeadersFactory) -> None:
    response = await client.get("/api/flags", headers=auth_headers())
    assert response.status_code == 200
    assert response.json() == {"flags": {}}


async def test_superuser_creates_a_flag_that_users_see(
    client: AsyncClient, auth_headers: HeadersFactory, admin: dict[str, str]
) -> None:
    created = await put_flag(client, admin, description="The new UI")
    assert created.status_code == 200
    assert created.json() == {
        "key": "new-ui",
        "description": "The new UI",
        "enabled": True,
        "rollout_percentage": 100,
        "user_overrides": {},
        "org_overrides": {},
    }
    assert await my_flags(client, auth_headers()) == {"new-ui": True}


async def test_disabled_flags_are_off(
    client: AsyncClient, auth_headers: HeadersFactory, admin: dict[str, str]
) -> None:
    await put_flag(client, admin, enabled=False)
    assert await my_flags(client, auth_headers()) == {"new-ui": False}


async def test_updating_keeps_the_description_when_omitted(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    await put_flag(client, admin, description="kept")
    updated = await put_flag(client, admin, enabled=False, rollout_percentage=10)
    assert updated.json()["description"] == "kept"
    assert updated.json()["rollout_percentage"] == 10
    listed = await client.get("/api/admin/flags", headers=admin)
    assert [flag["key"] for flag in listed.json()["items"]] == ["new-ui"]


async def test_non_superusers_get_403(client: AsyncClient, auth_headers: HeadersFactory) -> None:
    headers = auth_headers()
    assert (await client.get("/api/admin/flags", headers=headers)).status_code == 403
    assert (await put_flag(client, headers)).status_code == 403


@pytest.mark.parametrize(
    ("key", "body"),
    [
        ("Bad Key", {}),
        ("-leading-dash", {}),
        ("ok", {"rollout_percentage": 101}),
        ("ok", {"rollout_percentage": -1}),
        ("ok", {"enabled": "maybe"}),
    ],
)
async def test_invalid_flags_answer_422(
    client: AsyncClient, admin: dict[str, str], key: str, body: dict[str, Any]
) -> None:
    assert (await put_flag(client, admin, key, **body)).status_code == 422


async def test_user_override_wins_over_a_disabled_flag(
    client: AsyncClient, auth_headers: HeadersFactory, admin: dict[str, str], user: User
) -> None:
    await put_flag(client, admin, enabled=False)
    response = await client.put(
        "/api/admin/flags/new-ui/overrides",
        headers=admin,
        json={"user_id": str(user.id), "enabled": True},
    )
    assert response.json()["user_overrides"] == {str(user.id): True}
    assert await my_flags(client, auth_headers()) == {"new-ui": True}
    assert await my_flags(client, auth_headers("someone")) == {"new-ui": False}


async def test_org_override_applies_when_asking_for_that_org(
    client: AsyncClient,
    auth_headers: HeadersFactory,
    admin: dict[str, str],
    org_with_members: Org,
) -> None:
    org, _ = org_with_members
    await put_flag(client, admin, enabled=False)
    await client.put(
        "/api/admin/flags/new-ui/overrides",
        headers=admin,
        json={"org_id": str(org.id), "enabled": True},
    )
    member = auth_headers("user_member")
    assert await my_flags(client, member, org_id=str(org.id)) == {"new-ui": True}
    assert await my_flags(client, member) == {"new-ui": False}


async def test_user_override_beats_org_override(
    client: AsyncClient,
    auth_headers: HeadersFactory,
    admin: dict[str, str],
    org_with_members: Org,
) -> None:
    org, people = org_with_members
    await put_flag(client, admin)
    for subject in ({"org_id": str(org.id)}, {"user_id": str(people["member"].id)}):
        await client.put(
            "/api/admin/flags/new-ui/overrides",
            headers=admin,
            json={**subject, "enabled": subject.get("org_id") is not None},
        )
    member = auth_headers("user_member")
    assert await my_flags(client, member, org_id=str(org.id)) == {"new-ui": False}
    assert await my_flags(client, auth_headers(), org_id=str(org.id)) == {"new-ui": True}


async def test_asking_for_an_org_you_are_not_in_answers_404(
    client: AsyncClient, auth_headers: HeadersFactory, org_with_members: Org
) -> None:
    org, _ = org_with_members
    response = await client.get(
        "/api/flags", headers=auth_headers("outsider"), params={"org_id": str(org.id)}
    )
    assert response.status_code == 404


async def test_override_with_null_is_removed_and_can_be_changed(
    client: AsyncClient, admin: dict[str, str], user: User
) -> None:
    await put_flag(client, admin)
    url = "/api/admin/flags/new-ui/overrides"
    await client.put(url, headers=admin, json={"user_id": str(user.id), "enabled": True})
    changed = await client.put(url, headers=admin, json={"user_id": str(user.id), "enabled": False})
    assert changed.json()["user_overrides"] == {str(user.id): False}
    removed = await client.put(url, headers=admin, json={"user_id": str(user.id), "enabled": None})
    assert removed.json()["user_overrides"] == {}


@pytest.mark.parametrize(
    "body",
    [
        {"enabled": True},
        {"user_id": str(uuid.uuid4()), "org_id": str(uuid.uuid4()), "enabled": True},
        {"user_id": "nope", "enabled": True},
    ],
)
async def test_override_needs_exactly_one_subject(
    client: AsyncClient, admin: dict[str, str], body: dict[str, Any]
) -> None:
    await put_flag(client, admin)
    response = await client.put("/api/admin/flags/new-ui/overrides", headers=admin, json=body)
    assert response.status_code == 422


async def test_override_of_unknown_flag_user_or_org_answers_404(
    client: AsyncClient, admin: dict[str, str], user: User
) -> None:
    url = "/api/admin/flags/new-ui/overrides"
    body = {"user_id": str(user.id), "enabled": True}
    assert (await client.put(url, headers=admin, json=body)).status_code == 404
    await put_flag(client, admin)
    for subject in ("user_id", "org_id"):
        response = await client.put(
            url, headers=admin, json={subject: str(uuid.uuid4()), "enabled": True}
        )
        assert response.status_code == 404
