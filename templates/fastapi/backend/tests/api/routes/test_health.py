"""GET /api/health."""

from collections.abc import AsyncIterator

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from app.core.db import get_session
from app.main import app
from app.version import VERSION


async def test_health_reports_ok_with_the_database_up(client: AsyncClient) -> None:
    response = await client.get("/api/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "version": VERSION}


async def test_health_answers_503_when_the_database_is_down(client: AsyncClient) -> None:
    # Nothing listens on port 9 of localhost: connecting fails at once.
    dead = create_async_engine("postgresql+asyncpg://nobody@127.0.0.1:9/none")

    async def dead_session() -> AsyncIterator[AsyncSession]:
        async with async_sessionmaker(dead)() as session:
            yield session

    app.dependency_overrides[get_session] = dead_session
    response = await client.get("/api/health")
    await dead.dispose()
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable"}


async def test_health_needs_no_token(client: AsyncClient) -> None:
    response = await client.get("/api/health", headers={"Authorization": "Bearer garbage"})
    assert response.status_code == 200
