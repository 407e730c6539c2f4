"""Cursor pagination (Pro and Agency): `limit` 1..100, an opaque `next_cursor` until the
last page, every row once and in the documented order; bad cursors are 422 on
`["query", "cursor"]`, never 500; authorization is checked before paging."""

import uuid

import pytest

from conftest import Contract
from kit import shapes
from kit.auth import Person
from kit.client import Api
from kit.orgs import add_member, create_org, invite

pytestmark = pytest.mark.pro


def walk(api: Api, path: str, who: Person, limit: int) -> list[dict]:  # type: ignore[type-arg]
    """Every item of a paged list, following `next_cursor` to the end."""
    items: list[dict] = []  # type: ignore[type-arg]
    cursor = None
    for _ in range(100):
        params = {"limit": limit, **({"cursor": cursor} if cursor else {})}
        body = shapes.page(api.get(path, who, params=params), dict)
        assert len(body["items"]) <= limit
        items += body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            return items
    raise AssertionError("the pages never ended")


def test_orgs_are_paged_oldest_first_each_once(api: Api) -> None:
    owner = api.person("owner")
    created = [create_org(api, owner, f"Org {n}")["id"] for n in range(5)]

    paged = walk(api, "/api/orgs", owner, 2)

    assert [o["id"] for o in paged] == created
    for org in paged:
        shapes.organization(org)


def test_the_last_page_has_no_cursor(api: Api) -> None:
    owner = api.person("owner")
    create_org(api, owner)

    body = shapes.page(api.get("/api/orgs", owner, params={"limit": 1}), shapes.organization)

    assert len(body["items"]) == 1 and body["next_cursor"] is None


def test_members_are_paged_in_the_order_they_joined(api: Api) -> None:
    owner = api.person("owner")
    org = create_org(api, owner)
    joined = [owner] + [add_member(api, org["id"], owner) for _ in range(3)]

    paged = walk(api, f"/api/orgs/{org['id']}/members", owner, 3)

    assert [m["user_id"] for m in paged] == [api.me(p)["id"] for p in joined]


def test_pending_invitations_are_paged_oldest_first(api: Api) -> None:
    owner = api.person("owner")
    org = create_org(api, owner)
    sent = [invite(api, org["id"], owner, f"p{n}-{owner.sub[-6:]}@example.com")["id"] for n in range(3)]

    paged = walk(api, f"/api/orgs/{org['id']}/invitations", owner, 2)

    assert [i["id"] for i in paged] == sent


def test_admin_flags_are_paged_by_key(contract: Contract, api: Api) -> None:
    for n in range(3):
        api.put(f"/api/admin/flags/contract.page.{uuid.uuid4().hex[:8]}", contract.superuser,
                json={"enabled": True, "rollout_percentage": n})

    keys = [f["key"] for f in walk(api, "/api/admin/flags", contract.superuser, 2)]

    assert keys == sorted(keys) and len(keys) == len(set(keys)) >= 3


@pytest.mark.parametrize("limit", [0, 101, -1, "ten"])
def test_a_limit_outside_1_to_100_is_422(api: Api, limit: object) -> None:
    shapes.validation_error(api.get("/api/orgs", api.person(), params={"limit": limit}), ["query", "limit"])


@pytest.mark.parametrize("cursor", ["garbage", "eyJ4IjogMX0", "A" * 500, "%00", "WyJub3QtYS11dWlkIl0"])
def test_a_cursor_that_does_not_decode_is_422(api: Api, cursor: str) -> None:
    owner = api.person("owner")
    create_org(api, owner)

    shapes.validation_error(api.get("/api/orgs", owner, params={"cursor": cursor}), ["query", "cursor"])


def test_a_cursor_from_another_list_is_422(api: Api) -> None:
    owner = api.person("owner")
    org = create_org(api, owner)
    create_org(api, owner)
    for _ in range(2):
        add_member(api, org["id"], owner)
    members_cursor = api.get(f"/api/orgs/{org['id']}/members", owner, params={"limit": 1}).json()["next_cursor"]
    orgs_cursor = api.get("/api/orgs", owner, params={"limit": 1}).json()["next_cursor"]
    assert members_cursor and orgs_cursor

    shapes.validation_error(api.get("/api/orgs", owner, params={"cursor": members_cursor}), ["query", "cursor"])
    shapes.validation_error(api.get(f"/api/orgs/{org['id']}/members", owner, params={"cursor": orgs_cursor}),
                            ["query", "cursor"])


def test_an_outsider_gets_404_whatever_the_cursor(api: Api) -> None:
    """(A `limit` out of range is a bad query value: 422 before anything else.)"""
    org = create_org(api, api.person())
    outsider = api.person("outsider")

    for params in ({"cursor": "garbage"}, {"cursor": "WyJub3QtYS11dWlkIl0"}, {"limit": 5}):
        shapes.error(api.get(f"/api/orgs/{org['id']}/members", outsider, params=params), 404)


def test_a_member_gets_403_for_invitations_whatever_the_cursor(api: Api) -> None:
    owner = api.person("owner")
    org = create_org(api, owner)
    member = add_member(api, org["id"], owner)

    shapes.error(api.get(f"/api/orgs/{org['id']}/invitations", member, params={"cursor": "garbage"}), 403)
