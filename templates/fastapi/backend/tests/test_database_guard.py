"""The guard that keeps the suite off databases it did not create (tests/database_guard.py).

Each check runs in a transaction that is rolled back: PostgreSQL undoes the DDL too, so
the test database keeps its marker and its schema.
"""

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from app.core.db import engine
from tests.database_guard import MARKER_TABLE, claim, refuse_unsafe_test_database, same_database


@pytest.fixture
async def unmarked() -> AsyncIterator[AsyncConnection]:
    """A connection to the test database as if the suite had never marked it."""
    async with engine.connect() as connection:
        transaction = await connection.begin()
        await connection.execute(text(f"DROP TABLE {MARKER_TABLE}"))
        try:
            yield connection
        finally:
            await transaction.rollback()


async def is_marked(connection: AsyncConnection) -> bool:
    marker = await connection.scalar(text("SELECT to_regclass(:name)"), {"name": MARKER_TABLE})
    return marker is not None


async def test_a_database_holding_foreign_rows_is_refused(unmarked: AsyncConnection) -> None:
    await unmarked.execute(text("CREATE TABLE public.customers (name text)"))
    await unmarked.execute(text("INSERT INTO public.customers VALUES ('a real customer')"))
    reason = await claim(unmarked)
    assert reason is not None
    assert "public.customers" in reason
    assert not await is_marked(unmarked)


async def test_a_migrated_database_with_rows_is_refused(unmarked: AsyncConnection) -> None:
    # Like a development database after `make migrate`: alembic_version holds a row.
    reason = await claim(unmarked)
    assert reason is not None
    assert "alembic_version" in reason


async def test_an_empty_database_is_claimed_with_the_marker(unmarked: AsyncConnection) -> None:
    await unmarked.execute(text("DELETE FROM alembic_version"))
    assert await claim(unmarked) is None
    assert await is_marked(unmarked)


async def test_a_marked_database_is_the_suites_whatever_it_holds() -> None:
    async with engine.connect() as connection:
        assert await claim(connection) is None


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("postgresql://a:x@db:5432/app", "postgresql+asyncpg://b@db/app", True),
        ("postgresql://localhost/app", "postgresql://u@localhost:5432/app", True),
        ("postgresql://db/app", "postgresql://db/app_test", False),
        ("postgresql://db:5432/app", "postgresql://db:5433/app", False),
    ],
)
def test_same_database_ignores_driver_and_user(first: str, second: str, same: bool) -> None:
    assert same_database(first, second) is same


def test_pytest_stops_when_the_test_database_is_the_development_one() -> None:
    url = "postgresql://postgres@localhost:5432/dev"
    with pytest.raises(pytest.exit.Exception, match="DATABASE_URL") as stopped:
        refuse_unsafe_test_database(url, url.replace("postgresql://", "postgresql+asyncpg://"))
    assert "createdb" in str(stopped.value)
