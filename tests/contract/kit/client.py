"""The suite's one HTTP client: requests as a person (a freshly signed provider token), as a
raw token, or anonymously, against the backend under test.

httpx's Client is thread-safe, so concurrency tests share it from a thread pool.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import httpx

from kit.auth import AuthProvider, Person
from kit.jwks import KeySet, SigningKey

T = TypeVar("T")


class Api:
    def __init__(self, base_url: str, auth: AuthProvider, keys: KeySet) -> None:
        self.base_url = base_url
        self.auth = auth
        self.keys = keys
        self.http = httpx.Client(base_url=base_url, timeout=30,
                                 limits=httpx.Limits(max_connections=32, max_keepalive_connections=32))

    def person(self, label: str = "user", *, email_verified: bool = True) -> Person:
        return self.auth.new_person(label, email_verified=email_verified)

    def token(self, person: Person, *, key: SigningKey | None = None, **claims: Any) -> str:
        """A token the provider would issue to `person`, claims overridden (None drops one)."""
        return (key or self.keys.key("RS256")).sign(self.auth.claims(person, **claims))

    def call(self, method: str, path: str, who: Person | None = None, *, token: str | None = None,
             **kwargs: Any) -> httpx.Response:
        headers = dict(kwargs.pop("headers", {}) or {})
        if who is not None:
            token = self.token(who)
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        return self.http.request(method, path, headers=headers, **kwargs)

    def get(self, path: str, who: Person | None = None, **kw: Any) -> httpx.Response:
        return self.call("GET", path, who, **kw)

    def post(self, path: str, who: Person | None = None, **kw: Any) -> httpx.Response:
        return self.call("POST", path, who, **kw)

    def patch(self, path: str, who: Person | None = None, **kw: Any) -> httpx.Response:
        return self.call("PATCH", path, who, **kw)

    def put(self, path: str, who: Person | None = None, **kw: Any) -> httpx.Response:
        return self.call("PUT", path, who, **kw)

    def delete(self, path: str, who: Person | None = None, **kw: Any) -> httpx.Response:
        return self.call("DELETE", path, who, **kw)

    def me(self, who: Person) -> dict[str, Any]:
        """The person's user row, created on first sight."""
        response = self.get("/api/users/me", who)
        assert response.status_code == 200, response.text
        return dict(response.json())

    def close(self) -> None:
        self.http.close()


def at_once(calls: Iterable[Callable[[], T]], workers: int = 8) -> list[T]:
    """Runs the calls concurrently (one thread each) and returns their results in order."""
    todo = list(calls)
    with ThreadPoolExecutor(max(1, min(workers, len(todo)))) as pool:
        return list(pool.map(lambda call: call(), todo))
