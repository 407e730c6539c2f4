"""Token validation: signature, algorithms, claims, and the JWKS cache's behaviour."""

import asyncio
import base64
import hashlib
import hmac
import json
import time
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from httpx import AsyncClient

from app.core.auth import (
    AuthUnavailableError,
    InvalidTokenError,
    JWKSCache,
    TokenVerifier,
    VerifiedTokens,
    _parse_jwks,
)
from app.core.auth_provider import profile_from_claims
from app.core.config import settings
from tests.conftest import (
    FakeClock,
    FakeJWKS,
    SigningKey,
    TokenFactory,
    new_ec_key,
    new_rsa_key,
)


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unsigned_token(header: dict[str, Any], claims: dict[str, Any], signature: bytes) -> str:
    head = b64url(json.dumps(header).encode())
    body = b64url(json.dumps(claims).encode())
    return f"{head}.{body}.{b64url(signature)}"


def claims_of(make_token: TokenFactory) -> dict[str, Any]:
    token = make_token()
    return dict(json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "==")))


async def test_valid_rs256_token_is_accepted(
    verifier: TokenVerifier, make_token: TokenFactory
) -> None:
    claims = await verifier.verify(make_token(sub="user_42"))
    assert claims["sub"] == "user_42"


async def test_valid_es256_token_is_accepted(
    verifier: TokenVerifier,
    make_token: TokenFactory,
    jwks_server: FakeJWKS,
    signing_key: SigningKey,
    ec_signing_key: SigningKey,
) -> None:
    jwks_server.publish(signing_key, ec_signing_key)
    claims = await verifier.verify(make_token(key=ec_signing_key))
    assert claims["sub"] == "user_1"


async def test_expired_token_is_rejected(verifier: TokenVerifier, make_token: TokenFactory) -> None:
    now = int(time.time())
    with pytest.raises(InvalidTokenError, match="expired"):
        await verifier.verify(make_token(exp=now - 60, iat=now - 600, nbf=now - 600))


async def test_token_not_yet_valid_is_rejected(
    verifier: TokenVerifier, make_token: TokenFactory
) -> None:
    with pytest.raises(InvalidTokenError, match="not yet valid"):
        await verifier.verify(make_token(nbf=int(time.time()) + 120))


async def test_token_from_another_issuer_is_rejected(
    verifier: TokenVerifier, make_token: TokenFactory
) -> None:
    with pytest.raises(InvalidTokenError, match="issuer"):
        await verifier.verify(make_token(iss="https://evil.example"))


async def test_token_without_exp_is_rejected(
    verifier: TokenVerifier, make_token: TokenFactory
) -> None:
    with pytest.raises(InvalidTokenError):
        await verifier.verify(make_token(exp=None))


async def test_token_without_subject_is_rejected(
    verifier: TokenVerifier, make_token: TokenFactory
) -> None:
    with pytest.raises(InvalidTokenError):
        await verifier.verify(make_token(sub=None))


async def test_token_with_empty_subject_is_rejected(
    verifier: TokenVerifier, make_token: TokenFactory
) -> None:
    with pytest.raises(InvalidTokenError, match="subject"):
        await verifier.verify(make_token(sub=""))


@pytest.mark.parametrize("sub", ["user\x00_1", "user_\u202e1", " user_1", "u" * 256])
async def test_token_with_a_subject_that_cannot_be_stored_is_rejected(
    verifier: TokenVerifier, make_token: TokenFactory, sub: str
) -> None:
    with pytest.raises(InvalidTokenError, match="subject"):
        await verifier.verify(make_token(sub=sub))


async def test_longest_storable_subject_is_accepted(
    verifier: TokenVerifier, make_token: TokenFactory
) -> None:
    claims = await verifier.verify(make_token(sub="u" * 255))
    assert claims["sub"] == "u" * 255


async def test_alg_none_is_rejected(verifier: TokenVerifier, make_token: TokenFactory) -> None:
    token = unsigned_token({"alg": "none", "kid": "rsa-1"}, claims_of(make_token), b"")
    with pytest.raises(InvalidTokenError, match="algorithm"):
        await verifier.verify(token)


