"""A database the app cannot use, said in one line that names the fix.

The three failures a developer meets first (nothing listens on the port, the database was
never created, the credentials are refused) reach the app as driver exceptions under a
long traceback. `explain` turns each into one sentence naming `make db` or the setting to
change; Alembic's env.py (`make migrate`), the app's startup (`make dev`), its logs and
the test suite's database guard (`make test`) show that sentence instead. Any other error
is left alone: its traceback is the useful part. It imports nothing of the app, so the
test suite can use it before the app's settings are read.
"""

import errno
from collections.abc import Iterator

from asyncpg.exceptions import InvalidAuthorizationSpecificationError, InvalidCatalogNameError
from sqlalchemy.engine import make_url

# How asyncio words a refused connection, also inside "Multiple exceptions: ..." when a
# host name (localhost) resolves to several addresses that all refused.
_REFUSED = f"[Errno {errno.ECONNREFUSED}]"


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """The exception, then what it wraps (SQLAlchemy's `.orig`, `raise ... from`)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        orig = getattr(current, "orig", None)
        wrapped = orig if isinstance(orig, BaseException) else None
        current = wrapped or current.__cause__ or current.__context__


def _is_refused(exc: BaseException) -> bool:
    return isinstance(exc, ConnectionRefusedError) or (
        isinstance(exc, OSError) and _REFUSED in str(exc)
    )


def explain(exc: BaseException, url: str, setting: str = "DATABASE_URL") -> str | None:
    """One line saying what went wrong and what to change, or None for other errors.

    `url` is the database the caller tried (its password is never shown) and `setting`
    the variable that holds it.
    """
    parts = make_url(url)
    where = f"{parts.host or 'localhost'}:{parts.port or 5432}"
    for cause in _causes(exc):
        if _is_refused(cause):
            return (
                f"cannot connect to PostgreSQL at {where} (connection refused): start it "
                f"with `make db`, or fix the host and port in {setting}"
            )
        if isinstance(cause, InvalidCatalogNameError):
            return (
                f'database "{parts.database}" does not exist on {where}: `make db` creates '
                f"it, or fix the database name in {setting}"
            )
        if isinstance(cause, InvalidAuthorizationSpecificationError):
            return (
                f'PostgreSQL at {where} refused user "{parts.username}" (authentication '
                f"failed): fix the user and password in {setting}"
            )
    return None
