"""GET /api/metrics: Prometheus text, labelled by route template."""

import pytest
from httpx import AsyncClient

from app.core.config import settings


async def test_metrics_count_requests_by_route_template(
    client: AsyncClient, auth_headers: dict[str, str]
) -> None:
    await client.get("/api/health")
    await client.get("/api/orgs/00000000-0000-0000-0000-000000000000")
    await client.get("/api/no/such/path")
    response = await client.get("/api/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    text = response.text
    assert 'http_requests_total{method="GET",route="/api/health",status="200"}' in text
    assert 'route="/api/orgs/{org_id}"' in text
    assert 'route="unmatched"' in text
    assert "00000000-0000" not in text
    assert "http_request_duration_seconds_bucket" in text


async def test_a_made_up_method_is_counted_as_other(client: AsyncClient) -> None:
    # Any method name a client sends would otherwise become a new series, without limit.
    assert (await client.request("BREW", "/api/health")).status_code == 405
    text = (await client.get("/api/metrics")).text
    assert 'http_requests_total{method="other",route="/api/health",status="405"}' in text
    assert "BREW" not in text


async def test_metrics_token_is_required_when_set(
    client: AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings, "metrics_token", "s3cret")
    assert (await client.get("/api/metrics")).status_code == 401
    wrong = await client.get("/api/metrics", headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    right = await client.get("/api/metrics", headers={"Authorization": "Bearer s3cret"})
    assert right.status_code == 200


async def test_metrics_are_not_in_the_openapi_document(client: AsyncClient) -> None:
    document = (await client.get("/api/openapi.json")).json()
    assert "/api/metrics" not in document["paths"]
