"""The OpenAPI document the frontend's typed client is generated from."""

import json

import pytest
from httpx import AsyncClient

from app import openapi


async def test_openapi_is_served_under_api(client: AsyncClient) -> None:
    response = await client.get("/api/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert "/api/health" in document["paths"]
    assert "/api/users/me" in document["paths"]
    assert set(document["paths"]["/api/users/me"]) == {"get", "patch", "delete"}


async def test_operation_ids_are_readable(client: AsyncClient) -> None:
    document = (await client.get("/api/openapi.json")).json()
    assert document["paths"]["/api/users/me"]["get"]["operationId"] == "get_current_user"
    assert "User" in document["components"]["schemas"]


def test_openapi_module_prints_the_document(capsys: pytest.CaptureFixture[str]) -> None:
    openapi.main()
    document = json.loads(capsys.readouterr().out)
    assert document["openapi"].startswith("3.")
    assert "/api/health" in document["paths"]


async def test_error_answers_are_documented(client: AsyncClient) -> None:
    document = (await client.get("/api/openapi.json")).json()
    responses = document["paths"]["/api/users/me"]["get"]["responses"]
    assert responses["401"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ErrorDetail"
    }
    assert {"401", "429", "503"} <= set(responses)
    assert document["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
