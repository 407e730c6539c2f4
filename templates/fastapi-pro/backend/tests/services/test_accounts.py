"""Pro account rules: sign-ins are audited; deleting an account deletes sole-owned orgs."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import AuditLogEntry, Membership, Organization, Role, User
from app.models.base import utcnow
from app.services import users


async def sign_ins(session: AsyncSession, user: User) -> int:
    rows = await session.scalars(
        select(AuditLogEntry).where(
            AuditLogEntry.action == "user.signed_in", AuditLogEntry.actor_id == user.id
        )
    )
    return len(rows.all())


async def test_first_sight_and_each_new_session_are_audited(session: AsyncSession) -> None:
    user = await users.sync_from_claims(session, {"sub": "new"})
    assert await sign_ins(session, user) == 1
    user.last_seen_at = utcnow() - timedelta(minutes=5)
    await session.commit()
    await users.sync_from_claims(session, {"sub": "new"})
    assert await sign_ins(session, user) == 1
    user.last_seen_at = utcnow() - timedelta(minutes=31)
    await session.commit()
    await users.sync_from_claims(session, {"sub": "new"})
    assert await sign_ins(session, user) == 2


async def test_deleting_an_account_deletes_only_sole_owned_orgs(
    session: AsyncSession,
    user: User,
    make_user: Callable[..., Any],
    make_org: Callable[..., Any],
) -> None:
    partner = await make_user("partner")
    alone = await make_org(user, name="Alone")
    shared = await make_org(user, name="Shared", members={partner: Role.OWNER})
    joined = await make_org(partner, name="Joined", members={user: Role.MEMBER})
    await users.delete_account(session, user)
    remaining = set((await session.scalars(select(Organization.id))).all())
    assert remaining == {shared.id, joined.id}
    assert alone.id not in remaining
    members = (await session.scalars(select(Membership.user_id))).all()
    assert set(members) == {partner.id}
