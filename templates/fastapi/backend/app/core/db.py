"""The database engine, the per-request session, and what "the database failed" means."""

from collections.abc import AsyncIterator

from asyncpg.exceptions import InterfaceError, PostgresError
from sqlalchemy import pool, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from app.core.config import settings, to_asyncpg_url
from app.core.db_errors import explain

# Seconds to wait for a new connection (asyncpg's own default is a minute).
CONNECT_TIMEOUT_SECONDS = 10.0
# What a startup check waits: long enough for a slow network, short enough that `make dev`
# does not look stuck.
CHECK_TIMEOUT_SECONDS = 5.0

# What a failing database raises. SQLAlchemy wraps the errors of statements, but asyncpg's
# errors while connecting (an unknown database, a rejected login) reach the caller as they
# are, and a refused or timed-out connection is an OSError (TimeoutError is one).
DATABASE_ERRORS: tuple[type[Exception], ...] = (
    SQLAlchemyError,
    OSError,
    PostgresError,
    InterfaceError,
)

# Sized by DB_POOL_SIZE for the requests one worker serves at once (see docs/scaling.md):
# a pool smaller than the load opens and closes overflow connections all the time.
engine = create_async_engine(
    settings.database_url,
    pool_size=settings.db_pool_size,
    max_overflow=settings.db_max_overflow,
    pool_pre_ping=settings.db_pool_pre_ping,
    connect_args={"timeout": CONNECT_TIMEOUT_SECONDS},
)
SessionLocal = async_sessionmaker(engine, expire_on_commit=False)


async def get_session() -> AsyncIterator[AsyncSession]:
    """One session per request; routes commit what they change, the rest is rolled back."""
    async with SessionLocal() as session:
        yield session


async def database_problem(url: str, setting: str = "DATABASE_URL") -> str | None:
    """None when `SELECT 1` works on `url`; else what went wrong, in one line."""
    check_engine = create_async_engine(
        to_asyncpg_url(url),
        poolclass=pool.NullPool,
        connect_args={"timeout": CHECK_TIMEOUT_SECONDS},
    )
    try:
        async with check_engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    except DATABASE_ERRORS as exc:
        return explain(exc, url, setting) or f"database unavailable ({setting}): {exc!r}"
    finally:
        await check_engine.dispose()
    return None
