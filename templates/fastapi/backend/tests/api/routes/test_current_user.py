"""The current-user dependency under load: no write, and no query, for a token seen before.

Statements are counted on the engine (a SQLAlchemy event listener), so these tests pin
what the database sees, not how long it takes.
"""

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import event, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.db import engine
from app.models import User
from app.services.user_cache import user_cache
from tests.conftest import HeadersFactory


class Statements(list[str]):
    """The SQL statements the app ran, first word upper-cased (SELECT, INSERT, UPDATE...)."""

    def verbs(self) -> list[str]:
        return [statement.split(None, 1)[0].upper() for statement in self]


@pytest.fixture
def statements() -> Iterator[Statements]:
    seen = Statements()

    def record(*args: Any) -> None:
        seen.append(str(args[2]))  # (conn, cursor, statement, parameters, context, many)

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    yield seen
    event.remove(engine.sync_engine, "before_cursor_execute", record)


async def test_a_repeated_request_runs_no_statement(
    client: AsyncClient, auth_headers: HeadersFactory, statements: Statements
) -> None:
    headers = auth_headers()
    assert (await client.get("/api/users/me", headers=headers)).status_code == 200
    statements.clear()
    response = await client.get("/api/users/me", headers=headers)
    assert response.status_code == 200
    assert response.json()["email"] == "user_1@example.com"
    assert statements == []


async def test_a_known_user_with_unchanged_claims_is_read_not_written(
    client: AsyncClient, auth_headers: HeadersFactory, statements: Statements
) -> None:
    headers = auth_headers()
    await client.get("/api/users/me", headers=headers)
    user_cache.clear()  # as in another worker, or after the entry expired
    statements.clear()
    assert (await client.get("/api/users/me", headers=headers)).status_code == 200
    assert "SELECT" in statements.verbs()
    assert {"INSERT", "UPDATE", "DELETE"}.isdisjoint(statements.verbs())


async def test_concurrent_first_requests_create_exactly_one_row(
    client: AsyncClient, auth_headers: HeadersFactory, session: AsyncSession
) -> None:
    headers = auth_headers("newcomer")
    answers = await asyncio.gather(
        *(client.get("/api/users/me", headers=headers) for _ in range(8))
    )
    assert {answer.status_code for answer in answers} == {200}
    assert len({answer.json()["id"] for answer in answers}) == 1
    count = await session.scalar(select(func.count()).select_from(User))
    assert count == 1


async def test_concurrent_requests_after_the_entry_expired_read_the_row_once(
    client: AsyncClient, auth_headers: HeadersFactory, statements: Statements
) -> None:
    headers = auth_headers()
    await client.get("/api/users/me", headers=headers)
    user_cache.clear()  # the entry expired while the user is busy
    statements.clear()
    answers = await asyncio.gather(
        *(client.get("/api/users/me", headers=headers) for _ in range(8))
    )
    assert {answer.status_code for answer in answers} == {200}
    assert [verb for verb in statements.verbs() if verb == "SELECT"] == ["SELECT"]
    assert len(user_cache._refills) == 0


async def test_a_changed_email_claim_is_written(
    client: AsyncClient, auth_headers: HeadersFactory, session: AsyncSession
) -> None:
    await client.get("/api/users/me", headers=auth_headers(email="old@example.com"))
    response = await client.get("/api/users/me", headers=auth_headers(email="new@example.com"))
    assert response.json()["email"] == "new@example.com"
    stored = await session.scalar(select(User.email).where(User.auth_subject == "user_1"))
    assert stored == "new@example.com"


async def test_a_profile_update_is_seen_by_the_next_request(
    client: AsyncClient, auth_headers: HeadersFactory
) -> None:
    headers = auth_headers()
    await client.get("/api/users/me", headers=headers)
    await client.patch("/api/users/me", headers=headers, json={"name": "Grace"})
    response = await client.get("/api/users/me", headers=headers)
    assert response.json()["name"] == "Grace"


async def test_a_deleted_user_is_forgotten(
    client: AsyncClient, auth_headers: HeadersFactory, session: AsyncSession
) -> None:
    headers = auth_headers()
    first = await client.get("/api/users/me", headers=headers)
    assert (await client.delete("/api/users/me", headers=headers)).status_code == 204
    again = await client.get("/api/users/me", headers=headers)
    assert again.status_code == 200
    assert again.json()["id"] != first.json()["id"]
    count = await session.scalar(select(func.count()).select_from(User))
    assert count == 1
