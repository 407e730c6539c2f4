"""Alembic's entry point: runs migrations over an async (asyncpg) connection.

A caller that already holds a connection (the test suite) passes it as the config's
`connection` attribute, and the migrations run on it in the caller's thread. A database
that cannot be reached (not running, not created, credentials refused) stops `alembic`
with one line naming the fix (app/core/db_errors.py), not a traceback.
"""

import asyncio
from logging.config import fileConfig

from alembic import context
from alembic.util import CommandError
from sqlalchemy import pool
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from app.core.config import settings
from app.core.db import DATABASE_ERRORS
from app.core.db_errors import explain
from app.models import Base

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = Base.metadata


def database_url() -> str:
    # Callers (the test suite) may pass another database in the config's attributes.
    url = config.attributes.get("database_url") or settings.database_url
    return str(url)


def run_migrations_offline() -> None:
    context.configure(
        url=database_url(),
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def do_run_migrations(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata)
    with context.begin_transaction():
        context.run_migrations()


async def run_async_migrations() -> None:
    engine = create_async_engine(database_url(), poolclass=pool.NullPool)
    async with engine.connect() as connection:
        await connection.run_sync(do_run_migrations)
    await engine.dispose()


def run_migrations_online() -> None:
    try:
        asyncio.run(run_async_migrations())
    except DATABASE_ERRORS as exc:
        problem = explain(exc, database_url())
        if problem is None:
            raise
        # Alembic prints a CommandError as `FAILED: <message>` and exits non-zero.
        raise CommandError(problem) from None


if context.is_offline_mode():
    run_migrations_offline()
elif (connection := config.attributes.get("connection")) is not None:
    do_run_migrations(connection)
else:
    run_migrations_online()
