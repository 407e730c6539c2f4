"""The organization's audit log, for its admins: /api/orgs/{org_id}/audit-log."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from app.api.deps import CurrentUser, SessionDep
from app.models.organization import Organization, Role
from app.schemas.audit import AuditEntry, AuditPage
from app.schemas.errors import AUTH_ERRORS, error_response, error_responses
from app.services import audit, entitlements
from app.services.organizations import require_role

router = APIRouter(tags=["audit"], responses=AUTH_ERRORS)


@router.get(
    "/orgs/{org_id}/audit-log",
    response_model=AuditPage,
    responses={
        **error_responses(403, 404),
        402: error_response("The plan has no audit log; the detail names the plan"),
    },
)
async def list_audit_log(
    org_id: uuid.UUID,
    user: CurrentUser,
    session: SessionDep,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    before: uuid.UUID | None = None,
) -> AuditPage:
    await require_role(session, org_id, user, Role.ADMIN)
    entitlements.require_audit_log(await session.get_one(Organization, org_id))
    entries, next_before = await audit.list_for_org(session, org_id, limit=limit, before=before)
    return AuditPage(
        items=[
            AuditEntry(
                id=entry.id,
                action=entry.action,
                actor_id=entry.actor_id,
                target=entry.target,
                metadata=entry.metadata_,
                created_at=entry.created_at,
            )
            for entry in entries
        ],
        next_before=next_before,
    )
