"""Feature-flag evaluation and administration.

Evaluation order: a user override wins, then an org override, then `enabled` and the
percentage rollout. A user is in the rollout when sha256("<key>:<user_id>"), its first
four bytes read as a big-endian integer, modulo 100, is below `rollout_percentage`:
stable per user and flag, the same in every process.
"""

import hashlib
import uuid
from typing import Annotated, Any

from pydantic import StringConstraints, TypeAdapter
from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.models.base import utcnow
from app.models.feature_flag import FeatureFlag, FlagOverride
from app.schemas import flag as schemas
from app.services.pagination import Keyset, PageRequest, fetch_page

KEY_PATTERN = r"^[a-z0-9][a-z0-9_.-]{0,99}$"
# By key, which is unique.
FLAGS = Keyset(
    "flags",
    (FeatureFlag.key,),
    TypeAdapter(tuple[Annotated[str, StringConstraints(pattern=KEY_PATTERN)]]),
)


def bucket(key: str, user_id: uuid.UUID) -> int:
    digest = hashlib.sha256(f"{key}:{user_id}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % 100


def evaluate(flag: FeatureFlag, user_id: uuid.UUID, org_id: uuid.UUID | None) -> bool:
    for override in flag.overrides:
        if override.user_id == user_id:
            return override.enabled
    if org_id is not None:
        for override in flag.overrides:
            if override.organization_id == org_id:
                return override.enabled
    return flag.enabled and bucket(flag.key, user_id) < flag.rollout_percentage


async def list_flags(session: AsyncSession) -> list[FeatureFlag]:
    return list((await session.scalars(select(FeatureFlag).order_by(FeatureFlag.key))).all())


async def page_flags(
    session: AsyncSession, page: PageRequest
) -> tuple[list[FeatureFlag], str | None]:
    rows, next_cursor = await fetch_page(session, select(FeatureFlag), FLAGS, page)
    return [flag for (flag,) in rows], next_cursor


async def evaluate_all(
    session: AsyncSession, user_id: uuid.UUID, org_id: uuid.UUID | None
) -> dict[str, bool]:
    return {flag.key: evaluate(flag, user_id, org_id) for flag in await list_flags(session)}


async def get_flag(session: AsyncSession, key: str) -> FeatureFlag | None:
    return (await session.scalars(select(FeatureFlag).where(FeatureFlag.key == key))).first()


async def reload(session: AsyncSession, flag_id: uuid.UUID) -> FeatureFlag:
    """The flag and its overrides as stored now (statements below bypass the ORM)."""
    query = select(FeatureFlag).where(FeatureFlag.id == flag_id)
    return (await session.scalars(query.execution_options(populate_existing=True))).one()


async def upsert(session: AsyncSession, key: str, body: schemas.FlagUpsert) -> FeatureFlag:
    """Create or change the flag in one INSERT ... ON CONFLICT DO UPDATE.

    "Read, then insert if missing" lets two first PUTs of a key both insert, and one
    fails on the unique key; here both succeed, the last one's values win.
    """
    values: dict[str, Any] = {
        "enabled": body.enabled,
        "rollout_percentage": body.rollout_percentage,
    }
    if body.description is not None:
        values["description"] = body.description
    upserted = await session.execute(
        insert(FeatureFlag)
        .values(id=uuid.uuid4(), key=key, **values)
        .on_conflict_do_update(
            index_elements=[FeatureFlag.key], set_={**values, "updated_at": utcnow()}
        )
        .returning(FeatureFlag.id)
    )
    flag_id = upserted.scalar_one()
    await session.commit()
    return await reload(session, flag_id)


async def set_override(
    session: AsyncSession,
    flag: FeatureFlag,
    *,
    user_id: uuid.UUID | None,
    org_id: uuid.UUID | None,
    enabled: bool | None,
) -> FeatureFlag:
    """Create, change or (with `enabled=None`) remove one override.

    One statement each (INSERT ... ON CONFLICT DO UPDATE, DELETE), so two requests
    setting the same override at once both succeed and one row remains.
    """
    subject = FlagOverride.user_id if user_id is not None else FlagOverride.organization_id
    if enabled is None:
        await session.execute(
            delete(FlagOverride).where(
                FlagOverride.flag_id == flag.id, subject == (user_id or org_id)
            )
        )
    else:
        await session.execute(
            insert(FlagOverride)
            .values(
                id=uuid.uuid4(),
                flag_id=flag.id,
                user_id=user_id,
                organization_id=org_id,
                enabled=enabled,
            )
            .on_conflict_do_update(
                index_elements=[FlagOverride.flag_id, subject],
                set_={"enabled": enabled, "updated_at": utcnow()},
            )
        )
    await session.commit()
    return await reload(session, flag.id)


def to_public(flag: FeatureFlag) -> schemas.Flag:
    return schemas.Flag(
        key=flag.key,
        description=flag.description,
        enabled=flag.enabled,
        rollout_percentage=flag.rollout_percentage,
        user_overrides={str(o.user_id): o.enabled for o in flag.overrides if o.user_id},
        org_overrides={
            str(o.organization_id): o.enabled for o in flag.overrides if o.organization_id
        },
    )
