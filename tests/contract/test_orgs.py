"""Organizations and memberships (Pro and Agency): who sees what (404 for outsiders), which
role may do what (403), the last-owner rule (409) and races that must not break it."""

import pytest

from kit import shapes
from kit.client import Api, at_once
from kit.orgs import add_member, create_org, user_id

pytestmark = pytest.mark.pro


def test_creating_an_org_makes_the_caller_its_owner(api: Api) -> None:
    owner = api.person("owner")

    org = shapes.organization(create_org(api, owner, "  Rocket Labs "))

    assert (org["name"], org["role"], org["plan"]) == ("Rocket Labs", "owner", "free")
    assert org["slug"]
    assert shapes.organization(api.get(f"/api/orgs/{org['id']}", owner).json()) == org


def test_two_orgs_created_with_one_name_at_once_get_distinct_slugs(api: Api) -> None:
    owner = api.person()
    name = f"Same Name {owner.sub[-6:]}"

    responses = at_once([lambda: api.post("/api/orgs", owner, json={"name": name})] * 2)

    assert [r.status_code for r in responses] == [201, 201]
    assert responses[0].json()["slug"] != responses[1].json()["slug"]


@pytest.mark.parametrize("body", [{}, {"name": ""}, {"name": "x" * 101}, {"name": "a\tb"},
                                  {"name": "ok", "extra": 1}])
def test_creating_an_org_with_a_bad_body_is_422(api: Api, body: dict[str, object]) -> None:
    shapes.validation_error(api.post("/api/orgs", api.person(), json=body))


def test_an_outsider_gets_404_for_every_org_endpoint(api: Api) -> None:
    org = create_org(api, api.person())
    outsider = api.person("outsider")
    base = f"/api/orgs/{org['id']}"

    for method, path, body in [("GET", base, None), ("PATCH", base, {"name": "x"}), ("DELETE", base, None),
                               ("GET", f"{base}/members", None), ("GET", f"{base}/invitations", None),
                               ("GET", f"{base}/audit-log", None),
                               ("POST", f"{base}/invitations", {"email": "a@example.com", "role": "member"})]:
        shapes.error(api.call(method, path, outsider, json=body), 404)


def test_an_unknown_org_is_404_and_a_malformed_id_is_422(api: Api) -> None:
    person = api.person()
    shapes.error(api.get("/api/orgs/00000000-0000-4000-8000-000000000000", person), 404)
    shapes.validation_error(api.get("/api/orgs/not-a-uuid", person), ["path", "org_id"])


def test_members_see_the_org_and_its_members_but_cannot_manage_it(api: Api) -> None:
    owner = api.person("owner")
    org = create_org(api, owner)
    member = add_member(api, org["id"], owner)
    base = f"/api/orgs/{org['id']}"

    assert api.get(base, member).json()["role"] == "member"
    members = shapes.page(api.get(f"{base}/members", member), shapes.member)["items"]
    assert [m["role"] for m in members] == ["owner", "member"]
    shapes.error(api.patch(base, member, json={"name": "Taken over"}), 403)
    shapes.error(api.get(f"{base}/invitations", member), 403)
    shapes.error(api.delete(base, member), 403)


def test_an_admin_renames_the_org_but_cannot_delete_it(api: Api) -> None:
    owner = api.person("owner")
    org = create_org(api, owner)
    admin = add_member(api, org["id"], owner, "admin")
    base = f"/api/orgs/{org['id']}"

    renamed = api.patch(base, admin, json={"name": "Renamed"})

    assert renamed.status_code == 200 and shapes.organization(renamed.json())["name"] == "Renamed"
    shapes.error(api.delete(base, admin), 403)


def test_the_owner_deletes_the_org(api: Api) -> None:
    owner = api.person("owner")
    org = create_org(api, owner)

    assert api.delete(f"/api/orgs/{org['id']}", owner).status_code == 204
    shapes.error(api.get(f"/api/orgs/{org['id']}", owner), 404)


