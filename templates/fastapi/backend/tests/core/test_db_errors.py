"""A database the app cannot use is one line naming the fix, from a real PostgreSQL.

Each failure is produced for real: a closed port, a database that was never created on
the test server, a user the test server refuses. Then `make migrate` (Alembic's env.py),
the app's startup, the health check and any request are checked to log that line without
a traceback.
"""

import errno
import logging
import socket
import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from alembic import command
from alembic.util import CommandError
from httpx import AsyncClient
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from app.core.config import settings
from app.core.db import database_problem, get_session
from app.core.db_errors import explain
from app.main import app, lifespan
from tests.conftest import HeadersFactory, alembic_config
from tests.database_guard import refusal


def closed_port() -> int:
    """A port nothing listens on: bound once by us, then released."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def url_with(**parts: Any) -> str:
    """The test database's URL with some parts replaced."""
    return make_url(settings.database_url).set(**parts).render_as_string(hide_password=False)


async def test_a_closed_port_says_connection_refused_and_names_make_db() -> None:
    url = url_with(host="127.0.0.1", port=closed_port())
    problem = await database_problem(url)
    assert problem is not None
    assert "connection refused" in problem
    assert "`make db`" in problem
    assert "DATABASE_URL" in problem


async def test_a_missing_database_says_it_does_not_exist_and_names_make_db() -> None:
    name = f"missing_{uuid.uuid4().hex[:12]}"
    problem = await database_problem(url_with(database=name))
    assert problem == (
        f'database "{name}" does not exist on {make_url(settings.database_url).host}:'
        f"{make_url(settings.database_url).port or 5432}: `make db` creates it, or fix the "
        "database name in DATABASE_URL"
    )


async def test_refused_credentials_say_authentication_failed_and_name_the_setting() -> None:
    # An unknown user with a wrong password: refused whatever the server's auth method.
    user = f"nobody_{uuid.uuid4().hex[:12]}"
    problem = await database_problem(url_with(username=user, password="wrong"), "TEST_URL")
    assert problem is not None
    assert f'refused user "{user}" (authentication failed)' in problem
    assert problem.endswith("fix the user and password in TEST_URL")
    assert "wrong" not in problem


async def test_make_test_refuses_a_missing_test_database_in_one_line() -> None:
    name = f"missing_{uuid.uuid4().hex[:12]}"
    reason = await refusal(url_with(database=name), "")
    assert reason is not None
    assert reason.startswith(f'database "{name}" does not exist on ')
    assert reason.endswith("`make db` creates it, or fix the database name in TEST_DATABASE_URL")


async def test_a_reachable_database_has_no_problem() -> None:
    assert await database_problem(settings.database_url) is None


def test_refused_on_every_address_of_a_host_name_is_still_refused() -> None:
    # localhost resolving to ::1 and 127.0.0.1: asyncio raises one OSError for both.
    refused = f"[Errno {errno.ECONNREFUSED}] Connect call failed"
    both = OSError(
        f"Multiple exceptions: {refused} ('::1', 5432, 0, 0), {refused} ('127.0.0.1', 5432)"
    )
    both_refused = explain(both, "postgresql://u:p@localhost/db")
    assert both_refused is not None
    assert both_refused.startswith("cannot connect to PostgreSQL at localhost:5432")


def test_other_errors_are_left_to_their_traceback() -> None:
    assert explain(ValueError("bad"), settings.database_url) is None
    assert explain(OSError("No route to host"), settings.database_url) is None


def test_migrate_fails_with_one_line_when_nothing_listens() -> None:
    url = url_with(host="127.0.0.1", port=closed_port())
    with pytest.raises(CommandError) as failure:
        command.upgrade(alembic_config(database_url=url), "head")
    assert "connection refused" in str(failure.value)
    assert "`make db`" in str(failure.value)
    # Nothing chained: Alembic prints `FAILED: <the line>` and no traceback.
    assert failure.value.__cause__ is None
    assert failure.value.__suppress_context__


async def test_startup_logs_one_line_when_the_database_is_missing(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings, "database_url", url_with(database="never_created_db"))
    with caplog.at_level(logging.ERROR, logger="app.main"):
        async with lifespan(app):
            pass
    [record] = caplog.records
    assert record.getMessage().startswith('database "never_created_db" does not exist')
    assert record.exc_info is None


async def test_startup_logs_nothing_when_the_database_answers(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.ERROR, logger="app.main"):
        async with lifespan(app):
            pass
    assert caplog.records == []


@pytest.fixture
def sessions_on_a_closed_port() -> Iterator[None]:
    """The app's sessions open on a port nothing listens on."""
    engine = create_async_engine(url_with(host="127.0.0.1", port=closed_port()))

    async def closed_port_session() -> AsyncIterator[AsyncSession]:
        async with async_sessionmaker(engine)() as session:
            yield session

    app.dependency_overrides[get_session] = closed_port_session
    yield
    app.dependency_overrides.pop(get_session, None)


async def test_health_logs_the_fix_without_a_traceback(
    client: AsyncClient, sessions_on_a_closed_port: None, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="app.api.routes.health"):
        response = await client.get("/api/health")
    assert response.status_code == 503
    [record] = caplog.records
    assert "connection refused" in record.getMessage()
    assert record.exc_info is None


async def test_a_request_that_cannot_reach_the_database_logs_the_fix_without_a_traceback(
    client: AsyncClient,
    sessions_on_a_closed_port: None,
    auth_headers: HeadersFactory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.ERROR, logger="app.core.errors"):
        response = await client.get("/api/users/me", headers=auth_headers())
    assert response.status_code == 500
    [record] = caplog.records
    # The line names DATABASE_URL's server: the one the app uses outside this test.
    assert record.getMessage().startswith("cannot connect to PostgreSQL at ")
    assert "(connection refused): start it with `make db`" in record.getMessage()
    assert record.exc_info is None
