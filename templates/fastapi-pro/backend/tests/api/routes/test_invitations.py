"""Invitations: created by admins, accepted by the invitee with the token, once."""

import hashlib
import json
import logging
import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Invitation, Membership, Organization, Role, User
from app.models.base import utcnow
from tests.conftest import HeadersFactory

# The token travels in the body: a path would carry it into access logs and Referers.
ACCEPT = "/api/invitations/accept"

Org = tuple[Organization, dict[str, User]]


async def invite(
    client: AsyncClient,
    headers: dict[str, str],
    org: Organization,
    email: str = "invitee@example.com",
    role: str = "member",
) -> Any:
    return await client.post(
        f"/api/orgs/{org.id}/invitations", headers=headers, json={"email": email, "role": role}
    )


async def test_admin_invites_and_the_token_is_shown_once(
    client: AsyncClient, auth_headers: HeadersFactory, org_with_members: Org
) -> None:
    org, _ = org_with_members
    created = await invite(client, auth_headers("user_admin"), org, email="Invitee@Example.com")
    assert created.status_code == 201
    body = created.json()
    assert body["email"] == "invitee@example.com"
    assert body["role"] == "member"
    assert body["status"] == "pending"
    assert len(body["token"]) >= 32
    listed = await client.get(f"/api/orgs/{org.id}/invitations", headers=auth_headers())
    assert [inv["id"] for inv in listed.json()["items"]] == [body["id"]]
    assert "token" not in listed.json()["items"][0]


async def test_only_the_tokens_hash_is_stored(
    client: AsyncClient,
    auth_headers: HeadersFactory,
    org_with_members: Org,
    session: AsyncSession,
) -> None:
    org, _ = org_with_members
    token = (await invite(client, auth_headers(), org)).json()["token"]
    stored = await session.scalar(select(Invitation.token_hash))
    assert stored == hashlib.sha256(token.encode()).hexdigest()


async def test_members_cannot_invite_or_list(
    client: AsyncClient, auth_headers: HeadersFactory, org_with_members: Org
) -> None:
    org, _ = org_with_members
    member = auth_headers("user_member")
    assert (await invite(client, member, org)).status_code == 403
    listed = await client.get(f"/api/orgs/{org.id}/invitations", headers=member)
    assert listed.status_code == 403


async def test_outsiders_cannot_invite(
    client: AsyncClient, auth_headers: HeadersFactory, org_with_members: Org
) -> None:
    org, _ = org_with_members
    assert (await invite(client, auth_headers("outsider"), org)).status_code == 404


async def test_inviting_a_member_conflicts(
    client: AsyncClient, auth_headers: HeadersFactory, org_with_members: Org
) -> None:
    org, _ = org_with_members
    response = await invite(client, auth_headers(), org, email="USER_MEMBER@example.com")
    assert response.status_code == 409
    assert response.json() == {"detail": "already a member"}


async def test_inviting_twice_conflicts(
    client: AsyncClient, auth_headers: HeadersFactory, org_with_members: Org
) -> None:
    org, _ = org_with_members
    assert (await invite(client, auth_headers(), org)).status_code == 201
    again = await invite(client, auth_headers(), org)
    assert again.status_code == 409
    assert again.json() == {"detail": "already invited"}


async def test_only_owners_invite_owners(
    client: AsyncClient, auth_headers: HeadersFactory, org_with_members: Org
) -> None:
    org, _ = org_with_members
    as_admin = await invite(client, auth_headers("user_admin"), org, role="owner")
    assert as_admin.status_code == 403
    as_owner = await invite(client, auth_headers(), org, role="owner")
    assert as_owner.status_code == 201


@pytest.mark.parametrize(
    "body",
    [
        {"email": "not-an-email"},
        {"email": "a@b"},
        {"role": "member"},
        {"email": "a@b.co", "role": "x"},
    ],
)
async def test_invalid_invitations_answer_422(
    client: AsyncClient,
    auth_headers: HeadersFactory,
    org_with_members: Org,
    body: dict[str, str],
) -> None:
    org, _ = org_with_members
    response = await client.post(
        f"/api/orgs/{org.id}/invitations", headers=auth_headers(), json=body
    )
    assert response.status_code == 422


async def test_invitee_accepts_and_joins_with_the_invited_role(
    client: AsyncClient, auth_headers: HeadersFactory, org_with_members: Org
) -> None:
    org, _ = org_with_members
    token = (await invite(client, auth_headers(), org, role="admin")).json()["token"]
    accepted = await client.post(ACCEPT, json={"token": token}, headers=auth_headers("invitee"))
    assert accepted.status_code == 200
    assert accepted.json()["role"] == "admin"
    assert accepted.json()["email"] == "invitee@example.com"
    orgs = await client.get("/api/orgs", headers=auth_headers("invitee"))
    assert [o["id"] for o in orgs.json()["items"]] == [str(org.id)]
    pending = await client.get(f"/api/orgs/{org.id}/invitations", headers=auth_headers())
    assert pending.json() == {"items": [], "next_cursor": None}
    reused = await client.post(ACCEPT, json={"token": token}, headers=auth_headers("invitee"))
    assert reused.status_code == 409
    assert reused.json() == {"detail": "invitation already accepted"}


