"""Organizations and memberships: creation, roles and the rules that guard them."""

import re
import secrets
import uuid

from fastapi import HTTPException, status
from pydantic import AwareDatetime, TypeAdapter
from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.models.organization import Membership, Organization, Role
from app.models.user import User
from app.services import audit
from app.services.pagination import Keyset, PageRequest, fetch_page

# Oldest first: organizations by creation, members by the time they joined.
_CREATED_AND_ID = TypeAdapter(tuple[AwareDatetime, uuid.UUID])
ORGS = Keyset("orgs", (Organization.created_at, Organization.id), _CREATED_AND_ID)
MEMBERS = Keyset("members", (Membership.created_at, Membership.id), _CREATED_AND_ID)


def not_found() -> HTTPException:
    # Outsiders get the same answer for an org that exists and one that does not.
    return HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="organization not found")


async def get_membership(
    session: AsyncSession, org_id: uuid.UUID, user_id: uuid.UUID
) -> Membership | None:
    rows = await session.scalars(
        select(Membership).where(
            Membership.organization_id == org_id, Membership.user_id == user_id
        )
    )
    return rows.first()


async def require_role(
    session: AsyncSession, org_id: uuid.UUID, user: User, minimum: Role
) -> Membership:
    """The caller's membership: 404 when not a member, 403 when the role is too low."""
    membership = await get_membership(session, org_id, user.id)
    if membership is None:
        raise not_found()
    if not Role(membership.role).at_least(minimum):
        raise HTTPException(
            status_code=status.HTTP_403_FORBIDDEN, detail=f"requires the {minimum} role"
        )
    return membership


def slugify(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60].strip("-")
    return slug or "org"


async def insert_with_free_slug(session: AsyncSession, name: str) -> Organization:
    """Insert the org under the name's slug, or the slug plus a random suffix when taken.

    INSERT ... ON CONFLICT DO NOTHING rather than "check, then insert": two requests
    creating "Acme" at once would both find `acme` free, and one would fail on the
    unique index. Here the second waits for the first and then takes a suffix.
    """
    base = slugify(name)
    slug = base
    while True:
        org_id = await session.scalar(
            insert(Organization)
            .values(id=uuid.uuid4(), name=name, slug=slug)
            .on_conflict_do_nothing(index_elements=[Organization.slug])
            .returning(Organization.id)
        )
        if org_id is not None:
            return await session.get_one(Organization, org_id)
        slug = f"{base}-{secrets.token_hex(3)}"


async def create(session: AsyncSession, owner: User, name: str) -> Organization:
    org = await insert_with_free_slug(session, name)
    session.add(Membership(organization_id=org.id, user_id=owner.id, role=Role.OWNER))
    await audit.record(
        session, action="org.created", actor_id=owner.id, organization_id=org.id, target=name
    )
    await session.commit()
    return org


async def list_for_user(
    session: AsyncSession, user: User, page: PageRequest
) -> tuple[list[tuple[Organization, str]], str | None]:
    """One page of the user's organizations with the user's role in each."""
    query = (
        select(Organization, Membership.role)
        .join(Membership, Membership.organization_id == Organization.id)
        .where(Membership.user_id == user.id)
    )
    rows, next_cursor = await fetch_page(session, query, ORGS, page)
    return [(org, role) for org, role in rows], next_cursor


async def list_members(
    session: AsyncSession, org_id: uuid.UUID, page: PageRequest
) -> tuple[list[tuple[Membership, User]], str | None]:
    """One page of the organization's memberships with their users."""
    query = (
        select(Membership, User)
        .join(User, User.id == Membership.user_id)
        .where(Membership.organization_id == org_id)
    )
    rows, next_cursor = await fetch_page(session, query, MEMBERS, page)
    return [(membership, member) for membership, member in rows], next_cursor


async def lock(session: AsyncSession, org_id: uuid.UUID) -> None:
    """Hold the organization's row lock until the transaction ends.

    Taken before reading memberships for a role change or a removal, so two of them on
    one organization run one after the other: the second counts the owners the first
    left. Without it, two owners leaving at once both see two owners and both go.
    FOR NO KEY UPDATE: it still lets others insert rows that reference the org.
    """
    await session.execute(
        select(Organization.id).where(Organization.id == org_id).with_for_update(key_share=True)
    )


async def count_owners(session: AsyncSession, org_id: uuid.UUID) -> int:
    count = await session.scalar(
        select(func.count())
        .select_from(Membership)
        .where(Membership.organization_id == org_id, Membership.role == Role.OWNER)
    )
    return count or 0


async def change_role(
    session: AsyncSession, actor: Membership, target: Membership, new_role: Role
) -> Membership:
    """Only an owner grants or removes `owner`; the last owner cannot be demoted.

    The caller took `lock` before reading `actor` and `target`.
    """
    current = Role(target.role)
    if Role.OWNER in (current, new_role) and Role(actor.role) != Role.OWNER:
        raise HTTPException(
            status_code=status.HTTP_403_FORBIDDEN, detail="only an owner can change owners"
        )
    demoting_owner = current == Role.OWNER and new_role != Role.OWNER
    if demoting_owner and await count_owners(session, target.organization_id) <= 1:
        raise HTTPException(
            status_code=status.HTTP_409_CONFLICT, detail="the last owner cannot be demoted"
        )
    if current != new_role:
        target.role = new_role
        await audit.record(
            session,
            action="member.role_changed",
            actor_id=actor.user_id,
            organization_id=target.organization_id,
            target=str(target.user_id),
            metadata={"from": current.value, "to": new_role.value},
        )
        await session.commit()
    return target


async def remove_member(session: AsyncSession, actor: Membership, target: Membership) -> None:
    """An admin removes others (only an owner removes an owner); anyone may leave.

    The caller took `lock` before reading `actor` and `target`.
    """
    is_self = actor.user_id == target.user_id
    if not is_self:
        if not Role(actor.role).at_least(Role.ADMIN):
            raise HTTPException(
                status_code=status.HTTP_403_FORBIDDEN, detail="requires the admin role"
            )
        if Role(target.role) == Role.OWNER and Role(actor.role) != Role.OWNER:
            raise HTTPException(
                status_code=status.HTTP_403_FORBIDDEN, detail="only an owner can remove owners"
            )
    if Role(target.role) == Role.OWNER and await count_owners(session, target.organization_id) <= 1:
        raise HTTPException(
            status_code=status.HTTP_409_CONFLICT, detail="the last owner cannot leave"
        )
    await session.delete(target)
    await audit.record(
        session,
        action="member.removed",
        actor_id=actor.user_id,
        organization_id=target.organization_id,
        target=str(target.user_id),
        metadata={"left": is_self},
    )
    await session.commit()
