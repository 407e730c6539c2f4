"""Request metrics for Prometheus, labelled by route template (not raw path).

Ids must not become label values (one series each), and tokens must not be exported. The
method label is one of the standard methods or "other": some servers pass any method name on.
app.core.edge records each request once it is answered.
"""

from functools import lru_cache

from prometheus_client import CollectorRegistry, Counter, Histogram

registry = CollectorRegistry()
REQUESTS = Counter(
    "http_requests_total",
    "HTTP requests by method, route and status.",
    ["method", "route", "status"],
    registry=registry,
)
LATENCY = Histogram(
    "http_request_duration_seconds",
    "HTTP request duration by method and route.",
    ["method", "route"],
    registry=registry,
)
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


@lru_cache(maxsize=4096)
def _series(method: str, route: str, status: int) -> tuple[Counter, Histogram]:
    """The counter and histogram children of one label set (`labels()` per request is slow)."""
    return REQUESTS.labels(method, route, str(status)), LATENCY.labels(method, route)


def record_request(method: str, route: str, status: int, seconds: float) -> None:
    requests, latency = _series(method if method in METHODS else "other", route, status)
    requests.inc()
    latency.observe(seconds)
