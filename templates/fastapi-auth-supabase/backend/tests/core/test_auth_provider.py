"""Supabase's token rules: `aud`, and the legacy JWT secret's HS256 mode beside the JWKS."""

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
    InvalidTokenError,
    JWKSCache,
    SharedSecret,
    TokenVerifier,
    build_verifier,
    get_verifier,
)
from app.core.config import Settings, settings
from app.main import app
from tests.conftest import FakeJWKS, SigningKey, TokenFactory, returning
from tests.core.test_auth import b64url, claims_of


async def test_token_for_another_audience_is_rejected(
    verifier: TokenVerifier, make_token: TokenFactory
) -> None:
    with pytest.raises(InvalidTokenError, match="audience"):
        await verifier.verify(make_token(aud="https://other-api.example"))


async def test_token_without_audience_is_rejected(
    verifier: TokenVerifier, make_token: TokenFactory
) -> None:
    with pytest.raises(InvalidTokenError):
        await verifier.verify(make_token(aud=None))


LEGACY_SECRET = "legacy-supabase-jwt-secret-of-40-characters"


def legacy_token(secret: str = LEGACY_SECRET, **claims: Any) -> str:
    """An access token of a project on the legacy JWT secret: HS256, no key id."""
    now = int(time.time())
    payload = {
        "sub": "legacy_user",
        "iss": settings.auth_issuer,
        "aud": "authenticated",
        "role": "authenticated",
        "email": "legacy@example.com",
        "iat": now,
        "exp": now + 300,
        **claims,
    }
    return jwt.encode(payload, secret, algorithm="HS256")


@pytest.fixture
def legacy_verifier() -> TokenVerifier:
    return build_verifier(Settings(_env_file=None, supabase_jwt_secret=LEGACY_SECRET))


def test_jwt_secret_selects_the_hs256_mode_and_no_secret_the_jwks_mode() -> None:
    legacy = build_verifier(Settings(_env_file=None, supabase_jwt_secret=LEGACY_SECRET))
    assert isinstance(legacy.keys, SharedSecret)
    assert legacy.keys.algorithms == ("HS256",)
    modern = build_verifier(Settings(_env_file=None, supabase_jwt_secret=""))
    assert isinstance(modern.keys, JWKSCache)
    assert "HS256" not in modern.keys.algorithms


async def test_legacy_hs256_token_is_accepted_with_the_secret(
    legacy_verifier: TokenVerifier,
) -> None:
    # No JWKS is reachable here (SUPABASE_URL is a test host): the secret alone verifies.
    claims = await legacy_verifier.verify(legacy_token())
    assert claims["sub"] == "legacy_user"


async def test_legacy_mode_rejects_a_token_signed_with_another_secret(
    legacy_verifier: TokenVerifier,
) -> None:
    with pytest.raises(InvalidTokenError, match="invalid token"):
        await legacy_verifier.verify(legacy_token(secret="another-secret-that-is-long-enough-too"))


async def test_legacy_mode_rejects_asymmetric_tokens(
    legacy_verifier: TokenVerifier, make_token: TokenFactory, ec_signing_key: SigningKey
) -> None:
    # Never mixed: a valid RS256/ES256 token from the JWKS keys is refused in HS256 mode.
    for token in (make_token(), make_token(key=ec_signing_key)):
        with pytest.raises(InvalidTokenError, match="unsupported token algorithm"):
            await legacy_verifier.verify(token)


async def test_legacy_mode_rejects_hs256_signed_with_the_jwks_public_key(
    legacy_verifier: TokenVerifier, make_token: TokenFactory, signing_key: SigningKey
) -> None:
    pem = signing_key.private_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    header = {"alg": "HS256", "kid": signing_key.kid, "typ": "JWT"}
    head = b64url(json.dumps(header).encode())
    body = b64url(json.dumps(claims_of(make_token)).encode())
    signature = hmac.new(pem, f"{head}.{body}".encode(), hashlib.sha256).digest()
    with pytest.raises(InvalidTokenError, match="invalid token"):
        await legacy_verifier.verify(f"{head}.{body}.{b64url(signature)}")


async def test_jwks_mode_rejects_a_legacy_hs256_token(
    verifier: TokenVerifier, jwks_server: FakeJWKS
) -> None:
    with pytest.raises(InvalidTokenError, match="unsupported token algorithm"):
        await verifier.verify(legacy_token())
    assert jwks_server.fetches == 0


async def test_legacy_project_signs_in_through_the_api(
    client: AsyncClient, legacy_verifier: TokenVerifier
) -> None:
    app.dependency_overrides[get_verifier] = returning(legacy_verifier)
    response = await client.get(
        "/api/users/me", headers={"Authorization": f"Bearer {legacy_token()}"}
    )
    assert response.status_code == 200
    assert response.json()["email"] == "legacy@example.com"
