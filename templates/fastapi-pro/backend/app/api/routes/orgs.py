"""Organizations and their members: /api/orgs."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Response, status

from app.api.deps import CurrentUser, SessionDep
from app.models.organization import Membership, Organization, Role
from app.models.user import User
from app.schemas import organization as schemas
from app.schemas.errors import AUTH_ERRORS, error_response, error_responses
from app.services import audit, organizations
from app.services.organizations import require_role
from app.services.pagination import PageQuery
from app.services.subscriptions import SubscriptionCanceller, subscription_canceller

router = APIRouter(prefix="/orgs", tags=["orgs"], responses=AUTH_ERRORS)


def org_public(org: Organization, role: str) -> schemas.Organization:
    return schemas.Organization.model_validate(
        {
            "id": org.id,
            "name": org.name,
            "slug": org.slug,
            "plan": org.plan,
            "subscription_status": org.subscription_status,
            "role": role,
            "created_at": org.created_at,
        }
    )


def member_public(membership: Membership, user: User) -> schemas.Member:
    return schemas.Member(
        user_id=user.id,
        email=user.email,
        name=user.name,
        role=Role(membership.role),
        joined_at=membership.created_at,
    )


async def load_org(session: SessionDep, org_id: uuid.UUID) -> Organization:
    org = await session.get(Organization, org_id)
    if org is None:
        raise organizations.not_found()
    return org


@router.get("", response_model=schemas.OrganizationPage)
async def list_orgs(
    user: CurrentUser, session: SessionDep, page: PageQuery
) -> schemas.OrganizationPage:
    """The caller's organizations, oldest first, one page at a time."""
    rows, next_cursor = await organizations.list_for_user(session, user, page)
    return schemas.OrganizationPage(
        items=[org_public(org, role) for org, role in rows], next_cursor=next_cursor
    )


@router.post("", response_model=schemas.Organization, status_code=status.HTTP_201_CREATED)
async def create_org(
    body: schemas.OrganizationCreate, user: CurrentUser, session: SessionDep
) -> schemas.Organization:
    org = await organizations.create(session, user, body.name)
    return org_public(org, Role.OWNER)


@router.get("/{org_id}", response_model=schemas.Organization, responses=error_responses(404))
async def get_org(
    org_id: uuid.UUID, user: CurrentUser, session: SessionDep
) -> schemas.Organization:
    membership = await require_role(session, org_id, user, Role.MEMBER)
    return org_public(await load_org(session, org_id), membership.role)


@router.patch("/{org_id}", response_model=schemas.Organization, responses=error_responses(403, 404))
async def update_org(
    org_id: uuid.UUID, body: schemas.OrganizationUpdate, user: CurrentUser, session: SessionDep
) -> schemas.Organization:
    membership = await require_role(session, org_id, user, Role.ADMIN)
    org = await load_org(session, org_id)
    previous, org.name = org.name, body.name
    await audit.record(
        session,
        action="org.updated",
        actor_id=user.id,
        organization_id=org.id,
        target=body.name,
        metadata={"previous_name": previous},
    )
    await session.commit()
    return org_public(org, membership.role)


@router.delete(
    "/{org_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={
        **error_responses(403, 404),
        502: error_response("A live subscription could not be cancelled; nothing deleted"),
    },
)
async def delete_org(
    org_id: uuid.UUID,
    user: CurrentUser,
    session: SessionDep,
    canceller: Annotated[SubscriptionCanceller, Depends(subscription_canceller)],
) -> Response:
    """Delete the organization; its live subscription is cancelled at the provider first."""
    await require_role(session, org_id, user, Role.OWNER)
    org = await load_org(session, org_id)
    await canceller.cancel_all(session, [org])
    await session.delete(org)
    await session.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/{org_id}/members", response_model=schemas.MemberPage, responses=error_responses(404))
async def list_members(
    org_id: uuid.UUID, user: CurrentUser, session: SessionDep, page: PageQuery
) -> schemas.MemberPage:
    """The organization's members in the order they joined, one page at a time."""
    await require_role(session, org_id, user, Role.MEMBER)
    rows, next_cursor = await organizations.list_members(session, org_id, page)
    return schemas.MemberPage(
        items=[member_public(membership, member) for membership, member in rows],
        next_cursor=next_cursor,
    )


async def get_target(session: SessionDep, org_id: uuid.UUID, user_id: uuid.UUID) -> Membership:
    target = await organizations.get_membership(session, org_id, user_id)
    if target is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="member not found")
    return target


@router.patch(
    "/{org_id}/members/{user_id}",
    response_model=schemas.Member,
    responses=error_responses(403, 404, 409),
)
async def update_member(
    org_id: uuid.UUID,
    user_id: uuid.UUID,
    body: schemas.MemberUpdate,
    user: CurrentUser,
    session: SessionDep,
) -> schemas.Member:
    # Locked first, so the memberships read below stay current until the commit.
    await organizations.lock(session, org_id)
    actor = await require_role(session, org_id, user, Role.ADMIN)
    target = await get_target(session, org_id, user_id)
    updated = await organizations.change_role(session, actor, target, body.role)
    return member_public(updated, await session.get_one(User, user_id))


@router.delete(
    "/{org_id}/members/{user_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(403, 404, 409),
)
async def remove_member(
    org_id: uuid.UUID, user_id: uuid.UUID, user: CurrentUser, session: SessionDep
) -> Response:
    await organizations.lock(session, org_id)
    actor = await require_role(session, org_id, user, Role.MEMBER)
    target = await get_target(session, org_id, user_id)
    await organizations.remove_member(session, actor, target)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
