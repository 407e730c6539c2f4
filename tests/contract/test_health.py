"""GET /api/health: 200 with the database up, 503 (never 500) when it is gone."""

from kit import shapes
from kit.client import Api
from kit.server import BackendServer


def test_health_answers_ok_with_the_database_up(api: Api) -> None:
    response = api.get("/api/health")

    assert response.status_code == 200
    body = shapes.check(response.json(), shapes.HEALTH, "Health")
    assert body["status"] == "ok" and body["database"] == "ok" and body["version"]


def test_health_answers_503_when_the_database_is_unreachable(dead_database_backend: BackendServer) -> None:
    import httpx

    response = httpx.get(f"{dead_database_backend.url}/api/health", timeout=30)

    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable"}


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