async def test_hs256_signed_with_the_public_key_is_rejected(
    verifier: TokenVerifier, make_token: TokenFactory, signing_key: SigningKey
) -> None:
    # The classic key-confusion attack: HMAC keyed with the (public) RSA key's PEM.
    pem = signing_key.private_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    header = {"alg": "HS256", "kid": signing_key.kid, "typ": "JWT"}
    head = b64url(json.dumps(header).encode())
    body = b64url(json.dumps(claims_of(make_token)).encode())
    signature = hmac.new(pem, f"{head}.{body}".encode(), hashlib.sha256).digest()
    with pytest.raises(InvalidTokenError, match="algorithm"):
        await verifier.verify(f"{head}.{body}.{b64url(signature)}")


async def test_algorithm_not_matching_the_key_is_rejected(
    verifier: TokenVerifier, make_token: TokenFactory, signing_key: SigningKey
) -> None:
    # An ES256 token that names the RSA key's id.
    impostor = SigningKey(signing_key.kid, "ES256", new_ec_key("x").private_key)
    with pytest.raises(InvalidTokenError, match="does not match"):
        await verifier.verify(make_token(key=impostor))


async def test_signature_from_another_key_with_a_known_kid_is_rejected(
    verifier: TokenVerifier, make_token: TokenFactory, signing_key: SigningKey
) -> None:
    forger = SigningKey(signing_key.kid, "RS256", new_rsa_key("x").private_key)
    with pytest.raises(InvalidTokenError, match="invalid token"):
        await verifier.verify(make_token(key=forger))


async def test_tampered_claims_are_rejected(
    verifier: TokenVerifier, make_token: TokenFactory
) -> None:
    head, _, signature = make_token().split(".")
    forged_body = b64url(json.dumps({**claims_of(make_token), "sub": "admin"}).encode())
    with pytest.raises(InvalidTokenError):
        await verifier.verify(f"{head}.{forged_body}.{signature}")


