"""Invitations: /api/orgs/{org_id}/invitations and POST /api/invitations/accept."""

import uuid

from fastapi import APIRouter, Response, status

from app.api.deps import CurrentUser, SessionDep
from app.api.routes.orgs import member_public
from app.models.organization import Invitation, Role
from app.schemas import invitation as schemas
from app.schemas.errors import AUTH_ERRORS, error_response, error_responses
from app.schemas.organization import Member
from app.services import entitlements, invitations
from app.services.organizations import require_role
from app.services.pagination import PageQuery

router = APIRouter(tags=["invitations"], responses=AUTH_ERRORS)


def invitation_public(invitation: Invitation) -> schemas.Invitation:
    return schemas.Invitation(
        id=invitation.id,
        email=invitation.email,
        role=Role(invitation.role),
        status=invitations.effective_status(invitation),
        expires_at=invitation.expires_at,
        created_at=invitation.created_at,
    )


@router.get(
    "/orgs/{org_id}/invitations",
    response_model=schemas.InvitationPage,
    responses=error_responses(403, 404),
)
async def list_invitations(
    org_id: uuid.UUID, user: CurrentUser, session: SessionDep, page: PageQuery
) -> schemas.InvitationPage:
    """Pending invitations, oldest first, one page at a time."""
    await require_role(session, org_id, user, Role.ADMIN)
    rows, next_cursor = await invitations.page_pending(session, org_id, page)
    return schemas.InvitationPage(
        items=[invitation_public(inv) for inv in rows], next_cursor=next_cursor
    )


@router.post(
    "/orgs/{org_id}/invitations",
    response_model=schemas.InvitationCreated,
    status_code=status.HTTP_201_CREATED,
    responses={
        **error_responses(403, 404, 409),
        402: error_response("The plan's member limit is reached; the detail names the plan"),
    },
)
async def create_invitation(
    org_id: uuid.UUID, body: schemas.InvitationCreate, user: CurrentUser, session: SessionDep
) -> schemas.InvitationCreated:
    actor = await require_role(session, org_id, user, Role.ADMIN)
    await entitlements.require_member_seat(session, org_id)
    invitation, token = await invitations.create(session, actor, body.email, body.role)
    return schemas.InvitationCreated(**invitation_public(invitation).model_dump(), token=token)


@router.delete(
    "/orgs/{org_id}/invitations/{invitation_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(403, 404, 409),
)
async def revoke_invitation(
    org_id: uuid.UUID, invitation_id: uuid.UUID, user: CurrentUser, session: SessionDep
) -> Response:
    actor = await require_role(session, org_id, user, Role.ADMIN)
    await invitations.revoke(session, actor, invitation_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/invitations/accept",
    response_model=Member,
    responses=error_responses(403, 404, 409, 410),
)
async def accept_invitation(
    body: schemas.InvitationAccept, user: CurrentUser, session: SessionDep
) -> Member:
    """Join with the link's token, taken from the body: a path would carry it into logs."""
    membership = await invitations.accept(session, user, body.token)
    return member_public(membership, user)
