"""/api/orgs: create, list, read, rename, delete; 404 for outsiders, 403 for low roles."""

import uuid
from collections.abc import Callable
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import AuditLogEntry, Organization, User
from tests.conftest import HeadersFactory

Org = tuple[Organization, dict[str, User]]


async def test_create_makes_the_caller_owner(
    client: AsyncClient, auth_headers: HeadersFactory, session: AsyncSession
) -> None:
    response = await client.post("/api/orgs", headers=auth_headers(), json={"name": "Acme, Inc."})
    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "Acme, Inc."
    assert body["slug"] == "acme-inc"
    assert body["role"] == "owner"
    assert body["plan"] == "free"
    assert body["subscription_status"] == "none"
    actions = await session.scalars(select(AuditLogEntry.action))
    assert "org.created" in actions.all()


async def test_slugs_stay_unique(client: AsyncClient, auth_headers: HeadersFactory) -> None:
    first = await client.post("/api/orgs", headers=auth_headers(), json={"name": "Acme"})
    second = await client.post("/api/orgs", headers=auth_headers("b"), json={"name": "ACME"})
    assert first.json()["slug"] == "acme"
    assert second.json()["slug"].startswith("acme-")
    assert second.json()["slug"] != "acme"


@pytest.mark.parametrize("body", [{}, {"name": ""}, {"name": "   "}, {"name": "x" * 101}])
async def test_create_validates_the_name(
    client: AsyncClient, auth_headers: HeadersFactory, body: dict[str, Any]
) -> None:
    response = await client.post("/api/orgs", headers=auth_headers(), json=body)
    assert response.status_code == 422


async def test_list_shows_only_the_callers_orgs_with_their_role(
    client: AsyncClient,
    auth_headers: HeadersFactory,
    org_with_members: Org,
    make_user: Callable[..., Any],
    make_org: Callable[..., Any],
) -> None:
    org, _ = org_with_members
    stranger = await make_user("stranger")
    await make_org(stranger, name="Other")
    response = await client.get("/api/orgs", headers=auth_headers("user_member"))
    assert response.status_code == 200
    assert [(o["id"], o["role"]) for o in response.json()["items"]] == [(str(org.id), "member")]


async def test_member_reads_the_org(
    client: AsyncClient, auth_headers: HeadersFactory, org_with_members: Org
) -> None:
    org, _ = org_with_members
    response = await client.get(f"/api/orgs/{org.id}", headers=auth_headers("user_member"))
    assert response.status_code == 200
    assert response.json()["role"] == "member"


async def test_outsiders_and_unknown_ids_get_the_same_404(
    client: AsyncClient, auth_headers: HeadersFactory, org_with_members: Org
) -> None:
    org, _ = org_with_members
    outsider = await client.get(f"/api/orgs/{org.id}", headers=auth_headers("outsider"))
    unknown = await client.get(f"/api/orgs/{uuid.uuid4()}", headers=auth_headers())
    assert outsider.status_code == unknown.status_code == 404
    assert outsider.json() == unknown.json() == {"detail": "organization not found"}


async def test_admin_renames_the_org_and_it_is_audited(
    client: AsyncClient,
    auth_headers: HeadersFactory,
    org_with_members: Org,
    session: AsyncSession,
) -> None:
    org, _ = org_with_members
    response = await client.patch(
        f"/api/orgs/{org.id}", headers=auth_headers("user_admin"), json={"name": "Renamed"}
    )
    assert response.status_code == 200
    assert response.json()["name"] == "Renamed"
    assert response.json()["role"] == "admin"
    entry = await session.scalar(select(AuditLogEntry).where(AuditLogEntry.action == "org.updated"))
    assert entry is not None
    assert entry.metadata_ == {"previous_name": "Acme"}


async def test_member_cannot_rename_the_org(
    client: AsyncClient, auth_headers: HeadersFactory, org_with_members: Org
) -> None:
    org, _ = org_with_members
    response = await client.patch(
        f"/api/orgs/{org.id}", headers=auth_headers("user_member"), json={"name": "Mine"}
    )
    assert response.status_code == 403


async def test_outsider_cannot_rename_the_org(
    client: AsyncClient, auth_headers: HeadersFactory, org_with_members: Org
) -> None:
    org, _ = org_with_members
    response = await client.patch(
        f"/api/orgs/{org.id}", headers=auth_headers("outsider"), json={"name": "Mine"}
    )
    assert response.status_code == 404


async def test_only_the_owner_deletes_the_org(
    client: AsyncClient, auth_headers: HeadersFactory, org_with_members: Org
) -> None:
    org, _ = org_with_members
    as_admin = await client.delete(f"/api/orgs/{org.id}", headers=auth_headers("user_admin"))
    assert as_admin.status_code == 403
    as_owner = await client.delete(f"/api/orgs/{org.id}", headers=auth_headers())
    assert as_owner.status_code == 204
    gone = await client.get(f"/api/orgs/{org.id}", headers=auth_headers())
    assert gone.status_code == 404


async def test_malformed_org_id_answers_422(
    client: AsyncClient, auth_headers: HeadersFactory
) -> None:
    response = await client.get("/api/orgs/not-a-uuid", headers=auth_headers())
    assert response.status_code == 422


async def test_orgs_need_a_token(client: AsyncClient) -> None:
    assert (await client.get("/api/orgs")).status_code == 401
