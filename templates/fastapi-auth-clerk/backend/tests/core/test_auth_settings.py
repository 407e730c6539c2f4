"""Clerk's settings: the endpoints derived from them."""

from typing import Any

from app.core.config import Settings


def make_settings(**values: Any) -> Settings:
    return Settings(_env_file=None, **values)


def test_auth_endpoints_are_derived_from_the_provider_settings() -> None:
    settings = make_settings(
        clerk_issuer="https://clerk.example.com/",
        clerk_authorized_parties=[],
        allowed_origins=["https://a.test"],
    )
    assert settings.auth_issuer == "https://clerk.example.com"
    assert settings.auth_jwks_url == "https://clerk.example.com/.well-known/jwks.json"
    assert settings.auth_audience is None
    assert settings.auth_authorized_parties == ["https://a.test"]
    explicit = make_settings(
        clerk_jwks_url="https://jwks.test/keys", clerk_authorized_parties=["https://b.test"]
    )
    assert explicit.auth_jwks_url == "https://jwks.test/keys"
    assert explicit.auth_authorized_parties == ["https://b.test"]
