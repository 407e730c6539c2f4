"""Invitations (Pro and Agency): created by admins, accepted once by the invited verified
address, never reusable, and safe under concurrent accepts."""

import pytest

from kit import shapes
from kit.client import Api, at_once
from kit.orgs import add_member, create_org, invite

pytestmark = pytest.mark.pro

ACCEPT = "/api/invitations/accept"


def test_an_admin_invites_and_the_invitation_is_listed_without_its_token(api: Api) -> None:
    owner = api.person("owner")
    org = create_org(api, owner)
    guest = api.person("guest")

    created = shapes.check(invite(api, org["id"], owner, guest.email, "admin"), shapes.INVITATION_CREATED)

    assert (created["email"], created["role"], created["status"]) == (guest.email, "admin", "pending")
    listed = shapes.page(api.get(f"/api/orgs/{org['id']}/invitations", owner), shapes.INVITATION)["items"]
    assert [i["id"] for i in listed] == [created["id"]]


def test_accepting_makes_the_invitee_a_member_with_the_invited_role(api: Api) -> None:
    owner = api.person("owner")
    org = create_org(api, owner)
    guest = api.person("guest")
    token = invite(api, org["id"], owner, guest.email, "admin")["token"]

    response = api.post(ACCEPT, guest, json={"token": token})

    assert response.status_code == 200, response.text
    assert shapes.member(response.json())["role"] == "admin"
    assert api.get(f"/api/orgs/{org['id']}", guest).json()["role"] == "admin"
    assert api.get(f"/api/orgs/{org['id']}/invitations", owner).json()["items"] == []


def test_an_invitation_is_single_use(api: Api) -> None:
    owner = api.person("owner")
    org = create_org(api, owner)
    guest = api.person("guest")
    token = invite(api, org["id"], owner, guest.email)["token"]
    assert api.post(ACCEPT, guest, json={"token": token}).status_code == 200

    shapes.error(api.post(ACCEPT, guest, json={"token": token}), 409, "invitation already accepted")


def test_two_concurrent_accepts_give_one_member(api: Api) -> None:
    owner = api.person("owner")
    org = create_org(api, owner)
    guest = api.person("guest")
    token = invite(api, org["id"], owner, guest.email)["token"]
    api.me(guest)

    responses = at_once([lambda: api.post(ACCEPT, guest, json={"token": token})] * 2)

    assert sorted(r.status_code for r in responses) == [200, 409]
    assert len(api.get(f"/api/orgs/{org['id']}/members", owner).json()["items"]) == 2


def test_joining_twice_through_two_invitations_is_409(api: Api) -> None:
    owner = api.person("owner")
    org = create_org(api, owner)
    admin = add_member(api, org["id"], owner, "admin")
    guest = api.person("guest")
    first = invite(api, org["id"], owner, guest.email)["token"]
    assert api.post(ACCEPT, guest, json={"token": first}).status_code == 200

    shapes.error(api.post(f"/api/orgs/{org['id']}/invitations", admin,
                          json={"email": guest.email, "role": "member"}), 409)


def test_inviting_an_address_twice_is_409(api: Api) -> None:
    owner = api.person("owner")
    org = create_org(api, owner)
    invite(api, org["id"], owner, "twice@example.com")

    response = api.post(f"/api/orgs/{org['id']}/invitations", owner, json={"email": "twice@example.com",
                                                                            "role": "member"})
    shapes.error(response, 409)


def test_an_unknown_token_is_404_and_a_revoked_one_410(api: Api) -> None:
    owner = api.person("owner")
    org = create_org(api, owner)
    guest = api.person("guest")
    created = invite(api, org["id"], owner, guest.email)

    shapes.error(api.post(ACCEPT, guest, json={"token": "no-such-token"}), 404)
    assert api.delete(f"/api/orgs/{org['id']}/invitations/{created['id']}", owner).status_code == 204
    shapes.error(api.post(ACCEPT, guest, json={"token": created["token"]}), 410)


def test_another_address_or_an_unverified_one_is_403(api: Api) -> None:
    owner = api.person("owner")
    org = create_org(api, owner)
    guest = api.person("guest")
    token = invite(api, org["id"], owner, guest.email)["token"]
    unverified = type(guest)(guest.sub + "x", guest.email, guest.name, email_verified=False)

    shapes.error(api.post(ACCEPT, api.person("stranger"), json={"token": token}), 403)
    shapes.error(api.post(ACCEPT, unverified, json={"token": token}), 403)
    assert api.post(ACCEPT, guest, json={"token": token}).status_code == 200


def test_only_owners_invite_owners_and_members_cannot_invite(api: Api) -> None:
    owner = api.person("owner")
    org = create_org(api, owner)
    admin = add_member(api, org["id"], owner, "admin")
    member = add_member(api, org["id"], owner)
    path = f"/api/orgs/{org['id']}/invitations"

    shapes.error(api.post(path, admin, json={"email": "o@example.com", "role": "owner"}), 403)
    shapes.error(api.post(path, member, json={"email": "m@example.com", "role": "member"}), 403)


@pytest.mark.parametrize("body", [{}, {"token": ""}, {"token": "x" * 129}, {"token": "t", "org_id": "x"}])
def test_a_malformed_accept_body_is_422(api: Api, body: dict[str, object]) -> None:
    shapes.validation_error(api.post(ACCEPT, api.person(), json=body))


@pytest.mark.parametrize("email", ["not-an-email", "a@b", "a b@example.com"])
def test_a_malformed_address_is_422(api: Api, email: str) -> None:
    owner = api.person("owner")
    org = create_org(api, owner)
    shapes.validation_error(api.post(f"/api/orgs/{org['id']}/invitations", owner,
                                     json={"email": email, "role": "member"}), ["body", "email"])
