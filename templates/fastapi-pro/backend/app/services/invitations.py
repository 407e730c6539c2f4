"""Invitations: created by admins, accepted by the invitee with the e-mailed token."""

import hashlib
import secrets
import uuid
from datetime import datetime, timedelta

from fastapi import HTTPException, status
from pydantic import AwareDatetime, TypeAdapter
from sqlalchemy import Select, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.config import settings
from app.models.base import utcnow
from app.models.organization import Invitation, InvitationStatus, Membership, Role
from app.models.user import User
from app.services import audit
from app.services.pagination import Keyset, PageRequest, fetch_page

# Oldest first.
PENDING = Keyset(
    "invitations",
    (Invitation.created_at, Invitation.id),
    TypeAdapter(tuple[AwareDatetime, uuid.UUID]),
)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def effective_status(invitation: Invitation, now: datetime | None = None) -> InvitationStatus:
    """The stored status, or `expired` for a pending invitation past its expiry."""
    current = InvitationStatus(invitation.status)
    if current == InvitationStatus.PENDING and invitation.expires_at <= (now or utcnow()):
        return InvitationStatus.EXPIRED
    return current


def _error(code: int, detail: str) -> HTTPException:
    return HTTPException(status_code=code, detail=detail)


def pending_query(org_id: uuid.UUID) -> Select[tuple[Invitation]]:
    return select(Invitation).where(
        Invitation.organization_id == org_id,
        Invitation.status == InvitationStatus.PENDING,
        Invitation.expires_at > utcnow(),
    )


async def page_pending(
    session: AsyncSession, org_id: uuid.UUID, page: PageRequest
) -> tuple[list[Invitation], str | None]:
    """One page of the organization's pending, unexpired invitations."""
    rows, next_cursor = await fetch_page(session, pending_query(org_id), PENDING, page)
    return [invitation for (invitation,) in rows], next_cursor


async def create(
    session: AsyncSession, actor: Membership, email: str, role: Role
) -> tuple[Invitation, str]:
    """A pending invitation and its token (returned once, stored only as a hash)."""
    org_id = actor.organization_id
    if role == Role.OWNER and Role(actor.role) != Role.OWNER:
        raise _error(status.HTTP_403_FORBIDDEN, "only an owner can invite owners")
    member = await session.scalar(
        select(Membership.id)
        .join(User, User.id == Membership.user_id)
        .where(
            Membership.organization_id == org_id,
            func.lower(User.email) == email,
            User.email_verified.is_(True),  # an unverified claim to the address blocks nothing
        )
    )
    if member is not None:
        raise _error(status.HTTP_409_CONFLICT, "already a member")
    pending = await session.scalar(pending_query(org_id).where(Invitation.email == email))
    if pending is not None:
        raise _error(status.HTTP_409_CONFLICT, "already invited")
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        organization_id=org_id,
        email=email,
        role=role,
        token_hash=hash_token(token),
        status=InvitationStatus.PENDING,
        invited_by_id=actor.user_id,
        expires_at=utcnow() + timedelta(days=settings.invitation_ttl_days),
    )
    session.add(invitation)
    await audit.record(
        session,
        action="invitation.created",
        actor_id=actor.user_id,
        organization_id=org_id,
        target=email,
        metadata={"role": role.value},
    )
    await session.commit()
    return invitation, token


async def revoke(session: AsyncSession, actor: Membership, invitation_id: uuid.UUID) -> None:
    invitation = await session.get(Invitation, invitation_id)
    if invitation is None or invitation.organization_id != actor.organization_id:
        raise _error(status.HTTP_404_NOT_FOUND, "invitation not found")
    if invitation.status != InvitationStatus.PENDING:
        raise _error(status.HTTP_409_CONFLICT, "invitation is no longer pending")
    invitation.status = InvitationStatus.REVOKED
    await audit.record(
        session,
        action="invitation.revoked",
        actor_id=actor.user_id,
        organization_id=invitation.organization_id,
        target=invitation.email,
    )
    await session.commit()


async def accept(session: AsyncSession, user: User, token: str) -> Membership:
    """Join with the invited role, once: 409 when already used or already a member.

    The invitation's row is locked (FOR UPDATE) until the commit, so of two accepts at
    once the second sees it accepted; the membership insert skips a row that a
    concurrent request added, so neither answers with a unique-constraint error.
    """
    invitation = await session.scalar(
        select(Invitation).where(Invitation.token_hash == hash_token(token)).with_for_update()
    )
    if invitation is None:
        raise _error(status.HTTP_404_NOT_FOUND, "invitation not found")
    if invitation.status == InvitationStatus.ACCEPTED:
        raise _error(status.HTTP_409_CONFLICT, "invitation already accepted")
    if effective_status(invitation) != InvitationStatus.PENDING:
        raise _error(status.HTTP_410_GONE, "invitation expired or revoked")
    if user.email is None or user.email.lower() != invitation.email:
        raise _error(status.HTTP_403_FORBIDDEN, "invitation was sent to another e-mail address")
    # Only a provider-verified address proves the invitee received the invitation.
    if not user.email_verified:
        raise _error(status.HTTP_403_FORBIDDEN, "verify your e-mail address to accept invitations")
    existing = await session.scalar(
        select(Membership.id).where(
            Membership.organization_id == invitation.organization_id,
            Membership.user_id == user.id,
        )
    )
    if existing is not None:
        raise _error(status.HTTP_409_CONFLICT, "already a member")
    membership_id = await session.scalar(
        insert(Membership)
        .values(
            id=uuid.uuid4(),
            organization_id=invitation.organization_id,
            user_id=user.id,
            role=invitation.role,
        )
        .on_conflict_do_nothing(index_elements=[Membership.organization_id, Membership.user_id])
        .returning(Membership.id)
    )
    if membership_id is None:  # joined through another invitation a moment ago
        raise _error(status.HTTP_409_CONFLICT, "already a member")
    membership = await session.get_one(Membership, membership_id)
    invitation.status = InvitationStatus.ACCEPTED
    invitation.accepted_at = utcnow()
    await audit.record(
        session,
        action="invitation.accepted",
        actor_id=user.id,
        organization_id=invitation.organization_id,
        target=invitation.email,
        metadata={"role": invitation.role},
    )
    await session.commit()
    return membership
