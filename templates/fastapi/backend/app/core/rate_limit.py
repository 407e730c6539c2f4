"""Rate limiting with the `limits` library (moving window), in two budgets.

- Per client IP, before anything else runs (`RateLimitMiddleware`): floods of invalid
  tokens and the public endpoints are limited too. Behind a reverse proxy the client IP
  comes from X-Forwarded-For, honoured only from TRUSTED_PROXIES (see app.main).
- Per user, once the token is verified (`check_rate_limit` in app.api.deps).

Counts live in RATE_LIMIT_STORAGE_URL: `memory://` counts per process; with several
workers or replicas use `redis://host:6379/0` so they share one count.
"""

import logging
import math
import time
from collections import deque
from collections.abc import Callable
from urllib.parse import urlsplit

from fastapi import HTTPException, status
from fastapi.responses import JSONResponse
from limits import RateLimitItem, parse
from limits.errors import StorageError
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter
from starlette.types import ASGIApp, Receive, Scope, Send

from app.core.config import settings

logger = logging.getLogger(__name__)

# Load balancers and orchestrators probe this from one address every few seconds: a
# limited health check would take a healthy instance out of service.
EXEMPT_PATHS = ("/api/health",)
DETAIL = "rate limit exceeded"


class LocalWindow:
    """memory://: a moving window per key, in this process's memory.

    Not `limits`' own memory storage: under steady load it starts a new timer thread every
    10 ms to expire entries, which cost about a quarter of a small request's CPU time.
    """

    # Keys idle for a whole window are dropped every this many hits.
    SWEEP_EVERY = 10_000

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self._hits: dict[str, deque[float]] = {}
        self._until_sweep = self.SWEEP_EVERY

    def hit(self, item: RateLimitItem, key: str) -> int | None:
        now = self.clock()
        window = item.get_expiry()
        hits = self._hits.setdefault(key, deque())
        while hits and hits[0] <= now - window:
            hits.popleft()
        if len(hits) >= item.amount:
            return max(1, math.ceil(hits[0] + window - now))
        hits.append(now)
        self._sweep(now - window)
        return None

    def _sweep(self, idle_since: float) -> None:
        self._until_sweep -= 1
        if self._until_sweep > 0:
            return
        self._until_sweep = self.SWEEP_EVERY
        for key in [key for key, hits in self._hits.items() if not hits or hits[-1] <= idle_since]:
            del self._hits[key]

    def reset(self) -> None:
        self._hits.clear()


class SharedWindow:
    """redis:// and the like: `limits`' moving window, in a storage every process shares."""

    def __init__(self, storage_url: str) -> None:
        # wrap_exceptions: a storage outage raises StorageError, whatever the backend.
        self.storage = storage_from_string(storage_url, wrap_exceptions=True)
        self._limiter = MovingWindowRateLimiter(self.storage)

    def hit(self, item: RateLimitItem, key: str) -> int | None:
        if self._limiter.hit(item, key):
            return None
        reset_at = self._limiter.get_window_stats(item, key).reset_time
        return max(1, math.ceil(reset_at - time.time()))

    def reset(self) -> None:
        self.storage.reset()


class RateLimiter:
    def __init__(self, limit: str, *, storage_url: str = "memory://", enabled: bool = True) -> None:
        self.enabled = enabled
        self.item: RateLimitItem = parse(limit)
        self.storage_url = storage_url
        local = urlsplit(storage_url).scheme == "memory"
        self.window = LocalWindow() if local else SharedWindow(storage_url)

    def configure(self, limit: str, *, enabled: bool = True) -> None:
        """Change the limit (and forget every count); tests use it to stay deterministic."""
        self.item = parse(limit)
        self.enabled = enabled
        self.reset()

    def reset(self) -> None:
        self.window.reset()

    def hit(self, key: str) -> int | None:
        """Count one request for `key`: None when allowed, else seconds to wait."""
        if not self.enabled:
            return None
        try:
            return self.window.hit(self.item, key)
        except StorageError:
            # Fail open: an unreachable Redis must not take the whole API down.
            logger.warning("rate limit storage unavailable", exc_info=True)
            return None


def _limiter(limit: str) -> RateLimiter:
    return RateLimiter(
        limit, storage_url=settings.rate_limit_storage_url, enabled=settings.rate_limit_enabled
    )


ip_limiter = _limiter(settings.rate_limit_per_ip)
user_limiter = _limiter(settings.rate_limit)


def check_rate_limit(key: str) -> None:
    """Count an authenticated request against its user's budget; 429 when spent."""
    retry_after = user_limiter.hit(key)
    if retry_after is not None:
        raise HTTPException(
            status_code=status.HTTP_429_TOO_MANY_REQUESTS,
            detail=DETAIL,
            headers={"Retry-After": str(retry_after)},
        )


def client_ip(scope: Scope) -> str:
    """The peer address; the proxy-headers middleware has already put the real client there."""
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


def is_limited(path: str) -> bool:
    return path.startswith("/api") and not any(
        path == exempt or path.startswith(f"{exempt}/") for exempt in EXEMPT_PATHS
    )


class RateLimitMiddleware:
    """Counts every /api request against its client IP before routing and authentication."""

    def __init__(self, app: ASGIApp, limiter: RateLimiter = ip_limiter) -> None:
        self.app = app
        self.limiter = limiter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and is_limited(str(scope["path"])):
            retry_after = self.limiter.hit(f"ip:{client_ip(scope)}")
            if retry_after is not None:
                response = JSONResponse(
                    {"detail": DETAIL}, status_code=429, headers={"Retry-After": str(retry_after)}
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
