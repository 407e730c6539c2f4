"""The catch-all: an unexpected error becomes `500 {"detail": "internal server error"}`.

Placed inside the security-header and CORS middlewares, so the 500 still carries their
headers; the stack trace goes to the log (and Sentry, when configured), never the client.
A database that cannot be used for a known reason is logged as one line naming the fix.
"""

import logging

from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.config import settings
from app.core.db_errors import explain

logger = logging.getLogger(__name__)


class CatchAllMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        response_started = False

        async def send_tracking(message: Message) -> None:
            nonlocal response_started
            if message["type"] == "http.response.start":
                response_started = True
            await send(message)

        try:
            await self.app(scope, receive, send_tracking)
        except Exception as exc:
            problem = explain(exc, settings.database_url)
            if problem is None:
                logger.exception("unhandled error", extra={"path": scope.get("path")})
            else:
                logger.error(problem, extra={"path": scope.get("path")})
            if response_started:
                raise
            response = JSONResponse({"detail": "internal server error"}, status_code=500)
            await response(scope, receive, send)
