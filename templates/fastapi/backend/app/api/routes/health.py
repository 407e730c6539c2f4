"""GET /api/health: is the API up, and can it reach the database?"""

import asyncio
import logging

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from app.api.deps import SessionDep
from app.core.db import DATABASE_ERRORS
from app.core.db_errors import explain
from app.schemas.health import Health, HealthError
from app.version import VERSION

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/health", tags=["health"])

# A probe must get an answer even from a database that accepts connections but hangs.
TIMEOUT_SECONDS = 5.0


@router.get(
    "",
    response_model=Health,
    responses={503: {"model": HealthError, "description": "The database is unreachable"}},
)
async def get_health(session: SessionDep) -> Health | JSONResponse:
    """200 when `SELECT 1` succeeds; 503 for any database failure, never 500."""
    try:
        async with asyncio.timeout(TIMEOUT_SECONDS):
            await session.execute(text("SELECT 1"))
    except DATABASE_ERRORS as exc:
        problem = explain(exc, str(session.get_bind().engine.url))
        if problem is None:
            logger.exception("health check: database unavailable")
        else:
            # Not running, not created, login refused: the fix, without a traceback.
            logger.error("health check: %s", problem)
        error = HealthError(status="error", database="unavailable")
        return JSONResponse(error.model_dump(), status_code=503)
    return Health(status="ok", database="ok", version=VERSION)
