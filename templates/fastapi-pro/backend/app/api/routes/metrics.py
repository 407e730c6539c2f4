"""Prometheus metrics: GET /api/metrics (protected by METRICS_TOKEN when it is set)."""

import hmac

from fastapi import APIRouter, HTTPException, Request, Response, status
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from app.core.config import settings
from app.core.metrics import registry

router = APIRouter(tags=["metrics"])


@router.get("/metrics", include_in_schema=False)
async def metrics(request: Request) -> Response:
    if settings.metrics_token:
        expected = f"Bearer {settings.metrics_token}"
        given = request.headers.get("authorization", "")
        if not hmac.compare_digest(given.encode(), expected.encode()):
            raise HTTPException(
                status_code=status.HTTP_401_UNAUTHORIZED,
                detail="not authenticated",
                headers={"WWW-Authenticate": "Bearer"},
            )
    return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)
