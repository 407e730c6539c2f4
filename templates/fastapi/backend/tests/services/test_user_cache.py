"""The per-process user cache: what makes an entry usable, and when it is dropped."""

import time
import uuid

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.auth import Profile
from app.models import User
from app.services.user_cache import UserCache

PROFILE = Profile(email="ada@example.com", email_verified=True, name=None, avatar_url=None)
# A token expiry (`exp`, seconds since the epoch) an hour away.
EXP = int(time.time()) + 3600


async def test_a_hit_is_the_sessions_own_copy(session: AsyncSession, user: User) -> None:
    cache = UserCache(60)
    cache.put(user, EXP, PROFILE)
    found = await cache.get(session, user.auth_subject, EXP, PROFILE)
    assert found is not None
    assert found.id == user.id
    assert found in session


@pytest.mark.parametrize(
    ("expiry", "profile"),
    [
        (EXP + 1, PROFILE),
        (EXP, Profile("b@example.com", email_verified=True, name=None, avatar_url=None)),
    ],
)
async def test_another_token_or_profile_misses(
    session: AsyncSession, user: User, expiry: int, profile: Profile
) -> None:
    cache = UserCache(60)
    cache.put(user, EXP, PROFILE)
    assert await cache.get(session, user.auth_subject, expiry, profile) is None


async def test_an_entry_expires_with_its_token(session: AsyncSession, user: User) -> None:
    cache = UserCache(60)
    cache.put(user, time.time() - 1, PROFILE)
    assert await cache.get(session, user.auth_subject, time.time() - 1, PROFILE) is None


async def test_zero_seconds_turns_the_cache_off(session: AsyncSession, user: User) -> None:
    cache = UserCache(0)
    cache.put(user, EXP, PROFILE)
    assert await cache.get(session, user.auth_subject, EXP, PROFILE) is None


async def test_the_oldest_entry_goes_first(session: AsyncSession) -> None:
    cache = UserCache(60, max_entries=1)
    old, new = (User(id=uuid.uuid4(), auth_subject=subject) for subject in ("old", "new"))
    cache.put(old, EXP, PROFILE)
    cache.put(new, EXP, PROFILE)
    assert await cache.get(session, "old", EXP, PROFILE) is None
    assert await cache.get(session, "new", EXP, PROFILE) is not None


async def test_forget_drops_the_entry(session: AsyncSession, user: User) -> None:
    cache = UserCache(60)
    cache.put(user, EXP, PROFILE)
    cache.forget(user.auth_subject)
    assert await cache.get(session, user.auth_subject, EXP, PROFILE) is None
