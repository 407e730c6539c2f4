"""/api/orgs/{org_id}/audit-log: newest first, paginated, for admins only."""

import uuid
from collections.abc import Callable
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Membership, Organization, Role, User
from app.services import audit
from tests.conftest import HeadersFactory

Org = tuple[Organization, dict[str, User]]


@pytest.fixture(autouse=True)
async def business_plan(org_with_members: Org, session: AsyncSession) -> None:
    """The audit log is a Business feature (app/services/entitlements.py)."""
    org_with_members[0].plan = "business"
    await session.commit()


def log_url(org: Organization) -> str:
    return f"/api/orgs/{org.id}/audit-log"


async def test_admins_read_the_orgs_actions_newest_first(
    client: AsyncClient, auth_headers: HeadersFactory, org_with_members: Org
) -> None:
    org, people = org_with_members
    await client.patch(f"/api/orgs/{org.id}", headers=auth_headers(), json={"name": "New"})
    await client.post(
        f"/api/orgs/{org.id}/invitations",
        headers=auth_headers(),
        json={"email": "x@example.com"},
    )
    response = await client.get(log_url(org), headers=auth_headers("user_admin"))
    assert response.status_code == 200
    items = response.json()["items"]
    org_items = [item for item in items if item["action"] != "user.signed_in"]
    assert [item["action"] for item in org_items] == ["invitation.created", "org.updated"]
    assert org_items[0]["actor_id"] == str(people["owner"].id)
    assert org_items[0]["target"] == "x@example.com"
    assert org_items[0]["metadata"] == {"role": "member"}
    assert response.json()["next_before"] is None


async def test_members_get_403_and_outsiders_404(
    client: AsyncClient, auth_headers: HeadersFactory, org_with_members: Org
) -> None:
    org, _ = org_with_members
    member = await client.get(log_url(org), headers=auth_headers("user_member"))
    outsider = await client.get(log_url(org), headers=auth_headers("outsider"))
    assert (member.status_code, outsider.status_code) == (403, 404)


async def test_pages_follow_next_before_until_the_end(
    client: AsyncClient,
    auth_headers: HeadersFactory,
    org_with_members: Org,
    session: AsyncSession,
) -> None:
    org, people = org_with_members
    for n in range(5):
        await audit.record(
            session,
            action="test.event",
            actor_id=people["owner"].id,
            organization_id=org.id,
            target=str(n),
        )
        await session.commit()
    seen: list[str] = []
    before: str | None = None
    for _ in range(4):
        params: dict[str, str | int] = {"limit": 2}
        if before:
            params["before"] = before
        page = (await client.get(log_url(org), headers=auth_headers(), params=params)).json()
        seen += [item["target"] for item in page["items"] if item["action"] == "test.event"]
        before = page["next_before"]
        if before is None:
            break
    assert seen == ["4", "3", "2", "1", "0"]


async def test_members_sign_ins_are_shown_but_not_outsiders(
    client: AsyncClient,
    auth_headers: HeadersFactory,
    org_with_members: Org,
    make_user: Callable[..., Any],
) -> None:
    org, people = org_with_members
    await make_user("outsider")
    await client.get("/api/users/me", headers=auth_headers("user_member"))
    await client.get("/api/users/me", headers=auth_headers("outsider"))
    items = (await client.get(log_url(org), headers=auth_headers())).json()["items"]
    sign_ins = {item["actor_id"] for item in items if item["action"] == "user.signed_in"}
    assert str(people["member"].id) in sign_ins
    assert all(actor in {str(p.id) for p in people.values()} for actor in sign_ins)


async def test_a_members_sign_ins_before_joining_or_into_another_org_are_not_shown(
    client: AsyncClient,
    auth_headers: HeadersFactory,
    org_with_members: Org,
    session: AsyncSession,
    make_user: Callable[..., Any],
    make_org: Callable[..., Any],
) -> None:
    org_a, _ = org_with_members
    newcomer = await make_user("newcomer")
    org_b = await make_org(newcomer, name="Bee")
    for target, org_id in (("before-joining", None), ("into-b", org_b.id)):
        await audit.record(
            session,
            action="user.signed_in",
            actor_id=newcomer.id,
            organization_id=org_id,
            target=target,
        )
        await session.commit()
    session.add(Membership(organization_id=org_a.id, user_id=newcomer.id, role=Role.MEMBER))
    await session.commit()
    await audit.record(
        session, action="user.signed_in", actor_id=newcomer.id, organization_id=None, target="after"
    )
    await session.commit()
    items = (await client.get(log_url(org_a), headers=auth_headers("user_admin"))).json()["items"]
    newcomer_sign_ins = [
        item["target"]
        for item in items
        if item["action"] == "user.signed_in" and item["actor_id"] == str(newcomer.id)
    ]
    assert newcomer_sign_ins == ["after"]


async def test_another_orgs_entries_are_not_shown(
    client: AsyncClient,
    auth_headers: HeadersFactory,
    org_with_members: Org,
    session: AsyncSession,
    make_org: Callable[..., Any],
) -> None:
    org, people = org_with_members
    other = await make_org(people["admin"], name="Other")
    await audit.record(session, action="secret", actor_id=None, organization_id=other.id)
    await session.commit()
    items = (await client.get(log_url(org), headers=auth_headers())).json()["items"]
    assert "secret" not in {item["action"] for item in items}


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 101}, {"before": "nope"}])
async def test_invalid_paging_answers_422(
    client: AsyncClient,
    auth_headers: HeadersFactory,
    org_with_members: Org,
    params: dict[str, Any],
) -> None:
    org, _ = org_with_members
    response = await client.get(log_url(org), headers=auth_headers(), params=params)
    assert response.status_code == 422


async def test_unknown_cursor_gives_an_empty_page(
    client: AsyncClient, auth_headers: HeadersFactory, org_with_members: Org
) -> None:
    org, _ = org_with_members
    response = await client.get(
        log_url(org), headers=auth_headers(), params={"before": str(uuid.uuid4())}
    )
    assert response.json() == {"items": [], "next_before": None}