def test_role_changes_follow_the_role_rules(api: Api) -> None:
    owner = api.person("owner")
    org = create_org(api, owner)
    admin = add_member(api, org["id"], owner, "admin")
    member = add_member(api, org["id"], owner, "member")
    path = f"/api/orgs/{org['id']}/members/{user_id(api, member)}"

    shapes.error(api.patch(path, member, json={"role": "admin"}), 403)  # a member cannot
    shapes.error(api.patch(path, admin, json={"role": "owner"}), 403)  # only an owner grants owner
    promoted = api.patch(path, admin, json={"role": "admin"})
    assert promoted.status_code == 200 and shapes.member(promoted.json())["role"] == "admin"
    made_owner = api.patch(path, owner, json={"role": "owner"})
    assert made_owner.status_code == 200 and made_owner.json()["role"] == "owner"
    shapes.validation_error(api.patch(path, owner, json={"role": "superhero"}), ["body", "role"])


def test_the_last_owner_can_neither_step_down_nor_leave(api: Api) -> None:
    owner = api.person("owner")
    org = create_org(api, owner)
    path = f"/api/orgs/{org['id']}/members/{user_id(api, owner)}"

    shapes.error(api.patch(path, owner, json={"role": "admin"}), 409, "the last owner cannot be demoted")
    shapes.error(api.delete(path, owner), 409, "the last owner cannot leave")


def test_two_owners_leaving_at_once_leave_one_owner(api: Api) -> None:
    first = api.person("first")
    org = create_org(api, first)
    second = add_member(api, org["id"], first, "owner")
    base = f"/api/orgs/{org['id']}/members"

    responses = at_once([lambda p=p: api.delete(f"{base}/{user_id(api, p)}", p) for p in (first, second)])

    assert sorted(r.status_code for r in responses) == [204, 409]
    remaining = [api.get(f"/api/orgs/{org['id']}", p) for p in (first, second)]
    assert sorted(r.status_code for r in remaining) == [200, 404]


def test_two_owners_stepping_down_at_once_leave_one_owner(api: Api) -> None:
    first = api.person("first")
    org = create_org(api, first)
    second = add_member(api, org["id"], first, "owner")
    base = f"/api/orgs/{org['id']}/members"

    responses = at_once([lambda p=p: api.patch(f"{base}/{user_id(api, p)}", p, json={"role": "member"})
                         for p in (first, second)])

    assert sorted(r.status_code for r in responses) == [200, 409]
    roles = [m["role"] for m in api.get(base, first).json()["items"]]
    assert sorted(roles) == ["member", "owner"]


def test_a_member_may_leave_and_an_admin_removes_members(api: Api) -> None:
    owner = api.person("owner")
    org = create_org(api, owner)
    leaver, removed = add_member(api, org["id"], owner), add_member(api, org["id"], owner)
    admin = add_member(api, org["id"], owner, "admin")
    base = f"/api/orgs/{org['id']}/members"

    assert api.delete(f"{base}/{user_id(api, leaver)}", leaver).status_code == 204
    shapes.error(api.delete(f"{base}/{user_id(api, removed)}", leaver), 404)  # no longer a member
    assert api.delete(f"{base}/{user_id(api, removed)}", admin).status_code == 204
    shapes.error(api.delete(f"{base}/{user_id(api, owner)}", admin), 403)  # only an owner removes owners
    assert len(api.get(base, owner).json()["items"]) == 2


def test_deleting_the_account_deletes_sole_owner_orgs_and_memberships(api: Api) -> None:
    owner = api.person("owner")
    solo = create_org(api, owner, "Solo")
    other_owner = api.person("other")
    shared = create_org(api, other_owner, "Shared")
    add_member_as = add_member(api, shared["id"], other_owner)

    assert api.delete("/api/users/me", owner).status_code == 204
    assert api.delete("/api/users/me", add_member_as).status_code == 204

    shapes.error(api.get(f"/api/orgs/{solo['id']}", owner), 404)
    members = api.get(f"/api/orgs/{shared['id']}/members", other_owner).json()["items"]
    assert [m["role"] for m in members] == ["owner"]
