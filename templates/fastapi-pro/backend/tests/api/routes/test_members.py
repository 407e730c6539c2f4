"""/api/orgs/{org_id}/members: who may change roles and remove whom."""

import uuid

from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import AuditLogEntry, Organization, User
from tests.conftest import HeadersFactory

Org = tuple[Organization, dict[str, User]]


def members_url(org: Organization, user: User | None = None) -> str:
    base = f"/api/orgs/{org.id}/members"
    return f"{base}/{user.id}" if user else base


async def test_members_see_every_member_with_their_role(
    client: AsyncClient, auth_headers: HeadersFactory, org_with_members: Org
) -> None:
    org, people = org_with_members
    response = await client.get(members_url(org), headers=auth_headers("user_member"))
    assert response.status_code == 200
    roles = {m["user_id"]: m["role"] for m in response.json()["items"]}
    assert roles == {
        str(people["owner"].id): "owner",
        str(people["admin"].id): "admin",
        str(people["member"].id): "member",
    }
    assert {"user_id", "email", "name", "role", "joined_at"} == set(response.json()["items"][0])


async def test_outsiders_cannot_list_members(
    client: AsyncClient, auth_headers: HeadersFactory, org_with_members: Org
) -> None:
    org, _ = org_with_members
    response = await client.get(members_url(org), headers=auth_headers("outsider"))
    assert response.status_code == 404


async def test_admin_promotes_a_member_and_it_is_audited(
    client: AsyncClient,
    auth_headers: HeadersFactory,
    org_with_members: Org,
    session: AsyncSession,
) -> None:
    org, people = org_with_members
    response = await client.patch(
        members_url(org, people["member"]),
        headers=auth_headers("user_admin"),
        json={"role": "admin"},
    )
    assert response.status_code == 200
    assert response.json()["role"] == "admin"
    entry = await session.scalar(
        select(AuditLogEntry).where(AuditLogEntry.action == "member.role_changed")
    )
    assert entry is not None
    assert entry.metadata_ == {"from": "member", "to": "admin"}
    assert entry.target == str(people["member"].id)


async def test_admin_cannot_grant_owner(
    client: AsyncClient, auth_headers: HeadersFactory, org_with_members: Org
) -> None:
    org, people = org_with_members
    response = await client.patch(
        members_url(org, people["member"]),
        headers=auth_headers("user_admin"),
        json={"role": "owner"},
    )
    assert response.status_code == 403


async def test_admin_cannot_demote_an_owner(
    client: AsyncClient, auth_headers: HeadersFactory, org_with_members: Org
) -> None:
    org, people = org_with_members
    response = await client.patch(
        members_url(org, people["owner"]),
        headers=auth_headers("user_admin"),
        json={"role": "member"},
    )
    assert response.status_code == 403


async def test_owner_grants_owner_and_may_then_step_down(
    client: AsyncClient, auth_headers: HeadersFactory, org_with_members: Org
) -> None:
    org, people = org_with_members
    promoted = await client.patch(
        members_url(org, people["admin"]), headers=auth_headers(), json={"role": "owner"}
    )
    assert promoted.json()["role"] == "owner"
    stepped_down = await client.patch(
        members_url(org, people["owner"]), headers=auth_headers(), json={"role": "admin"}
    )
    assert stepped_down.status_code == 200
    assert stepped_down.json()["role"] == "admin"


async def test_the_last_owner_cannot_be_demoted(
    client: AsyncClient, auth_headers: HeadersFactory, org_with_members: Org
) -> None:
    org, people = org_with_members
    response = await client.patch(
        members_url(org, people["owner"]), headers=auth_headers(), json={"role": "admin"}
    )
    assert response.status_code == 409


async def test_members_cannot_change_roles(
    client: AsyncClient, auth_headers: HeadersFactory, org_with_members: Org
) -> None:
    org, people = org_with_members
    response = await client.patch(
        members_url(org, people["member"]),
        headers=auth_headers("user_member"),
        json={"role": "admin"},
    )
    assert response.status_code == 403


async def test_changing_a_non_member_answers_404(
    client: AsyncClient, auth_headers: HeadersFactory, org_with_members: Org
) -> None:
    org, _ = org_with_members
    response = await client.patch(
        f"/api/orgs/{org.id}/members/{uuid.uuid4()}",
        headers=auth_headers(),
        json={"role": "admin"},
    )
    assert response.status_code == 404
    assert response.json() == {"detail": "member not found"}


async def test_unknown_role_answers_422(
    client: AsyncClient, auth_headers: HeadersFactory, org_with_members: Org
) -> None:
    org, people = org_with_members
    response = await client.patch(
        members_url(org, people["member"]), headers=auth_headers(), json={"role": "god"}
    )
    assert response.status_code == 422


async def test_admin_removes_a_member_and_it_is_audited(
    client: AsyncClient,
    auth_headers: HeadersFactory,
    org_with_members: Org,
    session: AsyncSession,
) -> None:
    org, people = org_with_members
    response = await client.delete(
        members_url(org, people["member"]), headers=auth_headers("user_admin")
    )
    assert response.status_code == 204
    after = await client.get(members_url(org), headers=auth_headers())
    assert str(people["member"].id) not in {m["user_id"] for m in after.json()["items"]}
    entry = await session.scalar(
        select(AuditLogEntry).where(AuditLogEntry.action == "member.removed")
    )
    assert entry is not None
    assert entry.metadata_ == {"left": False}


async def test_members_cannot_remove_others(
    client: AsyncClient, auth_headers: HeadersFactory, org_with_members: Org
) -> None:
    org, people = org_with_members
    response = await client.delete(
        members_url(org, people["admin"]), headers=auth_headers("user_member")
    )
    assert response.status_code == 403


async def test_admin_cannot_remove_an_owner(
    client: AsyncClient, auth_headers: HeadersFactory, org_with_members: Org
) -> None:
    org, people = org_with_members
    response = await client.delete(
        members_url(org, people["owner"]), headers=auth_headers("user_admin")
    )
    assert response.status_code == 403


async def test_a_member_may_leave(
    client: AsyncClient, auth_headers: HeadersFactory, org_with_members: Org
) -> None:
    org, people = org_with_members
    response = await client.delete(
        members_url(org, people["member"]), headers=auth_headers("user_member")
    )
    assert response.status_code == 204
    after = await client.get(f"/api/orgs/{org.id}", headers=auth_headers("user_member"))
    assert after.status_code == 404


async def test_the_last_owner_cannot_leave(
    client: AsyncClient, auth_headers: HeadersFactory, org_with_members: Org
) -> None:
    org, people = org_with_members
    response = await client.delete(members_url(org, people["owner"]), headers=auth_headers())
    assert response.status_code == 409
