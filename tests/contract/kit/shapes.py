"""The JSON shapes of docs/api-contract.md ("Schemas"), checked key for key.

A shape lists every key an object must have, with the types its value may take; an extra
key fails as much as a missing one, so two backends cannot drift apart silently.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import httpx

NULL = type(None)
UUID = "uuid"
TIME = "time"

PLAN_IDS = {"free", "pro", "business"}
STATUSES = {"none", "trialing", "active", "past_due", "canceled"}
ROLES = {"owner", "admin", "member"}

USER = {"id": UUID, "email": (str, NULL), "name": (str, NULL), "avatar_url": (str, NULL),
        "plan": str, "subscription_status": str, "created_at": TIME}
PLAN = {"id": str, "name": str, "description": str, "price_monthly_cents": int, "currency": str,
        "features": list, "purchasable": bool}
ORGANIZATION = {"id": UUID, "name": str, "slug": str, "plan": str, "subscription_status": str,
                "role": str, "created_at": TIME}
MEMBER = {"user_id": UUID, "email": (str, NULL), "name": (str, NULL), "role": str, "joined_at": TIME}
INVITATION = {"id": UUID, "email": str, "role": str, "status": str, "expires_at": TIME, "created_at": TIME}
INVITATION_CREATED = {**INVITATION, "token": str}
AUDIT_ENTRY = {"id": UUID, "action": str, "actor_id": (UUID, NULL), "target": (str, NULL),
               "metadata": dict, "created_at": TIME}
FLAG = {"key": str, "description": str, "enabled": bool, "rollout_percentage": int,
        "user_overrides": dict, "org_overrides": dict}
HEALTH = {"status": str, "database": str, "version": str}


def _is(value: Any, kind: Any) -> bool:
    if isinstance(kind, tuple):
        return any(_is(value, k) for k in kind)
    if kind == UUID:
        return isinstance(value, str) and _parses(uuid.UUID, value)
    if kind == TIME:
        return isinstance(value, str) and _parses(datetime.fromisoformat, value.replace("Z", "+00:00"))
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, kind)


def _parses(parse: Any, value: str) -> bool:
    try:
        parse(value)
    except ValueError:
        return False
    return True


def check(obj: Any, shape: dict[str, Any], what: str = "object") -> dict[str, Any]:
    """`obj` has exactly the keys of `shape`, each of an allowed type; returns `obj`."""
    assert isinstance(obj, dict), f"{what} is not an object: {obj!r}"
    assert set(obj) == set(shape), f"{what} keys {sorted(obj)} != {sorted(shape)}"
    wrong = {k: obj[k] for k, kind in shape.items() if not _is(obj[k], kind)}
    assert not wrong, f"{what} has values of the wrong type: {wrong}"
    return obj


def user(obj: Any) -> dict[str, Any]:
    check(obj, USER, "User")
    assert obj["plan"] in PLAN_IDS and obj["subscription_status"] in STATUSES
    return obj


def organization(obj: Any) -> dict[str, Any]:
    check(obj, ORGANIZATION, "Organization")
    assert obj["plan"] in PLAN_IDS and obj["subscription_status"] in STATUSES and obj["role"] in ROLES
    return obj


def member(obj: Any) -> dict[str, Any]:
    check(obj, MEMBER, "Member")
    assert obj["role"] in ROLES
    return obj


def page(response: httpx.Response, item: Any) -> dict[str, Any]:
    """A 200 `Page<T>`: `{items, next_cursor}`, every item of the shape `item` checks."""
    assert response.status_code == 200, response.text
    body = check(response.json(), {"items": list, "next_cursor": (str, NULL)}, "Page")
    for entry in body["items"]:
        item(entry) if callable(item) else check(entry, item)
    return body


def error(response: httpx.Response, status: int, detail: str | None = None) -> dict[str, Any]:
    """An error answer: `status` and `{"detail": "..."}` (the exact text when given)."""
    assert response.status_code == status, f"expected {status}, got {response.status_code}: {response.text}"
    body = response.json()
    assert isinstance(body, dict) and isinstance(body.get("detail"), str), body
    if detail is not None:
        assert body["detail"] == detail, body
    return dict(body)


def validation_error(response: httpx.Response, loc: list[Any] | None = None) -> list[dict[str, Any]]:
    """A 422 with `{"detail": [{loc, msg, type}, ...]}`; `loc` must be among the locations."""
    assert response.status_code == 422, f"expected 422, got {response.status_code}: {response.text}"
    errors = response.json()["detail"]
    assert isinstance(errors, list) and errors
    for entry in errors:
        assert {"loc", "msg", "type"} <= set(entry), entry
    if loc is not None:
        assert any(list(e["loc"]) == loc for e in errors), errors
    return list(errors)
