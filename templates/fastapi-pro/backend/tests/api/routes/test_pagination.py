"""Cursor pagination of the four lists: orgs, members, invitations and admin flags.

Each list is seeded with rows whose creation times tie in pairs, so walking it also
checks the tie-break on id. A page holds `limit` rows (default 50, at most 100) and a
`next_cursor` until the last page; a cursor that is not one of the list's own is a 422.
"""

import base64
import json
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from httpx import AsyncClient
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import FeatureFlag, Invitation, Membership, Organization, Role, User
from app.models.base import utcnow
from tests.conftest import HeadersFactory


@dataclass
class Seeded:
    url: str
    # What the list's items are told apart by, and the expected values in order.
    field: str
    expected: list[str]
    superuser: bool = False


Seeder = Callable[[AsyncSession, User, int], Awaitable[Seeded]]


def tied_in_pairs(n: int) -> list[tuple[Any, uuid.UUID]]:
    """(created_at, id) for n rows, two rows per timestamp, in the order they are listed."""
    start = utcnow() - timedelta(days=1)
    return sorted((start + timedelta(seconds=i // 2), uuid.uuid4()) for i in range(n))


async def own_org(session: AsyncSession, owner: User, name: str = "Paged") -> Organization:
    org = Organization(name=name, slug=f"{name.lower()}-{uuid.uuid4().hex[:8]}")
    session.add(org)
    await session.flush()
    session.add(Membership(organization_id=org.id, user_id=owner.id, role=Role.OWNER))
    return org


async def seed_orgs(session: AsyncSession, user: User, n: int) -> Seeded:
    keys = tied_in_pairs(n)
    for created_at, org_id in keys:
        session.add(Organization(id=org_id, name="Org", slug=str(org_id), created_at=created_at))
    await session.flush()
    for _, org_id in keys:
        session.add(Membership(organization_id=org_id, user_id=user.id, role=Role.MEMBER))
    outsider = User(auth_subject="not_a_member")
    session.add(outsider)
    await session.flush()
    await own_org(session, outsider, "Hidden")  # never in the caller's list
    await session.commit()
    return Seeded("/api/orgs", "id", [str(org_id) for _, org_id in keys])


async def seed_members(session: AsyncSession, user: User, n: int) -> Seeded:
    org = await own_org(session, user)
    await session.flush()
    keys = tied_in_pairs(n - 1)
    people = [User(auth_subject=f"member_{i}") for i in range(n - 1)]
    session.add_all(people)
    await session.flush()
    for (created_at, membership_id), person in zip(keys, people, strict=True):
        session.add(
            Membership(
                id=membership_id,
                organization_id=org.id,
                user_id=person.id,
                role=Role.MEMBER,
                created_at=created_at,
            )
        )
    await session.commit()
    # The owner joined now, after the others.
    expected = [str(person.id) for person in people] + [str(user.id)]
    return Seeded(f"/api/orgs/{org.id}/members", "user_id", expected)


async def seed_invitations(session: AsyncSession, user: User, n: int) -> Seeded:
    org = await own_org(session, user)
    await session.flush()
    keys = tied_in_pairs(n)
    for i, (created_at, invitation_id) in enumerate(keys):
        session.add(
            Invitation(
                id=invitation_id,
                organization_id=org.id,
                email=f"invitee{i}@example.com",
                role=Role.MEMBER,
                token_hash=f"{i:064x}",
                invited_by_id=user.id,
                expires_at=utcnow() + timedelta(days=1),
                created_at=created_at,
            )
        )
    await session.commit()
    expected = [str(invitation_id) for _, invitation_id in keys]
    return Seeded(f"/api/orgs/{org.id}/invitations", "id", expected)


async def seed_flags(session: AsyncSession, user: User, n: int) -> Seeded:
    keys = sorted(f"flag-{uuid.uuid4().hex[:6]}-{i}" for i in range(n))
    session.add_all(FeatureFlag(key=key) for key in keys)
    await session.commit()
    return Seeded("/api/admin/flags", "key", keys, superuser=True)


SEEDERS: dict[str, Seeder] = {
    "orgs": seed_orgs,
    "members": seed_members,
    "invitations": seed_invitations,
    "flags": seed_flags,
}
LISTS = pytest.mark.parametrize("seeder", SEEDERS.values(), ids=SEEDERS.keys())


def caller(auth_headers: HeadersFactory, seeded: Seeded) -> dict[str, str]:
    # admin@example.com is a superuser in the test settings; user_1 owns the seeded rows.
    if seeded.superuser:
        return auth_headers("root", email="admin@example.com")
    return auth_headers()


async def get_page(
    client: AsyncClient, headers: dict[str, str], url: str, **params: Any
) -> dict[str, Any]:
    response = await client.get(url, headers=headers, params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert set(body) == {"items", "next_cursor"}
    return body


@LISTS
async def test_pages_walk_the_whole_list_in_order(
    client: AsyncClient,
    auth_headers: HeadersFactory,
    session: AsyncSession,
    user: User,
    seeder: Seeder,
) -> None:
    seeded = await seeder(session, user, 7)
    headers = caller(auth_headers, seeded)
    sizes, seen, cursor = [], [], None
    while True:
        params = {"limit": 3} if cursor is None else {"limit": 3, "cursor": cursor}
        page = await get_page(client, headers, seeded.url, **params)
        sizes.append(len(page["items"]))
        seen += [item[seeded.field] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
        assert isinstance(cursor, str)
    assert sizes == [3, 3, 1]
    assert seen == seeded.expected  # in order: no duplicates, no gaps


@LISTS
async def test_the_default_page_holds_50_and_a_page_at_most_100(
    client: AsyncClient,
    auth_headers: HeadersFactory,
    session: AsyncSession,
    user: User,
    seeder: Seeder,
) -> None:
    seeded = await seeder(session, user, 101)
    headers = caller(auth_headers, seeded)
    first = await get_page(client, headers, seeded.url)
    assert len(first["items"]) == 50
    assert first["next_cursor"] is not None
    full = await get_page(client, headers, seeded.url, limit=100)
    assert [item[seeded.field] for item in full["items"]] == seeded.expected[:100]
    rest = await get_page(client, headers, seeded.url, limit=100, cursor=full["next_cursor"])
    assert [item[seeded.field] for item in rest["items"]] == seeded.expected[100:]
    assert rest["next_cursor"] is None
    for limit in (0, 101, -1):
        response = await client.get(seeded.url, headers=headers, params={"limit": limit})
        assert response.status_code == 422, limit
        assert response.json()["detail"][0]["loc"] == ["query", "limit"]


def b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def cursor_of(payload: Any) -> str:
    return b64(json.dumps(payload).encode())


BAD_CURSORS = {
    "not base64": "%%%",
    "not ascii": "\u00e9t\u00e9",
    "base64 of non-JSON": b64(b"\xff\xfe not json"),
    "a JSON list": cursor_of([1, 2]),
    "no list name": cursor_of({"after": ["x"]}),
    "another list": cursor_of({"list": "somewhere-else", "after": ["2026-01-01T00:00:00Z"]}),
    "orgs, wrong types": cursor_of({"list": "orgs", "after": [1, 2]}),
    "orgs, naive time": cursor_of(
        {"list": "orgs", "after": ["2026-01-01T00:00:00", str(uuid.uuid4())]}
    ),
    "members, too short": cursor_of({"list": "members", "after": ["2026-01-01T00:00:00Z"]}),
    "invitations, no key": cursor_of({"list": "invitations"}),
    "flags, NUL in key": cursor_of({"list": "flags", "after": ["a\u0000b"]}),
    "flags, surrogate": cursor_of({"list": "flags", "after": ["\ud800"]}),
    "deeply nested": b64(b"[" * 300 + b"]" * 300),
    "too long": "A" * 501,
}


@LISTS
@pytest.mark.parametrize("cursor", BAD_CURSORS.values(), ids=BAD_CURSORS.keys())
async def test_a_cursor_not_from_this_list_is_a_422(
    client: AsyncClient,
    auth_headers: HeadersFactory,
    session: AsyncSession,
    user: User,
    seeder: Seeder,
    cursor: str,
) -> None:
    seeded = await seeder(session, user, 2)
    response = await client.get(
        seeded.url, headers=caller(auth_headers, seeded), params={"cursor": cursor}
    )
    assert response.status_code == 422, response.text
    [error] = response.json()["detail"]
    assert error["loc"] == ["query", "cursor"]


# Any text a client could send, and base64url JSON shaped like a cursor with any values.
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)
CURSOR_LIKE = st.fixed_dictionaries(
    {"list": st.sampled_from([*SEEDERS, "other"]), "after": JSON_VALUES}
).map(cursor_of)
ANY_CURSOR = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=600),
    st.binary(max_size=300).map(b64),
    JSON_VALUES.map(cursor_of),
    CURSOR_LIKE,
)


@pytest.fixture(params=list(SEEDERS.values()), ids=list(SEEDERS))
async def two_rows(request: pytest.FixtureRequest, session: AsyncSession, user: User) -> Seeded:
    """A list with two rows, seeded once for all of a property test's examples."""
    seeded: Seeded = await request.param(session, user, 2)
    return seeded


@settings(
    max_examples=40,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(cursor=ANY_CURSOR)
async def test_no_cursor_gets_a_server_error(
    client: AsyncClient, auth_headers: HeadersFactory, two_rows: Seeded, cursor: str
) -> None:
    headers = caller(auth_headers, two_rows)
    response = await client.get(two_rows.url, headers=headers, params={"cursor": cursor})
    assert response.status_code in (200, 422), response.text


async def test_a_cursor_of_one_list_is_refused_by_another(
    client: AsyncClient, auth_headers: HeadersFactory, session: AsyncSession, user: User
) -> None:
    orgs = await seed_orgs(session, user, 3)
    members = await seed_members(session, user, 3)
    page = await get_page(client, auth_headers(), orgs.url, limit=1)
    response = await client.get(
        members.url, headers=auth_headers(), params={"cursor": page["next_cursor"]}
    )
    assert response.status_code == 422
    assert "not from this list" in response.json()["detail"][0]["msg"]


@pytest.mark.parametrize("path", ["members", "invitations"])
async def test_outsiders_get_404_whatever_the_paging(
    client: AsyncClient, auth_headers: HeadersFactory, session: AsyncSession, user: User, path: str
) -> None:
    seeded = await seed_members(session, user, 3)
    org_url = seeded.url.rsplit("/", 1)[0]
    for params in ({}, {"limit": 1}, {"cursor": BAD_CURSORS["another list"]}):
        response = await client.get(
            f"{org_url}/{path}", headers=auth_headers("stranger"), params=params
        )
        assert response.status_code == 404, params


async def test_members_still_cannot_page_invitations_or_flags(
    client: AsyncClient, auth_headers: HeadersFactory, session: AsyncSession, user: User
) -> None:
    seeded = await seed_members(session, user, 3)
    invitations = seeded.url.rsplit("/", 1)[0] + "/invitations"
    member = auth_headers("member_0")
    for url in (invitations, "/api/admin/flags"):
        response = await client.get(url, headers=member, params={"limit": 1})
        assert response.status_code == 403, url
