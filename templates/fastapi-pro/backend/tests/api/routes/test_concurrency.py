"""Rules that must hold when two requests race: each pair is sent at once, through two
HTTP clients (so two database sessions) against the real PostgreSQL.

Without locking, both requests of a pair read the same state before either commits:
two owners each see the other and both leave (0 owners), or both insert the same row
and the loser gets a unique-constraint error (a 500).
"""

import asyncio
from collections.abc import AsyncIterator, Callable
from datetime import timedelta
from typing import Any

import pytest
from httpx import ASGITransport, AsyncClient, Response
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.main import app
from app.models import (
    FeatureFlag,
    FlagOverride,
    Invitation,
    Membership,
    Organization,
    Role,
    User,
)
from app.models.base import utcnow
from app.services import invitations
from tests.conftest import HeadersFactory

Org = tuple[Organization, dict[str, User]]

# How many times each race is run: one run may by chance not interleave.
ROUNDS = 3
ACCEPT = "/api/invitations/accept"


@pytest.fixture
async def other_client(client: AsyncClient) -> AsyncIterator[AsyncClient]:
    """A second client on the same app (and test settings) as `client`.

    Two health checks at once first open two pooled connections, so that neither racer
    is slowed down by connecting while the other one runs.
    """
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://testserver") as c:
        await asyncio.gather(client.get("/api/health"), c.get("/api/health"))
        yield c


async def both(*requests: Any) -> list[int]:
    """Send the requests at once; their status codes, sorted."""
    responses: list[Response] = await asyncio.gather(*requests)
    return sorted(response.status_code for response in responses)


async def two_owner_org(
    make_user: Callable[..., Any], make_org: Callable[..., Any], n: int
) -> tuple[Organization, User, User]:
    first, second = await make_user(f"owner_a{n}"), await make_user(f"owner_b{n}")
    org = await make_org(first, name=f"Race{n}", members={second: Role.OWNER})
    return org, first, second


async def owners(session: AsyncSession, org: Organization) -> int:
    count = await session.scalar(
        select(func.count())
        .select_from(Membership)
        .where(Membership.organization_id == org.id, Membership.role == Role.OWNER)
    )
    return count or 0


async def test_two_owners_leaving_at_once_leave_one_owner(
    client: AsyncClient,
    other_client: AsyncClient,
    auth_headers: HeadersFactory,
    make_user: Callable[..., Any],
    make_org: Callable[..., Any],
    session: AsyncSession,
) -> None:
    for n in range(ROUNDS):
        org, first, second = await two_owner_org(make_user, make_org, n)
        url = f"/api/orgs/{org.id}/members"
        statuses = await both(
            client.delete(f"{url}/{first.id}", headers=auth_headers(first.auth_subject)),
            other_client.delete(f"{url}/{second.id}", headers=auth_headers(second.auth_subject)),
        )
        assert statuses == [204, 409]
        assert await owners(session, org) == 1


async def test_two_owners_stepping_down_at_once_leave_one_owner(
    client: AsyncClient,
    other_client: AsyncClient,
    auth_headers: HeadersFactory,
    make_user: Callable[..., Any],
    make_org: Callable[..., Any],
    session: AsyncSession,
) -> None:
    for n in range(ROUNDS):
        org, first, second = await two_owner_org(make_user, make_org, n)
        url = f"/api/orgs/{org.id}/members"
        statuses = await both(
            client.patch(
                f"{url}/{first.id}",
                headers=auth_headers(first.auth_subject),
                json={"role": "admin"},
            ),
            other_client.patch(
                f"{url}/{second.id}",
                headers=auth_headers(second.auth_subject),
                json={"role": "member"},
            ),
        )
        assert statuses == [200, 409]
        assert await owners(session, org) == 1


async def test_an_owner_demoting_the_other_while_it_leaves_keeps_one_owner(
    client: AsyncClient,
    other_client: AsyncClient,
    auth_headers: HeadersFactory,
    make_user: Callable[..., Any],
    make_org: Callable[..., Any],
    session: AsyncSession,
) -> None:
    for n in range(ROUNDS):
        org, first, second = await two_owner_org(make_user, make_org, n)
        url = f"/api/orgs/{org.id}/members"
        statuses = await both(
            client.patch(
                f"{url}/{second.id}",
                headers=auth_headers(first.auth_subject),
                json={"role": "admin"},
            ),
            other_client.delete(f"{url}/{first.id}", headers=auth_headers(first.auth_subject)),
        )
        assert 500 not in statuses
        assert await owners(session, org) == 1


