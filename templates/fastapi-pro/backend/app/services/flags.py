"""Feature-flag evaluation and administration.

Evaluation order: a user override wins, then an org override, then `enabled` and the
percentage rollout. A user is in the rollout when sha256("<key>:<user_id>"), its first
four bytes read as a big-endian integer, modulo 100, is below `rollout_percentage`:
stable per user and flag, the same in every process.
"""

import hashlib
import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models.feature_flag import FeatureFlag, FlagOverride
from app.schemas import flag as schemas


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


async def evaluate_all(
    session: AsyncSession, user_id: uuid.UUID, org_id: uuid.UUID | None
) -> dict[str, bool]:
    return {flag.key: evaluate(flag, user_id, org_id) for flag in await list_flags(session)}


async def get_flag(session: AsyncSession, key: str) -> FeatureFlag | None:
    return (await session.scalars(select(FeatureFlag).where(FeatureFlag.key == key))).first()


async def upsert(session: AsyncSession, key: str, body: schemas.FlagUpsert) -> FeatureFlag:
    flag = await get_flag(session, key)
    if flag is None:
        flag = FeatureFlag(key=key, overrides=[])
        session.add(flag)
    if body.description is not None:
        flag.description = body.description
    flag.enabled = body.enabled
    flag.rollout_percentage = body.rollout_percentage
    await session.commit()
    return flag


async def set_override(
    session: AsyncSession,
    flag: FeatureFlag,
    *,
    user_id: uuid.UUID | None,
    org_id: uuid.UUID | None,
    enabled: bool | None,
) -> FeatureFlag:
    """Create, change or (with `enabled=None`) remove one override."""
    existing = next(
        (
            override
            for override in flag.overrides
            if (user_id is not None and override.user_id == user_id)
            or (org_id is not None and override.organization_id == org_id)
        ),
        None,
    )
    if enabled is None:
        if existing is not None:
            flag.overrides.remove(existing)
    elif existing is not None:
        existing.enabled = enabled
    else:
        flag.overrides.append(
            FlagOverride(user_id=user_id, organization_id=org_id, enabled=enabled)
        )
    await session.commit()
    return flag


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
