"""Who a subscription belongs to, whatever the tier: the user on Starter, an organization
(created by its owner) on Pro and Agency. Billing tests use this one shape for both.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kit.auth import FRONTEND_ORIGIN, Person
from kit.client import Api


@dataclass
class Owner:
    api: Api
    person: Person
    id: str
    is_org: bool

    @property
    def key(self) -> str:
        """The checkout metadata key the webhooks carry the owner's id in."""
        return "organization_id" if self.is_org else "user_id"

    def state(self) -> tuple[str, str]:
        """(plan, subscription_status) as the API shows them."""
        path = f"/api/orgs/{self.id}" if self.is_org else "/api/users/me"
        response = self.api.get(path, self.person)
        assert response.status_code == 200, response.text
        body = response.json()
        return body["plan"], body["subscription_status"]

    def body(self, **fields: Any) -> dict[str, Any]:
        """A checkout or portal body for this owner (Pro adds `org_id`)."""
        return {**({"org_id": self.id} if self.is_org else {}), **fields}

    def checkout(self, plan: str = "pro", **urls: str) -> dict[str, Any]:
        return self.body(plan=plan, success_url=urls.get("success_url", f"{FRONTEND_ORIGIN}/billing?ok=1"),
                         cancel_url=urls.get("cancel_url", f"{FRONTEND_ORIGIN}/billing"))

    def delete(self) -> Any:
        """Deletes what owns the subscription: the organization, or the user's account."""
        path = f"/api/orgs/{self.id}" if self.is_org else "/api/users/me"
        return self.api.delete(path, self.person)

    def exists(self) -> bool:
        if self.is_org:
            return self.api.get(f"/api/orgs/{self.id}", self.person).status_code == 200
        return self.api.me(self.person)["id"] == self.id


def new_owner(api: Api, is_pro: bool, label: str = "owner") -> Owner:
    person = api.person(label)
    if not is_pro:
        return Owner(api, person, api.me(person)["id"], False)
    response = api.post("/api/orgs", person, json={"name": f"{label} org"})
    assert response.status_code == 201, response.text
    return Owner(api, person, response.json()["id"], True)
