"""A second backend of the same project whose database and auth provider are gone, with
a per-IP rate limit of 5/minute: 503 health, 503 authentication, 429 with Retry-After.
The tests run in this order (the rate limit is reached last)."""

import httpx
import pytest

from conftest import Contract
from kit import auth, shapes
from kit.server import BackendServer, dead_port

RATE_LIMIT_PER_IP = 5


@pytest.fixture(scope="module")
def degraded(contract: Contract):  # type: ignore[no-untyped-def]
    """DATABASE_URL and the JWKS on ports nothing listens on."""
    gone = f"127.0.0.1:{dead_port()}"
    unreachable = auth.provider_at(contract.answers.auth, f"http://{gone}", f"https://{gone}")
    server = contract.start_backend("degraded", DATABASE_URL=f"postgresql://postgres@{gone}/gone",
                                    RATE_LIMIT_PER_IP=f"{RATE_LIMIT_PER_IP}/minute", **unreachable.env)
    yield server
    server.stop()


def test_health_is_503_when_the_database_is_unreachable(degraded: BackendServer) -> None:
    response = httpx.get(f"{degraded.url}/api/health", timeout=30)

    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable"}


def test_a_token_is_503_while_the_jwks_is_unreachable_and_nothing_is_cached(contract: Contract,
                                                                           degraded: BackendServer) -> None:
    token = contract.api.token(contract.api.person())

    response = httpx.get(f"{degraded.url}/api/users/me", headers={"Authorization": f"Bearer {token}"}, timeout=30)

    shapes.error(response, 503, "authentication temporarily unavailable")


def test_the_per_ip_limit_answers_429_with_retry_after_and_spares_health(degraded: BackendServer) -> None:
    statuses = []
    for _ in range(RATE_LIMIT_PER_IP + 1):
        response = httpx.get(f"{degraded.url}/api/billing/plans", timeout=30,
                             headers={"Origin": auth.FRONTEND_ORIGIN})
        statuses.append(response.status_code)

    assert statuses[-1] == 429 and set(statuses[:-1]) <= {200, 429}
    shapes.error(response, 429, "rate limit exceeded")
    assert int(response.headers["Retry-After"]) > 0
    assert response.headers["Access-Control-Allow-Origin"] == auth.FRONTEND_ORIGIN
    assert httpx.get(f"{degraded.url}/api/health", timeout=30).status_code == 503
