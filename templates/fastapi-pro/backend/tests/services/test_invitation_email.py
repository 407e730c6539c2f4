"""Accepting an invitation needs the invited address, verified by the auth provider."""

import pytest
from fastapi import HTTPException
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Membership, Organization, Role, User
from app.services import invitations, users

Org = tuple[Organization, dict[str, User]]


async def invite(session: AsyncSession, org: Organization, owner: User, email: str) -> str:
    actor = await session.scalar(
        select(Membership).where(
            Membership.organization_id == org.id, Membership.user_id == owner.id
        )
    )
    assert actor is not None
    _, token = await invitations.create(session, actor, email, Role.MEMBER)
    return token


async def sign_in(session: AsyncSession, sub: str, email: str, verified: bool) -> User:
    """The user as the API creates it from a token's claims."""
    claims = {"sub": sub, "email": email, "email_verified": verified}
    return await users.sync_from_claims(session, claims)


async def test_unverified_email_cannot_accept_an_invitation_addressed_to_it(
    session: AsyncSession, org_with_members: Org
) -> None:
    org, people = org_with_members
    token = await invite(session, org, people["owner"], "invitee@example.com")
    impostor = await sign_in(session, "impostor", "invitee@example.com", verified=False)
    with pytest.raises(HTTPException) as error:
        await invitations.accept(session, impostor, token)
    assert error.value.status_code == 403
    assert "verify" in str(error.value.detail)


async def test_verified_email_accepts_the_invitation(
    session: AsyncSession, org_with_members: Org
) -> None:
    org, people = org_with_members
    token = await invite(session, org, people["owner"], "invitee@example.com")
    invitee = await sign_in(session, "invitee", "Invitee@Example.com", verified=True)
    membership = await invitations.accept(session, invitee, token)
    assert (membership.user_id, membership.role) == (invitee.id, Role.MEMBER)


async def test_a_members_unverified_claim_to_an_address_does_not_block_inviting_it(
    session: AsyncSession, org_with_members: Org
) -> None:
    org, people = org_with_members
    squatter = await sign_in(session, "squatter", "invitee@example.com", verified=False)
    session.add(Membership(organization_id=org.id, user_id=squatter.id, role=Role.MEMBER))
    await session.commit()
    token = await invite(session, org, people["owner"], "invitee@example.com")
    invitee = await sign_in(session, "invitee", "invitee@example.com", verified=True)
    assert (await invitations.accept(session, invitee, token)).user_id == invitee.id
