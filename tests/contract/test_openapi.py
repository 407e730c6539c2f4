"""GET /api/openapi.json lists exactly the contract's endpoints for these answers
(docs/api-contract.md), so the frontend's generated client sees the same API on every
backend. Comparing two backends' documents in detail is openapi_diff.py's job."""

from conftest import Answers
from kit.client import Api

EVERY_TIER = {("GET", "/api/health"), ("GET", "/api/users/me"), ("PATCH", "/api/users/me"),
              ("DELETE", "/api/users/me"), ("GET", "/api/billing/plans")}
BILLING = {("POST", "/api/billing/checkout"), ("POST", "/api/billing/portal")}
PRO = {("GET", "/api/orgs"), ("POST", "/api/orgs"), ("GET", "/api/orgs/{org_id}"),
       ("PATCH", "/api/orgs/{org_id}"), ("DELETE", "/api/orgs/{org_id}"),
       ("GET", "/api/orgs/{org_id}/members"), ("PATCH", "/api/orgs/{org_id}/members/{user_id}"),
       ("DELETE", "/api/orgs/{org_id}/members/{user_id}"), ("GET", "/api/orgs/{org_id}/invitations"),
       ("POST", "/api/orgs/{org_id}/invitations"),
       ("DELETE", "/api/orgs/{org_id}/invitations/{invitation_id}"), ("POST", "/api/invitations/accept"),
       ("GET", "/api/orgs/{org_id}/audit-log"), ("GET", "/api/flags"), ("GET", "/api/admin/flags"),
       ("PUT", "/api/admin/flags/{key}"), ("PUT", "/api/admin/flags/{key}/overrides")}
PAGED = ["/api/orgs", "/api/orgs/{org_id}/members", "/api/orgs/{org_id}/invitations", "/api/admin/flags"]


def expected(answers: Answers) -> set[tuple[str, str]]:
    endpoints = set(EVERY_TIER)
    if answers.billing != "none":
        endpoints |= BILLING | {("POST", f"/api/webhooks/{answers.billing}")}
    if answers.is_pro:
        endpoints |= PRO
    return endpoints


def operations(api: Api) -> dict[tuple[str, str], dict]:  # type: ignore[type-arg]
    document = api.get("/api/openapi.json").json()
    return {(method.upper(), path): op for path, item in document["paths"].items()
            for method, op in item.items() if method != "parameters"}


def test_the_document_lists_exactly_the_contracts_endpoints(api: Api, answers: Answers) -> None:
    assert set(operations(api)) == expected(answers)


def test_paged_lists_declare_limit_and_cursor(api: Api, answers: Answers) -> None:
    ops = operations(api)
    for path in (PAGED if answers.is_pro else []):
        names = {p["name"] for p in ops[("GET", path)].get("parameters", [])}
        assert {"limit", "cursor"} <= names, path


def test_authenticated_endpoints_declare_401_and_public_ones_do_not(api: Api) -> None:
    ops = operations(api)
    public = {("GET", "/api/health"), ("GET", "/api/billing/plans")}
    for key, op in ops.items():
        if key in public or key[1].startswith("/api/webhooks/"):
            assert "401" not in op["responses"], key
        else:
            assert "401" in op["responses"], key
