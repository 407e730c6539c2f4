"""Request metrics for Prometheus, labelled by route template (not raw path).

Ids must not become label values (one series each), and tokens must not be exported.
"""

import time

from prometheus_client import CollectorRegistry, Counter, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.logging import route_template

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


class MetricsMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status_code = 500

        async def send_recording(message: Message) -> None:
            nonlocal status_code
            if message["type"] == "http.response.start":
                status_code = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_recording)
        finally:
            template = route_template(scope)
            REQUESTS.labels(scope["method"], template, str(status_code)).inc()
            LATENCY.labels(scope["method"], template).observe(time.perf_counter() - started)
