"""GET/PATCH/DELETE /api/users/me: the user created on first sight from the token's
claims, its profile changes and bad input, and deleting the account."""

import pytest

from conftest import Contract
from kit import shapes
from kit.client import Api, at_once

ME = "/api/users/me"


def test_first_sight_creates_the_user_from_the_claims(api: Api) -> None:
    person = api.person("ada")

    user = shapes.user(api.me(person))

    assert user["email"] == person.email
    assert user["name"] == person.name
    assert user["plan"] == "free" and user["subscription_status"] == "none"
    assert user["avatar_url"] is None


def test_the_same_subject_is_the_same_user(api: Api) -> None:
    person = api.person()

    assert api.me(person)["id"] == api.me(person)["id"]


def test_concurrent_first_requests_create_one_user(api: Api) -> None:
    person = api.person()

    responses = at_once([lambda: api.get(ME, person)] * 8)

    assert [r.status_code for r in responses] == [200] * 8
    assert len({r.json()["id"] for r in responses}) == 1


def test_patch_changes_the_name_and_the_picture(api: Api) -> None:
    person = api.person()
    picture = "https://images.example.com/ada.png"

    response = api.patch(ME, person, json={"name": "  Ada Lovelace ", "avatar_url": picture})

    assert response.status_code == 200, response.text
    user = shapes.user(response.json())
    assert (user["name"], user["avatar_url"]) == ("Ada Lovelace", picture)
    assert api.me(person)["name"] == "Ada Lovelace"


def test_patch_with_a_null_picture_removes_it(api: Api) -> None:
    person = api.person()
    api.patch(ME, person, json={"avatar_url": "https://images.example.com/a.png"})

    response = api.patch(ME, person, json={"avatar_url": None})

    assert response.status_code == 200
    assert response.json()["avatar_url"] is None


@pytest.mark.parametrize(("body", "loc"), [
    ({"name": ""}, ["body", "name"]),
    ({"name": "x" * 101}, ["body", "name"]),
    ({"name": "Ada\u0000"}, ["body", "name"]),
    ({"name": "Ada\nLovelace"}, ["body", "name"]),
    ({"name": "Ada\u202e"}, ["body", "name"]),
    ({"name": None}, ["body", "name"]),
    ({"avatar_url": "http://images.example.com/a.png"}, ["body", "avatar_url"]),
    ({"avatar_url": "javascript:alert(1)"}, ["body", "avatar_url"]),
])
def test_patch_refuses_bad_input_with_422(api: Api, body: dict[str, object], loc: list[str]) -> None:
    shapes.validation_error(api.patch(ME, api.person(), json=body), loc)


def test_patch_refuses_fields_that_are_not_editable(api: Api) -> None:
    person = api.person()

    shapes.validation_error(api.patch(ME, person, json={"plan": "business"}))

    assert api.me(person)["plan"] == "free"


def test_a_422_does_not_echo_the_input(api: Api) -> None:
    secret = "Ada\u0000-do-not-echo-me"

    response = api.patch(ME, api.person(), json={"name": secret})

    shapes.validation_error(response)
    assert "do-not-echo-me" not in response.text
    assert "U+0000" in response.text


def test_invalid_json_is_422_not_500(api: Api) -> None:
    response = api.patch(ME, api.person(), content=b"{not json", headers={"Content-Type": "application/json"})

    shapes.validation_error(response)


def test_delete_removes_the_user_and_the_next_sign_in_starts_afresh(api: Api) -> None:
    person = api.person()
    first = api.me(person)
    api.patch(ME, person, json={"name": "Renamed"})

    response = api.delete(ME, person)

    assert response.status_code == 204 and response.content == b""
    again = api.me(person)
    assert again["id"] != first["id"] and again["name"] == person.name


def test_profile_claims_are_stored_without_control_characters(contract: Contract) -> None:
    api = contract.api
    person = api.person()

    claims = contract.auth.name_claims("Ada\u0000 Love\u202elace")

    response = api.get(ME, token=api.token(person, **claims))

    assert response.status_code == 200, response.text
    assert response.json()["name"] == "Ada Lovelace"


@pytest.mark.starter
def test_starter_has_no_organization_endpoints(api: Api) -> None:
    person = api.person()
    for method, path in [("GET", "/api/orgs"), ("POST", "/api/orgs"), ("GET", "/api/flags"),
                         ("POST", "/api/invitations/accept")]:
        assert api.call(method, path, person, json={}).status_code in (404, 405), path
