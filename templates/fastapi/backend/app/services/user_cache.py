"""Who a token belongs to, remembered for a few seconds in each process.

"Which user is this token" runs on every authenticated request. Without this cache each
one reads the user row (and takes a pooled connection to do it); a hit needs no database
at all: the remembered row is merged into the request's session without a query.

An entry is found by the token's subject and expiry (`exp`) and used only while the token
also carries the same profile claims: a new token, or one whose e-mail, name or picture
changed, goes to the database (app.services.users.sync_from_claims) so a changed claim is
written. An entry lives at most USER_CACHE_SECONDS and never past its token's expiry.
Writes to the user in this process (PATCH or DELETE /api/users/me, a subscription change)
forget it at once; other worker processes keep their copy until it expires, so keep the
setting short. USER_CACHE_SECONDS=0 turns the cache off.

When an entry expires, every request in flight for that user misses at once: `refilling`
lets the first one read (and maybe write) the row while the others wait for its entry,
so a busy user costs one query per expiry, not one per concurrent request (and never a
queue of identical `last_seen_at` updates waiting on the row's lock).
"""

import asyncio
import time
from collections import OrderedDict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from weakref import WeakValueDictionary

from sqlalchemy import inspect
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import make_transient_to_detached

from app.core.auth import Profile
from app.core.config import settings
from app.models.user import User

# Enough for every user active within a few seconds on one worker; the oldest go first.
MAX_ENTRIES = 4096


@dataclass(frozen=True, slots=True)
class _Entry:
    token_expiry: object
    profile: Profile
    fresh_until: float
    row: User  # detached, never handed out itself (see UserCache.get)


def _detached_copy(user: User) -> User:
    """A copy of the loaded row, detached: merging it into a session needs no query."""
    values = {column.key: getattr(user, column.key) for column in inspect(User).column_attrs}
    copy = User(**values)
    make_transient_to_detached(copy)
    return copy


class UserCache:
    def __init__(self, ttl_seconds: float, *, max_entries: int = MAX_ENTRIES) -> None:
        self.ttl_seconds = ttl_seconds
        self.max_entries = max_entries
        self._entries: OrderedDict[str, _Entry] = OrderedDict()
        # A lock per subject being refilled; it goes away with its last holder or waiter.
        self._refills: WeakValueDictionary[str, asyncio.Lock] = WeakValueDictionary()

    async def get(
        self, session: AsyncSession, subject: str, token_expiry: object, profile: Profile
    ) -> User | None:
        """The remembered user, attached to `session` (its own copy), or None."""
        entry = self._entries.get(subject)
        if entry is None:
            return None
        if entry.fresh_until <= time.monotonic():
            self.forget(subject)
            return None
        if entry.token_expiry != token_expiry or entry.profile != profile:
            return None
        return await session.merge(entry.row, load=False)

    @asynccontextmanager
    async def refilling(self, subject: str) -> AsyncIterator[None]:
        """Held while the subject's row is read for the cache: one request at a time."""
        lock = self._refills.get(subject)
        if lock is None:
            lock = self._refills[subject] = asyncio.Lock()
        async with lock:
            yield

    def put(self, user: User, token_expiry: object, profile: Profile) -> None:
        if self.ttl_seconds <= 0:
            return
        fresh_until = time.monotonic() + self.ttl_seconds
        if isinstance(token_expiry, int | float):
            # time.monotonic() has no epoch: bound by the token's remaining lifetime.
            fresh_until = min(fresh_until, time.monotonic() + token_expiry - time.time())
        self._entries[user.auth_subject] = _Entry(
            token_expiry, profile, fresh_until, _detached_copy(user)
        )
        self._entries.move_to_end(user.auth_subject)
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)

    def forget(self, subject: str) -> None:
        """Drop the subject's entry: call it after writing their user row."""
        self._entries.pop(subject, None)

    def clear(self) -> None:
        self._entries.clear()


user_cache = UserCache(settings.user_cache_seconds)
