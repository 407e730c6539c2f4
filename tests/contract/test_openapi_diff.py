"""openapi_diff.py, on small documents (no backend needed):
`pytest -c tests/contract/pytest.ini tests/contract/test_openapi_diff.py`."""

import copy
import json
from pathlib import Path

import openapi_diff

DOC = {
    "openapi": "3.1.0",
    "paths": {
        "/api/orgs": {
            "get": {"parameters": [{"name": "limit", "in": "query", "required": False},
                                   {"name": "cursor", "in": "query", "required": False}],
                    "responses": {"200": {}, "401": {}, "422": {}}},
            "post": {"responses": {"201": {}, "401": {}}},
        },
        "/api/orgs/{org_id}": {
            "parameters": [{"name": "org_id", "in": "path", "required": True}],
            "get": {"responses": {"200": {}, "404": {}}},
        },
    },
}


def changed(edit) -> dict:  # type: ignore[no-untyped-def, type-arg]
    doc = copy.deepcopy(DOC)
    edit(doc)
    return doc


def test_identical_documents_have_no_differences() -> None:
    assert openapi_diff.differences(DOC, copy.deepcopy(DOC)) == []


def test_wording_and_schemas_do_not_count() -> None:
    other = changed(lambda d: d["paths"]["/api/orgs"]["post"].update(summary="Create", requestBody={"x": 1}))
    assert openapi_diff.differences(DOC, other) == []


def test_a_removed_path_is_reported() -> None:
    other = changed(lambda d: d["paths"].pop("/api/orgs/{org_id}"))
    assert openapi_diff.differences(DOC, other) == ["GET /api/orgs/{org_id}: only in left"]


def test_a_removed_method_is_reported() -> None:
    other = changed(lambda d: d["paths"]["/api/orgs"].pop("post"))
    assert openapi_diff.differences(other, DOC, ("axum", "fastapi")) == ["POST /api/orgs: only in fastapi"]


def test_a_removed_parameter_is_reported() -> None:
    other = changed(lambda d: d["paths"]["/api/orgs"]["get"]["parameters"].pop())
    assert openapi_diff.differences(DOC, other) == ["GET /api/orgs: parameter query `cursor` only in left"]


def test_a_path_level_parameter_counts_for_each_method() -> None:
    other = changed(lambda d: d["paths"]["/api/orgs/{org_id}"].pop("parameters"))
    assert openapi_diff.differences(DOC, other) == ["GET /api/orgs/{org_id}: parameter path `org_id` only in left"]


def test_a_parameter_required_on_one_side_only_is_reported() -> None:
    other = changed(lambda d: d["paths"]["/api/orgs"]["get"]["parameters"][0].update(required=True))
    assert openapi_diff.differences(DOC, other) == ["GET /api/orgs: parameter query `limit` required in right only"]


def test_a_removed_or_added_status_is_reported() -> None:
    def edit(d: dict) -> None:  # type: ignore[type-arg]
        responses = d["paths"]["/api/orgs"]["get"]["responses"]
        responses.pop("422")
        responses["429"] = {}

    assert openapi_diff.differences(DOC, changed(edit)) == [
        "GET /api/orgs: status 422 only in left",
        "GET /api/orgs: status 429 only in right",
    ]


def test_the_command_exits_1_and_prints_the_differences(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    left, right = tmp_path / "a.json", tmp_path / "b.json"
    left.write_text(json.dumps(DOC))
    right.write_text(json.dumps(changed(lambda d: d["paths"].pop("/api/orgs/{org_id}"))))

    assert openapi_diff.main(["openapi_diff.py", str(left), str(left)]) == 0
    assert openapi_diff.main(["openapi_diff.py", str(left), str(right)]) == 1
    assert "GET /api/orgs/{org_id}: only in" in capsys.readouterr().out
