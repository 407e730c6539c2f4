"""Rate limiting with the `limits` library (moving window, in-memory storage).

In-memory storage counts per process: with several workers or hosts, point `limits` at
Redis (`RedisStorage`) so they share one count.
"""

import math
import time

from fastapi import HTTPException, Request, status
from limits import RateLimitItem, parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

from app.core.config import settings


class RateLimiter:
    def __init__(self, limit: str, *, enabled: bool = True) -> None:
        self.enabled = enabled
        self.item: RateLimitItem = parse(limit)
        self._storage = MemoryStorage()
        self._limiter = MovingWindowRateLimiter(self._storage)

    def configure(self, limit: str, *, enabled: bool = True) -> None:
        """Change the limit (and forget every count); tests use it to stay deterministic."""
        self.item = parse(limit)
        self.enabled = enabled
        self.reset()

    def reset(self) -> None:
        self._storage.reset()

    def hit(self, key: str) -> int | None:
        """Count one request for `key`: None when allowed, else seconds to wait."""
        if not self.enabled or self._limiter.hit(self.item, key):
            return None
        reset_at = self._limiter.get_window_stats(self.item, key).reset_time
        return max(1, math.ceil(reset_at - time.time()))


limiter = RateLimiter(settings.rate_limit, enabled=settings.rate_limit_enabled)


def check_rate_limit(key: str) -> None:
    retry_after = limiter.hit(key)
    if retry_after is not None:
        raise HTTPException(
            status_code=status.HTTP_429_TOO_MANY_REQUESTS,
            detail="rate limit exceeded",
            headers={"Retry-After": str(retry_after)},
        )


def client_ip(request: Request) -> str:
    # Behind a proxy, run uvicorn with --proxy-headers so this is the real client.
    return request.client.host if request.client else "unknown"
