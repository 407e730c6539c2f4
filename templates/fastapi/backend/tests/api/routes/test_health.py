"""GET /api/health: 200 with the database up, 503 (never 500) for any database failure."""

import asyncio
import socket
from collections.abc import AsyncIterator, Iterator

import pytest
from httpx import AsyncClient
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from app.api.routes import health
from app.core.config import settings
from app.core.db import get_session
from app.main import app
from app.version import VERSION


async def test_health_reports_ok_with_the_database_up(client: AsyncClient) -> None:
    response = await client.get("/api/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "version": VERSION}


async def health_against(client: AsyncClient, database_url: str) -> tuple[int, object]:
    """GET /api/health with the app's sessions opened on `database_url` instead."""
    engine = create_async_engine(database_url, connect_args={"timeout": 5})

    async def other_session() -> AsyncIterator[AsyncSession]:
        async with async_sessionmaker(engine)() as session:
            yield session

    app.dependency_overrides[get_session] = other_session
    try:
        response = await client.get("/api/health")
    finally:
        await engine.dispose()
    return response.status_code, response.json()


UNAVAILABLE = (503, {"status": "error", "database": "unavailable"})


async def test_health_answers_503_when_nothing_listens(client: AsyncClient) -> None:
    # Nothing listens on port 9 of localhost: connecting fails at once.
    url = "postgresql+asyncpg://nobody@127.0.0.1:9/none"
    assert await health_against(client, url) == UNAVAILABLE


async def test_health_answers_503_when_the_database_does_not_exist(client: AsyncClient) -> None:
    # The server answers, with asyncpg's InvalidCatalogNameError (not an SQLAlchemy error).
    url = make_url(settings.database_url).set(database="no_such_database_for_health")
    assert await health_against(client, url.render_as_string(hide_password=False)) == UNAVAILABLE


async def test_health_answers_503_when_the_login_is_refused(client: AsyncClient) -> None:
    # An unknown role is refused during authentication (SQLSTATE 28000), before any query.
    url = make_url(settings.database_url).set(username="no_such_role_for_health", password="x")
    assert await health_against(client, url.render_as_string(hide_password=False)) == UNAVAILABLE


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A port that accepts TCP connections and never says a word."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        yield listener.getsockname()[1]


async def test_health_answers_503_when_the_database_hangs(
    client: AsyncClient, silent_server: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(health, "TIMEOUT_SECONDS", 0.5)
    url = f"postgresql+asyncpg://nobody@127.0.0.1:{silent_server}/none"
    started = asyncio.get_running_loop().time()
    assert await health_against(client, url) == UNAVAILABLE
    assert asyncio.get_running_loop().time() - started < 4


async def test_health_needs_no_token(client: AsyncClient) -> None:
    response = await client.get("/api/health", headers={"Authorization": "Bearer garbage"})
    assert response.status_code == 200
