"""The database engine, the per-request session, and what "the database failed" means."""

from collections.abc import AsyncIterator

from asyncpg.exceptions import InterfaceError, PostgresError
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from app.core.config import settings

# Seconds to wait for a new connection (asyncpg's own default is a minute).
CONNECT_TIMEOUT_SECONDS = 10.0

# What a failing database raises. SQLAlchemy wraps the errors of statements, but asyncpg's
# errors while connecting (an unknown database, a rejected login) reach the caller as they
# are, and a refused or timed-out connection is an OSError (TimeoutError is one).
DATABASE_ERRORS: tuple[type[Exception], ...] = (
    SQLAlchemyError,
    OSError,
    PostgresError,
    InterfaceError,
)

engine = create_async_engine(
    settings.database_url,
    pool_pre_ping=True,
    connect_args={"timeout": CONNECT_TIMEOUT_SECONDS},
)
SessionLocal = async_sessionmaker(engine, expire_on_commit=False)


async def get_session() -> AsyncIterator[AsyncSession]:
    """One session per request; routes commit what they change, the rest is rolled back."""
    async with SessionLocal() as session:
        yield session
