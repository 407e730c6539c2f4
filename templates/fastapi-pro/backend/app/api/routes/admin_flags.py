"""Feature-flag administration for superusers: /api/admin/flags.

Superusers are named by token subject (SUPERUSER_SUBJECTS), or by a verified e-mail in
SUPERUSER_EMAILS (app.services.users.is_superuser, enforced by the `Superuser` dependency).
"""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, status

from app.api.deps import SessionDep, Superuser
from app.models.organization import Organization
from app.models.user import User
from app.schemas.errors import AUTH_ERRORS, error_responses
from app.schemas.flag import Flag, FlagOverride, FlagPage, FlagUpsert
from app.services import flags
from app.services.pagination import PageQuery

router = APIRouter(
    prefix="/admin/flags", tags=["admin"], responses={**AUTH_ERRORS, **error_responses(403)}
)

FlagKey = Annotated[str, Path(pattern=flags.KEY_PATTERN)]


@router.get("", response_model=FlagPage)
async def list_flags(_: Superuser, session: SessionDep, page: PageQuery) -> FlagPage:
    """Every flag by key, one page at a time."""
    rows, next_cursor = await flags.page_flags(session, page)
    return FlagPage(items=[flags.to_public(flag) for flag in rows], next_cursor=next_cursor)


@router.put("/{key}", response_model=Flag)
async def upsert_flag(key: FlagKey, body: FlagUpsert, _: Superuser, session: SessionDep) -> Flag:
    return flags.to_public(await flags.upsert(session, key, body))


@router.put("/{key}/overrides", response_model=Flag, responses=error_responses(404))
async def set_flag_override(
    key: FlagKey, body: FlagOverride, _: Superuser, session: SessionDep
) -> Flag:
    flag = await flags.get_flag(session, key)
    if flag is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="flag not found")
    if body.user_id is not None and await session.get(User, body.user_id) is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="user not found")
    if body.org_id is not None and await session.get(Organization, body.org_id) is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="organization not found")
    updated = await flags.set_override(
        session, flag, user_id=body.user_id, org_id=body.org_id, enabled=body.enabled
    )
    return flags.to_public(updated)
