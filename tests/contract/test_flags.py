"""Feature flags (Pro and Agency): superusers manage them, everyone gets them evaluated
server-side: a user override wins, then an org override, then `enabled` and the rollout."""

import hashlib
import uuid

import pytest

from conftest import SUPERUSER_EMAIL, Contract
from kit import shapes
from kit.auth import Person
from kit.client import Api, at_once
from kit.orgs import create_org, user_id

pytestmark = pytest.mark.pro


def new_key() -> str:
    return f"contract.{uuid.uuid4().hex[:12]}"


def upsert(api: Api, su: Person, key: str, enabled: bool = True, rollout: int = 100):  # type: ignore[no-untyped-def]
    response = api.put(f"/api/admin/flags/{key}", su, json={"description": "contract", "enabled": enabled,
                                                            "rollout_percentage": rollout})
    assert response.status_code == 200, response.text
    return shapes.check(response.json(), shapes.FLAG, "Flag")


def flags_of(api: Api, person: Person, org_id: str | None = None) -> dict[str, bool]:
    response = api.get("/api/flags", person, params={"org_id": org_id} if org_id else None)
    assert response.status_code == 200, response.text
    return dict(shapes.check(response.json(), {"flags": dict}, "FlagValues")["flags"])


def test_only_superusers_manage_flags(contract: Contract, api: Api) -> None:
    person = api.person()
    key = new_key()

    shapes.error(api.get("/api/admin/flags", person), 403, "superuser only")
    shapes.error(api.put(f"/api/admin/flags/{key}", person, json={"enabled": True, "rollout_percentage": 1}), 403)
    flag = upsert(api, contract.superuser, key, True, 40)
    assert (flag["key"], flag["enabled"], flag["rollout_percentage"]) == (key, True, 40)


def test_a_verified_superuser_email_counts_and_an_unverified_one_never(api: Api) -> None:
    verified = Person(f"sub-{uuid.uuid4().hex}", SUPERUSER_EMAIL, "Root")
    unverified = Person(f"sub-{uuid.uuid4().hex}", SUPERUSER_EMAIL, "Root", email_verified=False)

    assert api.get("/api/admin/flags", verified).status_code == 200
    shapes.error(api.get("/api/admin/flags", unverified), 403, "superuser only")


def test_enabled_at_full_rollout_is_on_and_disabled_is_off(contract: Contract, api: Api) -> None:
    on, off = new_key(), new_key()
    upsert(api, contract.superuser, on, True, 100)
    upsert(api, contract.superuser, off, False, 100)

    values = flags_of(api, api.person())

    assert (values[on], values[off]) == (True, False)


def test_the_rollout_follows_the_documented_hash(contract: Contract, api: Api) -> None:
    key = new_key()
    upsert(api, contract.superuser, key, True, 50)
    people = [api.person() for _ in range(12)]

    for person in people:
        uid = user_id(api, person)
        bucket = int.from_bytes(hashlib.sha256(f"{key}:{uid}".encode()).digest()[:4], "big") % 100
        assert flags_of(api, person)[key] is (bucket < 50)


def test_a_user_override_beats_an_org_override_which_beats_the_rollout(contract: Contract, api: Api) -> None:
    su, key = contract.superuser, new_key()
    upsert(api, su, key, False, 0)
    owner = api.person("owner")
    org = create_org(api, owner)
    path = f"/api/admin/flags/{key}/overrides"

    on_for_org = api.put(path, su, json={"org_id": org["id"], "enabled": True})
    assert on_for_org.status_code == 200 and on_for_org.json()["org_overrides"] == {org["id"]: True}
    assert flags_of(api, owner, org["id"])[key] is True
    assert flags_of(api, owner)[key] is False
    api.put(path, su, json={"user_id": user_id(api, owner), "enabled": False})
    assert flags_of(api, owner, org["id"])[key] is False
    removed = api.put(path, su, json={"user_id": user_id(api, owner), "enabled": None})
    assert removed.json()["user_overrides"] == {}
    assert flags_of(api, owner, org["id"])[key] is True


def test_flags_of_an_org_the_caller_is_not_in_are_404(api: Api) -> None:
    org = create_org(api, api.person())
    shapes.error(api.get("/api/flags", api.person(), params={"org_id": org["id"]}), 404)


def test_two_concurrent_upserts_store_one_flag(contract: Contract, api: Api) -> None:
    key = new_key()

    responses = at_once([lambda: api.put(f"/api/admin/flags/{key}", contract.superuser,
                                         json={"enabled": True, "rollout_percentage": 10})] * 2)

    assert [r.status_code for r in responses] == [200, 200]
    assert list(flags_of(api, api.person())).count(key) == 1


@pytest.mark.parametrize(("key", "body"), [
    ("Bad Key", {"enabled": True, "rollout_percentage": 1}),
    ("ok", {"enabled": True, "rollout_percentage": 101}),
    ("ok", {"enabled": True, "rollout_percentage": -1}),
    ("ok", {"rollout_percentage": 1}),
])
def test_bad_flag_input_is_422(contract: Contract, api: Api, key: str, body: dict[str, object]) -> None:
    shapes.validation_error(api.put(f"/api/admin/flags/{key}", contract.superuser, json=body))


def test_an_override_needs_exactly_one_subject_and_a_known_one(contract: Contract, api: Api) -> None:
    su, key = contract.superuser, new_key()
    upsert(api, su, key)
    path = f"/api/admin/flags/{key}/overrides"

    shapes.validation_error(api.put(path, su, json={"enabled": True}))
    shapes.error(api.put(path, su, json={"user_id": str(uuid.uuid4()), "enabled": True}), 404)
    shapes.error(api.put(f"/api/admin/flags/{new_key()}/overrides", su,
                         json={"user_id": user_id(api, su), "enabled": True}), 404)
