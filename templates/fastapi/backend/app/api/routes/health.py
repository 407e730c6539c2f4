"""GET /api/health: is the API up, and can it reach the database?"""

import logging

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from app.api.deps import SessionDep
from app.schemas.health import Health, HealthError
from app.version import VERSION

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/health", tags=["health"])


@router.get(
    "",
    response_model=Health,
    responses={503: {"model": HealthError, "description": "The database is unreachable"}},
)
async def get_health(session: SessionDep) -> Health | JSONResponse:
    try:
        await session.execute(text("SELECT 1"))
    except (SQLAlchemyError, OSError):
        logger.exception("health check: database unavailable")
        error = HealthError(status="error", database="unavailable")
        return JSONResponse(error.model_dump(), status_code=503)
    return Health(status="ok", database="ok", version=VERSION)
