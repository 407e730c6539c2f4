"""Token validation against the provider's JWKS: what is accepted, what is refused with
401 + `WWW-Authenticate: Bearer`, and key rotation with a floor on refetches."""

import base64
import json
import time

import httpx
import jwt
import pytest

from conftest import JWKS_MIN_REFETCH_SECONDS, Contract
from kit import shapes
from kit.client import Api, at_once
from kit.jwks import SigningKey

ME = "/api/users/me"


def unauthorized(response) -> None:  # type: ignore[no-untyped-def]
    shapes.error(response, 401)
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("algorithm", ["RS256", "ES256"])
def test_a_provider_token_signed_with_a_published_key_is_accepted(api: Api, algorithm: str) -> None:
    person = api.person()

    response = api.get(ME, token=api.token(person, key=api.keys.key(algorithm)))

    assert response.status_code == 200, response.text
    assert shapes.user(response.json())["email"] == person.email


def test_no_token_is_401(api: Api) -> None:
    unauthorized(api.get(ME))


def test_a_token_that_is_not_a_jwt_is_401(api: Api) -> None:
    unauthorized(api.get(ME, token="not-a-jwt"))


def test_an_expired_token_is_401(api: Api) -> None:
    person = api.person()
    past = int(time.time()) - 3600
    unauthorized(api.get(ME, token=api.token(person, iat=past - 600, nbf=past - 600, exp=past)))


def test_a_token_not_yet_valid_is_401(api: Api) -> None:
    future = int(time.time()) + 3600
    unauthorized(api.get(ME, token=api.token(api.person(), nbf=future, exp=future + 600)))


def test_a_token_from_another_issuer_is_401(api: Api) -> None:
    unauthorized(api.get(ME, token=api.token(api.person(), iss="https://evil.example.com/")))


def test_a_token_for_another_audience_is_401(contract: Contract) -> None:
    """`aud` for Auth0 and Supabase, `azp` (the frontend's origin) for Clerk."""
    api = contract.api
    wrong = {contract.auth.binding_claim: "https://evil.example.com"}
    unauthorized(api.get(ME, token=api.token(api.person(), **wrong)))


def test_a_token_without_subject_is_401(api: Api) -> None:
    unauthorized(api.get(ME, token=api.token(api.person(), sub=None)))


def test_an_hs256_token_is_401_whatever_its_secret(api: Api) -> None:
    claims = api.auth.claims(api.person())
    kid = api.keys.key("RS256").kid
    unauthorized(api.get(ME, token=jwt.encode(claims, "x" * 64, algorithm="HS256", headers={"kid": kid})))


def test_an_unsigned_token_is_401(api: Api) -> None:
    claims = api.auth.claims(api.person())
    header = base64.urlsafe_b64encode(json.dumps({"alg": "none", "typ": "JWT"}).encode()).rstrip(b"=")
    body = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=")
    unauthorized(api.get(ME, token=f"{header.decode()}.{body.decode()}."))


def test_a_token_with_a_tampered_signature_is_401(api: Api) -> None:
    token = api.token(api.person())
    head, body, sig = token.split(".")
    forged = sig[:-4] + ("AAAA" if not sig.endswith("AAAA") else "BBBB")
    unauthorized(api.get(ME, token=f"{head}.{body}.{forged}"))


def test_a_token_signed_by_an_unknown_key_is_401(api: Api) -> None:
    unauthorized(api.get(ME, token=api.token(api.person(), key=SigningKey.new("RS256"))))


def test_a_key_whose_algorithm_does_not_match_the_token_is_401(api: Api) -> None:
    """An ES256 key named by an RS256 token's `kid` (algorithm confusion)."""
    rsa = SigningKey.new("RS256")
    rsa.kid = api.keys.key("ES256").kid
    unauthorized(api.get(ME, token=api.token(api.person(), key=rsa)))


def test_a_rotated_key_is_fetched_once_and_forgeries_do_not_cause_refetches(contract: Contract) -> None:
    api, keys = contract.api, contract.keys
    stranger = SigningKey.new("RS256")
    forged = [api.token(api.person(), key=SigningKey(f"unknown-{n}", "RS256", stranger.private))
              for n in range(10)]
    api.me(api.person())  # the keys are cached now
    time.sleep(JWKS_MIN_REFETCH_SECONDS + 0.2)
    new_key = keys.rotate("ES256")
    before = keys.fetches

    assert api.get(ME, token=api.token(api.person(), key=new_key)).status_code == 200
    answers = at_once([lambda t=t: api.get(ME, token=t).status_code for t in forged])

    assert answers == [401] * 10
    assert keys.fetches - before == 1


def test_concurrent_first_requests_share_one_jwks_fetch(contract: Contract) -> None:
    """A backend that has fetched nothing yet: eight requests at once, one JWKS fetch."""
    server = contract.start_backend("cold-jwks")
    try:
        tokens = [contract.api.token(contract.api.person()) for _ in range(8)]
        before = contract.keys.fetches

        statuses = at_once([lambda t=t: httpx.get(f"{server.url}{ME}", timeout=30,
                                                  headers={"Authorization": f"Bearer {t}"}).status_code
                            for t in tokens])

        assert statuses == [200] * 8
        assert contract.keys.fetches - before == 1
    finally:
        server.stop()


@pytest.mark.supabase
def test_supabase_secret_mode_accepts_hs256_only(contract: Contract) -> None:
    """With SUPABASE_JWT_SECRET set (the legacy secret), HS256 tokens signed with it are the
    only ones accepted: never the JWKS keys, never another secret."""
    secret = "contract-suite-legacy-jwt-secret-0123456789"
    server = contract.start_backend("supabase-secret", SUPABASE_JWT_SECRET=secret)
    try:
        claims = contract.auth.claims(contract.api.person())

        def status(token: str) -> int:
            response = httpx.get(f"{server.url}{ME}", headers={"Authorization": f"Bearer {token}"}, timeout=30)
            return response.status_code

        assert status(jwt.encode(claims, secret, algorithm="HS256")) == 200
        assert status(jwt.encode(claims, "another-secret-of-enough-length-0123456789", algorithm="HS256")) == 401
        assert status(contract.keys.key("RS256").sign(claims)) == 401
    finally:
        server.stop()