async def test_creating_orgs_with_one_name_at_once_gives_distinct_slugs(
    client: AsyncClient, other_client: AsyncClient, auth_headers: HeadersFactory
) -> None:
    for n in range(ROUNDS):
        name = {"name": f"Same Name {n}"}
        responses = await asyncio.gather(
            client.post("/api/orgs", headers=auth_headers("racer_a"), json=name),
            other_client.post("/api/orgs", headers=auth_headers("racer_b"), json=name),
        )
        assert [r.status_code for r in responses] == [201, 201]
        slugs = {r.json()["slug"] for r in responses}
        assert len(slugs) == 2
        assert f"same-name-{n}" in slugs


async def test_accepting_one_invitation_twice_at_once_joins_once(
    client: AsyncClient,
    other_client: AsyncClient,
    auth_headers: HeadersFactory,
    org_with_members: Org,
    session: AsyncSession,
) -> None:
    org, _ = org_with_members
    org.plan = "business"  # room for every invitee (app/services/entitlements.py)
    await session.commit()
    for n in range(ROUNDS):
        invitee = f"invitee{n}"
        created = await client.post(
            f"/api/orgs/{org.id}/invitations",
            headers=auth_headers(),
            json={"email": f"{invitee}@example.com", "role": "member"},
        )
        body = {"token": created.json()["token"]}
        statuses = await both(
            client.post(ACCEPT, json=body, headers=auth_headers(invitee)),
            other_client.post(ACCEPT, json=body, headers=auth_headers(invitee)),
        )
        assert statuses == [200, 409]
    members = await session.scalar(
        select(func.count()).select_from(Membership).where(Membership.organization_id == org.id)
    )
    assert members == 3 + ROUNDS


async def test_accepting_two_invitations_to_one_org_at_once_joins_once(
    client: AsyncClient,
    other_client: AsyncClient,
    auth_headers: HeadersFactory,
    org_with_members: Org,
    session: AsyncSession,
) -> None:
    org, people = org_with_members
    for n in range(ROUNDS):
        # Two pending invitations for one address (an admin each, at the same moment).
        tokens = []
        for inviter in ("owner", "admin"):
            token = f"token-{n}-{inviter}"
            session.add(
                Invitation(
                    organization_id=org.id,
                    email=f"twice{n}@example.com",
                    role=Role.MEMBER,
                    token_hash=invitations.hash_token(token),
                    invited_by_id=people[inviter].id,
                    expires_at=utcnow() + timedelta(days=1),
                )
            )
            tokens.append(token)
        await session.commit()
        headers = auth_headers(f"twice{n}")
        statuses = await both(
            client.post(ACCEPT, json={"token": tokens[0]}, headers=headers),
            other_client.post(ACCEPT, json={"token": tokens[1]}, headers=headers),
        )
        assert statuses == [200, 409]


async def test_creating_one_flag_twice_at_once_succeeds_both_times(
    client: AsyncClient, other_client: AsyncClient, auth_headers: HeadersFactory
) -> None:
    admin = auth_headers("root", email="admin@example.com")
    await client.get("/api/users/me", headers=admin)  # the superuser exists before the race
    for n in range(ROUNDS):
        url = f"/api/admin/flags/race-{n}"
        statuses = await both(
            client.put(url, headers=admin, json={"enabled": True, "rollout_percentage": 10}),
            other_client.put(url, headers=admin, json={"enabled": True, "rollout_percentage": 10}),
        )
        assert statuses == [200, 200]
    listed = await client.get("/api/admin/flags", headers=admin)
    assert listed.status_code == 200
    keys = [flag["key"] for flag in listed.json()["items"]]
    assert keys == sorted(f"race-{n}" for n in range(ROUNDS))  # one flag per key


async def test_setting_one_override_twice_at_once_stores_one(
    client: AsyncClient,
    other_client: AsyncClient,
    auth_headers: HeadersFactory,
    user: User,
    session: AsyncSession,
) -> None:
    admin = auth_headers("root", email="admin@example.com")
    for n in range(ROUNDS):
        url = f"/api/admin/flags/override-race-{n}"
        await client.put(url, headers=admin, json={"enabled": False, "rollout_percentage": 0})
        body = {"user_id": str(user.id), "enabled": True}
        statuses = await both(
            client.put(f"{url}/overrides", headers=admin, json=body),
            other_client.put(f"{url}/overrides", headers=admin, json=body),
        )
        assert statuses == [200, 200]
    stored = await session.scalar(
        select(func.count())
        .select_from(FlagOverride)
        .join(FeatureFlag)
        .where(FlagOverride.user_id == user.id)
    )
    assert stored == ROUNDS
