"""The caller's feature flags, evaluated server-side: /api/flags."""

import uuid

from fastapi import APIRouter

from app.api.deps import CurrentUser, SessionDep
from app.models.organization import Role
from app.schemas.errors import AUTH_ERRORS, error_responses
from app.schemas.flag import FlagValues
from app.services import flags
from app.services.organizations import require_role

router = APIRouter(prefix="/flags", tags=["flags"], responses=AUTH_ERRORS)


@router.get("", response_model=FlagValues, responses=error_responses(404))
async def get_flags(
    user: CurrentUser, session: SessionDep, org_id: uuid.UUID | None = None
) -> FlagValues:
    if org_id is not None:
        await require_role(session, org_id, user, Role.MEMBER)
    return FlagValues(flags=await flags.evaluate_all(session, user.id, org_id))
