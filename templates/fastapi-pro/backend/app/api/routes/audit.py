"""The organization's audit log, for its admins: /api/orgs/{org_id}/audit-log."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from app.api.deps import CurrentUser, SessionDep
from app.models.organization import Role
from app.schemas.audit import AuditEntry, AuditPage
from app.schemas.errors import AUTH_ERRORS, error_responses
from app.services import audit
from app.services.organizations import require_role

router = APIRouter(tags=["audit"], responses=AUTH_ERRORS)


@router.get(
    "/orgs/{org_id}/audit-log", response_model=AuditPage, responses=error_responses(403, 404)
)
async def list_audit_log(
    org_id: uuid.UUID,
    user: CurrentUser,
    session: SessionDep,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    before: uuid.UUID | None = None,
) -> AuditPage:
    await require_role(session, org_id, user, Role.ADMIN)
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
