"""Recording and reading the audit log."""

import uuid
from typing import Any

from sqlalchemy import and_, exists, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models.audit import AuditLogEntry
from app.models.organization import Membership

# Actions recorded without an organization that org admins still see for their members,
# from the moment each member joined: what a member did before, or elsewhere, is private.
MEMBER_ACTIONS = ("user.signed_in",)


async def record(
    session: AsyncSession,
    *,
    action: str,
    actor_id: uuid.UUID | None,
    organization_id: uuid.UUID | None,
    target: str | None = None,
    metadata: dict[str, Any] | None = None,
) -> None:
    """Add an entry to the session; it is written with the caller's commit."""
    session.add(
        AuditLogEntry(
            action=action,
            actor_id=actor_id,
            organization_id=organization_id,
            target=target,
            metadata_=metadata or {},
        )
    )


async def list_for_org(
    session: AsyncSession, org_id: uuid.UUID, *, limit: int, before: uuid.UUID | None
) -> tuple[list[AuditLogEntry], uuid.UUID | None]:
    """One page, newest first: the org's entries and its members' sign-ins since joining."""
    while_a_member = exists().where(
        Membership.organization_id == org_id,
        Membership.user_id == AuditLogEntry.actor_id,
        Membership.created_at <= AuditLogEntry.created_at,
    )
    query = select(AuditLogEntry).where(
        or_(
            AuditLogEntry.organization_id == org_id,
            and_(
                AuditLogEntry.organization_id.is_(None),
                AuditLogEntry.action.in_(MEMBER_ACTIONS),
                while_a_member,
            ),
        )
    )
    if before is not None:
        cursor = await session.get(AuditLogEntry, before)
        if cursor is None:
            return [], None
        query = query.where(
            or_(
                AuditLogEntry.created_at < cursor.created_at,
                and_(
                    AuditLogEntry.created_at == cursor.created_at,
                    AuditLogEntry.id < cursor.id,
                ),
            )
        )
    query = query.order_by(AuditLogEntry.created_at.desc(), AuditLogEntry.id.desc())
    rows = list((await session.scalars(query.limit(limit + 1))).all())
    next_before = rows[limit - 1].id if len(rows) > limit else None
    return rows[:limit], next_before