async def test_unknown_token_answers_404(client: AsyncClient, auth_headers: HeadersFactory) -> None:
    response = await client.post(ACCEPT, json={"token": "nope"}, headers=auth_headers())
    assert response.status_code == 404


async def test_expired_invitation_answers_410_and_is_not_listed(
    client: AsyncClient,
    auth_headers: HeadersFactory,
    org_with_members: Org,
    session: AsyncSession,
) -> None:
    org, _ = org_with_members
    token = (await invite(client, auth_headers(), org)).json()["token"]
    await session.execute(update(Invitation).values(expires_at=utcnow() - timedelta(minutes=1)))
    await session.commit()
    response = await client.post(ACCEPT, json={"token": token}, headers=auth_headers("invitee"))
    assert response.status_code == 410
    listed = await client.get(f"/api/orgs/{org.id}/invitations", headers=auth_headers())
    assert listed.json() == {"items": [], "next_cursor": None}


async def test_revoked_invitation_answers_410(
    client: AsyncClient, auth_headers: HeadersFactory, org_with_members: Org
) -> None:
    org, _ = org_with_members
    created = (await invite(client, auth_headers(), org)).json()
    revoked = await client.delete(
        f"/api/orgs/{org.id}/invitations/{created['id']}", headers=auth_headers("user_admin")
    )
    assert revoked.status_code == 204
    response = await client.post(
        ACCEPT, json={"token": created["token"]}, headers=auth_headers("invitee")
    )
    assert response.status_code == 410


async def test_revoking_twice_conflicts_and_unknown_ids_answer_404(
    client: AsyncClient, auth_headers: HeadersFactory, org_with_members: Org
) -> None:
    org, _ = org_with_members
    created = (await invite(client, auth_headers(), org)).json()
    url = f"/api/orgs/{org.id}/invitations/{created['id']}"
    assert (await client.delete(url, headers=auth_headers())).status_code == 204
    assert (await client.delete(url, headers=auth_headers())).status_code == 409
    unknown = f"/api/orgs/{org.id}/invitations/{uuid.uuid4()}"
    assert (await client.delete(unknown, headers=auth_headers())).status_code == 404


async def test_an_invitation_cannot_be_revoked_through_another_org(
    client: AsyncClient,
    auth_headers: HeadersFactory,
    org_with_members: Org,
    make_org: Callable[..., Any],
) -> None:
    org, people = org_with_members
    created = (await invite(client, auth_headers(), org)).json()
    other = await make_org(people["admin"], name="Other")
    response = await client.delete(
        f"/api/orgs/{other.id}/invitations/{created['id']}", headers=auth_headers("user_admin")
    )
    assert response.status_code == 404


async def test_accepting_with_another_email_answers_403(
    client: AsyncClient, auth_headers: HeadersFactory, org_with_members: Org
) -> None:
    org, _ = org_with_members
    token = (await invite(client, auth_headers(), org)).json()["token"]
    response = await client.post(
        ACCEPT, json={"token": token}, headers=auth_headers("someone_else")
    )
    assert response.status_code == 403


async def test_accepting_while_already_a_member_conflicts(
    client: AsyncClient,
    auth_headers: HeadersFactory,
    org_with_members: Org,
    make_user: Callable[..., Any],
    session: AsyncSession,
) -> None:
    org, _ = org_with_members
    token = (await invite(client, auth_headers(), org)).json()["token"]
    invitee = await make_user("invitee")
    session.add(Membership(organization_id=org.id, user_id=invitee.id, role=Role.MEMBER))
    await session.commit()
    response = await client.post(ACCEPT, json={"token": token}, headers=auth_headers("invitee"))
    assert response.status_code == 409


async def test_the_token_reaches_neither_the_path_nor_the_access_log(
    client: AsyncClient,
    auth_headers: HeadersFactory,
    org_with_members: Org,
    caplog: pytest.LogCaptureFixture,
) -> None:
    org, _ = org_with_members
    token = (await invite(client, auth_headers(), org)).json()["token"]
    with caplog.at_level(logging.INFO):
        in_path = await client.post(f"/api/invitations/{token}/accept", headers=auth_headers())
        accepted = await client.post(ACCEPT, json={"token": token}, headers=auth_headers("invitee"))
    assert in_path.status_code == 404
    assert accepted.status_code == 200
    # The app's records (httpx's are the test client's own, which sent the token on purpose).
    app_records = [record for record in caplog.records if record.name != "httpx"]
    logged = [json.dumps(vars(record), default=str) for record in app_records]
    assert logged
    assert not [line for line in logged if token in line]
    paths = [record.__dict__.get("path") for record in app_records if record.name == "app.request"]
    assert {"unmatched", ACCEPT} <= set(paths)


@pytest.mark.parametrize(
    "body",
    [{}, {"token": ""}, {"token": "x" * 129}, {"token": "t", "role": "owner"}],
    ids=["missing", "empty", "too-long", "extra-field"],
)
async def test_a_malformed_accept_body_answers_422(
    client: AsyncClient, auth_headers: HeadersFactory, body: dict[str, str]
) -> None:
    response = await client.post(ACCEPT, json=body, headers=auth_headers())
    assert response.status_code == 422
