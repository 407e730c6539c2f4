"""Organizations and their members, set up through the API itself (Pro and Agency)."""

from __future__ import annotations

from typing import Any

from kit.auth import Person
from kit.client import Api


def create_org(api: Api, owner: Person, name: str = "Acme") -> dict[str, Any]:
    response = api.post("/api/orgs", owner, json={"name": name})
    assert response.status_code == 201, response.text
    return dict(response.json())


def invite(api: Api, org_id: str, by: Person, email: str, role: str = "member") -> dict[str, Any]:
    response = api.post(f"/api/orgs/{org_id}/invitations", by, json={"email": email, "role": role})
    assert response.status_code == 201, response.text
    return dict(response.json())


def add_member(api: Api, org_id: str, by: Person, role: str = "member", label: str = "member") -> Person:
    """A new person who joined `org_id` with `role` through an invitation; their user id is
    `api.me(person)["id"]`."""
    person = api.person(label)
    token = invite(api, org_id, by, person.email, role)["token"]
    response = api.post("/api/invitations/accept", person, json={"token": token})
    assert response.status_code == 200, response.text
    return person


def user_id(api: Api, person: Person) -> str:
    return str(api.me(person)["id"])
