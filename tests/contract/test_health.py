"""GET /api/health with the database up, the security headers, the OpenAPI document."""

from kit import shapes
from kit.auth import FRONTEND_ORIGIN
from kit.client import Api


def test_health_answers_ok_with_the_database_up(api: Api) -> None:
    response = api.get("/api/health")

    assert response.status_code == 200
    body = shapes.check(response.json(), shapes.HEALTH, "Health")
    assert body["status"] == "ok" and body["database"] == "ok" and body["version"]


def test_every_response_carries_the_security_headers(api: Api) -> None:
    headers = api.get("/api/billing/plans").headers

    assert headers["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'none'"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert "max-age=" in headers["Strict-Transport-Security"]


def test_the_openapi_document_is_served(api: Api) -> None:
    response = api.get("/api/openapi.json")

    assert response.status_code == 200
    assert "/api/health" in response.json()["paths"]


def test_cors_allows_only_the_allowed_origins(api: Api) -> None:
    preflight = {"Access-Control-Request-Method": "PATCH", "Access-Control-Request-Headers": "authorization"}

    allowed = api.call("OPTIONS", "/api/users/me", headers={"Origin": FRONTEND_ORIGIN, **preflight})
    refused = api.call("OPTIONS", "/api/users/me", headers={"Origin": "https://evil.example.com", **preflight})

    assert allowed.status_code == 200
    assert allowed.headers["Access-Control-Allow-Origin"] == FRONTEND_ORIGIN
    assert "Access-Control-Allow-Origin" not in refused.headers