@pytest.fixture
def decodes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The tokens PyJWT decoded (signature checked) during the test, in order."""
    seen: list[str] = []
    decode = jwt.decode

    def counting(token: str, *args: Any, **kwargs: Any) -> Any:
        seen.append(token)
        return decode(token, *args, **kwargs)

    monkeypatch.setattr(jwt, "decode", counting)
    return seen


def remembering(verifier: TokenVerifier, tokens: VerifiedTokens) -> TokenVerifier:
    """`verifier` with its own store of verified tokens (a fake clock or a small bound)."""
    return TokenVerifier(
        verifier.keys,
        issuer=verifier.issuer,
        audience=verifier.audience,
        authorized_parties=verifier.authorized_parties,
        verified=tokens,
    )


async def test_a_repeated_token_is_verified_once(
    verifier: TokenVerifier, make_token: TokenFactory, decodes: list[str]
) -> None:
    token = make_token()
    first = await verifier.verify(token)
    first["sub"] = "changed by a caller"
    again = await verifier.verify(token)
    assert again["sub"] == "user_1"
    assert decodes == [token]


async def test_a_remembered_token_still_expires_on_time(
    verifier: TokenVerifier, make_token: TokenFactory, decodes: list[str]
) -> None:
    wall = FakeClock()
    wall.now = time.time()
    verifier = remembering(verifier, VerifiedTokens(clock=wall))
    token = make_token(exp=int(wall.now) + 60)
    await verifier.verify(token)
    wall.advance(59)
    await verifier.verify(token)
    assert len(decodes) == 1
    wall.advance(1)
    # Past `exp` (by the cache's clock) the token goes to PyJWT again, which checks `exp`.
    await verifier.verify(token)
    assert len(decodes) == 2


async def test_a_token_already_past_its_exp_is_never_remembered(
    verifier: TokenVerifier, make_token: TokenFactory, decodes: list[str]
) -> None:
    # Still accepted: within the leeway.
    token = make_token(exp=int(time.time()) - 2)
    await verifier.verify(token)
    await verifier.verify(token)
    assert len(decodes) == 2
    assert len(verifier.verified) == 0


async def test_a_remembered_token_is_refused_once_its_key_leaves_the_jwks(
    verifier: TokenVerifier,
    make_token: TokenFactory,
    jwks_server: FakeJWKS,
    clock: FakeClock,
) -> None:
    token = make_token()
    await verifier.verify(token)
    jwks_server.publish(new_rsa_key("rsa-2"))  # the old key revoked
    clock.advance(settings.jwks_cache_ttl_seconds + 1)
    with pytest.raises(InvalidTokenError, match="unknown signing key"):
        await verifier.verify(token)


async def test_a_remembered_token_is_verified_again_after_a_refetch(
    verifier: TokenVerifier,
    make_token: TokenFactory,
    clock: FakeClock,
    decodes: list[str],
) -> None:
    token = make_token()
    await verifier.verify(token)
    clock.advance(settings.jwks_cache_ttl_seconds + 1)
    await verifier.verify(token)
    await verifier.verify(token)
    assert decodes == [token, token]


async def test_a_tampered_token_never_hits_the_cache(
    verifier: TokenVerifier, make_token: TokenFactory, decodes: list[str]
) -> None:
    token = make_token()
    await verifier.verify(token)
    head, _, signature = token.split(".")
    forged_body = b64url(json.dumps({**claims_of(make_token), "sub": "admin"}).encode())
    forged = f"{head}.{forged_body}.{signature}"
    for _ in range(2):
        with pytest.raises(InvalidTokenError):
            await verifier.verify(forged)
    assert decodes == [token, forged, forged]
    assert len(verifier.verified) == 1


async def test_refused_tokens_are_never_remembered(
    verifier: TokenVerifier, make_token: TokenFactory, decodes: list[str]
) -> None:
    token = make_token(iss="https://elsewhere.test")
    for _ in range(2):
        with pytest.raises(InvalidTokenError, match="issuer"):
            await verifier.verify(token)
    assert len(decodes) == 2
    assert len(verifier.verified) == 0


async def test_the_least_recently_used_token_is_forgotten_first(
    verifier: TokenVerifier, make_token: TokenFactory, decodes: list[str]
) -> None:
    verifier = remembering(verifier, VerifiedTokens(max_entries=2))
    first, second, third = (make_token(sub=f"user_{n}") for n in range(3))
    for token in (first, second, first, third, first, second):
        await verifier.verify(token)
    assert decodes == [first, second, third, second]


@pytest.mark.parametrize("token", ["", "not-a-jwt", "a.b.c", "e30.e30"])
async def test_malformed_tokens_are_rejected(verifier: TokenVerifier, token: str) -> None:
    with pytest.raises(InvalidTokenError):
        await verifier.verify(token)


async def test_token_without_kid_is_rejected(
    verifier: TokenVerifier, make_token: TokenFactory, jwks_server: FakeJWKS
) -> None:
    token = make_token(headers={"kid": None})
    with pytest.raises(InvalidTokenError, match="key id"):
        await verifier.verify(token)
    assert jwks_server.fetches == 0


async def test_unknown_kid_refetches_and_accepts_a_rotated_key(
    verifier: TokenVerifier,
    make_token: TokenFactory,
    jwks_server: FakeJWKS,
    clock: FakeClock,
) -> None:
    await verifier.verify(make_token())
    assert jwks_server.fetches == 1
    rotated = new_rsa_key("rsa-2")
    jwks_server.publish(rotated)
    clock.advance(31)
    claims = await verifier.verify(make_token(key=rotated))
    assert claims["sub"] == "user_1"
    assert jwks_server.fetches == 2


async def test_unknown_kid_refetch_has_a_floor(
    verifier: TokenVerifier,
    make_token: TokenFactory,
    jwks_server: FakeJWKS,
    clock: FakeClock,
) -> None:
    await verifier.verify(make_token())
    unknown = new_rsa_key("rsa-unknown")
    for _ in range(5):
        with pytest.raises(InvalidTokenError, match="unknown signing key"):
            await verifier.verify(make_token(key=unknown))
    # Within the floor (30 s) a flood of unknown kids cannot reach the provider.
    assert jwks_server.fetches == 1
    jwks_server.publish(unknown)
    clock.advance(30)
    await verifier.verify(make_token(key=unknown))
    assert jwks_server.fetches == 2


async def test_concurrent_first_requests_share_one_fetch(
    verifier: TokenVerifier, make_token: TokenFactory, jwks_server: FakeJWKS
) -> None:
    jwks_server.delay = 0.2
    tokens = [make_token(sub=f"user_{n}") for n in range(10)]
    results = await asyncio.gather(*(verifier.verify(token) for token in tokens))
    assert [claims["sub"] for claims in results] == [f"user_{n}" for n in range(10)]
    assert jwks_server.fetches == 1


async def test_keys_are_cached_between_requests(
    verifier: TokenVerifier, make_token: TokenFactory, jwks_server: FakeJWKS
) -> None:
    for _ in range(3):
        await verifier.verify(make_token())
    assert jwks_server.fetches == 1


async def test_keys_are_refetched_after_the_ttl(
    verifier: TokenVerifier,
    make_token: TokenFactory,
    jwks_server: FakeJWKS,
    clock: FakeClock,
) -> None:
    await verifier.verify(make_token())
    clock.advance(settings.jwks_cache_ttl_seconds + 1)
    await verifier.verify(make_token())
    assert jwks_server.fetches == 2


async def test_stale_keys_are_used_while_the_jwks_is_down(
    verifier: TokenVerifier,
    make_token: TokenFactory,
    jwks_server: FakeJWKS,
    clock: FakeClock,
) -> None:
    await verifier.verify(make_token())
    jwks_server.status = 500
    clock.advance(settings.jwks_cache_ttl_seconds + 1)
    claims = await verifier.verify(make_token())
    assert claims["sub"] == "user_1"
    assert jwks_server.fetches == 2


async def test_jwks_down_without_cached_keys_is_unavailable(
    verifier: TokenVerifier, make_token: TokenFactory, jwks_server: FakeJWKS
) -> None:
    jwks_server.status = 503
    with pytest.raises(AuthUnavailableError):
        await verifier.verify(make_token())
    # The floor also protects a provider that is down: no retry storm.
    with pytest.raises(AuthUnavailableError):
        await verifier.verify(make_token())
    assert jwks_server.fetches == 1


async def test_invalid_jwks_document_is_unavailable(
    verifier: TokenVerifier, make_token: TokenFactory, jwks_server: FakeJWKS
) -> None:
    jwks_server.body = b"<html>maintenance</html>"
    with pytest.raises(AuthUnavailableError):
        await verifier.verify(make_token())


async def test_unreachable_jwks_is_unavailable(make_token: TokenFactory) -> None:
    # Port 9 (discard) on localhost: nothing listens, the connection is refused.
    jwks = JWKSCache(
        "http://127.0.0.1:9/jwks.json",
        ttl_seconds=60,
        min_refetch_seconds=30,
        timeout_seconds=1,
    )
    verifier = TokenVerifier(jwks, issuer="https://issuer.test", audience=None)
    with pytest.raises(AuthUnavailableError):
        await verifier.verify(make_token())


def test_jwks_parsing_keeps_only_asymmetric_signing_keys(
    signing_key: SigningKey, ec_signing_key: SigningKey
) -> None:
    p384 = {**ec_signing_key.jwk, "kid": "p384", "crv": "P-384"}
    document = {
        "keys": [
            signing_key.jwk,
            ec_signing_key.jwk,
            {"kty": "oct", "kid": "hmac", "k": "c2VjcmV0"},
            {**signing_key.jwk, "kid": "enc", "use": "enc"},
            {**signing_key.jwk, "kid": "rs512", "alg": "RS512"},
            p384,
            {"kty": "RSA", "kid": "broken", "n": "AQAB"},
            {"kid": "no-kty"},
            "not-a-key",
        ]
    }
    assert sorted(_parse_jwks(document)) == ["ec-1", "rsa-1"]


@pytest.mark.parametrize("document", [[], {"keys": "nope"}, "text", None])
def test_jwks_parsing_refuses_non_jwks_documents(document: Any) -> None:
    with pytest.raises(ValueError, match="JWKS"):
        _parse_jwks(document)


async def test_missing_bearer_token_answers_401(client: AsyncClient) -> None:
    response = await client.get("/api/users/me")
    assert response.status_code == 401
    assert response.json() == {"detail": "not authenticated"}
    assert response.headers["www-authenticate"] == "Bearer"


async def test_invalid_token_answers_401_with_www_authenticate(client: AsyncClient) -> None:
    response = await client.get("/api/users/me", headers={"Authorization": "Bearer nope"})
    assert response.status_code == 401
    assert response.json() == {"detail": "malformed token"}
    assert response.headers["www-authenticate"] == "Bearer"


async def test_jwks_outage_answers_503(
    client: AsyncClient, make_token: TokenFactory, jwks_server: FakeJWKS
) -> None:
    jwks_server.status = 500
    response = await client.get(
        "/api/users/me", headers={"Authorization": f"Bearer {make_token()}"}
    )
    assert response.status_code == 503
    assert response.json() == {"detail": "authentication temporarily unavailable"}


@pytest.mark.parametrize("claim", [False, "true", 1, None])
def test_email_is_verified_only_by_a_true_email_verified_claim(claim: object) -> None:
    claims = {"sub": "u", "email": "admin@example.com", "email_verified": claim}
    profile = profile_from_claims({k: v for k, v in claims.items() if v is not None})
    assert profile.email == "admin@example.com"
    assert profile.email_verified is False
