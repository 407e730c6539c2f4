"""Plan entitlements: the limits the pricing page shows are the limits the API enforces.

A refusal is 402 Payment Required naming the plan that allows it (docs/api-contract.md).
"""

import asyncio
from collections.abc import Callable
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.plans import PLANS, plan_info
from app.models import Organization, Role, User
from tests.conftest import HeadersFactory

Org = tuple[Organization, dict[str, User]]


async def on_plan(session: AsyncSession, org: Organization, plan: str) -> Organization:
    org.plan = plan
    await session.commit()
    return org


async def invite(client: AsyncClient, headers: dict[str, str], org: Organization, n: int) -> Any:
    return await client.post(
        f"/api/orgs/{org.id}/invitations", headers=headers, json={"email": f"p{n}@example.com"}
    )


def test_the_pricing_page_states_the_limits_that_are_enforced() -> None:
    for plan in PLANS:
        shown = " ".join(plan.features)
        if plan.max_members is None:
            assert "Unlimited team members" in shown
        else:
            assert f"Up to {plan.max_members} team members" in shown
        assert ("Audit log" in plan.features) is plan.audit_log


def test_an_unknown_plan_id_gets_the_free_plans_entitlements() -> None:
    assert plan_info("retired-plan") is PLANS[0]


@pytest.mark.parametrize("plan", ["free", "pro"])
async def test_the_audit_log_needs_the_business_plan(
    client: AsyncClient,
    auth_headers: HeadersFactory,
    session: AsyncSession,
    org_with_members: Org,
    plan: str,
) -> None:
    org = await on_plan(session, org_with_members[0], plan)

    response = await client.get(f"/api/orgs/{org.id}/audit-log", headers=auth_headers())

    assert response.status_code == 402
    assert response.json() == {"detail": "the audit log requires the Business plan"}


async def test_a_business_org_reads_its_audit_log(
    client: AsyncClient, auth_headers: HeadersFactory, session: AsyncSession, org_with_members: Org
) -> None:
    org = await on_plan(session, org_with_members[0], "business")

    response = await client.get(f"/api/orgs/{org.id}/audit-log", headers=auth_headers())

    assert response.status_code == 200


async def test_a_member_still_gets_403_before_the_plan_is_considered(
    client: AsyncClient, auth_headers: HeadersFactory, org_with_members: Org
) -> None:
    response = await client.get(
        f"/api/orgs/{org_with_members[0].id}/audit-log", headers=auth_headers("user_member")
    )

    assert response.status_code == 403


@pytest.mark.parametrize(("plan", "needed"), [("free", "Pro"), ("pro", "Business")])
async def test_invitations_stop_at_the_plans_member_limit(
    client: AsyncClient,
    auth_headers: HeadersFactory,
    session: AsyncSession,
    org_with_members: Org,
    plan: str,
    needed: str,
) -> None:
    org = await on_plan(session, org_with_members[0], plan)
    limit = plan_info(plan).max_members
    assert limit is not None
    # Three members already; pending invitations take seats too.
    for n in range(limit - 3):
        assert (await invite(client, auth_headers(), org, n)).status_code == 201

    response = await invite(client, auth_headers(), org, limit)

    assert response.status_code == 402
    assert response.json() == {"detail": f"more than {limit} members requires the {needed} plan"}


async def test_a_business_org_has_no_member_limit(
    client: AsyncClient, auth_headers: HeadersFactory, session: AsyncSession, org_with_members: Org
) -> None:
    org = await on_plan(session, org_with_members[0], "business")

    for n in range(12):
        assert (await invite(client, auth_headers(), org, n)).status_code == 201


async def test_concurrent_invitations_cannot_overshoot_the_limit(
    client: AsyncClient,
    auth_headers: HeadersFactory,
    user: User,
    make_user: Callable[..., Any],
    make_org: Callable[..., Any],
) -> None:
    # Free allows five: four members leave one seat for six concurrent invitations.
    others = [await make_user(f"member_{n}") for n in range(3)]
    org = await make_org(user, members=dict.fromkeys(others, Role.MEMBER))

    responses = await asyncio.gather(*(invite(client, auth_headers(), org, n) for n in range(6)))

    assert sorted(r.status_code for r in responses) == [201, 402, 402, 402, 402, 402]
